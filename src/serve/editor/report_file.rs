//! A report file from the report form: the form's values read from a file's front matter,
//! and written back into it by hand-edit rules — only the keys whose value changed are
//! touched, the rest (order, comments, quoting, the body when unchanged) stays byte for byte.

use super::yaml_edit::{self, Edit, Lines, get, parse_value, same};
use crate::load::frontmatter;
use crate::load::yaml::{self, Node, Value};
use crate::scaffold::yaml_str;
use std::collections::BTreeMap;

/// The front matter keys in the order a new file gets them (FORMAT.md's order).
pub const ORDER: [&str; 15] = [
    "visit",
    "held_on",
    "started_at",
    "ended_at",
    "submitted_on",
    "author",
    "accompanied_by",
    "chair",
    "meeting",
    "topic",
    "attendance",
    "speakers",
    "rating",
    "score",
    "restricted",
];

/// The five numbers of `attendance`.
pub const ATTENDANCE: [&str; 5] = ["total", "exempt", "present", "excused", "unexcused"];

/// The form's values by field name (`held_on`, `attendance.total`, `body` …).
pub type Values = BTreeMap<String, String>;

/// The form's values as a file holds them (`body` included); a file that cannot be read
/// gives what could be read.
pub fn values_of(text: &str) -> Values {
    let mut v = Values::new();
    let Ok(fm) = frontmatter::split(text) else {
        v.insert("body".into(), text.to_string());
        return v;
    };
    v.insert("body".into(), fm.body.to_string());
    let Ok(node) = yaml::parse(fm.yaml) else { return v };
    for key in ORDER {
        if key == "attendance" {
            for sub in ATTENDANCE {
                if let Some(n) = get(&node, key).and_then(|a| get(a, sub)) {
                    v.insert(format!("attendance.{sub}"), scalar(n));
                }
            }
        } else if let Some(n) = get(&node, key) {
            v.insert(key.to_string(), scalar(n));
        }
    }
    v
}

fn scalar(n: &Node) -> String {
    match &n.value {
        Value::Null => String::new(),
        _ => n.display(),
    }
}

/// The text of a number field: plain digits as a number, anything else quoted (the load
/// then says what is wrong with it).
fn number(t: &str) -> String {
    match t.parse::<u64>() {
        Ok(n) => n.to_string(),
        Err(_) => yaml_str(t),
    }
}

fn is_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && t.chars().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The YAML text a key gets from the form; `None`: the key is left out.
pub fn yaml_of(key: &str, values: &Values) -> Option<String> {
    let get = |k: &str| values.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    match key {
        "restricted" => {
            Some(if matches!(get(key), Some("on" | "true" | "1")) { "true" } else { "false" }.to_string())
        }
        "attendance" => {
            let parts: Vec<String> = ATTENDANCE
                .iter()
                .filter_map(|s| get(&format!("attendance.{s}")).map(|v| format!("{s}: {}", number(v))))
                .collect();
            (!parts.is_empty()).then(|| format!("{{ {} }}", parts.join(", ")))
        }
        _ => {
            let t = get(key)?;
            Some(match key {
                "held_on" | "submitted_on" if is_date(t) => t.to_string(),
                "started_at" | "ended_at" => serde_json::to_string(t).unwrap_or_else(|_| yaml_str(t)),
                "speakers" | "score" => number(t),
                "meeting" | "rating" if t.chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                    t.to_string()
                }
                _ => yaml_str(t),
            })
        }
    }
}

