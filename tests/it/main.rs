//! The integration tests, one binary (one link, one run of shared fixtures): a module per
//! area, the one support module `support` (runs of the binary, output folders, pages,
//! feeds, HTTP); the sites come from the test kit, `kehoach::derive::testkit`.

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod fuzz_lib;
mod support;

mod cli;
mod dashboard_months;
mod declared;
mod docs;
mod editor_http;
mod errors;
mod errors_typing;
mod feeds_exports;
mod feeds_git;
mod feeds_ics;
mod feeds_search;
mod feeds_site;
mod harden_fuzz_regressions;
mod harden_html;
mod harden_limits;
mod harden_output;
mod harden_restricted;
mod judgement_plan_rules;
mod layers;
mod office_docx;
mod office_report;
mod office_schedule;
mod os_files;
mod plans;
mod render_overrides;
mod render_parts;
mod render_readers;
mod render_sample;
mod render_site;
mod render_snapshots;
mod same_output;
mod scaffold;
#[cfg(unix)]
mod serve;
mod serve_guard;
mod serve_http;
mod serve_incremental;
mod valid_site;
