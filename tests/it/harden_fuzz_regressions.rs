//! Replays every input the fuzzers once crashed or hung on (kept in
//! `tests/fixtures/fuzz-regressions/<target>/`) through the same code the fuzz target runs
//! (`fuzz/src/lib.rs`, included here), so that a fixed crash stays fixed without nightly.

use crate::fuzz_lib;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

const TARGETS: [&str; 9] = [
    "frontmatter",
    "yaml_site",
    "yaml_teams",
    "yaml_units",
    "yaml_schedule",
    "markdown",
    "pipeline",
    "yaml_lines_diff",
    "markdown_fast_diff",
];

#[test]
fn every_kept_fuzz_input_runs_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut replayed = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        assert!(TARGETS.contains(&name.as_str()), "no fuzz target `{name}`");
        for input in fs::read_dir(entry.path()).unwrap() {
            let path = input.unwrap().path();
            let data = fs::read(&path).unwrap();
            let start = Instant::now();
            fuzz_lib::target(&name, &data);
            // Debug builds are slow; only a hang exceeds this.
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{} took {:?}",
                path.display(),
                start.elapsed()
            );
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} inputs");
}

#[test]
fn the_targets_run_the_valid_site_and_generated_sites() {
    // The seeds themselves: the valid fixture through each file target, and a few sites.
    for (target, file) in [
        ("yaml_site", "content/site.yaml"),
        ("yaml_teams", "content/teams.yaml"),
        ("yaml_units", "content/units.yaml"),
        ("yaml_schedule", "content/schedule.yaml"),
    ] {
        let text = fuzz_lib::fixture_files().into_iter().find(|(p, _)| p == file).unwrap().1;
        assert_eq!(
            fuzz_lib::run(&fuzz_lib::with_file(file, &text), fuzz_lib::Pages::Full),
            fuzz_lib::Reached::Built,
            "{target}"
        );
        fuzz_lib::target(target, text.as_bytes());
    }
    // Generated sites reach every stage, not only the YAML errors.
    let mut reached = std::collections::BTreeMap::new();
    for seed in 0u32..30 {
        let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        let data: Vec<u8> = (0..400)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 8) as u8
            })
            .collect();
        let site = fuzz_lib::generate::site(&data);
        *reached
            .entry(format!("{:?}", fuzz_lib::run(&fuzz_lib::input(site.files), fuzz_lib::Pages::Default)))
            .or_insert(0) += 1;
    }
    eprintln!("generated sites: {reached:?}");
    for stage in ["Load", "Check", "Built"] {
        assert!(
            reached.get(stage).is_some_and(|n| *n > 0),
            "no generated site stopped at {stage}: {reached:?}"
        );
    }
}

#[test]
fn the_markdown_oracle_knows_runnable_html() {
    for bad in [
        "<script>x</script>",
        "<p style=\"x\">a</p>",
        "<img src=x onerror=y>",
        "<a href=\" java\tscript:x\">a</a>",
        "<a href=\"DATA:text/html,x\">a</a>",
        "<iframe></iframe>",
    ] {
        assert!(fuzz_lib::runnable(bad).is_some(), "{bad}");
    }
    // Text that merely looks like it (the first crash the Markdown fuzzer found).
    for fine in
        ["<p>Dsrc=\"javascript:Q</p>", "<p>&lt;script&gt;</p>", "<a title=\"<script>\" href=\"/x\">a</a>"]
    {
        assert_eq!(fuzz_lib::runnable(fine), None, "{fine}");
    }
}
