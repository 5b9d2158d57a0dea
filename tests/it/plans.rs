//! A site holding several plans (FORMAT.md, "Several plans in one site"), built from the
//! fixture `tests/fixtures/plans` (three plans; a unit renamed in 2025; a unit in 2024
//! only; restricted reports in the old plans; `old_addresses: 2024`), and the sample
//! converted by `kehoach new plan 2025 --convert`.

use crate::support::{self, Files, json, text};
use kehoach::derive::testkit::{files::fixtures, fixture, sample};
use std::fs;
use std::path::Path;

fn plans_site(extra: &[&str]) -> Files {
    support::build_outside_git(fixtures().join("plans").to_str().unwrap(), extra)
}

#[test]
fn each_plan_has_every_address_under_its_folder_and_the_site_its_own() {
    let files = plans_site(&[]);
    for plan in ["2023", "2024", "2025"] {
        for page in
            ["index.html", "ke-hoach/index.html", "to-cong-tac/to-1/index.html", "theo-doi/index.html"]
        {
            assert!(files.contains_key(&format!("{plan}/{page}")), "{plan}/{page}");
        }
        for data in ["lich.ics", "data/visits.json", "data/summary.json", "data/findings.json"] {
            assert!(files.contains_key(&format!("{plan}/{data}")), "{plan}/{data}");
        }
    }
    assert!(files.contains_key("2024/theo-doi/2024-03/index.html"));
    for own in ["index.html", "404.html", "tim-kiem/index.html", "don-vi/index.html", "static/style.css"] {
        assert!(files.contains_key(own), "{own}");
    }
    // The theme's files once, at the site's static/.
    assert!(!files.contains_key("2024/static/style.css"));
    // /lich.ics holds the current plan's visits (the last plan: no `current:`).
    assert_eq!(files["lich.ics"], files["2025/lich.ics"]);
}

#[test]
fn plans_json_lists_every_plan_with_its_summary() {
    let files = plans_site(&[]);
    let plans = json(&files, "data/plans.json");
    let ids: Vec<&str> = plans.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["2023", "2024", "2025"]);
    for p in plans.as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        assert_eq!(p["summary"], json(&files, &format!("{id}/data/summary.json")), "{id}");
        assert!(p["title"].as_str().unwrap().ends_with(id), "{p}");
    }
    assert_eq!(plans[1]["period"], serde_json::json!({"from": "2024-03", "to": "2024-05"}));
    assert_eq!(plans[1]["deadline"], "2024-11-10");
}

#[test]
fn the_home_shows_the_current_plan_and_lists_every_plan() {
    let files = plans_site(&[]);
    let home = text(&files, "index.html");
    for id in ["2023", "2024", "2025"] {
        assert!(home.contains(&format!("href=\"{id}/index.html\"><strong>Kế hoạch {id}</strong>")), "{id}");
    }
    assert!(home.contains("Kế hoạch 2025: tình hình chung"));
    // The current plan's menu links into its folder; the theme from the site's root.
    assert!(home.contains("href=\"2025/to-cong-tac/index.html\""));
    assert!(home.contains("href=\"static/style.css\""));
    // `current:` chooses another plan.
    let site = fixture("plans").write();
    let top = site.path().join("content/site.yaml");
    fs::write(&top, fs::read_to_string(&top).unwrap() + "current: 2024\n").unwrap();
    let files = support::build(site.path().to_str().unwrap(), &[]);
    assert!(text(&files, "index.html").contains("Kế hoạch 2024: tình hình chung"));
    assert_eq!(files["lich.ics"], files["2024/lich.ics"]);
}

#[test]
fn a_plans_page_says_its_plan_and_links_the_same_page_of_the_others() {
    let files = plans_site(&[]);
    let team = text(&files, "2024/to-cong-tac/to-1/index.html");
    assert!(team.contains("Trang này thuộc <strong>Kế hoạch 2024</strong>"));
    assert!(team.contains("href=\"../../../2023/to-cong-tac/to-1/index.html\""));
    assert!(team.contains("href=\"../../../2025/to-cong-tac/to-1/index.html\""));
    assert!(team.contains("href=\"../../../static/style.css\""));
    // A page the other plans do not have: their home instead.
    let report = text(&files, "2024/bao-cao/to-1-2024-03-chi-bo/index.html");
    assert!(report.contains("href=\"../../../2025/index.html\">Kế hoạch 2025</a>"), "{report}");
}

