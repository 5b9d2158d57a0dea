//! The command line's own mistakes, said in the run's language: clap finds them (an
//! unknown option, a bad date for `--as-of`, a missing visit id), and this says them in
//! the words of the message catalogue, in the same `lỗi:` / `gợi ý:` form as every other
//! message. `--help` and `--version` are clap's own output.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use kehoach::msg::cli as m;

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")),
        _ => None,
    }
}

/// The message for `e` (without its trailing newline), or `None` when clap's own output is
/// the answer (`--help`, `--version`).
pub fn message(e: &clap::Error) -> Option<String> {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let suggested =
        context(e, ContextKind::SuggestedArg).or_else(|| context(e, ContextKind::SuggestedSubcommand));
    let headline = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            // The reason our value parsers gave (already in the catalogue's words), else
            // clap's list of the values it takes.
            let why = e
                .source()
                .map(|s| s.to_string())
                .or_else(|| context(e, ContextKind::ValidValue))
                .unwrap_or_default();
            m::arg_invalid_value(&arg, &value, &why)
        }
        ErrorKind::UnknownArgument => m::arg_unknown(&arg),
        ErrorKind::InvalidSubcommand => {
            m::arg_unknown_command(&context(e, ContextKind::InvalidSubcommand).unwrap_or(value))
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => m::arg_missing(&arg),
        _ => m::arg_other(e.kind().as_str().unwrap_or("")),
    };
    let mut out = m::error_line(&headline);
    if let Some(s) = suggested {
        out.push('\n');
        out.push_str(&m::arg_did_you_mean(&s));
    }
    out.push('\n');
    out.push_str(&m::arg_see_help("kehoach"));
    Some(out)
}

use std::error::Error as _;
