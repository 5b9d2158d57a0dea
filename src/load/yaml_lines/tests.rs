//! The line reader against serde-saphyr (the slow path) and the events path.

use super::super::{yaml, yaml_events};
use proptest::prelude::*;

/// The line reader gives exactly what serde-saphyr and the events path give, or gives up.
/// Says whether it read the document.
fn same(text: &str) -> bool {
    match super::parse(text) {
        Some(node) => {
            assert_eq!(
                Ok(node.clone()),
                yaml::parse_slow(text),
                "line reader differs from serde-saphyr on {text:?}"
            );
            assert_eq!(
                Some(node),
                yaml_events::parse(text),
                "line reader differs from the events path on {text:?}"
            );
            true
        }
        None => false,
    }
}

#[test]
fn simple_documents_are_read_and_match() {
    for text in [
        "visit: to-1-2024-03-chi-bo\nheld_on: 2024-03-25\nstarted_at: \"14:00\"\nended_at: 16:00\n\
         attendance: { total: 18, exempt: 1, present: 15, excused: 2, unexcused: 0 }\nrating: tot\n\
         restricted: false\nauthor: Nguyễn Văn Ánh\ntopic: ''\nscore: -3\nn: 0\n",
        "- { team: to-1, kind: dang_uy, unit: db-a, month: 2024-03, date: 2024-03-14, time: 9:30 }\n\
         - { team: to-1, kind: chi_bo, unit: cb-a, month: 2024-03, place: Hội trường tầng 2 }\n",
        "- id: to-1\n  name: Tổ công tác số 1\n  leader: { name: Nguyễn Văn A, title: Phó Bí thư }\n  \
         members:\n    - { name: Trần Thị B, title: Chuyên viên }\n- id: to-2\n  name: Tổ 2\n",
        "a: 1\nb:\n  - x: \"14:00\"\n    y: 2024-03\n",
        "k:\n  - 1\n  - x\nn:\n  a: b\n",
        "# a comment\n\nkey: value\n  # indented comment\nother: x\n",
        "a: [1, x, [y, {z: w}]]\nb: {}\nc: []\n",
        "- { t: \"14:00\", p: 'Hội trường', e: '', f: \"\" }\n",
        "  a: 1\n  b: 2\n",
        "-   d\n- e\n",
        "a: Đà Nẵng\nb: 'Đà'\nc: \"Đảng bộ\"\n",
        "url: https://example.vn/a?b=c\ncolon: a:b\n",
    ] {
        assert!(same(text), "expected the line reader to read {text:?}");
    }
}

/// What the line reader leaves to the parser, besides what every faster path leaves to
/// serde-saphyr ([`yaml_events::tests::UNUSUAL`]).
const NOT_SIMPLE: &[&str] = &[
    "key: value # comment\n",
    "a: b\n  c\n",
    "title: |\n  one\n",
    "k:\n- 1\n",
    "a: \"x\\ny\"\n",
    "a: 'it''s'\n",
    "a:\tb\n",
    "a: b \n",
    "\u{feff}a: b\n",
    "--- \na: 1\n",
    "a: [1,\n  2]\n",
    "p: 0912345678\n",
    "single\n",
    "a: { b }\n",
    "a: { b: \"x\\\"y\" }\n",
    "a: ['it''s']\n",
    "a: -\n",
    "a:  b: c\n",
    "\"q\": 1\n",
    "a: 1\n b: 2\n",
];

#[test]
fn anything_else_is_left_to_the_parser() {
    for text in yaml_events::tests::UNUSUAL.iter().chain(NOT_SIMPLE) {
        assert!(!same(text), "expected the line reader to give up on {text:?}");
    }
}

#[test]
fn the_limits_hold() {
    let deep = format!("a: {}1{}\n", "[".repeat(17), "]".repeat(17));
    assert!(!same(&deep));
    let ok = format!("a: {}1{}\n", "[".repeat(14), "]".repeat(14));
    assert!(same(&ok));
}

