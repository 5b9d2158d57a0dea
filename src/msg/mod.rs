//! The catalogue of every message a person reads: CLI errors and summaries, diagnostics,
//! the serve overlay. Vietnamese by default; `KEHOACH_LANG=en` gives the English.
//!
//! One function per message, grouped by where it is said (`cli`, `content`, `yaml`,
//! `check`, `serve`), each returning the text in the language of the run through
//! [`pick!`]: `pick!("vi … {x}", "en … {x}")` formats the Vietnamese or the English with
//! the same arguments (captured by name). Code never writes a message literal of its own:
//! it calls `msg::content::missing_key(key, what)`.
//!
//! Adding a message (or folding one written inline elsewhere): add a function to the
//! submodule of its area, with both texts, and call it where the literal was. A message
//! written inline in Vietnamese only is folded by moving its literal into the first
//! argument of `pick!` and writing the English beside it. Messages keep rustc's form:
//! the headline says what is wrong and names the value in backticks; the label under the
//! caret says what was expected; the help says what to write.
//!
//! The language is read once from the environment when the first message is made (a
//! setting of the process, like the locale); nothing else about a run depends on it.

pub mod check;
pub mod cli;
pub mod content;
pub mod files;
pub mod plans;
pub mod serve;
pub mod yaml;

use std::sync::OnceLock;

/// The language messages are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// The BCP 47 code, for `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// `KEHOACH_LANG`'s value: `en…` is English, anything else (or nothing) Vietnamese.
    pub fn from_env_value(v: Option<&str>) -> Lang {
        match v {
            Some(v) if v.trim().to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Vi,
        }
    }
}

/// The language of this run (`KEHOACH_LANG`, read once).
///
/// The library's own unit tests read English unless `KEHOACH_LANG` is set: they check
/// which message goes where, in the words they were written with; the integration tests
/// (`tests/`) check the Vietnamese that the program prints.
pub fn lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| match std::env::var("KEHOACH_LANG") {
        Ok(v) => Lang::from_env_value(Some(&v)),
        Err(_) if cfg!(test) => Lang::En,
        Err(_) => Lang::Vi,
    })
}

/// `pick!("vi {x}", "en {x}")`: the message in the language of the run.
#[macro_export]
macro_rules! pick {
    ($vi:literal, $en:literal $(,)?) => {
        match $crate::msg::lang() {
            $crate::msg::Lang::Vi => format!($vi),
            $crate::msg::Lang::En => format!($en),
        }
    };
}
pub use crate::pick;

/// The word for the severity of a diagnostic ("lỗi" / "error").
pub fn error_word() -> String {
    pick!("lỗi", "error")
}
/// "cảnh báo" / "warning".
pub fn warning_word() -> String {
    pick!("cảnh báo", "warning")
}
/// "gợi ý" / "help", before a diagnostic's hint.
pub fn help_word() -> String {
    pick!("gợi ý", "help")
}
/// "ghi chú" / "note".
pub fn note_word() -> String {
    pick!("ghi chú", "note")
}

/// `n` things in words: "1 lỗi", "3 lỗi"; "1 error", "3 errors". `vi` has no plural;
/// `en` and `en_plural` are the English singular and plural.
pub fn count(n: usize, vi: &str, en: &str, en_plural: &str) -> String {
    match lang() {
        Lang::Vi => format!("{n} {vi}"),
        Lang::En if n == 1 => format!("{n} {en}"),
        Lang::En => format!("{n} {en_plural}"),
    }
}

/// The overlay's heading for `n` errors.
pub fn overlay_heading(n: usize) -> String {
    serve::overlay_heading(n)
}
/// The overlay's close button's label.
pub fn overlay_close() -> String {
    serve::overlay_close()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_environment_value() {
        assert_eq!(Lang::from_env_value(None), Lang::Vi);
        assert_eq!(Lang::from_env_value(Some("vi")), Lang::Vi);
        assert_eq!(Lang::from_env_value(Some("EN")), Lang::En);
        assert_eq!(Lang::from_env_value(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_env_value(Some("fr")), Lang::Vi);
    }

    #[test]
    fn counts_are_one_wording() {
        if lang() == Lang::Vi {
            assert_eq!(count(1, "lỗi", "error", "errors"), "1 lỗi");
            assert_eq!(count(5, "lỗi", "error", "errors"), "5 lỗi");
        } else {
            assert_eq!(count(1, "lỗi", "error", "errors"), "1 error");
            assert_eq!(count(5, "lỗi", "error", "errors"), "5 errors");
        }
    }
}
