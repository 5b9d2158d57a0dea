//! Which output files a change can alter: the dependency rules of incremental rebuilds.
//!
//! Pure functions of the change and the site before and after it, derived from what each
//! output declares its files are made from (`build::declared`, [`Dep`]): no address is
//! spelled here. A report is part of its visit, its team, its unit (and the unit's đảng
//! bộ), the months of the visit, of its due day and of the meeting, and of every list of
//! reports; the files made from any of these are touched. A page whose title, weight,
//! draft and restricted flags are unchanged touches only the files made from it; anything
//! else may touch every page.

use super::change::Change;
use crate::model::{Site, YearMonth};
use crate::output::Dep;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The output files (paths relative to the output folder) that a change may alter, add or
/// remove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Affected {
    All,
    Paths(BTreeSet<String>),
}

impl Affected {
    pub fn none() -> Self {
        Affected::Paths(BTreeSet::new())
    }

    pub fn union(self, other: Affected) -> Affected {
        match (self, other) {
            (Affected::Paths(mut a), Affected::Paths(b)) => {
                a.extend(b);
                Affected::Paths(a)
            }
            _ => Affected::All,
        }
    }

    /// Does the change touch `path`?
    pub fn contains(&self, path: &str) -> bool {
        match self {
            Affected::All => true,
            Affected::Paths(p) => p.contains(path),
        }
    }

    /// For the terminal, in the catalogue's words: "mọi tệp" or "N tệp".
    pub fn describe(&self) -> String {
        match self {
            Affected::All => crate::msg::serve::affected_all(),
            Affected::Paths(p) => crate::msg::serve::affected_files(p.len()),
        }
    }
}

/// The output files that `change` may alter, given the site before (`old`) and after
/// (`new`) it.
/// `as_of` is the date the site is judged on (which months' dashboards exist).
pub fn affected_outputs(change: &Change, old: &Site, new: &Site, as_of: NaiveDate) -> Affected {
    match change {
        Change::Ignored => Affected::none(),
        Change::Report(path) => report_outputs(path, old, new, as_of),
        Change::Page(path) => page_outputs(path, old, new, as_of),
        Change::Data(_) | Change::Template(_) | Change::Static(_) | Change::Other(_) => Affected::All,
    }
}

/// The union over a batch of changes.
pub fn affected_by_all(changes: &[Change], old: &Site, new: &Site, as_of: NaiveDate) -> Affected {
    changes.iter().fold(Affected::none(), |acc, c| acc.union(affected_outputs(c, old, new, as_of)))
}

/// The files the outputs declare (`build::declared`) in either site as made from any of
/// `keys`.
fn declared_from(old: &Site, new: &Site, as_of: NaiveDate, keys: &BTreeSet<Dep>) -> Affected {
    let mut out = BTreeSet::new();
    for site in [old, new] {
        for d in crate::build::declared(site, as_of) {
            if d.deps.iter().any(|k| keys.contains(k)) {
                out.insert(d.path);
            }
        }
    }
    Affected::Paths(out)
}

fn report_outputs(path: &str, old: &Site, new: &Site, as_of: NaiveDate) -> Affected {
    let mut keys = BTreeSet::from([Dep::Reports]);
    let mut found = false;
    for site in [old, new] {
        for r in site.reports.iter().filter(|r| &*r.loc.file == path) {
            found = true;
            if !visit_keys(site, &r.visit, Some(r.held_on.value), &mut keys) {
                return Affected::All;
            }
        }
    }
    if !found {
        // A file that is not (or no longer) a report of either site: play safe.
        return Affected::All;
    }
    declared_from(old, new, as_of, &keys)
}

/// Add what the visit `id` of `site` and its report are part of: the visit, its team, its
/// unit and the unit's đảng bộ, the months of the visit, of its report's due day and of
/// the meeting; false when the visit is unknown.
fn visit_keys(site: &Site, id: &str, held_on: Option<NaiveDate>, keys: &mut BTreeSet<Dep>) -> bool {
    let Some(visit) = site.visits.iter().find(|v| *v.id.value == *id) else { return false };
    keys.insert(Dep::Visit(id.to_string()));
    keys.insert(Dep::Team(visit.team.value.clone()));
    keys.insert(Dep::Unit(visit.unit.value.clone()));
    if let Some(parent) =
        site.units.iter().find(|u| *u.id.value == *visit.unit.value).and_then(|u| u.parent.as_ref())
    {
        keys.insert(Dep::Unit(parent.to_string()));
    }
    let mut months = vec![visit.month.value, YearMonth::of(visit.due_day())];
    months.extend(held_on.map(YearMonth::of));
    keys.extend(months.into_iter().map(Dep::Month));
    true
}

