//! Shared by the integration tests: the fixture sites and copies of them in temporary
//! folders, the built binary, the files of an output folder, and git run in isolation.
//! Included with `mod support;` (each file under `tests/` is its own crate).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The valid fixture site, `tests/fixtures/valid`.
pub const VALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");

/// Output files by relative path (`/`-separated).
pub type Files = BTreeMap<String, Vec<u8>>;

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The built `kehoach` binary, ready for arguments.
pub fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

/// Run `kehoach build --root <root> --output <out> <extra…>`.
pub fn run(root: &Path, out: &Path, extra: &[&str]) -> Output {
    kehoach()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .args(extra)
        .output()
        .expect("run kehoach")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Build into a temporary folder and return every output file by path; panics with the
/// messages on failure.
pub fn build(root: &str, extra: &[&str]) -> Files {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = run(Path::new(root), &out, extra);
    assert!(
        o.status.success(),
        "build failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    read_dir(&out)
}

/// Copy the folder `from`, with all it holds, to `to`.
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

/// Copy the site folder `root` (its `content/`, `themes/` and `templates/`) into a fresh
/// temporary folder, outside any git work tree, so a build of it shows no git stamp.
pub fn copy_site(root: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for sub in ["content", "themes", "templates"] {
        let from = root.join(sub);
        if from.exists() {
            copy_tree(&from, &tmp.path().join(sub));
        }
    }
    tmp
}

/// [`build`] of a copy of `root` made by [`copy_site`]: the same site, outside git.
pub fn build_outside_git(root: &str, extra: &[&str]) -> Files {
    let copy = copy_site(Path::new(root));
    build(copy.path().to_str().unwrap(), extra)
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

/// [`snapshot`] keyed by `/`-separated relative path.
pub fn read_dir(out: &Path) -> Files {
    snapshot(out).into_iter().map(|(p, bytes)| (p.to_string_lossy().replace('\\', "/"), bytes)).collect()
}

/// The text of an output file.
pub fn text(files: &Files, path: &str) -> String {
    String::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path} in the output")).clone()).unwrap()
}

/// An output file read as JSON.
pub fn json(files: &Files, path: &str) -> serde_json::Value {
    serde_json::from_str(&text(files, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
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

/// Run git in `dir`, isolated from the user's configuration, with a fixed commit date if
/// given; its standard output.
pub fn git(dir: &Path, args: &[&str], date: Option<&str>) -> String {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.vn", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    if let Some(date) = date {
        cmd.env("GIT_COMMITTER_DATE", date).env("GIT_AUTHOR_DATE", date);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON a file of the search index registers (`search/<name>.js`, see `kehoach::search`).
pub fn search_file(files: &Files, name: &str) -> serde_json::Value {
    let js = text(files, &format!("search/{name}.js"));
    let open = format!("(self.KEHOACH_SEARCH=self.KEHOACH_SEARCH||{{}})[\"{name}\"]=");
    let json = js.strip_prefix(&open).and_then(|j| j.strip_suffix(";\n")).unwrap_or_else(|| panic!("{js}"));
    serde_json::from_str(json).unwrap()
}

/// The display entries of the search index (`{u, t, k, x}`), in document order.
pub fn search_entries(files: &Files) -> Vec<serde_json::Value> {
    let n = files.keys().filter(|p| p.starts_with("search/d/")).count();
    (0..n).flat_map(|k| search_file(files, &format!("d/{k}")).as_array().unwrap().clone()).collect()
}

/// Every file of the search index, one string.
pub fn search_text(files: &Files) -> String {
    files.iter().filter(|(p, _)| p.starts_with("search/")).map(|(_, b)| String::from_utf8_lossy(b)).collect()
}

/// The addresses the theme's `search.js` finds for each query in the search index of
/// `files` (every file of the index loaded at once, in node).
pub fn search_in(files: &Files, queries: &[&str]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = serde_json::Map::new();
    for p in files.keys().filter(|p| p.starts_with("search/")) {
        let name = p.strip_prefix("search/").unwrap().strip_suffix(".js").unwrap();
        store.insert(name.to_string(), search_file(files, name));
    }
    let input = dir.path().join("input.json");
    fs::write(&input, serde_json::json!({ "store": store, "queries": queries }).to_string()).unwrap();
    let code = "const lib = require(process.argv[1]);\
                const input = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));\
                console.log(JSON.stringify(input.queries.map(q => lib.search(input.store, q).map(d => d.u))));";
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
    let out = Command::new("node").arg("-e").arg(code).arg(script).arg(&input).output().expect("node runs");
    assert!(out.status.success(), "node: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}
