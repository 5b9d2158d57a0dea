//! What a YAML syntax error means for the person who made it. The parser says where it
//! gave up ("did not find expected ',' or '}'", "simple key expected ':'"), which is often
//! lines after the mistake and in its own words; this module looks at the text for the
//! mistakes office staff make and names the cause at its place, keeping the parser's
//! place and words as a note:
//! - a `{`, `[` or `"` never closed: points at the opening delimiter, as rustc does;
//! - a tab used for indentation: "use spaces";
//! - an invisible or full-width character (non-breaking space, full-width space or colon,
//!   zero-width space): named, with its column;
//! - `date:2024-03-26`: "add a space after the colon";
//! - a `---` line starting a second document.

use super::yaml::ParseError;
use crate::model::Pos;
use crate::msg::yaml as m;

/// A syntax error explained: where the mistake is, what it is, and notes.
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    pub pos: Pos,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

/// The explanation of `err`, a parse error of `text`.
pub fn explain(text: &str, err: &ParseError) -> Explained {
    let parser_note = m::parser_said(err.pos.line, err.pos.col, &err.message);
    let plain = |pos: Pos, message: String, label: String, help: Option<String>| Explained {
        pos,
        message,
        label,
        help,
        notes: vec![parser_note.clone()],
    };
    let upto = err.pos.line.max(1) as usize;
    if err.message.contains("multiple YAML documents") || err.message.contains("from_str_multiple") {
        let line = second_document(text).unwrap_or(err.pos.line);
        return Explained {
            pos: Pos { line, col: 1, len: 3 },
            message: m::second_document(),
            label: m::second_document_label(),
            help: Some(m::second_document_help()),
            notes: Vec::new(),
        };
    }
    if let Some((pos, c)) = invisible(text, upto) {
        return plain(
            pos,
            m::invisible_char(c, pos.col),
            m::invisible_char_label(c),
            Some(m::invisible_char_help(c)),
        );
    }
    if let Some(pos) = tab_indent(text, upto) {
        return plain(pos, m::tab_indent(), m::tab_indent_label(), Some(m::tab_indent_help()));
    }
    if let Some((pos, open)) = unclosed(text, upto) {
        return plain(pos, m::unclosed(open), m::unclosed_label(open), Some(m::unclosed_help(open)));
    }
    if let Some((pos, key, rest)) = no_space_after_colon(text, upto) {
        return plain(
            pos,
            m::no_space_after_colon(),
            m::no_space_after_colon_label(),
            Some(m::write_as(&key, &rest)),
        );
    }
    if let Some(key) = err.message.strip_prefix("duplicate mapping key: ") {
        return Explained {
            pos: err.pos,
            message: m::duplicate_key(key),
            label: m::duplicate_key_label(),
            help: Some(m::duplicate_key_help()),
            notes: Vec::new(),
        };
    }
    if err.message.starts_with("the document is too large") {
        return Explained {
            pos: err.pos,
            message: m::too_large(),
            label: m::parser_stopped_here(),
            help: None,
            notes: Vec::new(),
        };
    }
    Explained {
        pos: err.pos,
        message: m::invalid_yaml(),
        label: m::parser_stopped_here(),
        help: None,
        notes: vec![m::parser_words(&err.message)],
    }
}

/// The lines of `text` up to line `upto` (1-based), numbered.
fn lines_upto(text: &str, upto: usize) -> impl Iterator<Item = (u32, &str)> {
    text.lines().take(upto).enumerate().map(|(i, l)| (i as u32 + 1, l.trim_end_matches('\r')))
}

/// The line of a `---` that starts a second document.
fn second_document(text: &str) -> Option<u32> {
    let mut seen_content = false;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_end();
        if t == "---" || t.starts_with("--- ") {
            if seen_content {
                return Some(i as u32 + 1);
            }
        } else if !t.trim().is_empty() && !t.trim_start().starts_with('#') {
            seen_content = true;
        }
    }
    None
}

/// Characters that look like a space or a colon but are not the ones YAML reads.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{3000}' | '\u{ff1a}' | '\u{200b}' | '\u{feff}' | '\u{2007}' | '\u{202f}')
}