/// The file for `values`: `original` (a report file, or a new file's text) with only what
/// changed rewritten.
pub fn write(original: &str, values: &Values) -> String {
    let Ok(fm) = frontmatter::split(original) else {
        return write(&format!("---\n{original}---\n"), values);
    };
    let base = original.as_ptr() as usize;
    let yaml_start = fm.yaml.as_ptr() as usize - base;
    let yaml_end = yaml_start + fm.yaml.len();
    let body_start = fm.body.as_ptr() as usize - base;
    let old = yaml::parse(fm.yaml).unwrap_or(Node { pos: Default::default(), value: Value::Map(Vec::new()) });
    let mut lines = Lines::new(fm.yaml);
    let mut edits = Vec::new();
    for key in ORDER {
        let new = yaml_of(key, values);
        let had = get(&old, key);
        if key == "visit" && new.is_none() {
            continue;
        }
        let changed = match (&new, had) {
            (None, None) => false,
            (None, Some(n)) => {
                !matches!(&n.value, Value::Null) && !matches!(&n.value, Value::Map(m) if m.is_empty())
            }
            (Some(t), Some(n)) => !parse_value(t).is_some_and(|p| same(&p, n)),
            (Some(t), None) => !(key == "restricted" && t == "false"),
        };
        if !changed {
            continue;
        }
        if key == "attendance" && new.is_some() && attendance_block(&mut lines, had, values) {
            continue;
        }
        edits.push(Edit { key: key.to_string(), value: new });
    }
    let n = lines.lines.len();
    yaml_edit::edit_block(&mut lines, 0, n, 0, &edits, &ORDER);
    let newline = lines.newline.clone();
    let mut body = values.get("body").map(|b| b.replace("\r\n", "\n")).unwrap_or_else(|| fm.body.to_string());
    if newline == "\r\n" {
        body = body.replace('\n', "\r\n");
    }
    if body == fm.body.replace("\r\n", "\n").replace('\n', &newline) {
        body = fm.body.to_string();
    }
    format!("{}{}{}{}", &original[..yaml_start], lines.text(), &original[yaml_end..body_start], body)
}

/// `attendance` written as a block mapping keeps that style: its changed numbers are set
/// line by line. False when it is not a block mapping (then the whole value is replaced).
fn attendance_block(lines: &mut Lines, had: Option<&Node>, values: &Values) -> bool {
    let Some(old) = had.filter(|n| matches!(n.value, Value::Map(_))) else { return false };
    let Some(at) = lines.lines.iter().position(|(l, _)| yaml_edit::key_at(l, 0) == Some("attendance")) else {
        return false;
    };
    let rest = lines.lines[at].0["attendance:".len()..].trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return false;
    }
    let end = (at + 1..lines.lines.len())
        .find(|&i| {
            let l = &lines.lines[i].0;
            !l.starts_with(' ') && !l.trim().is_empty()
        })
        .unwrap_or(lines.lines.len());
    let Some(indent) = (at + 1..end)
        .map(|i| &lines.lines[i].0)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.len() - l.trim_start().len())
    else {
        return false;
    };
    let mut edits = Vec::new();
    for sub in ATTENDANCE {
        let new =
            values.get(&format!("attendance.{sub}")).map(|s| s.trim()).filter(|s| !s.is_empty()).map(number);
        let had = get(old, sub);
        let changed = match (&new, had) {
            (None, None) => false,
            (Some(t), Some(n)) => !parse_value(t).is_some_and(|p| same(&p, n)),
            _ => true,
        };
        if changed {
            edits.push(Edit { key: sub.to_string(), value: new });
        }
    }
    yaml_edit::edit_block(lines, at + 1, end, indent, &edits, &ATTENDANCE);
    true
}

/// The form field a line (1-based, of the file) and column belong to: the key written on
/// that line or, for a value over several lines, above it; `body` below the front matter.
pub fn field_at(text: &str, line: u32, col: u32) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let idx = (line as usize).checked_sub(1)?;
    let fence = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|i| i + 1)?;
    if idx > fence {
        return Some("body".into());
    }
    if idx == 0 || idx == fence {
        return None;
    }
    let key_line = (1..=idx).rev().find(|&i| yaml_edit::key_at(lines[i], 0).is_some())?;
    let key = yaml_edit::key_at(lines[key_line], 0)?;
    if key != "attendance" {
        return ORDER.contains(&key).then(|| key.to_string());
    }
    // Which of the five numbers: the key of its own line, or the last name before the column.
    let l = lines[idx];
    let t = l.trim_start();
    if let Some(sub) = yaml_edit::key_at(t, 0).filter(|k| ATTENDANCE.contains(k)) {
        return Some(format!("attendance.{sub}"));
    }
    let upto: String = l.chars().take(col as usize).collect();
    let named = |s: &str| {
        l.match_indices(&format!("{s}:"))
            .filter(|(p, _)| *p < upto.len() && !l[..*p].ends_with(|c: char| c.is_ascii_alphabetic()))
            .map(|(p, _)| p)
            .last()
    };
    let sub = ATTENDANCE.iter().filter_map(|s| named(s).map(|p| (p, *s))).max().map(|(_, s)| s);
    Some(match sub {
        Some(s) => format!("attendance.{s}"),
        None => "attendance".into(),
    })
}

#[cfg(test)]
mod tests;
