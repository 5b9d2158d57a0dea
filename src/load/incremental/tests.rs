//! The cache after edits equals a full read and parse of the folder: same site, same
//! errors in the same order, same sources; and it reads only the changed files.

use super::*;
use crate::load;
use proptest::prelude::*;
use std::fs;

/// A copy of the sample site (`content/` of the repository) in a fresh folder.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let dest = dir.path().join("content").join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
    dir
}

/// The cache agrees with a full read and parse of `root`.
fn assert_same(cache: &Cache, root: &Path, after: &str) {
    let (full, texts) = match load::read(root) {
        Ok(input) => {
            let texts: Sources = input.files.iter().map(|f| (f.path.to_string(), f.text.clone())).collect();
            (load::parse(&input), texts)
        }
        Err(e) => (Err(e), Sources::new()),
    };
    let got = cache.site();
    if got != full {
        let show = |r: &Result<Site, Vec<Diagnostic>>| match r {
            Ok(s) => format!("a site of {} reports, {} visits", s.reports.len(), s.visits.len()),
            Err(e) => e.iter().map(|d| format!("{}: {}", d.loc, d.message)).collect::<Vec<_>>().join("\n"),
        };
        panic!("after {after}: the cache gives\n{}\nbut a full parse\n{}", show(&got), show(&full));
    }
    assert!(cache.sources() == &texts, "after {after}: the sources differ");
}

/// One edit of the folder, and the paths a watcher would report for it.
#[derive(Clone, Debug)]
enum Op {
    /// Append a paragraph to the n-th file read.
    Append(usize),
    /// Make the n-th file invalid (YAML that does not parse; front matter never closed).
    Break(usize),
    /// Put the n-th file of the sample back as it was (created again if deleted).
    Restore(usize),
    Delete(usize),
    /// Add a report (a copy of the n-th report) in a month folder that does not exist.
    AddReportInNewFolder(usize),
    /// Delete a whole month folder of reports.
    DeleteFolder(usize),
    /// Move `schedule/` to `schedule.yaml` (one file) and back.
    ToggleScheduleFolder,
    /// A file kehoach does not expect, in reports/.
    AddStray,
    /// Rename the n-th report to a new name (an editor's rename-over-save, or a move).
    Rename(usize),
}

struct World {
    dir: tempfile::TempDir,
    /// The sample's files and texts, by path relative to the root.
    originals: Vec<(String, String)>,
}

