//! The proposals of the reports as the synthesis lists them: each proposal (a paragraph or
//! a list item of a report's "Đề xuất, kiến nghị" section, split where a new "Đề nghị …" or
//! "Kiến nghị …" sentence starts) as plain text, filed under whom it addresses, with the
//! filler lines ("không có kiến nghị", "không", "chưa có") left out.
//!
//! Whom a proposal addresses is the body it names first ("Đề nghị Ban Thường vụ Đảng ủy
//! Khối …", "Đề nghị Đảng ủy …", "Chi bộ cần …"); a sub-heading of the section that names a
//! body ("### Đối với chi bộ") files the proposals under it that name none.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Whom a proposal addresses, in the order the synthesis lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Addressee {
    /// The Standing Committee and the bodies of the committee above the đảng bộ cơ sở.
    Superior,
    /// The đảng ủy cơ sở.
    DangUy,
    /// The chi bộ (chi ủy).
    ChiBo,
    /// No body named.
    Other,
}

impl Addressee {
    pub const ALL: [Addressee; 4] =
        [Addressee::Superior, Addressee::DangUy, Addressee::ChiBo, Addressee::Other];

    pub fn key(self) -> &'static str {
        match self {
            Addressee::Superior => "cap-tren",
            Addressee::DangUy => "dang-uy",
            Addressee::ChiBo => "chi-bo",
            Addressee::Other => "khac",
        }
    }

    /// The heading of the group; `issuer` is the body the synthesis is sent to.
    pub fn label(self, issuer: &str) -> String {
        match self {
            Addressee::Superior if issuer.trim().is_empty() => "Kiến nghị với cấp trên".to_string(),
            Addressee::Superior => format!("Kiến nghị với {issuer} và các cơ quan cấp trên"),
            Addressee::DangUy => "Đề nghị với đảng ủy cơ sở".to_string(),
            Addressee::ChiBo => "Đề nghị với chi bộ".to_string(),
            Addressee::Other => "Ý kiến khác".to_string(),
        }
    }
}

/// Names of bodies, lowercase, with whom they are. At one place the longest wins
/// ("đảng ủy khối" over "đảng ủy").
const BODIES: &[(&str, Addressee)] = &[
    ("ban thường vụ", Addressee::Superior),
    ("thường trực", Addressee::Superior),
    ("đảng ủy khối", Addressee::Superior),
    ("ủy ban kiểm tra", Addressee::Superior),
    ("ban tổ chức", Addressee::Superior),
    ("ban tuyên giáo", Addressee::Superior),
    ("ban dân vận", Addressee::Superior),
    ("tỉnh ủy", Addressee::Superior),
    ("thành ủy", Addressee::Superior),
    ("cấp trên", Addressee::Superior),
    ("cấp ủy cấp trên", Addressee::Superior),
    ("đảng ủy", Addressee::DangUy),
    ("đảng bộ", Addressee::DangUy),
    ("cấp ủy cơ sở", Addressee::DangUy),
    ("chi bộ", Addressee::ChiBo),
    ("chi ủy", Addressee::ChiBo),
];

/// The body `text` names first, if any.
pub fn addressee(text: &str) -> Option<Addressee> {
    let lower = text.to_lowercase();
    let mut best: Option<(usize, usize, Addressee)> = None;
    for &(name, who) in BODIES {
        if let Some(at) = lower.find(name) {
            let better = match best {
                None => true,
                Some((b_at, b_len, _)) => at < b_at || (at == b_at && name.len() > b_len),
            };
            if better {
                best = Some((at, name.len(), who));
            }
        }
    }
    best.map(|(_, _, who)| who)
}

/// Whether `text` says there is nothing to propose ("Không có kiến nghị.", "Không.",
/// "Chưa có", "Đối với Ban Thường vụ: không có kiến nghị").
pub fn is_filler(text: &str) -> bool {
    let lower = text.to_lowercase();
    let bare = lower.trim().trim_end_matches(['.', ';', '!']).trim();
    let nothing = ["không", "chưa có", "không có", "không có gì", "không có ý kiến", "chưa có kiến nghị"];
    bare.is_empty()
        || nothing.contains(&bare)
        || [
            "không có kiến nghị",
            "không có đề xuất",
            "không có đề nghị",
            "chưa có đề xuất",
            "chưa có kiến nghị",
        ]
        .iter()
        .any(|w| bare.contains(w))
}

