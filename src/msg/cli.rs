//! Messages: cli.

#[allow(unused_imports)]
use crate::pick;
