//! Search: the folding rule, the documents of a site, and the prebuilt index that
//! `themes/default/static/search.js` reads.
//!
//! The page `/tim-kiem/` holds `<form role="search"><input name="q" id="q"></form>`
//! and `<div id="search-results" data-root="../" data-index="../search/">`, then loads
//! the index's manifest (`search/index.js`, [`crate::paths::SEARCH_INDEX_PATH`]) and
//! `search.js`. Every page's search box is a `<form role="search"
//! action="…/tim-kiem/index.html">` with `<input name="q">`.
//!
//! # The index: small files, loaded as needed
//!
//! A search downloads the manifest, the shards of its terms, and the display entries of
//! the results it shows, never the whole index. Every file is a script that registers
//! its JSON on one global, `self.KEHOACH_SEARCH["<name>"] = …` ([`shards::GLOBAL`]), so
//! that the page works from disk (`file://` forbids `fetch()`; a `<script src>` works)
//! and under the site's CSP (`script-src 'self'`: `search.js` adds `<script src>`
//! elements, no inline script, no eval). Under `search/`:
//!
//! - `index.js` (`index`): `{"v":3,"chunk":16,"plans":[{"id","t","n"}],"keys":[…],"tw":"…"}`:
//!   the plans in order (`id` null on a site of one plan, `t` its title, `n` its number of
//!   documents: documents are numbered from 0 across the plans, plan after plan), the
//!   shards' keys, and for each document the number of words of its title, a base-36 digit.
//! - `t/<key>.js` (`t/<key>`): the terms whose folded form ([`fold`]) starts with `key`
//!   (see [`terms`] for how the keys are chosen; file names by [`shard_file_name`]):
//!   `{"<folded>":[["<form>",[doc,value,…]],…]}`, each form as written (lowercase NFC,
//!   `""` when it is the folded form) with its postings: the documents as differences,
//!   each with `2 × occurrences + (1 if in the title)`. The forms let the script rank first
//!   the documents whose words carry the marks the query carries ("đường", not "dương").
//! - `d/<k>.js` (`d/<k>`): the display entries of documents `16k` to `16k + 15`:
//!   `[{"u","t","k","x"}]`, address relative to the site root (with the plan's prefix),
//!   title, kind, and the start of the text (at most 160 characters).
//!
//! Files are written in a fixed order of their contents: the same site gives the same
//! bytes. The build's texts are read once; the terms are held until the shards are
//! written, the documents' texts are not.
//!
//! # Several plans
//!
//! [`write_index`] takes every plan of the site at once ([`SearchPlan`]): a site of one
//! plan passes one plan with `id: None` and `prefix: ""`; a site of several passes each
//! with its id, its title ("Kế hoạch 2024") and the folder its pages are under
//! (`"2024/"`), which starts each of its documents' addresses. The script shows each
//! result's plan, and a choice of plan, only when there are several.

pub mod docs;
pub mod fold;
pub mod index;
pub mod shards;
pub mod terms;

use crate::derive::Judgement;
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use std::borrow::Cow;

pub use docs::docs;
pub use fold::fold;
pub use index::{Doc, DocKind};
pub use terms::shard_file_name;

/// One plan of a site, as the search index takes it.
pub struct SearchPlan<'a> {
    /// The plan's id (its folder's name), `None` on a site of one plan.
    pub id: Option<&'a str>,
    /// The plan's name as results show it: "Kế hoạch 2024".
    pub title: &'a str,
    /// The folder of the plan's pages relative to the site root, ending in `/`, or "".
    pub prefix: &'a str,
    pub site: &'a Site,
    pub judgement: &'a Judgement,
    /// Whether restricted reports and pages are indexed (`--include-restricted`).
    pub include_restricted: bool,
    /// The plain text of report `r` (by its index in `site.reports`).
    pub text: &'a (dyn Fn(usize) -> String + Sync),
}

/// Write the search index of `plans` (see the module doc) to `emit`, one file at a time.
pub fn write_index(plans: &[SearchPlan<'_>], emit: &dyn Sink) {
    let docs: Vec<docs::PlanDocs> = plans
        .iter()
        .map(|p| docs::PlanDocs::new(p.site, p.judgement, p.include_restricted, p.prefix, p.text))
        .collect();
    let heads: Vec<shards::PlanHead> = plans
        .iter()
        .zip(&docs)
        .map(|(p, d)| shards::PlanHead {
            id: p.id.map(String::from),
            title: p.title.to_string(),
            docs: d.len(),
        })
        .collect();
    let starts = starts(&heads);
    let doc = |i: usize| {
        let k = starts.partition_point(|&s| s <= i) - 1;
        docs[k].doc(i - starts[k])
    };
    shards::write(&heads, &doc, emit);
}

/// The index of documents given as they are: each plan's id, title and documents (whose
/// addresses already carry the plan's folder). For tests, and tools that make documents.
pub fn write_docs_index(plans: &[(Option<&str>, &str, &[Doc])], emit: &dyn Sink) {
    let heads: Vec<shards::PlanHead> = plans
        .iter()
        .map(|(id, title, d)| shards::PlanHead {
            id: id.map(String::from),
            title: title.to_string(),
            docs: d.len(),
        })
        .collect();
    let starts = starts(&heads);
    let doc = |i: usize| {
        let k = starts.partition_point(|&s| s <= i) - 1;
        Cow::Borrowed(&plans[k].2[i - starts[k]])
    };
    shards::write(&heads, &doc, emit);
}

/// The files of [`write_index`], sorted by path.
pub fn index_files(plans: &[SearchPlan<'_>]) -> Vec<OutputFile> {
    collect(|emit| write_index(plans, emit))
}

/// The files of [`write_docs_index`], sorted by path.
pub fn docs_index_files(plans: &[(Option<&str>, &str, &[Doc])]) -> Vec<OutputFile> {
    collect(|emit| write_docs_index(plans, emit))
}

fn collect(f: impl FnOnce(&dyn Sink)) -> Vec<OutputFile> {
    let files = std::sync::Mutex::new(Vec::new());
    f(&|f: OutputFile| files.lock().expect("not poisoned").push(f));
    let mut files = files.into_inner().expect("not poisoned");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The number of the first document of each plan (the plans' documents follow each other).
fn starts(heads: &[shards::PlanHead]) -> Vec<usize> {
    heads
        .iter()
        .scan(0, |n, h| {
            let s = *n;
            *n += h.docs;
            Some(s)
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// The output of the search index of a one-plan site (a site of several plans writes one
/// index of every plan: [`write_index`]).
pub struct Search;

impl crate::output::Output for Search {
    /// Its manifest stands for every file of it (see [`write_index`]): made from every
    /// report (and the other pages).
    fn declared(&self, _site: &Site, _as_of: chrono::NaiveDate) -> Vec<crate::output::Declared> {
        vec![crate::output::Declared::new(crate::paths::SEARCH_INDEX_PATH, vec![crate::output::Dep::Reports])]
    }

    fn render(&self, input: &crate::output::Input<'_>, keep: crate::output::Keep<'_>, emit: &dyn Sink) {
        if keep(crate::paths::SEARCH_INDEX_PATH) {
            let plan = SearchPlan {
                id: None,
                title: &input.site.plan.title,
                prefix: "",
                site: input.site,
                judgement: input.judgement,
                include_restricted: input.include_restricted,
                text: input.text,
            };
            write_index(&[plan], emit);
        }
    }
}