#[test]
fn a_unit_across_the_plans_newest_first_with_the_name_it_had() {
    let files = plans_site(&[]);
    let unit = text(&files, "don-vi/cb-kho-bac/index.html");
    let at = |s: &str| unit.find(s).unwrap_or_else(|| panic!("no {s:?}"));
    assert!(at("Kế hoạch 2025 (") < at("Kế hoạch 2024 (") && at("Kế hoạch 2024 (") < at("Kế hoạch 2023 ("));
    assert!(unit.contains("<h1>Chi bộ Kho bạc Nhà nước khu vực VIII</h1>"));
    assert!(unit.contains("Tên đơn vị khi đó: <strong>Chi bộ Kho bạc Nhà nước tỉnh</strong>"));
    // Its published reports, linked into their plan.
    assert!(unit.contains("href=\"../../2024/bao-cao/to-2-2024-04-chi-bo/index.html\""), "{unit}");
    // A unit of one plan only.
    let only = text(&files, "don-vi/cb-bao-hiem/index.html");
    assert!(
        only.contains("Kế hoạch 2024 (")
            && !only.contains("Kế hoạch 2023 (")
            && !only.contains("Kế hoạch 2025 (")
    );
    let index = text(&files, "don-vi/index.html");
    assert!(index.contains("Chi bộ Bảo hiểm xã hội tỉnh"));
}

#[test]
fn restricted_reports_of_an_old_plan_leave_no_trace_by_default() {
    let files = plans_site(&[]);
    for (path, bytes) in &files {
        let s = String::from_utf8_lossy(bytes);
        assert!(!s.contains("NỘI-DUNG-MẬT") && !s.contains("KIẾN-NGHỊ-MẬT"), "restricted text in {path}");
    }
    assert!(!files.contains_key("2024/bao-cao/to-1-2024-04-dang-uy/index.html"));
    let full = plans_site(&["--include-restricted"]);
    assert!(text(&full, "2024/bao-cao/to-1-2024-04-dang-uy/index.html").contains("NỘI-DUNG-MẬT"));
}

#[test]
fn the_old_addresses_lead_to_the_old_plan() {
    let files = plans_site(&[]);
    let page = text(&files, "to-cong-tac/to-1/index.html");
    assert!(
        page.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=../../2024/to-cong-tac/to-1/index.html\">"
        )
    );
    assert!(page.contains("<a href=\"../../2024/to-cong-tac/to-1/index.html\">"));
    assert!(!page.contains("<script"));
    // Data files keep answering with the old plan's data.
    assert_eq!(files["data/visits.json"], files["2024/data/visits.json"]);
    // The site's own pages win over the old plan's at the same address.
    assert!(text(&files, "don-vi/cb-kho-bac/index.html").contains("qua các kế hoạch"));
}

#[test]
fn a_plan_in_the_site_is_judged_as_that_plan_alone() {
    // content/2024 made a one-plan site (the top keys put back into its site.yaml).
    let alone = tempfile::tempdir().unwrap();
    let fixture = fixtures().join("plans/content");
    kehoach::derive::testkit::SiteFiles::default()
        .with_tree(&fixture.join("2024"), "content")
        .write_to(alone.path());
    let site_yaml = alone.path().join("content/site.yaml");
    let top: String = fs::read_to_string(fixture.join("site.yaml"))
        .unwrap()
        .lines()
        .filter(|l| ["organization:", "base_url:", "theme:", "language:"].iter().any(|k| l.starts_with(k)))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&site_yaml, top + &fs::read_to_string(&site_yaml).unwrap()).unwrap();
    let as_of = ["--as-of", "2025-05-20"];
    let one = support::build(alone.path().to_str().unwrap(), &as_of);
    let several = plans_site(&as_of);
    for f in ["data/summary.json", "data/findings.json", "data/summary-2024-05.json", "data/reports.csv"] {
        assert_eq!(
            String::from_utf8_lossy(&one[f]).replace("content/", "content/2024/"),
            String::from_utf8_lossy(&several[&format!("2024/{f}")]),
            "{f}"
        );
    }
}

#[test]
fn errors_of_the_top_site_yaml_name_file_line_and_the_plans() {
    let site = fixture("plans").write();
    let top = site.path().join("content/site.yaml");
    fs::write(&top, fs::read_to_string(&top).unwrap() + "current: 2030\ndeadline: 2025-11-10\n").unwrap();
    let plan_yaml = site.path().join("content/2025/site.yaml");
    fs::write(&plan_yaml, fs::read_to_string(&plan_yaml).unwrap() + "base_url: /x/\n").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let o = support::run(site.path(), &tmp.path().join("public"), &[]);
    assert!(!o.status.success());
    let err = support::stderr(&o);
    assert!(err.contains("khóa `deadline` thuộc về `site.yaml` của từng kế hoạch"), "{err}");
    assert!(err.contains("--> content/site.yaml:"), "{err}");
    assert!(err.contains("khóa `base_url` thuộc về `content/site.yaml` chung"), "{err}");
    assert!(err.contains("--> content/2025/site.yaml:"), "{err}");
    assert!(!tmp.path().join("public").exists(), "nothing written");
    // `current` naming no plan (once the keys are in their place).
    fs::write(&top, fs::read_to_string(&top).unwrap().replace("deadline: 2025-11-10\n", "")).unwrap();
    let text = fs::read_to_string(&plan_yaml).unwrap().replace("base_url: /x/\n", "");
    fs::write(&plan_yaml, text).unwrap();
    let o = support::run(site.path(), &tmp.path().join("public"), &[]);
    let err = support::stderr(&o);
    assert!(err.contains("`current: 2030` không phải một kế hoạch của trang"), "{err}");
    assert!(err.contains("các kế hoạch: 2023, 2024, 2025"), "{err}");
}

