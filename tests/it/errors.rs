//! Every kind of bad input: `kehoach check` and `kehoach build` exit with status 1, name
//! the file, line and column, quote the bad value and say what was expected, and leave the
//! previous output untouched.
//!
//! Each case is a folder `tests/fixtures/bad/<case>/` holding only the files that differ
//! from `tests/fixtures/minimal/` (and optionally `remove`, a list of paths to delete).

use crate::support::snapshot;
use kehoach::build;
use kehoach::derive::testkit::{files::fixtures, fixture};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The minimal site with the case's files laid over it, in a fresh temporary folder.
fn site_for(case: &str) -> tempfile::TempDir {
    let overlay = fixtures().join("bad").join(case);
    assert!(overlay.is_dir(), "no fixture {}", overlay.display());
    let mut site = fixture("minimal").with_tree(&overlay.join("content"), "content");
    if let Ok(list) = fs::read_to_string(overlay.join("remove")) {
        for line in list.lines().filter(|l| !l.trim().is_empty()) {
            site = site.without(line.trim());
        }
    }
    site.write()
}

/// A folder that looks like the output of an earlier successful build.
fn previous_output(parent: &Path) -> PathBuf {
    let out = parent.join("public");
    fs::create_dir_all(out.join("lich")).unwrap();
    fs::write(out.join(kehoach::write::MARKER), "written by kehoach\n").unwrap();
    fs::write(out.join("index.html"), "<!doctype html><p>bản trước</p>\n").unwrap();
    fs::write(out.join("lich/index.html"), "<p>lịch</p>\n").unwrap();
    out
}

