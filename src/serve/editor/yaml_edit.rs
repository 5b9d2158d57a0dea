//! Line-level edits of hand-written YAML: set, add or remove keys of one block mapping (or
//! of a one-line flow mapping `{ … }`), leaving every other byte of the file as it was —
//! other keys, their order, blank lines and comments, line ends.
//!
//! Whether a key needs touching at all is decided by the caller ([`same`] compares the
//! parsed values), so a save without changes gives back the very same bytes.

use crate::load::yaml::{self, Node, Value};

/// A file cut into lines, each with its own line end (`\n`, `\r\n` or none at the end).
#[derive(Clone, Debug, PartialEq)]
pub struct Lines {
    pub lines: Vec<(String, String)>,
    /// The line end of new lines: the file's first.
    pub newline: String,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let lines: Vec<(String, String)> = text
            .split_inclusive('\n')
            .map(|l| {
                let body = l.trim_end_matches('\n').trim_end_matches('\r');
                (body.to_string(), l[body.len()..].to_string())
            })
            .collect();
        let newline =
            lines.iter().map(|(_, e)| e.as_str()).find(|e| !e.is_empty()).unwrap_or("\n").to_string();
        Lines { lines, newline }
    }

    pub fn text(&self) -> String {
        self.lines.iter().flat_map(|(l, e)| [l.as_str(), e.as_str()]).collect()
    }
}

/// One key to change: its new value as YAML text, or `None` to remove it.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub key: String,
    pub value: Option<String>,
}

/// Do two nodes hold the same value (positions aside)?
pub fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k1, v1), (k2, v2))| same(k1, k2) && same(v1, v2))
        }
        (x, y) => x == y,
    }
}

/// The value `text` has as YAML (as the value of a key), if it parses.
pub fn parse_value(text: &str) -> Option<Node> {
    let doc = format!("k: {text}\n");
    match yaml::parse(&doc).ok()?.value {
        Value::Map(mut m) if m.len() == 1 => m.pop().map(|(_, v)| v),
        _ => None,
    }
}

/// The entry of `key` in a parsed mapping.
pub fn get<'a>(map: &'a Node, key: &str) -> Option<&'a Node> {
    match &map.value {
        Value::Map(m) => {
            m.iter().find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key)).map(|(_, v)| v)
        }
        _ => None,
    }
}

/// Where a `# comment` starts in a line's value part (outside quotes), as a byte offset.
pub fn comment_at(s: &str) -> Option<usize> {
    let (mut single, mut double, mut prev) = (false, false, ' ');
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if double => escaped = !escaped,
            '"' if !single && !escaped => double = !double,
            '\'' if !double => single = !single,
            '#' if !single && !double && prev.is_whitespace() => return Some(i),
            _ => {}
        }
        if c != '\\' {
            escaped = false;
        }
        prev = c;
    }
    None
}

/// The key of a line whose key starts at byte `at` (`key: …` or `key:` at the end).
pub fn key_at(line: &str, at: usize) -> Option<&str> {
    let rest = line.get(at..)?;
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let after = &rest[end..];
    (end > 0 && (after == ":" || after.starts_with(": ") || after.starts_with(":\t"))).then(|| &rest[..end])
}

/// The line with the value of the key starting at byte `at` replaced by `value`; a trailing
/// comment stays, at its column when there is room.
pub fn with_value(line: &str, at: usize, key: &str, value: &str) -> String {
    let after = &line[at + key.len() + 1..];
    let mut out = format!("{}{key}: {value}", &line[..at]);
    if let Some(c) = comment_at(after) {
        let column = line[..at + key.len() + 1 + c].chars().count();
        let width = out.chars().count();
        out.push_str(&" ".repeat(column.saturating_sub(width).max(1)));
        out.push_str(&after[c..]);
    }
    out
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// One key of a block mapping: its line, the lines after it that belong to its value.
#[derive(Clone, Debug)]
struct Entry {
    key: String,
    line: usize,
    /// One past the last line of its value.
    end: usize,
}

/// The keys of the block mapping in `lines[start..end]` whose keys start at byte `indent`
/// (on line `start` after a `- ` too).
fn entries(lines: &Lines, start: usize, end: usize, indent: usize) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for i in start..end {
        let l = &lines.lines[i].0;
        let prefix_ok = l.get(..indent).is_some_and(|p| {
            p.chars().all(|c| c == ' ') || (i == start && p.chars().all(|c| c == ' ' || c == '-'))
        });
        if prefix_ok && let Some(k) = key_at(l, indent) {
            out.push(Entry { key: k.to_string(), line: i, end: i + 1 });
            continue;
        }
        // A line more indented than the keys continues the value of the key before it.
        if let Some(last) = out.last_mut()
            && last.end == i
            && !l.trim().is_empty()
            && indent_of(l) > indent
        {
            last.end = i + 1;
        }
    }
    out
}

