//! The search index: a list of [`Doc`]s serialised for `search.js`.
//!
//! The index is a JavaScript file, `search-index.js`, that assigns one global,
//! `KEHOACH_SEARCH_INDEX`, so that the search page works when opened from disk (`file://`
//! forbids `fetch()` of a JSON file; a `<script src>` works). Each document carries its
//! original title and text (for display and snippets) and their folded forms (see
//! [`super::fold`]) for matching, so the script only folds the query.

use super::fold::fold;
use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The path of the index file, relative to the output root.
pub const INDEX_PATH: &str = "search-index.js";

/// The global the index file assigns.
pub const INDEX_GLOBAL: &str = "KEHOACH_SEARCH_INDEX";

/// What a searchable page is; shown beside each result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Plan,
    Team,
    Unit,
    Report,
    Page,
}

impl DocKind {
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Plan => "Kế hoạch",
            DocKind::Team => "Tổ công tác",
            DocKind::Unit => "Đơn vị",
            DocKind::Report => "Báo cáo",
            DocKind::Page => "Trang",
        }
    }
}

/// One published page, as the search sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    /// Address relative to the site root, directory form: `bao-cao/to-1-2024-03-chi-bo/`.
    /// The script appends `index.html` when the site is opened from disk.
    pub url: String,
    pub title: String,
    pub kind: DocKind,
    /// Plain text (no markup); whitespace is collapsed when indexed.
    pub text: String,
}

#[derive(Serialize)]
struct Entry<'a> {
    /// url
    u: &'a str,
    /// title
    t: String,
    /// kind label
    k: &'static str,
    /// text
    x: String,
    /// folded title
    ft: String,
    /// folded text
    fx: String,
}

/// NFC, with every run of whitespace made one space, trimmed.
fn clean(s: &str) -> String {
    let nfc: std::borrow::Cow<str> = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.into()
    } else {
        s.nfc().collect::<String>().into()
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// One document's entry, as JSON.
fn entry_json(d: &Doc) -> String {
    let t = clean(&d.title);
    let x = clean(&d.text);
    let entry = Entry { u: &d.url, ft: fold(&t), fx: fold(&x), t, k: d.kind.label(), x };
    serde_json::to_string(&entry).expect("strings serialise")
}

/// The index as JSON: `{"v":1,"docs":[{"u","t","k","x","ft","fx"}…]}`, docs in the given order.
/// The entries are made in parallel, a slice at a time (so that they are never all held
/// beside the index they are put into), and put together in order.
pub fn index_json(docs: &[Doc]) -> String {
    let mut out = String::from("{\"v\":1,\"docs\":[");
    for (n, chunk) in docs.chunks(512).enumerate() {
        let entries: Vec<String> = chunk.par_iter().map(entry_json).collect();
        for (i, e) in entries.into_iter().enumerate() {
            if n > 0 || i > 0 {
                out.push(',');
            }
            out.push_str(&e);
        }
    }
    out.push_str("]}");
    out
}

/// The content of [`INDEX_PATH`]: `var KEHOACH_SEARCH_INDEX = {…};` and a newline.
pub fn index_js(docs: &[Doc]) -> String {
    format!("var {INDEX_GLOBAL} = {};\n", index_json(docs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, title: &str, text: &str) -> Doc {
        Doc { url: url.into(), title: title.into(), kind: DocKind::Unit, text: text.into() }
    }

    #[test]
    fn entries_hold_original_and_folded_text() {
        let js = index_js(&[doc("don-vi/a/", "Đảng bộ  Đà Nẵng", "Hội trường\n\ttầng 2")]);
        let json = js.strip_prefix("var KEHOACH_SEARCH_INDEX = ").unwrap().strip_suffix(";\n").unwrap();
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let d = &v["docs"][0];
        assert_eq!(d["u"], "don-vi/a/");
        assert_eq!(d["t"], "Đảng bộ Đà Nẵng");
        assert_eq!(d["k"], "Đơn vị");
        assert_eq!(d["x"], "Hội trường tầng 2");
        assert_eq!(d["ft"], "dang bo da nang");
        assert_eq!(d["fx"], "hoi truong tang 2");
    }

    #[test]
    fn decomposed_text_is_stored_composed() {
        let json = index_json(&[doc("x/", "Ho\u{0302}\u{0323}i", "")]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["docs"][0]["t"], "Hội");
    }

    #[test]
    fn the_index_is_what_serde_makes_of_it() {
        let docs = [doc("b/", "B \"q\"", "two\nlines"), doc("a/", "Á", "")];
        let v: serde_json::Value = serde_json::from_str(&index_json(&docs)).unwrap();
        assert_eq!(v["v"], 1);
        assert_eq!(v["docs"].as_array().unwrap().len(), 2);
        assert_eq!(v["docs"][0]["t"], "B \"q\"");
        assert_eq!(v["docs"][0]["x"], "two lines");
        assert_eq!(v["docs"][1]["ft"], "a");
        assert_eq!(index_json(&[]), r#"{"v":1,"docs":[]}"#);
        // Across the slices the entries are made in: every document once, in order.
        let many: Vec<Doc> = (0..1100).map(|i| doc(&format!("{i}/"), "T", "x")).collect();
        let v: serde_json::Value = serde_json::from_str(&index_json(&many)).unwrap();
        let urls: Vec<&str> =
            v["docs"].as_array().unwrap().iter().map(|d| d["u"].as_str().unwrap()).collect();
        assert_eq!(urls, (0..1100).map(|i| format!("{i}/")).collect::<Vec<_>>());
    }

    #[test]
    fn order_is_kept_and_output_is_stable() {
        let docs = [doc("b/", "B", "two"), doc("a/", "A", "one")];
        let a = index_json(&docs);
        assert_eq!(a, index_json(&docs));
        assert!(a.find("\"b/\"").unwrap() < a.find("\"a/\"").unwrap());
    }
}
