//! What a build publishes: the reports and findings that every output shows (restricted
//! ones only with `include_restricted`).

use super::{Finding, Judgement};
use crate::model::Site;

/// The published reports, as (index in `site.visits`, index in `site.reports`), sorted by
/// `held_on` then visit id: each report that counts on `as_of` (the one
/// `judgement.visits[i].report` names; a report submitted after `as_of` is not yet
/// published), restricted ones only with `include_restricted`.
pub fn published_reports(
    site: &Site,
    judgement: &Judgement,
    include_restricted: bool,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = judgement
        .visits
        .iter()
        .enumerate()
        .filter_map(|(v, state)| Some((v, state.report?)))
        .filter(|&(v, r)| {
            v < site.visits.len()
                && site.reports.get(r).is_some_and(|rep| include_restricted || !rep.restricted)
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |&(v, r): &(usize, usize)| (site.reports[r].held_on.value, &site.visits[v].id.value);
        key(a).cmp(&key(b))
    });
    out
}

/// The findings a build publishes: all with restricted content, else only the public ones.
pub fn published_findings(j: &Judgement, include_restricted: bool) -> impl Iterator<Item = &Finding> {
    j.findings.iter().filter(move |f| include_restricted || !f.restricted)
}
