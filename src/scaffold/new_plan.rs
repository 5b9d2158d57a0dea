//! `kehoach new plan ID [--from PLAN] [--convert]`: start the next plan from an existing
//! one, and (`--convert`) make a one-plan site a site holding several plans.
//!
//! The next plan copies the teams, the units and the site's pages and files of the plan
//! it starts from; its schedule is empty and it has no report; every year of the old plan
//! (those of its period and deadline) written in its `site.yaml` and `plan.md` moves on by
//! the years between the two plans (one when the ids are not years), so the period, the
//! deadline, `as_of` and "năm 2024" in the text follow. `--convert` moves `content/*` into
//! `content/<year>/` (the year the plan starts; `git mv` in a git work tree), splits
//! `site.yaml` into the top one (the keys every plan shares, and `old_addresses`, so that
//! every address the site had keeps answering) and the plan's.
//!
//! The texts are made by pure functions ([`split_site_yaml`], [`shift_years`]); [`run`]
//! does the disk work, after loading the site (a site with errors is not converted).

use crate::load::several::{self, Layout};
use crate::msg::plans as pm;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The top-level keys of a one-plan `site.yaml` that go to the top `site.yaml` of a site
/// holding several plans.
const SITE_WIDE: [&str; 4] = ["organization", "base_url", "theme", "language"];

/// A one-plan `site.yaml` split by its top-level keys: (the top `site.yaml`'s text, the
/// plan's). Comments go with the key below them; `title` stays in both (the plan keeps
/// its own title; the site's loses a trailing " năm YYYY").
pub fn split_site_yaml(text: &str, old_id: &str) -> (String, String) {
    let mut top = String::new();
    let mut plan = String::new();
    let mut pending = String::new();
    let mut to_top = false;
    let mut to_plan = true;
    for line in text.lines() {
        let is_key =
            !line.starts_with([' ', '\t', '#', '-']) && line.contains(':') && !line.trim().is_empty();
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            pending.push_str(line);
            pending.push('\n');
            continue;
        }
        if is_key {
            let key = line.split(':').next().unwrap_or("").trim();
            to_top = SITE_WIDE.contains(&key) || key == "title";
            to_plan = !SITE_WIDE.contains(&key);
            if key == "title" {
                let value = line.split_once(':').map_or("", |(_, v)| v.trim());
                let site_title = strip_year(value);
                top.push_str(&pending);
                top.push_str(&format!("title: {site_title}\n"));
                plan.push_str(line);
                plan.push('\n');
                pending.clear();
                continue;
            }
        }
        let target = if to_plan && !to_top {
            &mut plan
        } else if to_top && !to_plan {
            &mut top
        } else {
            &mut plan
        };
        target.push_str(&pending);
        target.push_str(line);
        target.push('\n');
        pending.clear();
    }
    plan.push_str(&pending);
    let head = crate::pick!(
        "# Thiết lập chung của trang có nhiều kế hoạch; mỗi kế hoạch có site.yaml riêng trong thư mục của nó.\n",
        "# The settings every plan shares; each plan has its own site.yaml in its folder.\n"
    );
    let old = crate::pick!(
        "# Các địa chỉ cũ của trang (trước khi có nhiều kế hoạch) chuyển tới kế hoạch này:\n",
        "# The site's old addresses (from before it held several plans) lead to this plan:\n"
    );
    let top = format!("{head}{top}{old}old_addresses: {}\n", super::yaml_str(old_id));
    (top, plan)
}

/// `title` without a trailing year (" năm 2024", " 2024").
fn strip_year(title: &str) -> String {
    let t = title.trim_end();
    let cut = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if cut.len() + 4 == t.len() {
        let cut = cut.trim_end();
        let cut = cut.strip_suffix("năm").unwrap_or(cut).trim_end();
        if !cut.is_empty() {
            return cut.to_string();
        }
    }
    t.to_string()
}

/// `text` with every year of `years` (a run of exactly four digits) moved on by `by`.
pub fn shift_years(text: &str, years: &BTreeSet<i32>, by: i32) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let end = (i..bytes.len()).find(|&j| !bytes[j].is_ascii_digit()).unwrap_or(bytes.len());
            let run = &text[i..end];
            match run.parse::<i32>() {
                Ok(y) if run.len() == 4 && years.contains(&y) => out.push_str(&(y + by).to_string()),
                _ => out.push_str(run),
            }
            i = end;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The years between plan `from` and plan `to`: their difference when both are years,
/// else one.
fn years_between(from: &str, to: &str) -> i32 {
    match (from.parse::<i32>(), to.parse::<i32>()) {
        (Ok(a), Ok(b)) if (1900..3000).contains(&a) && (1900..3000).contains(&b) && b > a => b - a,
        _ => 1,
    }
}

