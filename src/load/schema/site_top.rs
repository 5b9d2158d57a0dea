//! The top `content/site.yaml` of a site holding several plans: the keys every plan shares
//! (title, organization, base_url, theme, language), which plan the home shows first
//! (`current`), and which plan the addresses of the site before it held several answer
//! for (`old_addresses`).

use super::fields::{Fields, Sink};
use super::types::{Id, Text};
use crate::load::yaml::Node;
use crate::model::{Pos, SiteWide};
use crate::msg::plans as pm;

/// The keys of a plan's `site.yaml`, refused here with the hint to move them.
const PLAN_KEYS: [&str; 9] = [
    "issuer",
    "period",
    "deadline",
    "report_due_days",
    "as_of",
    "require",
    "team_size",
    "rules",
    "synthesis",
];

/// Read the top `site.yaml`; `None` after reporting errors.
pub fn read(node: &Node, sink: &mut Sink) -> Option<SiteWide> {
    let before = sink.errors.len();
    let mut f = Fields::new(node, "site.yaml", sink)?;
    for key in PLAN_KEYS {
        if let Some(pos) = f.key_pos(key) {
            f.node(key);
            let e = sink.error(pos, pm::plan_key_in_top(key), pm::plan_key_in_top_label());
            e.help = Some(pm::plan_key_in_top_help());
        }
    }
    let title = f.req(sink, "title", Text);
    let organization = f.req(sink, "organization", Text);
    let base_url = f.opt_sp(sink, "base_url", Text).and_then(|b| {
        let normal = super::site::normalize_base_url(&b.value);
        if normal.is_none() {
            sink.error(
                b.loc.pos,
                crate::msg::content::invalid("base_url", &b.value),
                super::site::base_url_expected(),
            );
        }
        normal
    });
    let theme = f.opt(sink, "theme", Id).unwrap_or_else(|| "default".into());
    let language = f.opt(sink, "language", Text).unwrap_or_else(|| "vi".into());
    let current = f.opt_sp(sink, "current", Id);
    let old_addresses = f.opt_sp(sink, "old_addresses", Id);
    f.finish(sink);
    if sink.errors.len() > before {
        return None;
    }
    Some(SiteWide {
        title: title?,
        organization: organization?,
        base_url: base_url.unwrap_or_else(|| "/".into()),
        theme,
        language,
        current,
        old_addresses,
        loc: sink.loc(Pos { line: 1, col: 1, len: 0 }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::read_as;

    fn run(yaml: &str) -> (Option<SiteWide>, Vec<String>) {
        read_as("content/site.yaml", yaml, read)
    }

    #[test]
    fn reads_the_site_wide_keys() {
        let (s, e) = run("title: T\norganization: O\nbase_url: /a\ncurrent: '2025'\nold_addresses: '2024'\n");
        assert!(e.is_empty(), "{e:?}");
        let s = s.unwrap();
        assert_eq!((s.base_url.as_str(), s.theme.as_str()), ("/a/", "default"));
        assert_eq!(s.current.unwrap().value, "2025");
        assert_eq!(s.old_addresses.unwrap().value, "2024");
    }

    #[test]
    fn a_plan_key_is_refused_with_where_it_goes() {
        let (s, e) = run("title: T\norganization: O\ndeadline: 2024-11-10\n");
        assert!(s.is_none());
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("3:1 ") && e[0].contains("each plan's"), "{e:?}");
    }
}
