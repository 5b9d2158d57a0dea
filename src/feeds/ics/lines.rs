//! Content lines of iCalendar (RFC 5545 §3.1, §3.3): TEXT values escaped, lines folded
//! at 75 octets, DATE and DATE-TIME values written. Each is written into the caller's
//! buffer (a feed of thousands of events makes no string per line or per value).

use chrono::NaiveDateTime;

/// Escape a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` and newlines; other control
/// characters (which TEXT does not allow) are dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// [`escape_text`] of `s`, appended to `out`.
pub(super) fn push_escaped(out: &mut String, s: &str) {
    // Most values have nothing to escape: no `\` `;` `,`, no control character (all of
    // which start with a byte below 0x20, 0x7f or 0xc2). Checked 32 bytes at a time.
    let special = |b: u8| (b < 0x20) | (b == b'\\') | (b == b';') | (b == b',') | (b == 0x7f) | (b == 0xc2);
    if !crate::bytes::any_byte(s.as_bytes(), special) {
        out.push_str(s);
        return;
    }
    // A stretch at a time, up to each byte to escape or drop.
    let b = s.as_bytes();
    let (mut from, mut i) = (0, 0);
    while i < b.len() {
        if !special(b[i]) {
            i += 1;
            continue;
        }
        let (with, len) = match b[i] {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            b'\r' if b.get(i + 1) == Some(&b'\n') => ("\\n", 2),
            b'\n' | b'\r' => ("\\n", 1),
            // Kept as it is.
            b'\t' => {
                i += 1;
                continue;
            }
            // U+0080–U+009F (C1 controls): dropped; any other character from C2: kept.
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => ("", 2),
            0xc2 => {
                i += 1;
                continue;
            }
            // The other control characters (C0, DEL): dropped.
            _ => ("", 1),
        };
        out.push_str(&s[from..i]);
        out.push_str(with);
        i += len;
        from = i;
    }
    out.push_str(&s[from..]);
}

/// Fold one content line (without its line break) at 75 octets (RFC 5545 §3.1): each
/// continuation starts with a space; no UTF-8 character is split. Lines end with CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    push_folded(&mut out, line);
    out
}

/// [`fold_line`] of `line`, appended to `out`.
pub(super) fn push_folded(out: &mut String, line: &str) {
    // Each piece is as many whole characters as fit in 75 octets: 74 after the space
    // that starts a continuation.
    let mut rest = line;
    let mut room = 75;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// `date` as iCalendar's DATE, `20240314` (chrono's `%Y%m%d`).
pub(super) fn push_date(out: &mut String, date: chrono::NaiveDate) {
    crate::vi::push_ymd(out, date, "");
}

/// `at` as iCalendar's DATE-TIME without a zone, `20240314T140000` (chrono's
/// `%Y%m%dT%H%M%S`).
pub(super) fn push_date_time(out: &mut String, at: NaiveDateTime) {
    use chrono::Timelike;
    push_date(out, at.date());
    out.push('T');
    crate::vi::push_num(out, at.hour(), 2);
    crate::vi::push_num(out, at.minute(), 2);
    crate::vi::push_num(out, at.second(), 2);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escaping() {
        assert_eq!(escape_text("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
        assert_eq!(escape_text("x\u{7}y:z"), "xy:z");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold_line("SUMMARY:abc"), "SUMMARY:abc\r\n");
        let exactly = "X".repeat(75);
        assert_eq!(fold_line(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_char_boundaries() {
        let line = format!("DESCRIPTION:{}", "Đảng ủy cơ sở ".repeat(20));
        let folded = fold_line(&line);
        assert!(folded.ends_with("\r\n"));
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 3);
        for (i, p) in physical.iter().enumerate() {
            assert!(p.len() <= 75, "line {i} has {} octets", p.len());
            if i > 0 {
                assert!(p.starts_with(' '));
            }
        }
        // Unfolding (drop CRLF + one space) gives back the line.
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        // The first physical line is filled as far as a whole character allows.
        assert!(physical[0].len() >= 73);
    }

    /// Folding as the RFC says it, a character at a time (what [`fold_line`] must equal).
    fn fold_by_char(line: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out + "\r\n"
    }

    /// Escaping a character at a time (what [`escape_text`] must equal).
    fn escape_by_char(s: &str) -> String {
        s.replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\\' => Some("\\\\".to_string()),
                ';' => Some("\\;".into()),
                ',' => Some("\\,".into()),
                '\n' | '\r' => Some("\\n".into()),
                '\t' => Some("\t".into()),
                c if c.is_control() => None,
                c => Some(c.to_string()),
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn lines_fold_as_a_character_at_a_time(line in "[a-zà-ỹĐđ ;,\\\\\u{1F600}-\u{1F602}\u{a0}]{0,300}") {
            proptest::prop_assert_eq!(fold_line(&line), fold_by_char(&line));
        }

        #[test]
        fn dates_are_written_as_chrono_writes_them(days in -1_000_000i32..4_000_000, secs in 0u32..86_400) {
            let day = chrono::NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let at = day.and_time(chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap());
            let (mut d, mut t) = (String::new(), String::new());
            push_date(&mut d, day);
            push_date_time(&mut t, at);
            proptest::prop_assert_eq!(d, day.format("%Y%m%d").to_string());
            proptest::prop_assert_eq!(t, at.format("%Y%m%dT%H%M%S").to_string());
        }

        #[test]
        fn text_escapes_as_a_character_at_a_time(s in "[a-zà-ỹĐđ ;,\\\\\r\n\t\u{0}-\u{1f}\u{7f}-\u{9f}\u{a0}]{0,80}") {
            proptest::prop_assert_eq!(escape_text(&s), escape_by_char(&s));
        }
    }
}