/// What `run` did, line by line, for the terminal.
pub type Done = Vec<String>;

/// `kehoach new plan ID [--from PLAN] [--convert]` at `root`.
pub fn run(root: &Path, id: &str, from: Option<&str>, convert: bool) -> Result<Done, String> {
    if !several::is_plan_folder_name(id) {
        return Err(pm::bad_plan_id(id));
    }
    let mut done = Vec::new();
    let content = root.join("content");
    let layout = several::layout(root);
    let from_id = match (&layout, convert) {
        (Layout::One, false) => return Err(pm::needs_convert(id)),
        (Layout::Several { .. }, true) => return Err(pm::convert_needs_one_plan()),
        (Layout::One, true) => {
            let (loaded, _) = crate::build::load_judged(root, None).map_err(|f| {
                format!("{}\n{}", f.render(), crate::msg::cli::site_has_errors(f.errors.len()))
            })?;
            let old = loaded.site.config.period_from.year.to_string();
            if old == id {
                return Err(pm::same_id_as_old(id));
            }
            convert_site(root, &old, &mut done)?;
            old
        }
        (Layout::Several { plans, .. }, false) => {
            if plans.iter().any(|p| p == id) {
                return Err(pm::plan_exists(id));
            }
            let from = from.map(str::to_string).or_else(|| plans.last().cloned()).unwrap_or_default();
            if !plans.contains(&from) {
                return Err(pm::unknown_plan_flag(&from, &plans.join(", ")));
            }
            from
        }
    };
    if content.join(id).exists() {
        return Err(pm::plan_exists(id));
    }
    next_plan(root, &from_id, id, &mut done)?;
    Ok(done)
}

fn io(path: &Path, e: std::io::Error) -> String {
    crate::msg::cli::cannot_write(&path.display().to_string(), &e.to_string())
}

/// Move `content/<name>` to `content/<old>/<name>`: `git mv` when git tracks it, else a
/// rename.
fn move_entry(root: &Path, name: &str, old: &str, git: bool, done: &mut Done) -> Result<(), String> {
    let from = format!("content/{name}");
    let to = format!("content/{old}/{name}");
    if git {
        let ok = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["mv", "-k", &from, &to])
            .status()
            .is_ok_and(|s| s.success());
        // `-k` skips what git does not track: what is left is moved by hand.
        if ok && !root.join(&from).exists() {
            done.push(pm::moved(&from, &to, true));
            return Ok(());
        }
    }
    let (a, b) = (root.join(&from), root.join(&to));
    if a.exists() {
        if b.exists() {
            merge_dir(&a, &b).map_err(|e| io(&b, e))?;
        } else {
            std::fs::rename(&a, &b).map_err(|e| io(&b, e))?;
        }
        done.push(pm::moved(&from, &to, false));
    }
    Ok(())
}

/// Move what is left in `a` into `b` (git moved the tracked files already), then remove `a`.
fn merge_dir(a: &Path, b: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(a)? {
        let entry = entry?;
        let target = b.join(entry.file_name());
        if entry.file_type()?.is_dir() && target.is_dir() {
            merge_dir(&entry.path(), &target)?;
        } else if !target.exists() {
            std::fs::rename(entry.path(), target)?;
        }
    }
    std::fs::remove_dir_all(a)
}

/// Make the one-plan site at `root` a site holding several, its plan in `content/<old>/`.
fn convert_site(root: &Path, old: &str, done: &mut Done) -> Result<(), String> {
    let content = root.join("content");
    let site_yaml = content.join("site.yaml");
    let text = std::fs::read_to_string(&site_yaml).map_err(|e| io(&site_yaml, e))?;
    let (top, plan) = split_site_yaml(&text, old);
    let dir = content.join(old);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let git = crate::git::is_work_tree(root);
    let mut names: Vec<String> = std::fs::read_dir(&content)
        .map_err(|e| io(&content, e))?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n != old && !n.starts_with('.'))
        .collect();
    names.sort();
    for name in names {
        move_entry(root, &name, old, git, done)?;
    }
    let plan_yaml = dir.join("site.yaml");
    write(&plan_yaml, &plan)?;
    write(&site_yaml, &top)?;
    done.push(crate::msg::cli::wrote("content/site.yaml"));
    Ok(())
}

/// Write `text` at `path` (atomically: a temporary file renamed over it).
fn write(path: &Path, text: &str) -> Result<(), String> {
    let tmp = path.with_extension("kehoach-tmp");
    std::fs::write(&tmp, text).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| io(path, e))
}

/// Copy the folder `a` to `b` (which does not exist).
fn copy_dir(a: &Path, b: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(b)?;
    for entry in std::fs::read_dir(a)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &b.join(name))?;
        } else {
            std::fs::copy(entry.path(), b.join(name))?;
        }
    }
    Ok(())
}

