//! Time each stage of the pipeline on a site: `cargo run --release --example stages -- ROOT [OUT]`.
//!
//! Prints the wall time of read, parse, check, derive, render and write (write only when
//! OUT is given), for profiling; the benchmark proper is `scripts/bench`.

use kehoach::build::{self, Loaded, Options};
use kehoach::{check, derive, load, write};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let out = args.next().map(PathBuf::from);
    let t = Instant::now();
    let last = std::cell::Cell::new(0.0);
    let lap = |what: &str| {
        let now = t.elapsed().as_secs_f64();
        println!("{what:>8} {:8.1} ms", (now - last.get()) * 1000.0);
        last.set(now);
    };
    let input = load::read(&root).expect("read");
    lap("read");
    let site = load::parse(&input).expect("parse");
    lap("parse");
    let errors = check::check(&site);
    assert!(errors.is_empty(), "{} errors", errors.len());
    lap("check");
    let as_of = build::resolve_as_of(None, &site);
    let j = derive::judge(&site, as_of);
    lap("derive");
    let sources = input.files.iter().map(|f| (f.path.to_string(), f.text.clone())).collect();
    let git = kehoach::git::git_info(&root);
    lap("git");
    let loaded = Loaded { site, sources, git: git.map(std::sync::Arc::new) };
    let mut opts = Options::new(&root);
    if let Some(o) = &out {
        opts.output = o.clone();
    }
    // The fixed costs of any render (what an incremental rebuild pays for one page).
    let theme =
        kehoach::theme::load(&root, &loaded.site.config.theme, &loaded.site.config.loc).expect("theme");
    lap("theme");
    let _engine = kehoach::render::engine::Engine::new(&theme).expect("templates");
    lap("engine");
    let _view = kehoach::render::view::View::new(&loaded.site, &j, false);
    lap("view");
    let one = build::render_where(&loaded, &j, &opts, &|p| p == "404.html").expect("render");
    assert_eq!(one.len(), 1);
    lap("one page");
    let files = build::render_all(&loaded, &j, &opts).expect("render");
    lap("render");
    if let Some(o) = &out {
        write::write_atomic(o, &files).expect("write");
        lap("write");
    }
    println!("{:>8} {:8.1} ms ({} files)", "total", t.elapsed().as_secs_f64() * 1000.0, files.len());
}
