//! The tests of the output writer: whole replacement, staging, the swap, stale folders.

use super::*;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() }
}

#[test]
fn replaces_previous_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_atomic(&out, &[file("a/index.html", "one"), file("old.txt", "x")]).unwrap();
    write_atomic(&out, &[file("a/index.html", "two")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
    assert!(!out.join("old.txt").exists());
    assert!(out.join(MARKER).exists());
    // nothing left beside it, once the replaced output is removed in the background
    assert_eq!(names_eventually(dir.path(), 1), vec![std::ffi::OsString::from("public")]);
}

#[test]
fn a_staging_dropped_without_commit_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_atomic(&out, &[file("a/index.html", "one")]).unwrap();
    let _ = names_eventually(dir.path(), 1);
    {
        let staging = Staging::begin(&out).unwrap();
        staging.put(&file("a/index.html", "two")).unwrap();
        staging.put(&file("b/c/d.txt", "new")).unwrap();
        // dropped: a render error, say
    }
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
    assert!(!out.join("b").exists());
    assert_eq!(names(dir.path()), vec![std::ffi::OsString::from("public")]);
}

#[test]
fn files_put_from_many_threads_land_in_their_folders() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let staging = Staging::begin(&out).unwrap();
    let files: Vec<OutputFile> =
        (0..200).map(|i| file(&format!("f{}/g{}/{i}.html", i % 7, i % 3), &i.to_string())).collect();
    files.par_iter().for_each(|f| staging.put(f).unwrap());
    staging.commit().unwrap();
    for f in &files {
        assert_eq!(fs::read(out.join(&f.path)).unwrap(), f.bytes);
    }
    assert!(out.join(MARKER).exists());
}

#[test]
fn a_file_put_in_parts_holds_them_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let staging = Staging::begin(&out).unwrap();
    // The early parts are the slow ones, so that later parts are made first and wait.
    let part = |k: usize| {
        if k < 4 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        format!("[{k}]").repeat(k % 5 + 1).into_bytes()
    };
    staging.put_parts("a/b/big.js", 300, &part).unwrap();
    staging.put_parts("empty.js", 0, &part).unwrap();
    staging.commit().unwrap();
    let want: String = (0..300).map(|k| format!("[{k}]").repeat(k % 5 + 1)).collect();
    assert_eq!(fs::read_to_string(out.join("a/b/big.js")).unwrap(), want);
    assert_eq!(fs::read(out.join("empty.js")).unwrap(), b"");
}

#[test]
fn a_file_put_in_parts_fails_where_it_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let staging = Staging::begin(&dir.path().join("public")).unwrap();
    staging.put(&file("taken", "a file, not a folder")).unwrap();
    let err = staging.put_parts("taken/big.js", 3, &|k| vec![b'x'; k]).unwrap_err();
    assert!(err.to_string().contains("taken"), "{err}");
}

fn names(dir: &Path) -> Vec<std::ffi::OsString> {
    let mut names: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    names
}

/// The names in `dir` once there are `n` of them (or after 20 s).
fn names_eventually(dir: &Path, n: usize) -> Vec<std::ffi::OsString> {
    for _ in 0..200 {
        if names(dir).len() == n {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    names(dir)
}

#[test]
fn a_large_replaced_output_goes_away_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let many: Vec<OutputFile> =
        (0..2000).map(|i| file(&format!("p/{}/{i}/index.html", i % 37), "trang")).collect();
    write_atomic(&out, &many).unwrap();
    write_atomic(&out, &[file("index.html", "mới")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "mới");
    assert!(!out.join("p").exists());
    assert_eq!(names_eventually(dir.path(), 1), vec![std::ffi::OsString::from("public")]);
}

#[test]
fn half_removed_folders_are_removed_by_the_next_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let stale = dir.path().join(".kehoach-trash-public-1-2");
    fs::create_dir_all(stale.join("a/b")).unwrap();
    fs::write(stale.join("a/b/index.html"), "cũ").unwrap();
    let other = dir.path().join(".kehoach-trash-other-1-2");
    fs::create_dir_all(&other).unwrap();
    write_atomic(&out, &[file("index.html", "x")]).unwrap();
    assert_eq!(
        names_eventually(dir.path(), 2),
        vec![std::ffi::OsString::from(".kehoach-trash-other-1-2"), std::ffi::OsString::from("public")]
    );
}

#[test]
fn many_files_are_all_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let many: Vec<OutputFile> =
        (0..500).map(|i| file(&format!("a/{}/{i}.txt", i % 7), &i.to_string())).collect();
    write_atomic(&out, &many).unwrap();
    for i in 0..500 {
        assert_eq!(fs::read_to_string(out.join(format!("a/{}/{i}.txt", i % 7))).unwrap(), i.to_string());
    }
}

#[test]
fn refuses_site_root_and_content_and_foreign_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("content")).unwrap();
    assert!(matches!(check_output(root, root, true), Err(WriteError::Dangerous(_))));
    assert!(matches!(check_output(root, &root.join("content"), true), Err(WriteError::Dangerous(_))));
    assert!(matches!(check_output(root, &root.join("content/x"), true), Err(WriteError::Dangerous(_))));
    let foreign = root.join("docs");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("keep.txt"), "mine").unwrap();
    assert!(matches!(check_output(root, &foreign, false), Err(WriteError::NotOurs(_))));
    assert!(check_output(root, &foreign, true).is_ok());
    assert!(check_output(root, &root.join("public"), false).is_ok());
}

