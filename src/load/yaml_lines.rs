//! The fastest path of [`super::yaml::parse`]: the spanned tree read line by line, for the
//! simplest documents (a report's front matter, a schedule of one-line visits).
//!
//! The YAML parser behind [`super::yaml_events`] is general: a report's ten lines of
//! front matter cost it tens of microseconds, half of `kehoach check`. This reader knows
//! only block mappings and block sequences one key or item per line, flow mappings and
//! sequences on one line, and single-line scalars (plain, or quoted without escapes). On
//! anything else (a comment after a value, a multi-line scalar, an anchor, a tag, an escape,
//! a tab, an empty value, a repeated key…) it gives up and the next path reads the document.
//! Scalars are resolved by the same function as the events path, and the positions are the
//! parser's (a block collection at its first key or dash with length 0, a flow collection at
//! its bracket, a scalar over its text and quotes). Tests compare the three paths.

use super::yaml::{MAX_DEPTH, MAX_NODES, Node, Value};
use super::yaml_events::scalar;
use crate::model::Pos;
use serde_saphyr::granit_parser::ScalarStyle;

/// The tree of `text`, or `None` when the document is not of the simple kind. (Public for
/// the differential fuzz target `yaml_lines_diff`.)
pub fn parse(text: &str) -> Option<Node> {
    // Characters the parser reads otherwise or refuses (a byte-order mark, controls). Each
    // starts with a byte below 0x20 (but a line end), 0x7f, 0xc2 (C1 controls) or 0xef
    // (U+FEFF, U+FFFE, U+FFFF): a text with none of those bytes, checked 32 at a time (the
    // compiler's vector instructions), has none of them.
    let suspect = |b: u8| ((b < 0x20) & (b != b'\n')) | (b == 0x7f) | (b == 0xc2) | (b == 0xef);
    if crate::bytes::any_byte(text.as_bytes(), suspect)
        && text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}'))
    {
        return None;
    }
    let mut lines = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if line.starts_with("---") || line.starts_with("...") {
            return None;
        }
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if line.ends_with(' ') {
            // Trailing spaces: allowed by YAML, but rare enough to leave to the parser.
            return None;
        }
        lines.push(Line { no: u32::try_from(i + 1).ok()?, indent: line.len() - body.len(), text: line });
    }
    let mut r = Reader { lines, at: 0, nodes: 0 };
    let first = r.lines.first()?;
    let (indent, start) = (first.indent, first.indent);
    let root = r.block(indent, start, 0)?;
    (r.at == r.lines.len()).then_some(root)
}

struct Line<'a> {
    /// 1-based line number.
    no: u32,
    /// Leading spaces.
    indent: usize,
    text: &'a str,
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    /// The current line.
    at: usize,
    nodes: usize,
}

/// Characters that start something other than a plain scalar.
const INDICATORS: &[u8] = b"-?:,[]{}#&*!|>'\"%@`";

