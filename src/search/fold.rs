//! The search folding rule, shared with `themes/default/static/search.js`.
//!
//! `fold(s)`: Unicode NFD decomposition, then every combining diacritical mark
//! (U+0300–U+036F) dropped, then `đ`/`Đ` mapped to `d`, then lowercased (Unicode default
//! case mapping). So "Đà Nẵng" and "da nang" fold to the same "da nang", and decomposed
//! input folds like composed input. The build folds every term of the index with it (the
//! shards are keyed by the folded terms, see [`super::terms`]); the script implements
//! exactly this (its `fold`), on the query and on the titles and excerpts it highlights;
//! the test `tests/feeds_search.rs` runs both on the same strings.

use unicode_normalization::UnicodeNormalization;

/// Fold `s` for matching: no tone marks or other diacritics, `đ` → `d`, lowercase.
pub fn fold(s: &str) -> String {
    let stripped: String = s.nfd().filter(|c| !is_combining_mark(*c)).map(map_d).collect();
    stripped.to_lowercase()
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
}
