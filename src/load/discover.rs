//! Discover: find a site's files under `content/` and read them. The only disk access of
//! the loader.

use super::similar;
use super::{Input, SourceFile};
use crate::diag::Diagnostic;
use crate::model::Loc;
use crate::model::Pos;
use crate::msg::files as m;
use rayon::prelude::*;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// Files larger than this are not read (a content file is a few kilobytes).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The files every site has, with what each is for.
pub const REQUIRED: [(&str, &str); 5] = [
    ("site.yaml", "the site-wide settings"),
    ("plan.md", "the plan document"),
    ("teams.yaml", "the working groups"),
    ("units.yaml", "the party organisations"),
    ("schedule.yaml", "the visits (or a folder schedule/ of .yaml files)"),
];

/// The folders `content/` may hold.
pub const FOLDERS: [&str; 4] = ["schedule", "reports", "pages", "static"];

/// What a content file is, from its path (`content/…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Site,
    Plan,
    Teams,
    Units,
    Schedule,
    Report,
    Page,
}

/// The kind of a file by its path relative to the site root, if it is a content file:
/// `content/…` of a one-plan site, or `content/<plan>/…` of a plan of a site holding
/// several (see [`split_base`]).
pub fn kind_of(path: &str) -> Option<FileKind> {
    kind_in(split_base(path)?.1)
}

/// A content path split into the folder of its plan's files (`content/`, or
/// `content/<plan>/` in a site holding several plans) and the path under it. `None`
/// outside `content/`. A plan's folder is named by an id that is not one of [`FOLDERS`].
pub fn split_base(path: &str) -> Option<(&str, &str)> {
    let rel = path.strip_prefix("content/")?;
    if kind_in(rel).is_none()
        && let Some((plan, rest)) = rel.split_once('/')
        && is_plan_id(plan)
        && kind_in(rest).is_some()
    {
        return Some((&path[..8 + plan.len() + 1], rest));
    }
    Some((&path[..8], rel))
}

/// Whether `name` may name a plan's folder: an id (`[a-z0-9-]+`) that is not a folder
/// of `content/` itself.
pub fn is_plan_id(name: &str) -> bool {
    crate::load::schema::types::Id::is_valid(name) && !FOLDERS.contains(&name)
}

/// The kind of a file by its path under its plan's folder.
fn kind_in(rel: &str) -> Option<FileKind> {
    Some(match rel {
        "site.yaml" => FileKind::Site,
        "plan.md" => FileKind::Plan,
        "teams.yaml" => FileKind::Teams,
        "units.yaml" => FileKind::Units,
        "schedule.yaml" => FileKind::Schedule,
        _ if rel.starts_with("schedule/") && rel.ends_with(".yaml") => FileKind::Schedule,
        _ if rel.starts_with("reports/") && rel.ends_with(".md") => FileKind::Report,
        _ if rel.starts_with("pages/") && rel.ends_with(".md") => FileKind::Page,
        _ => return None,
    })
}

/// A location naming a whole file (no line).
pub fn file_loc(path: &str) -> Loc {
    Loc::new(&Arc::from(path), Pos::default())
}

/// What discovery found at one path (relative to the root), once the files are read.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// A content file that was read (its text is kept elsewhere: in [`Input::files`], or
    /// in the incremental cache).
    Text,
    /// A file under `content/static/`, by its path relative to `static/`.
    Static(String),
    /// The folder `content/schedule/`.
    ScheduleDir,
    /// Something wrong at this path: an unexpected file or folder, one that cannot be read.
    Problem(Diagnostic),
}

/// What the walk found at one path, before reading.
pub enum Found {
    /// A content file to read, by its full path on disk.
    File(PathBuf),
    Entry(Entry),
}

/// Read every content file of the site at `root`. Only a missing `content/` folder is an
/// `Err`; files that cannot be read are [`Input::problems`], so that the files that can
/// are still parsed and every error is reported in one run.
pub fn read(root: &Path) -> Result<Input, Vec<Diagnostic>> {
    read_at(root, "content")
}

