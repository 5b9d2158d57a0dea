//! Builds the valid fixture (`tests/fixtures/valid`, figures worked out in
//! `tests/valid_site.rs`) with the binary and checks what each kind of page says.

use crate::support::render::*;
use crate::support::*;
use std::sync::OnceLock;

/// The restricted report's visit and strings that appear only in that report.
const RESTRICTED_VISIT: &str = "to-1-2024-04-dang-uy";
const RESTRICTED_TEXT: [&str; 5] =
    ["NỘI-DUNG-MẬT-XI-MĂNG", "KIẾN-NGHỊ-MẬT", "Hoàng Thị Kín", "Trịnh Văn Riêng", "Chuyên đề MẬT"];

fn site() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| build(VALID, &[]))
}

fn full() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| build(VALID, &["--include-restricted"]))
}

#[test]
fn writes_every_address_of_the_format() {
    let f = site();
    for p in [
        "index.html",
        "ke-hoach/index.html",
        "to-cong-tac/index.html",
        "to-cong-tac/to-1/index.html",
        "to-cong-tac/to-3/index.html",
        "don-vi/index.html",
        "don-vi/cb-kho-bac/index.html",
        "don-vi/cb-dl-ky-thuat/index.html",
        "lich/index.html",
        "lich/2024-03/index.html",
        "lich/2024-05/index.html",
        "bao-cao/index.html",
        "bao-cao/to-1-2024-03-chi-bo/index.html",
        "theo-doi/index.html",
        "tong-hop/index.html",
        "404.html",
        "static/style.css",
    ] {
        assert!(f.contains_key(p), "{p} missing");
    }
    // Seven published reports: eight reported, one restricted.
    let reports = f.keys().filter(|p| p.starts_with("bao-cao/") && p.ends_with("/index.html")).count();
    assert_eq!(reports, 1 + 7);
}

#[test]
fn every_link_resolves_and_nothing_loads_from_outside() {
    assert_eq!(broken_links(site(), "/"), Vec::<(String, String)>::new());
    assert_eq!(broken_links(full(), "/"), Vec::<(String, String)>::new());
    for (path, _) in site().iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = doc(site(), path);
        assert_eq!(html.select(&sel("html[lang=vi]")).count(), 1, "{path}");
        // Only the search page runs a script, and only from files (a Content-Security-Policy
        // without 'unsafe-inline' allows it): no inline script, no inline event handler.
        let scripts: Vec<&str> =
            html.select(&sel("script")).map(|s| s.value().attr("src").unwrap_or("")).collect();
        if path == "tim-kiem/index.html" {
            assert_eq!(scripts, ["../search/index.js", "../static/search.js"], "{path}");
            assert!(html.select(&sel("script")).all(|s| s.inner_html().trim().is_empty()), "{path}");
        } else {
            assert_eq!(scripts.len(), 0, "{path} needs no JavaScript");
        }
        let handlers = html
            .root_element()
            .descendants()
            .filter_map(|n| n.value().as_element())
            .any(|e| e.attrs().any(|(name, _)| name.starts_with("on")));
        assert!(!handlers, "{path} has an inline event handler");
        assert!(html.select(&sel("nav.menu a")).count() >= 8, "{path} has the menu");
        assert!(html.select(&sel("meta[name=viewport]")).next().is_some(), "{path}");
    }
    let css = text(site(), "static/style.css");
    assert!(!css.contains("@import"), "the stylesheet imports nothing");
    // It loads only the theme's own fonts, from the site itself.
    let urls: Vec<&str> = css.split("url(").skip(1).map(|u| &u[..u.find(')').unwrap()]).collect();
    assert_eq!(urls.len(), 4, "{urls:?}");
    for u in urls {
        let file = u.trim_matches('"');
        assert!(file.starts_with("fonts/") && file.ends_with(".woff2"), "{u}");
        assert!(site().contains_key(&format!("static/{file}")), "{file} is in the build");
    }
    assert!(
        site().contains_key("static/fonts/LICENSE-LiberationSerif.txt"),
        "the font's licence ships with it"
    );
    assert!(css.contains("@media print") && css.contains("size: A4"));
}

#[test]
fn no_restricted_text_anywhere_in_the_default_build() {
    for needle in RESTRICTED_TEXT.iter().copied().chain([&*format!("bao-cao/{RESTRICTED_VISIT}")]) {
        assert_eq!(files_containing(site(), needle), Vec::<String>::new(), "{needle}");
    }
    // The full build has them, so the needles are real.
    assert!(!files_containing(full(), "KIẾN-NGHỊ-MẬT").is_empty());
    let page = doc(full(), &format!("bao-cao/{RESTRICTED_VISIT}/index.html"));
    assert!(main_text(&page).contains("NỘI-DUNG-MẬT-XI-MĂNG"));
    assert!(main_text(&doc(full(), "tong-hop/index.html")).contains("KIẾN-NGHỊ-MẬT"));
}

