//! Search: the Rust folding rule and the script's agree; the index holds every published
//! page and nothing restricted; typing into the box in a real browser shows the results.

use crate::support::feeds::{judgement, site};
use kehoach::output::OutputFile;
use kehoach::search::{self, DocKind, SearchPlan};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js")
}

/// Run `code` in node with `lib` bound to search.js's exports and `input` to `input`;
/// returns what the code prints as JSON.
fn node(code: &str, input: &Value) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("input.json");
    std::fs::write(&file, input.to_string()).unwrap();
    let prelude = "const lib = require(process.argv[1]); \
                   const input = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));";
    let out = Command::new("node")
        .arg("-e")
        .arg(format!("{prelude}\n{code}"))
        .arg(script())
        .arg(&file)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "node: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Strings that exercise the rule: every vowel with every tone in both cases, đ/Đ,
/// composed and decomposed forms, punctuation, other scripts.
fn tricky() -> Vec<String> {
    let vowels = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ";
    let mut out: Vec<String> =
        vowels.chars().flat_map(|c| [c.to_string(), c.to_uppercase().to_string()]).collect();
    out.push(vowels.to_string());
    out.push(vowels.to_uppercase());
    out.extend(
        [
            "đ",
            "Đ",
            "Đảng ủy Đà Nẵng",
            "ĐẢNG BỘ CÔNG TY ĐIỆN LỰC",
            "Ho\u{0302}\u{0323}i nghi\u{0323}",
            "Ho\u{0323}\u{0302}i",
            "sinh hoạt, (123-KH/ĐUK); \"quý II\" — 14/03/2024!",
            "  tab\tand\nnewline  ",
            "Crème brûlée, Ångström, naïve, İstanbul, Straße",
            "ΣΊΣΥΦΟΣ, Москва",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
            "",
        ]
        .map(String::from),
    );
    out
}

#[test]
fn rust_and_script_fold_alike() {
    let inputs = tricky();
    let from_js = node("console.log(JSON.stringify(input.map(lib.fold)));", &json!(inputs));
    let from_rust: Vec<String> = inputs.iter().map(|s| search::fold(s)).collect();
    assert_eq!(from_js, json!(from_rust));
    // And the rule does what it says on the Vietnamese strings.
    assert_eq!(from_rust[inputs.iter().position(|s| s == "Đảng ủy Đà Nẵng").unwrap()], "dang uy da nang");
}

/// The script folds with a loop of its own (not the regular expressions the rule reads
/// as): every character of the Basic Multilingual Plane, alone and all in one text (longer
/// than the pieces the script builds its result from), folds as the Rust rule folds it.
#[test]
fn the_script_folds_every_character_as_the_rule_does() {
    let chars: Vec<String> = (0u32..0x1_0000).filter_map(char::from_u32).map(String::from).collect();
    let mut inputs = chars.clone();
    // In one text, the characters that are not combining marks: marks next to each other
    // are put in order by NFD, and the Unicode versions of the two sides (ICU in node,
    // the unicode-normalization crate) may not agree on the classes of rare ones.
    let starters: Vec<&String> = chars
        .iter()
        .filter(|c| c.chars().all(|c| unicode_normalization::char::canonical_combining_class(c) == 0))
        .collect();
    inputs.push(starters.iter().map(|c| c.as_str()).collect());
    inputs.push(starters.iter().map(|c| format!("Đ{c}\u{0301}ạ ")).collect());
    let from_js = node("console.log(JSON.stringify(input.map(lib.fold)));", &json!(inputs));
    let from_rust: Vec<String> = inputs.iter().map(|s| search::fold(s)).collect();
    let from_js: Vec<String> = serde_json::from_value(from_js).unwrap();
    assert_eq!(from_js.len(), from_rust.len());
    for (i, (js, rust)) in from_js.iter().zip(&from_rust).enumerate() {
        if js != rust {
            let at = js.chars().zip(rust.chars()).take_while(|(a, b)| a == b).count();
            let around = |s: &str| s.chars().skip(at.saturating_sub(3)).take(8).collect::<String>();
            panic!(
                "input {i}: at character {at}, the script has {:?}, the rule {:?}",
                around(js),
                around(rust)
            );
        }
    }
}