/// [`read`] of the files of one plan of a site holding several: `base` is `content/<plan>`
/// (or `content` for the one plan of a site). Paths stay relative to the root.
pub fn read_at(root: &Path, base: &str) -> Result<Input, Vec<Diagnostic>> {
    let content = content_dir_at(root, base)?;
    let found = scan_at(root, base, &content);
    let mut input = Input::default();
    let mut entries = Vec::with_capacity(found.len());
    for (path, entry, text) in read_found(found) {
        if let Some(text) = text {
            input.files.push(SourceFile { path: Arc::from(path.as_str()), text });
        }
        entries.push((path, entry));
    }
    input.files.sort_by(|a, b| a.path.cmp(&b.path));
    input.static_files = static_files(entries.iter().map(|(_, e)| e));
    input.problems = problems_at(base, entries.iter().map(|(p, e)| (p.as_str(), e)));
    input.base = base.into();
    Ok(input)
}

/// `root/content`, or the error that there is none.
pub fn content_dir(root: &Path) -> Result<PathBuf, Vec<Diagnostic>> {
    content_dir_at(root, "content")
}

/// `root/base`, or the error that there is none.
fn content_dir_at(root: &Path, base: &str) -> Result<PathBuf, Vec<Diagnostic>> {
    let content = root.join(base);
    if content.is_dir() {
        return Ok(content);
    }
    let d =
        Diagnostic::error(file_loc(base), m::no_content(&root.display().to_string()), m::no_content_label())
            .with_help(m::no_content_help());
    Err(vec![d])
}

/// Walk `content/` of `root` from `from` (`content/` itself, or a file or folder under
/// it that is not hidden): what is at each path, in walk order, keyed by the path
/// relative to the root (`content/…`). Nothing is read yet.
pub fn scan(root: &Path, from: &Path) -> Vec<(String, Found)> {
    scan_at(root, "content", from)
}

/// [`scan`] of the folder `base` of `root` (`content`, or `content/<plan>`).
fn scan_at(root: &Path, base: &str, from: &Path) -> Vec<(String, Found)> {
    let content = root.join(base);
    let mut out = Vec::new();
    // Sorted by name within each folder. The entries compared are siblings, so their
    // whole paths compare as their names do, byte by byte; walkdir's `sort_by_file_name`
    // takes each name from its path again for every comparison (a twentieth of `check`).
    let by_name =
        |a: &walkdir::DirEntry, b: &walkdir::DirEntry| a.path().as_os_str().cmp(b.path().as_os_str());
    let mut it = WalkDir::new(from).follow_links(true).sort_by(by_name).into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let d = walk_error(&e, root);
                out.push((d.loc.file.to_string(), Found::Entry(Entry::Problem(d))));
                continue;
            }
        };
        if entry.path() == content {
            continue;
        }
        let Some(rel) = relative(entry.path(), &content) else {
            let path =
                format!("{base}/{}", entry.path().strip_prefix(&content).unwrap_or(entry.path()).display());
            let d = Diagnostic::error(file_loc(&path), m::name_not_utf8(), m::name_not_utf8_label());
            out.push((path, Found::Entry(Entry::Problem(d))));
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        };
        let is_dir = entry.file_type().is_dir();
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        if name.starts_with('.') {
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        // Thumbs.db, desktop.ini, Word's ~$ lock files: see `super::junk`.
        if !is_dir && super::junk::is_os_junk(name) {
            continue;
        }
        let path = format!("{base}/{rel}");
        let (top, under) = rel.split_once('/').unwrap_or((&rel, ""));
        if is_dir {
            if under.is_empty() {
                if top == "schedule" {
                    out.push((path, Found::Entry(Entry::ScheduleDir)));
                } else if !FOLDERS.contains(&top) {
                    out.push((path.clone(), Found::Entry(Entry::Problem(unexpected_folder(&path, top)))));
                    it.skip_current_dir();
                }
            }
            continue;
        }
        if !entry.file_type().is_file() {
            // A pipe or a device would block or never end when read or copied.
            let d = Diagnostic::error(file_loc(&path), m::not_regular(&path), m::not_regular_label());
            out.push((path, Found::Entry(Entry::Problem(d))));
            continue;
        }
        let found = match classify(base, &rel) {
            Class::Read => Found::File(entry.into_path()),
            Class::Static => Found::Entry(Entry::Static(rel.strip_prefix("static/").unwrap_or(&rel).into())),
            Class::Ignore => continue,
            Class::Unexpected(d) => Found::Entry(Entry::Problem(d)),
        };
        out.push((path, found));
    }
    out
}