impl<'a> Reader<'a> {
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(())
    }

    /// The block collection whose first entry is on the current line at byte `start`, its
    /// entries `indent` spaces in.
    fn block(&mut self, indent: usize, start: usize, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let line = self.lines.get(self.at)?;
        let rest = &line.text[start..];
        if rest == "-" || rest.starts_with("- ") {
            self.sequence(indent, start, depth)
        } else {
            self.mapping(indent, start, depth)
        }
    }

    fn sequence(&mut self, indent: usize, start: usize, depth: usize) -> Option<Node> {
        self.count()?;
        let first = &self.lines[self.at];
        let pos = Pos { line: first.no, col: col(first.text, start), len: 0 };
        let mut items = Vec::new();
        let mut start = start;
        loop {
            let line = &self.lines[self.at];
            let rest = line.text[start..].strip_prefix("- ")?;
            let item_start = start + 2 + (rest.len() - rest.trim_start_matches(' ').len());
            let rest = &line.text[item_start..];
            let item = if rest.starts_with(['{', '[']) {
                let node = self.flow_line(item_start, depth + 1)?;
                self.at += 1;
                node
            } else if key_end(rest).is_some() {
                // `- key: value`: a mapping whose keys are in line with this one.
                self.mapping(item_start, item_start, depth + 1)?
            } else {
                let node = self.scalar_line(item_start)?;
                self.at += 1;
                node
            };
            items.push(item);
            match self.lines.get(self.at) {
                Some(next) if next.indent == indent && next.text[indent..].starts_with('-') => start = indent,
                Some(next) if next.indent >= indent => return None,
                _ => break,
            }
        }
        Some(Node { pos, value: Value::Seq(items) })
    }

    fn mapping(&mut self, indent: usize, start: usize, depth: usize) -> Option<Node> {
        self.count()?;
        let first = &self.lines[self.at];
        let pos = Pos { line: first.no, col: col(first.text, start), len: 0 };
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut start = start;
        loop {
            let line = &self.lines[self.at];
            let (no, text) = (line.no, line.text);
            let rest = &text[start..];
            let end = key_end(rest)?;
            let key = &rest[..end];
            if key == "<<" || entries.iter().any(|(k, _)| matches!(&k.value, Value::Str(s) if s == key)) {
                return None;
            }
            self.count()?;
            let key_node = Node {
                pos: Pos { line: no, col: col(text, start), len: chars(key) },
                value: scalar(key, ScalarStyle::Plain)?,
            };
            if !matches!(key_node.value, Value::Str(_)) {
                return None;
            }
            let after = start + end + 1;
            let value_start = after + (text[after..].len() - text[after..].trim_start_matches(' ').len());
            let value = if value_start == text.len() {
                // `key:` and the value below, further in.
                self.at += 1;
                let next = self.lines.get(self.at)?;
                if next.indent <= indent {
                    return None;
                }
                self.block(next.indent, next.indent, depth + 1)?
            } else if text[value_start..].starts_with(['{', '[']) {
                let node = self.flow_line(value_start, depth + 1)?;
                self.at += 1;
                node
            } else {
                let node = self.scalar_line(value_start)?;
                self.at += 1;
                node
            };
            entries.push((key_node, value));
            match self.lines.get(self.at) {
                Some(next) if next.indent == indent => start = indent,
                Some(next) if next.indent > indent => return None,
                _ => break,
            }
        }
        Some(Node { pos, value: Value::Map(entries) })
    }

    /// The scalar from byte `start` to the end of the current line.
    fn scalar_line(&mut self, start: usize) -> Option<Node> {
        self.count()?;
        let line = &self.lines[self.at];
        let s = &line.text[start..];
        let (text, style) = match s.as_bytes()[0] {
            b'"' => (s.strip_prefix('"')?.strip_suffix('"')?, ScalarStyle::DoubleQuoted),
            b'\'' => (s.strip_prefix('\'')?.strip_suffix('\'')?, ScalarStyle::SingleQuoted),
            _ => (s, ScalarStyle::Plain),
        };
        let fine = match style {
            ScalarStyle::DoubleQuoted => !text.contains(['"', '\\']),
            ScalarStyle::SingleQuoted => !text.contains('\''),
            _ => plain(text) && !has_pair(text, b':', b' ') && !text.ends_with(':'),
        };
        if !fine {
            return None;
        }
        let pos = Pos { line: line.no, col: col(line.text, start), len: chars(s) };
        Some(Node { pos, value: scalar(text, style)? })
    }

    /// The flow collection from byte `start` to the end of the current line.
    fn flow_line(&mut self, start: usize, depth: usize) -> Option<Node> {
        let line = &self.lines[self.at];
        let mut flow = Flow { text: line.text, no: line.no, at: start, reader: self };
        let node = flow.node(depth)?;
        (flow.at == flow.text.len()).then_some(node)
    }
}

/// A flow collection on one line.
struct Flow<'a, 'r> {
    text: &'a str,
    no: u32,
    /// Byte offset in `text`.
    at: usize,
    reader: &'r mut Reader<'a>,
}

