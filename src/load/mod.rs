//! Load: discover a site's files and parse them into the model, keeping spans.
//!
//! [`read`] is the only function here that touches the disk; [`parse`] is pure.

pub mod yaml;

use crate::diag::Diagnostic;
use crate::model::Site;
use std::path::Path;
use std::sync::Arc;

/// One text file of the site, by its path relative to the site root (`content/site.yaml`).
#[derive(Clone, Debug, PartialEq)]
pub struct SourceFile {
    pub path: Arc<str>,
    pub text: String,
}

/// Everything read from disk for one build.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Input {
    /// YAML and Markdown files under `content/` (not `static/`), sorted by path.
    pub files: Vec<SourceFile>,
    /// Paths under `content/static/`, relative to it, `/`-separated, sorted.
    pub static_files: Vec<String>,
}

/// Read every file of the site at `root` (the folder holding `content/`).
pub fn read(root: &Path) -> Result<Input, Vec<Diagnostic>> {
    let _ = root;
    todo!("load::read")
}

/// Parse the files into a site; every error of every file, or the site.
pub fn parse(input: &Input) -> Result<Site, Vec<Diagnostic>> {
    let _ = input;
    todo!("load::parse")
}
