//! Markdown → safe HTML (pulldown-cmark, then ammonia), and the extraction of one
//! section of a report ("Đề xuất, kiến nghị") for the synthesis.
//!
//! Links written site-absolute (`/static/x.pdf`, `/trang/huong-dan/`) are made relative to
//! the page (`root`), and folder links get `index.html`, so they work from disk and under
//! any `base_url`. Images from outside the site are dropped (nothing loads from outside).

pub mod fast;
pub mod report_body;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::borrow::Borrow;
use unicode_normalization::UnicodeNormalization;

/// The Markdown extensions kehoach reads (tables, footnotes, strikethrough…).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Rewrite a link destination for a page whose way back to the site root is `root`.
pub fn local_url(dest: &str, root: &str) -> String {
    if let Some(rest) = dest.strip_prefix('/').filter(|r| !r.starts_with('/')) {
        let (path, suffix) = match rest.find(['#', '?']) {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let path =
            if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.into() };
        format!("{root}{path}{suffix}")
    } else {
        dest.to_string()
    }
}

fn is_external(url: &str) -> bool {
    url.starts_with("//") || url.split_once(':').is_some_and(|(scheme, _)| !scheme.contains('/'))
}

/// The event with a link or image address rewritten for a page at `root`.
fn for_page<'a>(e: Event<'a>, root: &str) -> Event<'a> {
    match e {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = CowStr::from(local_url(&dest_url, root));
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = CowStr::from(local_url(&dest_url, root));
            Event::Start(Tag::Image { link_type, dest_url, title, id })
        }
        e => e,
    }
}

/// The Markdown's events, with link and image addresses rewritten for a page at `root`.
fn page_events<'a>(md: &'a str, root: &'a str) -> impl Iterator<Item = Event<'a>> {
    Parser::new_ext(md, options()).map(move |e| for_page(e, root))
}

/// Render Markdown to sanitised HTML for a page at depth `root` (e.g. `"../../"`).
pub fn to_html(md: &str, root: &str) -> String {
    events_html(|| Parser::new_ext(md, options()), root)
}

/// The sanitised HTML of the events `events()` gives (each call the same ones), for a
/// page at `root`. Events of Markdown without raw HTML are written directly in the
/// sanitiser's form ([`fast`]); the rest go through the sanitiser.
pub(super) fn events_html<'a, E, I>(events: impl Fn() -> I, root: &str) -> String
where
    E: Borrow<Event<'a>>,
    I: Iterator<Item = E>,
{
    if let Some(html) = fast::render(events(), root) {
        return html;
    }
    // Raw HTML or the like (rare): the events again, for the sanitiser.
    let mut raw = String::new();
    html::push_html(&mut raw, events().map(|e| for_page(e.borrow().clone(), root)));
    sanitize(&raw)
}

/// [`to_html`] always through the sanitiser (what the fast path must agree with: the tests
/// and the fuzz target `markdown_fast_diff` compare them).
pub fn to_html_sanitised(md: &str, root: &str) -> String {
    let mut raw = String::new();
    html::push_html(&mut raw, page_events(md, root));
    sanitize(&raw)
}

/// The sanitiser, set up once (its tables of allowed tags and attributes are large).
static SANITIZER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.attribute_filter(|element, attribute, value| match (element, attribute) {
        ("img", "src") if is_external(value) => None,
        _ => Some(value.into()),
    });
    b
});

fn sanitize(raw: &str) -> String {
    SANITIZER.clean(raw).to_string()
}

/// Normalise a heading's text for matching: NFC, lower case, no numbering ("4.", "IV.",
/// "a)") in front, no colon or spaces at the end.
fn heading_key(text: &str) -> String {
    // Report headings are nearly always NFC already (then no copy).
    let t = if unicode_normalization::is_nfc(text) {
        text.to_lowercase()
    } else {
        text.nfc().collect::<String>().to_lowercase()
    };
    cut(&t).to_string()
}

