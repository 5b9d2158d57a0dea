use super::*;
use proptest::prelude::*;

const ALL: Want = Want { page: Some("../../"), proposals: Some("../"), text: true };

/// The proposals as they were made before one reading did everything: the section's
/// Markdown cut out and read on its own. `section` trims the text; its last line keeps
/// its line end here, as in the report (raw HTML last in the section is written as it
/// is, line end included).
fn proposals_alone(md: &str, root: &str) -> Option<String> {
    markdown::section(md, PROPOSALS).map(|s| markdown::to_html(&format!("{s}\n"), root))
}

/// Whether `md` defines a link reference or a footnote (which the section read on its own
/// cannot see, and one reading of the whole report can).
fn defines_references(md: &str) -> bool {
    md.lines().any(|l| l.trim_start().starts_with('[') && l.contains("]:"))
}

/// One reading gives what each part made alone gives; says whether it had proposals.
fn agrees(md: &str) -> bool {
    let parts = read(md, ALL);
    assert_eq!(parts.html.as_deref(), Some(markdown::to_html(md, "../../").as_str()), "html of {md:?}");
    assert_eq!(parts.text.as_deref(), Some(text_of(md).as_str()), "text of {md:?}");
    let proposals = parts.proposals.expect("asked for");
    if !defines_references(md) {
        assert_eq!(proposals, proposals_alone(md, "../"), "proposals of {md:?}");
    }
    proposals.is_some()
}

#[test]
fn every_markdown_file_of_the_repository_reads_as_its_parts_alone() {
    let files = crate::markdown::repository_markdown();
    assert!(files.len() > 60, "{} files", files.len());
    let with_proposals = files.iter().filter(|md| agrees(md)).count();
    assert!(with_proposals >= 20, "only {with_proposals} files have proposals");
}

#[test]
fn a_reference_defined_elsewhere_in_the_report_resolves_in_the_proposals() {
    let md = "## Nội dung\nXem [hướng dẫn][hd].\n\n[hd]: /trang/huong-dan/\n\n## Đề xuất, kiến nghị\nTheo [hướng dẫn][hd].\n";
    let html = read(md, ALL).proposals.flatten().unwrap();
    assert!(html.contains("href=\"../trang/huong-dan/index.html\""), "{html}");
    // Read on its own, the section had lost the link.
    assert!(!proposals_alone(md, "../").unwrap().contains("href"));
}

#[test]
fn the_proposals_show_as_the_report_page_shows_them() {
    // An indented block first in the section is code on the report's page; cut out and
    // trimmed, it had become a paragraph.
    let md = "## Đề xuất, kiến nghị\n\n    Điều 1\n";
    let page = read(md, ALL);
    assert!(page.html.unwrap().contains("<pre><code>Điều 1"));
    assert_eq!(page.proposals.flatten().as_deref(), Some("<pre><code>Điều 1\n</code></pre>\n"));
}

#[test]
fn a_proposals_heading_inside_a_list_or_quote_is_cut_as_before() {
    for md in [
        "- ## Đề xuất, kiến nghị\n  Một\n- Hai\n\nBa\n",
        "> ### Đề xuất, kiến nghị\n> Một\n\nHai\n## Khác\n",
        "## Đề xuất, kiến nghị\n> Một\n> ## Lồng\n> Hai\n",
    ] {
        assert!(agrees(md), "{md:?}");
    }
}

#[test]
fn tables_are_text_without_their_markup() {
    let t = text_of("Trước\n\n| Nội dung | Số |\n|---|--:|\n| Góp ý | 3 |\n\n~~gạch~~ sau\n");
    assert_eq!(t, "Trước\nNội dung\nSố\nGóp ý\n3\ngạch sau\n");
}

#[test]
fn only_what_is_asked_for_is_made() {
    let md = "## Đề xuất, kiến nghị\nMột\n";
    assert_eq!(read(md, Want::default()), Parts::default());
    let p = read(md, Want { text: true, ..Want::default() });
    assert!(p.html.is_none() && p.proposals.is_none());
    assert_eq!(p.text.as_deref(), Some("Đề xuất, kiến nghị\nMột\n"));
    assert_eq!(read("Không có", Want { proposals: Some(""), ..Want::default() }).proposals, Some(None));
}

#[test]
fn kept_parts_are_what_reading_again_gives_and_are_handed_out_once() {
    let md = "# Báo cáo\n[a](/x/)\n## 4. Đề xuất, kiến nghị:\n- [b](/y/)\n";
    let alone = Bodies::none();
    let want_proposals = alone.take_proposals(0, md, "../");
    let want_text = alone.take_text(0, md);
    assert!(want_proposals.as_deref().is_some_and(|h| h.contains("href=\"../y/index.html\"")));

    let kept = Bodies::new(2, Some("../".into()), true);
    let html = kept.page_html(1, md, "../../");
    assert_eq!(html, markdown::to_html(md, "../../"));
    // Kept for report 1 only; report 0 is read again, with the same result.
    assert_eq!(kept.take_proposals(1, md, "../"), want_proposals);
    assert_eq!(kept.take_proposals(0, md, "../"), want_proposals);
    assert_eq!(kept.take_text(1, md), want_text);
    // Handed out: a second ask reads the report again.
    assert_eq!(kept.take_text(1, md), want_text);
    assert_eq!(kept.take_proposals(1, md, "../"), want_proposals);
    // For another root than the one kept, the section is read for that root.
    let other = Bodies::new(1, Some("../".into()), false);
    other.page_html(0, md, "../../");
    assert_eq!(other.take_proposals(0, md, ""), Bodies::none().take_proposals(0, md, ""));
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Tiêu đề\n".to_string()),
        Just("## Đề xuất, kiến nghị\n".to_string()),
        Just("### 3. Đề xuất, kiến nghị:\n".to_string()),
        Just("## Nhận xét\n".to_string()),
        Just("Đoạn văn *nghiêng* và **đậm**.\n".to_string()),
        Just("- mục một\n- mục hai\n".to_string()),
        Just("1. một\n2. hai\n".to_string()),
        Just("| Nội dung | Số |\n|---|--:|\n| Góp ý | 3 |\n".to_string()),
        Just("> trích dẫn\n".to_string()),
        Just("```\nmã <x> & \"y\"\n```\n".to_string()),
        Just("[đọc](/trang/a/ \"t\")\n".to_string()),
        Just("<b>thô</b>\n".to_string()),
        Just("---\n".to_string()),
        Just("\n".to_string()),
        "[ -~àáạảãâầấậđĐ*_`#>|-]{0,30}\n",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    #[test]
    fn generated_reports_read_as_their_parts_alone(parts in prop::collection::vec(fragment(), 0..12)) {
        agrees(&parts.concat());
    }
}
