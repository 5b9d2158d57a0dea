//! Each visit's status on `as_of`: reported (on time or late), upcoming, awaiting,
//! overdue or cancelled (FORMAT.md, "What each visit's status is").
//!
//! Decisions where the format is silent:
//! - A report counts on `as_of` when `submitted_on <= as_of`, whatever its `held_on`.
//! - Should a visit have several counted reports (an error `check` reports), the one
//!   submitted first counts (ties: the first in file order), so the result stays defined.
//! - A cancelled visit is `Cancelled` even with a report; its `report` still points at the
//!   counted report (the report exists and is published), but `on_time` is `None`.

use super::{Status, VisitState};
use crate::model::{Report, Site, Visit};
use chrono::{Days, NaiveDate};
use rustc_hash::FxHashMap;

/// `day + n` days, saturating at the largest date instead of overflowing.
pub(crate) fn add_days(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(n))).unwrap_or(NaiveDate::MAX)
}

/// Whether a report counts on `as_of`.
pub(crate) fn counts(report: &Report, as_of: NaiveDate) -> bool {
    report.submitted_on.value <= as_of
}

/// The index of the report that counts for each visit id on `as_of`: of the counted
/// reports on it, the one submitted first (ties: the first in file order).
fn counted_reports(site: &Site, as_of: NaiveDate) -> FxHashMap<&str, usize> {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, r) in site.reports.iter().enumerate().filter(|(_, r)| counts(r, as_of)) {
        first
            .entry(r.visit.value.as_str())
            .and_modify(|j| {
                if r.submitted_on.value < site.reports[*j].submitted_on.value {
                    *j = i;
                }
            })
            .or_insert(i);
    }
    first
}

/// The state of one visit on `as_of`.
#[cfg(test)]
pub(crate) fn visit_state(site: &Site, visit: &Visit, as_of: NaiveDate) -> VisitState {
    let report = counted_reports(site, as_of).get(visit.id.value.as_str()).copied();
    state_with(site, visit, report, as_of)
}

/// The state of one visit whose counted report (an index in `site.reports`) is `report`.
fn state_with(site: &Site, visit: &Visit, report: Option<usize>, as_of: NaiveDate) -> VisitState {
    let due_days = site.config.report_due_days;
    let meeting_day = visit.due_day();
    let report_due = add_days(meeting_day, due_days);
    let (status, on_time) = if visit.is_cancelled() {
        (Status::Cancelled, None)
    } else if let Some(i) = report {
        let r = &site.reports[i];
        (Status::Reported, Some(r.submitted_on.value <= add_days(r.held_on.value, due_days)))
    } else if meeting_day > as_of {
        (Status::Upcoming, None)
    } else if as_of <= report_due {
        (Status::Awaiting, None)
    } else {
        (Status::Overdue, None)
    };
    VisitState { status, on_time, report, report_due }
}

