//! Tables as offices keep them: the sheets of an `.xlsx` workbook (calamine) or one `.csv`
//! file (UTF-8 with or without a byte-order mark, UTF-16 as Notepad's "Unicode" saves it;
//! `,` or `;` between fields, quoted as RFC 4180), as rows of cells with the address a
//! message shows (`Sheet!C7`, or `7:3` for CSV). Bounded: files over [`MAX_FILE`] and
//! workbooks that unpack past [`MAX_UNPACKED`] are refused before they are read.

use chrono::{NaiveDate, NaiveTime};
use std::io::Read;

/// The largest file read (bytes).
pub const MAX_FILE: u64 = 32 * 1024 * 1024;
/// The most a workbook or document may unpack to (bytes, all entries together).
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell (its day), and its time of day when not midnight.
    Date(NaiveDate, Option<NaiveTime>),
    /// A time cell (a date-formatted fraction of a day).
    Time(NaiveTime),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
    /// The cell as text, as a message quotes it.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d, None) => crate::vi::date(*d),
            Value::Date(d, Some(t)) => {
                format!("{} {}", crate::vi::date(*d), crate::vi::time(*t))
            }
            Value::Time(t) => crate::vi::time(*t),
        }
    }
}

/// One sheet: its name (`None` for CSV) and its rows from the first row of the file, each
/// row its cells from column A.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: Option<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Sheet {
    /// The address of the cell at `row`, `col` (both from 0) as a message shows it:
    /// `Sheet!C7` in a workbook, `7:3` in a CSV file.
    pub fn address(&self, row: usize, col: usize) -> String {
        match &self.name {
            Some(name) => {
                let quoted = if name.chars().all(|c| c.is_alphanumeric()) {
                    name.clone()
                } else {
                    format!("'{name}'")
                };
                format!("{quoted}!{}{}", column_letters(col), row + 1)
            }
            None => format!("{}:{}", row + 1, col + 1),
        }
    }
}

/// `A`, `B`, … `Z`, `AA`, … for the column `col` (from 0).
pub fn column_letters(col: usize) -> String {
    let mut out = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Why a file could not be read as a table: the message, in Vietnamese.
#[derive(Debug, PartialEq)]
pub struct TableError(pub String);

/// Read `bytes` (the file `name`) as sheets: by its extension, `.xlsx` or `.csv`.
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, TableError> {
    if bytes.len() as u64 > MAX_FILE {
        return Err(TableError(format!("tệp quá lớn ({} byte); tối đa {MAX_FILE} byte", bytes.len())));
    }
    let lower = name.to_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        read_xlsx(bytes)
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        Ok(vec![read_csv(bytes)?])
    } else if lower.ends_with(".xls") {
        Err(TableError(
            "tệp .xls (Excel 97-2003) không được hỗ trợ\n  = gợi ý: mở bằng Excel, chọn File > Save As > Excel Workbook (*.xlsx)".into(),
        ))
    } else {
        Err(TableError("chỉ đọc được tệp .xlsx hoặc .csv".into()))
    }
}

/// Refuse a zip archive whose entries would unpack past [`MAX_UNPACKED`] or that holds
/// too many entries (a zip bomb), before anything is unpacked.
pub fn check_zip(bytes: &[u8]) -> Result<(), TableError> {
    let not_zip = || {
        TableError("không phải tệp Office Open XML (.xlsx/.docx): không đọc được như một tệp nén zip".into())
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| not_zip())?;
    if archive.len() > 10_000 {
        return Err(TableError(format!("tệp nén có quá nhiều mục ({})", archive.len())));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let size = archive.by_index_raw(i).map_err(|_| not_zip())?.size();
        total = total.saturating_add(size);
    }
    if total > MAX_UNPACKED {
        return Err(TableError(format!(
            "tệp giải nén ra {total} byte, quá giới hạn {MAX_UNPACKED} byte (có thể là tệp nén độc hại)"
        )));
    }
    Ok(())
}

/// Read one entry of a zip archive, at most `limit` bytes (whatever its header claims).
pub fn zip_entry(bytes: &[u8], name: &str, limit: u64) -> Result<Option<Vec<u8>>, TableError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| TableError("không đọc được tệp nén zip".into()))?;
    let Ok(entry) = archive.by_name(name) else { return Ok(None) };
    let mut out = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| TableError(format!("không giải nén được `{name}`: {e}")))?;
    if out.len() as u64 > limit {
        return Err(TableError(format!("`{name}` giải nén ra quá {limit} byte (có thể là tệp nén độc hại)")));
    }
    Ok(Some(out))
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, TableError> {
    use calamine::{Data, Reader, Xlsx};
    check_zip(bytes)?;
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| TableError(format!("không đọc được bảng tính: {e}")))?;
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| TableError(format!("không đọc được trang `{name}`: {e}")))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Value>> = vec![Vec::new(); r0 as usize];
        for row in range.rows() {
            let mut cells: Vec<Value> = vec![Value::Empty; c0 as usize];
            cells.extend(row.iter().map(|d| match d {
                Data::Empty | Data::Error(_) => Value::Empty,
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
                Data::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.into()),
                Data::Int(i) => Value::Number(*i as f64),
                Data::Float(f) => Value::Number(*f),
                Data::DateTime(dt) => match dt.as_datetime() {
                    Some(ndt) if dt.as_f64() < 1.0 => Value::Time(ndt.time()),
                    Some(ndt) => {
                        let t = ndt.time();
                        Value::Date(ndt.date(), (t != NaiveTime::MIN).then_some(t))
                    }
                    None => Value::Number(dt.as_f64()),
                },
            }));
            rows.push(cells);
        }
        sheets.push(Sheet { name: Some(name.clone()), rows });
    }
    Ok(sheets)
}

