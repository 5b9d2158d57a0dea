//! Render: turn the model and its judgement into the files of the site.
//!
//! Every page is a template of the theme and a context built here from the published view
//! ([`view::View`]). Links are relative: each page gets `root` (`""`, `"../"`, `"../../"`)
//! and every address in a context is relative to the site root and names a file
//! (`to-cong-tac/to-1/index.html`), so the site works under any `base_url` and from disk.

pub mod data;
pub mod engine;
mod pages_calendar;
mod pages_dashboard;
mod pages_history;
mod pages_main;
mod pages_reports;
mod pages_search;
pub mod plans;
pub mod proposals;
mod rows;
pub mod stamp;
mod synthesis_parts;
pub mod view;

use crate::derive::Judgement;
use crate::diag::{Diagnostic, Sources};
use crate::markdown::report_body::Bodies;
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use crate::theme::Theme;
use crate::vi;
use rayon::prelude::*;
use serde::Serialize;
use view::{View, url};

/// What a page build needs besides the site.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    pub include_restricted: bool,
    /// `base_url` of site.yaml or `--base-url`.
    pub base_url: String,
    /// What git knows about the site folder (read once per build); `None` outside git.
    pub git: Option<std::sync::Arc<crate::git::GitInfo>>,
    /// The plan rendered, when the site holds several: its pages go under `/<plan>/`.
    pub plan: Option<plans::InPlan>,
}

/// One page to render: where it goes, with which template, and its context.
pub struct Page {
    pub path: String,
    pub template: &'static str,
    pub title: String,
    /// The menu entry it belongs to (`to-cong-tac`, …; `home`).
    pub section: &'static str,
    /// The way back to the root of its plan from this page (the site root of a one-plan
    /// site).
    pub root: String,
    /// The way back to the site root, when it is not `root` (or `root` and `../` for the
    /// pages of a plan of a site holding several): set for the site's own pages.
    pub site_root: Option<String>,
    /// What it is built from (for "Cập nhật:").
    pub source: stamp::Source,
    pub ctx: tera::Context,
}

impl Page {
    pub fn new(path: &str, template: &'static str, title: &str, section: &'static str) -> Self {
        Page {
            path: path.to_string(),
            template,
            title: title.to_string(),
            section,
            root: "../".repeat(path.matches('/').count()),
            site_root: None,
            source: stamp::Source::All,
            ctx: tera::Context::new(),
        }
    }
}

#[derive(Serialize)]
struct NavItem {
    /// What the menu shows: a page's `menu_title`, else its title.
    label: String,
    /// The full title (a page's `title`; the label for the sections).
    title: String,
    url: String,
    current: bool,
}

const MENU: [(&str, &str); 8] = [
    ("home", "Trang chủ"),
    ("ke-hoach", "Kế hoạch"),
    ("to-cong-tac", "Tổ công tác"),
    ("don-vi", "Đơn vị"),
    ("lich", "Lịch"),
    ("bao-cao", "Báo cáo"),
    ("theo-doi", "Theo dõi"),
    ("tong-hop", "Tổng hợp"),
];

fn menu_url(section: &str) -> String {
    match section {
        "home" => url::home(),
        "ke-hoach" => url::plan(),
        "to-cong-tac" => url::teams(),
        "don-vi" => url::units(),
        "lich" => url::calendar(),
        "bao-cao" => url::reports(),
        "theo-doi" => url::dashboard(),
        _ => url::synthesis(),
    }
}

fn nav(view: &View, page: &Page) -> Vec<NavItem> {
    let mut items: Vec<NavItem> = MENU
        .iter()
        .map(|(s, l)| NavItem {
            label: l.to_string(),
            title: l.to_string(),
            url: menu_url(s),
            current: page.section == *s,
        })
        .collect();
    items.extend(menu_pages(view).map(|p| {
        let u = url::page(&p.slug);
        let label = p.menu_title.clone().unwrap_or_else(|| p.title.clone());
        NavItem { label, title: p.title.clone(), current: page.path == u, url: u }
    }));
    items
}

/// The pages of `pages/` that the menu lists: those at the top of the folder.
fn menu_pages<'v>(view: &'v View) -> impl Iterator<Item = &'v crate::model::Page> {
    view.pages.iter().copied().filter(|p| !p.slug.contains('/'))
}

