//! Tests of the findings, on sites built with the test kit.

use super::*;
use crate::derive::testkit::*;
use crate::model::VisitKind::{ChiBo, DangUy};

const AS_OF: &str = "2024-12-31";

fn run(site: &Site) -> Vec<Finding> {
    findings(site, d(AS_OF))
}

fn kinds(f: &[Finding]) -> Vec<FindingKind> {
    f.iter().map(|f| f.kind).collect()
}

/// A clean site: every rule kept.
fn clean() -> SiteBuilder {
    cast()
        .visit(visit("to-1", DangUy, "db-a", "2024-03").on("2024-03-14"))
        .visit(visit("to-1", ChiBo, "cb-a1", "2024-03").on("2024-03-20"))
        .visit(visit("to-2", ChiBo, "cb-b", "2024-03"))
        .report(report("to-1-2024-03-dang-uy", "2024-03-14", "2024-03-18").times("08:00", "09:30"))
        .report(report("to-1-2024-03-chi-bo", "2024-03-20", "2024-03-22").accompanied("Lê Văn C"))
}

#[test]
fn a_clean_site_has_no_findings() {
    assert_eq!(run(&clean().build()), vec![]);
}

#[test]
fn visit_dated_after_the_deadline() {
    let site = clean().visit(visit("to-2", DangUy, "db-a", "2024-11").on("2024-11-11")).build();
    let f = run(&site);
    assert_eq!(kinds(&f), vec![FindingKind::AfterDeadline]);
    assert_eq!(f[0].loc, loc(SCHEDULE, 35, 9), "points at the date");
    assert_eq!(f[0].subject, Subject::Visit("to-2-2024-11-dang-uy".into()));
    assert_eq!(
        f[0].message,
        "Tổ to-2, cuộc dự họp đảng ủy tháng 11/2024 tại Đơn vị db-a: lịch ghi ngày 11/11/2024, muộn hơn thời hạn hoàn thành 10/11/2024."
    );
    assert!(!f[0].restricted);
}

#[test]
fn visit_on_the_deadline_is_fine() {
    let site = clean().visit(visit("to-2", DangUy, "db-a", "2024-11").on("2024-11-10")).build();
    assert_eq!(run(&site), vec![]);
}

#[test]
fn undated_visit_in_a_month_after_the_deadline() {
    let site = clean().visit(visit("to-2", DangUy, "db-a", "2024-12")).build();
    let f = run(&site);
    assert_eq!(kinds(&f), vec![FindingKind::AfterDeadline]);
    assert_eq!(f[0].loc, loc(SCHEDULE, 34, 10), "points at the month");
    // The deadline's own month may still be used.
    let site = clean().visit(visit("to-2", DangUy, "db-a", "2024-11")).build();
    assert_eq!(run(&site), vec![]);
}

#[test]
fn visit_dated_outside_its_month() {
    let site = clean().visit(visit("to-2", DangUy, "db-a", "2024-04").on("2024-05-02")).build();
    let f = run(&site);
    assert_eq!(kinds(&f), vec![FindingKind::OutsideMonth]);
    assert_eq!(f[0].loc, loc(SCHEDULE, 35, 9));
    assert_eq!(
        f[0].message,
        "Tổ to-2, cuộc dự họp đảng ủy tháng 4/2024 tại Đơn vị db-a: lịch ghi ngày 02/05/2024, không thuộc tháng 4/2024 của lịch."
    );
}

#[test]
fn date_after_deadline_and_outside_month_gives_both_in_kind_order() {
    let site = clean().visit(visit("to-2", DangUy, "db-a", "2024-10").on("2024-11-12")).build();
    assert_eq!(kinds(&run(&site)), vec![FindingKind::AfterDeadline, FindingKind::OutsideMonth]);
}

#[test]
fn cancelled_visits_give_no_date_findings() {
    let late = visit("to-2", DangUy, "db-a", "2024-10").on("2024-11-12").cancelled();
    let undated_late = visit("to-2", ChiBo, "cb-b", "2024-12").cancelled();
    assert_eq!(run(&clean().visit(late).visit(undated_late).build()), vec![]);
}

