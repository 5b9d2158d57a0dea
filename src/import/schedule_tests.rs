//! Tests of the schedule's way to Excel and back: generated schedules (proptest) survive
//! the export and the import; office-made tables (title rows, a sheet per month, names
//! typed without marks) are read; bad cells are reported with their addresses.

use super::schedule_import::{Row, rows};
use crate::derive::testkit::{cast, d, visit};
use crate::model::{PlanStatus, Site, UnitKind, Visit, VisitKind};
use crate::office::table::{self, Sheet, Value};
use crate::office::xlsx_export::schedule_xlsx;
use chrono::NaiveTime;
use proptest::prelude::*;

fn site_with(visits: Vec<Visit>) -> Site {
    let mut b =
        cast().team("to-1", 2).team("to-2", 2).unit("db-a", UnitKind::DangBoCoSo).cell("cb-a1", "db-a");
    b = b.unit("cb-b", UnitKind::ChiBoCoSo);
    for v in visits {
        b = b.visit(v);
    }
    let mut site = b.build();
    site.teams[0].name = "Tổ công tác số 1".into();
    site.teams[1].name = "Tổ công tác số 2".into();
    site.units[0].name = "Đảng bộ Công ty Điện lực".into();
    site.units[1].name = "Chi bộ Phòng Kỹ thuật".into();
    site.units[2].name = "Chi bộ Ngân hàng".into();
    site
}

/// What a visit says, as a row would say it.
fn as_row(v: &Visit) -> Row {
    let default = format!("{}-{}-{}", v.team.value, v.month.value, v.kind.value.slug());
    Row {
        team: v.team.value.clone(),
        kind: v.kind.value,
        unit: v.unit.value.clone(),
        month: v.month.value,
        date: v.date.as_ref().map(|x| x.value),
        time: v.time,
        place: v.place.clone().filter(|p| !p.trim().is_empty()).map(|p| p.trim().to_string()),
        status: v.status,
        note: v.note.clone().filter(|p| !p.trim().is_empty()).map(|p| p.trim().to_string()),
        id: Some(v.id.value.clone()).filter(|id| *id != default),
    }
}

fn round_trip(site: &Site) -> Result<Vec<Row>, Vec<super::schedule_import::CellError>> {
    let j = crate::derive::judge(site, d("2024-08-20"));
    let bytes = schedule_xlsx(site, &j);
    let sheets = table::read("lich.xlsx", &bytes).expect("the export reads back");
    rows(site, &sheets)
}

fn text_strategy() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        "[A-Za-z0-9 ,.:#=\"'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐẢỘỨ-]{0,20}",
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn generated_schedules_survive_excel(
        entries in proptest::collection::vec(
            (0..2usize, 0..3usize, 3..8u32, proptest::option::of(1..29u32), proptest::option::of((0..24u32, 0..60u32)),
             text_strategy(), text_strategy(), any::<bool>(), any::<bool>()),
            0..12)
    ) {
        let units = ["db-a", "cb-a1", "cb-b"];
        let mut visits = Vec::new();
        for (k, (team, unit, month, day, time, place, note, cancelled, own_id)) in entries.into_iter().enumerate() {
            let kind = if unit == 0 { VisitKind::DangUy } else { VisitKind::ChiBo };
            let month_s = format!("2024-{month:02}");
            let mut v = visit(["to-1", "to-2"][team], kind, units[unit], &month_s);
            if let Some(day) = day {
                v.date = Some(crate::model::Sp::new(d(&format!("{month_s}-{day:02}")), Default::default()));
            }
            v.time = time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0));
            v.place = place;
            v.note = note;
            if cancelled {
                v.status = PlanStatus::Cancelled;
            }
            // Distinct ids: an own id, or the default when it is free.
            if own_id || visits.iter().any(|x: &Visit| x.id.value == v.id.value) {
                v.id.value = format!("luot-{k}");
            }
            visits.push(v);
        }
        let site = site_with(visits);
        let back = round_trip(&site).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let want: Vec<Row> = site.visits_iter().map(as_row).collect();
        prop_assert_eq!(back, want);
    }
}

fn t(s: &str) -> Value {
    Value::Text(s.into())
}

