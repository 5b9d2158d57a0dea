//! Findings: data that reads fine but breaks a rule of the plan (FORMAT.md, "Findings").
//!
//! Messages are one Vietnamese sentence for the Standing Committee: the team, the unit (a chi
//! bộ trực thuộc with its đảng bộ), the month and dates (dd/mm/yyyy) in words, numbers, and
//! never an id, a key name or a file path (the finding's `loc` carries the place for the CLI
//! and the developer detail), nor free text from a report, so a restricted report's content
//! cannot leak through them.
//!
//! Decisions where the format is silent:
//! - Only reports counted on `as_of` (`submitted_on <= as_of`) give findings, so a past
//!   `as_of` shows the past. Every counted report is judged, also one on a cancelled visit
//!   (the report is still published); findings from a restricted report are `restricted`.
//! - A report on a cancelled visit is itself a finding (`ReportOnCancelled`, at the
//!   report's `visit` key): the schedule says the meeting was called off, the report says
//!   it was held; one of them is wrong. (`kehoach new report` refuses such a visit.)
//! - A report whose `held_on` is outside its visit's `month` breaks the monthly rule
//!   (`HeldOutsideMonth`, at `held_on`); it is not reported for a cancelled visit (the
//!   finding above says more).
//! - Cancelled visits give no date findings (after deadline, outside month); a wrong unit
//!   kind is still a mistake in the schedule and is reported for them too.
//! - An undated visit whose month starts after the deadline cannot be held in time: it is
//!   an `AfterDeadline` finding at its `month`.
//! - A missing or blank `accompanied_by` on a chi_bo_truc_thuoc visit points at the
//!   report's `visit` key (the missing key has no place of its own).
//! - A meeting whose `ended_at` is not after `started_at` is `TooShort` (the times as
//!   written give no positive length), pointing at `ended_at`.
//! - References to unknown visits, units or teams (errors of `check`) are skipped here.

use super::publish::Ids;
use super::words;
use super::{Finding, FindingKind, Subject};
use crate::model::{Loc, MeetingKind, Report, Rules, Site, UnitKind, Visit, VisitKind};
use chrono::NaiveDate;

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

use words::month as month_vi;

/// All findings of the site on `as_of`, sorted by file, line, column, kind.
pub(crate) fn findings(site: &Site, as_of: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    let ids = Ids::of(site);
    for visit in &site.visits {
        visit_findings(site, &ids, visit, &mut out);
    }
    for report in site.reports.iter().filter(|r| super::status::counts(r, as_of)) {
        report_findings(&site.config.rules, &ids, report, &mut out);
    }
    team_findings(site, &mut out);
    out.sort_by(|a, b| {
        (&a.loc.file, a.loc.pos.line, a.loc.pos.col, a.kind).cmp(&(
            &b.loc.file,
            b.loc.pos.line,
            b.loc.pos.col,
            b.kind,
        ))
    });
    out
}

/// A unit's name in words (a chi bộ trực thuộc with its đảng bộ).
fn unit_name(ids: &Ids, id: &str) -> Option<String> {
    let unit = ids.units.get(id)?;
    Some(words::unit_full_name(unit, |p| ids.units.get(p).copied()))
}

/// A visit in words ("Tổ công tác số 2, cuộc dự sinh hoạt chi bộ tháng 4/2024 tại …").
fn visit_words(ids: &Ids, v: &Visit) -> String {
    words::visit(v, ids.teams.get(v.team.as_str()).copied(), unit_name(ids, &v.unit))
}

/// The visit a report is on, in words; "Cuộc dự mã … (không có trong lịch)" when there is
/// no such visit (an error of check, which stops the build).
fn report_words(ids: &Ids, visit: &str) -> String {
    match ids.visits.get(visit) {
        Some(v) => visit_words(ids, v),
        None => format!("Cuộc dự mã {visit} (không có trong lịch)"),
    }
}

