//! A POSTed form (`application/x-www-form-urlencoded`) decoded into its fields.

use std::collections::BTreeMap;

/// The fields by name; a name given twice keeps its last value.
pub fn decode(body: &[u8]) -> BTreeMap<String, String> {
    body.split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |b| *b == b'=');
            let k = unescape(it.next().unwrap_or(&[]));
            let v = unescape(it.next().unwrap_or(&[]));
            (k, v)
        })
        .collect()
}

fn unescape(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < s.len() => match (hex(s[i + 1]), hex(s[i + 2])) {
                (Some(a), Some(b)) => {
                    out.push(a * 16 + b);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_percent_and_utf8() {
        let f = decode(b"author=Nguy%E1%BB%85n+V%C4%83n+A&body=a%0D%0Ab&x=%&y=%4&attendance.total=18&empty=");
        assert_eq!(f["author"], "Nguyễn Văn A");
        assert_eq!(f["body"], "a\r\nb");
        assert_eq!(f["x"], "%");
        assert_eq!(f["y"], "%4");
        assert_eq!(f["attendance.total"], "18");
        assert_eq!(f["empty"], "");
    }
}
