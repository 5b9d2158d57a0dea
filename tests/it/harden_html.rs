//! Safe HTML: hostile Markdown and YAML values come out inert, and every page carries a
//! Content-Security-Policy that the site itself satisfies (no inline script or style, no
//! event attributes, nothing loaded from elsewhere).

use crate::support::render::sel;
use crate::support::*;
use kehoach::derive::testkit::{SiteFiles, fixture, sample_content};
use scraper::Html;
use std::path::{Path, PathBuf};

/// Hostile Markdown, one construct a line (blank lines between, so each is its own block).
const HOSTILE_MD: &str = r#"
<script>alert('qzx-script')</script>

<script src="https://evil.invalid/x.js"></script>

[qzx-js-link](javascript:alert(1))

[qzx-js-mixed](JaVaScRiPt:alert(1))

[qzx-js-entity](&#106;avascript:alert(1))

<a href="javascript:alert(1)">qzx-raw-js-link</a>

<a href="  java&#x09;script:alert(1)">qzx-tab-js-link</a>

<a href="data:text/html,<script>alert(1)</script>">qzx-data-link</a>

<a href="https://example.invalid/" onclick="alert(1)" onmouseover="alert(2)">qzx-onclick</a>

<img src="x" onerror="alert(1)" alt="qzx-onerror">

![qzx-md-img](javascript:alert(1))

<svg onload="alert(1)"><circle r="1"/></svg>

<iframe src="https://evil.invalid/"></iframe>

<object data="x.swf"></object><embed src="x.swf">

<style>body { display: none }</style>

<div style="background: url(javascript:alert(1))">qzx-style-attr</div>

<form action="javascript:alert(1)"><input formaction="javascript:alert(1)" value="qzx"></form>

<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>

<base href="https://evil.invalid/">

<meta http-equiv="refresh" content="0;url=javascript:alert(1)">

<details open ontoggle="alert(1)">qzx-ontoggle</details>
"#;

/// A YAML string value that would run if it were not escaped.
const HOSTILE_VALUE: &str = r#""<script>alert('qzx-yaml')</script><img src=x onerror=alert(1)>""#;

/// The site with the hostile values and Markdown planted in a report, a page and every
/// data file.
fn plant(site: SiteFiles) -> SiteFiles {
    let report = "content/reports/2024-03/to-1-2024-03-chi-bo.md";
    let site = site.edit(report, |text| {
        let text = text.replace("author: Nguyễn Văn An", &format!("author: {HOSTILE_VALUE}")).replace(
            "topic: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            &format!("topic: {HOSTILE_VALUE}"),
        );
        format!("{text}\n{HOSTILE_MD}\n## Đề xuất, kiến nghị\n\n{HOSTILE_MD}\n")
    });
    let site =
        site.with_file("content/pages/xss.md", format!("---\ntitle: {HOSTILE_VALUE}\n---\n{HOSTILE_MD}"));
    [
        ("content/teams.yaml", "name: Tổ công tác số 1"),
        ("content/units.yaml", "name: Đảng bộ Công ty Điện lực Lào Cai"),
        ("content/plan.md", "title: "),
        ("content/site.yaml", "organization: "),
    ]
    .into_iter()
    .fold(site, |site, (file, from)| {
        site.edit(file, |text| {
            assert!(text.contains(from), "{file} has no `{from}`");
            if from.ends_with(": ") {
                // Replace the whole value of the key.
                let line = text.lines().find(|l| l.starts_with(from)).unwrap();
                text.replacen(line, &format!("{from}{HOSTILE_VALUE}"), 1)
            } else {
                text.replacen(from, &format!("name: {HOSTILE_VALUE}"), 1)
            }
        })
    })
}

fn html_files(out: &Path) -> Vec<(PathBuf, Html)> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(p, b)| (p, Html::parse_document(&String::from_utf8(b).unwrap())))
        .collect()
}

/// A URL attribute value that would run script or load something from elsewhere.
fn dangerous_url(value: &str) -> bool {
    let v: String =
        value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
    v.starts_with("javascript:") || v.starts_with("vbscript:") || v.starts_with("data:text")
}

