//! The published view of a site: what a build may show, and the addresses of things.
//!
//! Without `include_restricted`, restricted reports and pages are not in the view (their
//! visits keep their `reported` status, with no link); drafts are never in it. Reports
//! that do not count on `as_of` (submitted later) are not published either, so a past
//! `as_of` shows the past. Pages render from the view only, so nothing withheld can leak.

use crate::derive::publish::Publish;
use crate::derive::{Judgement, VisitState};
use crate::model::{Page, Report, Site, Team, Unit, UnitKind, Visit, YearMonth};
use crate::vi::Collator;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::OnceLock;

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
    /// The dashboard as it stood at the end of month `m`.
    pub fn dashboard_month(m: YearMonth) -> String {
        format!("theo-doi/{m}/index.html")
    }
    pub fn synthesis() -> String {
        "tong-hop/index.html".into()
    }
    pub fn page(slug: &str) -> String {
        format!("trang/{slug}/index.html")
    }
}

/// Each distinct name's place in the collator's order (equal names share one).
fn name_ranks<'a>(collator: &Collator, names: impl Iterator<Item = &'a str>) -> FxHashMap<&'a str, u32> {
    let mut distinct: Vec<&str> = names.collect();
    distinct.sort_unstable();
    distinct.dedup();
    collator.sort_by_key(&mut distinct, |s| s);
    distinct.into_iter().enumerate().map(|(k, s)| (s, k as u32)).collect()
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
    /// The same, by team, by unit and by month (lookups, so that a site of tens of
    /// thousands of visits does not scan them all for each of its pages).
    by_team: FxHashMap<&'a str, Vec<usize>>,
    by_unit: FxHashMap<&'a str, Vec<usize>>,
    by_month: BTreeMap<YearMonth, Vec<usize>>,
    /// Visit index by id (the first visit of an id).
    by_id: FxHashMap<&'a str, usize>,
    /// Position of each visit in `order`.
    rank: Vec<usize>,
    /// See [`Self::months`] (made once: every month's page asks).
    months: Vec<YearMonth>,
    /// The chi bộ trực thuộc of each đảng bộ, in units.yaml order.
    cells: FxHashMap<&'a str, Vec<&'a Unit>>,
    /// Each visit's row as a template value, made the first time a page lists the visit
    /// and shared by every page that lists it (see [`super::rows::visit_value`]).
    rows: Vec<OnceLock<tera::Value>>,
    /// The place of each unit name in Vietnamese order (equal names, equal places), so that
    /// lists of thousands of units sort by a number instead of a collation each time.
    name_rank: FxHashMap<&'a str, u32>,
    /// The values the rows share (made with the first row).
    shared_refs: OnceLock<super::rows::SharedRefs<'a>>,
}