fn page_outputs(path: &str, old: &Site, new: &Site, as_of: NaiveDate) -> Affected {
    let find = |site: &Site| site.pages.iter().find(|p| &*p.loc.file == path).cloned();
    match (find(old), find(new)) {
        (Some(a), Some(b))
            if a.slug == b.slug
                && a.title == b.title
                && a.menu_title == b.menu_title
                && a.weight == b.weight
                && a.draft == b.draft
                && a.restricted == b.restricted =>
        {
            declared_from(old, new, as_of, &BTreeSet::from([Dep::Page(b.slug)]))
        }
        // Added, removed, renamed or moved in the menu: every page shows the menu.
        _ => Affected::All,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::testkit::serve_site::{page, report, site};
    use crate::serve::change::DataFile;

    /// After every month of the test site's period has ended.
    const AS_OF: NaiveDate = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();

    #[test]
    fn a_report_touches_the_dashboards_of_the_months_ended_on_as_of_only() {
        let old = site();
        let mut new = old.clone();
        new.reports[0].body = format!("{}\nthêm", new.reports[0].body).into();
        let change = Change::Report("content/reports/2024-03/r1.md".into());
        let march_ended = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        let Affected::Paths(paths) = affected_outputs(&change, &old, &new, march_ended) else { panic!() };
        assert!(paths.contains("theo-doi/2024-03/index.html") && paths.contains("data/summary-2024-03.json"));
        assert!(
            !paths.contains("theo-doi/2024-04/index.html") && !paths.contains("data/summary-2024-04.json")
        );
    }

    #[test]
    fn a_report_touches_its_visit_team_unit_months_and_aggregates() {
        let old = site();
        let mut new = old.clone();
        new.reports[0].body = format!("{}\nthêm một dòng", new.reports[0].body).into();
        let got =
            affected_outputs(&Change::Report("content/reports/2024-03/r1.md".into()), &old, &new, AS_OF);
        let Affected::Paths(paths) = got else { panic!("expected paths, got {got:?}") };
        for p in [
            "bao-cao/to-1-2024-03-chi-bo/index.html",
            "to-cong-tac/to-1/index.html",
            "to-cong-tac/to-1.ics",
            "don-vi/cb-ky-thuat/index.html",
            "don-vi/cb-ky-thuat.ics",
            "don-vi/db-dien-luc/index.html",
            "lich/2024-03/index.html",
            "theo-doi/index.html",
            "tong-hop/index.html",
            "data/summary.json",
            "theo-doi/2024-03/index.html",
            "data/summary-2024-03.json",
            "index.html",
        ] {
            assert!(paths.contains(p), "missing {p} in {paths:?}");
        }
        for p in [
            "bao-cao/to-1-2024-03-dang-uy/index.html",
            "to-cong-tac/to-2/index.html",
            "lich/2024-04/index.html",
        ] {
            assert!(!paths.contains(p), "unexpected {p}");
        }
    }

    #[test]
    fn moving_a_report_to_another_visit_touches_both() {
        let old = site();
        let mut new = old.clone();
        new.reports[0].visit.value = "to-2-2024-04-chi-bo".into();
        new.reports[0].held_on.value = NaiveDate::from_ymd_opt(2024, 4, 20).unwrap();
        let got =
            affected_outputs(&Change::Report("content/reports/2024-03/r1.md".into()), &old, &new, AS_OF);
        for p in [
            "bao-cao/to-1-2024-03-chi-bo/index.html",
            "bao-cao/to-2-2024-04-chi-bo/index.html",
            "to-cong-tac/to-1/index.html",
            "to-cong-tac/to-2/index.html",
            "lich/2024-03/index.html",
            "lich/2024-04/index.html",
        ] {
            assert!(got.contains(p), "missing {p}");
        }
        assert!(got != Affected::All);
    }

    #[test]
    fn a_new_or_deleted_report_counts_once_and_an_unknown_file_touches_all() {
        let old = site();
        let mut new = old.clone();
        new.reports.push(Box::new(report(
            "content/reports/2024-04/r2.md",
            "to-2-2024-04-chi-bo",
            (2024, 4, 20),
        )));
        let added =
            affected_outputs(&Change::Report("content/reports/2024-04/r2.md".into()), &old, &new, AS_OF);
        assert!(added.contains("bao-cao/to-2-2024-04-chi-bo/index.html"));
        assert!(!added.contains("bao-cao/to-1-2024-03-chi-bo/index.html"));
        let removed =
            affected_outputs(&Change::Report("content/reports/2024-04/r2.md".into()), &new, &old, AS_OF);
        assert_eq!(added, removed);
        let unknown = affected_outputs(&Change::Report("content/reports/x.md".into()), &old, &old, AS_OF);
        assert_eq!(unknown, Affected::All);
    }

    #[test]
    fn a_page_body_edit_touches_only_that_page_but_a_title_edit_touches_all() {
        let old = site();
        let mut body = old.clone();
        body.pages[0].body.push_str("\nmore");
        let change = Change::Page("content/pages/huong-dan.md".into());
        assert_eq!(
            affected_outputs(&change, &old, &body, AS_OF),
            Affected::Paths(BTreeSet::from(["trang/huong-dan/index.html".to_string()]))
        );
        let mut title = old.clone();
        title.pages[0].title = "Hướng dẫn mới".into();
        assert_eq!(affected_outputs(&change, &old, &title, AS_OF), Affected::All);
        let mut added = old.clone();
        added.pages.push(page("content/pages/moi.md", "moi"));
        assert_eq!(
            affected_outputs(&Change::Page("content/pages/moi.md".into()), &old, &added, AS_OF),
            Affected::All
        );
    }

    #[test]
    fn data_templates_and_static_touch_all_and_noise_nothing() {
        let s = site();
        assert_eq!(affected_outputs(&Change::Data(DataFile::Units), &s, &s, AS_OF), Affected::All);
        assert_eq!(
            affected_outputs(&Change::Template("themes/default/templates/a.html".into()), &s, &s, AS_OF),
            Affected::All
        );
        assert_eq!(affected_outputs(&Change::Ignored, &s, &s, AS_OF), Affected::none());
        let batch = [Change::Page("content/pages/huong-dan.md".into()), Change::Data(DataFile::Site)];
        assert_eq!(affected_by_all(&batch, &s, &s, AS_OF), Affected::All);
    }
}
