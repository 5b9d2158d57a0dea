//! `kehoach import schedule FILE [--root DIR] [--replace]`: the schedule from an Excel
//! workbook or a CSV file (FORMAT.md, "Office files").
//!
//! In each sheet, the header row is the first row that names at least three columns
//! (rows above it, such as a title, are skipped; a sheet without one is skipped); empty
//! rows are skipped. Teams and units are found by id or by name (folded); every bad cell
//! is reported at once as `FILE: Sheet!C7` (`FILE:7:3` for CSV), and then nothing is
//! written. The schedule goes to `content/schedule.yaml` (or, where the schedule is a
//! folder, `content/schedule/lich.yaml`, its other files removed), atomically; an existing
//! schedule is replaced only with `--replace`.

use super::cells;
use crate::model::{PlanStatus, Site, VisitKind, YearMonth};
use crate::office::columns::{Column, fold, parse_kind, parse_status};
use crate::office::table::{self, Sheet, Value};
use crate::scaffold::yaml_str;
use chrono::{NaiveDate, NaiveTime};
use rustc_hash::FxHashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One visit read from a row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub team: String,
    pub kind: VisitKind,
    pub unit: String,
    pub month: YearMonth,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub place: Option<String>,
    pub status: PlanStatus,
    pub note: Option<String>,
    /// The id given in the `Mã` column, when it differs from the default.
    pub id: Option<String>,
}

impl Row {
    /// The visit's id: the given one, else `<team>-<month>-<kind>`.
    pub fn id(&self) -> String {
        self.id.clone().unwrap_or_else(|| format!("{}-{}-{}", self.team, self.month, self.kind.slug()))
    }
}

/// One bad cell (or a file-wide problem when `address` is empty).
#[derive(Clone, Debug, PartialEq)]
pub struct CellError {
    pub address: String,
    pub message: String,
    pub expected: String,
    pub hint: Option<String>,
}

impl CellError {
    /// The error as the terminal shows it, rustc-style, for the file `file`.
    pub fn render(&self, file: &str) -> String {
        let at = if self.address.is_empty() {
            file.to_string()
        } else if self.address.contains('!') {
            format!("{file}: {}", self.address)
        } else {
            format!("{file}:{}", self.address)
        };
        let mut s = format!("lỗi: {}\n  --> {at}\n", self.message);
        if !self.expected.is_empty() {
            s.push_str(&format!("   = cần: {}\n", self.expected));
        }
        if let Some(h) = &self.hint {
            s.push_str(&format!("   = gợi ý: {h}\n"));
        }
        s
    }
}

/// Names (folded) to ids, for teams or units.
struct Lookup<'a> {
    what: &'static str,
    ids: Vec<&'a str>,
    names: Vec<(&'a str, &'a str)>,
    by_name: FxHashMap<String, Vec<&'a str>>,
}

impl<'a> Lookup<'a> {
    fn new(what: &'static str, items: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut l = Lookup { what, ids: Vec::new(), names: Vec::new(), by_name: FxHashMap::default() };
        for (id, name) in items {
            l.ids.push(id);
            l.names.push((id, name));
            l.by_name.entry(fold(name)).or_default().push(id);
        }
        l
    }

    /// The id a cell names, or the error.
    fn find(&self, cell: &str, address: &str) -> Result<String, CellError> {
        let t = cell.trim();
        if let Some(id) = self.ids.iter().find(|id| id.eq_ignore_ascii_case(t)) {
            return Ok(id.to_string());
        }
        let err = |message: String, expected: String, hint: Option<String>| CellError {
            address: address.to_string(),
            message,
            expected,
            hint,
        };
        match self.by_name.get(&fold(t)).map(Vec::as_slice) {
            Some([id]) => Ok(id.to_string()),
            Some(many) => {
                let listed: Vec<String> = many
                    .iter()
                    .map(|id| {
                        format!("`{}` ({id})", self.names.iter().find(|n| n.0 == *id).map_or("", |n| n.1))
                    })
                    .collect();
                Err(err(
                    format!("tên `{t}` trùng với {} {}: {}", many.len(), self.what, listed.join(", ")),
                    format!("mã {} để phân biệt", self.what),
                    Some(format!("ghi mã thay cho tên, ví dụ `{}`", many[0])),
                ))
            }
            None if t.is_empty() => {
                Err(err(format!("thiếu {}", self.what), format!("mã hoặc tên {}", self.what), None))
            }
            None if cells::is_mojibake(t) => Err(err(
                format!("không đọc được tên {} `{t}`", self.what),
                format!("mã hoặc tên {}", self.what),
                Some(cells::MOJIBAKE_HINT.into()),
            )),
            None => {
                let folded: Vec<(String, &str)> = self.names.iter().map(|(_, n)| (fold(n), *n)).collect();
                let target = fold(t);
                let near = crate::load::similar::nearest(&target, folded.iter().map(|f| f.0.as_str()), 1);
                let hint = near
                    .first()
                    .and_then(|f| folded.iter().find(|x| x.0 == *f))
                    .map(|x| format!("có phải `{}`?", x.1));
                Err(err(
                    format!("không có {} `{t}`", self.what),
                    format!("mã hoặc tên một {} đã khai báo", self.what),
                    hint,
                ))
            }
        }
    }
}

