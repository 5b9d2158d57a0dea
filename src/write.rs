//! Write: put a build's files in place atomically.
//!
//! The files go into a fresh folder beside the output; only when every file is written is
//! that folder swapped in for the output. A failed or interrupted build leaves the previous
//! output untouched. The output carries a marker file so that kehoach never replaces a
//! folder it did not write unless asked to (`--force`).

use crate::render::OutputFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as kehoach's output.
pub const MARKER: &str = ".kehoach";

#[derive(Debug)]
pub enum WriteError {
    /// The output folder is, or contains, the site root or its `content/`.
    Dangerous(PathBuf),
    /// The output folder exists, is not empty, and was not written by kehoach.
    NotOurs(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            WriteError::Dangerous(p) => write!(
                f,
                "refusing to write the site into `{}`: it is or contains the site's own files",
                p.display()
            ),
            WriteError::NotOurs(p) => write!(
                f,
                "`{}` exists, is not empty and was not written by kehoach; use --force to replace it",
                p.display()
            ),
            WriteError::Io(p, e) => write!(f, "cannot write `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_err(p: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(p.to_path_buf(), e)
}

/// Absolute, normalised form of a path that may not exist yet.
fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Resolve symlinks of the part that exists.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// Refuse outputs that would overwrite the site itself.
pub fn check_output(root: &Path, output: &Path, force: bool) -> Result<(), WriteError> {
    let out = absolute(output);
    let root = absolute(root);
    let content = root.join("content");
    if root.starts_with(&out) || content.starts_with(&out) || out.starts_with(&content) {
        return Err(WriteError::Dangerous(out));
    }
    if !force && out.is_dir() && !out.join(MARKER).exists() {
        let non_empty = fs::read_dir(&out).map_err(io_err(&out))?.next().is_some();
        if non_empty {
            return Err(WriteError::NotOurs(out));
        }
    }
    Ok(())
}

/// Write `files` as the new content of `output`, atomically.
pub fn write_atomic(output: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let output = absolute(output);
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let name =
        output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    remove_stale(&parent, &name);
    let stamp = format!("{}-{}", std::process::id(), unique());
    let tmp = parent.join(format!(".{name}.kehoach-new-{stamp}"));
    let result = write_all(&tmp, files).and_then(|()| swap(&tmp, &output, &parent, &name, &stamp));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Remove the temporary folders that a killed build left beside the output
/// (`.<name>.kehoach-new-<pid>-<n>`, `.<name>.kehoach-old-<pid>-<n>`), unless the build
/// that made them is still running. A build killed between the two renames of [`swap`]
/// left no output but the previous one as `…-old-…`: that is put back first.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let mut stale: Vec<(bool, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&format!(".{name}.kehoach-"))) else {
            continue;
        };
        let (old, stamp) = match (rest.strip_prefix("old-"), rest.strip_prefix("new-")) {
            (Some(stamp), _) => (true, stamp),
            (None, Some(stamp)) => (false, stamp),
            (None, None) => continue,
        };
        let pid = stamp.split('-').next().unwrap_or("");
        if !process_alive(pid) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            stale.push((old, entry.path()));
        }
    }
    let output = parent.join(name);
    for (old, path) in stale {
        if old && !output.exists() && fs::rename(&path, &output).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(path);
    }
}

/// Whether process `pid` is running; where that cannot be told, only this process is.
fn process_alive(pid: &str) -> bool {
    if pid == std::process::id().to_string() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid).exists()
}

fn unique() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

fn write_all(dir: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    for f in files {
        let path = dir.join(&f.path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(io_err(p))?;
        }
        fs::write(&path, &f.bytes).map_err(io_err(&path))?;
    }
    let marker = dir.join(MARKER);
    fs::write(&marker, b"This folder is written by kehoach build; it is replaced on every build.\n")
        .map_err(io_err(&marker))
}

fn swap(tmp: &Path, output: &Path, parent: &Path, name: &str, stamp: &str) -> Result<(), WriteError> {
    if output.exists() {
        let old = parent.join(format!(".{name}.kehoach-old-{stamp}"));
        fs::rename(output, &old).map_err(io_err(output))?;
        if let Err(e) = fs::rename(tmp, output) {
            let _ = fs::rename(&old, output);
            return Err(WriteError::Io(output.to_path_buf(), e));
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(tmp, output).map_err(io_err(output))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn replaces_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_atomic(&out, &[file("a/index.html", "one"), file("old.txt", "x")]).unwrap();
        write_atomic(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("old.txt").exists());
        assert!(out.join(MARKER).exists());
        // nothing left beside it
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn refuses_site_root_and_content_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(matches!(check_output(root, root, true), Err(WriteError::Dangerous(_))));
        assert!(matches!(check_output(root, &root.join("content"), true), Err(WriteError::Dangerous(_))));
        assert!(matches!(check_output(root, &root.join("content/x"), true), Err(WriteError::Dangerous(_))));
        let foreign = root.join("docs");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(matches!(check_output(root, &foreign, false), Err(WriteError::NotOurs(_))));
        assert!(check_output(root, &foreign, true).is_ok());
        assert!(check_output(root, &root.join("public"), false).is_ok());
    }

    #[test]
    fn removes_folders_left_by_killed_builds_only() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let dead = dir.path().join(".public.kehoach-new-4294967295-1");
        let dead_old = dir.path().join(".public.kehoach-old-4294967295-2");
        let running = dir.path().join(format!(".public.kehoach-new-{}-3", std::process::id()));
        let other = dir.path().join(".docs.kehoach-new-4294967295-1");
        for d in [&dead, &dead_old, &running, &other] {
            fs::create_dir_all(d.join("sub")).unwrap();
            fs::write(d.join("sub/index.html"), "half").unwrap();
        }
        write_atomic(&out, &[file("index.html", "new")]).unwrap();
        assert!(!dead.exists() && !dead_old.exists());
        assert!(running.exists(), "a running build's folder is kept");
        assert!(other.exists(), "another output's folder is kept");
    }

    #[test]
    fn a_build_killed_between_the_renames_gets_its_previous_output_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        // The state after `rename(output, old)` and before `rename(new, output)`.
        let old = dir.path().join(".public.kehoach-old-4294967295-7");
        let new = dir.path().join(".public.kehoach-new-4294967295-7");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join(MARKER), "").unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        fs::create_dir_all(&new).unwrap();
        remove_stale(dir.path(), "public");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "previous");
        assert!(!old.exists() && !new.exists());
        // With an output in place, a stale old folder is only removed.
        fs::create_dir_all(&old).unwrap();
        remove_stale(dir.path(), "public");
        assert!(!old.exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "previous");
    }
}
