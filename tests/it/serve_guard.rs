//! What serve refuses, over real sockets: requests sent under another host name (DNS
//! rebinding), writes from another origin, links planted in the output folder, oversized
//! requests, and connections left idle.

use crate::support::http::get;
use kehoach::serve::limits::IdleListener;
use kehoach::serve::reload::{Live, Viewers};
use kehoach::serve::server::{local_only, router};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;
use tokio::sync::watch;

struct Server {
    addr: SocketAddr,
    _live: watch::Sender<Live>,
    _rt: tokio::runtime::Runtime,
    dir: tempfile::TempDir,
}

/// The app as `kehoach serve` runs it (own names only, idle sockets closed after `idle`),
/// over a folder `out/` with a page, beside files that must never be served.
fn start(idle: Duration) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("bao-cao/r1")).unwrap();
    std::fs::write(out.join("index.html"), "<html><body><h1>Trang chủ</h1></body></html>").unwrap();
    std::fs::write(out.join("bao-cao/r1/index.html"), "<html><body>Báo cáo</body></html>").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "SECRET-OUTSIDE").unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (live, rx) = watch::channel(Live::default());
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let app = local_only(router(out, rx, Viewers::default()), addr.port());
    rt.spawn(async move { axum::serve(IdleListener::new(listener, idle), app).await });
    Server { addr, _live: live, _rt: rt, dir }
}

/// Send `request` as it is; the status and the body.
fn raw(addr: SocketAddr, request: &str) -> (u16, String) {
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c.write_all(request.as_bytes()).unwrap();
    let mut got = Vec::new();
    let _ = c.read_to_end(&mut got);
    let text = String::from_utf8_lossy(&got).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

fn get_as(addr: SocketAddr, host: &str, path: &str) -> (u16, String) {
    raw(addr, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
}

#[test]
fn only_the_servers_own_host_names_are_answered() {
    let s = start(Duration::from_secs(60));
    let port = s.addr.port();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        let (status, body) = get_as(s.addr, &host, "/");
        assert_eq!(status, 200, "{host}: {body}");
        assert!(body.contains("Trang chủ"));
    }
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        let (status, body) = get_as(s.addr, &host, "/");
        assert_eq!(status, 403, "{host}: {body}");
        assert!(!body.contains("Trang chủ"), "{host} read the site");
        assert!(body.contains("chỉ trả lời"), "{body}");
    }
    // No Host at all (HTTP/1.0): refused too.
    let (status, _) = raw(s.addr, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 403);
    // The event stream as well.
    let (status, _) = get_as(s.addr, &format!("evil.example:{port}"), "/__kehoach/events?gen=0");
    assert_eq!(status, 403);
}

#[test]
fn a_write_from_another_origin_is_refused() {
    let s = start(Duration::from_secs(60));
    let port = s.addr.port();
    let post = |origin: &str| {
        raw(
            s.addr,
            &format!(
                "POST /__kehoach/soan/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\n\
                 Content-Length: 0\r\nConnection: close\r\n\r\n"
            ),
        )
    };
    let (status, body) = post("http://evil.example");
    assert_eq!(status, 403, "{body}");
    let (status, _) = post("null");
    assert_eq!(status, 403);
    // The server's own origin passes the check (then the route decides: none here).
    let (status, _) = post(&format!("http://127.0.0.1:{port}"));
    assert_ne!(status, 403);
}

#[cfg(unix)]
#[test]
fn links_planted_in_the_output_are_not_followed() {
    let s = start(Duration::from_secs(60));
    let out = s.dir.path().join("out");
    std::os::unix::fs::symlink("/etc/passwd", out.join("passwd")).unwrap();
    std::os::unix::fs::symlink(s.dir.path().join("secret.txt"), out.join("bao-cao/r1/secret.txt")).unwrap();
    std::os::unix::fs::symlink(s.dir.path(), out.join("up")).unwrap();
    for path in ["/passwd", "/bao-cao/r1/secret.txt", "/up/secret.txt", "/up/"] {
        let (status, _, body) = get(s.addr, path);
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains("root:") && !body.contains("SECRET"), "{path} leaked: {body}");
    }
    let (status, _, _) = get(s.addr, "/bao-cao/r1/");
    assert_eq!(status, 200, "regular files are still served");
}

#[test]
fn oversized_requests_get_414_and_431_not_500() {
    let s = start(Duration::from_secs(60));
    let long = format!("/{}", "a".repeat(10_000));
    let (status, _, _) = get(s.addr, &long);
    assert_eq!(status, 414);
    // Short enough for the address, too long for a file name: not found, not a 500.
    let (status, _, _) = get(s.addr, &format!("/{}/", "b".repeat(1000)));
    assert_eq!(status, 404);
    let port = s.addr.port();
    let big = "x".repeat(4000);
    let headers: String = (0..12).map(|i| format!("X-Pad-{i}: {big}\r\n")).collect();
    let (status, _) = raw(
        s.addr,
        &format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}Connection: close\r\n\r\n"),
    );
    assert_eq!(status, 431);
    let (status, _, _) = get(s.addr, "/");
    assert_eq!(status, 200, "still serving");
}

#[test]
fn an_idle_connection_is_closed_by_the_server() {
    let s = start(Duration::from_millis(300));
    // Half a request, then nothing.
    let mut c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    c.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1").unwrap();
    let mut buf = [0u8; 256];
    let n = read_retrying(&mut c, &mut buf).expect("closed by the server, not by the read timeout");
    let got = String::from_utf8_lossy(&buf[..n]);
    assert!(n == 0 || !got.contains("200 OK"), "{got}");
    // A connection that sends nothing at all.
    let mut c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    assert_eq!(read_retrying(&mut c, &mut buf).expect("closed by the server"), 0);
}

/// `read`, again when a signal to the test process interrupted it (other tests start and
/// stop child processes): only the server's answer or the read timeout ends it.
fn read_retrying(c: &mut TcpStream, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match c.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}
