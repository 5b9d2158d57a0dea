//! The HTTP side of serve: the output folder through tower-http's `ServeDir` (which refuses
//! `..` and paths outside it), the reload event stream, and a middleware that decorates
//! every HTML response with the reload script and the error overlay. The script and the
//! overlay's styles are served as files under `/__kehoach/`, so that the site's own
//! Content-Security-Policy (`script-src 'self'; style-src 'self'`) allows them.
//!
//! What serve refuses (see [`local_only`] and [`super::guard`]):
//! - a `Host` other than the server's own (`127.0.0.1`, `localhost` or `[::1]`, with its
//!   port): `403 Forbidden`, for every method. A page on another site that the browser
//!   resolves to 127.0.0.1 (DNS rebinding) sends its own name as `Host`, so it can neither
//!   read the site nor write through the editor. 403, not 421: the request did reach the
//!   right server; it is the name it was sent under that is refused.
//! - a request that changes something (not GET, HEAD or OPTIONS) whose `Origin` is not
//!   the server's own address: `403`.
//! - an address longer than [`MAX_URI`] bytes: `414`; headers larger than
//!   [`MAX_HEADERS`] bytes in all: `431`.
//! - anything in the output folder but a regular file (a symbolic link, a pipe): `404`.

use super::overlay::{self, EVENTS_PATH, SCRIPT_PATH, STYLE_PATH};
use super::reload::{self, LiveRx};
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::handler::HandlerWithoutStateExt;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use std::path::PathBuf;
use tower_http::services::ServeDir;

/// The longest request address (path and query) served, in bytes.
pub const MAX_URI: usize = 4096;
/// The most header bytes (names and values) a request may carry.
pub const MAX_HEADERS: usize = 32 * 1024;

/// The largest HTML page the middleware will decorate.
const MAX_HTML: usize = 64 * 1024 * 1024;

/// The whole app: files of `output`, the event stream, the decoration.
pub fn router(output: PathBuf, live: LiveRx, viewers: reload::Viewers) -> Router {
    let files = ServeDir::new(output.clone())
        .append_index_html_on_directories(true)
        .not_found_service(not_found.into_service());
    Router::new()
        .route(EVENTS_PATH, get(reload::events))
        .route(SCRIPT_PATH, get(script))
        .route(STYLE_PATH, get(style))
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(output, super::guard::regular_files_only))
        .layer(middleware::from_fn_with_state(live.clone(), decorate))
        .layer(middleware::from_fn(bounded))
        .with_state(reload::EventsState { live, viewers })
}

/// `GET /__kehoach/live.js`: the reload script (a file, so the site's CSP allows it).
async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], overlay::SCRIPT)
}

/// `GET /__kehoach/overlay.css`: the overlay's styles.
async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], overlay::STYLE)
}

/// `app`, answering only requests sent to this server by its own names on `port`
/// (see the module's documentation). The outermost layer: a refused request reaches
/// nothing else.
pub fn local_only(app: Router, port: u16) -> Router {
    app.layer(middleware::from_fn_with_state(port, own_host_only))
}

