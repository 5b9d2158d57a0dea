//! The whole load → check → judge → outputs pipeline on a site generated from the bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kehoach_fuzz::target("pipeline", data));
