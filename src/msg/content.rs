//! Messages about values in the content files: keys missing or unknown, values of the
//! wrong kind or shape, and how each kind of value is described.

use crate::pick;

// --- what is expected, for labels ("cần …") ---------------------------------------------

pub fn expected_text() -> String {
    pick!("một đoạn chữ", "a string")
}
pub fn expected_count() -> String {
    pick!("một số nguyên ≥ 0", "a whole number ≥ 0")
}
pub fn expected_range(lo: i64, hi: i64) -> String {
    pick!("một số nguyên từ {lo} đến {hi}", "a whole number from {lo} to {hi}")
}
pub fn expected_int() -> String {
    pick!("một số nguyên", "a whole number")
}
pub fn expected_flag() -> String {
    pick!("true hoặc false", "true or false")
}
pub fn expected_date() -> String {
    pick!("một ngày dạng YYYY-MM-DD (hoặc DD/MM/YYYY)", "a date YYYY-MM-DD (or DD/MM/YYYY)")
}
pub fn expected_month() -> String {
    pick!("một tháng dạng YYYY-MM", "a month YYYY-MM")
}
pub fn expected_time() -> String {
    pick!("một giờ dạng HH:MM (24 giờ, hoặc 14h00)", "a time HH:MM (24-hour, or 14h00)")
}
pub fn expected_id() -> String {
    pick!("một mã (id) gồm chữ thường a-z, chữ số và `-`", "an id of lowercase letters a-z, digits and `-`")
}
pub fn expected_list_of(item: &str) -> String {
    pick!("một danh sách, mỗi mục là {item}", "a list, each item {item}")
}
/// "a or b", "one of a, b, c".
pub fn expected_one_of(keys: &[&str]) -> String {
    match keys.split_last() {
        Some((last, rest)) if rest.len() == 1 => {
            let first = rest[0];
            pick!("{first} hoặc {last}", "{first} or {last}")
        }
        Some((last, rest)) if !rest.is_empty() => {
            let rest = rest.join(", ");
            pick!("một trong {rest}, {last}", "one of {rest}, {last}")
        }
        _ => keys.join(""),
    }
}

/// The kind of a YAML value (from [`crate::load::yaml::Value::kind_name`]'s English key).
pub fn kind_name(kind: &str) -> String {
    if super::lang() == super::Lang::En {
        return kind.to_string();
    }
    match kind {
        "nothing" => "giá trị trống",
        "a boolean" => "giá trị đúng/sai",
        "an integer" => "số nguyên",
        "a number" => "số",
        "a string" => "chuỗi chữ",
        "a list" => "danh sách",
        "a mapping" => "một nhóm khóa",
        other => other,
    }
    .to_string()
}

/// Descriptions the schema passes as English keys ("this visit", "a list of teams",
/// "a mapping { name: …, title: … }"): their Vietnamese. Unknown ones are kept as written.
pub fn thing(en: &str) -> String {
    if super::lang() == super::Lang::En {
        return en.to_string();
    }
    let vi = match en {
        "this visit" => "chuyến dự (mục lịch) này",
        "this team" => "tổ công tác này",
        "this member" => "thành viên này",
        "this unit" => "đơn vị này",
        "this cell" => "chi bộ trực thuộc này",
        "a report" => "báo cáo",
        "a page" => "trang",
        "the leader" => "tổ trưởng",
        "the front matter of plan.md" => "phần đầu (front matter) của plan.md",
        "a list of teams" => "một danh sách các tổ công tác",
        "a list of units" => "một danh sách các đơn vị",
        "a list of visits" => "một danh sách các chuyến dự",
        "a list of members" => "một danh sách thành viên",
        "a list of cells (chi bộ trực thuộc)" => "một danh sách chi bộ trực thuộc",
        "a list of members, each { name: …, title: … }" => {
            "một danh sách thành viên, mỗi người { name: …, title: … }"
        }
        "a list of strings" => "một danh sách các đoạn chữ",
        _ => {
            if let Some(rest) = en.strip_prefix("a mapping of keys (").and_then(|r| r.strip_suffix(')')) {
                return format!("một nhóm khóa ({})", thing(rest));
            }
            if let Some(rest) = en.strip_prefix("a mapping ") {
                return format!("một nhóm khóa {rest}");
            }
            if let Some(rest) = en.strip_prefix("the front matter of ") {
                return format!("phần đầu (front matter) của {rest}");
            }
            return en.to_string();
        }
    };
    vi.to_string()
}

