//! Messages: yaml.

#[allow(unused_imports)]
use crate::pick;
