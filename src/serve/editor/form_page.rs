//! The two forms as HTML: a report (every front matter key as its own input, in
//! Vietnamese) and a visit of the schedule. Field names are the front matter keys
//! (FORMAT.md, "The editor"); each field has its label, a hint, and a place for its
//! messages that the server fills (422) and the script fills as the user types.

use super::pages::{BASE, layout};
use crate::model::{MeetingKind, Rating};
use crate::serve::overlay::escape;
use std::collections::BTreeMap;

/// What a form shows besides its fields.
#[derive(Clone, Debug, Default)]
pub struct FormState {
    pub token: String,
    /// The fingerprint of the file when the form was opened.
    pub hash: String,
    pub values: BTreeMap<String, String>,
    /// Messages by field name.
    pub errors: BTreeMap<String, Vec<String>>,
    /// Messages that belong to no field.
    pub general: Vec<String>,
    /// Findings (the save is allowed).
    pub warnings: Vec<String>,
    /// The file as it is on disk now, when it changed since the form was opened.
    pub conflict: Option<String>,
    /// The body rendered by the site's own Markdown renderer (sanitised HTML).
    pub preview: Option<String>,
}

impl FormState {
    fn v(&self, k: &str) -> &str {
        self.values.get(k).map(String::as_str).unwrap_or("")
    }
}

/// Who and what a report is about.
pub struct ReportInfo {
    pub visit: String,
    /// E.g. "Tổ công tác số 1 · Dự sinh hoạt chi bộ · Chi bộ Văn phòng · tháng 3/2024".
    pub about: String,
    /// For a chi bộ trực thuộc: the name of its đảng bộ (who sends the đảng ủy viên).
    pub parent: Option<String>,
    pub due_days: u32,
    /// The plan's minimum lengths of a meeting (`rules:`), for the hint under the end time.
    pub rules: crate::model::Rules,
    pub existing: bool,
}

/// An id for a field name (`attendance.total` → `attendance-total`).
fn id(name: &str) -> String {
    name.replace('.', "-")
}

/// The messages of a field, and the attributes that tie them to its input.
fn messages(st: &FormState, name: &str, hint: bool) -> (String, String) {
    let i = id(name);
    let errs = st.errors.get(name).map(Vec::as_slice).unwrap_or(&[]);
    let text: String = errs.iter().map(|e| format!("<span>{}</span>", escape(e))).collect();
    let mut described = format!("{i}-loi");
    if hint {
        described = format!("{i}-goi-y {described}");
    }
    let invalid = if errs.is_empty() { "" } else { " aria-invalid=\"true\"" };
    (
        format!("<p class=\"st-loi\" id=\"{i}-loi\" data-loi-cho=\"{}\">{text}</p>", escape(name)),
        format!(" aria-describedby=\"{described}\"{invalid}"),
    )
}

fn hint_html(name: &str, hint: &str) -> String {
    if hint.is_empty() {
        String::new()
    } else {
        format!("<p class=\"st-goi-y\" id=\"{}-goi-y\">{}</p>", id(name), escape(hint))
    }
}

/// Can `v` stand in an input of type `kind`? (A value the browser would refuse is shown in
/// a text input instead, so that the form keeps what was typed.)
fn fits(kind: &str, v: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match kind {
        "date" => v.len() == 10 && chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
        "time" => v.len() == 5 && chrono::NaiveTime::parse_from_str(v, "%H:%M").is_ok(),
        "number" => digits(v),
        _ => true,
    }
}

/// A form's opening: its address (also asked while the user types, `…/kiem-tra`), the
/// run's token and the hash of the file as it was when the form was opened.
fn form_open(st: &FormState, action: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{a}\" data-kiem-tra=\"{a}kiem-tra\" novalidate>\
<input type=\"hidden\" name=\"_token\" value=\"{}\"><input type=\"hidden\" name=\"_hash\" value=\"{}\">",
        escape(&st.token),
        escape(&st.hash),
        a = escape(action)
    )
}

/// `<input>` with its label, hint and messages.
fn input(st: &FormState, name: &str, label: &str, kind: &str, hint: &str, extra: &str) -> String {
    let kind = if st.v(name).is_empty() || fits(kind, st.v(name)) { kind } else { "text" };
    let (msgs, aria) = messages(st, name, !hint.is_empty());
    format!(
        "<div class=\"st-o\"><label for=\"{i}\">{}</label><input type=\"{kind}\" id=\"{i}\" name=\"{n}\" value=\"{}\"{extra}{aria}>{}{msgs}</div>",
        escape(label),
        escape(st.v(name)),
        hint_html(name, hint),
        i = id(name),
        n = escape(name),
    )
}

