//! Front matter keys a Word report states in its own words: "Thời gian: 14 giờ 00 ngày
//! 25/3/2024" (held_on, started_at; "từ 14 giờ 00 đến 16 giờ 30" also ended_at), "Tổng số
//! đảng viên: 18, có mặt: 15, vắng có lý do: 2, vắng không lý do: 0, miễn sinh hoạt: 1"
//! (attendance), "Chủ trì: …" (chair), "Số ý kiến phát biểu: 7" (speakers), "Xếp loại:
//! Tốt" (rating), "Điểm: 92" (score). Read from the paragraphs and from the rows of a
//! leading table (its cells joined by ": ").

use crate::office::columns::fold;
use chrono::{NaiveDate, NaiveTime};

/// The keys found, each `None` when the document does not state it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    pub held_on: Option<NaiveDate>,
    pub started_at: Option<NaiveTime>,
    pub ended_at: Option<NaiveTime>,
    pub total: Option<u32>,
    pub exempt: Option<u32>,
    pub present: Option<u32>,
    pub excused: Option<u32>,
    pub unexcused: Option<u32>,
    pub speakers: Option<u32>,
    pub chair: Option<String>,
    pub rating: Option<&'static str>,
    pub score: Option<u32>,
}

impl Fields {
    /// The front matter keys found, by name, for the message.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        let mut add = |b: bool, n: &'static str| {
            if b {
                v.push(n);
            }
        };
        add(self.held_on.is_some(), "held_on");
        add(self.started_at.is_some(), "started_at");
        add(self.ended_at.is_some(), "ended_at");
        add(self.total.is_some(), "attendance.total");
        add(self.exempt.is_some(), "attendance.exempt");
        add(self.present.is_some(), "attendance.present");
        add(self.excused.is_some(), "attendance.excused");
        add(self.unexcused.is_some(), "attendance.unexcused");
        add(self.speakers.is_some(), "speakers");
        add(self.chair.is_some(), "chair");
        add(self.rating.is_some(), "rating");
        add(self.score.is_some(), "score");
        v
    }
}

