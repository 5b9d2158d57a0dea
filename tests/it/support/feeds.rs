//! A small site built in code (judge() is written elsewhere), shared by the feeds tests.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveTime};
use kehoach::derive::{Finding, FindingKind, Judgement, Status, Subject, VisitState};
use kehoach::model::Pos;
use kehoach::model::*;
use std::sync::Arc;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn loc(file: &str, line: u32) -> Loc {
    Loc { file: Arc::from(file), pos: Pos { line, col: 3, len: 0 } }
}

fn sp<T>(v: T) -> Sp<T> {
    Sp::new(v, loc("content/schedule.yaml", 1))
}

fn person(name: &str, title: &str) -> Person {
    Person { name: name.into(), title: title.into() }
}

fn team(id: &str, name: &str, leader: Person, members: Vec<Person>) -> Team {
    Team {
        id: sp(id.into()),
        name: name.into(),
        leader,
        members,
        phone: None,
        loc: loc("content/teams.yaml", 1),
    }
}

fn unit(id: &str, name: &str, kind: UnitKind, parent: Option<&str>, address: Option<&str>) -> Unit {
    Unit {
        id: sp(id.into()),
        name: name.into(),
        kind,
        parent: parent.map(Into::into),
        secretary: None,
        members: Some(20),
        address: address.map(Into::into),
        loc: loc("content/units.yaml", 1),
    }
}

#[allow(clippy::too_many_arguments)]
fn visit(
    id: &str,
    team: &str,
    kind: VisitKind,
    unit: &str,
    date: Option<&str>,
    time: Option<&str>,
    place: Option<&str>,
    cancelled: Option<&str>,
) -> Visit {
    let date = date.map(d);
    Visit {
        id: sp(id.into()),
        team: sp(team.into()),
        kind: sp(kind),
        unit: sp(unit.into()),
        month: sp(date.map(YearMonth::of).unwrap_or(YearMonth { year: 2024, month: 5 })),
        date: date.map(sp),
        time: time.map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap()),
        place: place.map(Into::into),
        status: if cancelled.is_some() { PlanStatus::Cancelled } else { PlanStatus::Planned },
        note: cancelled.map(Into::into),
        loc: loc("content/schedule.yaml", 1),
    }
}

fn report(visit: &str, held: &str, submitted: &str, restricted: bool, body: &str) -> Report {
    let file = format!("content/reports/{visit}.md");
    Report {
        visit: Sp::new(visit.into(), loc(&file, 2)),
        held_on: Sp::new(d(held), loc(&file, 3)),
        started_at: Some(Sp::new(NaiveTime::from_hms_opt(14, 0, 0).unwrap(), loc(&file, 4))),
        ended_at: Some(Sp::new(NaiveTime::from_hms_opt(16, 0, 0).unwrap(), loc(&file, 5))),
        submitted_on: Sp::new(d(submitted), loc(&file, 6)),
        author: "Nguyễn Văn An".into(),
        accompanied_by: if restricted { None } else { Some("Lê Văn Cường, Đảng ủy viên".into()) },
        chair: None,
        meeting: MeetingKind::DinhKy,
        topic: None,
        attendance: Sp::new(
            Attendance { total: 18, exempt: 1, present: 15, excused: 2, unexcused: 0 },
            loc(&file, 7),
        ),
        speakers: Some(7),
        rating: if restricted { Rating::Kem } else { Rating::Tot },
        score: if restricted { None } else { Some(92) },
        restricted,
        body: body.into(),
        body_line: 12,
        loc: loc(&file, 1),
    }
}

