//! One serve session's builds: the pipeline of `build`, into serve's own output folder.
//! The content is kept parsed file by file ([`Cache`]), so that an edit re-reads and
//! re-parses only the changed files; the last good model is kept so that a template
//! change re-renders without touching the content, and so that each rebuild can say
//! which outputs the change touched.

use super::affected::{self, Affected};
use super::change::{Change, DataFile};
use super::overlay::{self, OverlayError};
use crate::build::{self, Loaded, Options};
use crate::derive::Judgement;
use crate::diag::{self, Diagnostic, Sources};
use crate::load::incremental::Cache;
use crate::model::Site;
use crate::{check, derive, write};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The result of one rebuild.
#[derive(Debug)]
pub enum Outcome {
    Built {
        files: usize,
        pages: usize,
        findings: usize,
        /// The outputs the change touched (all on the first build).
        affected: Affected,
        /// Whether the model was put together again (false: templates only).
        reparsed: bool,
        /// How many content files were read and parsed again.
        reparsed_files: usize,
        /// The time taken to update the model (read, parse, check): part of `elapsed`.
        load_elapsed: Duration,
        elapsed: Duration,
        /// Affected outputs left for [`Session::finish`]: those no browser shows now.
        deferred: usize,
    },
    /// The content has errors (or the output could not be written): nothing was written.
    Failed { errors: Vec<OverlayError>, rendered: String },
}

impl Outcome {
    /// The errors to show in the overlay (none after a good build).
    pub fn errors(&self) -> &[OverlayError] {
        match self {
            Outcome::Built { .. } => &[],
            Outcome::Failed { errors, .. } => errors,
        }
    }
}

pub struct Session {
    opts: Options,
    /// Each content file's text and parse (none before the first build).
    cache: Option<Cache>,
    /// The last good model: the one the output folder holds when `built`.
    last: Option<Site>,
    /// Whether `last` is also the model of the content as it is now (no edit since, and
    /// the last rebuild went well): then a template change renders it as it is.
    current: bool,
    /// Whether the output folder holds the build of `last` (so that an edit may update
    /// only the outputs it affects).
    built: bool,
    /// What git said at the last full read.
    git: Option<std::sync::Arc<crate::git::GitInfo>>,
    /// Outputs of the last rebuild not yet re-rendered (see [`Session::finish`]).
    pending: BTreeSet<String>,
}

/// What a batch of changes means for the content.
#[derive(Debug, PartialEq)]
enum Reread {
    /// Read the whole site (the first build, or a change that is not a path of content/).
    All,
    /// Read these paths again (files or folders, relative to the root); none: the content
    /// is unchanged.
    Paths(Vec<String>),
}

/// Which paths of the content to read again after `changes` (pure).
fn reread(changes: &[Change]) -> Reread {
    if changes.is_empty() {
        return Reread::All;
    }
    let mut paths = Vec::new();
    for change in changes {
        match change {
            Change::Report(p) | Change::Page(p) => paths.push(p.clone()),
            // The schedule may be one file or a folder of files: both are looked at again.
            Change::Data(DataFile::Schedule) => {
                paths.extend([DataFile::Schedule.path().to_string(), "content/schedule".into()])
            }
            Change::Data(d) => paths.push(d.path().to_string()),
            Change::Static(p) | Change::Other(p) if p == "content" || p.starts_with("content/") => {
                paths.push(p.clone())
            }
            // A theme's files: the content is unchanged.
            Change::Static(_) | Change::Other(_) | Change::Template(_) | Change::Ignored => {}
        }
    }
    Reread::Paths(paths)
}

/// The errors of a rebuild, for the overlay and the terminal.
fn failed(errors: &[Diagnostic], sources: &Sources) -> Outcome {
    Outcome::Failed {
        errors: overlay::from_diagnostics(errors, sources),
        rendered: errors.iter().map(|d| diag::render(d, sources)).collect::<Vec<_>>().join("\n"),
    }
}

impl Session {
    /// A session building the site at `opts.root` into `opts.output`.
    pub fn new(opts: Options) -> Self {
        Session {
            opts,
            cache: None,
            last: None,
            git: None,
            current: false,
            built: false,
            pending: BTreeSet::new(),
        }
    }

