//! iCalendar feeds (RFC 5545): `lich.ics` (every visit), `to-cong-tac/<team>.ics` and
//! `don-vi/<unit>.ics`.
//!
//! One VEVENT per dated visit (undated visits have no day to put in a calendar):
//! - `UID:<visit-id>@kehoach`, stable across builds and edits of the visit;
//! - `DTSTART;TZID=Asia/Ho_Chi_Minh:…` and `DTEND` two hours later when the visit has a
//!   time, else an all-day event (`VALUE=DATE`, `DTEND` the next day);
//! - `SUMMARY:<kind label>: <unit name>` (a chi bộ trực thuộc: `<name> – <its đảng bộ>`), `LOCATION` (the visit's place, else the unit's
//!   address), `DESCRIPTION` (team, leader, members, the unit page's address);
//! - `STATUS:CONFIRMED`, or `STATUS:CANCELLED` (with `SEQUENCE:1`, so clients that
//!   compare sequences take the cancellation as an update of the planned event).
//!
//! `DTSTAMP` must be present but a build must not depend on the clock, so it is fixed
//! from the content: the plan's `issued_on`, else the first day of the period, at
//! 00:00:00 UTC. Output: CRLF line endings, lines folded at 75 octets without splitting
//! a UTF-8 character, TEXT values escaped.

use crate::derive::publish::Ids;
use crate::model::{Site, Team, Unit, Visit};
use crate::output::OutputFile;
use crate::paths::{ALL_PATH, team_path, unit_path};
use chrono::{Duration, NaiveDateTime};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

mod lines;
pub use lines::{escape_text, fold_line};
use lines::{push_date, push_date_time, push_escaped, push_folded};

/// The time zone of every timed event.
pub const TZID: &str = "Asia/Ho_Chi_Minh";
/// The assumed length of a meeting with a start time.
pub const MEETING_HOURS: i64 = 2;
pub fn dtstamp(site: &Site) -> String {
    let day = site.plan.issued_on.unwrap_or_else(|| site.config.period_from.first_day());
    format!("{}T000000Z", day.format("%Y%m%d"))
}

/// The address of a page under `base_url`: absolute when `base_url` is a full URL, else
/// a path from the server root (a feed has no page to be relative to).
pub fn page_address(base_url: &str, path: &str) -> String {
    let mut out = String::with_capacity(base_url.len() + path.len() + 1);
    push_page_address(&mut out, base_url, path);
    out
}

/// [`page_address`], appended to `out`: `base_url` with exactly one slash after it, then
/// `path` without the slashes in front.
fn push_page_address(out: &mut String, base_url: &str, path: &str) {
    out.push_str(base_url.trim_end_matches('/'));
    out.push('/');
    out.push_str(path.trim_start_matches('/'));
}

fn is_absolute(base_url: &str) -> bool {
    base_url.starts_with("http://") || base_url.starts_with("https://")
}

fn push_person(out: &mut String, p: &crate::model::Person) {
    out.push_str(&p.name);
    if !p.title.is_empty() {
        out.push_str(" (");
        out.push_str(&p.title);
        out.push(')');
    }
}

/// The address of the page of unit `unit` under `base_url` (see [`page_address`]).
fn push_unit_address(out: &mut String, base_url: &str, unit: &str) {
    push_page_address(out, base_url, "don-vi/");
    out.push_str(unit);
    out.push('/');
}

/// The DESCRIPTION of a visit's event, before escaping, into `out`: its lines joined by
/// line breaks.
fn description(
    ix: &Ids,
    v: &Visit,
    team: Option<&Team>,
    unit: Option<&Unit>,
    base_url: &str,
    out: &mut String,
) {
    if v.is_cancelled() {
        match v.note.as_deref().filter(|n| !n.trim().is_empty()) {
            Some(n) => {
                out.push_str("Đã hủy: ");
                out.push_str(n);
            }
            None => out.push_str("Đã hủy."),
        }
        out.push('\n');
    }
    match team {
        Some(t) => {
            out.push_str(&t.name);
            out.push_str("\nTổ trưởng: ");
            push_person(out, &t.leader);
            if !t.members.is_empty() {
                out.push_str("\nThành viên: ");
                for (k, m) in t.members.iter().enumerate() {
                    if k > 0 {
                        out.push_str("; ");
                    }
                    push_person(out, m);
                }
            }
            if let Some(phone) = &t.phone {
                out.push_str("\nĐiện thoại: ");
                out.push_str(phone);
            }
        }
        None => {
            out.push_str("Tổ công tác: ");
            out.push_str(&v.team);
        }
    }
    if let Some(parent) = unit.and_then(|u| u.parent.as_deref()) {
        let name = ix.units.get(parent).map_or(parent, |u| u.name.as_str());
        out.push_str("\nCùng dự: đại diện ");
        out.push_str(name);
    }
    out.push_str("\nĐơn vị: ");
    push_unit_address(out, base_url, &v.unit);
}