#[test]
fn an_office_table_with_a_title_a_sheet_per_month_and_names_without_marks() {
    let site = site_with(Vec::new());
    let march = Sheet {
        name: Some("Tháng 3-2024".into()),
        rows: vec![
            vec![t("LỊCH DỰ SINH HOẠT CHI BỘ THÁNG 3/2024")],
            vec![],
            vec![
                t("STT"),
                t("Tổ công tác"),
                t("Đơn vị được dự"),
                t("Loại"),
                t("Ngày"),
                t("Giờ"),
                t("Địa điểm"),
            ],
            vec![
                t("1"),
                t("to cong tac so 1"),
                t("DANG BO CONG TY DIEN LUC"),
                t("đảng uỷ"),
                Value::Date(d("2024-03-14"), None),
                t("8h30"),
                t("Hội trường"),
            ],
            vec![Value::Empty, Value::Empty],
            vec![
                t("2"),
                t("to-2"),
                t("Chi bộ  phòng kỹ thuật"),
                t("Chi bo"),
                t("25/3/2024"),
                Value::Time(NaiveTime::from_hms_opt(14, 0, 0).unwrap()),
            ],
        ],
    };
    let april = Sheet {
        name: Some("T4.2024".into()),
        rows: vec![
            vec![t("Tổ"), t("Đơn vị"), t("Loại"), t("Tháng"), t("Trạng thái"), t("Ghi chú")],
            vec![
                t("Tổ công tác số 1"),
                t("cb-b"),
                t("chi_bo"),
                t("04/2024"),
                t("Đã huỷ"),
                t("Đơn vị xin lùi"),
            ],
        ],
    };
    let got = rows(&site, &[march, april]).unwrap();
    assert_eq!(got.len(), 3);
    assert_eq!(
        (got[0].team.as_str(), got[0].unit.as_str(), got[0].kind),
        ("to-1", "db-a", VisitKind::DangUy)
    );
    assert_eq!(got[0].month.to_string(), "2024-03", "the month of the date");
    assert_eq!(got[0].time, NaiveTime::from_hms_opt(8, 30, 0));
    assert_eq!((got[1].team.as_str(), got[1].unit.as_str()), ("to-2", "cb-a1"));
    assert_eq!(got[1].date, Some(d("2024-03-25")));
    assert_eq!(got[1].time, NaiveTime::from_hms_opt(14, 0, 0));
    assert_eq!((got[2].unit.as_str(), got[2].status), ("cb-b", PlanStatus::Cancelled));
    assert_eq!(got[2].month.to_string(), "2024-04");
    assert_eq!(got[2].note.as_deref(), Some("Đơn vị xin lùi"));
}

#[test]
fn every_bad_cell_is_reported_with_its_address_and_the_closest_name() {
    let mut site = site_with(Vec::new());
    site.units[2].name = "Chi bộ Phòng Kỹ Thuật".into(); // folds like units[1]
    let sheet = Sheet {
        name: Some("Lịch".into()),
        rows: vec![
            vec![t("Tổ"), t("Loại"), t("Đơn vị"), t("Tháng"), t("Ngày"), t("Giờ")],
            vec![
                t("Tổ công tác số 7"),
                t("chi bộ"),
                t("Chi bo phong ky thuat"),
                t("13/2024"),
                t("31/02/2024"),
                t("25h"),
            ],
            vec![t("to-1"), t("đảng bộ"), t("Tæ c«ng t¸c"), t("3/2024")],
        ],
    };
    let errors = rows(&site, &[sheet]).unwrap_err();
    let shown: Vec<(String, String)> =
        errors.iter().map(|e| (e.address.clone(), e.message.clone())).collect();
    let at = |a: &str| errors.iter().find(|e| e.address == a).unwrap_or_else(|| panic!("{a}: {shown:?}"));
    assert_eq!(errors.len(), 7, "{shown:?}");
    assert_eq!(at("Lịch!A2").hint.as_deref(), Some("có phải `Tổ công tác số 1`?"));
    let both = &at("Lịch!C2").message;
    assert!(both.contains("(cb-a1)") && both.contains("(cb-b)"), "{both}");
    assert!(at("Lịch!D2").message.contains("`13/2024`"));
    assert!(at("Lịch!E2").message.contains("`31/02/2024`"));
    assert!(at("Lịch!F2").message.contains("`25h`"));
    assert!(at("Lịch!B3").message.contains("`đảng bộ`"));
    assert!(at("Lịch!C3").hint.as_deref().unwrap_or("").contains("TCVN3"));
    let text = at("Lịch!A2").render("lich.xlsx");
    assert!(
        text.starts_with("lỗi: không có tổ công tác `Tổ công tác số 7`\n  --> lich.xlsx: Lịch!A2\n"),
        "{text}"
    );
    let csv = Sheet { name: None, rows: vec![] };
    assert_eq!(csv.address(6, 2), "7:3");
}

#[test]
fn duplicate_ids_and_a_file_without_a_header_are_errors() {
    let site = site_with(Vec::new());
    let sheet = Sheet {
        name: Some("L".into()),
        rows: vec![
            vec![t("Tổ"), t("Loại"), t("Đơn vị"), t("Tháng")],
            vec![t("to-1"), t("chi bộ"), t("cb-b"), t("3/2024")],
            vec![t("to-1"), t("chi bộ"), t("cb-a1"), t("3/2024")],
        ],
    };
    let e = rows(&site, &[sheet]).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].address, "L!A3");
    assert!(e[0].message.contains("`to-1-2024-03-chi-bo` trùng với dòng L!A2"), "{}", e[0].message);
    let e =
        rows(&site, &[Sheet { name: Some("x".into()), rows: vec![vec![t("Tổ"), t("STT")]] }]).unwrap_err();
    assert!(e[0].message.contains("dòng tiêu đề"));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let mut v = visit("to-1", VisitKind::ChiBo, "cb-b", "2024-03");
    v.place = Some("=HYPERLINK(\"http://x\")".into());
    v.note = Some("+84 214".into());
    let site = site_with(vec![v]);
    let j = crate::derive::judge(&site, d("2024-08-20"));
    let bytes = schedule_xlsx(&site, &j);
    let back = rows(&site, &table::read("lich.xlsx", &bytes).unwrap()).unwrap();
    assert_eq!(back[0].place.as_deref(), Some("=HYPERLINK(\"http://x\")"));
    assert_eq!(back[0].note.as_deref(), Some("+84 214"));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut xml).unwrap();
    assert!(!xml.contains("<f>"), "no formula cell: {xml}");
}
