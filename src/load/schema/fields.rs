//! Reading a YAML mapping key by key, collecting every error and keeping going.
//!
//! A [`Fields`] reader wraps one mapping. Each getter marks its key as known and read;
//! [`Fields::finish`] then reports every key nobody asked for, with the closest known key.

use super::types::{Text, Ty, wrong_type};
use crate::diag::Diagnostic;
use crate::load::similar;
use crate::load::yaml::{Node, Value};
use crate::model::Pos;
use crate::model::{Loc, Sp};
use crate::msg::content as m;
use std::sync::Arc;

/// The errors of one file, and the file they are in.
#[derive(Debug)]
pub struct Sink {
    file: Arc<str>,
    pub errors: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(file: &Arc<str>) -> Self {
        Sink { file: file.clone(), errors: Vec::new() }
    }
    pub fn file(&self) -> &Arc<str> {
        &self.file
    }
    pub fn loc(&self, pos: Pos) -> Loc {
        Loc::new(&self.file, pos)
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }
    /// Record an error at `pos` and return it for adding a help.
    pub fn error(
        &mut self,
        pos: Pos,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Diagnostic {
        let loc = self.loc(pos);
        self.errors.push(Diagnostic::error(loc, message, label));
        let last = self.errors.len() - 1;
        &mut self.errors[last]
    }
}

/// The items of a list node; `what` names them for the message ("a list of teams").
/// An empty document counts as an empty list.
pub fn items<'n>(node: &'n Node, what: &str, sink: &mut Sink) -> &'n [Node] {
    match &node.value {
        Value::Seq(items) => items,
        Value::Null => &[],
        _ => {
            wrong_type(sink, node, what);
            &[]
        }
    }
}

/// A reader over the keys of one mapping.
pub struct Fields<'n> {
    pos: Pos,
    entries: &'n [(Node, Node)],
    used: Vec<bool>,
    known: Vec<&'static str>,
    /// What the mapping is, for messages: "this visit", "site.yaml".
    what: String,
}

impl<'n> Fields<'n> {
    /// A reader over `node`, or an error and `None` if it is not a mapping.
    pub fn new(node: &'n Node, what: impl Into<String>, sink: &mut Sink) -> Option<Self> {
        let what = what.into();
        match &node.value {
            Value::Map(entries) => Some(Fields {
                pos: node.pos,
                entries,
                used: vec![false; entries.len()],
                known: Vec::new(),
                what,
            }),
            _ => {
                wrong_type(sink, node, &format!("a mapping of keys ({what})"));
                None
            }
        }
    }

