//! What the site's readers see (issue 22, part B), on the bundled sample: findings and the
//! synthesis written for the Standing Committee (no ids, key names or paths), a chi bộ
//! trực thuộc named with its đảng bộ, the plan's annexes, the data files linked and named,
//! the small words.

use crate::support::render::*;
use crate::support::*;
use std::sync::OnceLock;

fn sample() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| build(SAMPLE, &[]))
}

/// Ids of the sample's teams, units and visits as they would show in a text.
fn ids_in(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| {
            (w.starts_with("to-") && w[3..].starts_with(|c: char| c.is_ascii_digit()))
                || w.starts_with("cb-")
                || w.starts_with("db-")
        })
        .map(String::from)
        .collect()
}

#[test]
fn dashboard_findings_name_teams_units_and_months_in_words() {
    let dash = doc(sample(), "theo-doi/index.html");
    let findings = texts(&dash, "ul.findings li");
    assert_eq!(findings.len(), 5, "{findings:?}");
    for f in &findings {
        assert!(f.starts_with("Tổ công tác số "), "{f}");
        for bad in ["`", "accompanied_by", "content/", ".md", ".yaml", "attendance"] {
            assert!(!f.contains(bad), "{bad:?} in {f}");
        }
        assert_eq!(ids_in(f), Vec::<String>::new(), "{f}");
    }
    assert!(
        findings.iter().any(|f| f.contains(
            "Tổ công tác số 2, cuộc dự sinh hoạt chi bộ tháng 4/2024 tại Chi bộ Điện lực Bảo Thắng – Đảng bộ Công ty Điện lực Lào Cai"
        )),
        "{findings:?}"
    );
    // The source place stays for a developer, out of the text.
    let titles: Vec<&str> =
        dash.select(&sel("ul.findings li")).filter_map(|li| li.value().attr("title")).collect();
    assert_eq!(titles.len(), 5);
    assert!(titles.iter().all(|t| t.starts_with("Tệp nguồn: content/")), "{titles:?}");
}

#[test]
fn the_synthesis_speaks_to_the_standing_committee() {
    let s = doc(sample(), "tong-hop/index.html");
    assert_eq!(ids_in(&main_text(&s)), Vec::<String>::new());
    assert!(texts(&s, "h2").contains(&"3. Đề xuất, kiến nghị của các tổ công tác".to_string()));
    // Proposals by whom they address, the Standing Committee's first.
    let groups = texts(&s, "section.proposals h3");
    assert_eq!(groups[0], "Kiến nghị với Ban Thường vụ Đảng ủy Khối và các cơ quan cấp trên", "{groups:?}");
    assert!(groups.contains(&"Đề nghị với đảng ủy cơ sở".to_string()), "{groups:?}");
    assert!(groups.contains(&"Đề nghị với chi bộ".to_string()), "{groups:?}");
    // No filler.
    let items = texts(&s, "section.proposals li");
    assert!(items.len() >= 10, "{items:?}");
    for i in &items {
        let lower = i.to_lowercase();
        assert!(!lower.contains("không có kiến nghị"), "{i}");
        assert!(!lower.starts_with("không.") && !lower.starts_with("chưa có"), "{i}");
    }
    // Every superior proposal names a superior body, every chi bộ proposal a chi bộ.
    for li in texts(&s, "#de-xuat-cap-tren li") {
        let head = li.split(" (Tổ công tác").next().unwrap().to_lowercase();
        assert!(
            ["đảng ủy khối", "ban thường vụ", "ủy ban kiểm tra", "ban tổ chức", "cấp trên"]
                .iter()
                .any(|w| head.contains(w)),
            "{li}"
        );
    }
    // Cells by rating: those to commend (Tốt) and those to remind, each with its report.
    let asks = texts(&s, "section.judged h3");
    assert!(asks[0].starts_with("Đề nghị biểu dương, nhân rộng"), "{asks:?}");
    assert!(asks[1].starts_with("Đề nghị nhắc nhở"), "{asks:?}");
    let good = texts(&s, "#xep-loai-bieu-duong li");
    assert!(!good.is_empty());
    assert!(
        good.iter().all(|g| g.contains("xếp loại Tốt") && g.contains("theo báo cáo của Tổ công tác số ")),
        "{good:?}"
    );
    assert_eq!(s.select(&sel("#xep-loai-bieu-duong li a")).count(), good.len(), "each links its report");
    // Link words are for the screen only: the print stylesheet hides them.
    assert!(s.select(&sel(".source a")).all(|a| {
        a.parent()
            .and_then(|p| p.value().as_element())
            .is_some_and(|e| e.has_class("screen-only", scraper::CaseSensitivity::CaseSensitive))
    }));
    let css = text(sample(), "static/style.css");
    let print = &css[css.find("@media print {").unwrap()..];
    assert!(
        print[..print.find("\n}\n").unwrap()].contains(".screen-only, .menu { display: none; }"),
        "hidden on paper"
    );
}

