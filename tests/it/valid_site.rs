//! Builds the valid fixture site `tests/fixtures/valid` with the binary and checks the
//! data files against figures worked out by hand.
//!
//! The fixture, on its `as_of` 2024-05-20 (reports due 10 days after the meeting;
//! period 2024-03..2024-05; teams of 2; one đảng ủy and one chi bộ visit a team a month):
//!
//! | # | visit                  | unit             | day        | report (held → submitted)          | status            |
//! |---|------------------------|------------------|------------|------------------------------------|-------------------|
//! | 1 | to-1-2024-03-dang-uy   | db-dien-luc      | 2024-03-14 | 03-14 → 03-20 (due 03-24)          | reported, on time |
//! | 2 | to-1-2024-03-chi-bo    | cb-dl-ky-thuat   | 2024-03-25 | 03-25 → 04-10 (due 04-04)          | reported, late    |
//! | 3 | to-1-2024-04-dang-uy   | db-xi-mang       | 2024-04-11 | 04-11 → 04-15, RESTRICTED          | reported, on time |
//! | 4 | to-1-2024-04-chi-bo    | cb-ngan-hang     | 2024-04-24 | 04-24 → 04-30, attendance wrong    | reported, on time |
//! | 5 | to-1-2024-05-dang-uy   | db-dien-luc      | 2024-05-16 | — (due 05-26 ≥ as_of)              | awaiting          |
//! | 6 | to-1-2024-05-chi-bo    | cb-kho-bac       | undated    | — (last day 05-31 > as_of)         | upcoming          |
//! | 7 | to-2-2024-03-dang-uy   | db-xi-mang       | 2024-03-12 | 03-12 → 03-18, 60 minutes          | reported, on time |
//! | 8 | to-2-2024-03-chi-bo    | cb-xm-san-xuat   | 2024-03-28 | 03-28 → 04-05, no accompanied_by   | reported, on time |
//! | 9 | to-2-2024-04-dang-uy   | db-dien-luc      | 2024-04-05 | — (due 04-15 < as_of)              | overdue           |
//! |10 | to-2-2024-04-chi-bo    | cb-kho-bac       | 2024-05-03 (outside 2024-04) | 05-03 → 05-25 > as_of: not counted | overdue (due 05-13) |
//! |11 | to-2-2024-05-dang-uy   | db-dien-luc      | undated    | —                                  | cancelled         |
//! |12 | to-2-2024-05-chi-bo    | cb-ngan-hang     | 2024-05-28 | —                                  | upcoming          |
//! |13 | to-3-2024-03-dang-uy   | db-xi-mang       | 2024-03-20 | 03-20 → 03-25                      | reported, on time |
//! |14 | to-3-2024-03-chi-bo    | cb-dl-kinh-doanh | 2024-03-21 | 03-21 → 03-20 (before held)        | reported, on time |
//! |15 | to-3-2024-05-dang-uy   | db-dien-luc      | 2024-05-08 | — (due 05-18 < as_of)              | overdue           |
//! |16 | to-3-2024-05-chi-bo    | cb-ngan-hang     | 2024-05-20 | — (meeting on as_of)               | awaiting          |
//!
//! - planned = 16 − 1 cancelled = 15; reported = #1 2 3 4 7 8 13 14 = 8; late = #2 = 1, on time = 7;
//!   awaiting = #5 16 = 2; overdue = #9 10 15 = 3; upcoming = #6 12 = 2 (8 + 2 + 3 + 2 = 15).
//! - gaps: to-2 2024-05 dang_uy (cancelled), to-3 2024-04 dang_uy and chi_bo = 3.
//! - findings: to-3 has 3 people; #10 dated outside its month; #4 attendance (14+1+1 ≠ 30−2);
//!   #7 60 < 90 minutes; #8 no accompanied_by on a chi bộ trực thuộc; #14 submitted before held
//!   = 6 public; + #3 ket_hop 105 < 120 minutes, restricted = 7 with restricted content.
//!   #10's report (attendance 5 ≠ 12) is not counted on as_of, so it gives none.
//! - units_total = 2 đảng bộ + 3 cells + 2 chi bộ cơ sở = 7; units_visited = db-dien-luc,
//!   cb-dl-ky-thuat, db-xi-mang, cb-ngan-hang, cb-xm-san-xuat, cb-dl-kinh-doanh = 6
//!   (cb-kho-bac's only report is not counted yet).

