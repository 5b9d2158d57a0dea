//! `kehoach import report FILE.docx --visit ID [--root DIR]`: the report of a visit from
//! the team's Word document. The front matter is the one `kehoach new report` writes,
//! with the keys the document states ([`super::report_fields`]) filled in and marked; the
//! body is the document as Markdown ([`super::docx_to_markdown`]). Images are left out
//! (their description kept), footnotes kept in brackets where they are referred to; both
//! are counted in the message. The file is written only if no report on the
//! visit exists.

use super::docx_to_markdown::markdown;
use super::report_fields::{Fields, find};
use crate::office::docx_reader::{self, DBlock, Docx};
use crate::scaffold::new_report::{NewReportError, find_visit, report_path, report_text};
use crate::scaffold::yaml_str;
use std::path::{Path, PathBuf};

/// What an import wrote.
pub struct Imported {
    pub path: PathBuf,
    /// The keys taken from the document.
    pub taken: Vec<&'static str>,
    pub images: usize,
    pub footnotes: usize,
}

/// The lines the keys are looked for in: each paragraph, and each table row's cells
/// joined by ": ".
fn lines(doc: &Docx) -> Vec<String> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            DBlock::P(p) => out.extend(p.text().split('\n').map(str::to_string)),
            DBlock::T(rows) => {
                for row in rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| c.iter().map(|p| p.text()).collect::<Vec<_>>().join(" "))
                        .filter(|s| !s.trim().is_empty())
                        .collect();
                    out.push(cells.join(": "));
                }
            }
        }
    }
    out
}

const TAKEN: &str = "lấy từ tài liệu Word";

/// Replace the line of `key` (written or commented out) in the front matter `fm`.
fn set(fm: &mut Vec<String>, key: &str, value: String) {
    let line = format!("{:<27} # {TAKEN}", format!("{key}: {value}"));
    let starts = |l: &String| l.starts_with(&format!("{key}:")) || l.starts_with(&format!("# {key}:"));
    match fm.iter().position(starts) {
        Some(k) => fm[k] = line,
        None => fm.push(line),
    }
}

/// The text of the report: `new report`'s, with `fields` filled in, and `body`.
pub fn report_file(scaffold: &str, fields: &Fields, body: &str) -> String {
    let fm_text =
        scaffold.strip_prefix("---\n").and_then(|s| s.split_once("\n---\n")).map_or("", |(fm, _)| fm);
    let mut fm: Vec<String> = fm_text.lines().map(str::to_string).collect();
    let q = |t: chrono::NaiveTime| format!("\"{}\"", crate::vi::time(t));
    if let Some(d) = fields.held_on {
        set(&mut fm, "held_on", d.to_string());
        let line =
            format!("{:<27} # ngày báo cáo đến Ban Tổ chức: sửa khi gửi", format!("submitted_on: {d}"));
        if let Some(k) = fm.iter().position(|l| l.starts_with("submitted_on:")) {
            fm[k] = line;
        }
    }
    if let Some(t) = fields.started_at {
        set(&mut fm, "started_at", q(t));
        if fields.ended_at.is_none() {
            // `new report`'s guess of the end belongs to its guess of the start.
            fm.retain(|l| !l.starts_with("ended_at:"));
            if !fm.iter().any(|l| l.starts_with("# ended_at:")) {
                fm.push("# ended_at: \"16:00\"".into());
            }
        }
    }
    if let Some(t) = fields.ended_at {
        set(&mut fm, "ended_at", q(t));
    }
    if let Some(c) = &fields.chair {
        set(&mut fm, "chair", yaml_str(c));
    }
    if let Some(s) = fields.speakers {
        set(&mut fm, "speakers", s.to_string());
    }
    if let Some(r) = fields.rating {
        set(&mut fm, "rating", r.to_string());
    }
    if let Some(s) = fields.score.filter(|s| *s <= 100) {
        set(&mut fm, "score", s.to_string());
    }
    let counts = [fields.total, fields.exempt, fields.present, fields.excused, fields.unexcused];
    if counts.iter().any(Option::is_some) {
        let scaffold_total = fm
            .iter()
            .find(|l| l.starts_with("attendance:"))
            .and_then(|l| l.split("total: ").nth(1))
            .and_then(|s| s.split(',').next())
            .and_then(|s| s.trim().parse::<u32>().ok())
            .unwrap_or(0);
        let exempt = fields.exempt.unwrap_or(0);
        let excused = fields.excused.unwrap_or(0);
        let unexcused = fields.unexcused.unwrap_or(0);
        let total = fields
            .total
            .or(fields.present.map(|p| p + excused + unexcused + exempt))
            .unwrap_or(scaffold_total);
        let present = fields.present.unwrap_or_else(|| total.saturating_sub(exempt + excused + unexcused));
        // `new report` writes attendance as a block of five lines: they go with it.
        if let Some(k) = fm.iter().position(|l| l.starts_with("attendance:")) {
            while fm.get(k + 1).is_some_and(|l| l.starts_with("  ")) {
                fm.remove(k + 1);
            }
        }
        set(
            &mut fm,
            "attendance",
            format!(
                "{{ total: {total}, exempt: {exempt}, present: {present}, excused: {excused}, unexcused: {unexcused} }}"
            ),
        );
    }
    format!("---\n{}\n---\n{body}", fm.join("\n"))
}

