//! The kinds of value the content format knows: how each is read from a YAML node and
//! how it is described in a message when it is wrong.
//!
//! The forms people type are read here, at the typing layer (the YAML readers keep every
//! scalar as serde-saphyr types it): dates `DD/MM/YYYY` beside `YYYY-MM-DD`, times `14h00`
//! and `14h` beside `14:00`, and the values of a fixed set by their Vietnamese names, with
//! or without marks (`định kỳ`, `Khá`, `đã hủy`). Every message comes from [`crate::msg`].

use super::fields::Sink;
use crate::diag::Diagnostic;
use crate::load::similar;
use crate::load::yaml::{Node, Value};
use crate::model::YearMonth;
use crate::msg::content as m;
use chrono::{Datelike, NaiveDate, NaiveTime};

/// A kind of value.
pub trait Ty {
    type Out;
    /// What is expected, for labels: "a date YYYY-MM-DD".
    fn expected(&self) -> String;
    /// The value, or `None` after recording an error.
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<Self::Out>;
}

/// "expected a date YYYY-MM-DD, found an integer `20240314`".
pub fn wrong_type(sink: &mut Sink, n: &Node, expected: &str) {
    let found = match &n.value {
        Value::Null | Value::Seq(_) | Value::Map(_) => m::kind_name(n.value.kind_name()),
        other => m::found_value(other.kind_name(), &n.display()),
    };
    let mapping = expected.starts_with("a mapping");
    let expected = m::thing(expected);
    let d = sink.error(n.pos, m::wrong_type(&expected, &found), m::expected_label(&expected));
    // `date:2024-03-26` is one word to YAML: the text of a key and its value.
    if let (true, Value::Str(s)) = (mapping, &n.value)
        && let Some((key, value)) = s.split_once(':')
        && !key.is_empty()
        && key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && !value.is_empty()
        && !value.starts_with([' ', '/'])
    {
        d.help = Some(crate::msg::yaml::add_space_help(key, value));
    }
}

fn invalid<'s>(sink: &'s mut Sink, n: &Node, what: &str, expected: &str) -> &'s mut Diagnostic {
    sink.error(n.pos, m::invalid(what, &n.display()), m::expected_label(expected))
}

/// Text; numbers are taken as written (a phone number, a document number). Not empty.
#[derive(Clone, Copy)]
pub struct Text;

