//! The fast path of [`super::yaml::parse`]: the spanned tree built straight from the YAML
//! parser's events, for the plain documents that content files are.
//!
//! serde-saphyr's deserializer costs about three times the parse itself (every spanned
//! value goes through serde as a map of its location). Here each event becomes a node
//! directly. Anything this path does not resolve exactly as serde-saphyr would (anchors,
//! aliases, tags, merge keys, repeated keys, null-, boolean- or number-like spellings
//! other than the few below, syntax errors, the limits) makes it give up, and the slow
//! path gives the same tree or the error. A test compares the two on every file of the
//! repository's sites and on tricky documents.

use super::yaml::{MAX_DEPTH, MAX_NODES, Node, Value};
use crate::model::Pos;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

/// The tree of `text`, or `None` when the document needs the full deserializer.
pub(super) fn parse(text: &str) -> Option<Node> {
    let budget = serde_saphyr::Budget::default();
    let mut options = serde_saphyr::granit_parser::Options::default();
    // As serde-saphyr configures the parser (de/budget.rs).
    options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    options.flow_nesting_limit = budget.flow_nesting_limit;
    options.block_nesting_limit = options.block_nesting_limit.max(MAX_DEPTH + 1);
    let mut events = Events { parser: Parser::new_from_str_with_options(text, options), nodes: 0 };
    if !matches!(events.next()?.0, Event::StreamStart) {
        return None;
    }
    if !matches!(events.next()?.0, Event::DocumentStart(_, None)) {
        return None;
    }
    let first = events.next()?;
    let root = events.node(first, 0)?;
    let end = matches!(events.next()?.0, Event::DocumentEnd) && matches!(events.next()?.0, Event::StreamEnd);
    end.then_some(root)
}

struct Events<'a> {
    parser: Parser<'a, serde_saphyr::granit_parser::StrInput<'a>>,
    nodes: usize,
}

impl<'a> Events<'a> {
    /// The next event that is not a comment; `None` at the end or on a syntax error.
    fn next(&mut self) -> Option<(Event<'a>, Span)> {
        loop {
            match self.parser.next()? {
                Ok((Event::Comment(..), _)) => continue,
                Ok(ev) => return Some(ev),
                Err(_) => return None,
            }
        }
    }

    /// The node starting with `first`; containers are `depth` deep.
    fn node(&mut self, (first, span): (Event<'a>, Span), depth: usize) -> Option<Node> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return None;
        }
        let pos = pos(&span);
        let value = match first {
            Event::Scalar(text, style, 0, None) => scalar(&text, style)?,
            Event::SequenceStart(_, 0, None) if depth < MAX_DEPTH => {
                let mut items = Vec::new();
                loop {
                    let ev = self.next()?;
                    if matches!(ev.0, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node(ev, depth + 1)?);
                }
                Value::Seq(items)
            }
            Event::MappingStart(_, 0, None) if depth < MAX_DEPTH => {
                let mut entries: Vec<(Node, Node)> = Vec::new();
                loop {
                    let ev = self.next()?;
                    if matches!(ev.0, Event::MappingEnd) {
                        break;
                    }
                    let key = self.node(ev, depth + 1)?;
                    // Only string keys, each once: anything else is the slow path's to judge.
                    let Value::Str(k) = &key.value else { return None };
                    if k == "<<" || entries.iter().any(|(e, _)| matches!(&e.value, Value::Str(s) if s == k)) {
                        return None;
                    }
                    let ev = self.next()?;
                    let value = self.node(ev, depth + 1)?;
                    entries.push((key, value));
                }
                Value::Map(entries)
            }
            _ => return None,
        };
        Some(Node { pos, value })
    }
}

/// serde-saphyr's location of an event: 1-based line and column, length in characters.
fn pos(span: &Span) -> Pos {
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    Pos { line: n(span.start.line()), col: n(span.start.col().saturating_add(1)), len: n(span.len()) }
}