/// One page to build: which, and of what.
enum Job<'a> {
    Home,
    Plan,
    Teams,
    Units,
    Year,
    Reports,
    Dashboard,
    /// The dashboard at the end of a month.
    DashboardAt(&'a crate::derive::history::MonthEnd),
    Synthesis,
    NotFound,
    Search,
    Team(&'a crate::model::Team),
    Unit(&'a crate::model::Unit),
    Month(crate::model::YearMonth),
    Report(usize, &'a crate::model::Visit, &'a crate::model::Report),
    Page(&'a crate::model::Page),
}

/// Every page of the site, in a fixed order (the large ones first, so that they start
/// early when the pages are built in parallel).
fn jobs<'a>(view: &View<'a>, month_ends: &'a [crate::derive::history::MonthEnd]) -> Vec<Job<'a>> {
    let site = view.site;
    let mut out = vec![
        Job::Home,
        Job::Plan,
        Job::Teams,
        Job::Units,
        Job::Year,
        Job::Reports,
        Job::Dashboard,
        Job::Synthesis,
        Job::NotFound,
        Job::Search,
    ];
    out.extend(month_ends.iter().map(Job::DashboardAt));
    out.extend(site.teams.iter().map(Job::Team));
    out.extend(site.units.iter().map(Job::Unit));
    out.extend(view.months().into_iter().map(Job::Month));
    out.extend(view.reported().into_iter().map(|(i, v, r)| Job::Report(i, v, r)));
    out.extend(view.pages.iter().map(|p| Job::Page(p)));
    out
}

impl Job<'_> {
    /// Where the page goes (the `path` of [`Self::page`], without building it).
    fn path(&self) -> String {
        match self {
            Job::Home => url::home(),
            Job::Plan => url::plan(),
            Job::Teams => url::teams(),
            Job::Units => url::units(),
            Job::Year => url::calendar(),
            Job::Reports => url::reports(),
            Job::Dashboard => url::dashboard(),
            Job::DashboardAt(e) => url::dashboard_month(e.month),
            Job::Synthesis => url::synthesis(),
            Job::NotFound => "404.html".into(),
            Job::Search => pages_search::address(),
            Job::Team(t) => url::team(&t.id),
            Job::Unit(u) => url::unit(&u.id),
            Job::Month(m) => url::month(*m),
            Job::Report(_, v, _) => url::report(&v.id),
            Job::Page(p) => url::page(&p.slug),
        }
    }

    /// The page with its own context (without the parts every page has).
    fn page(
        &self,
        view: &View,
        opts: &RenderOptions,
        bodies: &Bodies,
        history: &pages_history::History,
    ) -> Page {
        match self {
            Job::Home => pages_main::home(view),
            Job::Plan => pages_main::plan(view),
            Job::Teams => pages_main::teams(view),
            Job::Units => pages_main::units(view),
            Job::Year => pages_calendar::year(view),
            Job::Reports => pages_reports::index(view),
            Job::Dashboard => pages_dashboard::dashboard(view, history),
            Job::DashboardAt(e) => {
                let at = view.with_judgement(&e.judgement);
                pages_dashboard::dashboard_at(&at, e.month, history)
            }
            Job::Synthesis => pages_reports::synthesis(view, bodies),
            Job::NotFound => pages_main::not_found(&opts.base_url),
            Job::Search => pages_search::search(view),
            Job::Team(t) => pages_main::team(view, t),
            Job::Unit(u) => pages_main::unit(view, u),
            Job::Month(m) => pages_calendar::month(view, *m),
            Job::Report(i, v, r) => pages_reports::report(view, *i, v, r, bodies),
            Job::Page(p) => pages_main::page(view, p),
        }
    }
}

/// What every page's context has in common, made once per render and shared (a tera
/// value is reference-counted): the site, the date, and the menu of each section.
struct Common {
    /// `base_url` with a trailing slash.
    base: String,
    site: tera::Value,
    as_of: tera::Value,
    search_url: tera::Value,
    full_build: tera::Value,
    /// The menu of a page of each section that is not itself in the menu.
    nav: std::collections::HashMap<&'static str, tera::Value>,
    /// The addresses of the pages in the menu (whose menu marks them as current).
    in_menu: std::collections::HashSet<String>,
    /// The plan and the plans, when the site holds several.
    plan: Option<plans::InPlan>,
}

impl Common {
    fn new(view: &View, opts: &RenderOptions) -> Common {
        let c = &view.site.config;
        let as_of = view.judgement.as_of;
        let base =
            if opts.base_url.ends_with('/') { opts.base_url.clone() } else { format!("{}/", opts.base_url) };
        let site = serde_json::json!({
            "title": c.title, "organization": c.organization, "issuer": c.issuer,
            "base_url": base, "language": c.language,
            "rules": {"min_minutes": c.rules.min_minutes, "min_minutes_combined": c.rules.min_minutes_combined},
        });
        let as_of = serde_json::json!({"date": vi::date(as_of), "long": vi::day_long(as_of), "iso": as_of.to_string()});
        let nav = MENU
            .iter()
            .map(|(section, _)| {
                let page = Page::new("", "", "", section);
                (*section, tera::Value::from_serializable(&nav(view, &page)))
            })
            .collect();
        Common {
            site: tera::Value::from_serializable(&site),
            as_of: tera::Value::from_serializable(&as_of),
            search_url: tera::Value::from_serializable(&pages_search::address()),
            full_build: tera::Value::from_serializable(&view.include_restricted),
            base,
            nav,
            in_menu: menu_pages(view).map(|p| url::page(&p.slug)).collect(),
            plan: opts.plan.clone(),
        }
    }

    /// Put the common parts into `page`'s context.
    fn add(&self, view: &View, page: &mut Page) {
        let base = &self.base;
        let canonical = (base.starts_with("http://") || base.starts_with("https://"))
            .then(|| format!("{base}{}", page.path.trim_end_matches("index.html")));
        let nav = match self.nav.get(page.section) {
            Some(nav) if !self.in_menu.contains(&page.path) => nav.clone(),
            _ => tera::Value::from_serializable(&nav(view, page)),
        };
        let site_root = match (&page.site_root, &self.plan) {
            (Some(s), _) => s.clone(),
            (None, Some(_)) => format!("{}../", page.root),
            (None, None) => page.root.clone(),
        };
        if let Some(plan) = &self.plan {
            plan.add(page, &site_root);
        }
        let ctx = &mut page.ctx;
        ctx.insert("root", &page.root);
        ctx.insert("site_root", &site_root);
        ctx.insert("path", &page.path);
        ctx.insert("title", &page.title);
        ctx.insert("section", page.section);
        ctx.insert_value("nav", nav);
        ctx.insert("canonical", &canonical);
        ctx.insert_value("full_build", self.full_build.clone());
        ctx.insert_value("search_url", self.search_url.clone());
        ctx.insert_value("site", self.site.clone());
        if !ctx.contains_key("as_of") {
            ctx.insert_value("as_of", self.as_of.clone());
        }
    }
}

/// Render every page of the site and the theme's assets. Template errors name the
/// template file and line; the sources returned with them hold the templates' text.
pub fn site_files(
    site: &Site,
    judgement: &Judgement,
    theme: &Theme,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>, (Vec<Diagnostic>, Sources)> {
    site_files_where(site, judgement, theme, opts, &|_| true)
}

/// [`site_files`], only the pages and assets whose path passes `keep` (the dev server
/// renders only what an edit affects).
pub fn site_files_where(
    site: &Site,
    judgement: &Judgement,
    theme: &Theme,
    opts: &RenderOptions,
    keep: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Vec<OutputFile>, (Vec<Diagnostic>, Sources)> {
    collect_sorted(|emit| site_files_into(site, judgement, theme, opts, keep, emit))
}

/// The files a `render` function emits (see [`site_files_into`]), gathered and sorted by
/// path: for the callers that want them all in hand (tests, the dev server's updates).
pub fn collect_sorted<E>(render: impl FnOnce(&dyn Sink) -> Result<(), E>) -> Result<Vec<OutputFile>, E> {
    let files = std::sync::Mutex::new(Vec::new());
    render(&|f: OutputFile| {
        if let Ok(mut files) = files.lock() {
            files.push(f);
        }
    })?;
    let mut files = files.into_inner().unwrap_or_default();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Render the pages and assets whose path passes `keep`, handing each file to `emit` as
/// soon as it is made (from any of rayon's threads, in no fixed order), so that a build
/// never holds the whole site in memory. On a template error, the errors (each once);
/// files already emitted are then to be thrown away.
pub fn site_files_into(
    site: &Site,
    judgement: &Judgement,
    theme: &Theme,
    opts: &RenderOptions,
    keep: &(dyn Fn(&str) -> bool + Sync),
    emit: &dyn Sink,
) -> Result<(), (Vec<Diagnostic>, Sources)> {
    let bodies = Bodies::new(site.reports.len(), synthesis_root(keep), false);
    let month_ends = crate::derive::history::month_ends(site, judgement.as_of);
    let pages = Pages::prepare(site, judgement, &month_ends, theme, opts)?;
    let mut failed = pages.render_part(Part::Reports, keep, emit, &bodies);
    failed.extend(pages.render_part(Part::Rest, keep, emit, &bodies));
    pages.finish(failed, keep, emit)
}

/// The pages and theme files a build of `site` on `as_of` may write, each with what it is
/// made from (see [`crate::output::Dep`]): every page [`jobs`] makes, whatever is published.
pub fn declared(site: &Site, as_of: chrono::NaiveDate) -> Vec<crate::output::Declared> {
    use crate::output::{Declared, Dep};
    let all = || vec![Dep::Reports];
    let mut out = vec![
        Declared::new(url::home(), all()),
        Declared::new(url::plan(), vec![]),
        Declared::new(url::teams(), all()),
        Declared::new(url::units(), all()),
        Declared::new(url::calendar(), all()),
        Declared::new(url::reports(), all()),
        Declared::new(url::dashboard(), all()),
        Declared::new(url::synthesis(), all()),
        Declared::new("404.html", vec![]),
        Declared::new(pages_search::address(), all()),
    ];
    out.extend(
        crate::derive::history::ended_months(site, as_of)
            .into_iter()
            .map(|m| Declared::new(url::dashboard_month(m), all())),
    );
    out.extend(
        site.teams.iter().map(|t| Declared::new(url::team(&t.id), vec![Dep::Team(t.id.value.clone())])),
    );
    out.extend(
        site.units.iter().map(|u| Declared::new(url::unit(&u.id), vec![Dep::Unit(u.id.value.clone())])),
    );
    let mut months = site.config.months();
    months.extend(site.visits.iter().map(|v| v.month.value));
    months.sort();
    months.dedup();
    out.extend(months.into_iter().map(|m| Declared::new(url::month(m), vec![Dep::Month(m)])));
    out.extend(
        site.reports
            .iter()
            .map(|r| Declared::new(url::report(&r.visit), vec![Dep::Visit(r.visit.value.to_string())])),
    );
    out.extend(site.pages.iter().map(|p| Declared::new(url::page(&p.slug), vec![Dep::Page(p.slug.clone())])));
    out
}

/// The addresses of every page of `site` (relative to its root), as [`Pages::paths`]
/// gives them, without preparing the pages.
pub fn page_paths(
    site: &Site,
    judgement: &Judgement,
    month_ends: &[crate::derive::history::MonthEnd],
    include_restricted: bool,
) -> Vec<String> {
    let view = View::new(site, judgement, include_restricted);
    jobs(&view, month_ends).iter().map(Job::path).collect()
}

/// The way back to the site root from the synthesis, when the synthesis needs the reports'
/// proposals as HTML (for [`Bodies::new`]): never now, since it lists each proposal as
/// text by whom it addresses (see [`proposals`]), read from the report's Markdown.
pub fn synthesis_root(keep: &(dyn Fn(&str) -> bool + Sync)) -> Option<String> {
    let _ = keep;
    None
}

/// The pages of a site by when they are rendered: the reports' pages first (they keep
/// what the synthesis and the search index need of each report, see [`Bodies`]), then
/// the rest.
#[derive(Clone, Copy, PartialEq)]
pub enum Part {
    Reports,
    Rest,
}

/// The pages of a site, ready to render: the templates compiled, the published view and
/// the parts every page shares made.
pub struct Pages<'a> {
    engine: engine::Engine,
    view: View<'a>,
    /// Every page of the site, in [`jobs`] order (each part renders its own).
    jobs: Vec<Job<'a>>,
    common: Common,
    /// The dashboard's months and chart, shown by the dashboard and its month pages.
    history: pages_history::History,
    theme: &'a Theme,
    opts: &'a RenderOptions,
}

impl<'a> Pages<'a> {
    pub fn prepare(
        site: &'a Site,
        judgement: &'a Judgement,
        month_ends: &'a [crate::derive::history::MonthEnd],
        theme: &'a Theme,
        opts: &'a RenderOptions,
    ) -> Result<Pages<'a>, (Vec<Diagnostic>, Sources)> {
        let engine = engine::Engine::new(theme).map_err(|e| (e, theme_sources(theme)))?;
        let view = View::new(site, judgement, opts.include_restricted);
        let common = Common::new(&view, opts);
        let jobs = jobs(&view, month_ends);
        let history = pages_history::history(site, judgement, month_ends, opts.include_restricted);
        Ok(Pages { engine, view, jobs, common, history, theme, opts })
    }

    /// Render the pages of `part` whose path passes `keep` (see [`site_files_into`]);
    /// the template errors, in page order.
    pub fn render_part(
        &self,
        part: Part,
        keep: &(dyn Fn(&str) -> bool + Sync),
        emit: &dyn Sink,
        bodies: &Bodies,
    ) -> Vec<Box<Diagnostic>> {
        let Pages { jobs, .. } = self;
        let jobs: Vec<(usize, &Job)> = jobs
            .iter()
            .enumerate()
            .filter(|(_, job)| {
                (matches!(job, Job::Report(..)) == (part == Part::Reports)) && keep(&job.path())
            })
            .collect();
        // Each page is built, rendered, emitted and dropped on one of rayon's threads,
        // which take the pages one at a time in list order: the large ones (first in the
        // list) start first, each on its own thread, and no thread is left with a run of
        // them at the end while the other has nothing to do.
        let mut failed: Vec<(usize, Box<Diagnostic>)> = jobs
            .into_iter()
            .par_bridge()
            .filter_map(|(k, job)| {
                let page = job.page(&self.view, self.opts, bodies, &self.history);
                debug_assert_eq!(page.path, job.path(), "Job::path must agree with Job::page");
                self.render_page(page, emit).err().map(|d| (k, d))
            })
            .collect();
        // In page order, so that the errors do not depend on scheduling.
        failed.sort_by_key(|(k, _)| *k);
        failed.into_iter().map(|(_, d)| d).collect()
    }

    /// Put the parts every page has into `page`, render it and hand it to `emit`.
    pub fn render_page(&self, mut page: Page, emit: &dyn Sink) -> Result<(), Box<Diagnostic>> {
        self.common.add(&self.view, &mut page);
        stamp::stamp(&self.view, &mut page, self.opts.git.as_deref());
        let bytes = self.engine.render_bytes(page.template, &page.ctx)?;
        emit.file(OutputFile { path: page.path, bytes });
        Ok(())
    }

    /// The published view the pages are made from.
    pub fn view(&self) -> &View<'a> {
        &self.view
    }

    /// The addresses of every page (the files whose name ends in `.html`), in page order.
    pub fn paths(&self) -> impl Iterator<Item = String> + '_ {
        self.jobs.iter().map(Job::path)
    }

    /// The page of the site's home made from this site's home (for the home of a site
    /// holding several plans, see [`plans`]).
    pub fn home_page(&self) -> Page {
        pages_main::home(&self.view)
    }

    /// The page of `p` (one of `pages/`), made as this site's pages are.
    pub fn page_of(&self, p: &crate::model::Page) -> Page {
        pages_main::page(&self.view, p)
    }

    /// The search page and the 404 page, for the site's own pages.
    pub fn search_page(&self) -> Page {
        pages_search::search(&self.view)
    }
    pub fn not_found_page(&self, base_url: &str) -> Page {
        pages_main::not_found(base_url)
    }

    /// The errors of the parts (each once), else the theme's assets that pass `keep`.
    pub fn finish(
        &self,
        failed: Vec<Box<Diagnostic>>,
        keep: &(dyn Fn(&str) -> bool + Sync),
        emit: &dyn Sink,
    ) -> Result<(), (Vec<Diagnostic>, Sources)> {
        let mut errors: Vec<Diagnostic> = Vec::new();
        for d in failed {
            if !errors.iter().any(|e| e.loc == d.loc && e.message == d.message) {
                errors.push(*d);
            }
        }
        if !errors.is_empty() {
            return Err((errors, self.engine.sources.clone()));
        }
        for (p, b) in self.theme.assets.iter().filter(|(p, _)| keep(p)) {
            emit.file(OutputFile { path: p.clone(), bytes: b.clone() });
        }
        Ok(())
    }
}

fn theme_sources(theme: &Theme) -> Sources {
    theme.templates.iter().map(|t| (t.path.clone(), t.text.clone())).collect()
}

#[cfg(test)]
mod tests;
