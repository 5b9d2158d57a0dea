//! Check: the errors that need the whole site (references between files, duplicate ids,
//! two reports on one visit). Errors in single values are found while loading.
//!
//! Root cause first: the definitions' errors (duplicate ids, an empty list of teams or
//! units) come before the references they break, and the uses of one unknown id are one
//! error at its first use, the others folded into a note under it; when a list of
//! definitions is empty, every reference to it is folded into a note under that one error.

use crate::diag::Diagnostic;
use crate::load::similar;
use crate::model::{Loc, Site, Sp};
use crate::msg::check as m;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// Every cross-file error of a parsed site: the definitions' errors first, each group
/// sorted by location.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut defs = Vec::new();
    duplicates("team", site.teams.iter().map(|t| (&t.id, ())), |()| None, &mut defs);
    duplicates("unit", site.units.iter().map(|u| (&u.id, ())), |()| None, &mut defs);
    // A visit without `id:` gets `<team>-<month>-<kind>`: say so when two collide.
    let visit_note = |v: &crate::model::Visit| {
        (v.id.loc == v.loc).then(|| Note {
            label: m::default_visit_id_label(&v.id.value),
            help: m::default_visit_id_help(
                &v.team.value,
                &v.month.value.to_string(),
                v.kind.value.key(),
                &v.id.value,
            ),
        })
    };
    duplicates("visit", site.visits_iter().map(|v| (&v.id, v)), visit_note, &mut defs);
    defs.sort_by(|a, b| a.loc.cmp(&b.loc));

    // Hashed sets, not lists or trees: a lookup per reference stays cheap with tens of
    // thousands of visits (trees compared ids a dozen times each: half of `check`).
    let team_ids: FxHashSet<&str> = site.teams.iter().map(|t| t.id.value.as_str()).collect();
    let unit_ids: FxHashSet<&str> = site.units.iter().map(|u| u.id.value.as_str()).collect();
    let visit_ids: FxHashSet<&str> = site.visits.iter().map(|v| v.id.value.as_str()).collect();
    let mut teams = Unknown::new("team", "content/teams.yaml", &team_ids);
    let mut units = Unknown::new("unit", "content/units.yaml", &unit_ids);
    let mut visits = Unknown::new("visit", "content/schedule.yaml", &visit_ids);
    for v in &site.visits {
        teams.check(&v.team);
        units.check(&v.unit);
    }
    let mut refs = Vec::new();
    let mut reported: FxHashMap<&str, &Loc> = FxHashMap::default();
    for r in &site.reports {
        visits.check(&r.visit);
        if let Some(first) = reported.get(r.visit.value.as_str()) {
            refs.push(
                Diagnostic::error(
                    r.visit.loc.clone(),
                    m::second_report(&r.visit.value),
                    m::second_report_label(),
                )
                .with_related((*first).clone(), m::first_report_label())
                .with_help(m::second_report_help()),
            );
        } else {
            reported.insert(&r.visit.value, &r.visit.loc);
        }
    }
    let duplicated: Vec<Arc<str>> = defs.iter().map(|d| d.loc.file.clone()).collect();
    for u in [teams, units, visits] {
        u.finish(&duplicated, &mut defs, &mut refs);
    }
    refs.sort_by(|a, b| a.loc.cmp(&b.loc));
    defs.extend(refs);
    defs
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
                    None => (m::duplicate_label(what), m::duplicate_help(what)),
                };
                let d = Diagnostic::error(id.loc.clone(), m::duplicate(what, &id.value), label)
                    .with_related((*at).clone(), m::first_defined_here())
                    .with_help(help);
                errors.push(d);
            }
            None => {
                first.insert(&id.value, &id.loc);
            }
        }
    }
}

/// The references to ids of one kind that are not defined, grouped by id in the order
/// they are first met.
struct Unknown<'a> {
    what: &'static str,
    /// The file that defines them.
    source: &'static str,
    known: &'a FxHashSet<&'a str>,
    uses: Vec<(&'a str, Vec<&'a Loc>)>,
    index: FxHashMap<&'a str, usize>,
}

impl<'a> Unknown<'a> {
    fn new(what: &'static str, source: &'static str, known: &'a FxHashSet<&'a str>) -> Self {
        Unknown { what, source, known, uses: Vec::new(), index: FxHashMap::default() }
    }

    /// The defining file, as a message names it.
    fn source_name(&self) -> String {
        if self.what == "visit" {
            m::the_schedule()
        } else {
            self.source.trim_start_matches("content/").to_string()
        }
    }

