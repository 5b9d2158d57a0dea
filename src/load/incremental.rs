//! Incremental load for the dev server: each file's text and parse, kept by path, so that
//! after an edit only the changed files are read and parsed again.
//!
//! The cache holds what discovery found at each path ([`Entry`]), the parse of each file
//! ([`Parsed`], from the same [`parse_one`] as a full parse) and the texts (the
//! [`Sources`] that errors are shown against). [`Cache::update`] re-examines the changed
//! paths only: a file, or a whole folder (walked with the same rules as a full read);
//! [`Cache::site`] puts the model together with the same [`assemble`] as [`super::parse`],
//! so that the site and the errors are those of a full [`super::read`] + [`super::parse`].
//! Reading is confined to [`Cache::read`] and [`Cache::update`]; the rest is pure.

use super::discover::{self, Entry, FOLDERS};
use super::{Parsed, SourceFile, assemble, parse_one};
use crate::diag::{Diagnostic, Sources};
use crate::model::Site;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The parsed files of one site, by path relative to the root.
pub struct Cache {
    root: PathBuf,
    /// Set when the site has no `content/` folder (then the rest is empty).
    no_content: Option<Vec<Diagnostic>>,
    /// What discovery found at each path (`content/…`): usually one entry.
    entries: BTreeMap<String, Vec<Entry>>,
    /// The parse of each file read, in path order.
    parsed: BTreeMap<Arc<str>, Parsed>,
    /// The text of each file read.
    sources: Sources,
}

/// What an [`Cache::update`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Updated {
    /// The files read and parsed again.
    pub files: usize,
    /// Whether the whole site had to be read again.
    pub full: bool,
}

impl Cache {
    /// Read and parse every file of the site at `root`.
    pub fn read(root: &Path) -> Cache {
        let mut cache = Cache {
            root: root.to_path_buf(),
            no_content: None,
            entries: BTreeMap::new(),
            parsed: BTreeMap::new(),
            sources: Sources::new(),
        };
        match discover::content_dir(root) {
            Ok(content) => {
                cache.add(discover::scan(root, &content));
            }
            Err(errors) => cache.no_content = Some(errors),
        }
        cache
    }

    /// The number of files read (and parsed).
    pub fn files(&self) -> usize {
        self.parsed.len()
    }

    /// Read the files that `found` lists, parse them (in parallel), and keep everything.
    /// Returns the number of files parsed.
    fn add(&mut self, found: Vec<(String, discover::Found)>) -> usize {
        let mut files = Vec::new();
        for (path, entry, text) in discover::read_found(found) {
            if let Some(text) = text {
                files.push(SourceFile { path: Arc::from(path.as_str()), text });
            }
            self.entries.entry(path).or_default().push(entry);
        }
        let parsed: Vec<Parsed> = files.par_iter().with_max_len(super::PARSE_RUN).map(parse_one).collect();
        let n = parsed.len();
        for (file, p) in files.into_iter().zip(parsed) {
            self.sources.insert(file.path.to_string(), file.text);
            self.parsed.insert(file.path, p);
        }
        n
    }

    /// Forget `path` and everything under it; whether anything was under it.
    fn remove(&mut self, path: &str) -> bool {
        // The path itself, then what is under it: not one range from `path`, as
        // `content/schedule.yaml` sorts between `content/schedule` and `content/schedule/…`.
        let under = format!("{path}/");
        let mut gone: Vec<String> =
            self.entries.contains_key(path).then(|| path.to_string()).into_iter().collect();
        gone.extend(
            self.entries
                .range(under.clone()..)
                .map(|(k, _)| k)
                .take_while(|k| k.starts_with(&under))
                .cloned(),
        );
        let had_children = gone.iter().any(|k| k != path);
        for k in gone {
            self.entries.remove(&k);
            self.parsed.remove(k.as_str());
            self.sources.remove(&k);
        }
        had_children
    }

    /// Read again the files at `paths` (relative to the root, `/`-separated: a file or a
    /// folder, new, modified or deleted); nothing else is read. A path that the cache
    /// cannot update on its own (`content/` itself, or a folder of `content/` that the
    /// site does not use) reads the whole site again.
    pub fn update<S: AsRef<str>>(&mut self, paths: &[S]) -> Updated {
        let mut paths: Vec<&str> = paths.iter().map(AsRef::as_ref).collect();
        paths.sort_unstable();
        paths.dedup();
        // A path under a folder that is re-read anyway (a new folder and its file).
        let within = |p: &str, q: &str| p.strip_prefix(q).is_some_and(|rest| rest.starts_with('/'));
        let folders = paths.clone();
        paths.retain(|p| !folders.iter().any(|q| within(p, q)));
        if self.no_content.is_some() || paths.iter().any(|p| !self.can_update(p)) {
            *self = Cache::read(&self.root);
            return Updated { files: self.files(), full: true };
        }
        let mut files = 0;
        for path in paths {
            if hidden(path) {
                continue; // never read by discovery
            }
            self.remove(path);
            let full = self.root.join(path);
            // (Not `exists`: a broken link is found, and reported, as a full read would.)
            if full.symlink_metadata().is_ok() {
                files += self.add(discover::scan(&self.root, &full));
            }
            // A file in content/schedule/ may have created (or be in) the folder.
            if let Some(("schedule", _)) = top_and_rest(path) {
                let dir = "content/schedule".to_string();
                self.entries.remove(&dir);
                if self.root.join(&dir).is_dir() {
                    self.entries.insert(dir, vec![Entry::ScheduleDir]);
                }
            }
        }
        Updated { files, full: false }
    }

    /// Can `path` be re-read on its own?
    fn can_update(&self, path: &str) -> bool {
        let Some(rel) = path.strip_prefix("content/") else { return false };
        if rel.is_empty() || rel.split('/').any(|p| p.is_empty() || p == "." || p == "..") {
            return false;
        }
        match top_and_rest(path) {
            // Under a folder of content/: only the folders a site uses are walked.
            Some((top, _)) => FOLDERS.contains(&top),
            // A file or folder in content/ itself.
            None => true,
        }
    }

    /// The site as a full read and parse would give it: the model, or every error.
    pub fn site(&self) -> Result<Site, Vec<Diagnostic>> {
        if let Some(errors) = &self.no_content {
            return Err(errors.clone());
        }
        let all = || self.entries.iter().flat_map(|(p, es)| es.iter().map(move |e| (p.as_str(), e)));
        let problems = discover::problems(all());
        let static_files = discover::static_files(all().map(|(_, e)| e));
        // The parts are copied in parallel (tens of milliseconds at 10,000 reports), in path order.
        let parsed: Vec<_> = self.parsed.par_iter().map(|(_, p)| p.clone()).collect();
        assemble(&problems, &static_files, parsed)
    }

    /// The texts of the files read, to show errors against.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Lend the texts (e.g. to a [`crate::build::Loaded`]) without copying them; give them
    /// back with [`Cache::put_sources`] before the next update.
    pub fn take_sources(&mut self) -> Sources {
        std::mem::take(&mut self.sources)
    }

    pub fn put_sources(&mut self, sources: Sources) {
        self.sources = sources;
    }
}

/// Is a part of `path` hidden (discovery skips those)?
fn hidden(path: &str) -> bool {
    path.split('/').any(|p| p.starts_with('.'))
}

/// For `content/<top>/<rest>`: the folder of content/ it is in, and the rest.
fn top_and_rest(path: &str) -> Option<(&str, &str)> {
    path.strip_prefix("content/")?.split_once('/')
}

#[cfg(test)]
mod tests;
