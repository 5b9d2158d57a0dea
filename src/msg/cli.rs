//! Messages of the command line: the summary lines of `check` and `build`, what `new` and
//! `init` wrote, and errors in the arguments.

use crate::pick;

pub fn errors(n: usize) -> String {
    super::count(n, "lỗi", "error", "errors")
}
pub fn findings(n: usize) -> String {
    super::count(n, "điểm cần lưu ý", "finding", "findings")
}
pub fn gaps(n: usize) -> String {
    super::count(n, "chỗ thiếu trong lịch", "gap in the schedule", "gaps in the schedule")
}

/// The last line of a `check` that found errors.
pub fn check_failed(n: usize) -> String {
    let e = errors(n);
    pick!("lỗi: nội dung có {e}; chưa dựng gì", "error: the content has {e}; nothing was built")
}
/// The last line of a `build` that found errors.
pub fn build_failed(n: usize) -> String {
    let e = errors(n);
    pick!(
        "lỗi: nội dung có {e}; thư mục đầu ra giữ nguyên",
        "error: the content has {e}; the output folder was left untouched"
    )
}
/// The summary line of a clean `check`.
#[allow(clippy::too_many_arguments)]
pub fn check_ok(
    findings: usize,
    gaps: usize,
    planned: u32,
    reported: u32,
    overdue: u32,
    as_of: &str,
) -> String {
    let f = self::findings(findings);
    let g = self::gaps(gaps);
    pick!(
        "ổn: 0 lỗi, {f}, {g}; {planned} chuyến dự theo kế hoạch, {reported} đã báo cáo, {overdue} quá hạn tính đến {as_of}",
        "ok: 0 errors, {f}, {g}; {planned} visits planned, {reported} reported, {overdue} overdue on {as_of}"
    )
}
/// One gap, as `check` names it: "Tổ công tác số 1, tháng 04/2024: cần 1 chuyến dự sinh
/// hoạt chi bộ, lịch có 0".
pub fn gap_line(team: &str, month: &str, kind: &str, required: u32, planned: u32) -> String {
    let kind = visit_kind(kind);
    pick!(
        "chỗ thiếu: {team}, tháng {month}: cần {required} chuyến {kind}, lịch có {planned}",
        "gap: {team}, {month}: {required} visit(s) to a {kind} required, {planned} planned"
    )
}
/// A kind of visit in words.
pub fn visit_kind(key: &str) -> String {
    match (super::lang(), key) {
        (super::Lang::Vi, "dang_uy") => "dự sinh hoạt đảng ủy".into(),
        (super::Lang::Vi, "chi_bo") => "dự sinh hoạt chi bộ".into(),
        (super::Lang::En, "dang_uy") => "committee meeting".into(),
        (super::Lang::En, "chi_bo") => "cell meeting".into(),
        (_, k) => k.to_string(),
    }
}
pub fn built(pages: usize, files: usize, output: &str, ms: u128, findings: usize, as_of: &str) -> String {
    let f = self::findings(findings);
    pick!(
        "đã dựng {pages} trang ({files} tệp) vào {output} trong {ms} ms; {f}; số liệu tính đến {as_of}",
        "built {pages} pages ({files} files) into {output} in {ms} ms; {f}; as of {as_of}"
    )
}
/// An error that is not about the content (a write failure, a busy port).
pub fn error_line(e: &str) -> String {
    pick!("lỗi: {e}", "error: {e}")
}
pub fn invalid_base_url(s: &str, expected: &str) -> String {
    pick!("base_url không hợp lệ `{s}`: {expected}", "invalid base_url `{s}`: {expected}")
}
pub fn invalid_date_arg(s: &str) -> String {
    pick!(
        "cần một ngày dạng YYYY-MM-DD (hoặc DD/MM/YYYY), nhưng gặp `{s}`",
        "expected a date YYYY-MM-DD (or DD/MM/YYYY), found `{s}`"
    )
}
pub fn wrote(path: &str) -> String {
    pick!("đã viết {path}", "wrote {path}")
}
pub fn new_report_next() -> String {
    pick!(
        "tiếp theo: điền báo cáo (các chỗ để trống), sửa ngày giờ và số liệu, rồi chạy `kehoach check`",
        "next: fill in the report (the blanks), correct the dates and figures, then `kehoach check`"
    )
}
pub fn created_site(dir: &str) -> String {
    pick!("đã tạo một trang mới trong {dir}:", "created a new site in {dir}:")
}
pub fn next_steps() -> String {
    pick!("các bước tiếp theo:", "next steps:")
}
pub fn step_serve() -> String {
    pick!(
        "  kehoach serve          # xem trước ở http://127.0.0.1:1111/, tự tải lại mỗi lần lưu",
        "  kehoach serve          # preview at http://127.0.0.1:1111/, reloads on every save"
    )
}
pub fn step_build() -> String {
    pick!(
        "  kehoach build          # dựng trang vào public/",
        "  kehoach build          # the site, into public/"
    )
}
pub fn site_has_errors(n: usize) -> String {
    let e = errors(n);
    pick!("lỗi: nội dung có {e}; sửa trước đã", "error: the site has {e}; fix them first")
}
pub fn unknown_visit(id: &str) -> String {
    pick!("lỗi: lịch không có chuyến dự mã `{id}`", "error: no visit has the id `{id}` in the schedule")
}
/// `list` starts with the closest id, in backticks: "`a`, `b`".
pub fn closest_ids(list: &str) -> String {
    pick!("gợi ý: các mã gần nhất: {list}", "help: the closest ids are: {list}")
}
pub fn visit_cancelled(id: &str) -> String {
    pick!(
        "lỗi: chuyến dự `{id}` đã hủy trong lịch; không cần báo cáo\n  = gợi ý: nếu buổi sinh hoạt vẫn diễn ra, trước hết bỏ `status: cancelled` của chuyến dự",
        "error: the visit `{id}` is cancelled in the schedule; no report is expected\n  = help: if the meeting took place after all, remove `status: cancelled` from the visit first"
    )
}
pub fn already_reported(id: &str, file: &str) -> String {
    pick!(
        "lỗi: chuyến dự `{id}` đã có báo cáo: {file}",
        "error: the visit `{id}` already has a report: {file}"
    )
}
pub fn file_exists(path: &str) -> String {
    pick!("lỗi: `{path}` đã có; không ghi đè", "error: `{path}` already exists; not overwriting it")
}
pub fn cannot_write(path: &str, e: &str) -> String {
    pick!("lỗi: không ghi được `{path}`: {e}", "error: cannot write `{path}`: {e}")
}
pub fn init_not_empty(path: &str) -> String {
    pick!(
        "lỗi: `{path}` không rỗng; kehoach init chỉ ghi vào một thư mục mới hoặc rỗng",
        "error: `{path}` is not empty; kehoach init only writes into a new or empty folder"
    )
}
pub fn not_a_folder(path: &str) -> String {
    pick!("lỗi: `{path}` đã có và không phải thư mục", "error: `{path}` exists and is not a folder")
}

