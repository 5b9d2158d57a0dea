//! Issue 5 end to end on the built valid fixture (`tests/fixtures/valid`): the iCalendar
//! feeds exist, parse and are linked ("Thêm vào lịch"); the CSV and JSON exports read back
//! and agree with the pages and the summary; the search index holds exactly the published
//! pages; and every page is dated from git inside a repository, and not at all outside.

use crate::support::feeds::parse_ics;
use crate::support::render::*;
use crate::support::*;
use kehoach::derive::testkit::folder;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

/// Strings found only in the restricted report `to-1-2024-04-dang-uy`.
const RESTRICTED_TEXT: [&str; 5] =
    ["NỘI-DUNG-MẬT-XI-MĂNG", "KIẾN-NGHỊ-MẬT", "Hoàng Thị Kín", "Trịnh Văn Riêng", "Chuyên đề MẬT"];
const RESTRICTED_VISIT: &str = "to-1-2024-04-dang-uy";

/// The default build, from a copy outside git.
fn site() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| build_outside_git(VALID, &[]))
}

/// The `--include-restricted` build, from a copy outside git.
fn full() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| build_outside_git(VALID, &["--include-restricted"]))
}

/// The ids of the folders `<dir>/<id>/index.html` of a build.
fn page_ids(files: &Files, dir: &str) -> BTreeSet<String> {
    files
        .keys()
        .filter_map(|p| p.strip_prefix(&format!("{dir}/"))?.strip_suffix("/index.html").map(String::from))
        .collect()
}

fn uids(cal: &Value) -> BTreeSet<String> {
    cal["events"].as_array().unwrap().iter().map(|e| e["uid"].as_str().unwrap().to_string()).collect()
}

/// The `<id>@kehoach` uids of the dated visits `pick` selects, from `data/visits.json`.
fn dated_uids(files: &Files, pick: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    json(files, "data/visits.json")
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| !v["date"].is_null() && pick(v))
        .map(|v| format!("{}@kehoach", v["id"].as_str().unwrap()))
        .collect()
}

/// Where the page's "Thêm vào lịch" link leads, as an output path.
fn add_to_calendar(files: &Files, page: &str) -> String {
    let html = doc(files, page);
    let links: Vec<_> = html
        .select(&sel("a[href]"))
        .filter(|a| a.text().collect::<String>().trim() == "Thêm vào lịch")
        .collect();
    assert_eq!(links.len(), 1, "{page} has one \"Thêm vào lịch\" link");
    let dir = Path::new(page).parent().unwrap();
    normalise(dir, links[0].value().attr("href").unwrap()).unwrap()
}

#[test]
fn feeds_parse_back_and_are_linked_from_their_pages() {
    let f = site();
    let all = parse_ics(&text(f, "lich.ics"));
    // The calendar's name is written as TEXT (its comma escaped) and read back whole.
    assert_eq!(all["name"], "Kế hoạch dự sinh hoạt chi bộ, sinh hoạt cấp ủy năm 2024");
    assert!(text(f, "lich.ics").contains("X-WR-CALNAME:Kế hoạch dự sinh hoạt chi bộ\\, sinh"));
    let every = dated_uids(f, |_| true);
    assert_eq!(every.len(), 14, "the fixture has 14 dated visits");
    assert_eq!(uids(&all), every);
    assert_eq!(add_to_calendar(f, "lich/index.html"), "lich.ics");

    for team in page_ids(f, "to-cong-tac") {
        let path = format!("to-cong-tac/{team}.ics");
        let cal = parse_ics(&text(f, &path));
        assert_eq!(uids(&cal), dated_uids(f, |v| v["team"] == *team), "{path}");
        assert_eq!(add_to_calendar(f, &format!("to-cong-tac/{team}/index.html")), path);
    }
    assert_eq!(page_ids(f, "to-cong-tac").len(), 3);

    let units = page_ids(f, "don-vi");
    assert_eq!(units.len(), 7);
    for unit in &units {
        let path = format!("don-vi/{unit}.ics");
        let cal = parse_ics(&text(f, &path));
        assert!(uids(&cal).is_subset(&every), "{path}");
        assert_eq!(add_to_calendar(f, &format!("don-vi/{unit}/index.html")), path);
    }
    // A đảng bộ's calendar also holds the visits to its chi bộ trực thuộc (it sends a
    // member along); a cell's only its own.
    let dien_luc = uids(&parse_ics(&text(f, "don-vi/db-dien-luc.ics")));
    let cells = ["db-dien-luc", "cb-dl-ky-thuat", "cb-dl-kinh-doanh"];
    assert_eq!(dien_luc, dated_uids(f, |v| cells.iter().any(|c| v["unit"] == *c)));
    assert!(dien_luc.contains("to-1-2024-03-chi-bo@kehoach"));
    let cell = uids(&parse_ics(&text(f, "don-vi/cb-dl-ky-thuat.ics")));
    assert_eq!(cell, dated_uids(f, |v| v["unit"] == "cb-dl-ky-thuat"));

    // Feeds hold visits, never report content: the same in both builds.
    for p in f.keys().filter(|p| p.ends_with(".ics")) {
        assert_eq!(f[p], full()[p], "{p}");
    }
    assert_eq!(broken_links(f, "/"), Vec::<(String, String)>::new());
}

