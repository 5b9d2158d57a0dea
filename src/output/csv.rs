//! CSV files that open correctly in Excel and LibreOffice: UTF-8 with a byte-order mark
//! (so Excel does not read Vietnamese as ANSI), CRLF line ends, RFC 4180 quoting (a field
//! with a comma, quote or line break is quoted, quotes doubled). Written by the `csv` crate.
//! A cell a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or
//! a carriage return) is written as text, preceded by `'`, as OWASP's guidance on CSV
//! injection advises ([`is_formula_like`]).

use std::borrow::Cow;

/// The UTF-8 byte-order mark that starts every CSV file.
pub const BOM: &str = "\u{feff}";

/// Whether Excel or LibreOffice would read the cell `s` as a formula (OWASP: a cell
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return).
pub fn is_formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cell as written: `'` before one a spreadsheet would run.
fn cell(s: &str) -> Cow<'_, str> {
    if is_formula_like(s) { Cow::Owned(format!("'{s}")) } else { Cow::Borrowed(s) }
}

/// A whole CSV file: BOM, header, rows, each line ended by CRLF.
pub fn csv<R: AsRef<[String]>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String {
    let mut out = Vec::from(BOM);
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(&mut out);
        // Writing to memory cannot fail.
        w.write_record(header).expect("CSV to memory");
        for row in rows {
            w.write_record(row.as_ref().iter().map(|f| cell(f).into_owned())).expect("CSV to memory");
        }
        w.flush().expect("CSV to memory");
    }
    String::from_utf8(out).expect("CSV of UTF-8 fields is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4180 as kehoach wrote it by hand before the `csv` crate: the files must not change.
    fn by_hand(header: &[&str], rows: &[Vec<String>]) -> String {
        let field = |s: &str| {
            let s = &*cell(s);
            if s.contains([',', '"', '\r', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let mut out = String::from(BOM);
        let line = |fields: Vec<String>| fields.join(",") + "\r\n";
        out += &line(header.iter().map(|h| field(h)).collect());
        for r in rows {
            out += &line(r.iter().map(|f| field(f)).collect());
        }
        out
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let row = |f: &str| csv(&["h", "x"], [vec![f.to_string(), String::new()]]);
        assert_eq!(row("Tổ 1"), "\u{feff}h,x\r\nTổ 1,\r\n");
        assert_eq!(row("a,b"), "\u{feff}h,x\r\n\"a,b\",\r\n");
        assert_eq!(row("say \"hi\""), "\u{feff}h,x\r\n\"say \"\"hi\"\"\",\r\n");
        assert_eq!(row("two\nlines"), "\u{feff}h,x\r\n\"two\nlines\",\r\n");
        assert_eq!(row("cr\r"), "\u{feff}h,x\r\n\"cr\r\",\r\n");
        assert_eq!(row(""), "\u{feff}h,x\r\n,\r\n");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        let one = |f: &str| csv(&["h", "x"], [vec![f.to_string(), String::new()]]);
        assert_eq!(
            one("=HYPERLINK(\"http://evil.example/\",\"Xem\")"),
            "\u{feff}h,x\r\n\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Xem\"\")\",\r\n"
        );
        for (f, want) in [("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1")] {
            assert_eq!(one(f), format!("\u{feff}h,x\r\n{want},\r\n"), "{f:?}");
        }
        assert_eq!(one("\r=1"), "\u{feff}h,x\r\n\"'\r=1\",\r\n");
        // Inside a value they are harmless.
        assert_eq!(one("a=b"), "\u{feff}h,x\r\na=b,\r\n");
        assert_eq!(one("Lê Văn A - Bí thư"), "\u{feff}h,x\r\nLê Văn A - Bí thư,\r\n");
    }

    #[test]
    fn csv_has_bom_header_and_crlf() {
        let rows = vec![vec!["1".to_string(), "x,y".to_string()]];
        assert_eq!(csv(&["a", "b"], &rows), "\u{feff}a,b\r\n1,\"x,y\"\r\n");
        assert_eq!(csv::<Vec<String>>(&["a"], []), "\u{feff}a\r\n");
    }

    proptest::proptest! {
        /// Rows of two or more fields (as every file kehoach writes) of text with the
        /// characters that matter to CSV: the same bytes as the hand-written rule.
        #[test]
        fn the_crate_writes_what_the_rule_wrote(
            rows in proptest::collection::vec(proptest::collection::vec("[a-zđổ ,\"\r\n;#'\t]{0,6}", 2..5), 0..6)
        ) {
            let header = ["visit", "team", "note"];
            let rows: Vec<Vec<String>> = rows;
            proptest::prop_assert_eq!(csv(&header, &rows), by_hand(&header, &rows));
        }
    }
}
