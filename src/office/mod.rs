//! Office files written with every build: the schedule and the reports as Excel workbooks,
//! the plan and the synthesis as Word documents in the Party's document layout (Hướng dẫn
//! 36-HD/VPTW).
//!
//! `data/lich.xlsx`, `data/bao-cao.xlsx` ([`xlsx_export`]), `ke-hoach/ke-hoach.docx` and
//! `tong-hop/tong-hop.docx` ([`docx_documents`], written by [`docx_writer`]); the column
//! names ([`columns`]), the table reader ([`table`]) and the Word reader ([`docx_reader`]) are shared with the commands
//! that read office files back (`crate::import`).

pub mod columns;
pub mod docx_documents;
pub mod docx_markdown;
pub mod docx_reader;
pub mod docx_writer;
pub mod table;
pub mod xlsx_export;

use crate::derive::Judgement;
use crate::model::Site;
use crate::output::OutputFile;
use crate::output::Sink;

/// Every office file of a build whose path passes `keep`, handed to `emit`. Restricted
/// content only with `include_restricted` (the rule of the pages).
/// The office files a build writes, each with what it is made from: the schedule and the
/// reports workbooks and the synthesis from every visit and report; the plan from the plan.
pub fn declared() -> Vec<crate::output::Declared> {
    use crate::output::{Declared, Dep};
    vec![
        Declared::new(xlsx_export::SCHEDULE_PATH, vec![Dep::Reports]),
        Declared::new(xlsx_export::REPORTS_PATH, vec![Dep::Reports]),
        Declared::new(docx_documents::PLAN_PATH, vec![]),
        Declared::new(docx_documents::SYNTHESIS_PATH, vec![Dep::Reports]),
    ]
}

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
