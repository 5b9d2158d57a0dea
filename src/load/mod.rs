//! Load: discover a site's files and parse them into the model, keeping spans.
//!
//! [`read`] is the only function here that touches the disk; [`parse`] is pure. For the
//! dev server, [`incremental::Cache`] keeps each file's parse and re-reads only the files
//! that changed, with the same per-file parse ([`parse_one`]) and merge ([`assemble`]).

pub mod discover;
pub mod frontmatter;
pub mod incremental;
pub mod junk;
pub mod schema;
pub mod several;
pub mod similar;
pub mod yaml;
mod yaml_events;
pub mod yaml_explain;
pub mod yaml_lines;

use crate::diag::Diagnostic;
use crate::model::Pos;
use crate::model::Site;
use crate::msg::files as mf;
use discover::{FileKind, MAX_FILE_BYTES, file_loc, kind_of};
use rayon::prelude::*;
use schema::fields::Sink;
use schema::{page, plan, report, schedule, site, teams, units};
use std::path::Path;
use std::sync::Arc;
use yaml::{Node, Value};

/// One text file of the site, by its path relative to the site root (`content/site.yaml`).
#[derive(Clone, Debug, PartialEq)]
pub struct SourceFile {
    pub path: Arc<str>,
    pub text: String,
}

/// Everything read from disk for one build.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Input {
    /// YAML and Markdown files under `content/` (not `static/`), sorted by path.
    pub files: Vec<SourceFile>,
    /// Paths under `content/static/`, relative to it, `/`-separated, sorted.
    pub static_files: Vec<String>,
    /// What went wrong finding and reading the files (a missing or unreadable file, an
    /// unexpected one); [`parse`] reports these with its own errors.
    pub problems: Vec<Diagnostic>,
    /// The folder the files were read from, relative to the root: `content` (also when
    /// empty), or `content/<plan>` for one plan of a site holding several.
    pub base: String,
}

impl Input {
    /// [`Input::base`], `content` when not set.
    pub fn base(&self) -> &str {
        if self.base.is_empty() { "content" } else { &self.base }
    }
}

/// Read every file of the site at `root` (the folder holding `content/`).
pub fn read(root: &Path) -> Result<Input, Vec<Diagnostic>> {
    discover::read(root)
}

/// [`read`] of the files of the folder `base` of `root` (`content`, or `content/<plan>`
/// for one plan of a site holding several).
pub fn read_at(root: &Path, base: &str) -> Result<Input, Vec<Diagnostic>> {
    discover::read_at(root, base)
}

/// What one file gave, or (merged) what the files have given so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parts {
    config: Option<crate::model::Config>,
    plan: Option<crate::model::Plan>,
    teams: Vec<crate::model::Team>,
    units: Vec<crate::model::Unit>,
    // Boxed, as in `Site`: see there.
    #[allow(clippy::vec_box)]
    visits: Vec<Box<crate::model::Visit>>,
    #[allow(clippy::vec_box)]
    reports: Vec<Box<crate::model::Report>>,
    pages: Vec<crate::model::Page>,
    seen: Vec<FileKind>,
}

impl Parts {
    /// The pages of `pages/` the files gave.
    pub fn into_pages(self) -> Vec<crate::model::Page> {
        self.pages
    }

    /// Add what the next file (in path order) gave.
    fn merge(&mut self, one: Parts) {
        if one.config.is_some() {
            self.config = one.config;
        }
        if one.plan.is_some() {
            self.plan = one.plan;
        }
        if one.seen.contains(&FileKind::Teams) {
            self.teams = one.teams;
        }
        if one.seen.contains(&FileKind::Units) {
            self.units = one.units;
        }
        self.visits.extend(one.visits);
        self.reports.extend(one.reports);
        self.pages.extend(one.pages);
        self.seen.extend(one.seen);
    }
}

/// One file, parsed on its own: what it gave and its errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub parts: Parts,
    pub errors: Vec<Diagnostic>,
}

