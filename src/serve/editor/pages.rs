//! The editor's pages that are not forms: the frame every page shares, the list of what is
//! left to write, and the refusals (403, 404, 413). Pure functions of their data; every
//! value is escaped. No inline script or style: the page's CSS and JS are files under
//! `/__kehoach/soan/tai-nguyen/` (the CSP is `script-src 'self'; style-src 'self'`).

use crate::serve::overlay::escape;

/// Where the editor lives.
pub const BASE: &str = "/__kehoach/soan/";
pub const CSS: &str = "/__kehoach/soan/tai-nguyen/soan-thao.css";
/// The site's icon (the theme's, at the site root under serve): without it the browser asks
/// for `/favicon.ico`, which the site does not have.
pub const ICON: &str = "/static/favicon.svg";
pub const JS: &str = "/__kehoach/soan/tai-nguyen/soan-thao.js";

/// A whole page: `title` in the tab and as the heading, `main` inside `<main>`.
pub fn layout(title: &str, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{t} — Soạn thảo</title><link rel=\"icon\" href=\"{ICON}\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"{CSS}\"><script src=\"{JS}\" defer></script></head>\
<body><header class=\"st-dau\"><a href=\"{BASE}\">Soạn thảo</a> · <a href=\"/\">Về trang kế hoạch</a>\
<span class=\"st-ghichu\">Chỉ có khi chạy kehoach serve trên máy này</span></header>\
<main id=\"noi-dung\"><h1>{t}</h1>\n{main}</main></body></html>\n",
        t = escape(title)
    )
}

/// A refusal or a missing page.
pub fn message_page(title: &str, text: &str) -> String {
    layout(title, &format!("<p>{}</p><p><a href=\"{BASE}\">Về danh sách cần soạn</a></p>", escape(text)))
}