/// One proposal: whom it addresses and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub addressee: Addressee,
    pub text: String,
}

/// The proposals of a section's Markdown, in order.
pub fn items(section_md: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut context: Option<Addressee> = None;
    let mut text = String::new();
    let mut depth = 0usize;
    let flush = |text: &mut String, context: Option<Addressee>, out: &mut Vec<Item>| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        text.clear();
        for sentence in split_proposals(&t) {
            if !is_filler(sentence) {
                let who = addressee(sentence).or(context).unwrap_or(Addressee::Other);
                out.push(Item { addressee: who, text: sentence.to_string() });
            }
        }
    };
    for e in Parser::new_ext(section_md, crate::markdown::options()) {
        match e {
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut text, context, &mut out);
            }
            Event::End(TagEnd::Heading(_)) => {
                context = addressee(&text);
                text.clear();
            }
            Event::Start(Tag::Paragraph | Tag::Item) => {
                if depth == 0 || !text.trim().is_empty() {
                    flush(&mut text, context, &mut out);
                }
                depth += 1;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                depth = depth.saturating_sub(1);
                flush(&mut text, context, &mut out);
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    flush(&mut text, context, &mut out);
    out
}

/// `text` cut before each sentence that starts a new proposal ("… tháng sau. Kiến nghị Ban
/// Thường vụ …" is two).
fn split_proposals(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        let rest = &text[i + 2..];
        if ["Đề nghị", "Kiến nghị", "Đề xuất"].iter().any(|w| rest.starts_with(w)) {
            parts.push(text[start..=i].trim());
            start = i + 2;
        }
    }
    parts.push(text[start..].trim());
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(s: &str) -> Vec<(Addressee, String)> {
        items(s).into_iter().map(|i| (i.addressee, i.text)).collect()
    }

    #[test]
    fn proposals_are_filed_under_the_body_they_name_first() {
        use Addressee::*;
        assert_eq!(addressee("Đề nghị Ban Thường vụ Đảng ủy Khối sớm ban hành"), Some(Superior));
        assert_eq!(addressee("Kiến nghị Đảng ủy Khối phối hợp với các sở"), Some(Superior));
        assert_eq!(addressee("Đề nghị Đảng ủy giao Ủy ban Kiểm tra hướng dẫn"), Some(DangUy));
        assert_eq!(addressee("Đề nghị chi bộ chuẩn bị văn kiện theo hướng dẫn của cấp trên"), Some(ChiBo));
        assert_eq!(addressee("Chi ủy cần đôn đốc"), Some(ChiBo));
        assert_eq!(addressee("Cần tăng cường kiểm tra"), None);
    }

    #[test]
    fn filler_lines_are_dropped_and_two_proposals_in_one_paragraph_split() {
        let md = "Không có kiến nghị với Ban Thường vụ Đảng ủy Khối.\n\n\
                  1. Chi bộ cần cố định ngày sinh hoạt.\n2. Không.\n\n\
                  Đề nghị Đảng ủy phân công đảng ủy viên. Kiến nghị Ban Thường vụ Đảng ủy Khối sớm có hướng dẫn.\n\n\
                  Chưa có\n\n- Đối với Ban Thường vụ Đảng ủy Khối: không có kiến nghị.\n";
        assert_eq!(
            who(md),
            vec![
                (Addressee::ChiBo, "Chi bộ cần cố định ngày sinh hoạt.".into()),
                (Addressee::DangUy, "Đề nghị Đảng ủy phân công đảng ủy viên.".into()),
                (Addressee::Superior, "Kiến nghị Ban Thường vụ Đảng ủy Khối sớm có hướng dẫn.".into()),
            ]
        );
    }

    #[test]
    fn a_sub_heading_names_whom_the_proposals_under_it_address() {
        let md = "### Đối với chi bộ\n\nCần rút ngắn phần thông tin thời sự.\n\n### Khác\n\nTăng cường *kiểm tra*.";
        assert_eq!(
            who(md),
            vec![
                (Addressee::ChiBo, "Cần rút ngắn phần thông tin thời sự.".into()),
                (Addressee::Other, "Tăng cường kiểm tra.".into()),
            ]
        );
    }
}