/// A visit in words, made the first time a message needs it: most visits and reports give
/// no finding, and the dashboard of each month judges them all again (85 judgements of
/// 10,000 visits wrote 850,000 of these sentences, to throw nearly all of them away).
struct Words<'a> {
    text: std::cell::OnceCell<String>,
    make: &'a dyn Fn() -> String,
}

impl<'a> Words<'a> {
    fn new(make: &'a dyn Fn() -> String) -> Self {
        Words { text: std::cell::OnceCell::new(), make }
    }
}

impl std::fmt::Display for Words<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.text.get_or_init(|| (self.make)()))
    }
}

fn on_visit(kind: FindingKind, visit: &Visit, loc: &Loc, message: String) -> Finding {
    Finding {
        kind,
        message,
        subject: Subject::Visit(visit.id.value.clone()),
        loc: loc.clone(),
        restricted: false,
    }
}

fn visit_findings(site: &Site, ids: &Ids, visit: &Visit, out: &mut Vec<Finding>) {
    let make = || visit_words(ids, visit);
    let what = Words::new(&make);
    let deadline = site.config.deadline.value;
    let month = visit.month.value;
    if !visit.is_cancelled() {
        match &visit.date {
            Some(date) => {
                if date.value > deadline {
                    let msg = format!(
                        "{what}: lịch ghi ngày {}, muộn hơn thời hạn hoàn thành {}.",
                        dmy(date.value),
                        dmy(deadline)
                    );
                    out.push(on_visit(FindingKind::AfterDeadline, visit, &date.loc, msg));
                }
                if !month.contains(date.value) {
                    let msg = format!(
                        "{what}: lịch ghi ngày {}, không thuộc {} của lịch.",
                        dmy(date.value),
                        month_vi(month)
                    );
                    out.push(on_visit(FindingKind::OutsideMonth, visit, &date.loc, msg));
                }
            }
            None if month.first_day() > deadline => {
                let msg = format!(
                    "{what}: lịch xếp vào {}, sau thời hạn hoàn thành {}.",
                    month_vi(month),
                    dmy(deadline)
                );
                out.push(on_visit(FindingKind::AfterDeadline, visit, &visit.month.loc, msg));
            }
            None => {}
        }
    }
    if let Some(unit) = ids.units.get(visit.unit.value.as_str()) {
        let fits = match visit.kind.value {
            VisitKind::DangUy => unit.kind == UnitKind::DangBoCoSo,
            VisitKind::ChiBo => matches!(unit.kind, UnitKind::ChiBoCoSo | UnitKind::ChiBoTrucThuoc),
        };
        if !fits {
            let needed = match visit.kind.value {
                VisitKind::DangUy => "một đảng bộ cơ sở",
                VisitKind::ChiBo => "một chi bộ cơ sở hoặc chi bộ trực thuộc",
            };
            let msg = format!(
                "{what}: {} là {}, trong khi cuộc {} cần {needed}.",
                words::unit_full_name(unit, |p| ids.units.get(p).copied()),
                unit.kind.label().to_lowercase(),
                words::kind_phrase(visit.kind.value),
            );
            out.push(on_visit(FindingKind::WrongUnitKind, visit, &visit.unit.loc, msg));
        }
    }
}

