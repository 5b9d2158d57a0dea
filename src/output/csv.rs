//! CSV files that open correctly in Excel and LibreOffice: UTF-8 with a byte-order mark
//! (so Excel does not read Vietnamese as ANSI), CRLF line ends, RFC 4180 quoting (a field
//! with a comma, quote or line break is quoted, quotes doubled). A cell a spreadsheet would
//! take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is
//! written as text: quoted and preceded by `'`, as OWASP's guidance on CSV injection
//! advises ([`is_formula_like`]).

/// The UTF-8 byte-order mark that starts every CSV file.
pub const BOM: &str = "\u{feff}";

/// One CSV field, quoted when it must be (RFC 4180); a field a spreadsheet would run as a
/// formula is quoted and starts with `'` (see [`is_formula_like`]).
pub fn csv_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_field(&mut out, s);
    out
}

/// [`csv_field`] of `s`, appended to `out`.
fn push_field(out: &mut String, s: &str) {
    if is_formula_like(s) {
        out.push_str("\"'");
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Whether Excel or LibreOffice would read the cell `s` as a formula (OWASP: a cell
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return).
pub fn is_formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A whole CSV file: BOM, header, rows, each line ended by CRLF.
pub fn csv<R: AsRef<[String]>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String {
    let mut out = String::from(BOM);
    push_line(&mut out, header.iter().copied());
    for row in rows {
        push_line(&mut out, row.as_ref().iter().map(String::as_str));
    }
    out
}

/// One line of a CSV file, each field as [`csv_field`] writes it, appended to `out`.
fn push_line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (k, f) in fields.enumerate() {
        if k > 0 {
            out.push(',');
        }
        push_field(out, f);
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("Tổ 1"), "Tổ 1");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\r"), "\"cr\r\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://evil.example/\",\"Xem\")"),
            "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Xem\"\")\""
        );
        for (cell, want) in [
            ("+1", "\"'+1\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\t=1", "\"'\t=1\""),
            ("\r=1", "\"'\r=1\""),
        ] {
            assert_eq!(csv_field(cell), want, "{cell:?}");
        }
        // Inside a value they are harmless.
        assert_eq!(csv_field("a=b"), "a=b");
        assert_eq!(csv_field("Lê Văn A - Bí thư"), "Lê Văn A - Bí thư");
    }

    #[test]
    fn csv_has_bom_header_and_crlf() {
        let rows = vec![vec!["1".to_string(), "x,y".to_string()]];
        assert_eq!(csv(&["a", "b"], &rows), "\u{feff}a,b\r\n1,\"x,y\"\r\n");
        assert_eq!(csv::<Vec<String>>(&["a"], []), "\u{feff}a\r\n");
    }
}
