//! What a changed file means for the site: a pure classification of paths.
//!
//! The watcher hands over absolute paths; [`classify`] looks only at the path relative to
//! the site root, so it is a pure function that the tests exercise without a file system.

use std::path::{Component, Path};

/// One of the site's data files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataFile {
    Site,
    Plan,
    Teams,
    Units,
    Schedule,
}

/// What a changed path is, for the site.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// `content/reports/**/*.md`, by its path relative to the root (`/`-separated).
    Report(String),
    /// `content/pages/**/*.md`.
    Page(String),
    /// `content/site.yaml`, `plan.md`, `teams.yaml`, `units.yaml`, `schedule.yaml`,
    /// `schedule/*.yaml`.
    Data(DataFile),
    /// A theme's template (`themes/<name>/templates/**`, or `templates/**`).
    Template(String),
    /// `content/static/**` or `themes/<name>/static/**`: copied as-is.
    Static(String),
    /// Anything else under `content/` or `themes/`: rebuild everything to be safe.
    Other(String),
    /// Editor temporary files, hidden files, paths outside the site.
    Ignored,
}

impl Change {
    /// Does this change need the site to be built again?
    pub fn is_relevant(&self) -> bool {
        *self != Change::Ignored
    }

    /// A short label for the terminal, in the catalogue's words.
    pub fn describe(&self) -> String {
        use crate::msg::serve as m;
        match self {
            Change::Report(p) => m::changed_report(p),
            Change::Page(p) => m::changed_page(p),
            Change::Data(d) => m::changed_data(d.path()),
            Change::Template(p) => m::changed_template(p),
            Change::Static(p) => m::changed_static(p),
            Change::Other(p) => p.clone(),
            Change::Ignored => m::change_ignored(),
        }
    }

    /// Does the model have to be read again, or can the last one be rendered anew?
    pub fn needs_reparse(&self) -> bool {
        !matches!(self, Change::Template(_) | Change::Ignored)
    }
}

impl DataFile {
    pub fn path(self) -> &'static str {
        match self {
            DataFile::Site => "content/site.yaml",
            DataFile::Plan => "content/plan.md",
            DataFile::Teams => "content/teams.yaml",
            DataFile::Units => "content/units.yaml",
            DataFile::Schedule => "content/schedule.yaml",
        }
    }
}

/// Files that editors write beside the real one while saving, and hidden files.
pub fn is_editor_noise(name: &str) -> bool {
    name.is_empty()
        || name.starts_with('.') // .#lock (emacs), .foo.swp (vim), .DS_Store, .goutputstream-*
        || name.ends_with('~') // backup~ (emacs, gedit)
        || (name.starts_with('#') && name.ends_with('#')) // #autosave# (emacs)
        || name == "4913" // vim's probe that the folder is writable
        || crate::load::junk::is_os_junk(name) // Thumbs.db, desktop.ini, Word's ~$ lock files
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".kate-swp", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// Classify `path` (absolute, or relative to the current folder) against the site `root`.
pub fn classify(root: &Path, path: &Path) -> Change {
    let rel = match path.strip_prefix(root) {
        Ok(rel) => rel,
        Err(_) => return Change::Ignored,
    };
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(s) => match s.to_str() {
                Some(s) => parts.push(s),
                None => return Change::Ignored,
            },
            Component::CurDir => {}
            _ => return Change::Ignored,
        }
    }
    classify_parts(&parts)
}

/// Classify a path given as its components relative to the site root.
pub fn classify_parts(parts: &[&str]) -> Change {
    let Some(name) = parts.last() else { return Change::Ignored };
    if parts.iter().any(|p| is_editor_noise(p)) {
        return Change::Ignored;
    }
    let joined = parts.join("/");
    let ext_is = |e: &str| name.rsplit_once('.').is_some_and(|(_, x)| x.eq_ignore_ascii_case(e));
    match parts {
        ["content", "site.yaml"] => Change::Data(DataFile::Site),
        ["content", "plan.md"] => Change::Data(DataFile::Plan),
        ["content", "teams.yaml"] => Change::Data(DataFile::Teams),
        ["content", "units.yaml"] => Change::Data(DataFile::Units),
        ["content", "schedule.yaml"] => Change::Data(DataFile::Schedule),
        ["content", "schedule", ..] if ext_is("yaml") || ext_is("yml") => Change::Data(DataFile::Schedule),
        ["content", "reports", _, ..] if ext_is("md") => Change::Report(joined),
        ["content", "pages", _, ..] if ext_is("md") => Change::Page(joined),
        ["content", "static", _, ..] => Change::Static(joined),
        ["themes", _, "templates", _, ..] | ["templates", _, ..] => Change::Template(joined),
        ["themes", _, "static", _, ..] => Change::Static(joined),
        // content/ itself (created, removed, or a lost event): everything.
        ["content"] | ["content", _, ..] | ["themes", ..] | ["templates"] => Change::Other(joined),
        _ => Change::Ignored,
    }
}