impl Ty for Text {
    type Out = String;
    fn expected(&self) -> String {
        m::expected_text()
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<String> {
        match &n.value {
            Value::Str(s) if s.trim().is_empty() => {
                sink.error(n.pos, m::empty_value(), m::empty_value_label());
                None
            }
            Value::Str(s) => Some(s.trim().to_string()),
            Value::Int(_) | Value::Float(_) => Some(n.display()),
            _ => {
                wrong_type(sink, n, &self.expected());
                None
            }
        }
    }
}

fn whole(n: &Node) -> Option<Result<i64, ()>> {
    match &n.value {
        Value::Int(i) => Some(Ok(*i)),
        Value::Str(s) => Some(s.trim().parse::<i64>().map_err(|_| ())),
        Value::Float(_) => Some(Err(())),
        _ => None,
    }
}

/// Read a whole number and hand it to `fit`, which gives the value or, when the number is
/// out of bounds, what was expected instead. A number that is not whole is "invalid", a
/// value that is no number at all the wrong type; either is recorded against `expected`.
fn read_whole<T>(
    n: &Node,
    sink: &mut Sink,
    expected: impl FnOnce() -> String,
    fit: impl FnOnce(i64) -> Result<T, String>,
) -> Option<T> {
    let bad = match whole(n) {
        Some(Ok(i)) => match fit(i) {
            Ok(v) => return Some(v),
            Err(bounds) => bounds,
        },
        Some(Err(())) => expected(),
        None => {
            wrong_type(sink, n, &expected());
            return None;
        }
    };
    invalid(sink, n, "number", &bad);
    None
}

/// The largest count the format accepts: far above any party organisation, and low
/// enough that sums of counts cannot overflow downstream.
pub const MAX_COUNT: u32 = 1_000_000;

/// A whole number from 0 to [`MAX_COUNT`] (members, attendance, visits required).
#[derive(Clone, Copy)]
pub struct Count;

impl Ty for Count {
    type Out = u32;
    fn expected(&self) -> String {
        m::expected_count()
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<u32> {
        read_whole(
            n,
            sink,
            || self.expected(),
            |i| {
                if i < 0 {
                    return Err(self.expected());
                }
                u32::try_from(i)
                    .ok()
                    .filter(|&c| c <= MAX_COUNT)
                    .ok_or_else(|| m::expected_range(0, i64::from(MAX_COUNT)))
            },
        )
    }
}

/// A whole number within `lo..=hi`.
#[derive(Clone, Copy)]
pub struct Range(pub u32, pub u32);

impl Ty for Range {
    type Out = u32;
    fn expected(&self) -> String {
        m::expected_range(i64::from(self.0), i64::from(self.1))
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<u32> {
        read_whole(
            n,
            sink,
            || self.expected(),
            |i| {
                u32::try_from(i).ok().filter(|c| (self.0..=self.1).contains(c)).ok_or_else(|| self.expected())
            },
        )
    }
}

/// A whole number, possibly negative (a menu weight).
#[derive(Clone, Copy)]
pub struct Int;

impl Ty for Int {
    type Out = i64;
    fn expected(&self) -> String {
        m::expected_int()
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<i64> {
        read_whole(n, sink, || self.expected(), Ok)
    }
}

/// `true` or `false`.
#[derive(Clone, Copy)]
pub struct Flag;

impl Ty for Flag {
    type Out = bool;
    fn expected(&self) -> String {
        m::expected_flag()
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<bool> {
        match &n.value {
            Value::Bool(b) => Some(*b),
            _ => {
                wrong_type(sink, n, &self.expected());
                None
            }
        }
    }
}

/// Only ASCII digits and `-` at the given places, e.g. `dddd-dd-dd`.
fn shaped(s: &str, shape: &str) -> bool {
    s.len() == shape.len()
        && s.bytes().zip(shape.bytes()).all(|(c, p)| if p == b'd' { c.is_ascii_digit() } else { c == p })
}

/// Read a string-shaped value, or report a wrong type.
fn text_of<'n>(n: &'n Node, sink: &mut Sink, expected: impl FnOnce() -> String) -> Option<&'n str> {
    match &n.value {
        Value::Str(s) => Some(s.trim()),
        _ => {
            wrong_type(sink, n, &expected());
            None
        }
    }
}

/// A date `YYYY-MM-DD` that exists; `DD/MM/YYYY` (and `D/M/YYYY`) is read too.
#[derive(Clone, Copy)]
pub struct Date;

impl Date {
    /// The canonical form only, `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<NaiveDate> {
        if !shaped(s, "dddd-dd-dd") {
            return None;
        }
        let (y, mo, d) = Date::parts(s)?;
        NaiveDate::from_ymd_opt(y, mo, d)
    }

    /// `YYYY-MM-DD` or `DD/MM/YYYY` (one or two digits for the day and the month), as
    /// numbers, whether or not the date exists.
    fn parts(s: &str) -> Option<(i32, u32, u32)> {
        if shaped(s, "dddd-dd-dd") {
            // Shaped: ASCII digits where they are expected.
            let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
            return Some((i32::try_from(n(0..4)?).ok()?, n(5..7)?, n(8..10)?));
        }
        let mut it = s.split('/');
        let (d, mo, y) = (it.next()?, it.next()?, it.next()?);
        let digits = |x: &str, lens: std::ops::RangeInclusive<usize>| {
            lens.contains(&x.len()) && x.bytes().all(|c| c.is_ascii_digit())
        };
        if it.next().is_some() || !digits(d, 1..=2) || !digits(mo, 1..=2) || !digits(y, 4..=4) {
            return None;
        }
        Some((y.parse().ok()?, mo.parse().ok()?, d.parse().ok()?))
    }

