//! Write: put a build's files in place atomically.
//!
//! The files go into a fresh folder beside the output; only when every file is written is
//! that folder swapped in for the output. A failed or interrupted build leaves the previous
//! output untouched. The output carries a marker file so that kehoach never replaces a
//! folder it did not write unless asked to (`--force`).
//!
//! The files are written in parallel. The replaced output is renamed aside and removed in
//! the background (see [`remove_later`]): a build never waits for a large folder to be
//! deleted.

mod at;
mod exchange;

use crate::output::OutputFile;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file that marks a folder as kehoach's output.
pub const MARKER: &str = ".kehoach";

#[derive(Debug)]
pub enum WriteError {
    /// The output folder is, or contains, the site root or its `content/`.
    Dangerous(PathBuf),
    /// The output folder exists, is not empty, and was not written by kehoach.
    NotOurs(PathBuf),
    /// The output path is a file (or anything but a folder): never replaced, even with
    /// `--force`.
    NotAFolder(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            WriteError::Dangerous(p) => {
                write!(f, "{}", crate::msg::files::dangerous_output(&p.display().to_string()))
            }
            WriteError::NotOurs(p) => write!(f, "{}", crate::msg::files::not_ours(&p.display().to_string())),
            WriteError::NotAFolder(p) => write!(
                f,
                "{}",
                crate::msg::files::not_a_folder(
                    &p.display().to_string(),
                    &p.with_extension("").with_file_name("public").display().to_string()
                )
            ),
            WriteError::Io(p, e) => {
                write!(f, "{}", crate::msg::files::cannot_write(&p.display().to_string(), &e.to_string()))
            }
        }
    }
}

impl std::error::Error for WriteError {}

fn io_err(p: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(p.to_path_buf(), e)
}

/// Absolute, normalised form of a path that may not exist yet.
fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Resolve symlinks of the part that exists.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// Refuse outputs that would overwrite the site itself.
pub fn check_output(root: &Path, output: &Path, force: bool) -> Result<(), WriteError> {
    let out = absolute(output);
    let root = absolute(root);
    let content = root.join("content");
    if root.starts_with(&out) || content.starts_with(&out) || out.starts_with(&content) {
        return Err(WriteError::Dangerous(out));
    }
    not_a_folder(&out)?;
    if !force && out.is_dir() && !out.join(MARKER).exists() {
        let non_empty = fs::read_dir(&out).map_err(io_err(&out))?.next().is_some();
        if non_empty {
            return Err(WriteError::NotOurs(out));
        }
    }
    Ok(())
}

/// The error that `out` exists and is not a folder (a file, a link to one, a device).
fn not_a_folder(out: &Path) -> Result<(), WriteError> {
    match fs::metadata(out) {
        Ok(m) if !m.is_dir() => Err(WriteError::NotAFolder(out.to_path_buf())),
        // A dangling link: replacing it would lose where it pointed.
        Err(_) if fs::symlink_metadata(out).is_ok() => Err(WriteError::NotAFolder(out.to_path_buf())),
        _ => Ok(()),
    }
}

/// Write `files` as the new content of `output`, atomically.
pub fn write_atomic(output: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let staging = Staging::begin(output)?;
    // The first failure in file order, so that the error does not depend on scheduling.
    let written: Vec<Result<(), WriteError>> = files.par_iter().map(|f| staging.put(f)).collect();
    written.into_iter().collect::<Result<(), _>>()?;
    staging.commit()
}

/// A new output being written file by file into a fresh folder beside the output, then
/// swapped in whole by [`Staging::commit`]. Dropped without a commit (an error, a panic),
/// the folder is removed and the output is untouched.
///
/// [`Staging::put`] may be called from many threads at once: a build writes each page as
/// soon as it is rendered, so that the site is never held in memory whole.
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    stamp: String,
    tmp: PathBuf,
    /// `tmp`, open: files and folders are made relative to it.
    dir: at::Dir,
    /// The folders made so far (each is made once), as paths relative to `tmp`.
    folders: Mutex<FxHashSet<String>>,
    committed: bool,
}

impl Staging {
    /// Make the fresh folder (after removing what a killed build left beside the output).
    pub fn begin(output: &Path) -> Result<Staging, WriteError> {
        let output = absolute(output);
        not_a_folder(&output)?;
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let name =
            output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        remove_stale(&parent, &name);
        let stamp = format!("{}-{}", std::process::id(), unique());
        let tmp = parent.join(format!(".{name}.kehoach-new-{stamp}"));
        fs::create_dir_all(&tmp).map_err(io_err(&tmp))?;
        let dir = match at::Dir::open(&tmp) {
            Ok(dir) => dir,
            Err(e) => {
                let _ = fs::remove_dir_all(&tmp);
                return Err(WriteError::Io(tmp, e));
            }
        };
        Ok(Staging {
            output,
            parent,
            name,
            stamp,
            tmp,
            dir,
            folders: Mutex::new(FxHashSet::default()),
            committed: false,
        })
    }