/// A heading's text without its numbering in front ("4.", "IV.", "a)": up to four ASCII
/// letters or digits before a `.` or `)`), its spaces and its colon at the end.
fn cut(text: &str) -> &str {
    let t = text.trim();
    let t = match t.split_once(['.', ')']) {
        Some((num, rest))
            if !num.is_empty() && num.len() <= 4 && num.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            rest
        }
        _ => t,
    };
    t.trim().trim_end_matches(':').trim()
}

/// Whether heading `text` has the key `want` (a [`heading_key`]), told without making the
/// key: an NFC heading is [`cut`] first, then lower-cased a character at a time as it is compared, so that
/// most headings are told apart by their first letter. Cutting before lower case cuts the
/// same: in NFC text, lower case makes no white space, `:`, `.` or `)`, and no numbering
/// letter, of a character that is not one already (a test checks every character). A
/// heading with a capital sigma (whose lower case depends on the next letter) is compared
/// the long way.
fn has_key(text: &str, want: &str) -> bool {
    if !unicode_normalization::is_nfc(text) || text.contains('Σ') {
        return heading_key(text) == want;
    }
    cut(text).chars().flat_map(char::to_lowercase).eq(want.chars())
}

/// The Markdown of the section under the heading `title` (any level), up to the next
/// heading of the same or a higher level; `None` if there is no such heading.
pub fn section<'a>(md: &'a str, title: &str) -> Option<&'a str> {
    let (events, ranges): (Vec<Event>, Vec<std::ops::Range<usize>>) =
        Parser::new_ext(md, options()).into_offset_iter().unzip();
    let part = section_events(&events, title)?;
    // From the end of the heading (the event before the part) to the start of the next.
    let start = ranges[part.start - 1].end;
    let end = ranges.get(part.end).map_or(md.len(), |r| r.start);
    Some(md[start..end].trim())
}

/// The events under the heading `title` (any level, compared as [`heading_key`] does), up
/// to the next heading of the same or a higher level: the indices after the heading's end
/// up to the next heading's start (or the end).
pub(super) fn section_events(events: &[Event], title: &str) -> Option<std::ops::Range<usize>> {
    let want = heading_key(title);
    let mut in_heading: Option<(HeadingLevel, String)> = None;
    let mut found: Option<(HeadingLevel, usize)> = None;
    for (k, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some((flevel, start)) = found
                    && *level <= flevel
                {
                    return Some(start..k);
                }
                in_heading = Some((*level, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = in_heading.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = in_heading.take()
                    && found.is_none()
                    && has_key(&text, &want)
                {
                    found = Some((level, k + 1));
                }
            }
            _ => {}
        }
    }
    found.map(|(_, start)| start..events.len())
}

/// The heading of the part of a report gathered into the synthesis.
pub const PROPOSALS: &str = "Đề xuất, kiến nghị";

