//! `data/lich.xlsx` (the schedule, one row per visit, in the columns that
//! `kehoach import schedule` reads back) and `data/bao-cao.xlsx` (the rows of
//! `data/reports.csv`, with Vietnamese headers), made with rust_xlsxwriter.
//!
//! Dates are real date cells (`dd/mm/yyyy`), times real time cells (`hh:mm`); every text
//! is written as a string, never as a formula (a name starting with `=` stays text). The
//! header row is bold, frozen and filtered; widths fit the longest value. The document's
//! properties carry a fixed creation date (the zip entries' timestamps are fixed by the
//! crate), so the same content gives the same bytes.

use super::columns::{Column, fold, kind_label, status_label};
use crate::derive::Judgement;
use crate::derive::publish::published_reports;
use crate::model::{Site, Visit};
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use rustc_hash::FxHashMap;

/// Path of the schedule workbook, relative to the output root.
pub const SCHEDULE_PATH: &str = "data/lich.xlsx";
/// Path of the reports workbook, relative to the output root.
pub const REPORTS_PATH: &str = "data/bao-cao.xlsx";

/// One cell of a row.
pub enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Time(NaiveTime),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }
    fn width(&self) -> usize {
        match self {
            Cell::Text(s) => s.chars().count(),
            Cell::Number(n) => n.to_string().len(),
            Cell::Date(_) => 10,
            Cell::Time(_) => 5,
            Cell::Empty => 0,
        }
    }
}

/// The name of each team and unit as the table shows it: the name, or the id when two
/// of a kind share a name once folded (so that the import finds each again).
struct Names<'a> {
    teams: FxHashMap<&'a str, &'a str>,
    units: FxHashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn new(site: &'a Site) -> Self {
        fn unique<'a>(
            items: impl Iterator<Item = (&'a str, &'a str)> + Clone,
        ) -> FxHashMap<&'a str, &'a str> {
            let mut count: FxHashMap<String, usize> = FxHashMap::default();
            for (_, name) in items.clone() {
                *count.entry(fold(name)).or_default() += 1;
            }
            items.map(|(id, name)| (id, if count[&fold(name)] == 1 { name } else { id })).collect()
        }
        Names {
            teams: unique(site.teams.iter().map(|t| (t.id.as_str(), t.name.as_str()))),
            units: unique(site.units.iter().map(|u| (u.id.as_str(), u.name.as_str()))),
        }
    }
    fn team<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.teams.get(id).copied().unwrap_or(id)
    }
    fn unit<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.units.get(id).copied().unwrap_or(id)
    }
}

/// The schedule's rows, in [`Column::ALL`] order, then the visit's status on `as_of`.
fn schedule_row(names: &Names, v: &Visit, status: &str) -> Vec<Cell> {
    let mut row: Vec<Cell> = Column::ALL
        .iter()
        .map(|c| match c {
            Column::Team => Cell::text(names.team(&v.team)),
            Column::Kind => Cell::text(kind_label(v.kind.value)),
            Column::Unit => Cell::text(names.unit(&v.unit)),
            Column::Month => Cell::text(format!("{:02}/{:04}", v.month.value.month, v.month.value.year)),
            Column::Date => v.date.as_ref().map_or(Cell::Empty, |d| Cell::Date(d.value)),
            Column::Time => v.time.map_or(Cell::Empty, Cell::Time),
            Column::Place => Cell::opt_text(v.place.as_deref()),
            Column::Status => Cell::text(status_label(v.status)),
            Column::Note => Cell::opt_text(v.note.as_deref().filter(|n| !n.is_empty())),
            Column::Id => Cell::text(v.id.as_str()),
        })
        .collect();
    row.push(Cell::text(status));
    row
}

/// The header after the schedule's columns: the visit's status on `as_of` (not read back).
pub const SCHEDULE_STATUS_HEADER: &str = "Tình hình thực hiện";

/// `data/lich.xlsx`: sheet "Lịch dự sinh hoạt", one row per visit in schedule order.
pub fn schedule_xlsx(site: &Site, judgement: &Judgement) -> Vec<u8> {
    let names = Names::new(site);
    let mut header: Vec<&str> = Column::ALL.iter().map(|c| c.header()).collect();
    header.push(SCHEDULE_STATUS_HEADER);
    let rows: Vec<Vec<Cell>> = site
        .visits_iter()
        .enumerate()
        .map(|(i, v)| {
            let status = judgement.visits.get(i).map_or("", |s| s.status.label());
            schedule_row(&names, v, status)
        })
        .collect();
    workbook("Lịch dự sinh hoạt", &site.config.title, &header, &rows)
}

