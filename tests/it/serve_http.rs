//! The dev server's HTTP side, in-process over a hand-made output folder: files served
//! from the folder only, HTML decorated with the reload script and the error overlay, the
//! event stream announcing rebuilds. (The full `kehoach serve` loop is in tests/serve.rs.)

use crate::support::http::{get, read_until};
use kehoach::serve::overlay::plain_error;
use kehoach::serve::reload::Live;
use kehoach::serve::server::router;
use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;
use tokio::sync::watch;

struct Server {
    addr: SocketAddr,
    viewers: kehoach::serve::reload::Viewers,
    live: watch::Sender<Live>,
    _rt: tokio::runtime::Runtime,
    dir: tempfile::TempDir,
}

/// A folder `site/` holding `out/` (served) and, beside it, files that must never be served.
fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("bao-cao/r1")).unwrap();
    std::fs::create_dir_all(out.join("static")).unwrap();
    std::fs::write(dir.path().join("Cargo.toml"), "SECRET-OUTSIDE").unwrap();
    std::fs::write(dir.path().join("x"), "SECRET-X").unwrap();
    std::fs::write(out.join("index.html"), "<!doctype html><html><body><h1>Trang chủ</h1></body></html>")
        .unwrap();
    std::fs::write(out.join("bao-cao/r1/index.html"), "<html><body><p>Báo cáo 1</p></body></html>").unwrap();
    std::fs::write(out.join("static/a.css"), "body{color:red}").unwrap();
    std::fs::write(out.join("data.json"), "{\"a\":1}").unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (live, rx) = watch::channel(Live::default());
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let viewers = kehoach::serve::reload::Viewers::default();
    let app = router(out, rx, viewers.clone());
    rt.spawn(async move { axum::serve(listener, app).await });
    Server { addr, viewers, live, _rt: rt, dir }
}

fn out_file(s: &Server, rel: &str) -> String {
    std::fs::read_to_string(s.dir.path().join("out").join(rel)).unwrap()
}

#[test]
fn traversal_paths_get_404_and_nothing_outside_the_output() {
    let s = start();
    let (status, _, body) = get(s.addr, "/");
    assert_eq!(status, 200, "the folder itself is served: {body}");
    assert!(body.contains("Trang chủ"));
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/..%2fCargo.toml",
        "/..%2FCargo.toml",
        "/static/../../x",
        "/static/..%2f..%2fx",
        "/static/%2e%2e/%2e%2e/x",
        "/..\\Cargo.toml",
        "//etc/passwd",
    ] {
        let (status, _, body) = get(s.addr, path);
        assert_eq!(status, 404, "{path} → {status}: {body}");
        assert!(!body.contains("SECRET"), "{path} leaked a file outside the output");
    }
}

#[test]
fn html_gets_the_reload_script_and_other_files_are_untouched() {
    let s = start();
    let (status, headers, body) = get(s.addr, "/bao-cao/r1/");
    assert_eq!(status, 200);
    // The reload script, then the editor's "Soạn thảo" link, a second snippet.
    assert_eq!(
        body,
        format!(
            "<html><body><p>Báo cáo 1</p><script src=\"/__kehoach/live.js\" data-gen=\"0\"></script>{}</body></html>",
            kehoach::serve::editor::LINK
        )
    );
    assert!(headers.to_ascii_lowercase().contains("cache-control: no-store"), "{headers}");
    assert!(!body.contains("kehoach-overlay"));

    let (status, _, css) = get(s.addr, "/static/a.css");
    assert_eq!((status, css.as_str()), (200, "body{color:red}"));
    let (status, _, json) = get(s.addr, "/data.json");
    assert_eq!((status, json.as_str()), (200, "{\"a\":1}"));
    assert!(!out_file(&s, "bao-cao/r1/index.html").contains("script"), "never written into the files");
}

#[test]
fn the_reload_script_and_overlay_styles_are_served_as_files() {
    let s = start();
    let (status, headers, js) = get(s.addr, "/__kehoach/live.js");
    assert_eq!(status, 200);
    assert!(headers.to_ascii_lowercase().contains("content-type: text/javascript"), "{headers}");
    assert!(js.contains("/__kehoach/events?gen=") && js.contains("location.reload()"), "{js}");
    let (status, headers, css) = get(s.addr, "/__kehoach/overlay.css");
    assert_eq!(status, 200);
    assert!(headers.to_ascii_lowercase().contains("content-type: text/css"), "{headers}");
    assert!(css.contains("#kehoach-overlay") && css.contains("position: fixed"), "{css}");
}