fn column(csv: &Value, col: &str) -> BTreeSet<String> {
    csv["rows"].as_array().unwrap().iter().map(|r| r[col].as_str().unwrap().to_string()).collect()
}

#[test]
fn exports_read_back_and_agree_with_the_pages_and_the_summary() {
    for (f, reports) in [(site(), 7), (full(), 8)] {
        let csv = read_csv(&f["data/reports.csv"]);
        assert_eq!(csv["header"], serde_json::json!(kehoach::feeds::exports::REPORTS_HEADER));
        // One row per published report: exactly the report pages.
        let published = page_ids(f, "bao-cao");
        assert_eq!(csv["rows"].as_array().unwrap().len(), reports);
        assert_eq!(column(&csv, "visit"), published);
        assert_eq!(published.contains(RESTRICTED_VISIT), reports == 8);

        let visits = read_csv(&f["data/visits.csv"]);
        assert_eq!(
            visits["header"],
            serde_json::json!([
                "id",
                "team",
                "kind",
                "unit",
                "month",
                "date",
                "status",
                "on_time",
                "report",
                "team_name",
                "unit_name",
                "kind_label",
                "status_label"
            ])
        );
        assert_eq!(
            visits["rows"].as_array().unwrap().len(),
            json(f, "data/visits.json").as_array().unwrap().len()
        );

        let findings = json(f, "data/findings.json");
        let summary = json(f, "data/summary.json");
        assert_eq!(findings.as_array().unwrap().len() as u64, summary["findings"].as_u64().unwrap());
        for item in findings.as_array().unwrap() {
            assert!(item["file"].as_str().unwrap().starts_with("content/"), "{item}");
            assert!(item["line"].as_u64().unwrap() >= 1, "{item}");
        }
    }
    assert_eq!(json(site(), "data/summary.json")["findings"], 6);
    assert_eq!(json(full(), "data/summary.json")["findings"], 7);
}

/// The documents of a build's search index (their display entries).
fn index(files: &Files) -> Vec<Value> {
    let docs = crate::support::search_entries(files);
    let manifest = crate::support::search_file(files, "index");
    assert_eq!(manifest["plans"][0]["n"].as_u64(), Some(docs.len() as u64), "one plan: every document");
    docs
}

