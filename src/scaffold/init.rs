//! `kehoach init [DIR]`: a new, minimal, valid site (one team, one unit, one visit) that
//! builds at once, for the current month.

use crate::model::YearMonth;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// The files of a new site started on `today`, by path relative to the site folder.
pub fn files(today: NaiveDate) -> Vec<(&'static str, String)> {
    let month = YearMonth::of(today);
    let year = today.year();
    // The deadline: the 10th of the month after the period, as in the seed plan.
    let deadline = month.next().first_day() + chrono::Duration::days(9);
    let fill = |t: &str| {
        t.replace("{YEAR}", &year.to_string())
            .replace("{MONTH}", &month.to_string())
            .replace("{DEADLINE}", &deadline.to_string())
            .replace("{MID}", &(month.first_day() + chrono::Duration::days(14)).to_string())
    };
    vec![
        (".gitignore", "public/\n".to_string()),
        ("content/site.yaml", fill(SITE)),
        ("content/plan.md", fill(PLAN)),
        ("content/teams.yaml", TEAMS.to_string()),
        ("content/units.yaml", UNITS.to_string()),
        ("content/schedule.yaml", fill(SCHEDULE)),
        ("content/pages/huong-dan.md", GUIDE.to_string()),
    ]
}

/// Why `init` wrote nothing.
#[derive(Debug)]
pub enum InitError {
    NotEmpty(PathBuf),
    NotAFolder(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            InitError::NotEmpty(p) => {
                write!(f, "{}", crate::msg::cli::init_not_empty(&p.display().to_string()))
            }
            InitError::NotAFolder(p) => {
                write!(f, "{}", crate::msg::cli::not_a_folder(&p.display().to_string()))
            }
            InitError::Io(p, e) => {
                write!(f, "{}", crate::msg::cli::cannot_write(&p.display().to_string(), &e.to_string()))
            }
        }
    }
}

impl std::error::Error for InitError {}

/// Write a new site into `dir` (created if missing; refused if not empty). The paths written.
pub fn run(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, InitError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| InitError::Io(p, e)
    };
    if dir.exists() {
        if !dir.is_dir() {
            return Err(InitError::NotAFolder(dir.to_path_buf()));
        }
        if std::fs::read_dir(dir).map_err(io(dir))?.next().is_some() {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in files(today) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

const SITE: &str = "\
# Cài đặt chung của trang (xem trang Hướng dẫn: content/pages/huong-dan.md).
title: Kế hoạch dự sinh hoạt chi bộ năm {YEAR}
organization: Đảng ủy (tên đơn vị ban hành kế hoạch)
issuer: Ban Thường vụ Đảng ủy
base_url: /                  # hoặc /sinhhoat/ nếu trang đặt dưới một thư mục con
theme: default
language: vi
period: { from: {MONTH}, to: {MONTH} }   # tháng đầu và tháng cuối có lịch dự sinh hoạt
deadline: {DEADLINE}         # mọi cuộc phải xong (và có báo cáo) trước ngày này
report_due_days: 10          # báo cáo nộp trong số ngày này sau buổi sinh hoạt
require: { dang_uy: 0, chi_bo: 1 }   # số cuộc mỗi tổ, mỗi tháng, mỗi loại
team_size: 2                 # số người mỗi tổ, kể cả tổ trưởng
";

const PLAN: &str = "\
---
title: Kế hoạch dự sinh hoạt chi bộ năm {YEAR}
---
## I. Mục đích, yêu cầu

Nắm tình hình, kiểm tra việc thực hiện nội dung, quy trình sinh hoạt chi bộ theo
Hướng dẫn 12-HD/BTCTW; kịp thời hướng dẫn, chấn chỉnh.

## II. Nội dung

Mỗi tháng, mỗi tổ công tác dự một buổi sinh hoạt chi bộ theo lịch.

## III. Tổ chức thực hiện

Sau mỗi buổi, tổ công tác gửi báo cáo kết quả về Ban Tổ chức trong 10 ngày.
";

const TEAMS: &str = "\
# Các tổ công tác. Mỗi tổ: id (chữ thường, số, gạch nối), tên, tổ trưởng, thành viên.
- id: to-1
  name: Tổ công tác số 1
  leader: { name: Nguyễn Văn A, title: Phó Bí thư Đảng ủy }
  members:
    - { name: Trần Thị B, title: Trưởng Ban Tổ chức Đảng ủy }
";

const UNITS: &str = "\
# Các tổ chức đảng. kind: dang_bo_co_so | chi_bo_co_so; chi bộ trực thuộc ghi trong cells.
- id: cb-van-phong
  name: Chi bộ Văn phòng
  kind: chi_bo_co_so
  secretary: Lê Văn C
  members: 12
";

const SCHEDULE: &str = "\
# Lịch dự sinh hoạt: mỗi dòng một cuộc. id mặc định: <tổ>-<tháng>-<loại>, ví dụ to-1-{MONTH}-chi-bo.
- team: to-1
  kind: chi_bo
  unit: cb-van-phong
  month: {MONTH}
  # date: {MID}         # ghi khi đã thống nhất với chi bộ
  # time: \"14:00\"
";

const GUIDE: &str = "\
---
title: Hướng dẫn cập nhật trang
weight: 10
---
Nội dung của trang nằm trong thư mục `content/`:

- `site.yaml`: cài đặt chung; `plan.md`: văn bản kế hoạch;
- `teams.yaml`, `units.yaml`: các tổ công tác và các tổ chức đảng;
- `schedule.yaml`: lịch dự sinh hoạt;
- `reports/`: mỗi cuộc một báo cáo; `pages/`: các trang khác.

Các lệnh thường dùng:

- `kehoach serve`: xem trang tại http://127.0.0.1:1111/, tự tải lại mỗi khi lưu tệp;
- `kehoach new report <mã cuộc>`: tạo báo cáo cho một cuộc, điền sẵn theo lịch;
- `kehoach check`: kiểm tra nội dung;
- `kehoach build`: dựng trang vào thư mục `public/`.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_dated_from_today() {
        let f = files(NaiveDate::from_ymd_opt(2025, 12, 3).unwrap());
        let get = |p: &str| &f.iter().find(|(q, _)| *q == p).unwrap().1;
        assert!(get("content/site.yaml").contains("period: { from: 2025-12, to: 2025-12 }"));
        assert!(get("content/site.yaml").contains("deadline: 2026-01-10 "));
        assert!(get("content/site.yaml").contains("title: Kế hoạch dự sinh hoạt chi bộ năm 2025\n"));
        assert!(get("content/schedule.yaml").contains("  month: 2025-12\n"));
        assert!(get("content/schedule.yaml").contains("# date: 2025-12-15 "));
        for key in ["{YEAR}", "{MONTH}", "{DEADLINE}", "{MID}"] {
            assert!(!f.iter().any(|(_, t)| t.contains(key)), "{key} left unfilled");
        }
        assert_eq!(get(".gitignore"), "public/\n");
    }

    #[test]
    fn refuses_a_non_empty_folder_and_writes_into_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.txt"), "mine").unwrap();
        let today = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert!(matches!(run(dir.path(), today), Err(InitError::NotEmpty(_))));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing written");
        assert!(matches!(run(&dir.path().join("x.txt"), today), Err(InitError::NotAFolder(_))));
        let new = dir.path().join("site");
        let written = run(&new, today).unwrap();
        assert_eq!(written.len(), files(today).len());
        assert!(new.join("content/pages/huong-dan.md").is_file());
        assert!(matches!(run(&new, today), Err(InitError::NotEmpty(_))));
    }
}