    /// Where the mapping starts.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// Where `key` is written, if it is.
    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        self.entries.iter().find(|(k, _)| is_key(k, key)).map(|(k, _)| k.pos)
    }

    /// The value node of `key`, marking it read; a `null` value counts as absent.
    pub fn node(&mut self, key: &'static str) -> Option<&'n Node> {
        if !self.known.contains(&key) {
            self.known.push(key);
        }
        let i = self.entries.iter().position(|(k, _)| is_key(k, key))?;
        if let Some(u) = self.used.get_mut(i) {
            *u = true;
        }
        self.entries.get(i).map(|(_, v)| v).filter(|v| v.value != Value::Null)
    }

    /// Report that `key` is missing from this mapping.
    pub fn missing(&self, sink: &mut Sink, key: &str, expected: &str) {
        // `unit\u{a0}:` is `unit` with a look-alike space: [`Fields::finish`] names that
        // character, the cause; "missing `unit`" would only follow from it.
        let look_alike = |k: &Node| {
            let name = k.display();
            name.chars().any(crate::load::yaml_explain::is_invisible)
                && name
                    .chars()
                    .filter(|c| !crate::load::yaml_explain::is_invisible(*c))
                    .collect::<String>()
                    .trim()
                    == key
        };
        if self.entries.iter().any(|(k, _)| look_alike(k)) {
            return;
        }
        let expected = m::thing(expected);
        sink.error(self.pos, m::missing_key(key), m::missing_key_label(&self.what, key, &expected));
    }

    /// A required value with its location.
    pub fn req_sp<T: Ty>(&mut self, sink: &mut Sink, key: &'static str, ty: T) -> Option<Sp<T::Out>> {
        match self.node(key) {
            Some(n) => ty.read(n, sink).map(|v| Sp::new(v, sink.loc(n.pos))),
            None => {
                self.absent(sink, key, &ty.expected());
                None
            }
        }
    }

    /// Report that `key` is missing, or written with no value.
    pub fn absent(&self, sink: &mut Sink, key: &str, expected: &str) {
        match self.key_pos(key) {
            Some(pos) => {
                let d = sink.error(pos, m::no_value(key), m::expected_label(&m::thing(expected)));
                d.help = Some(m::no_value_help(key));
            }
            None => self.missing(sink, key, expected),
        }
    }

    /// A required value.
    pub fn req<T: Ty>(&mut self, sink: &mut Sink, key: &'static str, ty: T) -> Option<T::Out> {
        self.req_sp(sink, key, ty).map(|s| s.value)
    }

    /// An optional value with its location: `None` when absent, `null`, or invalid (reported).
    pub fn opt_sp<T: Ty>(&mut self, sink: &mut Sink, key: &'static str, ty: T) -> Option<Sp<T::Out>> {
        let n = self.node(key)?;
        ty.read(n, sink).map(|v| Sp::new(v, sink.loc(n.pos)))
    }

    /// An optional value.
    pub fn opt<T: Ty>(&mut self, sink: &mut Sink, key: &'static str, ty: T) -> Option<T::Out> {
        self.opt_sp(sink, key, ty).map(|s| s.value)
    }

    /// Optional text where an empty string means "not given".
    pub fn opt_text(&mut self, sink: &mut Sink, key: &'static str) -> Option<String> {
        let n = self.node(key)?;
        if let Value::Str(s) = &n.value
            && s.trim().is_empty()
        {
            return None;
        }
        Text.read(n, sink)
    }

    /// A nested mapping, required: its reader, or `None` after reporting. `expected`
    /// describes it for messages: "a mapping { name: …, title: … }".
    pub fn req_map(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
        what: &str,
        expected: &str,
    ) -> Option<Fields<'n>> {
        match self.node(key) {
            Some(n) => nested(n, what, expected, sink),
            None => {
                self.absent(sink, key, expected);
                None
            }
        }
    }

    /// A nested mapping, optional.
    pub fn opt_map(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
        what: &str,
        expected: &str,
    ) -> Option<Fields<'n>> {
        let n = self.node(key)?;
        nested(n, what, expected, sink)
    }

    /// Report every key that no getter asked for.
    pub fn finish(self, sink: &mut Sink) {
        if self.used.iter().all(|u| *u) {
            return;
        }
        let allowed = similar::list(&self.known, 20);
        for (i, ((k, v), used)) in self.entries.iter().zip(&self.used).enumerate() {
            if *used {
                continue;
            }
            let name = k.display();
            if let Some(d) = comma_in_value(i.checked_sub(1).and_then(|p| self.entries.get(p)), k, v) {
                sink.push(sink_loc(sink, d));
                continue;
            }
            if let Some((i, c)) =
                name.chars().enumerate().find(|(_, c)| crate::load::yaml_explain::is_invisible(*c))
            {
                let pos = Pos { line: k.pos.line, col: k.pos.col + i as u32, len: 1 };
                let y = crate::msg::yaml::invisible_char;
                let d = sink.error(pos, y(c, pos.col), crate::msg::yaml::invisible_char_label(c));
                d.help = Some(crate::msg::yaml::invisible_char_help(c));
                continue;
            }
            let close = similar::closest(&name, self.known.iter().copied());
            let help = m::unknown_key_help(&self.what, close, &allowed);
            let d = sink.error(k.pos, m::unknown_key(&name), m::unknown_key_label());
            d.help = Some(help);
        }
    }
}

/// A key with no value right after a text value on the same line: in `{ title: A, B }`
/// the comma ended `title`'s value and `B` became a key. The error, at `B`.
fn comma_in_value(prev: Option<&(Node, Node)>, k: &Node, v: &Node) -> Option<(Pos, String, String, String)> {
    let (pk, pv) = prev?;
    let (Value::Str(key), Value::Str(before)) = (&pk.value, &pv.value) else { return None };
    if v.value != Value::Null || pv.pos.line != k.pos.line || k.pos.col <= pv.pos.col {
        return None;
    }
    let after = k.display();
    let help = crate::msg::yaml::comma_quote_help(key, &format!("{before}, {after}"));
    Some((k.pos, crate::msg::yaml::comma_ends_value(key), crate::msg::yaml::comma_ends_value_label(), help))
}

fn sink_loc(sink: &Sink, (pos, message, label, help): (Pos, String, String, String)) -> Diagnostic {
    Diagnostic::error(sink.loc(pos), message, label).with_help(help)
}

fn nested<'n>(n: &'n Node, what: &str, expected: &str, sink: &mut Sink) -> Option<Fields<'n>> {
    if !matches!(n.value, Value::Map(_)) {
        wrong_type(sink, n, expected);
        return None;
    }
    Fields::new(n, what, sink)
}

