//! What git says about a page: the day its source files last changed ("Cập nhật:
//! 14/03/2024") and the commit the site was built from (the footer).
//!
//! Each page names its [`Source`]; here that becomes the content files it is built from,
//! taken from the published view only (a restricted or unpublished report's file never
//! dates a page, so its changes leave no trace), and [`GitInfo::last_changed_of`] gives
//! the latest day. No git, no stamp: the variables are then absent (null).

use super::Page;
use super::view::View;
use crate::git::GitInfo;
use crate::model::{Visit, YearMonth};
use serde_json::json;
use std::collections::BTreeSet;

/// What a page is built from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// The whole published content (home, indexes, dashboard, synthesis, search, 404).
    #[default]
    All,
    /// `plan.md`.
    Plan,
    /// `teams.yaml`, the team's visits and their published reports.
    Team(String),
    /// `units.yaml`, the visits to the unit (and to its cells) and their published reports.
    Unit(String),
    /// The visits of a month (listed under it or dated in it) and their published reports.
    Month(YearMonth),
    /// One report's file.
    Report(usize),
    /// One page's file.
    Page(String),
}

/// The files of the visits `pick` selects, with their published reports' files.
fn visit_files(view: &View, pick: impl Fn(&Visit) -> bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, v) in view.site.visits.iter().enumerate().filter(|(_, v)| pick(v)) {
        out.insert(v.loc.file.to_string());
        out.extend(view.report(i).map(|r| r.loc.file.to_string()));
    }
    out
}

/// The content files (relative to the site root) a page of `source` is built from.
pub fn files(view: &View, source: &Source) -> BTreeSet<String> {
    let site = view.site;
    let teams_file = || site.teams.iter().map(|t| t.loc.file.to_string());
    let units_file = || site.units.iter().map(|u| u.loc.file.to_string());
    match source {
        Source::All => {
            let mut out = visit_files(view, |_| true);
            out.insert(site.config.loc.file.to_string());
            out.insert(site.plan.loc.file.to_string());
            out.extend(teams_file().take(1));
            out.extend(units_file().take(1));
            out.extend(view.pages.iter().map(|p| p.loc.file.to_string()));
            out
        }
        Source::Plan => BTreeSet::from([site.plan.loc.file.to_string()]),
        Source::Team(id) => {
            let mut out = visit_files(view, |v| *v.team == *id);
            out.extend(teams_file().take(1));
            out
        }
        Source::Unit(id) => {
            let cell_of = |unit: &str| view.unit(unit).and_then(|u| u.parent.as_deref()) == Some(id.as_str());
            let mut out = visit_files(view, |v| *v.unit == *id || cell_of(&v.unit));
            out.extend(units_file().take(1));
            out
        }
        Source::Month(m) => {
            visit_files(view, |v| v.month.value == *m || v.date.as_ref().is_some_and(|d| m.contains(d.value)))
        }
        Source::Report(i) => view.report(*i).map(|r| r.loc.file.to_string()).into_iter().collect(),
        Source::Page(slug) => {
            view.pages.iter().filter(|p| p.slug == *slug).map(|p| p.loc.file.to_string()).collect()
        }
    }
}