/// The visits of `sheets` (read from the file `file`) against the teams and units of
/// `site`; every bad cell otherwise.
pub fn rows(site: &Site, sheets: &[Sheet]) -> Result<Vec<Row>, Vec<CellError>> {
    let teams = Lookup::new("tổ công tác", site.teams.iter().map(|t| (t.id.as_str(), t.name.as_str())));
    let units = Lookup::new("đơn vị", site.units.iter().map(|u| (u.id.as_str(), u.name.as_str())));
    let mut errors = Vec::new();
    let mut out: Vec<Row> = Vec::new();
    let mut seen: FxHashMap<String, String> = FxHashMap::default();
    let mut headers = 0;
    for sheet in sheets {
        let Some((h, columns)) = header(sheet) else { continue };
        headers += 1;
        for (r, cells_of_row) in sheet.rows.iter().enumerate().skip(h + 1) {
            if cells_of_row.iter().all(Value::is_empty) {
                continue;
            }
            let cell = |c: Column| -> (Value, String) {
                match columns.get(&c) {
                    Some(&k) => (cells_of_row.get(k).cloned().unwrap_or(Value::Empty), sheet.address(r, k)),
                    None => (Value::Empty, sheet.address(r, 0)),
                }
            };
            let before = errors.len();
            if let Some(row) = row(sheet, &cell, &teams, &units, &mut errors) {
                let id = row.id();
                let (_, at) = cell(if columns.contains_key(&Column::Id) { Column::Id } else { Column::Team });
                if let Some(first) = seen.get(&id) {
                    errors.push(CellError {
                        address: at,
                        message: format!("mã lượt dự `{id}` trùng với dòng {first}"),
                        expected: "mỗi lượt dự một mã riêng".into(),
                        hint: Some(
                            "ghi vào cột Mã một mã khác (chữ thường, số, dấu gạch ngang), ví dụ `"
                                .to_string()
                                + &id
                                + "-2`",
                        ),
                    });
                } else if errors.len() == before {
                    seen.insert(id, at);
                    out.push(row);
                }
            }
        }
    }
    if headers == 0 {
        errors.push(CellError {
            address: String::new(),
            message: "không tìm thấy dòng tiêu đề của lịch".into(),
            expected: format!(
                "một dòng ghi ít nhất ba tên cột trong: {}",
                Column::ALL.iter().map(|c| c.header()).collect::<Vec<_>>().join(", ")
            ),
            hint: Some(
                "dòng tiêu đề là dòng đầu tiên có các tên cột; các dòng tên bảng phía trên được bỏ qua"
                    .into(),
            ),
        });
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The header row of a sheet (the index of its last row) and the column of each known
/// header. A header of two rows (a merged cell such as `Thời gian` over `Ngày` and `Giờ`)
/// is read as one: the row under the header is part of it when every cell it fills names
/// a column.
fn header(sheet: &Sheet) -> Option<(usize, FxHashMap<Column, usize>)> {
    let known = |row: &[Value]| -> FxHashMap<Column, usize> {
        let mut cols: FxHashMap<Column, usize> = FxHashMap::default();
        for (k, v) in row.iter().enumerate() {
            if let Value::Text(t) = v
                && let Some(c) = Column::of_header(t)
            {
                cols.entry(c).or_insert(k);
            }
        }
        cols
    };
    let (r, mut cols) =
        sheet.rows.iter().enumerate().map(|(r, row)| (r, known(row))).find(|(_, cols)| cols.len() >= 3)?;
    if let Some(next) = sheet.rows.get(r + 1) {
        let filled = next.iter().filter(|v| !v.is_empty()).count();
        let below = known(next);
        if filled > 0 && below.len() == filled {
            for (c, k) in below {
                cols.entry(c).or_insert(k);
            }
            return Some((r + 1, cols));
        }
    }
    Some((r, cols))
}

/// One row's visit, its errors pushed to `errors`.
fn row(
    sheet: &Sheet,
    cell: &dyn Fn(Column) -> (Value, String),
    teams: &Lookup,
    units: &Lookup,
    errors: &mut Vec<CellError>,
) -> Option<Row> {
    let text = |c: Column| {
        let (v, at) = cell(c);
        (v.shown().trim().to_string(), at)
    };
    let mut bad = |at: String, message: String, expected: &str, hint: Option<String>| {
        errors.push(CellError { address: at, message, expected: expected.into(), hint });
    };
    // Text that is mojibake is refused wherever it is.
    for c in [Column::Place, Column::Note] {
        let (t, at) = text(c);
        if cells::is_mojibake(&t) {
            bad(
                at,
                format!("không đọc được `{t}`"),
                "chữ tiếng Việt Unicode",
                Some(cells::MOJIBAKE_HINT.into()),
            );
        }
    }
    let (t, at) = text(Column::Team);
    let team = teams.find(&t, &at).map_err(|e| errors.push(e)).ok();
    let (t, at) = text(Column::Unit);
    let unit = units.find(&t, &at).map_err(|e| errors.push(e)).ok();
    let mut bad = |at: String, message: String, expected: &str, hint: Option<String>| {
        errors.push(CellError { address: at, message, expected: expected.into(), hint });
    };
    let (t, at) = text(Column::Kind);
    let kind = parse_kind(&t);
    if kind.is_none() {
        let msg = if t.is_empty() {
            "thiếu loại lượt dự".to_string()
        } else {
            format!("loại lượt dự không rõ `{t}`")
        };
        bad(at, msg, "`Đảng ủy` hoặc `Chi bộ` (có dấu hay không dấu), hoặc `dang_uy`, `chi_bo`", None);
    }
    let (dv, dat) = cell(Column::Date);
    let date = match &dv {
        v if v.is_empty() => None,
        v => {
            let d = cells::date(v);
            if d.is_none() {
                bad(
                    dat.clone(),
                    format!("ngày không hợp lệ `{}`", v.shown()),
                    "một ô ngày, hoặc ngày/tháng/năm như `14/03/2024`",
                    None,
                );
            }
            d
        }
    };
    let (mv, mat) = cell(Column::Month);
    let month = if mv.is_empty() {
        let from = date.map(YearMonth::of).or_else(|| sheet.name.as_deref().and_then(cells::month_of_sheet));
        if from.is_none() {
            bad(
                mat,
                "thiếu tháng".into(),
                "tháng như `3/2024`, `03/2024` hoặc `2024-03` (hoặc ghi ngày)",
                None,
            );
        }
        from
    } else {
        let m = cells::month(&mv);
        if m.is_none() {
            bad(
                mat,
                format!("tháng không hợp lệ `{}`", mv.shown()),
                "tháng như `3/2024`, `03/2024` hoặc `2024-03`",
                None,
            );
        }
        m
    };
    let (tv, tat) = cell(Column::Time);
    let time = if tv.is_empty() {
        None
    } else {
        let t = cells::time(&tv);
        if t.is_none() {
            bad(
                tat,
                format!("giờ không hợp lệ `{}`", tv.shown()),
                "giờ:phút như `14:00`, `8:30` hoặc `8h30`",
                None,
            );
        }
        t
    };
    let (t, at) = text(Column::Status);
    let status = parse_status(&t);
    if status.is_none() {
        bad(
            at,
            format!("trạng thái không rõ `{t}`"),
            "để trống hoặc `Theo kế hoạch`; `Đã hủy` khi lượt dự bị hủy",
            None,
        );
    }
    let (t, at) = text(Column::Id);
    let id = if t.is_empty() {
        None
    } else if t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        Some(t)
    } else {
        bad(
            at,
            format!("mã không hợp lệ `{t}`"),
            "chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `to-1-2024-03-chi-bo`",
            None,
        );
        None
    };
    let opt = |c: Column| Some(text(c).0).filter(|s| !s.is_empty());
    let mut row = Row {
        team: team?,
        kind: kind?,
        unit: unit?,
        month: month?,
        date,
        time,
        place: opt(Column::Place),
        status: status?,
        note: opt(Column::Note),
        id,
    };
    if row.id.as_deref() == Some(&format!("{}-{}-{}", row.team, row.month, row.kind.slug())) {
        row.id = None;
    }
    Some(row)
}

/// The schedule as YAML, in the order of the rows.
pub fn yaml(rows: &[Row], source: &str) -> String {
    let mut s =
        format!("# Lịch dự sinh hoạt, nhập từ {} bằng `kehoach import schedule`.\n", yaml_comment(source));
    for r in rows {
        s.push_str(&format!(
            "- team: {}\n  kind: {}\n  unit: {}\n  month: {}\n",
            r.team,
            r.kind.key(),
            r.unit,
            r.month
        ));
        if let Some(d) = r.date {
            s.push_str(&format!("  date: {d}\n"));
        }
        if let Some(t) = r.time {
            s.push_str(&format!("  time: \"{}\"\n", crate::vi::time(t)));
        }
        if let Some(p) = &r.place {
            s.push_str(&format!("  place: {}\n", yaml_str(p)));
        }
        if r.status == PlanStatus::Cancelled {
            s.push_str("  status: cancelled\n");
        }
        if let Some(n) = &r.note {
            s.push_str(&format!("  note: {}\n", yaml_str(n)));
        }
        if let Some(id) = &r.id {
            s.push_str(&format!("  id: {id}\n"));
        }
    }
    s
}

fn yaml_comment(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// Why the import wrote nothing.
#[derive(Debug)]
pub enum ImportError {
    /// The site does not load (its errors, rendered).
    Site(String),
    /// The file cannot be read as a table.
    File(String),
    /// The bad cells.
    Cells(Vec<CellError>),
    /// A schedule exists and `--replace` was not given.
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

/// What an import wrote.
pub struct Imported {
    pub path: PathBuf,
    pub visits: usize,
    /// Files of a schedule folder removed (replaced by `path`).
    pub removed: Vec<PathBuf>,
}

/// Read `file` and write the site's schedule from it.
pub fn run(root: &Path, file: &Path, replace: bool) -> Result<Imported, (String, ImportError)> {
    run_in(root, "content", file, replace)
}

/// [`run`] in the plan of the folder `base` (`content`, or `content/<plan>`).
pub fn run_in(
    root: &Path,
    base: &str,
    file: &Path,
    replace: bool,
) -> Result<Imported, (String, ImportError)> {
    let shown = file.display().to_string();
    let fail = |e: ImportError| (shown.clone(), e);
    let loaded = crate::build::load_at(root, base).map_err(|f| fail(ImportError::Site(f.render())))?;
    let bytes = std::fs::read(file).map_err(|e| fail(ImportError::Io(file.to_path_buf(), e)))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let sheets = table::read(&name, &bytes).map_err(|e| fail(ImportError::File(e.0)))?;
    let rows = rows(&loaded.site, &sheets).map_err(|e| fail(ImportError::Cells(e)))?;
    let folder = root.join(base).join("schedule");
    let path = if folder.is_dir() { folder.join("lich.yaml") } else { root.join(base).join("schedule.yaml") };
    let others: Vec<PathBuf> = if folder.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map_err(|e| fail(ImportError::Io(folder.clone(), e)))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml") && *p != path)
            .collect();
        v.sort();
        v
    } else {
        Vec::new()
    };
    if !replace && (path.exists() || !others.is_empty()) {
        let existing = if path.exists() { path.clone() } else { folder.clone() };
        return Err(fail(ImportError::Exists(existing)));
    }
    let text = yaml(&rows, &name);
    write_atomic(&path, text.as_bytes()).map_err(|e| fail(ImportError::Io(path.clone(), e)))?;
    for o in &others {
        std::fs::remove_file(o).map_err(|e| fail(ImportError::Io(o.clone(), e)))?;
    }
    Ok(Imported { path, visits: rows.len(), removed: others })
}

/// Write `bytes` to `path` through a temporary file beside it, renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.kehoach-tmp-{}", std::process::id()));
    let result = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ImportError::Site(s) => write!(f, "{s}\nlỗi: nội dung của trang có lỗi; sửa rồi nhập lại lịch"),
            ImportError::File(s) => write!(f, "lỗi: {s}"),
            ImportError::Cells(e) => {
                for c in e {
                    writeln!(f, "{}", c.render("FILE"))?;
                }
                Ok(())
            }
            ImportError::Exists(p) => write!(
                f,
                "lỗi: đã có lịch `{}`; không ghi đè\n   = gợi ý: thêm `--replace` để thay lịch cũ bằng lịch trong tệp",
                p.display()
            ),
            ImportError::Io(p, e) => write!(f, "lỗi: không đọc/ghi được `{}`: {e}", p.display()),
        }
    }
}

/// The message of a failed import of the file `file`.
pub fn message(file: &str, e: &ImportError) -> String {
    match e {
        ImportError::Cells(cells) => {
            let mut s: String = cells.iter().map(|c| c.render(file) + "\n").collect();
            s.push_str(&format!("lỗi: {} ô sai; chưa ghi gì\n", cells.len()));
            s
        }
        ImportError::File(m) => format!("lỗi: {file}: {m}\n"),
        other => format!("{other}\n"),
    }
}