/// The last look-alike character where YAML needs a space or a colon, on the lines up to
/// `upto`: a full-width colon outside quotes and comments, or a look-alike space in the
/// indentation or beside a colon. (One inside a value is text, and harmless.)
fn invisible(text: &str, upto: usize) -> Option<(Pos, char)> {
    let mut found = None;
    for (n, line) in lines_upto(text, upto) {
        let chars: Vec<char> = code_part(line).chars().collect();
        let mut quote = None;
        for (col, &c) in chars.iter().enumerate() {
            let prev = if col == 0 { ' ' } else { chars[col - 1] };
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if (c == '"' || c == '\'') && matches!(prev, ' ' | ':' | '[' | '{' | ',') => {
                    quote = Some(c)
                }
                None if is_invisible(c) => {
                    let indent = chars[..col].iter().all(|p| p.is_whitespace() || *p == '-');
                    let by_colon = prev == ':' || chars.get(col + 1) == Some(&':');
                    if c == '\u{ff1a}' || indent || by_colon {
                        found = Some((Pos { line: n, col: col as u32 + 1, len: 1 }, c));
                    }
                }
                None => {}
            }
        }
    }
    found
}

/// A tab in the indentation of a line up to `upto` (the first one).
fn tab_indent(text: &str, upto: usize) -> Option<Pos> {
    for (n, line) in lines_upto(text, upto + 1) {
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t' || *c == '-').collect();
        if let Some(col) = indent.chars().position(|c| c == '\t') {
            return Some(Pos { line: n, col: col as u32 + 1, len: 1 });
        }
    }
    None
}

/// The part of a line before a comment, with quoted text kept (a `#` starts a comment at
/// the start or after a space, outside quotes).
fn code_part(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && (matches!(prev, ' ' | ':' | '[' | '{' | ',') || i == 0) => {
                quote = Some(c);
            }
            None if c == '#' && prev.is_whitespace() => return &line[..i],
            None => {}
        }
        prev = c;
    }
    line
}

/// A `{`, `[` or `"` opened on a line up to `upto` and not closed (with a `"`, on its
/// line; with a bracket, before `upto` or a mismatched closing bracket).
fn unclosed(text: &str, upto: usize) -> Option<(Pos, char)> {
    let mut stack: Vec<(Pos, char)> = Vec::new();
    for (n, line) in text.lines().enumerate().map(|(i, l)| (i as u32 + 1, l.trim_end_matches('\r'))) {
        let mut quote: Option<(Pos, char)> = None;
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            let pos = Pos { line: n, col: col as u32 + 1, len: 1 };
            match quote {
                Some((_, q)) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' if matches!(prev, ' ' | ':' | '[' | '{' | ',') || col == 0 => {
                        quote = Some((pos, c))
                    }
                    '#' if prev.is_whitespace() => break,
                    '{' | '[' if matches!(prev, ' ' | ':' | '[' | '{' | ',') || col == 0 => {
                        stack.push((pos, c))
                    }
                    '}' | ']' if !stack.is_empty() => {
                        let (open_pos, open) = stack.pop()?;
                        if (open == '{') != (c == '}') {
                            return Some((open_pos, open));
                        }
                    }
                    _ => {}
                },
            }
            prev = c;
        }
        if let Some((pos, '"')) = quote {
            return Some((pos, '"'));
        }
        if n as usize >= upto {
            break;
        }
    }
    stack.pop()
}

/// `key:value` with no space after the colon, on a line up to `upto`: the place of the
/// colon, the key and the value.
fn no_space_after_colon(text: &str, upto: usize) -> Option<(Pos, String, String)> {
    for (n, line) in lines_upto(text, upto).collect::<Vec<_>>().into_iter().rev() {
        let code = code_part(line);
        let lead = code.len() - code.trim_start_matches([' ', '-']).len();
        let rest = &code[lead..];
        let key_len = rest.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count();
        if key_len == 0
            || !rest.starts_with(|c: char| c.is_ascii_alphabetic())
            || !rest[key_len..].starts_with(':')
        {
            continue;
        }
        let after = &rest[key_len + 1..];
        let key = &rest[..key_len];
        if after.is_empty() || after.starts_with([' ', '\t', '/']) || key.starts_with("http") {
            continue;
        }
        let col = code[..lead + key_len].chars().count() as u32 + 1;
        return Some((Pos { line: n, col, len: 1 }, key.to_string(), after.trim().to_string()));
    }
    None
}

#[cfg(test)]
mod tests;
