//! Serve only regular files inside the output folder: a request whose path passes through
//! a symbolic link, or ends on anything but a regular file (a pipe, a socket, a device),
//! or on a folder whose `index.html` is not one, gets 404 before `ServeDir` opens
//! anything. kehoach writes no links into its output, so a link there was planted.
//!
//! The check reads the folder as it is when the request comes; the output is replaced by
//! whole-folder exchange or file-by-file renames (see `crate::write`), neither of which
//! makes a link.

use super::overlay::EVENTS_PATH;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};

/// What is at a request path inside the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A regular file, or a folder with a regular `index.html` (or nothing there: `ServeDir`
    /// answers 404 itself).
    Servable,
    /// A link on the way, or no regular file at the end.
    Refused,
}

/// Look at the request path `path` (as sent, percent-encoded) inside `root`, following no
/// link.
pub fn look(root: &Path, path: &str) -> Found {
    let Some(decoded) = percent_decode(path.split('?').next().unwrap_or("")) else {
        return Found::Refused;
    };
    let mut at = root.to_path_buf();
    for part in decoded.split(['/', '\\']).filter(|p| !p.is_empty() && *p != ".") {
        if part == ".." {
            return Found::Refused;
        }
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Found::Refused,
            Ok(_) => {}
            // Nothing there: ServeDir's 404 (with the page decorated).
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::Servable,
            // A name too long for the system, a file used as a folder: nothing to serve.
            Err(_) => return Found::Refused,
        }
    }
    match std::fs::symlink_metadata(&at) {
        Ok(m) if m.is_file() => Found::Servable,
        Ok(m) if m.is_dir() => match std::fs::symlink_metadata(at.join("index.html")) {
            Ok(i) if i.is_file() => Found::Servable,
            Err(_) => Found::Servable,
            Ok(_) => Found::Refused,
        },
        _ => Found::Refused,
    }
}

/// Decode `%XX` escapes; `None` if an escape is broken or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The middleware: 404 for what [`look`] refuses; serve's own addresses
/// (`/__kehoach/…`) pass.
pub async fn regular_files_only(State(root): State<PathBuf>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path == EVENTS_PATH || path.starts_with("/__kehoach/") {
        return next.run(req).await;
    }
    if look(&root, path) == Found::Refused {
        return (StatusCode::NOT_FOUND, "404: không có tệp này\n").into_response();
    }
    next.run(req).await
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn links_and_special_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(out.join("a")).unwrap();
        fs::write(out.join("a/index.html"), "x").unwrap();
        fs::write(out.join("f.css"), "x").unwrap();
        fs::create_dir_all(dir.path().join("outside")).unwrap();
        fs::write(dir.path().join("outside/index.html"), "secret").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", out.join("passwd")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside"), out.join("dir")).unwrap();
        std::os::unix::fs::symlink(out.join("f.css"), out.join("a/link.css")).unwrap();
        fs::create_dir_all(out.join("b")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", out.join("b/index.html")).unwrap();
        for ok in ["/", "/a/", "/a", "/f.css", "/missing.html", "/a/%69ndex.html"] {
            assert_eq!(look(&out, ok), Found::Servable, "{ok}");
        }
        for bad in
            ["/passwd", "/dir/", "/dir/index.html", "/a/link.css", "/b/", "/%70asswd", "/a/../passwd", "/%zz"]
        {
            assert_eq!(look(&out, bad), Found::Refused, "{bad}");
        }
    }
}