    pub fn output(&self) -> &PathBuf {
        &self.opts.output
    }

    /// Build again after `changes` (empty: the first build, everything).
    ///
    /// Like Hugo's fast render mode, an edit first re-renders only the affected outputs
    /// that are open in a browser (`viewed`, output paths such as
    /// `bao-cao/to-1-2024-03-chi-bo/index.html`): the caller sends the reload, then calls
    /// [`Session::finish`] for the rest.
    pub fn rebuild(&mut self, changes: &[Change], viewed: &BTreeSet<String>) -> Outcome {
        let start = Instant::now();
        let layout = crate::load::several::layout(&self.opts.root);
        if layout != crate::load::several::Layout::One {
            return self.rebuild_several(layout, start);
        }
        // Whatever an earlier rebuild left undone is done with this one.
        let pending = std::mem::take(&mut self.pending);
        let (cache, reparsed_files, edited) = match (self.cache.take(), reread(changes)) {
            (Some(mut cache), Reread::Paths(paths)) => {
                let updated = cache.update(&paths);
                (cache, updated.files, !paths.is_empty())
            }
            (_, _) => {
                // Git is asked on a full read only: a save changes no commit, and the pages
                // an edit re-renders keep the stamps of the last full read.
                let (git, cache) =
                    build::beside(|| crate::git::git_info(&self.opts.root), || Cache::read(&self.opts.root));
                self.git = git.map(std::sync::Arc::new);
                let n = cache.files();
                (cache, n, true)
            }
        };
        let cache = self.cache.insert(cache);
        // The model: the last one if the content is as it was, else put together anew
        // from the cache (only the changed files were parsed again) and checked.
        let mut judged = None;
        let fresh = if edited || !self.current || self.last.is_none() {
            let as_of = self.opts.as_of;
            let site = cache.site().and_then(|site| {
                // Judged while it is checked (the judgement is thrown away with errors).
                let when = build::resolve_as_of(as_of, &site);
                let (errors, j) = rayon::join(|| check::check(&site), || derive::judge(&site, when));
                judged = Some(j);
                if errors.is_empty() { Ok(site) } else { Err(errors) }
            });
            match site {
                Ok(site) => Some(site),
                Err(errors) => {
                    self.current = false;
                    return failed(&errors, cache.sources());
                }
            }
        } else {
            None
        };
        let load_elapsed = start.elapsed();
        let reparsed = fresh.is_some();
        // The texts are lent to the pipeline, not copied, and given back after it.
        let sources = cache.take_sources();
        let loaded = match fresh {
            Some(site) => Loaded { site, sources, git: self.git.clone() },
            None => match self.last.take() {
                Some(site) => Loaded { site, sources, git: self.git.clone() },
                None => unreachable!("the model is put together when there is no last one"),
            },
        };
        let old = if reparsed { self.last.as_ref() } else { Some(&loaded.site) };
        let ctx = Rebuild { built: self.built, changes, old, pending: &pending, viewed };
        let result = render_and_write(&self.opts, &ctx, &loaded, judged);
        cache.put_sources(loaded.sources);
        match result {
            Ok(done) => {
                self.pending = done.later;
                self.built = true;
                self.current = true;
                self.last = Some(loaded.site);
                Outcome::Built {
                    files: done.files,
                    pages: done.pages,
                    findings: done.findings,
                    affected: done.affected,
                    reparsed,
                    reparsed_files,
                    load_elapsed,
                    elapsed: start.elapsed(),
                    deferred: self.pending.len(),
                }
            }
            Err((outcome, written)) => {
                if written {
                    self.built = false;
                }
                // Not written: still to do after the next good rebuild.
                self.pending = pending;
                // The model is put together again next time.
                self.current = false;
                if !reparsed {
                    self.last = Some(loaded.site);
                }
                outcome
            }
        }
    }
}

