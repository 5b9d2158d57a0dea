//! The search folding rule, shared with `themes/default/static/search.js`.
//!
//! `fold(s)`: Unicode NFD decomposition, then every combining diacritical mark
//! (U+0300–U+036F) dropped, then `đ`/`Đ` mapped to `d`, then lowercased (Unicode default
//! case mapping). So "Đà Nẵng" and "da nang" fold to the same "da nang", and decomposed
//! input folds like composed input. The script implements exactly this as
//! `s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()`;
//! the test `tests/feeds_search_fold.rs` runs both on the same strings.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, decompose_canonical};

/// Fold `s` for matching: no tone marks or other diacritics, `đ` → `d`, lowercase.
///
/// Each character is decomposed on its own (a table lookup; ASCII is copied), which is
/// what NFD of the whole text gives as long as every combining mark it meets is one that
/// is dropped: NFD's reordering of marks then has nothing left to reorder. A text with
/// another mark (rare: not Vietnamese) takes the whole-text NFD.
pub fn fold(s: &str) -> String {
    fold_by_byte(s).unwrap_or_else(|| fold_nfd(s))
}

/// The rule as written: NFD of the whole text, marks dropped, `đ` → `d`, lowercase.
fn fold_nfd(s: &str) -> String {
    let stripped: String = s.nfd().filter(|c| !is_combining_mark(*c)).map(map_d).collect();
    stripped.to_lowercase()
}

/// [`fold_nfd`] one character at a time; `None` when a kept combining mark or a capital
/// sigma (whose lower case depends on the next letter) is met.
#[cfg(test)]
fn fold_by_char(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out)?;
    }
    Some(out)
}

/// Append what `c` folds to; `None` when it is a kept combining mark or a capital sigma.
pub(super) fn fold_char(c: char, out: &mut String) -> Option<()> {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return Some(());
    }
    if let Some(f) = folded_letter(c) {
        out.push(f);
        return Some(());
    }
    let mut plain = true;
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if canonical_combining_class(d) != 0 || d == 'Σ' {
            plain = false;
        }
        out.extend(map_d(d).to_lowercase());
    });
    plain.then_some(())
}

/// [`fold_by_char`] read as UTF-8 bytes: ASCII eight bytes at a time, the letters of
/// [`LETTERS`] through a table of what each folds to, as bytes (no decoding and encoding
/// of characters: nine tenths of a Vietnamese text); any other character as
/// [`fold_by_char`] folds it.
fn fold_by_byte(s: &str) -> Option<String> {
    use crate::bytes::{HIGH, ONES, word};
    let b = s.as_bytes();
    let table = &*FOLDED_BYTES;
    // Written at `o`; eight bytes of room past the end, for the eight-byte stores.
    let mut out = vec![0u8; b.len() + 8];
    let (mut i, mut o) = (0, 0);
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let x = word(chunk);
            // The ASCII bytes in front (a byte's high bit marks the first one that is not).
            let ascii = ((x & HIGH).trailing_zeros() / 8) as usize;
            if ascii > 0 {
                // Lower case for those: +0x20 where the byte is in A–Z. A carry from a byte
                // that is not ASCII only reaches the bytes after it, which are not kept.
                let from_a = x.wrapping_add(ONES * (0x80 - b'A' as u64));
                let past_z = x.wrapping_add(ONES * (0x80 - b'Z' as u64 - 1));
                let lower = x | ((from_a & !past_z & HIGH) >> 2);
                out[o..o + 8].copy_from_slice(&lower.to_le_bytes());
                i += ascii;
                o += ascii;
                continue;
            }
        }
        let lead = b[i];
        if lead < 0x80 {
            out[o] = lead.to_ascii_lowercase();
            i += 1;
            o += 1;
            continue;
        }
        if let Some((len, n, bytes)) = table_letter(table, b, i) {
            // A letter folds to at most as many bytes as it has (checked when the table is
            // made), so the output never outgrows the input.
            out[o..o + 4].copy_from_slice(&bytes);
            i += len;
            o += n as usize;
            continue;
        }
        // Any other character (a char boundary: `i` is always at the start of one).
        let c = s[i..].chars().next()?;
        let mut buf = String::with_capacity(8);
        fold_char(c, &mut buf)?;
        out.truncate(o);
        out.extend_from_slice(buf.as_bytes());
        o = out.len();
        i += c.len_utf8();
        // Room again for what is left, and the eight bytes past it.
        out.resize(o + (b.len() - i) + 8, 0);
    }
    out.truncate(o);
    // Only whole UTF-8 sequences were kept.
    String::from_utf8(out).ok()
}