    /// `YYYY-MM-DD` or `DD/MM/YYYY`, a date that exists.
    pub fn parse_lenient(s: &str) -> Option<NaiveDate> {
        let (y, mo, d) = Date::parts(s)?;
        NaiveDate::from_ymd_opt(y, mo, d)
    }
}

/// Why a well-shaped date does not exist, for the help: its month has fewer days, or
/// there is no such month.
fn why_no_date(y: i32, mo: u32) -> String {
    if !(1..=12).contains(&mo) {
        return m::month_out_of_range(mo);
    }
    let first = NaiveDate::from_ymd_opt(y, mo, 1);
    let next =
        if mo == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, mo + 1, 1) };
    match (first, next) {
        (Some(a), Some(b)) => m::month_has_days(a.year(), mo, (b - a).num_days() as u32),
        _ => m::month_out_of_range(mo),
    }
}

impl Ty for Date {
    type Out = NaiveDate;
    fn expected(&self) -> String {
        m::expected_date()
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<NaiveDate> {
        let s = text_of(n, sink, || self.expected())?;
        if let Some(d) = Date::parse_lenient(s) {
            return Some(d);
        }
        let parts = Date::parts(s);
        let d = invalid(sink, n, "date", &self.expected());
        if let Some((y, mo, _)) = parts {
            d.help = Some(why_no_date(y, mo));
        }
        None
    }
}

/// A month `YYYY-MM`.
#[derive(Clone, Copy)]
pub struct Month;

impl Ty for Month {
    type Out = YearMonth;
    fn expected(&self) -> String {
        m::expected_month()
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<YearMonth> {
        let s = text_of(n, sink, || self.expected())?;
        YearMonth::parse(s).or_else(|| {
            let d = invalid(sink, n, "month", &self.expected());
            if shaped(s, "dddd-dd")
                && let Ok(mo) = s[5..7].parse::<u32>()
                && !(1..=12).contains(&mo)
            {
                d.help = Some(m::month_out_of_range(mo));
            }
            None
        })
    }
}

/// A time of day `HH:MM`, 24-hour (`9:30`, `14h00`, `14h30` and `14h` are read too).
#[derive(Clone, Copy)]
pub struct Time;

impl Time {
    /// `H:MM` or `HH:MM`.
    pub fn parse(s: &str) -> Option<NaiveTime> {
        let (h, m) = s.split_once(':')?;
        Time::hm(h, m)
    }

    fn hm(h: &str, m: &str) -> Option<NaiveTime> {
        let digits = |x: &str| x.bytes().all(|c| c.is_ascii_digit());
        if !(1..=2).contains(&h.len()) || m.len() != 2 || !digits(h) || !digits(m) {
            return None;
        }
        NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
    }

    /// [`Time::parse`], or the Vietnamese `14h00`, `14h30`, `14h` (`H` too).
    pub fn parse_lenient(s: &str) -> Option<NaiveTime> {
        if let Some(t) = Time::parse(s) {
            return Some(t);
        }
        let (h, m) = s.split_once(['h', 'H'])?;
        Time::hm(h, if m.is_empty() { "00" } else { m })
    }
}

impl Ty for Time {
    type Out = NaiveTime;
    fn expected(&self) -> String {
        m::expected_time()
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<NaiveTime> {
        let s = text_of(n, sink, || self.expected())?;
        Time::parse_lenient(s).or_else(|| {
            let shaped_like_a_time = s.split_once([':', 'h', 'H']).is_some_and(|(h, m)| {
                !h.is_empty() && h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit())
            });
            let d = invalid(sink, n, "time", &self.expected());
            if shaped_like_a_time {
                d.help = Some(m::time_out_of_range());
            }
            None
        })
    }
}

/// An id: lowercase ASCII letters, digits and `-`, not starting with `-` (an id is a
/// cell of the CSV exports, where a leading `-` would be read as a formula, and an
/// argument of commands, where it would be read as an option).
#[derive(Clone, Copy)]
pub struct Id;

impl Id {
    pub fn is_valid(s: &str) -> bool {
        !s.is_empty()
            && !s.starts_with('-')
            && s.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    }

