//! The schedule form's addresses: `/__kehoach/soan/lich/<visit>/` (GET the form; POST
//! saves the visit's lines in its schedule file) and `…/kiem-tra` (the check as JSON).

use super::form_page::{self, FormState, VisitInfo};
use super::pages::BASE;
use super::routes::{
    Proposal, Shared, about, blocking, check_json, current, current_or, html, not_found, read_post, save,
    sort_errors, warnings,
};
use super::{schedule_file, store, validate};
use crate::model::Site;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::BTreeMap;

/// A visit and where it is written.
struct VisitCtx {
    info: VisitInfo,
    line: u32,
    team: String,
}

fn visit_ctx(site: &Site, id: &str) -> Option<VisitCtx> {
    let v = site.visits.iter().find(|v| *v.id.value == *id)?;
    Some(VisitCtx {
        info: VisitInfo { visit: id.into(), about: about(site, v), file: v.loc.file.to_string() },
        line: v.loc.pos.line,
        team: v.team.value.clone(),
    })
}

pub(super) async fn get(State(ed): State<Shared>, Path(id): Path<String>) -> Response {
    let checked = match current(&ed).await {
        Ok(c) => c,
        Err(page) => return page,
    };
    let Some((site, _)) = &checked.site else { return not_found("") };
    let Some(ctx) = visit_ctx(site, &id) else {
        return not_found(&format!("Không có lượt dự nào mang mã «{id}» trong lịch."));
    };
    let disk = store::read(&ed.root, &ctx.info.file);
    let text = disk.as_deref().map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
    let mut values = schedule_file::values_of(&text, ctx.line);
    values.entry("status".into()).or_insert_with(|| "planned".into());
    let st = FormState {
        token: ed.guard.token().into(),
        hash: store::fingerprint(disk.as_deref()),
        values,
        warnings: warnings(&checked, &id),
        ..FormState::default()
    };
    html(StatusCode::OK, form_page::schedule(&ctx.info, &st))
}

async fn schedule_propose(
    ed: &Shared,
    id: &str,
    fields: BTreeMap<String, String>,
) -> Result<(VisitCtx, Proposal), Response> {
    let now = current_or(ed, StatusCode::UNPROCESSABLE_ENTITY).await?;
    let Some((site, _)) = &now.site else { return Err(not_found("")) };
    let ctx =
        visit_ctx(site, id).ok_or_else(|| not_found(&format!("Không có lượt dự nào mang mã «{id}».")))?;
    let values: schedule_file::Values = fields
        .iter()
        .filter(|(k, _)| schedule_file::FIELDS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let rel = ctx.info.file.clone();
    let disk = store::read(&ed.root, &rel);
    let original = disk.as_deref().map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
    let mut st = FormState {
        token: ed.guard.token().into(),
        hash: fields.get("_hash").cloned().unwrap_or_default(),
        values,
        ..FormState::default()
    };
    let text = match schedule_file::write(&original, ctx.line, &st.values) {
        Ok(t) => t,
        Err(msg) => {
            st.general.push(msg);
            let checked = validate::Checked { errors: Vec::new(), site: None };
            return Ok((ctx, Proposal { rel, disk, text: original, checked, st }));
        }
    };
    let (root, base, r, as_of, t) =
        (ed.root.clone(), ed.plan_base.clone(), rel.clone(), ed.as_of, text.clone());
    let checked = blocking(move || validate::check_with(&root, &base, &r, Some(&t), as_of)).await?;
    let line = ctx.line;
    let (errors, general) = sort_errors(&checked.errors, &rel, &schedule_file::FIELDS, |l, c| {
        schedule_file::field_at(&text, line, l, c)
    });
    st.errors = errors;
    st.general = general;
    st.warnings = warnings(&checked, id);
    Ok((ctx, Proposal { rel, disk, text, checked, st }))
}

pub(super) async fn post(State(ed): State<Shared>, Path(id): Path<String>, req: Request) -> Response {
    let fields = match read_post(&ed, req).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let (ctx, p) = match schedule_propose(&ed, &id, fields).await {
        Ok(x) => x,
        Err(res) => return res,
    };
    let target = format!("{}/to-cong-tac/{}/", ed.site_prefix, ctx.team);
    let back = format!("{BASE}lich/{id}/");
    let said = format!("lịch ({})", ctx.info.about);
    save(&ed, p, (&format!("lịch {id}"), &said, &back), &target, |st| form_page::schedule(&ctx.info, st))
        .await
}

pub(super) async fn check(State(ed): State<Shared>, Path(id): Path<String>, req: Request) -> Response {
    let fields = match read_post(&ed, req).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    match schedule_propose(&ed, &id, fields).await {
        Ok((_, p)) => check_json(&p.st),
        Err(res) => res,
    }
}
