//! Gaps: a (team, month of the period, kind) with fewer non-cancelled visits than
//! `require` asks (FORMAT.md).
//!
//! Decisions where the format is silent: a visit counts for the `month` it is filed
//! under (even when its date lies elsewhere, which is a finding of its own) and whatever
//! the kind of its unit; visits of teams not in teams.yaml are an error of `check` and
//! fill no gap. Gaps do not depend on `as_of`: the plan is judged as a whole.

use super::Gap;
use crate::model::{Site, VisitKind, YearMonth};
use rustc_hash::FxHashMap;

/// Every gap, in teams.yaml order, then by month, then `dang_uy` before `chi_bo`.
pub(crate) fn gaps(site: &Site) -> Vec<Gap> {
    let months = site.config.months();
    // Non-cancelled visits per (team, month, kind), counted in one pass.
    let mut planned_of: FxHashMap<(&str, YearMonth, VisitKind), usize> = FxHashMap::default();
    for v in site.visits.iter().filter(|v| !v.is_cancelled()) {
        *planned_of.entry((v.team.value.as_str(), v.month.value, v.kind.value)).or_default() += 1;
    }
    let mut out = Vec::new();
    for team in &site.teams {
        for &month in &months {
            for kind in VisitKind::ALL {
                let required = site.config.require.of(kind);
                let planned = planned_of.get(&(team.id.value.as_str(), month, kind)).copied().unwrap_or(0);
                let planned = u32::try_from(planned).unwrap_or(u32::MAX);
                if planned < required {
                    out.push(Gap { team: team.id.value.clone(), month, kind, required, planned });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::testkit::*;
    use crate::model::VisitKind::{ChiBo, DangUy};

    fn gap(team: &str, month: &str, kind: VisitKind, required: u32, planned: u32) -> Gap {
        Gap { team: team.into(), month: ym(month), kind, required, planned }
    }

    /// to-1 full for 2024-03..05 except the chi bộ of April.
    fn site() -> SiteBuilder {
        let mut b = cast().config(|c| c.period_to = ym("2024-05"));
        for m in ["2024-03", "2024-04", "2024-05"] {
            b = b.visit(visit("to-1", DangUy, "db-a", m));
            if m != "2024-04" {
                b = b.visit(visit("to-1", ChiBo, "cb-b", m));
            }
        }
        b
    }

    #[test]
    fn every_missing_team_month_kind_is_a_gap_in_order() {
        // to-2 (second in teams.yaml) has nothing; teams listed out of alphabetical order
        // keep the teams.yaml order.
        let s = site().team("a-first-alphabetically", 2).config(|c| c.period_to = ym("2024-04")).build();
        let g = gaps(&s);
        assert_eq!(
            g,
            vec![
                gap("to-1", "2024-04", ChiBo, 1, 0),
                gap("to-2", "2024-03", DangUy, 1, 0),
                gap("to-2", "2024-03", ChiBo, 1, 0),
                gap("to-2", "2024-04", DangUy, 1, 0),
                gap("to-2", "2024-04", ChiBo, 1, 0),
                gap("a-first-alphabetically", "2024-03", DangUy, 1, 0),
                gap("a-first-alphabetically", "2024-03", ChiBo, 1, 0),
                gap("a-first-alphabetically", "2024-04", DangUy, 1, 0),
                gap("a-first-alphabetically", "2024-04", ChiBo, 1, 0),
            ]
        );
    }

    #[test]
    fn cancelled_visits_leave_a_gap() {
        let s = site().visit(visit("to-1", ChiBo, "cb-b", "2024-04").cancelled()).build();
        assert!(gaps(&s).contains(&gap("to-1", "2024-04", ChiBo, 1, 0)));
        let s = site().visit(visit("to-1", ChiBo, "cb-b", "2024-04")).build();
        assert!(gaps(&s).iter().all(|g| g.team != "to-1"));
    }

    #[test]
    fn require_two_counts_planned_visits() {
        let s = site().config(|c| c.require.dang_uy = 2).build();
        let to1: Vec<Gap> = gaps(&s).into_iter().filter(|g| g.team == "to-1").collect();
        assert_eq!(
            to1,
            vec![
                gap("to-1", "2024-03", DangUy, 2, 1),
                gap("to-1", "2024-04", DangUy, 2, 1),
                gap("to-1", "2024-04", ChiBo, 1, 0),
                gap("to-1", "2024-05", DangUy, 2, 1),
            ]
        );
    }

    #[test]
    fn require_zero_never_gaps_and_visits_outside_the_period_fill_nothing() {
        let s =
            cast().config(|c| c.require.chi_bo = 0).visit(visit("to-1", DangUy, "db-a", "2024-06")).build();
        let g = gaps(&s);
        assert!(g.iter().all(|g| g.kind == DangUy));
        assert_eq!(g.len(), 2 * 3);
    }
}
