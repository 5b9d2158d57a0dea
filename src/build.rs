//! The pipeline, stage by stage: load → check → derive → render → write.
//!
//! The command line calls these; so do the tests and the dev server.

use crate::derive::{self, Finding, Judgement};
use crate::diag::{Diagnostic, Severity, Sources};
use crate::model::Site;
use crate::render::{self, OutputFile};
use crate::{check, load, write};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `kehoach build` is asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// Where the site goes; replaced whole on success.
    pub output: PathBuf,
    /// The date the dashboard describes; else `as_of` in site.yaml; else today in Vietnam.
    pub as_of: Option<NaiveDate>,
    pub include_restricted: bool,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// Replace an output folder that kehoach did not write.
    pub force: bool,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Options {
            output: root.join("public"),
            root,
            as_of: None,
            include_restricted: false,
            base_url: None,
            force: false,
        }
    }
}

/// A loaded, checked site and the text of its files.
pub struct Loaded {
    pub site: Site,
    pub sources: Sources,
}

/// Why a stage stopped: the errors, with the sources to show them against.
#[derive(Debug)]
pub struct Failure {
    pub errors: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Failure {
    /// Every error, rendered rustc-style, one after the other.
    pub fn render(&self) -> String {
        self.errors.iter().map(|d| crate::diag::render(d, &self.sources)).collect::<Vec<_>>().join("\n")
    }
}

/// Read, parse and check the site at `root`.
pub fn load(root: &Path) -> Result<Loaded, Failure> {
    let input = load::read(root).map_err(|errors| Failure { errors, sources: Sources::new() })?;
    let parsed = load::parse(&input);
    // The texts move into the sources (no copy of tens of megabytes).
    let sources: Sources = input.files.into_iter().map(|f| (f.path.to_string(), f.text)).collect();
    let site = match parsed {
        Ok(site) => site,
        Err(errors) => return Err(Failure { errors, sources }),
    };
    let errors = check::check(&site);
    if errors.is_empty() { Ok(Loaded { site, sources }) } else { Err(Failure { errors, sources }) }
}

/// Today's date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
pub fn today_in_vietnam() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// `--as-of`, else `as_of` in site.yaml, else today in Vietnam.
pub fn resolve_as_of(flag: Option<NaiveDate>, site: &Site) -> NaiveDate {
    flag.or(site.config.as_of).unwrap_or_else(today_in_vietnam)
}

/// A finding as a warning diagnostic, for the terminal.
pub fn finding_diagnostic(f: &Finding) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        message: f.message.clone(),
        loc: f.loc.clone(),
        label: String::new(),
        related: Vec::new(),
        help: None,
    }
}

/// The findings a build publishes: all with restricted content, else only the public ones.
pub fn published_findings(j: &Judgement, include_restricted: bool) -> impl Iterator<Item = &Finding> {
    j.findings.iter().filter(move |f| include_restricted || !f.restricted)
}

/// What a successful build did.
#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
    pub findings: usize,
    pub elapsed: Duration,
    pub as_of: NaiveDate,
}

#[derive(Debug)]
pub enum BuildError {
    Content(Failure),
    Write(write::WriteError),
}

/// The files for other programs besides `data/visits.*` and `data/summary.json`: the
/// iCalendar feeds (visits only: no report content), `data/reports.csv`,
/// `data/findings.json` and the search index, all from the published view (restricted
/// content only with `include_restricted`, never drafts or reports not yet counted on
/// `as_of`).
pub fn feed_files(site: &Site, judgement: &Judgement, include_restricted: bool) -> Vec<OutputFile> {
    use crate::feeds::{exports, ics};
    let mut files = ics::feeds(site, &site.config.base_url);
    files.push(OutputFile {
        path: exports::REPORTS_CSV_PATH.into(),
        bytes: exports::reports_csv(site, judgement, include_restricted).into_bytes(),
    });
    files.push(OutputFile {
        path: exports::FINDINGS_JSON_PATH.into(),
        bytes: exports::findings_json(judgement, include_restricted).into_bytes(),
    });
    let docs = crate::search::docs(site, judgement, include_restricted);
    files.push(OutputFile {
        path: crate::search::INDEX_PATH.into(),
        bytes: crate::search::index_js(&docs).into_bytes(),
    });
    files
}

/// Everything a build writes, from a loaded site.
pub fn render_all(
    loaded: &Loaded,
    judgement: &Judgement,
    opts: &Options,
) -> Result<Vec<OutputFile>, Failure> {
    render_where(loaded, judgement, opts, &|_| true)
}

/// The files of [`render_all`] whose path passes `keep` (the others are not rendered).
pub fn render_where(
    loaded: &Loaded,
    judgement: &Judgement,
    opts: &Options,
    keep: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Vec<OutputFile>, Failure> {
    // `--base-url` wins over site.yaml, for the pages and the data files alike.
    let overridden;
    let site = match &opts.base_url {
        // (Cloning the site costs tens of milliseconds with tens of thousands of reports.)
        Some(b) if *b != loaded.site.config.base_url => {
            let mut s = loaded.site.clone();
            s.config.base_url = b.clone();
            overridden = s;
            &overridden
        }
        _ => &loaded.site,
    };
    let theme = crate::theme::load(&opts.root, &site.config.theme, &site.config.loc)
        .map_err(|errors| Failure { errors, sources: loaded.sources.clone() })?;
    let render_opts = render::RenderOptions {
        include_restricted: opts.include_restricted,
        base_url: site.config.base_url.clone(),
        // The one place a build asks git (three processes, whatever the number of files).
        git: crate::git::git_info(&opts.root),
    };
    let mut files = render::data::data_files(site, judgement, opts.include_restricted);
    files.extend(feed_files(site, judgement, opts.include_restricted));
    files.retain(|f| keep(&f.path));
    let pages = render::site_files_where(site, judgement, &theme, &render_opts, keep)
        .map_err(|(errors, sources)| Failure { errors, sources })?;
    files.extend(pages);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Run the whole pipeline and replace the output folder.
pub fn build(opts: &Options) -> Result<Report, BuildError> {
    let start = Instant::now();
    write::check_output(&opts.root, &opts.output, opts.force).map_err(BuildError::Write)?;
    let loaded = load(&opts.root).map_err(BuildError::Content)?;
    let as_of = resolve_as_of(opts.as_of, &loaded.site);
    let judgement = derive::judge(&loaded.site, as_of);
    let files = render_all(&loaded, &judgement, opts).map_err(BuildError::Content)?;
    write::write_atomic(&opts.output, &files).map_err(BuildError::Write)?;
    Ok(Report {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        findings: published_findings(&judgement, opts.include_restricted).count(),
        elapsed: start.elapsed(),
        as_of,
    })
}