#[test]
fn dang_uy_visit_to_a_chi_bo() {
    for unit in ["cb-a1", "cb-b"] {
        let site = clean().visit(visit("to-2", DangUy, unit, "2024-04")).build();
        let f = run(&site);
        assert_eq!(kinds(&f), vec![FindingKind::WrongUnitKind], "{unit}");
        assert_eq!(f[0].loc, loc(SCHEDULE, 33, 9), "points at the unit");
    }
    let site = clean().visit(visit("to-2", DangUy, "cb-b", "2024-04")).build();
    assert_eq!(
        run(&site)[0].message,
        "Tổ to-2, cuộc dự họp đảng ủy tháng 4/2024 tại Đơn vị cb-b: Đơn vị cb-b là chi bộ cơ sở, trong khi cuộc dự họp đảng ủy cần một đảng bộ cơ sở."
    );
}

#[test]
fn chi_bo_visit_to_a_dang_bo() {
    let site = clean().visit(visit("to-2", ChiBo, "db-a", "2024-04")).build();
    let f = run(&site);
    assert_eq!(kinds(&f), vec![FindingKind::WrongUnitKind]);
    assert!(f[0].message.contains("cần một chi bộ cơ sở hoặc chi bộ trực thuộc"), "{}", f[0].message);
}

#[test]
fn wrong_unit_kind_is_reported_for_cancelled_visits_too() {
    let site = clean().visit(visit("to-2", ChiBo, "db-a", "2024-04").cancelled()).build();
    assert_eq!(kinds(&run(&site)), vec![FindingKind::WrongUnitKind]);
}

#[test]
fn unknown_unit_is_left_to_check() {
    let site = clean().visit(visit("to-2", ChiBo, "cb-nowhere", "2024-04")).build();
    assert_eq!(run(&site), vec![]);
}

#[test]
fn report_on_a_cell_without_accompanied_by() {
    let v = "to-2-2024-04-chi-bo";
    for who in [None, Some("  ")] {
        let mut r = report(v, "2024-04-10", "2024-04-12");
        r.accompanied_by = who.map(String::from);
        let site = clean().visit(visit("to-2", ChiBo, "cb-a1", "2024-04").on("2024-04-10")).report(r).build();
        let f = run(&site);
        assert_eq!(kinds(&f), vec![FindingKind::NotAccompanied], "{who:?}");
        assert_eq!(f[0].loc, loc(&format!("content/reports/{v}.md"), 2, 8));
        assert_eq!(f[0].subject, Subject::Report(v.into()));
        // Written for the Standing Committee: the team, the kind, the month, and the cell
        // with its đảng bộ in words; no id, key name or file path.
        assert_eq!(
            f[0].message,
            "Tổ to-2, cuộc dự sinh hoạt chi bộ tháng 4/2024 tại Đơn vị cb-a1 – Đơn vị db-a: báo cáo không ghi đồng chí đảng ủy viên đi cùng tổ (bắt buộc khi dự sinh hoạt chi bộ trực thuộc)."
        );
    }
}

#[test]
fn messages_name_no_id_key_or_file() {
    let mut bad = report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-09").times("14:00", "14:30");
    bad.accompanied_by = None;
    let mut site = clean()
        .team("to-3", 3)
        .visit(visit("to-2", ChiBo, "cb-a1", "2024-04").on("2024-05-10"))
        .visit(visit("to-2", DangUy, "cb-b", "2024-11"))
        .report(bad)
        .build();
    // Names that are not ids, so that an id in a message shows.
    for (k, u) in site.units.iter_mut().enumerate() {
        u.name = format!("Chi bộ số {k}");
    }
    for (k, t) in site.teams.iter_mut().enumerate() {
        t.name = format!("Tổ công tác số {k}");
    }
    let f = run(&site);
    assert!(f.len() >= 5, "{f:?}");
    let ids: Vec<String> = site
        .units
        .iter()
        .map(|u| u.id.to_string())
        .chain(site.teams.iter().map(|t| t.id.to_string()))
        .collect();
    for x in &f {
        let m = &x.message;
        for word in ["`", "to-2-2024", "accompanied_by", "content/", ".md", ".yaml"] {
            assert!(!m.contains(word), "{word:?} in {m}");
        }
        for id in &ids {
            assert!(!m.split([' ', ',', ':', '(', ')']).any(|w| w == id), "{id} in {m}");
        }
        assert!(m.starts_with("Tổ công tác số "), "{m}");
    }
}

