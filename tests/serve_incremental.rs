//! The dev server's incremental rebuild: after an edit of one report, only the outputs
//! the edit affects are rendered and rewritten, and the folder then equals a full build
//! of the edited content, byte for byte.

mod support;

use chrono::NaiveDate;
use kehoach::build::{self, Options};
use kehoach::serve::change::Change;
use kehoach::serve::session::{Outcome, Session};
use std::fs;
use std::path::Path;
use support::{copy_tree, read_dir};

fn options(root: &Path, output: &Path) -> Options {
    let mut o = Options::new(root);
    o.output = output.to_path_buf();
    o.as_of = NaiveDate::from_ymd_opt(2024, 8, 20);
    o
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", file.display());
    fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edited_report_rewrites_only_what_it_affects_and_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
    let served = dir.path().join("served");
    let mut session = Session::new(options(&root, &served));
    let Outcome::Built { files: all, .. } = session.rebuild(&[]) else { panic!("first build failed") };

    let rel = "content/reports/2024-03/to-1-2024-03-chi-bo.md";
    let report = root.join(rel);
    let edits = [
        ("## Nội dung sinh hoạt\n", "## Nội dung sinh hoạt\n\nMột câu mới được thêm vào.\n"),
        ("rating: kha", "rating: tot"),
        ("held_on: 2024-03-07", "held_on: 2024-04-02"),
    ];
    for (from, to) in edits {
        edit(&report, from, to);
        let outcome = session.rebuild(&[Change::Report(rel.to_string())]);
        let Outcome::Built { files, .. } = outcome else { panic!("rebuild failed: {outcome:?}") };
        assert!(files * 4 < all, "an edit of one report re-rendered {files} of {all} files");

        let full = dir.path().join("full");
        build::build(&options(&root, &full)).unwrap();
        let (a, b) = (read_dir(&served), read_dir(&full));
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "after {to:?}");
        for (path, bytes) in &a {
            assert!(bytes == &b[path], "{path} differs from a full build after the edit {to:?}");
        }
    }
}
