//! Write every file the renderer makes for a site into a folder, as they are (no staging,
//! no check of the output folder): for looking at the pages while working on a template.
//! `cargo run --example dump -- [ROOT (default: tests/fixtures/render)] [OUT (default:
//! /tmp/kehoach-dump)]`. (It was an ignored test of the renderer's test site.)

use kehoach::build::{self, Options};
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "tests/fixtures/render".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/kehoach-dump".into()));
    let (loaded, judgement) = build::load_judged(&root, None).unwrap_or_else(|f| panic!("{}", f.render()));
    let opts = Options::new(&root);
    let files = build::render_all(&loaded, &judgement, &opts).unwrap_or_else(|f| panic!("{}", f.render()));
    for f in &files {
        let path = out.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.bytes).unwrap();
    }
    println!("{} files in {}", files.len(), out.display());
}
