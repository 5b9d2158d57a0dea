//! Build a site holding several plans (FORMAT.md, "Several plans in one site"): each plan
//! loaded, checked and judged as a one-plan site (on one date), rendered by the same
//! outputs under `/<plan>/`; then the site's own pages (its home, each unit across the
//! plans, search, 404), `data/plans.json`, `lich.ics` (the current plan's), the theme's
//! assets once, and, when the top `site.yaml` says `old_addresses: <plan>`, a page at each
//! address the site had before it held several plans that sends the reader on.

use super::{Failure, Leftovers, Loaded, Options, Report, Written, render_plan_into};
use crate::derive::{self, Judgement};
use crate::diag::{Diagnostic, Sources};
use crate::load::several::{self, Layout};
use crate::model::SiteWide;
use crate::output::{OutputFile, Sink};
use crate::render::plans::{InPlan, PlanEntry, PlanPages};
use crate::render::{self, Pages, RenderOptions};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// One plan, loaded and judged.
pub struct PlanLoaded {
    pub id: String,
    pub loaded: Loaded,
    pub judgement: Judgement,
}

/// A site holding several plans, loaded, checked and judged.
pub struct SeveralLoaded {
    pub top: SiteWide,
    /// In id order.
    pub plans: Vec<PlanLoaded>,
    /// Which of `plans` the home shows.
    pub current: usize,
    pub as_of: NaiveDate,
    /// The text of every content file (to show findings against), by path.
    pub sources: Sources,
    /// The site's own pages (`content/pages/`), shown at `/trang/<page>/`.
    pub pages: Vec<crate::model::Page>,
}

/// Load, check and judge every plan of the site at `root` (laid out as `layout`), on
/// `--as-of` (`as_of`), else the current plan's `as_of`, else today in Vietnam. Every
/// error of every plan, or the site.
pub fn load(root: &Path, as_of: Option<NaiveDate>, layout: Layout) -> Result<SeveralLoaded, Failure> {
    let Layout::Several { top, plans: ids, problems } = layout else {
        return Err(Failure { errors: Vec::new(), sources: Sources::new() });
    };
    let mut errors: Vec<Diagnostic> = problems;
    let mut sources = Sources::new();
    if let Some(t) = &top {
        sources.insert(t.path.to_string(), t.text.clone());
    }
    let top = match several::parse_top(top.as_ref()) {
        Ok(t) => {
            errors.extend(several::check_top(&t, &ids));
            Some(t)
        }
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let (pages, page_files, page_errors) = several::top_pages(root);
    errors.extend(page_errors);
    sources.extend(page_files.into_iter().map(|f| (f.path.to_string(), f.text)));
    let git = crate::git::git_info(root).map(Arc::new);
    let mut sites = Vec::new();
    for id in &ids {
        match super::read_and_parse_at(root, &format!("content/{id}")) {
            Ok((mut site, s)) => {
                if let Some(t) = &top {
                    t.fill(&mut site.config);
                }
                errors.extend(crate::check::check(&site));
                sources.extend(s);
                sites.push((id.clone(), site));
            }
            Err(f) => {
                errors.extend(f.errors);
                sources.extend(f.sources);
            }
        }
    }
    let Some(top) = top.filter(|_| errors.is_empty()) else {
        errors.sort_by(|a, b| a.loc.cmp(&b.loc));
        return Err(Failure { errors, sources });
    };
    let current = several::current(&top, &ids).and_then(|c| ids.iter().position(|i| i == c)).unwrap_or(0);
    let as_of = as_of
        .or_else(|| sites.get(current).and_then(|(_, s)| s.config.as_of))
        .unwrap_or_else(super::today_in_vietnam);
    let plans = sites
        .into_iter()
        .map(|(id, site)| {
            let judgement = derive::judge(&site, as_of);
            let loaded = Loaded { site, sources: Sources::new(), git: git.clone() };
            PlanLoaded { id, loaded, judgement }
        })
        .collect();
    Ok(SeveralLoaded { top, plans, current, as_of, sources, pages })
}

/// What a plan's files recorded for the old addresses: each path, with the bytes of those
/// that are not pages.
type Recorded = Mutex<Vec<(String, Option<Vec<u8>>)>>;

/// A sink that puts each file under `prefix` and hands it on; with `record`, it also keeps
/// each file's path (and the bytes of those that are not pages) for the old addresses.
struct Prefixed<'a> {
    prefix: String,
    inner: &'a dyn Sink,
    record: Option<&'a Recorded>,
}

