//! Messages: content.

#[allow(unused_imports)]
use crate::pick;
