//! content/teams.yaml: any text in place of the file, in an otherwise valid site.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kehoach_fuzz::target("yaml_teams", data));
