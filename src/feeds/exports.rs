//! Data exports: `data/reports.csv` and `data/findings.json` (CSV written by
//! [`crate::output::csv`], which `data/visits.csv` shares).
//!
//! CSV files open correctly in Excel and LibreOffice: UTF-8 with a byte-order mark (so
//! Excel does not read Vietnamese as ANSI), CRLF line ends, RFC 4180 quoting (a field with
//! a comma, quote or line break is quoted, quotes doubled), a header row of snake_case
//! English names. A cell a spreadsheet would take for a formula is written as text (see
//! [`crate::output::csv`]). Restricted reports and their findings are left out unless
//! `include_restricted`.

use crate::derive::publish::{Publish, published_reports};
use crate::derive::{Judgement, Subject};
use crate::model::Site;
use crate::output::csv::csv;
use serde_json::json;

/// The columns of `data/reports.csv`.
/// FORMAT.md's report fields first; then, added by kehoach for people reading the file,
/// `team_name`, `unit_name` (with its đảng bộ for a chi bộ trực thuộc) and `rating_label`.
pub const REPORTS_HEADER: [&str; 23] = [
    "visit",
    "team",
    "kind",
    "unit",
    "month",
    "held_on",
    "started_at",
    "ended_at",
    "submitted_on",
    "meeting",
    "attendance_total",
    "attendance_exempt",
    "attendance_present",
    "attendance_excused",
    "attendance_unexcused",
    "speakers",
    "rating",
    "score",
    "on_time",
    "accompanied_by",
    "team_name",
    "unit_name",
    "rating_label",
];

/// `data/reports.csv`: one row per published report (see [`published_reports`]), in its
/// order. Enum values are their keys (`tot`, `dinh_ky`), `on_time` is `true`/`false`,
/// absent optional values are empty.
pub fn reports_csv(site: &Site, judgement: &Judgement, include_restricted: bool) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let names = crate::derive::publish::Ids::of(site);
    for (v, r) in published_reports(site, judgement, include_restricted) {
        let (visit, state, report) = (&site.visits[v], &judgement.visits[v], &site.reports[r]);
        let a = report.attendance.value;
        let opt = |x: Option<String>| x.unwrap_or_default();
        // `%H:%M`, written without reading a pattern.
        let time = |t: &Option<crate::model::Sp<chrono::NaiveTime>>| {
            opt(t.as_ref().map(|t| crate::vi::time(t.value)))
        };
        let row = vec![
            visit.id.value.clone(),
            visit.team.value.clone(),
            visit.kind.key().to_string(),
            visit.unit.value.clone(),
            visit.month.to_string(),
            crate::vi::iso(report.held_on.value),
            time(&report.started_at),
            time(&report.ended_at),
            crate::vi::iso(report.submitted_on.value),
            report.meeting.key().to_string(),
            a.total.to_string(),
            a.exempt.to_string(),
            a.present.to_string(),
            a.excused.to_string(),
            a.unexcused.to_string(),
            opt(report.speakers.map(|s| s.to_string())),
            report.rating.key().to_string(),
            opt(report.score.map(|s| s.to_string())),
            opt(state.on_time.map(|b| b.to_string())),
            opt(report.accompanied_by.clone()),
            names.team_name(&visit.team).to_string(),
            names.unit_name(&visit.unit),
            report.rating.label().to_string(),
        ];
        rows.push(row);
    }
    csv(&REPORTS_HEADER, rows)
}

fn subject(s: &Subject) -> serde_json::Value {
    let (kind, id) = match s {
        Subject::Visit(id) => ("visit", id),
        Subject::Report(id) => ("report", id),
        Subject::Team(id) => ("team", id),
    };
    json!({ "kind": kind, "id": id })
}

/// `data/findings.json`: an array, in the judgement's order (file, line, column), of
/// `{kind, message, subject: {kind: visit|report|team, id}, file, line, column}`; findings
/// from restricted reports only with `include_restricted`. Pretty-printed, newline at end.
pub fn findings_json(judgement: &Judgement, include_restricted: bool) -> String {
    let items: Vec<serde_json::Value> = judgement
        .findings
        .iter()
        .filter(|f| Publish::new(include_restricted).finding(f))
        .map(|f| {
            json!({
                "kind": f.kind.key(),
                "message": f.message,
                "subject": subject(&f.subject),
                "file": &*f.loc.file,
                "line": f.loc.pos.line,
                "column": f.loc.pos.col,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items).expect("JSON values serialise");
    s.push('\n');
    s
}
