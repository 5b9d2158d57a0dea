//! Contexts of the reports (index and one report) and of the synthesis for the Standing
//! Committee. Only published reports appear (see [`super::view`]).

use super::Page;
use super::pages_main::team_figures;
use super::rows::{MonthRef, figures, month_ref, visit_value};
use super::view::{View, url};
use crate::markdown;
use crate::markdown::report_body::Bodies;
use crate::model::{Rating, Report, Visit, YearMonth};
use crate::vi;
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A report in a list: the visit's row plus the report's headline facts.
/// A report as listed (serialised straight into the template's context: no JSON tree
/// in between, which matters on a list of tens of thousands).
#[derive(Serialize, Clone)]
struct Brief<'a> {
    visit: tera::Value,
    held_on: String,
    submitted_on: String,
    rating: &'static str,
    rating_label: &'static str,
    author: &'a str,
    restricted: bool,
    url: String,
}

fn brief<'a>(view: &View, i: usize, v: &Visit, r: &'a Report) -> Brief<'a> {
    Brief {
        visit: visit_value(view, i, v),
        held_on: vi::date(r.held_on.value),
        submitted_on: vi::date(r.submitted_on.value),
        rating: r.rating.key(),
        rating_label: r.rating.label(),
        author: &r.author,
        restricted: r.restricted,
        url: url::report(&v.id),
    }
}

#[derive(Serialize)]
struct MonthReports {
    month: MonthRef,
    reports: Vec<tera::Value>,
}

#[derive(Serialize)]
struct TeamReports<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    reports: Vec<tera::Value>,
}

pub fn index(view: &View) -> Page {
    let mut p = Page::new(&url::reports(), "reports.html", "Báo cáo kết quả dự sinh hoạt", "bao-cao");
    let reported = view.reported();
    // Each report's entry is made once, as a template value; the lists by month and by
    // team share it.
    let briefs: Vec<tera::Value> =
        reported.iter().map(|(i, v, r)| tera::Value::from_serializable(&brief(view, *i, v, r))).collect();
    let mut by_month: BTreeMap<YearMonth, Vec<tera::Value>> = BTreeMap::new();
    let mut by_team_of: FxHashMap<&str, Vec<tera::Value>> = FxHashMap::default();
    for ((_, v, r), b) in reported.iter().zip(&briefs) {
        by_month.entry(YearMonth::of(r.held_on.value)).or_default().push(b.clone());
        by_team_of.entry(v.team.as_str()).or_default().push(b.clone());
    }
    let by_month: Vec<MonthReports> =
        by_month.into_iter().map(|(m, reports)| MonthReports { month: month_ref(m), reports }).collect();
    let by_team: Vec<TeamReports> = view
        .site
        .teams
        .iter()
        .map(|t| TeamReports {
            id: &t.id.value,
            name: &t.name,
            url: url::team(&t.id),
            reports: by_team_of.remove(t.id.as_str()).unwrap_or_default(),
        })
        .collect();
    p.ctx.insert("total", &reported.len());
    p.ctx.insert("by_month", &by_month);
    p.ctx.insert("by_team", &by_team);
    p
}

fn minutes(r: &Report) -> Option<i64> {
    let (s, e) = (r.started_at.as_ref()?, r.ended_at.as_ref()?);
    Some((e.value - s.value).num_minutes())
}

/// A report's own facts, as its page shows them (serialised straight into the context).
#[derive(Serialize)]
struct ReportFacts<'a> {
    held_on: String,
    started_at: Option<String>,
    ended_at: Option<String>,
    minutes: Option<i64>,
    min_minutes: i64,
    short: bool,
    submitted_on: String,
    due: Option<String>,
    author: &'a str,
    accompanied_by: Option<&'a str>,
    chair: Option<&'a str>,
    meeting_label: &'static str,
    topic: Option<&'a str>,
    attendance: AttendanceFacts,
    speakers: Option<u32>,
    rating: &'static str,
    rating_label: &'static str,
    score: Option<u32>,
    restricted: bool,
    body: String,
}

#[derive(Serialize)]
struct AttendanceFacts {
    total: u32,
    exempt: u32,
    present: u32,
    excused: u32,
    unexcused: u32,
}