#[test]
fn home_shows_the_plan_at_a_glance() {
    let home = doc(site(), "index.html");
    let t = main_text(&home);
    assert!(t.contains("Kế hoạch dự sinh hoạt chi bộ, sinh hoạt cấp ủy năm 2024"));
    assert!(t.contains("Ban Thường vụ Đảng ủy Khối"));
    assert!(t.contains("Còn 174 ngày"), "2024-05-20 → 2024-11-10: {t}");
    assert!(t.contains("8 / 15 cuộc đã có báo cáo (53%)"), "{t}");
    assert!(t.contains("3 cuộc quá hạn"), "{t}");
    assert_eq!(home.select(&sel(".bar span")).count(), 1);
    // This month's visits: the six of 2024-05.
    assert_eq!(home.select(&sel("table.visits tbody tr")).count(), 6);
}

#[test]
fn plan_page_is_the_official_document() {
    let plan = doc(site(), "ke-hoach/index.html");
    let issuer = texts(&plan, ".doc-issuer").join(" ");
    let motto = texts(&plan, ".doc-motto").join(" ");
    // A Ban Thường vụ's document carries the name of its cấp ủy as the issuing body (in bold);
    // the Ban Thường vụ signs on behalf ("T/M Ban Thường vụ").
    assert!(issuer.contains("Số 123-KH/ĐUK"), "{issuer}");
    assert_eq!(
        texts(&plan, ".doc-issuer p.strong"),
        vec!["Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh Lào Cai"]
    );
    assert_eq!(texts(&plan, ".doc-signer p.strong").first().unwrap(), "T/M Ban Thường vụ");
    assert_eq!(motto, "ĐẢNG CỘNG SẢN VIỆT NAM Lào Cai, ngày 05 tháng 02 năm 2024");
    assert_eq!(texts(&plan, "h1.doc-title"), vec!["Kế hoạch dự sinh hoạt chi bộ, sinh hoạt cấp ủy năm 2024"]);
    assert!(texts(&plan, ".doc-body h2").contains(&"I. MỤC ĐÍCH, YÊU CẦU".to_string()));
    assert_eq!(texts(&plan, ".doc-signer p.strong").last().unwrap(), "Nguyễn Hữu Long");
    assert_eq!(
        texts(&plan, ".doc-recipients li"),
        vec!["Ban Tổ chức Tỉnh ủy,", "Các chi bộ, đảng bộ cơ sở,", "Lưu BTC, VPĐUK."]
    );
}

#[test]
fn team_page_lists_members_visits_and_figures() {
    let team = doc(site(), "to-cong-tac/to-1/index.html");
    assert_eq!(texts(&team, "ul.people li strong"), vec!["Nguyễn Văn An", "Trần Thị Bình"], "leader first");
    assert!(texts(&team, "ul.people li").first().unwrap().contains("Tổ trưởng"));
    let rows = team.select(&sel("table.visits tbody tr")).count();
    assert_eq!(rows, 6);
    let statuses = texts(&team, "table.visits .st");
    assert_eq!(statuses.iter().filter(|s| *s == "Đã báo cáo").count(), 4);
    assert_eq!(statuses.iter().filter(|s| *s == "Chờ báo cáo").count(), 1);
    assert_eq!(statuses.iter().filter(|s| *s == "Sắp tới").count(), 1);
    // Reports #1, #2, #4 are linked; #3 is restricted: reported, but no link.
    assert_eq!(texts(&team, "table.visits a[href*='bao-cao/']").len(), 3);
    let restricted_row = texts(&team, &format!("tr#{RESTRICTED_VISIT}")).join(" ");
    assert!(
        restricted_row.contains("Đã báo cáo") && !restricted_row.contains("Xem báo cáo"),
        "{restricted_row}"
    );
    let undated = texts(&team, "tr#to-1-2024-05-chi-bo").join(" ");
    assert!(undated.contains("chưa xác định"), "{undated}");
    assert!(texts(&team, "tr#to-1-2024-03-dang-uy").join(" ").contains("Thứ Năm, 14/03/2024, 14:00"));
    let figures = texts(&team, "#ket-qua ~ .figures dd, .figures dd");
    assert_eq!(figures[1], "4 (66%)", "{figures:?}");
    // Team 2: the cancelled visit and an overdue one.
    let t2 = main_text(&doc(site(), "to-cong-tac/to-2/index.html"));
    assert!(t2.contains("Đã hủy") && t2.contains("Quá hạn"), "{t2}");
}

