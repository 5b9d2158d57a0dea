//! Derive: what the plan's rules say about the content on a date `as_of`.
//!
//! Pure functions of the model and `as_of`: visit statuses, findings, gaps and figures.
//! Nothing here reads files or the clock.

pub mod calendar;
mod findings;
mod gaps;
pub mod history;
#[cfg(test)]
pub(crate) mod props;
pub mod publish;
mod status;
mod summary;
pub mod words;
pub use summary::Tally;
#[cfg(any(test, feature = "testkit"))]
#[doc(hidden)]
pub mod testkit;

use crate::model::{Loc, Site, VisitKind, YearMonth};
use chrono::NaiveDate;

/// A visit's status on `as_of` (see FORMAT.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Reported,
    Upcoming,
    Awaiting,
    Overdue,
    Cancelled,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Upcoming => "upcoming",
            Status::Awaiting => "awaiting",
            Status::Overdue => "overdue",
            Status::Cancelled => "cancelled",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Status::Reported => "Đã báo cáo",
            Status::Upcoming => "Sắp tới",
            Status::Awaiting => "Chờ báo cáo",
            Status::Overdue => "Quá hạn",
            Status::Cancelled => "Đã hủy",
        }
    }
}

/// The judgement of one visit (same index as `site.visits`).
#[derive(Clone, Debug, PartialEq)]
pub struct VisitState {
    pub status: Status,
    /// For reported visits: submitted within `report_due_days` of `held_on`.
    pub on_time: Option<bool>,
    /// Index in `site.reports` of the report that counts on `as_of`.
    pub report: Option<usize>,
    /// The day the report is (or was) due: meeting day (or last day of month) + due days.
    pub report_due: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// Visit dated after the deadline.
    AfterDeadline,
    /// Visit date outside its `month`.
    OutsideMonth,
    /// Visit to a unit of the wrong kind for its `kind`.
    WrongUnitKind,
    /// Report on a chi_bo_truc_thuoc visit without `accompanied_by`.
    NotAccompanied,
    /// Meeting shorter than 90 (120 for ket_hop) minutes.
    TooShort,
    /// present + excused + unexcused != total - exempt.
    AttendanceMismatch,
    /// submitted_on before held_on.
    SubmittedBeforeHeld,
    /// Team size differs from team_size.
    TeamSize,
    /// A report on a visit the schedule says is cancelled.
    ReportOnCancelled,
    /// A report whose held_on is outside its visit's month.
    HeldOutsideMonth,
}

impl FindingKind {
    pub fn key(self) -> &'static str {
        match self {
            FindingKind::AfterDeadline => "after_deadline",
            FindingKind::OutsideMonth => "outside_month",
            FindingKind::WrongUnitKind => "wrong_unit_kind",
            FindingKind::NotAccompanied => "not_accompanied",
            FindingKind::TooShort => "too_short",
            FindingKind::AttendanceMismatch => "attendance_mismatch",
            FindingKind::SubmittedBeforeHeld => "submitted_before_held",
            FindingKind::TeamSize => "team_size",
            FindingKind::ReportOnCancelled => "report_on_cancelled",
            FindingKind::HeldOutsideMonth => "held_outside_month",
        }
    }
}

/// What a finding is about, so pages can link to it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Visit(String),
    /// A report, by the id of its visit.
    Report(String),
    Team(String),
}

/// A rule of the plan that the content breaks; the site is still built.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: FindingKind,
    /// Vietnamese, one sentence, naming the values.
    pub message: String,
    pub subject: Subject,
    pub loc: Loc,
    /// True when it comes from a restricted report: withheld from the default build.
    pub restricted: bool,
}

/// A (team, month, kind) with fewer non-cancelled visits than `require` asks.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub team: String,
    pub month: YearMonth,
    pub kind: VisitKind,
    pub required: u32,
    pub planned: u32,
}

/// The figures of `data/summary.json`: the visits by status (and `planned`, from
/// [`Tally::planned`]) and these.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Summary {
    pub as_of: Option<NaiveDate>,
    pub tally: Tally,
    pub gaps: u32,
    pub findings: u32,
    pub units_total: u32,
    pub units_visited: u32,
}

/// Everything derived from a site on `as_of`.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    pub as_of: NaiveDate,
    /// Parallel to `site.visits`.
    pub visits: Vec<VisitState>,
    /// Sorted by file, line, column, kind.
    pub findings: Vec<Finding>,
    /// In teams.yaml order, then by month, then `dang_uy` before `chi_bo`.
    pub gaps: Vec<Gap>,
}

/// Judge a checked site (no errors) on `as_of`.
///
/// Never panics, even on a site that `check` would reject (unknown references are skipped).
pub fn judge(site: &Site, as_of: NaiveDate) -> Judgement {
    let visits = status::visit_states(site, as_of);
    let findings = findings::findings(site, as_of);
    let gaps = gaps::gaps(site);
    Judgement { as_of, visits, findings, gaps }
}

impl Judgement {
    /// The figures; with `include_restricted` false, findings from restricted reports
    /// are not counted (they are withheld from that build).
    pub fn summary(&self, site: &Site, include_restricted: bool) -> Summary {
        summary::summary(self, site, include_restricted)
    }
}