/// The VEVENT of a dated visit (nothing for an undated one), appended to `out`. Each
/// line is made in one buffer and folded into `out` (no string per line or per value).
fn event(ix: &Ids, v: &Visit, stamp: &str, base_url: &str, out: &mut String) {
    let Some(date) = v.date.as_ref().map(|d| d.value) else { return };
    let team = ix.teams.get(v.team.as_str()).copied();
    let unit = ix.units.get(v.unit.as_str()).copied();
    let unit_name = unit.map_or(v.unit.as_str(), |u| u.name.as_str());
    let mut line = String::with_capacity(256);
    let mut value = String::with_capacity(256);
    // `line` (a property and its value) folded into `out`, and emptied.
    let mut put = |line: &mut String| {
        push_folded(out, line);
        line.clear();
    };
    line.push_str("BEGIN:VEVENT");
    put(&mut line);
    line.push_str("UID:");
    line.push_str(&v.id);
    line.push_str("@kehoach");
    put(&mut line);
    line.push_str("DTSTAMP:");
    line.push_str(stamp);
    put(&mut line);
    match v.time {
        Some(time) => {
            let start = NaiveDateTime::new(date, time);
            let end = start + Duration::hours(MEETING_HOURS);
            for (name, at) in [("DTSTART", start), ("DTEND", end)] {
                line.push_str(name);
                line.push_str(";TZID=");
                line.push_str(TZID);
                line.push(':');
                push_date_time(&mut line, at);
                put(&mut line);
            }
        }
        None => {
            let next = date.succ_opt().unwrap_or(date);
            for (name, day) in [("DTSTART", date), ("DTEND", next)] {
                line.push_str(name);
                line.push_str(";VALUE=DATE:");
                push_date(&mut line, day);
                put(&mut line);
            }
        }
    }
    value.push_str(v.kind.label());
    value.push_str(": ");
    value.push_str(unit_name);
    // A chi bộ trực thuộc with its đảng bộ (its name alone is ambiguous in a calendar).
    if let Some(u) = unit.filter(|u| u.kind == crate::model::UnitKind::ChiBoTrucThuoc)
        && let Some(p) = u.parent.as_deref().and_then(|p| ix.units.get(p))
    {
        value.push_str(crate::derive::words::PARENT_SEPARATOR);
        value.push_str(&p.name);
    }
    line.push_str("SUMMARY:");
    push_escaped(&mut line, &value);
    put(&mut line);
    let place =
        v.place.as_deref().or(unit.and_then(|u| u.address.as_deref())).filter(|p| !p.trim().is_empty());
    if let Some(place) = place {
        line.push_str("LOCATION:");
        push_escaped(&mut line, place);
        put(&mut line);
    }
    value.clear();
    description(ix, v, team, unit, base_url, &mut value);
    line.push_str("DESCRIPTION:");
    push_escaped(&mut line, &value);
    put(&mut line);
    if is_absolute(base_url) {
        line.push_str("URL:");
        push_unit_address(&mut line, base_url, &v.unit);
        put(&mut line);
    }
    let (status, sequence) = if v.is_cancelled() {
        ("STATUS:CANCELLED", "SEQUENCE:1")
    } else {
        ("STATUS:CONFIRMED", "SEQUENCE:0")
    };
    for fixed in [status, sequence, "TRANSP:OPAQUE", "END:VEVENT"] {
        line.push_str(fixed);
        put(&mut line);
    }
}

