//! Schema: from YAML trees to the model, one file per kind of content file.
//!
//! Every reader keeps going after an error, so one run reports every bad value.

pub mod fields;
pub mod page;
pub mod plan;
pub mod report;
pub mod schedule;
pub mod site;
pub mod teams;
pub mod types;
pub mod units;
