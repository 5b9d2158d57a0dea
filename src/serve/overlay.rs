//! What serve adds to every HTML page: the live-reload script and, while the content has
//! errors, an overlay listing them. Pure string functions; nothing here is ever written to
//! the output folder.

use crate::diag::{self, Diagnostic, Sources};

/// The address of the Server-Sent Events stream that announces rebuilds.
pub const EVENTS_PATH: &str = "/__kehoach/events";

/// One error as the overlay shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverlayError {
    /// `file:line:col`, or empty when the error has no place.
    pub location: String,
    pub message: String,
    /// The rustc-style rendering, with the source line and caret.
    pub detail: String,
}

/// The overlay entries of a failed build's diagnostics.
pub fn from_diagnostics(errors: &[Diagnostic], sources: &Sources) -> Vec<OverlayError> {
    errors
        .iter()
        .map(|d| OverlayError {
            location: if d.loc.file.is_empty() { String::new() } else { d.loc.to_string() },
            message: d.message.clone(),
            detail: diag::render(d, sources),
        })
        .collect()
}

/// An error without a place in the content (a write failure, a crash of the pipeline).
pub fn plain_error(message: impl Into<String>) -> OverlayError {
    let message = message.into();
    OverlayError {
        location: String::new(),
        detail: format!("{}: {message}\n", crate::msg::error_word()),
        message,
    }
}

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The address of the reload script, served by serve itself (never written to the output).
pub const SCRIPT_PATH: &str = "/__kehoach/live.js";
/// The address of the overlay's style sheet.
pub const STYLE_PATH: &str = "/__kehoach/overlay.css";

/// The reload script: reloads the page after each rebuild, closes the overlay on its button.
/// A file, not an inline script, so that the site's CSP (`script-src 'self'`) allows it.
pub const SCRIPT: &str = include_str!("assets/live.js");
/// The overlay's styles, a file for the same reason (`style-src 'self'`).
pub const STYLE: &str = include_str!("assets/overlay.css");

/// The overlay: a fixed panel over the page (styled by [`STYLE`]), readable without
/// JavaScript. No inline style or script: the site's CSP would block them.
pub fn render_overlay(errors: &[OverlayError]) -> String {
    let mut items = String::new();
    for e in errors {
        let place = if e.location.is_empty() {
            String::new()
        } else {
            format!("<code class=\"kh-loc\">{}</code> ", escape(&e.location))
        };
        items.push_str(&format!(
            "<li>{place}<strong>{}</strong><pre>{}</pre></li>",
            escape(&e.message),
            escape(&e.detail)
        ));
    }
    let head = escape(&crate::msg::overlay_heading(errors.len()));
    let close = escape(&crate::msg::overlay_close());
    format!(
        "<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\
<div id=\"kehoach-overlay\" role=\"alert\" lang=\"{lang}\">\
<button type=\"button\" class=\"kh-close\" aria-label=\"{close}\">✕</button>\
<p class=\"kh-head\">{head}</p><ol>{items}</ol></div>",
        lang = crate::msg::lang().code(),
    )
}

/// The script element that reloads the page when the site is rebuilt. `generation` is the
/// build the page was served from: a page that missed a rebuild reloads as soon as it
/// connects. It goes after the overlay, so that it finds the overlay's close button.
pub fn reload_script(generation: u64) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-gen=\"{generation}\"></script>")
}

/// Put `snippet` just before the last `</body>` (any case), else at the end.
pub fn inject(html: &str, snippet: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let at = lower.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + snippet.len());
    out.push_str(&html[..at]);
    out.push_str(snippet);
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Loc;

    #[test]
    fn injects_before_the_last_closing_body_in_any_case() {
        assert_eq!(inject("<html><BODY>x</BODY></html>", "S"), "<html><BODY>xS</BODY></html>");
        assert_eq!(inject("a</body>b</body>", "S"), "a</body>bS</body>");
        assert_eq!(inject("<p>no body", "S"), "<p>no bodyS");
        assert_eq!(inject("Đảng</body>", "S"), "ĐảngS</body>", "byte offsets stay on char boundaries");
    }

    #[test]
    fn overlay_escapes_messages_and_shows_each_location() {
        let errors = vec![
            OverlayError {
                location: "content/units.yaml:3:9".into(),
                message: "unknown key `<script>`".into(),
                detail: "error: unknown key `<script>`\n".into(),
            },
            plain_error("cannot write `/tmp/x`: denied & gone"),
        ];
        let html = render_overlay(&errors);
        assert!(html.contains("content/units.yaml:3:9"));
        assert!(html.contains("unknown key `&lt;script&gt;`"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("denied &amp; gone"));
        assert!(html.contains(&escape(&crate::msg::overlay_heading(2))), "{html}");
        assert!(!html.contains("style=") && !html.contains("onclick"), "no inline style or script: {html}");
        assert_eq!(html.matches("<li>").count(), 2);
    }

    #[test]
    fn diagnostics_become_entries_with_their_snippet() {
        let file: std::sync::Arc<str> = "content/teams.yaml".into();
        let d = Diagnostic::error(
            Loc::new(&file, crate::model::Pos { line: 2, col: 7, len: 3 }),
            "unknown key `nme`",
            "expected one of: id, name",
        );
        let mut src = Sources::new();
        src.insert("content/teams.yaml".into(), "- id: to-1\n  nme: x\n".into());
        let got = from_diagnostics(&[d], &src);
        assert_eq!(got[0].location, "content/teams.yaml:2:7");
        assert_eq!(got[0].message, "unknown key `nme`");
        assert!(got[0].detail.contains("2 |   nme: x"), "{}", got[0].detail);
    }

    #[test]
    fn script_names_its_generation() {
        let s = reload_script(7);
        assert_eq!(s, "<script src=\"/__kehoach/live.js\" data-gen=\"7\"></script>");
        assert!(SCRIPT.contains("/__kehoach/events?gen=") && SCRIPT.contains("'reload'"));
        assert!(STYLE.contains("position: fixed"));
    }
}
