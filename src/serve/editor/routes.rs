//! The editor's addresses and what each does. Every request must name this server
//! (`Host`); every POST must also carry this run's `_token` and (when sent) this server's
//! `Origin`, and stay under [`MAX_FORM`]. A save is checked by the build's own load and
//! check ([`validate`]) before anything is written.

use super::form_page::FormState;
use super::guard::Refusal;
use super::pages::{self, BASE};
use super::{AfterSave, Editor, MAX_FORM, form, store, validate};
use super::{report_routes as report, schedule_routes as schedule};
use crate::derive::{Status, Subject};
use crate::diag::Diagnostic;
use crate::model::{Site, Visit};
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

pub(super) type Shared = Arc<Editor>;

/// The editor's routes (merged into serve's router).
pub fn router(editor: Arc<Editor>) -> Router {
    Router::new()
        .route("/__kehoach/soan/", get(list))
        .route("/__kehoach/soan/bao-cao/{visit}/", get(report::get).post(report::post))
        .route("/__kehoach/soan/bao-cao/{visit}/kiem-tra", post(report::check))
        .route("/__kehoach/soan/bao-cao/{visit}/xem-truoc", post(report::preview))
        .route("/__kehoach/soan/lich/{visit}/", get(schedule::get).post(schedule::post))
        .route("/__kehoach/soan/lich/{visit}/kiem-tra", post(schedule::check))
        .route("/__kehoach/soan/ghi-nhan", post(commit))
        .route("/__kehoach/soan/sau-khi-luu", get(after_save))
        .route("/__kehoach/soan/tai-nguyen/{file}", get(asset))
        .layer(middleware::from_fn_with_state(editor.clone(), own_host))
        .with_state(editor)
}

/// Every response of the editor: its own name only, never cached, never framed, the CSP.
async fn own_host(State(ed): State<Shared>, req: Request, next: Next) -> Response {
    let mut res = match ed.guard.check_headers(req.headers()) {
        Ok(()) => next.run(req).await,
        Err(r) => refused(r),
    };
    let h = res.headers_mut();
    for (k, v) in [
        (header::CACHE_CONTROL, "no-store"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        h.insert(k, HeaderValue::from_static(v));
    }
    res
}

pub(super) fn html(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

pub(super) fn refused(r: Refusal) -> Response {
    html(StatusCode::FORBIDDEN, pages::message_page("Không được phép (403)", r.message()))
}

pub(super) fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response()
}

/// The fields of a POST that passed the guard; else the response refusing it.
pub(super) async fn read_post(ed: &Editor, req: Request) -> Result<BTreeMap<String, String>, Response> {
    let bytes = match to_bytes(req.into_body(), MAX_FORM).await {
        Ok(b) => b,
        Err(_) => {
            let text = format!("Biểu mẫu lớn quá giới hạn {} KB; không lưu gì.", MAX_FORM / 1024);
            return Err(html(
                StatusCode::PAYLOAD_TOO_LARGE,
                pages::message_page("Biểu mẫu quá lớn (413)", &text),
            ));
        }
    };
    let fields = form::decode(&bytes);
    ed.guard.check_token(fields.get("_token").map(String::as_str)).map_err(refused)?;
    Ok(fields)
}

/// Run the blocking `f` (reading and checking the site) off the async threads.
pub(super) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        html(
            StatusCode::INTERNAL_SERVER_ERROR,
            pages::message_page("Lỗi của kehoach", &format!("Lỗi nội bộ (xin báo lại): {e}")),
        )
    })
}

/// The site as it is on disk, checked; a page listing its errors otherwise.
pub(super) async fn current(ed: &Shared) -> Result<validate::Checked, Response> {
    current_or(ed, StatusCode::OK).await
}

/// [`current`], the page of errors with `status` (422 for a save: nothing was written).
pub(super) async fn current_or(ed: &Shared, status: StatusCode) -> Result<validate::Checked, Response> {
    let (root, base, as_of) = (ed.root.clone(), ed.plan_base.clone(), ed.as_of);
    let checked = blocking(move || validate::check_with(&root, &base, "", None, as_of)).await?;
    if checked.site.is_none() {
        let errors: Vec<String> = checked
            .errors
            .iter()
            .map(|d| format!("{} {}", validate::place(d), validate::sentence(d)))
            .collect();
        let notes = pages::ListNotes {
            uncommitted: Vec::new(),
            git: false,
            token: String::new(),
            notice: None,
            errors,
            site_prefix: ed.site_prefix.clone(),
        };
        return Err(html(status, pages::list(&[], &[], &notes)));
    }
    Ok(checked)
}

