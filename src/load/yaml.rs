//! A YAML document as a tree of nodes, each carrying the line and column it came from.
//!
//! serde-saphyr parses; this module keeps the spans so that the schema layer can report
//! every bad value at its own location and collect all errors of a file in one pass.

use crate::model::Pos;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// One YAML value and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

/// The shape of a YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys in document order, each with its own position.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// A short English/Vietnamese-neutral name of the kind of value, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// The scalar as text, the way it would be quoted in a message.
    pub fn display(&self) -> String {
        match &self.value {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Str(s) => s.clone(),
            Value::Seq(_) => "[…]".into(),
            Value::Map(_) => "{…}".into(),
        }
    }
}

/// A parse failure: what the parser said, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub pos: Pos,
    pub message: String,
}

/// Limits that keep hostile input from exhausting memory or time.
/// How deeply lists and mappings may nest (the format needs 4 levels).
pub(super) const MAX_DEPTH: usize = 16;
/// How many values one file may hold: far above honest content (a schedule of 50,000
/// visits in one file is about a million), a bound on what a 20 MB file can make the
/// build hold (values, not aliases, which are bounded on their own).
pub(super) const MAX_NODES: usize = 4_000_000;
/// How many parser events anchors may record for replay at aliases.
const MAX_ALIAS_EVENTS: usize = 10_000;

/// Parse a YAML document into a spanned tree. An empty document is `Null` at 1:1.
///
/// The simplest documents (a report's front matter, a schedule) are read line by line
/// ([`super::yaml_lines`]); other plain documents take a fast path built on the parser's
/// events ([`super::yaml_events`]); the rest, and every error, come from serde-saphyr.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    if text.trim().is_empty() {
        return Ok(Node { pos: Pos { line: 1, col: 1, len: 0 }, value: Value::Null });
    }
    match super::yaml_lines::parse(text).or_else(|| super::yaml_events::parse(text)) {
        Some(node) => Ok(node),
        None => parse_slow(text),
    }
}

/// [`parse`] through serde-saphyr's deserializer only (the reference the faster paths are
/// compared with, by the tests and the fuzz target `yaml_lines_diff`).
pub fn parse_slow(text: &str) -> Result<Node, ParseError> {
    if text.trim().is_empty() {
        return Ok(Node { pos: Pos { line: 1, col: 1, len: 0 }, value: Value::Null });
    }
    let mut budget = serde_saphyr::Budget::default();
    // Content is a few levels deep; each level costs stack while deserializing.
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    // Events: about one per value, two per list or mapping.
    budget.max_events = 2 * MAX_NODES;
    // Anchors and aliases are rare in content; a few thousand copied events are plenty,
    // and an alias bomb ("billion laughs") stops long before it reaches MAX_NODES.
    budget.max_recorded_anchor_events = MAX_ALIAS_EVENTS;
    let options = serde_saphyr::options! {
        budget: Some(budget),
        // `yes`, `no`, `on`, `off` stay strings; only `true` and `false` are booleans.
        strict_booleans: true,
        // A phone number like 0912345678 keeps its leading zero.
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
    };
    let spanned: Spanned<Raw> = serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        let pos = e
            .location()
            .map(|l| Pos { line: l.line() as u32, col: l.column() as u32, len: 1 })
            .unwrap_or(Pos { line: 1, col: 1, len: 0 });
        ParseError { pos, message: clean_message(&e.to_string()) }
    })?;
    let node = into_node(spanned, 0);
    Ok(node)
}

fn clean_message(msg: &str) -> String {
    // serde-saphyr says "error: line X column Y: what, hint"; keep only "what".
    let first = msg.lines().next().unwrap_or(msg).trim();
    let first = first.strip_prefix("error:").unwrap_or(first).trim_start();
    let first = match first.strip_prefix("line ").and_then(|rest| rest.split_once(": ")) {
        Some((place, what)) if place.contains("column") => what,
        _ => first,
    };
    if first.contains("budget breached") || first.contains("recursion limit exceeded") {
        return "the document is too large or too deeply nested (a safety limit: at most 16 levels, \
                100000 values, 10000 values copied by aliases)"
            .into();
    }
    let first = first.split(", set DuplicateKeyPolicy").next().unwrap_or(first);
    // … and sometimes ends with " at line X, column Y".
    let first = match first.split_once(" at line ") {
        Some((what, place)) if place.contains("column") => what,
        _ => first,
    };
    first.trim().to_string()
}

impl Node {
    /// Move every position down by `lines` (for YAML embedded in a larger file).
    pub fn shift_lines(&mut self, lines: u32) {
        self.pos.line = self.pos.line.saturating_add(lines);
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| n.shift_lines(lines)),
            Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.shift_lines(lines);
                v.shift_lines(lines);
            }),
            _ => {}
        }
    }
}

