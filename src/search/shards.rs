//! The files of the search index (see the module doc of [`super`] for the layout): the
//! documents' display entries a chunk at a time, the shards of terms, the manifest.
//!
//! The documents are read once, [`TASK`] at a time in parallel: each task writes the
//! display files of its documents and returns its terms; the terms of all the tasks are
//! then merged (in document order), grouped by their folded form and cut into shards.

use super::fold::fold;
use super::index::{Doc, clean, push_entry_json, push_json_str};
use super::terms::{self, doc_terms, lower_nfc, push_postings};
use crate::output::{OutputFile, Sink};
use crate::paths;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The global every file of the index registers itself on, under its name: `index` (the
/// manifest), `t/<key>` (a shard), `d/<k>` (display entries).
pub const GLOBAL: &str = "KEHOACH_SEARCH";

/// How many documents' display entries one file holds.
pub const CHUNK: usize = 16;
/// How many documents one task of the build reads (a multiple of [`CHUNK`]).
const TASK: usize = 256;
/// The longest excerpt shown under a result, in characters.
const EXCERPT: usize = 160;

/// A plan as the manifest names it: its id (none on a site of one plan), its title, and
/// how many documents it has (the documents of the plans follow each other).
pub struct PlanHead {
    pub id: Option<String>,
    pub title: String,
    pub docs: usize,
}

/// The opening of a file of the index registering `name`.
fn open(name: &str) -> Vec<u8> {
    format!("(self.{GLOBAL}=self.{GLOBAL}||{{}})[\"{name}\"]=").into_bytes()
}

const CLOSE: &[u8] = b";\n";

/// Terms (as written) with their postings.
type Terms = FxHashMap<String, Vec<u32>>;
/// A folded term with its forms as written, each with its postings.
type Group = (String, Vec<(String, Vec<u32>)>);

/// Write the index of the documents of `plans` (`doc(i)` for `i` below the sum of their
/// `docs`) to `emit`.
pub fn write<'d>(plans: &[PlanHead], doc: &(dyn Fn(usize) -> Cow<'d, Doc> + Sync), emit: &dyn Sink) {
    let n: usize = plans.iter().map(|p| p.docs).sum();
    let tasks: Vec<(Terms, Vec<u8>)> =
        (0..n.div_ceil(TASK)).into_par_iter().map(|t| task(t, n, doc, emit)).collect();
    // Each term's postings, documents in order (the tasks are in order).
    let mut all: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut title_words = Vec::with_capacity(n);
    for (terms, tw) in tasks {
        for (term, postings) in terms {
            all.entry(term).or_default().extend(postings);
        }
        title_words.extend(tw);
    }
    // Grouped by their folded form: folded → [(form, postings)], forms in order.
    let folded: Vec<String> = all.par_iter().map(|(t, _)| fold(t)).collect();
    let mut groups: BTreeMap<String, Vec<(String, Vec<u32>)>> = BTreeMap::new();
    for (f, (t, p)) in folded.into_iter().zip(all) {
        groups.entry(f).or_default().push((t, p));
    }
    let groups: Vec<Group> = groups.into_iter().collect();
    let sizes: Vec<(&str, usize)> = groups
        .iter()
        .map(|(f, forms)| {
            (f.as_str(), f.len() + forms.iter().map(|(t, p)| t.len() + 8 + p.len() * 3).sum::<usize>())
        })
        .collect();
    let shards = terms::shards(&sizes);
    shards.par_iter().for_each(|(key, range)| {
        let name = format!("t/{key}");
        let mut out = open(&name);
        out.push(b'{');
        for (k, (f, forms)) in groups[range.clone()].iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            push_json_str(&mut out, f);
            out.extend_from_slice(b":[");
            for (j, (t, p)) in forms.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                out.push(b'[');
                // The form as written, or "" when it is the folded form itself.
                push_json_str(&mut out, if t == f { "" } else { t });
                out.push(b',');
                push_postings(&mut out, p);
                out.push(b']');
            }
            out.push(b']');
        }
        out.push(b'}');
        out.extend_from_slice(CLOSE);
        emit.file(OutputFile { path: paths::search_terms_path(&terms::shard_file_name(key)), bytes: out });
    });
    let keys: Vec<&str> = shards.iter().map(|(k, _)| k.as_str()).collect();
    emit.file(OutputFile {
        path: paths::SEARCH_INDEX_PATH.into(),
        bytes: manifest(plans, &keys, &title_words),
    });
}