    fn check(&mut self, r: &'a Sp<String>) {
        if self.known.contains(r.value.as_str()) {
            return;
        }
        let i = *self.index.entry(&r.value).or_insert_with(|| {
            self.uses.push((&r.value, Vec::new()));
            self.uses.len() - 1
        });
        self.uses[i].1.push(&r.loc);
    }

    /// The errors: with no definitions at all, one error on the defining file with every
    /// use folded under it; else one error per unknown id at its first use, its other uses
    /// in a note, and, when a definition of this kind is duplicated, that as the likely cause.
    fn finish(self, duplicated: &[Arc<str>], defs: &mut Vec<Diagnostic>, refs: &mut Vec<Diagnostic>) {
        if self.uses.is_empty() {
            return;
        }
        let total: usize = self.uses.iter().map(|(_, l)| l.len()).sum();
        if self.known.is_empty() && self.what != "visit" {
            let file: Arc<str> = self.source.into();
            let loc = Loc::new(&file, crate::model::Pos { line: 1, col: 1, len: 0 });
            let ids: Vec<&str> = self.uses.iter().map(|(id, _)| *id).collect();
            defs.push(
                Diagnostic::error(
                    loc,
                    m::none_defined(self.what, self.source),
                    m::none_defined_label(self.what),
                )
                .with_note(m::none_defined_note(self.what, total, &similar::list(&ids, 8))),
            );
            return;
        }
        let mut sorted: Vec<&str> = self.known.iter().copied().collect();
        sorted.sort_unstable();
        let listed = similar::list(&sorted, 8);
        let source_name = self.source_name();
        for (id, locs) in self.uses {
            let help = match similar::closest(id, sorted.iter().copied()) {
                Some(c) => m::unknown_help_closest(self.what, c, &listed),
                None => m::unknown_help(self.what, &listed),
            };
            let mut d = Diagnostic::error(
                locs[0].clone(),
                m::unknown(self.what, id),
                m::unknown_label(self.what, &source_name),
            )
            .with_help(help);
            if locs.len() > 1 {
                let shown: Vec<String> = locs[1..].iter().take(5).map(|l| l.to_string()).collect();
                d = d.with_note(m::unknown_more_uses(id, locs.len() - 1, &shown.join(", ")));
            }
            if self.what != "visit" && duplicated.iter().any(|f| f.as_ref() == self.source) {
                d = d.with_note(m::maybe_caused_by_duplicate(self.what, self.source));
            }
            refs.push(d);
        }
    }
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

    #[test]
    fn a_duplicated_team_comes_first_and_its_lost_id_is_one_error() {
        // to-2 was retyped as to-1: one duplicate, then one error for `to-2` with its uses.
        let teams = "- { id: to-1, name: T1, leader: { name: A, title: B } }\n- { id: to-1, name: T2, leader: { name: C, title: D } }\n";
        let schedule: String = ["2024-03", "2024-04"]
            .iter()
            .flat_map(|m| {
                [
                    format!("- {{ team: to-2, kind: dang_uy, unit: db-a, month: {m} }}\n"),
                    format!("- {{ team: to-2, kind: chi_bo, unit: cb-b, month: {m} }}\n"),
                ]
            })
            .collect();
        let e = check(&site(teams, UNITS, &schedule, &[]));
        assert_eq!(
            e.iter().map(at).collect::<Vec<_>>(),
            [
                "content/teams.yaml:2:9 duplicate team id `to-1`",
                "content/schedule.yaml:1:11 unknown team `to-2`"
            ]
        );
        assert_eq!(e[1].notes.len(), 2, "{:?}", e[1].notes);
        assert!(e[1].notes[0].contains("3 more places"), "{:?}", e[1].notes);
        assert!(e[1].notes[0].contains("content/schedule.yaml:2:11"), "{:?}", e[1].notes);
        assert!(e[1].notes[1].contains("duplicate team id"), "{:?}", e[1].notes);
    }

    #[test]
    fn an_empty_teams_file_is_the_one_error_with_its_consequences_as_a_note() {
        let schedule = "- { team: to-1, kind: dang_uy, unit: db-a, month: 2024-03 }\n- { team: to-2, kind: chi_bo, unit: cb-b, month: 2024-03 }\n";
        let e = check(&site("", UNITS, schedule, &[]));
        assert_eq!(
            e.iter().map(at).collect::<Vec<_>>(),
            ["content/teams.yaml:1:1 content/teams.yaml defines no team"]
        );
        assert_eq!(e[0].notes.len(), 1);
        assert!(e[0].notes[0].starts_with("so 2 references to a team"), "{:?}", e[0].notes);
    }
}
