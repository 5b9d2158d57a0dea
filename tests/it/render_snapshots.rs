//! Snapshots of the key pages of the small fixture `tests/fixtures/render` (the `<main>`
//! of each; the home page whole, for the head and the menu).

use crate::support::render::*;
use crate::support::*;
use std::sync::OnceLock;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/render");

fn site() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    // Built from a copy outside git: the footer then has no commit or date to change.
    FILES.get_or_init(|| build_outside_git(FIXTURE, &[]))
}

/// The `<main>` element of a page, blank lines dropped.
fn main_of(path: &str) -> String {
    let html = text(site(), path);
    let start = html.find("<main").unwrap_or_else(|| panic!("no <main> in {path}"));
    let end = html.find("</main>").unwrap() + "</main>".len();
    html[start..end].lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

#[test]
fn home_page() {
    let html = text(site(), "index.html");
    let compact: String = html.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("home", compact);
}

#[test]
fn key_pages() {
    for (name, path) in [
        ("plan", "ke-hoach/index.html"),
        ("team", "to-cong-tac/to-1/index.html"),
        ("units", "don-vi/index.html"),
        ("unit", "don-vi/cb-ngan-hang/index.html"),
        ("calendar", "lich/index.html"),
        ("month", "lich/2024-03/index.html"),
        ("reports", "bao-cao/index.html"),
        ("report", "bao-cao/to-2-2024-03-chi-bo/index.html"),
        ("dashboard", "theo-doi/index.html"),
        ("synthesis", "tong-hop/index.html"),
        ("page", "trang/huong-dan/index.html"),
        ("search", "tim-kiem/index.html"),
    ] {
        insta::assert_snapshot!(name, main_of(path));
    }
}

#[test]
fn small_fixture_links_resolve_and_withholds_restricted() {
    assert_eq!(broken_links(site(), "/sinhhoat/"), Vec::<(String, String)>::new());
    for needle in [
        "VĂN-BẢN-HẠN-CHẾ",
        "KIẾN-NGHỊ-HẠN-CHẾ",
        "TRANG-HẠN-CHẾ",
        "Trang nội bộ",
        "NHÁP-KHÔNG-CÔNG-BỐ",
        "Trang nháp",
    ] {
        assert_eq!(files_containing(site(), needle), Vec::<String>::new(), "{needle}");
    }
    assert!(site().contains_key("static/mau.txt"), "content/static is copied");
    let full = build(FIXTURE, &["--include-restricted"]);
    assert!(text(&full, "trang/noi-bo/index.html").contains("TRANG-HẠN-CHẾ"));
    assert!(!full.keys().any(|p| p.starts_with("trang/nhap")), "drafts never");
}
