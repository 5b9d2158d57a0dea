//! Sites as files, for the tests that read a folder (the binary, serve, the editor): a
//! fixture of `tests/fixtures`, the repository's own sample site, or any site folder, taken
//! file by file into memory, changed (`with_file`, `without`, `edit`), then written to a
//! fresh temporary folder outside any git work tree.
//!
//! The unit tests of `load` and `check` cannot use it: they sit below `derive` in the
//! layers (`tests/it/layers.rs`), so they keep their own small `Input` builders.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The repository (the sample site: its `content/` and the `themes/` beside it).
pub const SAMPLE: &str = env!("CARGO_MANIFEST_DIR");

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(SAMPLE).join("tests/fixtures")
}

/// The text of a report file on `visit`, held on `held_on` from 14:00 to 16:00, in the
/// minimal fixture's style.
pub fn report_file(visit: &str, held_on: &str, submitted_on: &str) -> String {
    format!(
        "---\nvisit: {visit}\nheld_on: {held_on}\nstarted_at: \"14:00\"\nended_at: \"16:00\"\n\
         submitted_on: {submitted_on}\nauthor: Nguyễn Văn An\nmeeting: dinh_ky\n\
         attendance: {{ total: 10, exempt: 0, present: 10, excused: 0, unexcused: 0 }}\nrating: tot\n---\n\
         ## Nội dung sinh hoạt\n\nChi bộ họp.\n"
    )
}

/// The files of a site by `/`-separated path relative to its root, ready to be changed and
/// written.
#[derive(Clone, Debug, Default)]
pub struct SiteFiles {
    files: BTreeMap<String, Vec<u8>>,
}

/// Every file of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> SiteFiles {
    SiteFiles::default().with_tree(&fixtures().join(name), "")
}

/// The sample site: `content/` and `themes/` of the repository.
pub fn sample() -> SiteFiles {
    folder(Path::new(SAMPLE))
}

/// The sample's `content/` alone (its pages then use the theme built into the binary).
pub fn sample_content() -> SiteFiles {
    SiteFiles::default().with_tree(&Path::new(SAMPLE).join("content"), "content")
}

/// The site folder `root`: what it holds under `content/`, `themes/` and `templates/`.
pub fn folder(root: &Path) -> SiteFiles {
    ["content", "themes", "templates"]
        .into_iter()
        .fold(SiteFiles::default(), |files, sub| files.with_tree(&root.join(sub), sub))
}

impl SiteFiles {
    /// Every file under `dir`, placed under `under` (`""`: at the root).
    pub fn with_tree(mut self, dir: &Path, under: &str) -> Self {
        if !dir.exists() {
            return self;
        }
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.expect("test site folder");
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            let path = if under.is_empty() { rel } else { format!("{under}/{rel}") };
            self.files.insert(path, fs::read(entry.path()).expect("test site file"));
        }
        self
    }

    /// `path` holds `bytes` (added, or replacing what it held).
    pub fn with_file(mut self, path: &str, bytes: impl AsRef<[u8]>) -> Self {
        self.files.insert(path.into(), bytes.as_ref().to_vec());
        self
    }

    /// No file at `path`, nor under it when it is a folder; panics when there was none, so
    /// that a test cannot go on believing it took something away.
    pub fn without(mut self, path: &str) -> Self {
        let folder = format!("{}/", path.trim_end_matches('/'));
        let before = self.files.len();
        self.files.retain(|p, _| p != path && !p.starts_with(&folder));
        assert!(self.files.len() < before, "the test site has no {path} to take away");
        self
    }

    /// The text of `path` changed by `f`; panics when there is no such file.
    pub fn edit(self, path: &str, f: impl FnOnce(String) -> String) -> Self {
        let text = self.text(path);
        self.with_file(path, f(text))
    }

    /// The text of `path` with the first `from` replaced by `to`; panics when `from` is not
    /// in it (the edit would change nothing and the test would test nothing).
    pub fn replace(self, path: &str, from: &str, to: &str) -> Self {
        self.edit(path, |text| {
            assert!(text.contains(from), "no {from:?} in {path}");
            text.replacen(from, to, 1)
        })
    }

    /// The text of `path`.
    pub fn text(&self, path: &str) -> String {
        let bytes = self.files.get(path).unwrap_or_else(|| panic!("the test site has no {path}"));
        String::from_utf8(bytes.clone()).expect("a text file")
    }

    /// Write every file under `root` (folders made as needed).
    pub fn write_to(&self, root: &Path) {
        for (path, bytes) in &self.files {
            let dest = root.join(path);
            fs::create_dir_all(dest.parent().unwrap()).expect("test site folder");
            fs::write(&dest, bytes).expect("test site file");
        }
    }

    /// Write the site into a fresh temporary folder (removed when it is dropped).
    pub fn write(&self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary folder");
        self.write_to(dir.path());
        dir
    }
}
