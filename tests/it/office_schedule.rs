//! `data/lich.xlsx` and `data/bao-cao.xlsx` read back with calamine, and
//! `kehoach import schedule` run as a person runs it: the sample's schedule through Excel
//! and back, an office's CSV file, bad files refused with nothing written.

use crate::support::{SAMPLE, build, kehoach, stderr, zip_bomb};
use calamine::{Data, DataType, Reader, Xlsx};
use kehoach::derive::testkit::{files::fixtures, fixture, folder};
use std::path::Path;

fn workbook(bytes: &[u8]) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an xlsx workbook")
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// `kehoach import schedule <file> --root <root>`, with `--replace` if asked.
fn import(root: &Path, file: &Path, replace: bool) -> std::process::Output {
    let mut c = kehoach();
    c.args(["import", "schedule"]).arg(file).arg("--root").arg(root);
    if replace {
        c.arg("--replace");
    }
    c.output().unwrap()
}

/// The visits of a site as comparable text (id, team, kind, unit, month, date, time,
/// place, status, note), in schedule order.
fn visits(root: &Path) -> Vec<String> {
    let loaded = kehoach::build::load(root).unwrap_or_else(|f| panic!("{}", f.render()));
    loaded
        .site
        .visits_iter()
        .map(|v| {
            format!(
                "{} {} {} {} {} {:?} {:?} {:?} {:?} {:?}",
                v.id.value,
                v.team.value,
                v.kind.value.key(),
                v.unit.value,
                v.month.value,
                v.date.as_ref().map(|d| d.value),
                v.time,
                v.place,
                v.status,
                v.note.as_deref().filter(|n| !n.is_empty())
            )
        })
        .collect()
}

#[test]
fn the_sample_exports_readable_deterministic_workbooks() {
    let a = build(SAMPLE, &[]);
    let b = build(SAMPLE, &[]);
    for path in ["data/lich.xlsx", "data/bao-cao.xlsx"] {
        assert_eq!(a[path], b[path], "{path} is the same bytes in two builds");
    }
    let mut wb = workbook(&a["data/lich.xlsx"]);
    assert_eq!(wb.sheet_names(), ["Lịch dự sinh hoạt"]);
    let range = wb.worksheet_range("Lịch dự sinh hoạt").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "Tổ",
            "Loại",
            "Đơn vị",
            "Tháng",
            "Ngày",
            "Giờ",
            "Địa điểm",
            "Trạng thái",
            "Ghi chú",
            "Mã",
            "Tình hình thực hiện"
        ]
    );
    let visits_csv = String::from_utf8(a["data/visits.csv"].clone()).unwrap();
    assert_eq!(range.height(), visits_csv.lines().count(), "a row per visit under the header");
    let first = &range.rows().nth(1).unwrap();
    assert_eq!(first[0].to_string(), "Tổ công tác số 1", "teams in words");
    assert!(matches!(first[4], Data::DateTime(_)), "a real date cell: {:?}", first[4]);
    assert_eq!(first[4].as_date().map(|d| d.to_string()).as_deref(), Some("2024-03-26"));
    let sheet = zip_text(&a["data/lich.xlsx"], "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\"") && sheet.contains("<autoFilter ref=\"A1:K"), "{sheet:.600}");
    let props = zip_text(&a["data/lich.xlsx"], "docProps/core.xml");
    assert!(props.contains("2000-01-01T00:00:00Z"), "fixed creation date: {props}");

    let mut wb = workbook(&a["data/bao-cao.xlsx"]);
    assert_eq!(wb.sheet_names(), ["Báo cáo"]);
    let range = wb.worksheet_range("Báo cáo").unwrap();
    let reports_csv = String::from_utf8(a["data/reports.csv"].clone()).unwrap();
    assert_eq!(range.height(), reports_csv.lines().count());
    let row = &range.rows().nth(1).unwrap();
    assert!(matches!(row[5], Data::DateTime(_)), "held_on is a date cell");
    assert!(matches!(row[10], Data::Float(_)), "attendance is a number");
    let header = range.rows().next().unwrap();
    assert_eq!(header[0].to_string(), "Mã lượt dự");
    // The restricted report: a row only in the Standing Committee's build.
    let ids = |bytes: &[u8]| -> Vec<String> {
        let mut wb = workbook(bytes);
        let range = wb.worksheet_range("Báo cáo").unwrap();
        range.rows().skip(1).map(|r| r[0].to_string()).collect()
    };
    assert!(!ids(&a["data/bao-cao.xlsx"]).contains(&"to-4-2024-06-chi-bo".to_string()));
    let full = build(SAMPLE, &["--include-restricted"]);
    assert!(ids(&full["data/bao-cao.xlsx"]).contains(&"to-4-2024-06-chi-bo".to_string()));
}