/// The text of a CSV file: UTF-8 (a byte-order mark dropped) or UTF-16 with its mark.
fn csv_text(bytes: &[u8]) -> Result<String, TableError> {
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).map_err(|_| TableError("tệp UTF-16 hỏng".into()))
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        _ => {
            let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            String::from_utf8(b.to_vec()).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                let line = b[..at].iter().filter(|&&c| c == b'\n').count() + 1;
                TableError(format!(
                    "tệp không phải văn bản UTF-8 (byte lạ ở dòng {line}); có lẽ được lưu bằng bảng mã Windows-1258 hoặc TCVN3\n  = gợi ý: trong Excel chọn File > Save As > \"CSV UTF-8 (Comma delimited)\""
                ))
            })
        }
    }
}

/// Read a CSV file: the separator is `;` when the first ten non-empty lines have more `;`
/// than `,` outside quotes (Excel in Vietnamese Windows), else `,`.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, TableError> {
    let text = csv_text(bytes)?;
    // The first lines (quoted fields may span lines; a rough count is enough here).
    let first: String = text.lines().filter(|l| !l.trim().is_empty()).take(10).collect::<Vec<_>>().join("\n");
    let count = |sep: char| {
        let mut quoted = false;
        first
            .chars()
            .filter(|&c| {
                if c == '"' {
                    quoted = !quoted;
                }
                !quoted && c == sep
            })
            .count()
    };
    let sep = if count(';') > count(',') { ';' } else { ',' };
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut row: Vec<Value> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let push_field = |row: &mut Vec<Value>, field: &mut String| {
        let f = std::mem::take(field);
        row.push(if f.is_empty() { Value::Empty } else { Value::Text(f) });
    };
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && field.is_empty() {
            quoted = true;
        } else if c == sep {
            push_field(&mut row, &mut field);
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            push_field(&mut row, &mut field);
            rows.push(std::mem::take(&mut row));
        } else {
            field.push(c);
        }
    }
    if !field.is_empty() || !row.is_empty() {
        push_field(&mut row, &mut field);
        rows.push(row);
    }
    Ok(Sheet { name: None, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &Sheet) -> Vec<Vec<String>> {
        s.rows.iter().map(|r| r.iter().map(Value::shown).collect()).collect()
    }

    #[test]
    fn csv_with_semicolons_quotes_and_a_bom() {
        let s = read_csv("\u{feff}Tổ;Ghi chú\r\nto-1;\"a; \"\"b\"\"\nc\"\r\n\r\n".as_bytes()).unwrap();
        assert_eq!(texts(&s), [vec!["Tổ", "Ghi chú"], vec!["to-1", "a; \"b\"\nc"], vec![""]]);
        let s = read_csv(b"a,b\n1,2").unwrap();
        assert_eq!(texts(&s), [["a", "b"], ["1", "2"]]);
    }

    #[test]
    fn utf16_is_read_and_other_encodings_are_refused_with_a_hint() {
        let mut b = vec![0xFF, 0xFE];
        b.extend("Tổ,Loại".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(texts(&read_csv(&b).unwrap()), [["Tổ", "Loại"]]);
        let e = read_csv(b"T\xf4,Lo\xe1i\n").unwrap_err();
        assert!(e.0.contains("dòng 1") && e.0.contains("CSV UTF-8"), "{e:?}");
    }

    #[test]
    fn addresses() {
        let s = Sheet { name: Some("Tháng3".into()), rows: vec![] };
        assert_eq!(s.address(6, 2), "Tháng3!C7");
        let s = Sheet { name: Some("Tháng 3".into()), rows: vec![] };
        assert_eq!(s.address(0, 27), "'Tháng 3'!AB1");
        assert_eq!(Sheet::default().address(6, 2), "7:3");
    }

    #[test]
    fn not_a_workbook() {
        assert!(read("x.xlsx", b"%PDF-1.4").unwrap_err().0.contains("zip"));
        assert!(read("x.xls", b"").unwrap_err().0.contains("Save As"));
    }
}