/// The files of the site's search index, as a build writes them (one plan).
fn index_files(site: &kehoach::model::Site, include_restricted: bool) -> Vec<OutputFile> {
    let text = |r: usize| kehoach::markdown::report_body::text_of(&site.reports[r].body);
    let judgement = judgement();
    search::index_files(&[SearchPlan {
        id: None,
        title: &site.plan.title,
        prefix: "",
        site,
        judgement: &judgement,
        include_restricted,
        text: &text,
    }])
}

/// Every file of an index, one string.
fn all_text(files: &[OutputFile]) -> String {
    files.iter().map(|f| String::from_utf8_lossy(&f.bytes).into_owned()).collect()
}

/// What the files register on `self.KEHOACH_SEARCH`: `{name: JSON}`.
fn store(files: &[OutputFile]) -> Value {
    let mut out = serde_json::Map::new();
    for f in files {
        let name = f.path.strip_prefix("search/").unwrap().strip_suffix(".js").unwrap();
        let js = std::str::from_utf8(&f.bytes).unwrap();
        let open = format!("(self.KEHOACH_SEARCH=self.KEHOACH_SEARCH||{{}})[\"{name}\"]=");
        let json =
            js.strip_prefix(&open).and_then(|j| j.strip_suffix(";\n")).unwrap_or_else(|| panic!("{js}"));
        out.insert(name.to_string(), serde_json::from_str(json).unwrap());
    }
    Value::Object(out)
}

/// The addresses `lib.search` finds for each query, in the index made of `files`.
fn search_urls(files: &[OutputFile], queries: &[&str]) -> Vec<Vec<String>> {
    let found = node(
        "console.log(JSON.stringify(input.queries.map(q => lib.search(input.store, q).map(d => d.u))));",
        &json!({ "store": store(files), "queries": queries }),
    );
    serde_json::from_value(found).unwrap()
}

#[test]
fn default_index_has_every_published_page_and_nothing_restricted() {
    let site = site();
    let docs = search::docs(&site, &judgement(), false);
    let urls: Vec<&str> = docs.iter().map(|d| d.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "ke-hoach/",
            "trang/huong-dan/",
            "to-cong-tac/to-1/",
            "to-cong-tac/to-2/",
            "don-vi/db-dien-luc/",
            "don-vi/cb-dl-ky-thuat/",
            "don-vi/cb-ngan-hang/",
            "don-vi/db-da-nang/",
            "bao-cao/to-1-2024-03-chi-bo/",
        ]
    );
    let report = docs.iter().find(|d| d.kind == DocKind::Report).unwrap();
    assert_eq!(
        report.title,
        "Báo cáo dự sinh hoạt chi bộ: Chi bộ Phòng Kỹ thuật – Đảng bộ Công ty Điện lực Lào Cai, 25/03/2024"
    );
    let files = index_files(&site, false);
    let js = all_text(&files);
    assert!(!js.contains("XYZZY") && !js.contains("xyzzy"), "restricted text leaked");
    assert!(!js.contains("to-2-2024-03-chi-bo") && !js.contains("Trang mật") && !js.contains("mật"));
    // Submitted after as_of: not yet published.
    assert!(!js.contains("to-1-2024-04-chi-bo") && !js.contains("chưa tới hạn"));

    let full = all_text(&index_files(&site, true));
    assert!(full.contains("xyzzy") && full.contains("bao-cao/to-2-2024-03-chi-bo/"));

    // What a build writes (each report's document made as the index is written) is the
    // index of these documents, byte for byte.
    assert_eq!(search::docs_index_files(&[(None, &site.plan.title, &docs)]), files);
    // The people's words are found in the index, not only shown.
    assert_eq!(search_urls(&files, &["xyzzy"]), [Vec::<String>::new()]);
    let full = search_urls(&index_files(&site, true), &["xyzzy"]);
    assert!(full[0].contains(&"bao-cao/to-2-2024-03-chi-bo/".to_string()), "{full:?}");
}

