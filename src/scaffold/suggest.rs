//! "Did you mean": the closest ids to a mistyped one, by edit distance.
//!
//! A small local Levenshtein; the loader has its own, to be merged into one later.

/// The number of single-character insertions, deletions and substitutions from `a` to `b`.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The `n` candidates closest to `target`, nearest first, ties in id order.
pub fn closest<'a>(target: &str, candidates: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> =
        candidates.into_iter().map(|c| (levenshtein(target, c), c)).collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("abc", ""), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("to-1-2024-03-chi-bo", "to-1-2024-03-chi-bo"), 0);
        assert_eq!(levenshtein("to-1-2024-3-chi-bo", "to-1-2024-03-chi-bo"), 1);
        assert_eq!(levenshtein("đảng", "dang"), 2, "counts characters, not bytes");
    }

    #[test]
    fn closest_orders_by_distance_then_id() {
        let ids =
            ["to-1-2024-03-chi-bo", "to-1-2024-03-dang-uy", "to-2-2024-03-chi-bo", "to-6-2024-10-dang-uy"];
        assert_eq!(
            closest("to-1-2024-3-chi-bo", ids, 3),
            vec!["to-1-2024-03-chi-bo", "to-2-2024-03-chi-bo", "to-1-2024-03-dang-uy"]
        );
        assert_eq!(closest("x", ids, 0), Vec::<&str>::new());
        assert_eq!(closest("x", [], 3), Vec::<&str>::new());
    }
}
