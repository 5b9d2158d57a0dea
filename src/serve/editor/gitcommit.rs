//! "Ghi nhận": commit exactly the files the editor wrote, when the site is a git work tree
//! (the author is whoever git's config names; the message names the reports and visits).

use std::path::Path;
use std::process::Command;

/// The message of a commit of `what` (one line per file: "báo cáo …", "lịch …").
pub fn message(what: &[String]) -> String {
    let mut m = match what {
        [one] => format!("Soạn thảo: {one}"),
        _ => format!("Soạn thảo: {} tệp", what.len()),
    };
    if what.len() > 1 {
        m.push_str("\n\n");
        for w in what {
            m.push_str(&format!("- {w}\n"));
        }
    }
    m
}

/// Commit `files` (relative to `root`) and nothing else; git's own message on failure.
pub fn commit(root: &Path, files: &[String], message: &str) -> Result<(), String> {
    let run = |args: &[&str]| -> Result<(), String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .map_err(|e| format!("không chạy được git: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    };
    let mut add = vec!["add", "--"];
    add.extend(files.iter().map(String::as_str));
    run(&add)?;
    let mut commit = vec!["commit", "--quiet", "-m", message, "--only", "--"];
    commit.extend(files.iter().map(String::as_str));
    run(&commit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(root: &Path, args: &[&str]) -> String {
        let out = Command::new("git").arg("-C").arg(root).args(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    #[test]
    fn commits_only_the_files_named() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(!crate::git::is_work_tree(root));
        git(root, &["init", "-q"]);
        git(root, &["config", "user.name", "Cán bộ Ban Tổ chức"]);
        git(root, &["config", "user.email", "btc@example.invalid"]);
        std::fs::create_dir_all(root.join("content/reports")).unwrap();
        std::fs::write(root.join("content/reports/a.md"), "a").unwrap();
        std::fs::write(root.join("content/other.yaml"), "o").unwrap();
        git(root, &["add", "content/other.yaml"]);
        assert!(crate::git::is_work_tree(root));
        let what = vec!["báo cáo to-1-2024-03-chi-bo".to_string()];
        commit(root, &["content/reports/a.md".into()], &message(&what)).unwrap();
        let log = git(root, &["log", "--format=%an|%s", "--name-only"]);
        assert!(log.starts_with("Cán bộ Ban Tổ chức|Soạn thảo: báo cáo to-1-2024-03-chi-bo"), "{log}");
        assert!(log.contains("content/reports/a.md") && !log.contains("other.yaml"), "{log}");
        let status = git(root, &["status", "--porcelain"]);
        assert!(status.contains("A  content/other.yaml"), "the other staged file stays staged: {status}");
    }
}
