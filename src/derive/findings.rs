//! Findings: data that reads fine but breaks a rule of the plan (FORMAT.md, "Findings").
//!
//! Messages are one Vietnamese sentence naming ids, numbers and dates (dd/mm/yyyy), never
//! free text from a report, so a restricted report's content cannot leak through them.
//!
//! Decisions where the format is silent:
//! - Only reports counted on `as_of` (`submitted_on <= as_of`) give findings, so a past
//!   `as_of` shows the past. Every counted report is judged, also one on a cancelled visit
//!   (the report is still published); findings from a restricted report are `restricted`.
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
use super::{Finding, FindingKind, Subject};
use crate::model::{Loc, MeetingKind, Report, Site, UnitKind, Visit, VisitKind, YearMonth};
use chrono::NaiveDate;

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn month_vi(m: YearMonth) -> String {
    format!("tháng {}/{}", m.month, m.year)
}

/// All findings of the site on `as_of`, sorted by file, line, column, kind.
pub(crate) fn findings(site: &Site, as_of: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    let ids = Ids::of(site);
    for visit in &site.visits {
        visit_findings(site, &ids, visit, &mut out);
    }
    for report in site.reports.iter().filter(|r| super::status::counts(r, as_of)) {
        report_findings(&ids, report, &mut out);
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
    let id = &visit.id.value;
    let deadline = site.config.deadline.value;
    let month = visit.month.value;
    if !visit.is_cancelled() {
        match &visit.date {
            Some(date) => {
                if date.value > deadline {
                    let msg = format!(
                        "Lịch dự `{id}` ngày {} muộn hơn thời hạn hoàn thành {}.",
                        dmy(date.value),
                        dmy(deadline)
                    );
                    out.push(on_visit(FindingKind::AfterDeadline, visit, &date.loc, msg));
                }
                if !month.contains(date.value) {
                    let msg = format!(
                        "Lịch dự `{id}` ghi ngày {}, không thuộc {} của lịch.",
                        dmy(date.value),
                        month_vi(month)
                    );
                    out.push(on_visit(FindingKind::OutsideMonth, visit, &date.loc, msg));
                }
            }
            None if month.first_day() > deadline => {
                let msg = format!(
                    "Lịch dự `{id}` thuộc {}, sau thời hạn hoàn thành {}.",
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
                "Lịch dự `{id}` ({}) đến đơn vị `{}` là {}, trong khi cần {needed}.",
                visit.kind.value.label().to_lowercase(),
                unit.id.value,
                unit.kind.label().to_lowercase()
            );
            out.push(on_visit(FindingKind::WrongUnitKind, visit, &visit.unit.loc, msg));
        }
    }
}

fn report_findings(ids: &Ids, report: &Report, out: &mut Vec<Finding>) {
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

    let visit = ids.visits.get(v.as_str()).copied();
    let unit = visit.and_then(|x| ids.units.get(x.unit.value.as_str()).copied());
    if let Some(unit) = unit.filter(|u| u.kind == UnitKind::ChiBoTrucThuoc)
        && report.accompanied_by.as_deref().is_none_or(|a| a.trim().is_empty())
    {
        let msg = format!(
            "Báo cáo về lịch dự `{v}` tại chi bộ trực thuộc `{}` không ghi đảng ủy viên đi cùng (accompanied_by).",
            unit.id.value
        );
        push(FindingKind::NotAccompanied, &report.visit.loc, msg);
    }

    if let (Some(start), Some(end)) = (&report.started_at, &report.ended_at) {
        let (s, e) = (start.value.format("%H:%M"), end.value.format("%H:%M"));
        let min = report.meeting.min_minutes();
        let minutes = (end.value - start.value).num_minutes();
        if minutes <= 0 {
            let msg = format!("Báo cáo `{v}` ghi giờ kết thúc {e} không sau giờ bắt đầu {s}.");
            push(FindingKind::TooShort, &end.loc, msg);
        } else if minutes < min {
            let meeting = match report.meeting {
                MeetingKind::DinhKy => "sinh hoạt định kỳ",
                MeetingKind::ChuyenDe => "sinh hoạt chuyên đề",
                MeetingKind::KetHop => "sinh hoạt định kỳ kết hợp chuyên đề",
            };
            let msg = format!(
                "Buổi sinh hoạt theo báo cáo `{v}` kéo dài {minutes} phút ({s}–{e}), ít hơn {min} phút theo quy định cho {meeting}."
            );
            push(FindingKind::TooShort, &end.loc, msg);
        }
    }

    let a = report.attendance.value;
    let counted = u64::from(a.present) + u64::from(a.excused) + u64::from(a.unexcused);
    let expected = i64::from(a.total) - i64::from(a.exempt);
    if i64::try_from(counted).ok() != Some(expected) {
        let msg = format!(
            "Số liệu dự họp trong báo cáo `{v}` không khớp: có mặt {} + vắng có lý do {} + vắng không lý do {} = {counted}, nhưng tổng số {} − miễn sinh hoạt {} = {expected}.",
            a.present, a.excused, a.unexcused, a.total, a.exempt
        );
        push(FindingKind::AttendanceMismatch, &report.attendance.loc, msg);
    }

    if report.submitted_on.value < report.held_on.value {
        let msg = format!(
            "Báo cáo `{v}` nộp ngày {}, trước ngày họp {}.",
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
                    "Tổ công tác `{}` có {size} người, trong khi kế hoạch quy định mỗi tổ {want} người.",
                    team.id.value
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
