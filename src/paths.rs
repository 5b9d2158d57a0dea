//! The site's addresses that more than one part of kehoach names: the files of the feeds,
//! the data exports and the search index, relative to the output root (pages link to them,
//! the outputs write them, the dev server maps edits to them).

/// Path of the feed of every visit, relative to the output root.
pub const ALL_PATH: &str = "lich.ics";

/// Path of a team's feed: `to-cong-tac/<team>.ics`.
pub fn team_path(team: &str) -> String {
    format!("to-cong-tac/{team}.ics")
}

/// Path of a unit's feed: `don-vi/<unit>.ics`.
pub fn unit_path(unit: &str) -> String {
    format!("don-vi/{unit}.ics")
}

/// Path of the reports table, relative to the output root.
pub const REPORTS_CSV_PATH: &str = "data/reports.csv";
/// Path of the findings list, relative to the output root.
pub const FINDINGS_JSON_PATH: &str = "data/findings.json";
/// Path of the figures of `as_of`, relative to the output root.
pub const SUMMARY_PATH: &str = "data/summary.json";
/// Path of the visits table, relative to the output root.
pub const VISITS_CSV_PATH: &str = "data/visits.csv";
/// Path of the visits list, relative to the output root.
pub const VISITS_JSON_PATH: &str = "data/visits.json";

/// The folder of the search index, relative to the output root (see `search`).
pub const SEARCH_DIR: &str = "search";
/// The search index's manifest, the file the search page loads first; a build writes the
/// index (this file and the shards beside it) when it is asked for this path.
pub const SEARCH_INDEX_PATH: &str = "search/index.js";

/// Path of the shard of the terms whose folded form starts with the shard's key; `name`
/// is the key as a file name (see `search::shard_file_name`).
pub fn search_terms_path(name: &str) -> String {
    format!("{SEARCH_DIR}/t/{name}.js")
}

/// Path of the `k`-th file of documents' display fields (title, address, excerpt).
pub fn search_docs_path(k: usize) -> String {
    format!("{SEARCH_DIR}/d/{k}.js")
}

/// Path of the list of the plans of a site holding several, relative to the output root.
pub const PLANS_JSON_PATH: &str = "data/plans.json";

/// Where a plan's files go in a site holding several: `<plan>/`.
pub fn plan_prefix(plan: &str) -> String {
    format!("{plan}/")
}
