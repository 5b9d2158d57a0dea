//! Office files: the schedule to and from Excel, reports from Word, the plan and the
//! synthesis as Word documents in the Party's document layout (Hướng dẫn 36-HD/VPTW).
//!
//! Outputs (made with every build, beside the data files): `data/lich.xlsx`,
//! `data/bao-cao.xlsx` ([`xlsx_export`]), `ke-hoach/ke-hoach.docx` and
//! `tong-hop/tong-hop.docx` ([`docx_documents`], written by [`docx_writer`]). Commands:
//! `kehoach import schedule` ([`schedule_import`], reading tables with [`table`]) and
//! `kehoach import report` ([`report_import`], reading Word with [`docx_reader`]).

pub mod cells;
pub mod columns;
pub mod docx_documents;
pub mod docx_markdown;
pub mod docx_reader;
pub mod docx_to_markdown;
pub mod docx_writer;
pub mod report_fields;
pub mod report_import;
pub mod schedule_import;
#[cfg(test)]
mod schedule_tests;
pub mod table;
pub mod xlsx_export;

use crate::derive::Judgement;
use crate::model::Site;
use crate::output::OutputFile;
use crate::output::Sink;

/// Every office file of a build whose path passes `keep`, handed to `emit`. Restricted
/// content only with `include_restricted` (the rule of the pages).
pub fn files_into(
    site: &Site,
    judgement: &Judgement,
    include_restricted: bool,
    keep: &(dyn Fn(&str) -> bool + Sync),
    emit: &dyn Sink,
) {
    if keep(xlsx_export::SCHEDULE_PATH) {
        let bytes = xlsx_export::schedule_xlsx(site, judgement);
        emit.file(OutputFile { path: xlsx_export::SCHEDULE_PATH.into(), bytes });
    }
    if keep(xlsx_export::REPORTS_PATH) {
        let bytes = xlsx_export::reports_xlsx(site, judgement, include_restricted);
        emit.file(OutputFile { path: xlsx_export::REPORTS_PATH.into(), bytes });
    }
    if keep(docx_documents::PLAN_PATH) {
        let bytes = docx_documents::plan_docx(site);
        emit.file(OutputFile { path: docx_documents::PLAN_PATH.into(), bytes });
    }
    if keep(docx_documents::SYNTHESIS_PATH) {
        let bytes = docx_documents::synthesis_docx(site, judgement, include_restricted);
        emit.file(OutputFile { path: docx_documents::SYNTHESIS_PATH.into(), bytes });
    }
}

/// `kehoach import schedule`: what to print on success, or the messages of the failure.
pub fn import_schedule_cli(
    root: &std::path::Path,
    file: &std::path::Path,
    replace: bool,
) -> Result<String, String> {
    match schedule_import::run(root, file, replace) {
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
