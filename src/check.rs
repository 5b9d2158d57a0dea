//! Check: the errors that need the whole site (references between files, duplicate ids,
//! two reports on one visit). Errors in single values are found while loading.

use crate::diag::Diagnostic;
use crate::model::Site;

/// Every cross-file error of a parsed site, sorted by location.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let _ = site;
    todo!("check::check")
}
