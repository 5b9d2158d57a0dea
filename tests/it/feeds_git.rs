//! Git facts from a real repository made in the test, with fixed commit dates.

use crate::support::{git, write_file as write};
use chrono::NaiveDate;
use kehoach::derive::testkit::d;
use kehoach::git::{self, GitInfo};
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// A repository whose site folder is `site/` below the top level, with three commits.
fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    let site = top.join("site");
    git(top, &["init", "-q", "-b", "main"], None);
    write(&top.join("README.md"), "outside the site\n");
    write(&site.join("content/site.yaml"), "title: x\n");
    write(&site.join("content/teams.yaml"), "[]\n");
    git(top, &["add", "-A"], None);
    git(top, &["commit", "-q", "-m", "one"], Some("2024-02-05T09:00:00+07:00"));
    write(&site.join("content/teams.yaml"), "- id: to-1\n");
    write(&site.join("content/reports/báo cáo 1.md"), "---\n");
    git(top, &["add", "-A"], None);
    // 20:00 at UTC-5 on 13/03 is 08:00 on 14/03 in Vietnam.
    git(top, &["commit", "-q", "-m", "two"], Some("2024-03-13T20:00:00-05:00"));
    write(&top.join("README.md"), "changed outside\n");
    git(top, &["commit", "-q", "-am", "three"], Some("2024-04-01T10:00:00+07:00"));
    (dir, site)
}

#[test]
fn last_change_per_file_relative_to_the_site_root() {
    let (dir, site) = repo();
    let info = git::git_info(&site).expect("inside a work tree");
    let head = git(dir.path(), &["rev-parse", "HEAD"], None);
    assert!(head.starts_with(&info.head_short) && info.head_short.len() >= 7, "{}", info.head_short);
    assert!(!info.dirty);
    let files: Vec<(&str, NaiveDate)> = info.last_changed.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        files,
        [
            ("content/reports/báo cáo 1.md", d("2024-03-14")),
            ("content/site.yaml", d("2024-02-05")),
            ("content/teams.yaml", d("2024-03-14")),
        ]
    );
    assert_eq!(info.last_changed_of(["content/site.yaml", "content/teams.yaml"]), Some(d("2024-03-14")));
}

#[test]
fn same_commit_same_answer_and_dirty_only_for_sources() {
    let (_dir, site) = repo();
    let a = git::git_info(&site).unwrap();
    // Build output and files outside content/ and themes/ do not make the build dirty.
    write(&site.join("public/index.html"), "<html>");
    assert_eq!(git::git_info(&site).unwrap(), a);
    // An edited or a new, uncommitted content file does.
    write(&site.join("content/pages/moi.md"), "---\ntitle: Mới\n---\n");
    let b = git::git_info(&site).unwrap();
    assert!(b.dirty);
    assert_eq!(b.build_label(), format!("{} (có thay đổi chưa commit)", a.head_short));
    assert_eq!(b.last_changed, a.last_changed);
}

#[test]
fn silently_absent_outside_git_or_without_git() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("content/site.yaml"), "title: x\n");
    // Not in a work tree.
    assert_eq!(git::git_info(dir.path()), None);
    assert_eq!(git::git_info(&dir.path().join("missing")), None);
    assert_eq!(git::git_info_using(OsStr::new("/nonexistent/git"), dir.path()), None);
    // A repository with no commit yet has nothing to show.
    git(dir.path(), &["init", "-q"], None);
    assert_eq!(git::git_info(dir.path()), None);
}

/// The history is read in one pass: three git processes however many files there are.
#[test]
fn three_git_processes_whatever_the_number_of_files() {
    let (dir, site) = repo();
    for i in 0..40 {
        write(&site.join(format!("content/reports/r{i}.md")), "x\n");
    }
    git(dir.path(), &["add", "-A"], None);
    git(dir.path(), &["commit", "-q", "-m", "many"], Some("2024-05-01T10:00:00+07:00"));
    let real = git(dir.path(), &["--exec-path"], None);
    let real_git = Path::new(real.trim()).join("git");
    let log = dir.path().join("calls.log");
    let shim = dir.path().join("git-shim");
    write(
        &shim,
        format!("#!/bin/sh\necho \"$@\" >> '{}'\nexec '{}' \"$@\"\n", log.display(), real_git.display()),
    );
    Command::new("chmod").arg("+x").arg(&shim).status().unwrap();
    let info: GitInfo = git::git_info_using(shim.as_os_str(), &site).unwrap();
    assert_eq!(info.last_changed.len(), 43);
    assert_eq!(info.last_changed["content/reports/r7.md"], d("2024-05-01"));
    let calls = std::fs::read_to_string(&log).unwrap();
    assert_eq!(calls.lines().count(), 3, "{calls}");
    assert_eq!(calls.lines().filter(|l| l.contains(" log ")).count(), 1, "{calls}");
}
