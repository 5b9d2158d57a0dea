//! The command line's own flags: `--base-url` is checked and normalised like site.yaml's.

use crate::support::{VALID, run};
use std::path::Path;

#[test]
fn base_url_flag_is_normalised_like_site_yaml() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let st = run(Path::new(VALID), &dest, &["--base-url", "/sinhhoat"]);
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    let visits = std::fs::read_to_string(dest.join("data/visits.json")).unwrap();
    assert!(visits.contains("\"/sinhhoat/bao-cao/"), "{visits}");
}

#[test]
fn base_url_flag_that_is_no_address_is_refused_and_nothing_is_written() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let st = run(Path::new(VALID), &dest, &["--base-url", "javascript:alert(1)"]);
    assert!(!st.status.success());
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(err.contains("base_url không hợp lệ `javascript:alert(1)`"), "{err}");
    assert!(!dest.exists());
}

/// The command line's own mistakes, as clap finds them, said in Vietnamese (and in English
/// with KEHOACH_LANG=en), exit status 2.
#[test]
fn command_line_mistakes_are_said_in_vietnamese() {
    let run = |args: &[&str], lang: Option<&str>| {
        let mut c = crate::support::kehoach();
        c.args(args);
        match lang {
            Some(l) => c.env("KEHOACH_LANG", l),
            None => c.env_remove("KEHOACH_LANG"),
        };
        let o = c.output().unwrap();
        (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (code, err) = run(&["check", "--as-of", "2024-13-01"], None);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.starts_with("lỗi: giá trị `2024-13-01` không dùng được cho --as-of"), "{err}");
    assert!(err.contains("cần một ngày dạng YYYY-MM-DD"), "{err}");
    let (code, err) = run(&["chek"], None);
    assert_eq!(code, Some(2));
    assert!(err.contains("lỗi: kehoach không có lệnh `chek`") && err.contains("có phải `check`?"), "{err}");
    let (_, err) = run(&["build", "--ouput", "x"], None);
    assert!(err.contains("lệnh này không có tùy chọn `--ouput`") && err.contains("`--output`"), "{err}");
    assert!(err.contains("gợi ý: `kehoach --help` liệt kê các tùy chọn"), "{err}");
    let (_, err) = run(&["new", "report"], None);
    assert!(err.starts_with("lỗi: thiếu <VISIT"), "{err}");
    let (_, err) = run(&["chek"], Some("en"));
    assert!(err.starts_with("error: unrecognised command `chek`"), "{err}");
    // Help is clap's own, exit status 0.
    let (code, out) = run(&["--help"], None);
    assert_eq!((code, out.as_str()), (Some(0), ""));
}