/// The letter of [`LETTERS`] that starts at byte `i` of `b` (a character boundary, not
/// ASCII), when folding it alone is a lookup in `table` ([`folded_bytes`]): its length in
/// bytes, and what it folds to (the first `n` bytes of `bytes`, `n` at most its length).
#[inline]
pub(super) fn table_letter(table: &[(u8, [u8; 4])], b: &[u8], i: usize) -> Option<(usize, u8, [u8; 4])> {
    // U+0080–U+024F: lead byte C2–C9; U+1E00–U+1EFF: E1 B8–BB.
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0) as usize;
    let lead = b[i];
    let (slot, len) = match lead {
        0xc2..=0xc9 => match (lead as usize & 0x1f) << 6 | (at(1) & 0x3f) {
            cp @ 0x80..0x250 => (cp - 0x80, 2),
            _ => return None,
        },
        0xe1 if (0xb8..=0xbb).contains(&at(1)) => {
            (0x250 - 0x80 + (((at(1) & 0x3f) << 6 | (at(2) & 0x3f)) - 0xe00), 3)
        }
        _ => return None,
    };
    table.get(slot).filter(|(n, _)| *n > 0).map(|&(n, bytes)| (len, n, bytes))
}

/// The table of [`table_letter`].
pub(super) fn folded_bytes() -> &'static [(u8, [u8; 4])] {
    &FOLDED_BYTES
}

/// [`FOLDED`] as the UTF-8 bytes of each folded letter (length 0: not foldable alone).
/// A letter whose folded form is longer than itself in UTF-8 is left out (length 0).
static FOLDED_BYTES: std::sync::LazyLock<Vec<(u8, [u8; 4])>> = std::sync::LazyLock::new(|| {
    LETTERS
        .iter()
        .flat_map(|r| r.clone())
        .zip(FOLDED.iter())
        .map(|(cp, f)| {
            let own = char::from_u32(cp).map_or(0, char::len_utf8);
            match f {
                Some(c) if c.len_utf8() <= own => {
                    let mut bytes = [0; 4];
                    let n = c.encode_utf8(&mut bytes).len() as u8;
                    (n, bytes)
                }
                _ => (0, [0; 4]),
            }
        })
        .collect()
});

/// The Latin letters with marks (U+0080–U+024F and U+1E00–U+1EFF, where Vietnamese's
/// are), each folded once: `c` on its own folds to one character (a table lookup instead
/// of a decomposition and a case mapping per letter).
const LETTERS: [std::ops::Range<u32>; 2] = [0x80..0x250, 0x1e00..0x1f00];

static FOLDED: std::sync::LazyLock<Vec<Option<char>>> = std::sync::LazyLock::new(|| {
    LETTERS.iter().flat_map(|r| r.clone()).map(|cp| char::from_u32(cp).and_then(fold_one)).collect()
});

/// What `c` alone folds to, if it is one character and folding it alone is folding it in
/// any text: no kept mark, and not a capital sigma.
fn fold_one(c: char) -> Option<char> {
    let mut parts = Vec::new();
    decompose_canonical(c, |d| parts.push(d));
    let kept: Vec<char> = parts.into_iter().filter(|d| !is_combining_mark(*d)).collect();
    let [d] = kept[..] else { return None };
    if canonical_combining_class(d) != 0 || d == 'Σ' {
        return None;
    }
    let mut lower = map_d(d).to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Some(l),
        _ => None,
    }
}

