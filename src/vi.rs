//! Vietnamese conventions: dates (14/03/2024, Thứ Năm, tháng 3/2024), the long date of an
//! official document ("ngày 05 tháng 02 năm 2024"), and sorting names in Vietnamese order.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use std::cmp::Ordering;

use crate::model::YearMonth;

/// `14/03/2024`. (Written digit by digit: chrono's `format` reads its pattern again on
/// every call, `format!` goes through the formatting machinery, and a large site writes
/// hundreds of thousands of dates.)
pub fn date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_date(&mut out, d);
    out
}

/// [`date`], appended to `out`.
pub fn push_date(out: &mut String, d: NaiveDate) {
    if (0..=9999).contains(&d.year()) {
        push_num(out, d.day(), 2);
        out.push('/');
        push_num(out, d.month(), 2);
        out.push('/');
        push_num(out, d.year() as u32, 4);
    } else {
        out.push_str(&d.format("%d/%m/%Y").to_string());
    }
}

/// `2024-03-14` (ISO 8601, as chrono's `%Y-%m-%d` and `Display` write it), for the data
/// files.
pub fn iso(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_ymd(&mut out, d, "-");
    out
}

/// Year, month and day of `d`, four, two and two digits, with `sep` between them,
/// appended to `out` (chrono's `%Y{sep}%m{sep}%d`, without reading a pattern).
pub fn push_ymd(out: &mut String, d: NaiveDate, sep: &str) {
    if !(0..=9999).contains(&d.year()) {
        out.push_str(&d.format(&format!("%Y{sep}%m{sep}%d")).to_string());
        return;
    }
    push_num(out, d.year() as u32, 4);
    out.push_str(sep);
    push_num(out, d.month(), 2);
    out.push_str(sep);
    push_num(out, d.day(), 2);
}

/// `n` in decimal, with zeros in front to `width` digits (at most 10), appended to `out`.
pub fn push_num(out: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let (mut i, mut n) = (digits.len(), n);
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let from = i.min(digits.len().saturating_sub(width));
    for &b in &digits[from..] {
        out.push(b as char);
    }
}

/// `14:00`.
pub fn time(t: NaiveTime) -> String {
    use chrono::Timelike;
    let mut out = String::with_capacity(5);
    push_num(&mut out, t.hour(), 2);
    out.push(':');
    push_num(&mut out, t.minute(), 2);
    out
}

/// Thứ Hai … Thứ Bảy, Chủ nhật.
pub fn weekday(w: Weekday) -> &'static str {
    WEEKDAYS[w.num_days_from_monday() as usize]
}

/// The column heads of a calendar, Monday first.
pub const WEEKDAYS: [&str; 7] = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"];

/// Short column heads for narrow grids: T2 … T7, CN.
pub const WEEKDAYS_SHORT: [&str; 7] = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"];

/// `Thứ Năm, 14/03/2024`.
pub fn day_long(d: NaiveDate) -> String {
    let day = weekday(d.weekday());
    let mut out = String::with_capacity(day.len() + 12);
    out.push_str(day);
    out.push_str(", ");
    push_date(&mut out, d);
    out
}

/// `tháng 3/2024`.
pub fn month(m: YearMonth) -> String {
    month_with("tháng ", m)
}

/// `Tháng 3/2024` (at the start of a sentence or a heading).
pub fn month_cap(m: YearMonth) -> String {
    month_with("Tháng ", m)
}

fn month_with(word: &str, m: YearMonth) -> String {
    if !(0..=9999).contains(&m.year) {
        return format!("{word}{}/{}", m.month, m.year);
    }
    let mut out = String::with_capacity(word.len() + 7);
    out.push_str(word);
    push_num(&mut out, m.month, 1);
    out.push('/');
    push_num(&mut out, m.year as u32, 1);
    out
}

/// `ngày 05 tháng 02 năm 2024`, as in the heading of an official document.
pub fn date_official(d: NaiveDate) -> String {
    format!("ngày {:02} tháng {:02} năm {}", d.day(), d.month(), d.year())
}

/// Compares strings in Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after
/// letters). Falls back to code-point order if the collation data cannot be had.
pub struct Collator {
    inner: Option<CollatorBorrowed<'static>>,
}

impl Collator {
    pub fn new() -> Self {
        let locale = icu_locale_core::locale!("vi");
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Tertiary);
        let inner = CollatorBorrowed::try_new(CollatorPreferences::from(&locale), options).ok();
        Collator { inner }
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match &self.inner {
            Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
            None => a.cmp(b),
        }
    }

    /// Sort `items` by the Vietnamese order of `key`, ties by code points (deterministic).
    pub fn sort_by_key<T>(&self, items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| self.compare(key(a), key(b)));
    }
}

impl Default for Collator {
    fn default() -> Self {
        Collator::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn dates_and_times_are_written_as_chrono_writes_them(days in -1_000_000i32..4_000_000, secs in 0u32..86_400) {
            let day = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            proptest::prop_assert_eq!(date(day), day.format("%d/%m/%Y").to_string());
            proptest::prop_assert_eq!(iso(day), day.format("%Y-%m-%d").to_string());
            proptest::prop_assert_eq!(iso(day), day.to_string());
            let t = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap();
            proptest::prop_assert_eq!(time(t), t.format("%H:%M").to_string());
        }
    }

    proptest::proptest! {
        #[test]
        fn numbers_and_months_are_written_as_format_writes_them(n in proptest::num::u32::ANY, w in 0usize..=10, year in -20_000i32..20_000, month in 1u32..=12) {
            let mut ours = String::new();
            push_num(&mut ours, n, w);
            proptest::prop_assert_eq!(ours, format!("{n:0w$}"));
            let m = YearMonth { year, month };
            proptest::prop_assert_eq!(super::month(m), format!("tháng {month}/{year}"));
            proptest::prop_assert_eq!(month_cap(m), format!("Tháng {month}/{year}"));
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_the_vietnamese_way() {
        assert_eq!(date(d(2024, 3, 14)), "14/03/2024");
        assert_eq!(day_long(d(2024, 3, 14)), "Thứ Năm, 14/03/2024");
        assert_eq!(day_long(d(2024, 3, 17)), "Chủ nhật, 17/03/2024");
        assert_eq!(day_long(d(2024, 3, 18)), "Thứ Hai, 18/03/2024");
        assert_eq!(month(YearMonth { year: 2024, month: 3 }), "tháng 3/2024");
        assert_eq!(date_official(d(2024, 2, 5)), "ngày 05 tháng 02 năm 2024");
        assert_eq!(time(NaiveTime::from_hms_opt(7, 5, 0).unwrap()), "07:05");
    }

    #[test]
    fn sorts_in_vietnamese_order() {
        let c = Collator::new();
        let mut names = vec!["Đảng bộ Y", "Chi bộ Z", "Dân vận", "Ăn uống", "An ninh", "Ân tình", "Bưu điện"];
        c.sort_by_key(&mut names, |s| s);
        // a < ă < â < b < c < d < đ
        assert_eq!(
            names,
            vec!["An ninh", "Ăn uống", "Ân tình", "Bưu điện", "Chi bộ Z", "Dân vận", "Đảng bộ Y"]
        );
    }

    #[test]
    fn tones_order_after_letters() {
        let c = Collator::new();
        // "Ba" before "Bà" before "Bác" (primary letters decide first).
        assert_eq!(c.compare("Ba", "Bà"), Ordering::Less);
        assert_eq!(c.compare("Bà", "Bác"), Ordering::Less);
        assert_eq!(c.compare("Đông", "Dương"), Ordering::Greater);
    }
}
