//! Check: the errors that need the whole site (references between files, duplicate ids,
//! two reports on one visit). Errors in single values are found while loading.

use crate::diag::Diagnostic;
use crate::load::similar;
use crate::model::{Loc, Site, Sp};
use rustc_hash::{FxHashMap, FxHashSet};

/// Every cross-file error of a parsed site, sorted by location.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    duplicates("team", site.teams.iter().map(|t| (&t.id, ())), |()| None, &mut errors);
    duplicates("unit", site.units.iter().map(|u| (&u.id, ())), |()| None, &mut errors);
    // A visit without `id:` gets `<team>-<month>-<kind>`: say so when two collide.
    let visit_note = |v: &crate::model::Visit| {
        (v.id.loc == v.loc).then(|| Note {
            label: format!("this visit has no `id:`, so its id is `{}`", v.id.value),
            help: format!(
                "a visit with no `id` is called `<team>-<month>-<kind>`; two visits of team `{}` in {} of kind \
                 `{}` need an explicit `id:` each (e.g. `{}-2`)",
                v.team.value,
                v.month.value,
                v.kind.value.key(),
                v.id.value
            ),
        })
    };
    duplicates("visit", site.visits_iter().map(|v| (&v.id, v)), visit_note, &mut errors);

    // Hashed sets, not lists or trees: a lookup per reference stays cheap with tens of
    // thousands of visits (trees compared ids a dozen times each: half of `check`).
    let team_ids: FxHashSet<&str> = site.teams.iter().map(|t| t.id.value.as_str()).collect();
    let unit_ids: FxHashSet<&str> = site.units.iter().map(|u| u.id.value.as_str()).collect();
    let visit_ids: FxHashSet<&str> = site.visits.iter().map(|v| v.id.value.as_str()).collect();
    for v in &site.visits {
        reference("team", &v.team, &team_ids, "teams.yaml", &mut errors);
        reference("unit", &v.unit, &unit_ids, "units.yaml", &mut errors);
    }
    let mut reported: FxHashMap<&str, &Loc> = FxHashMap::default();
    for r in &site.reports {
        reference("visit", &r.visit, &visit_ids, "the schedule", &mut errors);
        if let Some(first) = reported.get(r.visit.value.as_str()) {
            errors.push(
                Diagnostic::error(
                    r.visit.loc.clone(),
                    format!("a second report on visit `{}`", r.visit.value),
                    "this visit already has a report",
                )
                .with_related((*first).clone(), "the first report on it")
                .with_help("merge the two reports into one file, or correct the `visit:` of one of them"),
            );
        } else {
            reported.insert(&r.visit.value, &r.visit.loc);
        }
    }
    errors.sort_by(|a, b| a.loc.cmp(&b.loc));
    errors
}

/// A label and help that replace the usual ones for a duplicate id.
struct Note {
    label: String,
    help: String,
}

/// Ids defined more than once: an error at every later definition, with the label and
/// help `note` gives for the thing defined (made only for a duplicate).
fn duplicates<'a, T>(
    what: &str,
    ids: impl Iterator<Item = (&'a Sp<String>, T)>,
    note: impl Fn(T) -> Option<Note>,
    errors: &mut Vec<Diagnostic>,
) {
    let mut first: FxHashMap<&str, &Loc> = FxHashMap::default();
    for (id, thing) in ids {
        match first.get(id.value.as_str()) {
            Some(at) => {
                let (label, help) = match note(thing) {
                    Some(n) => (n.label, n.help),
                    None => (
                        format!("expected an id no other {what} has"),
                        format!("every {what} needs its own id"),
                    ),
                };
                let d =
                    Diagnostic::error(id.loc.clone(), format!("duplicate {what} id `{}`", id.value), label)
                        .with_related((*at).clone(), "first defined here")
                        .with_help(help);
                errors.push(d);
            }
            None => {
                first.insert(&id.value, &id.loc);
            }
        }
    }
}

/// A reference to an id that must exist among `known`.
fn reference(
    what: &str,
    r: &Sp<String>,
    known: &FxHashSet<&str>,
    source: &str,
    errors: &mut Vec<Diagnostic>,
) {
    if known.contains(r.value.as_str()) {
        return;
    }
    let mut sorted: Vec<&str> = known.iter().copied().collect();
    sorted.sort_unstable();
    let listed =
        if sorted.is_empty() { format!("there are none in {source}") } else { similar::list(&sorted, 8) };
    let help = match similar::closest(&r.value, sorted.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? the {what} ids are: {listed}"),
        None => format!("the {what} ids are: {listed}"),
    };
    errors.push(
        Diagnostic::error(
            r.loc.clone(),
            format!("unknown {what} `{}`", r.value),
            format!("expected the id of a {what} in {source}"),
        )
        .with_help(help),
    );
}

