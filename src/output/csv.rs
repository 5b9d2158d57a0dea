//! CSV files that open correctly in Excel and LibreOffice: UTF-8 with a byte-order mark
//! (so Excel does not read Vietnamese as ANSI), CRLF line ends, RFC 4180 quoting (a field
//! with a comma, quote or line break is quoted, quotes doubled).

/// The UTF-8 byte-order mark that starts every CSV file.
pub const BOM: &str = "\u{feff}";

/// One CSV field, quoted when it must be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_field(&mut out, s);
    out
}

/// [`csv_field`] of `s`, appended to `out`.
fn push_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
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
    fn csv_has_bom_header_and_crlf() {
        let rows = vec![vec!["1".to_string(), "x,y".to_string()]];
        assert_eq!(csv(&["a", "b"], &rows), "\u{feff}a,b\r\n1,\"x,y\"\r\n");
        assert_eq!(csv::<Vec<String>>(&["a"], []), "\u{feff}a\r\n");
    }
}
