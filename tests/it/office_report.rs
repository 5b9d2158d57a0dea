//! `kehoach import report`: a team's Word report, made as Word makes one (a Party head
//! table, a table of facts, Heading styles and bold numbered headings typed by hand,
//! bulleted and numbered lists, a table, an image, a footnote), becomes a report that
//! `kehoach check` accepts; files that are not .docx get a clear error.

use crate::support::{kehoach, stderr, zip_bomb};
use kehoach::derive::testkit::fixture;
use std::io::Write;
use std::path::Path;

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, text) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}
fn bold(text: &str) -> String {
    format!("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>")
}
fn styled(style: &str, text: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}
fn item(num: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}
fn row(cells: &[&str]) -> String {
    let cells: String = cells.iter().map(|c| format!("<w:tc>{}</w:tc>", p(c))).collect();
    format!("<w:tr>{cells}</w:tr>")
}

/// A report as a team writes it in Word.
fn word_report() -> Vec<u8> {
    let body = [
        format!("<w:tbl>{}</w:tbl>", row(&["ĐẢNG ỦY KHỐI", "ĐẢNG CỘNG SẢN VIỆT NAM"])),
        styled("Title", "BÁO CÁO KẾT QUẢ DỰ SINH HOẠT CHI BỘ"),
        format!("<w:tbl>{}{}</w:tbl>", row(&["Thời gian", "14 giờ 00 ngày 24/5/2024"]), row(&["Kết thúc", "16 giờ 15"])),
        p("Tổng số đảng viên: 18, có mặt: 15, vắng có lý do: 2, vắng không lý do: 0, miễn sinh hoạt: 1"),
        p("Chủ trì: Đồng chí Hoàng Thị E, Bí thư chi bộ"),
        bold("I. NỘI DUNG SINH HOẠT"),
        "<w:p><w:r><w:t xml:space=\"preserve\">Chi bộ đã </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>thông qua</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\"> nghị quyết tháng</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:br/><w:t>Dòng sau.</w:t></w:r></w:p>".to_string(),
        "<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"x\"><wp:docPr id=\"1\" name=\"a\" descr=\"Toàn cảnh buổi sinh hoạt\"/><a:t xmlns:a=\"y\">ảnh</a:t></wp:inline></w:drawing></w:r></w:p>".to_string(),
        styled("Heading1", "Nhận xét, đánh giá"),
        bold("1. Ưu điểm"),
        item(1, "Chuẩn bị chu đáo"),
        item(1, "Đảng viên phát biểu sôi nổi"),
        bold("2. Hạn chế"),
        item(2, "Còn đọc nghị quyết dài"),
        item(2, "Chưa liên hệ thực tế"),
        format!("<w:tbl>{}{}</w:tbl>", row(&["Nội dung", "Số ý kiến"]), row(&["Tình hình nhiệm vụ", "5"])),
        bold("II. ĐỀ XUẤT, KIẾN NGHỊ"),
        p("Đề nghị Đảng ủy hướng dẫn cách ghi biên bản."),
        "<w:sectPr/>".to_string(),
    ]
    .concat();
    let styles = format!(
        "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style></w:styles>"
    );
    let numbering = format!(
        "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>\
<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>"
    );
    zip(&[
        (
            "word/document.xml",
            format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>"),
        ),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
        (
            "word/footnotes.xml",
            format!(
                "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:t>---</w:t></w:r></w:p></w:footnote>\
<w:footnote w:id=\"1\"><w:p><w:r><w:t>Nghị quyết số 12 của chi bộ.</w:t></w:r></w:p></w:footnote></w:footnotes>"
            ),
        ),
    ])
}

fn import(root: &Path, file: &Path, visit: &str) -> std::process::Output {
    kehoach()
        .args(["import", "report"])
        .arg(file)
        .args(["--visit", visit, "--root"])
        .arg(root)
        .output()
        .unwrap()
}