// --- errors ---------------------------------------------------------------------------------

/// "expected a date YYYY-MM-DD, found an integer `20240314`".
pub fn wrong_type(expected: &str, found: &str) -> String {
    pick!("cần {expected}, nhưng gặp {found}", "expected {expected}, found {found}")
}
/// The label under a wrong value.
pub fn expected_label(expected: &str) -> String {
    pick!("cần {expected}", "expected {expected}")
}
/// "an integer `42`" as found.
pub fn found_value(kind: &str, value: &str) -> String {
    format!("{} `{value}`", kind_name(kind))
}

/// What a bad value is: "date", "number"…
fn what_word(what: &str) -> String {
    if super::lang() == super::Lang::En {
        return what.to_string();
    }
    match what {
        "number" => "số",
        "date" => "ngày",
        "month" => "tháng",
        "time" => "giờ",
        "id" => "mã (id)",
        "value" => "giá trị",
        other => other,
    }
    .to_string()
}
/// "invalid date `2024-02-30`".
pub fn invalid(what: &str, value: &str) -> String {
    let w = what_word(what);
    pick!("{w} không hợp lệ `{value}`", "invalid {w} `{value}`")
}
pub fn empty_value() -> String {
    pick!("giá trị rỗng", "empty value")
}
pub fn empty_value_label() -> String {
    pick!("cần một đoạn chữ ở đây", "expected some text here")
}
pub fn missing_key(key: &str) -> String {
    pick!("thiếu khóa `{key}`", "missing key `{key}`")
}
pub fn missing_key_label(what: &str, key: &str, expected: &str) -> String {
    let what = thing(what);
    pick!("{what} cần có `{key}`: {expected}", "{what} needs `{key}`: {expected}")
}
pub fn no_value(key: &str) -> String {
    pick!("`{key}` chưa có giá trị", "no value for `{key}`")
}
pub fn no_value_help(key: &str) -> String {
    pick!("viết giá trị sau dấu hai chấm: `{key}: …`", "write the value after the colon: `{key}: …`")
}
pub fn unknown_key(key: &str) -> String {
    pick!("khóa lạ `{key}`", "unknown key `{key}`")
}
pub fn unknown_key_label() -> String {
    pick!("khóa này không có trong định dạng", "unknown key")
}
pub fn unknown_key_help(what: &str, closest: Option<&str>, allowed: &str) -> String {
    let what = thing(what);
    match closest {
        Some(c) => pick!(
            "có phải `{c}`? {what} có các khóa: {allowed}",
            "did you mean `{c}`? {what} takes: {allowed}"
        ),
        None if allowed.is_empty() => pick!("{what} không có khóa nào", "{what} takes no keys"),
        None => pick!("{what} có các khóa: {allowed}", "{what} takes: {allowed}"),
    }
}
pub fn did_you_mean(c: &str) -> String {
    pick!("có phải `{c}`?", "did you mean `{c}`?")
}
/// `deadline` before the period's first month.
pub fn deadline_before_period(deadline: &str, from: &str) -> String {
    pick!(
        "hạn hoàn thành `{deadline}` trước tháng đầu của kỳ kế hoạch (`{from}`)",
        "the deadline `{deadline}` is before the period's first month (`{from}`)"
    )
}
pub fn deadline_before_period_label(first_day: &str) -> String {
    pick!("cần một ngày từ {first_day} trở đi", "expected a day from {first_day} on")
}
pub fn deadline_before_period_help() -> String {
    pick!(
        "sửa `deadline` (hạn hoàn thành kế hoạch) hoặc `period.from`",
        "change `deadline` (the plan's deadline) or `period.from`"
    )
}
/// An id that starts with `-` (Excel would read it as a formula, the command line as an option).
pub fn id_leading_dash(s: &str) -> String {
    pick!("mã `{s}` bắt đầu bằng dấu `-`", "the id `{s}` starts with `-`")
}
pub fn id_leading_dash_label() -> String {
    pick!(
        "cần một mã gồm chữ thường a-z, chữ số và `-`, không bắt đầu bằng `-`",
        "expected an id of lowercase letters a-z, digits and `-`, not starting with `-`"
    )
}
pub fn id_leading_dash_help(v: &str) -> String {
    pick!(
        "viết `{v}`: một mã bắt đầu bằng `-` bị Excel đọc như công thức và bị dòng lệnh đọc như một tùy chọn",
        "write `{v}`: an id starting with `-` is read by Excel as a formula and by the command line as an option"
    )
}
pub fn write_it_as(v: &str) -> String {
    pick!("viết là `{v}`", "write it as `{v}`")
}
/// The help under an invalid date that exists in no calendar: "tháng 2 năm 2024 có 29 ngày".
pub fn month_has_days(year: i32, month: u32, days: u32) -> String {
    let name = en_month(month);
    pick!("tháng {month} năm {year} có {days} ngày", "{name} {year} has {days} days")
}
/// The help under a month number out of 1–12.
pub fn month_out_of_range(m: u32) -> String {
    pick!("tháng phải từ 01 đến 12 (ở đây là {m})", "the month must be from 01 to 12 (here {m})")
}
/// The help under a time out of the day.
pub fn time_out_of_range() -> String {
    pick!("giờ từ 0 đến 23, phút từ 00 đến 59", "hours from 0 to 23, minutes from 00 to 59")
}