#[test]
fn report_on_a_chi_bo_co_so_needs_no_companion() {
    let site = clean()
        .visit(visit("to-2", ChiBo, "cb-b", "2024-04").on("2024-04-10"))
        .report(report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-12"))
        .build();
    assert_eq!(run(&site), vec![]);
}

fn timed(started: &str, ended: &str, kind: MeetingKind) -> Vec<Finding> {
    let site = clean()
        .visit(visit("to-2", ChiBo, "cb-b", "2024-04").on("2024-04-10"))
        .report(report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-12").times(started, ended).meeting(kind))
        .build();
    run(&site)
}

#[test]
fn meeting_shorter_than_ninety_minutes() {
    let f = timed("14:00", "15:29", MeetingKind::DinhKy);
    assert_eq!(kinds(&f), vec![FindingKind::TooShort]);
    assert_eq!(f[0].loc, loc("content/reports/to-2-2024-04-chi-bo.md", 5, 11), "points at ended_at");
    assert_eq!(
        f[0].message,
        "Tổ to-2, cuộc dự sinh hoạt chi bộ tháng 4/2024 tại Đơn vị cb-b: buổi sinh hoạt kéo dài 89 phút (14:00–15:29), ít hơn 90 phút theo quy định cho sinh hoạt định kỳ."
    );
    assert_eq!(timed("14:00", "15:30", MeetingKind::DinhKy), vec![]);
    assert_eq!(timed("14:00", "15:30", MeetingKind::ChuyenDe), vec![]);
}

#[test]
fn ket_hop_meeting_needs_two_hours() {
    let f = timed("14:00", "15:59", MeetingKind::KetHop);
    assert_eq!(kinds(&f), vec![FindingKind::TooShort]);
    assert!(f[0].message.ends_with("ít hơn 120 phút theo quy định cho sinh hoạt định kỳ kết hợp chuyên đề."));
    assert_eq!(timed("14:00", "16:00", MeetingKind::KetHop), vec![]);
}

#[test]
fn a_plans_own_rules_replace_the_guidances_minimums() {
    let judged = |started: &str, ended: &str, kind: MeetingKind| {
        let mut site = clean()
            .visit(visit("to-2", ChiBo, "cb-b", "2024-04").on("2024-04-10"))
            .report(
                report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-12").times(started, ended).meeting(kind),
            )
            .build();
        site.config.rules = crate::model::Rules { min_minutes: 60, min_minutes_combined: 150 };
        run(&site)
    };
    assert_eq!(judged("14:00", "15:00", MeetingKind::DinhKy), vec![], "60 minutes is enough under this plan");
    let f = judged("14:00", "14:59", MeetingKind::ChuyenDe);
    assert_eq!(kinds(&f), vec![FindingKind::TooShort]);
    assert!(
        f[0].message.ends_with("ít hơn 60 phút theo quy định cho sinh hoạt chuyên đề."),
        "{}",
        f[0].message
    );
    let f = judged("14:00", "16:29", MeetingKind::KetHop);
    assert!(
        f[0].message.contains("kéo dài 149 phút") && f[0].message.contains("ít hơn 150 phút"),
        "{}",
        f[0].message
    );
}

#[test]
fn meeting_ending_before_it_starts() {
    let f = timed("14:00", "13:00", MeetingKind::DinhKy);
    assert_eq!(kinds(&f), vec![FindingKind::TooShort]);
    assert!(f[0].message.contains("13:00 không sau giờ bắt đầu 14:00"), "{}", f[0].message);
}

#[test]
fn meeting_with_only_a_start_time_is_not_judged() {
    let mut r = report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-12").times("14:00", "14:10");
    r.ended_at = None;
    let site = clean().visit(visit("to-2", ChiBo, "cb-b", "2024-04")).report(r).build();
    assert_eq!(run(&site), vec![]);
}

fn counted(total: u32, exempt: u32, present: u32, excused: u32, unexcused: u32) -> Vec<Finding> {
    let r = report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-12")
        .attendance(total, exempt, present, excused, unexcused);
    run(&clean().visit(visit("to-2", ChiBo, "cb-b", "2024-04")).report(r).build())
}

#[test]
fn attendance_that_does_not_add_up() {
    let f = counted(18, 1, 15, 2, 1);
    assert_eq!(kinds(&f), vec![FindingKind::AttendanceMismatch]);
    assert_eq!(f[0].loc, loc("content/reports/to-2-2024-04-chi-bo.md", 7, 13));
    assert_eq!(
        f[0].message,
        "Tổ to-2, cuộc dự sinh hoạt chi bộ tháng 4/2024 tại Đơn vị cb-b: số liệu dự họp trong báo cáo không khớp: có mặt 15 + vắng có lý do 2 + vắng không lý do 1 = 18, nhưng tổng số 18 − miễn sinh hoạt 1 = 17."
    );
    assert_eq!(counted(18, 1, 15, 2, 0), vec![]);
    assert_eq!(counted(0, 0, 0, 0, 0), vec![]);
}

#[test]
fn attendance_with_more_exempt_than_total_does_not_underflow() {
    let f = counted(1, 3, 0, 0, 0);
    assert_eq!(kinds(&f), vec![FindingKind::AttendanceMismatch]);
    assert!(f[0].message.ends_with("tổng số 1 − miễn sinh hoạt 3 = -2."), "{}", f[0].message);
    let max = u32::MAX;
    assert_eq!(kinds(&counted(max, 0, max, max, max)), vec![FindingKind::AttendanceMismatch]);
    assert_eq!(counted(max, 0, max, 0, 0), vec![]);
}

#[test]
fn report_submitted_before_the_meeting() {
    let r = report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-09");
    let site = clean().visit(visit("to-2", ChiBo, "cb-b", "2024-04")).report(r).build();
    let f = run(&site);
    assert_eq!(kinds(&f), vec![FindingKind::SubmittedBeforeHeld]);
    assert_eq!(f[0].loc, loc("content/reports/to-2-2024-04-chi-bo.md", 6, 15));
    assert_eq!(
        f[0].message,
        "Tổ to-2, cuộc dự sinh hoạt chi bộ tháng 4/2024 tại Đơn vị cb-b: báo cáo nộp ngày 09/04/2024, trước ngày họp 10/04/2024."
    );
}

#[test]
fn reports_not_yet_submitted_on_as_of_give_no_findings() {
    let r = report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-20").attendance(5, 0, 1, 0, 0);
    let site = clean().visit(visit("to-2", ChiBo, "cb-a1", "2024-04")).report(r).build();
    assert_eq!(findings(&site, d("2024-04-19")), vec![]);
    assert_eq!(
        kinds(&findings(&site, d("2024-04-20"))),
        vec![FindingKind::NotAccompanied, FindingKind::AttendanceMismatch]
    );
}

#[test]
fn findings_from_a_restricted_report_are_restricted_and_leak_nothing() {
    let r = report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-09").attendance(5, 0, 1, 0, 0).restricted();
    let site = clean().visit(visit("to-2", ChiBo, "cb-a1", "2024-04")).report(r).build();
    let f = run(&site);
    assert_eq!(f.len(), 3);
    for x in &f {
        assert!(x.restricted, "{x:?}");
        assert!(!x.message.contains("BÍ MẬT") && !x.message.contains("Nguyễn Văn A"), "{}", x.message);
    }
}

#[test]
fn report_on_a_cancelled_visit_is_a_finding_and_still_judged() {
    let r = report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-12").attendance(5, 0, 1, 0, 0);
    let site = clean().visit(visit("to-2", ChiBo, "cb-b", "2024-04").cancelled()).report(r).build();
    let f = run(&site);
    assert_eq!(kinds(&f), vec![FindingKind::ReportOnCancelled, FindingKind::AttendanceMismatch]);
    assert_eq!(f[0].loc, loc("content/reports/to-2-2024-04-chi-bo.md", 2, 8), "points at `visit`");
    assert_eq!(f[0].subject, Subject::Report("to-2-2024-04-chi-bo".into()));
    assert_eq!(
        f[0].message,
        "Tổ to-2, cuộc dự sinh hoạt chi bộ tháng 4/2024 tại Đơn vị cb-b: lịch ghi cuộc này đã hủy, nhưng có báo cáo ghi buổi sinh hoạt được tổ chức ngày 10/04/2024."
    );
    // Held outside the month too: the cancellation is the finding.
    let r = report("to-2-2024-04-chi-bo", "2024-05-10", "2024-05-12");
    let site = clean().visit(visit("to-2", ChiBo, "cb-b", "2024-04").cancelled()).report(r).build();
    assert_eq!(kinds(&run(&site)), vec![FindingKind::ReportOnCancelled]);
}

#[test]
fn report_held_outside_its_visit_month() {
    // A March visit held in February.
    let r = report("to-2-2024-03-chi-bo", "2024-02-27", "2024-03-01");
    let site = clean().visit(visit("to-2", ChiBo, "cb-b", "2024-03")).report(r).build();
    let f = run(&site);
    assert_eq!(kinds(&f), vec![FindingKind::HeldOutsideMonth]);
    assert_eq!(f[0].loc.file.as_ref(), "content/reports/to-2-2024-03-chi-bo.md");
    assert_eq!(f[0].loc.pos.line, 3, "points at held_on");
    assert_eq!(
        f[0].message,
        "Tổ to-2, cuộc dự sinh hoạt chi bộ tháng 3/2024 tại Đơn vị cb-b: báo cáo ghi ngày họp 27/02/2024, không thuộc tháng 3/2024 của lịch dự."
    );
    // The month's first and last days are in it.
    for held in ["2024-03-01", "2024-03-31"] {
        let r = report("to-2-2024-03-chi-bo", held, "2024-04-02");
        let site = clean().visit(visit("to-2", ChiBo, "cb-b", "2024-03")).report(r).build();
        assert_eq!(run(&site), vec![], "{held}");
    }
}

#[test]
fn team_of_the_wrong_size() {
    let site = clean().team("to-3", 3).team("to-4", 1).build();
    let f = run(&site);
    assert_eq!(kinds(&f), vec![FindingKind::TeamSize, FindingKind::TeamSize]);
    assert_eq!((f[0].loc.clone(), f[1].loc.clone()), (loc(TEAMS, 13, 3), loc(TEAMS, 19, 3)));
    assert_eq!(f[0].subject, Subject::Team("to-3".into()));
    assert_eq!(f[0].message, "Tổ to-3 có 3 người, trong khi kế hoạch quy định mỗi tổ 2 người.");
}

#[test]
fn findings_are_sorted_by_file_line_column_kind() {
    let site = clean()
        .team("to-3", 3)
        .visit(visit("to-2", DangUy, "cb-b", "2024-10").on("2024-11-12"))
        .visit(visit("to-2", ChiBo, "db-a", "2024-04"))
        .report(report("to-2-2024-04-chi-bo", "2024-04-10", "2024-04-09").attendance(5, 0, 1, 0, 0))
        .build();
    let f = run(&site);
    let keys: Vec<_> = f.iter().map(|f| (f.loc.file.to_string(), f.loc.pos.line, f.kind)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(
        kinds(&f),
        vec![
            FindingKind::SubmittedBeforeHeld,
            FindingKind::AttendanceMismatch,
            FindingKind::WrongUnitKind,
            FindingKind::AfterDeadline,
            FindingKind::OutsideMonth,
            FindingKind::WrongUnitKind,
            FindingKind::TeamSize,
        ]
    );
}