/// Parse one file (pure).
pub fn parse_one(file: &SourceFile) -> Parsed {
    let mut sink = Sink::new(&file.path);
    let mut parts = Parts::default();
    parse_file(file, &mut sink, &mut parts);
    Parsed { parts, errors: sink.errors }
}

/// The most files a thread parses in a row before another may take the next ones.
pub(crate) const PARSE_RUN: usize = 8;

/// Parse the files into a site; every error of every file, or the site.
pub fn parse(input: &Input) -> Result<Site, Vec<Diagnostic>> {
    let mut files: Vec<&SourceFile> = input.files.iter().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    // Each file is parsed on its own (in parallel), then the results are put together in
    // path order, so the model and the errors are the same as a parse one by one. Taken
    // a few at a time (`with_max_len`): rayon otherwise hands each thread long runs of
    // files to parse in a row, and the schedule's files, which come last and take the
    // longest, were parsed by one thread while the other waited.
    let parsed: Vec<Parsed> = files.par_iter().with_max_len(PARSE_RUN).map(|file| parse_one(file)).collect();
    assemble_at(input.base(), &input.problems, &input.static_files, parsed)
}

/// Put the files' parses together, in path order, with the problems found reading the
/// files: every error, or the site.
pub fn assemble(
    problems: &[Diagnostic],
    static_files: &[String],
    parsed: Vec<Parsed>,
) -> Result<Site, Vec<Diagnostic>> {
    assemble_at("content", problems, static_files, parsed)
}

/// [`assemble`] of the files of the folder `base` (`content`, or `content/<plan>`).
pub fn assemble_at(
    base: &str,
    problems: &[Diagnostic],
    static_files: &[String],
    parsed: Vec<Parsed>,
) -> Result<Site, Vec<Diagnostic>> {
    let mut errors = problems.to_vec();
    // Sized once: tens of thousands of visits and reports, grown by doubling, cost the
    // dev server a tenth of an edit's rebuild.
    let total = |f: fn(&Parts) -> usize| parsed.iter().map(|p| f(&p.parts)).sum::<usize>();
    let mut parts = Parts {
        visits: Vec::with_capacity(total(|p| p.visits.len())),
        reports: Vec::with_capacity(total(|p| p.reports.len())),
        pages: Vec::with_capacity(total(|p| p.pages.len())),
        ..Parts::default()
    };
    for one in parsed {
        parts.merge(one.parts);
        errors.extend(one.errors);
    }
    for (kind, name) in [
        (FileKind::Site, "site.yaml"),
        (FileKind::Plan, "plan.md"),
        (FileKind::Teams, "teams.yaml"),
        (FileKind::Units, "units.yaml"),
        (FileKind::Schedule, "schedule.yaml"),
    ] {
        let path = format!("{base}/{name}");
        let schedule_dir = format!("{base}/schedule");
        let reported = problems.iter().any(|d| {
            let f = &*d.loc.file;
            f == path
                || (kind == FileKind::Schedule
                    && (f == schedule_dir
                        || f.strip_prefix(&*schedule_dir).is_some_and(|r| r.starts_with('/'))))
        });
        if !parts.seen.contains(&kind) && !reported {
            errors.push(Diagnostic::error(
                file_loc(&path),
                mf::missing_file(&path),
                mf::a_site_needs_this_file(),
            ));
        }
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.loc.cmp(&b.loc));
        return Err(errors);
    }
    match (parts.config, parts.plan) {
        (Some(config), Some(plan)) => Ok(Site {
            config,
            plan,
            teams: parts.teams,
            units: parts.units,
            visits: parts.visits,
            reports: parts.reports,
            pages: parts.pages,
            static_files: static_files.to_vec(),
        }),
        // Unreachable: a file that yields nothing has reported why.
        _ => Err(vec![Diagnostic::error(file_loc(&format!("{base}/site.yaml")), mf::unreadable_site(), "")]),
    }
}

