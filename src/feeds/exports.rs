//! Data exports: `data/reports.csv` and `data/findings.json`, and the CSV writer that
//! `data/visits.csv` can share.
//!
//! CSV files open correctly in Excel and LibreOffice: UTF-8 with a byte-order mark (so
//! Excel does not read Vietnamese as ANSI), CRLF line ends, RFC 4180 quoting (a field with
//! a comma, quote or line break is quoted, quotes doubled), a header row of snake_case
//! English names. Restricted reports and their findings are left out unless
//! `include_restricted`.

use crate::derive::{Judgement, Subject};
use crate::model::Site;
use serde_json::json;

/// Path of the reports table, relative to the output root.
pub const REPORTS_CSV_PATH: &str = "data/reports.csv";
/// Path of the findings list, relative to the output root.
pub const FINDINGS_JSON_PATH: &str = "data/findings.json";

/// The UTF-8 byte-order mark that starts every CSV file.
pub const BOM: &str = "\u{feff}";

/// One CSV field, quoted when it must be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_field(&mut out, s);
    out
}

/// [`csv_field`] of `s`, appended to `out`.
fn push_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// A whole CSV file: BOM, header, rows, each line ended by CRLF.
pub fn csv<R: AsRef<[String]>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String {
    let mut out = String::from(BOM);
    push_line(&mut out, header.iter().copied());
    for row in rows {
        push_line(&mut out, row.as_ref().iter().map(String::as_str));
    }
    out
}

/// One line of a CSV file, each field as [`csv_field`] writes it, appended to `out`.
fn push_line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (k, f) in fields.enumerate() {
        if k > 0 {
            out.push(',');
        }
        push_field(out, f);
    }
    out.push_str("\r\n");
}

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

/// The published reports, as (index in `site.visits`, index in `site.reports`), sorted by
/// `held_on` then visit id: each report that counts on `as_of` (the one
/// `judgement.visits[i].report` names; a report submitted after `as_of` is not yet
/// published), restricted ones only with `include_restricted`.
pub fn published_reports(
    site: &Site,
    judgement: &Judgement,
    include_restricted: bool,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = judgement
        .visits
        .iter()
        .enumerate()
        .filter_map(|(v, state)| Some((v, state.report?)))
        .filter(|&(v, r)| {
            v < site.visits.len()
                && site.reports.get(r).is_some_and(|rep| include_restricted || !rep.restricted)
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |&(v, r): &(usize, usize)| (site.reports[r].held_on.value, &site.visits[v].id.value);
        key(a).cmp(&key(b))
    });
    out
}

/// `data/reports.csv`: one row per published report (see [`published_reports`]), in its
/// order. Enum values are their keys (`tot`, `dinh_ky`), `on_time` is `true`/`false`,
/// absent optional values are empty.
pub fn reports_csv(site: &Site, judgement: &Judgement, include_restricted: bool) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let names = crate::render::data::Names::of(site);
    for (v, r) in published_reports(site, judgement, include_restricted) {
        let (visit, state, report) = (&site.visits[v], &judgement.visits[v], &site.reports[r]);
        let a = report.attendance.value;
        let opt = |x: Option<String>| x.unwrap_or_default();
        // `%H:%M`, written without reading a pattern.
        let time = |t: &Option<crate::model::Sp<chrono::NaiveTime>>| {
            opt(t.as_ref().map(|t| crate::render::vi::time(t.value)))
        };
        let row = vec![
            visit.id.value.clone(),
            visit.team.value.clone(),
            visit.kind.key().to_string(),
            visit.unit.value.clone(),
            visit.month.to_string(),
            crate::render::vi::iso(report.held_on.value),
            time(&report.started_at),
            time(&report.ended_at),
            crate::render::vi::iso(report.submitted_on.value),
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
            names.team(&visit.team).to_string(),
            names.unit(&visit.unit),
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
        .filter(|f| include_restricted || !f.restricted)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("Tổ 1"), "Tổ 1");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\r"), "\"cr\r\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn csv_has_bom_header_and_crlf() {
        let rows = vec![vec!["1".to_string(), "x,y".to_string()]];
        assert_eq!(csv(&["a", "b"], &rows), "\u{feff}a,b\r\n1,\"x,y\"\r\n");
        assert_eq!(csv::<Vec<String>>(&["a"], []), "\u{feff}a\r\n");
    }
}
