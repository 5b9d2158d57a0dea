//! "Did you mean …?": edit distance and the closest of a set of names.

/// Edit distance between two strings (insert, delete, substitute, or swap two neighbours),
/// counted in characters: the optimal string alignment distance.
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(y.1)))
        .map(|(_, c)| c)
}

/// The `n` candidates nearest to `name`, nearest first, ties in name order.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates.into_iter().map(|c| (distance(name, c), c)).collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// `s` without Vietnamese marks, `đ` as `d`, lowercase: "Định kỳ" → "dinh ky" (the same
/// rule as the search's folding, which lives in an output module).
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// A short list of names for a message: `a, b, c` or `a, b, c, … (12 in all)`.
pub fn list(names: &[&str], max: usize) -> String {
    let shown: Vec<String> = names.iter().take(max).map(|n| format!("`{n}`")).collect();
    if names.len() > max {
        let all = names.len();
        let joined = shown.join(", ");
        crate::pick!("{joined}, … ({all} mục)", "{joined}, … ({all} in all)")
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_orders_by_distance_then_name() {
        let ids =
            ["to-1-2024-03-chi-bo", "to-1-2024-03-dang-uy", "to-2-2024-03-chi-bo", "to-6-2024-10-dang-uy"];
        assert_eq!(
            nearest("to-1-2024-3-chi-bo", ids, 3),
            vec!["to-1-2024-03-chi-bo", "to-2-2024-03-chi-bo", "to-1-2024-03-dang-uy"]
        );
        assert_eq!(nearest("x", ids, 0), Vec::<&str>::new());
        assert_eq!(nearest("x", [], 3), Vec::<&str>::new());
    }

    #[test]
    fn distances() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("temas", "teams"), 1);
        assert_eq!(distance("temas", "team"), 2);
        assert_eq!(distance("đơn", "don"), 2);
    }

    #[test]
    fn closest_picks_a_near_name_or_none() {
        let keys = ["team", "kind", "unit", "month"];
        assert_eq!(closest("temas", keys), Some("team"));
        assert_eq!(closest("mnth", keys), Some("month"));
        assert_eq!(closest("schedule", keys), None);
        assert_eq!(closest("to-9", ["to-1", "to-2"]), Some("to-1"));
    }

    #[test]
    fn lists_are_cut() {
        assert_eq!(list(&["a", "b"], 5), "`a`, `b`");
        assert_eq!(list(&["a", "b", "c"], 2), "`a`, `b`, … (3 in all)");
        assert_eq!(fold("Định kỳ"), "dinh ky");
        assert_eq!(fold("TRUNG BÌNH"), "trung binh");
    }
}
