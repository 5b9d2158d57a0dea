//! Writing a content file safely: only under `content/`, never over a file that changed
//! since the form was opened (its hash), atomically (a temporary file in the same folder,
//! then a rename), so that the watcher and the build never see half a file.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// The fingerprint of a file's bytes as the form carries it (FNV-1a, 64 bits, hex); empty
/// for a file that does not exist.
pub fn fingerprint(bytes: Option<&[u8]>) -> String {
    let Some(bytes) = bytes else { return String::new() };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The file at `rel` (relative to the site root), if it exists.
pub fn read(root: &Path, rel: &str) -> Option<Vec<u8>> {
    std::fs::read(root.join(rel)).ok()
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// Not a plain path under `content/`.
    Outside(String),
    /// Changed on disk since the form was opened: what it holds now.
    Changed(Option<Vec<u8>>),
    Io(String),
}

/// `rel` as a path under `root/content/`, or why not.
fn confined(root: &Path, rel: &str) -> Result<PathBuf, WriteError> {
    let p = Path::new(rel);
    let plain = p.components().all(|c| matches!(c, Component::Normal(_)))
        && rel.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
    if !plain || !rel.starts_with("content/") || !(rel.ends_with(".md") || rel.ends_with(".yaml")) {
        return Err(WriteError::Outside(rel.to_string()));
    }
    let content = std::fs::canonicalize(root.join("content")).map_err(|e| WriteError::Io(e.to_string()))?;
    // The deepest folder that exists must be inside content/ (no link out of it).
    let mut existing = root.join(rel);
    existing.pop();
    while !existing.exists() {
        existing.pop();
    }
    let real = std::fs::canonicalize(&existing).map_err(|e| WriteError::Io(e.to_string()))?;
    if !real.starts_with(&content) {
        return Err(WriteError::Outside(rel.to_string()));
    }
    Ok(root.join(rel))
}

/// Write `text` to `rel` if the file still has the fingerprint `expected`.
pub fn write(root: &Path, rel: &str, expected: &str, text: &str) -> Result<(), WriteError> {
    let path = confined(root, rel)?;
    let now = std::fs::read(&path).ok();
    if fingerprint(now.as_deref()) != expected {
        return Err(WriteError::Changed(now));
    }
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(WriteError::Outside(rel.to_string()));
    }
    let dir = path.parent().ok_or_else(|| WriteError::Outside(rel.to_string()))?;
    std::fs::create_dir_all(dir).map_err(|e| WriteError::Io(format!("{}: {e}", dir.display())))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("tep");
    let tmp = dir.join(format!(".{name}.kehoach-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        WriteError::Io(format!("{}: {e}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_under_content_only_and_never_over_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        write(root, "content/reports/2024-03/a.md", "", "x").unwrap();
        assert_eq!(std::fs::read_to_string(root.join("content/reports/2024-03/a.md")).unwrap(), "x");
        let fp = fingerprint(Some(b"x"));
        assert!(matches!(
            write(root, "content/reports/2024-03/a.md", "", "y"),
            Err(WriteError::Changed(Some(_)))
        ));
        write(root, "content/reports/2024-03/a.md", &fp, "y").unwrap();
        for bad in ["content/../x.md", "/etc/x.md", "x.md", "content/a.txt", "content/./a.md"] {
            assert!(matches!(write(root, bad, "", "z"), Err(WriteError::Outside(_))), "{bad}");
        }
        let leftovers: Vec<_> = std::fs::read_dir(root.join("content/reports/2024-03")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_content_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(root.join("elsewhere"), root.join("content/reports")).unwrap();
        assert!(matches!(write(root, "content/reports/a.md", "", "z"), Err(WriteError::Outside(_))));
        assert!(!root.join("elsewhere/a.md").exists());
    }
}
