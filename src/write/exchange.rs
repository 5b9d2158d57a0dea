//! Swapping two folders in one step: `renameat2(RENAME_EXCHANGE)` on Linux, so that a
//! reader of the output (a web server, a person opening `index.html`) finds at every
//! instant either the whole previous build or the whole new one, never nothing.
//!
//! Where the system has no such call (not Linux, a kernel before 3.15, a file system
//! that does not support it), [`exchange`] answers `Ok(false)` and the caller falls back
//! on two renames (output → aside, new → output): between them the output is missing for
//! a moment, and a build killed exactly then leaves the previous output aside, where the
//! next build puts it back (see `remove_stale` in the parent module).

use std::io;
use std::path::Path;

/// Exchange the folders at `a` and `b` (both must exist, on the same file system) in one
/// atomic step: `Ok(true)`. `Ok(false)` when the system cannot do that (nothing was done);
/// `Err` for any other failure (nothing was done either).
pub fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        // rustix makes the system call itself (no unsafe here, and no need of a C library
        // recent enough to wrap renameat2).
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            // No such call (old kernel, a sandbox filtering it), or a file system without
            // the flag.
            Err(Errno::NOSYS | Errno::INVAL | Errno::PERM | Errno::OPNOTSUPP) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn two_folders_change_places_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir_all(a.join("sub")).unwrap();
        fs::write(a.join("sub/index.html"), "cũ").unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(b.join("index.html"), "mới").unwrap();
        let swapped = exchange(&a, &b).unwrap();
        if cfg!(target_os = "linux") {
            assert!(swapped, "Linux's temporary folder supports RENAME_EXCHANGE");
        }
        if swapped {
            assert_eq!(fs::read_to_string(a.join("index.html")).unwrap(), "mới");
            assert!(!a.join("sub").exists());
            assert_eq!(fs::read_to_string(b.join("sub/index.html")).unwrap(), "cũ");
        }
    }

    #[test]
    fn a_missing_side_is_an_error_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        fs::create_dir_all(&a).unwrap();
        fs::write(a.join("f"), "x").unwrap();
        let missing = dir.path().join("missing");
        if cfg!(target_os = "linux") {
            assert_eq!(exchange(&a, &missing).unwrap_err().kind(), io::ErrorKind::NotFound);
        }
        assert_eq!(fs::read_to_string(a.join("f")).unwrap(), "x");
        assert!(!missing.exists());
    }
}
