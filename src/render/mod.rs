//! Render: turn the model and its judgement into the files of the site.

pub mod data;

/// One file of the output, by its path relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}
