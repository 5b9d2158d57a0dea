//! Markdown rendering with sanitising.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kehoach_fuzz::target("markdown", data));