impl Flow<'_, '_> {
    fn spaces(&mut self) {
        while self.text.as_bytes().get(self.at) == Some(&b' ') {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        let yes = self.text.as_bytes().get(self.at) == Some(&b);
        if yes {
            self.at += 1;
        }
        yes
    }

    fn node(&mut self, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.reader.count()?;
        let pos = Pos { line: self.no, col: col(self.text, self.at), len: 1 };
        let close = match self.text.as_bytes().get(self.at)? {
            b'{' => b'}',
            b'[' => b']',
            _ => return self.scalar(),
        };
        self.at += 1;
        self.spaces();
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut items: Vec<Node> = Vec::new();
        if !self.eat(close) {
            loop {
                if close == b'}' {
                    let key = self.scalar()?;
                    let Value::Str(k) = &key.value else { return None };
                    if k == "<<" || entries.iter().any(|(e, _)| matches!(&e.value, Value::Str(s) if s == k)) {
                        return None;
                    }
                    if !(self.eat(b':') && self.eat(b' ')) {
                        return None;
                    }
                    self.spaces();
                    let value = self.node(depth + 1)?;
                    entries.push((key, value));
                } else {
                    items.push(self.node(depth + 1)?);
                }
                self.spaces();
                if self.eat(close) {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
                self.spaces();
            }
        }
        self.spaces();
        let value = if close == b'}' { Value::Map(entries) } else { Value::Seq(items) };
        Some(Node { pos, value })
    }

    /// A scalar in a flow collection: quoted without escapes, or plain up to `,`, a
    /// closing bracket or `: `.
    fn scalar(&mut self) -> Option<Node> {
        self.reader.count()?;
        let rest = &self.text[self.at..];
        let b = rest.as_bytes();
        if let Some(&q @ (b'"' | b'\'')) = b.first() {
            let close = 1 + rest[1..].find(q as char)?;
            let text = &rest[1..close];
            let style = if q == b'"' { ScalarStyle::DoubleQuoted } else { ScalarStyle::SingleQuoted };
            // An escape, or `''` (a quote inside single quotes), is the parser's to read.
            if text.contains('\\') || b.get(close + 1) == Some(&q) {
                return None;
            }
            let pos = Pos { line: self.no, col: col(self.text, self.at), len: chars(&rest[..=close]) };
            self.at += close + 1;
            return Some(Node { pos, value: scalar(text, style)? });
        }
        let mut end = 0;
        while end < b.len() {
            match b[end] {
                b',' | b'}' | b']' => break,
                b':' if matches!(b.get(end + 1), None | Some(b' ' | b',' | b'}' | b']')) => break,
                b'{' | b'[' | b'#' | b'"' | b'\'' => return None,
                _ => end += 1,
            }
        }
        let text = rest[..end].trim_end_matches(' ');
        if text.is_empty() || !plain(text) {
            return None;
        }
        let pos = Pos { line: self.no, col: col(self.text, self.at), len: chars(text) };
        self.at += text.len();
        Some(Node { pos, value: scalar(text, ScalarStyle::Plain)? })
    }
}

/// Whether `text` reads as one plain scalar: no indicator in front, no comment, no spaces
/// at either end.
fn plain(text: &str) -> bool {
    let b = text.as_bytes();
    let Some(&first) = b.first() else { return false };
    let dash_word = first == b'-' && b.get(1).is_some_and(|c| *c != b' ');
    (dash_word || !INDICATORS.contains(&first))
        && !has_pair(text, b' ', b'#')
        && !text.ends_with(' ')
        && !text.starts_with(' ')
}

/// Whether `text` holds the byte `a` right before the byte `c` (for two ASCII bytes, the
/// same as `text.contains` of the two, without setting up a substring search for a text
/// of a few bytes).
fn has_pair(text: &str, a: u8, c: u8) -> bool {
    text.as_bytes().windows(2).any(|w| w[0] == a && w[1] == c)
}

/// The end of a block mapping's key at the start of `rest` (the byte of its `:`), when
/// `rest` is `key: …` or `key:` with a plain key.
fn key_end(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b':' && matches!(b.get(i + 1), None | Some(b' ')) {
            let key = &rest[..i];
            return (plain(key) && !key.contains([',', '[', ']', '{', '}', '"', '\''])).then_some(i);
        }
        i += 1;
    }
    None
}

/// The 1-based column, in characters, of byte `at` of `line`.
fn col(line: &str, at: usize) -> u32 {
    let prefix = &line[..at];
    let n = if prefix.is_ascii() { prefix.len() } else { prefix.chars().count() };
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

fn chars(s: &str) -> u32 {
    let n = if s.is_ascii() { s.len() } else { s.chars().count() };
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
