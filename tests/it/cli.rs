//! The command line's own flags: `--base-url` is checked and normalised like site.yaml's.

use crate::support::{VALID, run};
use std::path::Path;

#[test]
fn base_url_flag_is_normalised_like_site_yaml() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let st = run(Path::new(VALID), &dest, &["--base-url", "/sinhhoat"]);
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    let visits = std::fs::read_to_string(dest.join("data/visits.json")).unwrap();
    assert!(visits.contains("\"/sinhhoat/bao-cao/"), "{visits}");
}

#[test]
fn base_url_flag_that_is_no_address_is_refused_and_nothing_is_written() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let st = run(Path::new(VALID), &dest, &["--base-url", "javascript:alert(1)"]);
    assert!(!st.status.success());
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(err.contains("base_url không hợp lệ `javascript:alert(1)`"), "{err}");
    assert!(!dest.exists());
}