#[test]
fn units_are_grouped_and_sorted_the_vietnamese_way() {
    let units = doc(site(), "don-vi/index.html");
    let dang_bo: Vec<String> = texts(&units, "#dang-bo ~ ul.units > li > a");
    assert_eq!(dang_bo, vec!["Đảng bộ Công ty Cổ phần Xi măng Lào Cai", "Đảng bộ Công ty Điện lực Lào Cai"]);
    let cells = texts(&units, "ul.units > li > ul > li > a");
    assert_eq!(cells, vec!["Chi bộ Phân xưởng Sản xuất", "Chi bộ Phòng Kinh doanh", "Chi bộ Phòng Kỹ thuật"]);
    let chi_bo = texts(&units, "#chi-bo ~ ul.units > li > a");
    assert_eq!(chi_bo, vec!["Chi bộ Kho bạc Nhà nước tỉnh", "Chi bộ Ngân hàng Nhà nước Chi nhánh tỉnh"]);
}

#[test]
fn unit_page_tells_the_secretary_who_comes_when() {
    let unit = doc(site(), "don-vi/cb-kho-bac/index.html");
    let notice = texts(&unit, ".notice").join(" ");
    assert!(notice.contains("Tổ công tác số 1"), "{notice}");
    assert!(notice.contains("Nguyễn Văn An"), "{notice}");
    assert!(notice.contains("chưa xác định"), "{notice}");
    assert!(main_text(&unit).contains("Chưa có báo cáo được công bố."));
    let cell = main_text(&doc(site(), "don-vi/cb-dl-ky-thuat/index.html"));
    assert!(cell.contains("Trực thuộc Đảng bộ Công ty Điện lực Lào Cai"), "{cell}");
    assert!(cell.contains("đảng ủy viên cùng dự"), "{cell}");
    let db = doc(site(), "don-vi/db-dien-luc/index.html");
    assert_eq!(texts(&db, "#bao-cao ~ ul li").len(), 1, "one published report on db-dien-luc (#1)");
}