#[test]
fn errors_show_as_an_overlay_on_every_page_until_a_good_build() {
    let s = start();
    let err = kehoach::serve::overlay::OverlayError {
        location: "content/units.yaml:4:9".into(),
        message: "unknown key `<nme>`".into(),
        detail: "error: unknown key `<nme>`\n".into(),
    };
    s.live.send_modify(|l| *l = l.next(&[err, plain_error("second")]));
    for path in ["/", "/bao-cao/r1/", "/khong-co/"] {
        let (_, _, body) = get(s.addr, path);
        assert!(body.contains("id=\"kehoach-overlay\""), "{path}: {body}");
        assert!(body.contains("content/units.yaml:4:9"));
        assert!(body.contains("unknown key `&lt;nme&gt;`"));
        assert!(!body.contains("<nme>"));
        assert!(body.contains("data-gen=\"1\""));
        assert!(body.contains("href=\"/__kehoach/overlay.css\""));
        assert!(!body.contains(" style=") && !body.contains("<style") && !body.contains("onclick"), "{body}");
    }
    let (_, _, body) = get(s.addr, "/");
    assert!(body.contains("Trang chủ"), "the last good page is still served under the overlay");
    s.live.send_modify(|l| *l = l.next(&[]));
    let (_, _, body) = get(s.addr, "/");
    assert!(!body.contains("kehoach-overlay"), "a good build clears the overlay");
    assert!(body.contains("data-gen=\"2\""));
    assert!(!out_file(&s, "index.html").contains("overlay"));
}

#[test]
fn missing_pages_are_a_decorated_404() {
    let s = start();
    let (status, _, body) = get(s.addr, "/khong-co/");
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy"));
    assert!(body.contains("data-gen=\"0\""), "a missing page reloads when it appears");
}

fn open_events(addr: SocketAddr, r#gen: u64) -> TcpStream {
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        c,
        "GET /__kehoach/events?gen={gen} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    c
}

#[test]
fn event_stream_announces_each_rebuild_and_ends_on_shutdown() {
    let s = start();
    let mut c = open_events(s.addr, 0);
    let head = read_until(&mut c, "event: hello");
    assert!(head.contains("text/event-stream"), "{head}");
    assert!(!head.contains("event: reload"), "an up-to-date page is not reloaded");
    s.live.send_modify(|l| *l = l.next(&[]));
    let got = read_until(&mut c, "event: reload");
    assert!(got.contains("data: 1"), "{got}");

    // A page served before the last rebuild reloads as soon as it connects.
    let mut stale = open_events(s.addr, 0);
    let got = read_until(&mut stale, "event: reload");
    assert!(got.contains("data: 1"));

    // Dropping the sender (what serve does on Ctrl-C) ends the streams.
    let Server { live, addr: _, viewers: _, _rt, dir: _dir } = s;
    drop(live);
    let rest = read_until(&mut c, "0\r\n\r\n");
    assert!(rest.ends_with("0\r\n\r\n"), "the chunked stream is closed: {rest:?}");
}

#[test]
fn an_open_page_is_known_until_its_event_stream_closes() {
    let s = start();
    let (_, _, js) = get(s.addr, "/__kehoach/live.js");
    assert!(js.contains("'&page=' + encodeURIComponent(location.pathname)"), "{js}");
    let mut c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        c,
        "GET /__kehoach/events?gen=0&page=%2Fbao-cao%2Fr1%2F HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    read_until(&mut c, "event: hello");
    assert_eq!(s.viewers.snapshot().into_iter().collect::<Vec<_>>(), vec!["bao-cao/r1/index.html"]);
    drop(c);
    // The server sees the closed connection at its next write (a keep-alive or an event).
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !s.viewers.snapshot().is_empty() {
        s.live.send_modify(|l| *l = l.next(&[]));
        assert!(std::time::Instant::now() < deadline, "the closed page is still counted");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn output_folder_missing_during_a_swap_is_a_404_not_a_crash() {
    let s = start();
    let out = s.dir.path().join("out");
    std::fs::rename(&out, s.dir.path().join("gone")).unwrap();
    let (status, _, _) = get(s.addr, "/");
    assert_eq!(status, 404);
    std::fs::rename(s.dir.path().join("gone"), &out).unwrap();
    assert!(Path::new(&out).join("index.html").exists());
    let (status, _, _) = get(s.addr, "/");
    assert_eq!(status, 200);
}
