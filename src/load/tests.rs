//! Tests of `parse` over whole inputs.

use super::*;

const SITE: &str =
    "title: T\norganization: O\nissuer: I\nperiod: { from: 2024-03, to: 2024-04 }\ndeadline: 2024-11-10\n";
const TEAMS: &str = "- { id: to-1, name: T1, leader: { name: A, title: B } }\n";
const UNITS: &str = "- { id: cb-b, name: B, kind: chi_bo_co_so }\n";

fn input(files: &[(&str, &str)]) -> Input {
    let mut files: Vec<SourceFile> =
        files.iter().map(|(p, t)| SourceFile { path: Arc::from(*p), text: t.to_string() }).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Input { files, static_files: vec!["a.pdf".into()], problems: vec![] }
}

fn base<'a>() -> Vec<(&'a str, &'a str)> {
    vec![
        ("content/site.yaml", SITE),
        ("content/plan.md", "---\ntitle: KH\n---\nThe plan.\n"),
        ("content/teams.yaml", TEAMS),
        ("content/units.yaml", UNITS),
        ("content/schedule.yaml", "- { team: to-1, kind: chi_bo, unit: cb-b, month: 2024-03 }\n"),
    ]
}

fn with<'a>(changes: &[(&'a str, &'a str)]) -> Input {
    let mut files = base();
    for (p, t) in changes {
        files.retain(|(q, _)| q != p);
        if !t.is_empty() {
            files.push((p, t));
        }
    }
    input(&files)
}

fn errors(i: &Input) -> Vec<String> {
    parse(i)
        .err()
        .unwrap_or_default()
        .iter()
        .map(|d| format!("{}:{}:{} {}", d.loc.file, d.loc.pos.line, d.loc.pos.col, d.message))
        .collect()
}

#[test]
fn parses_a_small_site() {
    let site = parse(&with(&[
        ("content/pages/huong-dan.md", "---\ntitle: HD\nweight: 2\n---\nText\n"),
        (
            "content/reports/r.md",
            "---\nvisit: to-1-2024-03-chi-bo\nheld_on: 2024-03-25\nsubmitted_on: 2024-03-29\nauthor: A\n\
             meeting: dinh_ky\nattendance: { total: 1, exempt: 0, present: 1, excused: 0, unexcused: 0 }\nrating: tot\n---\nBody\n",
        ),
    ]))
    .unwrap();
    assert_eq!(site.plan.body, "The plan.\n");
    assert_eq!(site.visits[0].id.value, "to-1-2024-03-chi-bo");
    assert_eq!(site.pages[0].slug, "huong-dan");
    assert_eq!(site.pages[0].body_line, 5);
    assert_eq!(site.reports[0].body_line, 10);
    assert_eq!(site.reports[0].visit.loc.pos.line, 2);
    assert_eq!(site.static_files, ["a.pdf"]);
}

#[test]
fn schedule_files_are_concatenated_in_path_order() {
    let site = parse(&with(&[
        ("content/schedule.yaml", ""),
        ("content/schedule/b.yaml", "- { team: to-1, kind: chi_bo, unit: cb-b, month: 2024-04 }\n"),
        ("content/schedule/a.yaml", "- { team: to-1, kind: chi_bo, unit: cb-b, month: 2024-03 }\n"),
    ]))
    .unwrap();
    let ids: Vec<&str> = site.visits.iter().map(|v| v.id.value.as_str()).collect();
    assert_eq!(ids, ["to-1-2024-03-chi-bo", "to-1-2024-04-chi-bo"]);
    assert_eq!(&*site.visits[1].loc.file, "content/schedule/b.yaml");
}

