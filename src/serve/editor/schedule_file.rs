//! A visit's lines in its schedule file: the schedule form's values read from the entry and
//! written back into it, changing only that entry's changed keys — in block style
//! (`- team: …` then one key a line) or one-line flow style (`- { team: …, … }`), as the
//! file had it. Comments, other entries and their order stay byte for byte.

use super::yaml_edit::{self, Edit, Lines, get, parse_value, same};
use crate::load::yaml::{self, Node, Value};
use crate::scaffold::yaml_str;
use std::collections::BTreeMap;

/// The keys of a visit, in FORMAT.md's order (new keys go after those before them).
pub const ORDER: [&str; 10] =
    ["team", "kind", "unit", "month", "date", "time", "place", "status", "note", "id"];

/// The keys the schedule form edits.
pub const FIELDS: [&str; 5] = ["date", "time", "place", "status", "note"];

pub type Values = BTreeMap<String, String>;

/// The entry of the schedule (a list) that starts at `line` (1-based).
fn entry(doc: &Node, line: u32) -> Option<&Node> {
    match &doc.value {
        Value::Seq(items) => items.iter().find(|n| n.pos.line == line),
        _ => None,
    }
}

/// The form's values of the visit whose entry starts at `line`.
pub fn values_of(text: &str, line: u32) -> Values {
    let mut v = Values::new();
    let Some(doc) = yaml::parse(text).ok() else { return v };
    if let Some(e) = entry(&doc, line) {
        for key in FIELDS {
            if let Some(n) = get(e, key).filter(|n| n.value != Value::Null) {
                v.insert(key.to_string(), n.display());
            }
        }
    }
    v
}

fn is_date(t: &str) -> bool {
    t.len() == 10
        && t.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() })
}

/// The YAML text of a key from the form; `None`: left out.
pub fn yaml_of(key: &str, values: &Values) -> Option<String> {
    let t = values.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())?;
    Some(match key {
        "date" if is_date(t) => t.to_string(),
        "time" => serde_json::to_string(t).unwrap_or_else(|_| yaml_str(t)),
        "status" if t.chars().all(|c| c.is_ascii_lowercase()) => t.to_string(),
        _ => yaml_str(t),
    })
}

/// The file with the entry starting at `line` (1-based) given `values`; an error (in
/// Vietnamese) when the entry is not found or is written in a way this cannot edit.
pub fn write(text: &str, line: u32, values: &Values) -> Result<String, String> {
    let doc = yaml::parse(text).map_err(|e| format!("tệp lịch không đọc được: {}", e.message))?;
    let old = entry(&doc, line).ok_or_else(|| format!("không thấy lượt dự ở dòng {line} của tệp lịch"))?;
    let mut edits = Vec::new();
    for key in FIELDS {
        let new = yaml_of(key, values);
        let had = get(old, key);
        let changed = match (&new, had) {
            (None, None) => false,
            (None, Some(n)) => n.value != Value::Null,
            (Some(t), Some(n)) => !parse_value(t).is_some_and(|p| same(&p, n)),
            (Some(t), None) => !(key == "status" && t == "planned"),
        };
        if changed {
            edits.push(Edit { key: key.to_string(), value: new });
        }
    }
    if edits.is_empty() {
        return Ok(text.to_string());
    }
    let mut lines = Lines::new(text);
    let start = line as usize - 1;
    let first = lines.lines.get(start).map(|l| l.0.clone()).unwrap_or_default();
    let col = (old.pos.col as usize).saturating_sub(1);
    // The column counts characters; before the entry there are only spaces and a dash.
    let at = first.char_indices().nth(col).map(|(i, _)| i).unwrap_or(first.len());
    if first[at..].starts_with('{') {
        let close = first.rfind('}').filter(|&c| c > at).ok_or_else(|| {
            format!("lượt dự ở dòng {line} viết dạng {{ … }} trên nhiều dòng: hãy sửa tay trong tệp lịch")
        })?;
        let inside = yaml_edit::edit_flow(&first[at + 1..close], &edits, &ORDER);
        lines.lines[start].0 = format!("{}{{ {inside} }}{}", &first[..at], &first[close + 1..]);
        return Ok(lines.text());
    }
    let indent = at;
    let mut end = (start + 1..lines.lines.len())
        .find(|&i| {
            let l = &lines.lines[i].0;
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#') && l.len() - t.len() < indent
        })
        .unwrap_or(lines.lines.len());
    while end > start + 1 && {
        let t = lines.lines[end - 1].0.trim_start();
        t.is_empty() || t.starts_with('#')
    } {
        end -= 1;
    }
    yaml_edit::edit_block(&mut lines, start, end, indent, &edits, &ORDER);
    Ok(lines.text())
}