/// Put `updated` (`{date: "14/03/2024", iso: "2024-03-14"}`) and `build` (the footer's
/// commit label) into the page's context; both null outside git.
pub fn stamp(view: &View, page: &mut Page, git: Option<&GitInfo>) {
    let updated = git.and_then(|g| {
        let files = files(view, &page.source);
        g.last_changed_of(files.iter().map(String::as_str))
    });
    page.ctx.insert(
        "updated",
        &updated.map(|d| json!({"date": crate::vi::date(d), "iso": d.format("%Y-%m-%d").to_string()})),
    );
    page.ctx.insert("build", &git.map(GitInfo::build_label));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Site};
    use chrono::NaiveDate;

    fn at(file: &str) -> Loc {
        Loc { file: file.into(), ..Loc::default() }
    }

    /// The render test site with each thing in the file it would come from.
    fn site() -> (Site, crate::derive::Judgement) {
        let (mut site, j) = crate::derive::testkit::render_site::site();
        site.config.loc = at("content/site.yaml");
        site.plan.loc = at("content/plan.md");
        site.teams.iter_mut().for_each(|t| t.loc = at("content/teams.yaml"));
        site.units.iter_mut().for_each(|u| u.loc = at("content/units.yaml"));
        site.visits.iter_mut().for_each(|v| v.loc = at(&format!("content/schedule/{}.yaml", *v.team)));
        site.reports.iter_mut().for_each(|r| r.loc = at(&format!("content/reports/{}.md", *r.visit)));
        site.pages.iter_mut().for_each(|p| p.loc = at(&format!("content/pages/{}.md", p.slug)));
        (site, j)
    }

    fn list(files: BTreeSet<String>) -> Vec<String> {
        files.into_iter().map(|f| f.trim_start_matches("content/").to_string()).collect()
    }

    #[test]
    fn sources_come_from_the_published_view_only() {
        let (site, j) = site();
        let view = View::new(&site, &j, false);
        assert_eq!(
            list(files(&view, &Source::All)),
            [
                "pages/huong-dan.md",
                "plan.md",
                "reports/to-1-2024-03-dang-uy.md",
                "schedule/to-1.yaml",
                "schedule/to-2.yaml",
                "site.yaml",
                "teams.yaml",
                "units.yaml",
            ]
        );
        // A đảng bộ's page shows its cells' visits; the restricted report on one is withheld.
        assert_eq!(
            list(files(&view, &Source::Unit("db-dien-luc".into()))),
            ["reports/to-1-2024-03-dang-uy.md", "schedule/to-1.yaml", "units.yaml"]
        );
        assert_eq!(list(files(&view, &Source::Team("to-2".into()))), ["schedule/to-2.yaml", "teams.yaml"]);
        assert_eq!(list(files(&view, &Source::Page("mat".into()))), Vec::<String>::new());

        let full = View::new(&site, &j, true);
        let all = list(files(&full, &Source::All));
        assert!(all.contains(&"reports/to-1-2024-03-chi-bo.md".to_string()));
        assert!(all.contains(&"pages/mat.md".to_string()));
        assert!(!all.contains(&"pages/nhap.md".to_string()), "drafts are never published");
    }

    #[test]
    fn a_page_is_dated_by_its_latest_source_and_the_footer_names_the_commit() {
        let (site, j) = site();
        let view = View::new(&site, &j, false);
        let day = |d: u32| NaiveDate::from_ymd_opt(2024, 5, d).unwrap();
        let mut git = GitInfo { head_short: "abc1234".into(), dirty: true, last_changed: Default::default() };
        git.last_changed.insert("content/plan.md".into(), day(1));
        git.last_changed.insert("content/schedule/to-1.yaml".into(), day(2));
        git.last_changed.insert("content/reports/to-1-2024-03-chi-bo.md".into(), day(9));
        let mut home = Page::new("index.html", "home.html", "x", "home");
        stamp(&view, &mut home, Some(&git));
        let get = |p: &Page, k: &str| serde_json::to_value(p.ctx.get(k)).unwrap();
        // The restricted report's later change does not show.
        assert_eq!(get(&home, "updated"), json!({"date": "02/05/2024", "iso": "2024-05-02"}));
        assert_eq!(get(&home, "build"), json!("abc1234 (có thay đổi chưa commit)"));
        let mut plan = Page::new("ke-hoach/index.html", "plan.html", "x", "ke-hoach");
        plan.source = Source::Plan;
        stamp(&view, &mut plan, Some(&git));
        assert_eq!(get(&plan, "updated")["date"], "01/05/2024");
        // Outside git: both null.
        stamp(&view, &mut plan, None);
        assert_eq!((get(&plan, "updated"), get(&plan, "build")), (json!(null), json!(null)));
    }
}
