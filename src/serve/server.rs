//! The HTTP side of serve: the output folder through tower-http's `ServeDir` (which refuses
//! `..` and paths outside it), the reload event stream, and a middleware that decorates
//! every HTML response with the reload script and the error overlay.

use super::overlay::{self, EVENTS_PATH};
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

/// The largest HTML page the middleware will decorate.
const MAX_HTML: usize = 64 * 1024 * 1024;

/// The whole app: files of `output`, the event stream, the decoration.
pub fn router(output: PathBuf, live: LiveRx, viewers: reload::Viewers) -> Router {
    let files = ServeDir::new(output)
        .append_index_html_on_directories(true)
        .not_found_service(not_found.into_service());
    Router::new()
        .route(EVENTS_PATH, get(reload::events))
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(live.clone(), decorate))
        .with_state(reload::EventsState { live, viewers })
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
