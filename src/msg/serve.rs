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
