//! The data files: `data/visits.json`, `data/visits.csv`, `data/summary.json`, and
//! `data/summary-<YYYY-MM>.json` at the end of each month.
//!
//! One row per visit in schedule order with the columns
//! `id, team, kind, unit, month, date, status, on_time, report` (FORMAT.md's, first and in
//! that order), then, added by kehoach for people reading the file,
//! `team_name, unit_name, kind_label, status_label` (the unit's name with its đảng bộ for
//! a chi bộ trực thuộc; labels in Vietnamese as the pages show them); `report` is the address
//! of the report page (`<base_url>bao-cao/<visit>/`), null when no report counts on
//! `as_of` or when the report is restricted and the build is not (a cancelled visit with a
//! counted report links it too: the report page exists). JSON is pretty-printed
//! (2 spaces) with a final newline; CSV is UTF-8 with a BOM, CRLF line ends and RFC 4180
//! quoting, nulls as empty cells.

use crate::derive::history::MonthEnd;
use crate::derive::publish::Publish;
use crate::derive::{Judgement, Summary, Tally};
use crate::model::{Site, YearMonth};
use crate::output::{OutputFile, Sink};
use crate::paths::{SUMMARY_PATH, VISITS_CSV_PATH, VISITS_JSON_PATH};
use serde::Serialize;

/// One visit, as the data files show it. Field order is the column order.
#[derive(Serialize)]
struct VisitRow<'a> {
    id: &'a str,
    team: &'a str,
    kind: &'static str,
    unit: &'a str,
    month: String,
    date: Option<String>,
    status: &'static str,
    on_time: Option<bool>,
    report: Option<String>,
    team_name: &'a str,
    unit_name: String,
    kind_label: &'static str,
    status_label: &'static str,
}

const COLUMNS: [&str; 13] = [
    "id",
    "team",
    "kind",
    "unit",
    "month",
    "date",
    "status",
    "on_time",
    "report",
    "team_name",
    "unit_name",
    "kind_label",
    "status_label",
];

impl VisitRow<'_> {
    fn cells(&self) -> [String; 13] {
        [
            self.id.to_string(),
            self.team.to_string(),
            self.kind.to_string(),
            self.unit.to_string(),
            self.month.clone(),
            self.date.clone().unwrap_or_default(),
            self.status.to_string(),
            self.on_time.map(|b| b.to_string()).unwrap_or_default(),
            self.report.clone().unwrap_or_default(),
            self.team_name.to_string(),
            self.unit_name.clone(),
            self.kind_label.to_string(),
            self.status_label.to_string(),
        ]
    }
}

/// `summary.json`, keys in FORMAT.md order.
#[derive(Serialize)]
struct SummaryRow {
    as_of: Option<String>,
    planned: u32,
    /// `reported`, `on_time`, `late`, `awaiting`, `overdue`, `upcoming`, `cancelled`.
    #[serde(flatten)]
    tally: Tally,
    gaps: u32,
    findings: u32,
    units_total: u32,
    units_visited: u32,
}

impl From<Summary> for SummaryRow {
    fn from(s: Summary) -> Self {
        SummaryRow {
            as_of: s.as_of.map(|d| d.format("%Y-%m-%d").to_string()),
            planned: s.tally.planned(),
            tally: s.tally,
            gaps: s.gaps,
            findings: s.findings,
            units_total: s.units_total,
            units_visited: s.units_visited,
        }
    }
}

/// `base_url` with exactly one trailing `/`.
fn base(base_url: &str) -> String {
    format!("{}/", base_url.trim_end_matches('/'))
}

fn rows<'a>(site: &'a Site, j: &Judgement, base_url: &str, include_restricted: bool) -> Vec<VisitRow<'a>> {
    let base = base(base_url);
    let names = crate::derive::publish::Ids::of(site);
    site.visits
        .iter()
        .zip(&j.visits)
        .map(|(v, s)| {
            let report = s
                .report
                .and_then(|i| site.reports.get(i))
                .filter(|r| Publish::new(include_restricted).report(r))
                .map(|_| format!("{base}bao-cao/{}/", v.id.value));
            VisitRow {
                id: &v.id.value,
                team: &v.team.value,
                kind: v.kind.value.key(),
                unit: &v.unit.value,
                month: v.month.value.to_string(),
                date: v.date.as_ref().map(|d| crate::vi::iso(d.value)),
                status: s.status.key(),
                on_time: s.on_time,
                report,
                team_name: names.team_name(&v.team),
                unit_name: names.unit_name(&v.unit),
                kind_label: v.kind.value.label(),
                status_label: s.status.label(),
            }
        })
        .collect()
}

/// Pretty JSON (2-space indent) with a final newline.
fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising plain structs of strings, numbers and options cannot fail.
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}

