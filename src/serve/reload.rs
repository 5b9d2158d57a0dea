//! Live reload: the state every page is decorated from, and the Server-Sent Events stream
//! that tells open pages to reload after each rebuild.

use super::overlay::{self, OverlayError};
use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use std::convert::Infallible;
use std::sync::Arc;
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
        let mut s = overlay::reload_script(self.generation);
        if let Some(o) = &self.overlay {
            s.push_str(o);
        }
        s
    }
}

pub type LiveRx = watch::Receiver<Live>;

#[derive(Debug, Deserialize)]
pub struct EventsQuery {
    /// The generation the page was served from.
    pub r#gen: Option<u64>,
}

/// `GET /__kehoach/events?gen=N`: a `hello` event, then a `reload` event whenever the
/// generation differs from the one the client last saw (at once if the page is stale).
/// The stream ends when the server shuts down (the sender is dropped).
pub async fn events(
    State(live): State<LiveRx>,
    Query(q): Query<EventsQuery>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let current = live.borrow().generation;
    let seen = q.r#gen.unwrap_or(current);
    let hello = Event::default().event("hello").data(current.to_string());
    let updates = stream::unfold((live, seen), |(mut live, seen)| async move {
        loop {
            let now = live.borrow_and_update().generation;
            if now != seen {
                let ev = Event::default().event("reload").data(now.to_string());
                return Some((Ok(ev), (live, now)));
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
        assert!(good.snippet().contains("gen=2"));
    }
}