    /// Write one file of the new output.
    pub fn put(&self, file: &OutputFile) -> Result<(), WriteError> {
        self.folder_for(&file.path)?;
        self.dir.write(&file.path, &file.bytes).map_err(io_err(&self.tmp.join(&file.path)))
    }

    /// Write the file at `path` (relative to the output) made of `n` parts in order, part
    /// `k` made by `part(k)`: the parts are made in parallel, taken in order, and each is
    /// written as soon as those before it are, then freed (see
    /// [`crate::output::Sink::parts`]).
    pub fn put_parts(
        &self,
        path: &str,
        n: usize,
        part: &(dyn Fn(usize) -> Vec<u8> + Sync),
    ) -> Result<(), WriteError> {
        self.folder_for(path)?;
        let full = self.tmp.join(path);
        let file = self.dir.create(path).map_err(io_err(&full))?;
        let order = Mutex::new(InOrder { file, next: 0, ready: BTreeMap::new(), error: None });
        // Taken in order (one at a time, by whichever thread is free), so that few parts
        // wait for one before them.
        (0..n).par_bridge().for_each(|k| {
            let bytes = part(k);
            if let Ok(mut o) = order.lock()
                && o.error.is_none()
            {
                o.ready.insert(k, bytes);
                o.write_ready();
            }
        });
        let o = order.into_inner().map_err(|_| WriteError::Io(full.clone(), io::Error::other("poisoned")))?;
        match o.error {
            Some(e) => Err(WriteError::Io(full, e)),
            None => Ok(()),
        }
    }

    /// Make the folder of the file at `path` (relative to the output), if not made yet.
    fn folder_for(&self, path: &str) -> Result<(), WriteError> {
        // The folder of a path made by the build (`bao-cao/x/index.html`): what is before
        // its last `/` (the output's paths are relative, with no `.`, `..` or empty part).
        if let Some((folder, _)) = path.rsplit_once('/').filter(|(f, _)| !f.is_empty()) {
            let made = self.folders.lock().map(|f| f.contains(folder)).unwrap_or(false);
            if !made {
                // Its parent is most often made already (`bao-cao/`, for each report's folder).
                if self.dir.mkdir(folder).is_err() {
                    let dir = self.tmp.join(folder);
                    fs::create_dir_all(&dir).map_err(io_err(&dir))?;
                }
                if let Ok(mut f) = self.folders.lock() {
                    f.insert(folder.to_string());
                }
            }
        }
        Ok(())
    }

    /// Mark the new output as kehoach's and swap it in for the old one.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let marker = self.tmp.join(MARKER);
        fs::write(&marker, b"This folder is written by kehoach build; it is replaced on every build.\n")
            .map_err(io_err(&marker))?;
        swap(&self.tmp, &self.output, &self.parent, &self.name, &self.stamp)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// The parts of a file being written in order: those made before their turn wait here.
struct InOrder {
    file: fs::File,
    /// The part to write next.
    next: usize,
    ready: BTreeMap<usize, Vec<u8>>,
    /// The first write that failed (nothing is written after it).
    error: Option<io::Error>,
}

impl InOrder {
    /// Write the parts that are ready and whose turn it is.
    fn write_ready(&mut self) {
        while self.error.is_none() {
            let Some(bytes) = self.ready.remove(&self.next) else { break };
            if let Err(e) = io::Write::write_all(&mut self.file, &bytes) {
                self.error = Some(e);
            }
            self.next += 1;
        }
    }
}

/// Bring the paths `changed` of an existing output up to date, in place (for the dev
/// server's own folder): each of `files` is written, and each changed path with no file
/// in `files` is removed. Each file is replaced atomically: written beside its place under
/// a hidden name, then renamed over the old one, so that a reader (the server, while it
/// answers a request) finds either the old page or the new one, whole, never a missing or
/// half-written file. (The set of files is not replaced as one: a page and its search index
/// may be a moment apart.)
pub fn update(output: &Path, files: &[OutputFile], changed: &BTreeSet<String>) -> Result<(), WriteError> {
    for f in files {
        let path = output.join(&f.path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(io_err(p))?;
        }
        replace_file(&path, &f.bytes).map_err(io_err(&path))?;
    }
    let written: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for gone in changed.iter().filter(|p| !written.contains(p.as_str())) {
        let path = output.join(gone);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(WriteError::Io(path, e)),
            _ => {}
        }
    }
    Ok(())
}

