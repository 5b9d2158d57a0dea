//! A one-plan site builds byte for byte as it did before sites could hold several plans:
//! the manifest (path, length, 64-bit FxHash of the bytes) of the sample's build, default
//! and `--include-restricted --base-url /sinhhoat/`, against the snapshot taken when they
//! did. A change to any output file changes its line; review it with `cargo insta review`
//! when the change is meant.

use crate::support;
use std::hash::Hasher;
use std::path::Path;

fn manifest(extra: &[&str]) -> String {
    let files = support::build_outside_git(env!("CARGO_MANIFEST_DIR"), extra);
    let mut out = String::new();
    for (path, bytes) in &files {
        let mut h = rustc_hash::FxHasher::default();
        h.write(bytes);
        out.push_str(&format!("{path} {} {:016x}\n", bytes.len(), h.finish()));
    }
    out
}

#[test]
fn the_sample_builds_byte_for_byte_as_before() {
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/plan.md").is_file());
    insta::assert_snapshot!("sample_default", manifest(&[]));
    insta::assert_snapshot!(
        "sample_restricted_subpath",
        manifest(&["--include-restricted", "--base-url", "/sinhhoat/"])
    );
}
