//! The load's messages about one form field, said in Vietnamese beside the field. The
//! rule and the message come from the load (one source of truth); this only rewords the
//! common ones for people who fill forms (a message it does not know is shown as it is).

use crate::diag::Diagnostic;

/// The value between the first pair of backticks.
fn quoted(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

/// "expected a whole number from 0 to 100" → "số nguyên từ 0 đến 100".
fn expected_number(label: &str) -> String {
    let l = label.strip_prefix("expected ").unwrap_or(label);
    if let Some(range) = l.strip_prefix("a whole number from ")
        && let Some((a, b)) = range.split_once(" to ")
    {
        return format!("một số nguyên từ {a} đến {b}");
    }
    "một số nguyên không âm".into()
}

/// The message of a diagnostic about a form field, in Vietnamese when it is a common one.
pub fn field_message(d: &Diagnostic) -> String {
    let m = d.message.as_str();
    let v = quoted(m).unwrap_or("");
    if m.starts_with("missing key ") || m.starts_with("no value for ") {
        return "Chưa điền mục này (bắt buộc).".into();
    }
    if m.starts_with("invalid date ") {
        return format!("«{v}» không phải một ngày có thật (cần ngày, tháng, năm).");
    }
    if m.starts_with("invalid time ") {
        return format!("«{v}» không phải giờ hợp lệ (giờ:phút, từ 00:00 đến 23:59).");
    }
    if m.starts_with("invalid month ") {
        return format!("«{v}» không phải tháng hợp lệ (năm-tháng).");
    }
    if m.starts_with("invalid number ") {
        return format!("«{v}» không hợp lệ: cần {}.", expected_number(&d.label));
    }
    if m.starts_with("invalid value ") {
        return format!("«{v}» không phải một lựa chọn hợp lệ.");
    }
    if m.starts_with("expected ") && m.contains("found") {
        return format!("Giá trị không đúng kiểu ({m}).");
    }
    if m.starts_with("a second report on visit ") {
        return "Lượt dự này đã có một báo cáo khác.".into();
    }
    super::validate::sentence(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Loc;

    fn d(message: &str, label: &str) -> Diagnostic {
        Diagnostic::error(Loc::new(&"content/x.md".into(), Default::default()), message, label)
    }

    #[test]
    fn common_messages_in_vietnamese_others_as_they_are() {
        assert_eq!(field_message(&d("missing key `held_on`", "")), "Chưa điền mục này (bắt buộc).");
        assert!(
            field_message(&d("invalid date `2024-02-30`", "expected a date YYYY-MM-DD"))
                .starts_with("«2024-02-30» không phải một ngày")
        );
        assert_eq!(
            field_message(&d("invalid number `120`", "expected a whole number from 0 to 100")),
            "«120» không hợp lệ: cần một số nguyên từ 0 đến 100."
        );
        assert_eq!(field_message(&d("something new", "a label")), "something new — a label");
    }
}
