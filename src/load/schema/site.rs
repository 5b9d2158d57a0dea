//! `site.yaml`: the site-wide settings.

use super::fields::{Fields, Sink};
use super::types::{Count, Date, Id, List, Month, Range, Text};
use crate::load::yaml::Node;
use crate::model::Pos;
use crate::model::{Config, Require, Rules, Sp, Synthesis, YearMonth};
use crate::msg::content as m;
use crate::msg::plans as pm;

/// The longest period a site may cover: ten years of monthly pages.
const MAX_PERIOD_MONTHS: i64 = 120;

/// Months from `from` to `to`, both included.
fn months_between(from: YearMonth, to: YearMonth) -> i64 {
    (i64::from(to.year) - i64::from(from.year)) * 12 + i64::from(to.month) - i64::from(from.month) + 1
}

/// Read `site.yaml`; `None` after reporting errors.
///
/// The `site.yaml` of a plan of a site holding several (`content/<plan>/site.yaml`) holds
/// the plan's keys only: `title` and `organization` are optional there (the site's by
/// default, filled in by the build), and the site-wide keys are refused.
pub fn read(node: &Node, sink: &mut Sink) -> Option<Config> {
    let before = sink.errors.len();
    let in_plan = crate::load::discover::split_base(sink.file()).is_some_and(|(base, _)| base != "content/");
    let mut f = Fields::new(node, "site.yaml", sink)?;
    let (title, organization) = if in_plan {
        (
            Some(f.opt(sink, "title", Text).unwrap_or_default()),
            Some(f.opt(sink, "organization", Text).unwrap_or_default()),
        )
    } else {
        (f.req(sink, "title", Text), f.req(sink, "organization", Text))
    };
    let issuer = f.req(sink, "issuer", Text);
    let (base_url, theme, language) = if in_plan {
        for key in ["base_url", "theme", "language", "current", "old_addresses"] {
            if let Some(pos) = f.key_pos(key) {
                f.node(key);
                let e = sink.error(pos, pm::site_wide_key_in_plan(key), pm::site_wide_key_in_plan_label());
                e.help = Some(pm::site_wide_key_in_plan_help(key));
            }
        }
        (None, "default".to_string(), "vi".to_string())
    } else {
        let base_url = f.opt_sp(sink, "base_url", Text).and_then(|b| base_url(b, sink));
        let theme = f.opt(sink, "theme", Id).unwrap_or_else(|| "default".into());
        let language = f.opt(sink, "language", Text).unwrap_or_else(|| "vi".into());
        (base_url, theme, language)
    };
    let period = match f.req_map(sink, "period", "period", "a mapping { from: YYYY-MM, to: YYYY-MM }") {
        Some(mut p) => {
            let from = p.req_sp(sink, "from", Month);
            let to = p.req_sp(sink, "to", Month);
            p.finish(sink);
            match (from, to) {
                (Some(from), Some(to)) if from.value > to.value => {
                    let d = sink.error(
                        to.loc.pos,
                        m::period_reversed(&to.value.to_string(), &from.value.to_string()),
                        m::period_reversed_label(&from.value.to_string()),
                    );
                    d.related.push((from.loc.clone(), m::period_starts_here()));
                    None
                }
                (Some(from), Some(to)) if months_between(from.value, to.value) > MAX_PERIOD_MONTHS => {
                    let months = months_between(from.value, to.value);
                    let d = sink.error(
                        to.loc.pos,
                        m::period_too_long(&from.value.to_string(), &to.value.to_string(), months),
                        m::period_too_long_label(MAX_PERIOD_MONTHS),
                    );
                    d.related.push((from.loc.clone(), m::period_starts_here()));
                    None
                }
                (Some(from), Some(to)) => Some((from.value, to.value)),
                _ => None,
            }
        }
        None => None,
    };
    let deadline = f.req_sp(sink, "deadline", Date);
    if let (Some(d), Some((from, _))) = (&deadline, period)
        && d.value < from.first_day()
    {
        let e = sink.error(
            d.loc.pos,
            m::deadline_before_period(&d.value.to_string(), &from.to_string()),
            m::deadline_before_period_label(&from.first_day().to_string()),
        );
        e.help = Some(m::deadline_before_period_help());
    }
    let report_due_days = f.opt(sink, "report_due_days", Range(0, 366)).unwrap_or(10);
    let as_of = f.opt(sink, "as_of", Date);
    let require = match f.opt_map(sink, "require", "require", "a mapping { dang_uy: 1, chi_bo: 1 }") {
        Some(mut r) => {
            let dang_uy = r.opt(sink, "dang_uy", Count).unwrap_or(1);
            let chi_bo = r.opt(sink, "chi_bo", Count).unwrap_or(1);
            r.finish(sink);
            Require { dang_uy, chi_bo }
        }
        None => Require { dang_uy: 1, chi_bo: 1 },
    };
    let team_size = f
        .opt_sp(sink, "team_size", Range(1, 1000))
        .unwrap_or_else(|| Sp::new(2, sink.loc(Pos { line: 1, col: 1, len: 0 })));
    let rules =
        match f.opt_map(sink, "rules", "rules", "a mapping { min_minutes: 90, min_minutes_combined: 120 }") {
            Some(mut r) => {
                let d = Rules::default();
                let min_minutes = r.opt(sink, "min_minutes", Range(1, 1440)).unwrap_or(d.min_minutes);
                let min_minutes_combined =
                    r.opt(sink, "min_minutes_combined", Range(1, 1440)).unwrap_or(d.min_minutes_combined);
                r.finish(sink);
                Rules { min_minutes, min_minutes_combined }
            }
            None => Rules::default(),
        };
    let synthesis = f
        .opt_map(
            sink,
            "synthesis",
            "synthesis",
            "a mapping { number: …, place: …, signer: {…}, recipients: [...] }",
        )
        .map(|mut s| {
            let number = s.opt_text(sink, "number");
            let place = s.opt_text(sink, "place");
            let signer = super::plan::signer(&mut s, sink);
            let recipients = s.opt(sink, "recipients", List(Text)).unwrap_or_default();
            s.finish(sink);
            Synthesis { number, place, signer, recipients }
        });
    f.finish(sink);
    if sink.errors.len() > before {
        return None;
    }
    let (period_from, period_to) = period?;
    Some(Config {
        title: title?,
        organization: organization?,
        issuer: issuer?,
        base_url: base_url.unwrap_or_else(|| "/".into()),
        theme,
        language,
        period_from,
        period_to,
        deadline: deadline?,
        report_due_days,
        as_of,
        require,
        team_size,
        rules,
        synthesis,
        loc: sink.loc(Pos { line: 1, col: 1, len: 0 }),
    })
}

