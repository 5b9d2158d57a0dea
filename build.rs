//! Embeds the default theme (`themes/default/templates/**`, `themes/default/static/**`)
//! in the binary, so `kehoach build` works for any site root without the theme on disk.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

fn list(base: &Path, sub: &str, macro_name: &str, ty: &str, name: &str, code: &mut String) {
    let dir = base.join(sub);
    let mut found = Vec::new();
    files(&dir, &mut found);
    let _ = writeln!(code, "pub static {name}: &[(&str, &{ty})] = &[");
    for p in found {
        let rel = p.strip_prefix(&dir).expect("under dir").to_string_lossy().replace('\\', "/");
        let _ = writeln!(code, "    ({rel:?}, {macro_name}!({:?})),", p.to_string_lossy());
    }
    let _ = writeln!(code, "];");
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let base = manifest.join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut code = String::new();
    list(&base, "templates", "include_str", "str", "TEMPLATES", &mut code);
    list(&base, "static", "include_bytes", "[u8]", "STATIC", &mut code);
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("default_theme.rs");
    std::fs::write(out, code).expect("write default_theme.rs");
}