    /// The id closest to `s`: marks folded (`tổ` → `to`), anything else between words `-`.
    pub fn suggest(s: &str) -> String {
        similar::fold(s)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl Ty for Id {
    type Out = String;
    fn expected(&self) -> String {
        m::expected_id()
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<String> {
        let s = match &n.value {
            Value::Str(s) => s.trim().to_string(),
            Value::Int(i) if *i >= 0 => i.to_string(),
            _ => {
                wrong_type(sink, n, &self.expected());
                return None;
            }
        };
        if Id::is_valid(&s) {
            return Some(s);
        }
        if s.len() > 1 && Id::is_valid(s.trim_start_matches('-')) {
            let d = sink.error(n.pos, m::id_leading_dash(&s), m::id_leading_dash_label());
            d.help = Some(m::id_leading_dash_help(s.trim_start_matches('-')));
            return None;
        }
        let slug = Id::suggest(&s);
        let d = sink.error(n.pos, m::invalid("id", &s), m::expected_label(&self.expected()));
        if Id::is_valid(&slug) && slug != s {
            d.help = Some(m::write_it_as(&slug));
        }
        None
    }
}

/// One of a fixed set of words. Each is also read by its Vietnamese name, with or without
/// marks, in any case, with spaces or `-` for `_` (`định kỳ`, `Dinh ky`, `chi-bo`), and
/// by the names in [`ALIASES`].
#[derive(Clone, Copy)]
pub struct OneOf<T: Copy + 'static>(pub &'static [(&'static str, T)]);

/// Vietnamese names of values whose key is not their name folded: (name folded, key).
pub const ALIASES: &[(&str, &str)] = &[
    ("da huy", "cancelled"),
    ("huy", "cancelled"),
    ("bi huy", "cancelled"),
    ("ke hoach", "planned"),
    ("du kien", "planned"),
    ("theo ke hoach", "planned"),
];

impl<T: Copy + 'static> OneOf<T> {
    /// The key `s` names: itself, its folded Vietnamese name, or an alias.
    fn key_of(&self, s: &str) -> Option<T> {
        if let Some((_, v)) = self.0.iter().find(|(k, _)| *k == s) {
            return Some(*v);
        }
        let folded = similar::fold(s);
        let words = folded.split([' ', '-', '_']).filter(|w| !w.is_empty()).collect::<Vec<_>>();
        let key = words.join("_");
        let spaced = words.join(" ");
        let key = ALIASES.iter().find(|(a, _)| *a == spaced).map(|(_, k)| k.to_string()).unwrap_or(key);
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

impl<T: Copy + 'static> Ty for OneOf<T> {
    type Out = T;
    fn expected(&self) -> String {
        let keys: Vec<&str> = self.0.iter().map(|(k, _)| *k).collect();
        m::expected_one_of(&keys)
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<T> {
        let s = text_of(n, sink, || self.expected())?;
        if let Some(v) = self.key_of(s) {
            return Some(v);
        }
        let expected = self.expected();
        let close = similar::closest(s, self.0.iter().map(|(k, _)| *k));
        let d = sink.error(n.pos, m::invalid("value", s), m::expected_label(&expected));
        let names: Vec<&str> = self.0.iter().filter_map(|(k, _)| m::vi_name(k)).collect();
        d.help = match close {
            Some(c) => Some(m::did_you_mean(c)),
            None if names.len() == self.0.len() => Some(m::or_vietnamese_names(&names.join(", "))),
            None => None,
        };
        None
    }
}

/// A list of values of one kind.
#[derive(Clone, Copy)]
pub struct List<T>(pub T);

impl<T: Ty> Ty for List<T> {
    type Out = Vec<T::Out>;
    fn expected(&self) -> String {
        m::expected_list_of(&self.0.expected())
    }
    fn read(&self, n: &Node, sink: &mut Sink) -> Option<Vec<T::Out>> {
        let Value::Seq(items) = &n.value else {
            wrong_type(sink, n, &self.expected());
            return None;
        };
        let before = sink.errors.len();
        let out: Vec<T::Out> = items.iter().filter_map(|i| self.0.read(i, sink)).collect();
        (sink.errors.len() == before).then_some(out)
    }
}

#[cfg(test)]
mod tests;
