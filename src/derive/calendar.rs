//! Calendar: the grid of a month, weeks starting on Monday.
//!
//! Pure: a month in, rows of seven days out. Days before the first and after the last
//! of the month fill the first and last week (marked `in_month: false`).

use crate::model::YearMonth;
use chrono::{Datelike, Duration, NaiveDate};

/// One cell of a month grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub in_month: bool,
}

/// The weeks (Monday … Sunday) that cover `month`: 4 to 6 rows of 7 days.
pub fn month_grid(month: YearMonth) -> Vec<[Day; 7]> {
    let first = month.first_day();
    let last = month.last_day();
    let start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let mut weeks = Vec::new();
    let mut monday = start;
    while monday <= last {
        let week = std::array::from_fn(|i| {
            let date = monday + Duration::days(i as i64);
            Day { date, in_month: month.contains(date) }
        });
        weeks.push(week);
        monday += Duration::days(7);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn march_2024_starts_on_friday() {
        let g = month_grid(ym(2024, 3));
        assert_eq!(g.len(), 5);
        assert_eq!(g[0][0].date, NaiveDate::from_ymd_opt(2024, 2, 26).unwrap());
        assert!(!g[0][3].in_month);
        assert_eq!(g[0][4].date, NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
        assert!(g[0][4].in_month);
        assert_eq!(g[4][6].date, NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(g.iter().flatten().filter(|d| d.in_month).count(), 31);
    }

    #[test]
    fn every_week_is_monday_to_sunday_and_covers_the_month() {
        for m in ym(2023, 1).through(ym(2026, 12)) {
            let g = month_grid(m);
            assert!((4..=6).contains(&g.len()), "{m}");
            for w in &g {
                assert_eq!(w[0].date.weekday(), chrono::Weekday::Mon);
                assert_eq!(w[6].date.weekday(), chrono::Weekday::Sun);
            }
            let days = g.iter().flatten().filter(|d| d.in_month).count() as u32;
            assert_eq!(days, m.last_day().day(), "{m}");
        }
        // February 2021 starts on a Monday and has exactly four weeks.
        assert_eq!(month_grid(ym(2021, 2)).len(), 4);
    }
}
