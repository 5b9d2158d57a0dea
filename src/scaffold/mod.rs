//! Scaffolding: `kehoach new report <visit-id>` and `kehoach init [DIR]`.
//!
//! The texts are built by pure functions (tested for shape here, and for validity by the
//! integration tests that run `kehoach check` on them); the `run` functions write them,
//! never over an existing file.

pub mod init;
pub mod new_plan;
pub mod new_report;

/// A YAML scalar for `s`: plain when that reads back as the same string, else
/// double-quoted (JSON string syntax, which YAML accepts).
pub fn yaml_str(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.starts_with(|c: char| {
            "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_ascii_digit() || c == '+' || c == '.'
        })
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(char::is_control)
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        );
    if plain { s.to_string() } else { serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_when_safe_quoted_otherwise() {
        assert_eq!(yaml_str("Nguyễn Văn A"), "Nguyễn Văn A");
        assert_eq!(yaml_str("to-1-2024-03-chi-bo"), "to-1-2024-03-chi-bo");
        assert_eq!(yaml_str("Ban: Tổ chức"), "\"Ban: Tổ chức\"");
        assert_eq!(yaml_str("A #1"), "\"A #1\"");
        assert_eq!(yaml_str("- x"), "\"- x\"");
        assert_eq!(yaml_str("2024"), "\"2024\"");
        assert_eq!(yaml_str("no"), "\"no\"");
        assert_eq!(yaml_str(""), "\"\"");
        assert_eq!(yaml_str(" a"), "\" a\"");
        assert_eq!(yaml_str("a\"b\nc"), "\"a\\\"b\\nc\"");
    }
}
