use super::*;
use proptest::prelude::*;

const SAMPLE: &str = "---\n# Báo cáo của tổ 1\nvisit: to-1-2024-03-chi-bo   # lượt dự\nheld_on: 2024-03-07\nstarted_at: '14:00'\nended_at: \"16:20\"\nsubmitted_on: 2024-03-08\nauthor: \"Nguyễn Văn A\"\nmeeting: chuyen_de\ntopic: \"Học tập: làm theo\"\nattendance:\n  total: 18   # cả chi bộ\n  exempt: 2\n  present: 15\n  excused: 1\n  unexcused: 0\nrating: kha\nscore: 73\n---\n## Nội dung sinh hoạt\n\nTốt.\n";

#[test]
fn form_values_come_from_the_file() {
    let v = values_of(SAMPLE);
    assert_eq!(v["held_on"], "2024-03-07");
    assert_eq!(v["started_at"], "14:00");
    assert_eq!(v["author"], "Nguyễn Văn A");
    assert_eq!(v["topic"], "Học tập: làm theo");
    assert_eq!(v["attendance.exempt"], "2");
    assert_eq!(v["body"], "## Nội dung sinh hoạt\n\nTốt.\n");
    assert!(!v.contains_key("restricted"));
}

#[test]
fn unchanged_form_gives_the_same_bytes() {
    assert_eq!(write(SAMPLE, &values_of(SAMPLE)), SAMPLE);
    // As a browser sends it: the body with CRLF line ends.
    let mut v = values_of(SAMPLE);
    let body = v["body"].replace('\n', "\r\n");
    v.insert("body".into(), body);
    assert_eq!(write(SAMPLE, &v), SAMPLE);
}

#[test]
fn a_changed_value_changes_its_line_only() {
    let mut v = values_of(SAMPLE);
    v.insert("attendance.present".into(), "14".into());
    v.insert("attendance.excused".into(), "2".into());
    v.insert("rating".into(), "tot".into());
    v.insert("chair".into(), "Phạm Thị E".into());
    v.insert("score".into(), String::new());
    v.insert("restricted".into(), "true".into());
    let got = write(SAMPLE, &v);
    let want = SAMPLE
        .replace("  present: 15\n  excused: 1\n", "  present: 14\n  excused: 2\n")
        .replace("author: \"Nguyễn Văn A\"\n", "author: \"Nguyễn Văn A\"\nchair: Phạm Thị E\n")
        .replace("rating: kha\nscore: 73\n", "rating: tot\nrestricted: true\n");
    assert_eq!(got, want);
}

#[test]
fn a_new_report_gets_its_keys_in_order() {
    let mut v = Values::new();
    for (k, x) in [
        ("held_on", "2024-03-07"),
        ("submitted_on", "2024-03-09"),
        ("author", "Lê Văn C"),
        ("meeting", "dinh_ky"),
        ("rating", "tot"),
        ("attendance.total", "10"),
        ("attendance.exempt", "0"),
        ("attendance.present", "9"),
        ("attendance.excused", "1"),
        ("attendance.unexcused", "0"),
        ("started_at", "08:00"),
        ("body", "## A\r\n"),
    ] {
        v.insert(k.into(), x.into());
    }
    let got = write("---\nvisit: v-1\n---\n", &v);
    assert_eq!(
        got,
        "---\nvisit: v-1\nheld_on: 2024-03-07\nstarted_at: \"08:00\"\nsubmitted_on: 2024-03-09\nauthor: Lê Văn C\nmeeting: dinh_ky\n\
attendance: { total: 10, exempt: 0, present: 9, excused: 1, unexcused: 0 }\nrating: tot\n---\n## A\n"
    );
}

