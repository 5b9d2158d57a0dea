//! kehoach: a static site generator for a Party committee's plan of attending
//! party-cell meetings.
//!
//! The pipeline, one module a stage: [`load`] (files → model, with spans) →
//! [`check`] (cross-file errors) → [`derive`] (statuses, findings, figures on `as_of`) →
//! [`render`] (pages and data files) → [`write`] (atomic swap of the output folder).
//! [`build`] runs them in order.

pub mod build;
pub mod bytes;
pub mod check;
pub mod derive;
pub mod diag;
pub mod feeds;
pub mod git;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod msg;
pub mod office;
pub mod output;
pub mod paths;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod theme;
pub mod vi;
pub mod write;
