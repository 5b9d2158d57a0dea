//! Contexts of the home page, the plan, the teams, the units, other pages and the 404 page.

use super::Page;
use super::rows::{self, Figures, MonthRef, figures, month_ref, people, unit_row, visit_status, visit_value};
use super::stamp::Source;
use super::view::{View, url};
use crate::derive::Status;
use crate::markdown;
use crate::model::{UnitKind, Visit, YearMonth};
use crate::vi;
use serde::Serialize;
use serde_json::json;

pub fn home(view: &View) -> Page {
    let c = &view.site.config;
    let as_of = view.judgement.as_of;
    let days_left = (c.deadline.value - as_of).num_days();
    // The month of `as_of`, kept within the period (a plan judged after its end shows its
    // last month; its calendar has no page for the months after it).
    let this_month = YearMonth::of(as_of).clamp(c.period_from, c.period_to);
    let visits: Vec<tera::Value> = view
        .visits()
        .into_iter()
        .filter(|(_, v)| v.month.value == this_month)
        .map(|(i, v)| visit_value(view, i, v))
        .collect();
    let total = figures(view, None);
    let mut p = Page::new("index.html", "home.html", &c.title, "home");
    p.ctx.insert("deadline", &vi::date(c.deadline.value));
    p.ctx.insert("days_left", &days_left);
    p.ctx.insert("figures", &total);
    p.ctx.insert("this_month", &month_ref(this_month));
    p.ctx.insert("visits", &visits);
    p.ctx.insert("teams", &view.site.teams.len());
    p.ctx.insert("units", &view.site.units.len());
    p.ctx.insert(
        "findings",
        &crate::derive::publish::published_findings(view.judgement, view.include_restricted).count(),
    );
    p.ctx.insert("gaps", &view.judgement.gaps.len());
    p.ctx.insert("period", &json!({"from": vi::month(c.period_from), "to": vi::month(c.period_to)}));
    p
}

pub fn plan(view: &View) -> Page {
    let plan = &view.site.plan;
    let mut p = Page::new(&url::plan(), "plan.html", &plan.title, "ke-hoach");
    p.source = Source::Plan;
    let place_date = match (&plan.place, plan.issued_on) {
        (Some(pl), Some(d)) => Some(format!("{pl}, {}", vi::date_official(d))),
        (None, Some(d)) => Some(vi::date_official(d).replacen('n', "N", 1)),
        (Some(pl), None) => Some(pl.clone()),
        (None, None) => None,
    };
    p.ctx.insert(
        "plan",
        &json!({
            "title": plan.title,
            "superior": plan.superior,
            "number": plan.number,
            "place_date": place_date,
            "issuer": view.site.config.issuer,
            "organization": view.site.config.organization,
            "signer": plan.signer.as_ref().map(|s| json!({
                "name": s.name, "title": s.title, "on_behalf_of": s.on_behalf_of,
            })),
            "recipients": plan.recipients,
            "body": markdown::to_html(&plan.body, &p.root),
        }),
    );
    // The annexes the plan's text says are attached: the teams and the schedule.
    let teams: Vec<_> =
        view.site.teams.iter().map(|t| json!({"name": t.name, "people": people(t)})).collect();
    let visits: Vec<tera::Value> = view
        .visits()
        .into_iter()
        .filter(|(_, v)| !v.is_cancelled())
        .map(|(i, v)| visit_value(view, i, v))
        .collect();
    p.ctx.insert("annex_teams", &teams);
    p.ctx.insert("annex_visits", &visits);
    p
}

pub fn teams(view: &View) -> Page {
    let mut p = Page::new(&url::teams(), "teams.html", "Các tổ công tác", "to-cong-tac");
    let teams: Vec<_> = view
        .site
        .teams
        .iter()
        .map(|t| {
            json!({
                "id": t.id.value, "name": t.name, "url": url::team(&t.id), "people": people(t),
                "phone": t.phone, "figures": figures(view, Some(&t.id)),
            })
        })
        .collect();
    p.ctx.insert("teams", &teams);
    p.ctx.insert("figures", &figures(view, None));
    p
}

#[derive(Serialize)]
struct MonthVisits {
    month: MonthRef,
    visits: Vec<tera::Value>,
}

/// Visits (in display order) grouped by their month, for a team or a unit.
fn by_month(view: &View, visits: &[(usize, &Visit)]) -> Vec<MonthVisits> {
    let mut out: Vec<(YearMonth, Vec<tera::Value>)> = Vec::new();
    for (i, v) in visits {
        let row = visit_value(view, *i, v);
        match out.last_mut() {
            Some((m, list)) if *m == v.month.value => list.push(row),
            _ => out.push((v.month.value, vec![row])),
        }
    }
    out.into_iter().map(|(m, visits)| MonthVisits { month: month_ref(m), visits }).collect()
}

/// The rows of the visits whose report is published.
fn reported(view: &View, visits: &[(usize, &Visit)]) -> Vec<tera::Value> {
    visits.iter().filter(|(i, _)| view.report(*i).is_some()).map(|(i, v)| visit_value(view, *i, v)).collect()
}

