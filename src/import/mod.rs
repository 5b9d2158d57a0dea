//! The commands that read office files into content: `kehoach import schedule` (Excel or
//! CSV → the schedule, [`schedule_import`], reading tables with `office::table` and cells
//! with [`cells`]) and `kehoach import report` (Word → a report, [`report_import`], through
//! [`docx_to_markdown`] and [`report_fields`]). Above the build: they load the site to
//! match names and check what they write.

pub mod cells;
pub mod docx_to_markdown;
pub mod report_fields;
pub mod report_import;
pub mod schedule_import;
#[cfg(test)]
mod schedule_tests;

/// `kehoach import schedule`: what to print on success, or the messages of the failure.
pub fn import_schedule_cli(
    root: &std::path::Path,
    plan: Option<&str>,
    file: &std::path::Path,
    replace: bool,
) -> Result<String, String> {
    let base = crate::load::several::plan_base(root, plan).map_err(|e| format!("lỗi: {e}\n"))?;
    match schedule_import::run_in(root, &base, file, replace) {
        Ok(done) => {
            let mut s = format!("đã ghi {} lượt dự vào {}\n", done.visits, done.path.display());
            for r in &done.removed {
                s.push_str(&format!("đã xóa {} (thay bằng lịch mới)\n", r.display()));
            }
            s.push_str("tiếp theo: `kehoach check` để kiểm tra lịch\n");
            Ok(s)
        }
        Err((file, e)) => Err(schedule_import::message(&file, &e)),
    }
}
