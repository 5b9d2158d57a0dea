//! Search: the folding rule, the documents of a site, and the prebuilt index that
//! `themes/default/static/search.js` reads.
//!
//! The page `/tim-kiem/` holds `<form role="search"><input name="q" id="q"></form>`
//! and `<div id="search-results" data-root="../">`, then loads `search-index.js` (this
//! module's output, at the site root) and `search.js`. Every page's search box is a
//! `<form role="search" action="…/tim-kiem/index.html">` with `<input name="q">`.

pub mod docs;
mod fields;
pub mod fold;
pub mod index;

pub use docs::docs;
pub use fold::fold;
pub use index::{Doc, DocKind, INDEX_GLOBAL, index_js, index_json};

/// The search index a build writes: made from every report (and the other pages).
pub fn declared() -> Vec<crate::output::Declared> {
    vec![crate::output::Declared::new(crate::paths::INDEX_PATH, vec![crate::output::Dep::Reports])]
}