impl World {
    fn new() -> World {
        let dir = sample();
        let input = load::read(dir.path()).unwrap();
        let originals = input.files.iter().map(|f| (f.path.to_string(), f.text.clone())).collect();
        World { dir, originals }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn pick(&self, n: usize) -> &(String, String) {
        &self.originals[n % self.originals.len()]
    }

    fn reports(&self) -> Vec<&String> {
        self.originals.iter().map(|(p, _)| p).filter(|p| p.starts_with("content/reports/")).collect()
    }

    fn write(&self, rel: &str, text: &str) {
        let full = self.root().join(rel);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }

    /// Do `op`; the paths changed.
    fn apply(&self, op: &Op) -> Vec<String> {
        match op {
            Op::Append(n) | Op::Break(n) => {
                let (rel, _) = self.pick(*n);
                let full = self.root().join(rel);
                let Ok(mut text) = fs::read_to_string(&full) else { return vec![] };
                if matches!(op, Op::Break(_)) {
                    text =
                        if rel.ends_with(".md") { format!("---\n{text}") } else { format!("{text}\n: [\n") };
                } else {
                    text.push_str("\nMột đoạn thêm.\n");
                }
                fs::write(full, text).unwrap();
                vec![rel.clone()]
            }
            Op::Restore(n) => {
                let (rel, text) = self.pick(*n);
                self.write(rel, text);
                vec![rel.clone()]
            }
            Op::Delete(n) => {
                let (rel, _) = self.pick(*n);
                let _ = fs::remove_file(self.root().join(rel));
                vec![rel.clone()]
            }
            Op::AddReportInNewFolder(n) => {
                let reports = self.reports();
                let from = reports[n % reports.len()];
                let text = self.originals.iter().find(|(p, _)| p == from).unwrap().1.clone();
                let rel = format!("content/reports/2030-{:02}/moi-{n}.md", n % 12 + 1);
                self.write(&rel, &text);
                vec![rel]
            }
            Op::DeleteFolder(n) => {
                let reports = self.reports();
                let from = reports[n % reports.len()];
                let folder = &from[..from.rfind('/').unwrap()];
                let _ = fs::remove_dir_all(self.root().join(folder));
                vec![folder.to_string()]
            }
            Op::ToggleScheduleFolder => {
                let (file, folder) =
                    (self.root().join("content/schedule.yaml"), self.root().join("content/schedule"));
                if folder.is_dir() {
                    let mut all = String::new();
                    for e in fs::read_dir(&folder).unwrap() {
                        all.push_str(&fs::read_to_string(e.unwrap().path()).unwrap_or_default());
                        all.push('\n');
                    }
                    fs::remove_dir_all(&folder).unwrap();
                    fs::write(&file, all).unwrap();
                } else {
                    let text = fs::read_to_string(&file).unwrap_or_default();
                    let _ = fs::remove_file(&file);
                    self.write("content/schedule/tat-ca.yaml", &text);
                }
                // The serve session re-reads both for a change of the schedule.
                vec!["content/schedule.yaml".into(), "content/schedule".into()]
            }
            Op::AddStray => {
                self.write("content/reports/ghi-chu.txt", "ghi chú");
                vec!["content/reports/ghi-chu.txt".into()]
            }
            Op::Rename(n) => {
                let reports = self.reports();
                let from = reports[n % reports.len()].clone();
                let to = format!("{}-moi.md", from.trim_end_matches(".md"));
                if fs::rename(self.root().join(&from), self.root().join(&to)).is_err() {
                    return vec![];
                }
                vec![from, to]
            }
        }
    }
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..100usize).prop_map(Op::Append),
        (0..100usize).prop_map(Op::Break),
        (0..100usize).prop_map(Op::Restore),
        (0..100usize).prop_map(Op::Delete),
        (0..100usize).prop_map(Op::AddReportInNewFolder),
        (0..100usize).prop_map(Op::DeleteFolder),
        Just(Op::ToggleScheduleFolder),
        Just(Op::AddStray),
        (0..100usize).prop_map(Op::Rename),
    ]
}

