//! Reading a Word document (.docx): the paragraphs (style, alignment, list level, runs
//! with bold, italic, underline and size) and tables of `word/document.xml`, the page
//! size and margins, the default font and the style names of `word/styles.xml`, the list
//! kinds of `word/numbering.xml`. Images are counted, their description (alt text) kept
//! as `(hình: …)`; footnotes and endnotes are counted and their text kept where they are
//! referred to, as `(chú thích: …)`. Bounded:
//! the archive is checked before anything is unpacked, and each part is read up to a
//! limit ([`super::table::check_zip`], [`super::table::zip_entry`]).

use super::table::{TableError, check_zip, zip_entry};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;

/// The most of `word/document.xml` read.
const MAX_DOCUMENT: u64 = 64 * 1024 * 1024;
const MAX_PART: u64 = 8 * 1024 * 1024;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DRun {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    /// In half-points, when the run sets it.
    pub size: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DPara {
    /// The style's id.
    pub style: Option<String>,
    /// `w:jc`: `center`, `both`, `right` …
    pub align: Option<String>,
    /// (numId, level) of a list paragraph.
    pub list: Option<(String, u32)>,
    pub runs: Vec<DRun>,
}

impl DPara {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum DBlock {
    P(DPara),
    /// Rows of cells of paragraphs (a table nested in a cell is flattened into it).
    T(Vec<Vec<Vec<DPara>>>),
}

/// What a .docx holds.
#[derive(Clone, Debug, Default)]
pub struct Docx {
    pub blocks: Vec<DBlock>,
    /// Width and height, twentieths of a point.
    pub page: Option<(u32, u32)>,
    /// Top, bottom, left, right, twentieths of a point.
    pub margins: Option<[u32; 4]>,
    /// The default font (docDefaults), when set.
    pub font: Option<String>,
    /// Style id → style name (`Heading1` → `heading 1`).
    pub styles: BTreeMap<String, String>,
    /// numId → whether its levels are numbered (not bullets), by level.
    pub numbered: BTreeMap<String, Vec<bool>>,
    pub images: usize,
    pub footnotes: usize,
    /// The text of each footnote and endnote, by id.
    pub notes: BTreeMap<String, String>,
}

impl Docx {
    /// The heading level of a paragraph's style (`heading 1` … `heading 9`, `Title`).
    pub fn heading_level(&self, p: &DPara) -> Option<u32> {
        let name = self.styles.get(p.style.as_deref()?)?.to_lowercase();
        if name == "title" {
            return Some(1);
        }
        name.strip_prefix("heading ")?.trim().parse().ok()
    }
    /// Whether a list paragraph is numbered (else bulleted).
    pub fn is_numbered(&self, p: &DPara) -> bool {
        p.list.as_ref().is_some_and(|(id, lvl)| {
            self.numbered.get(id).and_then(|l| l.get(*lvl as usize)).copied().unwrap_or(false)
        })
    }
    /// Every paragraph's text, tables' cells included, in order.
    pub fn texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for b in &self.blocks {
            match b {
                DBlock::P(p) => out.push(p.text()),
                DBlock::T(rows) => {
                    out.extend(rows.iter().flatten().flatten().map(DPara::text));
                }
            }
        }
        out
    }
    /// Every paragraph, tables' cells included, in order.
    pub fn paragraphs(&self) -> Vec<&DPara> {
        let mut out = Vec::new();
        for b in &self.blocks {
            match b {
                DBlock::P(p) => out.push(p),
                DBlock::T(rows) => out.extend(rows.iter().flatten().flatten()),
            }
        }
        out
    }
}

/// Read a .docx from its bytes; a clear error for what is not one.
pub fn read(bytes: &[u8]) -> Result<Docx, TableError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(TableError(
            "đây là tệp Word 97-2003 (.doc), không phải .docx\n   = gợi ý: mở bằng Word, chọn File > Save As > Word Document (*.docx)".into(),
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(TableError(
            "đây là tệp PDF, không phải .docx\n   = gợi ý: cần tệp Word gốc (.docx) của báo cáo".into(),
        ));
    }
    if bytes.len() as u64 > super::table::MAX_FILE {
        return Err(TableError(format!("tệp quá lớn ({} byte)", bytes.len())));
    }
    check_zip(bytes)?;
    let document = zip_entry(bytes, "word/document.xml", MAX_DOCUMENT)?
        .ok_or_else(|| TableError("tệp nén không có word/document.xml: không phải tài liệu Word".into()))?;
    let mut doc = Docx::default();
    if let Some(styles) = zip_entry(bytes, "word/styles.xml", MAX_PART)? {
        read_styles(&styles, &mut doc);
    }
    if let Some(numbering) = zip_entry(bytes, "word/numbering.xml", MAX_PART)? {
        read_numbering(&numbering, &mut doc);
    }
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(notes) = zip_entry(bytes, part, MAX_PART)? {
            read_notes(&notes, &mut doc);
        }
    }
    read_document(&document, &mut doc)?;
    Ok(doc)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let short = name.rsplit(':').next().unwrap_or(name);
    e.attributes().flatten().find(|a| a.key.as_ref() == name || a.key.local_name().as_ref() == short).map(
        |a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        },
    )
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, "w:val").as_deref(), Some("0" | "false" | "none"))
}