#[cfg(test)]
mod damaged;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, SourceFile, parse};

    const SITE: &str = "title: T\norganization: O\nissuer: I\nperiod: { from: 2024-03, to: 2024-04 }\ndeadline: 2024-11-10\n";
    const TEAMS: &str = "- { id: to-1, name: T1, leader: { name: A, title: B } }\n- { id: to-2, name: T2, leader: { name: C, title: D } }\n";
    const UNITS: &str = "- id: db-a\n  name: A\n  kind: dang_bo_co_so\n  cells:\n    - { id: cb-a1, name: A1 }\n- { id: cb-b, name: B, kind: chi_bo_co_so }\n";

    fn report(visit: &str) -> String {
        format!(
            "---\nvisit: {visit}\nheld_on: 2024-03-25\nsubmitted_on: 2024-03-29\nauthor: A\nmeeting: dinh_ky\n\
             attendance: {{ total: 1, exempt: 0, present: 1, excused: 0, unexcused: 0 }}\nrating: tot\n---\nBody\n"
        )
    }

    fn site(teams: &str, units: &str, schedule: &str, reports: &[(&str, String)]) -> Site {
        let mut files = vec![
            ("content/site.yaml", SITE.to_string()),
            ("content/plan.md", "---\ntitle: KH\n---\n".to_string()),
            ("content/teams.yaml", teams.to_string()),
            ("content/units.yaml", units.to_string()),
            ("content/schedule.yaml", schedule.to_string()),
        ];
        files.extend(reports.iter().cloned());
        let input = Input {
            files: files.into_iter().map(|(p, t)| SourceFile { path: p.into(), text: t }).collect(),
            static_files: vec![],
            problems: vec![],
        };
        parse(&input).unwrap_or_else(|e| panic!("{e:#?}"))
    }

    fn at(d: &Diagnostic) -> String {
        format!("{}:{}:{} {}", d.loc.file, d.loc.pos.line, d.loc.pos.col, d.message)
    }

    #[test]
    fn a_consistent_site_has_no_errors() {
        let s = site(
            TEAMS,
            UNITS,
            "- { team: to-1, kind: dang_uy, unit: db-a, month: 2024-03 }\n- { team: to-1, kind: chi_bo, unit: cb-a1, month: 2024-03 }\n",
            &[("content/reports/a.md", report("to-1-2024-03-chi-bo"))],
        );
        assert_eq!(check(&s), []);
    }

    #[test]
    fn duplicate_ids_point_at_the_second_with_the_first_related() {
        let teams = format!("{TEAMS}- {{ id: to-1, name: T3, leader: {{ name: E, title: F }} }}\n");
        let units = format!("{UNITS}- {{ id: cb-a1, name: X, kind: chi_bo_co_so }}\n");
        let s = site(&teams, &units, "", &[]);
        let e = check(&s);
        assert_eq!(
            e.iter().map(at).collect::<Vec<_>>(),
            [
                "content/teams.yaml:3:9 duplicate team id `to-1`",
                "content/units.yaml:7:9 duplicate unit id `cb-a1`",
            ]
        );
        assert_eq!(e[0].related[0].0.pos.line, 1);
        assert_eq!(e[1].related[0].0.pos.line, 5);
    }

    #[test]
    fn default_visit_ids_collide_with_a_help() {
        let s = site(
            TEAMS,
            UNITS,
            "- { team: to-1, kind: chi_bo, unit: cb-a1, month: 2024-03 }\n- { team: to-1, kind: chi_bo, unit: cb-b, month: 2024-03 }\n\
             - { team: to-2, kind: chi_bo, unit: cb-b, month: 2024-03, id: x }\n- { team: to-2, kind: chi_bo, unit: cb-b, month: 2024-04, id: x }\n",
            &[],
        );
        let e = check(&s);
        assert_eq!(
            e.iter().map(at).collect::<Vec<_>>(),
            [
                "content/schedule.yaml:2:3 duplicate visit id `to-1-2024-03-chi-bo`",
                "content/schedule.yaml:4:63 duplicate visit id `x`",
            ]
        );
        assert!(e[0].help.as_deref().unwrap().contains("explicit `id:`"), "{:?}", e[0].help);
        assert_eq!(e[0].label, "this visit has no `id:`, so its id is `to-1-2024-03-chi-bo`");
        assert!(!e[1].help.as_deref().unwrap().contains("explicit"));
    }

    #[test]
    fn unknown_references_suggest_the_closest() {
        let s = site(
            TEAMS,
            UNITS,
            "- { team: to-3, kind: dang_uy, unit: db-x, month: 2024-03 }\n",
            &[("content/reports/a.md", report("to-3-2024-03-dang-u"))],
        );
        let e = check(&s);
        assert_eq!(
            e.iter().map(at).collect::<Vec<_>>(),
            [
                "content/reports/a.md:2:8 unknown visit `to-3-2024-03-dang-u`",
                "content/schedule.yaml:1:11 unknown team `to-3`",
                "content/schedule.yaml:1:38 unknown unit `db-x`",
            ]
        );
        assert!(e[0].help.as_deref().unwrap().starts_with("did you mean `to-3-2024-03-dang-uy`?"));
        assert!(e[1].help.as_deref().unwrap().starts_with("did you mean `to-1`?"));
        assert!(e[2].help.as_deref().unwrap().starts_with("did you mean `db-a`?"));
    }

    #[test]
    fn two_reports_on_one_visit() {
        let s = site(
            TEAMS,
            UNITS,
            "- { team: to-1, kind: chi_bo, unit: cb-a1, month: 2024-03 }\n",
            &[
                ("content/reports/a.md", report("to-1-2024-03-chi-bo")),
                ("content/reports/b.md", report("to-1-2024-03-chi-bo")),
            ],
        );
        let e = check(&s);
        assert_eq!(
            e.iter().map(at).collect::<Vec<_>>(),
            ["content/reports/b.md:2:8 a second report on visit `to-1-2024-03-chi-bo`"]
        );
        assert_eq!(&*e[0].related[0].0.file, "content/reports/a.md");
    }
}
