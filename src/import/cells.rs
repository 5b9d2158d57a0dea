//! Cell values as offices type them: months (`3/2024`, `03/2024`, `2024-03`,
//! `Tháng 3/2024`, a date cell), dates (a date cell, `14/03/2024`, `14/3/2024`,
//! `2024-03-14`), times (`8:30`, `08:30`, `8h30`, `8h`, `14 giờ 00`, a time cell), and
//! text that is Vietnamese read in the wrong encoding (mojibake).

use crate::model::YearMonth;
use crate::office::columns::fold;
use crate::office::table::Value;
use chrono::{NaiveDate, NaiveTime};

/// The numbers in `s`, in order (runs of ASCII digits).
fn numbers(s: &str) -> Vec<u32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap_or(u32::MAX))
        .collect()
}

/// A month cell.
pub fn month(v: &Value) -> Option<YearMonth> {
    match v {
        Value::Date(d, _) => Some(YearMonth::of(*d)),
        Value::Text(s) => month_text(s),
        _ => None,
    }
}

/// A month written as text: `M/YYYY`, `MM/YYYY`, `YYYY-MM`, `M-YYYY`, `M.YYYY`, with or
/// without a leading `Tháng`/`T`.
pub fn month_text(s: &str) -> Option<YearMonth> {
    let f = fold(s);
    let f = f.strip_prefix("thang").or_else(|| f.strip_prefix('t')).unwrap_or(&f).trim();
    if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit() || "/-. ".contains(c)) {
        return None;
    }
    match numbers(f)[..] {
        [y, m] if (1000..=9999).contains(&y) && f.starts_with(&y.to_string()) => YearMonth::new(y as i32, m),
        [m, y] if (1000..=9999).contains(&y) => YearMonth::new(y as i32, m),
        _ => None,
    }
}

/// The month a sheet's name names, such as `Tháng 3-2024` or `T03.2024`.
pub fn month_of_sheet(name: &str) -> Option<YearMonth> {
    month_text(name)
}

/// A date cell.
pub fn date(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::Date(d, _) => Some(*d),
        Value::Text(s) => date_text(s),
        _ => None,
    }
}

/// A date written as text: `DD/MM/YYYY` (also with `-` or `.`, one-digit day or month) or
/// ISO `YYYY-MM-DD`.
pub fn date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || "/-.".contains(c)) {
        return None;
    }
    match numbers(s)[..] {
        [y, m, d] if s.len() == 10 && s.as_bytes()[4] == b'-' => NaiveDate::from_ymd_opt(y as i32, m, d),
        [d, m, y] if (1000..=9999).contains(&y) => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    }
}

/// A time cell.
pub fn time(v: &Value) -> Option<NaiveTime> {
    match v {
        Value::Time(t) => Some(*t),
        Value::Date(_, Some(t)) => Some(*t),
        Value::Number(n) if (0.0..1.0).contains(n) => {
            let minutes = (n * 1440.0).round() as u32;
            NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)
        }
        Value::Text(s) => time_text(s),
        _ => None,
    }
}

/// A time written as text: `8:30`, `08:30`, `8h30`, `8h`, `8g30`, `14 giờ 00`, `8.30`.
pub fn time_text(s: &str) -> Option<NaiveTime> {
    let f = fold(s).replace("gio", "h").replace(['g', '.'], "h").replace(' ', "");
    let f = f.strip_suffix("phut").unwrap_or(&f);
    let (h, m) = match f.split_once([':', 'h']) {
        Some((h, m)) => (h, if m.is_empty() { "0" } else { m }),
        None => return None,
    };
    let m = m.strip_suffix(":00").unwrap_or(m);
    if h.is_empty() || h.len() > 2 || m.len() > 2 || !(h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// Characters that Vietnamese text never holds but that Vietnamese read in the wrong
/// encoding shows: TCVN3 (ABC) or VNI text seen as Windows-1252 (`Tæ c«ng t¸c`),
/// Windows-1258's separate tone marks and `ð`, and UTF-8 read as Windows-1252
/// (`Tá»• cÃ´ng`).
const FOREIGN: &str = "§¸«¬®¦ðÐÞþµ¹¶·¤¥¢£»¼½¾¿¡¨©ª¯°±²³´¼æçëîïñöøû";

/// Whether `s` looks like Vietnamese in the wrong encoding.
pub fn is_mojibake(s: &str) -> bool {
    s.chars().any(|c| FOREIGN.contains(c) || ('\u{80}'..='\u{9f}').contains(&c))
        || s.contains("á»")
        || s.contains("áº")
        || s.contains("Ã")
            && s.chars().zip(s.chars().skip(1)).any(|(a, b)| a == 'Ã' && !b.is_ascii() && !b.is_alphabetic())
}

/// The hint for mojibake.
pub const MOJIBAKE_HINT: &str = "chữ này có vẻ là tiếng Việt lưu bằng bảng mã cũ (TCVN3/ABC, VNI hoặc Windows-1258) hay đọc sai bảng mã; \
chuyển sang Unicode (Unikey: Công cụ chuyển mã, từ TCVN3 sang Unicode) rồi lưu lại .xlsx hoặc \"CSV UTF-8\"";

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> Option<YearMonth> {
        YearMonth::new(y, m)
    }

    #[test]
    fn months_as_typed() {
        for s in ["3/2024", "03/2024", "2024-03", "Tháng 3/2024", "T3-2024", "tháng 03.2024", " 3 / 2024 "]
        {
            assert_eq!(month_text(s), ym(2024, 3), "{s}");
        }
        for s in ["13/2024", "3/24", "2024", "", "tháng ba", "2024-3-1"] {
            assert_eq!(month_text(s), None, "{s}");
        }
        let d = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(month(&Value::Date(d, None)), ym(2024, 3));
        assert_eq!(month_of_sheet("Tháng 10-2024"), ym(2024, 10));
    }

    #[test]
    fn dates_as_typed() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 14);
        for s in ["14/03/2024", "14/3/2024", "14-03-2024", "14.3.2024", "2024-03-14"] {
            assert_eq!(date_text(s), d, "{s}");
        }
        for s in ["31/02/2024", "14/03/24", "03/2024", "ngày 14", ""] {
            assert_eq!(date_text(s), None, "{s}");
        }
    }

    #[test]
    fn times_as_typed() {
        let t = NaiveTime::from_hms_opt(8, 30, 0);
        for s in ["8:30", "08:30", "8h30", "8H30", "8g30", "8 giờ 30", "08:30:00", "8.30"] {
            assert_eq!(time_text(s), t, "{s}");
        }
        assert_eq!(time_text("14h"), NaiveTime::from_hms_opt(14, 0, 0));
        assert_eq!(time_text("14 giờ 00 phút"), NaiveTime::from_hms_opt(14, 0, 0));
        for s in ["25:00", "8:75", "sáng", "830", ""] {
            assert_eq!(time_text(s), None, "{s}");
        }
        assert_eq!(time(&Value::Number(0.5)), NaiveTime::from_hms_opt(12, 0, 0));
    }

    #[test]
    fn mojibake_is_told_from_vietnamese() {
        for s in ["Tæ c«ng t¸c sè 1", "§¶ng ñy", "Tá»• cÃ´ng tÃ¡c", "Ðang uy"] {
            assert!(is_mojibake(s), "{s}");
        }
        for s in ["Tổ công tác số 1", "Đảng ủy Khối", "NGÃ BA", "Hội trường tầng 2", "Phòng họp"]
        {
            assert!(!is_mojibake(s), "{s}");
        }
    }
}