/// Classify a batch: the relevant changes, deduplicated and sorted.
pub fn classify_all<'a>(root: &Path, paths: impl IntoIterator<Item = &'a Path>) -> Vec<Change> {
    let mut out: Vec<Change> =
        paths.into_iter().map(|p| classify(root, p)).filter(Change::is_relevant).collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn c(rel: &str) -> Change {
        let root = PathBuf::from("/site");
        classify(&root, &root.join(rel))
    }

    #[test]
    fn data_files() {
        assert_eq!(c("content/site.yaml"), Change::Data(DataFile::Site));
        assert_eq!(c("content/plan.md"), Change::Data(DataFile::Plan));
        assert_eq!(c("content/teams.yaml"), Change::Data(DataFile::Teams));
        assert_eq!(c("content/units.yaml"), Change::Data(DataFile::Units));
        assert_eq!(c("content/schedule.yaml"), Change::Data(DataFile::Schedule));
        assert_eq!(c("content/schedule/q2.yaml"), Change::Data(DataFile::Schedule));
    }

    #[test]
    fn reports_pages_templates_static() {
        assert_eq!(
            c("content/reports/2024-03/to-1-2024-03-chi-bo.md"),
            Change::Report("content/reports/2024-03/to-1-2024-03-chi-bo.md".into())
        );
        assert_eq!(c("content/reports/a.md"), Change::Report("content/reports/a.md".into()));
        assert_eq!(c("content/pages/huong-dan.md"), Change::Page("content/pages/huong-dan.md".into()));
        assert_eq!(
            c("themes/default/templates/base.html"),
            Change::Template("themes/default/templates/base.html".into())
        );
        assert_eq!(c("templates/page.html"), Change::Template("templates/page.html".into()));
        assert_eq!(c("content/static/scan.pdf"), Change::Static("content/static/scan.pdf".into()));
        assert_eq!(
            c("themes/default/static/site.css"),
            Change::Static("themes/default/static/site.css".into())
        );
    }

    #[test]
    fn other_files_in_the_site_rebuild_everything() {
        assert_eq!(c("content/reports/notes.txt"), Change::Other("content/reports/notes.txt".into()));
        assert_eq!(c("content/extra.yaml"), Change::Other("content/extra.yaml".into()));
        assert_eq!(c("themes/default/theme.toml"), Change::Other("themes/default/theme.toml".into()));
        assert!(c("content/reports/2024-03").is_relevant(), "a removed folder of reports matters");
        assert_eq!(c("content"), Change::Other("content".into()), "a lost event reads everything");
    }

    #[test]
    fn editor_noise_and_outside_paths_are_ignored() {
        for p in [
            "content/reports/2024-03/.to-1.md.swp",
            "content/reports/2024-03/to-1.md~",
            "content/reports/2024-03/.#to-1.md",
            "content/reports/2024-03/#to-1.md#",
            "content/4913",
            "content/site.yaml.tmp",
            "content/.DS_Store",
            "content/pages/a.md___jb_tmp___",
            "content/reports/2024-03/~$to-1.md",
            "content/reports/Thumbs.db",
            "content/.git/index",
            "public/index.html",
            "target/debug/kehoach",
            "Cargo.toml",
        ] {
            assert_eq!(c(p), Change::Ignored, "{p}");
        }
        assert_eq!(classify(Path::new("/site"), Path::new("/elsewhere/content/site.yaml")), Change::Ignored);
        assert_eq!(classify(Path::new("/site"), Path::new("/site")), Change::Ignored);
    }

    #[test]
    fn only_templates_can_skip_reparsing() {
        assert!(!c("themes/default/templates/base.html").needs_reparse());
        assert!(c("content/reports/a.md").needs_reparse());
        assert!(c("content/static/a.pdf").needs_reparse(), "the list of static files comes from load");
        assert!(c("content/site.yaml").needs_reparse());
    }

    #[test]
    fn batch_is_deduplicated_and_drops_noise() {
        let root = Path::new("/site");
        let paths = [
            root.join("content/units.yaml"),
            root.join("content/.units.yaml.swp"),
            root.join("content/units.yaml"),
            root.join("content/reports/a.md"),
        ];
        let got = classify_all(root, paths.iter().map(PathBuf::as_path));
        assert_eq!(got, vec![Change::Report("content/reports/a.md".into()), Change::Data(DataFile::Units)]);
    }
}
