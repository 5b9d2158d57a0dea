//! The template engine: Tera 2 loaded with a theme's templates; its errors become
//! diagnostics that name the template file and line.

use crate::diag::{Diagnostic, Sources};
use crate::model::Loc;
use crate::model::Pos;
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::sync::Arc;
use tera::{Context, ErrorKind, Tera};

pub struct Engine {
    tera: Tera,
    /// Template name → path it was read from.
    paths: BTreeMap<String, Arc<str>>,
    /// Template sources by path, to show snippets in error messages.
    pub sources: Sources,
}

impl Engine {
    /// Parse every template of `theme` (autoescape on for `.html`, `.htm`, `.xml`).
    pub fn new(theme: &Theme) -> Result<Engine, Vec<Diagnostic>> {
        let paths: BTreeMap<String, Arc<str>> =
            theme.templates.iter().map(|t| (t.name.clone(), Arc::from(t.path.as_str()))).collect();
        let sources: Sources = theme.templates.iter().map(|t| (t.path.clone(), t.text.clone())).collect();
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        tera.set_escape_fn(escape_html);
        let mut engine = Engine { tera: Tera::new(), paths, sources };
        tera.add_raw_templates(theme.templates.iter().map(|t| (t.name.as_str(), t.text.as_str())))
            .map_err(|e| vec![engine.diagnostic(&e, None)])?;
        engine.tera = tera;
        Ok(engine)
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Render the template `name`.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, Box<Diagnostic>> {
        let bytes = self.render_bytes(name, ctx)?;
        // Tera writes only the UTF-8 of its templates and values.
        String::from_utf8(bytes).map_err(|e| Box::new(self.diagnostic(&e.into(), Some(name))))
    }

    /// [`Self::render`] as bytes, for the output files: without the check that the output
    /// is UTF-8 (it is: templates and values are `str`), a twentieth of a large build.
    pub fn render_bytes(&self, name: &str, ctx: &Context) -> Result<Vec<u8>, Box<Diagnostic>> {
        let mut out = Vec::with_capacity(16 * 1024);
        match self.tera.render_to(name, ctx, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err(Box::new(self.diagnostic(&e, Some(name)))),
        }
    }

    fn loc_of(&self, name: &str, pos: Pos) -> Loc {
        let file = self.paths.get(name).cloned().unwrap_or_else(|| Arc::from(name));
        Loc::new(&file, pos)
    }

    fn diagnostic(&self, e: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        let mut all = self.diagnostics(e, rendering);
        let first = all.remove(0);
        // Tera's checks may find several: the others as notes under the first.
        all.into_iter().fold(first, |d, o| d.with_note(format!("{} ({})", o.message, o.loc)))
    }

    /// One diagnostic per error Tera reports, each at its template file, line and column.
    fn diagnostics(&self, e: &tera::Error, rendering: Option<&str>) -> Vec<Diagnostic> {
        let m = &crate::msg::content::template_error;
        let label = crate::msg::content::template_error_label();
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let s = r.span();
                let len = if s.end_line == s.start_line { s.end_col.saturating_sub(s.start_col) } else { 1 };
                let pos =
                    Pos { line: s.start_line as u32, col: s.start_col as u32 + 1, len: len.max(1) as u32 };
                let name = if r.filename().is_empty() { rendering.unwrap_or("") } else { r.filename() };
                vec![Diagnostic::error(self.loc_of(name, pos), m(r.message()), label)]
            }
            _ => {
                let mut message = e.to_string();
                let mut source = std::error::Error::source(e);
                while let Some(s) = source {
                    message.push_str(": ");
                    message.push_str(&s.to_string());
                    source = s.source();
                }
                // Tera's checks of a set of templates give their reports as text, each
                // "error: what\n --> name:line:col\n…": read them back.
                let reports: Vec<Diagnostic> = reports(&message)
                    .into_iter()
                    .map(|(what, name, pos)| {
                        Diagnostic::error(self.loc_of(name, pos), m(what), label.clone())
                    })
                    .collect();
                if !reports.is_empty() {
                    return reports;
                }
                let name = rendering.unwrap_or("");
                let pos = if name.is_empty() { Pos::default() } else { Pos { line: 1, col: 1, len: 0 } };
                vec![Diagnostic::error(self.loc_of(name, pos), m(message.trim_start_matches("error: ")), "")]
            }
        }
    }
}

/// The reports in Tera's text: (what, template name, place), for each "error: what" line
/// followed by " --> name:line:col".
fn reports(text: &str) -> Vec<(&str, &str, Pos)> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(what) = line.trim_start().strip_prefix("error: ") else { continue };
        let Some(at) = lines.peek().and_then(|l| l.trim_start().strip_prefix("--> ")) else { continue };
        let mut parts = at.rsplitn(3, ':');
        let (Some(col), Some(line_no), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(l), Ok(c)) = (line_no.parse::<u32>(), col.parse::<u32>()) else { continue };
        let len = lines
            .clone()
            .find(|l| l.contains('^'))
            .map_or(1, |l| l.chars().filter(|c| *c == '^').count() as u32);
        out.push((what, name, Pos { line: l, col: c, len }));
    }
    out
}

