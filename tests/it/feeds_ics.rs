//! The iCalendar feeds, parsed back by a real parser (Python's `icalendar` package).

use crate::support::feeds::{d, parse_ics as parse, site};
use kehoach::feeds::ics;
use serde_json::Value;
use std::process::Command;

fn event<'a>(cal: &'a Value, uid: &str) -> &'a Value {
    cal["events"].as_array().unwrap().iter().find(|e| e["uid"] == uid).unwrap_or_else(|| panic!("no {uid}"))
}

#[test]
fn all_visits_feed_parses_back_with_events_per_dated_visit() {
    let site = site();
    let text = ics::calendar(&site, site.visits_iter(), &site.config.title, "/sinhhoat/");
    let cal = parse(&text);
    assert_eq!(cal["name"], site.config.title);
    assert_eq!(cal["version"], "2.0");
    assert_eq!(cal["tzids"], serde_json::json!(["Asia/Ho_Chi_Minh"]));
    assert_eq!(cal["tz_offset"], "7:00:00");
    // Six visits, one undated: five events, in date order.
    let uids: Vec<&str> =
        cal["events"].as_array().unwrap().iter().map(|e| e["uid"].as_str().unwrap()).collect();
    assert_eq!(
        uids,
        [
            "to-1-2024-03-dang-uy@kehoach",
            "to-2-2024-03-chi-bo@kehoach",
            "to-1-2024-03-chi-bo@kehoach",
            "to-1-2024-04-chi-bo@kehoach",
            "to-2-2024-04-chi-bo@kehoach",
        ]
    );

    let e = event(&cal, "to-1-2024-03-dang-uy@kehoach");
    assert_eq!(e["tzid"], "Asia/Ho_Chi_Minh");
    assert_eq!(e["start"], "2024-03-14T14:00:00+07:00");
    assert_eq!(e["end"], "2024-03-14T16:00:00+07:00");
    assert_eq!(e["utc_start"], "2024-03-14T07:00:00+00:00");
    assert_eq!(e["summary"], "Dự họp đảng ủy: Đảng bộ Công ty Điện lực Lào Cai");
    // Commas and semicolons survive escaping.
    assert_eq!(e["location"], "Hội trường Công ty, tầng 2; phòng họp số 1");
    assert_eq!(e["status"], "CONFIRMED");
    let desc = e["description"].as_str().unwrap();
    assert!(desc.contains("Tổ công tác số 1\nTổ trưởng: Nguyễn Văn An (Phó Bí thư"), "{desc}");
    assert!(desc.contains("Thành viên: Trần Thị Bình"), "{desc}");
    assert!(desc.ends_with("Đơn vị: /sinhhoat/don-vi/db-dien-luc/"), "{desc}");
    // DTSTAMP is fixed from the plan's issued_on, not the clock.
    assert_eq!(e["dtstamp"], "2024-02-05T00:00:00+00:00");

    // No time: an all-day event; a chi bộ trực thuộc: its đảng bộ comes along.
    let e = event(&cal, "to-1-2024-03-chi-bo@kehoach");
    assert_eq!(e["start"], "2024-03-25");
    assert_eq!(e["end"], "2024-03-26");
    assert_eq!(e["tzid"], Value::Null);
    assert_eq!(e["location"], Value::Null);
    assert!(
        e["description"].as_str().unwrap().contains("Cùng dự: đại diện Đảng bộ Công ty Điện lực Lào Cai")
    );

    let e = event(&cal, "to-2-2024-04-chi-bo@kehoach");
    assert_eq!(e["status"], "CANCELLED");
    assert!(e["description"].as_str().unwrap().starts_with("Đã hủy: Đơn vị đề nghị lùi lịch\n"));
}

