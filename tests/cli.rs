//! The command line's own flags: `--base-url` is checked and normalised like site.yaml's.

use std::path::Path;
use std::process::Command;

fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

fn fixture() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid"))
}

#[test]
fn base_url_flag_is_normalised_like_site_yaml() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let st = kehoach()
        .args(["build", "--root"])
        .arg(fixture())
        .arg("--output")
        .arg(&dest)
        .args(["--base-url", "/sinhhoat"])
        .output()
        .unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    let visits = std::fs::read_to_string(dest.join("data/visits.json")).unwrap();
    assert!(visits.contains("\"/sinhhoat/bao-cao/"), "{visits}");
}

#[test]
fn base_url_flag_that_is_no_address_is_refused_and_nothing_is_written() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let st = kehoach()
        .args(["build", "--root"])
        .arg(fixture())
        .arg("--output")
        .arg(&dest)
        .args(["--base-url", "javascript:alert(1)"])
        .output()
        .unwrap();
    assert!(!st.status.success());
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(err.contains("invalid base_url `javascript:alert(1)`"), "{err}");
    assert!(!dest.exists());
}
