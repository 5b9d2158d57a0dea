//! Shared code of the fuzz targets: a valid site in memory, and the pipeline every target
//! drives (parse → check → judge → every output that exists, with errors rendered).
//!
//! The targets never touch the disk: they build a [`kehoach::load::Input`] directly.

use chrono::NaiveDate;
use kehoach::build::{self, Loaded, Options};
use kehoach::diag::{self, Sources};
use kehoach::load::{Input, SourceFile};
use kehoach::{check, derive, feeds, load, render, search};
use std::sync::Arc;

pub mod generate;

macro_rules! fixture {
    ($($path:literal),* $(,)?) => {
        [$(($path, include_str!(concat!("../../tests/fixtures/valid/", $path)))),*]
    };
}

/// The files of `tests/fixtures/valid`, plus a page.
pub fn fixture_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fixture![
        "content/site.yaml",
        "content/plan.md",
        "content/teams.yaml",
        "content/units.yaml",
        "content/schedule.yaml",
        "content/reports/2024-03/to-1-2024-03-chi-bo.md",
        "content/reports/2024-03/to-1-2024-03-dang-uy.md",
        "content/reports/2024-04/to-1-2024-04-chi-bo.md",
    ]
    .into_iter()
    .map(|(p, t)| (p.to_string(), t.to_string()))
    .collect();
    files.push((
        "content/pages/huong-dan.md".into(),
        "---\ntitle: Hướng dẫn\nweight: 1\n---\n# Hướng dẫn\n\nNội dung <b>in đậm</b>.\n".into(),
    ));
    files
}

/// The valid site with the file at `path` replaced by (or added as) `text`.
pub fn with_file(path: &str, text: &str) -> Input {
    let mut files = fixture_files();
    match files.iter_mut().find(|(p, _)| p == path) {
        Some(f) => f.1 = text.to_string(),
        None => files.push((path.to_string(), text.to_string())),
    }
    input(files)
}

/// An in-memory input from (path, text) pairs.
pub fn input(files: Vec<(String, String)>) -> Input {
    let mut files: Vec<SourceFile> =
        files.into_iter().map(|(p, text)| SourceFile { path: Arc::from(p.as_str()), text }).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Input { files, static_files: vec!["ke-hoach-ky.pdf".into()], problems: Vec::new(), base: String::new() }
}

/// The fuzz targets by name: what each does with its input. The targets in
/// `fuzz_targets/` and the regression test (`tests/harden_fuzz_regressions.rs`, which
/// includes this file) both call it.
pub fn target(name: &str, data: &[u8]) {
    match name {
        "frontmatter" => frontmatter(data),
        "pipeline" => {
            // Pages are slow to render; the first byte says which build (none, default, full).
            let pages = match data.first().map(|b| b % 4) {
                Some(1 | 2) => Pages::Default,
                Some(3) => Pages::Full,
                _ => Pages::None,
            };
            run(&input(generate::site(data).files), pages);
        }
        "markdown" => markdown(data),
        "yaml_lines_diff" => yaml_lines_diff(data),
        "markdown_fast_diff" => markdown_fast_diff(data),
        _ => {
            let file = match name {
                "yaml_site" => "content/site.yaml",
                "yaml_teams" => "content/teams.yaml",
                "yaml_units" => "content/units.yaml",
                "yaml_schedule" => "content/schedule.yaml",
                other => panic!("unknown fuzz target `{other}`"),
            };
            if let Ok(text) = std::str::from_utf8(data) {
                run(&with_file(file, text), Pages::None);
            }
        }
    }
}

/// Front matter splitting, then the Markdown file as a report, a page or the plan.
fn frontmatter(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    if let Ok(fm) = load::frontmatter::split(text) {
        // The body is the end of the text, and it starts past the YAML.
        let stripped = text.strip_prefix('\u{feff}').unwrap_or(text);
        assert!(stripped.ends_with(fm.body));
        assert!(fm.body_line as usize >= 2 + fm.yaml.matches('\n').count());
    }
    let path = match which % 3 {
        0 => "content/reports/2024-03/to-1-2024-03-chi-bo.md",
        1 => "content/pages/huong-dan.md",
        _ => "content/plan.md",
    };
    run(&with_file(path, text), Pages::None);
}

/// Markdown to HTML with sanitising: whatever the input, nothing in the output can run.
fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for root in ["", "../../"] {
        let html = kehoach::markdown::to_html(text, root);
        if let Some(bad) = runnable(&html) {
            panic!("{bad} in {html:?}");
        }
    }
    let _ = kehoach::markdown::section(text, "Đề xuất, kiến nghị");
    let _ = search::docs::markdown_text(text);
    // One reading for the page, the synthesis and the search: the same sanitised HTML.
    use kehoach::markdown::report_body::{Want, read};
    let parts = read(text, Want { page: Some("../../"), proposals: Some("../"), text: true });
    for html in parts.html.iter().chain(parts.proposals.iter().flatten()) {
        if let Some(bad) = runnable(html) {
            panic!("{bad} in {html:?}");
        }
    }
}