/// An untagged scalar, resolved as serde-saphyr resolves it with the options of
/// `yaml::parse` (strict booleans, leading zeros kept as text), or `None` when unsure.
pub(super) fn scalar(text: &str, style: ScalarStyle) -> Option<Value> {
    if !matches!(style, ScalarStyle::Plain) {
        return Some(Value::Str(text.to_string()));
    }
    match text {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = text.chars().next()?;
    if first.is_alphabetic() {
        // A word: text, unless some spelling of a boolean, null or float.
        // (`yes`, `no`, `on`, `off` are text under strict booleans.) No other character
        // lower-cases to a letter of these words, so comparing ASCII case-blind is enough.
        let special =
            ["true", "false", "null", "nan", "inf", "infinity"].iter().any(|w| text.eq_ignore_ascii_case(w));
        return (!special).then(|| Value::Str(text.to_string()));
    }
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let b = text.as_bytes();
    // 0, 42, -7: integers (at most 18 digits, so they fit in an i64).
    let unsigned = b.strip_prefix(b"-").unwrap_or(b);
    if digits(unsigned) && unsigned.len() <= 18 && (unsigned == b"0" || unsigned[0] != b'0') {
        if unsigned == b"0" && b.len() > 1 {
            return None; // -0
        }
        return text.parse().ok().map(Value::Int);
    }
    // 2024-03 and 2024-03-14: text (the schema reads months and dates from text).
    let date = (b.len() == 7 || b.len() == 10)
        && digits(&b[..4])
        && b[4] == b'-'
        && digits(&b[5..7])
        && (b.len() == 7 || (b[7] == b'-' && digits(&b[8..])));
    // 14:00 and 9:30: text.
    let time = match text.split_once(':') {
        Some((h, m)) => digits(h.as_bytes()) && h.len() <= 2 && digits(m.as_bytes()) && m.len() == 2,
        None => false,
    };
    if (date && b[0] != b'0') || time {
        return Some(Value::Str(text.to_string()));
    }
    None
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::yaml;

    /// The fast path gives exactly what serde-saphyr gives, or gives up.
    fn same(text: &str) -> bool {
        let slow = yaml::parse_slow(text);
        match super::parse(text) {
            Some(fast) => {
                assert_eq!(Ok(fast), slow, "fast path differs on {text:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn plain_documents_take_the_fast_path_and_match() {
        for text in [
            "a: 1\nb:\n  - x: \"14:00\"\n    y: 2024-03\n",
            "visit: to-1-2024-03-chi-bo\nheld_on: 2024-03-25\nstarted_at: \"14:00\"\nended_at: 16:00\n\
             attendance: { total: 18, exempt: 1, present: 15, excused: 2, unexcused: 0 }\nrating: tot\n\
             restricted: false\nauthor: Nguyễn Văn Ánh\ntopic: ''\nscore: -3\nn: 0\n",
            "- id: to-1\n  name: Tổ công tác số 1\n  leader: { name: Nguyễn Văn A, title: Phó Bí thư }\n  \
             members:\n    - { name: Trần Thị B, title: Chuyên viên }\n",
            "- { team: to-1, kind: dang_uy, unit: db-a, month: 2024-03, date: 2024-03-14, time: 9:30 }\n",
            "title: |\n  Dòng một\n  dòng hai\nnote: >\n  gấp\n  lại\n",
            "# a comment\nkey: value # another\n",
            "t: 14:00\nd: 2024-03-14\n",
            "[1, 2, three]\n",
            "single",
            "q: yes\nr: off\ns: y\n",
        ] {
            assert!(same(text), "expected the fast path for {text:?}");
        }
    }

    /// Documents that only serde-saphyr reads as they must be read (the faster paths give up).
    pub(in crate::load) const UNUSUAL: &[&str] = &[
        "a: 1\na: 2\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "<<: { a: 1 }\n",
        "a: True\n",
        "c: NULL\n",
        "d: ~\n",
        "e:\n",
        "f: Infinity\n",
        "p: 0912345678\nf: 1.5\ng: .inf\nh: 0x1F\ni: +3\nj: -0\nk: 1234567890123456789\n",
        "a: [1, 2\nb: 3\n",
        "--- a\n--- b\n",
        "%YAML 1.2\n---\na: 1\n",
        "1: a\n",
        "nan: 1\n",
    ];

    #[test]
    fn anything_unusual_takes_the_slow_path() {
        for text in UNUSUAL {
            assert!(!same(text), "expected the slow path for {text:?}");
        }
    }

    /// The special words are compared ASCII case-blind: no other character lower-cases
    /// to letters of theirs only (U+0130 İ gives "i" and a combining dot, which spells none).
    #[test]
    fn no_other_character_lower_cases_to_a_letter_of_the_special_words() {
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            let lower: String = c.to_lowercase().collect();
            assert!(
                !lower.chars().all(|l| "truefalsniy".contains(l)),
                "U+{:04X} lower-cases to {lower:?}",
                c as u32
            );
        }
    }

    #[test]
    fn the_limits_are_left_to_the_slow_path() {
        let deep = format!("{}1{}", "[".repeat(17), "]".repeat(17));
        assert!(!same(&deep));
        let ok = format!("{}1{}", "{a: ".repeat(15), "}".repeat(15));
        assert!(same(&ok));
    }

    /// The YAML of every site file of the repository (`content/` and the test fixtures):
    /// each path, and its YAML (a Markdown file's front matter).
    pub(in crate::load) fn repository_yaml() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let walk = |dir: &str| walkdir::WalkDir::new(root.join(dir)).into_iter().flatten();
        walk("content")
            .chain(walk("tests"))
            .filter_map(|entry| {
                let path = entry.into_path();
                let text = std::fs::read_to_string(&path).ok()?;
                let yaml = match path.extension().and_then(|e| e.to_str()) {
                    Some("yaml" | "yml") => text,
                    Some("md") => super::super::frontmatter::split(&text).ok()?.yaml.to_string(),
                    _ => return None,
                };
                Some((path, yaml))
            })
            .collect()
    }

    /// Every YAML text of the repository's sites: same tree, and (almost) all fast.
    #[test]
    fn every_content_file_of_the_repository_matches() {
        let texts = repository_yaml();
        let fast = texts.iter().filter(|(_, yaml)| same(yaml)).count();
        let total = texts.len();
        assert!(total > 20, "found {total} files");
        assert!(fast * 10 >= total * 7, "only {fast} of {total} files took the fast path");
    }
}
