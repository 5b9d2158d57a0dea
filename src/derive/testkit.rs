//! Test kit: the one builder of the tests' sites. In code, `SiteBuilder` makes `Site`
//! values without the loader; as files, [`files`] takes a fixture, the sample or a site
//! folder, changes it file by file and writes it to a temporary folder. Compiled for
//! the unit tests and, with the `testkit` feature, for the integration tests (`tests/it`).
//!
//! Locations are synthetic but predictable, so tests can assert where a finding points:
//! visit `i` (0-based) starts at `content/schedule.yaml` line `1 + 10 * i`, with `team`,
//! `kind`, `unit`, `month`, `date` on the following lines; a report on visit `v` lives in
//! `content/reports/<v>.md` with `visit` on line 2, `held_on` 3, `started_at` 4,
//! `ended_at` 5, `submitted_on` 6 and `attendance` 7; team `i` starts at
//! `content/teams.yaml` line `1 + 6 * i`.

pub mod files;
pub mod render_site;
pub mod serve_site;

use crate::model::Pos;
use crate::model::*;
use chrono::{NaiveDate, NaiveTime};
use std::sync::Arc;

pub use files::{SiteFiles, fixture, folder, sample, sample_content};

pub const SCHEDULE: &str = "content/schedule.yaml";
pub const TEAMS: &str = "content/teams.yaml";
pub const UNITS: &str = "content/units.yaml";

/// `2024-03-14` → a date (test input only).
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).expect("test month")
}

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("test time")
}

pub fn loc(file: &str, line: u32, col: u32) -> Loc {
    Loc { file: Arc::from(file), pos: Pos { line, col, len: 0 } }
}

fn sp<T>(value: T) -> Sp<T> {
    Sp::new(value, Loc::default())
}

/// A planned, undated visit; the id defaults to `<team>-<month>-<kind slug>`.
pub fn visit(team: &str, kind: VisitKind, unit: &str, month: &str) -> Visit {
    let month = ym(month);
    Visit {
        id: sp(format!("{team}-{month}-{}", kind.slug())),
        team: sp(team.to_string()),
        kind: sp(kind),
        unit: sp(unit.to_string()),
        month: sp(month),
        date: None,
        time: None,
        place: None,
        status: PlanStatus::Planned,
        note: None,
        loc: Loc::default(),
    }
}

/// Chainable tweaks of a test visit.
pub trait VisitExt {
    fn on(self, date: &str) -> Self;
    fn at(self, time: &str) -> Self;
    fn cancelled(self) -> Self;
}

impl VisitExt for Visit {
    fn on(mut self, date: &str) -> Self {
        self.date = Some(sp(d(date)));
        self
    }
    fn at(mut self, time: &str) -> Self {
        self.time = Some(t(time));
        self
    }
    fn cancelled(mut self) -> Self {
        self.status = PlanStatus::Cancelled;
        self.note = Some("Đơn vị đề nghị lùi lịch".into());
        self
    }
}

/// A report on `visit`, held and submitted on the given days, attendance adding up.
pub fn report(visit: &str, held_on: &str, submitted_on: &str) -> Report {
    Report {
        visit: sp(visit.to_string()),
        held_on: sp(d(held_on)),
        started_at: None,
        ended_at: None,
        submitted_on: sp(d(submitted_on)),
        author: "Nguyễn Văn A".into(),
        accompanied_by: None,
        chair: None,
        meeting: MeetingKind::DinhKy,
        topic: None,
        attendance: sp(Attendance { total: 18, exempt: 1, present: 15, excused: 2, unexcused: 0 }),
        speakers: None,
        rating: Rating::Tot,
        score: None,
        restricted: false,
        body: "## Đề xuất, kiến nghị\nBÍ MẬT nội dung riêng\n".into(),
        body_line: 20,
        loc: Loc::default(),
    }
}

/// Chainable tweaks of a test report.
pub trait ReportExt {
    fn times(self, started: &str, ended: &str) -> Self;
    fn meeting(self, kind: MeetingKind) -> Self;
    fn attendance(self, total: u32, exempt: u32, present: u32, excused: u32, unexcused: u32) -> Self;
    fn accompanied(self, name: &str) -> Self;
    fn restricted(self) -> Self;
}

impl ReportExt for Report {
    fn times(mut self, started: &str, ended: &str) -> Self {
        self.started_at = Some(sp(t(started)));
        self.ended_at = Some(sp(t(ended)));
        self
    }
    fn meeting(mut self, kind: MeetingKind) -> Self {
        self.meeting = kind;
        self
    }
    fn attendance(mut self, total: u32, exempt: u32, present: u32, excused: u32, unexcused: u32) -> Self {
        self.attendance.value = Attendance { total, exempt, present, excused, unexcused };
        self
    }
    fn accompanied(mut self, name: &str) -> Self {
        self.accompanied_by = Some(name.into());
        self
    }
    fn restricted(mut self) -> Self {
        self.restricted = true;
        self
    }
}

/// Builds a site: period 2024-03..2024-05, deadline 2024-11-10, reports due in 10 days,
/// one visit of each kind per team and month, teams of 2, base_url `/`.
pub struct SiteBuilder {
    site: Site,
}