/// Write `bytes` as the file at `path` in one step: into a hidden file beside it, then
/// renamed over it.
fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.kehoach-tmp-{}", std::process::id()));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Remove the temporary folders that a killed build left beside the output
/// (`.<name>.kehoach-new-<pid>-<n>`, `.<name>.kehoach-old-<pid>-<n>`), unless the build
/// that made them is still running. A build killed between the two renames of [`swap`]
/// left no output but the previous one as `…-old-…`: that is put back first.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let mut stale: Vec<(bool, PathBuf)> = Vec::new();
    let trash = trash_prefix(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if file_name.to_str().is_some_and(|n| n.starts_with(&trash)) {
            // Being removed, or left half removed when the machine stopped: go on.
            remove_later(entry.path());
            continue;
        }
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&format!(".{name}.kehoach-"))) else {
            continue;
        };
        let (old, stamp) = match (rest.strip_prefix("old-"), rest.strip_prefix("new-")) {
            (Some(stamp), _) => (true, stamp),
            (None, Some(stamp)) => (false, stamp),
            (None, None) => continue,
        };
        let pid = stamp.split('-').next().unwrap_or("");
        if !process_alive(pid) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            stale.push((old, entry.path()));
        }
    }
    let output = parent.join(name);
    for (old, path) in stale {
        if old && !output.exists() && fs::rename(&path, &output).is_ok() {
            continue;
        }
        discard(parent, name, &path);
    }
}

/// Whether process `pid` is running; where that cannot be told, only this process is.
fn process_alive(pid: &str) -> bool {
    if pid == std::process::id().to_string() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid).exists()
}

fn unique() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

/// Put the folder `tmp` in the place of `output`. With an output in place, the two are
/// exchanged in one atomic step where the system can ([`exchange::exchange`]): the old
/// output is then at `tmp`, and is discarded. Elsewhere, two renames (see that module).
fn swap(tmp: &Path, output: &Path, parent: &Path, name: &str, stamp: &str) -> Result<(), WriteError> {
    // Checked again: the output may have become a file since the build began.
    not_a_folder(output)?;
    if output.exists() && exchange::exchange(tmp, output).map_err(io_err(output))? {
        discard(parent, name, tmp);
    } else if output.exists() {
        let old = parent.join(format!(".{name}.kehoach-old-{stamp}"));
        fs::rename(output, &old).map_err(io_err(output))?;
        if let Err(e) = fs::rename(tmp, output) {
            let _ = fs::rename(&old, output);
            return Err(WriteError::Io(output.to_path_buf(), e));
        }
        discard(parent, name, &old);
    } else {
        fs::rename(tmp, output).map_err(io_err(output))?;
    }
    Ok(())
}

/// The start of the name of a folder being removed: `.kehoach-trash-<name>-…`.
fn trash_prefix(name: &str) -> String {
    format!(".kehoach-trash-{name}-")
}

/// Rename a folder to `.kehoach-trash-<name>-…` (at once, so that it is gone from its
/// place and never taken for an output to restore) and remove it in the background.
fn discard(parent: &Path, name: &str, path: &Path) {
    let trash = parent.join(format!("{}{}-{}", trash_prefix(name), std::process::id(), unique()));
    let doomed = if fs::rename(path, &trash).is_ok() { trash } else { path.to_path_buf() };
    remove_later(doomed);
}

/// Remove a replaced output without waiting for it: deleting tens of thousands of files
/// takes seconds on some disks. On Unix a detached `rm -rf` does it (it goes on after
/// kehoach exits); elsewhere, or if it cannot start, a background thread. Whatever is
/// left (a thread ends with the process) is removed by the next build's [`remove_stale`].
///
/// A folder made read-only (`chmod -R a-w public`) cannot be emptied as it is: where
/// `rm` fails, its folders are made writable for their owner and `rm` runs again, so
/// that no `.kehoach-trash-*` stays behind.
fn remove_later(old: PathBuf) {
    #[cfg(unix)]
    {
        use std::process::{Command, Stdio};
        let child = Command::new("sh")
            .arg("-c")
            .arg(r#"rm -rf -- "$1" 2>/dev/null || { chmod -R u+w -- "$1"; rm -rf -- "$1"; }"#)
            .arg("sh")
            .arg(&old)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = child {
            // Reap it when it ends (a long-running `serve` must not collect zombies).
            std::thread::spawn(move || child.wait());
            return;
        }
    }
    std::thread::spawn(move || {
        if fs::remove_dir_all(&old).is_err() {
            make_writable(&old);
            let _ = fs::remove_dir_all(&old);
        }
    });
}

/// Give back write permission to every folder under `dir` (for [`remove_later`]).
fn make_writable(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_dir()
            && let Ok(m) = entry.metadata()
        {
            let mut p = m.permissions();
            if p.readonly() {
                #[allow(clippy::permissions_set_readonly_false)]
                p.set_readonly(false);
                let _ = fs::set_permissions(entry.path(), p);
            }
        }
    }
}

#[cfg(test)]
mod tests;
