//! Property tests of the judgement: for any generated plan and `as_of`, the statuses
//! partition the planned visits, moving `as_of` forward never un-reports a visit, and
//! judging (and rendering the data files) twice gives the same result.

use super::testkit::*;
use super::{Status, judge};
use crate::model::{Site, UnitKind, VisitKind};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

/// One generated visit: team index, kind, month (1..=12 of 2024), day offset, cancelled,
/// and maybe a report (held offset from the meeting day, submission delay, restricted).
type VisitSpec = (usize, bool, u32, Option<i64>, bool, Option<(i64, i64, bool)>);

pub(crate) fn visit_spec() -> impl Strategy<Value = VisitSpec> {
    (
        0..3usize,
        any::<bool>(),
        1..=12u32,
        proptest::option::of(-5..40i64),
        proptest::bool::weighted(0.15),
        proptest::option::of((-3..10i64, -2..40i64, proptest::bool::weighted(0.2))),
    )
}

fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs())).unwrap_or(d)
    }
}

/// A site from specs: three teams, a đảng bộ with a cell, a chi bộ cơ sở; every visit
/// has its own id, every report names a distinct visit (what `check` guarantees).
pub(crate) fn site(specs: &[VisitSpec], due_days: u32) -> Site {
    let mut b = SiteBuilder::new()
        .config(|c| {
            c.report_due_days = due_days;
            c.period_from = ym("2024-01");
            c.period_to = ym("2024-12");
        })
        .team("to-1", 2)
        .team("to-2", 2)
        .team("to-3", 3)
        .unit("db-a", UnitKind::DangBoCoSo)
        .cell("cb-a1", "db-a")
        .unit("cb-b", UnitKind::ChiBoCoSo);
    for (i, (team, dang_uy, month, day, cancelled, rep)) in specs.iter().enumerate() {
        let (kind, unit) = if *dang_uy { (VisitKind::DangUy, "db-a") } else { (VisitKind::ChiBo, "cb-a1") };
        let month = ym(&format!("2024-{month:02}"));
        let mut v = visit(&format!("to-{}", team + 1), kind, unit, &month.to_string());
        v.id.value = format!("v-{i}");
        let meeting = match day {
            Some(off) => plus(month.first_day(), *off),
            None => month.last_day(),
        };
        if day.is_some() {
            v = v.on(&meeting.format("%Y-%m-%d").to_string());
        }
        if *cancelled {
            v = v.cancelled();
        }
        b = b.visit(v);
        if let Some((held, delay, restricted)) = rep {
            let held_on = plus(meeting, *held);
            let submitted = plus(held_on, *delay);
            let mut r = report(&format!("v-{i}"), &fmt(held_on), &fmt(submitted));
            if *restricted {
                r = r.restricted();
            }
            b = b.report(r);
        }
    }
    b.build()
}

fn fmt(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn as_of() -> impl Strategy<Value = NaiveDate> {
    (0..1100u64).prop_map(|n| d("2023-06-01").checked_add_days(Days::new(n)).expect("date"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn statuses_partition_the_planned_visits(
        specs in proptest::collection::vec(visit_spec(), 0..40),
        due in 0..30u32,
        as_of in as_of(),
    ) {
        let site = site(&specs, due);
        let j = judge(&site, as_of);
        prop_assert_eq!(j.visits.len(), site.visits.len());
        for include_restricted in [false, true] {
            let s = j.summary(&site, include_restricted);
            let s = s.tally;
            prop_assert_eq!(s.reported + s.awaiting + s.overdue + s.upcoming, s.planned());
            prop_assert_eq!(s.on_time + s.late, s.reported);
            prop_assert_eq!(s.planned() + s.cancelled, site.visits.len() as u32);
        }
        for (v, state) in site.visits.iter().zip(&j.visits) {
            let cancelled = v.status == crate::model::PlanStatus::Cancelled;
            prop_assert_eq!(state.status == Status::Cancelled, cancelled);
            prop_assert_eq!(state.on_time.is_some(), state.status == Status::Reported);
        }
    }

    #[test]
    fn moving_as_of_forward_never_unreports(
        specs in proptest::collection::vec(visit_spec(), 0..40),
        due in 0..30u32,
        earlier in as_of(),
        step in 0..400u64,
    ) {
        let site = site(&specs, due);
        let later = earlier.checked_add_days(Days::new(step)).expect("date");
        let (a, b) = (judge(&site, earlier), judge(&site, later));
        for (i, (x, y)) in a.visits.iter().zip(&b.visits).enumerate() {
            if x.status == Status::Reported {
                prop_assert_eq!(y.status, Status::Reported, "visit {} on {} then {}", i, earlier, later);
                prop_assert_eq!(x.report, y.report);
            }
        }
        let (sa, sb) = (a.summary(&site, true), b.summary(&site, true));
        prop_assert!(sb.tally.reported >= sa.tally.reported);
    }
}

/// The generated plans reach every status, so the properties above are not vacuous.
#[test]
fn generated_plans_reach_every_status() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (proptest::collection::vec(visit_spec(), 0..40), 0..30u32, as_of());
    let mut seen = std::collections::BTreeSet::new();
    let mut on_time = std::collections::BTreeSet::new();
    for _ in 0..64 {
        let (specs, due, as_of) = strategy.new_tree(&mut runner).expect("value").current();
        let site = site(&specs, due);
        for v in judge(&site, as_of).visits {
            seen.insert(v.status);
            on_time.insert(v.on_time);
        }
    }
    assert_eq!(seen.len(), 5, "{seen:?}");
    assert_eq!(on_time.len(), 3, "{on_time:?}");
}