const VTIMEZONE: [&str; 10] = [
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Ho_Chi_Minh",
    "X-LIC-LOCATION:Asia/Ho_Chi_Minh",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:+07",
    "DTSTART:19700101T000000",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A calendar named `name` holding one event per dated visit of `visits`, sorted by
/// date, time (all-day first) and id. `base_url` is the site's, for the unit links.
pub fn calendar<'a>(
    site: &Site,
    visits: impl IntoIterator<Item = &'a Visit>,
    name: &str,
    base_url: &str,
) -> String {
    let ix = Ids::of(site);
    let stamp = dtstamp(site);
    let events = visits.into_iter().filter(|v| v.date.is_some()).map(|v| {
        let mut text = String::new();
        event(&ix, v, &stamp, base_url, &mut text);
        (v, text)
    });
    assemble(events.collect(), name)
}

/// The calendar of `events` (a dated visit and its VEVENT text), sorted by date, time
/// (all-day first) and id.
fn assemble<S: AsRef<str>>(mut events: Vec<(&Visit, S)>, name: &str) -> String {
    events.sort_by(|(a, _), (b, _)| {
        (a.date.as_ref().map(|d| d.value), a.time, &a.id.value).cmp(&(
            b.date.as_ref().map(|d| d.value),
            b.time,
            &b.id.value,
        ))
    });
    let mut out = String::with_capacity(events.iter().map(|(_, e)| e.as_ref().len()).sum::<usize>() + 1024);
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//kehoach//Lich du sinh hoat//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        out.push_str(&fold_line(l));
    }
    out.push_str(&fold_line(&format!("X-WR-CALNAME:{}", escape_text(name))));
    out.push_str(&fold_line(&format!("X-WR-TIMEZONE:{TZID}")));
    for l in VTIMEZONE {
        out.push_str(&fold_line(l));
    }
    for (_, e) in &events {
        out.push_str(e.as_ref());
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// The visits on a unit's calendar: its own, and for a đảng bộ cơ sở also those to its
/// chi bộ trực thuộc (the đảng ủy sends a member along to those).
pub fn unit_visits<'a>(site: &'a Site, unit: &'a str) -> impl Iterator<Item = &'a Visit> + 'a {
    let cells: BTreeSet<&str> =
        site.units.iter().filter(|u| u.parent.as_deref() == Some(unit)).map(|u| u.id.as_str()).collect();
    site.visits_iter().filter(move |v| *v.unit == unit || cells.contains(v.unit.as_str()))
}

/// Every feed of a site: [`ALL_PATH`], one per team, one per unit (sorted by path).
///
/// Each visit's event is written once and shared by the feeds that list it.
pub fn feeds(site: &Site, base_url: &str) -> Vec<OutputFile> {
    feeds_where(site, base_url, &|_| true)
}

