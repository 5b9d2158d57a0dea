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

/// The served folder equals a full build of the content as it is now.
fn assert_equals_full_build(root: &Path, served: &Path, scratch: &Path, after: &str) {
    let full = scratch.join("full");
    build::build(&options(root, &full)).unwrap();
    let (a, b) = (tree(served), tree(&full));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "after {after}");
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs from a full build after {after}");
    }
}

fn reparsed_files(outcome: &Outcome) -> usize {
    match outcome {
        Outcome::Built { reparsed_files, .. } => *reparsed_files,
        Outcome::Failed { rendered, .. } => panic!("rebuild failed:\n{rendered}"),
    }
}

#[test]
fn an_edit_reparses_one_file_and_a_sequence_of_edits_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
    let served = dir.path().join("served");
    let mut session = Session::new(options(&root, &served));
    let first = session.rebuild(&[]);
    let all_files = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md" || x == "yaml"))
        .count();
    assert_eq!(reparsed_files(&first), all_files, "the first build parses every file");

    let a = "content/reports/2024-03/to-1-2024-03-chi-bo.md";
    let b = "content/reports/2024-05/to-2-2024-05-chi-bo.md";
    let moved = "content/reports/2024-06/to-2-2024-05-chi-bo-ban-moi.md";
    let b_text = fs::read_to_string(root.join(b)).unwrap();
    let a_text = fs::read_to_string(root.join(a)).unwrap();
    let report = |p: &str| Change::Report(p.to_string());

    // Edit one report: exactly that file is parsed again.
    edit(&root.join(a), "## Nội dung sinh hoạt\n", "## Nội dung sinh hoạt\n\nThêm một câu.\n");
    assert_eq!(reparsed_files(&session.rebuild(&[report(a)])), 1);
    assert_equals_full_build(&root, &served, dir.path(), "editing a report");

    // Delete a report: nothing to parse, the report is gone.
    fs::remove_file(root.join(b)).unwrap();
    assert_eq!(reparsed_files(&session.rebuild(&[report(b)])), 0);
    assert_equals_full_build(&root, &served, dir.path(), "deleting a report");

    // Add it back under another name, in a month folder that did not exist.
    fs::create_dir_all(root.join(moved).parent().unwrap()).unwrap();
    fs::write(root.join(moved), &b_text).unwrap();
    assert_eq!(reparsed_files(&session.rebuild(&[report(moved)])), 1);
    assert_equals_full_build(&root, &served, dir.path(), "adding a report in a new folder");

    // Break a report: the errors are reported (the overlay), nothing is written.
    let before = tree(&served);
    fs::write(root.join(a), a_text.replacen("held_on:", "held_on: [", 1)).unwrap();
    let broken = session.rebuild(&[report(a)]);
    let Outcome::Failed { errors, rendered } = &broken else { panic!("a broken report built: {broken:?}") };
    assert!(!errors.is_empty());
    assert!(rendered.contains(a), "the error names the file: {rendered}");
    assert!(tree(&served) == before, "a failed rebuild changed the served folder");
    // A template change meanwhile does not hide the errors.
    let theme = Change::Template("themes/default/templates/base.html".into());
    assert!(matches!(session.rebuild(std::slice::from_ref(&theme)), Outcome::Failed { .. }));

    // Fix it: one file parsed, and the folder is the full build again.
    fs::write(root.join(a), &a_text).unwrap();
    assert_eq!(reparsed_files(&session.rebuild(&[report(a)])), 1);
    assert_equals_full_build(&root, &served, dir.path(), "fixing the report");

    // A data file is parsed on its own too.
    edit(&root.join("content/teams.yaml"), "name:", "name: ");
    let outcome = session.rebuild(&[Change::Data(kehoach::serve::change::DataFile::Teams)]);
    assert_eq!(reparsed_files(&outcome), 1);
    assert_equals_full_build(&root, &served, dir.path(), "editing teams.yaml");
}
