//! The searchable documents of a site: the plan, teams, units, published reports and
//! pages, as plain text. Restricted reports and pages are left out unless
//! `include_restricted`; drafts and reports not yet published on `as_of` always are.

use super::index::{Doc, DocKind};
use crate::derive::Judgement;
use crate::derive::publish::published_reports;
use crate::derive::publish::{Ids, Publish};
use crate::markdown::report_body;
use crate::model::{Report, Site, Team, Unit};
use rayon::prelude::*;

/// Between the fields of a document's text (the index collapses white space, so a line
/// break alone would run "Đặng Văn H Lý Thanh C Sinh hoạt chuyên đề" together in a snippet).
const FIELD_SEPARATOR: &str = " · ";

/// Markdown to plain text (see [`report_body::text`]).
pub fn markdown_text(md: &str) -> String {
    report_body::text_of(md)
}

fn team_text(t: &Team) -> String {
    let mut parts = vec![t.name.clone()];
    for p in t.people() {
        parts.push(format!("{}, {}", p.name, p.title));
    }
    parts.extend(t.phone.clone());
    parts.join(FIELD_SEPARATOR)
}

fn unit_text(ids: &Ids, u: &Unit) -> String {
    let mut parts = vec![u.name.clone(), u.kind.label().to_string()];
    if let Some(parent) = u.parent.as_deref().and_then(|p| ids.units.get(p)) {
        parts.push(parent.name.clone());
    }
    parts.extend(u.secretary.clone());
    parts.extend(u.address.clone());
    parts.join(FIELD_SEPARATOR)
}

/// Title of a report's page: "Báo cáo dự sinh hoạt chi bộ: <unit>, 25/03/2024".
fn report_title(ids: &Ids, r: &Report) -> String {
    let visit = ids.visits.get(r.visit.as_str());
    // A chi bộ trực thuộc with its đảng bộ, as the pages name it.
    let unit = visit
        .and_then(|v| ids.units.get(v.unit.as_str()))
        .map(|u| crate::derive::words::unit_full_name(u, |p| ids.units.get(p).copied()))
        .unwrap_or_else(|| r.visit.to_string());
    let what = match visit {
        Some(v) => lower_first(v.kind.label()),
        None => "dự sinh hoạt".to_string(),
    };
    format!("Báo cáo {what}: {unit}, {}", crate::vi::date(r.held_on.value))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}

fn report_text(ids: &Ids, r: &Report, body: String) -> String {
    let team =
        ids.visits.get(r.visit.as_str()).and_then(|v| ids.teams.get(v.team.as_str())).map(|t| t.name.clone());
    let mut parts: Vec<String> = team.into_iter().collect();
    parts.push(r.author.clone());
    parts.extend(r.accompanied_by.clone());
    parts.extend(r.chair.clone());
    parts.push(r.meeting.label().to_string());
    parts.extend(r.topic.clone().filter(|t| !t.is_empty()));
    parts.push(format!("Xếp loại: {}", r.rating.label()));
    parts.push(body);
    parts.join(FIELD_SEPARATOR)
}

/// Every published page of the site as a search document, in a fixed order: plan, pages
/// (by weight, then slug), teams and units (file order), reports (the published ones, see
/// [`published_reports`], by visit id).
pub fn docs(site: &Site, judgement: &Judgement, include_restricted: bool) -> Vec<Doc> {
    let ids = Ids::of(site);
    let (mut out, reports) = parts(site, &ids, judgement, include_restricted);
    let reports: Vec<Doc> =
        reports.into_par_iter().map(|(_, r)| report_doc(&ids, r, report_body::text_of(&r.body))).collect();
    out.extend(reports);
    out
}

/// The documents of one plan as the index writer takes them: those before the reports
/// made at once, each report's made when its entry is written (so that they are not all
/// held at once). Document `i` is [`PlanDocs::doc`]`(i)`; every address starts with the
/// plan's `prefix`.
pub(super) struct PlanDocs<'a> {
    ids: Ids<'a>,
    head: Vec<Doc>,
    reports: Vec<(usize, &'a Report)>,
    prefix: &'a str,
    text: &'a (dyn Fn(usize) -> String + Sync),
}