fn kehoach(args: &[&str]) -> (i32, String) {
    let out = crate::support::kehoach().args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Run `check` and `build` on the case; assert both fail cleanly and say `expected`.
fn fails(case: &str, expected: &[&str]) -> String {
    let site = site_for(case);
    let root = site.path().join("").to_string_lossy().into_owned();
    let root = root.trim_end_matches('/');
    let outs = tempfile::tempdir().unwrap();
    let out = previous_output(outs.path());
    let before = snapshot(outs.path());

    let (code, check_err) = kehoach(&["check", "--root", root]);
    assert_eq!(code, 1, "{case}: check exit status; stderr:\n{check_err}");
    let (code, build_err) = kehoach(&["build", "--root", root, "--output", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{case}: build exit status; stderr:\n{build_err}");
    for err in [&check_err, &build_err] {
        assert!(!err.contains("panicked"), "{case}: panic:\n{err}");
        for want in expected {
            assert!(err.contains(want), "{case}: stderr lacks {want:?}:\n{err}");
        }
    }
    assert_eq!(snapshot(outs.path()), before, "{case}: the previous output changed");
    check_err
}

#[test]
fn yaml_syntax() {
    fails(
        "yaml-syntax",
        &[
            "lỗi: dấu `{` mở ở đây không được đóng\n --> content/teams.yaml:3:11\n",
            "^ mở ở đây, thiếu dấu đóng `}`",
            "ghi chú: trình đọc YAML dừng ở dòng 4, cột 10: while parsing a flow mapping, did not find expected ',' or '}'",
        ],
    );
}

#[test]
fn front_matter_missing() {
    fails(
        "frontmatter-missing",
        &[
            "lỗi: thiếu phần đầu (front matter)",
            "--> content/pages/huong-dan.md:1:1",
            "cần một dòng `---` ở đây",
        ],
    );
}

#[test]
fn front_matter_unterminated() {
    fails(
        "frontmatter-unterminated",
        &[
            "lỗi: phần đầu (front matter) không được đóng",
            "--> content/reports/2024-03/to-1-2024-03-chi-bo.md:1:1",
            "dòng `---` này không có dòng `---` đóng",
        ],
    );
}

#[test]
fn missing_file() {
    let err = fails("missing-file", &["lỗi: thiếu tệp `content/units.yaml`", "--> content/units.yaml\n"]);
    assert!(!err.contains(":0:0"), "{err}");
}

#[test]
fn missing_key() {
    let err = fails(
        "missing-key",
        &[
            "lỗi: thiếu khóa `kind`",
            "--> content/schedule.yaml:8:3",
            "chuyến dự (mục lịch) này cần có `kind`: dang_uy hoặc chi_bo",
            "--> content/schedule.yaml:13:3",
            "lỗi: khóa lạ `knd`",
        ],
    );
    assert_eq!(err.matches("lỗi: thiếu khóa `kind`").count(), 2, "{err}");
}

#[test]
fn unknown_key() {
    fails(
        "unknown-key",
        &["lỗi: khóa lạ `secretery`", "--> content/units.yaml:4:3", "gợi ý: có phải `secretary`?"],
    );
}

#[test]
fn wrong_type() {
    fails(
        "wrong-type",
        &[
            "--> content/teams.yaml:3:11",
            "lỗi: cần một nhóm khóa { name: …, title: … }, nhưng gặp chuỗi chữ `Nguyễn Văn An`",
        ],
    );
}

#[test]
fn bad_date() {
    fails(
        "bad-date",
        &[
            "lỗi: ngày không hợp lệ `2024-03-32`",
            "--> content/schedule.yaml:12:9",
            "cần một ngày dạng YYYY-MM-DD",
            "gợi ý: tháng 3 năm 2024 có 31 ngày",
        ],
    );
}

#[test]
fn bad_month() {
    fails(
        "bad-month",
        &[
            "lỗi: tháng không hợp lệ `2024-13`",
            "--> content/schedule.yaml:16:10",
            "cần một tháng dạng YYYY-MM",
            "gợi ý: tháng phải từ 01 đến 12 (ở đây là 13)",
        ],
    );
}

#[test]
fn bad_time() {
    fails(
        "bad-time",
        &["lỗi: giờ không hợp lệ `24:30`", "--> content/schedule.yaml:6:9", "cần một giờ dạng HH:MM"],
    );
}

#[test]
fn bad_id() {
    fails(
        "bad-id",
        &[
            "lỗi: mã (id) không hợp lệ `To_2`",
            "--> content/teams.yaml:7:7",
            "cần một mã (id) gồm chữ thường a-z",
            "`to-2`",
        ],
    );
}

#[test]
fn bad_enum() {
    fails(
        "bad-enum",
        &[
            "lỗi: giá trị không hợp lệ `gioi`",
            "--> content/reports/2024-03/to-1-2024-03-chi-bo.md:11:9",
            "cần một trong tot, kha, trung_binh, kem",
        ],
    );
}

#[test]
fn duplicate_id() {
    fails(
        "duplicate-id",
        &[
            "lỗi: mã đơn vị `cb-ngan-hang` bị trùng",
            "--> content/units.yaml:9:7",
            "::: content/units.yaml:8:13",
            "khai báo lần đầu ở đây",
        ],
    );
}

#[test]
fn duplicate_default_visit_id() {
    fails(
        "duplicate-visit",
        &[
            "lỗi: mã chuyến dự `to-1-2024-03-chi-bo` bị trùng",
            "--> content/schedule.yaml:19:3",
            "::: content/schedule.yaml:8:3",
            "nên mã của nó là `to-1-2024-03-chi-bo`",
            "cần mỗi chuyến một `id:` riêng",
        ],
    );
}

#[test]
fn unknown_team() {
    fails(
        "unknown-team",
        &[
            "lỗi: không có tổ công tác mã `to-3`",
            "--> content/schedule.yaml:13:9",
            "cần mã của một tổ công tác trong teams.yaml",
            "`to-1`, `to-2`",
        ],
    );
}

#[test]
fn unknown_unit() {
    fails(
        "unknown-unit",
        &[
            "lỗi: không có đơn vị mã `cb-dl-ky-thuta`",
            "--> content/schedule.yaml:10:9",
            "cần mã của một đơn vị",
            "có phải `cb-dl-ky-thuat`?",
        ],
    );
}

#[test]
fn unknown_visit() {
    fails(
        "unknown-visit",
        &[
            "lỗi: không có chuyến dự mã `to-1-2024-03-chibo`",
            "--> content/reports/2024-03/to-1-2024-03-chi-bo.md:2:8",
            "cần mã của một chuyến dự",
            "có phải `to-1-2024-03-chi-bo`?",
        ],
    );
}

#[test]
fn two_reports() {
    fails(
        "two-reports",
        &[
            "lỗi: báo cáo thứ hai cho chuyến dự `to-1-2024-03-chi-bo`",
            "--> content/reports/2024-03/to-1-2024-03-chi-bo.md:2:8",
            "::: content/reports/2024-03/lan-2.md:2:8",
        ],
    );
}

#[test]
fn unexpected_file() {
    fails("unexpected-file", &["lỗi: tệp lạ `content/team.yaml`", "có phải `teams.yaml`?"]);
}

#[test]
fn both_schedules() {
    fails(
        "both-schedules",
        &["có cả `content/schedule.yaml` lẫn thư mục `content/schedule/`", "--> content/schedule.yaml"],
    );
}

#[test]
fn not_utf8() {
    fails("not-utf8", &["không phải văn bản UTF-8", "--> content/pages/huong-dan.md:2:9", "\"UTF-8\""]);
}

#[test]
fn period_reversed() {
    fails(
        "period-reversed",
        &["lỗi: thời gian kết thúc (`2024-02`) trước khi bắt đầu (`2024-03`)", "--> content/site.yaml:5:30"],
    );
}

#[test]
fn id_leading_dash() {
    fails(
        "id-leading-dash",
        &["lỗi: mã `-to-2` bắt đầu bằng dấu `-`", "--> content/teams.yaml:7:7", "viết `to-2`"],
    );
}

#[test]
fn deadline_before_period() {
    fails(
        "deadline-before-period",
        &[
            "lỗi: hạn hoàn thành `2024-02-28` trước tháng đầu của kỳ kế hoạch (`2024-03`)",
            "--> content/site.yaml:6:11",
            "2024-03-01",
        ],
    );
}

#[test]
fn many_errors_in_several_files_are_all_reported() {
    let err = fails(
        "many-errors",
        &[
            "--> content/pages/huong-dan.md:2:1",
            "lỗi: thiếu tệp `content/plan.md`",
            "lỗi: khóa lạ `titel`",
            "lỗi: giá trị không hợp lệ `dinh kyy`",
            "lỗi: giá trị không hợp lệ `gioi`",
            "lỗi: giá trị không hợp lệ `dang-uyy`",
            "lỗi: tháng không hợp lệ `2024-4`",
            "lỗi: ngày không hợp lệ `2024-11-31`",
            "lỗi: mã (id) không hợp lệ `To-2`",
        ],
    );
    // In order of file, line and column.
    let order = [
        "pages/huong-dan.md",
        "--> content/plan.md\n",
        "reports/2024-03",
        "schedule.yaml:2:9",
        "schedule.yaml:16:10",
        "site.yaml",
        "teams.yaml",
    ];
    let at: Vec<usize> = order.iter().map(|s| err.find(s).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{err}");
    // Nine errors and the closing count.
    assert_eq!(err.matches("\nlỗi: ").count() + usize::from(err.starts_with("lỗi: ")), 10, "{err}");
    assert!(err.ends_with("lỗi: nội dung có 9 lỗi; chưa dựng gì\n"), "{err}");
}

#[test]
fn every_bad_fixture_has_a_test() {
    let tested = [
        "yaml-syntax",
        "frontmatter-missing",
        "frontmatter-unterminated",
        "missing-file",
        "missing-key",
        "unknown-key",
        "wrong-type",
        "bad-date",
        "bad-month",
        "bad-time",
        "bad-id",
        "bad-enum",
        "duplicate-id",
        "duplicate-visit",
        "unknown-team",
        "unknown-unit",
        "unknown-visit",
        "two-reports",
        "unexpected-file",
        "both-schedules",
        "not-utf8",
        "period-reversed",
        "many-errors",
        "id-leading-dash",
        "deadline-before-period",
    ];
    for e in fs::read_dir(fixtures().join("bad")).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        assert!(tested.contains(&name.as_str()), "fixture {name} has no test");
    }
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_a_clean_error() {
    let site = site_for("bad-date");
    let static_dir = site.path().join("content/static");
    std::os::unix::fs::symlink(&static_dir, static_dir.join("loop")).unwrap();
    let (code, err) = kehoach(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("liên kết tượng trưng vòng tròn ở `content/static/loop`"), "{err}");
    assert!(err.contains("nó dẫn ngược về `content/static`"), "{err}");
    // The loop does not stop the other files from being read and checked.
    assert!(err.contains("ngày không hợp lệ `2024-03-32`"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_pipe_is_refused_not_read() {
    let site = site_for("bad-date");
    let fifo = site.path().join("content/pages/tin.md");
    let made = Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    if !made {
        eprintln!("mkfifo is not available; skipping");
        return;
    }
    let (code, err) = kehoach(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`content/pages/tin.md` không phải một tệp thường"), "{err}");
    assert!(err.contains("ngày không hợp lệ `2024-03-32`"), "{err}");
}

#[test]
fn no_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = kehoach(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("không có thư mục `content/`"), "{err}");
}

#[test]
fn a_huge_yaml_file_is_refused_unread() {
    let site = site_for("bad-date");
    let big = site.path().join("content/schedule.yaml");
    let f = fs::File::create(&big).unwrap();
    f.set_len(21 * 1024 * 1024).unwrap();
    let (code, err) = kehoach(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("`content/schedule.yaml` quá lớn (21 MB)"), "{err}");
}

/// The valid fixture loads and checks cleanly (judging and rendering are not called here).
#[test]
fn minimal_site_loads() {
    let loaded = build::load(&fixtures().join("minimal")).unwrap_or_else(|f| panic!("{}", f.render()));
    let s = &loaded.site;
    assert_eq!(s.teams.len(), 2);
    let units: Vec<&str> = s.units.iter().map(|u| u.id.value.as_str()).collect();
    assert_eq!(units, ["db-dien-luc", "cb-dl-ky-thuat", "cb-ngan-hang"]);
    assert_eq!(s.units[1].parent.as_deref(), Some("db-dien-luc"));
    let visits: Vec<&str> = s.visits.iter().map(|v| v.id.value.as_str()).collect();
    assert_eq!(visits, ["to-1-2024-03-dang-uy", "to-1-2024-03-chi-bo", "to-2-2024-04-chi-bo"]);
    assert_eq!(s.reports.len(), 1);
    assert_eq!(s.reports[0].body_line, 14);
    assert_eq!(s.pages[0].slug, "huong-dan");
    assert_eq!(s.static_files, ["ke-hoach-ky.txt"]);
    assert_eq!(s.config.as_of.map(|d| d.to_string()).as_deref(), Some("2024-04-20"));
    assert!(loaded.sources.contains_key("content/schedule.yaml"));
}

/// Hidden files and folders are ignored; schedule/ works in place of schedule.yaml.
#[test]
fn hidden_files_are_ignored_and_schedule_folder_works() {
    let minimal = fixture("minimal");
    let dir = minimal
        .clone()
        .with_file("content/.notes.yaml", "not: [valid")
        .with_file("content/.git/x.md", "junk")
        .with_file("content/schedule/2024.yaml", minimal.text("content/schedule.yaml"))
        .without("content/schedule.yaml")
        .write();
    let loaded = build::load(dir.path()).unwrap_or_else(|f| panic!("{}", f.render()));
    assert_eq!(loaded.site.visits.len(), 3);
    assert_eq!(&*loaded.site.visits[0].loc.file, "content/schedule/2024.yaml");
}
