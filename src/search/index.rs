//! The documents of the search index ([`Doc`]) and the JSON their display fields are
//! written as (see [`super::shards`] for the files).
//!
//! Each document's display entry carries its title and an excerpt as they are shown (NFC,
//! white space collapsed); the script folds them (see [`super::fold`]) to highlight the
//! query's terms.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// What a searchable page is; shown beside each result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Plan,
    Team,
    Unit,
    Report,
    Page,
}

impl DocKind {
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Plan => "Kế hoạch",
            DocKind::Team => "Tổ công tác",
            DocKind::Unit => "Đơn vị",
            DocKind::Report => "Báo cáo",
            DocKind::Page => "Trang",
        }
    }
}

/// One published page, as the search sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    /// Address relative to the site root, directory form: `bao-cao/to-1-2024-03-chi-bo/`.
    /// The script appends `index.html` when the site is opened from disk.
    pub url: String,
    pub title: String,
    pub kind: DocKind,
    /// Plain text (no markup); whitespace is collapsed when indexed.
    pub text: String,
}

/// A display entry as the search script reads it (the order of the fields is the order of
/// the JSON keys).
#[derive(Serialize)]
struct Entry<'a> {
    /// url
    u: &'a str,
    /// title
    t: String,
    /// kind label
    k: &'static str,
    /// excerpt
    x: String,
}

/// NFC, with every run of whitespace made one space, trimmed.
pub(super) fn clean(s: &str) -> String {
    let nfc: std::borrow::Cow<str> =
        if unicode_normalization::is_nfc(s) { s.into() } else { s.nfc().collect::<String>().into() };
    collapse_whitespace(&nfc)
}

/// The words of `s` (split at Unicode white space, as `str::split_whitespace` does) joined
/// by one space. Read a byte at a time through a table, and copied a stretch at a time:
/// a single space between two words is kept where it is, so only the other white space
/// (line ends, runs, the ends of the text) breaks the stretch being copied.
fn collapse_whitespace(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // `s[from..]` is still to be copied; `i` reads ahead.
    let (mut from, mut i) = (0, 0);
    while i < b.len() {
        let c = b[i];
        if !MAY_START_WHITE_SPACE[c as usize] {
            i += 1;
            continue;
        }
        // The common cases read inline: one space between two words, and the first byte of
        // a letter of U+1E00–U+1EFF (E1 B8–BB, not U+1680's E1 9A).
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if (c == b' ' && i > 0 && !MAY_START_WHITE_SPACE[next as usize]) || (c == 0xe1 && next != 0x9a) {
            i += 1;
            continue;
        }
        let n = whitespace_len(b, i);
        if n == 0 {
            i += 1;
            continue;
        }
        // A run of white space from `i` to `end`.
        let mut end = i + n;
        while end < b.len() {
            match whitespace_len(b, end) {
                0 => break,
                m => end += m,
            }
        }
        if i == 0 {
            from = end;
        } else if end == b.len() {
            out.push_str(&s[from..i]);
            from = end;
        } else if end - i > 1 || b[i] != b' ' {
            // Both ends are character boundaries: white space characters start and end there.
            out.push_str(&s[from..i]);
            out.push(' ');
            from = end;
        }
        i = end;
    }
    out.push_str(&s[from..]);
    out
}

/// The bytes that can start a white space character in UTF-8 (see [`whitespace_len`]):
/// the others are skipped without a closer look.
static MAY_START_WHITE_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let starts: [u8; 10] = [b'\t', b'\n', 0x0b, 0x0c, b'\r', b' ', 0xc2, 0xe1, 0xe2, 0xe3];
    let mut k = 0;
    while k < starts.len() {
        t[starts[k] as usize] = true;
        k += 1;
    }
    t
};

/// The length in bytes of the white space character (Unicode White_Space, as
/// `char::is_whitespace`) that starts at byte `i` of `b`, or 0.
#[inline]
pub(super) fn whitespace_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => 1,
        // U+0085, U+00A0
        0xc2 if matches!(at(1), 0x85 | 0xa0) => 2,
        // U+1680
        0xe1 if at(1) == 0x9a && at(2) == 0x80 => 3,
        // U+2000–U+200A, U+2028, U+2029, U+202F; U+205F
        0xe2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) => 3,
        0xe2 if at(1) == 0x81 && at(2) == 0x9f => 3,
        // U+3000
        0xe3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// One document's display entry, `{"u","t","k","x"}` (address, title, kind, `excerpt`),
/// as JSON, appended to `out`, the title and excerpt [`clean`]ed. Written by `serde_json`:
/// the hand-written writer it replaced (one pass over each text) was not faster on the
/// whole build (`scripts/ab --pairs 20` at 10,000 reports: the crate's 3.4 % faster in wall
/// time, 13 of 20 pairs; docs/decisions.md).
pub(super) fn push_entry_json(out: &mut Vec<u8>, d: &Doc, excerpt: &str) {
    let entry = Entry { u: &d.url, t: clean(&d.title), k: d.kind.label(), x: clean(excerpt) };
    // Strings only, into memory: serialising cannot fail.
    let _ = serde_json::to_writer(&mut *out, &entry);
}

/// `s` as a JSON string, appended to `out` (by `serde_json`, as the entries).
pub(super) fn push_json_str(out: &mut Vec<u8>, s: &str) {
    // A string, into memory: serialising cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, title: &str, text: &str) -> Doc {
        Doc { url: url.into(), title: title.into(), kind: DocKind::Unit, text: text.into() }
    }

    fn entry(d: &Doc) -> serde_json::Value {
        let mut out = Vec::new();
        push_entry_json(&mut out, d, &d.text);
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn entries_hold_the_text_as_shown() {
        let d = entry(&doc("don-vi/a/", "Đảng bộ  Đà Nẵng", "Hội trường\n\ttầng 2"));
        assert_eq!(d["u"], "don-vi/a/");
        assert_eq!(d["t"], "Đảng bộ Đà Nẵng");
        assert_eq!(d["k"], "Đơn vị");
        assert_eq!(d["x"], "Hội trường tầng 2");
        assert_eq!(d.as_object().unwrap().len(), 4, "{d}");
    }

    fn collapse_by_words(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn white_space_is_collapsed_as_split_whitespace_does() {
        // Every character of the Basic Multilingual Plane, between words and alone.
        for cp in 0u32..0x1_0000 {
            let Some(c) = char::from_u32(cp) else { continue };
            for s in [format!("a{c}b"), format!("{c}"), format!(" {c}{c} x{c}"), format!("ạ{c}\u{a0}ộ")] {
                assert_eq!(collapse_whitespace(&s), collapse_by_words(&s), "U+{cp:04X}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn white_space_is_collapsed_in_any_text(s in "[a-zà-ỹ \t\n\u{a0}\u{2000}-\u{200b}\u{3000}\u{1680}\u{85}]{0,40}") {
            proptest::prop_assert_eq!(collapse_whitespace(&s), collapse_by_words(&s));
        }
    }

    #[test]
    fn decomposed_text_is_stored_composed() {
        assert_eq!(entry(&doc("x/", "Ho\u{0302}\u{0323}i", ""))["t"], "Hội");
    }

    #[test]
    fn strings_are_escaped_for_json() {
        let d = doc("a\"/", "Đà \\ \u{1}", "dòng 1\n\"trích\"\t\u{7f} – “x”");
        let e = entry(&d);
        assert_eq!(e["u"], "a\"/");
        assert_eq!(e["t"], "Đà \\ \u{1}");
        assert_eq!(e["x"], "dòng 1 \"trích\" \u{7f} – “x”");
    }
}
