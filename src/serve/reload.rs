//! Live reload: the state every page is decorated from, and the Server-Sent Events stream
//! that tells open pages to reload after each rebuild.

use super::overlay::{self, OverlayError};
use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// What the server knows about the latest rebuild.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Live {
    /// Bumped after every rebuild, good or bad.
    pub generation: u64,
    /// The error overlay, while the content has errors.
    pub overlay: Option<Arc<str>>,
}

impl Live {
    /// The state after a rebuild with these errors (none: the build succeeded).
    pub fn next(&self, errors: &[OverlayError]) -> Live {
        Live {
            generation: self.generation + 1,
            overlay: (!errors.is_empty()).then(|| Arc::from(overlay::render_overlay(errors))),
        }
    }

    /// What goes before `</body>` of every HTML page.
    pub fn snippet(&self) -> String {
        let mut s = String::new();
        if let Some(o) = &self.overlay {
            s.push_str(o);
        }
        s.push_str(&overlay::reload_script(self.generation));
        s
    }
}

pub type LiveRx = watch::Receiver<Live>;

#[derive(Debug, Deserialize)]
pub struct EventsQuery {
    /// The generation the page was served from.
    pub r#gen: Option<u64>,
    /// The address of the page (`location.pathname`), so that an edit re-renders the
    /// pages open in a browser first.
    pub page: Option<String>,
}

/// The pages open in a browser now, as output paths, with the number of connections
/// showing each.
#[derive(Clone, Debug, Default)]
pub struct Viewers(Arc<Mutex<BTreeMap<String, usize>>>);

impl Viewers {
    /// The output paths open now.
    pub fn snapshot(&self) -> BTreeSet<String> {
        self.0.lock().map(|m| m.keys().cloned().collect()).unwrap_or_default()
    }

    /// Count one more connection showing `path` until the guard is dropped.
    pub fn open(&self, path: String) -> ViewGuard {
        if let Ok(mut m) = self.0.lock() {
            *m.entry(path.clone()).or_insert(0) += 1;
        }
        ViewGuard { viewers: self.clone(), path }
    }
}

/// One connection's view of a page (see [`Viewers::open`]).
#[derive(Debug)]
pub struct ViewGuard {
    viewers: Viewers,
    path: String,
}

impl Drop for ViewGuard {
    fn drop(&mut self) {
        if let Ok(mut m) = self.viewers.0.lock()
            && let Some(n) = m.get_mut(&self.path)
        {
            *n -= 1;
            if *n == 0 {
                m.remove(&self.path);
            }
        }
    }
}

/// The output file a page address is served from: `/` → `index.html`,
/// `/bao-cao/x/` → `bao-cao/x/index.html`, `/a/b.html` → `a/b.html`; `None` for an
/// address that cannot be a page of the output (`..`, a query, a fragment).
pub fn output_path(page: &str) -> Option<String> {
    let p = page.strip_prefix('/')?;
    if p.split('/').any(|s| s == ".." || s == ".") || p.contains(['?', '#', '\\']) {
        return None;
    }
    let last = p.rsplit('/').next().unwrap_or("");
    Some(if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else if last.contains('.') {
        p.to_string()
    } else {
        format!("{p}/index.html")
    })
}

/// What the event stream needs: the rebuilds, and where to count the pages shown.
#[derive(Clone)]
pub struct EventsState {
    pub live: LiveRx,
    pub viewers: Viewers,
}

/// `GET /__kehoach/events?gen=N`: a `hello` event, then a `reload` event whenever the
/// generation differs from the one the client last saw (at once if the page is stale).
/// The stream ends when the server shuts down (the sender is dropped).
pub async fn events(
    State(state): State<EventsState>,
    Query(q): Query<EventsQuery>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let live = state.live;
    // Counted while the stream lives (the guard goes with it when the page closes).
    let guard = q.page.as_deref().and_then(output_path).map(|p| state.viewers.open(p));
    let current = live.borrow().generation;
    let seen = q.r#gen.unwrap_or(current);
    let hello = Event::default().event("hello").data(current.to_string());
    let updates = stream::unfold((live, seen, guard), |(mut live, seen, guard)| async move {
        loop {
            let now = live.borrow_and_update().generation;
            if now != seen {
                let ev = Event::default().event("reload").data(now.to_string());
                return Some((Ok(ev), (live, now, guard)));
            }
            if live.changed().await.is_err() {
                return None;
            }
        }
    });
    let events = stream::once(async move { Ok(hello) });
    Sse::new(futures_util::StreamExt::chain(events, updates)).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_bumps_generation_and_sets_or_clears_the_overlay() {
        let start = Live::default();
        let bad = start.next(&[overlay::plain_error("boom")]);
        assert_eq!(bad.generation, 1);
        assert!(bad.snippet().contains("kehoach-overlay"));
        assert!(bad.snippet().contains("boom"));
        let good = bad.next(&[]);
        assert_eq!(good.generation, 2);
        assert_eq!(good.overlay, None);
        assert!(!good.snippet().contains("kehoach-overlay"));
        assert!(good.snippet().contains("data-gen=\"2\""));
    }

    #[test]
    fn page_addresses_map_to_output_files() {
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
        assert_eq!(output_path("/bao-cao/to-1/").as_deref(), Some("bao-cao/to-1/index.html"));
        assert_eq!(output_path("/bao-cao/to-1").as_deref(), Some("bao-cao/to-1/index.html"));
        assert_eq!(output_path("/bao-cao/to-1/index.html").as_deref(), Some("bao-cao/to-1/index.html"));
        assert_eq!(output_path("/404.html").as_deref(), Some("404.html"));
        assert_eq!(output_path("/a/../b/"), None);
        assert_eq!(output_path("relative/"), None);
    }

    #[test]
    fn viewers_are_counted_until_their_connections_close() {
        let v = Viewers::default();
        let a = v.open("a/index.html".into());
        let a2 = v.open("a/index.html".into());
        let b = v.open("b/index.html".into());
        assert_eq!(v.snapshot().len(), 2);
        drop(a);
        assert!(v.snapshot().contains("a/index.html"));
        drop(a2);
        drop(b);
        assert!(v.snapshot().is_empty());
    }
}
