//! A Word document's body as Markdown: headings (Word's Heading styles, and the bold
//! numbered Vietnamese headings offices type by hand: `I. NỘI DUNG` → `##`, `1. Ưu điểm`
//! or `a) …` → `###`), paragraphs, bold and italic, bulleted and numbered lists, tables
//! (as Markdown tables; the first row is the header), line breaks. The document's head
//! (the table holding "ĐẢNG CỘNG SẢN VIỆT NAM") is left out.

use crate::office::docx_reader::{DBlock, DPara, DRun, Docx};

/// Markdown's own characters in text, escaped so that they stay text.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The runs of a paragraph as inline Markdown (`**bold**`, `*italic*`, `\` line breaks).
fn inline(runs: &[DRun], plain: bool) -> String {
    let mut out = String::new();
    for r in runs {
        for (k, line) in r.text.split('\n').enumerate() {
            if k > 0 {
                out.push_str("\\\n");
            }
            let text = line.replace('\t', " ");
            let core = text.trim();
            if core.is_empty() {
                out.push_str(&text);
                continue;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            let (b, i) = if plain { (false, false) } else { (r.bold, r.italic) };
            let mark = match (b, i) {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                _ => "",
            };
            out.push_str(lead);
            out.push_str(mark);
            out.push_str(&escape(core));
            out.push_str(mark);
            out.push_str(trail);
        }
    }
    // Neighbouring runs of the same look joined: `**a****b**` → `**ab**`.
    out.replace("******", "").replace("****", "").trim().to_string()
}

/// Whether every run with text is bold.
fn all_bold(p: &DPara) -> bool {
    let mut any = false;
    for r in &p.runs {
        if !r.text.trim().is_empty() {
            if !r.bold {
                return false;
            }
            any = true;
        }
    }
    any
}

/// The level of a hand-typed heading: a bold paragraph, short, led by a Roman numeral
/// (`I.`, `II.`) or written in capitals → 2; led by a number or a letter (`1.`, `2.1.`,
/// `a)`) → 3.
pub fn typed_heading(p: &DPara) -> Option<usize> {
    let text = p.text();
    let t = text.trim();
    if !all_bold(p) || t.chars().count() > 120 || t.ends_with(['.', ';']) && t.split_whitespace().count() > 12
    {
        return None;
    }
    let (lead, _) = t.split_once([' ', '\t']).unwrap_or((t, ""));
    let roman =
        lead.trim_end_matches(['.', ')']).chars().all(|c| matches!(c, 'I' | 'V' | 'X')) && lead.len() > 1;
    let number = lead.ends_with(['.', ')'])
        && lead
            .trim_end_matches(['.', ')'])
            .split('.')
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let letter = lead.len() == 2 && lead.ends_with(')') && lead.starts_with(|c: char| c.is_ascii_lowercase());
    let capitals = t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase);
    if roman && (lead.ends_with('.') || lead.ends_with(')')) || capitals {
        Some(2)
    } else if number || letter {
        Some(3)
    } else {
        None
    }
}

fn table(rows: &[Vec<Vec<DPara>>]) -> String {
    let cell = |c: &Vec<DPara>| {
        let parts: Vec<String> =
            c.iter().map(|p| inline(&p.runs, false).replace("\\\n", " ")).filter(|s| !s.is_empty()).collect();
        parts.join(" ")
    };
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    for (k, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(cell).collect();
        cells.resize(width, String::new());
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if k == 0 {
            out.push_str(&format!("|{}\n", " --- |".repeat(width)));
        }
    }
    out
}

/// The Markdown of the document's body.
pub fn markdown(doc: &Docx) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut in_list = false;
    for b in &doc.blocks {
        match b {
            DBlock::T(rows) => {
                let head = rows
                    .iter()
                    .flatten()
                    .flatten()
                    .any(|p| p.text().to_uppercase().contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
                if !head {
                    parts.push(table(rows));
                }
                in_list = false;
            }
            DBlock::P(p) => {
                if p.text().trim().is_empty() {
                    continue;
                }
                if let Some((_, level)) = &p.list {
                    let marker = if doc.is_numbered(p) { "1." } else { "-" };
                    let line =
                        format!("{}{marker} {}", "   ".repeat(*level as usize), inline(&p.runs, false));
                    match (in_list, parts.last_mut()) {
                        (true, Some(last)) => {
                            last.push('\n');
                            last.push_str(&line);
                        }
                        _ => parts.push(line),
                    }
                    in_list = true;
                    continue;
                }
                in_list = false;
                let level =
                    doc.heading_level(p).map(|l| (l as usize + 1).min(6)).or_else(|| typed_heading(p));
                match level {
                    Some(l) => parts.push(format!("{} {}", "#".repeat(l), inline(&p.runs, true))),
                    None => parts.push(inline(&p.runs, false)),
                }
            }
        }
    }
    let mut md =
        parts.iter().map(|s| s.trim_end()).filter(|s| !s.trim().is_empty()).collect::<Vec<_>>().join("\n\n");
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(runs: &[(&str, bool, bool)]) -> DPara {
        DPara {
            runs: runs
                .iter()
                .map(|(t, b, i)| DRun { text: t.to_string(), bold: *b, italic: *i, ..DRun::default() })
                .collect(),
            ..DPara::default()
        }
    }

    #[test]
    fn typed_headings() {
        assert_eq!(typed_heading(&p(&[("I. NỘI DUNG SINH HOẠT", true, false)])), Some(2));
        assert_eq!(typed_heading(&p(&[("II. ", true, false), ("Nhận xét, đánh giá", true, false)])), Some(2));
        assert_eq!(typed_heading(&p(&[("1. Ưu điểm", true, false)])), Some(3));
        assert_eq!(typed_heading(&p(&[("a) Hạn chế", true, false)])), Some(3));
        assert_eq!(typed_heading(&p(&[("ĐỀ XUẤT, KIẾN NGHỊ", true, false)])), Some(2));
        assert_eq!(typed_heading(&p(&[("1. Ưu điểm", false, false)])), None, "not bold");
        assert_eq!(typed_heading(&p(&[("Chi bộ đã ", true, false), ("làm tốt", false, false)])), None);
        assert_eq!(typed_heading(&p(&[("Vì vậy chi bộ cần", true, false)])), None);
    }

    #[test]
    fn paragraphs_with_marks_and_breaks() {
        let doc = Docx {
            blocks: vec![
                DBlock::P(p(&[
                    ("Chi bộ ", false, false),
                    ("đã", true, false),
                    (" họp *đúng* giờ", false, true),
                ])),
                DBlock::P(p(&[("dòng 1\ndòng 2", false, false)])),
                DBlock::T(vec![
                    vec![vec![p(&[("A|B", true, false)])], vec![]],
                    vec![vec![p(&[("1", false, false)])]],
                ]),
            ],
            ..Docx::default()
        };
        assert_eq!(
            markdown(&doc),
            "Chi bộ **đã** *họp \\*đúng\\* giờ*\n\ndòng 1\\\ndòng 2\n\n| **A\\|B** |  |\n| --- | --- |\n| 1 |  |\n"
        );
    }
}
