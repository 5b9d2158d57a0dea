//! For the render tests: parse pages with scraper, and check that every link resolves to a
//! file that exists.

use crate::support::{Files, text};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

pub fn doc(files: &Files, path: &str) -> Html {
    Html::parse_document(&text(files, path))
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// The text of every element matching `s`: text nodes joined by spaces, whitespace collapsed.
pub fn texts(html: &Html, s: &str) -> Vec<String> {
    html.select(&sel(s))
        .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// All text of the page's `<main>`, whitespace collapsed.
pub fn main_text(html: &Html) -> String {
    texts(html, "main").join(" ")
}

pub fn normalise(base: &Path, rel: &str) -> Option<String> {
    let mut parts: Vec<String> = base.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s.to_string()),
        }
    }
    Some(parts.join("/"))
}

/// Every local link and resource of every page: `(page, target)` pairs that do not
/// resolve to an output file (or to an element id in it). External resources count too.
pub fn broken_links(files: &Files, base_url: &str) -> Vec<(String, String)> {
    let mut bad = Vec::new();
    let links = sel("a[href], link[href], img[src], script[src], iframe[src], source[src]");
    for path in files.keys().filter(|p| p.ends_with(".html")) {
        let html = doc(files, path);
        let dir = Path::new(path).parent().map(Path::to_path_buf).unwrap_or_default();
        for e in html.select(&links) {
            let v = e.value();
            let target = v.attr("href").or(v.attr("src")).unwrap_or("");
            if v.attr("rel") == Some("canonical")
                || target.starts_with("mailto:")
                || target.starts_with("tel:")
            {
                continue;
            }
            let (file, frag) = match target.split_once('#') {
                Some((f, fr)) => (f, Some(fr)),
                None => (target, None),
            };
            let resolved = if file.is_empty() {
                Some(path.clone())
            } else if let Some(abs) =
                file.strip_prefix(base_url).filter(|_| base_url.starts_with('/') || base_url.contains("://"))
            {
                // Only 404.html links from the base (it is served at any address).
                if path == "404.html" { normalise(&PathBuf::new(), abs) } else { None }
            } else if file.contains("://") || file.starts_with("//") || file.starts_with('/') {
                None
            } else {
                normalise(&dir, file)
            };
            let ok = match resolved {
                Some(r) if files.contains_key(&r) => match frag {
                    Some(f) if !f.is_empty() && r.ends_with(".html") => {
                        text(files, &r).contains(&format!("id=\"{f}\""))
                    }
                    _ => true,
                },
                _ => false,
            };
            if !ok {
                bad.push((path.clone(), target.to_string()));
            }
        }
    }
    bad
}

/// Files whose text contains `needle`.
pub fn files_containing(files: &Files, needle: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(_, b)| String::from_utf8_lossy(b).contains(needle))
        .map(|(p, _)| p.clone())
        .collect()
}