fn en_month(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get(m.saturating_sub(1) as usize).copied().unwrap_or("?")
}

/// An error in a template (Tera's words after ours).
pub fn template_error(what: &str) -> String {
    pick!("lỗi trong mẫu trang (template): {what}", "error in a template: {what}")
}
pub fn template_error_label() -> String {
    pick!("ở đây", "here")
}

pub fn period_reversed(to: &str, from: &str) -> String {
    pick!(
        "thời gian kết thúc (`{to}`) trước khi bắt đầu (`{from}`)",
        "period ends (`{to}`) before it starts (`{from}`)"
    )
}
pub fn period_reversed_label(from: &str) -> String {
    pick!("cần một tháng không trước {from}", "expected a month not before {from}")
}
pub fn period_starts_here() -> String {
    pick!("thời gian bắt đầu ở đây", "the period starts here")
}
pub fn period_too_long(from: &str, to: &str, months: i64) -> String {
    pick!(
        "thời gian từ `{from}` đến `{to}` dài {months} tháng",
        "the period from `{from}` to `{to}` spans {months} months"
    )
}
pub fn period_too_long_label(max: i64) -> String {
    pick!(
        "tối đa {max} tháng (mỗi tháng có một trang)",
        "expected at most {max} months (the site has a page for each)"
    )
}
pub fn cell_at_top() -> String {
    pick!(
        "`chi_bo_truc_thuoc` không đặt ở cấp trên cùng",
        "invalid value `chi_bo_truc_thuoc` at the top level"
    )
}
pub fn cell_at_top_help() -> String {
    pick!(
        "chi bộ trực thuộc được viết trong `cells:` của đảng bộ của nó",
        "a chi bộ trực thuộc is written under its đảng bộ's `cells:`"
    )
}
pub fn cells_under_cell() -> String {
    pick!("`cells` trong một chi_bo_co_so", "`cells` under a chi_bo_co_so")
}
pub fn cells_under_cell_label() -> String {
    pick!("chỉ dang_bo_co_so mới có chi bộ trực thuộc", "only a dang_bo_co_so has cells")
}
pub fn cells_under_cell_help() -> String {
    pick!(
        "chi bộ cơ sở không có chi bộ trực thuộc; nếu có, viết `kind: dang_bo_co_so`",
        "a chi bộ cơ sở has no chi bộ trực thuộc; make it `kind: dang_bo_co_so`"
    )
}

/// The Vietnamese name of a value of a fixed set, as people may also write it.
pub fn vi_name(key: &str) -> Option<&'static str> {
    Some(match key {
        "dinh_ky" => "định kỳ",
        "chuyen_de" => "chuyên đề",
        "ket_hop" => "kết hợp",
        "tot" => "tốt",
        "kha" => "khá",
        "trung_binh" => "trung bình",
        "kem" => "kém",
        "dang_uy" => "đảng ủy",
        "chi_bo" => "chi bộ",
        "dang_bo_co_so" => "đảng bộ cơ sở",
        "chi_bo_co_so" => "chi bộ cơ sở",
        "planned" => "kế hoạch",
        "cancelled" => "đã hủy",
        _ => return None,
    })
}
pub fn or_vietnamese_names(names: &str) -> String {
    pick!("viết được cả tên tiếng Việt: {names}", "the Vietnamese names are read too: {names}")
}
