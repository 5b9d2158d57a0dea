//! Whether a text is in Unicode NFC, answered from its UTF-8 bytes for the characters
//! Vietnamese text is made of (the search index and the matching of report headings
//! normalise only what is not).

use unicode_normalization::{IsNormalized, is_nfc_quick};

/// Whether `s` is NFC. Every character below U+0300 or in U+1E00–U+1EFF (where the
/// Vietnamese letters are) is a starter whose NFC quick check is "yes" (a test checks each),
/// so a text made only of them is NFC without a table lookup per character; any other text
/// goes through the full quick check.
pub fn is_nfc(s: &str) -> bool {
    // Read as UTF-8 bytes: below U+0300 is one byte, or two with a lead byte C2–CB;
    // U+1E00–U+1EFF is E1 B8–BB and one more byte.
    let b = s.as_bytes();
    let mut i = 0;
    let short = loop {
        match (b.get(i), b.get(i + 1)) {
            (None, _) => break true,
            (Some(0..0x80), _) => i += 1,
            (Some(0xc2..=0xcb), _) => i += 2,
            (Some(0xe1), Some(0xb8..=0xbb)) => i += 3,
            _ => break false,
        }
    };
    short || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// Long texts of ASCII runs, Vietnamese letters, combining marks and other
        /// characters: the answer is the full check's.
        #[test]
        fn long_texts_are_answered_as_the_full_check_does(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[ -~]{0,20}",
                    proptest::sample::select(vec!["ộ", "Đ", "ư", "ẫ", "é", "\u{301}", "\u{323}", "–", "“", "\u{2126}", "ﬁ", "가"])
                        .prop_map(str::to_string),
                ],
                0..40,
            )
        ) {
            let s: String = parts.concat();
            proptest::prop_assert_eq!(is_nfc(&s), is_nfc_quick(s.chars()) == IsNormalized::Yes, "{:?}", s);
        }
    }

    #[test]
    fn the_short_nfc_check_is_right_on_every_character() {
        for cp in 0u32..0x1_0000 {
            let Some(c) = char::from_u32(cp) else { continue };
            for s in [format!("{c}"), format!("a{c}"), format!("{c}\u{301}")] {
                let full = is_nfc_quick(s.chars()) == IsNormalized::Yes;
                // Never "yes" when the full check does not say so.
                assert!(!is_nfc(&s) || full, "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn the_short_nfc_check_agrees_with_the_full_one() {
        // Each character of the short check's ranges is NFC on its own, and before any
        // other character of those ranges (none of them is a combining mark).
        let short: Vec<char> = ('\0'..'\u{300}').chain('\u{1e00}'..='\u{1eff}').collect();
        for c in &short {
            assert_eq!(is_nfc_quick(std::iter::once(*c)), IsNormalized::Yes, "U+{:04X}", *c as u32);
            assert_eq!(unicode_normalization::char::canonical_combining_class(*c), 0, "U+{:04X}", *c as u32);
        }
        for s in ["Hội nghị", "Ho\u{0302}\u{0323}i", "a\u{0301}", "\u{2000}", "Đà Nẵng – “x”", ""]
        {
            assert_eq!(is_nfc(s), is_nfc_quick(s.chars()) == IsNormalized::Yes, "{s:?}");
        }
    }
}