/// Apply `edits` to the block mapping in `lines[start..end]` (keys at byte `indent`).
/// New keys go where a placeholder line `# key:` stands, else after the last key that comes
/// before them in `order`, else after the mapping's last key.
pub fn edit_block(
    lines: &mut Lines,
    start: usize,
    end: usize,
    indent: usize,
    edits: &[Edit],
    order: &[&str],
) {
    let found = entries(lines, start, end, indent);
    // What replaces each line (None: kept as it is).
    let mut plan: Vec<Option<Vec<String>>> = vec![None; lines.lines.len()];
    let pad = " ".repeat(indent);
    let mut last_line_of_key: Vec<(usize, usize)> = Vec::new(); // (order index, line) of kept keys
    for e in &found {
        if let Some(i) = order.iter().position(|k| *k == e.key) {
            last_line_of_key.push((i, e.end - 1));
        }
    }
    // Values set and keys removed first, then the new keys (placed among what is left).
    for edit in edits {
        let Some(e) = found.iter().find(|e| e.key == edit.key) else { continue };
        match &edit.value {
            Some(v) => {
                // A value over several lines becomes one line (the comment of its first line kept).
                plan[e.line] = Some(vec![with_value(&lines.lines[e.line].0, indent, &edit.key, v)]);
                for p in plan.iter_mut().take(e.end).skip(e.line + 1) {
                    *p = Some(Vec::new());
                }
            }
            None => {
                if e.line == start && lines.lines[e.line].0[..indent].contains('-') {
                    continue; // the key after a list item's dash stays (never asked for)
                }
                for p in plan.iter_mut().take(e.end).skip(e.line) {
                    *p = Some(Vec::new());
                }
            }
        }
    }
    for edit in edits {
        let Some(v) = &edit.value else { continue };
        if found.iter().any(|e| e.key == edit.key) {
            continue;
        }
        // A placeholder `# key: …` left by `kehoach new report`.
        let placeholder = (start..end).find(|&i| {
            let l = &lines.lines[i].0;
            plan[i].is_none()
                && l.get(..indent).is_some_and(|p| p.trim().is_empty())
                && l[indent..].strip_prefix('#').map(str::trim_start).and_then(|r| key_at(r, 0))
                    == Some(edit.key.as_str())
        });
        if let Some(i) = placeholder {
            let uncommented = lines.lines[i].0[indent..].trim_start_matches('#').trim_start().to_string();
            let mut line = with_value(&uncommented, 0, &edit.key, v);
            line.insert_str(0, &pad);
            plan[i] = Some(vec![line]);
            continue;
        }
        let at = order.iter().position(|k| *k == edit.key).unwrap_or(usize::MAX);
        let after = last_line_of_key
            .iter()
            .filter(|(i, _)| *i < at)
            .map(|(_, l)| *l)
            .max()
            .or_else(|| found.last().map(|e| e.end - 1))
            .unwrap_or(end.saturating_sub(1).max(start));
        let new_line = format!("{pad}{}: {v}", edit.key);
        let slot = plan[after].get_or_insert_with(|| vec![lines.lines[after].0.clone()]);
        slot.push(new_line);
        last_line_of_key.push((at, after));
    }
    let newline = lines.newline.clone();
    let old = std::mem::take(&mut lines.lines);
    for ((text, end), p) in old.into_iter().zip(plan) {
        match p {
            None => lines.lines.push((text, end)),
            Some(new) => {
                let n = new.len();
                for (j, l) in new.into_iter().enumerate() {
                    let e = if j + 1 == n { end.clone() } else { newline.clone() };
                    lines.lines.push((l, e));
                }
            }
        }
    }
}

