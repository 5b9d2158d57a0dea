//! The plan (`ke-hoach/ke-hoach.docx`) and the synthesis report (`tong-hop/tong-hop.docx`)
//! as Word documents in the Party's document layout (Hướng dẫn 36-HD/VPTW, 03/4/2018):
//! the superior and issuing bodies top left (the issuing body bold, an asterisk under it),
//! the number under them; "ĐẢNG CỘNG SẢN VIỆT NAM" top right, bold, underlined, and the
//! place and date in italics under it; the document type and its summary centred in bold;
//! the body at 14 pt, justified, first line indented; "Nơi nhận" bottom left and the
//! signature block bottom right. The synthesis holds what its page holds: the figures, the
//! table of each team, the ratings and every published "Đề xuất, kiến nghị" (restricted
//! reports only with `include_restricted`, as on the pages).

use super::docx_markdown::blocks;
use super::docx_writer::{Align, Block, Document, Para, Run, Table, mm, text_width, to_docx};
use crate::derive::{Judgement, Tally};
use crate::markdown::{PROPOSALS, section};
use crate::model::{Rating, Signer, Site};
use crate::render::view::View;
use crate::vi;

/// Path of the plan as Word, relative to the output root.
pub const PLAN_PATH: &str = "ke-hoach/ke-hoach.docx";
/// Path of the synthesis as Word, relative to the output root.
pub const SYNTHESIS_PATH: &str = "tong-hop/tong-hop.docx";

/// The parts of a Party document around its body.
pub struct Parts<'a> {
    /// The lines top left above the asterisk: (text, bold).
    pub bodies: Vec<(String, bool)>,
    pub number: Option<&'a str>,
    pub place_date: Option<String>,
    /// `KẾ HOẠCH`, `BÁO CÁO`.
    pub kind: String,
    pub gist: String,
    pub signer: Option<&'a Signer>,
    pub recipients: &'a [String],
}

/// "Lào Cai, ngày 05 tháng 02 năm 2024" (or without the place).
pub fn place_date(place: Option<&str>, date: chrono::NaiveDate) -> String {
    let d = vi::date_official(date);
    match place {
        Some(p) => format!("{p}, {d}"),
        None => d.replacen('n', "N", 1),
    }
}

/// The bodies top left of a document issued by `issuer` of `organization`: a document of
/// the Ban Thường vụ or Ban Chấp hành carries the committee's name (the superior body
/// above it); a ban's carries the committee above the ban's name.
pub fn bodies(superior: Option<&str>, organization: &str, issuer: &str) -> Vec<(String, bool)> {
    let up = |s: &str| s.to_uppercase();
    if issuer.starts_with("Ban Thường vụ") || issuer.starts_with("Ban Chấp hành") {
        let mut v: Vec<(String, bool)> = superior.map(|s| (up(s), false)).into_iter().collect();
        v.push((up(organization), true));
        v
    } else {
        vec![(up(organization), false), (up(issuer), true)]
    }
}

fn head(p: &Parts) -> Vec<Block> {
    let line = |text: &str, bold: bool, size: u32| {
        let mut r = Run::new(text);
        r.bold = bold;
        Para::line(vec![r], Align::Center, size)
    };
    let mut left: Vec<Para> = p.bodies.iter().map(|(t, b)| line(t, *b, 14)).collect();
    left.push(line("*", false, 14));
    if let Some(n) = p.number {
        left.push(line(&format!("Số {n}"), false, 14));
    }
    let mut right =
        vec![Para::line(vec![Run::new("ĐẢNG CỘNG SẢN VIỆT NAM").bold().underline()], Align::Center, 15)];
    if let Some(pd) = &p.place_date {
        let mut d = Para::line(vec![Run::new(pd.as_str()).italic()], Align::Center, 14);
        d.before = 6;
        right.push(d);
    }
    let w = text_width();
    let left_w = w / 2;
    let mut title = Para::line(vec![Run::new(p.kind.as_str()).bold()], Align::Center, 16);
    title.before = 18;
    let mut out = vec![
        Block::T(Table {
            widths: vec![left_w, w - left_w],
            rows: vec![vec![left, right]],
            borders: false,
            header_rows: 0,
        }),
        Block::P(title),
    ];
    if !p.gist.is_empty() {
        out.push(Block::P(Para::line(vec![Run::new(p.gist.as_str()).bold()], Align::Center, 14)));
    }
    let mut rule = Para::line(vec![Run::new("-----")], Align::Center, 14);
    rule.after = 12;
    out.push(Block::P(rule));
    out
}

