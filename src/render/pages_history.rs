//! The dashboard month by month: the month selector and the chart of reported and overdue
//! visits at the end of each month, shared by the dashboard and its month pages
//! (`/theo-doi/<YYYY-MM>/`).
//!
//! The chart is drawn by the template as SVG from the coordinates made here: no script,
//! and it prints.

use super::view::url;
use crate::derive::history::MonthEnd;
use crate::derive::{Judgement, Tally};
use crate::model::{Site, YearMonth};
use crate::vi;
use serde::Serialize;

/// One entry of the month selector.
#[derive(Clone, Serialize)]
pub struct MonthLink {
    /// "Tháng 6/2024", or "Hiện tại (20/08/2024)" for the dashboard on `as_of`.
    pub label: String,
    pub url: String,
    /// The key of the month (`2024-06`), or "" for the dashboard on `as_of`.
    pub key: String,
}

/// One month of the chart.
#[derive(Clone, Serialize)]
struct Column {
    label: String,
    reported: u32,
    overdue: u32,
    /// The bars' tops and heights in the drawing's units.
    reported_y: u32,
    reported_h: u32,
    overdue_y: u32,
    overdue_h: u32,
    /// The left edge of the month's pair of bars, and the middle (for its label).
    x: u32,
    x2: u32,
    mid: u32,
}

/// The chart: its size, the tallest figure it shows, and a column per month.
#[derive(Clone, Serialize)]
pub struct Chart {
    width: u32,
    height: u32,
    /// The baseline's y.
    base: u32,
    max: u32,
    columns: Vec<Column>,
    /// A plain sentence of the same figures, for screen readers and for the printed page.
    summary: String,
}

/// What every dashboard page shows of the months: the selector and the chart.
#[derive(Clone, Serialize)]
pub struct History {
    pub months: Vec<MonthLink>,
    pub chart: Option<Chart>,
}

const PLOT_H: u32 = 120;
const TOP: u32 = 16;
const COL_W: u32 = 56;
const BAR_W: u32 = 20;

/// The months and chart of a site whose month ends are `ends` (in order) and whose
/// dashboard is on `current`'s `as_of`.
pub fn history(site: &Site, current: &Judgement, ends: &[MonthEnd], include_restricted: bool) -> History {
    let mut months = vec![MonthLink {
        label: format!("Hiện tại ({})", vi::date(current.as_of)),
        url: url::dashboard(),
        key: String::new(),
    }];
    months.extend(ends.iter().rev().map(|e| MonthLink {
        label: format!("Hết {}", vi::month(e.month)),
        url: url::dashboard_month(e.month),
        key: e.month.to_string(),
    }));
    let tallies: Vec<(YearMonth, Tally)> =
        ends.iter().map(|e| (e.month, e.judgement.summary(site, include_restricted).tally)).collect();
    History { months, chart: chart(&tallies) }
}

fn chart(tallies: &[(YearMonth, Tally)]) -> Option<Chart> {
    if tallies.is_empty() {
        return None;
    }
    let max = tallies.iter().map(|(_, t)| t.reported.max(t.overdue)).max().unwrap_or(0).max(1);
    let base = TOP + PLOT_H;
    let h = |n: u32| (u64::from(n) * u64::from(PLOT_H) / u64::from(max)) as u32;
    let columns: Vec<Column> = tallies
        .iter()
        .enumerate()
        .map(|(k, (m, t))| {
            let x = 8 + k as u32 * COL_W;
            Column {
                label: format!("{}/{}", m.month, m.year),
                reported: t.reported,
                overdue: t.overdue,
                reported_y: base - h(t.reported),
                reported_h: h(t.reported),
                overdue_y: base - h(t.overdue),
                overdue_h: h(t.overdue),
                x,
                x2: x + BAR_W + 2,
                mid: x + BAR_W + 1,
            }
        })
        .collect();
    let summary = tallies
        .iter()
        .map(|(m, t)| format!("hết {}: {} đã báo cáo, {} quá hạn", vi::month(*m), t.reported, t.overdue))
        .collect::<Vec<_>>()
        .join("; ");
    Some(Chart {
        width: 16 + columns.len() as u32 * COL_W,
        height: base + 22,
        base,
        max,
        columns,
        summary: format!("Số cuộc đã báo cáo và quá hạn báo cáo vào cuối mỗi tháng: {summary}."),
    })
}
