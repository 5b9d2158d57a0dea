//! `kehoach serve` end to end: start it on a free port over a copy of the valid fixture
//! site, fetch over HTTP, edit a report and see the reload event and the change, break the
//! content and see the overlay over the last good build, fix it, stop it with Ctrl-C.

use crate::support::http::{get, read_until};
use crate::support::{edit_file, kehoach};
use kehoach::derive::testkit::{SiteFiles, fixture};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
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
        let line = s.wait_line("http://");
        let url = line.split("http://").nth(1).unwrap().split('/').next().unwrap();
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
    write!(c, "GET /__kehoach/events?gen={gen} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    read_until(&mut c, "event: hello");
    c
}

/// The generation a page was served with, from its reload script.
fn generation(page: &str) -> String {
    let after = page.split("data-gen=\"").nth(1).expect("the reload script is injected");
    after.chars().take_while(char::is_ascii_digit).collect()
}

fn summary(addr: SocketAddr) -> serde_json::Value {
    let (status, _, body) = get(addr, "/data/summary.json");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The valid fixture in `site/` of a fresh temporary folder (with room beside it).
fn valid_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    fixture("valid").write_to(&root);
    (tmp, root)
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    edit_file(&root.join(rel), from, to);
}

#[test]
fn serve_rebuilds_reloads_shows_errors_and_stops_on_ctrl_c() {
    let (_tmp, root) = valid_site();
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
    let line = s.wait_line("(báo cáo)");
    assert!(line.contains(REPORT) && line.contains("ms sau khi lưu"), "{line}");

    // Break the content: the last good site stays, every page carries the errors.
    edit(&root, "content/teams.yaml", "  name: Tổ công tác số 1", "  nme: Tổ công tác số 1");
    read_until(&mut stream, "event: reload");
    for path in ["/", "/khong-co/"] {
        let (_, _, page) = get(s.addr, path);
        assert!(page.contains("id=\"kehoach-overlay\""), "{path}: {page}");
        assert!(page.contains("content/teams.yaml:"), "the error names its file and line: {page}");
    }
    assert_eq!(summary(s.addr)["late"], 0, "the last good build is still served");
    s.wait_line("vẫn phục vụ bản dựng tốt gần nhất");

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

/// The site's `content/` deleted and put back (a `git checkout`, a restored backup): serve
/// says the content is gone, then picks it up again by itself, and sees later saves.
#[test]
fn serve_recovers_when_content_is_deleted_and_put_back() {
    let (tmp, root) = valid_site();
    let mut s = Serve::start(&root);
    assert_eq!(summary(s.addr)["late"], 1);

    let content = root.join("content");
    let aside = tmp.path().join("content-backup");
    std::fs::rename(&content, &aside).unwrap();
    s.wait_line("vẫn phục vụ bản dựng tốt gần nhất");
    assert_eq!(summary(s.addr)["late"], 1, "the last good build is served meanwhile");

    SiteFiles::default().with_tree(&aside, "").write_to(&content);
    s.wait_line("đã dựng");
    // A save after the folder came back is seen.
    edit(&root, REPORT, "submitted_on: 2024-04-10", "submitted_on: 2024-03-28");
    let deadline = Instant::now() + Duration::from_secs(30);
    while summary(s.addr)["late"] != 0 {
        assert!(Instant::now() < deadline, "the save after the folder came back was not seen");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (_, _, home) = get(s.addr, "/");
    assert!(!home.contains("kehoach-overlay"), "no error left: {home}");
}

/// While the site is rebuilt after edit upon edit (a report: some pages rewritten in place;
/// site.yaml: the whole output swapped), every valid page is answered every time.
#[test]
fn pages_are_never_missing_while_serve_rebuilds() {
    let (_tmp, root) = valid_site();
    let mut s = Serve::start(&root);
    let addr = s.addr;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let pages = ["/", "/theo-doi/", "/bao-cao/to-1-2024-03-chi-bo/", "/data/summary.json"];
            let mut bad = Vec::new();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for p in pages {
                    let (status, _, _) = get(addr, p);
                    n += 1;
                    if status != 200 {
                        bad.push((p, status));
                    }
                }
            }
            (n, bad)
        })
    };
    let title = "title: Kế hoạch dự sinh hoạt chi bộ, sinh hoạt cấp ủy năm 2024";
    for k in 0..4 {
        edit(&root, REPORT, "submitted_on: 2024-04-10", "submitted_on: 2024-03-28");
        s.wait_line("(báo cáo)");
        edit(&root, REPORT, "submitted_on: 2024-03-28", "submitted_on: 2024-04-10");
        s.wait_line("(báo cáo)");
        let (from, to) = if k % 2 == 0 {
            (title.to_string(), format!("{title} "))
        } else {
            (format!("{title} "), title.to_string())
        };
        edit(&root, "content/site.yaml", &from, &to);
        s.wait_line("(dữ liệu)");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (n, bad) = reader.join().unwrap();
    assert!(n > 0);
    assert!(bad.is_empty(), "{} of {n} requests failed: {bad:?}", bad.len());
}

#[test]
fn serve_refuses_other_host_names() {
    let (_tmp, root) = valid_site();
    let s = Serve::start(&root);
    let mut c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(c, "GET / HTTP/1.1\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n", s.addr.port()).unwrap();
    let mut got = String::new();
    std::io::Read::read_to_string(&mut c, &mut got).unwrap();
    assert!(got.starts_with("HTTP/1.1 403"), "{got}");
    let (status, _, _) = get(s.addr, "/");
    assert_eq!(status, 200);
}

/// A site holding several plans: served whole, every plan under its folder; an edit of an
/// old plan's report is seen after the reload; an error in a plan's file shows in the
/// overlay with its path.
#[test]
fn serve_a_site_of_several_plans() {
    let tmp = kehoach::derive::testkit::fixture("plans").write();
    let root = tmp.path().to_path_buf();
    let mut s = Serve::start(&root);
    let (status, _, home) = get(s.addr, "/");
    assert_eq!(status, 200);
    assert!(home.contains("Các kế hoạch"), "{home}");
    let (status, _, team) = get(s.addr, "/2024/to-cong-tac/to-1/");
    assert_eq!(status, 200);
    assert!(team.contains("Trang này thuộc <strong>Kế hoạch 2024</strong>"));
    let mut stream = events(s.addr, &generation(&home));
    edit(&root, "content/2024/teams.yaml", "Tổ công tác số 1", "Tổ công tác số Một");
    read_until(&mut stream, "event: reload");
    let (_, _, team) = get(s.addr, "/2024/to-cong-tac/to-1/");
    assert!(team.contains("Tổ công tác số Một"), "{team}");
    edit(&root, "content/2023/teams.yaml", "  name: Tổ công tác số 1", "  nme: Tổ công tác số 1");
    read_until(&mut stream, "event: reload");
    let (_, _, page) = get(s.addr, "/2023/");
    assert!(page.contains("content/2023/teams.yaml:"), "{page}");
    s.wait_line("vẫn phục vụ bản dựng tốt gần nhất");
}