impl<'a> PlanDocs<'a> {
    /// The documents of `site` (see [`docs`] for which and in what order); the text of
    /// report `r` (by its index in `site.reports`) is `text(r)`.
    pub(super) fn new(
        site: &'a Site,
        judgement: &Judgement,
        include_restricted: bool,
        prefix: &'a str,
        text: &'a (dyn Fn(usize) -> String + Sync),
    ) -> Self {
        let ids = Ids::of(site);
        let (mut head, reports) = parts(site, &ids, judgement, include_restricted);
        for d in &mut head {
            d.url.insert_str(0, prefix);
        }
        PlanDocs { ids, head, reports, prefix, text }
    }

    pub(super) fn len(&self) -> usize {
        self.head.len() + self.reports.len()
    }

    pub(super) fn doc(&self, i: usize) -> std::borrow::Cow<'_, Doc> {
        match self.head.get(i) {
            Some(d) => std::borrow::Cow::Borrowed(d),
            None => {
                let (r, report) = self.reports[i - self.head.len()];
                let mut d = report_doc(&self.ids, report, (self.text)(r));
                d.url.insert_str(0, self.prefix);
                std::borrow::Cow::Owned(d)
            }
        }
    }
}

/// The documents before the reports (plan, pages, teams, units), and the reports to index.
fn parts<'a>(
    site: &'a Site,
    ids: &Ids,
    judgement: &Judgement,
    include_restricted: bool,
) -> (Vec<Doc>, Vec<(usize, &'a Report)>) {
    let mut out = vec![Doc {
        url: "ke-hoach/".into(),
        title: site.plan.title.clone(),
        kind: DocKind::Plan,
        text: format!("{}\n{}", site.plan.number.clone().unwrap_or_default(), markdown_text(&site.plan.body)),
    }];
    let mut pages: Vec<_> = Publish::new(include_restricted).pages(site).collect();
    pages.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    out.extend(pages.into_iter().map(|p| Doc {
        url: format!("trang/{}/", p.slug),
        title: p.title.clone(),
        kind: DocKind::Page,
        text: markdown_text(&p.body),
    }));
    out.extend(site.teams.iter().map(|t| Doc {
        url: format!("to-cong-tac/{}/", *t.id),
        title: t.name.clone(),
        kind: DocKind::Team,
        text: team_text(t),
    }));
    out.extend(site.units.iter().map(|u| Doc {
        url: format!("don-vi/{}/", *u.id),
        title: u.name.clone(),
        kind: DocKind::Unit,
        text: unit_text(ids, u),
    }));
    let mut reports: Vec<(usize, &Report)> = published_reports(site, judgement, include_restricted)
        .into_iter()
        .map(|(_, r)| (r, &*site.reports[r]))
        .collect();
    reports.sort_by(|a, b| a.1.visit.value.cmp(&b.1.visit.value));
    (out, reports)
}

/// Report `r`'s document; `body` is the plain text of its Markdown.
fn report_doc(ids: &Ids, r: &Report, body: String) -> Doc {
    Doc {
        url: format!("bao-cao/{}/", *r.visit),
        title: report_title(ids, r),
        kind: DocKind::Report,
        text: report_text(ids, r, body),
    }
}

#[cfg(test)]
mod tests {
    use super::markdown_text;

    #[test]
    fn markdown_becomes_plain_text_without_html() {
        let t = markdown_text("## Nội dung\nMột *hai* `ba`\n\n<script>x()</script>\n\n- bốn\n");
        assert!(t.contains("Nội dung\n"));
        assert!(t.contains("Một hai ba"));
        assert!(t.contains("bốn"));
        assert!(!t.contains("script"), "{t}");
        assert!(!t.contains('*'));
    }
}
