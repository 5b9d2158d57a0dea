//! A site holding several plans (FORMAT.md, "Several plans in one site"): which layout a
//! site has ([`layout`], the disk read), and its top `site.yaml` read into the keys every
//! plan shares ([`parse_top`], pure). Each plan's own files are read and parsed as a
//! one-plan site's, from its folder (`discover::read_at`, `parse`).

use super::discover::{self, file_loc, is_plan_id};
use super::schema::fields::Sink;
use super::{SourceFile, yaml_file};
use crate::diag::Diagnostic;
use crate::model::SiteWide;
use crate::msg::plans as pm;
use std::path::Path;
use std::sync::Arc;

/// How a site's content is laid out.
#[derive(Clone, Debug, PartialEq)]
pub enum Layout {
    /// `content/plan.md`: the site is one plan (also when there is no plan at all: the
    /// one-plan loader then names what is missing).
    One,
    /// No `content/plan.md`, and folders that each hold one.
    Several {
        /// `content/site.yaml`, read (absent: an error of [`parse_top`]).
        top: Option<SourceFile>,
        /// The plans' ids (their folders' names), in id order.
        plans: Vec<String>,
        /// What is wrong with the top of `content/` (a stray file, a badly named plan folder).
        problems: Vec<Diagnostic>,
    },
}

impl Layout {
    /// The plans' ids; empty for a one-plan site.
    pub fn plan_ids(&self) -> &[String] {
        match self {
            Layout::One => &[],
            Layout::Several { plans, .. } => plans,
        }
    }
}

/// Which layout the site at `root` has (reads the top of `content/` and its `site.yaml`).
pub fn layout(root: &Path) -> Layout {
    let content = root.join("content");
    if content.join("plan.md").is_file() || !content.is_dir() {
        return Layout::One;
    }
    let Ok(entries) = std::fs::read_dir(&content) else { return Layout::One };
    let mut names: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path().is_dir())))
        .collect();
    names.sort();
    let mut plans = Vec::new();
    let mut problems = Vec::new();
    let mut strays = Vec::new();
    for (name, is_dir) in &names {
        if name.starts_with('.') || super::junk::is_os_junk(name) {
            continue;
        }
        let has_plan = *is_dir
            && !discover::FOLDERS.contains(&name.as_str())
            && content.join(name).join("plan.md").is_file();
        if has_plan && is_plan_id(name) {
            plans.push(name.clone());
        } else if has_plan {
            problems.push(Diagnostic::error(
                file_loc(&format!("content/{name}")),
                pm::bad_plan_folder(name),
                pm::bad_plan_folder_label(),
            ));
        } else if !matches!(name.as_str(), "site.yaml" | "pages" | "static") {
            strays.push(Diagnostic::error(
                file_loc(&format!("content/{name}")),
                pm::unexpected_in_top(&format!("content/{name}")),
                pm::unexpected_in_top_label(),
            ));
        }
    }
    if plans.is_empty() && problems.is_empty() {
        // Not a site of several plans: the one-plan loader says what is missing.
        return Layout::One;
    }
    problems.extend(strays);
    let top = content.join("site.yaml");
    let top = match discover::read_text(&top, "content/site.yaml") {
        Ok(text) => Some(SourceFile { path: Arc::from("content/site.yaml"), text }),
        Err(d) => {
            if top.exists() {
                problems.push(*d);
            }
            None
        }
    };
    Layout::Several { top, plans, problems }
}

/// The top `site.yaml` read (pure): the keys every plan shares, or every error.
pub fn parse_top(top: Option<&SourceFile>) -> Result<SiteWide, Vec<Diagnostic>> {
    let Some(file) = top else {
        let path = "content/site.yaml";
        return Err(vec![Diagnostic::error(
            file_loc(path),
            crate::msg::files::missing_file(path),
            crate::msg::files::a_site_needs_this_file(),
        )]);
    };
    let mut sink = Sink::new(&file.path);
    let top = yaml_file(file, &mut sink).and_then(|n| super::schema::site_top::read(&n, &mut sink));
    match top {
        Some(top) if sink.errors.is_empty() => Ok(top),
        _ => Err(sink.errors),
    }
}

/// `current` and `old_addresses` of the top `site.yaml` checked against the plans: each
/// error names the plans there are.
pub fn check_top(top: &SiteWide, plans: &[String]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (key, value) in [("current", &top.current), ("old_addresses", &top.old_addresses)] {
        if let Some(v) = value
            && !plans.contains(&v.value)
        {
            errors.push(
                Diagnostic::error(
                    v.loc.clone(),
                    pm::no_such_plan(key, &v.value),
                    pm::no_such_plan_label(&plans.join(", ")),
                )
                .with_help(pm::no_such_plan_help()),
            );
        }
    }
    errors
}

/// The plan the site's home shows: `current`, else the last in id order.
pub fn current<'a>(top: &SiteWide, plans: &'a [String]) -> Option<&'a str> {
    top.current
        .as_ref()
        .and_then(|c| plans.iter().find(|p| **p == c.value))
        .or(plans.last())
        .map(String::as_str)
}

/// Whether `name` can name a new plan's folder.
pub fn is_plan_folder_name(name: &str) -> bool {
    is_plan_id(name)
}

/// The folder of the plan a command works on (`--plan ID`), relative to the root:
/// `content` for a one-plan site (where `--plan` is refused), else `content/<plan>`,
/// the current plan when `plan` is `None`. The error is a sentence for the terminal.
pub fn plan_base(root: &Path, plan: Option<&str>) -> Result<String, String> {
    match (layout(root), plan) {
        (Layout::One, None) => Ok("content".into()),
        (Layout::One, Some(p)) => Err(pm::plan_flag_one_plan(p)),
        (Layout::Several { plans, .. }, Some(p)) => {
            if plans.iter().any(|id| id == p) {
                Ok(format!("content/{p}"))
            } else {
                Err(pm::unknown_plan_flag(p, &plans.join(", ")))
            }
        }
        (Layout::Several { top, plans, .. }, None) => {
            let wide = parse_top(top.as_ref()).ok();
            let id = match &wide {
                Some(w) => current(w, &plans),
                None => plans.last().map(String::as_str),
            };
            Ok(format!("content/{}", id.unwrap_or_default()))
        }
    }
}

/// The site's own pages of a site holding several plans (`content/pages/**/*.md`, shown at
/// `/trang/<page>/`): read and parsed as a plan's pages are; every error, or the pages.
pub fn top_pages(root: &Path) -> (Vec<crate::model::Page>, Vec<SourceFile>, Vec<Diagnostic>) {
    let dir = root.join("content").join("pages");
    let mut files = Vec::new();
    let mut errors = Vec::new();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || name.starts_with('.') || super::junk::is_os_junk(&name) {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(root) else { continue };
            let path = rel.to_string_lossy().replace('\\', "/");
            if !path.ends_with(".md") {
                errors.push(Diagnostic::error(
                    file_loc(&path),
                    crate::msg::files::unexpected_file(&path),
                    crate::msg::files::holds_markdown("pages"),
                ));
                continue;
            }
            match discover::read_text(entry.path(), &path) {
                Ok(text) => files.push(SourceFile { path: Arc::from(path.as_str()), text }),
                Err(d) => errors.push(*d),
            }
        }
    }
    let mut pages = Vec::new();
    for f in &files {
        let parsed = super::parse_one(f);
        errors.extend(parsed.errors);
        pages.extend(parsed.parts.into_pages());
    }
    (pages, files, errors)
}
