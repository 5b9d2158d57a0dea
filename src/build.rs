//! The pipeline, stage by stage: load → check → derive → render → write.
//!
//! The command line calls these; so do the tests and the dev server.

use crate::derive::publish::published_findings;
use crate::derive::{self, Finding, Judgement};
use crate::diag::{Diagnostic, Severity, Sources};
use crate::markdown::report_body::Bodies;
use crate::model::Site;
use crate::output::{Input, Output, OutputFile, Sink};
use crate::render;
use crate::{check, load, write};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub mod several;

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
    /// What becomes of the values a build no longer needs (the model, the pages' shared
    /// values, the texts kept for the search index): [`drop`] by default. A process that
    /// ends right after the build (`kehoach build`) may leave them to the system, which
    /// takes a process's memory back at once, instead of freeing them one value at a time
    /// on one thread while the other waits (10 to 20 ms at the end of a build of 10,000
    /// reports). Never for serve, whose builds follow one another in one process.
    pub dispose: fn(Leftovers<'_>),
}

/// Values a build has finished with, handed to [`Options::dispose`].
pub struct Leftovers<'a>(Vec<Box<dyn Held + 'a>>);

/// Any value (a trait object needs a trait).
trait Held {}
impl<T> Held for T {}

impl<'a> Leftovers<'a> {
    fn of(values: Vec<Box<dyn Held + 'a>>) -> Self {
        Leftovers(values)
    }
}

impl std::fmt::Debug for Leftovers<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Leftovers({})", self.0.len())
    }
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
            dispose: |leftovers| drop(leftovers),
        }
    }
}

/// A loaded, checked site and the text of its files.
pub struct Loaded {
    pub site: Site,
    pub sources: Sources,
    /// What git knows about the site folder (asked once per load); `None` outside git.
    /// Shared: every render of the site reads it.
    pub git: Option<Arc<crate::git::GitInfo>>,
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
    load_with(root, |_| ()).map(|(loaded, ())| loaded)
}

/// [`load`] of the plan in the folder `base` of `root` (`content`, or `content/<plan>` of a
/// site holding several: then with the keys every plan shares, from the top `site.yaml`),
/// for the commands that work on one plan (`--plan`).
pub fn load_at(root: &Path, base: &str) -> Result<Loaded, Failure> {
    if base == "content" {
        return load(root);
    }
    let (mut site, sources) = read_and_parse_at(root, base)?;
    if let load::several::Layout::Several { top, .. } = load::several::layout(root)
        && let Ok(top) = load::several::parse_top(top.as_ref())
    {
        top.fill(&mut site.config);
    }
    let errors = check::check(&site);
    if !errors.is_empty() {
        return Err(Failure { errors, sources });
    }
    Ok(Loaded { site, sources, git: None })
}

/// [`load`], and the judgement on `--as-of` (`as_of`), else site.yaml's date, else today
/// (see [`resolve_as_of`]), made while the site is checked.
pub fn load_judged(root: &Path, as_of: Option<NaiveDate>) -> Result<(Loaded, Judgement), Failure> {
    load_with(root, |site| derive::judge(site, resolve_as_of(as_of, site)))
}

/// [`load`], and `also` of the site, run while it is checked (and thrown away if the site
/// has errors).
fn load_with<T: Send>(root: &Path, also: impl FnOnce(&Site) -> T + Send) -> Result<(Loaded, T), Failure> {
    // Git (three processes that mostly wait) runs while the files are read and parsed.
    let (git, parsed) = beside(|| crate::git::git_info(root), || read_and_parse(root));
    let (site, sources) = parsed?;
    let (errors, t) = rayon::join(|| check::check(&site), || also(&site));
    if !errors.is_empty() {
        return Err(Failure { errors, sources });
    }
    Ok((Loaded { site, sources, git: git.map(Arc::new) }, t))
}

/// Run `wait` (work that mostly waits, such as git) on a thread of its own while `work`
/// runs, and return both results. Not on rayon's threads: a worker waiting on git would
/// leave the parallel parse one thread short.
pub fn beside<A: Send, B>(wait: impl FnOnce() -> A + Send, work: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|s| {
        let waiting = s.spawn(wait);
        let b = work();
        let a = waiting.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (a, b)
    })
}

/// Read and parse the content files.
fn read_and_parse(root: &Path) -> Result<(Site, Sources), Failure> {
    read_and_parse_at(root, "content")
}

