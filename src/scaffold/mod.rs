//! Scaffolding.