/// Read the files the walk found, in parallel: each path's entry, and the text of each
/// file read.
pub fn read_found(found: Vec<(String, Found)>) -> Vec<(String, Entry, Option<String>)> {
    found
        .into_par_iter()
        .map(|(path, found)| match found {
            Found::File(full) => match read_text(&full, &path) {
                Ok(text) => (path, Entry::Text, Some(text)),
                Err(d) => (path, Entry::Problem(*d), None),
            },
            Found::Entry(e) => (path, e, None),
        })
        .collect()
}

/// The static files of a listing, sorted.
pub fn static_files<'a>(entries: impl Iterator<Item = &'a Entry>) -> Vec<String> {
    let mut out: Vec<String> =
        entries.filter_map(|e| if let Entry::Static(s) = e { Some(s.clone()) } else { None }).collect();
    out.sort();
    out
}

/// The problems of a listing (pure): each path's own, then those of the required files
/// (missing, or a schedule both a file and a folder), sorted by location.
pub fn problems<'a>(entries: impl Iterator<Item = (&'a str, &'a Entry)>) -> Vec<Diagnostic> {
    problems_at("content", entries)
}

/// [`problems`] of the files of the folder `base` (`content`, or `content/<plan>`).
fn problems_at<'a>(base: &str, entries: impl Iterator<Item = (&'a str, &'a Entry)>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut schedule_dir = false;
    for (path, entry) in entries {
        match entry {
            Entry::Text => texts.push(path),
            Entry::ScheduleDir => schedule_dir = true,
            Entry::Problem(d) => errors.push(d.clone()),
            Entry::Static(_) => {}
        }
    }
    // A file that exists but could not be read has its own error: it is not "missing".
    let unreadable: Vec<Arc<str>> = errors.iter().map(|d: &Diagnostic| d.loc.file.clone()).collect();
    let has = |p: &str| texts.contains(&p) || unreadable.iter().any(|f| &**f == p);
    let schedule_dir_path = format!("{base}/schedule");
    let scheduled =
        texts.iter().any(|f| f.strip_prefix(&*schedule_dir_path).is_some_and(|r| r.starts_with('/')));
    for (name, what) in REQUIRED {
        let path = format!("{base}/{name}");
        if name == "schedule.yaml" && (schedule_dir || scheduled) {
            if has(&path) {
                errors.push(
                    Diagnostic::error(file_loc(&path), m::schedule_both(), m::schedule_both_label())
                        .with_help(m::schedule_both_help()),
                );
            } else if !scheduled {
                errors.push(
                    Diagnostic::error(
                        file_loc(&schedule_dir_path),
                        m::schedule_empty(),
                        m::schedule_empty_label(),
                    )
                    .with_help(m::schedule_empty_help()),
                );
            }
        } else if !has(&path) {
            errors.push(Diagnostic::error(
                file_loc(&path),
                m::missing_file(&path),
                m::missing_file_label(name, what),
            ));
        }
    }
    errors.sort_by(|a, b| a.loc.cmp(&b.loc));
    errors
}

/// What to do with a file, by its path under `content/`.
enum Class {
    Read,
    Static,
    Ignore,
    Unexpected(Diagnostic),
}

fn classify(base: &str, rel: &str) -> Class {
    let path = format!("{base}/{rel}");
    if kind_of(&path).is_some() {
        return Class::Read;
    }
    let (top, _) = rel.split_once('/').unwrap_or(("", rel));
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match top {
        "static" => Class::Static,
        "" if matches!(ext.as_str(), "yaml" | "yml" | "md" | "markdown") => {
            Class::Unexpected(unexpected_file(&path, rel))
        }
        "" => Class::Ignore,
        "schedule" => Class::Unexpected(
            Diagnostic::error(file_loc(&path), m::unexpected_file(&path), m::schedule_holds_yaml())
                .with_help(if ext == "yml" { m::rename_yaml() } else { m::move_elsewhere() }),
        ),
        _ => Class::Unexpected(
            Diagnostic::error(file_loc(&path), m::unexpected_file(&path), m::holds_markdown(top))
                .with_help(m::put_under_static()),
        ),
    }
}

