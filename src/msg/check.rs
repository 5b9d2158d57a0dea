//! Messages of the cross-file check: duplicate ids, unknown references, two reports on
//! one visit.

use crate::pick;

/// "team", "unit", "visit" in words.
pub fn noun(what: &str) -> String {
    match (super::lang(), what) {
        (super::Lang::En, w) => w.to_string(),
        (_, "team") => "tổ công tác".into(),
        (_, "unit") => "đơn vị".into(),
        (_, "visit") => "chuyến dự".into(),
        (_, w) => w.to_string(),
    }
}

pub fn duplicate(what: &str, id: &str) -> String {
    let w = noun(what);
    pick!("mã {w} `{id}` bị trùng", "duplicate {w} id `{id}`")
}
pub fn duplicate_label(what: &str) -> String {
    let w = noun(what);
    pick!("cần một mã chưa {w} nào dùng", "expected an id no other {w} has")
}
pub fn duplicate_help(what: &str) -> String {
    let w = noun(what);
    pick!("mỗi {w} cần một mã riêng", "every {w} needs its own id")
}
pub fn first_defined_here() -> String {
    pick!("khai báo lần đầu ở đây", "first defined here")
}
pub fn default_visit_id_label(id: &str) -> String {
    pick!(
        "chuyến dự này không có `id:` nên mã của nó là `{id}`",
        "this visit has no `id:`, so its id is `{id}`"
    )
}
pub fn default_visit_id_help(team: &str, month: &str, kind: &str, id: &str) -> String {
    pick!(
        "chuyến dự không có `id` được đặt mã `<tổ>-<tháng>-<loại>`; hai chuyến dự của tổ `{team}` trong tháng {month} \
         loại `{kind}` cần mỗi chuyến một `id:` riêng (ví dụ `{id}-2`)",
        "a visit with no `id` is called `<team>-<month>-<kind>`; two visits of team `{team}` in {month} of kind \
         `{kind}` need an explicit `id:` each (e.g. `{id}-2`)"
    )
}
pub fn second_report(visit: &str) -> String {
    pick!("báo cáo thứ hai cho chuyến dự `{visit}`", "a second report on visit `{visit}`")
}
pub fn second_report_label() -> String {
    pick!("chuyến dự này đã có báo cáo", "this visit already has a report")
}
pub fn first_report_label() -> String {
    pick!("báo cáo thứ nhất", "the first report on it")
}
pub fn second_report_help() -> String {
    pick!(
        "gộp hai báo cáo thành một tệp, hoặc sửa `visit:` của một trong hai",
        "merge the two reports into one file, or correct the `visit:` of one of them"
    )
}
pub fn unknown(what: &str, id: &str) -> String {
    let w = noun(what);
    pick!("không có {w} mã `{id}`", "unknown {w} `{id}`")
}
pub fn unknown_label(what: &str, source: &str) -> String {
    let w = noun(what);
    pick!("cần mã của một {w} trong {source}", "expected the id of a {w} in {source}")
}
pub fn unknown_help_closest(what: &str, closest: &str, listed: &str) -> String {
    let w = noun(what);
    pick!("có phải `{closest}`? các mã {w}: {listed}", "did you mean `{closest}`? the {w} ids are: {listed}")
}
pub fn unknown_help(what: &str, listed: &str) -> String {
    let w = noun(what);
    pick!("các mã {w}: {listed}", "the {w} ids are: {listed}")
}
pub fn unknown_more_uses(id: &str, more: usize, shown: &str) -> String {
    pick!("`{id}` còn được dùng ở {more} chỗ khác: {shown}", "`{id}` is used in {more} more places: {shown}")
}
pub fn maybe_caused_by_duplicate(what: &str, source: &str) -> String {
    let w = noun(what);
    pick!(
        "{source} có mã {w} bị trùng (báo ở trên): có thể mã này bị viết nhầm thành mã trùng đó",
        "{source} has a duplicate {w} id (reported above): this id may have been mistyped as it"
    )
}
pub fn none_defined(what: &str, source: &str) -> String {
    let w = noun(what);
    pick!("{source} không khai báo {w} nào", "{source} defines no {w}")
}
pub fn none_defined_label(what: &str) -> String {
    let w = noun(what);
    pick!("cần một danh sách {w}, mỗi mục có `id`", "expected a list of {w}s, each with an `id`")
}
pub fn none_defined_note(what: &str, uses: usize, ids: &str) -> String {
    let w = noun(what);
    pick!(
        "vì vậy {uses} chỗ tham chiếu {w} không tìm thấy mã ({ids}); sửa tệp này trước",
        "so {uses} references to a {w} find no id ({ids}); fix this file first"
    )
}
pub fn the_schedule() -> String {
    pick!("lịch (schedule)", "the schedule")
}