#[test]
fn the_sample_schedule_round_trips_through_excel() {
    let files = build(SAMPLE, &[]);
    let site = folder(Path::new(SAMPLE)).write();
    let xlsx = site.path().join("lich.xlsx");
    std::fs::write(&xlsx, &files["data/lich.xlsx"]).unwrap();
    let before = visits(site.path());
    let o = import(site.path(), &xlsx, false);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--replace"), "refuses to replace without --replace: {}", stderr(&o));
    assert_eq!(visits(site.path()), before, "nothing written");
    let o = import(site.path(), &xlsx, true);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(&format!("đã ghi {} lượt dự", before.len())), "{out}");
    assert_eq!(visits(site.path()), before, "the same visits after the round trip");
    let check = kehoach().args(["check", "--root"]).arg(site.path()).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn an_office_csv_with_semicolons_a_title_and_names_is_imported() {
    let site = fixture("valid").write();
    let csv = fixtures().join("office/lich-quy-2.csv");
    let o = import(site.path(), &csv, true);
    assert!(o.status.success(), "{}", stderr(&o));
    let yaml = std::fs::read_to_string(site.path().join("content/schedule.yaml")).unwrap();
    assert!(yaml.contains("- team: to-1\n  kind: dang_uy\n  unit: db-dien-luc\n  month: 2024-04\n  date: 2024-04-16\n  time: \"08:30\"\n  place: Hội trường; tầng 2\n"), "{yaml}");
    assert!(yaml.contains("- team: to-2\n  kind: chi_bo\n  unit: cb-ngan-hang\n  month: 2024-05\n  note: Đơn vị đề nghị \"dời\" lịch\n"), "{yaml}");
    assert_eq!(yaml.matches("- team:").count(), 3, "the empty row skipped");
}

#[test]
fn bad_files_are_refused_with_every_cell_and_nothing_is_written() {
    let site = fixture("valid").write();
    let before = std::fs::read(site.path().join("content/schedule.yaml")).unwrap();
    let office = |name: &str| fixtures().join("office").join(name);
    let run = |file: &Path| import(site.path(), file, true);
    let o = run(&office("lich-tcvn3.csv"));
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("lich-tcvn3.csv:2:5") && e.contains("TCVN3"), "{e}");
    // Two bad cells in a CSV file, both reported.
    let bad = site.path().join("bad.csv");
    std::fs::write(&bad, "Tổ,Loại,Đơn vị,Tháng,Giờ\nto-9,chi bộ,cb-ngan-hang,3/2024,8h75\n").unwrap();
    let e = stderr(&run(&bad));
    assert!(e.contains("bad.csv:2:1") && e.contains("`to-9`"), "{e}");
    assert!(e.contains("bad.csv:2:5") && e.contains("`8h75`"), "{e}");
    assert!(e.contains("2 ô sai; chưa ghi gì"), "{e}");
    // Not a workbook, and a zip bomb.
    let pdf = site.path().join("lich.xlsx");
    std::fs::write(&pdf, b"%PDF-1.7 not a workbook").unwrap();
    assert!(stderr(&run(&pdf)).contains("zip"));
    let bomb = site.path().join("bomb.xlsx");
    std::fs::write(&bomb, zip_bomb("xl/worksheets/sheet1.xml", 0)).unwrap();
    let e = stderr(&run(&bomb));
    assert!(e.contains("quá giới hạn"), "{e}");
    assert_eq!(std::fs::read(site.path().join("content/schedule.yaml")).unwrap(), before);
}

/// A workbook as an office makes it: a merged title row, a header of two rows (merged
/// `Thời gian` over `Ngày` and `Giờ`), empty rows, a sheet per month without a month
/// column, dates as date cells and as text, times typed `8h30`.
fn office_workbook() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let title = Format::new().set_bold();
    for (sheet, rows) in [
        (
            "Tháng 4-2024",
            vec![(
                "Tổ công tác số 1",
                "Đảng ủy",
                "dang bo cong ty dien luc lao cai",
                Some((2024, 4, 16)),
                "8h30",
            )],
        ),
        ("Tháng 5-2024", vec![("to-2", "chi bo", "CHI BỘ NGÂN HÀNG NHÀ NƯỚC CHI NHÁNH TỈNH", None, "14:00")]),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        ws.merge_range(0, 0, 0, 5, &format!("LỊCH DỰ SINH HOẠT {}", sheet.to_uppercase()), &title).unwrap();
        for (c, h) in ["STT", "Tổ công tác", "Loại", "Đơn vị được dự"].iter().enumerate() {
            ws.merge_range(2, c as u16, 3, c as u16, h, &title).unwrap();
        }
        ws.merge_range(2, 4, 2, 5, "Thời gian", &title).unwrap();
        ws.write_string(3, 4, "Ngày").unwrap();
        ws.write_string(3, 5, "Giờ").unwrap();
        for (k, (team, kind, unit, day, time)) in rows.iter().enumerate() {
            let r = 5 + 2 * k as u32; // an empty row above each
            ws.write_number(r, 0, (k + 1) as f64).unwrap();
            ws.write_string(r, 1, *team).unwrap();
            ws.write_string(r, 2, *kind).unwrap();
            ws.write_string(r, 3, *unit).unwrap();
            match day {
                Some((y, m, d)) => {
                    ws.write_datetime_with_format(r, 4, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date)
                        .unwrap();
                }
                None => {
                    ws.write_string(r, 4, "").unwrap();
                }
            }
            ws.write_string(r, 5, *time).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn an_office_workbook_with_a_sheet_per_month_and_merged_headers_is_imported() {
    let site = fixture("valid").write();
    let file = site.path().join("lich-quy-2.xlsx");
    std::fs::write(&file, office_workbook()).unwrap();
    let o = import(site.path(), &file, true);
    assert!(o.status.success(), "{}", stderr(&o));
    let yaml = std::fs::read_to_string(site.path().join("content/schedule.yaml")).unwrap();
    assert!(
        yaml.contains("- team: to-1\n  kind: dang_uy\n  unit: db-dien-luc\n  month: 2024-04\n  date: 2024-04-16\n  time: \"08:30\"\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains(
            "- team: to-2\n  kind: chi_bo\n  unit: cb-ngan-hang\n  month: 2024-05\n  time: \"14:00\"\n"
        ),
        "the month of the sheet: {yaml}"
    );
}
