//! Tests of the data files, on sites built with the test kit.

use super::*;
use crate::derive::judge;
use crate::derive::testkit::*;
use crate::model::VisitKind::{ChiBo, DangUy};

/// as_of 2024-03-25:
/// 0 to-1 dang_uy db-a 03-14, report on time     → reported, on_time true, link
/// 1 to-1 chi_bo  cb-a1 undated, restricted late → reported, on_time false, link only with restricted
/// 2 to-2 dang_uy db-a cancelled                 → cancelled
/// 3 to-2 chi_bo  cb-b 03-10                     → overdue (due 03-20)
fn site() -> Site {
    cast()
        .config(|c| c.period_to = ym("2024-03"))
        .visit(visit("to-1", DangUy, "db-a", "2024-03").on("2024-03-14"))
        .visit(visit("to-1", ChiBo, "cb-a1", "2024-03"))
        .visit(visit("to-2", DangUy, "db-a", "2024-03").cancelled())
        .visit(visit("to-2", ChiBo, "cb-b", "2024-03").on("2024-03-10"))
        .report(report("to-1-2024-03-dang-uy", "2024-03-14", "2024-03-15"))
        .report(
            report("to-1-2024-03-chi-bo", "2024-03-05", "2024-03-25").accompanied("Lê Văn C").restricted(),
        )
        .build()
}

fn files(site: &Site, include_restricted: bool) -> Vec<OutputFile> {
    data_files(site, &judge(site, d("2024-03-25")), &site.config.base_url, include_restricted)
}

fn text(files: &[OutputFile], path: &str) -> String {
    let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}"));
    String::from_utf8(f.bytes.clone()).expect("utf-8")
}

#[test]
fn writes_the_three_files() {
    let paths: Vec<_> = files(&site(), false).into_iter().map(|f| f.path).collect();
    assert_eq!(paths, ["data/summary.json", "data/visits.csv", "data/visits.json"]);
}

#[test]
fn visits_json_rows_in_schedule_order_with_keys_in_column_order() {
    let json = text(&files(&site(), true), "data/visits.json");
    let first = r#"[
  {
    "id": "to-1-2024-03-dang-uy",
    "team": "to-1",
    "kind": "dang_uy",
    "unit": "db-a",
    "month": "2024-03",
    "date": "2024-03-14",
    "status": "reported",
    "on_time": true,
    "report": "/bao-cao/to-1-2024-03-dang-uy/",
    "team_name": "Tổ to-1",
    "unit_name": "Đơn vị db-a",
    "kind_label": "Dự họp đảng ủy",
    "status_label": "Đã báo cáo"
  },
"#;
    assert!(json.starts_with(first), "{json}");
    assert!(json.ends_with("}\n]\n"), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let rows = v.as_array().expect("an array");
    let ids: Vec<_> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["to-1-2024-03-dang-uy", "to-1-2024-03-chi-bo", "to-2-2024-03-dang-uy", "to-2-2024-03-chi-bo"]
    );
    assert_eq!(rows[1]["date"], serde_json::Value::Null);
    assert_eq!(rows[1]["on_time"], false);
    assert_eq!(rows[1]["report"], "/bao-cao/to-1-2024-03-chi-bo/");
    assert_eq!(
        (rows[2]["status"].as_str(), &rows[2]["on_time"]),
        (Some("cancelled"), &serde_json::Value::Null)
    );
    assert_eq!(rows[3]["status"], "overdue");
    assert_eq!(rows[3]["report"], serde_json::Value::Null);
}

#[test]
fn restricted_report_link_is_withheld_by_default() {
    let json = text(&files(&site(), false), "data/visits.json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[1]["status"], "reported");
    assert_eq!(v[1]["report"], serde_json::Value::Null);
    assert!(!json.contains("bao-cao/to-1-2024-03-chi-bo"));
    assert!(!text(&files(&site(), false), "data/visits.csv").contains("bao-cao/to-1-2024-03-chi-bo"));
}

#[test]
fn report_links_follow_a_sub_path_base_url() {
    for base in ["/sinhhoat/", "/sinhhoat", "https://intranet.example/sinhhoat/"] {
        let mut s = site();
        s.config.base_url = base.into();
        let json = text(&files(&s, false), "data/visits.json");
        let want = format!("\"report\": \"{}/bao-cao/to-1-2024-03-dang-uy/\"", base.trim_end_matches('/'));
        assert!(json.contains(&want), "{base}: {json}");
    }
}

#[test]
fn visits_csv_has_bom_header_crlf_and_empty_nulls() {
    let csv = text(&files(&site(), true), "data/visits.csv");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}id,team,kind,unit,month,date,status,on_time,report,team_name,unit_name,kind_label,status_label"
    );
    assert_eq!(
        lines[1],
        "to-1-2024-03-dang-uy,to-1,dang_uy,db-a,2024-03,2024-03-14,reported,true,/bao-cao/to-1-2024-03-dang-uy/,Tổ to-1,Đơn vị db-a,Dự họp đảng ủy,Đã báo cáo"
    );
    assert_eq!(
        lines[2],
        "to-1-2024-03-chi-bo,to-1,chi_bo,cb-a1,2024-03,,reported,false,/bao-cao/to-1-2024-03-chi-bo/,Tổ to-1,Đơn vị cb-a1 – Đơn vị db-a,Dự sinh hoạt chi bộ,Đã báo cáo"
    );
    assert_eq!(
        lines[3],
        "to-2-2024-03-dang-uy,to-2,dang_uy,db-a,2024-03,,cancelled,,,Tổ to-2,Đơn vị db-a,Dự họp đảng ủy,Đã hủy"
    );
    assert_eq!(
        lines[4],
        "to-2-2024-03-chi-bo,to-2,chi_bo,cb-b,2024-03,2024-03-10,overdue,,,Tổ to-2,Đơn vị cb-b,Dự sinh hoạt chi bộ,Quá hạn"
    );
    assert_eq!(lines[5], "", "ends with CRLF");
    assert_eq!(lines.len(), 6);
    assert!(!csv.replace("\r\n", "").contains('\n'), "no bare LF");
}

