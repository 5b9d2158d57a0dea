//! Unit tests of the page contexts with the embedded theme, on a site built in code.

use super::*;
use crate::theme;

fn opts(include_restricted: bool) -> RenderOptions {
    RenderOptions { include_restricted, base_url: "/sinhhoat/".into() }
}

/// Render every page except the dashboard (which needs `Judgement::summary`).
fn render(include_restricted: bool) -> Vec<(String, String)> {
    let (site, j) = test_site::site();
    let engine = engine::Engine::new(&theme::embedded()).unwrap();
    let view = View::new(&site, &j, include_restricted);
    let o = opts(include_restricted);
    let mut all = vec![
        pages_main::home(&view),
        pages_main::plan(&view),
        pages_main::teams(&view),
        pages_main::units(&view),
        pages_calendar::year(&view),
        pages_reports::index(&view),
        pages_reports::synthesis(&view),
        pages_main::not_found(&o.base_url),
    ];
    all.extend(site.teams.iter().map(|t| pages_main::team(&view, t)));
    all.extend(site.units.iter().map(|u| pages_main::unit(&view, u)));
    all.extend(view.months().into_iter().map(|m| pages_calendar::month(&view, m)));
    all.extend(view.reported().into_iter().map(|(i, v, r)| pages_reports::report(&view, i, v, r)));
    all.extend(view.pages.iter().map(|p| pages_main::page(&view, p)));
    all.into_iter()
        .map(|mut p| {
            common(&view, &mut p, &o);
            let html = engine.render(p.template, &p.ctx).unwrap_or_else(|d| panic!("{}", diag::render(&d, &engine.sources)));
            (p.path, html)
        })
        .collect()
}

use crate::diag;

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
        for secret in ["BÍ MẬT NỘI BỘ XYZ", "MẬT ASD", "NHÁP QWE", "Trang mật", "Bản nháp", "to-1-2024-03-chi-bo/index.html"] {
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
