//! The synthesis and the search index take each report's proposals and text from its page
//! when the page is rendered in the same run, and read the report themselves otherwise
//! (the dev server renders only what an edit affects): both ways give the same bytes.

use kehoach::build::{self, Options};
use std::path::Path;

#[test]
fn the_synthesis_and_the_search_index_do_not_depend_on_the_report_pages_being_rendered() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let opts = Options::new(root);
    let (loaded, judgement) = build::load_judged(root, None).map_err(|f| f.render()).unwrap();
    let all = build::render_all(&loaded, &judgement, &opts).map_err(|f| f.render()).unwrap();
    let wanted = ["tong-hop/index.html", kehoach::paths::SEARCH_INDEX_PATH];
    let alone = build::render_where(&loaded, &judgement, &opts, &|p| wanted.contains(&p))
        .map_err(|f| f.render())
        .unwrap();
    // The synthesis, and the search index: its manifest and the files beside it.
    let index_files: Vec<&str> =
        all.iter().map(|f| f.path.as_str()).filter(|p| p.starts_with("search/")).collect();
    let made: Vec<&str> = alone.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(made, [index_files.clone(), vec!["tong-hop/index.html"]].concat());
    for f in &alone {
        let with_pages = all.iter().find(|g| g.path == f.path).expect("in the full build");
        assert!(f.bytes == with_pages.bytes, "{} differs when the report pages are not rendered", f.path);
    }
    // Not vacuous: the sample's synthesis gathers proposals, and its index holds report text.
    let synthesis = String::from_utf8_lossy(&alone.last().unwrap().bytes);
    assert!(synthesis.matches("class=\"source\"").count() >= 3, "{synthesis}");
    let entries: String = alone
        .iter()
        .filter(|f| f.path.starts_with("search/d/"))
        .map(|f| String::from_utf8_lossy(&f.bytes))
        .collect();
    assert!(entries.matches("\"k\":\"Báo cáo\"").count() >= 3);
    let terms: String = alone
        .iter()
        .filter(|f| f.path.starts_with("search/t/"))
        .map(|f| String::from_utf8_lossy(&f.bytes))
        .collect();
    assert!(terms.contains("\"đề\"") && terms.contains("\"nghị\""), "the reports' words");
}

/// A build writes its files to disk as they are made (the search index a part at a time):
/// the folder holds exactly the files, and the bytes, of the same build made in memory.
#[test]
fn a_build_on_disk_holds_what_the_build_makes_in_memory() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut opts = Options::new(root);
    opts.output = dir.path().join("public");
    let (loaded, judgement) = build::load_judged(root, None).map_err(|f| f.render()).unwrap();
    let all = build::render_all(&loaded, &judgement, &opts).map_err(|f| f.render()).unwrap();
    build::render_to_output(&loaded, &judgement, &opts).unwrap();
    let mut on_disk: Vec<String> = walkdir::WalkDir::new(&opts.output)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&opts.output).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|p| p != ".kehoach")
        .collect();
    on_disk.sort();
    let made: Vec<&str> = all.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(on_disk, made);
    for f in &all {
        assert!(std::fs::read(opts.output.join(&f.path)).unwrap() == f.bytes, "{} differs on disk", f.path);
    }
    assert!(made.contains(&kehoach::paths::SEARCH_INDEX_PATH));
}
