//! The terms of the index: the words of a document (lowercase, NFC) with how often they
//! occur, the postings of a term, and the shards the terms are cut into by the first
//! letters of their folded form.
//!
//! A posting list is flat, two numbers a document: the document's number (the first as
//! it is, each next as the difference from the one before) and `2 × occurrences + in_title`
//! (`in_title` 1 when the word is in the title). A shard's key is the first letters of
//! the folded terms it holds: a group of terms larger than [`SHARD_BYTES`] is cut by one
//! more letter (up to [`MAX_KEY`] letters); the term equal to the key of a group that
//! was cut, if any, stays alone in the key's shard. So the terms that start with a query
//! term `q` are in the shards whose key starts with `q` or is a prefix of it.

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// About how many bytes a shard holds before it is cut by one more letter.
pub(super) const SHARD_BYTES: usize = 16 * 1024;
/// The longest key, in letters.
pub(super) const MAX_KEY: usize = 8;

/// `s` in NFC, lowercase (the form of the terms as written: "Đường" → "đường"). By the
/// plain steps: a one-pass version for Latin and Vietnamese text was not faster on the whole
/// build by the 5 % a hand-written part must gain (`scripts/ab --pairs 20` at 10,000
/// reports: the build 3.6 % slower in wall time with these steps; docs/decisions.md).
pub(super) fn lower_nfc(s: &str) -> String {
    let nfc: Cow<str> =
        if unicode_normalization::is_nfc(s) { s.into() } else { s.nfc().collect::<String>().into() };
    nfc.to_lowercase()
}

/// The words of `s`: its runs of letters and digits (`char::is_alphanumeric`), as the
/// script splits a query.
pub(super) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The words of a document's title and text (each lowercase NFC), with the numbers its
/// posting gets, `2 × occurrences + in_title`.
pub(super) fn doc_terms<'t>(title: &'t str, text: &'t str) -> FxHashMap<&'t str, u32> {
    let mut counts: FxHashMap<&str, (u32, u32)> = FxHashMap::default();
    for w in words(title) {
        counts.entry(w).or_default().0 += 1;
    }
    for w in words(text) {
        counts.entry(w).or_default().1 += 1;
    }
    counts.into_iter().map(|(w, (t, x))| (w, (t + x).saturating_mul(2) + u32::from(t > 0))).collect()
}

/// The first `n` characters of `s` (all of it when it is shorter).
pub(super) fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The shards of the folded terms `terms` (sorted, each with its size in bytes): each
/// shard's key and the range of `terms` it holds, in order.
pub(super) fn shards(terms: &[(&str, usize)]) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    cut(terms, 0, 1, &mut out);
    out
}

/// The shards of `terms[range]` (terms that share their first `len - 1` letters), keyed
/// by their first `len` letters.
fn cut(terms: &[(&str, usize)], from: usize, len: usize, out: &mut Vec<(String, std::ops::Range<usize>)>) {
    let mut i = from;
    let end = terms.len();
    while i < end {
        let key = prefix(terms[i].0, len);
        let mut j = i;
        let mut size = 0;
        while j < end && terms[j].0.starts_with(key) && prefix(terms[j].0, len) == key {
            size += terms[j].1;
            j += 1;
        }
        if size > SHARD_BYTES && len < MAX_KEY && j - i > 1 {
            // The term equal to the key sorts first; it stays in the key's shard.
            let mut rest = i;
            if terms[i].0 == key {
                out.push((key.to_string(), i..i + 1));
                rest += 1;
            }
            cut(&terms[..j], rest, len + 1, out);
        } else {
            out.push((key.to_string(), i..j));
        }
        i = j;
    }
}

/// A shard's key as a file name: `a`–`z` and `0`–`9` as they are, any other character as
/// `_<hex>_` (its code point). `search.js` names the files the same way.
pub fn shard_file_name(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

/// `n` in decimal, appended to `out`.
pub(super) fn push_u32(out: &mut Vec<u8>, n: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// A posting list (document, value pairs, documents in order) as the JSON array of the
/// shard: documents as differences.
pub(super) fn push_postings(out: &mut Vec<u8>, postings: &[u32]) {
    out.push(b'[');
    let mut last = 0;
    for (k, pair) in postings.chunks_exact(2).enumerate() {
        if k > 0 {
            out.push(b',');
        }
        push_u32(out, pair[0] - last);
        out.push(b',');
        push_u32(out, pair[1]);
        last = pair[0];
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let w: Vec<&str> = words("Số 123-KH/ĐUK, (năm 2024)! đường").collect();
        assert_eq!(w, ["Số", "123", "KH", "ĐUK", "năm", "2024", "đường"]);
        assert_eq!(lower_nfc("ĐƯỜNG Ho\u{0302}\u{0323}i"), "đường hội");
    }

    #[test]
    fn a_decomposed_mark_and_a_final_sigma_are_lowercased_as_written() {
        assert_eq!(lower_nfc("HO\u{0302}\u{0323}I"), "hội");
        assert_eq!(lower_nfc("ΟΔΟΣ"), "\u{3bf}\u{3b4}\u{3bf}\u{3c2}");
    }

    #[test]
    fn a_document_counts_its_words_and_marks_those_in_its_title() {
        let t = doc_terms("chi bộ a", "chi bộ họp, chi bộ tốt");
        assert_eq!(t["chi"], 3 * 2 + 1);
        assert_eq!(t["họp"], 2);
        assert_eq!(t["a"], 3);
    }

    #[test]
    fn large_groups_are_cut_by_one_more_letter() {
        let big = SHARD_BYTES;
        let terms = [("an", 10), ("chi", big), ("chinh", big), ("cho", 10), ("chu", 10), ("d", 5), ("da", 5)];
        let keys: Vec<(String, std::ops::Range<usize>)> = shards(&terms);
        let keys: Vec<(&str, std::ops::Range<usize>)> =
            keys.iter().map(|(k, r)| (k.as_str(), r.clone())).collect();
        assert_eq!(
            keys,
            [("a", 0..1), ("chi", 1..2), ("chin", 2..3), ("cho", 3..4), ("chu", 4..5), ("d", 5..7)]
        );
        assert_eq!(shard_file_name("đư"), "_111__1b0_");
        assert_eq!(shard_file_name("ab9"), "ab9");
    }

    #[test]
    fn postings_are_written_as_differences() {
        let mut out = Vec::new();
        push_postings(&mut out, &[3, 7, 10, 2, 4000000000, 1]);
        assert_eq!(String::from_utf8(out).unwrap(), "[3,7,7,2,3999999990,1]");
    }
}