#[test]
fn search_index_holds_every_published_page_and_nothing_restricted() {
    for f in [site(), full()] {
        let docs = index(f);
        let urls: BTreeSet<String> = docs.iter().map(|d| d["u"].as_str().unwrap().to_string()).collect();
        assert_eq!(urls.len(), docs.len(), "one document a page");
        for u in &urls {
            assert!(f.contains_key(&format!("{u}index.html")), "{u} is not a page of the build");
        }
        for (dir, kind) in [("to-cong-tac", "Tổ công tác"), ("don-vi", "Đơn vị"), ("bao-cao", "Báo cáo")]
        {
            let indexed: BTreeSet<String> = docs
                .iter()
                .filter(|d| d["k"] == kind)
                .map(|d| d["u"].as_str().unwrap().trim_end_matches('/').replacen(&format!("{dir}/"), "", 1))
                .collect();
            assert_eq!(indexed, page_ids(f, dir), "{kind}");
        }
        assert!(urls.contains("ke-hoach/"));
    }
    let js = crate::support::search_text(site());
    let full_js = crate::support::search_text(full());
    // What a person finds: nothing of the restricted report in the default build.
    let found = crate::support::search_in(site(), &RESTRICTED_TEXT);
    let found_full = crate::support::search_in(full(), &RESTRICTED_TEXT);
    for (k, needle) in RESTRICTED_TEXT.iter().enumerate() {
        assert_eq!(found[k], Vec::<String>::new(), "{needle} is found in the default build");
        assert!(!found_full[k].is_empty(), "{needle} is not found in the full build");
        let folded = kehoach::search::fold(needle);
        assert!(!js.contains(needle) && !js.contains(&folded), "{needle} leaked into the index");
        let word = needle.split(' ').next_back().unwrap().split('-').next_back().unwrap().to_lowercase();
        assert!(full_js.contains(&format!("\"{}\"", kehoach::search::fold(&word))), "{word}: no term");
    }
    assert!(!js.contains(RESTRICTED_VISIT) && full_js.contains(RESTRICTED_VISIT));
    // The search page links the index and the script; without JavaScript it links the indexes.
    let page = doc(site(), "tim-kiem/index.html");
    let noscript = page.select(&sel("noscript")).next().expect("a <noscript> message").inner_html();
    for target in ["to-cong-tac/index.html", "don-vi/index.html", "bao-cao/index.html", "ke-hoach/index.html"]
    {
        assert!(
            noscript.contains(&format!("href=\"../{target}\"")),
            "the message links {target}: {noscript}"
        );
    }
    assert!(noscript.contains("JavaScript"));
    // Every other page has a search box that submits `q` to the search page.
    for path in site().keys().filter(|p| p.ends_with(".html") && *p != "tim-kiem/index.html") {
        let html = doc(site(), path);
        let form =
            html.select(&sel("form[role=search]")).next().unwrap_or_else(|| panic!("{path}: no search box"));
        let action = form.value().attr("action").unwrap();
        let target = if path == "404.html" {
            action.strip_prefix('/').map(String::from)
        } else {
            normalise(Path::new(path).parent().unwrap(), action)
        };
        assert_eq!(target.as_deref(), Some("tim-kiem/index.html"), "{path}");
        let input = form.select(&sel("input[name=q]")).next().unwrap_or_else(|| panic!("{path}: no q"));
        let id = input.value().attr("id").unwrap();
        let labelled = input.value().attr("aria-label").is_some()
            || html.select(&sel(&format!("label[for={id}]"))).next().is_some();
        assert!(labelled, "{path}: the search box has no label");
    }
}

