//! The schedule's columns in Excel and CSV (FORMAT.md, "Office files"): their Vietnamese
//! names, how a header is matched (without marks, đ/d or case; a header that starts with a
//! column's name as a word is that column), and the words of the `Loại` and
//! `Trạng thái` columns. Shared by the export and the import, so that they agree.

use crate::model::{PlanStatus, VisitKind};

/// One column of the schedule table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Team,
    Kind,
    Unit,
    Month,
    Date,
    Time,
    Place,
    Status,
    Note,
    Id,
}

impl Column {
    /// In the order the export writes them.
    pub const ALL: [Column; 10] = [
        Column::Team,
        Column::Kind,
        Column::Unit,
        Column::Month,
        Column::Date,
        Column::Time,
        Column::Place,
        Column::Status,
        Column::Note,
        Column::Id,
    ];

    /// The header as the export writes it.
    pub fn header(self) -> &'static str {
        match self {
            Column::Team => "Tổ",
            Column::Kind => "Loại",
            Column::Unit => "Đơn vị",
            Column::Month => "Tháng",
            Column::Date => "Ngày",
            Column::Time => "Giờ",
            Column::Place => "Địa điểm",
            Column::Status => "Trạng thái",
            Column::Note => "Ghi chú",
            Column::Id => "Mã",
        }
    }

    /// The column a header names, if any: `Tổ công tác` is [`Column::Team`], `Tổng số`
    /// and `STT` are none.
    pub fn of_header(header: &str) -> Option<Column> {
        let h = fold(header);
        Column::ALL.into_iter().find(|c| {
            let name = fold(c.header());
            h == name || h.strip_prefix(&name).is_some_and(|rest| rest.starts_with([' ', '(', ':', '/']))
        })
    }
}

/// `s` folded for matching: no tone marks or other diacritics, `đ` → `d`, lowercase,
/// runs of spaces (and no-break spaces, tabs, line breaks) as one space, trimmed.
pub fn fold(s: &str) -> String {
    crate::load::similar::fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The label of a visit kind in the table.
pub fn kind_label(k: VisitKind) -> &'static str {
    match k {
        VisitKind::DangUy => "Đảng ủy",
        VisitKind::ChiBo => "Chi bộ",
    }
}

/// A `Loại` cell: `đảng ủy`/`chi bộ` (any marks, any case; also `dự họp đảng ủy`,
/// `dự sinh hoạt chi bộ`) or the keys `dang_uy`/`chi_bo`.
pub fn parse_kind(s: &str) -> Option<VisitKind> {
    let f = fold(s).replace(['_', '-'], " ");
    let f = f.strip_prefix("du hop ").or_else(|| f.strip_prefix("du sinh hoat ")).unwrap_or(&f);
    match f {
        "dang uy" => Some(VisitKind::DangUy),
        "chi bo" => Some(VisitKind::ChiBo),
        _ => None,
    }
}

/// The label of a plan status in the table.
pub fn status_label(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Planned => "Theo kế hoạch",
        PlanStatus::Cancelled => "Đã hủy",
    }
}

/// A `Trạng thái` cell: empty or `theo kế hoạch`/`kế hoạch`/`planned` is planned;
/// `đã hủy`/`hủy`/`cancelled` is cancelled.
pub fn parse_status(s: &str) -> Option<PlanStatus> {
    match fold(s).as_str() {
        "" | "theo ke hoach" | "ke hoach" | "planned" => Some(PlanStatus::Planned),
        "da huy" | "huy" | "cancelled" => Some(PlanStatus::Cancelled),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_without_marks_or_case_and_by_word() {
        assert_eq!(Column::of_header("TỔ CÔNG TÁC"), Some(Column::Team));
        assert_eq!(Column::of_header("to"), Some(Column::Team));
        assert_eq!(Column::of_header("Tổng số"), None);
        assert_eq!(Column::of_header("STT"), None);
        assert_eq!(Column::of_header("  Đơn vị  được dự "), Some(Column::Unit));
        assert_eq!(Column::of_header("Ngày sinh hoạt"), Some(Column::Date));
        assert_eq!(Column::of_header("Ma"), Some(Column::Id));
        assert_eq!(Column::of_header("Mã lượt dự"), Some(Column::Id));
        assert_eq!(Column::of_header("Giờ (hh:mm)"), Some(Column::Time));
        assert_eq!(Column::of_header("Giới thiệu"), None);
        for c in Column::ALL {
            assert_eq!(Column::of_header(c.header()), Some(c));
        }
    }

    #[test]
    fn kinds_and_statuses_as_offices_type_them() {
        for s in ["Đảng ủy", "đảng uỷ", "DANG UY", "dang_uy", "Dự họp đảng ủy"] {
            assert_eq!(parse_kind(s), Some(VisitKind::DangUy), "{s}");
        }
        for s in ["Chi bộ", "chi bo", "chi_bo", "Dự sinh hoạt chi bộ"] {
            assert_eq!(parse_kind(s), Some(VisitKind::ChiBo), "{s}");
        }
        assert_eq!(parse_kind("đảng bộ"), None);
        assert_eq!(parse_status(""), Some(PlanStatus::Planned));
        assert_eq!(parse_status("Đã hủy"), Some(PlanStatus::Cancelled));
        assert_eq!(parse_status("Đã huỷ"), Some(PlanStatus::Cancelled));
        assert_eq!(parse_status("hoãn"), None);
        for s in [PlanStatus::Planned, PlanStatus::Cancelled] {
            assert_eq!(parse_status(status_label(s)), Some(s));
        }
    }
}