fn unexpected_file(path: &str, name: &str) -> Diagnostic {
    let names: Vec<&str> = REQUIRED.iter().map(|(n, _)| *n).collect();
    let d = Diagnostic::error(file_loc(path), m::unexpected_file(path), m::not_read_file());
    match similar::closest(name, names.iter().copied()) {
        Some(c) => d.with_help(crate::msg::content::did_you_mean(c)),
        None => d.with_help(m::content_holds(&similar::list(&names, 10))),
    }
}

fn unexpected_folder(path: &str, name: &str) -> Diagnostic {
    let d = Diagnostic::error(file_loc(path), m::unexpected_folder(path), m::not_read_folder());
    match similar::closest(name, FOLDERS) {
        Some(c) => d.with_help(crate::msg::content::did_you_mean(&format!("{c}/"))),
        None => d.with_help(m::content_holds_folders(&similar::list(&FOLDERS, 10))),
    }
}

/// `p` relative to `base`, `/`-separated; `None` if a part is not UTF-8.
fn relative(p: &Path, base: &Path) -> Option<String> {
    // The paths of a walk are the base, `/`, and names: then the rest is the answer as it
    // is (no part to drop or join), without taking either path apart.
    if let Some(rest) = p.as_os_str().as_encoded_bytes().strip_prefix(base.as_os_str().as_encoded_bytes())
        && let Some(rest) = rest.strip_prefix(b"/")
        && let Ok(rest) = std::str::from_utf8(rest)
        && !rest.split('/').any(|part| part.is_empty() || part == "." || part == "..")
        && !base.as_os_str().as_encoded_bytes().ends_with(b"/")
    {
        return Some(rest.to_string());
    }
    relative_by_components(p, base)
}

/// [`relative`] the long way, for any paths: `p`'s components after `base`'s, joined.
fn relative_by_components(p: &Path, base: &Path) -> Option<String> {
    let rel = p.strip_prefix(base).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn shown(p: &Path, root: &Path) -> String {
    relative(p, root).unwrap_or_else(|| p.display().to_string())
}

fn walk_error(e: &walkdir::Error, root: &Path) -> Diagnostic {
    let path = e.path().map(|p| shown(p, root)).unwrap_or_else(|| "content".into());
    if let Some(ancestor) = e.loop_ancestor() {
        return Diagnostic::error(
            file_loc(&path),
            m::link_loop(&path),
            m::link_loop_label(&shown(ancestor, root)),
        )
        .with_help(m::link_loop_help());
    }
    let why = e.io_error().map(|io| io.to_string()).unwrap_or_else(|| e.to_string());
    Diagnostic::error(file_loc(&path), m::cannot_read(&path, &why), m::check_exists_readable())
}

pub(crate) fn read_text(full: &Path, path: &str) -> Result<String, Box<Diagnostic>> {
    let cannot = |e: std::io::Error| {
        Box::new(Diagnostic::error(file_loc(path), m::cannot_read(path, &e.to_string()), m::check_readable()))
    };
    let file = fs::File::open(full).map_err(cannot)?;
    // The length from the open file (no second lookup of the path).
    let len = file.metadata().ok().map(|m| m.len());
    if let Some(len) = len.filter(|l| *l > MAX_FILE_BYTES) {
        return Err(Box::new(too_large(path, len)));
    }
    // Read at most one byte past the limit, so that a device or a growing file cannot
    // exhaust memory.
    // Sized from the length (plus one byte, to see the end at once): a buffer grown by
    // doubling holds a third more than the file, on average, for as long as the build.
    let mut bytes = Vec::with_capacity(len.map_or(0, |l| l as usize + 1));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Box::new(too_large(path, bytes.len() as u64)));
    }
    if let Some(text) = utf16(&bytes) {
        return Ok(plain(text));
    }
    utf8(bytes).map(plain).map_err(|e| Box::new(not_utf8(path, e.as_bytes(), e.utf8_error().valid_up_to())))
}

/// The text as if it were written plainly: without a UTF-8 byte-order mark, with `\n`
/// line ends (Windows' `\r\n` too), in NFC (macOS writes names decomposed, NFD). Every
/// position is then counted in the text as read.
pub fn plain(text: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    if !unicode_normalization::is_nfc(&text) {
        text = text.nfc().collect();
    }
    text
}