impl Session {
    /// A site holding several plans: built whole on every change (each plan as a one-plan
    /// site, see `build::several`), without the incremental cache.
    fn rebuild_several(&mut self, layout: crate::load::several::Layout, start: Instant) -> Outcome {
        self.cache = None;
        self.last = None;
        self.current = false;
        self.pending.clear();
        match build::several::build(&self.opts, layout) {
            Ok(report) => {
                self.built = true;
                Outcome::Built {
                    files: report.files,
                    pages: report.pages,
                    findings: report.findings,
                    affected: Affected::All,
                    reparsed: true,
                    reparsed_files: 0,
                    load_elapsed: Duration::ZERO,
                    elapsed: start.elapsed(),
                    deferred: 0,
                }
            }
            Err(build::BuildError::Content(f)) => failed(&f.errors, &f.sources),
            Err(build::BuildError::Write(e)) => write_failed(&e),
        }
    }

    /// Whether [`Session::finish`] has outputs to re-render.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Re-render and write the outputs the last rebuild left for later; `None` if there
    /// are none.
    pub fn finish(&mut self) -> Option<Outcome> {
        if self.pending.is_empty() {
            return None;
        }
        let start = Instant::now();
        let pending = std::mem::take(&mut self.pending);
        let (Some(cache), Some(site)) = (self.cache.as_mut(), self.last.take()) else {
            return None;
        };
        let loaded = Loaded { site, sources: cache.take_sources(), git: self.git.clone() };
        let all = BTreeSet::new();
        let judgement = derive::judge(&loaded.site, build::resolve_as_of(self.opts.as_of, &loaded.site));
        let result = render_paths(&self.opts, &loaded, &judgement, &pending, &all);
        cache.put_sources(loaded.sources);
        self.last = Some(loaded.site);
        Some(match result {
            Ok(done) => Outcome::Built {
                files: done.files,
                pages: done.pages,
                findings: done.findings,
                affected: Affected::Paths(pending),
                reparsed: false,
                reparsed_files: 0,
                load_elapsed: Duration::ZERO,
                elapsed: start.elapsed(),
                deferred: 0,
            },
            Err((outcome, _)) => {
                self.built = false;
                self.current = false;
                outcome
            }
        })
    }
}

/// What [`render_and_write`] did.
struct Done {
    files: usize,
    pages: usize,
    findings: usize,
    affected: Affected,
    /// Affected outputs not rendered yet (not open in a browser).
    later: BTreeSet<String>,
}

/// Which of `paths` to render now: those open in a browser (`viewed`); the rest later.
/// With `viewed` empty, all now (a caller that knows of no browser waits for all).
fn split_now_later(
    paths: &BTreeSet<String>,
    viewed: &BTreeSet<String>,
) -> (BTreeSet<String>, BTreeSet<String>) {
    if viewed.is_empty() {
        return (paths.clone(), BTreeSet::new());
    }
    paths.iter().cloned().partition(|p| viewed.contains(p))
}

/// Render `paths` in place (the ones `later` leaves out) and write them.
fn render_paths(
    opts: &Options,
    loaded: &Loaded,
    judgement: &Judgement,
    paths: &BTreeSet<String>,
    later: &BTreeSet<String>,
) -> Result<Done, (Outcome, bool)> {
    let now: BTreeSet<String> = paths.difference(later).cloned().collect();
    let files = build::render_where(loaded, judgement, opts, &|p| now.contains(p))
        .map_err(|f| (failed(&f.errors, &f.sources), false))?;
    // The search index is one output of many files, which an edit may change in number:
    // the files of the index it no longer has are removed (as a full build would not
    // write them).
    let mut changed = now.clone();
    if now.contains(crate::paths::SEARCH_INDEX_PATH) {
        changed.extend(files_under(&opts.output, crate::paths::SEARCH_DIR));
    }
    write::update(&opts.output, &files, &changed).map_err(|e| (write_failed(&e), true))?;
    let index_files =
        files.iter().filter(|f| f.path.starts_with(&format!("{}/", crate::paths::SEARCH_DIR))).count();
    Ok(Done {
        // Outputs rendered: the search index counts once.
        files: files.len() - index_files.saturating_sub(1),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        findings: derive::publish::published_findings(judgement, opts.include_restricted).count(),
        affected: Affected::Paths(now),
        later: later.clone(),
    })
}

