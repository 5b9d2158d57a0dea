//! Things named in words for the Standing Committee: a unit with its đảng bộ, a visit as
//! "Tổ công tác số 2, cuộc dự sinh hoạt chi bộ tháng 4/2024 tại Chi bộ … – Đảng bộ …".
//! Never an id, a key name or a file path (those are for the CLI and developer details).

use crate::model::{Team, Unit, UnitKind, Visit, VisitKind, YearMonth};

/// Between a chi bộ trực thuộc and the name of its đảng bộ.
pub const PARENT_SEPARATOR: &str = " – ";

/// The name of `unit` as a list or calendar shows it: a chi bộ trực thuộc followed by its
/// đảng bộ ("Chi bộ Văn phòng Sở – Đảng bộ Sở Tài chính"), others by their own name.
/// `parent` finds a unit by id (a missing parent leaves the name alone).
pub fn unit_full_name<'a>(unit: &Unit, parent: impl Fn(&str) -> Option<&'a Unit>) -> String {
    match (unit.kind, unit.parent.as_deref().and_then(parent)) {
        (UnitKind::ChiBoTrucThuoc, Some(p)) => format!("{}{PARENT_SEPARATOR}{}", unit.name, p.name),
        _ => unit.name.clone(),
    }
}

/// "tháng 4/2024".
pub fn month(m: YearMonth) -> String {
    format!("tháng {}/{}", m.month, m.year)
}

/// What a visit is, in the words of a sentence: "dự sinh hoạt chi bộ", "dự họp đảng ủy".
pub fn kind_phrase(k: VisitKind) -> &'static str {
    match k {
        VisitKind::DangUy => "dự họp đảng ủy",
        VisitKind::ChiBo => "dự sinh hoạt chi bộ",
    }
}

/// A visit in words: "Tổ công tác số 2, cuộc dự sinh hoạt chi bộ tháng 4/2024 tại Chi bộ …".
/// A team or unit the site does not know is named by its id (check reports it).
pub fn visit(v: &Visit, team: Option<&Team>, unit: Option<String>) -> String {
    let team = team.map_or_else(|| format!("Tổ công tác {}", v.team.as_str()), |t| t.name.clone());
    let unit = unit.unwrap_or_else(|| v.unit.to_string());
    format!("{team}, cuộc {} {} tại {unit}", kind_phrase(v.kind.value), month(v.month.value))
}