/// `<select>` of (key, Vietnamese name); a value not among them is kept as a choice.
fn select(st: &FormState, name: &str, label: &str, choices: &[(&str, &str)], hint: &str) -> String {
    let (msgs, aria) = messages(st, name, !hint.is_empty());
    let cur = st.v(name);
    let mut opts = String::new();
    if !choices.iter().any(|(k, _)| *k == cur) {
        let shown =
            if cur.is_empty() { "— chọn —".to_string() } else { format!("{cur} (không hợp lệ)") };
        opts.push_str(&format!("<option value=\"{}\" selected>{}</option>", escape(cur), escape(&shown)));
    }
    for (k, l) in choices {
        let sel = if *k == cur { " selected" } else { "" };
        opts.push_str(&format!("<option value=\"{}\"{sel}>{}</option>", escape(k), escape(l)));
    }
    format!(
        "<div class=\"st-o\"><label for=\"{i}\">{}</label><select id=\"{i}\" name=\"{n}\"{aria}>{opts}</select>{}{msgs}</div>",
        escape(label),
        hint_html(name, hint),
        i = id(name),
        n = escape(name),
    )
}

fn textarea(st: &FormState, name: &str, label: &str, rows: u32, hint: &str) -> String {
    let (msgs, aria) = messages(st, name, !hint.is_empty());
    // The line end after the tag: HTML drops one leading line end of a textarea's text.
    format!(
        "<div class=\"st-o st-rong\"><label for=\"{i}\">{}</label>{}<textarea id=\"{i}\" name=\"{n}\" rows=\"{rows}\"{aria}>\n{}</textarea>{msgs}</div>",
        escape(label),
        hint_html(name, hint),
        escape(st.v(name)),
        i = id(name),
        n = escape(name),
    )
}

/// The summary above a form: errors (linked to their fields), warnings, a conflict.
fn summary(st: &FormState, labels: &[(&str, &str)]) -> String {
    let mut s = String::from("<div id=\"st-tong-hop\" aria-live=\"polite\">");
    let n: usize = st.errors.values().map(Vec::len).sum::<usize>() + st.general.len();
    if n > 0 {
        s.push_str(&format!(
            "<section class=\"st-loi-chung\" role=\"alert\" aria-labelledby=\"tong-loi\"><h2 id=\"tong-loi\">Chưa lưu: có {n} lỗi cần sửa</h2><ul>"
        ));
        for (field, errs) in &st.errors {
            let label = labels.iter().find(|(k, _)| k == field).map(|(_, l)| *l).unwrap_or(field);
            for e in errs {
                s.push_str(&format!(
                    "<li><a href=\"#{}\">{}</a>: {}</li>",
                    id(field),
                    escape(label),
                    escape(e)
                ));
            }
        }
        for e in &st.general {
            s.push_str(&format!("<li>{}</li>", escape(e)));
        }
        s.push_str("</ul></section>");
    }
    if !st.warnings.is_empty() {
        s.push_str("<section class=\"st-canh-bao\" aria-labelledby=\"canh-bao\"><h2 id=\"canh-bao\">Lưu ý theo quy định (vẫn lưu được)</h2><ul>");
        for w in &st.warnings {
            s.push_str(&format!("<li>{}</li>", escape(w)));
        }
        s.push_str("</ul></section>");
    }
    s.push_str("</div>");
    if let Some(disk) = &st.conflict {
        s.push_str(&format!(
            "<section class=\"st-loi-chung\" role=\"alert\" aria-labelledby=\"xung-dot\"><h2 id=\"xung-dot\">Tệp đã bị sửa ở nơi khác</h2>\
<p>Từ khi mở biểu mẫu này, tệp trên đĩa đã thay đổi nên chưa lưu gì. Dưới đây là nội dung hiện có trên đĩa; \
biểu mẫu vẫn giữ những gì bạn đã nhập. Bấm Lưu lần nữa để ghi đè bằng nội dung của biểu mẫu, hoặc mở lại biểu mẫu để bắt đầu từ nội dung trên đĩa.</p>\
<pre class=\"st-dia\">{}</pre></section>",
            escape(disk)
        ));
    }
    s
}

