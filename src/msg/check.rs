//! Messages: check.

#[allow(unused_imports)]
use crate::pick;