impl Sink for Prefixed<'_> {
    fn file(&self, f: OutputFile) {
        if let Some(r) = self.record
            && let Ok(mut r) = r.lock()
        {
            let keep_bytes = !f.path.ends_with(".html");
            r.push((f.path.clone(), keep_bytes.then(|| f.bytes.clone())));
        }
        self.inner.file(OutputFile { path: format!("{}{}", self.prefix, f.path), bytes: f.bytes });
    }

    fn parts(&self, path: &str, n: usize, part: &(dyn Fn(usize) -> Vec<u8> + Sync)) {
        if self.record.is_some() {
            // Kept whole for the old address too.
            let bytes = crate::output::join_parts(n, part);
            return self.file(OutputFile { path: path.to_string(), bytes });
        }
        self.inner.parts(&format!("{}{path}", self.prefix), n, part);
    }
}

/// A sink that keeps the paths of the files it hands on.
struct Noting<'a> {
    inner: &'a dyn Sink,
    paths: Mutex<HashSet<String>>,
}

impl Sink for Noting<'_> {
    fn file(&self, f: OutputFile) {
        if let Ok(mut p) = self.paths.lock() {
            p.insert(f.path.clone());
        }
        self.inner.file(f);
    }
}

/// Render every file of the site, handing each to `emit`.
pub fn render_into(site: &SeveralLoaded, opts: &Options, emit: &dyn Sink) -> Result<(), Failure> {
    let fail = |errors: Vec<Diagnostic>| Failure { errors, sources: Sources::new() };
    let top = &site.top;
    let theme = crate::theme::load(&opts.root, &top.theme, &top.loc).map_err(fail)?;
    let base = opts.base_url.clone().unwrap_or_else(|| top.base_url.clone());
    let base = if base.ends_with('/') { base } else { format!("{base}/") };
    let month_ends: Vec<Vec<derive::history::MonthEnd>> =
        site.plans.iter().map(|p| derive::history::month_ends(&p.loaded.site, p.judgement.as_of)).collect();
    let entries: Arc<Vec<PlanEntry>> = Arc::new(
        site.plans
            .iter()
            .zip(&month_ends)
            .map(|(p, ends)| PlanEntry {
                id: p.id.clone(),
                label: render::plans::label(&p.id),
                paths: Arc::new(
                    render::page_paths(&p.loaded.site, &p.judgement, ends, opts.include_restricted)
                        .into_iter()
                        .collect(),
                ),
            })
            .collect(),
    );
    let site_title: Arc<str> = Arc::from(top.title.as_str());
    let plan_opts: Vec<RenderOptions> = site
        .plans
        .iter()
        .enumerate()
        .map(|(k, p)| RenderOptions {
            include_restricted: opts.include_restricted,
            base_url: format!("{base}{}/", p.id),
            git: p.loaded.git.clone(),
            plan: Some(InPlan { plans: entries.clone(), this: k, site_title: site_title.clone() }),
        })
        .collect();
    let old = top.old_addresses.as_ref().map(|o| o.value.as_str());
    let recorded: Recorded = Mutex::new(Vec::new());
    let mut themes = Vec::new();
    for (p, ropts) in site.plans.iter().zip(&plan_opts) {
        let plan_theme = crate::theme::for_plan(&theme, &opts.root, &p.id).map_err(fail)?;
        let sink = Prefixed {
            prefix: crate::paths::plan_prefix(&p.id),
            inner: emit,
            record: (old == Some(p.id.as_str())).then_some(&recorded),
        };
        // The search index is the site's, of every plan (below).
        let keep = |path: &str| path != crate::paths::SEARCH_INDEX_PATH;
        render_plan_into(&p.loaded, &p.judgement, &plan_theme, ropts, opts.dispose, &keep, &sink)?;
        themes.push(plan_theme);
    }
    // The site's own files.
    let noting = Noting { inner: emit, paths: Mutex::new(HashSet::new()) };
    site_pages_into(site, &themes, &plan_opts, &month_ends, &base, opts.include_restricted, &noting)?;
    let cur = &site.plans[site.current];
    let all = |p: &str| p == crate::paths::ALL_PATH;
    for f in crate::feeds::ics::feeds_where(&cur.loaded.site, &plan_opts[site.current].base_url, &all) {
        noting.file(f);
    }
    search_index_into(site, opts.include_restricted, &noting);
    let plans: Vec<(&str, &crate::model::Site, &Judgement)> =
        site.plans.iter().map(|p| (p.id.as_str(), &p.loaded.site, &p.judgement)).collect();
    let bytes = render::data::plans_json(&plans, opts.include_restricted);
    noting.file(OutputFile { path: crate::paths::PLANS_JSON_PATH.into(), bytes });
    for (path, bytes) in &theme.assets {
        noting.file(OutputFile { path: path.clone(), bytes: bytes.clone() });
    }
    // The old addresses: every file the old plan had at the top that the site does not
    // write there now.
    if let Some(old) = old {
        let taken = noting.paths.into_inner().unwrap_or_default();
        let mut files = recorded.into_inner().unwrap_or_default();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, bytes) in files {
            if taken.contains(&path) {
                continue;
            }
            match bytes {
                Some(bytes) => emit.file(OutputFile { path, bytes }),
                None if path.ends_with(".html") => {
                    let bytes = render::plans::redirect_page(&path, old).into_bytes();
                    emit.file(OutputFile { path, bytes });
                }
                None => {}
            }
        }
    }
    Ok(())
}