const REPORT_LABELS: [(&str, &str); 19] = [
    ("held_on", "Ngày sinh hoạt"),
    ("started_at", "Giờ bắt đầu"),
    ("ended_at", "Giờ kết thúc"),
    ("submitted_on", "Ngày nộp báo cáo"),
    ("author", "Người viết báo cáo"),
    ("accompanied_by", "Đảng ủy viên đi cùng"),
    ("chair", "Người chủ trì"),
    ("meeting", "Hình thức sinh hoạt"),
    ("topic", "Chủ đề"),
    ("attendance", "Số đảng viên"),
    ("attendance.total", "Tổng số"),
    ("attendance.exempt", "Miễn sinh hoạt"),
    ("attendance.present", "Có mặt"),
    ("attendance.excused", "Vắng có lý do"),
    ("attendance.unexcused", "Vắng không lý do"),
    ("speakers", "Số đảng viên phát biểu"),
    ("rating", "Đánh giá của tổ"),
    ("score", "Điểm theo phiếu chấm"),
    ("restricted", "Hạn chế công bố"),
];

fn label(k: &str) -> &'static str {
    REPORT_LABELS.iter().find(|(n, _)| *n == k).map(|(_, l)| *l).unwrap_or("Nội dung báo cáo")
}

/// The report form of a visit.
pub fn report(info: &ReportInfo, st: &FormState) -> String {
    let action = format!("{BASE}bao-cao/{}/", info.visit);
    let mut f = String::new();
    let mut labels = REPORT_LABELS.to_vec();
    labels.push(("body", "Nội dung báo cáo"));
    f.push_str(&format!("<p class=\"st-ve\">{}</p>", escape(&info.about)));
    f.push_str(&summary(st, &labels));
    f.push_str(&form_open(st, &action));
    f.push_str("<fieldset><legend>Thời gian</legend><div class=\"st-hang\">");
    f.push_str(&input(
        st,
        "held_on",
        label("held_on"),
        "date",
        "Ngày buổi sinh hoạt thực tế diễn ra.",
        " required",
    ));
    f.push_str(&input(st, "started_at", label("started_at"), "time", "", ""));
    f.push_str(&input(
        st,
        "ended_at",
        label("ended_at"),
        "time",
        &format!(
            "Buổi sinh hoạt ít nhất {} phút ({} phút với định kỳ kết hợp chuyên đề).",
            info.rules.min_minutes, info.rules.min_minutes_combined
        ),
        "",
    ));
    f.push_str(&input(
        st,
        "submitted_on",
        label("submitted_on"),
        "date",
        &format!(
            "Ngày báo cáo đến Ban Tổ chức; đúng hạn nếu trong {} ngày sau buổi sinh hoạt.",
            info.due_days
        ),
        " required",
    ));
    f.push_str("</div></fieldset><fieldset><legend>Người tham gia</legend><div class=\"st-hang\">");
    f.push_str(&input(
        st,
        "author",
        label("author"),
        "text",
        "Thường là tổ trưởng tổ công tác.",
        " required",
    ));
    // Only for a chi bộ trực thuộc; elsewhere only to keep (or empty) a value already written.
    let companion = match &info.parent {
        Some(parent) => {
            Some(format!("Bắt buộc với chi bộ trực thuộc: họ tên đảng ủy viên của {parent} đi cùng tổ."))
        }
        None if !st.v("accompanied_by").is_empty() => {
            Some("Chỉ cần khi dự sinh hoạt chi bộ trực thuộc.".into())
        }
        None => None,
    };
    if let Some(hint) = companion {
        f.push_str(&input(st, "accompanied_by", label("accompanied_by"), "text", &hint, ""));
    }
    f.push_str(&input(st, "chair", label("chair"), "text", "Đồng chí chủ trì buổi sinh hoạt.", ""));
    f.push_str("</div></fieldset><fieldset><legend>Buổi sinh hoạt</legend><div class=\"st-hang\">");
    let meetings: Vec<(&str, &str)> = [MeetingKind::DinhKy, MeetingKind::ChuyenDe, MeetingKind::KetHop]
        .iter()
        .map(|m| (m.key(), m.label()))
        .collect();
    f.push_str(&select(st, "meeting", label("meeting"), &meetings, ""));
    f.push_str(&input(st, "topic", label("topic"), "text", "Với sinh hoạt chuyên đề và kết hợp.", ""));
    f.push_str("</div></fieldset>");
    let (att_msgs, _) = messages(st, "attendance", false);
    f.push_str(&format!(
        "<fieldset><legend>Số đảng viên</legend><p class=\"st-goi-y\">Có mặt + vắng có lý do + vắng không lý do \
phải bằng tổng số trừ số miễn sinh hoạt.</p>{att_msgs}<div class=\"st-hang st-so\">"
    ));
    for sub in ["total", "exempt", "present", "excused", "unexcused"] {
        let name = format!("attendance.{sub}");
        f.push_str(&input(st, &name, label(&name), "number", "", " min=\"0\" inputmode=\"numeric\""));
    }
    f.push_str("</div></fieldset><fieldset><legend>Đánh giá</legend><div class=\"st-hang\">");
    f.push_str(&input(st, "speakers", label("speakers"), "number", "", " min=\"0\" inputmode=\"numeric\""));
    let ratings: Vec<(&str, &str)> = [Rating::Tot, Rating::Kha, Rating::TrungBinh, Rating::Kem]
        .iter()
        .map(|r| (r.key(), r.label()))
        .collect();
    f.push_str(&select(st, "rating", label("rating"), &ratings, ""));
    f.push_str(&input(
        st,
        "score",
        label("score"),
        "number",
        "Từ 0 đến 100 (tốt từ 90, khá từ 70, trung bình từ 50); để trống nếu không chấm.",
        " min=\"0\" max=\"100\" inputmode=\"numeric\"",
    ));
    let (msgs, aria) = messages(st, "restricted", true);
    let checked = if matches!(st.v("restricted"), "true" | "on") { " checked" } else { "" };
    f.push_str(&format!(
        "<div class=\"st-o st-chon\"><input type=\"checkbox\" id=\"restricted\" name=\"restricted\" value=\"true\"{checked}{aria}>\
<label for=\"restricted\">{}</label><p class=\"st-goi-y\" id=\"restricted-goi-y\">Đánh dấu khi báo cáo không được công bố trong bản dựng chung (chỉ Ban Thường vụ xem).</p>{msgs}</div>",
        label("restricted")
    ));
    f.push_str("</div></fieldset>");
    f.push_str(&textarea(
        st,
        "body",
        "Nội dung báo cáo",
        22,
        "Viết dưới các đề mục có sẵn (dòng bắt đầu bằng ##). Mục «Đề xuất, kiến nghị» được đưa vào báo cáo tổng hợp gửi Ban Thường vụ.",
    ));
    if let Some(html) = &st.preview {
        // Already sanitised by the renderer the site is built with.
        f.push_str(&format!(
            "<section class=\"st-xem-truoc\" aria-labelledby=\"xem-truoc\"><h2 id=\"xem-truoc\">Xem trước nội dung \
(chưa lưu)</h2><div class=\"st-xem\">{html}</div></section>"
        ));
    }
    f.push_str(&format!(
        "<p class=\"st-nut\"><button type=\"submit\">Lưu báo cáo</button> \
<button type=\"submit\" class=\"st-phu\" formaction=\"{}xem-truoc\">Xem trước nội dung</button> \
<a href=\"{BASE}\">Hủy, về danh sách</a></p></form>",
        escape(&action)
    ));
    let title = if info.existing { "Sửa báo cáo" } else { "Viết báo cáo" };
    layout(title, &f)
}

