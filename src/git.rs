//! What git knows about the site folder: the commit it is built from, whether the content
//! has uncommitted changes, and the day each file last changed.
//!
//! Three processes in all, whatever the number of files: `git rev-parse` (inside a work
//! tree? the short hash of HEAD), `git status --porcelain` (dirty?) and ONE `git log
//! --name-only` over the whole history of the site folder, parsed by [`parse_log`]. Days
//! are committer dates in Asia/Ho_Chi_Minh (UTC+7), so the same commit gives the same
//! output on any machine. Outside a work tree, with no commit yet, or without git
//! installed, [`git_info`] is `None` and nothing is reported.

use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

/// Length of the short hash shown in the footer (git lengthens it when ambiguous).
pub const SHORT_HASH: usize = 7;

/// Folders under the site root whose uncommitted changes make a build "dirty": what a
/// build reads (content, themes, the site's own template overrides); the output folder,
/// often `public/`, is not one of them.
pub const SOURCE_DIRS: [&str; 3] = ["content", "themes", "templates"];

/// Git facts about a site folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitInfo {
    /// Short hash of HEAD, e.g. `decac3a`.
    pub head_short: String,
    /// `content/`, `themes/` or `templates/` has uncommitted (or untracked) changes.
    pub dirty: bool,
    /// Each file ever committed under the site root (path relative to the root, `/`
    /// separators, e.g. `content/schedule.yaml`) → the day of its last commit, in Vietnam.
    pub last_changed: BTreeMap<String, NaiveDate>,
}

impl GitInfo {
    /// The latest day any of `files` changed (for a page built from several files);
    /// `None` when none of them is committed.
    pub fn last_changed_of<'a>(&self, files: impl IntoIterator<Item = &'a str>) -> Option<NaiveDate> {
        files.into_iter().filter_map(|f| self.last_changed.get(f).copied()).max()
    }

    /// The footer's build mark: `decac3a`, or `decac3a (có thay đổi chưa commit)`.
    pub fn build_label(&self) -> String {
        if self.dirty {
            format!("{} (có thay đổi chưa commit)", self.head_short)
        } else {
            self.head_short.clone()
        }
    }
}

/// Vietnam's offset, UTC+7 (no daylight saving).
fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// Marks the start of each commit in the log output.
const COMMIT_MARK: char = '\u{1}';

/// Parse the output of `git log -z --format=%x01%cI --name-only`: records
/// `\x01<ISO date>\0\n<path>\0<path>\0…`. Each path maps to the latest day (in Vietnam)
/// of the commits that name it. Records whose date does not parse are skipped.
pub fn parse_log(out: &str) -> BTreeMap<String, NaiveDate> {
    let mut map: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for record in out.split(COMMIT_MARK).filter(|r| !r.is_empty()) {
        let mut fields = record.split('\0');
        let Some(date) = fields.next().and_then(|d| DateTime::parse_from_rfc3339(d.trim()).ok()) else {
            continue;
        };
        let day = date.with_timezone(&vietnam()).date_naive();
        for path in fields.map(|p| p.trim_start_matches('\n')).filter(|p| !p.is_empty()) {
            map.entry(path.to_string()).and_modify(|d| *d = (*d).max(day)).or_insert(day);
        }
    }
    map
}

/// Run `program` (git) in `root` and return its standard output when it succeeds.
fn git(program: &OsStr, root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotePath=false", "-c", "log.showSignature=false"])
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

/// Is `root` inside a git work tree (and git installed)? (The editor commits, and `new
/// plan --convert` moves files with git, only there.)
pub fn is_work_tree(root: &Path) -> bool {
    git(OsStr::new("git"), root, &["rev-parse", "--is-inside-work-tree"])
        .is_some_and(|out| out.starts_with("true"))
}

/// Git facts about the site folder `root`, or `None` outside a git work tree (silently).
pub fn git_info(root: &Path) -> Option<GitInfo> {
    git_info_using(OsStr::new("git"), root)
}

/// [`git_info`] with the git program to run (a path, or a name looked up in `PATH`).
pub fn git_info_using(program: &OsStr, root: &Path) -> Option<GitInfo> {
    let git = |args: &[&str]| git(program, root, args);
    let short = format!("--short={SHORT_HASH}");
    let head_args = ["rev-parse", "--is-inside-work-tree", &short, "HEAD"];
    let mut status_args = vec!["status", "--porcelain", "--untracked-files=normal", "--"];
    status_args.extend(SOURCE_DIRS);
    // The log covers `content/` only: the stamps date content files, and a log of the
    // whole repository walks every commit's tree.
    let log_args =
        ["log", "-z", "--format=%x01%cI", "--name-only", "--relative", "--no-color", "--", "content"];
    // The three at once (each is a process that mostly waits on the disk; outside a work
    // tree, each fails at once).
    let (head, status, log) = std::thread::scope(|s| {
        let head = s.spawn(|| git(&head_args));
        let status = s.spawn(|| git(&status_args));
        let log = git(&log_args);
        (head.join().ok().flatten(), status.join().ok().flatten(), log)
    });
    let head = head?;
    let mut lines = head.lines();
    if lines.next()? != "true" {
        return None;
    }
    let head_short = lines.next()?.trim().to_string();
    let dirty = !status?.trim().is_empty();
    let log = log?;
    Some(GitInfo { head_short, dirty, last_changed: parse_log(&log) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn latest_commit_per_path_in_vietnam_time() {
        let out = "\u{1}2024-03-20T23:30:00Z\0\ncontent/bài/q\"x.md\0content/a.md\0\
                   \u{1}2024-03-14T20:00:00-05:00\0\ncontent/a.md\0content/old.md\0";
        let map = parse_log(out);
        // 23:30 UTC on the 20th is 06:30 on the 21st in Vietnam.
        assert_eq!(map["content/bài/q\"x.md"], d("2024-03-21"));
        assert_eq!(map["content/a.md"], d("2024-03-21"));
        // 20:00 at UTC-5 is 08:00 the next day in Vietnam.
        assert_eq!(map["content/old.md"], d("2024-03-15"));
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn order_of_commits_does_not_matter() {
        let a = "\u{1}2024-01-01T10:00:00+07:00\0\nx\0\u{1}2024-05-01T10:00:00+07:00\0\nx\0";
        assert_eq!(parse_log(a)["x"], d("2024-05-01"));
    }

    #[test]
    fn empty_commits_and_bad_dates_are_skipped() {
        let out = "\u{1}2024-01-01T10:00:00+07:00\0\u{1}garbage\0\ny\0\u{1}2024-02-02T00:00:00+07:00\0\nz\0";
        let map = parse_log(out);
        assert_eq!(map.keys().collect::<Vec<_>>(), ["z"]);
        assert!(parse_log("").is_empty());
    }

    #[test]
    fn labels_and_latest_of_several_files() {
        let mut info = GitInfo { head_short: "abc1234".into(), dirty: false, last_changed: BTreeMap::new() };
        info.last_changed.insert("content/teams.yaml".into(), d("2024-02-01"));
        info.last_changed.insert("content/schedule.yaml".into(), d("2024-03-01"));
        assert_eq!(info.build_label(), "abc1234");
        assert_eq!(
            info.last_changed_of(["content/teams.yaml", "content/schedule.yaml", "content/new.md"]),
            Some(d("2024-03-01"))
        );
        assert_eq!(info.last_changed_of(["content/new.md"]), None);
        info.dirty = true;
        assert_eq!(info.build_label(), "abc1234 (có thay đổi chưa commit)");
    }
}