#[test]
fn front_matter_positions_are_lines_of_the_file() {
    let e = errors(&with(&[("content/plan.md", "---\ntitle: KH\nissued_on: 2024-02-30\n---\n")]));
    assert_eq!(e, ["content/plan.md:3:12 invalid date `2024-02-30`"]);
    let e = errors(&with(&[("content/plan.md", "\u{feff}---\r\ntitle: KH\r\nissued_on: [\r\n---\r\n")]));
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("content/plan.md:"), "{e:?}");
    let line: u32 = e[0].split(':').nth(1).unwrap().parse().unwrap();
    assert!(line >= 3, "{e:?}");
}

#[test]
fn front_matter_problems() {
    let e = errors(&with(&[("content/plan.md", "# KH\n")]));
    assert_eq!(e, ["content/plan.md:1:1 missing front matter"]);
    let e = errors(&with(&[("content/plan.md", "---\ntitle: KH\n")]));
    assert_eq!(e, ["content/plan.md:1:1 unterminated front matter"]);
    let e = errors(&with(&[("content/plan.md", "---\n---\nBody")]));
    assert_eq!(e, ["content/plan.md:1:1 missing key `title`"]);
}

#[test]
fn every_file_is_parsed_and_errors_are_sorted() {
    let e = errors(&with(&[
        ("content/site.yaml", "title: [\n"),
        ("content/teams.yaml", "- { id: To, name: T1, leader: { name: A, title: B } }\n"),
        ("content/units.yaml", "- { id: cb-b, name: B, kind: chi_bo }\n"),
        ("content/pages/Hướng dẫn.md", "---\ntitle: x\n---\n"),
    ]));
    assert_eq!(
        e,
        [
            "content/pages/Hướng dẫn.md:0:0 invalid page file name `content/pages/Hướng dẫn.md`",
            "content/site.yaml:1:8 unclosed delimiter `[`",
            "content/teams.yaml:1:9 invalid id `To`",
            "content/units.yaml:1:30 invalid value `chi_bo`",
        ]
    );
}

#[test]
fn missing_files_are_named() {
    let e = errors(&with(&[("content/units.yaml", ""), ("content/schedule.yaml", "")]));
    assert_eq!(
        e,
        [
            "content/schedule.yaml:0:0 missing file `content/schedule.yaml`",
            "content/units.yaml:0:0 missing file `content/units.yaml`"
        ]
    );
}

#[test]
fn hostile_inputs_do_not_panic() {
    let nasty = [
        "",
        "\u{feff}",
        "---",
        "- - - - -",
        "a: &a [*a]",
        "? [a, b]\n: c\n",
        "!!binary aGVsbG8=",
        "- {id: [], name: {}, leader: [], members: {}}\n",
        "- 1\n- null\n- ~\n- ''\n",
        "- { team: to-1, kind: chi_bo, unit: cb-b, month: 99999-99, date: 0000-00-00, time: '99:99', id: '' }\n",
        "- { id: x, name: y, kind: dang_bo_co_so, cells: [1, null, {id: z}] }\n",
        "x: 123456789012345678901234567890\n",
        "- 🙂: é\n",
    ];
    for text in nasty {
        for file in ["content/site.yaml", "content/teams.yaml", "content/units.yaml", "content/schedule.yaml"]
        {
            let _ = parse(&with(&[(file, text)]));
        }
        for file in ["content/plan.md", "content/reports/r.md", "content/pages/p.md"] {
            let md = format!("---\n{text}\n---\n");
            let _ = parse(&with(&[(file, md.as_str())]));
            let _ = parse(&with(&[(file, text)]));
        }
    }
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse(&with(&[("content/teams.yaml", deep.as_str())])).is_err());
}

#[test]
fn a_file_that_could_not_be_read_is_not_also_missing() {
    let mut i = with(&[("content/plan.md", ""), ("content/schedule.yaml", "")]);
    let problem = |p: &str| Diagnostic::error(file_loc(p), "cannot read", "");
    i.problems = vec![problem("content/plan.md"), problem("content/schedule/a.yaml")];
    let e = errors(&i);
    assert_eq!(e, ["content/plan.md:0:0 cannot read", "content/schedule/a.yaml:0:0 cannot read"]);
}
