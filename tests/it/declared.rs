//! What the outputs declare (`build::declared`: each file with what it is made from, from
//! which the dev server derives what an edit touches) is what a build writes: every file
//! of the sample's build but the theme's is declared, and what is declared and not written
//! is only the page of something not published.

use kehoach::build::{self, Options};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn every_file_a_build_writes_is_declared_by_its_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for restricted in [false, true] {
        let (loaded, judgement) = build::load_judged(root, None).unwrap();
        let mut opts = Options::new(root);
        opts.include_restricted = restricted;
        let written: BTreeSet<String> =
            build::render_all(&loaded, &judgement, &opts).unwrap().into_iter().map(|f| f.path).collect();
        let declared: BTreeSet<String> =
            build::declared(&loaded.site, judgement.as_of).into_iter().map(|d| d.path).collect();
        // The search index's files are declared by its manifest (`search::Search`'s declaration).
        let index = declared.contains(kehoach::paths::SEARCH_INDEX_PATH);
        let undeclared: Vec<&String> = written
            .iter()
            .filter(|p| {
                let covered = p.starts_with("static/") || (index && p.starts_with("search/"));
                !covered && !declared.contains(*p)
            })
            .collect();
        assert!(undeclared.is_empty(), "written but not declared: {undeclared:?}");
        // Declared but not written: only the pages of what is not published (restricted,
        // drafts, reports not yet counted on `as_of`).
        let unwritten: Vec<&String> = declared.iter().filter(|p| !written.contains(*p)).collect();
        assert!(
            unwritten.iter().all(|p| p.starts_with("bao-cao/") || p.starts_with("trang/")),
            "{unwritten:?}"
        );
        assert!(unwritten.len() <= 3, "{unwritten:?}");
    }
}

#[test]
fn each_output_writes_only_the_files_it_declares() {
    use kehoach::output::{Input, OutputFile};
    use std::sync::Mutex;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (loaded, judgement) = build::load_judged(root, None).unwrap();
    let site = &loaded.site;
    let month_ends = kehoach::derive::history::month_ends(site, judgement.as_of);
    let text = |r: usize| site.reports[r].body.to_string();
    let input = Input {
        site,
        judgement: &judgement,
        month_ends: &month_ends,
        base_url: "/",
        include_restricted: false,
        text: &text,
    };
    let mut n = 0;
    for output in build::outputs() {
        let declared: BTreeSet<String> =
            output.declared(site, judgement.as_of).into_iter().map(|d| d.path).collect();
        let files = Mutex::new(Vec::new());
        output.render(&input, &|_| true, &|f: OutputFile| files.lock().unwrap().push(f.path));
        let written = files.into_inner().unwrap();
        assert!(!written.is_empty() && !declared.is_empty());
        // The search index's manifest stands for its folder.
        let index = declared.contains(kehoach::paths::SEARCH_INDEX_PATH);
        for p in &written {
            assert!(
                declared.contains(p) || (index && p.starts_with("search/")),
                "{p} not declared by its output"
            );
        }
        // And what `keep` leaves out is not made.
        let files = Mutex::new(Vec::new());
        output.render(&input, &|_| false, &|f: OutputFile| files.lock().unwrap().push(f.path));
        assert!(files.into_inner().unwrap().is_empty());
        n += 1;
    }
    assert_eq!(n, 4);
}
