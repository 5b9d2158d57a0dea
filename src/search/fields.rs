//! A text field of an index entry (`t` and `x`) as JSON, in one reading of the text.
//!
//! What is written is defined by the plain steps, one after the other: NFC, white space
//! collapsed ([`super::index`]'s `clean`), then escaped as `serde_json` escapes a string.
//! Those are three passes over every report's text; [`push_text`] makes the string in
//! one, for the text it can (ASCII, the Latin and Vietnamese letters, any other character
//! that is plainly NFC), and takes the plain steps for the rest. Tests compare the two on
//! every character of the Basic Multilingual Plane and on generated text.

use super::index::{clean, push_json_str, whitespace_len};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, is_nfc_quick};

/// `clean(s)` as a JSON string appended to `out`.
pub(super) fn push_text(out: &mut Vec<u8>, s: &str) {
    let o = out.len();
    if push_clean(out, s).is_none() {
        out.truncate(o);
        push_json_str(out, &clean(s));
    }
}

/// How [`push_clean`] takes a byte that starts a character.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    /// ASCII written as it is.
    Plain,
    /// ASCII white space.
    White,
    /// `"`, `\` and the control characters that are not white space: escaped.
    Escaped,
    /// The first byte of a character of U+0080–U+02FF (two bytes): NFC starters, written
    /// as they are, but for the white space among them (U+0085, U+00A0).
    Latin,
    /// Any other first byte of a character that is not ASCII.
    Wide,
}

static CLASS: [Class; 256] = {
    let mut t = [Class::Wide; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = match b as u8 {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => Class::White,
            b'"' | b'\\' | 0..0x20 => Class::Escaped,
            _ => Class::Plain,
        };
        b += 1;
    }
    // C2–CB: U+0080–U+02FF.
    let mut b = 0xc2;
    while b <= 0xcb {
        t[b] = Class::Latin;
        b += 1;
    }
    t
};

/// [`push_text`] in one pass, or `None` (with something written, to be cut off) when the
/// text needs the plain steps: a character that may not be NFC here (a combining mark,
/// say).
///
/// The text is copied to `out` a stretch at a time: its NFC text needs no change there
/// but at runs of white space other than one space between two words, and at the bytes
/// JSON escapes.
fn push_clean(out: &mut Vec<u8>, s: &str) -> Option<()> {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    // `s[from..i]` is still to be copied to `out`.
    let mut from = 0;
    // Whether a word was met (white space before the first is dropped).
    let mut word = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let class = CLASS[c as usize];
        if class == Class::Plain {
            i += 1;
            word = true;
            continue;
        }
        // One space between two words is kept as it is.
        if c == b' ' && word && starts_word(b, i + 1) {
            i += 1;
            continue;
        }
        // U+0080–U+02FF, but for U+0085 and U+00A0; U+1E00–U+1EFF (E1 B8–BB): NFC
        // starters (a test checks each), never escaped, and not white space.
        if class == Class::Latin && !(c == 0xc2 && matches!(b.get(i + 1), Some(0x85 | 0xa0))) {
            i += 2;
            word = true;
            continue;
        }
        if c == 0xe1 && matches!(b.get(i + 1), Some(0xb8..=0xbb)) {
            i += 3;
            word = true;
            continue;
        }
        let white = match class {
            Class::White => 1,
            Class::Latin | Class::Wide => whitespace_len(b, i),
            _ => 0,
        };
        if white > 0 {
            let mut end = i + white;
            loop {
                let more = match b.get(end).map(|&n| CLASS[n as usize]) {
                    Some(Class::White) => 1,
                    Some(Class::Latin | Class::Wide) => whitespace_len(b, end),
                    _ => 0,
                };
                if more == 0 {
                    break;
                }
                end += more;
            }
            out.extend_from_slice(&b[from..i]);
            if word && end < b.len() {
                out.push(b' ');
            }
            from = end;
            i = end;
            continue;
        }
        word = true;
        if class == Class::Escaped {
            out.extend_from_slice(&b[from..i]);
            push_escaped(out, &s[i..i + 1]);
            i += 1;
            from = i;
        } else {
            // Any other character: kept as it is when it is plainly NFC (JSON escapes no
            // character that is not ASCII).
            let ch = s[i..].chars().next()?;
            if canonical_combining_class(ch) != 0 || is_nfc_quick(std::iter::once(ch)) != IsNormalized::Yes {
                return None;
            }
            i += ch.len_utf8();
        }
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
    Some(())
}

