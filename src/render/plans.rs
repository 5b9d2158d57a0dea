//! The pages of a site holding several plans besides each plan's own (which are a
//! one-plan site's, under `/<plan>/`): the site's home, each unit across the plans, the
//! list of units, and what every page of a plan shows of the other plans (which plan it
//! belongs to, and the same page in the other plans where there is one).
//!
//! A page here has two ways back: `root`, to the current plan (so that the current plan's
//! menu and lists link into it), and `site_root`, to the site.

use super::rows::visit_value;
use super::view::url;
use super::{Page, Pages};
use crate::model::{UnitKind, YearMonth};
use crate::vi;
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// One plan of the site, as the other plans' pages link to it.
#[derive(Clone, Debug)]
pub struct PlanEntry {
    pub id: String,
    /// What the menu of plans says: "Kế hoạch 2024".
    pub label: String,
    /// The addresses of its pages (`to-cong-tac/to-1/index.html`), relative to its folder.
    pub paths: Arc<HashSet<String>>,
}

/// The plan a page belongs to, among the site's plans.
#[derive(Clone, Debug)]
pub struct InPlan {
    pub plans: Arc<Vec<PlanEntry>>,
    /// Which of `plans`.
    pub this: usize,
    /// The site's title (the top `site.yaml`'s), which the header of every page shows.
    pub site_title: Arc<str>,
}

/// What the menu of plans calls the plan `id`.
pub fn label(id: &str) -> String {
    format!("Kế hoạch {id}")
}

impl InPlan {
    /// Put `plan` (this plan: id, label) and `plans` (each plan: label, link, whether it
    /// is this one) into the context of `page`. A page of a plan links to the same page of
    /// the other plans where they have it, else to their home; a page of the site (its
    /// `site_root` set) links to every plan's home.
    pub(super) fn add(&self, page: &mut Page, site_root: &str) {
        let own = page.site_root.is_none();
        let list: Vec<serde_json::Value> = self
            .plans
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let same = own && p.paths.contains(&page.path);
                let target = if same { page.path.as_str() } else { "index.html" };
                json!({
                    "id": p.id, "label": p.label, "url": format!("{site_root}{}/{target}", p.id),
                    "current": own && k == self.this, "same_page": same,
                })
            })
            .collect();
        if let Some(this) = self.plans.get(self.this).filter(|_| own) {
            page.ctx.insert("this_plan", &json!({"id": this.id, "label": this.label}));
        }
        page.ctx.insert("plans", &list);
        page.ctx.insert("site_home", &format!("{site_root}index.html"));
        page.ctx.insert("site_title", &*self.site_title);
    }
}

/// One plan rendered, for the site's pages: its id and its prepared pages.
pub struct PlanPages<'p, 'a> {
    pub id: &'p str,
    pub pages: &'p Pages<'a>,
}

