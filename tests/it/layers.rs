//! The core's modules import one way: each top-level module of `src/` may use (by a
//! `crate::` path, comments aside) only modules of a lower layer in [`LAYERS`]. A new
//! top-level module must be given a layer here; an import upward or sideways (two outputs
//! knowing each other) fails with the file and line. `scripts/layers` runs this test and
//! prints the graph.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Bottom first. A module may import only modules of earlier rows; modules of one row are
/// side by side and must not know each other.
pub const LAYERS: &[&[&str]] = &[
    // foundations: the message catalogue's `pick!` macro, then the model with its source
    // positions, byte helpers and the catalogue of messages
    &["pick"],
    &["bytes", "model", "msg"],
    &["diag"],
    // reading: files → model (content, theme, git dates)
    &["load", "git"],
    &["check", "theme"],
    // pure functions of model and as_of, and what a build publishes (derive::publish)
    &["derive"],
    // what the outputs share: addresses, Vietnamese formatting, written files, Markdown
    &["paths", "vi", "output", "markdown"],
    // the outputs, side by side
    &["render", "feeds", "search"],
    // the office files: the Word synthesis is made from the synthesis page's view
    &["office"],
    // bytes and paths to disk
    &["write"],
    &["build"],
    // commands that write content: scaffolding, and reading office files back
    &["scaffold"],
    &["import"],
    &["serve"],
];

/// One `crate::` import: from a module, to a module, where.
#[derive(Debug)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub file: PathBuf,
    pub line: usize,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The line without its comment (`//…`, outside string literals) .
fn code_of(line: &str) -> &str {
    let b = line.as_bytes();
    let mut in_str = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if in_str => i += 1,
            b'"' => in_str = !in_str,
            b'/' if !in_str && b.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
        i += 1;
    }
    line
}

fn ident_at(s: &str) -> &str {
    let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(s.len());
    &s[..end]
}

/// The top-level modules named in one line's `crate::a…` and `crate::{a…, b…}` paths.
fn targets(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue; // e.g. `$crate::`, `my_crate::`
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start && depth == 0 => {
                        start = false;
                        let id = ident_at(&group[i..]);
                        if !id.is_empty() && id != "self" {
                            out.push(id.to_string());
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let id = ident_at(rest);
            if !id.is_empty() {
                out.push(id.to_string());
            }
        }
    }
    out
}

/// Every `crate::` import between two different top-level modules of `src/` (lib.rs and
/// main.rs aside: they only list and run the modules).
pub fn edges(src: &Path) -> Vec<Edge> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut edges = Vec::new();
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        let from = first.trim_end_matches(".rs").to_string();
        if from == "lib" || from == "main" {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        let mut in_block = false;
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if in_block {
                in_block = !t.contains("*/");
                continue;
            }
            if t.starts_with("/*") {
                in_block = !t.contains("*/");
                continue;
            }
            for to in targets(code_of(line)) {
                if to != from {
                    edges.push(Edge { from: from.clone(), to, file: rel.to_path_buf(), line: n + 1 });
                }
            }
        }
    }
    edges
}

/// The cycles among modules (each as a path a → … → a), for the report.
pub fn cycles(edges: &[Edge]) -> Vec<Vec<String>> {
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in edges {
        graph.entry(&e.from).or_default().insert(&e.to);
    }
    let mut found = BTreeSet::new();
    for &start in graph.keys() {
        // the shortest way back to `start`, breadth first
        let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(m) = queue.pop_front() {
            for &n in graph.get(m).into_iter().flatten() {
                if n == start {
                    let mut path = vec![start.to_string()];
                    let mut at = m;
                    while at != start {
                        path.push(at.to_string());
                        at = prev[at];
                    }
                    path[1..].reverse();
                    path.push(start.to_string());
                    // one name per cycle: rotate to its smallest module
                    let body = &path[..path.len() - 1];
                    let min = (0..body.len()).min_by_key(|&i| &body[i]).unwrap();
                    let mut canon: Vec<String> = body[min..].iter().chain(&body[..min]).cloned().collect();
                    canon.push(canon[0].clone());
                    found.insert(canon);
                    queue.clear();
                    break;
                }
                if !prev.contains_key(n) && n != start {
                    prev.insert(n, m);
                    queue.push_back(n);
                }
            }
        }
    }
    found.into_iter().collect()
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&module))
}

#[test]
fn the_core_imports_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = edges(&src);
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in &edges {
        graph.entry(&e.from).or_default().insert(&e.to);
    }
    println!("imports (crate:: paths, comments aside):");
    for (from, to) in &graph {
        println!("  {from} → {}", to.iter().copied().collect::<Vec<_>>().join(", "));
    }
    let cycles = cycles(&edges);
    for c in &cycles {
        println!("cycle: {}", c.join(" → "));
    }
    let mut wrong = Vec::new();
    let mut modules = BTreeSet::new();
    for e in &edges {
        modules.insert(e.from.as_str());
        modules.insert(e.to.as_str());
    }
    for m in &modules {
        if layer_of(m).is_none() {
            wrong.push(format!("module `{m}` has no layer in tests/it/layers.rs (LAYERS)"));
        }
    }
    for e in &edges {
        if let (Some(a), Some(b)) = (layer_of(&e.from), layer_of(&e.to))
            && b >= a
        {
            let how = if a == b { "beside it" } else { "above it" };
            wrong.push(format!(
                "src/{}:{}: `{}` imports `{}`, {how}",
                e.file.display(),
                e.line,
                e.from,
                e.to
            ));
        }
    }
    assert!(cycles.is_empty() && wrong.is_empty(), "the layers are crossed:\n{}", wrong.join("\n"));
}

#[test]
fn import_paths_are_read_as_written() {
    assert_eq!(targets("use crate::{check, derive::x, write};"), ["check", "derive", "write"]);
    assert_eq!(targets("use crate::{self, a::{b, c}, d};"), ["a", "d"]);
    assert_eq!(targets(code_of("let x = crate::vi::date(d); // crate::render")), ["vi"]);
    assert_eq!(targets(code_of(r#"let s = "// no"; crate::load::x"#)), ["load"]);
    assert!(targets("$crate::model::Pos").is_empty());
    let e = |f: &str, t: &str| Edge { from: f.into(), to: t.into(), file: PathBuf::new(), line: 1 };
    assert_eq!(cycles(&[e("a", "b"), e("b", "c"), e("c", "a"), e("c", "d")]), [["a", "b", "c", "a"]]);
    assert!(cycles(&[e("a", "b"), e("b", "c")]).is_empty());
}