/// The states of all visits, parallel to `site.visits`.
pub(crate) fn visit_states(site: &Site, as_of: NaiveDate) -> Vec<VisitState> {
    let counted = counted_reports(site, as_of);
    site.visits
        .iter()
        .map(|v| state_with(site, v, counted.get(v.id.value.as_str()).copied(), as_of))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::testkit::*;
    use crate::model::VisitKind::{ChiBo, DangUy};

    /// One chi bộ visit on 2024-03-14 (undated when `date` is None), maybe with a report.
    fn one(date: Option<&str>, report: Option<crate::model::Report>, as_of: &str) -> VisitState {
        let mut v = visit("to-1", ChiBo, "cb-b", "2024-03");
        if let Some(date) = date {
            v = v.on(date);
        }
        let mut b = cast().visit(v);
        if let Some(r) = report {
            b = b.report(r);
        }
        let site = b.build();
        visit_states(&site, d(as_of)).remove(0)
    }

    const V: &str = "to-1-2024-03-chi-bo";

    #[test]
    fn before_the_meeting_day_is_upcoming() {
        let s = one(Some("2024-03-14"), None, "2024-03-13");
        assert_eq!(s.status, Status::Upcoming);
        assert_eq!(s.on_time, None);
        assert_eq!(s.report_due, d("2024-03-24"));
    }

    #[test]
    fn meeting_on_as_of_is_awaiting() {
        assert_eq!(one(Some("2024-03-14"), None, "2024-03-14").status, Status::Awaiting);
    }

    #[test]
    fn report_due_exactly_on_as_of_is_awaiting() {
        let s = one(Some("2024-03-14"), None, "2024-03-24");
        assert_eq!(s.report_due, d("2024-03-24"));
        assert_eq!(s.status, Status::Awaiting);
    }

    #[test]
    fn the_day_after_the_report_was_due_is_overdue() {
        assert_eq!(one(Some("2024-03-14"), None, "2024-03-25").status, Status::Overdue);
    }

    #[test]
    fn undated_visit_is_judged_on_the_last_day_of_its_month() {
        let s = one(None, None, "2024-03-30");
        assert_eq!((s.status, s.report_due), (Status::Upcoming, d("2024-04-10")));
        assert_eq!(one(None, None, "2024-03-31").status, Status::Awaiting);
        assert_eq!(one(None, None, "2024-04-10").status, Status::Awaiting);
        assert_eq!(one(None, None, "2024-04-11").status, Status::Overdue);
    }

    #[test]
    fn undated_visit_in_february_of_a_leap_year() {
        let site = cast().visit(visit("to-1", DangUy, "db-a", "2024-02")).build();
        let s = visit_state(&site, &site.visits[0], d("2024-02-28"));
        assert_eq!((s.status, s.report_due), (Status::Upcoming, d("2024-03-10")));
    }

    #[test]
    fn report_submitted_on_the_due_day_is_on_time() {
        let s = one(Some("2024-03-14"), Some(report(V, "2024-03-15", "2024-03-25")), "2024-04-01");
        assert_eq!((s.status, s.on_time, s.report), (Status::Reported, Some(true), Some(0)));
    }

    #[test]
    fn report_submitted_a_day_after_the_due_day_is_late() {
        let s = one(Some("2024-03-14"), Some(report(V, "2024-03-15", "2024-03-26")), "2024-04-01");
        assert_eq!((s.status, s.on_time), (Status::Reported, Some(false)));
    }

    #[test]
    fn on_time_is_measured_from_held_on_not_the_planned_date() {
        // Planned for the 14th, held on the 20th: due on the 30th by held_on.
        let s = one(Some("2024-03-14"), Some(report(V, "2024-03-20", "2024-03-30")), "2024-04-01");
        assert_eq!(s.on_time, Some(true));
    }

    #[test]
    fn report_submitted_after_as_of_does_not_count_yet() {
        let r = report(V, "2024-03-14", "2024-03-20");
        let s = one(Some("2024-03-14"), Some(r.clone()), "2024-03-19");
        assert_eq!((s.status, s.report, s.on_time), (Status::Awaiting, None, None));
        let s = one(Some("2024-03-14"), Some(r), "2024-03-20");
        assert_eq!((s.status, s.report), (Status::Reported, Some(0)));
    }

    #[test]
    fn late_report_not_yet_submitted_leaves_the_visit_overdue() {
        let r = report(V, "2024-03-14", "2024-04-05");
        assert_eq!(one(Some("2024-03-14"), Some(r), "2024-04-01").status, Status::Overdue);
    }

    #[test]
    fn cancelled_visit_with_a_report_is_cancelled() {
        let site = cast()
            .visit(visit("to-1", ChiBo, "cb-b", "2024-03").on("2024-03-14").cancelled())
            .report(report(V, "2024-03-14", "2024-03-15"))
            .build();
        let s = visit_state(&site, &site.visits[0], d("2024-04-01"));
        assert_eq!((s.status, s.on_time, s.report), (Status::Cancelled, None, Some(0)));
    }

    #[test]
    fn cancelled_visit_without_report_is_cancelled_even_when_overdue() {
        let site = cast().visit(visit("to-1", ChiBo, "cb-b", "2024-03").cancelled()).build();
        let s = visit_state(&site, &site.visits[0], d("2024-12-31"));
        assert_eq!(s.status, Status::Cancelled);
    }

    #[test]
    fn reports_on_other_visits_do_not_count() {
        let r = report("to-2-2024-03-chi-bo", "2024-03-14", "2024-03-15");
        assert_eq!(one(Some("2024-03-14"), Some(r), "2024-03-16").status, Status::Awaiting);
    }

    #[test]
    fn of_two_reports_the_first_submitted_counts() {
        let site = cast()
            .visit(visit("to-1", ChiBo, "cb-b", "2024-03").on("2024-03-14"))
            .report(report(V, "2024-03-14", "2024-03-30"))
            .report(report(V, "2024-03-14", "2024-03-16"))
            .build();
        let s = visit_state(&site, &site.visits[0], d("2024-04-01"));
        assert_eq!((s.report, s.on_time), (Some(1), Some(true)));
        let s = visit_state(&site, &site.visits[0], d("2024-03-16"));
        assert_eq!(s.report, Some(1));
    }

    #[test]
    fn huge_due_days_do_not_overflow() {
        let site = cast()
            .config(|c| c.report_due_days = u32::MAX)
            .visit(visit("to-1", ChiBo, "cb-b", "2024-03").on("2024-03-14"))
            .build();
        let s = visit_state(&site, &site.visits[0], d("2030-01-01"));
        assert_eq!((s.status, s.report_due), (Status::Awaiting, NaiveDate::MAX));
    }
}
