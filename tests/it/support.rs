//! The one support module of the integration tests: the built binary, the files of an
//! output folder, and git run in isolation; `render`: pages read with scraper and their
//! links; `feeds`: the feeds' site and their reader; `http`: a raw HTTP client. Sites on
//! disk and in code come from the test kit (`kehoach::derive::testkit`).

#![allow(dead_code)]

pub mod feeds;
pub mod http;
pub mod render;

use kehoach::derive::testkit::folder;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use kehoach::derive::testkit::files::SAMPLE;

/// The valid fixture site, `tests/fixtures/valid` (built where it is; a copy to change is
/// the test kit's `fixture("valid")`).
pub const VALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");

/// Output files by relative path (`/`-separated).
pub type Files = BTreeMap<String, Vec<u8>>;

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

/// [`build`] of a copy of the site folder `root` (by the test kit's [`folder`]): the same
/// site, outside git, so a build of it shows no git stamp.
pub fn build_outside_git(root: &str, extra: &[&str]) -> Files {
    let copy = folder(Path::new(root)).write();
    build(copy.path().to_str().unwrap(), extra)
}

/// Write `text` to `path`, making its folder as needed (a change made while a test runs;
/// a site to start from is made with the test kit).
pub fn write_file(path: &Path, text: impl AsRef<[u8]>) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Replace the first `from` in the file at `path` by `to`; panics when there is none.
pub fn edit_file(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds no `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
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

/// CSV bytes read back with Python's csv module (strict), decoding with `utf-8-sig` as
/// Excel does with a BOM: `{header, rows: [{col: value}], widths}` (`widths`: the distinct
/// numbers of fields a row has).
pub fn read_csv(bytes: impl AsRef<[u8]>) -> serde_json::Value {
    // The csv crate's reader (kehoach writes with its writer): a UTF-8 BOM allowed before
    // the header, rows of any width recorded, a malformed quote an error.
    let bytes = bytes.as_ref();
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("well-formed CSV").iter().map(str::to_string).collect()).collect();
    let header = rows.first().cloned().unwrap_or_default();
    let objects: Vec<serde_json::Value> = rows[1..]
        .iter()
        .map(|r| {
            serde_json::Value::Object(
                header.iter().cloned().zip(r.iter().map(|c| c.clone().into())).collect(),
            )
        })
        .collect();
    let widths: std::collections::BTreeSet<usize> = rows.iter().map(Vec::len).collect();
    serde_json::json!({"header": header, "rows": objects, "widths": widths})
}

/// A small zip whose one entry, `entry`, unpacks to 300 MiB of `fill` bytes.
pub fn zip_bomb(entry: &str, fill: u8) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    z.start_file(entry, opts).unwrap();
    let block = vec![fill; 1 << 20];
    for _ in 0..300 {
        z.write_all(&block).unwrap();
    }
    z.finish().unwrap().into_inner()
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
