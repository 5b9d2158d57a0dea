//! Files the operating system or an office program leaves in folders by itself: Windows'
//! `Thumbs.db` and `desktop.ini`, macOS's `.DS_Store`, Word's and Excel's `~$…` lock files
//! (made while a document is open). They are nobody's content: the loader skips them
//! wherever they are under `content/` (never an "unexpected file", never copied from
//! `static/`), and `kehoach check --verbose` lists what it skipped.

use std::path::Path;

/// Whether a file named `name` is such a file (names compared without case, as Windows
/// and macOS do).
pub fn is_os_junk(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(lower.as_str(), "thumbs.db" | "ehthumbs.db" | "ehthumbs_vista.db" | "desktop.ini" | ".ds_store")
        || name.starts_with("~$")
        || name.starts_with("._") // the resource forks macOS writes on other file systems
}

/// The files under `root/content/` that the loader skips without a word: the files above,
/// and hidden files and folders (a name starting with `.`), as paths relative to `root`
/// (`content/…`), sorted. Hidden folders are listed, not what they hold.
pub fn skipped(root: &Path) -> Vec<String> {
    let content = root.join("content");
    let mut out = Vec::new();
    let mut it = walkdir::WalkDir::new(&content).follow_links(true).sort_by_file_name().into_iter();
    while let Some(Ok(entry)) = it.next() {
        let Some(name) = entry.file_name().to_str() else { continue };
        let is_dir = entry.file_type().is_dir();
        let hidden = name.starts_with('.') && entry.depth() > 0;
        if hidden || (!is_dir && is_os_junk(name)) {
            if let Ok(rel) = entry.path().strip_prefix(root) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.push(if is_dir { format!("{rel}/") } else { rel });
            }
            if is_dir {
                it.skip_current_dir();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_os_and_office_files() {
        for n in [
            "Thumbs.db",
            "thumbs.db",
            "desktop.ini",
            "Desktop.ini",
            ".DS_Store",
            "~$bao-cao.docx",
            "~$x.md",
            "._a.md",
        ] {
            assert!(is_os_junk(n), "{n}");
        }
        for n in ["to-1-2024-03-chi-bo.md", "thumbs.md", "desktop.ini.md", "a~$b.md", "ke-hoach.pdf"] {
            assert!(!is_os_junk(n), "{n}");
        }
    }

    #[test]
    fn skipped_lists_junk_and_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(c.join("reports/2024-03")).unwrap();
        std::fs::create_dir_all(c.join(".git/objects")).unwrap();
        for f in [
            "reports/2024-03/Thumbs.db",
            "reports/2024-03/~$to-1.md",
            "site.yaml",
            ".DS_Store",
            ".git/objects/x",
        ] {
            std::fs::write(c.join(f), "").unwrap();
        }
        assert_eq!(
            skipped(dir.path()),
            [
                "content/.DS_Store",
                "content/.git/",
                "content/reports/2024-03/Thumbs.db",
                "content/reports/2024-03/~$to-1.md"
            ]
        );
    }
}
