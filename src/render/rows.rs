//! The pieces that many pages show: a visit as a row, references to teams, units and
//! months, and a team's completion figures. Plain serialisable data for templates.

use super::vi;
use super::view::{View, url};
use crate::derive::{Status, Tally, VisitState};
use crate::model::{Team, Unit, Visit, VisitKind, YearMonth};
use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct Link {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct MonthRef {
    pub key: String,
    pub label: String,
    pub label_cap: String,
    pub url: String,
}

pub fn month_ref(m: YearMonth) -> MonthRef {
    MonthRef { key: m.to_string(), label: vi::month(m), label_cap: vi::month_cap(m), url: url::month(m) }
}

pub fn team_link(view: &View, id: &str) -> Link {
    match view.team(id) {
        Some(t) => Link { name: t.name.clone(), url: Some(url::team(&t.id)) },
        None => Link { name: id.to_string(), url: None },
    }
}

pub fn unit_link(view: &View, id: &str) -> Link {
    match view.unit(id) {
        Some(u) => Link { name: u.name.clone(), url: Some(url::unit(&u.id)) },
        None => Link { name: id.to_string(), url: None },
    }
}

/// Short name of a kind of visit, for tight cells.
pub fn kind_short(k: VisitKind) -> &'static str {
    match k {
        VisitKind::DangUy => "Đảng ủy",
        VisitKind::ChiBo => "Chi bộ",
    }
}

/// Abbreviation of a kind of visit, for the dashboard's matrix (its legend explains it).
pub fn kind_abbr(k: VisitKind) -> &'static str {
    match k {
        VisitKind::DangUy => "ĐU",
        VisitKind::ChiBo => "CB",
    }
}

/// One visit, as every list and table shows it.
#[derive(Serialize, Clone)]
pub struct VisitRow {
    pub id: String,
    pub team: Link,
    pub leader: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub kind_short: &'static str,
    pub unit: Link,
    pub unit_kind: &'static str,
    pub month: MonthRef,
    pub date: Option<String>,
    pub weekday: Option<&'static str>,
    pub time: Option<String>,
    /// "Thứ Năm, 14/03/2024, 14:00" or "chưa xác định".
    pub when: String,
    pub place: Option<String>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub on_time: Option<bool>,
    /// "đúng hạn" / "chậm" for reported visits.
    pub timeliness: Option<&'static str>,
    pub report_url: Option<String>,
    pub report_due: String,
    pub note: Option<String>,
    /// Where the visit is shown in full: its row on the team page.
    pub url: String,
}

/// Visit `i`'s row as a template value: made once per render and shared (a clone is a
/// reference count) by every page and list that shows the visit.
pub fn visit_value(view: &View, i: usize, v: &Visit) -> tera::Value {
    let make = || tera::Value::from_serializable(&visit_row(view, i, v));
    match view.row_slot(i) {
        Some(slot) => slot.get_or_init(make).clone(),
        None => make(),
    }
}

/// A visit's status as the pages show it (also for a visit the judgement does not hold).
pub fn visit_status(view: &View, i: usize, v: &Visit) -> Status {
    view.state(i).map(|s| s.status).unwrap_or(if v.is_cancelled() {
        Status::Cancelled
    } else {
        Status::Upcoming
    })
}

pub fn visit_row(view: &View, i: usize, v: &Visit) -> VisitRow {
    let state = view.state(i);
    let status = visit_status(view, i, v);
    let on_time = state.and_then(|s| s.on_time);
    let date = v.date.as_ref().map(|d| d.value);
    let when = match (date, v.time) {
        (Some(d), Some(t)) => format!("{}, {}", vi::day_long(d), vi::time(t)),
        (Some(d), None) => vi::day_long(d),
        (None, _) => "chưa xác định".to_string(),
    };
    let unit = view.unit(&v.unit);
    VisitRow {
        id: v.id.to_string(),
        team: team_link(view, &v.team),
        leader: view.team(&v.team).map(|t| t.leader.name.clone()).unwrap_or_default(),
        kind: v.kind.key(),
        kind_label: v.kind.label(),
        kind_short: kind_short(v.kind.value),
        unit: unit_link(view, &v.unit),
        unit_kind: unit.map(|u| u.kind.label()).unwrap_or(""),
        month: month_ref(v.month.value),
        date: date.map(vi::date),
        weekday: date.map(|d| vi::weekday(chrono::Datelike::weekday(&d))),
        time: v.time.map(vi::time),
        when,
        place: v.place.clone(),
        status: status.key(),
        status_label: status.label(),
        on_time,
        timeliness: on_time.map(|t| if t { "đúng hạn" } else { "chậm" }),
        report_url: view.report(i).map(|_| url::report(&v.id)),
        report_due: state.map(|s| vi::date(s.report_due)).unwrap_or_default(),
        note: v.note.clone().filter(|n| !n.is_empty()),
        url: url::visit(&v.team, &v.id),
    }
}

/// A person of a team, leader first.
#[derive(Serialize, Clone)]
pub struct PersonRow {
    pub name: String,
    pub title: String,
    pub leader: bool,
}

pub fn people(t: &Team) -> Vec<PersonRow> {
    t.people()
        .enumerate()
        .map(|(i, p)| PersonRow { name: p.name.clone(), title: p.title.clone(), leader: i == 0 })
        .collect()
}

/// A team's (or everyone's) figures: the tally by status (`reported`, `on_time`, `late`,
/// `awaiting`, `overdue`, `upcoming`, `cancelled`) beside these.
#[derive(Serialize, Clone, Default)]
pub struct Figures {
    /// Visits the plan requires: months × (đảng ủy + chi bộ).
    pub required: u32,
    pub planned: u32,
    #[serde(flatten)]
    pub tally: Tally,
    /// reported × 100 / planned, rounded down.
    pub percent: u32,
}

/// The figures of the visits of `team` (all teams with `None`).
pub fn figures(view: &View, team: Option<&str>) -> Figures {
    let c = &view.site.config;
    let per_team = c.months().len() as u32 * (c.require.dang_uy + c.require.chi_bo);
    let states: Vec<&VisitState> = match team {
        Some(t) => view.visits_of_team(t).into_iter().filter_map(|(i, _)| view.state(i)).collect(),
        None => view.judgement.visits.iter().collect(),
    };
    let t = Tally::of(states);
    Figures {
        required: per_team * if team.is_some() { 1 } else { view.site.teams.len() as u32 },
        planned: t.planned(),
        tally: t,
        percent: t.percent_reported(),
    }
}

/// A unit as listed: name, kind, link, and how many visits it has.
#[derive(Serialize, Clone)]
pub struct UnitRow {
    pub id: String,
    pub name: String,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub secretary: Option<String>,
    pub members: Option<u32>,
    pub visits: u32,
    pub reported: u32,
    pub cells: Vec<UnitRow>,
}

pub fn unit_row(view: &View, u: &Unit, cells: Vec<UnitRow>) -> UnitRow {
    let mut visits = 0;
    let mut reported = 0;
    for (i, v) in view.visits_of_unit(&u.id) {
        if !v.is_cancelled() {
            visits += 1;
            if view.state(i).is_some_and(|s| s.status == Status::Reported) {
                reported += 1;
            }
        }
    }
    UnitRow {
        id: u.id.to_string(),
        name: u.name.clone(),
        url: url::unit(&u.id),
        kind: u.kind.key(),
        kind_label: u.kind.label(),
        secretary: u.secretary.clone(),
        members: u.members,
        visits,
        reported,
        cells,
    }
}