/// What a base_url must be, for messages.
/// What a `base_url` must be, for messages.
pub fn base_url_expected() -> String {
    crate::pick!(
        "cần một đường dẫn bắt đầu bằng `/` (ví dụ `/sinhhoat/`) hoặc một địa chỉ http(s) đầy đủ",
        "expected a path starting with `/` (e.g. `/sinhhoat/`) or a full http(s) URL"
    )
}

/// `/`, `/sub/path/` or a full http(s) URL, normalised to end with `/`; `None` if it is none
/// of these. Shared by site.yaml and the `--base-url` flag.
pub fn normalize_base_url(s: &str) -> Option<String> {
    let full = s.starts_with("http://") || s.starts_with("https://");
    if !(s.starts_with('/') || full) || s.contains(char::is_whitespace) || s.starts_with("//") {
        return None;
    }
    Some(if s.ends_with('/') { s.to_string() } else { format!("{s}/") })
}

fn base_url(b: Sp<String>, sink: &mut Sink) -> Option<String> {
    let normal = normalize_base_url(&b.value);
    if normal.is_none() {
        sink.error(b.loc.pos, crate::msg::content::invalid("base_url", &b.value), base_url_expected());
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::read_as;
    use crate::model::YearMonth;

    const FULL: &str = "title: KH\norganization: ĐUK\nissuer: BTV\nbase_url: /sinhhoat\ntheme: plain\n\
        language: vi\nperiod: { from: 2024-03, to: 2024-10 }\ndeadline: 2024-11-10\nreport_due_days: 7\n\
        as_of: 2024-08-20\nrequire: { dang_uy: 1, chi_bo: 2 }\nteam_size: 3\n\
        synthesis: { number: 45-BC/ĐUK, signer: { name: Lê Văn C, title: Phó Bí thư, on_behalf_of: T/M Ban Thường vụ }, recipients: [Ban Thường vụ, Lưu] }\n";

    fn run(yaml: &str) -> (Option<Config>, Vec<String>) {
        read_as("content/site.yaml", yaml, read)
    }

    #[test]
    fn reads_every_key() {
        let (c, e) = run(FULL);
        assert!(e.is_empty(), "{e:?}");
        let c = c.unwrap();
        assert_eq!(c.base_url, "/sinhhoat/");
        assert_eq!(c.theme, "plain");
        assert_eq!(c.period_from, YearMonth::new(2024, 3).unwrap());
        assert_eq!(c.period_to, YearMonth::new(2024, 10).unwrap());
        assert_eq!(c.deadline.value.to_string(), "2024-11-10");
        assert_eq!(c.deadline.loc.pos.line, 8);
        assert_eq!(c.report_due_days, 7);
        assert_eq!(c.require, Require { dang_uy: 1, chi_bo: 2 });
        assert_eq!(c.team_size.value, 3);
        assert_eq!(c.as_of.map(|d| d.to_string()).as_deref(), Some("2024-08-20"));
        let s = c.synthesis.unwrap();
        assert_eq!((s.number.as_deref(), s.place), (Some("45-BC/ĐUK"), None));
        assert_eq!(s.signer.unwrap().on_behalf_of.as_deref(), Some("T/M Ban Thường vụ"));
        assert_eq!(s.recipients, ["Ban Thường vụ", "Lưu"]);
    }

    #[test]
    fn synthesis_keys_are_checked() {
        let (c, e) = run(
            "title: KH\norganization: O\nissuer: I\nperiod: {from: 2024-03, to: 2024-03}\ndeadline: 2024-11-10\n\
            synthesis: { numbr: 1, signer: { name: A } }\n",
        );
        assert!(c.is_none());
        assert_eq!(e, ["6:32 missing key `title`", "6:14 unknown key `numbr`"]);
    }

    #[test]
    fn defaults() {
        let (c, e) = run(
            "title: KH\norganization: O\nissuer: I\nperiod: {from: 2024-03, to: 2024-03}\ndeadline: 2024-11-10\n",
        );
        assert!(e.is_empty(), "{e:?}");
        let c = c.unwrap();
        assert_eq!((c.base_url.as_str(), c.theme.as_str(), c.language.as_str()), ("/", "default", "vi"));
        assert_eq!((c.report_due_days, c.team_size.value), (10, 2));
        assert_eq!(c.require, Require { dang_uy: 1, chi_bo: 1 });
        assert_eq!(c.as_of, None);
        assert_eq!(c.rules, Rules { min_minutes: 90, min_minutes_combined: 120 });
    }

    #[test]
    fn rules_of_the_plan() {
        let base = "title: KH\norganization: O\nissuer: I\nperiod: {from: 2024-03, to: 2024-03}\ndeadline: 2024-11-10\n";
        let (c, e) = run(&format!("{base}rules: {{ min_minutes: 60 }}\n"));
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(c.unwrap().rules, Rules { min_minutes: 60, min_minutes_combined: 120 });
        let (c, e) = run(&format!("{base}rules:\n  min_minutes: 100\n  min_minutes_combined: 150\n"));
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(c.unwrap().rules, Rules { min_minutes: 100, min_minutes_combined: 150 });
        let (c, e) = run(&format!("{base}rules: {{ min_minute: 60, min_minutes_combined: 0 }}\n"));
        assert!(c.is_none());
        assert_eq!(e.len(), 2, "{e:?}");
    }

    #[test]
    fn every_error_at_once() {
        let (c, e) = run(
            "title: KH\nperiod: {from: 2024-10, to: 2024-03}\ndeadline: 2024-13-01\nbase_url: sinhhoat\nthme: x\n",
        );
        assert!(c.is_none());
        assert_eq!(
            e,
            [
                "1:1 missing key `organization`",
                "1:1 missing key `issuer`",
                "4:11 invalid base_url `sinhhoat`",
                "2:29 period ends (`2024-03`) before it starts (`2024-10`)",
                "3:11 invalid date `2024-13-01`",
                "5:1 unknown key `thme`",
            ]
        );
    }

    #[test]
    fn a_deadline_before_the_period_is_an_error() {
        let site = |deadline: &str| {
            run(&format!(
                "title: KH\norganization: O\nissuer: I\nperiod: {{from: 2024-03, to: 2024-10}}\ndeadline: {deadline}\n"
            ))
        };
        let (c, e) = site("2024-02-29");
        assert!(c.is_none());
        assert_eq!(e, ["5:11 the deadline `2024-02-29` is before the period's first month (`2024-03`)"]);
        let (c, e) = site("2024-03-01");
        assert!(c.is_some() && e.is_empty(), "the period's first day is fine: {e:?}");
    }

    #[test]
    fn a_period_of_more_than_ten_years_is_refused() {
        let site = |from: &str, to: &str| {
            run(&format!(
                "title: KH\norganization: O\nissuer: I\nperiod: {{from: {from}, to: {to}}}\ndeadline: 2024-11-10\n"
            ))
        };
        let (c, e) = site("0000-01", "2024-05");
        assert!(c.is_none());
        assert_eq!(e, ["4:29 the period from `0000-01` to `2024-05` spans 24293 months"]);
        let (c, e) = site("2015-01", "2024-12");
        assert!(c.is_some() && e.is_empty(), "120 months are fine: {e:?}");
        assert!(site("2015-01", "2025-01").0.is_none());
    }
}