pub(super) fn not_found(what: &str) -> Response {
    html(StatusCode::NOT_FOUND, pages::message_page("Không tìm thấy (404)", what))
}

pub(super) fn team_name(site: &Site, id: &str) -> String {
    site.teams.iter().find(|t| *t.id.value == *id).map(|t| t.name.clone()).unwrap_or_else(|| id.into())
}

pub(super) fn unit_name(site: &Site, id: &str) -> String {
    site.units.iter().find(|u| *u.id.value == *id).map(|u| u.name.clone()).unwrap_or_else(|| id.into())
}

pub(super) fn month_vi(v: &Visit) -> String {
    format!("tháng {}/{}", v.month.value.month, v.month.value.year)
}

pub(super) fn about(site: &Site, v: &Visit) -> String {
    format!(
        "{} · {} · {} · {}",
        team_name(site, &v.team.value),
        v.kind.value.label(),
        unit_name(site, &v.unit.value),
        month_vi(v)
    )
}

async fn list(State(ed): State<Shared>, Query(q): Query<BTreeMap<String, String>>) -> Response {
    let checked = match current(&ed).await {
        Ok(c) => c,
        Err(page) => return page,
    };
    let Some((site, j)) = &checked.site else { return not_found("") };
    let mut teams = Vec::new();
    for t in &site.teams {
        let mut rows: Vec<(bool, &Visit, &crate::derive::VisitState)> = site
            .visits
            .iter()
            .zip(&j.visits)
            .filter(|(v, s)| {
                *v.team.value == *t.id.value && !matches!(s.status, Status::Reported | Status::Cancelled)
            })
            .filter(|(v, _)| !site.reports.iter().any(|r| *r.visit.value == *v.id.value))
            .map(|(v, s)| (s.status == Status::Overdue, &**v, s))
            .collect();
        rows.sort_by_key(|(overdue, v, _)| (!overdue, v.month.value, v.id.value.clone()));
        let rows = rows
            .into_iter()
            .map(|(overdue, v, s)| pages::Pending {
                visit: v.id.value.clone(),
                month: month_vi(v),
                unit: unit_name(site, &v.unit.value),
                kind: v.kind.value.label().into(),
                day: v
                    .date
                    .as_ref()
                    .map(|d| pages::date_vi(d.value))
                    .unwrap_or_else(|| "chưa có ngày".into()),
                status: s.status.label().into(),
                overdue,
                due: pages::date_vi(s.report_due),
            })
            .collect();
        teams.push(pages::TeamPending { team: t.name.clone(), rows });
    }
    let mut reports: Vec<pages::Written> = site
        .reports
        .iter()
        .filter_map(|r| {
            let v = site.visits.iter().find(|v| *v.id.value == *r.visit.value)?;
            Some(pages::Written {
                visit: v.id.value.clone(),
                team: team_name(site, &v.team.value),
                month: month_vi(v),
                unit: unit_name(site, &v.unit.value),
                held_on: pages::date_vi(r.held_on.value),
            })
        })
        .collect();
    reports.sort_by(|a, b| (&a.team, &a.visit).cmp(&(&b.team, &b.visit)));
    let notes = pages::ListNotes {
        uncommitted: ed.written.lock().map(|w| w.keys().cloned().collect()).unwrap_or_default(),
        git: ed.git,
        token: ed.guard.token().to_string(),
        notice: q
            .get("da-luu")
            .map(|v| format!("Đã lưu {v}."))
            .or_else(|| q.get("ghi-nhan").map(|_| "Đã ghi nhận vào git.".into())),
        errors: Vec::new(),
        site_prefix: ed.site_prefix.clone(),
    };
    html(StatusCode::OK, pages::list(&teams, &reports, &notes))
}

