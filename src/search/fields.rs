//! A text field of an index entry and its folded form (`x` and `fx`, `t` and `ft`), as
//! JSON, in one reading of the text.
//!
//! What is written is defined by the plain steps, one after the other: NFC, white space
//! collapsed ([`super::index`]'s `clean`), then [`fold`] of that, each escaped as
//! `serde_json` escapes a string. Those are four passes over every report's text (a
//! sixth of a large build); [`push_text`] makes both strings in one, for the text it can
//! (ASCII, the Latin and Vietnamese letters, any other character that is plainly NFC and
//! folds alone), and takes the plain steps for the rest. Tests compare the two on every
//! character of the Basic Multilingual Plane and on generated text.

use super::fold::{fold, fold_char, folded_bytes, table_letter};
use super::index::{clean, push_json_str};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, is_nfc_quick};

/// `clean(s)` as a JSON string appended to `out`, and `fold(clean(s))` as one appended
/// to `folded`.
pub(super) fn push_text(out: &mut Vec<u8>, folded: &mut Vec<u8>, s: &str) {
    let (o, f) = (out.len(), folded.len());
    if push_both(out, folded, s).is_none() {
        out.truncate(o);
        folded.truncate(f);
        let clean = clean(s);
        push_json_str(out, &clean);
        push_json_str(folded, &fold(&clean));
    }
}

/// How [`push_both`] takes a byte that starts a character.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    /// ASCII written as it is (lower case in the folded form).
    Plain,
    /// ASCII white space.
    White,
    /// `"`, `\` and the control characters that are not white space: escaped.
    Escaped,
    /// The first byte of a character that is not ASCII.
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
    t
};

/// The lower case of each byte of [`Class::Plain`]; 0 for the others.
static LOWER: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 0x80 {
        if matches!(CLASS[b], Class::Plain) {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// [`push_text`] in one pass, or `None` (with something written, to be cut off) when the
/// text needs the plain steps: a character that may not be NFC here (a combining mark,
/// say) or that does not fold on its own.
///
/// The text is copied to `out` a stretch at a time: its NFC text needs no change there
/// but at runs of white space other than one space between two words, and at the bytes
/// JSON escapes. The folded form is written a character at a time into room made for it
/// beforehand.
fn push_both(out: &mut Vec<u8>, folded: &mut Vec<u8>, s: &str) -> Option<()> {
    let b = s.as_bytes();
    let table = folded_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    // Room for the folded form, which is no longer than the text but for escapes and the
    // rare character that folds to more bytes (each makes its own room); and four bytes
    // past its end, for the four-byte stores of letters.
    let mut o = folded.len();
    folded.resize(o + b.len() + 8, 0);
    folded[o] = b'"';
    o += 1;
    // `s[from..i]` is still to be copied to `out`.
    let mut from = 0;
    // Whether a word was met (white space before the first is dropped).
    let mut word = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let lower = LOWER[c as usize];
        if lower != 0 {
            folded[o] = lower;
            o += 1;
            i += 1;
            word = true;
            continue;
        }
        // One space between two words is kept as it is.
        if c == b' ' && word && starts_word(b, i + 1) {
            folded[o] = b' ';
            o += 1;
            i += 1;
            continue;
        }
        // A letter of the table (most of what is not ASCII in Vietnamese text), but for the
        // two white space characters among them (U+0085, U+00A0).
        if c >= 0xc2
            && !(c == 0xc2 && matches!(b[i + 1], 0x85 | 0xa0))
            && let Some((len, n, bytes)) = table_letter(table, b, i)
        {
            // Below U+0300 and U+1E00–U+1EFF: NFC starters (see `crate::nfc`); never
            // escaped.
            folded[o..o + 4].copy_from_slice(&bytes);
            o += n as usize;
            i += len;
            word = true;
            continue;
        }
        let class = CLASS[c as usize];
        let white = match class {
            Class::White => 1,
            Class::Wide => super::index::whitespace_len(b, i),
            _ => 0,
        };
        if white > 0 {
            let mut end = i + white;
            loop {
                let more = match b.get(end).map(|&n| CLASS[n as usize]) {
                    Some(Class::White) => 1,
                    Some(Class::Wide) => super::index::whitespace_len(b, end),
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
                folded[o] = b' ';
                o += 1;
            }
            from = end;
            i = end;
            continue;
        }
        word = true;
        if class == Class::Escaped {
            out.extend_from_slice(&b[from..i]);
            push_escaped(out, &s[i..i + 1]);
            folded.truncate(o);
            push_escaped(folded, &s[i..i + 1]);
            o = folded.len();
            folded.resize(o + (b.len() - i) + 8, 0);
            i += 1;
            from = i;
        } else {
            let ch = s[i..].chars().next()?;
            if canonical_combining_class(ch) != 0 || is_nfc_quick(std::iter::once(ch)) != IsNormalized::Yes {
                return None;
            }
            let mut f = String::new();
            fold_char(ch, &mut f)?;
            // Not ASCII: written as it is (JSON escapes only `"`, `\` and control characters,
            // which no other character folds to: checked, else the plain steps).
            if f.bytes().any(|x| x < 0x20 || x == b'"' || x == b'\\') {
                return None;
            }
            i += ch.len_utf8();
            folded.truncate(o);
            folded.extend_from_slice(f.as_bytes());
            o = folded.len();
            folded.resize(o + (b.len() - i) + 8, 0);
        }
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
    folded[o] = b'"';
    folded.truncate(o + 1);
    Some(())
}

/// Whether byte `j` of `b` starts a character that is not white space (not the end).
#[inline]
fn starts_word(b: &[u8], j: usize) -> bool {
    match b.get(j) {
        Some(&n) if n < 0x80 => CLASS[n as usize] != Class::White,
        Some(_) => super::index::whitespace_len(b, j) == 0,
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

    /// The plain steps, one after the other.
    fn by_steps(s: &str) -> (Vec<u8>, Vec<u8>) {
        let clean = clean(s);
        let (mut x, mut f) = (Vec::new(), Vec::new());
        push_json_str(&mut x, &clean);
        push_json_str(&mut f, &fold(&clean));
        (x, f)
    }

    fn by_push_text(s: &str) -> (Vec<u8>, Vec<u8>) {
        let (mut x, mut f) = (b"before".to_vec(), b"before".to_vec());
        push_text(&mut x, &mut f, s);
        (x[6..].to_vec(), f[6..].to_vec())
    }

    #[test]
    fn vietnamese_text_is_read_once() {
        let s = "  Đồng chí Nguyễn Văn Ánh\tphát biểu:\n\n“Chi bộ cần đổi mới” – 100% \"đạt\"\\ \u{a0} ";
        let mut x = Vec::new();
        let mut f = Vec::new();
        assert!(push_both(&mut x, &mut f, s).is_some(), "no plain steps for this text");
        assert_eq!((x, f), by_steps(s));
        assert_eq!(
            String::from_utf8(by_push_text(s).1).unwrap(),
            r#""dong chi nguyen van anh phat bieu: “chi bo can doi moi” – 100% \"dat\"\\""#
        );
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
            s in "[a-zA-Z0-9đĐà-ỹÀ-Ỹ\u{80}-\u{24f}\u{1e00}-\u{1eff}\u{300}-\u{36f} \t\n\r\u{a0}\u{2000}-\u{200b}\u{3000}\"\\\\\u{0}-\u{1f}–“”…ΣΊ\u{2028}]{0,60}"
        ) {
            proptest::prop_assert_eq!(by_push_text(&s), by_steps(&s));
        }
    }
}
