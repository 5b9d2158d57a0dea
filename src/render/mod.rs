//! Render: turn the model and its judgement into the files of the site.
//!
//! Every page is a template of the theme and a context built here from the published view
//! ([`view::View`]). Links are relative: each page gets `root` (`""`, `"../"`, `"../../"`)
//! and every address in a context is relative to the site root and names a file
//! (`to-cong-tac/to-1/index.html`), so the site works under any `base_url` and from disk.

pub mod data;
pub mod engine;
pub mod markdown;
mod pages_calendar;
mod pages_dashboard;
mod pages_main;
mod pages_reports;
mod pages_search;
mod rows;
pub mod stamp;
pub mod vi;
pub mod view;

#[cfg(test)]
mod test_site;

use crate::derive::Judgement;
use crate::diag::{Diagnostic, Sources};
use crate::model::Site;
use crate::theme::Theme;
use serde::Serialize;
use view::{View, url};

/// One file of the output, by its path relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a page build needs besides the site.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    pub include_restricted: bool,
    /// `base_url` of site.yaml or `--base-url`.
    pub base_url: String,
    /// What git knows about the site folder (read once per build); `None` outside git.
    pub git: Option<crate::git::GitInfo>,
}

/// One page to render: where it goes, with which template, and its context.
pub struct Page {
    pub path: String,
    pub template: &'static str,
    pub title: String,
    /// The menu entry it belongs to (`to-cong-tac`, …; `home`).
    pub section: &'static str,
    /// The way back to the site root from this page.
    pub root: String,
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
    items.extend(view.pages.iter().filter(|p| !p.slug.contains('/')).map(|p| {
        let u = url::page(&p.slug);
        let label = p.menu_title.clone().unwrap_or_else(|| p.title.clone());
        NavItem { label, title: p.title.clone(), current: page.path == u, url: u }
    }));
    items
}

/// Every page of the site, in a fixed order.
fn pages(view: &View, opts: &RenderOptions) -> Vec<Page> {
    let site = view.site;
    let mut out = vec![
        pages_main::home(view),
        pages_main::plan(view),
        pages_main::teams(view),
        pages_main::units(view),
        pages_calendar::year(view),
        pages_reports::index(view),
        pages_dashboard::dashboard(view),
        pages_reports::synthesis(view),
        pages_main::not_found(&opts.base_url),
        pages_search::search(view),
    ];
    out.extend(site.teams.iter().map(|t| pages_main::team(view, t)));
    out.extend(site.units.iter().map(|u| pages_main::unit(view, u)));
    out.extend(view.months().into_iter().map(|m| pages_calendar::month(view, m)));
    out.extend(view.reported().into_iter().map(|(i, v, r)| pages_reports::report(view, i, v, r)));
    out.extend(view.pages.iter().map(|p| pages_main::page(view, p)));
    out
}

fn common(view: &View, page: &mut Page, opts: &RenderOptions) {
    let c = &view.site.config;
    let as_of = view.judgement.as_of;
    let base =
        if opts.base_url.ends_with('/') { opts.base_url.clone() } else { format!("{}/", opts.base_url) };
    let canonical = (base.starts_with("http://") || base.starts_with("https://"))
        .then(|| format!("{base}{}", page.path.trim_end_matches("index.html")));
    let nav = nav(view, page);
    let ctx = &mut page.ctx;
    ctx.insert("root", &page.root);
    ctx.insert("path", &page.path);
    ctx.insert("title", &page.title);
    ctx.insert("section", page.section);
    ctx.insert("nav", &nav);
    ctx.insert("canonical", &canonical);
    ctx.insert("full_build", &view.include_restricted);
    ctx.insert("search_url", &pages_search::address());
    ctx.insert(
        "site",
        &serde_json::json!({
            "title": c.title, "organization": c.organization, "issuer": c.issuer,
            "base_url": base, "language": c.language,
        }),
    );
    ctx.insert(
        "as_of",
        &serde_json::json!({"date": vi::date(as_of), "long": vi::day_long(as_of), "iso": as_of.to_string()}),
    );
}

/// Render every page of the site and the theme's assets. Template errors name the
/// template file and line; the sources returned with them hold the templates' text.
pub fn site_files(
    site: &Site,
    judgement: &Judgement,
    theme: &Theme,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>, (Vec<Diagnostic>, Sources)> {
    let engine = engine::Engine::new(theme).map_err(|e| (e, theme_sources(theme)))?;
    let view = View::new(site, judgement, opts.include_restricted);
    let mut files = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for mut page in pages(&view, opts) {
        common(&view, &mut page, opts);
        stamp::stamp(&view, &mut page, opts.git.as_ref());
        match engine.render(page.template, &page.ctx) {
            Ok(html) => files.push(OutputFile { path: page.path, bytes: html.into_bytes() }),
            Err(d) => {
                if !errors.iter().any(|e| e.loc == d.loc && e.message == d.message) {
                    errors.push(*d);
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err((errors, engine.sources));
    }
    files.extend(theme.assets.iter().map(|(p, b)| OutputFile { path: p.clone(), bytes: b.clone() }));
    Ok(files)
}

fn theme_sources(theme: &Theme) -> Sources {
    theme.templates.iter().map(|t| (t.path.clone(), t.text.clone())).collect()
}

#[cfg(test)]
mod tests;