/// Read and parse the content files of the folder `base` (`content`, or `content/<plan>`).
fn read_and_parse_at(root: &Path, base: &str) -> Result<(Site, Sources), Failure> {
    let input = load::read_at(root, base).map_err(|errors| Failure { errors, sources: Sources::new() })?;
    let parsed = load::parse(&input);
    // The texts move into the sources (no copy of tens of megabytes).
    let sources: Sources = input.files.into_iter().map(|f| (f.path.to_string(), f.text)).collect();
    match parsed {
        Ok(site) => Ok((site, sources)),
        Err(errors) => Err(Failure { errors, sources }),
    }
}

/// Today's date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
pub fn today_in_vietnam() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// `--as-of`, else `as_of` in site.yaml, else today in Vietnam.
pub fn resolve_as_of(flag: Option<NaiveDate>, site: &Site) -> NaiveDate {
    flag.or(site.config.as_of).unwrap_or_else(today_in_vietnam)
}

/// The place of the value of a top-level `key:` of the file `at` is in (site.yaml's
/// `theme:`), from its source, or `at` itself when it is not written there.
fn key_loc(loaded: &Loaded, at: &crate::model::Loc, key: &str) -> crate::model::Loc {
    let Some(text) = loaded.sources.get(&*at.file) else { return at.clone() };
    let prefix = format!("{key}:");
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(&prefix) {
            let value = rest.trim_start();
            let col = line.chars().count() - value.chars().count() + 1;
            let len = value.split(" #").next().unwrap_or(value).trim_end().chars().count().max(1);
            let pos = crate::model::Pos { line: i as u32 + 1, col: col as u32, len: len as u32 };
            return crate::model::Loc::new(&at.file, pos);
        }
    }
    at.clone()
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
        notes: Vec::new(),
    }
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

/// The outputs made beside the report pages: the data files, the feeds and exports, the
/// office files (each on one thread).
const BESIDE_PAGES: [&dyn Output; 3] = [&render::data::Data, &crate::feeds::Feeds, &crate::office::Office];
/// The output made after the report pages: the search index reads the texts they leave.
const AFTER_REPORT_PAGES: &dyn Output = &crate::search::Search;

/// Every output of a build but the pages (which [`render_plan_into`] runs in steps).
pub fn outputs() -> impl Iterator<Item = &'static dyn Output> {
    BESIDE_PAGES.into_iter().chain([AFTER_REPORT_PAGES])
}

/// Everything a build writes, from a loaded site, sorted by path.
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
    render::collect_sorted(|emit| render_into(loaded, judgement, opts, keep, emit))
}

/// Render the files whose path passes `keep`, handing each to `emit` as soon as it is made
/// (from any thread, in no fixed order; see [`render::site_files_into`]).
pub fn render_into(
    loaded: &Loaded,
    judgement: &Judgement,
    opts: &Options,
    keep: &(dyn Fn(&str) -> bool + Sync),
    emit: &dyn Sink,
) -> Result<(), Failure> {
    let base_url = opts.base_url.as_deref().unwrap_or(&loaded.site.config.base_url);
    let site = &loaded.site;
    let theme_loc = key_loc(loaded, &site.config.loc, "theme");
    let theme = crate::theme::load(&opts.root, &site.config.theme, &theme_loc)
        .map_err(|errors| Failure { errors, sources: loaded.sources.clone() })?;
    let render_opts = render::RenderOptions {
        include_restricted: opts.include_restricted,
        // `--base-url` wins over site.yaml, for the pages and the data files alike.
        base_url: base_url.to_string(),
        git: loaded.git.clone(),
        plan: None,
    };
    render_plan_into(loaded, judgement, &theme, &render_opts, opts.dispose, keep, emit)
}

