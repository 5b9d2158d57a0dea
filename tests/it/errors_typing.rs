//! What office staff type: the YAML mistakes they make are named at their cause, in
//! Vietnamese, in rustc's form; the forms they naturally write are read; files saved by
//! Windows or macOS editors read as if plain. Each case edits a copy of the minimal site
//! and runs `kehoach check` as a person would.

use crate::support::kehoach;
use kehoach::derive::testkit::{SiteFiles, files::fixtures, fixture};
use std::path::{Path, PathBuf};

fn minimal() -> SiteFiles {
    fixture("minimal")
}

/// `tests/fixtures/minimal`, checked where it is.
fn minimal_root() -> PathBuf {
    fixtures().join("minimal")
}

/// `kehoach check` on the site: (exit status, stdout, stderr).
fn check(root: &Path, lang: Option<&str>) -> (i32, String, String) {
    let mut c = kehoach();
    c.args(["check", "--root"]).arg(root).env_remove("KEHOACH_LANG");
    if let Some(l) = lang {
        c.env("KEHOACH_LANG", l);
    }
    let o = c.output().unwrap();
    let s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (o.status.code().unwrap_or(-1), s(&o.stdout), s(&o.stderr))
}

/// `check`'s stderr on `site`, after asserting that it failed.
fn fails(site: SiteFiles) -> String {
    let dir = site.write();
    let (code, _, err) = check(dir.path(), None);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn a_comma_inside_braces_ends_the_value_and_the_quoted_form_is_shown() {
    let err = fails(minimal().replace(
        "content/teams.yaml",
        "title: Ủy viên Ban Thường vụ Đảng ủy Khối }",
        "title: Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra }",
    ));
    assert_eq!(
        err,
        "lỗi: dấu phẩy kết thúc giá trị của `title` ở đây
 --> content/teams.yaml:9:63
  |
9 |   leader: { name: Lê Văn Cường, title: Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra }
  |                                                               ^^^^^^^^^^^^^^^^^^^^^^^^^ phần sau dấu phẩy bị đọc thành một khóa
  |
  = gợi ý: trong `{ … }` dấu phẩy ngăn cách các khóa; đặt giá trị trong ngoặc kép: `title: \"Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra\"`

lỗi: nội dung có 1 lỗi; chưa dựng gì
"
    );
}

#[test]
fn an_unclosed_bracket_is_pointed_at_with_the_parser_place_as_a_note() {
    let err = fails(minimal().replace(
        "content/teams.yaml",
        "title: Phó Bí thư Thường trực Đảng ủy Khối }",
        "title: Phó Bí thư Thường trực Đảng ủy Khối",
    ));
    assert_eq!(
        err,
        "lỗi: dấu `{` mở ở đây không được đóng
 --> content/teams.yaml:3:11
  |
3 |   leader: { name: Nguyễn Văn An, title: Phó Bí thư Thường trực Đảng ủy Khối
  |           ^ mở ở đây, thiếu dấu đóng `}`
  |
  = gợi ý: thêm `}` ở cuối giá trị (trên cùng dòng)
  = ghi chú: trình đọc YAML dừng ở dòng 4, cột 10: while parsing a flow mapping, did not find expected ',' or '}'

lỗi: nội dung có 1 lỗi; chưa dựng gì
"
    );
    let err = fails(minimal().replace(
        "content/units.yaml",
        "{ id: cb-dl-ky-thuat, name: Chi bộ Phòng Kỹ thuật, members: 18 }",
        "{ id: cb-dl-ky-thuat, name: \"Chi bộ Phòng Kỹ thuật, members: 18 }",
    ));
    assert!(
        err.starts_with("lỗi: dấu `\"` mở ở đây không được đóng\n --> content/units.yaml:8:35\n"),
        "{err}"
    );
}

#[test]
fn a_tab_used_for_indentation_is_named_on_its_own_line() {
    let err =
        fails(minimal().replace("content/schedule.yaml", "\n  unit: db-dien-luc", "\n\tunit: db-dien-luc"));
    assert!(err.starts_with("lỗi: dùng phím Tab để thụt lề\n --> content/schedule.yaml:3:1\n"), "{err}");
    assert!(err.contains("= gợi ý: YAML chỉ thụt lề bằng dấu cách"), "{err}");
}

#[test]
fn look_alike_spaces_and_colons_are_named_with_their_column() {
    let err = fails(minimal().replace(
        "content/schedule.yaml",
        "\n  unit: db-dien-luc",
        "\n  unit\u{ff1a} db-dien-luc",
    ));
    assert!(
        err.starts_with(
            "lỗi: ký tự lạ ở cột 7: dấu hai chấm toàn độ rộng `：` (U+FF1A)\n --> content/schedule.yaml:3:7\n"
        ),
        "{err}"
    );
    let err = fails(minimal().replace(
        "content/schedule.yaml",
        "\n  unit: db-dien-luc",
        "\n\u{a0} unit: db-dien-luc",
    ));
    assert!(err.starts_with("lỗi: ký tự lạ ở cột 1: dấu cách không ngắt dòng (U+00A0)\n"), "{err}");
}

#[test]
fn no_space_after_a_colon_and_a_second_document_are_named() {
    let err = fails(minimal().replace("content/schedule.yaml", "  date: 2024-03-25", "  date:2024-03-25"));
    assert!(err.contains("lỗi: thiếu dấu cách sau dấu hai chấm\n"), "{err}");
    assert!(err.contains("= gợi ý: viết `date: 2024-03-25`"), "{err}");
    let err = fails(minimal().replace("content/schedule.yaml", "- team: to-2", "---\n- team: to-2"));
    assert!(
        err.starts_with(
            "lỗi: dòng `---` bắt đầu một tài liệu YAML thứ hai\n  --> content/schedule.yaml:13:1\n"
        ),
        "{err}"
    );
    assert!(!err.contains("from_str_multiple"), "{err}");
}

#[test]
fn impossible_dates_months_and_marked_ids_say_what_to_write() {
    let err = fails(minimal().replace("content/schedule.yaml", "date: 2024-03-25", "date: 2024-02-30"));
    assert!(err.contains("lỗi: ngày không hợp lệ `2024-02-30`"), "{err}");
    assert!(err.contains("= gợi ý: tháng 2 năm 2024 có 29 ngày"), "{err}");
    let err = fails(minimal().replace("content/schedule.yaml", "month: 2024-04", "month: 2024-13"));
    assert!(err.contains("= gợi ý: tháng phải từ 01 đến 12 (ở đây là 13)"), "{err}");
    let err = fails(minimal().replace("content/teams.yaml", "- id: to-2", "- id: tổ-2"));
    assert!(err.contains("lỗi: mã (id) không hợp lệ `tổ-2`"), "{err}");
    assert!(err.contains("= gợi ý: viết là `to-2`"), "{err}");
}

#[test]
fn a_duplicated_team_comes_before_what_it_breaks() {
    let err = fails(minimal().replace("content/teams.yaml", "- id: to-2", "- id: to-1"));
    let first = err.find("lỗi: mã tổ công tác `to-1` bị trùng").expect(&err);
    let then = err.find("lỗi: không có tổ công tác mã `to-2`").expect(&err);
    assert!(first < then, "{err}");
    assert_eq!(err.matches("không có tổ công tác mã `to-2`").count(), 1, "one error, not one per use: {err}");
    assert!(err.contains("ghi chú: content/teams.yaml có mã tổ công tác bị trùng"), "{err}");
}

#[test]
fn an_empty_teams_file_is_the_one_error() {
    let err = fails(minimal().with_file("content/teams.yaml", ""));
    assert!(
        err.starts_with(
            "lỗi: content/teams.yaml không khai báo tổ công tác nào\n --> content/teams.yaml:1:1\n"
        ),
        "{err}"
    );
    assert!(err.contains("ghi chú: vì vậy 3 chỗ tham chiếu tổ công tác không tìm thấy mã"), "{err}");
    assert!(err.ends_with("lỗi: nội dung có 1 lỗi; chưa dựng gì\n"), "{err}");
}

#[test]
fn the_forms_people_type_are_read() {
    let (schedule, report) = ("content/schedule.yaml", "content/reports/2024-03/to-1-2024-03-chi-bo.md");
    let dir = minimal()
        .replace(schedule, "kind: dang_uy", "kind: Đảng ủy")
        .replace(schedule, "date: 2024-03-14", "date: 14/03/2024")
        .replace(schedule, "time: \"14:00\"", "time: 14h00")
        .replace(schedule, "status: cancelled", "status: đã hủy")
        .replace(report, "meeting: dinh_ky", "meeting: Định kỳ")
        .replace(report, "rating: tot", "rating: Tốt")
        .replace(report, "started_at: \"14:00\"", "started_at: 14h")
        .write();
    let (code, out, err) = check(dir.path(), None);
    assert_eq!(code, 0, "{err}");
    let (code0, out0, _) = check(&minimal_root(), None);
    assert_eq!((code, out), (code0, out0), "read as the canonical forms");
}

#[test]
fn files_from_windows_and_macos_read_as_plain() {
    let site = minimal();
    // teams.yaml: a byte-order mark, CRLF line ends, the names decomposed (NFD).
    let teams = site.text("content/teams.yaml");
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd(teams.as_str()).collect();
    assert_ne!(nfd, teams);
    // units.yaml: UTF-16 (old Notepad's "Unicode"), little-endian with its mark.
    let units = site.text("content/units.yaml");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(units.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = site
        .with_file("content/teams.yaml", format!("\u{feff}{}", nfd.replace('\n', "\r\n")))
        .with_file("content/units.yaml", bytes)
        .write();
    let (code, out, err) = check(dir.path(), None);
    assert_eq!(code, 0, "{err}");
    let (_, out0, _) = check(&minimal_root(), None);
    assert_eq!(out, out0);
    let loaded = kehoach::build::load(dir.path()).unwrap_or_else(|f| panic!("{}", f.render()));
    assert_eq!(loaded.site.teams[1].leader.name, "Lê Văn Cường", "NFC, as typed on Windows");
}

#[test]
fn check_names_each_gap_and_english_is_a_setting_away() {
    let (code, out, err) = check(&minimal_root(), None);
    assert_eq!(code, 0);
    assert!(out.starts_with("ổn: 0 lỗi, 0 điểm cần lưu ý, 6 chỗ thiếu trong lịch;"), "{out}");
    assert_eq!(err.matches("chỗ thiếu: ").count(), 6, "{err}");
    assert!(
        err.contains(
            "chỗ thiếu: Tổ công tác số 2, tháng 03/2024: cần 1 chuyến dự sinh hoạt chi bộ, lịch có 0"
        ),
        "{err}"
    );
    let (_, out, _) = check(&minimal_root(), Some("en"));
    assert!(out.starts_with("ok: 0 errors, 0 findings, 6 gaps in the schedule;"), "{out}");
    let err = {
        let dir = minimal().replace("content/schedule.yaml", "date: 2024-03-25", "date: 2024-02-30").write();
        check(dir.path(), Some("en")).2
    };
    assert!(err.starts_with("error: invalid date `2024-02-30`\n"), "{err}");
    assert!(err.contains("= help: February 2024 has 29 days"), "{err}");
    assert!(err.ends_with("error: the content has 1 error; nothing was built\n"), "{err}");
}

#[test]
fn a_key_with_a_look_alike_space_is_one_error_naming_it() {
    let err = fails(minimal().replace(
        "content/schedule.yaml",
        "\n  unit: db-dien-luc",
        "\n  unit\u{a0}: db-dien-luc",
    ));
    assert_eq!(
        err,
        "lỗi: ký tự lạ ở cột 7: dấu cách không ngắt dòng (U+00A0)
 --> content/schedule.yaml:3:7
  |
3 |   unit\u{a0}: db-dien-luc
  |       ^ trông như dấu cách nhưng YAML không đọc là dấu cách
  |
  = gợi ý: xóa ký tự này và gõ lại một dấu cách thường

lỗi: nội dung có 1 lỗi; chưa dựng gì
"
    );
}