#[test]
fn wire_format_is_crlf_folded_and_byte_identical() {
    let site = site();
    let a = ics::calendar(&site, site.visits_iter(), &site.config.title, "https://example.vn/sh/");
    assert_eq!(
        a,
        ics::calendar(&site, site.visits_iter().rev(), &site.config.title, "https://example.vn/sh/")
    );
    assert!(a.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(a.ends_with("END:VCALENDAR\r\n"));
    assert!(!a.replace("\r\n", "").contains('\n'), "bare LF");
    for line in a.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(a.contains("\r\n "), "long descriptions are folded");
    let cal = parse(&a);
    let e = event(&cal, "to-1-2024-03-dang-uy@kehoach");
    assert!(
        e["description"].as_str().unwrap().ends_with("Đơn vị: https://example.vn/sh/don-vi/db-dien-luc/")
    );
    assert!(a.contains("URL:https://example.vn/sh/don-vi/db-dien-luc/\r\n"));
}

#[test]
fn per_team_and_per_unit_feeds() {
    let site = site();
    let files = ics::feeds(&site, "/");
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "don-vi/cb-dl-ky-thuat.ics",
            "don-vi/cb-ngan-hang.ics",
            "don-vi/db-da-nang.ics",
            "don-vi/db-dien-luc.ics",
            "lich.ics",
            "to-cong-tac/to-1.ics",
            "to-cong-tac/to-2.ics",
        ]
    );
    let count = |path: &str| {
        let f = files.iter().find(|f| f.path == path).unwrap();
        let cal = parse(std::str::from_utf8(&f.bytes).unwrap());
        cal["events"].as_array().unwrap().len()
    };
    assert_eq!(count("lich.ics"), 5);
    assert_eq!(count("to-cong-tac/to-1.ics"), 3);
    assert_eq!(count("to-cong-tac/to-2.ics"), 2);
    assert_eq!(count("don-vi/cb-ngan-hang.ics"), 2);
    assert_eq!(count("don-vi/cb-dl-ky-thuat.ics"), 2);
    // The đảng bộ's own visit and the two to its chi bộ trực thuộc.
    assert_eq!(count("don-vi/db-dien-luc.ics"), 3);
    // Only an undated visit: an empty but valid calendar.
    assert_eq!(count("don-vi/db-da-nang.ics"), 0);
}

#[test]
fn dtstamp_falls_back_to_the_period_start() {
    let mut site = site();
    site.plan.issued_on = None;
    assert_eq!(ics::dtstamp(&site), "20240301T000000Z");
    site.plan.issued_on = Some(d("2024-02-05"));
    assert_eq!(ics::dtstamp(&site), "20240205T000000Z");
}

/// Imports the feed into khal, a calendar program, and lists it back in another time zone.
#[test]
#[ignore = "needs khal (apt-get install khal); run with --ignored"]
fn imports_cleanly_into_khal() {
    let site = site();
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("lich.ics");
    std::fs::write(&feed, ics::calendar(&site, site.visits_iter(), &site.config.title, "/")).unwrap();
    std::fs::create_dir(dir.path().join("cal")).unwrap();
    let config = dir.path().join("config");
    std::fs::write(
        &config,
        format!(
            "[calendars]\n[[lich]]\npath = {}\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n\
             longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n\
             default_timezone = Asia/Ho_Chi_Minh\nlocal_timezone = Europe/Berlin\n[default]\ndefault_calendar = lich\n",
            dir.path().join("cal").display()
        ),
    )
    .unwrap();
    let khal = |args: &[&str]| {
        let out = Command::new("khal")
            .arg("-c")
            .arg(&config)
            .args(args)
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .output()
            .expect("khal runs");
        assert!(out.status.success(), "khal {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    khal(&["import", "--batch", "-a", "lich", feed.to_str().unwrap()]);
    let listed = khal(&["list", "2024-03-01", "90d", "--format", "{start} {end} {status}|{title}"]);
    let events: Vec<&str> = listed.lines().filter(|l| l.contains('|')).collect();
    assert_eq!(events.len(), 5, "{listed}");
    // 14:00 in Vietnam is 08:00 in Berlin (CET) on 14/03/2024.
    assert!(
        events.contains(
            &"2024-03-14 08:00 2024-03-14 10:00 CONFIRMED |Dự họp đảng ủy: Đảng bộ Công ty Điện lực Lào Cai"
        ),
        "{listed}"
    );
    assert!(events.iter().any(|l| l.contains("CANCELLED") && l.starts_with("2024-04-10 03:00")), "{listed}");
}