fn foot(p: &Parts) -> Block {
    let mut left = Vec::new();
    if !p.recipients.is_empty() {
        let mut h = Para::line(vec![Run::new("Nơi nhận:").underline()], Align::Left, 14);
        h.before = 12;
        left.push(h);
        let n = p.recipients.len();
        for (k, r) in p.recipients.iter().enumerate() {
            let end = if k + 1 == n { "." } else { "," };
            left.push(Para::line(vec![Run::new(format!("- {r}{end}"))], Align::Left, 12));
        }
    }
    let mut right = Vec::new();
    if let Some(s) = p.signer {
        let up = |t: &str| Para::line(vec![Run::new(t.to_uppercase()).bold()], Align::Center, 14);
        if let Some(o) = &s.on_behalf_of {
            let mut first = up(o);
            first.before = 12;
            right.push(first);
        }
        let mut title = up(&s.title);
        if s.on_behalf_of.is_none() {
            title.before = 12;
        }
        right.push(title);
        let mut name = Para::line(vec![Run::new(s.name.as_str()).bold()], Align::Center, 14);
        name.before = 72;
        right.push(name);
    }
    let w = text_width();
    Block::T(Table {
        widths: vec![w / 2, w - w / 2],
        rows: vec![vec![left, right]],
        borders: false,
        header_rows: 0,
    })
}

/// A whole document: head, body, foot.
pub fn document(title: &str, parts: &Parts, body: Vec<Block>) -> Document {
    let mut blocks = head(parts);
    blocks.extend(body);
    blocks.push(foot(parts));
    Document { title: title.to_string(), blocks }
}

/// The kind (capitals) and the summary of a title that starts with it: `Kế hoạch dự sinh
/// hoạt …` → (`KẾ HOẠCH`, `dự sinh hoạt …`).
fn kind_and_gist(title: &str, kind: &str) -> (String, String) {
    match title.strip_prefix(kind).and_then(|r| r.strip_prefix(' ')) {
        Some(rest) => (kind.to_uppercase(), rest.to_string()),
        None => (title.to_uppercase(), String::new()),
    }
}

/// The plan document.
pub fn plan_document(site: &Site) -> Document {
    let plan = &site.plan;
    let c = &site.config;
    let (kind, gist) = kind_and_gist(&plan.title, "Kế hoạch");
    let parts = Parts {
        bodies: bodies(plan.superior.as_deref(), &c.organization, &c.issuer),
        number: plan.number.as_deref(),
        place_date: plan
            .issued_on
            .map(|d| place_date(plan.place.as_deref(), d))
            .or_else(|| plan.place.clone()),
        kind,
        gist,
        signer: plan.signer.as_ref(),
        recipients: &plan.recipients,
    };
    document(&plan.title, &parts, blocks(&plan.body))
}

/// `ke-hoach/ke-hoach.docx`.
pub fn plan_docx(site: &Site) -> Vec<u8> {
    to_docx(&plan_document(site))
}

fn heading(text: &str) -> Block {
    let mut p = Para::body(vec![Run::new(text).bold()]);
    p.keep_next = true;
    p.before = 6;
    p.style = Some("Heading1");
    Block::P(p)
}

fn cell(text: impl Into<String>, bold: bool, align: Align) -> Vec<Para> {
    let mut r = Run::new(text);
    r.bold = bold;
    vec![Para::line(vec![r], align, 12)]
}

/// The title of the synthesis (its page's too).
pub const SYNTHESIS_TITLE: &str = "Báo cáo tổng hợp kết quả dự sinh hoạt chi bộ, sinh hoạt cấp ủy";