/// Whether `host` (a `Host` header's value) names this server on `port`.
pub fn is_own_host(host: &str, port: u16) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let (name, p) = match host.rsplit_once(':') {
        Some((name, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !name.ends_with(':') => {
            (name.to_string(), p.parse::<u16>().ok())
        }
        // `[::1]` alone, `localhost` alone: the default port.
        _ => (host.clone(), Some(80)),
    };
    matches!(name.as_str(), "127.0.0.1" | "localhost" | "[::1]") && p == Some(port)
}

/// Whether `origin` (an `Origin` header's value) is this server's own address.
pub fn is_own_origin(origin: &str, port: u16) -> bool {
    origin.strip_prefix("http://").is_some_and(|host| !host.contains('/') && is_own_host(host, port))
}

fn refused(status: StatusCode, text: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

async fn own_host_only(State(port): State<u16>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or(req.uri().authority().map(|a| a.as_str()));
    if !host.is_some_and(|h| is_own_host(h, port)) {
        return refused(
            StatusCode::FORBIDDEN,
            format!(
                "403: kehoach serve chỉ trả lời khi được gọi bằng http://127.0.0.1:{port}/, http://localhost:{port}/ \
                 hoặc http://[::1]:{port}/ (tên máy `{}` bị từ chối).\n",
                host.unwrap_or("")
            ),
        );
    }
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let origin = req.headers().get(header::ORIGIN).map(|v| v.to_str().unwrap_or(""));
    if !safe && origin.is_some_and(|o| !is_own_origin(o, port)) {
        return refused(
            StatusCode::FORBIDDEN,
            format!(
                "403: yêu cầu ghi từ trang `{}` bị từ chối: chỉ các trang của http://127.0.0.1:{port}/ được ghi.\n",
                origin.unwrap_or("")
            ),
        );
    }
    next.run(req).await
}

/// 414 for a long address, 431 for large headers: refused before any file is looked up.
async fn bounded(req: Request, next: Next) -> Response {
    let uri_len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if uri_len > MAX_URI {
        return refused(
            StatusCode::URI_TOO_LONG,
            format!("414: địa chỉ dài {uri_len} byte, quá giới hạn {MAX_URI} byte.\n"),
        );
    }
    let header_bytes: usize = req.headers().iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if header_bytes > MAX_HEADERS {
        return refused(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("431: phần đầu yêu cầu dài {header_bytes} byte, quá giới hạn {MAX_HEADERS} byte.\n"),
        );
    }
    next.run(req).await
}

async fn not_found() -> impl IntoResponse {
    (
        StatusCode::NOT_FOUND,
        Html(
            "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Không tìm thấy</title>\
</head><body><h1>Không tìm thấy trang (404)</h1><p><a href=\"/\">Về trang chủ</a></p></body></html>",
        ),
    )
}

/// Headers that would let a browser keep a page without the current overlay.
const CONDITIONAL: [header::HeaderName; 6] = [
    header::IF_MODIFIED_SINCE,
    header::IF_NONE_MATCH,
    header::IF_MATCH,
    header::IF_UNMODIFIED_SINCE,
    header::IF_RANGE,
    header::RANGE,
];

async fn decorate(State(live): State<LiveRx>, mut req: Request, next: Next) -> Response {
    for h in &CONDITIONAL {
        req.headers_mut().remove(h);
    }
    let is_head = req.method() == Method::HEAD;
    // The state the page is served with: read before the file, so that a rebuild in
    // between makes the page stale (and reloaded), never wrongly fresh.
    let state = live.borrow().clone();
    let res = next.run(req).await;
    let (mut parts, body) = res.into_parts();
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let is_html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/html"));
    let decoratable = matches!(parts.status, StatusCode::OK | StatusCode::NOT_FOUND);
    if !is_html || !decoratable || is_head {
        return Response::from_parts(parts, body);
    }
    let bytes = match to_bytes(body, MAX_HTML).await {
        Ok(b) => b,
        Err(e) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, format!("cannot read the page: {e}")).into_response();
        }
    };
    let html = overlay::inject(&String::from_utf8_lossy(&bytes), &state.snippet());
    // A second snippet, the editor's link (never in built files: only here).
    let html = overlay::inject(&html, super::editor::LINK);
    for h in [header::CONTENT_LENGTH, header::ETAG, header::LAST_MODIFIED, header::ACCEPT_RANGES] {
        parts.headers.remove(h);
    }
    Response::from_parts(parts, Body::from(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_own_names_and_port() {
        for ok in ["127.0.0.1:1111", "localhost:1111", "LOCALHOST:1111", "[::1]:1111", " 127.0.0.1:1111 "] {
            assert!(is_own_host(ok, 1111), "{ok}");
        }
        for bad in [
            "127.0.0.1",
            "127.0.0.1:80",
            "evil.example:1111",
            "127.0.0.1.evil.example:1111",
            "localhost.:1111",
            "::1:1111",
            "[::1]",
            "127.0.0.2:1111",
            "0.0.0.0:1111",
            "",
            "127.0.0.1:1111:1111",
        ] {
            assert!(!is_own_host(bad, 1111), "{bad}");
        }
        assert!(is_own_host("localhost", 80) && is_own_host("[::1]", 80), "port 80 may be left out");
        assert!(is_own_origin("http://127.0.0.1:1111", 1111));
        assert!(is_own_origin("http://localhost:1111", 1111));
        for bad in
            ["https://127.0.0.1:1111", "http://evil.example:1111", "null", "http://127.0.0.1:1111/x", ""]
        {
            assert!(!is_own_origin(bad, 1111), "{bad}");
        }
    }
}