#[test]
fn month_calendar_grid_and_undated_visits() {
    let may = doc(site(), "lich/2024-05/index.html");
    assert_eq!(
        texts(&may, ".month-grid thead th"),
        vec!["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
    );
    // 1 May 2024 is a Wednesday: the first row starts with two days of April.
    let first_row: Vec<String> = texts(&may, ".month-grid tbody tr:first-child td");
    assert_eq!(first_row[0], "");
    assert!(first_row[2].starts_with('1'), "{first_row:?}");
    let today = texts(&may, "td.today").join(" ");
    assert!(today.contains("20/05/2024") && today.contains("ngày tính số liệu"), "{today}");
    assert!(today.contains("Tổ công tác số 3"), "#16 is on as_of: {today}");
    // #10 belongs to April but is dated 3 May: it shows on its day.
    let events = texts(&may, "td.has .ev").join(" | ");
    assert!(events.contains("Chi bộ Kho bạc Nhà nước tỉnh"), "{events}");
    let undated = texts(&may, "#chua-xac-dinh ~ .table-wrap tbody tr");
    assert_eq!(undated.len(), 2, "#6 and #11: {undated:?}");
    assert!(texts(&may, ".pager a[rel=prev]").join("").contains("Tháng 4/2024"));
    assert!(texts(&may, ".pager a[rel=next]").is_empty());
    let year = doc(site(), "lich/index.html");
    assert_eq!(texts(&year, ".mini h2"), vec!["Tháng 3/2024", "Tháng 4/2024", "Tháng 5/2024"]);
}

#[test]
fn reports_by_month_and_team_and_a_report_page() {
    let idx = doc(site(), "bao-cao/index.html");
    let by_team: Vec<usize> =
        idx.select(&sel("#theo-to ~ ul.reports")).map(|ul| ul.select(&sel("li")).count()).collect();
    assert_eq!(by_team, vec![3, 2, 2]);
    let report = doc(site(), "bao-cao/to-1-2024-03-chi-bo/index.html");
    let facts = texts(&report, ".facts").join(" ");
    assert!(facts.contains("Thứ Hai, 25/03/2024"), "{facts}");
    assert!(facts.contains("10/04/2024, hạn 04/04/2024: Chậm"), "{facts}");
    assert!(texts(&report, ".prose h2").contains(&"Đề xuất, kiến nghị".to_string()));
}

#[test]
fn dashboard_has_the_figures_of_summary_json() {
    let dash = doc(site(), "theo-doi/index.html");
    let summary: serde_json::Value = serde_json::from_str(&text(site(), "data/summary.json")).unwrap();
    let t = main_text(&dash);
    assert!(t.contains("Số liệu tính đến Thứ Hai, 20/05/2024"), "{t}");
    let dd = texts(&dash, "#so-lieu ~ .figures dd, .figures dd");
    assert_eq!(dd[0], summary["planned"].to_string());
    assert!(dd[1].starts_with(&summary["reported"].to_string()));
    assert_eq!(dd[5], summary["overdue"].to_string());
    assert_eq!(dd[10], format!("{}/{}", summary["units_visited"], summary["units_total"]));
    // Matrix: a row per team, a column per month, status as text.
    assert_eq!(dash.select(&sel("table.matrix tbody tr")).count(), 3);
    let to3_april = texts(&dash, "table.matrix tbody tr:nth-child(3) td:nth-of-type(2) .st");
    assert_eq!(to3_april, vec!["ĐU Thiếu 1", "CB Thiếu 1"], "to-3 has no visit in April");
    let to2_may = texts(&dash, "table.matrix tbody tr:nth-child(2) td:nth-of-type(3) .st");
    assert_eq!(to2_may, vec!["ĐU Đã hủy", "ĐU Thiếu 1", "CB Sắp tới"]);
    // The abbreviations are explained beside the matrix.
    let legend = texts(&dash, "#bang ~ .legend").join(" ");
    assert!(
        legend.contains("ĐU : dự họp đảng ủy cơ sở") && legend.contains("CB : dự sinh hoạt chi bộ"),
        "{legend}"
    );
    assert_eq!(dash.select(&sel("#qua-han ~ .table-wrap tbody tr")).count(), 3);
    assert_eq!(texts(&dash, "#thieu-lich ~ ul li").len(), 3);
    let findings = dash.select(&sel("ul.findings li")).count();
    assert_eq!(findings, 6);
    assert_eq!(dash.select(&sel("ul.findings li a")).count(), 6, "every finding links to its subject");
    assert_eq!(texts(&dash, "#chua-du ~ ul li a"), vec!["Chi bộ Kho bạc Nhà nước tỉnh"]);
    let full = doc(full(), "theo-doi/index.html");
    assert_eq!(full.select(&sel("ul.findings li")).count(), 7);
}

#[test]
fn synthesis_gathers_the_teams_proposals_by_whom_they_address() {
    let s = doc(site(), "tong-hop/index.html");
    let h2 = texts(&s, "h2");
    assert!(h2.contains(&"3. Đề xuất, kiến nghị của các tổ công tác".to_string()), "{h2:?}");
    // Every published report proposes the same thing to the Đảng ủy Khối: one proposal, in
    // the group of the bodies above, with its seven reports.
    assert_eq!(
        texts(&s, "section.proposals h3"),
        ["Kiến nghị với Ban Thường vụ Đảng ủy Khối và các cơ quan cấp trên"]
    );
    let items = texts(&s, "section.proposals li");
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(
        items[0].starts_with("Đề nghị Đảng ủy Khối tiếp tục hướng dẫn sinh hoạt chuyên đề."),
        "{items:?}"
    );
    assert_eq!(s.select(&sel("section.proposals li .source a")).count(), 7);
    // The source in words: team, unit (a cell with its đảng bộ), date; the link word is
    // for the screen only.
    assert!(
        items[0].contains("Tổ công tác số 1, Chi bộ Phòng Kỹ thuật – Đảng bộ Công ty Điện lực Lào Cai,"),
        "{items:?}"
    );
    assert_eq!(s.select(&sel(".source .screen-only a")).count(), 7);
    let ratings: Vec<String> = texts(&s, "h2 + p + .table-wrap tbody tr");
    assert_eq!(ratings.len(), 4, "{ratings:?}");
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let f = build(VALID, &["--base-url", "https://intranet.example.vn/sinhhoat/"]);
    let team = text(&f, "to-cong-tac/to-1/index.html");
    assert!(team.contains(
        "<link rel=\"canonical\" href=\"https://intranet.example.vn/sinhhoat/to-cong-tac/to-1/\">"
    ));
    assert!(text(&f, "404.html").contains("href=\"https://intranet.example.vn/sinhhoat/static/style.css\""));
    assert!(text(&f, "data/visits.json").contains("https://intranet.example.vn/sinhhoat/bao-cao/"));
    assert_eq!(broken_links(&f, "https://intranet.example.vn/sinhhoat/"), Vec::<(String, String)>::new());
}