fn csv(rows: &[VisitRow]) -> Vec<u8> {
    crate::output::csv::csv(&COLUMNS, rows.iter().map(VisitRow::cells)).into_bytes()
}

/// The data files of a build, exactly as FORMAT.md defines them; report addresses under
/// `base_url` (site.yaml's, or `--base-url`).
pub fn data_files(
    site: &Site,
    judgement: &Judgement,
    base_url: &str,
    include_restricted: bool,
) -> Vec<OutputFile> {
    data_files_where(site, judgement, base_url, include_restricted, &|_| true)
}

/// The files of [`data_files`] whose path passes `keep` (only those are made).
pub fn data_files_where(
    site: &Site,
    judgement: &Judgement,
    base_url: &str,
    include_restricted: bool,
    keep: &dyn Fn(&str) -> bool,
) -> Vec<OutputFile> {
    let mut out = Vec::new();
    if keep(SUMMARY_PATH) {
        let summary = SummaryRow::from(judgement.summary(site, include_restricted));
        out.push(OutputFile { path: SUMMARY_PATH.into(), bytes: json(&summary) });
    }
    let (want_csv, want_json) = (keep(VISITS_CSV_PATH), keep(VISITS_JSON_PATH));
    if want_csv || want_json {
        let rows = rows(site, judgement, base_url, include_restricted);
        if want_csv {
            out.push(OutputFile { path: VISITS_CSV_PATH.into(), bytes: csv(&rows) });
        }
        if want_json {
            out.push(OutputFile { path: VISITS_JSON_PATH.into(), bytes: json(&rows) });
        }
    }
    out
}

/// `data/summary-<YYYY-MM>.json`: `summary.json` as it stood at the end of each month of
/// `month_ends`, those whose path passes `keep`.
pub fn month_summaries_where(
    site: &Site,
    month_ends: &[MonthEnd],
    include_restricted: bool,
    keep: &dyn Fn(&str) -> bool,
) -> Vec<OutputFile> {
    month_ends
        .iter()
        .map(|e| (month_summary_path(e.month), e))
        .filter(|(path, _)| keep(path))
        .map(|(path, e)| {
            let summary = SummaryRow::from(e.judgement.summary(site, include_restricted));
            OutputFile { path, bytes: json(&summary) }
        })
        .collect()
}

/// The output of the data files: `data/summary.json`, `data/visits.csv`,
/// `data/visits.json` and `data/summary-<YYYY-MM>.json` for each month ended.
pub struct Data;

impl crate::output::Output for Data {
    /// Every one is made from every visit and report.
    fn declared(&self, site: &Site, as_of: chrono::NaiveDate) -> Vec<crate::output::Declared> {
        use crate::output::{Declared, Dep};
        let mut out: Vec<Declared> = [SUMMARY_PATH, VISITS_CSV_PATH, VISITS_JSON_PATH]
            .iter()
            .map(|p| Declared::new(*p, vec![Dep::Reports]))
            .collect();
        out.extend(
            crate::derive::history::ended_months(site, as_of)
                .into_iter()
                .map(|m| Declared::new(month_summary_path(m), vec![Dep::Reports])),
        );
        out
    }

    fn render(&self, input: &crate::output::Input<'_>, keep: crate::output::Keep<'_>, emit: &dyn Sink) {
        let (site, restricted) = (input.site, input.include_restricted);
        for f in data_files_where(site, input.judgement, input.base_url, restricted, keep) {
            emit.file(f);
        }
        for f in month_summaries_where(site, input.month_ends, restricted, keep) {
            emit.file(f);
        }
    }
}

/// `data/plans.json` of a site holding several plans: `[{id, title, period: {from, to},
/// deadline, summary}]`, one entry a plan (in id order), `summary` as `summary.json`.
pub fn plans_json(plans: &[(&str, &Site, &Judgement)], include_restricted: bool) -> Vec<u8> {
    #[derive(Serialize)]
    struct Period {
        from: String,
        to: String,
    }
    #[derive(Serialize)]
    struct PlanRow<'a> {
        id: &'a str,
        title: &'a str,
        period: Period,
        deadline: String,
        summary: SummaryRow,
    }
    let rows: Vec<PlanRow> = plans
        .iter()
        .map(|(id, site, judgement)| {
            let c = &site.config;
            PlanRow {
                id,
                title: &site.plan.title,
                period: Period { from: c.period_from.to_string(), to: c.period_to.to_string() },
                deadline: c.deadline.value.format("%Y-%m-%d").to_string(),
                summary: SummaryRow::from(judgement.summary(site, include_restricted)),
            }
        })
        .collect();
    json(&rows)
}

/// Where the summary at the end of month `m` goes.
pub fn month_summary_path(m: YearMonth) -> String {
    format!("data/summary-{m}.json")
}

#[cfg(test)]
#[path = "data_tests.rs"]
mod tests;