fn is_key(k: &Node, key: &str) -> bool {
    matches!(&k.value, Value::Str(s) if s == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::types::{Count, Date, Flag, Id, OneOf};
    use crate::load::yaml::parse;

    fn sink() -> Sink {
        Sink::new(&Arc::from("content/x.yaml"))
    }

    #[test]
    fn reads_values_and_reports_unknown_keys_with_closest() {
        let n = parse("team: to-1\ntemas: 2\ncount: 3\nflag: true\n").unwrap();
        let mut s = sink();
        let mut f = Fields::new(&n, "this visit", &mut s).unwrap();
        assert_eq!(f.req(&mut s, "team", Id), Some("to-1".to_string()));
        assert_eq!(f.req(&mut s, "count", Count), Some(3));
        assert_eq!(f.opt(&mut s, "flag", Flag), Some(true));
        assert_eq!(f.opt(&mut s, "other", Flag), None);
        f.finish(&mut s);
        assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
        let e = &s.errors[0];
        assert_eq!(e.message, "unknown key `temas`");
        assert_eq!((e.loc.pos.line, e.loc.pos.col), (2, 1));
        assert!(e.help.as_deref().unwrap().starts_with("did you mean `team`?"), "{:?}", e.help);
    }

    #[test]
    fn missing_key_points_at_the_mapping() {
        let n = parse("- team: to-1\n").unwrap();
        let Value::Seq(items) = &n.value else { panic!() };
        let mut s = sink();
        let mut f = Fields::new(&items[0], "this visit", &mut s).unwrap();
        let kinds = OneOf(&[("dang_uy", 1), ("chi_bo", 2)]);
        assert_eq!(f.req(&mut s, "kind", kinds), None);
        let e = &s.errors[0];
        assert_eq!(e.message, "missing key `kind`");
        assert_eq!(e.label, "this visit needs `kind`: dang_uy or chi_bo");
        assert_eq!((e.loc.pos.line, e.loc.pos.col), (1, 3));
    }

    #[test]
    fn a_key_without_value_is_pointed_at() {
        let n = parse("team:\nkind: dang_uy\n").unwrap();
        let mut s = sink();
        let mut f = Fields::new(&n, "this visit", &mut s).unwrap();
        assert_eq!(f.req(&mut s, "team", Id), None);
        let e = &s.errors[0];
        assert_eq!(e.message, "no value for `team`");
        assert_eq!((e.loc.pos.line, e.loc.pos.col), (1, 1));
        assert!(e.label.starts_with("expected an id"), "{}", e.label);
    }

    #[test]
    fn keeps_going_after_errors() {
        let n = parse("a: 2024-02-30\nb: [1]\nc: x\n").unwrap();
        let mut s = sink();
        let mut f = Fields::new(&n, "x", &mut s).unwrap();
        assert_eq!(f.req(&mut s, "a", Date), None);
        assert_eq!(f.req(&mut s, "b", Date), None);
        assert_eq!(f.req(&mut s, "c", Count), None);
        f.finish(&mut s);
        assert_eq!(s.errors.len(), 3);
        assert_eq!(s.errors[1].message, "expected a date YYYY-MM-DD (or DD/MM/YYYY), found a list");
    }

    #[test]
    fn not_a_mapping() {
        let n = parse("[1, 2]").unwrap();
        let mut s = sink();
        assert!(Fields::new(&n, "site.yaml", &mut s).is_none());
        assert!(s.errors[0].message.starts_with("expected a mapping of keys"), "{:?}", s.errors);
    }

    #[test]
    fn null_and_empty_text_are_absent() {
        let n = parse("a:\nb: ''\nc: 12\n").unwrap();
        let mut s = sink();
        let mut f = Fields::new(&n, "x", &mut s).unwrap();
        assert_eq!(f.opt_text(&mut s, "a"), None);
        assert_eq!(f.opt_text(&mut s, "b"), None);
        assert_eq!(f.opt_text(&mut s, "c"), Some("12".into()));
        f.finish(&mut s);
        assert!(s.errors.is_empty());
    }

    #[test]
    fn items_of_a_list() {
        let mut s = sink();
        let n = parse("- 1\n- 2\n").unwrap();
        assert_eq!(items(&n, "a list of teams", &mut s).len(), 2);
        let n = parse("").unwrap();
        assert_eq!(items(&n, "a list of teams", &mut s).len(), 0);
        let n = parse("a: 1").unwrap();
        assert_eq!(items(&n, "a list of teams", &mut s).len(), 0);
        assert_eq!(s.errors[0].message, "expected a list of teams, found a mapping");
    }
}
