//! The feeds tests' site, built in code with the test kit, and its judgement written out by
//! hand (not by `judge`); `parse_ics` reads a feed back with the `icalendar` crate.

use kehoach::derive::testkit::{
    ReportExt, SiteBuilder, VisitExt, loc as loc_at, report as kit_report, visit,
};
use kehoach::derive::{Finding, FindingKind, Judgement, Status, Subject, VisitState};
use kehoach::model::*;

pub use kehoach::derive::testkit::d;

fn loc(file: &str, line: u32) -> Loc {
    loc_at(file, line, 3)
}

fn person(name: &str, title: &str) -> Person {
    Person { name: name.into(), title: title.into() }
}

/// A report from 14:00 to 16:00 by Nguyễn Văn An, 7 speakers; rated tốt (92) with a
/// companion, or restricted and rated kém.
fn report(visit: &str, held: &str, submitted: &str, restricted: bool, body: &str) -> Report {
    let r = kit_report(visit, held, submitted).times("14:00", "16:00");
    let r = if restricted { r.restricted() } else { r.accompanied("Lê Văn Cường, Đảng ủy viên") };
    Report {
        author: "Nguyễn Văn An".into(),
        speakers: Some(7),
        rating: if restricted { Rating::Kem } else { Rating::Tot },
        score: if restricted { None } else { Some(92) },
        body: body.into(),
        body_line: 12,
        ..r
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
    let (dang_uy, chi_bo) = (VisitKind::DangUy, VisitKind::ChiBo);
    let mut site = SiteBuilder::new()
        .config(|c| {
            c.organization = "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh Lào Cai".into();
            c.period_to = YearMonth { year: 2024, month: 10 };
            c.as_of = Some(d("2024-04-12"));
        })
        .team("to-1", 2)
        .team("to-2", 2)
        .unit("db-dien-luc", UnitKind::DangBoCoSo)
        .cell("cb-dl-ky-thuat", "db-dien-luc")
        .unit("cb-ngan-hang", UnitKind::ChiBoCoSo)
        .unit("db-da-nang", UnitKind::DangBoCoSo)
        .visit(Visit {
            place: Some("Hội trường Công ty, tầng 2; phòng họp số 1".into()),
            ..visit("to-1", dang_uy, "db-dien-luc", "2024-03").on("2024-03-14").at("14:00")
        })
        .visit(visit("to-1", chi_bo, "cb-dl-ky-thuat", "2024-03").on("2024-03-25"))
        .visit(visit("to-2", chi_bo, "cb-ngan-hang", "2024-04").on("2024-04-10").at("08:00").cancelled())
        .visit(visit("to-2", dang_uy, "db-da-nang", "2024-05"))
        .visit(visit("to-2", chi_bo, "cb-ngan-hang", "2024-03").on("2024-03-20").at("07:30"))
        .visit(visit("to-1", chi_bo, "cb-dl-ky-thuat", "2024-04").on("2024-04-05").at("09:00"))
        .report(report(
            "to-1-2024-03-chi-bo",
            "2024-03-25",
            "2024-03-29",
            false,
            "## Nội dung sinh hoạt\nChi bộ sinh hoạt định kỳ, bàn về \"chuyển đổi số\", kế hoạch quý II.\n",
        ))
        .report(report(
            "to-2-2024-03-chi-bo",
            "2024-03-20",
            "2024-04-05",
            true,
            "## Nội dung\nNội dung mật: xử lý kỷ luật đảng viên XYZZY.\n",
        ))
        .report(report(
            "to-1-2024-04-chi-bo",
            "2024-04-05",
            "2024-04-14",
            false,
            "Báo cáo chưa tới hạn công bố.\n",
        ))
        .build();
    site.plan = Plan {
        title: "Kế hoạch dự sinh hoạt chi bộ, sinh hoạt cấp ủy năm 2024".into(),
        number: Some("123-KH/ĐUK".into()),
        issued_on: Some(d("2024-02-05")),
        place: Some("Lào Cai".into()),
        body: "## Mục đích\nNâng cao chất lượng **sinh hoạt** chi bộ.\n".into(),
        ..site.plan
    };
    let crews = [
        (
            "Tổ công tác số 1",
            ("Nguyễn Văn An", "Phó Bí thư Thường trực Đảng ủy Khối"),
            ("Trần Thị Bình", "Phó Trưởng Ban Tổ chức Đảng ủy Khối"),
        ),
        (
            "Tổ công tác số 2",
            ("Hoàng Văn Đức", "Ủy viên Ban Thường vụ"),
            ("Phạm Thị Hoa", "Chuyên viên; Ban Tuyên giáo"),
        ),
    ];
    for (team, (name, leader, member)) in site.teams.iter_mut().zip(crews) {
        team.name = name.into();
        team.leader = person(leader.0, leader.1);
        team.members = vec![person(member.0, member.1)];
    }
    let units = [
        ("Đảng bộ Công ty Điện lực Lào Cai", Some("6 Nguyễn Huệ, phường Lào Cai")),
        ("Chi bộ Phòng Kỹ thuật", None),
        ("Chi bộ Ngân hàng Nhà nước Chi nhánh tỉnh", None),
        ("Đảng bộ Cảng Đà Nẵng", None),
    ];
    for (unit, (name, address)) in site.units.iter_mut().zip(units) {
        unit.name = name.into();
        unit.members = Some(20);
        unit.address = address.map(Into::into);
    }
    let page = |slug: &str, title: &str, weight, restricted, body: &str| Page {
        slug: slug.into(),
        title: title.into(),
        menu_title: None,
        weight,
        draft: false,
        restricted,
        body: body.into(),
        body_line: 4,
        loc: loc(&format!("content/pages/{slug}.md"), 1),
    };
    site.pages = vec![
        page(
            "huong-dan",
            "Hướng dẫn chuẩn bị buổi sinh hoạt",
            1,
            false,
            "Đơn vị chuẩn bị **biên bản** và danh sách đảng viên.\n",
        ),
        page("mat", "Trang mật", 2, true, "XYZZY nội dung mật.\n"),
    ];
    site
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
