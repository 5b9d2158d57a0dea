//! Front matter splitting, then the file as a report, a page or the plan (first byte).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kehoach_fuzz::target("frontmatter", data));
