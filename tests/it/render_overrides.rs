//! A site's own templates and assets over the theme's over the embedded default, template
//! errors that name the template file and line, and the build's closing line.

use crate::support::*;
use kehoach::derive::testkit::fixture;
use std::fs;
use std::path::Path;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/render");

fn write(root: &Path, rel: &str, text: &str) {
    write_file(&root.join(rel), text);
}

#[test]
fn site_templates_win_over_theme_over_embedded() {
    let site = fixture("render")
        .with_file("themes/default/templates/home.html", "THEME-HOME")
        .with_file(
            "templates/home.html",
            "{% extends \"base.html\" %}{% block main %}SITE-HOME {{ site.issuer }}{% endblock main %}",
        )
        .with_file("themes/default/templates/teams.html", "THEME-TEAMS {{ teams | length }}")
        .with_file("themes/default/static/style.css", "/* theme css */")
        .with_file("themes/default/static/extra.css", "/* extra */")
        .with_file("content/static/style.css", "/* site css */")
        .write();
    let root = site.path();
    let out = root.join("public");
    let o = run(root, &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let f = read_dir(&out);
    let home = text(&f, "index.html");
    assert!(home.contains("SITE-HOME Ban Thường vụ Đảng ủy Khối") && !home.contains("THEME-HOME"));
    assert!(home.contains("<html lang=\"vi\">"), "the site template extends the embedded base");
    assert_eq!(text(&f, "to-cong-tac/index.html"), "THEME-TEAMS 2");
    assert_eq!(text(&f, "static/style.css"), "/* site css */");
    assert_eq!(text(&f, "static/extra.css"), "/* extra */");
    assert!(text(&f, "to-cong-tac/to-1/index.html").contains("Nguyễn Văn An"), "other pages: embedded");
}

#[test]
fn a_template_error_names_the_template_file_and_line_and_keeps_the_output() {
    let site = fixture("render").write();
    let root = site.path();
    let out = root.join("public");
    assert!(run(root, &out, &[]).status.success());
    let before = read_dir(&out);
    write(
        root,
        "templates/team.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ team.name }}</h1>\n<p>{{ team.nmae }}</p>\n{% endblock main %}\n",
    );
    let o = run(root, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--> templates/team.html:4:"), "{err}");
    assert!(err.contains("{{ team.nmae }}"), "the line is shown: {err}");
    assert_eq!(read_dir(&out), before, "previous output untouched");

    write(root, "templates/team.html", "ok\n{% if %}\n");
    let err = String::from_utf8_lossy(&run(root, &out, &[]).stderr).into_owned();
    assert!(err.contains("templates/team.html:2:"), "{err}");
}

#[test]
fn an_unknown_theme_is_an_error() {
    let site = fixture("render").replace("content/site.yaml", "theme: default", "theme: khac").write();
    let root = site.path();
    let o = run(root, &root.join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("lỗi: không có giao diện (theme) `khac`"), "{err}");
    // At its own line of site.yaml, under the value.
    let line = fs::read_to_string(root.join("content/site.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("theme:"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("--> content/site.yaml:{line}:8\n")), "{err}");
    assert!(err.contains("theme: khac\n") && err.contains("^^^^ không có giao diện này"), "{err}");
}

#[test]
fn build_ends_with_one_line_pages_findings_time() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(Path::new(FIXTURE), &tmp.path().join("public"), &[]);
    assert!(o.status.success());
    let stdout = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let pages = read_dir(&tmp.path().join("public")).keys().filter(|p| p.ends_with(".html")).count();
    assert!(lines[0].starts_with(&format!("đã dựng {pages} trang")), "{stdout}");
    assert!(lines[0].contains(" ms") && lines[0].contains("điểm cần lưu ý"), "{stdout}");
}
