//! The content model: what a site says, after loading and before judging.
//!
//! Every value that a message may point at carries a [`Loc`]. The model is plain data:
//! built by `load`, validated by `check`, read by `derive` and `render`.

use chrono::{Datelike, NaiveDate, NaiveTime};
use std::fmt;
use std::sync::Arc;

/// A position in a source file: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    /// Length of the token in characters (0 when unknown).
    pub len: u32,
}

/// Where a value came from: a file relative to the site root (e.g. `content/schedule.yaml`)
/// and a position in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub file: Arc<str>,
    pub pos: Pos,
}

impl Loc {
    pub fn new(file: &Arc<str>, pos: Pos) -> Self {
        Loc { file: file.clone(), pos }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.pos.line, self.pos.col)
    }
}

/// A value with the location of its source text.
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Sp<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        Sp { value, loc }
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A calendar month, `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(YearMonth { year, month })
    }
    pub fn of(d: NaiveDate) -> Self {
        YearMonth { year: d.year(), month: d.month() }
    }
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' || !b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
            return None;
        }
        YearMonth::new(s[..4].parse().ok()?, s[5..].parse().ok()?)
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("valid date")
    }
    pub fn next(self) -> Self {
        if self.month == 12 {
            YearMonth { year: self.year + 1, month: 1 }
        } else {
            YearMonth { year: self.year, month: self.month + 1 }
        }
    }
    pub fn prev(self) -> Self {
        if self.month == 1 {
            YearMonth { year: self.year - 1, month: 12 }
        } else {
            YearMonth { year: self.year, month: self.month - 1 }
        }
    }
    /// Every month from `self` to `to`, both included.
    pub fn through(self, to: YearMonth) -> Vec<YearMonth> {
        let mut out = Vec::new();
        let mut m = self;
        while m <= to {
            out.push(m);
            m = m.next();
        }
        out
    }
    pub fn contains(self, d: NaiveDate) -> bool {
        YearMonth::of(d) == self
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Everything a site holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub config: Config,
    pub plan: Plan,
    pub teams: Vec<Team>,
    pub units: Vec<Unit>,
    /// Boxed (here and in `reports`): each is made by the thread that parses its file,
    /// and putting the site together moves pointers. Unboxed, the main thread copied
    /// 8 MB of visits and reports at 10,000 reports into fresh memory while the other
    /// threads waited (30 to 50 ms, the kernel zeroing the pages).
    pub visits: Vec<Box<Visit>>,
    pub reports: Vec<Box<Report>>,
    pub pages: Vec<Page>,
    /// Files under `content/static/`, relative to it, with `/` separators.
    pub static_files: Vec<String>,
}

impl Site {
    /// The visits, in schedule order, as references (the list holds them boxed).
    pub fn visits_iter(&self) -> impl DoubleEndedIterator<Item = &Visit> + ExactSizeIterator {
        self.visits.iter().map(|v| &**v)
    }
}

/// `site.yaml`.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub title: String,
    pub organization: String,
    pub issuer: String,
    pub base_url: String,
    pub theme: String,
    pub language: String,
    pub period_from: YearMonth,
    pub period_to: YearMonth,
    pub deadline: Sp<NaiveDate>,
    pub report_due_days: u32,
    pub as_of: Option<NaiveDate>,
    pub require: Require,
    pub team_size: Sp<u32>,
    /// `rules:` of site.yaml: the plan's own minimum lengths of a meeting.
    pub rules: Rules,
    /// The synthesis report's document parts (`synthesis:`), when given.
    pub synthesis: Option<Synthesis>,
    pub loc: Loc,
}

/// The top `site.yaml` of a site holding several plans (see FORMAT.md, "Several plans in
/// one site"): the keys every plan shares, and the two that name plans.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteWide {
    pub title: String,
    pub organization: String,
    pub base_url: String,
    pub theme: String,
    pub language: String,
    /// The plan the home shows first; the last plan in id order when absent.
    pub current: Option<Sp<String>>,
    /// The plan whose pages the site had at its top before it held several plans: the
    /// build writes, at each of those old addresses, a page that sends the reader on.
    pub old_addresses: Option<Sp<String>>,
    pub loc: Loc,
}

impl SiteWide {
    /// Give a plan's settings the keys every plan shares (a plan's own `title` and
    /// `organization` win when it has them).
    pub fn fill(&self, config: &mut Config) {
        if config.title.is_empty() {
            config.title = self.title.clone();
        }
        if config.organization.is_empty() {
            config.organization = self.organization.clone();
        }
        config.base_url = self.base_url.clone();
        config.theme = self.theme.clone();
        config.language = self.language.clone();
    }
}

/// `synthesis:` in site.yaml: the parts of the synthesis report as a Party document
/// (Hướng dẫn 36-HD/VPTW). Its date is `as_of`; `place` defaults to the plan's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Synthesis {
    /// Số hiệu, e.g. `45-BC/ĐUK`.
    pub number: Option<String>,
    pub place: Option<String>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
}

impl Config {
    pub fn months(&self) -> Vec<YearMonth> {
        self.period_from.through(self.period_to)
    }
}

/// The rules a plan judges meetings by (`rules:` in site.yaml). The defaults are those of
/// Hướng dẫn 12-HD/BTCTW (06/7/2018): at least 90 minutes, 120 for a regular and a
/// thematic meeting held together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    pub min_minutes: u32,
    pub min_minutes_combined: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { min_minutes: 90, min_minutes_combined: 120 }
    }
}

impl Rules {
    /// The shortest a meeting of this kind may last, in minutes.
    pub fn min_minutes(&self, meeting: MeetingKind) -> i64 {
        i64::from(match meeting {
            MeetingKind::KetHop => self.min_minutes_combined,
            _ => self.min_minutes,
        })
    }
}

/// Visits per team, per month, per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Require {
    pub dang_uy: u32,
    pub chi_bo: u32,
}

impl Require {
    pub fn of(&self, kind: VisitKind) -> u32 {
        match kind {
            VisitKind::DangUy => self.dang_uy,
            VisitKind::ChiBo => self.chi_bo,
        }
    }
}

/// `plan.md`.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub title: String,
    /// The superior body (`superior:`), e.g. `ĐẢNG BỘ TỈNH LÀO CAI`: the first line at the
    /// top left of the Party document.
    pub superior: Option<String>,
    pub number: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    /// Markdown source of the body.
    pub body: String,
    pub loc: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Signer {
    pub name: String,
    pub title: String,
    pub on_behalf_of: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub name: String,
    pub title: String,
}

/// One tổ công tác.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    pub id: Sp<String>,
    pub name: String,
    pub leader: Person,
    pub members: Vec<Person>,
    pub phone: Option<String>,
    /// The start of the team's entry.
    pub loc: Loc,
}

impl Team {
    /// Leader first, then the members.
    pub fn people(&self) -> impl Iterator<Item = &Person> {
        std::iter::once(&self.leader).chain(&self.members)
    }
    pub fn size(&self) -> usize {
        1 + self.members.len()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitKind {
    DangBoCoSo,
    ChiBoCoSo,
    ChiBoTrucThuoc,
}

impl UnitKind {
    pub fn key(self) -> &'static str {
        match self {
            UnitKind::DangBoCoSo => "dang_bo_co_so",
            UnitKind::ChiBoCoSo => "chi_bo_co_so",
            UnitKind::ChiBoTrucThuoc => "chi_bo_truc_thuoc",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::DangBoCoSo => "Đảng bộ cơ sở",
            UnitKind::ChiBoCoSo => "Chi bộ cơ sở",
            UnitKind::ChiBoTrucThuoc => "Chi bộ trực thuộc",
        }
    }
}

/// A party organisation. Cells nested in `units.yaml` are flattened here, after their
/// đảng bộ, with `parent` set.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    pub id: Sp<String>,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    pub secretary: Option<String>,
    pub members: Option<u32>,
    pub address: Option<String>,
    pub loc: Loc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VisitKind {
    DangUy,
    ChiBo,
}

impl VisitKind {
    pub const ALL: [VisitKind; 2] = [VisitKind::DangUy, VisitKind::ChiBo];
    pub fn key(self) -> &'static str {
        match self {
            VisitKind::DangUy => "dang_uy",
            VisitKind::ChiBo => "chi_bo",
        }
    }
    /// As it appears in default visit ids: `dang-uy`, `chi-bo`.
    pub fn slug(self) -> &'static str {
        match self {
            VisitKind::DangUy => "dang-uy",
            VisitKind::ChiBo => "chi-bo",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            VisitKind::DangUy => "Dự họp đảng ủy",
            VisitKind::ChiBo => "Dự sinh hoạt chi bộ",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanStatus {
    Planned,
    Cancelled,
}

/// One entry of the schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Visit {
    /// Explicit or `<team>-<month>-<kind>`; `loc` points at the explicit id, else the entry.
    pub id: Sp<String>,
    pub team: Sp<String>,
    pub kind: Sp<VisitKind>,
    pub unit: Sp<String>,
    pub month: Sp<YearMonth>,
    pub date: Option<Sp<NaiveDate>>,
    pub time: Option<NaiveTime>,
    pub place: Option<String>,
    pub status: PlanStatus,
    pub note: Option<String>,
    /// The start of the entry.
    pub loc: Loc,
}

impl Visit {
    /// The day the meeting is held, or with no date the last day of its month.
    pub fn due_day(&self) -> NaiveDate {
        self.date.as_ref().map(|d| d.value).unwrap_or_else(|| self.month.value.last_day())
    }
    pub fn is_cancelled(&self) -> bool {
        self.status == PlanStatus::Cancelled
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MeetingKind {
    DinhKy,
    ChuyenDe,
    KetHop,
}

impl MeetingKind {
    pub fn key(self) -> &'static str {
        match self {
            MeetingKind::DinhKy => "dinh_ky",
            MeetingKind::ChuyenDe => "chuyen_de",
            MeetingKind::KetHop => "ket_hop",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::DinhKy => "Sinh hoạt định kỳ",
            MeetingKind::ChuyenDe => "Sinh hoạt chuyên đề",
            MeetingKind::KetHop => "Định kỳ kết hợp chuyên đề",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rating {
    Tot,
    Kha,
    TrungBinh,
    Kem,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Tot, Rating::Kha, Rating::TrungBinh, Rating::Kem];
    pub fn key(self) -> &'static str {
        match self {
            Rating::Tot => "tot",
            Rating::Kha => "kha",
            Rating::TrungBinh => "trung_binh",
            Rating::Kem => "kem",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Rating::Tot => "Tốt",
            Rating::Kha => "Khá",
            Rating::TrungBinh => "Trung bình",
            Rating::Kem => "Kém",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attendance {
    pub total: u32,
    pub exempt: u32,
    pub present: u32,
    pub excused: u32,
    pub unexcused: u32,
}

/// One written report (`reports/**/*.md`).
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub visit: Sp<String>,
    pub held_on: Sp<NaiveDate>,
    pub started_at: Option<Sp<NaiveTime>>,
    pub ended_at: Option<Sp<NaiveTime>>,
    pub submitted_on: Sp<NaiveDate>,
    pub author: String,
    pub accompanied_by: Option<String>,
    pub chair: Option<String>,
    pub meeting: MeetingKind,
    pub topic: Option<String>,
    pub attendance: Sp<Attendance>,
    pub speakers: Option<u32>,
    pub rating: Rating,
    pub score: Option<u32>,
    pub restricted: bool,
    /// Markdown body (after the front matter). Shared: the dev server's cache and each
    /// model it puts together hold the same text (a copy of every report's body made each
    /// edit take tens of milliseconds on a large site).
    pub body: std::sync::Arc<str>,
    /// Line in the file where the body starts (1-based).
    pub body_line: u32,
    /// The file, e.g. `content/reports/2024-03/to-1-2024-03-chi-bo.md`; `loc` is its 1:1.
    pub loc: Loc,
}

/// A page under `pages/`.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// From the file path: `pages/huong-dan.md` → `huong-dan`; nested → `a/b`.
    pub slug: String,
    pub title: String,
    /// Optional shorter title for the menu (`menu_title:`); the menu shows `title` without it.
    pub menu_title: Option<String>,
    pub weight: i64,
    pub draft: bool,
    pub restricted: bool,
    pub body: String,
    pub body_line: u32,
    pub loc: Loc,
}
