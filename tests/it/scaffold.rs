//! `kehoach init` and `kehoach new report` write content that `kehoach check` accepts, and
//! refuse to overwrite.

use kehoach::derive::testkit::fixture;
use std::path::Path;
use std::process::Output;

fn kehoach(args: &[&str], root: &Path) -> Output {
    crate::support::kehoach().args(args).arg(root).output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn init_writes_a_site_that_checks_and_builds_and_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let o = kehoach(&["init"], &site);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("kehoach serve"), "prints the next steps");
    let o = kehoach(&["check", "--root"], &site);
    assert!(o.status.success(), "{}", text(&o));
    let out = tmp.path().join("out");
    let o = crate::support::run(&site, &out, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(out.join("data/summary.json").is_file());

    let before = std::fs::read_to_string(site.join("content/site.yaml")).unwrap();
    let o = kehoach(&["init"], &site);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("không rỗng"), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(site.join("content/site.yaml")).unwrap(), before);
}

#[test]
fn new_report_writes_a_checked_report_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    // A visit to a chi bộ trực thuộc, its report removed.
    fixture("valid").without("content/reports/2024-03/to-1-2024-03-chi-bo.md").write_to(&root);
    for id in ["to-1-2024-03-chi-bo", "to-2-2024-04-dang-uy", "to-1-2024-05-chi-bo"] {
        let o = kehoach(&["new", "report", id, "--root"], &root);
        assert!(o.status.success(), "{id}: {}", text(&o));
    }
    let written = root.join("content/reports/2024-03/to-1-2024-03-chi-bo.md");
    let report = std::fs::read_to_string(&written).unwrap();
    assert!(report.starts_with("---\nvisit: to-1-2024-03-chi-bo "), "{report}");
    assert!(report.contains("accompanied_by"), "{report}");
    assert!(report.contains("## Đề xuất, kiến nghị"));
    assert!(root.join("content/reports/2024-05/to-1-2024-05-chi-bo.md").is_file());
    // Unfilled, it counts as no report: `check` names each blank the author must fill.
    let o = kehoach(&["check", "--root"], &root);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    for key in ["submitted_on", "present", "excused", "unexcused", "rating"] {
        assert_eq!(t.matches(&format!("lỗi: `{key}` chưa có giá trị")).count(), 3, "{key}: {t}");
    }
    assert!(t.contains("lỗi: nội dung có 15 lỗi"), "{t}");
    // Filled in, it checks.
    for id in ["2024-03/to-1-2024-03-chi-bo", "2024-04/to-2-2024-04-dang-uy", "2024-05/to-1-2024-05-chi-bo"] {
        let p = root.join(format!("content/reports/{id}.md"));
        let filled = std::fs::read_to_string(&p)
            .unwrap()
            .replace("submitted_on:  ", "submitted_on: 2024-06-01 ")
            .replace("  present:  ", "  present: 0 ")
            .replace("  excused:  ", "  excused: 0 ")
            .replace("  unexcused:  ", "  unexcused: 0 ")
            .replace("rating:  ", "rating: Khá ");
        std::fs::write(&p, filled).unwrap();
    }
    let o = kehoach(&["check", "--root"], &root);
    assert!(o.status.success(), "{}", text(&o));
    let report = std::fs::read_to_string(&written).unwrap();

    let o = kehoach(&["new", "report", "to-1-2024-03-chi-bo", "--root"], &root);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("đã có báo cáo"), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&written).unwrap(), report, "left as it was");
}

#[test]
fn new_report_on_an_unknown_or_cancelled_visit_explains() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    fixture("valid").write_to(&root);
    let o = kehoach(&["new", "report", "to-2-2024-4-dang-uy", "--root"], &root);
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(t.contains("`to-2-2024-4-dang-uy`") && t.contains("`to-2-2024-04-dang-uy`"), "{t}");
    let o = kehoach(&["new", "report", "to-2-2024-05-dang-uy", "--root"], &root);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("đã hủy"), "{}", text(&o));
    assert!(!root.join("content/reports/2024-05/to-2-2024-05-dang-uy.md").exists());
}