/// The way from a page of the site at `path` to the site root.
fn up(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A page of the site at `page.path`, linking into plan `current`.
pub fn at_site(mut page: Page, current: &str) -> Page {
    let site_root = up(&page.path);
    page.root = format!("{site_root}{current}/");
    page.site_root = Some(site_root);
    page
}

/// The site's home: the current plan's home (its figures, this month's visits), and
/// every plan with its period, figures and link, newest first.
pub fn home(plans: &[PlanPages], current: usize, own: &[&crate::model::Page]) -> Option<Page> {
    let cur = plans.get(current)?;
    let mut page = at_site(cur.pages.home_page(), cur.id);
    page.title = cur.pages.view().site.config.title.clone();
    let list: Vec<serde_json::Value> = plans
        .iter()
        .enumerate()
        .rev()
        .map(|(k, p)| {
            let view = p.pages.view();
            let c = &view.site.config;
            let f = super::rows::figures(view, None);
            json!({
                "id": p.id, "label": label(p.id), "title": view.site.plan.title,
                "period": {"from": vi::month(c.period_from), "to": vi::month(c.period_to)},
                "deadline": vi::date(c.deadline.value), "figures": f,
                "url": format!("{}/index.html", p.id), "current": k == current,
            })
        })
        .collect();
    page.ctx.insert("site_plans", &list);
    page.ctx.insert("current_plan", &label(cur.id));
    let own: Vec<serde_json::Value> =
        own.iter().map(|p| json!({"title": p.title, "url": url::page(&p.slug)})).collect();
    page.ctx.insert("site_pages", &own);
    Some(page)
}

/// What one plan holds of a unit, for the unit's page across the plans.
fn unit_in_plan(p: &PlanPages, id: &str) -> Option<serde_json::Value> {
    let view = p.pages.view();
    let u = view.site.units.iter().find(|u| u.id.as_str() == id)?;
    let mut ids = vec![u.id.as_str()];
    ids.extend(view.units_of(UnitKind::ChiBoTrucThuoc, Some(&u.id)).into_iter().map(|c| c.id.as_str()));
    let own = view.visits_of_unit(&u.id);
    let visits: Vec<tera::Value> = own.iter().rev().map(|(i, v)| visit_value(view, *i, v)).collect();
    let reports: Vec<tera::Value> = own
        .iter()
        .rev()
        .filter(|(i, _)| view.report(*i).is_some())
        .map(|(i, v)| visit_value(view, *i, v))
        .collect();
    let parent = u.parent.as_deref().and_then(|pid| view.unit(pid)).map(|p| p.name.clone());
    let c = &view.site.config;
    Some(json!({
        "id": p.id, "label": label(p.id), "prefix": format!("{}/", p.id),
        "name": u.name, "kind_label": u.kind.label(), "parent": parent,
        "period": {"from": vi::month(c.period_from), "to": vi::month(c.period_to)},
        "unit_url": url::unit(&u.id), "visits": visits, "reports": reports,
    }))
}

/// The ids of every unit of every plan, each with the name it has in the newest plan
/// holding it, sorted by that name as Vietnamese sorts.
fn all_units(plans: &[PlanPages]) -> Vec<(String, String, &'static str)> {
    let mut by_id: BTreeMap<String, (String, &'static str)> = BTreeMap::new();
    for p in plans {
        for u in &p.pages.view().site.units {
            by_id.insert(u.id.value.clone(), (u.name.clone(), u.kind.label()));
        }
    }
    let mut out: Vec<_> = by_id.into_iter().map(|(id, (name, kind))| (id, name, kind)).collect();
    vi::Collator::new().sort_by_key(&mut out, |u| &u.1);
    out
}

/// `/don-vi/<unit>/` of each unit: every plan holding it, newest first, with the name it
/// had then, its visits and its published reports.
pub fn units_across(plans: &[PlanPages], current: usize) -> Vec<Page> {
    let Some(cur) = plans.get(current) else { return Vec::new() };
    all_units(plans)
        .into_iter()
        .map(|(id, name, _)| {
            let years: Vec<serde_json::Value> =
                plans.iter().rev().filter_map(|p| unit_in_plan(p, &id)).collect();
            let mut page = at_site(Page::new(&url::unit(&id), "unit_years.html", &name, "don-vi"), cur.id);
            page.ctx.insert("unit", &json!({"id": id, "name": name}));
            page.ctx.insert("years", &years);
            page
        })
        .collect()
}

/// `/don-vi/`: every unit of every plan, with the plans it is in.
pub fn units_index(plans: &[PlanPages], current: usize) -> Option<Page> {
    let cur = plans.get(current)?;
    let units: Vec<serde_json::Value> = all_units(plans)
        .into_iter()
        .map(|(id, name, kind)| {
            let within: Vec<serde_json::Value> = plans
                .iter()
                .filter(|p| p.pages.view().site.units.iter().any(|u| u.id.as_str() == id))
                .map(|p| json!({"label": label(p.id), "url": format!("{}/{}", p.id, url::unit(&id))}))
                .collect();
            json!({"id": id, "name": name, "kind_label": kind, "url": url::unit(&id), "plans": within})
        })
        .collect();
    let mut page = at_site(
        Page::new(&url::units(), "units_years.html", "Các đơn vị qua các kế hoạch", "don-vi"),
        cur.id,
    );
    page.ctx.insert("units", &units);
    Some(page)
}

/// The months of a plan, for a label such as "tháng 3/2024 – tháng 10/2024".
pub fn period_label(from: YearMonth, to: YearMonth) -> String {
    format!("{} – {}", vi::month(from), vi::month(to))
}

/// The page left at an address of the site before it held several plans (`path`, relative
/// to the site root), sending the reader on to the same page of plan `plan`: a refresh
/// and a link, no script.
pub fn redirect_page(path: &str, plan: &str) -> String {
    let target = format!("{}{plan}/{path}", up(path));
    let target =
        target.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Trang đã chuyển</title>\n</head>\n<body>\n\
         <p>Trang này đã chuyển sang {}: <a href=\"{target}\">mở trang</a>.</p>\n</body>\n</html>\n",
        label(plan)
    )
}
