//! Feeds and exports for other programs: iCalendar files ([`ics`]) and the data files
//! `data/reports.csv` and `data/findings.json` ([`exports`]). Pure functions of the model
//! and its judgement; [`Feeds`] is the output that writes them.

pub mod exports;
pub mod ics;

use crate::output::{Declared, Dep, Input, Keep, Output, Sink, file_if};
use crate::paths;

/// The output of the feeds and exports: `lich.ics`, a feed per team and per unit,
/// `data/reports.csv` and `data/findings.json`.
pub struct Feeds;

impl Output for Feeds {
    /// The whole feed and the exports are made from every visit and report, a team's feed
    /// from the team's visits, a unit's from the unit's (a đảng bộ's with its cells').
    fn declared(&self, site: &crate::model::Site, _as_of: chrono::NaiveDate) -> Vec<Declared> {
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

    fn render(&self, input: &Input<'_>, keep: Keep<'_>, emit: &dyn Sink) {
        let (site, judgement, restricted) = (input.site, input.judgement, input.include_restricted);
        for f in ics::feeds_where(site, input.base_url, keep) {
            emit.file(f);
        }
        file_if(emit, keep, paths::REPORTS_CSV_PATH, || {
            exports::reports_csv(site, judgement, restricted).into_bytes()
        });
        file_if(emit, keep, paths::FINDINGS_JSON_PATH, || {
            exports::findings_json(judgement, restricted).into_bytes()
        });
    }
}