pub fn team(view: &View, t: &crate::model::Team) -> Page {
    let mut p = Page::new(&url::team(&t.id), "team.html", &t.name, "to-cong-tac");
    p.source = Source::Team(t.id.value.clone());
    p.ctx.insert("feed", &crate::paths::team_path(&t.id));
    let visits = view.visits_of_team(&t.id);
    let reports = reported(view, &visits);
    let gaps: Vec<_> = view
        .judgement
        .gaps
        .iter()
        .filter(|g| g.team == t.id.as_str())
        .map(|g| json!({"month": month_ref(g.month), "kind_label": g.kind.label(), "required": g.required, "planned": g.planned}))
        .collect();
    p.ctx.insert(
        "team",
        &json!({"id": t.id.value, "name": t.name, "people": people(t), "phone": t.phone, "figures": figures(view, Some(&t.id))}),
    );
    p.ctx.insert("reports", &reports);
    p.ctx.insert("months", &by_month(view, &visits));
    p.ctx.insert("gaps", &gaps);
    p
}

pub fn units(view: &View) -> Page {
    let mut p = Page::new(&url::units(), "units.html", "Các đơn vị", "don-vi");
    let dang_bo: Vec<_> = view
        .units_of(UnitKind::DangBoCoSo, None)
        .into_iter()
        .map(|u| {
            let cells = view
                .units_of(UnitKind::ChiBoTrucThuoc, Some(&u.id))
                .into_iter()
                .map(|c| unit_row(view, c, vec![]))
                .collect();
            unit_row(view, u, cells)
        })
        .collect();
    let chi_bo: Vec<_> =
        view.units_of(UnitKind::ChiBoCoSo, None).into_iter().map(|u| unit_row(view, u, vec![])).collect();
    p.ctx.insert("dang_bo", &dang_bo);
    p.ctx.insert("chi_bo", &chi_bo);
    p
}

pub fn unit(view: &View, u: &crate::model::Unit) -> Page {
    let mut p = Page::new(&url::unit(&u.id), "unit.html", &u.name, "don-vi");
    p.source = Source::Unit(u.id.value.clone());
    p.ctx.insert("feed", &crate::paths::unit_path(&u.id));
    let visits = view.visits_of_unit(&u.id);
    let rows: Vec<tera::Value> = visits.iter().map(|(i, v)| visit_value(view, *i, v)).collect();
    let cells = view.units_of(UnitKind::ChiBoTrucThuoc, Some(&u.id));
    let cell_ids: Vec<&str> = cells.iter().map(|c| c.id.as_str()).collect();
    let cell_visits: Vec<tera::Value> =
        view.visits_of_units(&cell_ids).into_iter().map(|(i, v)| visit_value(view, i, v)).collect();
    let next = visits
        .iter()
        .find(|(i, v)| visit_status(view, *i, v) == Status::Upcoming)
        .map(|(i, v)| visit_value(view, *i, v));
    let reports = reported(view, &visits);
    let parent = u.parent.as_deref().map(|id| rows::unit_link(view, id));
    let guidance = view.guidance().map(|g| json!({"title": g.title, "url": url::page(&g.slug)}));
    let cells: Vec<_> = cells.into_iter().map(|c| unit_row(view, c, vec![])).collect();
    p.ctx.insert(
        "unit",
        &json!({
            "id": u.id.value, "name": u.name, "kind": u.kind.key(), "kind_label": u.kind.label(),
            "secretary": u.secretary, "members": u.members, "address": u.address, "parent": parent,
        }),
    );
    p.ctx.insert("visits", &rows);
    p.ctx.insert("next", &next);
    p.ctx.insert("reports", &reports);
    p.ctx.insert("cells", &cells);
    p.ctx.insert("cell_visits", &cell_visits);
    p.ctx.insert("guidance", &guidance);
    p
}

pub fn page(view: &View, page: &crate::model::Page) -> Page {
    let mut p = Page::new(&url::page(&page.slug), "page.html", &page.title, "trang");
    p.source = Source::Page(page.slug.clone());
    p.ctx.insert("body", &markdown::to_html(&page.body, &p.root));
    p.ctx.insert("restricted", &page.restricted);
    let _ = view;
    p
}

pub fn not_found(base_url: &str) -> Page {
    let mut p = Page::new("404.html", "404.html", "Không tìm thấy trang", "404");
    // Served for any missing address, so links go from the site's base, not relative.
    p.root = if base_url.ends_with('/') { base_url.to_string() } else { format!("{base_url}/") };
    p
}

/// Per-team figures with the team's name and link, for the dashboard and synthesis.
pub fn team_figures(view: &View) -> Vec<serde_json::Value> {
    view.site
        .teams
        .iter()
        .map(|t| {
            let f: Figures = figures(view, Some(&t.id));
            json!({"id": t.id.value, "name": t.name, "url": url::team(&t.id), "leader": t.leader.name, "figures": f})
        })
        .collect()
}