/// Visits (index: id):
/// 0 `to-1-2024-03-dang-uy` 14/03 14:00, place with a comma;
/// 1 `to-1-2024-03-chi-bo` 25/03 all-day, to a chi bộ trực thuộc of db-dien-luc (reported);
/// 2 `to-2-2024-04-chi-bo` 10/04 08:00, cancelled with a reason;
/// 3 `to-2-2024-05-dang-uy` undated;
/// 4 `to-2-2024-03-chi-bo` 20/03 07:30 (reported, restricted);
/// 5 `to-1-2024-04-chi-bo` 05/04 09:00 (report submitted after as_of: not counted).
pub fn site() -> Site {
    let config = Config {
        title: "Kế hoạch dự sinh hoạt chi bộ năm 2024".into(),
        organization: "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh Lào Cai".into(),
        issuer: "Ban Thường vụ Đảng ủy Khối".into(),
        base_url: "/".into(),
        theme: "default".into(),
        language: "vi".into(),
        period_from: YearMonth { year: 2024, month: 3 },
        period_to: YearMonth { year: 2024, month: 10 },
        deadline: Sp::new(d("2024-11-10"), loc("content/site.yaml", 8)),
        report_due_days: 10,
        as_of: Some(d("2024-04-12")),
        require: Require { dang_uy: 1, chi_bo: 1 },
        team_size: Sp::new(2, loc("content/site.yaml", 12)),
        rules: Default::default(),
        synthesis: None,
        loc: loc("content/site.yaml", 1),
    };
    let plan = Plan {
        title: "Kế hoạch dự sinh hoạt chi bộ, sinh hoạt cấp ủy năm 2024".into(),
        superior: None,
        number: Some("123-KH/ĐUK".into()),
        issued_on: Some(d("2024-02-05")),
        place: Some("Lào Cai".into()),
        signer: None,
        recipients: vec![],
        body: "## Mục đích\nNâng cao chất lượng **sinh hoạt** chi bộ.\n".into(),
        loc: loc("content/plan.md", 1),
    };
    let teams = vec![
        team(
            "to-1",
            "Tổ công tác số 1",
            person("Nguyễn Văn An", "Phó Bí thư Thường trực Đảng ủy Khối"),
            vec![person("Trần Thị Bình", "Phó Trưởng Ban Tổ chức Đảng ủy Khối")],
        ),
        team(
            "to-2",
            "Tổ công tác số 2",
            person("Hoàng Văn Đức", "Ủy viên Ban Thường vụ"),
            vec![person("Phạm Thị Hoa", "Chuyên viên; Ban Tuyên giáo")],
        ),
    ];
    let units = vec![
        unit(
            "db-dien-luc",
            "Đảng bộ Công ty Điện lực Lào Cai",
            UnitKind::DangBoCoSo,
            None,
            Some("6 Nguyễn Huệ, phường Lào Cai"),
        ),
        unit("cb-dl-ky-thuat", "Chi bộ Phòng Kỹ thuật", UnitKind::ChiBoTrucThuoc, Some("db-dien-luc"), None),
        unit("cb-ngan-hang", "Chi bộ Ngân hàng Nhà nước Chi nhánh tỉnh", UnitKind::ChiBoCoSo, None, None),
        unit("db-da-nang", "Đảng bộ Cảng Đà Nẵng", UnitKind::DangBoCoSo, None, None),
    ];
    let visits = vec![
        visit(
            "to-1-2024-03-dang-uy",
            "to-1",
            VisitKind::DangUy,
            "db-dien-luc",
            Some("2024-03-14"),
            Some("14:00"),
            Some("Hội trường Công ty, tầng 2; phòng họp số 1"),
            None,
        ),
        visit(
            "to-1-2024-03-chi-bo",
            "to-1",
            VisitKind::ChiBo,
            "cb-dl-ky-thuat",
            Some("2024-03-25"),
            None,
            None,
            None,
        ),
        visit(
            "to-2-2024-04-chi-bo",
            "to-2",
            VisitKind::ChiBo,
            "cb-ngan-hang",
            Some("2024-04-10"),
            Some("08:00"),
            None,
            Some("Đơn vị đề nghị lùi lịch"),
        ),
        visit("to-2-2024-05-dang-uy", "to-2", VisitKind::DangUy, "db-da-nang", None, None, None, None),
        visit(
            "to-2-2024-03-chi-bo",
            "to-2",
            VisitKind::ChiBo,
            "cb-ngan-hang",
            Some("2024-03-20"),
            Some("07:30"),
            None,
            None,
        ),
        visit(
            "to-1-2024-04-chi-bo",
            "to-1",
            VisitKind::ChiBo,
            "cb-dl-ky-thuat",
            Some("2024-04-05"),
            Some("09:00"),
            None,
            None,
        ),
    ];
    let reports = vec![
        report(
            "to-1-2024-03-chi-bo",
            "2024-03-25",
            "2024-03-29",
            false,
            "## Nội dung sinh hoạt\nChi bộ sinh hoạt định kỳ, bàn về \"chuyển đổi số\", kế hoạch quý II.\n",
        ),
        report(
            "to-2-2024-03-chi-bo",
            "2024-03-20",
            "2024-04-05",
            true,
            "## Nội dung\nNội dung mật: xử lý kỷ luật đảng viên XYZZY.\n",
        ),
        report("to-1-2024-04-chi-bo", "2024-04-05", "2024-04-14", false, "Báo cáo chưa tới hạn công bố.\n"),
    ];
    let pages = vec![
        Page {
            slug: "huong-dan".into(),
            title: "Hướng dẫn chuẩn bị buổi sinh hoạt".into(),
            menu_title: None,
            weight: 1,
            draft: false,
            restricted: false,
            body: "Đơn vị chuẩn bị **biên bản** và danh sách đảng viên.\n".into(),
            body_line: 4,
            loc: loc("content/pages/huong-dan.md", 1),
        },
        Page {
            slug: "mat".into(),
            title: "Trang mật".into(),
            menu_title: None,
            weight: 2,
            draft: false,
            restricted: true,
            body: "XYZZY nội dung mật.\n".into(),
            body_line: 4,
            loc: loc("content/pages/mat.md", 1),
        },
    ];
    let visits = visits.into_iter().map(Box::new).collect();
    let reports = reports.into_iter().map(Box::new).collect();
    Site { config, plan, teams, units, visits, reports, pages, static_files: vec![] }
}