/// Write `content/<id>/` from `content/<from>/`.
fn next_plan(root: &Path, from: &str, id: &str, done: &mut Done) -> Result<(), String> {
    let src = root.join("content").join(from);
    let dst: PathBuf = root.join("content").join(id);
    let read = |name: &str| std::fs::read_to_string(src.join(name)).map_err(|e| io(&src.join(name), e));
    let site_yaml = read("site.yaml")?;
    let plan_md = read("plan.md")?;
    let years = plan_years(root, from);
    let by = years_between(from, id);
    let tmp = root.join("content").join(format!(".{id}.kehoach-tmp"));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| io(&tmp, e))?;
    std::fs::write(tmp.join("site.yaml"), shift_years(&site_yaml, &years, by)).map_err(|e| io(&tmp, e))?;
    std::fs::write(tmp.join("plan.md"), shift_years(&plan_md, &years, by)).map_err(|e| io(&tmp, e))?;
    for name in ["teams.yaml", "units.yaml"] {
        std::fs::copy(src.join(name), tmp.join(name)).map_err(|e| io(&src.join(name), e))?;
    }
    let schedule = crate::pick!(
        "# Lịch dự sinh hoạt của kế hoạch {id}: mỗi cuộc một mục (xem content/{from}/ để tham khảo).\n[]\n",
        "# The visits of plan {id}: one entry a visit (see content/{from}/ for an example).\n[]\n"
    );
    std::fs::write(tmp.join("schedule.yaml"), schedule).map_err(|e| io(&tmp, e))?;
    for folder in ["pages", "static"] {
        if src.join(folder).is_dir() {
            copy_dir(&src.join(folder), &tmp.join(folder)).map_err(|e| io(&tmp.join(folder), e))?;
        }
    }
    std::fs::rename(&tmp, &dst).map_err(|e| io(&dst, e))?;
    done.push(crate::msg::cli::wrote(&format!("content/{id}/")));
    done.push(pm::new_plan_next(id));
    Ok(())
}

/// The years of plan `from` (those of its period and deadline), read from its site.yaml;
/// the year in its id when it cannot be read.
fn plan_years(root: &Path, from: &str) -> BTreeSet<i32> {
    let mut years = BTreeSet::new();
    if let Ok(input) = crate::load::read_at(root, &format!("content/{from}"))
        && let Some(f) = input.files.iter().find(|f| f.path.ends_with("/site.yaml"))
    {
        for word in f.text.split(|c: char| !c.is_ascii_digit()) {
            if word.len() == 4
                && let Ok(y) = word.parse::<i32>()
                && (1990..2200).contains(&y)
            {
                years.insert(y);
            }
        }
    }
    if let Ok(y) = from.parse::<i32>() {
        years.insert(y);
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_the_plan_move_others_stay() {
        let years: BTreeSet<i32> = [2024].into();
        let t = "Kế hoạch năm 2024; hạn 10/11/2024; period: { from: 2024-03 }; theo Hướng dẫn 12-HD/BTCTW (06/7/2018); 20245; 12024";
        assert_eq!(
            shift_years(t, &years, 1),
            "Kế hoạch năm 2025; hạn 10/11/2025; period: { from: 2025-03 }; theo Hướng dẫn 12-HD/BTCTW (06/7/2018); 20245; 12024"
        );
    }

    #[test]
    fn site_yaml_splits_by_key_with_comments() {
        let text = "# chung\ntitle: Kế hoạch dự sinh hoạt năm 2024\norganization: Đảng ủy Khối\nissuer: BTV\nbase_url: /\n# hạn\ndeadline: 2024-11-10\nsynthesis:\n  number: 52-BC\n  recipients:\n    - Lưu\n";
        let (top, plan) = split_site_yaml(text, "2024");
        assert!(top.contains("title: Kế hoạch dự sinh hoạt\n"), "{top}");
        assert!(top.contains("organization: Đảng ủy Khối\nbase_url: /\n"), "{top}");
        assert!(top.ends_with("old_addresses: \"2024\"\n"), "{top}");
        assert!(!top.contains("deadline") && !top.contains("issuer"), "{top}");
        assert_eq!(
            plan,
            "title: Kế hoạch dự sinh hoạt năm 2024\nissuer: BTV\n# hạn\ndeadline: 2024-11-10\nsynthesis:\n  number: 52-BC\n  recipients:\n    - Lưu\n"
        );
    }

    #[test]
    fn years_between_ids() {
        assert_eq!(years_between("2024", "2025"), 1);
        assert_eq!(years_between("2024", "2026"), 2);
        assert_eq!(years_between("nhiem-ky-1", "nhiem-ky-2"), 1);
    }
}