/// Whether byte `j` of `b` starts a character that is not white space (not the end).
#[inline]
fn starts_word(b: &[u8], j: usize) -> bool {
    match b.get(j) {
        Some(&n) if n < 0x80 => CLASS[n as usize] != Class::White,
        Some(_) => whitespace_len(b, j) == 0,
        None => false,
    }
}

/// `s` escaped as in a JSON string, without the quotes.
fn push_escaped(out: &mut Vec<u8>, s: &str) {
    let start = out.len();
    push_json_str(out, s);
    // The quotes `push_json_str` puts around it.
    out.remove(start);
    out.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the Latin class relies on: each character of U+0000–U+02FF and U+1E00–U+1EFF
    /// is NFC on its own and combines with nothing before it (a starter).
    #[test]
    fn the_latin_ranges_are_nfc_starters() {
        use unicode_normalization::{IsNormalized, char::canonical_combining_class, is_nfc_quick};
        for c in ('\0'..'\u{300}').chain('\u{1e00}'..='\u{1eff}') {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
        }
    }

    /// The plain steps, one after the other.
    fn by_steps(s: &str) -> Vec<u8> {
        let mut x = Vec::new();
        push_json_str(&mut x, &clean(s));
        x
    }

    fn by_push_text(s: &str) -> Vec<u8> {
        let mut x = b"before".to_vec();
        push_text(&mut x, s);
        x[6..].to_vec()
    }

    #[test]
    fn vietnamese_text_is_read_once() {
        let s = "  Đồng chí Nguyễn Văn Ánh\tphát biểu:\n\n“Chi bộ cần đổi mới” – 100% \"đạt\"\\ \u{a0} ";
        let mut x = Vec::new();
        assert!(push_clean(&mut x, s).is_some(), "no plain steps for this text");
        assert_eq!(x, by_steps(s));
        assert_eq!(
            String::from_utf8(x).unwrap(),
            r#""Đồng chí Nguyễn Văn Ánh phát biểu: “Chi bộ cần đổi mới” – 100% \"đạt\"\\""#
        );
    }

    #[test]
    fn a_combining_mark_takes_the_plain_steps() {
        let s = "Ho\u{0302}\u{0323}i nghi\u{0323}";
        assert!(push_clean(&mut Vec::new(), s).is_none());
        assert_eq!(String::from_utf8(by_push_text(s)).unwrap(), "\"Hội nghị\"");
    }

    #[test]
    fn every_character_is_written_as_the_plain_steps_write_it() {
        // Every character of the Basic Multilingual Plane: alone, between words, after a
        // letter it may combine with, and in runs of white space.
        for cp in 0u32..0x1_0000 {
            let Some(c) = char::from_u32(cp) else { continue };
            for s in [
                format!("{c}"),
                format!("ạ {c} B"),
                format!("e{c}x"),
                format!("A{c}{c}\u{0301}"),
                format!(" \n{c} \u{2003}Đ{c}"),
            ] {
                assert_eq!(by_push_text(&s), by_steps(&s), "U+{cp:04X} in {s:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_written_as_the_plain_steps_write_it(
            s in "[a-zA-Z0-9đĐà-ỹÀ-Ỹ\u{80}-\u{2ff}\u{1e00}-\u{1eff}\u{300}-\u{36f} \t\n\r\u{a0}\u{85}\u{1680}\u{2000}-\u{200b}\u{3000}\"\\\\\u{0}-\u{1f}–“”…ΣΊ\u{2028}]{0,60}"
        ) {
            proptest::prop_assert_eq!(by_push_text(&s), by_steps(&s));
        }
    }
}