fn append(path: &Path, text: &str) {
    let mut s = std::fs::read_to_string(path).unwrap();
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

/// The date after "Cập nhật:" in a page's text, if any.
fn updated(files: &Files, path: &str) -> Option<String> {
    let body = texts(&doc(files, path), "body").join(" ");
    let at = body.find("Cập nhật:")?;
    Some(body[at + "Cập nhật:".len()..].trim_start().chars().take(10).collect())
}

fn html_pages(files: &Files) -> impl Iterator<Item = &String> {
    files.keys().filter(|p| p.ends_with(".html"))
}

#[test]
fn pages_are_dated_from_git_in_a_repository_and_not_outside() {
    // Outside git: no date, no commit.
    for path in html_pages(site()) {
        assert_eq!(updated(site(), path), None, "{path}");
        assert!(!text(site(), path).contains("commit"), "{path}");
    }

    let repo = folder(Path::new(VALID)).write();
    let root = repo.path();
    git(root, &["init", "-q", "-b", "main"], None);
    git(root, &["add", "-A"], None);
    git(root, &["commit", "-q", "-m", "one"], Some("2024-02-05T09:00:00+07:00"));
    append(&root.join("content/reports/2024-03/to-1-2024-03-chi-bo.md"), "\nBổ sung.\n");
    // 20:00 at UTC-5 on 11/04 is 08:00 on 12/04 in Vietnam.
    git(root, &["commit", "-q", "-am", "two"], Some("2024-04-11T20:00:00-05:00"));
    append(&root.join("content/reports/2024-04/to-1-2024-04-dang-uy.md"), "\nBổ sung mật.\n");
    git(root, &["commit", "-q", "-am", "three"], Some("2024-06-01T09:00:00+07:00"));
    let head = git(root, &["rev-parse", "--short=7", "HEAD"], None).trim().to_string();

    let out = tempfile::tempdir().unwrap();
    let a = build(root.to_str().unwrap(), &[]);
    for path in html_pages(&a) {
        let date = updated(&a, path).unwrap_or_else(|| panic!("{path} has no \"Cập nhật:\""));
        assert!(["05/02/2024", "12/04/2024"].contains(&date.as_str()), "{path}: {date}");
        let body = texts(&doc(&a, path), "footer").join(" ");
        assert!(body.contains(&format!("commit {head}")), "{path}: {body}");
        assert!(!body.contains("chưa commit"), "{path}: {body}");
    }
    // Each page is dated by its own sources.
    assert_eq!(updated(&a, "bao-cao/to-1-2024-03-chi-bo/index.html").unwrap(), "12/04/2024");
    assert_eq!(updated(&a, "bao-cao/to-1-2024-03-dang-uy/index.html").unwrap(), "05/02/2024");
    assert_eq!(updated(&a, "ke-hoach/index.html").unwrap(), "05/02/2024");
    assert_eq!(updated(&a, "to-cong-tac/to-1/index.html").unwrap(), "12/04/2024");
    assert_eq!(updated(&a, "to-cong-tac/to-2/index.html").unwrap(), "05/02/2024");
    assert_eq!(updated(&a, "don-vi/db-dien-luc/index.html").unwrap(), "12/04/2024");
    assert_eq!(updated(&a, "don-vi/db-xi-mang/index.html").unwrap(), "05/02/2024");
    assert_eq!(updated(&a, "lich/2024-03/index.html").unwrap(), "12/04/2024");
    assert_eq!(updated(&a, "lich/2024-04/index.html").unwrap(), "05/02/2024");
    assert_eq!(updated(&a, "index.html").unwrap(), "12/04/2024");
    // The restricted report's change dates nothing in the default build…
    assert!(files_containing(&a, "01/06/2024").is_empty());
    // …and does in the full one.
    let full = build(root.to_str().unwrap(), &["--include-restricted"]);
    assert_eq!(updated(&full, "index.html").unwrap(), "01/06/2024");
    assert_eq!(updated(&full, "to-cong-tac/to-1/index.html").unwrap(), "01/06/2024");
    assert_eq!(updated(&full, &format!("bao-cao/{RESTRICTED_VISIT}/index.html")).unwrap(), "01/06/2024");

    // Same commit, same bytes: again, and with the output inside the work tree (untracked).
    let o = run(root, &root.join("public"), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let inside = read_dir(&root.join("public"));
    assert_eq!(inside, a, "a build inside the work tree differs");
    let o = run(root, &root.join("public"), &[]);
    assert!(o.status.success());
    assert_eq!(read_dir(&root.join("public")), a, "a rebuild over its own output differs");

    // An uncommitted change to the content marks the build.
    append(&root.join("content/plan.md"), "\nSửa chưa lưu.\n");
    let o = run(root, &out.path().join("public"), &[]);
    assert!(o.status.success());
    let dirty = read_dir(&out.path().join("public"));
    let footer = texts(&doc(&dirty, "index.html"), "footer").join(" ");
    assert!(footer.contains(&format!("commit {head} (có thay đổi chưa commit)")), "{footer}");
}
