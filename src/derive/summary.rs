//! The figures of `data/summary.json` (FORMAT.md): counts by status, gaps, findings and
//! units visited.
//!
//! `units_total` counts every unit, cells included; `units_visited` counts distinct units
//! with at least one `reported` visit (a report on a cancelled visit does not count).

use super::{Judgement, Status, Summary, VisitState};
use crate::model::Site;
use rustc_hash::FxHashSet;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Visits counted by status, the reported ones split into on time and late: the one count
/// behind `data/summary.json` and the figures the pages show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub reported: u32,
    pub on_time: u32,
    pub late: u32,
    pub awaiting: u32,
    pub overdue: u32,
    pub upcoming: u32,
    pub cancelled: u32,
}

impl Tally {
    pub fn of<'a>(states: impl IntoIterator<Item = &'a VisitState>) -> Tally {
        let mut t = Tally::default();
        for s in states {
            let n = match s.status {
                Status::Cancelled => &mut t.cancelled,
                Status::Reported if s.on_time == Some(true) => &mut t.on_time,
                Status::Reported => &mut t.late,
                Status::Awaiting => &mut t.awaiting,
                Status::Overdue => &mut t.overdue,
                Status::Upcoming => &mut t.upcoming,
            };
            *n = n.saturating_add(1);
        }
        t.reported = t.on_time.saturating_add(t.late);
        t
    }

    /// The visits the plan holds: every one not cancelled.
    pub fn planned(&self) -> u32 {
        self.reported.saturating_add(self.awaiting).saturating_add(self.overdue).saturating_add(self.upcoming)
    }

    /// reported × 100 / planned, rounded down (0 when nothing is planned).
    pub fn percent_reported(&self) -> u32 {
        (self.reported * 100).checked_div(self.planned()).unwrap_or(0)
    }
}

pub(crate) fn summary(j: &Judgement, site: &Site, include_restricted: bool) -> Summary {
    let t = Tally::of(&j.visits);
    // Only counted: a hash set (a BTreeSet sorted 10,000 names for each of the 250 month
    // summaries of the benchmark's corpus, 3 % of a build's CPU).
    let visited: FxHashSet<&str> = site
        .visits
        .iter()
        .zip(&j.visits)
        .filter(|(_, s)| s.status == Status::Reported)
        .map(|(v, _)| v.unit.value.as_str())
        .collect();
    Summary {
        as_of: Some(j.as_of),
        tally: t,
        gaps: count(j.gaps.len()),
        findings: count(super::publish::published_findings(j, include_restricted).count()),
        units_total: count(site.units.len()),
        units_visited: count(visited.len()),
    }
}

#[cfg(test)]
mod tests {
    use crate::derive::testkit::*;
    use crate::derive::{Summary, Tally, judge};
    use crate::model::Site;
    use crate::model::VisitKind::{ChiBo, DangUy};

    /// Two teams, March..May; as_of 2024-04-20, reports due in 10 days.
    /// to-1 03 dang_uy db-a  03-14, report 03-20 on time          → reported, on time
    /// to-1 03 chi_bo  cb-a1 03-20, report 04-01 late, restricted,
    ///                 no accompanied_by, attendance wrong          → reported, late (2 restricted findings)
    /// to-1 04 dang_uy db-a  04-10 (report due 04-20 = as_of)       → awaiting
    /// to-1 04 chi_bo  cb-b  undated (04-30 > as_of)                → upcoming
    /// to-2 03 dang_uy db-a  03-05 (report due 03-15)               → overdue
    /// to-2 03 chi_bo  cb-b  cancelled, with a report               → cancelled
    /// to-2 04 dang_uy cb-b  04-25 (wrong kind: 1 public finding)   → upcoming
    /// to-2 04 chi_bo  cb-b  04-02, report submitted 04-21 > as_of  → overdue (report not counted yet)
    fn site() -> Site {
        cast()
            .config(|c| c.period_to = ym("2024-05"))
            .visit(visit("to-1", DangUy, "db-a", "2024-03").on("2024-03-14"))
            .visit(visit("to-1", ChiBo, "cb-a1", "2024-03").on("2024-03-20"))
            .visit(visit("to-1", DangUy, "db-a", "2024-04").on("2024-04-10"))
            .visit(visit("to-1", ChiBo, "cb-b", "2024-04"))
            .visit(visit("to-2", DangUy, "db-a", "2024-03").on("2024-03-05"))
            .visit(visit("to-2", ChiBo, "cb-b", "2024-03").cancelled())
            .visit(visit("to-2", DangUy, "cb-b", "2024-04").on("2024-04-25"))
            .visit(visit("to-2", ChiBo, "cb-b", "2024-04").on("2024-04-02"))
            .report(report("to-1-2024-03-dang-uy", "2024-03-14", "2024-03-20"))
            .report(
                report("to-1-2024-03-chi-bo", "2024-03-20", "2024-04-01")
                    .attendance(9, 0, 1, 0, 0)
                    .restricted(),
            )
            .report(report("to-2-2024-03-chi-bo", "2024-03-22", "2024-03-23"))
            .report(report("to-2-2024-04-chi-bo", "2024-04-02", "2024-04-21"))
            .build()
    }

    #[test]
    fn figures_worked_out_by_hand() {
        let s = site();
        let j = judge(&s, d("2024-04-20"));
        // gaps: May has no visits (2 teams × 2 kinds = 4) + to-2's cancelled March chi bộ = 5.
        // findings: wrong kind and the report on the cancelled March chi bộ (public) + 2
        // from the restricted report.
        let expected = Summary {
            as_of: Some(d("2024-04-20")),
            tally: Tally {
                reported: 2,
                on_time: 1,
                late: 1,
                awaiting: 1,
                overdue: 2,
                upcoming: 2,
                cancelled: 1,
            },
            gaps: 5,
            findings: 4,
            units_total: 3,
            units_visited: 2,
        };
        assert_eq!(j.summary(&s, true), expected);
        assert_eq!(expected.tally.planned(), 7);
        assert_eq!(j.summary(&s, false), Summary { findings: 2, ..expected });
    }

    #[test]
    fn identities_hold_on_every_day() {
        let s = site();
        let mut day = d("2024-02-01");
        while day <= d("2024-06-30") {
            let j = judge(&s, day);
            let m = j.summary(&s, true);
            let t = m.tally;
            assert_eq!(t.reported + t.awaiting + t.overdue + t.upcoming, t.planned(), "{day}");
            assert_eq!(t.on_time + t.late, t.reported, "{day}");
            assert_eq!(t.planned() + t.cancelled, s.visits.len() as u32, "{day}");
            assert!(m.units_visited <= t.reported && m.units_visited <= m.units_total, "{day}");
            assert!(j.summary(&s, false).findings <= m.findings, "{day}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn a_past_as_of_shows_the_past() {
        let s = site();
        let m = judge(&s, d("2024-03-01")).summary(&s, true);
        assert_eq!((m.tally.reported, m.tally.upcoming, m.units_visited), (0, 7, 0));
        // Only the schedule's wrong kind remains; no report counts yet.
        assert_eq!(m.findings, 1);
    }

    #[test]
    fn empty_site() {
        let s = SiteBuilder::new().build();
        let m = judge(&s, d("2024-04-20")).summary(&s, false);
        assert_eq!(m, Summary { as_of: Some(d("2024-04-20")), ..Summary::default() });
    }
}