/// A date as Vietnamese write it: 07/03/2024.
pub fn date_vi(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// One visit without a report.
pub struct Pending {
    pub visit: String,
    pub month: String,
    pub unit: String,
    pub kind: String,
    /// The planned day, in words, or "chưa có ngày".
    pub day: String,
    pub status: String,
    pub overdue: bool,
    pub due: String,
}

/// One team's visits without a report, overdue ones first.
pub struct TeamPending {
    pub team: String,
    pub rows: Vec<Pending>,
}

/// One report that exists.
pub struct Written {
    pub visit: String,
    pub team: String,
    pub month: String,
    pub unit: String,
    pub held_on: String,
}

/// What the list shows besides the tables.
pub struct ListNotes {
    /// Files written in this run, not yet committed (with the git action when in git).
    pub uncommitted: Vec<String>,
    pub git: bool,
    pub token: String,
    /// A message after an action (a commit).
    pub notice: Option<String>,
    /// The site's errors, when it cannot be read.
    pub errors: Vec<String>,
    /// Where the plan's pages are served: `` or `/<plan>`.
    pub site_prefix: String,
}

/// `/__kehoach/soan/`: what is left to write, per team, and every report.
pub fn list(teams: &[TeamPending], reports: &[Written], notes: &ListNotes) -> String {
    let mut m = String::new();
    if let Some(n) = &notes.notice {
        m.push_str(&format!("<p class=\"st-bao\" role=\"status\">{}</p>", escape(n)));
    }
    if !notes.errors.is_empty() {
        m.push_str("<section class=\"st-loi-chung\" aria-labelledby=\"loi-nd\"><h2 id=\"loi-nd\">Nội dung đang có lỗi</h2>\
<p>Sửa các lỗi này trong tệp (hoặc hỏi người quản lý trang) rồi tải lại trang này.</p><ul>");
        for e in &notes.errors {
            m.push_str(&format!("<li>{}</li>", escape(e)));
        }
        m.push_str("</ul></section>");
    }
    m.push_str(&git_box(notes));
    m.push_str("<section aria-labelledby=\"chua-bc\"><h2 id=\"chua-bc\">Lượt dự chưa có báo cáo</h2>");
    if teams.iter().all(|t| t.rows.is_empty()) && notes.errors.is_empty() {
        m.push_str("<p>Mọi lượt dự đã có báo cáo.</p>");
    }
    for t in teams.iter().filter(|t| !t.rows.is_empty()) {
        m.push_str(&format!(
            "<h3>{}</h3><table><thead><tr><th scope=\"col\">Tháng</th><th scope=\"col\">Đơn vị</th>\
<th scope=\"col\">Loại</th><th scope=\"col\">Ngày</th><th scope=\"col\">Tình trạng</th><th scope=\"col\">Soạn</th></tr></thead><tbody>",
            escape(&t.team)
        ));
        for r in &t.rows {
            let status = if r.overdue {
                format!(
                    "<strong class=\"st-quahan\">{}</strong> (hạn nộp {})",
                    escape(&r.status),
                    escape(&r.due)
                )
            } else {
                format!("{} (hạn nộp {})", escape(&r.status), escape(&r.due))
            };
            m.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{status}</td><td>\
<a href=\"{BASE}bao-cao/{v}/\">Viết báo cáo<span class=\"st-an\"> {u}, {mo}</span></a> · \
<a href=\"{BASE}lich/{v}/\">Sửa lịch<span class=\"st-an\"> {u}, {mo}</span></a></td></tr>",
                escape(&r.month),
                escape(&r.unit),
                escape(&r.kind),
                escape(&r.day),
                v = escape(&r.visit),
                u = escape(&r.unit),
                mo = escape(&r.month),
            ));
        }
        m.push_str("</tbody></table>");
    }
    m.push_str("</section><section aria-labelledby=\"da-bc\"><h2 id=\"da-bc\">Báo cáo đã có</h2>");
    if reports.is_empty() {
        m.push_str("<p>Chưa có báo cáo nào.</p>");
    } else {
        m.push_str(
            "<table><thead><tr><th scope=\"col\">Tổ</th><th scope=\"col\">Tháng</th><th scope=\"col\">Đơn vị</th>\
<th scope=\"col\">Ngày sinh hoạt</th><th scope=\"col\">Soạn</th></tr></thead><tbody>",
        );
        for r in reports {
            m.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{BASE}bao-cao/{v}/\">Sửa báo cáo<span class=\"st-an\"> {u}, {mo}</span></a> · \
<a href=\"{p}/bao-cao/{v}/\">Xem<span class=\"st-an\"> báo cáo {u}, {mo}</span></a></td></tr>",
                escape(&r.team),
                escape(&r.month),
                escape(&r.unit),
                escape(&r.held_on),
                v = escape(&r.visit),
                u = escape(&r.unit),
                mo = escape(&r.month),
                p = escape(&notes.site_prefix),
            ));
        }
        m.push_str("</tbody></table>");
    }
    m.push_str("</section>");
    layout("Việc cần soạn", &m)
}

/// The "Ghi nhận" (commit) action, when the site is in git and files were written.
pub fn git_box(notes: &ListNotes) -> String {
    if notes.uncommitted.is_empty() {
        return String::new();
    }
    let files: String =
        notes.uncommitted.iter().map(|f| format!("<li><code>{}</code></li>", escape(f))).collect();
    let action = if notes.git {
        format!(
            "<form method=\"post\" action=\"{BASE}ghi-nhan\"><input type=\"hidden\" name=\"_token\" value=\"{}\">\
<button type=\"submit\">Ghi nhận (commit) các tệp này vào git</button></form>",
            escape(&notes.token)
        )
    } else {
        String::new()
    };
    format!(
        "<section class=\"st-git\" aria-labelledby=\"da-luu\"><h2 id=\"da-luu\">Tệp đã lưu trong phiên này</h2><ul>{files}</ul>{action}</section>"
    )
}