/// Tera's escaping (`&`, `<`, `>`, `"` and `'`), written a run of plain text at a time:
/// Tera's own writes each byte on its own, a twentieth of a large build.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use crate::bytes::{has_byte, try_each_candidate};
    let bytes = input.as_bytes();
    let mut start = 0;
    // Eight bytes at a time: most text has none of the five.
    let suspect = |x: u64| {
        has_byte(x, b'&') | has_byte(x, b'<') | has_byte(x, b'>') | has_byte(x, b'"') | has_byte(x, b'\'')
    };
    try_each_candidate(bytes, suspect, |i| -> std::io::Result<()> {
        let with: &[u8] = match bytes[i] {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => return Ok(()),
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(with)?;
        start = i + 1;
        Ok(())
    })?;
    out.write_all(&bytes[start..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Template;

    fn theme(files: &[(&str, &str)]) -> Theme {
        Theme {
            templates: files
                .iter()
                .map(|(n, t)| Template {
                    name: n.to_string(),
                    path: format!("templates/{n}"),
                    text: t.to_string(),
                })
                .collect(),
            assets: Default::default(),
        }
    }

    #[test]
    fn escapes_as_tera_does() {
        for s in ["", "plain", "<a href=\"x\">Tô & 'Đà'</a>", "&&", "x<", ">y", "Đảng bộ \u{a0}\"q\""]
        {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(s, &mut ours).unwrap();
            tera::escape_html(s, &mut teras).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(teras).unwrap(), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn escapes_any_text_as_tera_does(s in "[a-zđĐà<>&\"' \u{0}-\u{7f}]{0,40}") {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(&s, &mut ours).unwrap();
            tera::escape_html(&s, &mut teras).unwrap();
            proptest::prop_assert_eq!(ours, teras);
        }
    }

    /// A theme may loop over a mapping (`{% for k, v in report.attendance %}`): the order is
    /// the order of the fields (Tera's `preserve_order`), not a hash order that changes from
    /// one build to the next.
    #[test]
    fn a_loop_over_a_mapping_follows_its_fields() {
        let e =
            Engine::new(&theme(&[("a.html", "{% for k, v in m %}{{ k }}={{ v }};{% endfor %}")])).unwrap();
        let keys: Vec<String> = (0..40).map(|i| format!("k{:02}", 39 - i)).collect();
        let expected: String = keys.iter().enumerate().map(|(i, k)| format!("{k}={i};")).collect();
        for _ in 0..5 {
            let mut m = serde_json::Map::new();
            for (i, k) in keys.iter().enumerate() {
                m.insert(k.clone(), i.into());
            }
            let mut ctx = Context::new();
            // serde_json's map is sorted by key; a struct's fields come in their order.
            ctx.insert("m", &m);
            let sorted: String = {
                let mut ks: Vec<(&String, usize)> = keys.iter().zip(0..).collect();
                ks.sort();
                ks.iter().map(|(k, i)| format!("{k}={i};")).collect()
            };
            assert_eq!(e.render("a.html", &ctx).unwrap(), sorted);
            let mut ctx = Context::new();
            let fields = tera::Value::from_serializable(&Fields(&keys));
            ctx.insert_value("m", fields);
            assert_eq!(e.render("a.html", &ctx).unwrap(), expected);
        }
    }

    /// A mapping serialised in a given order of keys (as a struct's fields are).
    struct Fields<'a>(&'a [String]);

    impl serde::Serialize for Fields<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(Some(self.0.len()))?;
            for (i, k) in self.0.iter().enumerate() {
                m.serialize_entry(k, &i)?;
            }
            m.end()
        }
    }

    #[test]
    fn escapes_html_by_default() {
        let e = Engine::new(&theme(&[("a.html", "<p>{{ x }}</p>{{ y | safe }}")])).unwrap();
        let mut ctx = Context::new();
        ctx.insert("x", "<b>&");
        ctx.insert("y", "<i>ok</i>");
        assert_eq!(e.render("a.html", &ctx).unwrap(), "<p>&lt;b&gt;&amp;</p><i>ok</i>");
    }

    #[test]
    fn render_error_points_at_template_file_and_line() {
        let e = Engine::new(&theme(&[
            ("base.html", "<html>\n{% block body %}{% endblock body %}\n</html>"),
            (
                "page.html",
                "{% extends \"base.html\" %}\n{% block body %}\nok\n{{ team.nam }}\n{% endblock body %}",
            ),
        ]))
        .unwrap();
        let mut ctx = Context::new();
        ctx.insert("team", &serde_json::json!({"name": "Tổ 1"}));
        let d = e.render("page.html", &ctx).unwrap_err();
        assert_eq!(&*d.loc.file, "templates/page.html");
        assert_eq!(d.loc.pos.line, 4, "{d:?}");
        assert!(d.message.contains("nam"), "{}", d.message);
        let text = crate::diag::render(&d, &e.sources);
        assert!(text.contains("--> templates/page.html:4:"), "{text}");
        assert!(text.contains("{{ team.nam }}"), "{text}");
    }

    #[test]
    fn checks_of_the_templates_name_the_file_line_and_column_once() {
        let err = Engine::new(&theme(&[("x.html", "a\n{{ x | nofilter }}\n")])).err().unwrap();
        assert_eq!(err.len(), 1);
        let text = crate::diag::render(&err[0], &std::collections::BTreeMap::new());
        assert_eq!(
            text,
            format!(
                "error: {}\n --> templates/x.html:2:8\n  = {}\n",
                crate::msg::content::template_error("Unknown filter `nofilter`"),
                crate::msg::content::template_error_label()
            )
        );
        let err = Engine::new(&theme(&[("x.html", "a\n{% include \"nope.html\" %}\n")])).err().unwrap();
        assert_eq!(err[0].loc.to_string(), "templates/x.html:2:12");
        assert!(!err[0].message.contains("error:"), "{}", err[0].message);
    }

    #[test]
    fn syntax_error_points_at_template_file_and_line() {
        let err = Engine::new(&theme(&[("x.html", "line one\n{% if %}\n")])).err().unwrap();
        assert_eq!(&*err[0].loc.file, "templates/x.html");
        assert_eq!(err[0].loc.pos.line, 2, "{:?}", err[0]);
    }
}