fn state(status: Status, on_time: Option<bool>, report: Option<usize>, due: &str) -> VisitState {
    VisitState { status, on_time, report, report_due: d(due) }
}

/// The judgement of [`site`] on 2024-04-12, as FORMAT.md defines it.
pub fn judgement() -> Judgement {
    Judgement {
        as_of: d("2024-04-12"),
        visits: vec![
            state(Status::Overdue, None, None, "2024-03-24"),
            state(Status::Reported, Some(true), Some(0), "2024-04-04"),
            state(Status::Cancelled, None, None, "2024-04-20"),
            state(Status::Upcoming, None, None, "2024-06-10"),
            state(Status::Reported, Some(false), Some(1), "2024-03-30"),
            state(Status::Awaiting, None, None, "2024-04-15"),
        ],
        findings: vec![
            Finding {
                kind: FindingKind::TooShort,
                message: "Buổi sinh hoạt chỉ 60 phút, ít hơn 90 phút".into(),
                subject: Subject::Report("to-2-2024-03-chi-bo".into()),
                loc: loc("content/reports/to-2-2024-03-chi-bo.md", 4),
                restricted: true,
            },
            Finding {
                kind: FindingKind::TeamSize,
                message: "Tổ công tác số 1 có 3 người, \"team_size\" là 2".into(),
                subject: Subject::Team("to-1".into()),
                loc: loc("content/teams.yaml", 1),
                restricted: false,
            },
        ],
        gaps: vec![],
    }
}

