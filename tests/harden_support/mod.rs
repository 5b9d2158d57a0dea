//! Helpers of the hardening tests: fixture sites in temporary folders, the binary, and
//! snapshots of output folders.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A copy of `tests/fixtures/<name>` in a fresh temporary folder.
pub fn site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join(name), dir.path());
    dir
}

pub fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

/// `kehoach build --root <root> --output <out> [args]`.
pub fn build(root: &Path, out: &Path, args: &[&str]) -> Output {
    kehoach().args(["build", "--root"]).arg(root).arg("--output").arg(out).args(args).output().unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its bytes (empty when `dir` does not exist).
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    if !dir.exists() {
        return BTreeMap::new();
    }
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

/// Names in `dir` that start with `prefix`.
pub fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    v.sort();
    v
}