/// The headers of `data/bao-cao.xlsx`, one for each column of `data/reports.csv`.
pub const REPORTS_HEADER: [&str; 20] = [
    "Mã lượt dự",
    "Tổ",
    "Loại",
    "Đơn vị",
    "Tháng",
    "Ngày sinh hoạt",
    "Bắt đầu",
    "Kết thúc",
    "Ngày nộp báo cáo",
    "Hình thức",
    "Tổng số đảng viên",
    "Miễn sinh hoạt",
    "Có mặt",
    "Vắng có lý do",
    "Vắng không lý do",
    "Số ý kiến phát biểu",
    "Xếp loại",
    "Điểm",
    "Đúng hạn",
    "Người đi cùng",
];

/// `data/bao-cao.xlsx`: sheet "Báo cáo", the rows of `data/reports.csv` (the same
/// published reports, in the same order), in words.
pub fn reports_xlsx(site: &Site, judgement: &Judgement, include_restricted: bool) -> Vec<u8> {
    let names = Names::new(site);
    let rows: Vec<Vec<Cell>> = published_reports(site, judgement, include_restricted)
        .into_iter()
        .map(|(v, r)| {
            let (visit, report) = (&site.visits[v], &site.reports[r]);
            let a = report.attendance.value;
            let n = |x: u32| Cell::Number(f64::from(x));
            let time = |t: &Option<crate::model::Sp<NaiveTime>>| {
                t.as_ref().map_or(Cell::Empty, |t| Cell::Time(t.value))
            };
            vec![
                Cell::text(visit.id.as_str()),
                Cell::text(names.team(&visit.team)),
                Cell::text(kind_label(visit.kind.value)),
                Cell::text(names.unit(&visit.unit)),
                Cell::text(format!("{:02}/{:04}", visit.month.value.month, visit.month.value.year)),
                Cell::Date(report.held_on.value),
                time(&report.started_at),
                time(&report.ended_at),
                Cell::Date(report.submitted_on.value),
                Cell::text(report.meeting.label()),
                n(a.total),
                n(a.exempt),
                n(a.present),
                n(a.excused),
                n(a.unexcused),
                report.speakers.map_or(Cell::Empty, n),
                Cell::text(report.rating.label()),
                report.score.map_or(Cell::Empty, n),
                match judgement.visits[v].on_time {
                    Some(true) => Cell::text("Đúng hạn"),
                    Some(false) => Cell::text("Chậm"),
                    None => Cell::Empty,
                },
                Cell::opt_text(report.accompanied_by.as_deref()),
            ]
        })
        .collect();
    workbook("Báo cáo", &site.config.title, &REPORTS_HEADER, &rows)
}

/// A workbook of one sheet named `sheet`: the header, the rows, widths, frozen and
/// filtered header; fixed properties.
fn workbook(sheet: &str, title: &str, header: &[&str], rows: &[Vec<Cell>]) -> Vec<u8> {
    build_workbook(sheet, title, header, rows).unwrap_or_else(|e| {
        // rust_xlsxwriter fails only on limits (rows, sheet names, string lengths) that a
        // plan does not reach; a message in the file is better than no build.
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let _ = ws.write_string(0, 0, format!("Không tạo được bảng tính: {e}"));
        wb.save_to_buffer().unwrap_or_default()
    })
}

fn build_workbook(
    sheet: &str,
    title: &str,
    header: &[&str],
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new().set_title(title).set_author("kehoach").set_creation_datetime(&fixed),
    );
    let bold = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::VerticalCenter);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let time = Format::new().set_num_format("hh:mm");
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(sheet)?;
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell.width());
            }
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, col, s)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, col, *n)?;
                }
                Cell::Date(d) => {
                    let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r, col, &dt, &date)?;
                }
                Cell::Time(t) => {
                    let dt = ExcelDateTime::from_hms(t.hour() as u16, t.minute() as u8, 0)?;
                    ws.write_datetime_with_format(r, col, &dt, &time)?;
                }
                Cell::Empty => {}
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_col)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(0, 0)?;
    wb.save_to_buffer()
}
