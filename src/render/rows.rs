//! The pieces that many pages show: a visit as a row, references to teams, units and
//! months, and a team's completion figures. Plain serialisable data for templates.

use super::view::{View, url};
use crate::derive::{Status, Tally, VisitState};
use crate::model::{Team, Unit, Visit, VisitKind, YearMonth};
use crate::vi;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tera::Value;

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

/// A unit's link; its name is the one lists show (a chi bộ trực thuộc with its đảng bộ).
pub fn unit_link(view: &View, id: &str) -> Link {
    match view.unit(id) {
        Some(u) => Link { name: view.unit_full_name(id), url: Some(url::unit(&u.id)) },
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

/// Visit `i`'s row as a template value: made once per render and shared (a clone is a
/// reference count) by every page and list that shows the visit. Its fields:
///
/// - `id`, `url` (its row on the team page), `report_url` (when its report is published);
/// - `team` and `unit` ([`Link`]s), `leader` (the team leader's name), `unit_kind` (label);
/// - `kind` (key), `kind_label`, `kind_short`; `month` (a [`MonthRef`]);
/// - `date` ("14/03/2024"), `weekday` ("Thứ Năm"), `time` ("14:00"), `when` ("Thứ Năm,
///   14/03/2024, 14:00" or "chưa xác định"), `place`, `note`;
/// - `status` (key), `status_label`, `on_time`, `timeliness` ("đúng hạn" / "chậm" for
///   reported visits), `report_due` (date).
///
/// The team's, unit's and month's values are made once per render and shared by the rows.
pub fn visit_value(view: &View, i: usize, v: &Visit) -> Value {
    match view.row_slot(i) {
        Some(slot) => slot.get_or_init(|| visit_map(view, i, v)).clone(),
        None => visit_map(view, i, v),
    }
}

/// The fields of a row, in the order templates see them.
#[derive(Serialize)]
struct RowFields<'a> {
    id: &'a str,
    team: &'a Value,
    leader: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    kind_short: &'static str,
    unit: &'a Value,
    unit_kind: &'static str,
    month: &'a Value,
    date: Option<String>,
    weekday: Option<&'static str>,
    time: Option<String>,
    when: String,
    place: Option<&'a str>,
    status: &'static str,
    status_label: &'static str,
    on_time: Option<bool>,
    timeliness: Option<&'static str>,
    report_url: Option<String>,
    report_due: String,
    note: Option<&'a str>,
    url: String,
}

fn visit_map(view: &View, i: usize, v: &Visit) -> Value {
    let state = view.state(i);
    let status = visit_status(view, i, v);
    let on_time = state.and_then(|s| s.on_time);
    let date = v.date.as_ref().map(|d| d.value);
    let when = match (date, v.time) {
        (Some(d), Some(t)) => format!("{}, {}", vi::day_long(d), vi::time(t)),
        (Some(d), None) => vi::day_long(d),
        (None, _) => "chưa xác định".to_string(),
    };
    let refs = view.shared_refs();
    let unit = view.unit(&v.unit);
    Value::from_serializable(&RowFields {
        id: &v.id,
        team: &refs.team(view, &v.team),
        leader: view.team(&v.team).map_or("", |t| t.leader.name.as_str()),
        kind: v.kind.key(),
        kind_label: v.kind.label(),
        kind_short: kind_short(v.kind.value),
        unit: &refs.unit(view, &v.unit),
        unit_kind: unit.map_or("", |u| u.kind.label()),
        month: &refs.month(v.month.value),
        date: date.map(vi::date),
        weekday: date.map(|d| vi::weekday(chrono::Datelike::weekday(&d))),
        time: v.time.map(vi::time),
        when,
        place: v.place.as_deref(),
        status: status.key(),
        status_label: status.label(),
        on_time,
        timeliness: on_time.map(|t| if t { "đúng hạn" } else { "chậm" }),
        report_url: view.report(i).map(|_| url::report(&v.id)),
        report_due: state.map(|s| vi::date(s.report_due)).unwrap_or_default(),
        note: v.note.as_deref().filter(|n| !n.is_empty()),
        url: url::visit(&v.team, &v.id),
    })
}

/// The team links, unit links and month references of one render, as template values made
/// once and shared by every row (see [`visit_value`]).
pub struct SharedRefs<'a> {
    teams: FxHashMap<&'a str, Value>,
    units: FxHashMap<&'a str, Value>,
    months: FxHashMap<YearMonth, Value>,
}

impl<'a> SharedRefs<'a> {
    pub(super) fn new(view: &View<'a>) -> Self {
        let site = view.site;
        SharedRefs {
            teams: site
                .teams
                .iter()
                .map(|t| (t.id.as_str(), Value::from_serializable(&team_link(view, &t.id))))
                .collect(),
            units: site
                .units
                .iter()
                .map(|u| (u.id.as_str(), Value::from_serializable(&unit_link(view, &u.id))))
                .collect(),
            months: view.months().into_iter().map(|m| (m, Value::from_serializable(&month_ref(m)))).collect(),
        }
    }

    fn team(&self, view: &View, id: &str) -> Value {
        self.teams.get(id).cloned().unwrap_or_else(|| Value::from_serializable(&team_link(view, id)))
    }

    fn unit(&self, view: &View, id: &str) -> Value {
        self.units.get(id).cloned().unwrap_or_else(|| Value::from_serializable(&unit_link(view, id)))
    }

    fn month(&self, m: YearMonth) -> Value {
        self.months.get(&m).cloned().unwrap_or_else(|| Value::from_serializable(&month_ref(m)))
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
    /// The name with its đảng bộ for a chi bộ trực thuộc (for flat lists).
    pub full_name: String,
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
        full_name: view.unit_full_name(&u.id),
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
