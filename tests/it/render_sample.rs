//! The bundled sample site (`content/` of this repository) builds into a site whose links
//! all resolve, with nothing from outside, no restricted text, identical on every build.

use crate::support::render::*;
use crate::support::*;

#[test]
fn the_sample_site_builds_whole_and_deterministically() {
    let a = build(SAMPLE, &[]);
    assert_eq!(broken_links(&a, "/"), Vec::<(String, String)>::new());
    let pages = a.keys().filter(|p| p.ends_with(".html")).count();
    assert!(pages > 100, "{pages} pages");
    // Restricted report of the sample: neither its page nor its text.
    assert!(!a.keys().any(|p| p.contains("to-4-2024-06-chi-bo/")));
    for needle in ["tiền cước dịch vụ thu hộ", "khiển trách", "Quy định số 69-QĐ/TW"] {
        assert_eq!(files_containing(&a, needle), Vec::<String>::new(), "{needle}");
    }
    let b = build(SAMPLE, &[]);
    assert!(a == b, "two builds differ");
    let full = build(SAMPLE, &["--include-restricted"]);
    assert!(text(&full, "bao-cao/to-4-2024-06-chi-bo/index.html").contains("khiển trách"));
    assert_eq!(broken_links(&full, "/"), Vec::<(String, String)>::new());
}

#[test]
fn the_minimal_fixture_builds_every_page_with_links_that_resolve() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal");
    let f = build(root, &[]);
    for p in
        ["index.html", "ke-hoach/index.html", "theo-doi/index.html", "tong-hop/index.html", "lich/index.html"]
    {
        assert!(f.contains_key(p), "{p}");
    }
    assert_eq!(broken_links(&f, "/"), Vec::<(String, String)>::new());
}