fn parse_file(file: &SourceFile, sink: &mut Sink, parts: &mut Parts) {
    let Some(kind) = kind_of(&file.path) else {
        sink.push(Diagnostic::error(file_loc(&file.path), mf::unexpected_file(&file.path), ""));
        return;
    };
    parts.seen.push(kind);
    if file.text.len() as u64 > MAX_FILE_BYTES {
        sink.push(discover::too_large(&file.path, file.text.len() as u64));
        return;
    }
    match kind {
        FileKind::Site => parts.config = yaml_file(file, sink).and_then(|n| site::read(&n, sink)),
        FileKind::Teams => {
            parts.teams = yaml_file(file, sink).map(|n| teams::read(&n, sink)).unwrap_or_default()
        }
        FileKind::Units => {
            parts.units = yaml_file(file, sink).map(|n| units::read(&n, sink)).unwrap_or_default()
        }
        FileKind::Schedule => parts.visits.extend(
            yaml_file(file, sink)
                .map(|n| schedule::read(&n, sink))
                .unwrap_or_default()
                .into_iter()
                .map(Box::new),
        ),
        FileKind::Plan => {
            parts.plan = markdown_file(file, sink).and_then(|(n, body, _)| plan::read(&n, body, sink));
        }
        FileKind::Report => {
            let r = markdown_file(file, sink).and_then(|(n, body, line)| report::read(&n, body, line, sink));
            parts.reports.extend(r.map(Box::new));
        }
        FileKind::Page => {
            let rel = discover::split_base(&file.path).map_or(&*file.path, |(_, rel)| rel);
            let under = rel.strip_prefix("pages/").unwrap_or(rel);
            let slug = page::slug(under);
            if let Some(d) = page_slug_error(&file.path, slug) {
                sink.push(d);
            }
            let p =
                markdown_file(file, sink).and_then(|(n, body, line)| page::read(&n, slug, body, line, sink));
            parts.pages.extend(p);
        }
    }
}

/// Page addresses come from file names, so each part must be a slug.
fn page_slug_error(path: &str, slug: &str) -> Option<Diagnostic> {
    if slug.split('/').all(schema::types::Id::is_valid) {
        return None;
    }
    Some(
        Diagnostic::error(file_loc(path), mf::invalid_page_name(path), mf::invalid_page_name_label())
            .with_help(mf::invalid_page_name_help(&schema::types::Id::suggest(slug))),
    )
}

/// Parse a YAML file, reporting a syntax error.
pub(crate) fn yaml_file(file: &SourceFile, sink: &mut Sink) -> Option<Node> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    yaml_text(text, 0, sink)
}

fn yaml_text(text: &str, line_offset: u32, sink: &mut Sink) -> Option<Node> {
    match yaml::parse(text) {
        Ok(mut n) => {
            n.shift_lines(line_offset);
            Some(n)
        }
        Err(e) => {
            let x = yaml_explain::explain(text, &e);
            let pos = Pos {
                line: x.pos.line.max(1).saturating_add(line_offset),
                col: x.pos.col.max(1),
                len: x.pos.len.max(1),
            };
            let d = sink.error(pos, x.message, x.label);
            d.help = x.help;
            d.notes = x.notes;
            None
        }
    }
}

/// Split a Markdown file and parse its front matter: the tree, the body and its first line.
fn markdown_file<'a>(file: &'a SourceFile, sink: &mut Sink) -> Option<(Node, &'a str, u32)> {
    let at = Pos { line: 1, col: 1, len: 3 };
    let fm = match frontmatter::split(&file.text) {
        Ok(fm) => fm,
        Err(frontmatter::Problem::Missing) => {
            let d = sink.error(at, mf::missing_front_matter(), mf::missing_front_matter_label());
            d.help = Some(mf::missing_front_matter_help());
            return None;
        }
        Err(frontmatter::Problem::Unterminated) => {
            let d = sink.error(at, mf::unterminated_front_matter(), mf::unterminated_front_matter_label());
            d.help = Some(mf::unterminated_front_matter_help());
            return None;
        }
    };
    let mut node = yaml_text(fm.yaml, fm.line_offset, sink)?;
    if node.value == Value::Null {
        node = Node { pos: Pos { line: 1, col: 1, len: 3 }, value: Value::Map(Vec::new()) };
    }
    Some((node, fm.body, fm.body_line))
}

#[cfg(test)]
mod tests;
