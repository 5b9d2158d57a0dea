//! Files the operating system and office programs leave in folders (Thumbs.db,
//! desktop.ini, .DS_Store, Word's `~$…` lock files) are not content: a build ignores them
//! wherever they are under content/, never publishes them, and `check --verbose` says so.

use crate::support::*;
use kehoach::derive::testkit::fixture;

const JUNK: [&str; 7] = [
    "content/reports/2024-03/Thumbs.db",
    "content/reports/2024-03/~$-1-2024-03-chi-bo.md",
    "content/reports/desktop.ini",
    "content/pages/.DS_Store",
    "content/pages/~$huong-dan.md",
    "content/static/Thumbs.db",
    "content/desktop.ini",
];

fn site_with_junk() -> tempfile::TempDir {
    // Lock files hold a few bytes of binary: not UTF-8, not YAML.
    JUNK.iter().fold(fixture("minimal"), |site, f| site.with_file(f, [0xff, 0xfe, 0x00, b'x'])).write()
}

#[test]
fn a_site_with_os_files_builds_and_publishes_none_of_them() {
    let dir = site_with_junk();
    let files = build(dir.path().to_str().unwrap(), &[]);
    for path in files.keys() {
        let name = path.rsplit('/').next().unwrap();
        assert!(
            !kehoach::load::junk::is_os_junk(name) && !name.eq_ignore_ascii_case("thumbs.db"),
            "published {path}"
        );
    }
    assert!(files.contains_key("static/ke-hoach-ky.txt"), "the real static file is still copied");
}

#[test]
fn check_verbose_lists_the_files_it_skipped() {
    let dir = site_with_junk();
    let o = kehoach().args(["check", "--verbose", "--root"]).arg(dir.path()).output().unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for f in JUNK {
        assert!(err.contains(&format!("bỏ qua `{f}`")), "{f} not named in:\n{err}");
    }
    let quiet = kehoach().args(["check", "--root"]).arg(dir.path()).output().unwrap();
    assert!(quiet.status.success());
    assert!(!stderr(&quiet).contains("bỏ qua"), "only with --verbose");
}
