//! `kehoach new report <visit-id>`: a report file for a visit, its front matter filled in
//! from the schedule and the standard headings in place.
//!
//! What only the author knows is left blank: `submitted_on`, the attendance counts
//! (`present`, `excused`, `unexcused`) and `rating`. An unfilled report is then an error
//! that `check` names blank by blank (and serve shows in its overlay), never a report
//! counted as sent on time with everyone present.

use super::yaml_str;
use crate::build::Failure;
use crate::load::similar;
use crate::model::{Site, UnitKind, Visit, VisitKind};
use crate::msg::cli as m;
use chrono::{Duration, NaiveTime};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum NewReportError {
    /// The site has errors; it must be fixed first.
    Content(Failure),
    UnknownVisit {
        id: String,
        closest: Vec<String>,
    },
    Cancelled {
        id: String,
    },
    /// Another file already reports on this visit.
    AlreadyReported {
        id: String,
        file: String,
    },
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for NewReportError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            NewReportError::Content(fail) => {
                write!(f, "{}\n{}", fail.render(), m::site_has_errors(fail.errors.len()))
            }
            NewReportError::UnknownVisit { id, closest } => {
                write!(f, "{}", m::unknown_visit(id))?;
                if !closest.is_empty() {
                    let list: Vec<String> = closest.iter().map(|c| format!("`{c}`")).collect();
                    write!(f, "\n  = {}", m::closest_ids(&list.join(", ")))?;
                }
                Ok(())
            }
            NewReportError::Cancelled { id } => write!(f, "{}", m::visit_cancelled(id)),
            NewReportError::AlreadyReported { id, file } => write!(f, "{}", m::already_reported(id, file)),
            NewReportError::Exists(p) => write!(f, "{}", m::file_exists(&p.display().to_string())),
            NewReportError::Io(p, e) => {
                write!(f, "{}", m::cannot_write(&p.display().to_string(), &e.to_string()))
            }
        }
    }
}

impl std::error::Error for NewReportError {}

/// Where a visit's report goes, relative to the site root.
pub fn report_path(visit: &Visit) -> String {
    // Beside the schedule that names the visit: `content/` or a plan's `content/<plan>/`.
    let base = crate::load::discover::split_base(&visit.loc.file).map_or("content/", |(base, _)| base);
    format!("{base}reports/{}/{}.md", visit.month.value, visit.id.value)
}

/// The visit `id`, or why there is no report to write for it.
pub fn find_visit<'a>(site: &'a Site, id: &str) -> Result<&'a Visit, NewReportError> {
    let Some(visit) = site.visits.iter().find(|v| *v.id.value == *id) else {
        let ids = site.visits.iter().map(|v| v.id.value.as_str());
        let closest = similar::nearest(id, ids, 3).into_iter().map(String::from).collect();
        return Err(NewReportError::UnknownVisit { id: id.to_string(), closest });
    };
    if visit.is_cancelled() {
        return Err(NewReportError::Cancelled { id: id.to_string() });
    }
    if let Some(r) = site.reports.iter().find(|r| *r.visit.value == *id) {
        return Err(NewReportError::AlreadyReported { id: id.to_string(), file: r.loc.file.to_string() });
    }
    Ok(visit)
}

