//! Time the render of each group of outputs (report pages, search index, data, feeds, team
//! and unit pages, calendar, the pages that list every report) on its own:
//! `cargo run --release --example groups -- ROOT [GROUP]`. For profiling; the benchmark
//! proper is `scripts/bench`.

use kehoach::build::{self, Loaded, Options};
use kehoach::{derive, load};
use std::path::PathBuf;
use std::time::Instant;
fn main() {
    let root = PathBuf::from(std::env::args().nth(1).unwrap());
    let input = load::read(&root).unwrap();
    let site = load::parse(&input).unwrap();
    let as_of = build::resolve_as_of(None, &site);
    let j = derive::judge(&site, as_of);
    let loaded = Loaded { site, sources: Default::default(), git: None };
    let opts = Options::new(&root);
    type Keep = Box<dyn Fn(&str) -> bool + Sync>;
    let sets: Vec<(&str, Keep)> = vec![
        ("reports/*", Box::new(|p: &str| p.starts_with("bao-cao/") && p.matches('/').count() >= 2)),
        ("search", Box::new(|p: &str| p.contains("search") || p.contains("tim-kiem"))),
        ("data", Box::new(|p: &str| p.starts_with("data/"))),
        ("ics", Box::new(|p: &str| p.ends_with(".ics"))),
        ("teams", Box::new(|p: &str| p.starts_with("to-cong-tac/"))),
        ("units", Box::new(|p: &str| p.starts_with("don-vi/"))),
        ("lich", Box::new(|p: &str| p.starts_with("lich/"))),
        ("bao-cao/index", Box::new(|p: &str| p == "bao-cao/index.html")),
        ("tong-hop", Box::new(|p: &str| p.starts_with("tong-hop/"))),
        ("theo-doi", Box::new(|p: &str| p.starts_with("theo-doi/"))),
        ("index", Box::new(|p: &str| p == "index.html")),
    ];
    let only = std::env::args().nth(2);
    for (name, f) in sets.iter().filter(|(n, _)| only.as_deref().is_none_or(|o| o == *n)) {
        let t = Instant::now();
        let files = build::render_where(&loaded, &j, &opts, f).unwrap();
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        println!(
            "{name:>14} {:8.1} ms {:6} files {:8} KB",
            t.elapsed().as_secs_f64() * 1000.0,
            files.len(),
            bytes / 1024
        );
    }
}