#[test]
fn script_finds_what_the_owner_asked_for_in_the_rust_index() {
    let files = index_files(&site(), false);
    let queries = [
        "sinh hoat",
        "da nang",
        "DANG BO dien luc",
        "xyzzy",
        "chuyển đổi số",
        " ",
        "an",
        "chi bo phong ky thuat",
    ];
    let found = search_urls(&files, &queries);
    // "sinh hoat" finds "sinh hoạt"; a title match ranks first.
    assert_eq!(found[0][0], "bao-cao/to-1-2024-03-chi-bo/");
    assert!(found[0].contains(&"ke-hoach/".to_string()));
    // "da nang" finds "Đà Nẵng".
    assert_eq!(found[1], ["don-vi/db-da-nang/"]);
    assert_eq!(found[2][0], "don-vi/db-dien-luc/");
    assert!(found[3].is_empty());
    assert_eq!(found[4], ["bao-cao/to-1-2024-03-chi-bo/"]);
    assert!(found[5].is_empty());
    // Word prefixes only: "an" finds "Nguyễn Văn An", not the "Văn" or "Ban" of team 2.
    assert!(found[6].contains(&"to-cong-tac/to-1/".to_string()));
    assert!(!found[6].contains(&"to-cong-tac/to-2/".to_string()), "{:?}", found[6]);
    assert_eq!(found[7][0], "don-vi/cb-dl-ky-thuat/");
}

fn page_doc(u: &str, t: &str, x: &str) -> search::Doc {
    search::Doc { url: u.into(), title: t.into(), kind: DocKind::Page, text: x.into() }
}

#[test]
fn a_page_searched_by_its_whole_title_comes_first() {
    let docs = [
        page_doc("bao-cao/a/", "Báo cáo: Chi bộ Kho bạc", "Chi bộ Kho bạc họp. Chi bộ Kho bạc tốt."),
        page_doc("don-vi/kho-bac/", "Chi bộ Kho bạc", ""),
    ];
    let files = search::docs_index_files(&[(None, "Kế hoạch", &docs)]);
    // The report has the phrase in its title and its text, the unit page is named by it.
    assert_eq!(search_urls(&files, &["chi bo kho bac"])[0], ["don-vi/kho-bac/", "bao-cao/a/"]);
}

#[test]
fn words_with_the_marks_typed_come_first() {
    // dương (sun), đương (current), đường (road): one folded word, three words as written.
    let docs = [
        page_doc("a/", "Con đường", "đường đường đường"),
        page_doc("b/", "Đương nhiệm", "đương"),
        page_doc("c/", "Dương", "dương"),
        page_doc("d/", "Duong", "Lê Văn Duong"),
    ];
    let files = search::docs_index_files(&[(None, "Kế hoạch", &docs)]);
    let found = search_urls(&files, &["dương", "đường", "đương", "duong", "DƯƠNG", "đườ", "con đường"]);
    // Without marks: every one, by occurrences.
    // (The one-word titles that are the query first, then by occurrences.)
    assert_eq!(found[3], ["c/", "d/", "a/", "b/"]);
    // With marks: the word as typed first, then the others (marks are a preference).
    assert_eq!(found[0][0], "c/");
    assert_eq!(found[1][0], "a/");
    assert_eq!(found[2][0], "b/");
    assert_eq!(found[4][0], "c/", "case is not a mark");
    assert_eq!(found[5][0], "a/", "a word being typed");
    assert_eq!(found[0].len(), 4);
    assert_eq!(found[6], ["a/"]);
}

const PAGE: &str = r#"<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm</title></head><body>
<form role="search" action="index.html"><input type="search" name="q" id="q"></form>
<noscript><p>Cần bật JavaScript để tìm kiếm.</p></noscript>
<div id="search-results" data-root="../" data-index="../search/"></div>
<script src="../search/index.js"></script>
<script src="../static/search.js"></script>
</body></html>
"#;

