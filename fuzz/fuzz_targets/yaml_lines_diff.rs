//! Differential: the YAML line reader against serde-saphyr (same tree, same positions).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kehoach_fuzz::target("yaml_lines_diff", data));