/// Every YAML text of the repository's sites: same tree, and nearly all read here (every
/// report of the sample site).
#[test]
fn every_content_file_of_the_repository_matches() {
    let sample_reports = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/reports");
    let (mut read, mut total, mut reports, mut reports_read) = (0, 0, 0, 0);
    for (path, yaml) in yaml_events::tests::repository_yaml() {
        let ok = same(&yaml);
        total += 1;
        read += usize::from(ok);
        if path.starts_with(&sample_reports) {
            reports += 1;
            reports_read += usize::from(ok);
        }
    }
    assert!(total > 20, "found {total} files");
    assert!(read * 2 >= total, "only {read} of {total} files were read by the line reader");
    assert!(reports > 10 && reports_read == reports, "{reports_read} of {reports} sample reports read");
}

/// A scalar as it may appear in content, plain or quoted.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zđ][a-zđàạ_-]{0,8}",
        "[a-z]{1,4}( [a-zĐà]{1,4}){0,3}",
        "-?[0-9]{1,4}",
        "20[0-9]{2}-[01][0-9](-[0-3][0-9])?",
        "[0-2]?[0-9]:[0-5][0-9]",
        "\"[a-z :#,-]{0,8}\"",
        "'[a-z :#,-]{0,8}'",
        Just("true".to_string()),
        Just("null".to_string()),
        Just("x: y".to_string()),
        Just("a #b".to_string()),
    ]
}

fn flow() -> impl Strategy<Value = String> {
    let entry = ("[a-z]{1,5}", scalar()).prop_map(|(k, v)| format!("{k}: {v}"));
    prop_oneof![
        prop::collection::vec(entry, 0..4).prop_map(|es| format!("{{ {} }}", es.join(", "))),
        prop::collection::vec(scalar(), 0..4).prop_map(|xs| format!("[{}]", xs.join(", "))),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![4 => scalar(), 1 => flow()]
}

/// A block mapping of `key: value` lines, some with a nested list, at `indent`.
fn mapping(indent: usize) -> impl Strategy<Value = String> {
    let pad = " ".repeat(indent);
    let line = ("[a-z]{1,6}", value(), prop::option::weighted(0.15, prop::collection::vec(value(), 1..3)))
        .prop_map(move |(k, v, list)| match list {
            None => format!("{pad}{k}: {v}\n"),
            Some(items) => {
                let items: String = items.iter().map(|i| format!("{pad}  - {i}\n")).collect();
                format!("{pad}{k}:\n{items}")
            }
        });
    prop::collection::vec(line, 1..6).prop_map(|ls| ls.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn generated_mappings_match(doc in mapping(0), comment in prop::bool::ANY) {
        let doc = if comment { format!("# c\n{doc}\n") } else { doc };
        same(&doc);
    }

    #[test]
    fn generated_lists_match(items in prop::collection::vec((flow(), mapping(2)), 1..4), compact in prop::bool::ANY) {
        let doc: String = items
            .iter()
            .map(|(f, m)| if compact { format!("- {}", &m[2..]) } else { format!("- {f}\n") })
            .collect();
        same(&doc);
    }
}

/// The generated documents are mostly read (the properties above are not vacuous).
#[test]
fn generated_documents_are_mostly_read() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = mapping(0);
    let read = (0..200).filter(|_| same(&strategy.new_tree(&mut runner).unwrap().current())).count();
    assert!(read >= 40, "only {read} of 200 generated documents were read");
}

#[test]
fn controls_and_byte_order_marks_are_left_to_the_parser() {
    // The characters the first check looks for by their bytes, and their neighbours.
    let chars = (0u32..0x100).chain(0xfef0..0xff00).chain(0xfff0..=0xffff).filter_map(char::from_u32);
    for c in chars {
        for text in [format!("k: a{c}b\n"), format!("{c}k: v\n"), format!("k: {{ a: 1{c} }}\n")] {
            let read = same(&text);
            let refused = (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}');
            assert!(!(read && refused), "U+{:04X} read by the line reader in {text:?}", c as u32);
        }
    }
}