use crate::support::{Files, VALID, build, json, text};

/// The restricted report's visit and strings that appear only in that report.
const RESTRICTED_VISIT: &str = "to-1-2024-04-dang-uy";
const RESTRICTED_TEXT: [&str; 5] =
    ["NỘI-DUNG-MẬT-XI-MĂNG", "KIẾN-NGHỊ-MẬT", "Hoàng Thị Kín", "Trịnh Văn Riêng", "Chuyên đề MẬT"];

fn default_build() -> Files {
    build(VALID, &[])
}

#[test]
fn summary_json_is_exactly_the_hand_worked_figures() {
    let files = default_build();
    let want = "{
  \"as_of\": \"2024-05-20\",
  \"planned\": 15,
  \"reported\": 8,
  \"on_time\": 7,
  \"late\": 1,
  \"awaiting\": 2,
  \"overdue\": 3,
  \"upcoming\": 2,
  \"cancelled\": 1,
  \"gaps\": 3,
  \"findings\": 6,
  \"units_total\": 7,
  \"units_visited\": 6
}
";
    assert_eq!(text(&files, "data/summary.json"), want);
}

#[test]
fn the_full_build_counts_the_restricted_finding() {
    let files = build(VALID, &["--include-restricted"]);
    let s = json(&files, "data/summary.json");
    assert_eq!(s["findings"], 7);
    assert_eq!((s["planned"].as_u64(), s["reported"].as_u64()), (Some(15), Some(8)));
}

#[test]
fn as_of_flag_wins_over_site_yaml() {
    // On 2024-03-13 only #7 (held 03-12) has passed: awaiting, due 03-22; nothing reported.
    let files = build(VALID, &["--as-of", "2024-03-13"]);
    let s = json(&files, "data/summary.json");
    assert_eq!(s["as_of"], "2024-03-13");
    assert_eq!((s["reported"].as_u64(), s["awaiting"].as_u64()), (Some(0), Some(1)));
    assert_eq!((s["upcoming"].as_u64(), s["overdue"].as_u64()), (Some(14), Some(0)));
    // Only the team size and the visit dated outside its month remain.
    assert_eq!(s["findings"], 2);
}

fn row<'a>(rows: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    rows.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn visits_json_rows() {
    let files = default_build();
    let rows = json(&files, "data/visits.json");
    let ids: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 16);
    assert_eq!(ids[0], "to-1-2024-03-dang-uy", "schedule order");
    assert_eq!(ids[15], "to-3-2024-05-chi-bo", "schedule order");
    assert_eq!(
        row(&rows, "to-1-2024-03-dang-uy"),
        &serde_json::json!({
            "id": "to-1-2024-03-dang-uy", "team": "to-1", "kind": "dang_uy", "unit": "db-dien-luc",
            "month": "2024-03", "date": "2024-03-14", "status": "reported", "on_time": true,
            "report": "/bao-cao/to-1-2024-03-dang-uy/",
            "team_name": "Tổ công tác số 1", "unit_name": "Đảng bộ Công ty Điện lực Lào Cai",
            "kind_label": "Dự họp đảng ủy", "status_label": "Đã báo cáo"
        })
    );
    let late = row(&rows, "to-1-2024-03-chi-bo");
    assert_eq!((&late["status"], &late["on_time"]), (&"reported".into(), &false.into()));
    let undated = row(&rows, "to-1-2024-05-chi-bo");
    assert_eq!((&undated["date"], &undated["status"]), (&serde_json::Value::Null, &"upcoming".into()));
    let not_yet = row(&rows, "to-2-2024-04-chi-bo");
    assert_eq!(not_yet["date"], "2024-05-03");
    assert_eq!((&not_yet["status"], &not_yet["report"]), (&"overdue".into(), &serde_json::Value::Null));
    let cancelled = row(&rows, "to-2-2024-05-dang-uy");
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(
        (&cancelled["on_time"], &cancelled["report"]),
        (&serde_json::Value::Null, &serde_json::Value::Null)
    );
    assert_eq!(row(&rows, "to-3-2024-05-chi-bo")["status"], "awaiting");
    assert_eq!(row(&rows, "to-3-2024-05-dang-uy")["status"], "overdue");
    // Key order on disk.
    let raw = text(&files, "data/visits.json");
    let keys = ["id", "team", "kind", "unit", "month", "date", "status", "on_time", "report"];
    let first = &raw[..raw.find('}').unwrap()];
    let positions: Vec<usize> = keys.iter().map(|k| first.find(&format!("\"{k}\":")).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{first}");
    assert!(raw.starts_with("[\n  {\n    \"id\"") && raw.ends_with("}\n]\n"));
}