#[test]
fn a_word_report_becomes_a_report_that_check_accepts() {
    let site = fixture("valid").with_file("bao-cao.docx", word_report()).write();
    let file = site.path().join("bao-cao.docx");
    let o = import(site.path(), &file, "to-1-2024-05-chi-bo");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("lấy từ tài liệu: held_on, started_at, ended_at, attendance.total, attendance.exempt, attendance.present, attendance.excused, attendance.unexcused, chair"), "{out}");
    assert!(out.contains("đã bỏ 1 hình ảnh (giữ lời mô tả nếu có) và giữ 1 chú thích"), "{out}");
    let text =
        std::fs::read_to_string(site.path().join("content/reports/2024-05/to-1-2024-05-chi-bo.md")).unwrap();
    for line in [
        "\nheld_on: 2024-05-24 ",
        "\nstarted_at: \"14:00\" ",
        "\nended_at: \"16:15\" ",
        "\nsubmitted_on: 2024-05-24 ",
        "\nattendance: { total: 18, exempt: 1, present: 15, excused: 2, unexcused: 0 }",
        "\nchair: Đồng chí Hoàng Thị E ",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    let body = text.split("\n---\n").nth(1).unwrap();
    assert!(!body.contains("ĐẢNG CỘNG SẢN"), "the head table is left out: {body}");
    for md in [
        "## BÁO CÁO KẾT QUẢ DỰ SINH HOẠT CHI BỘ",
        "## I. NỘI DUNG SINH HOẠT",
        "Chi bộ đã **thông qua** *nghị quyết tháng* (chú thích: Nghị quyết số 12 của chi bộ.)\\\nDòng sau.",
        "(hình: Toàn cảnh buổi sinh hoạt)",
        "## Nhận xét, đánh giá",
        "### 1. Ưu điểm\n\n- Chuẩn bị chu đáo\n- Đảng viên phát biểu sôi nổi",
        "### 2. Hạn chế\n\n1. Còn đọc nghị quyết dài\n1. Chưa liên hệ thực tế",
        "| Nội dung | Số ý kiến |\n| --- | --- |\n| Tình hình nhiệm vụ | 5 |",
        "## II. ĐỀ XUẤT, KIẾN NGHỊ\n\nĐề nghị Đảng ủy hướng dẫn cách ghi biên bản.",
    ] {
        assert!(body.contains(md), "{md:?} in:\n{body}");
    }
    assert!(!body.contains("\nảnh"), "an image's own text is not the body's");
    // What the document does not state and only the author knows (here the rating) is
    // left blank, as `new report` leaves it: check names it until it is filled in.
    let check = kehoach().args(["check", "--root"]).arg(site.path()).output().unwrap();
    assert!(
        !check.status.success() && stderr(&check).contains("`rating` chưa có giá trị"),
        "{}",
        stderr(&check)
    );
    let path = site.path().join("content/reports/2024-05/to-1-2024-05-chi-bo.md");
    let filled = std::fs::read_to_string(&path).unwrap().replacen("\nrating: ", "\nrating: kha ", 1);
    std::fs::write(&path, filled).unwrap();
    let check = kehoach().args(["check", "--root"]).arg(site.path()).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    // The synthesis gathers its proposals (the heading in capitals is the same section).
    let files = crate::support::build(site.path().to_str().unwrap(), &["--as-of", "2024-06-30"]);
    assert!(
        crate::support::text(&files, "tong-hop/index.html")
            .contains("Đề nghị Đảng ủy hướng dẫn cách ghi biên bản.")
    );
    // Once written, not again.
    let again = import(site.path(), &file, "to-1-2024-05-chi-bo");
    assert!(!again.status.success() && stderr(&again).contains("không ghi đè"), "{}", stderr(&again));
}

#[test]
fn what_is_not_a_docx_gets_a_clear_error_and_no_file() {
    let site = fixture("valid").write();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("cu.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old word".to_vec(), "Word 97-2003"),
        ("scan.docx", b"%PDF-1.5 scanned".to_vec(), "PDF"),
        ("rong.docx", zip(&[("a.txt", "x".into())]), "word/document.xml"),
        ("bom.docx", zip_bomb("word/document.xml", b' '), "quá"),
    ];
    for (name, bytes, want) in cases {
        let file = site.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let o = import(site.path(), &file, "to-1-2024-05-chi-bo");
        assert!(!o.status.success());
        assert!(stderr(&o).contains(want), "{name}: {}", stderr(&o));
    }
    let o = import(site.path(), &site.path().join("cu.doc"), "to-1-2024-5-chi-bo");
    assert!(!o.status.success());
    assert!(!site.path().join("content/reports/2024-05/to-1-2024-05-chi-bo.md").exists());
    let file = site.path().join("ok.docx");
    std::fs::write(&file, word_report()).unwrap();
    let e = stderr(&import(site.path(), &file, "to-1-2024-5-chi-bo"));
    assert!(
        e.contains("không có lượt dự mã `to-1-2024-5-chi-bo`") && e.contains("`to-1-2024-05-chi-bo`"),
        "{e}"
    );
}