fn read_styles(xml: &[u8], doc: &mut Docx) {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut current: Option<String> = None;
    let mut in_defaults = false;
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e).as_str() {
                "docDefaults" => in_defaults = true,
                "style" => current = attr(&e, "w:styleId"),
                "name" => {
                    if let (Some(id), Some(n)) = (&current, attr(&e, "w:val")) {
                        doc.styles.insert(id.clone(), n);
                    }
                }
                "rFonts" if in_defaults && doc.font.is_none() => doc.font = attr(&e, "w:ascii"),
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "docDefaults" => in_defaults = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
}

fn read_numbering(xml: &[u8], doc: &mut Docx) {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut abstracts: BTreeMap<String, Vec<bool>> = BTreeMap::new();
    let mut nums: Vec<(String, String)> = Vec::new();
    let (mut abs, mut num): (Option<String>, Option<String>) = (None, None);
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e).as_str() {
                "abstractNum" => abs = attr(&e, "w:abstractNumId"),
                "num" => num = attr(&e, "w:numId"),
                "abstractNumId" => {
                    if let (Some(n), Some(a)) = (&num, attr(&e, "w:val")) {
                        nums.push((n.clone(), a));
                    }
                }
                "numFmt" => {
                    if let Some(a) = &abs {
                        let fmt = attr(&e, "w:val").unwrap_or_default();
                        abstracts.entry(a.clone()).or_default().push(fmt != "bullet" && fmt != "none");
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "abstractNum" => abs = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    for (n, a) in nums {
        doc.numbered.insert(n, abstracts.get(&a).cloned().unwrap_or_default());
    }
}

/// The text of the notes (footnotes or endnotes) of a notes part, by id.
fn read_notes(xml: &[u8], doc: &mut Docx) {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut id: Option<String> = None;
    let mut in_text = false;
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match local(&e).as_str() {
                "footnote" | "endnote" => {
                    let separator = attr(&e, "w:type").is_some_and(|t| t != "normal");
                    id = if separator { None } else { attr(&e, "w:id") };
                }
                "t" => in_text = true,
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "t" => in_text = false,
            Ok(Event::Text(t)) if in_text => {
                if let Some(id) = &id {
                    doc.notes.entry(id.clone()).or_default().push_str(&t);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
}

/// An open table: its rows of cells.
type OpenTable = Vec<Vec<Vec<DPara>>>;

fn read_document(xml: &[u8], doc: &mut Docx) -> Result<(), TableError> {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut para: Option<DPara> = None;
    let mut run: Option<DRun> = None;
    let mut in_text = false;
    let mut tables: Vec<OpenTable> = Vec::new();
    // Inside a drawing or a picture: its text (shapes' own) is not the body's.
    let mut hidden = 0usize;
    let mut ilvl = 0u32;
    loop {
        let event =
            r.read_event_into(&mut buf).map_err(|e| TableError(format!("word/document.xml hỏng: {e}")))?;
        match event {
            Event::Start(e) if hidden > 0 => {
                if matches!(local(&e).as_str(), "drawing" | "pict" | "object") {
                    hidden += 1;
                }
                alt_text(&e, &mut para);
            }
            Event::Empty(e) if hidden > 0 => alt_text(&e, &mut para),
            Event::Start(e) => {
                let name = local(&e);
                match name.as_str() {
                    "drawing" | "pict" | "object" => {
                        doc.images += 1;
                        hidden += 1;
                    }
                    "p" => para = Some(DPara::default()),
                    "r" => run = Some(DRun::default()),
                    "t" => in_text = run.is_some(),
                    "tbl" => tables.push(Vec::new()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.push(Vec::new());
                        }
                    }
                    "tc" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                            row.push(Vec::new());
                        }
                    }
                    _ => property(&e, &mut para, &mut run, &mut ilvl, doc),
                }
            }
            Event::Empty(e) => match local(&e).as_str() {
                "drawing" | "pict" | "object" => doc.images += 1,
                "br" | "cr" => {
                    if let Some(r) = run.as_mut() {
                        r.text.push('\n');
                    }
                }
                "tab" if run.is_some() => {
                    if let Some(r) = run.as_mut() {
                        r.text.push('\t');
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    doc.footnotes += 1;
                    let note =
                        attr(&e, "w:id").and_then(|id| doc.notes.get(&id)).map(|t| t.trim().to_string());
                    if let (Some(r), Some(t)) = (run.as_mut(), note.filter(|t| !t.is_empty())) {
                        r.text.push_str(&format!(" (chú thích: {t})"));
                    }
                }
                "p" => push_para(DPara::default(), &mut tables, doc),
                _ => property(&e, &mut para, &mut run, &mut ilvl, doc),
            },
            Event::Text(t) if in_text && hidden == 0 => {
                if let Some(r) = run.as_mut() {
                    r.text.push_str(&t);
                }
            }
            Event::GeneralRef(g) if in_text && hidden == 0 => {
                if let Some(r) = run.as_mut() {
                    let c = match &*g {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => g.resolve_char_ref().ok().flatten(),
                    };
                    r.text.extend(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "drawing" | "pict" | "object" => hidden = hidden.saturating_sub(1),
                _ if hidden > 0 => {}
                "t" => in_text = false,
                "r" => {
                    if let (Some(r), Some(p)) = (run.take(), para.as_mut())
                        && !r.text.is_empty()
                    {
                        p.runs.push(r);
                    }
                }
                "p" => {
                    if let Some(p) = para.take() {
                        push_para(p, &mut tables, doc);
                    }
                }
                "tbl" => {
                    if let Some(t) = tables.pop() {
                        match tables.last_mut().and_then(|t| t.last_mut()).and_then(|row| row.last_mut()) {
                            Some(cell) => cell.extend(t.into_iter().flatten().flatten()),
                            None => doc.blocks.push(DBlock::T(t)),
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// An image's description (`<wp:docPr descr="…">`), kept as `(hình: …)`.
fn alt_text(e: &BytesStart, para: &mut Option<DPara>) {
    if local(e) == "docPr"
        && let (Some(p), Some(d)) = (para.as_mut(), attr(e, "descr").filter(|d| !d.trim().is_empty()))
    {
        p.runs.push(DRun { text: format!("(hình: {})", d.trim()), ..DRun::default() });
    }
}

fn push_para(p: DPara, tables: &mut [OpenTable], doc: &mut Docx) {
    match tables.last_mut().and_then(|t| t.last_mut()).and_then(|row| row.last_mut()) {
        Some(cell) => cell.push(p),
        None => doc.blocks.push(DBlock::P(p)),
    }
}

/// A property element of a paragraph, a run or the section.
fn property(
    e: &BytesStart,
    para: &mut Option<DPara>,
    run: &mut Option<DRun>,
    ilvl: &mut u32,
    doc: &mut Docx,
) {
    let num = |v: Option<String>| v.and_then(|v| v.parse::<u32>().ok());
    match local(e).as_str() {
        "pStyle" => {
            if let Some(p) = para.as_mut() {
                p.style = attr(e, "w:val");
            }
        }
        "jc" if run.is_none() => {
            if let Some(p) = para.as_mut() {
                p.align = attr(e, "w:val");
            }
        }
        "ilvl" => *ilvl = num(attr(e, "w:val")).unwrap_or(0),
        "numId" => {
            if let (Some(p), Some(id)) = (para.as_mut(), attr(e, "w:val"))
                && id != "0"
            {
                p.list = Some((id, *ilvl));
                *ilvl = 0;
            }
        }
        "b" => run.iter_mut().for_each(|r| r.bold = on(e)),
        "i" => run.iter_mut().for_each(|r| r.italic = on(e)),
        "u" => run.iter_mut().for_each(|r| r.underline = on(e)),
        "sz" => run.iter_mut().for_each(|r| r.size = num(attr(e, "w:val"))),
        "pgSz" => {
            if let (Some(w), Some(h)) = (num(attr(e, "w:w")), num(attr(e, "w:h"))) {
                doc.page = Some((w, h));
            }
        }
        "pgMar" => {
            let m = ["w:top", "w:bottom", "w:left", "w:right"].map(|k| num(attr(e, k)).unwrap_or(0));
            doc.margins = Some(m);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office::docx_writer::{Align, Block, Document, Para, Run, Table, to_docx};

    #[test]
    fn what_the_writer_writes_reads_back() {
        let doc = Document {
            title: "T".into(),
            blocks: vec![
                Block::P(Para::line(
                    vec![Run::new("ĐẢNG CỘNG SẢN VIỆT NAM").bold().underline()],
                    Align::Center,
                    15,
                )),
                Block::P(Para::body(vec![Run::new("a < b & "), Run::new("c\nd").italic()])),
                Block::T(Table {
                    widths: vec![100, 100],
                    rows: vec![vec![vec![Para::body(vec![Run::new("x")])], vec![]]],
                    borders: true,
                    header_rows: 1,
                }),
            ],
        };
        let d = read(&to_docx(&doc)).unwrap();
        assert_eq!(d.page, Some((11906, 16838)));
        assert_eq!(d.font.as_deref(), Some("Times New Roman"));
        let texts: Vec<String> = d.texts().into_iter().filter(|t| !t.is_empty()).collect();
        assert_eq!(texts, ["ĐẢNG CỘNG SẢN VIỆT NAM", "a < b & c\nd", "x"]);
        let DBlock::P(p) = &d.blocks[0] else { panic!() };
        assert!(p.runs[0].bold && p.runs[0].underline && p.runs[0].size == Some(30));
        assert_eq!(p.align.as_deref(), Some("center"));
        let DBlock::P(p) = &d.blocks[1] else { panic!() };
        assert!(!p.runs[0].italic && p.runs[1].italic);
        let DBlock::T(rows) = &d.blocks[2] else { panic!() };
        assert_eq!(rows[0].len(), 2);
    }

    #[test]
    fn other_files_get_a_clear_error() {
        assert!(read(b"\xD0\xCF\x11\xE0rest").unwrap_err().0.contains(".doc"));
        assert!(read(b"%PDF-1.4").unwrap_err().0.contains("PDF"));
        assert!(read(b"plain text").unwrap_err().0.contains("zip"));
    }
}