/// Render the files of one plan (the whole site of a one-plan site) with `theme` and
/// `render_opts`, those whose path passes `keep`, handing each to `emit`.
pub fn render_plan_into(
    loaded: &Loaded,
    judgement: &Judgement,
    theme: &crate::theme::Theme,
    render_opts: &render::RenderOptions,
    dispose: fn(Leftovers<'_>),
    keep: &(dyn Fn(&str) -> bool + Sync),
    emit: &dyn Sink,
) -> Result<(), Failure> {
    let site = &loaded.site;
    // The data files (each made on one thread) beside the reports' pages (on all); then
    // the search index, from the texts the report pages kept; then the other pages. The
    // search index and the pages that list every report are the two large things a build
    // holds in memory, so not at the same time.
    let bodies =
        Bodies::new(site.reports.len(), render::synthesis_root(keep), keep(crate::paths::SEARCH_INDEX_PATH));
    let month_ends = derive::history::month_ends(site, judgement.as_of);
    let text = |r: usize| bodies.take_text(r, &site.reports[r].body);
    let input = Input {
        site,
        judgement,
        month_ends: &month_ends,
        base_url: &render_opts.base_url,
        include_restricted: render_opts.include_restricted,
        text: &text,
    };
    let ((), reports) = rayon::join(
        || BESIDE_PAGES.iter().for_each(|o| o.render(&input, keep, emit)),
        || {
            render::Pages::prepare(site, judgement, &month_ends, theme, render_opts).map(|pages| {
                let failed = pages.render_part(render::Part::Reports, keep, emit, &bodies);
                (pages, failed)
            })
        },
    );
    let (pages, mut failed) = reports.map_err(|(errors, sources)| Failure { errors, sources })?;
    // The search index reads the texts the report pages left in `bodies`.
    AFTER_REPORT_PAGES.render(&input, keep, emit);
    failed.extend(pages.render_part(render::Part::Rest, keep, emit, &bodies));
    let finished = pages.finish(failed, keep, emit).map_err(|(errors, sources)| Failure { errors, sources });
    dispose(Leftovers::of(vec![Box::new(pages), Box::new(bodies)]));
    finished
}

/// Every file a build of `site` on `as_of` may write (the theme's files aside), each with
/// what it is made from: the declarations of the outputs, side by side. The dev server
/// derives what an edit touches from these (`serve::affected`).
pub fn declared(site: &Site, as_of: NaiveDate) -> Vec<crate::output::Declared> {
    let mut out = render::declared(site, as_of);
    for o in outputs() {
        out.extend(o.declared(site, as_of));
    }
    out
}

/// What the writing of a build's files came to.
#[derive(Default)]
pub struct Written {
    pub files: usize,
    pub pages: usize,
    error: Option<(String, write::WriteError)>,
}

/// The sink of a build: each file written into the staging folder as it comes.
struct ToStaging<'s> {
    staging: &'s write::Staging,
    written: Mutex<Written>,
}

impl ToStaging<'_> {
    fn count(&self, path: &str, result: Result<(), write::WriteError>) {
        if let Ok(mut w) = self.written.lock() {
            w.files += 1;
            w.pages += usize::from(path.ends_with(".html"));
            if let Err(e) = result {
                // The first failure by path, so that the error does not depend on scheduling.
                if w.error.as_ref().is_none_or(|(p, _)| path < p.as_str()) {
                    w.error = Some((path.to_string(), e));
                }
            }
        }
    }
}

impl Sink for ToStaging<'_> {
    fn file(&self, f: OutputFile) {
        let result = self.staging.put(&f);
        self.count(&f.path, result);
    }

    fn parts(&self, path: &str, n: usize, part: &(dyn Fn(usize) -> Vec<u8> + Sync)) {
        let result = self.staging.put_parts(path, n, part);
        self.count(path, result);
    }
}

/// Render every file and replace `opts.output` with them: each file is written as soon
/// as it is rendered, into a fresh folder that replaces the output only when everything
/// is written (`kehoach build`, and serve's full rebuilds).
pub fn render_to_output(
    loaded: &Loaded,
    judgement: &Judgement,
    opts: &Options,
) -> Result<Written, BuildError> {
    let staging = write::Staging::begin(&opts.output).map_err(BuildError::Write)?;
    let sink = ToStaging { staging: &staging, written: Mutex::new(Written::default()) };
    render_into(loaded, judgement, opts, &|_| true, &sink).map_err(BuildError::Content)?;
    let mut written = sink.written.into_inner().unwrap_or_default();
    if let Some((_, e)) = written.error.take() {
        return Err(BuildError::Write(e));
    }
    staging.commit().map_err(BuildError::Write)?;
    Ok(written)
}

/// Run the whole pipeline and replace the output folder.
pub fn build(opts: &Options) -> Result<Report, BuildError> {
    let start = Instant::now();
    write::check_output(&opts.root, &opts.output, opts.force).map_err(BuildError::Write)?;
    let layout = load::several::layout(&opts.root);
    if layout != load::several::Layout::One {
        return several::build(opts, layout);
    }
    let (mut loaded, judgement) = load_judged(&opts.root, opts.as_of).map_err(BuildError::Content)?;
    // Checked: the texts are needed from now on only to show an error against site.yaml
    // (the theme it names); the rest (tens of megabytes on a large site) goes.
    loaded.sources.retain(|path, _| path == "content/site.yaml");
    let as_of = judgement.as_of;
    let written = render_to_output(&loaded, &judgement, opts)?;
    let findings = published_findings(&judgement, opts.include_restricted).count();
    (opts.dispose)(Leftovers::of(vec![Box::new(loaded), Box::new(judgement)]));
    Ok(Report { pages: written.pages, files: written.files, findings, elapsed: start.elapsed(), as_of })
}
