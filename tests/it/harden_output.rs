//! Output safety through the binary: the output folder is replaced whole on success, left
//! as it was on failure or when the build is killed midway, never the site's own files,
//! and a folder kehoach did not write is replaced only with `--force`.

use crate::support::*;
use kehoach::derive::testkit::fixture;
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

#[test]
fn refuses_the_site_root_its_content_and_what_holds_them() {
    let dir = fixture("minimal").write();
    let root = dir.path();
    let before = snapshot(root);
    let parent = root.parent().unwrap().to_path_buf();
    for out in [root.to_path_buf(), root.join("content"), root.join("content/public"), parent] {
        for force in [false, true] {
            let args: &[&str] = if force { &["--force"] } else { &[] };
            let o = run(root, &out, args);
            assert_eq!(o.status.code(), Some(1), "output {} force {force}", out.display());
            let err = stderr(&o);
            assert!(err.contains("không ghi trang vào"), "{err}");
            assert_eq!(snapshot(root), before, "the site was changed by a build into {}", out.display());
        }
    }
}

#[test]
fn a_folder_kehoach_did_not_write_is_replaced_only_with_force() {
    let dir = fixture("minimal").write();
    let root = dir.path();
    let out = root.join("docs");
    fs::create_dir_all(out.join("notes")).unwrap();
    fs::write(out.join("notes/keep.txt"), "mine").unwrap();
    let o = run(root, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("không do kehoach ghi") && err.contains("--force"), "{err}");
    assert_eq!(fs::read_to_string(out.join("notes/keep.txt")).unwrap(), "mine");

    let o = run(root, &out, &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("notes").exists());
    assert!(out.join(".kehoach").is_file(), "the marker is written");
    assert!(out.join("data/summary.json").is_file());
    // Now it is kehoach's own: no --force needed.
    let o = run(root, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn an_empty_folder_needs_no_force() {
    let dir = fixture("minimal").write();
    let out = dir.path().join("public");
    fs::create_dir_all(&out).unwrap();
    let o = run(dir.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join(".kehoach").is_file());
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let dir = fixture("minimal").write();
    let root = dir.path();
    let out = root.join("public");
    let o = run(root, &out, &["--as-of", "2024-04-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = snapshot(&out);
    assert!(before.len() > 2);
    fs::write(root.join("content/teams.yaml"), "- id: [\n").unwrap();
    let o = run(root, &out, &["--as-of", "2024-09-01"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("content/teams.yaml"), "{}", stderr(&o));
    assert_eq!(snapshot(&out), before);
    assert_eq!(names_starting(root, ".public.kehoach-"), Vec::<String>::new());
}

/// A site big enough that its build takes a while: the sample's content and 1,500 pages
/// of text (made here: no script, no Python).
fn big_site(parent: &Path) -> std::path::PathBuf {
    let text: String = (0..40)
        .map(|k| {
            format!(
                "Đoạn {k}: chi bộ đánh giá kết quả thực hiện nhiệm vụ, **đề ra** phương hướng tháng tới.\n\n"
            )
        })
        .collect();
    let site = (0..1500).fold(kehoach::derive::testkit::sample_content(), |site, k| {
        site.with_file(
            &format!("content/pages/tai-lieu/trang-{k}.md"),
            format!("---\ntitle: Tài liệu {k}\n---\n{text}"),
        )
    });
    let root = parent.join("site");
    site.write_to(&root);
    root
}

#[cfg(unix)]
#[test]
fn a_build_killed_midway_leaves_the_previous_output_and_the_next_build_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = big_site(dir.path());
    let out = dir.path().join("public");
    let o = run(&root, &out, &["--as-of", "2020-01-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = snapshot(&out);

    // Start a build of different figures and kill it as soon as it is writing its files.
    let mut caught = false;
    for attempt in 0..5 {
        let mut child = kehoach()
            .args(["build", "--root"])
            .arg(&root)
            .arg("--output")
            .arg(&out)
            .args(["--as-of", "2024-06-01"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        loop {
            let writing = !names_starting(dir.path(), ".public.kehoach-new-").is_empty();
            if writing || start.elapsed() > Duration::from_secs(60) {
                // SIGKILL: no chance to clean up.
                child.kill().unwrap();
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let status = child.wait().unwrap();
        if status.success() {
            // It finished before it could be caught: put the first output back and retry.
            let o = run(&root, &out, &["--as-of", "2020-01-01"]);
            assert!(o.status.success());
            eprintln!("attempt {attempt}: the build finished before it was killed");
            continue;
        }
        assert_eq!(snapshot(&out), before, "the killed build changed the output");
        caught = !names_starting(dir.path(), ".public.kehoach-new-").is_empty();
        if caught {
            break;
        }
    }
    assert!(caught, "never caught a build while it was writing");

    let o = run(&root, &out, &["--as-of", "2024-06-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(names_starting(dir.path(), ".public.kehoach-"), Vec::<String>::new(), "stale folders removed");
    let after = snapshot(&out);
    assert_ne!(after.get(Path::new("data/summary.json")), before.get(Path::new("data/summary.json")));
}

#[test]
fn building_twice_is_byte_identical() {
    let dir = fixture("valid").write();
    let root = dir.path();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let o = run(root, out, &["--as-of", "2024-08-20"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for include in [&a, &b] {
        let o =
            run(root, &include.with_extension("full"), &["--as-of", "2024-08-20", "--include-restricted"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.len() > 2);
    assert_eq!(sa, sb);
    assert_eq!(snapshot(&a.with_extension("full")), snapshot(&b.with_extension("full")));
}

#[test]
fn an_existing_file_at_the_output_is_kept_and_the_error_says_why() {
    let dir = fixture("minimal").write();
    let root = dir.path();
    let doc = root.join("bien-ban.docx");
    fs::write(&doc, "biên bản của chi bộ").unwrap();
    for args in [&[][..], &["--force"][..]] {
        let o = run(root, &doc, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("là một tệp, không phải thư mục") && err.contains("bien-ban.docx"), "{err}");
        assert_eq!(fs::read_to_string(&doc).unwrap(), "biên bản của chi bộ");
    }
    assert!(names_starting(root, ".bien-ban").is_empty(), "nothing made beside it");
}

/// While the site is rebuilt again and again, a reader opening `public/index.html` in a
/// loop finds it every time: the new output takes the old one's place in one step.
#[test]
fn a_reader_never_finds_the_output_missing_during_rebuilds() {
    let dir = fixture("minimal").write();
    let root = dir.path().to_path_buf();
    let out = root.join("public");
    let o = run(&root, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = out.join("index.html");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        let index = index.clone();
        std::thread::spawn(move || {
            let (mut opens, mut missing) = (0u64, 0u64);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                match fs::File::open(&index) {
                    Ok(_) => opens += 1,
                    Err(_) => missing += 1,
                }
            }
            (opens, missing)
        })
    };
    for k in 0..12 {
        let o = run(&root, &out, &[]);
        assert!(o.status.success(), "build {k}: {}", stderr(&o));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (opens, missing) = reader.join().unwrap();
    assert!(opens > 0);
    assert_eq!(missing, 0, "public/index.html was missing {missing} times in {} opens", opens + missing);
}