/// The first thing in an HTML fragment that could run script, style the page or load
/// something: a script-like element, an event or style attribute, a script URL.
pub fn runnable(html: &str) -> Option<String> {
    let fragment = scraper::Html::parse_fragment(html);
    for node in fragment.tree.nodes() {
        let Some(el) = node.value().as_element() else { continue };
        let name = el.name();
        if ["script", "style", "iframe", "object", "embed", "base", "form", "meta", "link"].contains(&name) {
            return Some(format!("<{name}>"));
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") || attr == "style" {
                return Some(format!("<{name} {attr}>"));
            }
            let url: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            let url = url.to_ascii_lowercase();
            let scheme = ["javascript:", "vbscript:", "data:"].into_iter().find(|s| url.starts_with(s));
            if let (Some(scheme), true) =
                (scheme, ["href", "src", "action", "srcset", "xlink:href"].contains(&attr.as_str()))
            {
                return Some(format!("<{name} {attr}=\"{scheme}…\">"));
            }
        }
    }
    None
}

/// How far [`run`] got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reached {
    /// Stopped with load errors.
    Load,
    /// Loaded, stopped with check errors.
    Check,
    /// Judged and rendered.
    Built,
}

/// Which pages [`run`] renders (the slow part: the other outputs are always made).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pages {
    None,
    /// The default build's.
    Default,
    /// The `--include-restricted` build's.
    Full,
}

/// Everything a build does after reading, on a few dates; rendered errors on failure.
pub fn run(input: &Input, pages: Pages) -> Reached {
    let sources: Sources = input.files.iter().map(|f| (f.path.to_string(), f.text.clone())).collect();
    let site = match load::parse(input) {
        Ok(site) => site,
        Err(errors) => {
            render_all_errors(&errors, &sources);
            return Reached::Load;
        }
    };
    let errors = check::check(&site);
    if !errors.is_empty() {
        render_all_errors(&errors, &sources);
        // judge promises not to panic on an unchecked site either.
        let _ = derive::judge(&site, date(2024, 8, 20));
        return Reached::Check;
    }
    let loaded = Loaded { site, sources, git: None };
    for as_of in [date(2024, 1, 1), date(2024, 8, 20), date(2025, 12, 31)] {
        let j = derive::judge(&loaded.site, as_of);
        for f in &j.findings {
            let _ = diag::render(&build::finding_diagnostic(f), &loaded.sources);
        }
        for include_restricted in [false, true] {
            let s = j.summary(&loaded.site, include_restricted).tally;
            assert_eq!(s.reported + s.awaiting + s.overdue + s.upcoming, s.planned(), "partition");
            assert_eq!(s.on_time + s.late, s.reported, "on time + late");
            let wanted = if include_restricted { Pages::Full } else { Pages::Default };
            if as_of == date(2024, 8, 20) && pages == wanted {
                let mut opts = Options::new("/nonexistent-site-root");
                opts.include_restricted = include_restricted;
                let rendered = build::render_all(&loaded, &j, &opts);
                // Only a missing theme may stop a checked site from rendering.
                if let (Err(f), "default") = (rendered, loaded.site.config.theme.as_str()) {
                    panic!("a checked site did not render:\n{}", f.render());
                }
            }
            let _ =
                render::data::data_files(&loaded.site, &j, &loaded.site.config.base_url, include_restricted);
            let _ = feeds::exports::reports_csv(&loaded.site, &j, include_restricted);
            let _ = feeds::exports::findings_json(&j, include_restricted);
            let docs = search::docs::docs(&loaded.site, &j, include_restricted);
            let _ = search::docs_index_files(&[(None, "Kế hoạch", &docs)]);
        }
        let _ = feeds::ics::feeds(&loaded.site, "/sinhhoat/");
    }
    Reached::Built
}

fn render_all_errors(errors: &[diag::Diagnostic], sources: &Sources) {
    assert!(!errors.is_empty());
    for d in errors {
        let _ = diag::render(d, sources);
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Differential: the YAML line reader, when it reads a document, gives serde-saphyr's tree
/// with serde-saphyr's positions (`load::yaml::parse_slow`), node for node.
pub fn yaml_lines_diff(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(node) = load::yaml_lines::parse(text) {
        let slow = load::yaml::parse_slow(text);
        assert_eq!(Ok(&node), slow.as_ref(), "the line reader differs from serde-saphyr on {text:?}");
    }
}

/// Differential: the Markdown fast path, when it takes a document, writes the bytes the
/// sanitiser (pulldown-cmark's HTML cleaned by ammonia) writes.
pub fn markdown_fast_diff(data: &[u8]) {
    let Ok(md) = std::str::from_utf8(data) else { return };
    let root = if data.first().is_some_and(|b| b % 2 == 1) { "../../" } else { "" };
    let events: Vec<_> = pulldown_cmark::Parser::new_ext(md, kehoach::markdown::options()).collect();
    if let Some(fast) = kehoach::markdown::fast::render(&events, root) {
        let slow = kehoach::markdown::to_html_sanitised(md, root);
        assert_eq!(fast, slow, "the fast path differs from the sanitiser on {md:?}");
    }
}