/// The findings about a visit or its report, as warnings.
pub(super) fn warnings(checked: &validate::Checked, id: &str) -> Vec<String> {
    let (v, r) = (Subject::Visit(id.to_string()), Subject::Report(id.to_string()));
    let Some((site, j)) = &checked.site else { return Vec::new() };
    let mut out: Vec<String> =
        j.findings.iter().filter(|f| f.subject == v || f.subject == r).map(|f| f.message.clone()).collect();
    // A late report is a status, not a finding: said too, as the dashboard judges it.
    let state = site.visits.iter().position(|x| *x.id.value == *id).and_then(|i| j.visits.get(i));
    if let Some(s) = state.filter(|s| s.on_time == Some(false)) {
        out.push(format!("Báo cáo nộp muộn: hạn nộp là {}.", pages::date_vi(s.report_due)));
    }
    out
}

/// Errors by field (those of `rel` that `field_at` places), and the others.
pub(super) fn sort_errors(
    errors: &[Diagnostic],
    rel: &str,
    known: &[&str],
    field_at: impl Fn(u32, u32) -> Option<String>,
) -> (BTreeMap<String, Vec<String>>, Vec<String>) {
    let (mut by_field, mut general) = (BTreeMap::<String, Vec<String>>::new(), Vec::new());
    for d in errors {
        let s = validate::sentence(d);
        let field = (&*d.loc.file == rel)
            .then(|| {
                let placed = field_at(d.loc.pos.line, d.loc.pos.col);
                // Only a field of the form; else (a missing key: at the mapping) the key named.
                placed
                    .filter(|f| known.contains(&f.as_str()) || f.starts_with("attendance") || f == "body")
                    .or_else(|| {
                        known.iter().find(|k| d.message.contains(&format!("`{k}`"))).map(|k| k.to_string())
                    })
            })
            .flatten();
        match field {
            Some(f) => by_field.entry(f).or_default().push(super::validate::sentence(d)),
            None if &*d.loc.file == rel => general.push(format!("dòng {}: {s}", d.loc.pos.line)),
            None => general.push(format!("{}: {s}", validate::place(d))),
        }
    }
    (by_field, general)
}

/// What a save of a form would do: the new text and its check.
pub(super) struct Proposal {
    pub(super) rel: String,
    pub(super) disk: Option<Vec<u8>>,
    pub(super) text: String,
    pub(super) checked: validate::Checked,
    pub(super) st: FormState,
}

/// Write the proposal (when valid and the file is as the form found it) and redirect.
pub(super) async fn save(
    ed: &Shared,
    mut p: Proposal,
    (what, said, back): (&str, &str, &str),
    target: &str,
    page: impl Fn(&FormState) -> String,
) -> Response {
    if !p.checked.errors.is_empty() || (!p.st.general.is_empty() && p.checked.site.is_none()) {
        return html(StatusCode::UNPROCESSABLE_ENTITY, page(&p.st));
    }
    if store::fingerprint(p.disk.as_deref()) != p.st.hash {
        return conflict(p, page);
    }
    if p.disk.as_deref() == Some(p.text.as_bytes()) {
        return see_other(target); // nothing changed: nothing written
    }
    let before = ed.live.as_ref().map(|l| l.borrow().generation);
    let (root, rel, hash, text) = (ed.root.clone(), p.rel.clone(), p.st.hash.clone(), p.text.clone());
    match blocking(move || store::write(&root, &rel, &hash, &text)).await {
        Ok(Ok(())) => {}
        Ok(Err(store::WriteError::Changed(now))) => {
            p.disk = now;
            return conflict(p, page);
        }
        Ok(Err(e)) => {
            p.st.general.push(format!("Không ghi được tệp {}: {e:?}", p.rel));
            return html(StatusCode::INTERNAL_SERVER_ERROR, page(&p.st));
        }
        Err(res) => return res,
    }
    if let Ok(mut w) = ed.written.lock() {
        let e = w.entry(p.rel.clone()).or_default();
        if !e.contains(what) {
            if !e.is_empty() {
                e.push_str(", ");
            }
            e.push_str(what);
        }
    }
    if let Ok(mut notes) = ed.after_save.lock() {
        notes.retain(|_, n| n.at.elapsed() < AFTER_SAVE_KEPT);
        let note = AfterSave {
            what: said.to_string(),
            warnings: p.st.warnings.clone(),
            form: back.to_string(),
            at: std::time::Instant::now(),
        };
        notes.insert(target.split('?').next().unwrap_or(target).to_string(), note);
    }
    wait_for_rebuild(ed, before).await;
    see_other(target)
}

