//! The loader and the checker on damaged copies of a valid site: errors, never a panic.

use crate::check::check;
use crate::load::{Input, SourceFile, parse};
use std::sync::Arc;

fn input(files: &[(&str, &str)]) -> Input {
    let mut files: Vec<SourceFile> =
        files.iter().map(|(p, t)| SourceFile { path: Arc::from(*p), text: t.to_string() }).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Input { files, static_files: vec!["a.pdf".into()], problems: vec![] }
}

/// Damaged copies of a valid site: cut short, or one character replaced by a character
/// that means something in YAML or Markdown. The loader and the checker must answer each
/// with a site or with errors, never a panic.
#[test]
fn damaged_files_never_panic() {
    let dir = "content/";
    let minimal: [(&str, &str); 7] = [
        ("site.yaml", include_str!("../../tests/fixtures/minimal/content/site.yaml")),
        ("plan.md", include_str!("../../tests/fixtures/minimal/content/plan.md")),
        ("teams.yaml", include_str!("../../tests/fixtures/minimal/content/teams.yaml")),
        ("units.yaml", include_str!("../../tests/fixtures/minimal/content/units.yaml")),
        ("schedule.yaml", include_str!("../../tests/fixtures/minimal/content/schedule.yaml")),
        (
            "reports/r.md",
            include_str!("../../tests/fixtures/minimal/content/reports/2024-03/to-1-2024-03-chi-bo.md"),
        ),
        ("pages/huong-dan.md", include_str!("../../tests/fixtures/minimal/content/pages/huong-dan.md")),
    ];
    let paths: Vec<String> = minimal.iter().map(|(p, _)| format!("{dir}{p}")).collect();
    let site_with = |which: usize, text: &str| {
        let files: Vec<(&str, &str)> = minimal
            .iter()
            .enumerate()
            .map(|(i, (_, t))| (paths[i].as_str(), if i == which { text } else { *t }))
            .collect();
        input(&files)
    };
    assert!(parse(&site_with(usize::MAX, "")).is_ok_and(|s| check(&s).is_empty()));
    let mut runs = 0;
    for (which, (_, text)) in minimal.iter().enumerate() {
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(37).collect();
        for &at in &cuts {
            let cut = &text[..at];
            if let Ok(site) = parse(&site_with(which, cut)) {
                let _ = check(&site);
            }
            for c in [':', '[', '-', '\n', '"', '&', '\t', '0'] {
                let mut damaged = String::with_capacity(text.len());
                damaged.push_str(cut);
                damaged.push(c);
                damaged.push_str(
                    text[at..].get(text[at..].chars().next().map_or(0, char::len_utf8)..).unwrap_or(""),
                );
                if let Ok(site) = parse(&site_with(which, &damaged)) {
                    let _ = check(&site);
                }
                runs += 1;
            }
        }
    }
    assert!(runs > 500, "{runs}");
}