#[test]
fn removes_folders_left_by_killed_builds_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let dead = dir.path().join(".public.kehoach-new-4294967295-1");
    let dead_old = dir.path().join(".public.kehoach-old-4294967295-2");
    let running = dir.path().join(format!(".public.kehoach-new-{}-3", std::process::id()));
    let other = dir.path().join(".docs.kehoach-new-4294967295-1");
    for d in [&dead, &dead_old, &running, &other] {
        fs::create_dir_all(d.join("sub")).unwrap();
        fs::write(d.join("sub/index.html"), "half").unwrap();
    }
    write_atomic(&out, &[file("index.html", "new")]).unwrap();
    assert!(!dead.exists() && !dead_old.exists());
    assert!(running.exists(), "a running build's folder is kept");
    assert!(other.exists(), "another output's folder is kept");
}

#[test]
fn a_build_killed_between_the_renames_gets_its_previous_output_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // The state after `rename(output, old)` and before `rename(new, output)`.
    let old = dir.path().join(".public.kehoach-old-4294967295-7");
    let new = dir.path().join(".public.kehoach-new-4294967295-7");
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join(MARKER), "").unwrap();
    fs::write(old.join("index.html"), "previous").unwrap();
    fs::create_dir_all(&new).unwrap();
    remove_stale(dir.path(), "public");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "previous");
    assert!(!old.exists() && !new.exists());
    // With an output in place, a stale old folder is only removed.
    fs::create_dir_all(&old).unwrap();
    remove_stale(dir.path(), "public");
    assert!(!old.exists());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "previous");
}

#[test]
fn an_existing_file_at_the_output_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    let doc = dir.path().join("bien-ban.docx");
    fs::write(&doc, "biên bản").unwrap();
    for force in [false, true] {
        let err = check_output(&root, &doc, force).unwrap_err();
        assert!(matches!(err, WriteError::NotAFolder(_)), "{err}");
        // (The library's tests read the catalogue's English; the binary prints Vietnamese.)
        assert!(err.to_string().contains("is a file, not a folder"), "{err}");
    }
    // Nor by the writer itself (serve, or a file put there while the site was rendered).
    assert!(matches!(write_atomic(&doc, &[file("index.html", "x")]), Err(WriteError::NotAFolder(_))));
    assert_eq!(fs::read_to_string(&doc).unwrap(), "biên bản");
    #[cfg(unix)]
    {
        let link = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        assert!(matches!(check_output(&root, &link, true), Err(WriteError::NotAFolder(_))));
    }
    let mut left = names(dir.path());
    left.sort();
    let want: Vec<std::ffi::OsString> = ["bien-ban.docx", "dangling", "site"]
        .iter()
        .map(|n| n.into())
        .filter(|n| cfg!(unix) || n != "dangling")
        .collect();
    assert_eq!(left, want, "nothing made beside the file");
}

#[test]
fn the_swap_exchanges_the_folders_and_discards_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_atomic(&out, &[file("index.html", "một"), file("a/cu.html", "cũ")]).unwrap();
    let staging = Staging::begin(&out).unwrap();
    staging.put(&file("index.html", "hai")).unwrap();
    let tmp = staging.tmp.clone();
    staging.commit().unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "hai");
    assert!(!out.join("a").exists());
    assert!(!tmp.exists(), "the old output left the staging name at once");
    assert_eq!(names_eventually(dir.path(), 1), vec![std::ffi::OsString::from("public")]);
}

/// Whether this process may write into a folder without write permission (root).
#[cfg(unix)]
fn privileged() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let ro = d.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let can = fs::write(ro.join("x"), "").is_ok();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    can
}

#[cfg(unix)]
#[test]
fn a_read_only_output_leaves_no_trash_behind() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_atomic(&out, &[file("a/b/index.html", "một"), file("index.html", "một")]).unwrap();
    for d in [out.join("a/b"), out.join("a"), out.clone()] {
        fs::set_permissions(&d, fs::Permissions::from_mode(0o555)).unwrap();
    }
    write_atomic(&out, &[file("index.html", "hai")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "hai");
    if privileged() {
        eprintln!("as root nothing is read-only: this shows only that the trash goes");
    }
    assert_eq!(names_eventually(dir.path(), 1), vec![std::ffi::OsString::from("public")]);
}

#[test]
fn update_replaces_each_file_whole_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_atomic(&out, &[file("a/index.html", "một"), file("b/index.html", "hai"), file("gone.js", "x")])
        .unwrap();
    let changed: BTreeSet<String> =
        ["a/index.html", "c/new.html", "gone.js"].iter().map(|s| s.to_string()).collect();
    update(&out, &[file("a/index.html", "một mới"), file("c/new.html", "ba")], &changed).unwrap();
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "một mới");
    assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "hai");
    assert_eq!(fs::read_to_string(out.join("c/new.html")).unwrap(), "ba");
    assert!(!out.join("gone.js").exists());
    for d in ["", "a", "c"] {
        for e in fs::read_dir(out.join(d)).unwrap() {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!n.contains("kehoach-tmp"), "{d}/{n} left behind");
        }
    }
}

/// Swap upon swap while another thread opens `index.html` in a loop: it is never missing.
#[test]
fn a_reader_never_finds_the_output_missing_during_swaps() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_atomic(&out, &[file("index.html", "0")]).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (stop, index) = (stop.clone(), out.join("index.html"));
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
    for k in 1..=100 {
        write_atomic(&out, &[file("index.html", &k.to_string()), file("a/b.html", "x")]).unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (opens, missing) = reader.join().unwrap();
    assert!(opens > 0);
    assert_eq!(missing, 0, "missing {missing} times in {} opens", opens + missing);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "100");
}