/// The synthesis document on `judgement.as_of`.
pub fn synthesis_document(site: &Site, judgement: &Judgement, include_restricted: bool) -> Document {
    let view = View::new(site, judgement, include_restricted);
    let c = &site.config;
    let s = c.synthesis.clone().unwrap_or_default();
    let place = s.place.as_deref().or(site.plan.place.as_deref());
    let (kind, gist) = kind_and_gist(SYNTHESIS_TITLE, "Báo cáo");
    let parts = Parts {
        bodies: bodies(None, &c.organization, "Ban Tổ chức"),
        number: s.number.as_deref(),
        place_date: Some(place_date(place, judgement.as_of)),
        kind,
        gist,
        signer: s.signer.as_ref(),
        recipients: &s.recipients,
    };
    let tally = |team: Option<&str>| -> Tally {
        match team {
            Some(t) => Tally::of(view.visits_of_team(t).into_iter().filter_map(|(i, _)| view.state(i))),
            None => Tally::of(judgement.visits.iter()),
        }
    };
    let all = tally(None);
    let mut body =
        vec![Block::P(Para::line(vec![Run::new(format!("Kính gửi: {}", c.issuer))], Align::Center, 14))];
    body.push(Block::P(Para::body(vec![Run::new(format!(
        "Thực hiện {}, từ {} đến {}, các tổ công tác đã dự {}/{} cuộc theo kế hoạch ({}%); {} báo cáo nộp đúng hạn, {} chậm; {} cuộc quá hạn báo cáo; {} cuộc đã hủy.",
        c.title.to_lowercase(),
        vi::month(c.period_from),
        vi::month(c.period_to),
        all.reported,
        all.planned(),
        all.percent_reported(),
        all.on_time,
        all.late,
        all.overdue,
        all.cancelled
    ))])));
    body.push(heading("1. Kết quả từng tổ công tác"));
    let heads = ["Tổ", "Tổ trưởng", "Kế hoạch", "Đã báo cáo", "Đúng hạn", "Chậm", "Quá hạn", "Tỷ lệ"];
    let mut rows: Vec<Vec<Vec<Para>>> = vec![heads.iter().map(|h| cell(*h, true, Align::Center)).collect()];
    let figures = |name: String, leader: String, t: Tally, bold: bool| -> Vec<Vec<Para>> {
        let mut row = vec![cell(name, bold, Align::Left), cell(leader, false, Align::Left)];
        for n in [t.planned(), t.reported, t.on_time, t.late, t.overdue] {
            row.push(cell(n.to_string(), bold, Align::Center));
        }
        row.push(cell(format!("{}%", t.percent_reported()), bold, Align::Center));
        row
    };
    for t in &site.teams {
        rows.push(figures(t.name.clone(), t.leader.name.clone(), tally(Some(&t.id)), false));
    }
    rows.push(figures("Cộng".into(), String::new(), all, true));
    let w = text_width();
    let num = mm(15);
    let rest = w - 6 * num;
    let widths = vec![rest * 11 / 20, rest - rest * 11 / 20, num, num, num, num, num, num];
    body.push(Block::T(Table { widths, rows, borders: true, header_rows: 1 }));
    let reported = view.reported();
    let total = reported.len() as u32;
    body.push(heading("2. Đánh giá chất lượng sinh hoạt"));
    body.push(Block::P(Para::body(vec![Run::new(format!("Trong {total} báo cáo:"))])));
    let mut rows = vec![vec![
        cell("Xếp loại", true, Align::Center),
        cell("Số cuộc", true, Align::Center),
        cell("Tỷ lệ", true, Align::Center),
    ]];
    for rt in Rating::ALL {
        let n = reported.iter().filter(|(_, _, r)| r.rating == rt).count() as u32;
        let pct = (n * 100).checked_div(total).unwrap_or(0);
        rows.push(vec![
            cell(rt.label(), false, Align::Left),
            cell(n.to_string(), false, Align::Center),
            cell(format!("{pct}%"), false, Align::Center),
        ]);
    }
    body.push(Block::T(Table { widths: vec![mm(60), mm(30), mm(30)], rows, borders: true, header_rows: 1 }));
    body.push(heading("3. Đề xuất, kiến nghị của các chi bộ, đảng bộ"));
    for t in &site.teams {
        let mut h = Para::body(vec![Run::new(t.name.as_str()).bold().italic()]);
        h.keep_next = true;
        h.style = Some("Heading2");
        body.push(Block::P(h));
        let mut items: Vec<(&str, Vec<Block>)> = reported
            .iter()
            .filter(|(_, v, _)| v.team.value == t.id.value)
            .filter_map(|(_, v, r)| {
                let md = section(&r.body, PROPOSALS).filter(|m| !m.trim().is_empty())?;
                let unit = view.unit_name(&v.unit);
                let mut lead = Para::body(vec![
                    Run::new(format!("{unit} ")).italic(),
                    Run::new(format!("({}, {})", v.kind.label().to_lowercase(), vi::date(r.held_on.value)))
                        .italic(),
                ]);
                lead.keep_next = true;
                let mut b = vec![Block::P(lead)];
                b.extend(blocks(md));
                Some((unit, b))
            })
            .collect();
        view.sort_by_unit_name(&mut items, |x| x.0);
        if items.is_empty() {
            body.push(Block::P(Para::body(vec![Run::new("Không có đề xuất, kiến nghị.").italic()])));
        }
        for (_, b) in items {
            body.extend(b);
        }
    }
    document(SYNTHESIS_TITLE, &parts, body)
}

/// `tong-hop/tong-hop.docx`.
pub fn synthesis_docx(site: &Site, judgement: &Judgement, include_restricted: bool) -> Vec<u8> {
    to_docx(&synthesis_document(site, judgement, include_restricted))
}
