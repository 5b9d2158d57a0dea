//! The loader and the checker on damaged copies of a valid site: errors, never a panic.

use crate::check::check;
use crate::derive::testkit::fixture;
use crate::load::parse;

/// Damaged copies of a valid site: cut short, or one character replaced by a character
/// that means something in YAML or Markdown. The loader and the checker must answer each
/// with a site or with errors, never a panic.
#[test]
fn damaged_files_never_panic() {
    let minimal = fixture("minimal");
    let texts: Vec<(String, String)> = minimal
        .paths()
        .filter(|p| !p.starts_with("content/static/"))
        .map(|p| (p.to_string(), minimal.text(p)))
        .collect();
    assert_eq!(texts.len(), 7, "the minimal site's data files, plan, report and page");
    let site_with = |path: &str, text: &str| minimal.clone().with_file(path, text).input();
    assert!(parse(&minimal.input()).is_ok_and(|s| check(&s).is_empty()));
    let mut runs = 0;
    for (path, text) in &texts {
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(37).collect();
        for &at in &cuts {
            let cut = &text[..at];
            if let Ok(site) = parse(&site_with(path, cut)) {
                let _ = check(&site);
            }
            for c in [':', '[', '-', '\n', '"', '&', '\t', '0'] {
                let mut damaged = String::with_capacity(text.len());
                damaged.push_str(cut);
                damaged.push(c);
                damaged.push_str(
                    text[at..].get(text[at..].chars().next().map_or(0, char::len_utf8)..).unwrap_or(""),
                );
                if let Ok(site) = parse(&site_with(path, &damaged)) {
                    let _ = check(&site);
                }
                runs += 1;
            }
        }
    }
    assert!(runs > 500, "{runs}");
}
