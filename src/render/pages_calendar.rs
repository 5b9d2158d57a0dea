//! Contexts of the calendar: the year as small month grids, each month as a full grid.

use super::Page;
use super::rows::{month_ref, visit_status, visit_value};
use super::view::{View, url};
use crate::derive::Status;
use crate::derive::calendar::month_grid;
use crate::model::{Visit, YearMonth};
use crate::vi;
use chrono::Datelike;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct DayCell {
    day: u32,
    date: String,
    weekday: &'static str,
    in_month: bool,
    as_of: bool,
    count: usize,
    visits: Vec<tera::Value>,
}

/// The weeks of `m`, each day with the visits of `dated` on it (their rows only when
/// `with_visits`: the year's small grids show counts).
fn grid(view: &View, m: YearMonth, dated: &[(usize, &Visit)], with_visits: bool) -> Vec<Vec<DayCell>> {
    let as_of = view.judgement.as_of;
    month_grid(m)
        .iter()
        .map(|week| {
            week.iter()
                .map(|d| {
                    let on_day: Vec<&(usize, &Visit)> = if d.in_month {
                        dated
                            .iter()
                            .filter(|(_, v)| v.date.as_ref().map(|x| x.value) == Some(d.date))
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let visits = if with_visits {
                        on_day.iter().map(|(i, v)| visit_value(view, *i, v)).collect()
                    } else {
                        Vec::new()
                    };
                    DayCell {
                        day: d.date.day(),
                        weekday: vi::weekday(d.date.weekday()),
                        in_month: d.in_month,
                        as_of: d.date == as_of,
                        count: on_day.len(),
                        visits,
                        date: vi::date(d.date),
                    }
                })
                .collect()
        })
        .collect()
}

/// Visits dated in `m` (also those listed under another month, a finding), in display order.
fn dated_in<'a>(view: &View<'a>, m: YearMonth) -> Vec<(usize, &'a Visit)> {
    view.visits().into_iter().filter(|(_, v)| v.date.as_ref().is_some_and(|d| m.contains(d.value))).collect()
}

pub fn year(view: &View) -> Page {
    let mut p = Page::new(&url::calendar(), "calendar.html", "Lịch dự sinh hoạt", "lich");
    p.ctx.insert("feed", crate::paths::ALL_PATH);
    // Every visit dated in a month, by month (one pass over the visits, not one per month).
    let mut dated: BTreeMap<YearMonth, Vec<(usize, &Visit)>> = BTreeMap::new();
    for (i, v) in view.visits() {
        if let Some(d) = &v.date {
            dated.entry(YearMonth::of(d.value)).or_default().push((i, v));
        }
    }
    let months: Vec<_> = view
        .months()
        .into_iter()
        .map(|m| {
            let listed = view.visits_in_month(m);
            let undated = listed.iter().filter(|(_, v)| v.date.is_none()).count();
            let cancelled =
                listed.iter().filter(|(i, v)| visit_status(view, *i, v) == Status::Cancelled).count();
            let on_days = dated.get(&m).map(Vec::as_slice).unwrap_or_default();
            json!({
                "month": month_ref(m),
                "weeks": grid(view, m, on_days, false),
                "total": listed.len(),
                "undated": undated,
                "cancelled": cancelled,
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
    let listed = view.visits_in_month(m);
    let undated: Vec<tera::Value> =
        listed.iter().filter(|(_, v)| v.date.is_none()).map(|(i, v)| visit_value(view, *i, v)).collect();
    p.ctx.insert("month", &month_ref(m));
    p.ctx.insert("weeks", &grid(view, m, &dated_in(view, m), true));
    p.ctx.insert("undated", &undated);
    p.ctx.insert("total", &listed.len());
    p.ctx.insert("prev", &prev);
    p.ctx.insert("next", &next);
    p.ctx.insert("weekdays", &vi::WEEKDAYS);
    p.ctx.insert("as_of_in_month", &m.contains(view.judgement.as_of));
    p
}