/// Why the import wrote nothing, in Vietnamese.
fn visit_error(e: NewReportError) -> String {
    match e {
        NewReportError::Content(f) => format!(
            "{}\nlỗi: nội dung của trang có {} lỗi; sửa trước khi nhập báo cáo\n",
            f.render(),
            f.errors.len()
        ),
        NewReportError::UnknownVisit { id, closest } => {
            let mut s = format!("lỗi: lịch không có lượt dự mã `{id}`\n");
            if !closest.is_empty() {
                let list: Vec<String> = closest.iter().map(|c| format!("`{c}`")).collect();
                s.push_str(&format!("   = gợi ý: các mã gần nhất: {}\n", list.join(", ")));
            }
            s
        }
        NewReportError::Cancelled { id } => format!(
            "lỗi: lượt dự `{id}` đã hủy trong lịch; không cần báo cáo\n   = gợi ý: nếu buổi sinh hoạt vẫn diễn ra, bỏ `status: cancelled` của lượt dự trước\n"
        ),
        NewReportError::AlreadyReported { id, file } => {
            format!("lỗi: lượt dự `{id}` đã có báo cáo: {file}; không ghi đè\n")
        }
        NewReportError::Exists(p) => format!("lỗi: `{}` đã có; không ghi đè\n", p.display()),
        NewReportError::Io(p, e) => format!("lỗi: không ghi được `{}`: {e}\n", p.display()),
    }
}

/// Read `file` and write the report of `visit_id`.
pub fn run(root: &Path, file: &Path, visit_id: &str) -> Result<Imported, String> {
    run_in(root, "content", file, visit_id)
}

/// [`run`] in the plan of the folder `base` (`content`, or `content/<plan>`).
pub fn run_in(root: &Path, base: &str, file: &Path, visit_id: &str) -> Result<Imported, String> {
    let shown = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| format!("lỗi: không đọc được `{shown}`: {e}\n"))?;
    let doc = docx_reader::read(&bytes).map_err(|e| format!("lỗi: {shown}: {}\n", e.0))?;
    let loaded = crate::build::load_at(root, base).map_err(|f| visit_error(NewReportError::Content(f)))?;
    let visit = find_visit(&loaded.site, visit_id).map_err(visit_error)?;
    let fields = find(&lines(&doc));
    let text = report_file(&report_text(&loaded.site, visit), &fields, &markdown(&doc));
    let path = root.join(report_path(visit));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| visit_error(NewReportError::Io(dir.to_path_buf(), e)))?;
    }
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            visit_error(NewReportError::Exists(path.clone()))
        } else {
            visit_error(NewReportError::Io(path.clone(), e))
        }
    })?;
    std::io::Write::write_all(&mut f, text.as_bytes())
        .map_err(|e| visit_error(NewReportError::Io(path.clone(), e)))?;
    Ok(Imported { path, taken: fields.names(), images: doc.images, footnotes: doc.footnotes })
}

/// What `kehoach import report` prints.
pub fn cli(root: &Path, plan: Option<&str>, file: &Path, visit_id: &str) -> Result<String, String> {
    let base = crate::load::several::plan_base(root, plan).map_err(|e| format!("lỗi: {e}\n"))?;
    let done = run_in(root, &base, file, visit_id)?;
    let mut s = format!("đã ghi {}\n", done.path.display());
    if done.taken.is_empty() {
        s.push_str(
            "tài liệu không ghi rõ thời gian, số đảng viên dự…: các khóa lấy theo lịch, cần sửa tay\n",
        );
    } else {
        s.push_str(&format!("lấy từ tài liệu: {}\n", done.taken.join(", ")));
    }
    if done.images > 0 || done.footnotes > 0 {
        s.push_str(&format!(
            "lưu ý: đã bỏ {} hình ảnh (giữ lời mô tả nếu có) và giữ {} chú thích cuối trang trong ngoặc `(chú thích: …)`; thêm lại hình bằng tay nếu cần\n",
            done.images, done.footnotes
        ));
    }
    s.push_str("tiếp theo: đọc lại báo cáo, sửa các khóa còn đoán, rồi `kehoach check`\n");
    Ok(s)
}