/// A site folder holding the search page, the index and the script; its page URL.
fn search_site(dir: &Path) -> String {
    std::fs::create_dir_all(dir.join("tim-kiem")).unwrap();
    std::fs::create_dir_all(dir.join("static")).unwrap();
    std::fs::write(dir.join("tim-kiem/index.html"), PAGE).unwrap();
    for f in index_files(&site(), false) {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.bytes).unwrap();
    }
    std::fs::copy(script(), dir.join("static/search.js")).unwrap();
    format!("file://{}/tim-kiem/index.html", dir.display())
}

fn type_in_browser(url: &str, query: &str) -> Value {
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/type_search.js");
    let out = Command::new("node").arg(driver).arg(url).arg(query).output().expect("node runs");
    assert!(
        out.status.success(),
        "browser driver failed (needs chromium: apt-get install chromium): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn typing_into_the_box_in_chromium_shows_results() {
    let dir = tempfile::tempdir().unwrap();
    let url = search_site(dir.path());

    let got = type_in_browser(&url, "da nang");
    assert_eq!(got["value"], "da nang");
    let results = got["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{got}");
    assert_eq!(results[0]["title"], "Đảng bộ Cảng Đà Nẵng");
    assert_eq!(results[0]["kind"], "Đơn vị");
    // One plan: no choice of plan, no plan beside the results.
    assert_eq!(got["plans"], json!([]));
    assert_eq!(results[0]["planTitle"], Value::Null);
    // Terms match word starts: "da" marks "Đà" and the "Đả" of "Đảng", not "Cảng".
    assert_eq!(results[0]["marks"], json!(["Đả", "Đà", "Nẵng", "Đả", "Đà", "Nẵng", "Đả"]));
    // Opened from disk: links go to the folder's index.html, relative to the page.
    assert_eq!(results[0]["href"], "../don-vi/db-da-nang/index.html");

    let got = type_in_browser(&url, "sinh hoat chi bo");
    let results = got["results"].as_array().unwrap();
    let kinds: Vec<&str> = results.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["Báo cáo", "Kế hoạch"], "{got}");
    let marks = results[0]["marks"].as_array().unwrap();
    assert!(marks.contains(&json!("sinh")) && marks.contains(&json!("hoạt")), "{got}");
    assert!(got["status"].as_str().unwrap().starts_with(&format!("Tìm thấy {} kết quả", results.len())));

    let got = type_in_browser(&url, "xyzzy");
    assert_eq!(got["results"], json!([]));
    assert!(got["status"].as_str().unwrap().starts_with("Không tìm thấy"));
}

#[test]
fn query_in_the_address_is_searched_on_load() {
    let dir = tempfile::tempdir().unwrap();
    let url = search_site(dir.path());
    // The search box on every page submits ?q=…; typing nothing more keeps those results.
    let got = type_in_browser(&format!("{url}?q=nguyen%20van%20an"), "");
    assert_eq!(got["value"], "nguyen van an");
    let titles: Vec<&str> =
        got["results"].as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Tổ công tác số 1"), "{got}");
}

