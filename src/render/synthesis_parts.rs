//! Parts of the synthesis the Standing Committee acts on: the teams' proposals grouped by
//! whom they address (see [`super::proposals`]), and the cells by rating — those to
//! commend and spread (Tốt) and those to remind (Trung bình, Kém) — each with the report
//! its judgement comes from. Teams, units and dates in words.

use super::proposals::{Addressee, items};
use super::view::{View, url};
use crate::markdown::{PROPOSALS, section};
use crate::model::{MeetingKind, Rating, Report, Visit};
use crate::vi;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Where a proposal or a judgement comes from: the team, the unit (with its đảng bộ), the
/// meeting's date, and the report's page.
#[derive(Serialize)]
pub struct Source {
    pub team: String,
    pub unit: String,
    pub unit_url: String,
    pub held_on: String,
    pub meeting: &'static str,
    pub url: String,
}

fn source(view: &View, v: &Visit, r: &Report) -> Source {
    Source {
        team: view.team(&v.team).map_or_else(|| v.team.to_string(), |t| t.name.clone()),
        unit: view.unit_full_name(&v.unit),
        unit_url: url::unit(&v.unit),
        held_on: vi::date(r.held_on.value),
        meeting: match r.meeting {
            MeetingKind::KetHop => "Sinh hoạt định kỳ kết hợp chuyên đề",
            m => m.label(),
        },
        url: url::report(&v.id),
    }
}

/// A proposal and the reports that make it (the same words from several reports once).
#[derive(Serialize)]
pub struct ProposalItem {
    pub text: String,
    pub from: Vec<Source>,
}

#[derive(Serialize)]
pub struct ProposalGroup {
    pub key: &'static str,
    pub label: String,
    pub items: Vec<ProposalItem>,
}

/// The proposals of the published reports, by whom they address (groups with none left
/// out), each group in schedule order; a proposal made in the same words by several
/// reports is listed once, with each of them.
pub fn proposal_groups(view: &View, reported: &[(usize, &Visit, &Report)]) -> Vec<ProposalGroup> {
    let mut groups: Vec<ProposalGroup> = Addressee::ALL
        .iter()
        .map(|a| ProposalGroup { key: a.key(), label: a.label(&view.site.config.issuer), items: vec![] })
        .collect();
    // Where each (group, text) is listed, so that the same words are found at once.
    let mut seen: FxHashMap<(usize, String), usize> = FxHashMap::default();
    for (_, v, r) in reported {
        let Some(md) = section(&r.body, PROPOSALS) else { continue };
        for item in items(md) {
            let at = Addressee::ALL.iter().position(|a| *a == item.addressee).unwrap_or(3);
            let group = &mut groups[at].items;
            match seen.get(&(at, item.text.clone())) {
                Some(&k) => group[k].from.push(source(view, v, r)),
                None => {
                    seen.insert((at, item.text.clone()), group.len());
                    group.push(ProposalItem { text: item.text, from: vec![source(view, v, r)] });
                }
            }
        }
    }
    groups.retain(|g| !g.items.is_empty());
    groups
}

#[derive(Serialize)]
pub struct Judged {
    pub rating: &'static str,
    pub rating_label: &'static str,
    pub score: Option<u32>,
    pub from: Source,
}

#[derive(Serialize)]
pub struct RatingGroup {
    pub key: &'static str,
    /// What the Standing Committee is asked to do.
    pub label: &'static str,
    pub items: Vec<Judged>,
}

/// The meetings rated Tốt (to commend and spread) and those rated Trung bình or Kém (to
/// remind), by unit name.
pub fn rating_groups(view: &View, reported: &[(usize, &Visit, &Report)]) -> Vec<RatingGroup> {
    let asks: [(&str, &str, &[Rating]); 2] = [
        ("bieu-duong", "Đề nghị biểu dương, nhân rộng (buổi sinh hoạt xếp loại Tốt)", &[Rating::Tot]),
        (
            "nhac-nho",
            "Đề nghị nhắc nhở, chấn chỉnh (buổi sinh hoạt xếp loại Trung bình, Kém)",
            &[Rating::TrungBinh, Rating::Kem],
        ),
    ];
    asks.iter()
        .map(|(key, label, ratings)| {
            let mut items: Vec<Judged> = reported
                .iter()
                .filter(|(_, _, r)| ratings.contains(&r.rating))
                .map(|(_, v, r)| Judged {
                    rating: r.rating.key(),
                    rating_label: r.rating.label(),
                    score: r.score,
                    from: source(view, v, r),
                })
                .collect();
            view.sort_by_unit_name(&mut items, |j| &j.from.unit);
            RatingGroup { key, label, items }
        })
        .collect()
}