/// The form field of a line (1-based) inside the entry starting at `entry_line`.
pub fn field_at(text: &str, entry_line: u32, line: u32, col: u32) -> Option<String> {
    let l = text.lines().nth((line as usize).checked_sub(1)?)?;
    if line == entry_line && l.contains('{') {
        let upto: String = l.chars().take(col as usize).collect();
        return FIELDS
            .iter()
            .filter_map(|k| {
                l.match_indices(&format!("{k}:"))
                    .filter(|(p, _)| {
                        *p < upto.len() && !l[..*p].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                    })
                    .map(|(p, _)| (p, *k))
                    .last()
            })
            .max()
            .map(|(_, k)| k.to_string());
    }
    let t = l.trim_start().trim_start_matches('-').trim_start();
    let key = yaml_edit::key_at(t, 0)?;
    FIELDS.contains(&key).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A schedule as people write it: entries in block or one-line flow style, optional
    /// keys present or not, comments between and after, LF or CRLF.
    fn schedule() -> impl Strategy<Value = (String, Vec<u32>)> {
        let entry =
            (any::<bool>(), proptest::collection::vec(any::<bool>(), 5), any::<bool>(), any::<bool>());
        (proptest::collection::vec(entry, 1..6), any::<bool>()).prop_map(|(entries, crlf)| {
            let mut lines: Vec<String> = vec!["# Lịch".into()];
            let mut starts = Vec::new();
            for (i, (flow, has, comment_before, trailing)) in entries.into_iter().enumerate() {
                if comment_before {
                    lines.push(String::new());
                    lines.push(format!("# Tháng {}", i + 3));
                }
                let optional = [
                    ("date", format!("2024-0{}-1{}", i + 3, i)),
                    ("time", "\"14:00\"".to_string()),
                    ("place", "\"Hội trường, tầng 2\"".to_string()),
                    ("status", "cancelled".to_string()),
                    ("note", "Lùi lịch: trùng đại hội".to_string()),
                ];
                let mut keys = vec![
                    ("team", "to-1".to_string()),
                    ("kind", "chi_bo".to_string()),
                    ("unit", format!("cb-{i}")),
                    ("month", format!("2024-0{}", i + 3)),
                ];
                keys.extend(optional.into_iter().zip(has).filter(|(_, h)| *h).map(|(kv, _)| kv));
                starts.push(lines.len() as u32 + 1);
                let tail = if trailing { "   # ghi chú" } else { "" };
                if flow {
                    let items: Vec<String> =
                        keys.iter().map(|(k, v)| format!("{k}: {}", v.replace(": ", " - "))).collect();
                    lines.push(format!("- {{ {} }}{tail}", items.join(", ")));
                } else {
                    for (j, (k, v)) in keys.iter().enumerate() {
                        let v = if *k == "note" { format!("\"{v}\"") } else { v.clone() };
                        lines.push(format!(
                            "{}{k}: {v}{}",
                            if j == 0 { "- " } else { "  " },
                            if j == 1 { tail } else { "" }
                        ));
                    }
                }
            }
            let nl = if crlf { "\r\n" } else { "\n" };
            (lines.join(nl) + nl, starts)
        })
    }

    proptest! {
        #[test]
        fn every_entry_reads_and_saves_back_unchanged((text, starts) in schedule()) {
            for line in &starts {
                let v = values_of(&text, *line);
                prop_assert_eq!(write(&text, *line, &v).unwrap(), text.clone());
            }
        }

        #[test]
        fn a_new_date_changes_that_entry_only((text, starts) in schedule(), pick in any::<prop::sample::Index>()) {
            let line = starts[pick.index(starts.len())];
            let mut v = values_of(&text, line);
            v.insert("date".into(), "2024-12-31".into());
            let got = write(&text, line, &v).unwrap();
            let doc = yaml::parse(&got).unwrap();
            let Value::Seq(items) = &doc.value else { panic!("a list") };
            let old = yaml::parse(&text).unwrap();
            let Value::Seq(before) = &old.value else { panic!("a list") };
            prop_assert_eq!(items.len(), before.len());
            for (a, b) in before.iter().zip(items) {
                if a.pos.line == line {
                    prop_assert_eq!(get(b, "date").map(Node::display), Some("2024-12-31".to_string()));
                } else {
                    prop_assert!(same(a, b), "another entry changed");
                }
            }
        }
    }

    const FILE: &str = "# Lịch tổ 1\n\n# Tháng 3\n- team: to-1\n  kind: dang_uy\n  unit: db-a\n  month: 2024-03\n  date: 2024-03-26   # đã thống nhất\n  time: \"14:30\"\n  place: Phòng họp\n\n# Tháng 4\n- { team: to-1, kind: chi_bo, unit: cb-b, month: 2024-04, place: \"Hội trường, tầng 2\" }   # dạng một dòng\n- team: to-1\n  kind: chi_bo\n  unit: cb-c\n  month: 2024-05\n";

    fn vals(pairs: &[(&str, &str)]) -> Values {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn unchanged_values_give_the_same_bytes() {
        for line in [4, 13, 14] {
            let v = values_of(FILE, line);
            assert_eq!(write(FILE, line, &v).unwrap(), FILE, "entry at line {line}");
        }
        assert_eq!(values_of(FILE, 4)["time"], "14:30");
        assert_eq!(values_of(FILE, 13)["place"], "Hội trường, tầng 2");
    }

    #[test]
    fn block_entry_changes_only_its_lines_and_keeps_comments() {
        let v = vals(&[
            ("date", "2024-03-28"),
            ("time", "08:00"),
            ("status", "cancelled"),
            ("note", "Đơn vị xin lùi: trùng lịch"),
        ]);
        let got = write(FILE, 4, &v).unwrap();
        assert_eq!(
            got,
            FILE.replace("date: 2024-03-26   #", "date: 2024-03-28   #").replace(
                "time: \"14:30\"\n  place: Phòng họp\n",
                "time: \"08:00\"\n  status: cancelled\n  note: \"Đơn vị xin lùi: trùng lịch\"\n"
            )
        );
    }

    #[test]
    fn flow_entry_stays_one_line_with_its_comment() {
        let v = vals(&[("date", "2024-04-09"), ("place", "Hội trường, tầng 2")]);
        let got = write(FILE, 13, &v).unwrap();
        assert!(got.contains("- { team: to-1, kind: chi_bo, unit: cb-b, month: 2024-04, date: 2024-04-09, place: \"Hội trường, tầng 2\" }   # dạng một dòng\n"), "{got}");
        assert_eq!(got.lines().count(), FILE.lines().count());
    }

    #[test]
    fn last_entry_gets_new_keys_at_its_end() {
        let got = write(FILE, 14, &vals(&[("time", "7:30")])).unwrap();
        assert!(got.ends_with("  month: 2024-05\n  time: \"7:30\"\n"), "{got}");
        assert!(write(FILE, 99, &vals(&[])).is_err());
    }

    #[test]
    fn errors_point_at_their_field() {
        assert_eq!(field_at(FILE, 4, 8, 9).as_deref(), Some("date"));
        assert_eq!(field_at(FILE, 13, 13, 70).as_deref(), Some("place"));
        assert_eq!(field_at(FILE, 4, 5, 3), None);
    }
}
