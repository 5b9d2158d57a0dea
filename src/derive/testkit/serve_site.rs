//! A small hand-built site for the unit tests of serve and scaffold (test builds only).

use crate::model::*;
use chrono::{NaiveDate, NaiveTime};
use std::sync::Arc;

fn loc(file: &str) -> Loc {
    Loc { file: Arc::from(file), pos: Default::default() }
}

fn sp<T>(value: T, file: &str) -> Sp<T> {
    Sp::new(value, loc(file))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(name: &str, title: &str) -> Person {
    Person { name: name.into(), title: title.into() }
}

fn team(id: &str, leader: &str) -> Team {
    Team {
        id: sp(id.into(), "content/teams.yaml"),
        name: format!("Tổ {id}"),
        leader: person(leader, "Phó Bí thư"),
        members: vec![person("Trần Thị B", "Phó Trưởng Ban")],
        phone: None,
        loc: loc("content/teams.yaml"),
    }
}

fn unit(
    id: &str,
    kind: UnitKind,
    parent: Option<&str>,
    secretary: Option<&str>,
    members: Option<u32>,
) -> Unit {
    Unit {
        id: sp(id.into(), "content/units.yaml"),
        name: format!("Đơn vị {id}"),
        kind,
        parent: parent.map(Into::into),
        secretary: secretary.map(Into::into),
        members,
        address: None,
        loc: loc("content/units.yaml"),
    }
}

fn visit(
    team: &str,
    kind: VisitKind,
    unit: &str,
    month: (i32, u32),
    day: Option<u32>,
    time: Option<&str>,
) -> Visit {
    let ym = YearMonth::new(month.0, month.1).unwrap();
    Visit {
        id: sp(format!("{team}-{ym}-{}", kind.slug()), "content/schedule.yaml"),
        team: sp(team.into(), "content/schedule.yaml"),
        kind: sp(kind, "content/schedule.yaml"),
        unit: sp(unit.into(), "content/schedule.yaml"),
        month: sp(ym, "content/schedule.yaml"),
        date: day.map(|d| sp(date(month.0, month.1, d), "content/schedule.yaml")),
        time: time.map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap()),
        place: None,
        status: PlanStatus::Planned,
        note: None,
        loc: loc("content/schedule.yaml"),
    }
}

/// A report at `file` on `visit`, held on `held`.
pub fn report(file: &str, visit: &str, held: (i32, u32, u32)) -> Report {
    let held = date(held.0, held.1, held.2);
    Report {
        visit: sp(visit.into(), file),
        held_on: sp(held, file),
        started_at: None,
        ended_at: None,
        submitted_on: sp(held, file),
        author: "Nguyễn Văn A".into(),
        accompanied_by: None,
        chair: None,
        meeting: MeetingKind::DinhKy,
        topic: None,
        attendance: sp(Attendance { total: 10, exempt: 0, present: 10, excused: 0, unexcused: 0 }, file),
        speakers: None,
        rating: Rating::Kha,
        score: None,
        restricted: false,
        body: "## Nội dung sinh hoạt\n".into(),
        body_line: 20,
        loc: loc(file),
    }
}

/// A page at `file` with `slug`.
pub fn page(file: &str, slug: &str) -> Page {
    Page {
        slug: slug.into(),
        title: format!("Trang {slug}"),
        menu_title: None,
        weight: 0,
        draft: false,
        restricted: false,
        body: "Nội dung".into(),
        body_line: 4,
        loc: loc(file),
    }
}

/// Two teams, a đảng bộ with one cell and a chi bộ cơ sở, four visits, one report, one page.
pub fn site() -> Site {
    Site {
        config: Config {
            title: "Kế hoạch".into(),
            organization: "Đảng ủy Khối".into(),
            issuer: "Ban Thường vụ".into(),
            base_url: "/".into(),
            theme: "default".into(),
            language: "vi".into(),
            period_from: YearMonth::new(2024, 3).unwrap(),
            period_to: YearMonth::new(2024, 4).unwrap(),
            deadline: sp(date(2024, 11, 10), "content/site.yaml"),
            report_due_days: 10,
            as_of: None,
            require: Require { dang_uy: 1, chi_bo: 1 },
            team_size: sp(2, "content/site.yaml"),
            rules: Default::default(),
            synthesis: None,
            loc: loc("content/site.yaml"),
        },
        plan: Plan {
            title: "Kế hoạch".into(),
            superior: None,
            number: None,
            issued_on: None,
            place: None,
            signer: None,
            recipients: vec![],
            body: "".into(),
            loc: loc("content/plan.md"),
        },
        teams: vec![team("to-1", "Nguyễn Văn A"), team("to-2", "Lê Văn C")],
        units: vec![
            unit("db-dien-luc", UnitKind::DangBoCoSo, None, Some("Phạm Văn D"), Some(142)),
            unit("cb-ky-thuat", UnitKind::ChiBoTrucThuoc, Some("db-dien-luc"), Some("Hoàng Thị E"), Some(18)),
            unit("cb-ngan-hang", UnitKind::ChiBoCoSo, None, None, None),
        ],
        visits: vec![
            Box::new(visit("to-1", VisitKind::DangUy, "db-dien-luc", (2024, 3), Some(14), Some("14:00"))),
            Box::new(visit("to-1", VisitKind::ChiBo, "cb-ky-thuat", (2024, 3), Some(25), Some("08:00"))),
            Box::new(visit("to-2", VisitKind::ChiBo, "cb-ngan-hang", (2024, 4), None, None)),
            Box::new(visit("to-2", VisitKind::DangUy, "db-dien-luc", (2024, 4), Some(10), Some("23:00"))),
        ],
        reports: vec![Box::new(report(
            "content/reports/2024-03/r1.md",
            "to-1-2024-03-chi-bo",
            (2024, 3, 25),
        ))],
        pages: vec![page("content/pages/huong-dan.md", "huong-dan")],
        static_files: vec![],
    }
}
