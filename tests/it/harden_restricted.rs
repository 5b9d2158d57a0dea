//! Restricted content leaves no trace in the default build: unique markers planted in every
//! text field of a restricted report and a restricted page (and in the page's file name,
//! which is its address) appear in no file and no path of the default build (pages, search
//! index, feeds, CSV/JSON, sitemap, anything), while `--include-restricted` shows each.

use crate::support::*;
use kehoach::derive::testkit::{SiteFiles, fixture};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A marker per field; ASCII so that escaping, case folding and tone-mark folding leave it
/// recognisable (compared lowercased).
const REPORT_MARKERS: [(&str, &str); 9] = [
    ("author", "qzxauthor"),
    ("accompanied_by", "qzxaccompanied"),
    ("chair", "qzxchair"),
    ("topic", "qzxtopic"),
    ("body: content", "qzxcontent"),
    ("body: strengths", "qzxstrengths"),
    ("body: proposals", "qzxproposal"),
    ("body: link", "qzxlinkurl"),
    ("body: heading", "qzxheading"),
];
const PAGE_MARKERS: [(&str, &str); 3] =
    [("title", "qzxpagetitle"), ("body", "qzxpagebody"), ("file name", "qzxslug")];

fn plant(site: SiteFiles) -> SiteFiles {
    let report = "---
visit: to-2-2024-04-dang-uy
held_on: 2024-04-05
started_at: \"14:00\"
ended_at: \"16:00\"
submitted_on: 2024-04-09
author: Nguyễn Văn Qzxauthor
accompanied_by: Lê Thị Qzxaccompanied
chair: Phạm Văn Qzxchair
meeting: chuyen_de
topic: Chuyên đề Qzxtopic
attendance: { total: 20, exempt: 0, present: 18, excused: 2, unexcused: 0 }
speakers: 6
rating: tot
score: 91
restricted: true
---
## Nội dung sinh hoạt

Đảng ủy thảo luận qzxcontent về công tác cán bộ.

## Nhận xét, đánh giá

### Ưu điểm

Chuẩn bị QZXSTRENGTHS chu đáo.

### Mục qzxheading

Xem [tài liệu](https://example.invalid/qzxlinkurl).

## Đề xuất, kiến nghị

Đề nghị qzxproposal được xem xét.
";
    let page =
        "---\ntitle: Thông báo Qzxpagetitle\nweight: 3\nrestricted: true\n---\nNội dung qzxpagebody.\n";
    site.with_file("content/reports/2024-04/to-2-2024-04-dang-uy.md", report)
        .with_file("content/pages/mat-qzxslug.md", page)
}

/// Every output file's text, lowercased, iCalendar lines unfolded, keyed by path.
fn texts(out: &Path) -> BTreeMap<PathBuf, String> {
    snapshot(out)
        .into_iter()
        .map(|(p, bytes)| {
            let text = String::from_utf8_lossy(&bytes).replace("\r\n ", "").replace("\r\n\t", "");
            (p, text.to_lowercase())
        })
        .collect()
}

fn all_markers() -> impl Iterator<Item = (&'static str, &'static str)> {
    REPORT_MARKERS.into_iter().chain(PAGE_MARKERS)
}

#[test]
fn the_default_build_holds_no_trace_of_restricted_content_and_the_full_build_does() {
    let dir = plant(fixture("valid")).write();
    let root = dir.path();
    let public = root.join("public");
    let full = root.join("full");
    let o = run(root, &public, &["--as-of", "2024-08-20"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(root, &full, &["--as-of", "2024-08-20", "--include-restricted"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let default = texts(&public);
    assert!(default.len() > 3, "the default build wrote {} files", default.len());
    for (field, marker) in all_markers() {
        for (path, text) in &default {
            assert!(!text.contains(marker), "the {field} of restricted content is in {}", path.display());
            assert!(
                !path.to_string_lossy().to_lowercase().contains(marker),
                "restricted content has a file: {}",
                path.display()
            );
        }
    }

    let included = texts(&full);
    for (field, marker) in all_markers() {
        let found = included.iter().any(|(p, t)| t.contains(marker) || p.to_string_lossy().contains(marker));
        assert!(found, "--include-restricted lost the {field} (`{marker}`)");
    }

    // The meeting was held: the visit counts as reported, without a link to the report.
    let visits: serde_json::Value =
        serde_json::from_slice(&fs::read(public.join("data/visits.json")).unwrap()).unwrap();
    let row = visits
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == "to-2-2024-04-dang-uy"))
        .expect("the visit's row");
    assert_eq!(row["status"], "reported");
    assert_eq!(row["report"], serde_json::Value::Null);
    let visits: serde_json::Value =
        serde_json::from_slice(&fs::read(full.join("data/visits.json")).unwrap()).unwrap();
    let row = visits.as_array().unwrap().iter().find(|r| r["id"] == "to-2-2024-04-dang-uy").unwrap();
    assert!(row["report"].as_str().is_some_and(|r| r.contains("to-2-2024-04-dang-uy")), "{row}");
}
