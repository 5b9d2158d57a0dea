//! Each mistake is explained at its own place; the parser's place stays as a note.

use super::*;
use crate::load::yaml::parse;

fn explained(text: &str) -> Explained {
    explain(text, &parse(text).expect_err("a syntax error"))
}

fn at(x: &Explained) -> (u32, u32) {
    (x.pos.line, x.pos.col)
}

#[test]
fn an_unclosed_brace_is_pointed_at_not_where_the_parser_stopped() {
    let x = explained("- id: to-1\n  leader: { name: A, title: B\n  members: []\n- id: to-2\n");
    assert_eq!(at(&x), (2, 11), "{x:?}");
    assert_eq!(x.message, m::unclosed('{'));
    assert_eq!(x.notes.len(), 1, "the parser's place is a note: {x:?}");
    let x = explained("a: [1, 2\nb: 3\n");
    assert_eq!((at(&x), x.message.clone()), ((1, 4), m::unclosed('[')));
    let x = explained("a: \"abc\nb: 3\nc: 4\n");
    assert_eq!((at(&x), x.message.clone()), ((1, 4), m::unclosed('"')));
    // A mismatched closing bracket: the one left open is named.
    let x = explained("a: { b: [1, 2 }\n");
    assert_eq!((at(&x), x.message.clone()), ((1, 9), m::unclosed('[')));
}

#[test]
fn a_tab_in_the_indentation_is_named_on_its_own_line() {
    let x = explained("- team: to-1\n\tkind: x\n");
    assert_eq!((at(&x), x.message.clone()), ((2, 1), m::tab_indent()));
    let x = explained("a:\n\t- 1\n");
    assert_eq!((at(&x), x.message.clone()), ((2, 1), m::tab_indent()));
}

#[test]
fn look_alike_characters_are_named_with_their_column() {
    let x = explained("a: 1\nb\u{ff1a} 2\nc: 3\n");
    assert_eq!((at(&x), x.message.clone()), ((2, 2), m::invisible_char('\u{ff1a}', 2)));
    assert!(x.message.contains("U+FF1A"), "{}", x.message);
    let x = explained("a: 1\nb:\u{a0}[x\n");
    assert_eq!(at(&x), (2, 3), "{x:?}");
    assert!(x.message.contains("U+00A0"), "{}", x.message);
    // One inside a value is text: the real cause is named.
    let x = explained("a: Nguyễn\u{a0}Văn A\nb: [1, 2\nc: 3\n");
    assert_eq!((at(&x), x.message.clone()), ((2, 4), m::unclosed('[')));
}

#[test]
fn a_missing_space_after_a_colon_is_named() {
    let x = explained("title: x\ndate:2024-03-26\nz: 1\n");
    assert_eq!((at(&x), x.message.clone()), ((2, 5), m::no_space_after_colon()));
    assert_eq!(x.help.as_deref(), Some(m::write_as("date", "2024-03-26").as_str()));
}

#[test]
fn a_second_document_is_named_without_the_library_advice() {
    let x = explained("- a: 1\n---\n- b: 2\n");
    assert_eq!((at(&x), x.message.clone()), ((2, 1), m::second_document()));
    let all = format!("{x:?}");
    assert!(!all.contains("from_str_multiple"), "{all}");
}

#[test]
fn other_errors_keep_the_parser_place_and_words_as_a_note() {
    let x = explained("a: b: c\n");
    assert_eq!(x.message, m::invalid_yaml());
    assert_eq!(x.notes.len(), 1);
    let x = explained("a: 1\na: 2\n");
    assert_eq!((at(&x), x.message.clone()), ((2, 1), m::duplicate_key("a")));
}