/// The items `key: value` of a one-line flow mapping's inside (between `{` and `}`).
pub fn flow_items(inside: &str) -> Vec<String> {
    let (mut items, mut cur) = (Vec::new(), String::new());
    let (mut depth, mut single, mut double, mut escaped) = (0i32, false, false, false);
    for c in inside.chars() {
        match c {
            '\\' if double => escaped = !escaped,
            '"' if !single && !escaped => double = !double,
            '\'' if !double => single = !single,
            '{' | '[' if !single && !double => depth += 1,
            '}' | ']' if !single && !double => depth -= 1,
            ',' if depth == 0 && !single && !double => {
                items.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        if c != '\\' {
            escaped = false;
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        items.push(cur.trim().to_string());
    }
    items
}

/// Apply `edits` to the inside of a flow mapping; the new inside, items joined by `, `.
pub fn edit_flow(inside: &str, edits: &[Edit], order: &[&str]) -> String {
    let mut items: Vec<(String, String)> = flow_items(inside)
        .into_iter()
        .map(|it| match it.split_once(':') {
            Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
            None => (it, String::new()),
        })
        .collect();
    for e in edits {
        let at = items.iter().position(|(k, _)| *k == e.key);
        match (at, &e.value) {
            (Some(i), Some(v)) => items[i].1 = v.clone(),
            (Some(i), None) => {
                items.remove(i);
            }
            (None, Some(v)) => {
                let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(usize::MAX);
                let mine = rank(&e.key);
                let pos =
                    items.iter().rposition(|(k, _)| rank(k) < mine).map(|i| i + 1).unwrap_or(items.len());
                items.insert(pos, (e.key.clone(), v.clone()));
            }
            (None, None) => {}
        }
    }
    items.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(key: &str, value: Option<&str>) -> Edit {
        Edit { key: key.into(), value: value.map(String::from) }
    }

    #[test]
    fn comments_outside_quotes_only() {
        assert_eq!(comment_at(" 1  # x"), Some(4));
        assert_eq!(comment_at(" \"a # b\" # c"), Some(9));
        assert_eq!(comment_at(" 'a # b'"), None);
        assert_eq!(comment_at(" a#b"), None);
    }

    #[test]
    fn value_replaced_comment_kept_at_its_column() {
        assert_eq!(
            with_value("rating: kha        # tot | kha", 0, "rating", "tot"),
            "rating: tot        # tot | kha"
        );
        assert_eq!(with_value("  date: 2024-03-07", 2, "date", "2024-03-08"), "  date: 2024-03-08");
        assert_eq!(with_value("a: 1 # c", 0, "a", "123456"), "a: 123456 # c");
    }

    #[test]
    fn block_keys_set_removed_added_and_placeholders_used() {
        let mut l = Lines::new("a: 1 # one\nb:\n  x: 1\n# c: 3   # the c\nd: 4\n");
        edit_block(
            &mut l,
            0,
            5,
            0,
            &[
                ed("a", Some("2")),
                ed("b", Some("{ x: 2 }")),
                ed("c", Some("5")),
                ed("e", Some("6")),
                ed("d", None),
            ],
            &["a", "b", "c", "d", "e"],
        );
        assert_eq!(l.text(), "a: 2 # one\nb: { x: 2 }\nc: 5   # the c\ne: 6\n");
    }

    #[test]
    fn list_item_keys_after_the_dash_and_crlf_kept() {
        let mut l =
            Lines::new("# head\r\n- team: t\r\n  month: 2024-03\r\n  place: A\r\n# next\r\n- team: u\r\n");
        edit_block(
            &mut l,
            1,
            4,
            2,
            &[ed("date", Some("2024-03-02")), ed("place", None)],
            &["team", "month", "date", "place"],
        );
        assert_eq!(
            l.text(),
            "# head\r\n- team: t\r\n  month: 2024-03\r\n  date: 2024-03-02\r\n# next\r\n- team: u\r\n"
        );
    }

    #[test]
    fn flow_items_respect_quotes_and_order() {
        assert_eq!(
            flow_items(" team: t, place: \"a, b\", x: [1, 2] "),
            ["team: t", "place: \"a, b\"", "x: [1, 2]"]
        );
        let got = edit_flow(
            "team: t, month: 2024-03, place: P",
            &[ed("date", Some("2024-03-02")), ed("place", None)],
            &["team", "month", "date", "place"],
        );
        assert_eq!(got, "team: t, month: 2024-03, date: 2024-03-02");
    }

    #[test]
    fn same_ignores_positions() {
        let a = parse_value("{ total: 1, exempt: 0 }").unwrap();
        let b = parse_value("\n  total: 1\n  exempt: 0").unwrap();
        assert!(same(&a, &b));
        assert!(!same(&parse_value("1").unwrap(), &parse_value("\"1\"").unwrap()));
        assert!(same(&parse_value("\"14:00\"").unwrap(), &parse_value("'14:00'").unwrap()));
    }
}