pub fn report(view: &View, i: usize, v: &Visit, r: &Report, bodies: &Bodies) -> Page {
    let row = visit_value(view, i, v);
    let unit = view.unit_full_name(&v.unit);
    let title = format!("Báo cáo dự sinh hoạt: {unit} ({})", vi::month(v.month.value));
    let mut p = Page::new(&url::report(&v.id), "report.html", &title, "bao-cao");
    p.source = super::stamp::Source::Report(i);
    let a = r.attendance.value;
    let mins = minutes(r);
    let due = view.state(i).map(|s| vi::date(s.report_due));
    p.ctx.insert("visit", &row);
    let report = ReportFacts {
        held_on: vi::day_long(r.held_on.value),
        started_at: r.started_at.as_ref().map(|t| vi::time(t.value)),
        ended_at: r.ended_at.as_ref().map(|t| vi::time(t.value)),
        minutes: mins,
        min_minutes: view.site.config.rules.min_minutes(r.meeting),
        short: mins.is_some_and(|m| m < view.site.config.rules.min_minutes(r.meeting)),
        submitted_on: vi::date(r.submitted_on.value),
        due,
        author: &r.author,
        accompanied_by: r.accompanied_by.as_deref(),
        chair: r.chair.as_deref(),
        meeting_label: r.meeting.label(),
        topic: r.topic.as_deref().filter(|t| !t.is_empty()),
        attendance: AttendanceFacts {
            total: a.total,
            exempt: a.exempt,
            present: a.present,
            excused: a.excused,
            unexcused: a.unexcused,
        },
        speakers: r.speakers,
        rating: r.rating.key(),
        rating_label: r.rating.label(),
        score: r.score,
        restricted: r.restricted,
        body: match view.state(i).and_then(|s| s.report) {
            Some(ri) => bodies.page_html(ri, &r.body, &p.root),
            None => markdown::to_html(&r.body, &p.root),
        },
    };
    p.ctx.insert("report", &report);
    p
}

pub fn synthesis(view: &View, bodies: &Bodies) -> Page {
    let mut p =
        Page::new(&url::synthesis(), "synthesis.html", "Báo cáo tổng hợp kết quả dự sinh hoạt", "tong-hop");
    let reported = view.reported();
    let total = reported.len() as u32;
    let ratings: Vec<Value> = Rating::ALL
        .iter()
        .map(|rt| {
            let n = reported.iter().filter(|(_, _, r)| r.rating == *rt).count() as u32;
            json!({"key": rt.key(), "label": rt.label(), "count": n, "percent": (n * 100).checked_div(total).unwrap_or(0)})
        })
        .collect();
    let proposals = super::synthesis_parts::proposal_groups(view, &reported);
    let judged = super::synthesis_parts::rating_groups(view, &reported);
    let _ = bodies;
    p.ctx.insert("figures", &figures(view, None));
    p.ctx.insert("teams", &team_figures(view));
    p.ctx.insert("ratings", &ratings);
    p.ctx.insert("reports_total", &total);
    p.ctx.insert("proposals", &proposals);
    p.ctx.insert("judged", &judged);
    p.ctx.insert("doc", &synthesis_parts(view));
    p.ctx.insert("period", &json!({"from": vi::month(view.site.config.period_from), "to": vi::month(view.site.config.period_to)}));
    p
}

/// The synthesis's parts as a Party document (`synthesis:` in site.yaml): number,
/// "Lào Cai, ngày … tháng … năm …" (the place, else the plan's; the date `as_of`), the
/// signature block and "Nơi nhận".
fn synthesis_parts(view: &View) -> Value {
    let s = view.site.config.synthesis.clone().unwrap_or_default();
    let date = vi::date_official(view.judgement.as_of);
    let place_date = match s.place.as_ref().or(view.site.plan.place.as_ref()) {
        Some(pl) => format!("{pl}, {date}"),
        None => date.replacen('n', "N", 1),
    };
    json!({
        "number": s.number,
        "place_date": place_date,
        "signer": s.signer.as_ref().map(|x| json!({"name": x.name, "title": x.title, "on_behalf_of": x.on_behalf_of})),
        "recipients": s.recipients,
    })
}
