//! A small writer of Word documents (.docx, Office Open XML): paragraphs of runs (bold,
//! italic, underlined, a size), tables with or without borders, an A4 page with the
//! Party document's margins, Times New Roman, and the page number centred at the top from
//! the second page (Hướng dẫn 36-HD/VPTW). The XML is written as text and zipped with
//! fixed timestamps, so the same document gives the same bytes.
//!
//! Why not docx-rs: the documents need a handful of elements, the bytes must not change
//! from build to build (docx-rs stamps the current time into docProps unless told), and
//! zip is already in the tree through calamine and rust_xlsxwriter.

use std::io::Write;

/// A4 in twentieths of a point.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// Twentieths of a point in a millimetre (1440 per inch, 25.4 mm per inch).
pub fn mm(n: u32) -> u32 {
    (n * 14400 + 127) / 254
}
/// Margins: top, bottom, left, right (see the README for the figures chosen).
pub const MARGINS_MM: [u32; 4] = [20, 20, 30, 15];
/// The width between the margins.
pub fn text_width() -> u32 {
    PAGE_WIDTH - mm(MARGINS_MM[2]) - mm(MARGINS_MM[3])
}
/// The font of every text.
pub const FONT: &str = "Times New Roman";

/// A stretch of text with one look.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Run {
    /// `\n` is a line break.
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

impl Run {
    pub fn new(text: impl Into<String>) -> Run {
        Run { text: text.into(), ..Run::default() }
    }
    pub fn bold(mut self) -> Run {
        self.bold = true;
        self
    }
    pub fn italic(mut self) -> Run {
        self.italic = true;
        self
    }
    pub fn underline(mut self) -> Run {
        self.underline = true;
        self
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
    #[default]
    Both,
}

/// A paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    /// First-line indent, in twentieths of a point.
    pub indent: u32,
    /// Font size in points.
    pub size: u32,
    /// Space before and after, in points.
    pub before: u32,
    pub after: u32,
    pub keep_next: bool,
    /// A Word style id (`Heading1` …), for the document map and for reading back.
    pub style: Option<&'static str>,
}

impl Para {
    /// A body paragraph: 14 pt, justified, first line indented 1 cm, 6 pt after.
    pub fn body(runs: Vec<Run>) -> Para {
        Para {
            runs,
            align: Align::Both,
            indent: mm(10),
            size: 14,
            before: 0,
            after: 6,
            keep_next: false,
            style: None,
        }
    }
    /// A line of the head or the foot: no indent, no space.
    pub fn line(runs: Vec<Run>, align: Align, size: u32) -> Para {
        Para { runs, align, indent: 0, size, before: 0, after: 0, keep_next: false, style: None }
    }
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A table: rows of cells, each cell its paragraphs; column widths in twentieths of a
/// point.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub widths: Vec<u32>,
    pub rows: Vec<Vec<Vec<Para>>>,
    pub borders: bool,
    /// Rows repeated at the top of each page.
    pub header_rows: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    P(Para),
    T(Table),
}

/// A whole document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// `s` with `&`, `<`, `>` and `"` escaped, and characters XML 1.0 forbids dropped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn run_xml(out: &mut String, r: &Run, size: u32) {
    let mut props = String::new();
    if r.bold {
        props.push_str("<w:b/><w:bCs/>");
    }
    if r.italic {
        props.push_str("<w:i/><w:iCs/>");
    }
    if r.underline {
        props.push_str("<w:u w:val=\"single\"/>");
    }
    props.push_str(&format!("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", size * 2));
    for (k, line) in r.text.split('\n').enumerate() {
        out.push_str("<w:r><w:rPr>");
        out.push_str(&props);
        out.push_str("</w:rPr>");
        if k > 0 {
            out.push_str("<w:br/>");
        }
        if !line.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            out.push_str(&esc(line));
            out.push_str("</w:t>");
        }
        out.push_str("</w:r>");
    }
}