#[test]
fn csv_fields_are_quoted_per_rfc_4180() {
    let mut s = site();
    s.config.base_url = "/a,b/".into();
    let csv = text(&files(&s, false), "data/visits.csv");
    assert!(csv.contains(",true,\"/a,b/bao-cao/to-1-2024-03-dang-uy/\",Tổ to-1,"), "{csv}");
}

#[test]
fn summary_json_keys_in_order() {
    let s = site();
    let got = text(&files(&s, false), "data/summary.json");
    let summary = judge(&s, d("2024-03-25")).summary(&s, false);
    let want = format!(
        "{{\n  \"as_of\": \"2024-03-25\",\n  \"planned\": {},\n  \"reported\": {},\n  \"on_time\": {},\n  \"late\": {},\n  \"awaiting\": {},\n  \"overdue\": {},\n  \"upcoming\": {},\n  \"cancelled\": {},\n  \"gaps\": {},\n  \"findings\": {},\n  \"units_total\": {},\n  \"units_visited\": {}\n}}\n",
        summary.tally.planned(),
        summary.tally.reported,
        summary.tally.on_time,
        summary.tally.late,
        summary.tally.awaiting,
        summary.tally.overdue,
        summary.tally.upcoming,
        summary.tally.cancelled,
        summary.gaps,
        summary.findings,
        summary.units_total,
        summary.units_visited
    );
    assert_eq!(got, want);
    // And the figures themselves, by hand: 3 planned = 2 reported (1 on time, 1 late) + 1 overdue;
    // 1 cancelled; gap: to-2 March dang_uy (cancelled); units visited db-a, cb-a1.
    assert_eq!(
        (
            summary.tally.planned(),
            summary.tally.reported,
            summary.tally.on_time,
            summary.tally.late,
            summary.tally.overdue,
            summary.tally.cancelled
        ),
        (3, 2, 1, 1, 1, 1)
    );
    assert_eq!((summary.gaps, summary.findings, summary.units_total, summary.units_visited), (1, 0, 3, 2));
}

#[test]
fn restricted_findings_are_counted_only_in_the_full_build() {
    let mut s = site();
    s.reports[1].attendance.value.present = 1;
    let count = |inc| {
        let v: serde_json::Value = serde_json::from_str(&text(&files(&s, inc), "data/summary.json")).unwrap();
        v["findings"].as_u64().unwrap()
    };
    assert_eq!((count(false), count(true)), (0, 1));
}

#[test]
fn output_is_deterministic() {
    assert_eq!(files(&site(), false), files(&site(), false));
    assert_eq!(files(&site(), true), files(&site(), true));
}

#[test]
fn empty_schedule_gives_an_empty_array_and_a_header() {
    let s = SiteBuilder::new().build();
    let f = files(&s, false);
    assert_eq!(text(&f, "data/visits.json"), "[]\n");
    assert_eq!(
        text(&f, "data/visits.csv"),
        "\u{feff}id,team,kind,unit,month,date,status,on_time,report,team_name,unit_name,kind_label,status_label\r\n"
    );
}

#[test]
fn only_the_files_kept_are_made_and_they_are_the_same() {
    let site = site();
    let j = judge(&site, d("2024-03-25"));
    let all = data_files(&site, &j, "/", false);
    for path in ["data/summary.json", "data/visits.csv", "data/visits.json"] {
        let one = data_files_where(&site, &j, "/", false, &|p| p == path);
        assert_eq!(one.len(), 1, "{path}");
        assert_eq!(Some(&one[0]), all.iter().find(|f| f.path == path));
    }
    assert!(data_files_where(&site, &j, "/", false, &|_| false).is_empty());
}

mod props {
    use super::data_files;
    use crate::derive::judge;
    use crate::derive::props::{as_of, site, visit_spec};
    use proptest::prelude::*;

    proptest! {
    #[test]
    fn judging_and_rendering_twice_is_identical(
        specs in proptest::collection::vec(visit_spec(), 0..30),
        due in 0..30u32,
        as_of in as_of(),
    ) {
        let site = site(&specs, due);
        let (a, b) = (judge(&site, as_of), judge(&site, as_of));
        prop_assert_eq!(&a, &b);
        for include_restricted in [false, true] {
            let x = data_files(&site, &a, &site.config.base_url, include_restricted);
            let y = data_files(&site.clone(), &b, &site.config.base_url, include_restricted);
            prop_assert_eq!(x, y);
        }
    }
    }
}
