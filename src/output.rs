//! What the outputs share: what they read ([`Input`]), what each declares it writes
//! ([`Declared`], [`Dep`]), the [`Output`] trait the build runs them through, and where
//! their files go: a [`Sink`] is handed each file as soon as it is made, from any thread.
//! A closure `Fn(OutputFile)` is a sink (tests and the dev server collect the files); a
//! build's sink writes them into its staging folder (see `build`).

pub mod csv;

use crate::derive::Judgement;
use crate::derive::history::MonthEnd;
use crate::model::{Site, YearMonth};
use chrono::NaiveDate;
use rayon::prelude::*;

/// What every output reads: one plan as a build publishes it on the judgement's `as_of`
/// (what is published is decided by `derive::publish` from `include_restricted`).
pub struct Input<'a> {
    pub site: &'a Site,
    pub judgement: &'a Judgement,
    /// The dashboard as it stood at the end of each month ended by `as_of`.
    pub month_ends: &'a [MonthEnd],
    /// The address the site is published under (site.yaml's, or `--base-url`).
    pub base_url: &'a str,
    pub include_restricted: bool,
    /// The plain text of report `r` (by its index in `site.reports`), as its page left it.
    pub text: &'a (dyn Fn(usize) -> String + Sync),
}

/// The files to make, by path: a build keeps every one, the dev server those an edit
/// touched.
pub type Keep<'k> = &'k (dyn Fn(&str) -> bool + Sync);

/// One output of a build (in the manner of mdBook's `Renderer`): the files it may write,
/// each with what it is made from, and the files themselves. Outputs know nothing of each
/// other; `build` runs them side by side and the dev server derives what an edit touches
/// from their declarations. (The pages are the one output the build runs in steps, so that
/// the report pages and the search index are not held at the same time: see `build`.)
pub trait Output: Sync {
    /// Every file a build of `site` on `as_of` may write, with what each is made from.
    fn declared(&self, site: &Site, as_of: NaiveDate) -> Vec<Declared>;
    /// Its files whose path passes `keep`, each handed to `emit` when made.
    fn render(&self, input: &Input<'_>, keep: Keep<'_>, emit: &dyn Sink);
}

/// What an output file is made from: the part of the content whose change may change it.
/// Each output declares its files with these ([`Declared`]); the dev server derives what an
/// edit touches from the declarations (`serve::affected`), so no address is spelled twice.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dep {
    /// Every visit and every report (the lists, the figures, the dashboards, the data).
    Reports,
    /// One visit and its report (by the visit's id).
    Visit(String),
    /// What one team does (its visits and reports).
    Team(String),
    /// What happens at one unit (a đảng bộ: with its cells).
    Unit(String),
    /// The visits of one month.
    Month(YearMonth),
    /// One page of `pages/` (by its slug).
    Page(String),
}

/// One file an output writes (its path relative to the output folder) and what it is
/// made from. A file that depends only on the site's settings, the plan, the teams and the
/// units (changed only by a data edit, which touches every file) declares nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub path: String,
    pub deps: Vec<Dep>,
}

impl Declared {
    pub fn new(path: impl Into<String>, deps: Vec<Dep>) -> Declared {
        Declared { path: path.into(), deps }
    }
}

/// One file of the output, by its path relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Takes the files of a build as they are made (from any of rayon's threads, in no fixed
/// order).
pub trait Sink: Sync {
    /// One file, whole.
    fn file(&self, f: OutputFile);

    /// The file at `path` made of `n` parts, in order, part `k` made by `part(k)` (on any
    /// thread). Here the parts are made in parallel and joined into one file; a sink that
    /// writes to disk can write each part as soon as it and those before it are made, so
    /// that a large file (the search index: tens of megabytes on a large site) is neither
    /// held whole nor copied into one buffer, and is written while the rest is made.
    fn parts(&self, path: &str, n: usize, part: &(dyn Fn(usize) -> Vec<u8> + Sync)) {
        self.file(OutputFile { path: path.to_string(), bytes: join_parts(n, part) });
    }
}

impl<F: Fn(OutputFile) + Sync> Sink for F {
    fn file(&self, f: OutputFile) {
        self(f)
    }
}

/// The file at `path`, made by `make`, handed to `emit` when `keep` keeps it (else not
/// made): how an output writes each of its files.
pub fn file_if(emit: &dyn Sink, keep: Keep<'_>, path: &str, make: impl FnOnce() -> Vec<u8>) {
    if keep(path) {
        emit.file(OutputFile { path: path.to_string(), bytes: make() });
    }
}

/// The `n` parts `part(k)`, made in parallel, in order, in one buffer (sized once; each
/// part freed as it is copied).
pub fn join_parts(n: usize, part: &(dyn Fn(usize) -> Vec<u8> + Sync)) -> Vec<u8> {
    let parts: Vec<Vec<u8>> = (0..n).into_par_iter().map(part).collect();
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        out.extend_from_slice(&p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_closure_gets_the_parts_joined_in_order() {
        let files = Mutex::new(Vec::new());
        let sink = |f: OutputFile| files.lock().unwrap().push(f);
        let part = |k: usize| format!("<{k}>").into_bytes();
        Sink::parts(&sink, "big.js", 1000, &part);
        sink.file(OutputFile { path: "a.html".into(), bytes: b"a".to_vec() });
        let files = files.into_inner().unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].path, "big.js");
        let want: String = (0..1000).map(|k| format!("<{k}>")).collect();
        assert_eq!(String::from_utf8(files[0].bytes.clone()).unwrap(), want);
        assert_eq!(files[1].bytes, b"a");
        assert!(join_parts(0, &part).is_empty());
    }
}
