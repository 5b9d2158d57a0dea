//! Markdown (a plan's body, a report's "Đề xuất, kiến nghị") as the blocks of a Word
//! document: headings in bold (Word's Heading styles), paragraphs justified with the first
//! line indented, bold and italic, lists as paragraphs led by `-` or their number, tables
//! with borders, line breaks. Raw HTML is left out (the pages sanitise it; a document has
//! no use for it).

use super::docx_writer::{Align, Block, Para, Run, Table, text_width};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Default)]
struct State {
    out: Vec<Block>,
    cur: Option<Vec<Run>>,
    bold: u32,
    italic: u32,
    /// Each open list: the next number, or `None` for bullets.
    lists: Vec<Option<u64>>,
    heading: Option<HeadingLevel>,
    table: Option<(Vec<Vec<Vec<Para>>>, bool)>,
}

impl State {
    fn push_text(&mut self, t: &str) {
        let run = Run { text: t.to_string(), bold: self.bold > 0, italic: self.italic > 0, underline: false };
        self.cur.get_or_insert_with(Vec::new).push(run);
    }

    fn flush(&mut self) {
        let Some(runs) = self.cur.take() else { return };
        if runs.iter().all(|r| r.text.trim().is_empty()) {
            return;
        }
        if let Some((rows, head)) = self.table.as_mut() {
            let runs = runs.into_iter().map(|mut r| {
                r.bold |= *head;
                r
            });
            let p = Para::line(runs.collect(), Align::Left, 13);
            if let Some(row) = rows.last_mut() {
                row.push(vec![p]);
            }
            return;
        }
        let mut p = Para::body(runs);
        if let Some(level) = self.heading {
            for r in &mut p.runs {
                r.bold = true;
            }
            p.keep_next = true;
            p.before = 6;
            p.style = Some(match level {
                HeadingLevel::H1 | HeadingLevel::H2 => "Heading1",
                HeadingLevel::H3 => "Heading2",
                _ => "Heading3",
            });
            if level >= HeadingLevel::H4 {
                for r in &mut p.runs {
                    r.italic = true;
                }
            }
        }
        self.out.push(Block::P(p));
    }
}

/// The blocks of the Markdown `md`.
pub fn blocks(md: &str) -> Vec<Block> {
    let mut s = State::default();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Paragraph) if s.cur.is_none() => s.cur = Some(Vec::new()),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => s.flush(),
            Event::Start(Tag::Heading { level, .. }) => {
                s.flush();
                s.heading = Some(level);
            }
            Event::End(TagEnd::Heading(_)) => {
                s.flush();
                s.heading = None;
            }
            Event::Start(Tag::List(start)) => {
                s.flush();
                s.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                s.lists.pop();
            }
            Event::Start(Tag::Item) => {
                s.flush();
                let prefix = match s.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                s.cur = Some(vec![Run::new(prefix)]);
            }
            Event::Start(Tag::Strong) => s.bold += 1,
            Event::End(TagEnd::Strong) => s.bold = s.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => s.italic += 1,
            Event::End(TagEnd::Emphasis) => s.italic = s.italic.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => s.push_text(&t),
            Event::SoftBreak => s.push_text(" "),
            Event::HardBreak => s.push_text("\n"),
            Event::Start(Tag::Table(_)) => {
                s.flush();
                s.table = Some((Vec::new(), false));
            }
            Event::Start(Tag::TableHead) => {
                if let Some((rows, head)) = s.table.as_mut() {
                    rows.push(Vec::new());
                    *head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((_, head)) = s.table.as_mut() {
                    *head = false;
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some((rows, _)) = s.table.as_mut() {
                    rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => s.cur = Some(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                if s.cur.as_ref().is_some_and(|r| r.iter().all(|r| r.text.trim().is_empty())) {
                    s.cur = None;
                    if let Some((rows, _)) = s.table.as_mut()
                        && let Some(row) = rows.last_mut()
                    {
                        row.push(Vec::new());
                    }
                } else {
                    s.flush();
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((rows, _)) = s.table.take() {
                    let n = rows.iter().map(Vec::len).max().unwrap_or(1).max(1) as u32;
                    let w = text_width() / n;
                    s.out.push(Block::T(Table {
                        widths: vec![w; n as usize],
                        rows,
                        borders: true,
                        header_rows: 1,
                    }));
                }
            }
            _ => {}
        }
    }
    s.flush();
    s.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(b: &[Block]) -> Vec<String> {
        b.iter()
            .map(|b| match b {
                Block::P(p) => p.text(),
                Block::T(t) => format!("table {}x{}", t.rows.len(), t.widths.len()),
            })
            .collect()
    }

    #[test]
    fn headings_paragraphs_lists_and_tables() {
        let md = "## I. MỤC ĐÍCH\n\nMột **đậm** và *nghiêng*\ntiếp.\n\n- a\n- b\n\n1. x\n2. y\n\n| A | B |\n|---|---|\n| 1 |   |\n\nDòng  \nmới";
        let b = blocks(md);
        assert_eq!(
            texts(&b),
            [
                "I. MỤC ĐÍCH",
                "Một đậm và nghiêng tiếp.",
                "- a",
                "- b",
                "1. x",
                "2. y",
                "table 2x2",
                "Dòng\nmới"
            ]
        );
        let Block::P(h) = &b[0] else { panic!() };
        assert!(h.runs[0].bold && h.style == Some("Heading1"));
        let Block::P(p) = &b[1] else { panic!() };
        assert!(p.runs[1].bold && p.runs[3].italic && !p.runs[0].bold);
        let Block::T(t) = &b[6] else { panic!() };
        assert!(t.rows[0][0][0].runs[0].bold, "the header row is bold");
        assert!(t.rows[1][1].is_empty());
    }
}