/// Parse an iCalendar `text` with the `icalendar` crate's parser (unfolding, properties,
/// parameters, TEXT unescaping); panics (fails the test) when it cannot. Gives
/// `{name, version, prodid, tzids, tz_offset, events: [{uid, summary, location,
/// description, status, tzid, start, end, utc_start, dtstamp}]}`, dates and times in ISO
/// 8601 with their offset (a time with a TZID takes the offset of that VTIMEZONE).
pub fn parse_ics(text: &str) -> serde_json::Value {
    use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
    use icalendar::parser::{Component, read_calendar, unfold};
    use serde_json::json;
    let unfolded = unfold(text);
    let cal = read_calendar(&unfolded).unwrap_or_else(|e| panic!("icalendar failed: {e}"));
    let raw = |props: &[icalendar::parser::Property], name: &str| {
        props.iter().find(|p| p.name == name).map(|p| p.val.as_str().to_string())
    };
    let text_of = |c: &Component, name: &str| {
        c.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.clone().unescape_text().as_str().to_string())
    };
    // Each VTIMEZONE's offset (its STANDARD part's TZOFFSETTO, e.g. +0700).
    let zones: Vec<(String, FixedOffset)> = cal
        .components
        .iter()
        .filter(|c| c.name == "VTIMEZONE")
        .map(|tz| {
            let id = raw(&tz.properties, "TZID").expect("TZID");
            let std = tz.components.iter().find(|c| c.name == "STANDARD").expect("STANDARD");
            let to = raw(&std.properties, "TZOFFSETTO").expect("TZOFFSETTO");
            let sign = if to.starts_with('-') { -1 } else { 1 };
            let secs = to[1..3].parse::<i32>().unwrap() * 3600 + to[3..5].parse::<i32>().unwrap() * 60;
            (id, FixedOffset::east_opt(sign * secs).unwrap())
        })
        .collect();
    // (iso, utc iso or null) of a DATE or DATE-TIME property.
    let when = |e: &Component, name: &str| -> (serde_json::Value, serde_json::Value) {
        let p = e.properties.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}"));
        let v = p.val.as_str();
        if v.len() == 8 {
            let d = NaiveDate::parse_from_str(v, "%Y%m%d").unwrap();
            return (json!(d.format("%Y-%m-%d").to_string()), serde_json::Value::Null);
        }
        let local = NaiveDateTime::parse_from_str(v.trim_end_matches('Z'), "%Y%m%dT%H%M%S").unwrap();
        let tzid = p.params.iter().find(|q| q.key == "TZID").and_then(|q| q.val.as_ref()).map(|v| v.as_str());
        let offset = match tzid {
            Some(id) => zones.iter().find(|(z, _)| z == id).unwrap_or_else(|| panic!("no VTIMEZONE {id}")).1,
            None => {
                assert!(v.ends_with('Z'), "a floating time: {v}");
                FixedOffset::east_opt(0).unwrap()
            }
        };
        let t = offset.from_local_datetime(&local).unwrap();
        let iso = |t: chrono::DateTime<FixedOffset>| t.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
        (json!(iso(t)), json!(iso(t.with_timezone(&FixedOffset::east_opt(0).unwrap()))))
    };
    let events: Vec<serde_json::Value> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|e| {
            let (start, utc_start) = when(e, "DTSTART");
            let (end, _) = when(e, "DTEND");
            let (dtstamp, _) = when(e, "DTSTAMP");
            let tzid = e
                .properties
                .iter()
                .find(|p| p.name == "DTSTART")
                .and_then(|p| p.params.iter().find(|q| q.key == "TZID"))
                .and_then(|q| q.val.as_ref())
                .map(|v| v.as_str().to_string());
            json!({
                "uid": raw(&e.properties, "UID"),
                "summary": text_of(e, "SUMMARY"),
                "location": text_of(e, "LOCATION"),
                "description": text_of(e, "DESCRIPTION"),
                "status": raw(&e.properties, "STATUS"),
                "tzid": tzid,
                "start": start,
                "end": end,
                "utc_start": utc_start,
                "dtstamp": dtstamp,
            })
        })
        .collect();
    let tz_offset = zones.first().map(|(_, o)| {
        let s = o.local_minus_utc();
        format!("{}:{:02}:00", s / 3600, s % 3600 / 60)
    });
    json!({
        "name": raw(&cal.properties, "X-WR-CALNAME"),
        "version": raw(&cal.properties, "VERSION"),
        "prodid": raw(&cal.properties, "PRODID"),
        "tzids": zones.iter().map(|(z, _)| z.clone()).collect::<Vec<_>>(),
        "tz_offset": tz_offset,
        "events": events,
    })
}
