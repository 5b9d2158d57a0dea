//! One reading of a report's Markdown for everything made from it: the HTML of its page,
//! the HTML of its "Đề xuất, kiến nghị" section for the synthesis, and its plain text for
//! the search index. Parsing is most of the cost of each; a large build used to parse every
//! report three times.
//!
//! [`Bodies`] keeps what a report's page learnt for the outputs made after the report pages
//! (the synthesis, the search index). An output whose report page was not rendered (the dev
//! server renders only what an edit affects) reads the report itself, with the same
//! function, so the result does not depend on which outputs are made.

use crate::markdown::{self, PROPOSALS};
use pulldown_cmark::{Event, Parser, TagEnd};
use std::sync::Mutex;

/// What to make of a report's Markdown.
#[derive(Clone, Copy, Default)]
pub struct Want<'r> {
    /// The HTML of the whole body, for a page whose way back to the site root is this.
    pub page: Option<&'r str>,
    /// The HTML of the proposals section, for a page at this root.
    pub proposals: Option<&'r str>,
    /// The plain text (see [`text`]).
    pub text: bool,
}

/// What was made; each part only when asked for.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct Parts {
    pub html: Option<String>,
    /// `Some(None)`: asked for, and the report has no proposals section.
    pub proposals: Option<Option<String>>,
    pub text: Option<String>,
}

/// Read `md` once and make what `want` asks for.
pub fn read(md: &str, want: Want) -> Parts {
    // One part: made from the parser as it goes, with no list of the events.
    match want {
        Want { page, proposals: None, text: false } => {
            return Parts { html: page.map(|root| markdown::to_html(md, root)), ..Parts::default() };
        }
        Want { page: None, proposals: None, text: true } => {
            return Parts { text: Some(text_of(md)), ..Parts::default() };
        }
        _ => {}
    }
    let events: Vec<Event> = Parser::new_ext(md, markdown::options()).collect();
    Parts {
        html: want.page.map(|root| markdown::events_html(|| events.iter(), root)),
        proposals: want.proposals.map(|root| proposals_html(md, &events, root)),
        text: want.text.then(|| text(events.iter(), md.len())),
    }
}

/// The proposals section's HTML for a page at `root`: its events as the report's parse
/// gave them (so a reference link defined elsewhere in the report resolves). When the
/// section does not hold whole blocks (its heading is inside a list or a quote), its
/// Markdown is read on its own, as [`markdown::section`] cuts it.
fn proposals_html(md: &str, events: &[Event], root: &str) -> Option<String> {
    let part = &events[markdown::section_events(events, PROPOSALS)?];
    if balanced(part.iter()) {
        Some(markdown::events_html(|| part.iter(), root))
    } else {
        markdown::section(md, PROPOSALS).map(|text| markdown::to_html(text, root))
    }
}

/// Whether every tag the events open is closed among them, and none is closed that they
/// did not open.
fn balanced<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> bool {
    let mut depth = 0usize;
    for e in events {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

/// The plain text of Markdown (see [`text`]).
pub fn text_of(md: &str) -> String {
    text(Parser::new_ext(md, markdown::options()), md.len())
}

/// Plain text: text and code kept, raw HTML dropped, blocks (paragraphs, headings, list
/// items, code blocks, table cells, quotes) ended by a line break.
/// `capacity`: the length of the Markdown, which the text never exceeds by much.
pub fn text<'a, E: std::borrow::Borrow<Event<'a>>>(
    events: impl Iterator<Item = E>,
    capacity: usize,
) -> String {
    let mut out = String::with_capacity(capacity);
    for ev in events {
        match ev.borrow() {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// What the report pages learnt of each report (by its index in `site.reports`), for the
/// outputs made after them. Each part is handed out once, and its memory goes with it.
pub struct Bodies {
    /// The root of the synthesis page, when the synthesis is made.
    proposals_root: Option<String>,
    proposals: Vec<Mutex<Option<Option<String>>>>,
    texts: Vec<Mutex<Option<String>>>,
}

impl Bodies {
    /// For `n` reports; the parts kept are those of outputs that will be made: the
    /// proposals for a synthesis at `proposals_root`, the texts when `want_text`.
    pub fn new(n: usize, proposals_root: Option<String>, want_text: bool) -> Bodies {
        let slots = |keep: bool| if keep { n } else { 0 };
        Bodies {
            proposals: (0..slots(proposals_root.is_some())).map(|_| Mutex::new(None)).collect(),
            texts: (0..slots(want_text)).map(|_| Mutex::new(None)).collect(),
            proposals_root,
        }
    }

    /// None kept: every output reads the reports it needs itself.
    pub fn none() -> Bodies {
        Bodies::new(0, None, false)
    }

    /// Report `r`'s page body for a page at `root`, keeping the other parts wanted.
    pub fn page_html(&self, r: usize, md: &str, root: &str) -> String {
        let want = Want {
            page: Some(root),
            proposals: self.proposals_root.as_deref().filter(|_| r < self.proposals.len()),
            text: r < self.texts.len(),
        };
        let parts = read(md, want);
        if let (Some(mut p), Some(slot)) = (parts.proposals, self.proposals.get(r)) {
            // Kept until the synthesis is made: thousands of them on a large site.
            if let Some(p) = p.as_mut() {
                p.shrink_to_fit();
            }
            put(slot, p);
        }
        if let (Some(mut t), Some(slot)) = (parts.text, self.texts.get(r)) {
            // Kept until the search index is made: thousands of them on a large site.
            t.shrink_to_fit();
            put(slot, t);
        }
        parts.html.unwrap_or_default()
    }

    /// Report `r`'s proposals section for a page at `root` (kept, or read now).
    pub fn take_proposals(&self, r: usize, md: &str, root: &str) -> Option<String> {
        let kept =
            self.proposals.get(r).filter(|_| self.proposals_root.as_deref() == Some(root)).and_then(take);
        kept.unwrap_or_else(|| {
            read(md, Want { proposals: Some(root), ..Want::default() }).proposals.flatten()
        })
    }

    /// Report `r`'s plain text (kept, or read now).
    pub fn take_text(&self, r: usize, md: &str) -> String {
        let kept = self.texts.get(r).and_then(take);
        kept.unwrap_or_else(|| read(md, Want { text: true, ..Want::default() }).text.unwrap_or_default())
    }
}

fn put<T>(slot: &Mutex<Option<T>>, value: T) {
    if let Ok(mut s) = slot.lock() {
        *s = Some(value);
    }
}

fn take<T>(slot: &Mutex<Option<T>>) -> Option<T> {
    slot.lock().ok().and_then(|mut s| s.take())
}

#[cfg(test)]
mod tests;
