//! The dev server's incremental rebuild: after an edit of one report, only the outputs
//! the edit affects are rendered and rewritten, and the folder then equals a full build
//! of the edited content, byte for byte.

use crate::support::{edit_file as edit, read_dir, write_file};
use chrono::NaiveDate;
use kehoach::build::{self, Options};
use kehoach::derive::testkit::sample_content;
use kehoach::serve::change::Change;
use kehoach::serve::session::{Outcome, Session};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn options(root: &Path, output: &Path) -> Options {
    let mut o = Options::new(root);
    o.output = output.to_path_buf();
    o.as_of = NaiveDate::from_ymd_opt(2024, 8, 20);
    o
}

/// No page open in a browser: every affected output is rendered at once.
fn none() -> BTreeSet<String> {
    BTreeSet::new()
}

#[test]
fn an_edited_report_rewrites_only_what_it_affects_and_equals_a_full_build() {
    let (dir, root, served, mut session) = sample_session();
    let Outcome::Built { files: all, .. } = session.rebuild(&[], &none()) else {
        panic!("first build failed")
    };

    let rel = "content/reports/2024-03/to-1-2024-03-chi-bo.md";
    let report = root.join(rel);
    let edits = [
        ("## Nội dung sinh hoạt\n", "## Nội dung sinh hoạt\n\nMột câu mới được thêm vào.\n"),
        ("rating: kha", "rating: tot"),
        ("held_on: 2024-03-07", "held_on: 2024-04-02"),
    ];
    for (from, to) in edits {
        edit(&report, from, to);
        let outcome = session.rebuild(&[Change::Report(rel.to_string())], &none());
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
    let (a, b) = (read_dir(served), read_dir(&full));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "after {after}");
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs from a full build after {after}");
    }
}

/// The sample site copied to a temporary folder, and a session serving it (not built yet).
fn sample_session() -> (tempfile::TempDir, PathBuf, PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    sample_content().write_to(&root);
    let served = dir.path().join("served");
    let session = Session::new(options(&root, &served));
    (dir, root, served, session)
}

fn reparsed_files(outcome: &Outcome) -> usize {
    match outcome {
        Outcome::Built { reparsed_files, .. } => *reparsed_files,
        Outcome::Failed { rendered, .. } => panic!("rebuild failed:\n{rendered}"),
    }
}

#[test]
fn an_edit_reparses_one_file_and_a_sequence_of_edits_equals_a_full_build() {
    let (dir, root, served, mut session) = sample_session();
    let first = session.rebuild(&[], &none());
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
    assert_eq!(reparsed_files(&session.rebuild(&[report(a)], &none())), 1);
    assert_equals_full_build(&root, &served, dir.path(), "editing a report");

    // Delete a report: nothing to parse, the report is gone.
    fs::remove_file(root.join(b)).unwrap();
    assert_eq!(reparsed_files(&session.rebuild(&[report(b)], &none())), 0);
    assert_equals_full_build(&root, &served, dir.path(), "deleting a report");

    // Add it back under another name, in a month folder that did not exist.
    write_file(&root.join(moved), &b_text);
    assert_eq!(reparsed_files(&session.rebuild(&[report(moved)], &none())), 1);
    assert_equals_full_build(&root, &served, dir.path(), "adding a report in a new folder");

    // Break a report: the errors are reported (the overlay), nothing is written.
    let before = read_dir(&served);
    fs::write(root.join(a), a_text.replacen("held_on:", "held_on: [", 1)).unwrap();
    let broken = session.rebuild(&[report(a)], &none());
    let Outcome::Failed { errors, rendered } = &broken else { panic!("a broken report built: {broken:?}") };
    assert!(!errors.is_empty());
    assert!(rendered.contains(a), "the error names the file: {rendered}");
    assert!(read_dir(&served) == before, "a failed rebuild changed the served folder");
    // A template change meanwhile does not hide the errors.
    let theme = Change::Template("themes/default/templates/base.html".into());
    assert!(matches!(session.rebuild(std::slice::from_ref(&theme), &none()), Outcome::Failed { .. }));

    // Fix it: one file parsed, and the folder is the full build again.
    fs::write(root.join(a), &a_text).unwrap();
    assert_eq!(reparsed_files(&session.rebuild(&[report(a)], &none())), 1);
    assert_equals_full_build(&root, &served, dir.path(), "fixing the report");

    // A data file is parsed on its own too.
    edit(&root.join("content/teams.yaml"), "name:", "name: ");
    let outcome = session.rebuild(&[Change::Data(kehoach::serve::change::DataFile::Teams)], &none());
    assert_eq!(reparsed_files(&outcome), 1);
    assert_equals_full_build(&root, &served, dir.path(), "editing teams.yaml");
}

#[test]
fn the_pages_open_in_a_browser_come_first_and_the_rest_follows() {
    let (dir, root, served, mut session) = sample_session();
    assert!(matches!(session.rebuild(&[], &none()), Outcome::Built { .. }));

    let rel = "content/reports/2024-03/to-1-2024-03-chi-bo.md";
    let page = "bao-cao/to-1-2024-03-chi-bo/index.html";
    let synthesis = "tong-hop/index.html";
    let before_synthesis = fs::read(served.join(synthesis)).unwrap();
    edit(&root.join(rel), "rating: kha", "rating: tot");
    // The report's page is open (and a page the edit does not touch).
    let viewed: BTreeSet<String> = [page, "trang/huong-dan-chuan-bi/index.html"].map(String::from).into();
    let outcome = session.rebuild(&[Change::Report(rel.to_string())], &viewed);
    let Outcome::Built { files, deferred, .. } = outcome else { panic!("rebuild failed: {outcome:?}") };
    assert_eq!(files, 1, "only the page open in a browser is rendered first");
    assert!(deferred > 5, "the other affected outputs follow: {deferred}");
    assert!(session.has_pending());
    let html = fs::read_to_string(served.join(page)).unwrap();
    assert!(html.contains("r-tot"), "the open page shows the edit");
    assert_eq!(fs::read(served.join(synthesis)).unwrap(), before_synthesis, "not yet the synthesis");

    let later = session.finish().expect("the rest is pending");
    let Outcome::Built { files, .. } = later else { panic!("the rest failed: {later:?}") };
    assert_eq!(files, deferred);
    assert!(!session.has_pending());
    assert!(session.finish().is_none());
    assert_equals_full_build(&root, &served, dir.path(), "the rest is done");
}

#[test]
fn what_a_rebuild_left_is_done_by_the_next_one() {
    let (dir, root, served, mut session) = sample_session();
    assert!(matches!(session.rebuild(&[], &none()), Outcome::Built { .. }));
    let a = "content/reports/2024-03/to-1-2024-03-chi-bo.md";
    let viewed: BTreeSet<String> = ["bao-cao/to-1-2024-03-chi-bo/index.html".to_string()].into();
    edit(&root.join(a), "rating: kha", "rating: tot");
    assert!(matches!(session.rebuild(&[Change::Report(a.into())], &viewed), Outcome::Built { .. }));
    assert!(session.has_pending());
    // Another edit before the rest was done, with no browser: everything is brought up to date.
    edit(&root.join(a), "rating: tot", "rating: kha");
    assert!(matches!(session.rebuild(&[Change::Report(a.into())], &none()), Outcome::Built { .. }));
    assert!(!session.has_pending());
    assert_equals_full_build(&root, &served, dir.path(), "a second edit");
}
