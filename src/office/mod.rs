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

use crate::model::Site;
use crate::output::{Declared, Dep, Input, Keep, Output, Sink, file_if};

/// The output of the office files: the schedule and the reports as workbooks, the plan
/// and the synthesis as Word documents. Restricted content only with `include_restricted`
/// (the rule of the pages).
pub struct Office;

impl Output for Office {
    /// The workbooks and the synthesis are made from every visit and report; the plan from
    /// the plan.
    fn declared(&self, _site: &Site, _as_of: chrono::NaiveDate) -> Vec<Declared> {
        vec![
            Declared::new(xlsx_export::SCHEDULE_PATH, vec![Dep::Reports]),
            Declared::new(xlsx_export::REPORTS_PATH, vec![Dep::Reports]),
            Declared::new(docx_documents::PLAN_PATH, vec![]),
            Declared::new(docx_documents::SYNTHESIS_PATH, vec![Dep::Reports]),
        ]
    }

    fn render(&self, input: &Input<'_>, keep: Keep<'_>, emit: &dyn Sink) {
        let (site, judgement, include_restricted) = (input.site, input.judgement, input.include_restricted);
        file_if(emit, keep, xlsx_export::SCHEDULE_PATH, || xlsx_export::schedule_xlsx(site, judgement));
        file_if(emit, keep, xlsx_export::REPORTS_PATH, || {
            xlsx_export::reports_xlsx(site, judgement, include_restricted)
        });
        file_if(emit, keep, docx_documents::PLAN_PATH, || docx_documents::plan_docx(site));
        file_if(emit, keep, docx_documents::SYNTHESIS_PATH, || {
            docx_documents::synthesis_docx(site, judgement, include_restricted)
        });
    }
}
