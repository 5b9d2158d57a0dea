//! Context of the compliance dashboard on `as_of`: figures, the team × month matrix,
//! overdue visits, gaps, findings with links, per-team completion, units never visited.

use super::Page;
use super::pages_history::History;
use super::pages_main::team_figures;
use super::rows::{MonthRef, kind_abbr, kind_short, month_ref, unit_row, visit_status, visit_value};
use super::view::{View, url};
use crate::derive::publish::published_findings;
use crate::derive::{Finding, Gap, Status, Subject};
use crate::model::{UnitKind, Visit, VisitKind, YearMonth};
use crate::vi;
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;

fn subject_url(view: &View, f: &Finding) -> Option<String> {
    let visit = |id: &str| view.visit_index(id);
    match &f.subject {
        Subject::Team(t) => Some(url::team(t)),
        Subject::Visit(id) => visit(id).map(|i| url::visit(&view.site.visits[i].team, id)),
        Subject::Report(id) => visit(id).map(|i| view.visit_target(i, &view.site.visits[i].team, id)),
    }
}

/// One visit or one gap in a cell of the matrix.
#[derive(Serialize)]
struct CellEntry {
    kind_short: &'static str,
    kind_abbr: &'static str,
    status: &'static str,
    status_label: Cow<'static, str>,
    url: Option<String>,
    unit: Option<String>,
}

#[derive(Serialize)]
struct Cell {
    month: String,
    entries: Vec<CellEntry>,
}

#[derive(Serialize)]
struct MatrixRow<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    cells: Vec<Cell>,
}

/// The team × month matrix (serialised straight into the context: it has a cell per
/// team and month, and an entry per visit).
#[derive(Serialize)]
struct Matrix<'a> {
    months: Vec<MonthRef>,
    rows: Vec<MatrixRow<'a>>,
}

/// The grid of teams × months; `only`: of that month alone (a month's dashboard shows the
/// month it stood at: the whole grid, on each of the period's months, made a dashboard of
/// 10,000 reports and seven years 2.4 MB a month, 200 MB in all).
fn matrix<'a>(view: &View<'a>, only: Option<YearMonth>) -> Matrix<'a> {
    let mut months = view.months();
    if let Some(m) = only {
        months.retain(|x| *x == m);
    }
    let gaps: FxHashMap<(&str, YearMonth, VisitKind), &Gap> =
        view.judgement.gaps.iter().rev().map(|g| ((g.team.as_str(), g.month, g.kind), g)).collect();
    let rows: Vec<MatrixRow> = view
        .site
        .teams
        .iter()
        .map(|t| {
            let mut cell: BTreeMap<(YearMonth, VisitKind), Vec<(usize, &Visit)>> = BTreeMap::new();
            // A month's page reads only its month's visits.
            for (i, v) in view
                .visits_of_team(&t.id)
                .into_iter()
                .filter(|(_, v)| only.is_none_or(|m| v.month.value == m))
            {
                cell.entry((v.month.value, v.kind.value)).or_default().push((i, v));
            }
            let cells: Vec<Cell> = months
                .iter()
                .map(|m| {
                    let mut entries: Vec<CellEntry> = Vec::new();
                    for kind in VisitKind::ALL {
                        for (i, v) in cell.get(&(*m, kind)).map(Vec::as_slice).unwrap_or_default() {
                            let status = visit_status(view, *i, v);
                            let url = view.visit_target(*i, &v.team, &v.id);
                            let unit = view.unit_full_name(&v.unit);
                            entries.push(CellEntry {
                                kind_short: kind_short(kind),
                                kind_abbr: kind_abbr(kind),
                                status: status.key(),
                                status_label: status.label().into(),
                                url: Some(url),
                                unit: Some(unit),
                            });
                        }
                        if let Some(g) = gaps.get(&(t.id.as_str(), *m, kind)) {
                            entries.push(CellEntry {
                                kind_short: kind_short(kind),
                                kind_abbr: kind_abbr(kind),
                                status: "gap",
                                status_label: format!("Thiếu {}", g.required.saturating_sub(g.planned))
                                    .into(),
                                url: None,
                                unit: None,
                            });
                        }
                    }
                    Cell { month: m.to_string(), entries }
                })
                .collect();
            MatrixRow { id: &t.id.value, name: &t.name, url: url::team(&t.id), cells }
        })
        .collect();
    Matrix { months: months.into_iter().map(month_ref).collect(), rows }
}