#[test]
fn check_checks_every_plan() {
    let o = support::kehoach().args(["check", "--root"]).arg(fixtures().join("plans")).output().unwrap();
    assert!(o.status.success(), "{}", support::stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    for id in ["2023", "2024", "2025"] {
        assert!(out.contains(&format!("Kế hoạch {id}:")), "{out}");
    }
}

/// Every file under `dir`, by path.
fn paths(dir: &Path) -> Vec<String> {
    support::read_dir(dir).into_keys().collect()
}

#[test]
fn the_sample_converted_keeps_every_address_it_had() {
    let site = sample().write();
    let tmp = tempfile::tempdir().unwrap();
    let before = tmp.path().join("before");
    let o = support::run(site.path(), &before, &[]);
    assert!(o.status.success(), "{}", support::stderr(&o));
    let o = support::kehoach()
        .args(["new", "plan", "2025", "--convert", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", support::stderr(&o));
    assert!(
        site.path().join("content/2024/plan.md").is_file()
            && site.path().join("content/2025/plan.md").is_file()
    );
    let plan_2025 = fs::read_to_string(site.path().join("content/2025/site.yaml")).unwrap();
    assert!(
        plan_2025.contains("period: { from: 2025-03, to: 2025-10 }")
            && plan_2025.contains("deadline: 2025-11-10")
    );
    assert!(fs::read_to_string(site.path().join("content/2025/schedule.yaml")).unwrap().contains("[]"));
    let after = tmp.path().join("after");
    let o = support::run(site.path(), &after, &[]);
    assert!(o.status.success(), "{}", support::stderr(&o));
    let now: std::collections::BTreeSet<String> = paths(&after).into_iter().collect();
    let mut missing = Vec::new();
    assert!(now.contains("search/index.js"), "the site's search index");
    for p in paths(&before) {
        // The index's shards are named by what they hold: the site's index replaces them.
        if p.starts_with("search/") {
            continue;
        }
        if !now.contains(&p) {
            missing.push(p.clone());
            continue;
        }
        // A page that moved sends the reader to a page that exists.
        let page = fs::read_to_string(after.join(&p)).unwrap_or_default();
        if let Some(rest) = page.split("http-equiv=\"refresh\" content=\"0; url=").nth(1) {
            let target = rest.split('"').next().unwrap();
            let resolved = Path::new(&p).parent().unwrap().join(target);
            let resolved = resolved.to_string_lossy().into_owned();
            let resolved = resolved.split('/').fold(Vec::<&str>::new(), |mut v, part| {
                match part {
                    ".." => {
                        v.pop();
                    }
                    "" | "." => {}
                    s => v.push(s),
                }
                v
            });
            let resolved = resolved.join("/");
            assert!(now.contains(&resolved), "{p} leads to {resolved}, which is not there");
        }
    }
    assert!(missing.is_empty(), "addresses lost: {missing:?}");
    // The two plans side by side.
    assert!(now.contains("2024/bao-cao/index.html") && now.contains("2025/bao-cao/index.html"));
}

#[test]
fn new_report_works_in_the_current_plan_or_the_one_named() {
    let site = fixture("plans").write();
    let root = site.path();
    let run = |args: &[&str]| support::kehoach().args(args).arg("--root").arg(root).output().unwrap();
    let o = run(&["new", "report", "to-1-2025-03-chi-bo"]);
    assert!(o.status.success(), "{}", support::stderr(&o));
    assert!(root.join("content/2025/reports/2025-03/to-1-2025-03-chi-bo.md").is_file());
    let o = run(&["new", "report", "to-1-2024-05-chi-bo", "--plan", "2024"]);
    assert!(o.status.success(), "{}", support::stderr(&o));
    assert!(root.join("content/2024/reports/2024-05/to-1-2024-05-chi-bo.md").is_file());
    let o = run(&["new", "report", "to-1-2024-05-chi-bo", "--plan", "2030"]);
    assert!(!o.status.success());
    assert!(support::stderr(&o).contains("không có kế hoạch `2030` (các kế hoạch: 2023, 2024, 2025)"));
    let o = support::kehoach()
        .args(["new", "report", "x", "--plan", "2024", "--root", support::VALID])
        .output()
        .unwrap();
    assert!(support::stderr(&o).contains("trang này chỉ có một kế hoạch"), "{}", support::stderr(&o));
}

#[test]
fn the_sites_own_pages_are_shown_and_listed_on_its_home() {
    let files = plans_site(&[]);
    let page = text(&files, "trang/gioi-thieu/index.html");
    assert!(page.contains("<h1>Giới thiệu trang các kế hoạch</h1>"), "{page}");
    assert!(page.contains("href=\"../../don-vi/index.html\""), "links from the site's root: {page}");
    assert!(page.contains("href=\"../../static/style.css\""));
    assert!(text(&files, "index.html").contains("href=\"trang/gioi-thieu/index.html\""));
}