/// The files under `dir` of the output folder `output`, as paths relative to it.
fn files_under(output: &std::path::Path, dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![output.join(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let path = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() => {
                    if let Ok(rel) = path.strip_prefix(output) {
                        out.push(rel.to_string_lossy().replace('\\', "/"));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn write_failed(e: &write::WriteError) -> Outcome {
    let msg = e.to_string();
    Outcome::Failed {
        errors: vec![overlay::plain_error(&msg)],
        rendered: format!("{}: {msg}\n", crate::msg::error_word()),
    }
}

/// Render the outputs that `changes` affect (all when `!built`) and write them; on failure
/// the outcome, and whether the output folder may have been changed.
fn render_and_write(
    opts: &Options,
    r: &Rebuild,
    loaded: &Loaded,
    judged: Option<Judgement>,
) -> Result<Done, (Outcome, bool)> {
    let judgement =
        judged.unwrap_or_else(|| derive::judge(&loaded.site, build::resolve_as_of(opts.as_of, &loaded.site)));
    let affected = match r.old {
        Some(old) if !r.changes.is_empty() => {
            affected::affected_by_all(r.changes, old, &loaded.site, judgement.as_of)
        }
        _ => Affected::All,
    };
    // After a good build, an edit that touches some outputs re-renders and rewrites
    // only those (in place: the folder is the server's own), the ones open in a browser
    // first; else everything.
    if let Affected::Paths(paths) = &affected
        && r.built
    {
        let all: BTreeSet<String> = paths.union(r.pending).cloned().collect();
        let (_, later) = split_now_later(&all, r.viewed);
        let done = render_paths(opts, loaded, &judgement, &all, &later)?;
        return Ok(Done { affected, ..done });
    }
    let written = build::render_to_output(loaded, &judgement, opts).map_err(|e| match e {
        build::BuildError::Content(f) => (failed(&f.errors, &f.sources), false),
        build::BuildError::Write(e) => (write_failed(&e), true),
    })?;
    Ok(Done {
        files: written.files,
        pages: written.pages,
        findings: derive::publish::published_findings(&judgement, opts.include_restricted).count(),
        affected,
        later: BTreeSet::new(),
    })
}

/// What a rebuild is asked to do, besides the model.
struct Rebuild<'a> {
    /// Whether the output folder holds the last good build (so that it may be updated in place).
    built: bool,
    changes: &'a [Change],
    /// The model the output folder was built from, to tell what the changes affect.
    old: Option<&'a Site>,
    /// Outputs an earlier rebuild left to do.
    pending: &'a BTreeSet<String>,
    /// Outputs open in a browser.
    viewed: &'a BTreeSet<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_paths_are_read_again() {
        assert_eq!(reread(&[]), Reread::All);
        let changes = [
            Change::Report("content/reports/2024-03/a.md".into()),
            Change::Data(DataFile::Schedule),
            Change::Data(DataFile::Teams),
            Change::Static("content/static/a.pdf".into()),
            Change::Static("themes/default/static/site.css".into()),
            Change::Template("themes/default/templates/base.html".into()),
            Change::Other("content/reports/2024-03".into()),
            Change::Other("themes/default/theme.toml".into()),
        ];
        let want = [
            "content/reports/2024-03/a.md",
            "content/schedule.yaml",
            "content/schedule",
            "content/teams.yaml",
            "content/static/a.pdf",
            "content/reports/2024-03",
        ];
        assert_eq!(reread(&changes), Reread::Paths(want.map(String::from).to_vec()));
        assert_eq!(reread(&[Change::Template("templates/a.html".into())]), Reread::Paths(vec![]));
    }

    #[test]
    fn outputs_open_in_a_browser_are_rendered_first() {
        let set = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<BTreeSet<String>>();
        let paths = set(&["a/index.html", "b/index.html", "search/index.js"]);
        let (now, later) = split_now_later(&paths, &set(&["b/index.html", "c/index.html"]));
        assert_eq!(now, set(&["b/index.html"]));
        assert_eq!(later, set(&["a/index.html", "search/index.js"]));
        // No browser known: everything at once.
        let (now, later) = split_now_later(&paths, &BTreeSet::new());
        assert_eq!((now, later), (paths.clone(), BTreeSet::new()));
        // A viewed page the edit does not touch is not rendered.
        let (now, later) = split_now_later(&paths, &set(&["c/index.html"]));
        assert!(now.is_empty());
        assert_eq!(later, paths);
    }
}
