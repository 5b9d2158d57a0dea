//! Messages about a site holding several plans: the top `site.yaml`, the plans' folders,
//! and `kehoach new plan`.

use crate::pick;

pub fn site_wide_key_in_plan(key: &str) -> String {
    pick!(
        "khóa `{key}` thuộc về `content/site.yaml` chung của trang, không thuộc về một kế hoạch",
        "the key `{key}` belongs in the site's top `content/site.yaml`, not in a plan's"
    )
}
pub fn site_wide_key_in_plan_label() -> String {
    pick!("khóa chung cho mọi kế hoạch", "a key shared by every plan")
}
pub fn site_wide_key_in_plan_help(key: &str) -> String {
    pick!(
        "chuyển dòng `{key}: …` sang `content/site.yaml` (mọi kế hoạch dùng chung)",
        "move the line `{key}: …` to `content/site.yaml` (every plan shares it)"
    )
}
pub fn plan_key_in_top(key: &str) -> String {
    pick!(
        "khóa `{key}` thuộc về `site.yaml` của từng kế hoạch (`content/<năm>/site.yaml`)",
        "the key `{key}` belongs in each plan's `site.yaml` (`content/<year>/site.yaml`)"
    )
}
pub fn plan_key_in_top_label() -> String {
    pick!("khóa riêng của một kế hoạch", "a key of one plan")
}
pub fn plan_key_in_top_help() -> String {
    pick!(
        "trang có nhiều kế hoạch: `content/site.yaml` chỉ giữ title, organization, base_url, theme, language, current, old_addresses",
        "a site of several plans: `content/site.yaml` holds only title, organization, base_url, theme, language, current, old_addresses"
    )
}
pub fn no_such_plan(key: &str, id: &str) -> String {
    pick!("`{key}: {id}` không phải một kế hoạch của trang", "`{key}: {id}` is not a plan of the site")
}
pub fn no_such_plan_label(known: &str) -> String {
    pick!("các kế hoạch: {known}", "the plans: {known}")
}
pub fn no_such_plan_help() -> String {
    pick!(
        "một kế hoạch là một thư mục trong `content/` có `plan.md` (ví dụ `content/2025/plan.md`)",
        "a plan is a folder of `content/` holding a `plan.md` (e.g. `content/2025/plan.md`)"
    )
}
pub fn no_plans() -> String {
    pick!("`content/` không có `plan.md` và không có kế hoạch nào", "`content/` has no `plan.md` and no plan")
}
pub fn no_plans_label() -> String {
    pick!("không tìm thấy kế hoạch", "no plan found")
}
pub fn no_plans_help() -> String {
    pick!(
        "một trang một kế hoạch có `content/plan.md`; một trang nhiều kế hoạch có mỗi kế hoạch trong một thư mục, ví dụ `content/2024/plan.md`",
        "a one-plan site has `content/plan.md`; a site of several plans has one folder per plan, e.g. `content/2024/plan.md`"
    )
}
pub fn bad_plan_folder(name: &str) -> String {
    pick!(
        "thư mục kế hoạch `content/{name}` có tên không hợp lệ",
        "the plan folder `content/{name}` has an invalid name"
    )
}
pub fn bad_plan_folder_label() -> String {
    pick!(
        "tên thư mục kế hoạch là một mã: chữ thường a-z, chữ số và `-` (thường là năm)",
        "a plan folder is named by an id: lowercase a-z, digits and `-` (usually the year)"
    )
}
pub fn unexpected_in_top(path: &str) -> String {
    pick!(
        "`{path}` không được đọc: trang có nhiều kế hoạch, mỗi kế hoạch trong thư mục riêng",
        "`{path}` is not read: the site holds several plans, each in its own folder"
    )
}
pub fn unexpected_in_top_label() -> String {
    pick!(
        "`content/` chỉ giữ site.yaml, pages/, static/ và các thư mục kế hoạch",
        "`content/` holds only site.yaml, pages/, static/ and the plans' folders"
    )
}
pub fn unknown_plan_flag(id: &str, known: &str) -> String {
    pick!("không có kế hoạch `{id}` (các kế hoạch: {known})", "no plan `{id}` (the plans: {known})")
}
pub fn plan_flag_one_plan(id: &str) -> String {
    pick!(
        "`--plan {id}`: trang này chỉ có một kế hoạch (`content/plan.md`)",
        "`--plan {id}`: this site holds one plan (`content/plan.md`)"
    )
}
pub fn plan_exists(id: &str) -> String {
    pick!("kế hoạch `{id}` đã có (`content/{id}/`)", "the plan `{id}` exists already (`content/{id}/`)")
}
pub fn bad_plan_id(id: &str) -> String {
    pick!(
        "`{id}` không dùng được làm mã kế hoạch: cần chữ thường a-z, chữ số và `-` (thường là năm, ví dụ 2025), khác schedule, reports, pages, static",
        "`{id}` cannot be a plan id: lowercase a-z, digits and `-` (usually the year, e.g. 2025), not schedule, reports, pages, static"
    )
}
pub fn needs_convert(id: &str) -> String {
    pick!(
        "trang này có một kế hoạch (`content/plan.md`): dùng `kehoach new plan {id} --convert` để chuyển sang trang nhiều kế hoạch (kế hoạch hiện có vào `content/<năm>/`) rồi thêm kế hoạch `{id}`",
        "this site holds one plan (`content/plan.md`): use `kehoach new plan {id} --convert` to make it a site of several plans (the plan moves to `content/<year>/`) and add the plan `{id}`"
    )
}
pub fn convert_needs_one_plan() -> String {
    pick!(
        "`--convert` chỉ dùng cho trang một kế hoạch (có `content/plan.md`); trang này đã có nhiều kế hoạch",
        "`--convert` is for a one-plan site (with `content/plan.md`); this site already holds several plans"
    )
}
pub fn same_id_as_old(id: &str) -> String {
    pick!(
        "kế hoạch hiện có sẽ thành `content/{id}/`: chọn mã khác cho kế hoạch mới (ví dụ năm sau)",
        "the existing plan becomes `content/{id}/`: choose another id for the new plan (e.g. the next year)"
    )
}
pub fn moved(from: &str, to: &str, by_git: bool) -> String {
    if by_git {
        pick!("đã chuyển (git mv) {from} → {to}", "moved (git mv) {from} → {to}")
    } else {
        pick!("đã chuyển {from} → {to}", "moved {from} → {to}")
    }
}
pub fn new_plan_next(id: &str) -> String {
    pick!(
        "Tiếp theo: xem lại content/{id}/plan.md (số hiệu, ngày ban hành, nội dung) và content/{id}/site.yaml, lập lịch trong content/{id}/schedule.yaml, rồi chạy `kehoach check`.",
        "Next: review content/{id}/plan.md (number, date, text) and content/{id}/site.yaml, write the schedule in content/{id}/schedule.yaml, then run `kehoach check`."
    )
}
