//! The plan and the synthesis as Word documents, read back as a person's Word would show
//! them: A4, the margins, Times New Roman, the Party document's head and foot, the texts;
//! restricted reports only in the Standing Committee's build; the same bytes every build.

use crate::support::{SAMPLE, build};
use kehoach::office::docx_reader::{self, DBlock, Docx};

fn docx(bytes: &[u8]) -> Docx {
    docx_reader::read(bytes).expect("a .docx")
}

/// The paragraph whose text is `text`.
fn para<'a>(d: &'a Docx, text: &str) -> &'a docx_reader::DPara {
    d.paragraphs()
        .into_iter()
        .find(|p| p.text() == text)
        .unwrap_or_else(|| panic!("no paragraph `{text}`: {:?}", d.texts()))
}

fn twips(mm: u32) -> u32 {
    (mm * 14400 + 127) / 254
}

#[test]
fn the_plan_is_a_party_document_on_a4() {
    let a = build(SAMPLE, &[]);
    let b = build(SAMPLE, &[]);
    assert_eq!(a["ke-hoach/ke-hoach.docx"], b["ke-hoach/ke-hoach.docx"], "the same bytes every build");
    let d = docx(&a["ke-hoach/ke-hoach.docx"]);
    assert_eq!(d.page, Some((11906, 16838)), "A4");
    assert_eq!(d.margins, Some([twips(20), twips(20), twips(30), twips(15)]));
    assert_eq!(d.font.as_deref(), Some("Times New Roman"));
    // The head: a table of two cells, the bodies left, the motto right.
    let DBlock::T(head) = &d.blocks[0] else { panic!("the head is a table: {:?}", d.blocks[0]) };
    let left: Vec<String> = head[0][0].iter().map(|p| p.text()).collect();
    assert_eq!(
        left,
        ["ĐẢNG BỘ TỈNH LÀO CAI", "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH LÀO CAI", "*", "Số 125-KH/ĐUK"]
    );
    assert!(
        !head[0][0][0].runs[0].bold && head[0][0][1].runs[0].bold,
        "the issuing body in bold, not the superior"
    );
    let motto = &head[0][1][0];
    assert_eq!(motto.text(), "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert!(motto.runs[0].bold && motto.runs[0].underline && motto.runs[0].size == Some(30));
    let date = &head[0][1][1];
    assert_eq!(date.text(), "Lào Cai, ngày 05 tháng 02 năm 2024");
    assert!(date.runs[0].italic);
    let kind = para(&d, "KẾ HOẠCH");
    assert!(kind.runs[0].bold && kind.align.as_deref() == Some("center"));
    assert!(para(&d, "dự sinh hoạt chi bộ, sinh hoạt cấp ủy năm 2024").runs[0].bold);
    let heading = para(&d, "I. MỤC ĐÍCH, YÊU CẦU");
    assert_eq!(d.heading_level(heading), Some(1));
    let body =
        d.paragraphs().into_iter().find(|p| p.text().starts_with("Căn cứ Kết luận số 310-KL/TU")).unwrap();
    assert_eq!(body.align.as_deref(), Some("both"), "justified");
    // The foot: Nơi nhận left, the signature right.
    let DBlock::T(foot) = d.blocks.iter().rev().find(|b| matches!(b, DBlock::T(_))).unwrap() else {
        unreachable!()
    };
    let left: Vec<String> = foot[0][0].iter().map(|p| p.text()).collect();
    assert_eq!(left.first().map(String::as_str), Some("Nơi nhận:"));
    assert_eq!(left.last().map(String::as_str), Some("- Lưu BTC, VPĐUK."));
    let right: Vec<String> = foot[0][1].iter().map(|p| p.text()).collect();
    assert_eq!(right, ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Hữu Long"]);
}

#[test]
fn the_synthesis_holds_the_figures_and_the_published_proposals() {
    let files = build(SAMPLE, &[]);
    let d = docx(&files["tong-hop/tong-hop.docx"]);
    let texts = d.texts();
    let DBlock::T(head) = &d.blocks[0] else { panic!() };
    let left: Vec<String> = head[0][0].iter().map(|p| p.text()).collect();
    assert_eq!(
        left,
        ["ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH LÀO CAI", "BAN TỔ CHỨC", "*", "Số 52-BC/BTCĐUK"]
    );
    assert_eq!(head[0][1][1].text(), "Lào Cai, ngày 20 tháng 08 năm 2024", "the date is as_of");
    assert!(texts.contains(&"BÁO CÁO".to_string()));
    // The figures agree with summary.json.
    let summary = crate::support::json(&files, "data/summary.json");
    let intro = texts.iter().find(|t| t.starts_with("Thực hiện ")).unwrap();
    let (reported, planned) = (&summary["reported"], &summary["planned"]);
    assert!(intro.contains(&format!("đã dự {reported}/{planned} cuộc")), "{intro}");
    let table = d.blocks.iter().find_map(|b| match b {
        DBlock::T(rows) if rows[0][0].first().is_some_and(|p| p.text() == "Tổ") => Some(rows),
        _ => None,
    });
    let table = table.expect("the teams' table");
    let total = table.last().unwrap();
    assert_eq!(total[0][0].text(), "Cộng");
    assert_eq!(total[2][0].text(), planned.to_string());
    assert_eq!(total[3][0].text(), reported.to_string());
    assert!(
        texts.iter().any(|t| t.contains("Đề nghị chi bộ chủ động chuẩn bị văn kiện")),
        "a published proposal"
    );
    for needle in ["thu hộ", "tiền cước"] {
        assert!(!texts.iter().any(|t| t.contains(needle)), "no restricted text: {needle}");
    }
    let foot: Vec<String> = match d.blocks.iter().rev().find(|b| matches!(b, DBlock::T(_))) {
        Some(DBlock::T(rows)) => rows[0][1].iter().map(|p| p.text()).collect(),
        _ => panic!(),
    };
    assert_eq!(foot, ["T/M BAN TỔ CHỨC", "TRƯỞNG BAN", "Trần Văn Minh"]);
    let full = build(SAMPLE, &["--include-restricted"]);
    let d = docx(&full["tong-hop/tong-hop.docx"]);
    assert!(
        d.texts().iter().any(|t| t.contains("rà soát việc thu hộ")),
        "the Standing Committee's build has it"
    );
}

#[test]
fn the_pages_link_their_word_documents() {
    let files = build(SAMPLE, &[]);
    let plan = crate::support::text(&files, "ke-hoach/index.html");
    assert!(plan.contains("href=\"../ke-hoach/ke-hoach.docx\">Tải bản Word</a>"), "{plan:.300}");
    assert!(plan.contains("<p class=\"upper\">Đảng bộ tỉnh Lào Cai</p>"), "the superior body on the page");
    let s = crate::support::text(&files, "tong-hop/index.html");
    assert!(s.contains("href=\"../tong-hop/tong-hop.docx\">Tải bản Word</a>"));
    assert!(s.contains("<p>Số 52-BC/BTCĐUK</p>"));
    assert!(s.contains("Lào Cai, ngày 20 tháng 08 năm 2024"));
    assert!(s.contains("<p class=\"recipients-head\">Nơi nhận:</p>") && s.contains("Trần Văn Minh"));
}
