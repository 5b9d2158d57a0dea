//! Theme: read the templates and assets a build uses (this module does the disk I/O).
//!
//! Which file wins, for each template `X` (highest first):
//! 1. `<root>/templates/X` — the site's own override, beside `content/`;
//! 2. `<root>/themes/<theme>/templates/X` — the theme named in `site.yaml`;
//! 3. the default theme embedded in the binary (`themes/default/` of this repository).
//!
//! And for each asset, all written under `static/` in the output:
//! 1. `<root>/content/static/P` (the site's own files, copied as-is);
//! 2. `<root>/themes/<theme>/static/P`;
//! 3. the embedded default theme's `static/P`.

use crate::diag::Diagnostic;
use crate::model::Loc;
use crate::model::Pos;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// Where assets go in the output.
pub const STATIC_DIR: &str = "static";

/// One template, by the name templates use for it (`base.html`), with the path it was
/// read from (relative to the site root, or `themes/default/templates/…` when embedded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub path: String,
    pub text: String,
}

/// The templates and assets of one build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    /// Sorted by name.
    pub templates: Vec<Template>,
    /// Output path (`static/style.css`) → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// The default theme as built into the binary.
pub fn embedded() -> Theme {
    let templates = embedded::TEMPLATES
        .iter()
        .map(|(name, text)| Template {
            name: name.to_string(),
            path: format!("themes/default/templates/{name}"),
            text: text.to_string(),
        })
        .collect();
    let assets = embedded::STATIC.iter().map(|(p, b)| (format!("{STATIC_DIR}/{p}"), b.to_vec())).collect();
    Theme { templates, assets }
}

fn walk(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        // Thumbs.db, .DS_Store, Word's ~$ lock files: never published (see load::junk).
        .filter(|e| !e.file_name().to_str().is_some_and(crate::load::junk::is_os_junk))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect();
    out.sort();
    out
}

fn file_error(rel: &str, message: String) -> Diagnostic {
    let file: Arc<str> = rel.into();
    Diagnostic::error(Loc::new(&file, Pos { line: 1, col: 1, len: 0 }), message, "")
}

/// Read the site's theme and overrides over the embedded default. `theme` is the name in
/// `site.yaml` (`theme_loc` its place, for the message when no such theme exists).
pub fn load(root: &Path, theme: &str, theme_loc: &Loc) -> Result<Theme, Vec<Diagnostic>> {
    let mut out = embedded();
    let mut errors = Vec::new();
    let theme_dir = root.join("themes").join(theme);
    if theme != "default" && !theme_dir.is_dir() {
        errors.push(
            Diagnostic::error(
                theme_loc.clone(),
                crate::msg::files::no_theme(theme),
                crate::msg::files::no_theme_label(),
            )
            .with_help(crate::msg::files::no_theme_help(theme)),
        );
    }
    let mut templates: BTreeMap<String, Template> =
        out.templates.drain(..).map(|t| (t.name.clone(), t)).collect();
    let layers = [
        (format!("themes/{theme}/templates"), theme_dir.join("templates")),
        ("templates".to_string(), root.join("templates")),
    ];
    for (prefix, dir) in layers {
        for (name, path) in walk(&dir) {
            let rel = format!("{prefix}/{name}");
            match std::fs::read(&path).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    templates.insert(name.clone(), Template { name, path: rel, text });
                }
                Ok(Err(_)) => errors.push(file_error(&rel, format!("template `{rel}` is not UTF-8 text"))),
                Err(e) => errors.push(file_error(&rel, crate::msg::files::cannot_read(&rel, &e.to_string()))),
            }
        }
    }
    out.templates = templates.into_values().collect();
    let asset_layers = [
        (format!("themes/{theme}/static"), theme_dir.join("static")),
        ("content/static".to_string(), root.join("content").join("static")),
    ];
    for (prefix, dir) in asset_layers {
        for (rel, path) in walk(&dir) {
            match std::fs::read(&path) {
                Ok(bytes) => {
                    out.assets.insert(format!("{STATIC_DIR}/{rel}"), bytes);
                }
                Err(e) => errors.push(file_error(
                    &format!("{prefix}/{rel}"),
                    crate::msg::files::cannot_read(&format!("{prefix}/{rel}"), &e.to_string()),
                )),
            }
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The theme of one plan of a site holding several: the site's templates, and as assets
/// only the plan's own files (`content/<plan>/static/P`, written under `<plan>/static/P`):
/// the theme's assets are written once, at the site's `static/`.
pub fn for_plan(site_theme: &Theme, root: &Path, plan: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut assets = BTreeMap::new();
    let mut errors = Vec::new();
    let prefix = format!("content/{plan}/static");
    for (rel, path) in walk(&root.join(&prefix)) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                assets.insert(format!("{STATIC_DIR}/{rel}"), bytes);
            }
            Err(e) => errors.push(file_error(
                &format!("{prefix}/{rel}"),
                crate::msg::files::cannot_read(&format!("{prefix}/{rel}"), &e.to_string()),
            )),
        }
    }
    if errors.is_empty() {
        Ok(Theme { templates: site_theme.templates.clone(), assets })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn embedded_theme_has_base_and_stylesheet() {
        let t = embedded();
        assert!(t.templates.iter().any(|t| t.name == "base.html"));
        assert!(t.assets.contains_key("static/style.css"));
    }

    #[test]
    fn site_overrides_theme_overrides_embedded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("themes/mine/templates")).unwrap();
        fs::create_dir_all(root.join("themes/mine/static")).unwrap();
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::create_dir_all(root.join("content/static")).unwrap();
        fs::write(root.join("themes/mine/templates/home.html"), "theme home").unwrap();
        fs::write(root.join("themes/mine/templates/team.html"), "theme team").unwrap();
        fs::write(root.join("templates/home.html"), "site home").unwrap();
        fs::write(root.join("themes/mine/static/style.css"), "theme css").unwrap();
        fs::write(root.join("themes/mine/static/extra.css"), "extra").unwrap();
        fs::write(root.join("content/static/style.css"), "site css").unwrap();
        let t = load(root, "mine", &Loc::default()).unwrap();
        let get = |n: &str| t.templates.iter().find(|t| t.name == n).unwrap();
        assert_eq!(get("home.html").text, "site home");
        assert_eq!(get("home.html").path, "templates/home.html");
        assert_eq!(get("team.html").text, "theme team");
        assert_eq!(get("team.html").path, "themes/mine/templates/team.html");
        assert_eq!(get("base.html").path, "themes/default/templates/base.html");
        assert_eq!(t.assets["static/style.css"], b"site css");
        assert_eq!(t.assets["static/extra.css"], b"extra");
    }

    #[test]
    fn unknown_theme_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let errs = load(dir.path(), "nope", &Loc::default()).unwrap_err();
        assert!(errs[0].message.contains("theme `nope` not found"));
        assert!(load(dir.path(), "default", &Loc::default()).is_ok());
    }
}
