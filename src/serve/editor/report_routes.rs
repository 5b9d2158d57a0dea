//! The report form's addresses: `/__kehoach/soan/bao-cao/<visit>/` (GET the form, new or
//! existing; POST saves), `…/kiem-tra` (the check as JSON) and `…/xem-truoc` (the body as
//! the site renders it). Saved through [`super::routes::save`].

use super::form_page::{self, FormState, ReportInfo};
use super::pages::BASE;
use super::routes::{
    Proposal, Shared, about, blocking, check_json, current_or, html, not_found, read_post, save, sort_errors,
    unit_name, warnings,
};
use super::{report_file, store, validate};
use crate::model::{Site, UnitKind};
use crate::scaffold::{new_report, yaml_str};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::BTreeMap;

/// The front matter keys the form has (all but `visit`).
fn known_fields() -> Vec<&'static str> {
    report_file::ORDER.iter().copied().filter(|k| *k != "visit").collect()
}

/// A visit of the site and what its report form needs.
struct ReportCtx {
    info: ReportInfo,
    /// The report's file (existing, or where `new report` puts it).
    rel: String,
    /// A new report's text as `kehoach new report` writes it.
    scaffold: String,
}

fn report_ctx(site: &Site, id: &str) -> Option<ReportCtx> {
    let v = site.visits.iter().find(|v| *v.id.value == *id)?;
    let unit = site.units.iter().find(|u| *u.id.value == *v.unit.value);
    let parent = unit.filter(|u| u.kind == UnitKind::ChiBoTrucThuoc).map(|u| {
        let p = u.parent.as_deref().unwrap_or("");
        format!("đảng bộ {}", unit_name(site, p)).replace("đảng bộ Đảng bộ", "Đảng bộ")
    });
    let existing = site.reports.iter().find(|r| *r.visit.value == *id).map(|r| r.loc.file.to_string());
    Some(ReportCtx {
        info: ReportInfo {
            visit: id.to_string(),
            about: about(site, v),
            parent,
            due_days: site.config.report_due_days,
            rules: site.config.rules,
            existing: existing.is_some(),
        },
        rel: existing.unwrap_or_else(|| new_report::report_path(v)),
        scaffold: new_report::report_text(site, v),
    })
}

/// The site to fill the form from, as it is; or, when it has errors, without this visit's
/// report (then named), so that a report with an error can be opened and mended here.
async fn site_for(
    ed: &Shared,
    id: &str,
    status: StatusCode,
) -> Result<(validate::Checked, Option<String>), Response> {
    match current_or(ed, status).await {
        Ok(c) => Ok((c, None)),
        Err(page) => {
            let (root, base, as_of, v) = (ed.root.clone(), ed.plan_base.clone(), ed.as_of, id.to_string());
            match blocking(move || validate::without_report(&root, &base, &v, as_of)).await? {
                Some((rel, c)) if c.site.is_some() => Ok((c, Some(rel))),
                _ => Err(page),
            }
        }
    }
}

/// The visit's form context, its report's file being `broken` when that has errors.
fn ctx_for(checked: &validate::Checked, id: &str, broken: Option<String>) -> Option<ReportCtx> {
    let (site, _) = checked.site.as_ref()?;
    let mut ctx = report_ctx(site, id)?;
    if let Some(rel) = broken {
        ctx.rel = rel;
        ctx.info.existing = true;
    }
    Some(ctx)
}

fn no_visit(id: &str) -> Response {
    not_found(&format!("Không có lượt dự nào mang mã «{id}» trong lịch."))
}

pub(super) async fn get(State(ed): State<Shared>, Path(id): Path<String>) -> Response {
    let (checked, broken) = match site_for(&ed, &id, StatusCode::OK).await {
        Ok(c) => c,
        Err(page) => return page,
    };
    let Some(ctx) = ctx_for(&checked, &id, broken.clone()) else { return no_visit(&id) };
    let disk = store::read(&ed.root, &ctx.rel);
    let text = match &disk {
        Some(b) => String::from_utf8_lossy(b).into_owned(),
        None => ctx.scaffold.clone(),
    };
    let mut st = FormState {
        token: ed.guard.token().into(),
        hash: store::fingerprint(disk.as_deref()),
        values: report_file::values_of(&text),
        warnings: warnings(&checked, &id),
        ..FormState::default()
    };
    if broken.is_some() {
        // The file's own errors, beside their fields, to mend.
        let (root, base, rel, as_of) = (ed.root.clone(), ed.plan_base.clone(), ctx.rel.clone(), ed.as_of);
        let now = match blocking(move || validate::check_with(&root, &base, &rel, None, as_of)).await {
            Ok(c) => c,
            Err(res) => return res,
        };
        let known = known_fields();
        (st.errors, st.general) =
            sort_errors(&now.errors, &ctx.rel, &known, |l, c| report_file::field_at(&text, l, c));
    }
    html(StatusCode::OK, form_page::report(&ctx.info, &st))
}

