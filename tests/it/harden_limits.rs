//! Hostile input: a 50 MB YAML file, a list nested 10,000 deep, a billion-laughs alias bomb
//! and a symbolic link loop in `content/` each end in a short, clear error naming the file,
//! exit status 1, within seconds, in bounded memory, and no output.

use crate::support::*;
use kehoach::derive::testkit::fixture;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Address space allowed to the build (the binary maps a few threads' stacks; content
/// files are at most 20 MB).
const MEMORY_LIMIT: &str = "1500000000";

/// Build `root` under a memory limit; the error text, after checking the exit status,
/// the time taken and that nothing was written.
fn build_fails(root: &Path) -> String {
    let out = root.join("public");
    let mut cmd = if Path::new("/usr/bin/prlimit").exists() {
        let mut c = Command::new("/usr/bin/prlimit");
        c.arg(format!("--as={MEMORY_LIMIT}")).arg(env!("CARGO_BIN_EXE_kehoach"));
        c
    } else {
        kehoach()
    };
    let start = Instant::now();
    let o = cmd.args(["build", "--root"]).arg(root).arg("--output").arg(&out).output().unwrap();
    let took = start.elapsed();
    let err = stderr(&o);
    // A generous bound that only a hang (or a runaway expansion) exceeds.
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(o.status.code(), Some(1), "status {:?}, stderr: {err}", o.status);
    assert!(!out.exists(), "nothing is written");
    assert!(
        err.len() < 4000,
        "a short message, not the file: {} bytes\n{}",
        err.len(),
        &err[..err.len().min(4000)]
    );
    err
}

#[test]
fn a_50_mb_yaml_file_is_refused_by_its_size() {
    let entry =
        "- team: to-1\n  kind: chi_bo\n  unit: cb-x\n  month: 2024-03\n  note: lorem ipsum dolor sit amet\n";
    let mut text = String::with_capacity(50 * 1024 * 1024 + entry.len());
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(entry);
    }
    let dir = fixture("minimal").with_file("content/schedule.yaml", text).write();
    let err = build_fails(dir.path());
    assert!(err.contains("`content/schedule.yaml` quá lớn (50 MB)"), "{err}");
    assert!(err.contains("tối đa 20 MB"), "{err}");
    assert!(!err.contains("thiếu tệp"), "the file is there, only too large: {err}");
    assert!(err.contains("lỗi: nội dung có 1 lỗi"), "{err}");
}

#[test]
fn a_list_nested_10000_deep_is_refused() {
    let deep = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let dir = fixture("minimal").with_file("content/units.yaml", deep).write();
    let err = build_fails(dir.path());
    assert!(err.contains("content/units.yaml:1:"), "{err}");
    assert!(err.contains("lồng quá sâu"), "{err}");
}

#[test]
fn nesting_in_block_style_and_in_front_matter_is_refused_too() {
    // Block style, compact: `- - - - … x`.
    let block = format!("- id: to-1\n  members:\n    {}x\n", "- ".repeat(10_000));
    let nested = format!("---\ntitle: {}{}\n---\nbody\n", "[".repeat(10_000), "]".repeat(10_000));
    let dir = fixture("minimal")
        .with_file("content/teams.yaml", block)
        .with_file("content/pages/huong-dan.md", nested)
        .write();
    let err = build_fails(dir.path());
    assert!(err.contains("content/teams.yaml:"), "{err}");
    assert!(err.contains("content/pages/huong-dan.md:2:"), "{err}");
}

#[test]
fn a_billion_laughs_alias_bomb_is_refused() {
    let mut bomb = String::from("lol0: &lol0 \"lol\"\n");
    for i in 1..=9 {
        let refs = vec![format!("*lol{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("lol{i}: &lol{i} [{refs}]\n"));
    }
    let dir = fixture("minimal")
        .with_file("content/site.yaml", &bomb)
        // The same bomb in a report's front matter.
        .with_file("content/reports/2024-03/to-1-2024-03-chi-bo.md", format!("---\n{bomb}---\nbody\n"))
        .write();
    let err = build_fails(dir.path());
    assert!(err.contains("content/site.yaml:"), "{err}");
    assert!(err.contains("content/reports/2024-03/to-1-2024-03-chi-bo.md:"), "{err}");
    assert!(err.contains("sao chép qua alias"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content_is_refused() {
    let dir = fixture("minimal").write();
    let pages = dir.path().join("content/pages");
    fs::create_dir_all(pages.join("a")).unwrap();
    std::os::unix::fs::symlink("..", pages.join("a/back")).unwrap();
    // And a link to content/ itself, deeper down.
    fs::create_dir_all(dir.path().join("content/reports/2024-04")).unwrap();
    std::os::unix::fs::symlink("../..", dir.path().join("content/reports/2024-04/up")).unwrap();
    let err = build_fails(dir.path());
    assert!(err.contains("liên kết tượng trưng vòng tròn ở `content/pages/a/back`"), "{err}");
    assert!(err.contains("liên kết tượng trưng vòng tròn ở `content/reports/2024-04/up`"), "{err}");
    assert!(err.contains("nó dẫn ngược về `content/pages`"), "{err}");
}

/// Honest size is not refused: a schedule of 20,000 visits (a province over several
/// years) and one of 50,000 in one file, in block and in flow style, are read whole.
#[test]
fn a_schedule_of_50000_visits_in_one_file_is_read() {
    for (n, flow) in [(20_000, false), (50_000, true)] {
        let mut text = String::with_capacity(n * 120);
        for i in 0..n {
            let (team, unit, kind) = if i % 2 == 0 {
                ("to-1", "db-dien-luc", "dang_uy")
            } else {
                ("to-2", "cb-ngan-hang", "chi_bo")
            };
            let month = if i % 3 == 0 { "2024-03" } else { "2024-04" };
            if flow {
                text.push_str(&format!("- {{ id: v-{i}, team: {team}, kind: {kind}, unit: {unit}, month: {month}, time: \"8:00\" }}\n"));
            } else {
                text.push_str(&format!(
                    "- id: v-{i}\n  team: {team}\n  kind: {kind}\n  unit: {unit}\n  month: {month}\n  place: Hội trường\n"
                ));
            }
        }
        let dir = fixture("minimal")
            .with_file("content/schedule.yaml", text)
            // The report of the fixture names a visit that is no longer in the schedule.
            .without("content/reports")
            .write();
        let loaded = kehoach::build::load(dir.path())
            .unwrap_or_else(|f| panic!("{n}: {}", &f.render()[..2000.min(f.render().len())]));
        assert_eq!(loaded.site.visits.len(), n);
    }
}
