//! The data files: `data/visits.json`, `data/visits.csv`, `data/summary.json`.

use super::OutputFile;
use crate::derive::Judgement;
use crate::model::Site;

/// The data files of a build, exactly as FORMAT.md defines them.
pub fn data_files(site: &Site, judgement: &Judgement, include_restricted: bool) -> Vec<OutputFile> {
    let _ = (site, judgement, include_restricted);
    todo!("render::data::data_files")
}