/// The number right after `phrase` in the folded text `f` (past spaces, `:` and `là`).
fn number_after(f: &str, phrase: &str) -> Option<u32> {
    let mut from = 0;
    while let Some(k) = f[from..].find(phrase) {
        let at = from + k;
        from = at + phrase.len();
        // A whole phrase: not inside a longer word.
        if f[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let rest = f[from..].trim_start_matches([' ', ':', '\t']);
        let rest = rest.strip_prefix("la ").unwrap_or(rest).trim_start_matches([' ', ':']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse() {
            return Some(n);
        }
    }
    None
}

/// The times in `f` (`14 gio 00`, `14h00`, `14:00`, `14 gio`), in order.
fn times(f: &str) -> Vec<NaiveTime> {
    let words: Vec<&str> = f.split([' ', ',', ';', '(', ')']).filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        let num = |s: &str| s.parse::<u32>().ok();
        let found = if let Some((h, m)) = w.split_once([':', 'h']) {
            match (num(h), if m.is_empty() { Some(0) } else { num(m) }) {
                (Some(h), Some(m)) if !h.to_string().is_empty() => NaiveTime::from_hms_opt(h, m, 0),
                _ => None,
            }
        } else if let (Some(h), Some(&"gio")) = (num(w), words.get(k + 1)) {
            let m = words.get(k + 2).and_then(|m| num(m));
            if m.is_some() {
                k += 1;
            }
            k += 1;
            NaiveTime::from_hms_opt(h, m.unwrap_or(0), 0)
        } else {
            None
        };
        out.extend(found);
        k += 1;
    }
    out
}

/// The first date in `f`: `25/3/2024`, `25-03-2024` or `ngay 25 thang 3 nam 2024`.
fn date(f: &str) -> Option<NaiveDate> {
    for w in f.split([' ', ',', ';', '(', ')']) {
        if let Some(d) = super::cells::date_text(w.trim_end_matches('.')) {
            return Some(d);
        }
    }
    let k = f.find("ngay ")?;
    let n: Vec<u32> = f[k..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .filter_map(|s| s.parse().ok())
        .collect();
    match n[..] {
        [d, m, y] if f[k..].contains("thang") => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    }
}

/// The text after `label:` in `line` (not folded), up to `,` `;` or the end.
fn text_after(line: &str, label: &str) -> Option<String> {
    let f = fold(line);
    let k = f.find(&format!("{label}:"))?;
    // Folding keeps the characters' count; find the same place in the line.
    let start =
        line.char_indices().nth(f[..k].chars().count() + label.chars().count() + 1).map(|(i, _)| i)?;
    let rest = line[start..].trim();
    let end = rest.find([',', ';', '(']).unwrap_or(rest.len());
    Some(rest[..end].trim().trim_end_matches('.').to_string()).filter(|s| !s.is_empty())
}

/// The keys stated in `lines` (paragraphs, and a table's rows joined by ": ").
pub fn find(lines: &[String]) -> Fields {
    let mut x = Fields::default();
    for line in lines {
        let f = fold(line);
        if f.contains("thoi gian") || f.starts_with("ngay sinh hoat") || f.starts_with("vao hoi") {
            let t = times(&f);
            x.started_at = x.started_at.or(t.first().copied());
            if f.contains(" den ") {
                x.ended_at = x.ended_at.or(t.get(1).copied());
            }
            x.held_on = x.held_on.or(date(&f));
        }
        if f.contains("ket thuc") {
            x.ended_at = x.ended_at.or(times(&f).last().copied());
        }
        x.total =
            x.total.or(number_after(&f, "tong so dang vien")).or(number_after(&f, "so dang vien cua chi bo"));
        x.present = x.present.or(number_after(&f, "co mat"));
        x.unexcused =
            x.unexcused.or(number_after(&f, "vang khong ly do")).or(number_after(&f, "vang khong co ly do"));
        x.excused = x.excused.or(number_after(&f, "vang co ly do"));
        x.exempt = x.exempt.or(number_after(&f, "mien sinh hoat"));
        x.speakers =
            x.speakers.or(number_after(&f, "y kien phat bieu")).or(number_after(&f, "dang vien phat bieu"));
        x.score = x
            .score
            .or(number_after(&f, "diem so"))
            .or(number_after(&f, "cham diem"))
            .or(if f.starts_with("diem") { number_after(&f, "diem") } else { None });
        if x.chair.is_none() {
            x.chair = text_after(line, "chu tri").or_else(|| text_after(line, "nguoi chu tri"));
        }
        if x.rating.is_none()
            && let Some(k) = f.find("xep loai")
        {
            let rest = f[k + "xep loai".len()..].trim_start_matches([' ', ':']);
            x.rating = [("trung binh", "trung_binh"), ("tot", "tot"), ("kha", "kha"), ("kem", "kem")]
                .iter()
                .find(|(w, _)| rest.starts_with(w))
                .map(|(_, key)| *key);
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn keys_as_reports_state_them() {
        let lines: Vec<String> = [
            "Thời gian: 14 giờ 00 ngày 25/3/2024",
            "Tổng số đảng viên: 18, có mặt: 15, vắng có lý do: 2, vắng không lý do: 0, miễn sinh hoạt: 1",
            "Chủ trì: Đồng chí Phạm Thị E, Bí thư chi bộ",
            "Số ý kiến phát biểu: 7",
            "Địa điểm: Hội trường",
            "Xếp loại: Trung bình",
            "Điểm: 62",
        ]
        .map(String::from)
        .to_vec();
        let f = find(&lines);
        assert_eq!(f.held_on, NaiveDate::from_ymd_opt(2024, 3, 25));
        assert_eq!((f.started_at, f.ended_at), (t(14, 0), None));
        assert_eq!(
            (f.total, f.present, f.excused, f.unexcused, f.exempt),
            (Some(18), Some(15), Some(2), Some(0), Some(1))
        );
        assert_eq!(f.chair.as_deref(), Some("Đồng chí Phạm Thị E"));
        assert_eq!((f.speakers, f.rating, f.score), (Some(7), Some("trung_binh"), Some(62)));
    }

    #[test]
    fn times_from_to_and_a_long_date() {
        let f = find(&["Thời gian: từ 8h30 đến 10 giờ 45, ngày 05 tháng 4 năm 2024".to_string()]);
        assert_eq!((f.started_at, f.ended_at), (t(8, 30), t(10, 45)));
        assert_eq!(f.held_on, NaiveDate::from_ymd_opt(2024, 4, 5));
        assert_eq!(find(&["Địa điểm: phòng 2".into()]), Fields::default());
    }
}