/// A file saved as UTF-16 (old Notepad's "Unicode"), read by its byte-order mark.
fn utf16(bytes: &[u8]) -> Option<String> {
    let le = match bytes {
        [0xff, 0xfe, ..] => true,
        [0xfe, 0xff, ..] => false,
        _ => return None,
    };
    let units = bytes[2..]
        .chunks_exact(2)
        .map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
    Some(char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect())
}

/// `String::from_utf8`, with the check done by simdutf8 (several times faster on
/// Vietnamese text, whose letters are mostly not ASCII: a tenth of `kehoach check`).
fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just checked to be UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        // Not UTF-8: the standard check says where, for the message.
        String::from_utf8(bytes)
    }
}

/// The error for a file over [`MAX_FILE_BYTES`].
pub fn too_large(path: &str, len: u64) -> Diagnostic {
    Diagnostic::error(
        file_loc(path),
        m::too_large(path, len / (1024 * 1024)),
        m::too_large_label(MAX_FILE_BYTES / (1024 * 1024)),
    )
}

fn not_utf8(path: &str, bytes: &[u8], valid: usize) -> Diagnostic {
    let good = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default());
    let line = good.matches('\n').count() + 1;
    let col = good.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    let pos = Pos { line: line as u32, col: col as u32, len: 1 };
    Diagnostic::error(Loc::new(&Arc::from(path), pos), m::not_utf8(path), m::not_utf8_label())
        .with_help(m::not_utf8_help())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_path() {
        assert_eq!(kind_of("content/site.yaml"), Some(FileKind::Site));
        assert_eq!(kind_of("content/schedule/2024-03.yaml"), Some(FileKind::Schedule));
        assert_eq!(kind_of("content/reports/2024-03/a.md"), Some(FileKind::Report));
        assert_eq!(kind_of("content/pages/a/b.md"), Some(FileKind::Page));
        assert_eq!(kind_of("content/team.yaml"), None);
        assert_eq!(kind_of("site.yaml"), None);
        assert_eq!(kind_of("content/2024/site.yaml"), Some(FileKind::Site));
        assert_eq!(kind_of("content/2024/reports/a/b.md"), Some(FileKind::Report));
        assert_eq!(kind_of("content/pages/reports/a.md"), Some(FileKind::Page));
        assert_eq!(kind_of("content/reports/site.yaml"), None);
        assert_eq!(split_base("content/2024/pages/a.md"), Some(("content/2024/", "pages/a.md")));
        assert_eq!(split_base("content/pages/2024/plan.md"), Some(("content/", "pages/2024/plan.md")));
        assert_eq!(split_base("content/site.yaml"), Some(("content/", "site.yaml")));
    }

    #[test]
    fn relative_paths_as_the_components_give_them() {
        let bases = ["/s/content", "/s/content/", "content", "/s/./content", "/"];
        let rests =
            ["", "a", "a/b.md", "reports/2024-03/tổ-1.md", "a//b", "./a", "a/./b", "a/../b", "a/", ".x/y"];
        for base in bases {
            for rest in rests {
                for p in [format!("{base}/{rest}"), format!("{base}{rest}"), rest.to_string()] {
                    let (p, b) = (Path::new(&p), Path::new(base));
                    assert_eq!(relative(p, b), relative_by_components(p, b), "{p:?} from {b:?}");
                }
            }
        }
    }

    #[test]
    fn classify_suggests_names() {
        let Class::Unexpected(d) = classify("content", "team.yaml") else { panic!() };
        assert_eq!(d.message, "unexpected file `content/team.yaml`");
        assert_eq!(d.help.as_deref(), Some("did you mean `teams.yaml`?"));
        assert!(matches!(classify("content", "README.txt"), Class::Ignore));
        assert!(matches!(classify("content", "static/a b.pdf"), Class::Static));
        assert!(matches!(classify("content", "reports/scan.pdf"), Class::Unexpected(_)));
        assert!(matches!(classify("content", "schedule/a.yml"), Class::Unexpected(_)));
    }

    #[test]
    fn utf8_error_position() {
        let d = not_utf8("content/a.md", b"ab\ncd\xff", 5);
        assert_eq!((d.loc.pos.line, d.loc.pos.col), (2, 3));
    }
}
