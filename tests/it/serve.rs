//! `kehoach serve` end to end: start it on a free port over a copy of the valid fixture
//! site, fetch over HTTP, edit a report and see the reload event and the change, break the
//! content and see the overlay over the last good build, fix it, stop it with Ctrl-C.

use crate::http::{get, read_until};
use crate::support::{VALID, copy_tree, kehoach};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const REPORT: &str = "content/reports/2024-03/to-1-2024-03-chi-bo.md";

/// The running server, its stdout lines, and where it listens.
struct Serve {
    child: Child,
    lines: mpsc::Receiver<String>,
    addr: SocketAddr,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let mut child = kehoach()
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut s = Serve { child, lines, addr: "127.0.0.1:1".parse().unwrap() };
        let line = s.wait_line("at http://");
        let url = line.split("at http://").nth(1).unwrap().split('/').next().unwrap();
        s.addr = url.parse().unwrap();
        assert!(s.addr.ip().is_loopback(), "listens on 127.0.0.1 only: {line}");
        s
    }

    /// The next stdout line containing `needle` (earlier lines are skipped).
    fn wait_line(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with `{needle}` from kehoach serve: {e}"),
            }
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn events(addr: SocketAddr, r#gen: &str) -> TcpStream {
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(c, "GET /__kehoach/events?gen={gen} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    read_until(&mut c, "event: hello");
    c
}

/// The generation a page was served with, from its reload script.
fn generation(page: &str) -> String {
    let after = page.split("/__kehoach/events?gen=").nth(1).expect("the reload script is injected");
    after.chars().take_while(char::is_ascii_digit).collect()
}

fn summary(addr: SocketAddr) -> serde_json::Value {
    let (status, _, body) = get(addr, "/data/summary.json");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} holds no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serve_rebuilds_reloads_shows_errors_and_stops_on_ctrl_c() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(Path::new(VALID), &root);
    let mut s = Serve::start(&root);

    // The first build is served; the report of visit #2 is late.
    assert_eq!(summary(s.addr)["late"], 1);
    let (_, _, home) = get(s.addr, "/");
    assert!(!home.contains("kehoach-overlay"));
    assert!(!root.join("public").exists(), "serve does not touch public/");

    // Edit the report: submitted in time. A reload event, then the new figures.
    let mut stream = events(s.addr, &generation(&home));
    edit(&root, REPORT, "submitted_on: 2024-04-10", "submitted_on: 2024-03-28");
    let ev = read_until(&mut stream, "event: reload");
    assert!(ev.contains("data: 2"), "{ev}");
    assert_eq!(summary(s.addr)["late"], 0);
    let line = s.wait_line("(report)");
    assert!(line.contains(REPORT) && line.contains("ms after the save"), "{line}");

    // Break the content: the last good site stays, every page carries the errors.
    edit(&root, "content/teams.yaml", "  name: Tổ công tác số 1", "  nme: Tổ công tác số 1");
    read_until(&mut stream, "event: reload");
    for path in ["/", "/khong-co/"] {
        let (_, _, page) = get(s.addr, path);
        assert!(page.contains("id=\"kehoach-overlay\""), "{path}: {page}");
        assert!(page.contains("content/teams.yaml:"), "the error names its file and line: {page}");
    }
    assert_eq!(summary(s.addr)["late"], 0, "the last good build is still served");
    s.wait_line("still serving the last good build");

    // Fix it: the overlay goes.
    edit(&root, "content/teams.yaml", "  nme: Tổ công tác số 1", "  name: Tổ công tác số 1");
    read_until(&mut stream, "event: reload");
    let (_, _, home) = get(s.addr, "/");
    assert!(!home.contains("kehoach-overlay"), "{home}");

    // An editor's swap file changes nothing.
    std::fs::write(root.join("content/.teams.yaml.swp"), "x").unwrap();
    std::thread::sleep(Duration::from_millis(600));
    let (_, _, again) = get(s.addr, "/");
    assert_eq!(generation(&again), generation(&home));

    // Ctrl-C: a clean stop, the open event stream closed.
    let pid = s.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}
