//! Diagnostics: errors and findings with their source locations, printed rustc-style.
//!
//! ```text
//! error: unknown team `to-9`
//!   --> content/schedule.yaml:6:9
//!    |
//!  6 |   team: to-9
//!    |         ^^^^ expected one of the ids in teams.yaml: to-1, to-2, …
//!    |
//!   ::: content/teams.yaml:1:7
//!  ...
//! ```

use crate::model::Loc;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One message about the content.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// One line: what is wrong, naming the value, e.g. "unknown team `to-9`".
    pub message: String,
    /// Where, and a short label under the caret (often what was expected).
    pub loc: Loc,
    pub label: String,
    /// Other places worth showing, e.g. the first definition of a duplicate id.
    pub related: Vec<(Loc, String)>,
    /// A closing hint ("help: …").
    pub help: Option<String>,
    /// Notes after the hint ("note: …"), e.g. the errors this one caused, folded under it.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(loc: Loc, message: impl Into<String>, label: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            loc,
            label: label.into(),
            related: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }
    pub fn with_related(mut self, loc: Loc, label: impl Into<String>) -> Self {
        self.related.push((loc, label.into()));
        self
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// The text of every source file, by the path used in [`Loc::file`], for snippets.
pub type Sources = BTreeMap<String, String>;

/// Render a diagnostic the way rustc does. Files missing from `sources` get no snippet.
pub fn render(d: &Diagnostic, sources: &Sources) -> String {
    let head = match d.severity {
        Severity::Error => crate::msg::error_word(),
        Severity::Warning => crate::msg::warning_word(),
    };
    let mut lines: Vec<(&Loc, &str)> = vec![(&d.loc, d.label.as_str())];
    lines.extend(d.related.iter().map(|(l, s)| (l, s.as_str())));
    let width = lines.iter().map(|(l, _)| l.pos.line.to_string().len()).max().unwrap_or(1);
    let pad = " ".repeat(width);
    let mut out = String::new();
    let _ = writeln!(out, "{head}: {}", d.message);
    for (i, (loc, label)) in lines.iter().enumerate() {
        let arrow = if i == 0 { "-->" } else { ":::" };
        if loc.pos.line == 0 {
            // A whole file (e.g. a missing one): no line to point at.
            let _ = writeln!(out, "{pad}{arrow} {}", loc.file);
        } else {
            let _ = writeln!(out, "{pad}{arrow} {loc}");
        }
        if let Some(line) = sources.get(&*loc.file).and_then(|s| source_line(s, loc.pos.line)) {
            let (text, col) = window(line, loc.pos.col.max(1) as usize);
            let text = text.as_str();
            let len = (loc.pos.len as usize).clamp(1, text.chars().count().saturating_sub(col - 1).max(1));
            let prefix: String =
                text.chars().take(col - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{:>width$} | {text}", loc.pos.line);
            let _ = writeln!(out, "{pad} | {prefix}{} {label}", "^".repeat(len));
        } else if !label.is_empty() {
            let _ = writeln!(out, "{pad} = {label}");
        }
    }
    if d.help.is_some() || !d.notes.is_empty() {
        let _ = writeln!(out, "{pad} |");
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad} = {}: {help}", crate::msg::help_word());
    }
    for note in &d.notes {
        let _ = writeln!(out, "{pad} = {}: {note}", crate::msg::note_word());
    }
    out
}

/// Lines longer than this are shown as a window around the column.
const MAX_SHOWN: usize = 100;

/// The part of `line` worth showing, and the column within it: a long line (minified
/// YAML, a hostile file) is cut to [`MAX_SHOWN`] characters around `col`, marked with `…`.
fn window(line: &str, col: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= MAX_SHOWN + MAX_SHOWN / 5 {
        return (line.to_string(), col);
    }
    let start = col.saturating_sub(1).min(count).saturating_sub(MAX_SHOWN / 2);
    let mut shown: String = line.chars().skip(start).take(MAX_SHOWN).collect();
    let mut col = col - start;
    if start > 0 {
        shown.insert(0, '…');
        col += 1;
    }
    if start + MAX_SHOWN < count {
        shown.push('…');
    }
    (shown, col)
}

fn source_line(text: &str, line: u32) -> Option<&str> {
    if line == 0 {
        return None;
    }
    text.lines().nth(line as usize - 1).map(|l| l.trim_end_matches('\r'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;

    #[test]
    fn renders_snippet_with_caret_under_value() {
        let file: std::sync::Arc<str> = "content/schedule.yaml".into();
        let d = Diagnostic::error(
            Loc::new(&file, Pos { line: 2, col: 9, len: 4 }),
            "unknown team `to-9`",
            "no team has this id",
        )
        .with_help("the teams are: to-1, to-2");
        let mut src = Sources::new();
        src.insert("content/schedule.yaml".into(), "- kind: dang_uy\n  team: to-9\n".into());
        let out = render(&d, &src);
        assert_eq!(
            out,
            "error: unknown team `to-9`\n --> content/schedule.yaml:2:9\n  |\n2 |   team: to-9\n  |         ^^^^ no team has this id\n  |\n  = help: the teams are: to-1, to-2\n"
        );
    }

    #[test]
    fn missing_source_still_names_location() {
        let file: std::sync::Arc<str> = "content/site.yaml".into();
        let d =
            Diagnostic::error(Loc::new(&file, Pos { line: 0, col: 0, len: 0 }), "missing file", "required");
        let out = render(&d, &Sources::new());
        assert!(out.contains("--> content/site.yaml\n"), "{out}");
        assert!(!out.contains(":0:0"));
        assert!(out.contains("= required"));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let file: std::sync::Arc<str> = "content/units.yaml".into();
        let line = format!("{}X{}", "[".repeat(5000), "]".repeat(5000));
        let d = Diagnostic::error(Loc::new(&file, Pos { line: 1, col: 5001, len: 1 }), "too deep", "here");
        let mut src = Sources::new();
        src.insert("content/units.yaml".into(), line);
        let out = render(&d, &src);
        assert!(out.len() < 400, "{out}");
        let shown = out.lines().find(|l| l.starts_with("1 | ")).unwrap();
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        let x = shown.chars().position(|c| c == 'X').unwrap();
        assert_eq!(caret.chars().position(|c| c == '^'), Some(x), "{out}");
        assert!(shown.starts_with("1 | …[") && shown.ends_with("]…"), "{shown}");
        // A short line is shown whole.
        assert_eq!(window("abc", 2), ("abc".to_string(), 2));
        // A column past the end of a long line (e.g. a missing value at the end).
        let (shown, col) = window(&"a".repeat(1000), 1001);
        assert!(shown.starts_with('…') && col <= shown.chars().count() + 1);
    }
}