/// The dashboard on `as_of`.
pub fn dashboard(view: &View, history: &History) -> Page {
    let mut p = Page::new(&url::dashboard(), "dashboard.html", "Theo dõi thực hiện kế hoạch", "theo-doi");
    fill(view, history, "", None, &mut p);
    p
}

/// The dashboard as it stood at the end of month `m`: `view` is of the judgement on
/// that month's last day.
pub fn dashboard_at(view: &View, m: YearMonth, history: &History) -> Page {
    let title = format!("Theo dõi thực hiện kế hoạch đến hết {}", vi::month(m));
    let mut p = Page::new(&url::dashboard_month(m), "dashboard.html", &title, "theo-doi");
    fill(view, history, &m.to_string(), Some(m), &mut p);
    p.ctx.insert("month_label", &vi::month(m));
    // The date every part of the page states, the footer's included.
    let as_of = view.judgement.as_of;
    let as_of = json!({"date": vi::date(as_of), "long": vi::day_long(as_of), "iso": as_of.to_string()});
    p.ctx.insert("as_of", &as_of);
    p
}

fn fill(view: &View, history: &History, month_key: &str, only: Option<YearMonth>, p: &mut Page) {
    p.ctx.insert("history", history);
    p.ctx.insert("month_key", month_key);
    let as_of = view.judgement.as_of;
    let summary = view.judgement.summary(view.site, view.include_restricted);
    let overdue: Vec<Value> = view
        .visits()
        .into_iter()
        .filter(|(i, _)| view.state(*i).is_some_and(|s| s.status == Status::Overdue))
        .map(|(i, v)| {
            let days = view.state(i).map(|s| (as_of - s.report_due).num_days()).unwrap_or(0);
            json!({"visit": visit_value(view, i, v), "days": days})
        })
        .collect();
    let gaps: Vec<Value> = view
        .judgement
        .gaps
        .iter()
        .map(|g| {
            json!({
                "team": super::rows::team_link(view, &g.team), "month": month_ref(g.month),
                "kind_label": g.kind.label(), "required": g.required, "planned": g.planned,
            })
        })
        .collect();
    let findings: Vec<Value> = published_findings(view.judgement, view.include_restricted)
        .map(|f| {
            json!({
                "kind": f.kind.key(), "message": f.message, "url": subject_url(view, f),
                "source": f.loc.to_string(),
            })
        })
        .collect();
    let mut never: Vec<Value> = Vec::new();
    for kind in [UnitKind::DangBoCoSo, UnitKind::ChiBoCoSo, UnitKind::ChiBoTrucThuoc] {
        for u in view.units_of(kind, None) {
            let row = unit_row(view, u, vec![]);
            if row.reported == 0 {
                never.push(serde_json::to_value(&row).unwrap_or_default());
            }
        }
    }
    // The tally by status, and the rest of the summary beside it.
    let t = summary.tally;
    let mut facts = serde_json::to_value(t).unwrap_or_default();
    if let Value::Object(m) = &mut facts {
        m.extend([
            ("as_of".into(), json!(summary.as_of.map(vi::date))),
            ("planned".into(), json!(t.planned())),
            ("gaps".into(), json!(summary.gaps)),
            ("findings".into(), json!(summary.findings)),
            ("units_total".into(), json!(summary.units_total)),
            ("units_visited".into(), json!(summary.units_visited)),
            ("percent".into(), json!(t.percent_reported())),
        ]);
    }
    p.ctx.insert("summary", &facts);
    p.ctx.insert("as_of_long", &vi::day_long(as_of));
    p.ctx.insert("matrix", &matrix(view, only));
    p.ctx.insert("overdue", &overdue);
    p.ctx.insert("gaps", &gaps);
    p.ctx.insert("findings", &findings);
    p.ctx.insert("teams", &team_figures(view));
    p.ctx.insert("never_visited", &never);
}