// The command line's own mistakes (clap's errors, said again in the run's language).

/// A value the option does not take: `--as-of 2024-13-01`.
pub fn arg_invalid_value(arg: &str, value: &str, why: &str) -> String {
    pick!("giá trị `{value}` không dùng được cho {arg}: {why}", "invalid value `{value}` for {arg}: {why}")
}
/// An option the command does not have.
pub fn arg_unknown(arg: &str) -> String {
    pick!("lệnh này không có tùy chọn `{arg}`", "unexpected argument `{arg}`")
}
/// A command kehoach does not have.
pub fn arg_unknown_command(name: &str) -> String {
    pick!("kehoach không có lệnh `{name}`", "unrecognised command `{name}`")
}
/// A value the command needs and was not given.
pub fn arg_missing(args: &str) -> String {
    pick!("thiếu {args}", "missing {args}")
}
/// An option given twice, or a value where none is taken.
pub fn arg_other(text: &str) -> String {
    pick!("dòng lệnh không đúng: {text}", "{text}")
}
/// The closest option or command to what was typed.
pub fn arg_did_you_mean(s: &str) -> String {
    pick!("  = gợi ý: có phải `{s}`?", "  = help: did you mean `{s}`?")
}
/// Where to read the options.
pub fn arg_see_help(cmd: &str) -> String {
    pick!("  = gợi ý: `{cmd} --help` liệt kê các tùy chọn", "  = help: `{cmd} --help` lists the options")
}
