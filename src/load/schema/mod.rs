//! Schema: from YAML trees to the model, one file per kind of content file.
//!
//! Every reader keeps going after an error, so one run reports every bad value.

pub mod fields;
pub mod page;
pub mod plan;
pub mod report;
pub mod schedule;
pub mod site;
pub mod site_top;
pub mod teams;
pub mod types;
pub mod units;

/// For the readers' unit tests: parse `yaml`, read it with `read` as the file `file`,
/// and give the value with each error as `line:col message`.
#[cfg(test)]
pub(crate) fn read_as<T>(
    file: &str,
    yaml: &str,
    read: impl FnOnce(&crate::load::yaml::Node, &mut fields::Sink) -> T,
) -> (T, Vec<String>) {
    let n = crate::load::yaml::parse(yaml).unwrap();
    let mut s = fields::Sink::new(&std::sync::Arc::from(file));
    let v = read(&n, &mut s);
    (v, s.errors.iter().map(|e| format!("{}:{} {}", e.loc.pos.line, e.loc.pos.col, e.message)).collect())
}