impl<'a> View<'a> {
    /// The published report of each visit (same index as `site.visits`) on `judgement`.
    fn published(site: &'a Site, judgement: &Judgement, include_restricted: bool) -> Vec<Option<&'a Report>> {
        site.visits
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let r = judgement.visits.get(i)?.report.and_then(|r| site.reports.get(r).map(|r| &**r))?;
                Publish::new(include_restricted).report(r).then_some(r)
            })
            .collect()
    }

    /// The same site viewed on another judgement (a month's end): what does not depend on
    /// the date (the orders, the indexes, the names' places) is taken from this view
    /// instead of being sorted again (85 views of 10,000 visits in a build).
    pub fn with_judgement<'b>(&self, judgement: &'b Judgement) -> View<'b>
    where
        'a: 'b,
    {
        View {
            name_rank: self.name_rank.clone(),
            shared_refs: OnceLock::new(),
            months: self.months.clone(),
            rows: (0..self.site.visits.len()).map(|_| OnceLock::new()).collect(),
            by_team: self.by_team.clone(),
            by_unit: self.by_unit.clone(),
            by_month: self.by_month.clone(),
            by_id: self.by_id.clone(),
            rank: self.rank.clone(),
            cells: self.cells.clone(),
            order: self.order.clone(),
            site: self.site,
            judgement,
            include_restricted: self.include_restricted,
            collator: Collator::new(),
            reports: View::published(self.site, judgement, self.include_restricted),
            pages: self.pages.clone(),
            teams: self.teams.clone(),
            units: self.units.clone(),
        }
    }

    pub fn new(site: &'a Site, judgement: &'a Judgement, include_restricted: bool) -> Self {
        let collator = Collator::new();
        let reports = Self::published(site, judgement, include_restricted);
        let mut pages: Vec<&Page> = Publish::new(include_restricted).pages(site).collect();
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
        let mut by_team: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        let mut by_unit: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        let mut by_month: BTreeMap<YearMonth, Vec<usize>> = BTreeMap::new();
        for &i in &order {
            let v = &site.visits[i];
            by_team.entry(v.team.as_str()).or_default().push(i);
            by_unit.entry(v.unit.as_str()).or_default().push(i);
            by_month.entry(v.month.value).or_default().push(i);
        }
        let mut rank = vec![0; order.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        let mut cells: FxHashMap<&str, Vec<&Unit>> = FxHashMap::default();
        for u in &site.units {
            if let Some(p) = u.parent.as_deref() {
                cells.entry(p).or_default().push(u);
            }
        }
        let mut by_id: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, v) in site.visits.iter().enumerate() {
            by_id.entry(v.id.as_str()).or_insert(i);
        }
        let mut months = site.config.months();
        months.extend(by_month.keys().copied());
        months.sort();
        months.dedup();
        let name_rank = name_ranks(&collator, site.units.iter().map(|u| u.name.as_str()));
        View {
            name_rank,
            shared_refs: OnceLock::new(),
            months,
            rows: (0..site.visits.len()).map(|_| OnceLock::new()).collect(),
            by_team,
            by_unit,
            by_month,
            by_id,
            rank,
            cells,
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

    /// The name of unit `id` (its id when the site has no such unit).
    pub fn unit_name<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.unit(id).map_or(id, |u| u.name.as_str())
    }

    /// The name of unit `id` as lists and calendars show it: a chi bộ trực thuộc with its
    /// đảng bộ ("Chi bộ Văn phòng – Đảng bộ Sở Tài chính"); its id when there is no such unit.
    pub fn unit_full_name(&self, id: &str) -> String {
        match self.unit(id) {
            Some(u) => crate::derive::words::unit_full_name(u, |p| self.unit(p)),
            None => id.to_string(),
        }
    }

    /// The team links, unit links and month references the rows share.
    pub(super) fn shared_refs(&self) -> &super::rows::SharedRefs<'a> {
        self.shared_refs.get_or_init(|| super::rows::SharedRefs::new(self))
    }

    /// The slot of visit `i`'s shared row.
    pub(super) fn row_slot(&self, i: usize) -> Option<&OnceLock<tera::Value>> {
        self.rows.get(i)
    }

    pub fn state(&self, i: usize) -> Option<&'a VisitState> {
        self.judgement.visits.get(i)
    }

    /// The published report on visit `i`, if any.
    pub fn report(&self, i: usize) -> Option<&'a Report> {
        self.reports.get(i).copied().flatten()
    }

    /// Where visit `i` (of id `id`, of team `team`) is shown: its report, when published,
    /// else its row on the team page.
    pub fn visit_target(&self, i: usize, team: &str, id: &str) -> String {
        match self.report(i) {
            Some(_) => url::report(id),
            None => url::visit(team, id),
        }
    }

    /// Visits with their index: by month (dated first, by day and time), team, kind.
    pub fn visits(&self) -> Vec<(usize, &'a Visit)> {
        self.order.iter().map(|&i| (i, &*self.site.visits[i])).collect()
    }

    fn listed(&self, list: Option<&Vec<usize>>) -> Vec<(usize, &'a Visit)> {
        list.map(|l| l.iter().map(|&i| (i, &*self.site.visits[i])).collect()).unwrap_or_default()
    }

    /// The visits of a team, in the order of [`Self::visits`].
    pub fn visits_of_team(&self, team: &str) -> Vec<(usize, &'a Visit)> {
        self.listed(self.by_team.get(team))
    }

    /// The visits to a unit (itself only), in the order of [`Self::visits`].
    pub fn visits_of_unit(&self, unit: &str) -> Vec<(usize, &'a Visit)> {
        self.listed(self.by_unit.get(unit))
    }

    /// The visits to any of `units`, in the order of [`Self::visits`].
    pub fn visits_of_units(&self, units: &[&str]) -> Vec<(usize, &'a Visit)> {
        let mut all: Vec<usize> =
            units.iter().filter_map(|u| self.by_unit.get(u)).flatten().copied().collect();
        all.sort_by_key(|&i| self.rank[i]);
        all.dedup();
        self.listed(Some(&all))
    }

    /// The visits filed under a month, in the order of [`Self::visits`].
    pub fn visits_in_month(&self, m: YearMonth) -> Vec<(usize, &'a Visit)> {
        self.listed(self.by_month.get(&m))
    }

    /// The index of the visit with this id.
    pub fn visit_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Visits with a published report, in schedule order.
    pub fn reported(&self) -> Vec<(usize, &'a Visit, &'a Report)> {
        self.visits().into_iter().filter_map(|(i, v)| Some((i, v, self.report(i)?))).collect()
    }

    /// Units of a kind, in Vietnamese order of their names.
    pub fn units_of(&self, kind: UnitKind, parent: Option<&str>) -> Vec<&'a Unit> {
        let candidates: &[&'a Unit] = match parent {
            Some(p) => self.cells.get(p).map(Vec::as_slice).unwrap_or_default(),
            None => &[],
        };
        let mut u: Vec<&Unit> = match parent {
            Some(_) => candidates.iter().copied().filter(|u| u.kind == kind).collect(),
            None => self.site.units.iter().filter(|u| u.kind == kind).collect(),
        };
        self.sort_by_unit_name(&mut u, |u| &u.name);
        u
    }

    /// Sort `items` (stably) by the Vietnamese order of the name `key` gives (a unit's
    /// name, or any text), exactly as [`Collator::sort_by_key`] would.
    pub fn sort_by_unit_name<T>(&self, items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| {
            let (ka, kb) = (key(a), key(b));
            match (self.name_rank.get(ka), self.name_rank.get(kb)) {
                (Some(ra), Some(rb)) => ra.cmp(rb),
                _ => self.collator.compare(ka, kb),
            }
        });
    }

    /// Every month with something to show: the plan's period and every visit's month.
    pub fn months(&self) -> Vec<YearMonth> {
        self.months.clone()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::testkit::cast;
    use crate::model::UnitKind;

    #[test]
    fn sorting_by_unit_name_sorts_as_the_collator_does() {
        let names =
            ["Đảng bộ Điện lực", "Chi bộ Ánh Dương", "Đảng bộ Dệt may", "Chi bộ Anh Đào", "Chi bộ Ánh Dương"];
        let mut site = cast()
            .unit("a", UnitKind::DangBoCoSo)
            .unit("b", UnitKind::ChiBoCoSo)
            .unit("c", UnitKind::DangBoCoSo)
            .unit("d", UnitKind::ChiBoCoSo)
            .unit("e", UnitKind::ChiBoCoSo)
            .build();
        for (id, n) in ["a", "b", "c", "d", "e"].into_iter().zip(names) {
            site.units.iter_mut().filter(|u| u.id.as_str() == id).for_each(|u| u.name = n.into());
        }
        let j = crate::derive::judge(&site, site.config.period_to.first_day());
        let view = View::new(&site, &j, false);
        // Unit names, a name that is no unit's, and an id: each pair compared both ways.
        let mut items: Vec<(usize, &str)> = names
            .iter()
            .chain(&["Chi bộ ánh dương", "zz", "Ban Tổ chức", "a"])
            .copied()
            .enumerate()
            .collect();
        items.reverse();
        let mut expected = items.clone();
        view.collator.sort_by_key(&mut expected, |x| x.1);
        view.sort_by_unit_name(&mut items, |x| x.1);
        assert_eq!(items, expected);
        // Units of a kind, by name; equal names keep units.yaml's order.
        let mut expected: Vec<&Unit> = site.units.iter().filter(|u| u.kind == UnitKind::ChiBoCoSo).collect();
        view.collator.sort_by_key(&mut expected, |u| &u.name);
        let ids = |us: Vec<&Unit>| us.iter().map(|u| u.id.to_string()).collect::<Vec<_>>();
        let got = ids(view.units_of(UnitKind::ChiBoCoSo, None));
        assert_eq!(got, ids(expected));
        let at = |id: &str| got.iter().position(|x| x == id).unwrap();
        assert!(at("b") < at("e") && at("e") < at("d"), "{got:?}");
    }
}