/// The text of a new report on `visit`: valid as it stands, every guess marked by a comment.
pub fn report_text(site: &Site, visit: &Visit) -> String {
    let team = site.teams.iter().find(|t| *t.id.value == *visit.team.value);
    let unit = site.units.iter().find(|u| *u.id.value == *visit.unit.value);
    let mut fm = Vec::new();
    line(&mut fm, "visit", yaml_str(&visit.id.value), &visit_comment(site, visit));
    let held = visit.due_day();
    let held_note = if visit.date.is_some() {
        "ngày sinh hoạt thực tế; đang ghi ngày dự kiến, sửa nếu khác"
    } else {
        "lịch chưa có ngày: đang ghi ngày cuối tháng, sửa theo ngày sinh hoạt thực tế"
    };
    line(&mut fm, "held_on", held.to_string(), held_note);
    if let Some((start, end)) = visit.time.and_then(two_hours) {
        line(&mut fm, "started_at", format!("\"{}\"", start.format("%H:%M")), "giờ bắt đầu thực tế");
        line(
            &mut fm,
            "ended_at",
            format!("\"{}\"", end.format("%H:%M")),
            &format!("giờ kết thúc thực tế (ít nhất {} phút)", site.config.rules.min_minutes),
        );
    } else {
        fm.push("# started_at: \"14:00\"        # giờ bắt đầu, kết thúc thực tế".into());
        fm.push("# ended_at: \"16:00\"".into());
    }
    blank(&mut fm, "submitted_on", "ĐIỀN: ngày gửi báo cáo đến Ban Tổ chức, YYYY-MM-DD");
    let author = team.map(|t| t.leader.name.as_str()).unwrap_or("");
    line(&mut fm, "author", yaml_str(author), "tổ trưởng tổ công tác");
    if unit.is_some_and(|u| u.kind == UnitKind::ChiBoTrucThuoc) {
        let parent = unit
            .and_then(|u| u.parent.as_deref())
            .and_then(|p| site.units.iter().find(|x| *x.id.value == *p))
            .map(|p| p.name.as_str())
            .unwrap_or("đảng bộ cơ sở");
        fm.push(format!(
            "# accompanied_by:            # BẮT BUỘC với chi bộ trực thuộc: họ tên đảng ủy viên {parent} đi cùng tổ"
        ));
    }
    match unit.and_then(|u| u.secretary.as_deref()) {
        Some(s) => line(&mut fm, "chair", yaml_str(s), "người chủ trì (bí thư, theo units.yaml)"),
        None => fm.push("# chair:                     # người chủ trì".into()),
    }
    line(&mut fm, "meeting", "dinh_ky".into(), "dinh_ky | chuyen_de | ket_hop");
    fm.push("# topic:                     # chủ đề, với chuyen_de và ket_hop".into());
    let total = match visit.kind.value {
        VisitKind::ChiBo => unit.and_then(|u| u.members).unwrap_or(0),
        VisitKind::DangUy => 0,
    };
    let who = match visit.kind.value {
        VisitKind::ChiBo => "total: đảng viên của chi bộ",
        VisitKind::DangUy => "total: số cấp ủy viên",
    };
    fm.push(format!("{:<27} # {}", "attendance:", format_args!("sửa theo thực tế; {who}")));
    fm.push(format!("{:<27} # {}", format!("  total: {total}"), "tổng số"));
    fm.push(format!("{:<27} # {}", "  exempt: 0", "miễn sinh hoạt"));
    blank(&mut fm, "  present", "ĐIỀN: số có mặt");
    blank(&mut fm, "  excused", "ĐIỀN: số vắng có lý do");
    blank(&mut fm, "  unexcused", "ĐIỀN: số vắng không lý do");
    fm.push("# speakers:                  # số đảng viên phát biểu".into());
    blank(&mut fm, "rating", "ĐIỀN: tot | kha | trung_binh | kem (Tốt, Khá, Trung bình, Kém)");
    fm.push("# score:                     # điểm theo phiếu chấm, 0-100".into());
    line(&mut fm, "restricted", "false".into(), "true: không công bố trong bản dựng chung");
    format!("---\n{}\n---\n{BODY}", fm.join("\n"))
}

const BODY: &str = "## Nội dung sinh hoạt\n\n\n\n## Nhận xét, đánh giá\n\n### Ưu điểm\n\n\n\n### Hạn chế\n\n\n\n## Đề xuất, kiến nghị\n\n";

