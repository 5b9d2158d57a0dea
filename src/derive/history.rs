//! The plan month by month: the judgement as it stood at the end of each month of the
//! period that has ended by `as_of` (FORMAT.md, "The dashboard month by month").
//!
//! Each is [`super::judge`] on that month's last day, so a month's page says exactly what
//! `--as-of` that day would have said.

use super::{Judgement, judge};
use crate::model::{Site, YearMonth};
use chrono::NaiveDate;
use rayon::prelude::*;

/// The judgement on the last day of one month.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthEnd {
    pub month: YearMonth,
    pub judgement: Judgement,
}

/// The months of the period whose last day is not after `as_of`, in order.
pub fn ended_months(site: &Site, as_of: NaiveDate) -> Vec<YearMonth> {
    site.config.months().into_iter().filter(|m| m.last_day() <= as_of).collect()
}

/// The judgement at the end of each month of [`ended_months`], in order.
pub fn month_ends(site: &Site, as_of: NaiveDate) -> Vec<MonthEnd> {
    ended_months(site, as_of)
        .into_par_iter()
        .map(|month| MonthEnd { month, judgement: judge(site, month.last_day()) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::testkit::{SiteBuilder, VisitExt, d, report, visit};
    use crate::model::VisitKind::ChiBo;

    fn site() -> Site {
        SiteBuilder::new()
            .team("to-1", 2)
            .unit("cb-a", crate::model::UnitKind::ChiBoCoSo)
            .visit(visit("to-1", ChiBo, "cb-a", "2024-03").on("2024-03-10"))
            .visit(visit("to-1", ChiBo, "cb-a", "2024-04").on("2024-04-10"))
            .report(report("to-1-2024-03-chi-bo", "2024-03-10", "2024-04-25"))
            .build()
    }

    #[test]
    fn only_months_ended_by_as_of_and_each_judged_on_its_last_day() {
        let site = site();
        let months: Vec<String> =
            ended_months(&site, d("2024-05-30")).iter().map(|m| m.to_string()).collect();
        assert_eq!(months, ["2024-03", "2024-04"], "May has not ended on 30/05");
        assert_eq!(ended_months(&site, d("2024-05-31")).len(), 3, "a month has ended on its last day");
        assert!(ended_months(&site, d("2024-03-30")).is_empty());
        let ends = month_ends(&site, d("2024-05-31"));
        for e in &ends {
            assert_eq!(e.judgement, judge(&site, e.month.last_day()), "{}", e.month);
        }
        // The March report reached the Ban Tổ chức on 25/04: at the end of March the visit
        // (held 10/03, report due 20/03) was overdue, at the end of April reported late.
        let s = |k: usize| ends[k].judgement.summary(&site, false).tally;
        assert_eq!((s(0).reported, s(0).overdue), (0, 1));
        assert_eq!((s(1).reported, s(1).late), (1, 1));
    }
}