/// The manifest: `{"v":3,"chunk":16,"plans":[{"id","t","n"}],"keys":[…],"tw":"…"}`:
/// the plans in order with their number of documents, the shards' keys, and for each
/// document the number of words of its title (a base-36 digit, at most 35).
fn manifest(plans: &[PlanHead], keys: &[&str], title_words: &[u8]) -> Vec<u8> {
    let mut out = open("index");
    out.extend_from_slice(format!("{{\"v\":3,\"chunk\":{CHUNK},\"plans\":[").as_bytes());
    for (k, p) in plans.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"id\":");
        match &p.id {
            Some(id) => push_json_str(&mut out, id),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"t\":");
        push_json_str(&mut out, &p.title);
        out.extend_from_slice(format!(",\"n\":{}}}", p.docs).as_bytes());
    }
    out.extend_from_slice(b"],\"keys\":[");
    for (k, key) in keys.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        push_json_str(&mut out, key);
    }
    out.extend_from_slice(b"],\"tw\":\"");
    out.extend_from_slice(title_words);
    out.extend_from_slice(b"\"}");
    out.extend_from_slice(CLOSE);
    out
}

/// Task `t`: the display files of its documents, written to `emit`; its terms (each with
/// its postings) and the number of words of each title, as a base-36 digit.
fn task<'d>(
    t: usize,
    n: usize,
    doc: &(dyn Fn(usize) -> Cow<'d, Doc> + Sync),
    emit: &dyn Sink,
) -> (Terms, Vec<u8>) {
    let mut terms: Terms = FxHashMap::default();
    let mut title_words = Vec::new();
    let end = n.min((t + 1) * TASK);
    for chunk in (t * TASK..end).step_by(CHUNK) {
        let name = format!("d/{}", chunk / CHUNK);
        let mut out = open(&name);
        out.push(b'[');
        for i in chunk..end.min(chunk + CHUNK) {
            let d = doc(i);
            if i > chunk {
                out.push(b',');
            }
            push_entry_json(&mut out, &d, &excerpt(&d.text));
            let (title, text) = (lower_nfc(&d.title), lower_nfc(&d.text));
            let words = terms::words(&title).count().min(35) as u32;
            title_words.push(char::from_digit(words, 36).map_or(b'z', |c| c as u8));
            for (w, v) in doc_terms(&title, &text) {
                match terms.get_mut(w) {
                    Some(p) => p.extend([i as u32, v]),
                    None => {
                        terms.insert(w.to_string(), vec![i as u32, v]);
                    }
                }
            }
        }
        out.push(b']');
        out.extend_from_slice(CLOSE);
        emit.file(OutputFile { path: paths::search_docs_path(chunk / CHUNK), bytes: out });
    }
    // Within a task a term's documents came in order, but a document's terms did not.
    (terms, title_words)
}

/// The start of `text` shown under a result: up to [`EXCERPT`] characters, cut at a
/// space, with "…" when there is more.
fn excerpt(text: &str) -> String {
    // Enough of the text for the excerpt once its white space is collapsed, usually.
    let mut end = text.len().min(EXCERPT * 8);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = clean(&text[..end]);
    if head.chars().count() <= EXCERPT && end == text.len() {
        return head;
    }
    let cut = terms::prefix(&head, EXCERPT);
    let cut = match cut.rfind(' ') {
        Some(i) if i > 0 && cut.len() < head.len() => &cut[..i],
        _ => cut,
    };
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_the_start_of_the_text_cut_at_a_space() {
        assert_eq!(excerpt("Hội  trường\ttầng 2"), "Hội trường tầng 2");
        let long = "chi bộ ".repeat(100);
        let e = excerpt(&long);
        assert!(e.ends_with(" …") && e.chars().count() <= EXCERPT + 2, "{e}");
        assert!(e.starts_with("chi bộ chi bộ"));
        assert!(!e.contains("  "));
    }
}
