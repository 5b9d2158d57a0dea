//! The project's own copy of the format contract (`docs/format.md`) carries the README's
//! additions word for word (`scripts/format-doc` copies them).

use std::path::Path;

#[test]
fn docs_format_carries_the_readme_additions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let format = std::fs::read_to_string(root.join("docs/format.md")).unwrap();
    let head = "## What kehoach decides where FORMAT.md is silent\n";
    let start = readme.find(head).expect("the README's section") + head.len();
    let end = start + readme[start..].find("\n## ").expect("a section after it");
    let section = format!("{}\n", readme[start..end].trim_matches('\n'));
    let (contract, additions) = format.split_once("# Additions by kehoach\n").expect("the additions");
    assert!(contract.contains("## The editor (only in `kehoach serve`)"), "the contract comes first");
    assert!(
        additions.ends_with(&section),
        "docs/format.md's additions differ from the README's: run scripts/format-doc"
    );
}