fn para_xml(out: &mut String, p: &Para) {
    out.push_str("<w:p><w:pPr>");
    if let Some(s) = p.style {
        out.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
    }
    if p.keep_next {
        out.push_str("<w:keepNext/>");
    }
    out.push_str(&format!("<w:spacing w:before=\"{}\" w:after=\"{}\"/>", p.before * 20, p.after * 20));
    if p.indent > 0 {
        out.push_str(&format!("<w:ind w:firstLine=\"{}\"/>", p.indent));
    }
    let jc = match p.align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Both => "both",
    };
    out.push_str(&format!(
        "<w:jc w:val=\"{jc}\"/><w:rPr><w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/></w:rPr></w:pPr>",
        p.size * 2
    ));
    for r in &p.runs {
        run_xml(out, r, p.size);
    }
    out.push_str("</w:p>");
}

fn table_xml(out: &mut String, t: &Table) {
    let total: u32 = t.widths.iter().sum();
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
    ));
    let border = if t.borders { "single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000" } else { "nil" };
    out.push_str("<w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!("<w:{side} w:val=\"{border}\"/>"));
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/>");
    let pad = if t.borders { 80 } else { 0 };
    out.push_str(&format!(
        "<w:tblCellMar><w:left w:w=\"{pad}\" w:type=\"dxa\"/><w:right w:w=\"{pad}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    ));
    for w in &t.widths {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    for (k, row) in t.rows.iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if k < t.header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        for (c, cell) in row.iter().enumerate() {
            let w = t.widths.get(c).copied().unwrap_or(0);
            out.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>"));
            if cell.is_empty() {
                out.push_str("<w:p/>");
            }
            for p in cell {
                para_xml(out, p);
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// `word/document.xml`.
pub fn document_xml(doc: &Document) -> String {
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>");
    for (k, b) in doc.blocks.iter().enumerate() {
        match b {
            Block::P(p) => para_xml(&mut out, p),
            Block::T(t) => {
                table_xml(&mut out, t);
                // Word needs a paragraph between two tables and after a last one.
                if !matches!(doc.blocks.get(k + 1), Some(Block::P(_))) {
                    out.push_str("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>");
                }
            }
        }
    }
    let [top, bottom, left, right] = MARGINS_MM.map(mm);
    out.push_str(&format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/>\
<w:pgMar w:top=\"{top}\" w:right=\"{right}\" w:bottom=\"{bottom}\" w:left=\"{left}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>\
<w:titlePg/></w:sectPr></w:body></w:document>",
        mm(10),
        mm(10)
    ));
    out
}

/// `word/styles.xml`: Times New Roman 14 pt (Vietnamese), and the heading styles.
fn styles_xml() -> String {
    let heading = |n: u32, size: u32| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{n}\"><w:name w:val=\"heading {n}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:outlineLvl w:val=\"{}\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"{1}\"/><w:szCs w:val=\"{1}\"/></w:rPr></w:style>",
            n - 1,
            size * 2
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"{FONT}\" w:hAnsi=\"{FONT}\" w:eastAsia=\"{FONT}\" w:cs=\"{FONT}\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>{}{}{}</w:styles>",
        heading(1, 14),
        heading(2, 14),
        heading(3, 14)
    )
}

/// The header of the pages after the first: the page number, centred.
fn header_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NS}><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>\
<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>"
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/></Relationships>";

/// `docProps/core.xml`: the title and the program; no dates (they would change the bytes).
fn core_xml(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>kehoach</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>",
        esc(title)
    )
}

/// The document as the bytes of a .docx file.
pub fn to_docx(doc: &Document) -> Vec<u8> {
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_xml(&doc.title)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document_xml(doc)),
        ("word/styles.xml", styles_xml()),
        ("word/header1.xml", header_xml()),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        // Writing into memory fails only when memory does.
        let _ = z.start_file(name, opts).and_then(|()| z.write_all(text.as_bytes()).map_err(Into::into));
    }
    z.finish().map(|c| c.into_inner()).unwrap_or_default()
}
