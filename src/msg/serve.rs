//! Messages of `kehoach serve`: the error overlay and the console lines.

use crate::pick;

pub fn overlay_heading(n: usize) -> String {
    let errors = super::count(n, "lỗi", "error", "errors");
    pick!(
        "Nội dung có {errors}. Trang đang hiển thị là bản dựng tốt gần nhất; sửa lỗi và lưu lại, trang sẽ tự tải lại.",
        "The content has {errors}. This page is the last good build; fix the errors and save, and the page reloads by itself."
    )
}

pub fn overlay_close() -> String {
    pick!("Đóng", "Close")
}

pub fn serving(root: &str, addr: &str) -> String {
    pick!(
        "đang phục vụ {root} tại http://{addr}/ (Ctrl-C để dừng)",
        "serving {root} at http://{addr}/ (Ctrl-C to stop)"
    )
}
pub fn stopping() -> String {
    pick!("đang dừng…", "stopping…")
}
pub fn reload_sent(ms: u128) -> String {
    pick!("; đã gửi lệnh tải lại {ms} ms sau khi lưu", "; reload sent {ms} ms after the save")
}
pub fn still_serving(n: usize) -> String {
    let e = super::count(n, "lỗi", "error", "errors");
    pick!(
        "{e}; vẫn phục vụ bản dựng tốt gần nhất, các lỗi hiện trên mọi trang",
        "{e}; still serving the last good build, with the errors over every page"
    )
}
pub fn cannot_open(root: &str, e: &str) -> String {
    pick!("không mở được thư mục trang `{root}`: {e}", "cannot open the site folder `{root}`: {e}")
}
pub fn not_a_site(root: &str) -> String {
    pick!(
        "`{root}` không có thư mục content/: không phải một trang kehoach",
        "`{root}` holds no content/ folder: not a kehoach site"
    )
}
pub fn cannot_watch(what: &str, e: &str) -> String {
    pick!("không theo dõi được `{what}`: {e}", "cannot watch `{what}`: {e}")
}
pub fn cannot_start(e: &str) -> String {
    pick!("không khởi động được máy chủ: {e}", "cannot start the server: {e}")
}
pub fn cannot_listen(port: u16, e: &str) -> String {
    pick!(
        "không mở được cổng 127.0.0.1:{port}: {e} (cổng đang bận? thử --port 0)",
        "cannot listen on 127.0.0.1:{port}: {e} (is the port taken? try --port 0)"
    )
}
pub fn initial_build() -> String {
    pick!("bản dựng đầu tiên", "initial build")
}
pub fn reparsed(files: usize, ms: u128) -> String {
    pick!(" (đọc lại {files} tệp, nạp {ms} ms)", " ({files} file(s) re-parsed, load {ms} ms)")
}
pub fn templates_only() -> String {
    pick!(" (chỉ mẫu trang, không đọc lại nội dung)", " (templates only, content not re-read)")
}
pub fn deferred(n: usize) -> String {
    pick!("; {n} tệp không mở trong trình duyệt theo sau", "; {n} more not open in a browser follow")
}
pub fn rebuilt(pages: usize, files: usize, affected: &str, ms: u128, findings: usize) -> String {
    let f = super::cli::findings(findings);
    pick!(
        "đã dựng {pages} trang ({files} tệp, ảnh hưởng: {affected}) trong {ms} ms; {f}",
        "built {pages} pages ({files} files, {affected} affected) in {ms} ms; {f}"
    )
}
// A changed file for the terminal, with what it is.
pub fn changed_report(p: &str) -> String {
    pick!("{p} (báo cáo)", "{p} (report)")
}
pub fn changed_page(p: &str) -> String {
    pick!("{p} (trang)", "{p} (page)")
}
pub fn changed_data(p: &str) -> String {
    pick!("{p} (dữ liệu)", "{p} (data)")
}
pub fn changed_template(p: &str) -> String {
    pick!("{p} (mẫu trang)", "{p} (template)")
}
pub fn changed_static(p: &str) -> String {
    pick!("{p} (tệp tĩnh)", "{p} (static)")
}
pub fn change_ignored() -> String {
    pick!("(bỏ qua)", "(ignored)")
}
/// What a rebuild touched, in [`rebuilt`]: every file.
pub fn affected_all() -> String {
    pick!("mọi tệp", "all files")
}
/// What a rebuild touched, in [`rebuilt`]: `n` files.
pub fn affected_files(n: usize) -> String {
    super::count(n, "tệp", "file", "files")
}
pub fn then_files(files: usize, ms: u128) -> String {
    pick!(
        "  rồi {files} tệp không mở trong trình duyệt, trong {ms} ms",
        "  then {files} files not open in a browser in {ms} ms"
    )
}
pub fn then_the_rest() -> String {
    pick!("  rồi phần còn lại", "  then the rest")
}
pub fn panicked(msg: &str) -> String {
    pick!(
        "lỗi nội bộ (lỗi của kehoach): bản dựng bị dừng đột ngột: {msg}",
        "internal error (a bug in kehoach): the build panicked: {msg}"
    )
}
pub fn server_failed(e: &str) -> String {
    pick!("máy chủ gặp lỗi: {e}", "the server failed: {e}")
}