fn folded_letter(c: char) -> Option<char> {
    let cp = c as u32;
    let mut base = 0;
    for r in &LETTERS {
        if r.contains(&cp) {
            return FOLDED[base + (cp - r.start) as usize];
        }
        base += r.len();
    }
    None
}

fn map_d(c: char) -> char {
    if c == 'đ' || c == 'Đ' { 'd' } else { c }
}

/// Combining Diacritical Marks, U+0300–U+036F (the block Vietnamese marks live in).
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn tone_marks_and_case_are_ignored() {
        assert_eq!(fold("Sinh hoạt"), "sinh hoat");
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("ĐẢNG ỦY"), "dang uy");
        assert_eq!(fold("Nguyễn Thị Ánh Tuyết"), "nguyen thi anh tuyet");
    }

    #[test]
    fn every_vowel_with_every_tone_folds_to_its_base() {
        let rows = [
            ("a", "aàáảãạ"),
            ("a", "ăằắẳẵặ"),
            ("a", "âầấẩẫậ"),
            ("e", "eèéẻẽẹ"),
            ("e", "êềếểễệ"),
            ("i", "iìíỉĩị"),
            ("o", "oòóỏõọ"),
            ("o", "ôồốổỗộ"),
            ("o", "ơờớởỡợ"),
            ("u", "uùúủũụ"),
            ("u", "ưừứửữự"),
            ("y", "yỳýỷỹỵ"),
        ];
        for (base, vowels) in rows {
            for v in vowels.chars() {
                assert_eq!(fold(&v.to_string()), base, "{v}");
                assert_eq!(fold(&v.to_uppercase().to_string()), base, "{v} upper");
            }
        }
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let composed = "Hội nghị";
        let decomposed = "Ho\u{0302}\u{0323}i nghi\u{0323}";
        assert_ne!(composed, decomposed);
        assert_eq!(fold(decomposed), fold(composed));
        assert_eq!(fold(decomposed), "hoi nghi");
    }

    #[test]
    fn d_with_stroke_maps_to_d_other_text_kept() {
        assert_eq!(fold("đđĐĐ"), "dddd");
        assert_eq!(fold("123-KH/ĐUK, (năm 2024)!"), "123-kh/duk, (nam 2024)!");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn the_fast_path_agrees_with_whole_text_nfd() {
        use super::{fold_by_byte, fold_by_char, fold_nfd};
        let samples = [
            "Đảng bộ Đà Nẵng — “Sinh hoạt” chuyên đề…",
            "Ho\u{0302}\u{0323}i nghi\u{0323}",
            "ΣΊΣΥΦΟΣ ΌΔΟΣ",
            "Ǆemal İstanbul ﬁ ß Å Ω K",
            "a\u{0591}\u{0301}b",
            "\u{1E69}\u{0323}",
            "x\u{05B0}\u{0591}y",
        ];
        for s in samples {
            if let Some(fast) = fold_by_char(s) {
                assert_eq!(fast, fold_nfd(s), "{s:?}");
            }
            assert_eq!(fold_by_byte(s), fold_by_char(s), "{s:?}");
            assert_eq!(super::fold(s), fold_nfd(s), "{s:?}");
        }
        assert!(fold_by_char("a\u{0591}").is_none(), "a kept mark takes the slow path");
        // Every character of the Basic Multilingual Plane, alone and after a letter.
        for cp in 0u32..0x1_0000 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("{c}a{c}\u{0301}{c}");
            assert_eq!(super::fold(&s), fold_nfd(&s), "U+{cp:04X}");
            let alone = format!("{c}A{c}");
            assert_eq!(fold_by_byte(&alone), fold_by_char(&alone), "U+{cp:04X}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_byte_reading_agrees_on_any_text(s in "[a-zA-ZđĐà-ỹÀ-Ỹ\u{80}-\u{2ff}\u{1e00}-\u{1eff}\u{300}-\u{36f} –“”…Σ]{0,30}") {
            proptest::prop_assert_eq!(super::fold_by_byte(&s), super::fold_by_char(&s));
            proptest::prop_assert_eq!(super::fold(&s), super::fold_nfd(&s));
        }
    }
}
