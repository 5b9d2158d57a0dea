//! The index's files for one plan and for several (two sites of the test kit).

use super::*;
use crate::derive::testkit::{cast, d};
use serde_json::Value;

/// The JSON a file of the index registers, by the file's path.
fn registered(files: &[OutputFile], path: &str) -> Value {
    let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}"));
    let js = std::str::from_utf8(&f.bytes).unwrap();
    let name = path.strip_prefix("search/").unwrap().strip_suffix(".js").unwrap();
    let name = if name == "index" { "index".to_string() } else { name.to_string() };
    let open = format!("(self.KEHOACH_SEARCH=self.KEHOACH_SEARCH||{{}})[\"{name}\"]=");
    let json = js.strip_prefix(&open).and_then(|s| s.strip_suffix(";\n")).unwrap_or_else(|| panic!("{js}"));
    serde_json::from_str(json).unwrap()
}

/// Every display entry, in document order.
fn entries(files: &[OutputFile]) -> Vec<Value> {
    let n = files.iter().filter(|f| f.path.starts_with("search/d/")).count();
    (0..n)
        .flat_map(|k| registered(files, &crate::paths::search_docs_path(k)).as_array().unwrap().clone())
        .collect()
}

/// The shard holding the folded term `term`, and its entry there.
fn term(files: &[OutputFile], term: &str) -> Value {
    let manifest = registered(files, crate::paths::SEARCH_INDEX_PATH);
    let key = manifest["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .filter(|k| term.starts_with(k))
        .max_by_key(|k| k.len())
        .unwrap();
    registered(files, &crate::paths::search_terms_path(&shard_file_name(key)))[term].clone()
}

/// The documents of a term's postings (all its forms).
fn docs_of(entry: &Value) -> Vec<u64> {
    let mut out = Vec::new();
    for form in entry.as_array().unwrap() {
        let p = form[1].as_array().unwrap();
        let mut doc = 0;
        for pair in p.chunks(2) {
            doc += pair[0].as_u64().unwrap();
            out.push(doc);
        }
    }
    out.sort();
    out
}

fn site(title: &str) -> crate::model::Site {
    let mut s = cast().build();
    s.plan.title = title.into();
    s
}

#[test]
fn two_plans_each_with_its_folder_and_its_documents() {
    let (a, b) = (site("Kế hoạch năm 2024"), site("Kế hoạch năm 2025 đường"));
    let (ja, jb) = (crate::derive::judge(&a, d("2024-08-20")), crate::derive::judge(&b, d("2025-08-20")));
    let text = |_: usize| String::new();
    let plan = |id, title, prefix, site, judgement| SearchPlan {
        id: Some(id),
        title,
        prefix,
        site,
        judgement,
        include_restricted: false,
        text: &text,
    };
    let plans =
        [plan("2024", "Kế hoạch 2024", "2024/", &a, &ja), plan("2025", "Kế hoạch 2025", "2025/", &b, &jb)];
    let files = index_files(&plans);
    assert_eq!(files, index_files(&plans), "the same bytes every time");
    let manifest = registered(&files, crate::paths::SEARCH_INDEX_PATH);
    let ids: Vec<&Value> = manifest["plans"].as_array().unwrap().iter().map(|p| &p["id"]).collect();
    assert_eq!(ids, ["2024", "2025"]);
    assert_eq!(manifest["plans"][1]["t"], "Kế hoạch 2025");
    let n_a = manifest["plans"][0]["n"].as_u64().unwrap() as usize;
    let entries = entries(&files);
    assert_eq!(entries.len(), n_a + manifest["plans"][1]["n"].as_u64().unwrap() as usize);
    assert_eq!(manifest["tw"].as_str().unwrap().len(), entries.len());
    // Addresses relative to the site root, in the plan's folder.
    assert_eq!(entries[0]["u"], "2024/ke-hoach/");
    assert_eq!(entries[n_a]["u"], "2025/ke-hoach/");
    assert!(entries[..n_a].iter().all(|e| e["u"].as_str().unwrap().starts_with("2024/")));
    assert!(entries[n_a..].iter().all(|e| e["u"].as_str().unwrap().starts_with("2025/")));
    // A word of the second plan only is found in the second plan's documents only; a word of
    // both, in both.
    assert_eq!(docs_of(&term(&files, "2025")), [n_a as u64]);
    assert_eq!(docs_of(&term(&files, "2024")), [0]);
    assert_eq!(docs_of(&term(&files, "ke")), [0, n_a as u64]);
    // The form as written is kept beside the folded one.
    assert_eq!(term(&files, "duong")[0][0], "đường");
    assert_eq!(term(&files, "nam")[0][0], "năm");
}

#[test]
fn one_plan_has_no_id_and_no_folder() {
    let s = site("Kế hoạch");
    let j = crate::derive::judge(&s, d("2024-08-20"));
    let text = |_: usize| String::new();
    let plans = [SearchPlan {
        id: None,
        title: "Kế hoạch",
        prefix: "",
        site: &s,
        judgement: &j,
        include_restricted: false,
        text: &text,
    }];
    let files = index_files(&plans);
    let manifest = registered(&files, crate::paths::SEARCH_INDEX_PATH);
    assert_eq!(manifest["plans"].as_array().unwrap().len(), 1);
    assert!(manifest["plans"][0]["id"].is_null());
    let entries = entries(&files);
    assert_eq!(entries[0]["u"], "ke-hoach/");
    assert_eq!(entries.len(), docs(&s, &j, false).len());
    // Every file of the index is under search/, and registers itself.
    assert!(files.iter().all(|f| f.path.starts_with("search/")));
}

#[test]
fn forms_that_fold_alike_keep_their_own_postings() {
    let doc = |u: &str, t: &str, x: &str| Doc {
        url: u.into(),
        title: t.into(),
        kind: DocKind::Page,
        text: x.into(),
    };
    let docs = [doc("a/", "Dương", "dương dương"), doc("b/", "Đường", "đường"), doc("c/", "x", "duong")];
    let files = docs_index_files(&[(None, "Kế hoạch", &docs)]);
    let e = term(&files, "duong");
    // Forms in order: "" (duong itself), "dương", "đường"; values 2 × count + in title.
    assert_eq!(e, serde_json::json!([["", [2, 2]], ["dương", [0, 7]], ["đường", [1, 5]]]));
}