/// Who and what a visit is.
pub struct VisitInfo {
    pub visit: String,
    pub about: String,
    /// The file it is written in.
    pub file: String,
}

/// The schedule form of a visit.
pub fn schedule(info: &VisitInfo, st: &FormState) -> String {
    let action = format!("{BASE}lich/{}/", info.visit);
    let labels = [
        ("date", "Ngày sinh hoạt"),
        ("time", "Giờ bắt đầu"),
        ("place", "Địa điểm"),
        ("status", "Tình trạng"),
        ("note", "Ghi chú"),
    ];
    let mut f = format!(
        "<p class=\"st-ve\">{}</p><p class=\"st-goi-y\">Ghi vào tệp <code>{}</code>; chỉ các dòng của lượt dự này thay đổi.</p>",
        escape(&info.about),
        escape(&info.file)
    );
    f.push_str(&summary(st, &labels));
    f.push_str(&form_open(st, &action));
    f.push_str("<div class=\"st-hang\">");
    f.push_str(&input(
        st,
        "date",
        "Ngày sinh hoạt",
        "date",
        "Để trống khi chưa thống nhất được ngày với đơn vị.",
        "",
    ));
    f.push_str(&input(st, "time", "Giờ bắt đầu", "time", "", ""));
    f.push_str(&input(st, "place", "Địa điểm", "text", "", ""));
    f.push_str(&select(
        st,
        "status",
        "Tình trạng",
        &[("planned", "Theo kế hoạch"), ("cancelled", "Đã hủy")],
        "",
    ));
    f.push_str("</div>");
    f.push_str(&textarea(st, "note", "Ghi chú", 3, "Lý do khi hủy hoặc dời lịch."));
    f.push_str(&format!(
        "<p class=\"st-nut\"><button type=\"submit\">Lưu lịch</button> <a href=\"{BASE}\">Hủy, về danh sách</a></p></form>"
    ));
    layout("Sửa lịch dự sinh hoạt", &f)
}
