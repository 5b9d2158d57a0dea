//! The published view of a site: what a build may show, and the addresses of things.
//!
//! Without `include_restricted`, restricted reports and pages are not in the view (their
//! visits keep their `reported` status, with no link); drafts are never in it. Reports
//! that do not count on `as_of` (submitted later) are not published either, so a past
//! `as_of` shows the past. Pages render from the view only, so nothing withheld can leak.

use super::vi::Collator;
use crate::derive::{Judgement, VisitState};
use crate::model::{Page, Report, Site, Team, Unit, UnitKind, Visit, YearMonth};
use std::collections::BTreeMap;

/// Addresses of pages, relative to the site root, as files (work from disk).
pub mod url {
    use crate::model::YearMonth;
    pub fn home() -> String {
        "index.html".into()
    }
    pub fn plan() -> String {
        "ke-hoach/index.html".into()
    }
    pub fn teams() -> String {
        "to-cong-tac/index.html".into()
    }
    pub fn team(id: &str) -> String {
        format!("to-cong-tac/{id}/index.html")
    }
    pub fn visit(team: &str, visit: &str) -> String {
        format!("to-cong-tac/{team}/index.html#{visit}")
    }
    pub fn units() -> String {
        "don-vi/index.html".into()
    }
    pub fn unit(id: &str) -> String {
        format!("don-vi/{id}/index.html")
    }
    pub fn calendar() -> String {
        "lich/index.html".into()
    }
    pub fn month(m: YearMonth) -> String {
        format!("lich/{m}/index.html")
    }
    pub fn reports() -> String {
        "bao-cao/index.html".into()
    }
    pub fn report(visit: &str) -> String {
        format!("bao-cao/{visit}/index.html")
    }
    pub fn dashboard() -> String {
        "theo-doi/index.html".into()
    }
    pub fn synthesis() -> String {
        "tong-hop/index.html".into()
    }
    pub fn page(slug: &str) -> String {
        format!("trang/{slug}/index.html")
    }
}

/// What one build publishes.
pub struct View<'a> {
    pub site: &'a Site,
    pub judgement: &'a Judgement,
    pub include_restricted: bool,
    pub collator: Collator,
    /// Per visit (same index as `site.visits`): its published report.
    reports: Vec<Option<&'a Report>>,
    /// Published pages, by weight then Vietnamese title.
    pub pages: Vec<&'a Page>,
    teams: BTreeMap<&'a str, &'a Team>,
    units: BTreeMap<&'a str, &'a Unit>,
    /// Visit indices in display order: month, dated before undated, day, time, team, kind, id.
    order: Vec<usize>,
}

impl<'a> View<'a> {
    pub fn new(site: &'a Site, judgement: &'a Judgement, include_restricted: bool) -> Self {
        let collator = Collator::new();
        let reports = site
            .visits
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let r = judgement.visits.get(i)?.report.and_then(|r| site.reports.get(r))?;
                (include_restricted || !r.restricted).then_some(r)
            })
            .collect();
        let mut pages: Vec<&Page> =
            site.pages.iter().filter(|p| !p.draft && (include_restricted || !p.restricted)).collect();
        pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| collator.compare(&a.title, &b.title)));
        let mut order: Vec<usize> = (0..site.visits.len()).collect();
        let key = |v: &'a Visit| {
            (
                v.month.value,
                v.date.is_none(),
                v.date.as_ref().map(|d| d.value),
                v.time,
                v.team.as_str(),
                v.kind.value,
                v.id.as_str(),
            )
        };
        order.sort_by(|a, b| key(&site.visits[*a]).cmp(&key(&site.visits[*b])));
        View {
            order,
            site,
            judgement,
            include_restricted,
            collator,
            reports,
            pages,
            teams: site.teams.iter().map(|t| (t.id.as_str(), t)).collect(),
            units: site.units.iter().map(|u| (u.id.as_str(), u)).collect(),
        }
    }

    pub fn team(&self, id: &str) -> Option<&'a Team> {
        self.teams.get(id).copied()
    }

    pub fn unit(&self, id: &str) -> Option<&'a Unit> {
        self.units.get(id).copied()
    }

    pub fn state(&self, i: usize) -> Option<&'a VisitState> {
        self.judgement.visits.get(i)
    }

    /// The published report on visit `i`, if any.
    pub fn report(&self, i: usize) -> Option<&'a Report> {
        self.reports.get(i).copied().flatten()
    }

    /// Visits with their index: by month (dated first, by day and time), team, kind.
    pub fn visits(&self) -> Vec<(usize, &'a Visit)> {
        self.order.iter().map(|&i| (i, &self.site.visits[i])).collect()
    }

    /// Visits with a published report, in schedule order.
    pub fn reported(&self) -> Vec<(usize, &'a Visit, &'a Report)> {
        self.visits().into_iter().filter_map(|(i, v)| Some((i, v, self.report(i)?))).collect()
    }

    /// Units of a kind, in Vietnamese order of their names.
    pub fn units_of(&self, kind: UnitKind, parent: Option<&str>) -> Vec<&'a Unit> {
        let mut u: Vec<&Unit> = self
            .site
            .units
            .iter()
            .filter(|u| u.kind == kind && (parent.is_none() || u.parent.as_deref() == parent))
            .collect();
        self.collator.sort_by_key(&mut u, |u| &u.name);
        u
    }

    /// Every month with something to show: the plan's period and every visit's month.
    pub fn months(&self) -> Vec<YearMonth> {
        let mut m = self.site.config.months();
        m.extend(self.site.visits.iter().map(|v| v.month.value));
        m.sort();
        m.dedup();
        m
    }

    /// The guidance page a unit's secretary should read: the first published page whose
    /// slug is or starts with `huong-dan`.
    pub fn guidance(&self) -> Option<&'a Page> {
        self.pages
            .iter()
            .copied()
            .find(|p| p.slug == "huong-dan")
            .or_else(|| self.pages.iter().copied().find(|p| p.slug.starts_with("huong-dan")))
    }
}