#[test]
fn a_folder_is_forgotten_whole_beside_a_file_of_its_name() {
    // `content/schedule.yaml` sorts between `content/schedule` and the files under it:
    // the folder's files were kept when the folder went, and the cache then saw both.
    let world = World::new();
    let in_folder = world.originals.iter().position(|(p, _)| p.starts_with("content/schedule/")).unwrap();
    let mut cache = Cache::read(world.root());
    for op in [Op::ToggleScheduleFolder, Op::Restore(in_folder), Op::ToggleScheduleFolder] {
        let changed = world.apply(&op);
        assert!(!cache.update(&changed).full);
        assert_same(&cache, world.root(), &format!("{op:?}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn after_any_edits_the_cache_equals_a_full_parse(ops in proptest::collection::vec(op(), 1..8)) {
        let world = World::new();
        let mut cache = Cache::read(world.root());
        assert_same(&cache, world.root(), "the first read");
        for (i, op) in ops.iter().enumerate() {
            let changed = world.apply(op);
            let updated = cache.update(&changed);
            prop_assert!(!updated.full, "{op:?} read the whole site");
            assert_same(&cache, world.root(), &format!("edit {i}: {op:?}"));
        }
    }
}

#[test]
fn the_first_read_is_a_full_parse() {
    let world = World::new();
    let cache = Cache::read(world.root());
    assert!(cache.site().is_ok());
    assert_eq!(cache.files(), world.originals.len());
    assert_same(&cache, world.root(), "the first read");
}

#[test]
fn an_edit_reparses_one_file_and_invalid_then_valid_comes_back() {
    let world = World::new();
    let mut cache = Cache::read(world.root());
    let rel = world.reports()[0].clone();
    let original = world.originals.iter().find(|(p, _)| *p == rel).unwrap().1.clone();

    world.write(&rel, &format!("{original}\nThêm một câu.\n"));
    assert_eq!(cache.update(&[&rel]), Updated { files: 1, full: false });
    let site = cache.site().unwrap();
    assert!(site.reports.iter().any(|r| r.body.contains("Thêm một câu.")));
    assert_same(&cache, world.root(), "an edit");

    world.write(&rel, "---\ntitle: [\n");
    assert_eq!(cache.update(&[&rel]).files, 1);
    let errors = cache.site().unwrap_err();
    assert!(errors.iter().any(|d| *d.loc.file == *rel), "{errors:?}");
    assert_same(&cache, world.root(), "breaking the report");

    world.write(&rel, &original);
    assert_eq!(cache.update(&[&rel]).files, 1);
    assert_same(&cache, world.root(), "fixing it");
    assert!(cache.site().is_ok());
}

#[test]
fn deleting_teams_yaml_is_a_missing_file_and_restoring_it_heals() {
    let world = World::new();
    let mut cache = Cache::read(world.root());
    let teams = world.root().join("content/teams.yaml");
    let text = fs::read_to_string(&teams).unwrap();
    fs::remove_file(&teams).unwrap();
    assert_eq!(cache.update(&["content/teams.yaml"]), Updated { files: 0, full: false });
    let errors = cache.site().unwrap_err();
    assert!(errors.iter().any(|d| d.message == "missing file `content/teams.yaml`"), "{errors:?}");
    assert_same(&cache, world.root(), "deleting teams.yaml");
    fs::write(&teams, text).unwrap();
    assert_eq!(cache.update(&["content/teams.yaml"]).files, 1);
    assert_same(&cache, world.root(), "restoring it");
}

#[test]
fn a_report_in_a_new_month_folder_and_a_deleted_folder() {
    let world = World::new();
    let mut cache = Cache::read(world.root());
    let from = world.reports()[0].clone();
    let text = fs::read_to_string(world.root().join(&from)).unwrap();
    world.write("content/reports/2031-01/moi.md", &text);
    // A watcher may report the new folder, the file, or both.
    assert_eq!(cache.update(&["content/reports/2031-01"]).files, 1);
    assert_same(&cache, world.root(), "a report in a new folder");
    assert_eq!(cache.update(&["content/reports/2031-01", "content/reports/2031-01/moi.md"]).files, 1);
    assert_same(&cache, world.root(), "the same, reported twice");

    fs::remove_dir_all(world.root().join("content/reports/2031-01")).unwrap();
    assert_eq!(cache.update(&["content/reports/2031-01"]), Updated { files: 0, full: false });
    assert_same(&cache, world.root(), "deleting the folder");
}

#[test]
fn an_unknown_folder_or_content_itself_reads_everything() {
    let world = World::new();
    let mut cache = Cache::read(world.root());
    world.write("content/khac/a.md", "x");
    // The new folder itself is one path of content/: re-examined on its own.
    assert!(!cache.update(&["content/khac"]).full);
    assert_same(&cache, world.root(), "an unexpected folder");
    // A file in a folder kehoach does not read: everything again.
    let all = cache.update(&["content/khac/a.md"]);
    assert!(all.full && all.files == cache.files());
    assert_same(&cache, world.root(), "a file in it");
    assert!(cache.update(&["content"]).full);
    assert_same(&cache, world.root(), "content/");

    fs::remove_dir_all(world.root().join("content")).unwrap();
    assert!(cache.update(&["content"]).full);
    assert_same(&cache, world.root(), "no content/");
    assert!(cache.site().is_err());
}

#[test]
fn hidden_files_are_not_read() {
    let world = World::new();
    let mut cache = Cache::read(world.root());
    world.write("content/reports/2024-03/.nhap.md", "---\n");
    assert_eq!(cache.update(&["content/reports/2024-03/.nhap.md"]), Updated { files: 0, full: false });
    assert_same(&cache, world.root(), "a hidden file");
}
