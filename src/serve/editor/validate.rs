//! The check of a save: the site read from disk with the new text of one file put in its
//! place, then parsed and checked exactly as a build does (`load::parse`, `check::check`,
//! `derive::judge`): one source of truth, no rule written twice.

use crate::build::resolve_as_of;
use crate::check;
use crate::derive::{self, Judgement};
use crate::diag::Diagnostic;
use crate::load::{self, SourceFile};
use crate::model::Site;
use chrono::NaiveDate;
use std::path::Path;
use std::sync::Arc;

/// What the site would be with the new text.
pub struct Checked {
    /// Every error (they block the save).
    pub errors: Vec<Diagnostic>,
    /// The site and its judgement when there are no errors.
    pub site: Option<(Site, Judgement)>,
}

/// The site at `root` (the plan in its folder `base`: `content`, or `content/<plan>`) with
/// `text` as the file `rel` (added if new), loaded and checked.
pub fn check_with(
    root: &Path,
    base: &str,
    rel: &str,
    text: Option<&str>,
    as_of: Option<NaiveDate>,
) -> Checked {
    let mut input = match load::read_at(root, base) {
        Ok(i) => i,
        Err(errors) => return Checked { errors, site: None },
    };
    if let Some(text) = text {
        match input.files.iter_mut().find(|f| &*f.path == rel) {
            Some(f) => f.text = text.to_string(),
            None => {
                input.files.push(SourceFile { path: Arc::from(rel), text: text.to_string() });
                input.files.sort_by(|a, b| a.path.cmp(&b.path));
            }
        }
    }
    check_input(&input, as_of)
}

/// The report file that names `visit` (its front matter's `visit:` line, or its file name),
/// and the site without it, checked: so that a report that has an error can still be
/// opened in its form and mended there.
pub fn without_report(
    root: &Path,
    base: &str,
    visit: &str,
    as_of: Option<NaiveDate>,
) -> Option<(String, Checked)> {
    let mut input = load::read_at(root, base).ok()?;
    let reports = format!("{base}/reports/");
    let names = |f: &SourceFile| {
        let stem = f.path.rsplit('/').next().and_then(|n| n.strip_suffix(".md"));
        let line = f.text.lines().take(200).find_map(|l| {
            let v = l.strip_prefix("visit:")?;
            let v = v.split(" #").next().unwrap_or(v).trim();
            Some(v.trim_matches(|c| c == '"' || c == '\'').to_string())
        });
        line.as_deref() == Some(visit) || (line.is_none() && stem == Some(visit))
    };
    let at = input.files.iter().position(|f| f.path.starts_with(&*reports) && names(f))?;
    let rel = input.files.remove(at).path.to_string();
    Some((rel, check_input(&input, as_of)))
}

/// Parse and check what was read, as a build does.
fn check_input(input: &load::Input, as_of: Option<NaiveDate>) -> Checked {
    let site = match load::parse(input) {
        Ok(s) => s,
        Err(errors) => return Checked { errors, site: None },
    };
    let errors = check::check(&site);
    if !errors.is_empty() {
        return Checked { errors, site: None };
    }
    let judgement = derive::judge(&site, resolve_as_of(as_of, &site));
    Checked { errors, site: Some((site, judgement)) }
}

/// One error as a sentence: the message, what was expected, the hint.
pub fn sentence(d: &Diagnostic) -> String {
    let mut s = d.message.clone();
    if !d.label.is_empty() {
        s.push_str(" — ");
        s.push_str(&d.label);
    }
    if let Some(h) = &d.help {
        s.push_str(" (");
        s.push_str(h);
        s.push(')');
    }
    s
}

/// Where an error is, as `file:line:column` (empty when it has no place).
pub fn place(d: &Diagnostic) -> String {
    if d.loc.file.is_empty() { String::new() } else { d.loc.to_string() }
}