#[test]
fn a_chi_bo_truc_thuoc_is_named_with_its_dang_bo_in_lists_and_calendars() {
    let cell = "Chi bộ Văn phòng – Đảng bộ Bảo hiểm xã hội tỉnh";
    for page in [
        "lich/2024-03/index.html",
        "to-cong-tac/to-1/index.html",
        "bao-cao/index.html",
        "tong-hop/index.html",
    ] {
        assert!(main_text(&doc(sample(), page)).contains(cell), "{page}");
    }
    let ics = text(sample(), "lich.ics").replace("\r\n ", "");
    assert!(ics.contains(&format!("SUMMARY:Dự sinh hoạt chi bộ: {cell}\r\n")), "the calendar feed too");
    // Where the đảng bộ is already said (under it on the units page), the name alone.
    let units = texts(&doc(sample(), "don-vi/index.html"), ".units li li a");
    assert!(units.contains(&"Chi bộ Văn phòng".to_string()), "{units:?}");
}

#[test]
fn the_small_words() {
    let f = sample();
    for (path, text) in f.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(text);
        for bad in ["dự dự", "phải dự có mặt", "Số ý kiến phát biểu", "0/0 cuộc"] {
            assert!(!html.contains(bad), "{bad:?} in {path}");
        }
    }
    let report = main_text(&doc(f, "bao-cao/to-1-2024-03-chi-bo/index.html"));
    assert!(report.contains("Có mặt ") && report.contains(" đảng viên phải dự ("), "{report}");
    assert!(report.contains("Số đảng viên phát biểu"), "{report}");
    let units = main_text(&doc(f, "don-vi/index.html"));
    assert!(units.contains("chưa có trong lịch"));
    // The report form the guide mentions is linked, and is in the build.
    let form = doc(f, "trang/mau-bao-cao/index.html");
    let href: Vec<&str> = form.select(&sel("main a")).filter_map(|a| a.value().attr("href")).collect();
    assert!(href.contains(&"../../static/mau-bao-cao.txt"), "{href:?}");
    assert!(f.contains_key("static/mau-bao-cao.txt"));
    // Search texts keep their fields apart.
    let index = crate::support::search_text(f);
    assert!(index.contains("Tổ công tác số 1 · "), "fields separated");
}

#[test]
fn the_printed_plan_carries_its_annexes() {
    let plan = doc(sample(), "ke-hoach/index.html");
    assert_eq!(texts(&plan, ".annex .annex-no"), ["Phụ lục 1", "Phụ lục 2"]);
    assert_eq!(
        texts(&plan, ".annex h2"),
        ["Danh sách tổ công tác", "Lịch dự sinh hoạt chi bộ, sinh hoạt cấp ủy"]
    );
    assert_eq!(plan.select(&sel("#phu-luc-to-cong-tac tr.group")).count(), 6, "six teams");
    assert_eq!(plan.select(&sel("#phu-luc-to-cong-tac tbody tr:not(.group)")).count(), 12, "two people each");
    let rows = plan.select(&sel("#phu-luc-lich tbody tr")).count();
    let planned = json(sample(), "data/summary.json")["planned"].as_u64().unwrap() as usize;
    assert_eq!(rows, planned, "every planned (not cancelled) visit");
    let css = text(sample(), "static/style.css");
    assert!(css.contains(".annex { break-before: page;"), "each annex starts a page on paper");
    assert!(
        css.contains("@top-center { content: counter(page);")
            && css.contains("@page :first { @top-center { content: none; } }")
    );
}

#[test]
fn the_data_files_are_linked_and_name_teams_and_units() {
    let f = sample();
    for page in ["index.html", "theo-doi/index.html"] {
        let d = doc(f, page);
        let links: Vec<&str> = d.select(&sel("main a")).filter_map(|a| a.value().attr("href")).collect();
        assert!(links.iter().any(|l| l.ends_with("data/visits.csv")), "{page}");
        assert!(links.iter().any(|l| l.ends_with("data/reports.csv")), "{page}");
    }
    assert!(texts(&doc(f, "theo-doi/index.html"), "h2").contains(&"Tải dữ liệu".to_string()));
    let csv = text(f, "data/visits.csv");
    assert!(csv.contains(
        ",Tổ công tác số 1,Chi bộ Văn phòng – Đảng bộ Bảo hiểm xã hội tỉnh,Dự sinh hoạt chi bộ,Đã báo cáo\r\n"
    ));
    let reports = text(f, "data/reports.csv");
    assert!(reports.lines().next().unwrap().ends_with(",accompanied_by,team_name,unit_name,rating_label"));
}

#[test]
fn the_menu_is_one_line_to_open_on_a_phone() {
    let home = doc(sample(), "index.html");
    assert_eq!(home.select(&sel("nav.menu > details > summary")).count(), 1);
    assert!(home.select(&sel("nav.menu > details[open]")).next().is_none(), "closed until tapped");
    assert!(home.select(&sel("nav.menu details ul a")).count() >= 8);
}