fn report_findings(rules: &Rules, ids: &Ids, report: &Report, out: &mut Vec<Finding>) {
    let v = &report.visit.value;
    let mut push = |kind: FindingKind, loc: &Loc, message: String| {
        out.push(Finding {
            kind,
            message,
            subject: Subject::Report(v.clone()),
            loc: loc.clone(),
            restricted: report.restricted,
        })
    };

    let make = || report_words(ids, v);
    let what = Words::new(&make);
    let visit = ids.visits.get(v.as_str()).copied();
    match visit {
        Some(visit) if visit.is_cancelled() => {
            let msg = format!(
                "{what}: lịch ghi cuộc này đã hủy, nhưng có báo cáo ghi buổi sinh hoạt được tổ chức ngày {}.",
                dmy(report.held_on.value)
            );
            push(FindingKind::ReportOnCancelled, &report.visit.loc, msg);
        }
        Some(visit) if !visit.month.value.contains(report.held_on.value) => {
            let msg = format!(
                "{what}: báo cáo ghi ngày họp {}, không thuộc {} của lịch dự.",
                dmy(report.held_on.value),
                month_vi(visit.month.value)
            );
            push(FindingKind::HeldOutsideMonth, &report.held_on.loc, msg);
        }
        _ => {}
    }
    let unit = visit.and_then(|x| ids.units.get(x.unit.value.as_str()).copied());
    if let Some(_unit) = unit.filter(|u| u.kind == UnitKind::ChiBoTrucThuoc)
        && report.accompanied_by.as_deref().is_none_or(|a| a.trim().is_empty())
    {
        let msg = format!(
            "{what}: báo cáo không ghi đồng chí đảng ủy viên đi cùng tổ (bắt buộc khi dự sinh hoạt chi bộ trực thuộc)."
        );
        push(FindingKind::NotAccompanied, &report.visit.loc, msg);
    }

    if let (Some(start), Some(end)) = (&report.started_at, &report.ended_at) {
        let (s, e) = (start.value.format("%H:%M"), end.value.format("%H:%M"));
        let min = rules.min_minutes(report.meeting);
        let minutes = (end.value - start.value).num_minutes();
        if minutes <= 0 {
            let msg = format!("{what}: báo cáo ghi giờ kết thúc {e} không sau giờ bắt đầu {s}.");
            push(FindingKind::TooShort, &end.loc, msg);
        } else if minutes < min {
            let meeting = match report.meeting {
                MeetingKind::DinhKy => "sinh hoạt định kỳ",
                MeetingKind::ChuyenDe => "sinh hoạt chuyên đề",
                MeetingKind::KetHop => "sinh hoạt định kỳ kết hợp chuyên đề",
            };
            let msg = format!(
                "{what}: buổi sinh hoạt kéo dài {minutes} phút ({s}–{e}), ít hơn {min} phút theo quy định cho {meeting}."
            );
            push(FindingKind::TooShort, &end.loc, msg);
        }
    }

    let a = report.attendance.value;
    let counted = u64::from(a.present) + u64::from(a.excused) + u64::from(a.unexcused);
    let expected = i64::from(a.total) - i64::from(a.exempt);
    if i64::try_from(counted).ok() != Some(expected) {
        let msg = format!(
            "{what}: số liệu dự họp trong báo cáo không khớp: có mặt {} + vắng có lý do {} + vắng không lý do {} = {counted}, nhưng tổng số {} − miễn sinh hoạt {} = {expected}.",
            a.present, a.excused, a.unexcused, a.total, a.exempt
        );
        push(FindingKind::AttendanceMismatch, &report.attendance.loc, msg);
    }

    if report.submitted_on.value < report.held_on.value {
        let msg = format!(
            "{what}: báo cáo nộp ngày {}, trước ngày họp {}.",
            dmy(report.submitted_on.value),
            dmy(report.held_on.value)
        );
        push(FindingKind::SubmittedBeforeHeld, &report.submitted_on.loc, msg);
    }
}

fn team_findings(site: &Site, out: &mut Vec<Finding>) {
    let want = site.config.team_size.value;
    for team in &site.teams {
        let size = team.size();
        if u32::try_from(size).ok() != Some(want) {
            out.push(Finding {
                kind: FindingKind::TeamSize,
                message: format!(
                    "{} có {size} người, trong khi kế hoạch quy định mỗi tổ {want} người.",
                    team.name
                ),
                subject: Subject::Team(team.id.value.clone()),
                loc: team.loc.clone(),
                restricted: false,
            });
        }
    }
}

#[cfg(test)]
#[path = "findings_tests.rs"]
mod tests;
