//! Feeds and exports for other programs: iCalendar files ([`ics`]) and the data files
//! `data/reports.csv` and `data/findings.json` ([`exports`]). Pure functions of the model
//! and its judgement; the renderer writes what they return.

pub mod exports;
pub mod ics;

/// The feeds and exports a build of `site` writes, each with what it is made from: the
/// whole feed and the exports from every visit and report, a team's feed from the team's
/// visits, a unit's from the unit's (a đảng bộ's with its cells').
pub fn declared(site: &crate::model::Site) -> Vec<crate::output::Declared> {
    use crate::output::{Declared, Dep};
    use crate::paths;
    let mut out = vec![
        Declared::new(paths::ALL_PATH, vec![Dep::Reports]),
        Declared::new(paths::REPORTS_CSV_PATH, vec![Dep::Reports]),
        Declared::new(paths::FINDINGS_JSON_PATH, vec![Dep::Reports]),
    ];
    out.extend(
        site.teams
            .iter()
            .map(|t| Declared::new(paths::team_path(&t.id), vec![Dep::Team(t.id.value.clone())])),
    );
    out.extend(
        site.units
            .iter()
            .map(|u| Declared::new(paths::unit_path(&u.id), vec![Dep::Unit(u.id.value.clone())])),
    );
    out
}