impl Default for SiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SiteBuilder {
    pub fn new() -> Self {
        let config = Config {
            title: "Kế hoạch dự sinh hoạt chi bộ năm 2024".into(),
            organization: "Đảng ủy Khối".into(),
            issuer: "Ban Thường vụ Đảng ủy Khối".into(),
            base_url: "/".into(),
            theme: "default".into(),
            language: "vi".into(),
            period_from: ym("2024-03"),
            period_to: ym("2024-05"),
            deadline: Sp::new(d("2024-11-10"), loc("content/site.yaml", 8, 11)),
            report_due_days: 10,
            as_of: None,
            require: Require { dang_uy: 1, chi_bo: 1 },
            team_size: Sp::new(2, loc("content/site.yaml", 12, 12)),
            rules: Default::default(),
            synthesis: None,
            loc: loc("content/site.yaml", 1, 1),
        };
        let plan = Plan {
            title: "Kế hoạch".into(),
            superior: None,
            number: None,
            issued_on: None,
            place: None,
            signer: None,
            recipients: Vec::new(),
            body: "".into(),
            loc: loc("content/plan.md", 1, 1),
        };
        let site = Site {
            config,
            plan,
            teams: Vec::new(),
            units: Vec::new(),
            visits: Vec::new(),
            reports: Vec::new(),
            pages: Vec::new(),
            static_files: Vec::new(),
        };
        SiteBuilder { site }
    }

    pub fn config(mut self, f: impl FnOnce(&mut Config)) -> Self {
        f(&mut self.site.config);
        self
    }

    /// A team of `size` people (leader included).
    pub fn team(mut self, id: &str, size: usize) -> Self {
        let line = 1 + 6 * self.site.teams.len() as u32;
        let person = |i: usize| Person { name: format!("Người {i}"), title: "Ủy viên".into() };
        self.site.teams.push(Team {
            id: Sp::new(id.into(), loc(TEAMS, line, 7)),
            name: format!("Tổ {id}"),
            leader: person(0),
            members: (1..size.max(1)).map(person).collect(),
            phone: None,
            loc: loc(TEAMS, line, 3),
        });
        self
    }

    pub fn unit(mut self, id: &str, kind: UnitKind) -> Self {
        self.push_unit(id, kind, None);
        self
    }

    /// A chi bộ trực thuộc of the đảng bộ `parent`.
    pub fn cell(mut self, id: &str, parent: &str) -> Self {
        self.push_unit(id, UnitKind::ChiBoTrucThuoc, Some(parent.into()));
        self
    }

    fn push_unit(&mut self, id: &str, kind: UnitKind, parent: Option<String>) {
        let line = 1 + 4 * self.site.units.len() as u32;
        self.site.units.push(Unit {
            id: Sp::new(id.into(), loc(UNITS, line, 7)),
            name: format!("Đơn vị {id}"),
            kind,
            parent,
            secretary: None,
            members: None,
            address: None,
            loc: loc(UNITS, line, 3),
        });
    }

    pub fn visit(mut self, mut v: Visit) -> Self {
        let line = 1 + 10 * self.site.visits.len() as u32;
        v.loc = loc(SCHEDULE, line, 3);
        v.id.loc = v.loc.clone();
        v.team.loc = loc(SCHEDULE, line, 9);
        v.kind.loc = loc(SCHEDULE, line + 1, 9);
        v.unit.loc = loc(SCHEDULE, line + 2, 9);
        v.month.loc = loc(SCHEDULE, line + 3, 10);
        if let Some(date) = &mut v.date {
            date.loc = loc(SCHEDULE, line + 4, 9);
        }
        self.site.visits.push(Box::new(v));
        self
    }

    /// A report, in `content/reports/<visit>.md` unless its `loc` names another file.
    pub fn report(mut self, mut r: Report) -> Self {
        let file = match &*r.loc.file {
            "" => format!("content/reports/{}.md", r.visit.value),
            file => file.to_string(),
        };
        r.loc = loc(&file, 1, 1);
        r.visit.loc = loc(&file, 2, 8);
        r.held_on.loc = loc(&file, 3, 10);
        if let Some(s) = &mut r.started_at {
            s.loc = loc(&file, 4, 13);
        }
        if let Some(e) = &mut r.ended_at {
            e.loc = loc(&file, 5, 11);
        }
        r.submitted_on.loc = loc(&file, 6, 15);
        r.attendance.loc = loc(&file, 7, 13);
        self.site.reports.push(Box::new(r));
        self
    }

    pub fn page(mut self, p: Page) -> Self {
        self.site.pages.push(p);
        self
    }

    pub fn build(self) -> Site {
        self.site
    }
}

/// Two teams of two, a đảng bộ with one cell, a chi bộ cơ sở: the usual cast.
pub fn cast() -> SiteBuilder {
    SiteBuilder::new()
        .team("to-1", 2)
        .team("to-2", 2)
        .unit("db-a", UnitKind::DangBoCoSo)
        .cell("cb-a1", "db-a")
        .unit("cb-b", UnitKind::ChiBoCoSo)
}