fn visit_comment(site: &Site, visit: &Visit) -> String {
    let team = site.teams.iter().find(|t| *t.id.value == *visit.team.value).map(|t| t.name.as_str());
    let unit = site.units.iter().find(|u| *u.id.value == *visit.unit.value).map(|u| u.name.as_str());
    format!(
        "{} · {} · {} · tháng {}/{}",
        team.unwrap_or(&visit.team.value),
        visit.kind.value.label(),
        unit.unwrap_or(&visit.unit.value),
        visit.month.value.month,
        visit.month.value.year
    )
}

/// A key left blank for the author, with what to write.
fn blank(fm: &mut Vec<String>, key: &str, comment: &str) {
    let text = format!("{key}:");
    fm.push(format!("{text:<27} # {comment}"));
}

/// One `key: value` line of front matter, with its comment aligned.
fn line(fm: &mut Vec<String>, key: &str, value: String, comment: &str) {
    let text = format!("{key}: {value}");
    fm.push(format!("{text:<27} # {comment}"));
}

/// The planned start and two hours later, if that stays within the day.
fn two_hours(start: NaiveTime) -> Option<(NaiveTime, NaiveTime)> {
    let (end, wrapped) = start.overflowing_add_signed(Duration::hours(2));
    (wrapped == 0).then_some((start, end))
}

/// The site at `root`, leaving out the reports that have errors when only reports do: a
/// report this command wrote and nobody has filled in yet must not stop the next one.
fn load_site(root: &Path, base: &str) -> Result<Site, NewReportError> {
    let failed = |errors, input: Option<crate::load::Input>| {
        let sources = input
            .map(|i| i.files.into_iter().map(|f| (f.path.to_string(), f.text)).collect())
            .unwrap_or_default();
        NewReportError::Content(Failure { errors, sources })
    };
    let mut input = crate::load::read_at(root, base).map_err(|e| failed(e, None))?;
    let reports = format!("{base}/reports/");
    let site = match crate::load::parse(&input) {
        Ok(site) => site,
        Err(errors) if errors.iter().all(|e| e.loc.file.starts_with(&reports)) => {
            let bad: Vec<std::sync::Arc<str>> = errors.iter().map(|e| e.loc.file.clone()).collect();
            input.files.retain(|f| !bad.contains(&f.path));
            match crate::load::parse(&input) {
                Ok(site) => site,
                Err(errors) => return Err(failed(errors, Some(input))),
            }
        }
        Err(errors) => return Err(failed(errors, Some(input))),
    };
    let errors = crate::check::check(&site);
    if !errors.is_empty() {
        return Err(failed(errors, Some(input)));
    }
    Ok(site)
}

/// Load the site at `root` and write the report on `visit_id`; the path written.
pub fn run(root: &Path, visit_id: &str) -> Result<PathBuf, NewReportError> {
    run_in(root, "content", visit_id)
}