/// How long the page a save led to shows what was saved.
const AFTER_SAVE_KEPT: Duration = Duration::from_secs(60);

/// `GET /__kehoach/soan/sau-khi-luu?trang=/bao-cao/…/`: what the last save that led to that
/// page said (`{}` when none), for the link's script.
async fn after_save(State(ed): State<Shared>, Query(q): Query<BTreeMap<String, String>>) -> Response {
    let page = q.get("trang").map(String::as_str).unwrap_or("");
    let note = ed
        .after_save
        .lock()
        .ok()
        .and_then(|n| n.get(page).filter(|n| n.at.elapsed() < AFTER_SAVE_KEPT).cloned());
    let body = match note {
        Some(n) => serde_json::json!({ "saved": n.what, "warnings": n.warnings, "form": n.form }),
        None => serde_json::json!({}),
    };
    ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], body.to_string()).into_response()
}

/// 409: nothing written; the form as filled beside the file as it is now.
fn conflict(mut p: Proposal, page: impl Fn(&FormState) -> String) -> Response {
    p.st.hash = store::fingerprint(p.disk.as_deref());
    p.st.conflict = Some(
        p.disk
            .as_deref()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_else(|| "(tệp đã bị xóa)".into()),
    );
    html(StatusCode::CONFLICT, page(&p.st))
}

/// Give the watcher a moment to rebuild, so that the page redirected to shows the save.
async fn wait_for_rebuild(ed: &Editor, before: Option<u64>) {
    let (Some(mut live), Some(before)) = (ed.live.clone(), before) else { return };
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        while live.borrow().generation <= before {
            if live.changed().await.is_err() {
                break;
            }
        }
    })
    .await;
}

/// The JSON the script shows as the user types: `{ errors: {field: [..]}, general, warnings }`.
pub(super) fn check_json(st: &FormState) -> Response {
    let body = serde_json::json!({ "errors": st.errors, "general": st.general, "warnings": st.warnings });
    ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], body.to_string()).into_response()
}

/// "Ghi nhận": commit the files written in this run.
async fn commit(State(ed): State<Shared>, req: Request) -> Response {
    if let Err(res) = read_post(&ed, req).await {
        return res;
    }
    if !ed.git {
        return not_found("Thư mục trang không nằm trong git: không có gì để ghi nhận.");
    }
    let written: BTreeMap<String, String> = ed.written.lock().map(|w| w.clone()).unwrap_or_default();
    if written.is_empty() {
        return see_other(BASE);
    }
    let files: Vec<String> = written.keys().cloned().collect();
    let what: Vec<String> = written.values().cloned().collect();
    let root = ed.root.clone();
    let done =
        blocking(move || super::gitcommit::commit(&root, &files, &super::gitcommit::message(&what))).await;
    match done {
        Ok(Ok(())) => {
            if let Ok(mut w) = ed.written.lock() {
                for f in written.keys() {
                    w.remove(f);
                }
            }
            see_other(&format!("{BASE}?ghi-nhan=1"))
        }
        Ok(Err(msg)) => html(
            StatusCode::INTERNAL_SERVER_ERROR,
            pages::message_page("Chưa ghi nhận được", &format!("git báo: {msg}")),
        ),
        Err(res) => res,
    }
}

async fn asset(Path(file): Path<String>) -> Response {
    let (body, kind) = match file.as_str() {
        "soan-thao.css" => (include_str!("assets/soan-thao.css"), "text/css; charset=utf-8"),
        "soan-thao.js" => (include_str!("assets/soan-thao.js"), "text/javascript; charset=utf-8"),
        "lien-ket.css" => (include_str!("assets/lien-ket.css"), "text/css; charset=utf-8"),
        "lien-ket.js" => (include_str!("assets/lien-ket.js"), "text/javascript; charset=utf-8"),
        _ => return not_found("Không có tệp này."),
    };
    Response::builder()
        .header(header::CONTENT_TYPE, kind)
        .body(Body::from(body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}