/// The site's search index: every plan's documents, each plan named, addresses under its
/// folder.
fn search_index_into(site: &SeveralLoaded, include_restricted: bool, emit: &dyn Sink) {
    let labels: Vec<String> = site.plans.iter().map(|p| render::plans::label(&p.id)).collect();
    let prefixes: Vec<String> = site.plans.iter().map(|p| crate::paths::plan_prefix(&p.id)).collect();
    let texts: Vec<Box<dyn Fn(usize) -> String + Sync + '_>> = site
        .plans
        .iter()
        .map(|p| {
            let reports = &p.loaded.site.reports;
            Box::new(move |r: usize| crate::search::docs::markdown_text(&reports[r].body))
                as Box<dyn Fn(usize) -> String + Sync>
        })
        .collect();
    let plans: Vec<crate::search::SearchPlan> = site
        .plans
        .iter()
        .enumerate()
        .map(|(k, p)| crate::search::SearchPlan {
            id: Some(&p.id),
            title: &labels[k],
            prefix: &prefixes[k],
            site: &p.loaded.site,
            judgement: &p.judgement,
            include_restricted,
            text: &*texts[k],
        })
        .collect();
    crate::search::write_index(&plans, emit);
}

/// The site's pages: its home, the units across the plans, search and 404.
fn site_pages_into(
    site: &SeveralLoaded,
    themes: &[crate::theme::Theme],
    plan_opts: &[RenderOptions],
    month_ends: &[Vec<derive::history::MonthEnd>],
    base: &str,
    include_restricted: bool,
    emit: &dyn Sink,
) -> Result<(), Failure> {
    let mut prepared = Vec::new();
    for (k, p) in site.plans.iter().enumerate() {
        let pages = Pages::prepare(&p.loaded.site, &p.judgement, &month_ends[k], &themes[k], &plan_opts[k])
            .map_err(|(errors, sources)| Failure { errors, sources })?;
        prepared.push(pages);
    }
    let plans: Vec<PlanPages> =
        site.plans.iter().zip(&prepared).map(|(p, pages)| PlanPages { id: &p.id, pages }).collect();
    let cur = &prepared[site.current];
    let cur_id = &site.plans[site.current].id;
    let own: Vec<&crate::model::Page> =
        site.pages.iter().filter(|p| !p.draft && (include_restricted || !p.restricted)).collect();
    let mut pages = Vec::new();
    pages.extend(render::plans::home(&plans, site.current, &own));
    pages.extend(own.iter().map(|p| render::plans::at_site(cur.page_of(p), cur_id)));
    pages.extend(render::plans::units_index(&plans, site.current));
    pages.extend(render::plans::units_across(&plans, site.current));
    pages.push(render::plans::at_site(cur.search_page(), cur_id));
    let mut nf = cur.not_found_page(base);
    nf.root = format!("{base}{cur_id}/");
    nf.site_root = Some(base.to_string());
    pages.push(nf);
    let mut errors = Vec::new();
    for page in pages {
        if let Err(d) = cur.render_page(page, emit)
            && !errors.iter().any(|e: &Diagnostic| e.loc == d.loc && e.message == d.message)
        {
            errors.push(*d);
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    let sources = themes[site.current].templates.iter().map(|t| (t.path.clone(), t.text.clone())).collect();
    Err(Failure { errors, sources })
}

/// Load, check, judge and render a site holding several plans, and replace the output.
pub fn build(opts: &Options, layout: Layout) -> Result<Report, super::BuildError> {
    use super::BuildError;
    let start = std::time::Instant::now();
    let mut site = load(&opts.root, opts.as_of, layout).map_err(BuildError::Content)?;
    site.sources.clear();
    let staging = crate::write::Staging::begin(&opts.output).map_err(BuildError::Write)?;
    let sink = super::ToStaging { staging: &staging, written: Mutex::new(Written::default()) };
    render_into(&site, opts, &sink).map_err(BuildError::Content)?;
    let mut written = sink.written.into_inner().unwrap_or_default();
    if let Some((_, e)) = written.error.take() {
        return Err(BuildError::Write(e));
    }
    staging.commit().map_err(BuildError::Write)?;
    let findings = site
        .plans
        .iter()
        .map(|p| crate::derive::publish::published_findings(&p.judgement, opts.include_restricted).count())
        .sum();
    let as_of = site.as_of;
    (opts.dispose)(Leftovers::of(vec![Box::new(site)]));
    Ok(Report { pages: written.pages, files: written.files, findings, elapsed: start.elapsed(), as_of })
}