#[test]
fn bad_values_are_written_for_the_load_to_judge() {
    let mut v = values_of(SAMPLE);
    v.insert("held_on".into(), "7/3/2024".into());
    v.insert("attendance.total".into(), "mười".into());
    let got = write(SAMPLE, &v);
    assert!(got.contains("held_on: 7/3/2024\n") || got.contains("held_on: \"7/3/2024\"\n"), "{got}");
    assert!(got.contains("  total: mười # cả chi bộ\n"), "{got}");
}

#[test]
fn errors_are_placed_on_their_field() {
    assert_eq!(field_at(SAMPLE, 4, 10).as_deref(), Some("held_on"));
    assert_eq!(field_at(SAMPLE, 13, 3).as_deref(), Some("attendance.exempt"));
    assert_eq!(field_at(SAMPLE, 11, 1).as_deref(), Some("attendance"));
    assert_eq!(field_at(SAMPLE, 22, 1).as_deref(), Some("body"));
    assert_eq!(field_at(SAMPLE, 1, 1), None);
    let flow = "---\nvisit: x\nattendance: { total: 1, excused: 2, unexcused: 3 }\n---\n";
    assert_eq!(field_at(flow, 3, 45).as_deref(), Some("attendance.unexcused"));
    assert_eq!(field_at(flow, 3, 30).as_deref(), Some("attendance.excused"));
}

/// A report file as people write them: keys in any order, some left out, comments, both
/// quoting styles, attendance in flow or block style, LF or CRLF.
fn report_file() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        Just("Nguyễn Văn A".to_string()),
        Just("\"Trần: Thị B\"".to_string()),
        Just("'Lê Văn C'".to_string()),
        "[a-zA-Z ]{1,12}".prop_map(|s| format!("\"x{}\"", s.trim())),
    ];
    let comment =
        prop_oneof![Just(String::new()), Just("   # ghi chú".to_string()), Just(" # c: d".to_string())];
    (
        proptest::collection::vec((0usize..14, text, comment.clone()), 0..14),
        any::<bool>(),
        any::<bool>(),
        "[a-zA-Zđ#\\- \n]{0,80}",
        proptest::sample::subsequence((0..5).collect::<Vec<_>>(), 0..5),
    )
        .prop_map(|(keys, block, crlf, body, att)| {
            let names = [
                "held_on",
                "started_at",
                "ended_at",
                "submitted_on",
                "author",
                "accompanied_by",
                "chair",
                "meeting",
                "topic",
                "speakers",
                "rating",
                "score",
                "restricted",
                "attendance",
            ];
            let mut lines = vec!["---".to_string(), "visit: v-1".to_string()];
            let mut seen = std::collections::BTreeSet::new();
            for (i, t, c) in keys {
                let k = names[i];
                if !seen.insert(k) {
                    continue;
                }
                let v = match k {
                    "held_on" | "submitted_on" => "2024-03-07".to_string(),
                    "started_at" | "ended_at" => "\"14:00\"".into(),
                    "speakers" | "score" => "7".into(),
                    "meeting" => "dinh_ky".into(),
                    "rating" => "kha".into(),
                    "restricted" => "false".into(),
                    "attendance" if block => {
                        lines.push(format!("attendance:{c}"));
                        for j in &att {
                            lines.push(format!("  {}: {j}", ATTENDANCE[*j]));
                        }
                        continue;
                    }
                    "attendance" => {
                        let inner: Vec<String> =
                            att.iter().map(|j| format!("{}: {j}", ATTENDANCE[*j])).collect();
                        format!("{{ {} }}", inner.join(", "))
                    }
                    _ => t,
                };
                lines.push(format!("{k}: {v}{c}"));
                if k == "author" {
                    lines.push("# một dòng ghi chú".into());
                }
            }
            lines.push("---".into());
            let nl = if crlf { "\r\n" } else { "\n" };
            format!("{}{nl}{}", lines.join(nl), body.replace('\n', nl))
        })
}

proptest! {
    #[test]
    fn reading_then_saving_unchanged_is_byte_identical(text in report_file()) {
        let v = values_of(&text);
        prop_assert_eq!(write(&text, &v), text);
    }
}
