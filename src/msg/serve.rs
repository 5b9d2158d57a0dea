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
