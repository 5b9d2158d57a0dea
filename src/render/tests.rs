//! Unit tests of the page contexts with the embedded theme, on a site built in code.

use super::*;
use crate::derive::testkit::render_site as test_site;
use crate::theme;

fn opts(include_restricted: bool) -> RenderOptions {
    RenderOptions { include_restricted, base_url: "/sinhhoat/".into(), git: None, plan: None }
}

/// Render every page of the test site; (path, html) of the HTML files.
fn render(include_restricted: bool) -> Vec<(String, String)> {
    let (site, j) = test_site::site();
    match site_files(&site, &j, &theme::embedded(), &opts(include_restricted)) {
        Ok(files) => files
            .into_iter()
            .filter(|f| f.path.ends_with(".html"))
            .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
            .collect(),
        Err((errors, sources)) => {
            panic!("{}", errors.iter().map(|d| crate::diag::render(d, &sources)).collect::<String>())
        }
    }
}

fn page<'a>(pages: &'a [(String, String)], path: &str) -> &'a str {
    &pages.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("no page {path}")).1
}

#[test]
fn every_page_is_vietnamese_and_links_relatively() {
    let pages = render(false);
    for (path, html) in &pages {
        assert!(html.contains("<html lang=\"vi\">"), "{path}");
        assert!(!html.contains("href=\"/") || path == "404.html", "absolute link in {path}");
        assert!(!html.contains("http://") && !html.contains("https://"), "external address in {path}");
    }
    let team = page(&pages, "to-cong-tac/to-1/index.html");
    assert!(team.contains("href=\"../../static/style.css\""));
    assert!(team.contains("href=\"../../don-vi/db-dien-luc/index.html\""));
    let home = page(&pages, "index.html");
    assert!(home.contains("href=\"static/style.css\""));
    assert!(page(&pages, "404.html").contains("href=\"/sinhhoat/static/style.css\""));
}

#[test]
fn restricted_and_drafts_are_withheld_by_default() {
    let pages = render(false);
    assert!(!pages.iter().any(|(p, _)| p == "bao-cao/to-1-2024-03-chi-bo/index.html"));
    assert!(!pages.iter().any(|(p, _)| p.starts_with("trang/mat") || p.starts_with("trang/nhap")));
    for (path, html) in &pages {
        for secret in [
            "BÍ MẬT NỘI BỘ XYZ",
            "MẬT ASD",
            "NHÁP QWE",
            "Trang mật",
            "Bản nháp",
            "to-1-2024-03-chi-bo/index.html",
        ] {
            assert!(!html.contains(secret), "{secret} in {path}");
        }
    }
    // The visit still shows as reported, without a link.
    let team = page(&pages, "to-cong-tac/to-1/index.html");
    assert!(team.contains("id=\"to-1-2024-03-chi-bo\""));
    let full = render(true);
    assert!(page(&full, "bao-cao/to-1-2024-03-chi-bo/index.html").contains("BÍ MẬT NỘI BỘ XYZ"));
    assert!(page(&full, "tong-hop/index.html").contains("BÍ MẬT NỘI BỘ XYZ"));
    assert!(page(&full, "trang/mat/index.html").contains("MẬT ASD"));
    assert!(!full.iter().any(|(p, _)| p.starts_with("trang/nhap")));
}

#[test]
fn plan_is_laid_out_as_the_document() {
    let pages = render(false);
    let plan = page(&pages, "ke-hoach/index.html");
    assert!(plan.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(plan.contains("Lào Cai, ngày 05 tháng 02 năm 2024"));
    assert!(plan.contains("Số 123-KH/ĐUK"));
    assert!(plan.contains("Nơi nhận:"));
    assert!(!plan.contains("<script>"), "markdown is sanitised");
}

#[test]
fn units_are_grouped_and_in_vietnamese_order() {
    let pages = render(false);
    let units = page(&pages, "don-vi/index.html");
    let a = units.find("Chi bộ Ăn uống").unwrap();
    let n = units.find("Chi bộ Ngân hàng Nhà nước").unwrap();
    let db = units.find("Đảng bộ Công ty Điện lực").unwrap();
    let cell = units.find("Chi bộ Phòng Kỹ thuật").unwrap();
    assert!(db < cell && cell < a && a < n, "đảng bộ with its cells, then chi bộ cơ sở A→Z");
    let unit = page(&pages, "don-vi/cb-ngan-hang/index.html");
    assert!(unit.contains("href=\"../../trang/huong-dan/index.html\""), "guidance link");
    assert!(unit.contains("chưa xác định"));
}

#[test]
fn month_grid_starts_on_monday_and_lists_undated() {
    let pages = render(false);
    let m = page(&pages, "lich/2024-03/index.html");
    let heads: Vec<_> = ["Thứ Hai", "Thứ Ba", "Chủ nhật"].iter().map(|d| m.find(d).unwrap()).collect();
    assert!(heads[0] < heads[1] && heads[1] < heads[2]);
    assert!(m.contains("Thứ Năm, 14/03/2024"));
    assert!(m.contains("href=\"../../lich/2024-04/index.html\""), "next month");
    let undated = &m[m.find("Chưa xác định ngày").unwrap()..];
    assert!(undated.contains("Chi bộ Ngân hàng Nhà nước"));
    let april = page(&pages, "lich/2024-04/index.html");
    assert!(april.contains("ngày tính số liệu"), "as_of is marked");
}

#[test]
fn synthesis_gathers_proposals_of_published_reports() {
    let pages = render(false);
    let s = page(&pages, "tong-hop/index.html");
    assert!(s.contains("Đề nghị tăng cường kiểm tra."));
    assert!(!s.contains("Nội dung\nTốt"));
}

#[test]
fn dashboard_states_as_of_and_withholds_restricted_findings() {
    let pages = render(false);
    let dash = page(&pages, "theo-doi/index.html");
    assert!(dash.contains("Thứ Bảy, 20/04/2024"));
    // The overdue visit of to-2 is listed with its status as text.
    assert!(dash.contains(r#"<abbr class="k" title="Chi bộ">CB</abbr> Quá hạn"#), "matrix cell text");
    assert!(dash.contains(r#"<abbr class="k" title="Đảng ủy">ĐU</abbr> Thiếu 1"#), "gap in the matrix");
    // A restricted report on a chi bộ trực thuộc without accompanied_by: finding withheld.
    let (site, j) = test_site::site();
    assert!(j.findings.iter().any(|f| f.restricted), "the test site has a restricted finding");
    for f in j.findings.iter().filter(|f| f.restricted) {
        assert!(!dash.contains(&f.message), "{}", f.message);
    }
    let full = render(true);
    let dash = page(&full, "theo-doi/index.html");
    assert!(j.findings.iter().all(|f| dash.contains(&f.message)));
    let _ = site;
}

#[test]
fn home_counts_days_to_the_deadline_either_side() {
    let (site, _) = test_site::site();
    let home = |as_of| {
        let j = crate::derive::judge(&site, as_of);
        let files = site_files(&site, &j, &theme::embedded(), &opts(false)).ok().unwrap();
        String::from_utf8(files.into_iter().find(|f| f.path == "index.html").unwrap().bytes).unwrap()
    };
    assert!(home(test_site::d(2024, 11, 1)).contains("Còn 9 ngày"));
    assert!(home(test_site::d(2024, 11, 10)).contains("Hôm nay là hạn hoàn thành"));
    assert!(home(test_site::d(2024, 11, 13)).contains("Đã quá hạn hoàn thành 3 ngày"));
}