/// Intermediate tree straight from serde (spans on every node).
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

fn into_node(s: Spanned<Raw>, depth: usize) -> Node {
    let loc = s.referenced;
    let pos = Pos { line: loc.line() as u32, col: loc.column() as u32, len: loc.span().len() as u32 };
    let value = match s.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => Value::Float(f),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) if depth < MAX_DEPTH => {
            Value::Seq(items.into_iter().map(|n| into_node(n, depth + 1)).collect())
        }
        Raw::Map(entries) if depth < MAX_DEPTH => Value::Map(
            entries.into_iter().map(|(k, v)| (into_node(k, depth + 1), into_node(v, depth + 1))).collect(),
        ),
        Raw::Seq(_) | Raw::Map(_) => Value::Null,
    };
    Node { pos, value }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        i64::try_from(v).map(Raw::Int).or(Ok(Raw::Float(v as f64)))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map(Raw::Int).unwrap_or(Raw::Float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map(Raw::Int).unwrap_or(Raw::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = map.next_key::<Spanned<Raw>>()? {
            let v = map.next_value::<Spanned<Raw>>()?;
            entries.push((k, v));
        }
        Ok(Raw::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(n: &Node) -> &Vec<(Node, Node)> {
        match &n.value {
            Value::Map(m) => m,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let n = parse("a: 1\nb:\n  - x: \"14:00\"\n    y: 2024-03\n").unwrap();
        let m = map(&n);
        assert_eq!(m[0].0.pos.line, 1);
        assert_eq!(m[0].1.value, Value::Int(1));
        assert_eq!(m[0].1.pos.col, 4);
        let Value::Seq(items) = &m[1].1.value else { panic!() };
        let inner = map(&items[0]);
        assert_eq!(inner[0].1.value, Value::Str("14:00".into()));
        assert_eq!((inner[0].1.pos.line, inner[0].1.pos.col), (3, 8));
        assert_eq!(inner[1].1.value, Value::Str("2024-03".into()));
        assert_eq!((inner[1].0.pos.line, inner[1].0.pos.col), (4, 5));
    }

    #[test]
    fn unquoted_time_and_date_stay_strings() {
        let n = parse("t: 14:00\nd: 2024-03-14\n").unwrap();
        let m = map(&n);
        assert_eq!(m[0].1.value, Value::Str("14:00".into()));
        assert_eq!(m[1].1.value, Value::Str("2024-03-14".into()));
    }

    #[test]
    fn syntax_error_has_position() {
        let e = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.pos.line >= 1, "{e:?}");
    }

    #[test]
    fn messages_lose_the_parser_prefix() {
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(e.message, "duplicate mapping key: a");
        assert_eq!((e.pos.line, e.pos.col), (2, 1));
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_refused() {
        let mut bomb = String::from("a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
        for i in 1..8 {
            let refs = vec![format!("*a{}", i - 1); 10].join(",");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let e = parse(&bomb).unwrap_err();
        assert!(e.message.starts_with("the document is too large"), "{e:?}");
        for n in [17, 200, 10_000] {
            let deep = format!("{}1{}", "[".repeat(n), "]".repeat(n));
            let e = parse(&deep).unwrap_err();
            assert!(e.message.starts_with("the document is too large"), "{e:?}");
        }
        let ok = format!("{}1{}", "{a: ".repeat(16), "}".repeat(16));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn ordinary_anchors_still_work() {
        let mut doc = String::from("leader: &l { name: Nguyễn Văn A, title: Bí thư }\nteams:\n");
        for _ in 0..90 {
            doc.push_str("  - *l\n");
        }
        let n = parse(&doc).unwrap();
        let Value::Seq(items) = &map(&n)[1].1.value else { panic!() };
        assert_eq!(items.len(), 90);
        assert_eq!(map(&items[89])[0].1.value, Value::Str("Nguyễn Văn A".into()));
    }

    #[test]
    fn yes_and_leading_zeros_stay_strings() {
        let n = parse("q: yes\np: 0912345678\nb: true\n").unwrap();
        let m = map(&n);
        assert_eq!(m[0].1.value, Value::Str("yes".into()));
        assert_eq!(m[1].1.value, Value::Str("0912345678".into()));
        assert_eq!(m[2].1.value, Value::Bool(true));
    }

    #[test]
    fn shift_moves_every_line() {
        let mut n = parse("a:\n  - 1\n").unwrap();
        n.shift_lines(3);
        let m = map(&n);
        assert_eq!(m[0].0.pos.line, 4);
        let Value::Seq(items) = &m[0].1.value else { panic!() };
        assert_eq!(items[0].pos.line, 5);
    }

    #[test]
    fn empty_is_null() {
        assert_eq!(parse("  \n").unwrap().value, Value::Null);
    }
}