#[cfg(test)]
/// The text of every Markdown file of the repository (the sample in `content/` and the
/// test fixtures), for the tests that compare two ways of rendering on real documents.
pub(crate) fn repository_markdown() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "md")
                && let Ok(text) = std::fs::read_to_string(&p)
            {
                out.push(text);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("content"), &mut files);
    walk(&root.join("tests"), &mut files);
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_footnotes_strikethrough() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ y[^1]\n\n[^1]: note\n", "");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>x</del>"), "{html}");
        assert!(html.contains("note"), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\">x</a> <b onclick=\"x()\">b</b>",
            "",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>b</b>"), "{html}");
    }

    #[test]
    fn site_links_become_relative_and_external_images_go() {
        let html =
            to_html("[a](/trang/huong-dan/) [b](/static/x.pdf#p2) ![i](https://cdn.example/x.png)", "../../");
        assert!(html.contains("href=\"../../trang/huong-dan/index.html\""), "{html}");
        assert!(html.contains("href=\"../../static/x.pdf#p2\""), "{html}");
        assert!(!html.contains("cdn.example"), "{html}");
        assert_eq!(local_url("https://x.vn/", "../"), "https://x.vn/");
        assert_eq!(local_url("/", "../"), "../index.html");
    }

    #[test]
    fn finds_the_proposals_section_at_any_level() {
        let md = "## Nội dung\nabc\n## Nhận xét\n### Ưu điểm\nx\n### Đề xuất, kiến nghị:\n- Một\n- Hai\n### Khác\nz\n";
        assert_eq!(section(md, PROPOSALS), Some("- Một\n- Hai"));
        let md = "# Báo cáo\n## 4. Đề xuất, kiến nghị\nĐề nghị A.\n### Chi tiết\nB.\n## Kết luận\nC.";
        assert_eq!(section(md, PROPOSALS), Some("Đề nghị A.\n### Chi tiết\nB."));
        let md = "## Đề xuất, kiến nghị\nCuối cùng.\n";
        assert_eq!(section(md, PROPOSALS), Some("Cuối cùng."));
        assert_eq!(section("## Khác\nx", PROPOSALS), None);
    }

    #[test]
    fn the_proposals_heading_is_found_decomposed_or_in_capitals() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "## 3. Đề xuất, kiến nghị\nMột\n".nfd().collect();
        assert_eq!(section(&nfd, PROPOSALS), Some("Một".nfd().collect::<String>().as_str()));
        assert_eq!(section("### ĐỀ XUẤT, KIẾN NGHỊ:\nHai\n", PROPOSALS), Some("Hai"));
        assert_eq!(heading_key("IV. Đe\u{0302}\u{0300} xuất"), "đề xuất");
    }

    #[test]
    fn lower_case_in_nfc_text_makes_nothing_that_cutting_a_heading_looks_for() {
        use unicode_normalization::UnicodeNormalization;
        let cuts = |c: char| c.is_whitespace() || matches!(c, ':' | '.' | ')');
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.to_string().nfc().ne(std::iter::once(c)) {
                continue; // never in NFC text
            }
            let lower: Vec<char> = c.to_lowercase().collect();
            if cuts(c) {
                assert_eq!(lower, [c], "U+{:04X}", c as u32);
            } else {
                assert!(!lower.iter().any(|&l| cuts(l)), "U+{:04X}", c as u32);
            }
            // A numbering letter or digit after lower case only if it was one before.
            let numbering = |l: &char| l.is_ascii_digit() || l.is_ascii_lowercase();
            assert_eq!(lower.iter().all(numbering), c.is_ascii_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn a_heading_has_the_key_it_makes() {
        let want = heading_key(PROPOSALS);
        let headings = [
            "Đề xuất, kiến nghị",
            "ĐỀ XUẤT, KIẾN NGHỊ:",
            "  4. Đề xuất, kiến nghị : ",
            "IV) Đề xuất, kiến nghị::",
            "a. đề xuất, kiến nghị",
            "12345. Đề xuất, kiến nghị",
            "Đề xuất, kiến nghị thêm",
            "Đề xuất",
            "Hạn chế",
            "Nội dung sinh hoạt",
            "De\u{0302}\u{0300} xuất, kiến nghị",
            "ΣΊΣΥΦΟΣ",
            "",
            ".",
            "4.",
            "x) y) Đề xuất, kiến nghị",
        ];
        for h in headings {
            assert_eq!(has_key(h, &want), heading_key(h) == want, "{h:?}");
        }
        assert!(has_key("ĐỀ XUẤT, KIẾN NGHỊ:", &want) && has_key("IV) Đề xuất, kiến nghị::", &want));
        assert!(!has_key("Hạn chế", &want));
    }

    proptest::proptest! {
        #[test]
        fn any_heading_has_the_key_it_makes(
            h in "[ 0-9a-zA-ZivxIVX.):ĐđỀềẤấỊịÀà\u{0300}\u{0302}Σ,]{0,24}(Đề xuất, kiến nghị|ĐỀ XUẤT, KIẾN NGHỊ)?[ :]{0,3}"
        ) {
            let want = heading_key(PROPOSALS);
            proptest::prop_assert_eq!(has_key(&h, &want), heading_key(&h) == want);
        }
    }
}