#[test]
fn visits_csv_has_bom_header_and_a_row_per_visit() {
    let files = default_build();
    let csv = text(&files, "data/visits.csv");
    // FORMAT.md's columns first, in its order; kehoach's names and labels after them.
    assert!(csv.starts_with(
        "\u{feff}id,team,kind,unit,month,date,status,on_time,report,team_name,unit_name,kind_label,status_label\r\n"
    ));
    assert!(csv.ends_with("\r\n"));
    assert_eq!(csv.matches("\r\n").count(), 1 + 16);
    assert_eq!(csv.matches('\n').count(), 1 + 16, "every line ends with CRLF");
    assert!(csv.contains(
        "\r\nto-1-2024-03-dang-uy,to-1,dang_uy,db-dien-luc,2024-03,2024-03-14,reported,true,/bao-cao/to-1-2024-03-dang-uy/,Tổ công tác số 1,Đảng bộ Công ty Điện lực Lào Cai,Dự họp đảng ủy,Đã báo cáo\r\n"
    ));
    assert!(csv.contains(
        "\r\nto-2-2024-05-dang-uy,to-2,dang_uy,db-dien-luc,2024-05,,cancelled,,,Tổ công tác số 2,"
    ));
}

#[test]
fn two_builds_are_byte_identical() {
    let a = default_build();
    let b = default_build();
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn default_data_files_hold_no_trace_of_the_restricted_report() {
    let files = default_build();
    let rows = json(&files, "data/visits.json");
    let r = row(&rows, RESTRICTED_VISIT);
    // The meeting was held: the visit is reported, but its report is not linked.
    assert_eq!((&r["status"], &r["report"]), (&"reported".into(), &serde_json::Value::Null));
    for path in ["data/visits.json", "data/visits.csv", "data/summary.json"] {
        let t = text(&files, path);
        assert!(!t.contains(&format!("bao-cao/{RESTRICTED_VISIT}")), "{path} links the restricted report");
        for s in RESTRICTED_TEXT {
            assert!(!t.contains(s), "{path} holds `{s}`");
        }
    }
    // Its finding (105 < 120 minutes) is not counted either: 6, not 7.
    assert_eq!(json(&files, "data/summary.json")["findings"], 6);
}

#[test]
fn default_build_holds_no_trace_of_the_restricted_report_anywhere() {
    let files = default_build();
    for (path, bytes) in &files {
        assert!(!path.contains(&format!("bao-cao/{RESTRICTED_VISIT}")), "{path} is the restricted report");
        let t = String::from_utf8_lossy(bytes);
        assert!(!t.contains(&format!("bao-cao/{RESTRICTED_VISIT}")), "{path} links the restricted report");
        for s in RESTRICTED_TEXT {
            assert!(!t.contains(s), "{path} holds `{s}`");
        }
    }
}

#[test]
fn the_full_build_links_the_restricted_report() {
    let files = build(VALID, &["--include-restricted"]);
    let rows = json(&files, "data/visits.json");
    assert_eq!(row(&rows, RESTRICTED_VISIT)["report"], format!("/bao-cao/{RESTRICTED_VISIT}/"));
}