/// The fields a report form may set.
fn report_values(fields: &BTreeMap<String, String>) -> report_file::Values {
    fields
        .iter()
        .filter(|(k, _)| {
            (report_file::ORDER.contains(&k.as_str()) && *k != "visit" && *k != "attendance")
                || k.starts_with("attendance.")
                || *k == "body"
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

async fn report_propose(
    ed: &Shared,
    id: &str,
    fields: BTreeMap<String, String>,
) -> Result<(ReportCtx, Proposal), Response> {
    let (now, broken) = site_for(ed, id, StatusCode::UNPROCESSABLE_ENTITY).await?;
    let ctx = ctx_for(&now, id, broken).ok_or_else(|| no_visit(id))?;
    let rel = ctx.rel.clone();
    let values = report_values(&fields);
    let disk = store::read(&ed.root, &ctx.rel);
    let original = match &disk {
        Some(b) => String::from_utf8_lossy(b).into_owned(),
        None => format!("---\nvisit: {}\n---\n", yaml_str(id)),
    };
    let text = report_file::write(&original, &values);
    let (root, base, r, as_of, t) =
        (ed.root.clone(), ed.plan_base.clone(), rel.clone(), ed.as_of, text.clone());
    let checked = blocking(move || validate::check_with(&root, &base, &r, Some(&t), as_of)).await?;
    let known = known_fields();
    let (errors, general) =
        sort_errors(&checked.errors, &ctx.rel, &known, |l, c| report_file::field_at(&text, l, c));
    let st = FormState {
        token: ed.guard.token().into(),
        hash: fields.get("_hash").cloned().unwrap_or_default(),
        values,
        errors,
        general,
        warnings: warnings(&checked, id),
        conflict: None,
        preview: None,
    };
    Ok((ctx, Proposal { rel, disk, text, checked, st }))
}

pub(super) async fn post(State(ed): State<Shared>, Path(id): Path<String>, req: Request) -> Response {
    let fields = match read_post(&ed, req).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let (ctx, p) = match report_propose(&ed, &id, fields).await {
        Ok(x) => x,
        Err(res) => return res,
    };
    // To the report's page when the site publishes it (the build's own rule: not when it is
    // restricted and serve leaves restricted content out, nor when it reached the Ban Tổ
    // chức after `as_of`, so it does not count yet); else back to the list, which says so.
    let published = p.checked.site.as_ref().is_some_and(|(s, j)| {
        crate::derive::publish::published_reports(s, j, ed.include_restricted)
            .iter()
            .any(|&(_, r)| *s.reports[r].visit.value == *id)
    });
    let target = if published {
        format!("{}/bao-cao/{id}/", ed.site_prefix)
    } else {
        format!("{BASE}?da-luu=b%C3%A1o+c%C3%A1o+{id}")
    };
    let back = format!("{BASE}bao-cao/{id}/");
    let said = format!("báo cáo ({})", ctx.info.about);
    save(&ed, p, (&format!("báo cáo {id}"), &said, &back), &target, |st| form_page::report(&ctx.info, st))
        .await
}

pub(super) async fn check(State(ed): State<Shared>, Path(id): Path<String>, req: Request) -> Response {
    let fields = match read_post(&ed, req).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    match report_propose(&ed, &id, fields).await {
        Ok((_, p)) => check_json(&p.st),
        Err(res) => res,
    }
}

/// The form again with its body rendered as the site renders it (and the check's
/// messages); nothing written.
pub(super) async fn preview(State(ed): State<Shared>, Path(id): Path<String>, req: Request) -> Response {
    let fields = match read_post(&ed, req).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    match report_propose(&ed, &id, fields).await {
        Ok((ctx, mut p)) => {
            let body = p.st.values.get("body").map(|b| b.replace("\r\n", "\n")).unwrap_or_default();
            p.st.preview = Some(crate::markdown::to_html(&body, "/"));
            html(StatusCode::OK, form_page::report(&ctx.info, &p.st))
        }
        Err(res) => res,
    }
}