/// What breaks the policy, or is script where there should be none, in one page.
fn violations(page: &Html) -> Vec<String> {
    let mut found = Vec::new();
    for el in page.select(&sel("*")) {
        let name = el.value().name();
        for (attr, value) in el.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("<{name} {attr}=…>"));
            }
            if attr == "style" {
                found.push(format!("<{name} style=…> (inline style)"));
            }
            if ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"]
                .contains(&attr.as_str())
                && dangerous_url(value)
            {
                found.push(format!("<{name} {attr}=\"{value}\">"));
            }
            if ["src", "data", "poster"].contains(&attr.as_str()) || (name == "link" && attr == "href") {
                // Loaded resources: the site's own files, or data: images.
                let v = value.trim().to_lowercase();
                let external = v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//");
                if external {
                    found.push(format!("<{name} {attr}=\"{value}\"> loads from elsewhere"));
                }
            }
        }
        match name {
            "script" if el.value().attr("src").is_none() => {
                let body: String = el.text().collect();
                // A JSON data block does not run; anything else inline would need 'unsafe-inline'.
                if el.value().attr("type").is_none_or(|t| !t.contains("json")) {
                    found.push(format!(
                        "inline <script>{}</script>",
                        body.chars().take(60).collect::<String>()
                    ));
                }
            }
            "style" => found.push("<style> element (inline style)".into()),
            "iframe" | "object" | "embed" | "base" | "frame" | "applet" => found.push(format!("<{name}>")),
            "meta" if el.value().attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("refresh")) => {
                found.push("<meta http-equiv=refresh>".into())
            }
            _ => {}
        }
    }
    found
}

fn csp(page: &Html) -> Option<String> {
    page.select(&sel("meta[http-equiv]"))
        .find(|m| {
            m.value().attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-security-policy"))
        })
        .and_then(|m| m.value().attr("content").map(str::to_string))
}

/// Build `root` both ways; every HTML page of both, with its path.
fn build_both(root: &Path) -> Vec<(PathBuf, Html)> {
    let mut pages = Vec::new();
    for (name, args) in [
        ("public", &["--as-of", "2024-08-20"][..]),
        ("full", &["--as-of", "2024-08-20", "--include-restricted"][..]),
    ] {
        let out = root.join(name);
        let o = run(root, &out, args);
        assert!(o.status.success(), "{}", stderr(&o));
        pages.extend(html_files(&out).into_iter().map(|(p, h)| (Path::new(name).join(p), h)));
    }
    assert!(pages.len() > 10, "only {} pages", pages.len());
    pages
}

#[test]
fn hostile_markdown_and_yaml_values_come_out_inert() {
    let dir = plant(fixture("valid")).write();
    let pages = build_both(dir.path());
    let mut problems = Vec::new();
    for (path, page) in &pages {
        for v in violations(page) {
            problems.push(format!("{}: {v}", path.display()));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));

    // The hostile values are shown as text, not dropped: the report page shows the author.
    let report = pages
        .iter()
        .find(|(p, _)| p.ends_with("public/bao-cao/to-1-2024-03-chi-bo/index.html"))
        .expect("the report page");
    let text: String = report.1.root_element().text().collect();
    assert!(text.contains("<script>alert('qzx-yaml')</script>"), "the author is shown as text");
    assert!(text.contains("qzx-onclick") && text.contains("qzx-js-link"), "the link texts stay");
}

#[test]
fn every_page_has_a_content_security_policy_that_the_site_satisfies() {
    for name in ["valid", "minimal"] {
        let dir = fixture(name).write();
        let pages = build_both(dir.path());
        for (path, page) in &pages {
            let policy =
                csp(page).unwrap_or_else(|| panic!("{}: no Content-Security-Policy meta", path.display()));
            for directive in
                ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'"]
            {
                assert!(
                    policy.contains(directive),
                    "{}: policy `{policy}` lacks `{directive}`",
                    path.display()
                );
            }
            assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "{policy}");
            let v = violations(page);
            assert!(v.is_empty(), "{}: {v:?}", path.display());
        }
    }
    // The bundled sample site too.
    let dir = sample_content().write();
    for (path, page) in build_both(dir.path()) {
        assert!(csp(&page).is_some(), "{}", path.display());
        let v = violations(&page);
        assert!(v.is_empty(), "{}: {v:?}", path.display());
    }
}

#[test]
fn the_violation_check_catches_what_it_looks_for() {
    let bad = Html::parse_document(
        "<html><head><style>x{}</style><script>alert(1)</script></head><body>\
         <a href=' JavaScript:x'>a</a><img src=x onerror=y><div style='x'></div>\
         <script src='https://cdn.invalid/x.js'></script><iframe></iframe></body></html>",
    );
    let v = violations(&bad);
    assert_eq!(v.len(), 7, "{v:#?}");
    let good = Html::parse_document(
        "<html><head><link rel=stylesheet href='../style.css'><script src='../search.js'></script></head>\
         <body><a href='../bao-cao/'>a</a><img src='data:image/png;base64,AA' alt=''></body></html>",
    );
    assert_eq!(violations(&good), Vec::<String>::new());
}
