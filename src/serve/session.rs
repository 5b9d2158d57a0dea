//! One serve session's builds: the pipeline of `build`, into serve's own output folder,
//! keeping the last good model so that a template change re-renders without re-reading
//! the content, and so that each rebuild can say which outputs the change touched.

use super::affected::{self, Affected};
use super::change::Change;
use super::overlay::{self, OverlayError};
use crate::build::{self, Loaded, Options};
use crate::{derive, write};
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
        /// Whether the content was read again (false: templates only).
        reparsed: bool,
        elapsed: Duration,
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
    last: Option<Loaded>,
    /// Whether the output folder holds the build of `last` (so that an edit may update
    /// only the outputs it affects).
    built: bool,
}

impl Session {
    /// A session building the site at `opts.root` into `opts.output`.
    pub fn new(opts: Options) -> Self {
        Session { opts, last: None, built: false }
    }

    pub fn output(&self) -> &PathBuf {
        &self.opts.output
    }

    /// Build again after `changes` (empty: the first build, everything).
    pub fn rebuild(&mut self, changes: &[Change]) -> Outcome {
        let start = Instant::now();
        let reparse = self.last.is_none() || changes.is_empty() || changes.iter().any(Change::needs_reparse);
        let fresh = if reparse {
            match build::load(&self.opts.root) {
                Ok(l) => Some(l),
                Err(f) => {
                    return Outcome::Failed {
                        errors: overlay::from_diagnostics(&f.errors, &f.sources),
                        rendered: f.render(),
                    };
                }
            }
        } else {
            None
        };
        let Some(loaded) = fresh.as_ref().or(self.last.as_ref()) else {
            unreachable!("either the content was read or the last good model is kept")
        };
        let as_of = build::resolve_as_of(self.opts.as_of, &loaded.site);
        let judgement = derive::judge(&loaded.site, as_of);
        let affected = match (&self.last, &fresh) {
            (Some(old), Some(new)) if !changes.is_empty() => {
                affected::affected_by_all(changes, &old.site, &new.site)
            }
            (Some(_), None) => affected::affected_by_all(changes, &loaded.site, &loaded.site),
            _ => Affected::All,
        };
        // After a good build, an edit that touches some outputs re-renders and rewrites
        // only those (in place: the folder is the server's own); else everything.
        let in_place = match &affected {
            Affected::Paths(paths) if self.built => Some(paths),
            _ => None,
        };
        let rendered = match in_place {
            Some(paths) => build::render_where(loaded, &judgement, &self.opts, &|p| paths.contains(p)),
            None => build::render_all(loaded, &judgement, &self.opts),
        };
        let files = match rendered {
            Ok(files) => files,
            Err(f) => {
                return Outcome::Failed {
                    errors: overlay::from_diagnostics(&f.errors, &f.sources),
                    rendered: f.render(),
                };
            }
        };
        let written = match in_place {
            Some(paths) => write::update(&self.opts.output, &files, paths),
            None => write::write_atomic(&self.opts.output, &files),
        };
        if let Err(e) = written {
            self.built = false;
            let msg = e.to_string();
            return Outcome::Failed {
                errors: vec![overlay::plain_error(&msg)],
                rendered: format!("error: {msg}\n"),
            };
        }
        self.built = true;
        let findings = build::published_findings(&judgement, self.opts.include_restricted).count();
        let outcome = Outcome::Built {
            files: files.len(),
            pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
            findings,
            affected,
            reparsed: fresh.is_some(),
            elapsed: start.elapsed(),
        };
        if let Some(new) = fresh {
            self.last = Some(new);
        }
        outcome
    }
}
