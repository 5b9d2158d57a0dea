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
    fold_by_char(s).unwrap_or_else(|| fold_nfd(s))
}

/// The rule as written: NFD of the whole text, marks dropped, `đ` → `d`, lowercase.
fn fold_nfd(s: &str) -> String {
    let stripped: String = s.nfd().filter(|c| !is_combining_mark(*c)).map(map_d).collect();
    stripped.to_lowercase()
}

/// [`fold_nfd`] one character at a time; `None` when a kept combining mark or a capital
/// sigma (whose lower case depends on the next letter) is met.
fn fold_by_char(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut plain = true;
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if let Some(f) = folded_letter(c) {
            out.push(f);
            continue;
        }
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            if canonical_combining_class(d) != 0 || d == 'Σ' {
                plain = false;
            }
            out.extend(map_d(d).to_lowercase());
        });
        if !plain {
            return None;
        }
    }
    Some(out)
}

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
        use super::{fold_by_char, fold_nfd};
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
            assert_eq!(super::fold(s), fold_nfd(s), "{s:?}");
        }
        assert!(fold_by_char("a\u{0591}").is_none(), "a kept mark takes the slow path");
        // Every character of the Basic Multilingual Plane, alone and after a letter.
        for cp in 0u32..0x1_0000 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("{c}a{c}\u{0301}{c}");
            assert_eq!(super::fold(&s), fold_nfd(&s), "U+{cp:04X}");
        }
    }
}
