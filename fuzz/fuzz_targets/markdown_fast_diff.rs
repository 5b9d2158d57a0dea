//! Differential: the Markdown fast path against pulldown-cmark + ammonia (same bytes).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kehoach_fuzz::target("markdown_fast_diff", data));
