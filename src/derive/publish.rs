//! What a build publishes, decided here once for every output (pages, feeds, data files,
//! search index): restricted reports, pages and findings only with `include_restricted`,
//! draft pages never.

use super::{Finding, Judgement};
use crate::model::{Page, Report, Site, Team, Unit, Visit};
use rustc_hash::FxHashMap;

/// Teams, units and visits by id (the first of each id, as a linear search would find;
/// a checked site has one of each): the one index every output and the findings look ids
/// up in, instead of a scan per lookup.
pub struct Ids<'a> {
    pub teams: FxHashMap<&'a str, &'a Team>,
    pub units: FxHashMap<&'a str, &'a Unit>,
    pub visits: FxHashMap<&'a str, &'a Visit>,
}

impl<'a> Ids<'a> {
    pub fn of(site: &'a Site) -> Self {
        let mut teams = FxHashMap::default();
        for t in &site.teams {
            teams.entry(t.id.value.as_str()).or_insert(t);
        }
        let mut units = FxHashMap::default();
        for u in &site.units {
            units.entry(u.id.value.as_str()).or_insert(u);
        }
        let mut visits = FxHashMap::default();
        for v in site.visits_iter() {
            visits.entry(v.id.value.as_str()).or_insert(v);
        }
        Ids { teams, units, visits }
    }

    /// A team's name, else the id itself.
    pub fn team_name<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.teams.get(id).map(|t| t.name.as_str()).unwrap_or(id)
    }

    /// A unit's name (a chi bộ trực thuộc with its đảng bộ), else the id itself.
    pub fn unit_name(&self, id: &str) -> String {
        match self.units.get(id) {
            Some(u) => super::words::unit_full_name(u, |p| self.units.get(p).copied()),
            None => id.to_string(),
        }
    }
}

/// The publication rule of one build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Publish {
    /// `--include-restricted`: the restricted content too.
    pub include_restricted: bool,
}

impl Publish {
    pub fn new(include_restricted: bool) -> Self {
        Publish { include_restricted }
    }

    /// Whether content marked `restricted` (or not) is published.
    pub fn shows(self, restricted: bool) -> bool {
        self.include_restricted || !restricted
    }

    pub fn report(self, r: &Report) -> bool {
        self.shows(r.restricted)
    }

    pub fn finding(self, f: &Finding) -> bool {
        self.shows(f.restricted)
    }

    /// A page of `content/pages/`: not a draft, and public unless restricted content is in.
    pub fn page(self, p: &Page) -> bool {
        !p.draft && self.shows(p.restricted)
    }

    /// The published pages, in the site's order.
    pub fn pages(self, site: &Site) -> impl Iterator<Item = &Page> {
        site.pages.iter().filter(move |p| self.page(p))
    }
}

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
                && site.reports.get(r).is_some_and(|rep| Publish::new(include_restricted).report(rep))
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
    j.findings.iter().filter(move |f| Publish::new(include_restricted).finding(f))
}