/// [`run`] in the plan of the folder `base` (`content`, or `content/<plan>`).
pub fn run_in(root: &Path, base: &str, visit_id: &str) -> Result<PathBuf, NewReportError> {
    let site = load_site(root, base)?;
    let visit = find_visit(&site, visit_id)?;
    let path = root.join(report_path(visit));
    if path.exists() {
        return Err(NewReportError::Exists(path));
    }
    let text = report_text(&site, visit);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| NewReportError::Io(dir.to_path_buf(), e))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            NewReportError::Exists(path.clone())
        } else {
            NewReportError::Io(path.clone(), e)
        }
    })?;
    file.write_all(text.as_bytes()).map_err(|e| NewReportError::Io(path.clone(), e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::testkit::serve_site::site;

    fn text_for(id: &str) -> String {
        let s = site();
        let v = s.visits.iter().find(|v| *v.id.value == *id).unwrap();
        report_text(&s, v)
    }

    #[test]
    fn chi_bo_truc_thuoc_report_is_filled_from_the_schedule() {
        let t = text_for("to-2-2024-04-dang-uy");
        assert!(t.starts_with("---\nvisit: to-2-2024-04-dang-uy "), "{t}");
        let s = site();
        let v = &s.visits[1];
        assert_eq!(report_path(v), "content/reports/2024-03/to-1-2024-03-chi-bo.md");
        let t = report_text(&s, v);
        assert!(t.contains("\nheld_on: 2024-03-25 "), "{t}");
        assert!(t.contains("\nsubmitted_on:  "), "left for the author: {t}");
        assert!(t.contains("\nstarted_at: \"08:00\" "));
        assert!(t.contains("\nended_at: \"10:00\" "));
        assert!(t.contains("\nauthor: Nguyễn Văn A "));
        assert!(t.contains("\nchair: Hoàng Thị E "));
        assert!(t.contains("\n# accompanied_by: "), "the field is there for a chi bộ trực thuộc");
        assert!(t.contains("Đơn vị db-dien-luc đi cùng"), "names the đảng bộ that sends someone");
        assert!(t.contains("\n  total: 18 "), "{t}");
        assert!(
            t.contains("\n  present:  ") && t.contains("\n  excused:  ") && t.contains("\n  unexcused:  ")
        );
        assert!(t.contains("\nmeeting: dinh_ky "));
        assert!(t.contains("\nrating:  "), "left for the author");
        assert!(t.contains("\nrestricted: false "));
        let body = t.split("\n---\n").nth(1).unwrap();
        let headings: Vec<&str> = body.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(
            headings,
            [
                "## Nội dung sinh hoạt",
                "## Nhận xét, đánh giá",
                "### Ưu điểm",
                "### Hạn chế",
                "## Đề xuất, kiến nghị"
            ]
        );
    }

    #[test]
    fn undated_visit_uses_the_last_day_and_no_times_and_chi_bo_co_so_has_no_companion() {
        let t = text_for("to-2-2024-04-chi-bo");
        assert!(t.contains("\nheld_on: 2024-04-30 "), "{t}");
        assert!(t.contains("ngày cuối tháng"));
        assert!(t.contains("\n# started_at:"));
        assert!(!t.contains("\nstarted_at:"));
        assert!(!t.contains("accompanied_by"));
        assert!(t.contains("\n# chair:"), "no secretary known");
        assert!(t.contains("\n  total: 0 "), "members unknown");
        assert!(t.contains("\nauthor: Lê Văn C "));
    }

    #[test]
    fn late_start_does_not_wrap_past_midnight_and_dang_uy_counts_no_members() {
        let t = text_for("to-2-2024-04-dang-uy");
        assert!(!t.contains("\nended_at:"), "{t}");
        assert!(t.contains("\n  total: 0 "), "a đảng ủy meeting is not all 142 party members");
        assert!(t.contains("\nchair: Phạm Văn D "));
    }

    #[test]
    fn unknown_cancelled_and_already_reported_visits_are_refused() {
        let mut s = site();
        match find_visit(&s, "to-1-2024-3-chi-bo") {
            Err(NewReportError::UnknownVisit { closest, .. }) => {
                assert_eq!(closest[0], "to-1-2024-03-chi-bo");
                assert_eq!(closest.len(), 3);
            }
            other => panic!("{other:?}"),
        }
        let msg = find_visit(&s, "to-1-2024-3-chi-bo").unwrap_err().to_string();
        assert!(
            msg.contains("`to-1-2024-3-chi-bo`") && msg.contains(&m::closest_ids("`to-1-2024-03-chi-bo`"))
        );
        assert!(matches!(find_visit(&s, "to-1-2024-03-chi-bo"), Err(NewReportError::AlreadyReported { .. })));
        assert!(find_visit(&s, "to-1-2024-03-dang-uy").is_ok());
        s.visits[0].status = crate::model::PlanStatus::Cancelled;
        assert!(matches!(find_visit(&s, "to-1-2024-03-dang-uy"), Err(NewReportError::Cancelled { .. })));
    }
}