/// The feeds of [`feeds`] whose path passes `keep` (nothing is computed when none does).
pub fn feeds_where(site: &Site, base_url: &str, keep: &dyn Fn(&str) -> bool) -> Vec<OutputFile> {
    let teams: Vec<&crate::model::Team> = site.teams.iter().filter(|t| keep(&team_path(&t.id))).collect();
    let units: Vec<&crate::model::Unit> = site.units.iter().filter(|u| keep(&unit_path(&u.id))).collect();
    let whole = keep(ALL_PATH);
    if !whole && teams.is_empty() && units.is_empty() {
        return Vec::new();
    }
    let ix = Ids::of(site);
    let stamp = dtstamp(site);
    // Each event's text made in parallel (in schedule order), each file too.
    let dated: Vec<(&Visit, String)> = site
        .visits
        .par_iter()
        .map(|v| &**v)
        .filter(|v| v.date.is_some())
        .map(|v| {
            let mut text = String::new();
            event(&ix, v, &stamp, base_url, &mut text);
            (v, text)
        })
        .collect();
    // The events of each team and of each unit (a đảng bộ's include its cells'), in
    // schedule order.
    let mut by_team: FxHashMap<&str, Vec<(&Visit, &str)>> = FxHashMap::default();
    let mut by_unit: FxHashMap<&str, Vec<(&Visit, &str)>> = FxHashMap::default();
    for (v, text) in &dated {
        by_team.entry(v.team.as_str()).or_default().push((v, text));
        by_unit.entry(v.unit.as_str()).or_default().push((v, text));
        let parent = ix.units.get(v.unit.as_str()).and_then(|u| u.parent.as_deref());
        if let Some(parent) = parent.filter(|p| *p != v.unit.as_str()) {
            by_unit.entry(parent).or_default().push((v, text));
        }
    }
    let mut out = Vec::new();
    if whole {
        let all: Vec<(&Visit, &str)> = dated.iter().map(|(v, t)| (*v, t.as_str())).collect();
        out.push(OutputFile { path: ALL_PATH.into(), bytes: assemble(all, &site.config.title).into_bytes() });
    }
    out.par_extend(teams.par_iter().map(|t| {
        let events = by_team.get(t.id.as_str()).cloned().unwrap_or_default();
        let name = format!("Lịch dự sinh hoạt: {}", t.name);
        OutputFile { path: team_path(&t.id), bytes: assemble(events, &name).into_bytes() }
    }));
    out.par_extend(units.par_iter().map(|u| {
        let events = by_unit.get(u.id.as_str()).cloned().unwrap_or_default();
        let name = format!("Lịch dự sinh hoạt: {}", u.name);
        OutputFile { path: unit_path(&u.id), bytes: assemble(events, &name).into_bytes() }
    }));
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_where_makes_only_the_kept_feeds_each_as_in_the_whole() {
        use crate::derive::testkit::*;
        let site = SiteBuilder::new()
            .team("to-1", 2)
            .unit("db-1", crate::model::UnitKind::DangBoCoSo)
            .cell("cb-1", "db-1")
            .visit(visit("to-1", crate::model::VisitKind::ChiBo, "cb-1", "2024-03").on("2024-03-07"))
            .visit(visit("to-1", crate::model::VisitKind::DangUy, "db-1", "2024-03").on("2024-03-08"))
            .build();
        let all = feeds(&site, "/");
        assert_eq!(all.len(), 4, "the whole, a team, two units");
        for f in &all {
            let one = feeds_where(&site, "/", &|p| p == f.path);
            assert_eq!(one, vec![f.clone()], "{}", f.path);
        }
        assert!(feeds_where(&site, "/", &|_| false).is_empty());
    }

    #[test]
    fn addresses_under_base_url() {
        for base in ["/", "", "/sinhhoat", "/sh//", "https://x.vn/sh/"] {
            let mut ours = String::new();
            push_unit_address(&mut ours, base, "a-b");
            assert_eq!(ours, page_address(base, "don-vi/a-b/"), "{base:?}");
        }
        assert_eq!(page_address("/", "don-vi/a/"), "/don-vi/a/");
        assert_eq!(page_address("", "don-vi/a/"), "/don-vi/a/");
        assert_eq!(page_address("/sinhhoat", "don-vi/a/"), "/sinhhoat/don-vi/a/");
        assert_eq!(page_address("https://x.vn/sh/", "/don-vi/a/"), "https://x.vn/sh/don-vi/a/");
        assert!(is_absolute("https://x.vn/"));
        assert!(!is_absolute("/sinhhoat/"));
    }
}

#[cfg(test)]
mod shared_events {
    use super::*;

    /// `feeds` writes each event once and shares it; the result is the calendar of each
    /// feed's visits written out one by one.
    #[test]
    fn feeds_equal_one_calendar_per_feed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::load::parse(&crate::load::read(root).unwrap()).unwrap();
        for base in ["/", "https://example.vn/sh/"] {
            let mut expected = vec![OutputFile {
                path: ALL_PATH.into(),
                bytes: calendar(&site, site.visits_iter(), &site.config.title, base).into_bytes(),
            }];
            for t in &site.teams {
                let visits = site.visits_iter().filter(|v| *v.team == *t.id);
                let name = format!("Lịch dự sinh hoạt: {}", t.name);
                expected.push(OutputFile {
                    path: team_path(&t.id),
                    bytes: calendar(&site, visits, &name, base).into_bytes(),
                });
            }
            for u in &site.units {
                let name = format!("Lịch dự sinh hoạt: {}", u.name);
                let bytes = calendar(&site, unit_visits(&site, &u.id), &name, base).into_bytes();
                expected.push(OutputFile { path: unit_path(&u.id), bytes });
            }
            expected.sort_by(|a, b| a.path.cmp(&b.path));
            assert!(expected.iter().any(|f| f.bytes.len() > 2000), "the sample site has events");
            assert_eq!(feeds(&site, base), expected);
        }
    }
}