/// Build the bundled sample site (the repository's `content/`) with the binary into `out`.
fn build_sample(out: &Path, extra: &[&str]) {
    let o = crate::support::run(Path::new(crate::support::SAMPLE), out, extra);
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_built_sample_site_finds_without_tone_marks_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_sample(&out, &[]);
    let page = out.join("tim-kiem/index.html");
    let url = format!("file://{}", page.display());
    let resolves = |href: &str| {
        let target = page.parent().unwrap().join(href);
        assert!(target.is_file(), "{href} -> {} does not exist", target.display());
    };

    let got = type_in_browser(&url, "sinh hoat");
    let results = got["results"].as_array().unwrap();
    assert!(results.len() > 10, "{got}");
    let marks: Vec<&str> =
        results.iter().flat_map(|r| r["marks"].as_array().unwrap()).filter_map(|m| m.as_str()).collect();
    assert!(marks.contains(&"sinh") && marks.contains(&"hoạt"), "{marks:?}");
    for r in results {
        resolves(r["href"].as_str().unwrap());
    }

    // Đ/đ is found by d: "da" marks the "Đả" of "Đảng" (and "Đà" of "Đào tạo").
    let got = type_in_browser(&url, "da");
    let marks: Vec<String> = got["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["marks"].as_array().unwrap().clone())
        .map(|m| m.as_str().unwrap().to_string())
        .collect();
    assert!(marks.iter().any(|m| m == "Đả") && marks.iter().any(|m| m == "Đà"), "{marks:?}");
    // (A match cut by the end of a snippet is marked as far as it shows.)
    assert!(marks.iter().all(|m| !m.is_empty() && "da".starts_with(&kehoach::search::fold(m))), "{marks:?}");

    let got = type_in_browser(&url, "DANG BO cong ty dien luc lao cai");
    let first = &got["results"][0];
    assert_eq!(first["title"], "Đảng bộ Công ty Điện lực Lào Cai", "{got}");
    assert_eq!(first["kind"], "Đơn vị");
    resolves(first["href"].as_str().unwrap());

    // The restricted report (a disciplinary case) is not in the default build's index.
    let got = type_in_browser(&url, "khien trach");
    assert_eq!(got["results"], json!([]), "{got}");
}

#[test]
fn the_script_keeps_the_results_of_the_plan_asked_for() {
    let a = [page_doc("2024/ke-hoach/", "Kế hoạch 2024", "sinh hoạt chi bộ")];
    let b =
        [page_doc("2025/ke-hoach/", "Kế hoạch 2025", "sinh hoạt chi bộ"), page_doc("2025/x/", "X", "chi bộ")];
    let files =
        search::docs_index_files(&[(Some("2024"), "Kế hoạch 2024", &a), (Some("2025"), "Kế hoạch 2025", &b)]);
    let found = node(
        "console.log(JSON.stringify([null, '2024', '2025', 'khac'].map(p => \
         lib.search(input, 'sinh hoat', p).map(d => [d.u, d.plan, d.planTitle]))));",
        &store(&files),
    );
    assert_eq!(
        found,
        json!([
            [["2024/ke-hoach/", "2024", "Kế hoạch 2024"], ["2025/ke-hoach/", "2025", "Kế hoạch 2025"]],
            [["2024/ke-hoach/", "2024", "Kế hoạch 2024"]],
            [["2025/ke-hoach/", "2025", "Kế hoạch 2025"]],
            [["2024/ke-hoach/", "2024", "Kế hoạch 2024"], ["2025/ke-hoach/", "2025", "Kế hoạch 2025"]],
        ])
    );
}

#[test]
fn with_several_plans_the_page_offers_a_choice_of_plan_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let url = search_site(dir.path());
    // The same page over an index of two plans.
    std::fs::remove_dir_all(dir.path().join("search")).unwrap();
    let a = [page_doc("2024/ke-hoach/", "Kế hoạch 2024", "sinh hoạt chi bộ")];
    let b = [page_doc("2025/ke-hoach/", "Kế hoạch 2025", "sinh hoạt chi bộ")];
    for f in search::docs_index_files(&[(Some("2024"), "Năm 2024", &a), (Some("2025"), "Năm 2025", &b)]) {
        let path = dir.path().join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.bytes).unwrap();
    }
    let got = type_in_browser(&format!("{url}?q=sinh%20hoat&plan=2025"), "");
    assert_eq!(got["plans"], json!(["Tất cả kế hoạch", "Năm 2024", "Năm 2025"]), "{got}");
    assert_eq!(got["plan"], "2025");
    let results = got["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{got}");
    assert_eq!(results[0]["href"], "../2025/ke-hoach/index.html");
    assert_eq!(results[0]["planTitle"], "Năm 2025");
    let got = type_in_browser(&format!("{url}?q=sinh%20hoat"), "");
    assert_eq!(got["results"].as_array().unwrap().len(), 2, "{got}");
    assert_eq!(got["plan"], "");
}
