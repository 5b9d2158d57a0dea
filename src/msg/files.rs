//! Messages about the files of a site: missing, unexpected, unreadable, not UTF-8.

use crate::pick;

pub fn no_content(root: &str) -> String {
    pick!("không có thư mục `content/` trong `{root}`", "no `content/` folder in `{root}`")
}
pub fn no_content_label() -> String {
    pick!(
        "một trang là một thư mục chứa content/site.yaml, plan.md, teams.yaml, units.yaml, schedule.yaml",
        "a site is a folder holding content/site.yaml, plan.md, teams.yaml, units.yaml, schedule.yaml"
    )
}
pub fn no_content_help() -> String {
    pick!(
        "chạy kehoach trong thư mục của trang, hoặc chỉ ra nó bằng --root",
        "run kehoach in the site's folder, or give it with --root"
    )
}
pub fn name_not_utf8() -> String {
    pick!("tên tệp không phải UTF-8", "a file name that is not valid UTF-8")
}
pub fn name_not_utf8_label() -> String {
    pick!("đổi tên tệp bằng chữ Unicode (UTF-8)", "rename it using UTF-8 characters")
}
pub fn not_regular(path: &str) -> String {
    pick!("`{path}` không phải một tệp thường", "`{path}` is not a regular file")
}
pub fn not_regular_label() -> String {
    pick!(
        "cần một tệp hoặc một thư mục (không đọc được pipe, socket hay thiết bị)",
        "expected a file or a folder (a pipe, socket or device cannot be read)"
    )
}
pub fn schedule_both() -> String {
    pick!(
        "có cả `content/schedule.yaml` lẫn thư mục `content/schedule/`",
        "both `content/schedule.yaml` and the folder `content/schedule/` exist"
    )
}
pub fn schedule_both_label() -> String {
    pick!(
        "lịch là một tệp hoặc một thư mục, không phải cả hai",
        "the schedule is one file or one folder, not both"
    )
}
pub fn schedule_both_help() -> String {
    pick!(
        "chuyển các chuyến dự của schedule.yaml vào một tệp trong schedule/, hoặc xóa thư mục",
        "move the visits of schedule.yaml into a file under schedule/, or remove the folder"
    )
}
pub fn schedule_empty() -> String {
    pick!("không có tệp `.yaml` nào trong `content/schedule/`", "no `.yaml` file in `content/schedule/`")
}
pub fn schedule_empty_label() -> String {
    pick!(
        "thư mục lịch chứa các chuyến dự trong các tệp .yaml",
        "the schedule folder holds the visits as .yaml files"
    )
}
pub fn schedule_empty_help() -> String {
    pick!(
        "thêm ví dụ content/schedule/2024.yaml, hoặc xóa thư mục rỗng",
        "add e.g. content/schedule/2024.yaml, or remove the empty folder"
    )
}
pub fn missing_file(path: &str) -> String {
    pick!("thiếu tệp `{path}`", "missing file `{path}`")
}
/// `name` is the file's name, `what_en` what it holds in English (discover's table).
pub fn missing_file_label(name: &str, what_en: &str) -> String {
    let vi = match name {
        "site.yaml" => "các thiết lập chung của trang",
        "plan.md" => "văn bản kế hoạch",
        "teams.yaml" => "các tổ công tác",
        "units.yaml" => "các tổ chức đảng",
        "schedule.yaml" => "các chuyến dự (hoặc thư mục schedule/ chứa các tệp .yaml)",
        _ => what_en,
    };
    pick!("trang cần tệp này: {vi}", "a site needs this file: {what_en}")
}
pub fn unexpected_file(path: &str) -> String {
    pick!("tệp lạ `{path}`", "unexpected file `{path}`")
}
pub fn unexpected_folder(path: &str) -> String {
    pick!("thư mục lạ `{path}/`", "unexpected folder `{path}/`")
}
pub fn schedule_holds_yaml() -> String {
    pick!("schedule/ chỉ chứa các tệp .yaml", "schedule/ holds only .yaml files")
}
pub fn rename_yaml() -> String {
    pick!("đổi tên cho đuôi là `.yaml`", "rename it to end in `.yaml`")
}
pub fn move_elsewhere() -> String {
    pick!("chuyển nó đi nơi khác", "move it elsewhere")
}
pub fn holds_markdown(top: &str) -> String {
    pick!("{top}/ chỉ chứa các tệp Markdown đuôi `.md`", "{top}/ holds only Markdown files ending in `.md`")
}
pub fn put_under_static() -> String {
    pick!(
        "đặt bản quét, PDF và ảnh trong content/static/ rồi liên kết tới chúng",
        "put scans, PDFs and images under content/static/ and link to them"
    )
}
pub fn not_read_file() -> String {
    pick!("kehoach không đọc tệp này", "kehoach does not read this file")
}
pub fn not_read_folder() -> String {
    pick!("kehoach không đọc thư mục này", "kehoach does not read this folder")
}
pub fn content_holds(list: &str) -> String {
    pick!("content/ chứa {list}", "content/ holds {list}")
}
pub fn content_holds_folders(list: &str) -> String {
    pick!("content/ chứa các thư mục {list}", "content/ holds the folders {list}")
}
pub fn link_loop(path: &str) -> String {
    pick!("liên kết tượng trưng vòng tròn ở `{path}`", "symbolic link loop at `{path}`")
}
pub fn link_loop_label(to: &str) -> String {
    pick!("nó dẫn ngược về `{to}`", "it leads back to `{to}`")
}
pub fn link_loop_help() -> String {
    pick!(
        "xóa liên kết hoặc trỏ nó ra ngoài thư mục của chính nó",
        "remove the link or point it outside its own folder"
    )
}
pub fn cannot_read(path: &str, why: &str) -> String {
    pick!("không đọc được `{path}`: {why}", "cannot read `{path}`: {why}")
}
pub fn check_exists_readable() -> String {
    pick!("kiểm tra tệp có tồn tại và đọc được không", "check that it exists and is readable")
}
pub fn check_readable() -> String {
    pick!("kiểm tra tệp có đọc được không", "check that it is readable")
}
pub fn too_large(path: &str, mb: u64) -> String {
    pick!("`{path}` quá lớn ({mb} MB)", "`{path}` is too large ({mb} MB)")
}
pub fn too_large_label(max_mb: u64) -> String {
    pick!("một tệp nội dung tối đa {max_mb} MB", "a content file may hold at most {max_mb} MB")
}
pub fn not_utf8(path: &str) -> String {
    pick!("`{path}` không phải văn bản UTF-8", "`{path}` is not valid UTF-8")
}
pub fn not_utf8_label() -> String {
    pick!("byte này không phải chữ UTF-8", "this byte is not UTF-8 text")
}
pub fn not_utf8_help() -> String {
    pick!(
        "lưu lại tệp với bảng mã \"UTF-8\" (trong Notepad: Lưu thành… → Encoding: UTF-8), không dùng bảng mã cũ như TCVN3 hay VNI",
        "save the file as \"UTF-8\" (in Notepad: Save As… → Encoding: UTF-8), not in a legacy Vietnamese encoding such as TCVN3 or VNI"
    )
}
pub fn no_theme(theme: &str) -> String {
    pick!("không có giao diện (theme) `{theme}`", "theme `{theme}` not found")
}
pub fn no_theme_label() -> String {
    pick!("không có giao diện này", "no such theme")
}
pub fn no_theme_help(theme: &str) -> String {
    pick!(
        "cần thư mục `themes/{theme}/` bên cạnh `content/`, hoặc viết `theme: default`",
        "expected a folder `themes/{theme}/` beside `content/`, or `theme: default`"
    )
}
pub fn missing_front_matter() -> String {
    pick!("thiếu phần đầu (front matter)", "missing front matter")
}
pub fn missing_front_matter_label() -> String {
    pick!(
        "cần một dòng `---` ở đây, mở đầu phần đầu",
        "expected a line `---` here, starting the front matter"
    )
}
pub fn unterminated_front_matter() -> String {
    pick!("phần đầu (front matter) không được đóng", "unterminated front matter")
}
pub fn unterminated_front_matter_label() -> String {
    pick!("dòng `---` này không có dòng `---` đóng", "this `---` is never closed")
}
pub fn unterminated_front_matter_help() -> String {
    pick!(
        "kết thúc phần đầu bằng một dòng chỉ có `---`",
        "end the front matter with a line holding only `---`"
    )
}
pub fn invalid_page_name(path: &str) -> String {
    pick!("tên tệp trang không hợp lệ `{path}`", "invalid page file name `{path}`")
}
pub fn invalid_page_name_label() -> String {
    pick!(
        "tên tệp là địa chỉ của trang: chữ thường a-z, chữ số và `-`",
        "the file name is the page's address: lowercase letters a-z, digits and `-`"
    )
}
pub fn invalid_page_name_help(suggested: &str) -> String {
    pick!("đổi tên, ví dụ `{suggested}.md`", "rename it, e.g. `{suggested}.md`")
}
pub fn unreadable_site() -> String {
    pick!("không đọc được trang", "the site could not be read")
}
pub fn a_site_needs_this_file() -> String {
    pick!("trang cần tệp này", "a site needs this file")
}
pub fn missing_front_matter_help() -> String {
    pick!(
        "bắt đầu tệp bằng `---`, rồi các khóa viết theo YAML (ví dụ `title: …`), rồi `---`",
        "begin the file with `---`, then its keys in YAML (e.g. `title: …`), then `---`"
    )
}
pub fn dangerous_output(path: &str) -> String {
    pick!(
        "không ghi trang vào `{path}`: đó là (hoặc chứa) chính các tệp của trang",
        "refusing to write the site into `{path}`: it is or contains the site's own files"
    )
}
pub fn not_ours(path: &str) -> String {
    pick!(
        "`{path}` đã có, không rỗng và không do kehoach ghi; dùng --force để thay thế",
        "`{path}` exists, is not empty and was not written by kehoach; use --force to replace it"
    )
}
/// `--output` names a file: kehoach replaces only folders it wrote.
pub fn not_a_folder(path: &str, instead: &str) -> String {
    pick!(
        "`{path}` là một tệp, không phải thư mục: kehoach chỉ thay thế thư mục do chính nó tạo ra, \
         nên không ghi đè tệp này (kể cả với --force)\n  = gợi ý: chọn một thư mục khác cho --output, ví dụ `{instead}`",
        "`{path}` is a file, not a folder: kehoach replaces only folders it wrote, so it does not \
         overwrite this file (not even with --force)\n  = help: choose another folder for --output, e.g. `{instead}`"
    )
}
pub fn cannot_write(path: &str, e: &str) -> String {
    pick!("không ghi được `{path}`: {e}", "cannot write `{path}`: {e}")
}
