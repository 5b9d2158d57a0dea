//! The plan's rules that a report can break without an error, seen where the Standing
//! Committee sees them: a report on a cancelled visit and a report held outside its
//! visit's month are findings on the dashboard, and `kehoach new report` agrees.

use crate::support::*;
use kehoach::derive::testkit::{files::report_file, fixture};
use std::fs;

fn dashboard(files: &Files) -> String {
    text(files, "theo-doi/index.html")
}

#[test]
fn a_report_on_a_cancelled_visit_is_a_finding_on_the_dashboard() {
    let dir = fixture("minimal").write();
    let root = dir.path();
    // The minimal schedule cancels to-2's April visit to cb-ngan-hang.
    let (code, err) = {
        let o =
            kehoach().args(["new", "report", "to-2-2024-04-chi-bo", "--root"]).arg(root).output().unwrap();
        (o.status.code(), stderr(&o))
    };
    assert_eq!(code, Some(1), "new report refuses a cancelled visit: {err}");
    let path = root.join("content/reports/2024-04/to-2-2024-04-chi-bo.md");
    assert!(!path.exists(), "new report wrote nothing");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, report_file("to-2-2024-04-chi-bo", "2024-04-12", "2024-04-15")).unwrap();
    let files = build(root.to_str().unwrap(), &[]);
    let html = dashboard(&files);
    assert!(
        html.contains(
            "lịch ghi cuộc này đã hủy, nhưng có báo cáo ghi buổi sinh hoạt được tổ chức ngày 12/04/2024"
        ),
        "{html}"
    );
    let findings = json(&files, "data/findings.json");
    assert!(findings.as_array().unwrap().iter().any(|f| f["kind"] == "report_on_cancelled"), "{findings}");
}

#[test]
fn a_report_held_outside_its_visit_month_is_a_finding_on_the_dashboard() {
    // The March chi bộ visit, held in February.
    let report = "content/reports/2024-03/to-1-2024-03-chi-bo.md";
    let dir = fixture("minimal").replace(report, "held_on: 2024-03-25", "held_on: 2024-02-26").write();
    let files = build(dir.path().to_str().unwrap(), &[]);
    let html = dashboard(&files);
    assert!(html.contains("ghi ngày họp 26/02/2024, không thuộc tháng 3/2024 của lịch dự"), "{html}");
    let findings = json(&files, "data/findings.json");
    let f = findings.as_array().unwrap().iter().find(|f| f["kind"] == "held_outside_month").unwrap();
    assert_eq!(f["file"], "content/reports/2024-03/to-1-2024-03-chi-bo.md");
    assert_eq!(f["line"], 3);
}
