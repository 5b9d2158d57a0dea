//! Contexts of the calendar: the year as small month grids, each month as a full grid.

use super::Page;
use super::rows::{VisitRow, month_ref, visit_row};
use super::vi;
use super::view::{View, url};
use crate::derive::calendar::month_grid;
use crate::model::YearMonth;
use chrono::Datelike;
use serde::Serialize;
use serde_json::json;

#[derive(Serialize)]
struct DayCell {
    day: u32,
    date: String,
    weekday: &'static str,
    in_month: bool,
    as_of: bool,
    count: usize,
    visits: Vec<VisitRow>,
}

fn grid(view: &View, m: YearMonth, rows: &[VisitRow], with_visits: bool) -> Vec<Vec<DayCell>> {
    let as_of = view.judgement.as_of;
    month_grid(m)
        .iter()
        .map(|week| {
            week.iter()
                .map(|d| {
                    let key = vi::date(d.date);
                    let visits: Vec<VisitRow> = if d.in_month {
                        rows.iter().filter(|r| r.date.as_deref() == Some(key.as_str())).cloned().collect()
                    } else {
                        Vec::new()
                    };
                    DayCell {
                        day: d.date.day(),
                        weekday: vi::weekday(d.date.weekday()),
                        in_month: d.in_month,
                        as_of: d.date == as_of,
                        count: visits.len(),
                        visits: if with_visits { visits } else { Vec::new() },
                        date: key,
                    }
                })
                .collect()
        })
        .collect()
}

fn month_rows(view: &View, m: YearMonth) -> Vec<VisitRow> {
    view.visits_in_month(m).into_iter().map(|(i, v)| visit_row(view, i, v)).collect()
}

/// Visits dated in `m` but listed under another month (a finding) also show on their day.
fn dated_in(view: &View, m: YearMonth) -> Vec<VisitRow> {
    view.visits()
        .into_iter()
        .filter(|(_, v)| v.date.as_ref().is_some_and(|d| m.contains(d.value)))
        .map(|(i, v)| visit_row(view, i, v))
        .collect()
}

pub fn year(view: &View) -> Page {
    let mut p = Page::new(&url::calendar(), "calendar.html", "Lịch dự sinh hoạt", "lich");
    p.ctx.insert("feed", crate::feeds::ics::ALL_PATH);
    let months: Vec<_> = view
        .months()
        .into_iter()
        .map(|m| {
            let rows = month_rows(view, m);
            let undated = rows.iter().filter(|r| r.date.is_none()).count();
            json!({
                "month": month_ref(m),
                "weeks": grid(view, m, &dated_in(view, m), false),
                "total": rows.len(),
                "undated": undated,
                "cancelled": rows.iter().filter(|r| r.status == "cancelled").count(),
            })
        })
        .collect();
    p.ctx.insert("months", &months);
    p.ctx.insert("weekdays_short", &vi::WEEKDAYS_SHORT);
    p.ctx.insert("as_of_month", &YearMonth::of(view.judgement.as_of).to_string());
    p
}

pub fn month(view: &View, m: YearMonth) -> Page {
    let title = format!("Lịch {}", vi::month(m));
    let mut p = Page::new(&url::month(m), "month.html", &title, "lich");
    p.source = super::stamp::Source::Month(m);
    let months = view.months();
    let prev = months.iter().rev().find(|x| **x < m).map(|x| month_ref(*x));
    let next = months.iter().find(|x| **x > m).map(|x| month_ref(*x));
    let rows = month_rows(view, m);
    let undated: Vec<&VisitRow> = rows.iter().filter(|r| r.date.is_none()).collect();
    p.ctx.insert("month", &month_ref(m));
    p.ctx.insert("weeks", &grid(view, m, &dated_in(view, m), true));
    p.ctx.insert("undated", &undated);
    p.ctx.insert("total", &rows.len());
    p.ctx.insert("prev", &prev);
    p.ctx.insert("next", &next);
    p.ctx.insert("weekdays", &vi::WEEKDAYS);
    p.ctx.insert("as_of_in_month", &m.contains(view.judgement.as_of));
    p
}
