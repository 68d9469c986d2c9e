//! The candidate portal (own profile, tracks, documents, consents, data export, erasure
//! request) and the staff side of personal data (documents asked for, export, erasure, open
//! erasure requests). Plain HTML forms; no JavaScript.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::AppError;
use standort_app::policy::{CandidateAccess, Permission, allows};
use standort_app::portal::{DOCUMENT_KINDS, OwnProfileInput, PersonalRecords};
use standort_domain::OrgId;
use standort_domain::date::format_date;

use super::{Layout, render};
use crate::AppState;
use crate::context::{PageForm, PagePath, PageQuery, UserCtx};
use crate::i18n::{Tr, locales};
use crate::module::{NavEntry, WebModule};
use crate::upload::Upload;

/// The candidates' own pages, and the personal-data actions staff take on a candidate.
pub(crate) const MODULE: WebModule = WebModule {
    name: "portal",
    help: &["help-portal"],
    locales: locales!("portal"),
    pages: routes,
    api: crate::api::portal::routes,
    openapi: crate::api::portal::openapi,
    // The portal is the candidate's own profile (only candidates manage one).
    nav: &[NavEntry {
        href: "/portal",
        label_key: "portal-title",
        visible: |role| allows(role, Permission::ManageOwnProfile),
    }],
    ..WebModule::EMPTY
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal", get(portal))
        .route("/portal/profile", post(update_profile))
        .route("/portal/consents", post(set_consent))
        .route("/portal/languages", post(add_own_language))
        .route("/portal/languages/{row}/remove", post(remove_own_language))
        .route("/portal/export", get(export_own))
        .route("/portal/erasure", post(request_erasure))
        .route("/portal/documents", post(upload_own))
        .route("/recruitment/candidates/{id}/documents", post(upload_staff))
        .route("/documents/{id}", get(download))
        .route("/recruitment/candidates/{id}/export", get(export_candidate))
        .route(
            "/recruitment/candidates/{id}/document-requests",
            post(request_document),
        )
        .route(
            "/recruitment/candidates/{id}/process-ended",
            post(process_ended),
        )
        .route("/recruitment/candidates/{id}/erase", post(erase))
        .route(
            "/recruitment/candidates/{id}/erasure/reject",
            post(reject_erasure),
        )
        .route("/recruitment/erasure-requests", get(erasure_requests))
}

use super::form::fail;

/// Confirmations the portal and the staff pages may show after a redirect.
const NOTICES: &[&str] = &[
    "portal-saved-ok",
    "portal-consent-ok",
    "portal-erasure-ok",
    "portal-upload-ok",
    "portal-request-ok",
    "portal-process-ok",
    "portal-erased-ok",
    "portal-rejected-ok",
    "language-saved-ok",
];

#[derive(Debug, serde::Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
    /// The portal's search for an employer to consent to.
    eq: Option<String>,
}

fn notice(tr: &Tr, done: Option<&str>) -> Option<String> {
    super::form::notice(tr, done, NOTICES)
}

/// The upload limits, as shown under the file field.
pub fn limits(tr: &Tr) -> String {
    tr.tn(
        "document-limits",
        "mb",
        (standort_app::portal::MAX_DOCUMENT_BYTES / (1024 * 1024)) as i64,
    )
}

/// Human-readable size.
fn size(tr: &Tr, bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", tr.decimal(bytes as f64 / (1024.0 * 1024.0), 1))
    } else {
        format!("{} kB", tr.number((bytes + 1023) / 1024))
    }
}

pub struct RequestRow {
    pub id: i64,
    pub kind: String,
    pub due: String,
    pub fulfilled: bool,
}

pub struct DocumentRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub size: String,
    pub uploaded: String,
    pub sha256: String,
}

pub struct EmployerRow {
    pub id: i64,
    pub name: String,
    pub since: Option<String>,
}

pub struct HistoryRow {
    pub what: String,
    pub granted: bool,
    pub at: String,
}

/// The personal records ready for the templates (shared by the portal and the staff page).
pub struct RecordsView {
    pub candidate_id: i64,
    pub requests: Vec<RequestRow>,
    pub documents: Vec<DocumentRow>,
    pub share_employers: bool,
    pub talent_pool: bool,
    pub employers: Vec<EmployerRow>,
    /// The portal's search for an employer to consent to ("" when none was typed).
    pub employer_query: String,
    /// A search was typed and found no employer.
    pub employer_none: bool,
    pub history: Vec<HistoryRow>,
    pub erasure_since: Option<String>,
    pub kinds: Vec<(&'static str, String)>,
}

pub fn records_view(tr: &Tr, candidate_id: i64, r: &PersonalRecords) -> RecordsView {
    let kind = |k: &str| tr.t(format!("document-kind-{}", k.replace('_', "-")));
    let org_name = |id: Option<i64>| {
        r.consents
            .names
            .iter()
            .find(|(o, _)| Some(*o) == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    RecordsView {
        candidate_id,
        requests: r
            .requests
            .iter()
            .map(|q| RequestRow {
                id: q.id,
                kind: kind(&q.kind),
                due: tr.date(q.due_date),
                fulfilled: q.fulfilled_by.is_some(),
            })
            .collect(),
        documents: r
            .documents
            .iter()
            .map(|d| DocumentRow {
                id: d.id,
                name: d.file_name.clone(),
                kind: kind(&d.kind),
                size: size(tr, d.size),
                uploaded: tr.datetime(d.uploaded_at),
                sha256: d.sha256.clone(),
            })
            .collect(),
        share_employers: r.consents.share_employers,
        talent_pool: r.consents.talent_pool,
        employers: r
            .consents
            .employers
            .iter()
            .map(|(id, name, since)| EmployerRow {
                id: *id,
                name: name.clone(),
                since: since.map(|s| tr.datetime(s)),
            })
            .collect(),
        employer_query: r.consents.employer_query.clone().unwrap_or_default(),
        employer_none: r.consents.employer_query.is_some() && r.consents.employer_hits == 0,
        history: r
            .consents
            .history
            .iter()
            .rev()
            .map(|e| HistoryRow {
                what: match e.purpose.as_str() {
                    "share_employer" => tr.ts(
                        "consent-purpose-share-employer",
                        "organisation",
                        &org_name(e.org_id),
                    ),
                    "share_employers" => tr.t("consent-purpose-share-employers"),
                    _ => tr.t("consent-purpose-talent-pool"),
                },
                granted: e.granted,
                at: tr.datetime(e.at),
            })
            .collect(),
        erasure_since: r.erasure.as_ref().map(|e| tr.datetime(e.requested_at)),
        kinds: DOCUMENT_KINDS.iter().map(|k| (*k, kind(k))).collect(),
    }
}

// ------------------------------------------------------------------ the candidate's portal

/// One track of one of the candidate's placements, ready for the template.
pub struct TrackRow {
    pub name: String,
    pub stage: String,
    /// `state-bad`, `state-good` or empty: the stage's badge (see `placements::stage_tone`).
    pub tone: &'static str,
    pub since: String,
    pub next: Vec<String>,
    pub due: Vec<String>,
}

pub struct PlacementRow {
    pub title: String,
    pub programme: Option<String>,
    pub tracks: Vec<TrackRow>,
}

fn placement_rows(tr: &Tr, list: &[standort_app::placements::OwnPlacement]) -> Vec<PlacementRow> {
    list.iter()
        .map(|p| PlacementRow {
            title: p.position_title.clone(),
            programme: p.programme.clone(),
            tracks: p
                .tracks
                .iter()
                .map(|t| TrackRow {
                    name: tr.t(format!("track-{}", t.track.as_str())),
                    stage: super::placements::stage_label(tr, t.stage, &t.detail),
                    tone: super::placements::stage_tone(t.stage, &t.detail),
                    since: tr.day(t.since),
                    // "Sprachprüfung abgelegt (B1)": the same words as a stage.
                    next: t
                        .next
                        .iter()
                        .map(|n| super::placements::stage_label(tr, n.key, &n.detail))
                        .collect(),
                    due: t
                        .due
                        .iter()
                        .map(|d| {
                            format!(
                                "{} – {}",
                                super::placements::due_label(tr, d),
                                tr.day(d.due)
                            )
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "portal.html")]
struct PortalPage<'a> {
    page: &'a Layout,
    name: String,
    origin: String,
    german: String,
    email: String,
    phone: String,
    province: String,
    certificate: String,
    exam: String,
    next: String,
    licences: String,
    regions: String,
    available: String,
    records: RecordsView,
    placements: Vec<PlacementRow>,
    limits: String,
    manage: bool,
    languages: super::recruitment::LanguagesBlock,
}

pub async fn portal(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<DoneQuery>,
) -> Response {
    let view = match state.app.portal(&actor, q.eq.as_deref()).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let placements = match state.app.own_tracks(&actor).await {
        Ok(list) => placement_rows(&ctx.tr, &list),
        Err(e) => return fail(e, &ctx),
    };
    let d = &view.profile.record.data;
    let tr = &ctx.tr;
    let layout = Layout::new(&ctx, "portal-title").with_notice(notice(tr, q.done.as_deref()));
    let date = |v: Option<i64>| v.map(format_date).unwrap_or_default();
    render(&PortalPage {
        page: &layout,
        name: view.profile.display_name(),
        origin: format!("{}, {}", d.province, ctx.tr.country(&d.country)),
        german: d
            .german_level
            .clone()
            .unwrap_or_else(|| tr.t("candidate-no-german")),
        email: d.email.clone().unwrap_or_default(),
        phone: d.phone.clone().unwrap_or_default(),
        province: d.province.clone(),
        certificate: d.german_certificate.clone().unwrap_or_default(),
        exam: date(d.german_exam_date),
        next: date(d.german_next_expected),
        licences: d.licences.join(", "),
        regions: d.wished_regions.join(", "),
        available: date(d.available_from),
        records: records_view(tr, view.profile.record.id, &view.records),
        placements,
        limits: super::portal::limits(tr),
        manage: false,
        languages: super::recruitment::languages_block(
            tr,
            &view.profile.languages,
            Some("/portal/languages".into()),
            "portal-languages-hint",
        ),
    })
}

/// The candidate adds (or changes) one of their other languages.
pub async fn add_own_language(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<standort_app::recruitment::LanguageInput>,
) -> Response {
    let r = match state.app.own_candidate(&actor).await {
        Ok(id) => state.app.add_candidate_language(&actor, id, &form).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Redirect::to("/portal?done=language-saved-ok#languages").into_response(),
        Err(e) => fail(e, &ctx),
    }
}

/// The candidate removes one of their other languages.
pub async fn remove_own_language(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(row): PagePath<i64>,
) -> Response {
    let r = match state.app.own_candidate(&actor).await {
        Ok(id) => state.app.remove_candidate_language(&actor, id, row).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Redirect::to("/portal?done=language-saved-ok#languages").into_response(),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn update_profile(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<OwnProfileInput>,
) -> Response {
    match state.app.update_own_profile(&actor, &form).await {
        Ok(()) => Redirect::to("/portal?done=portal-saved-ok").into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct ConsentForm {
    /// `share_employers`, `share_employer`, `talent_pool`.
    purpose: String,
    org_id: Option<i64>,
    /// `give` or `withdraw`.
    action: String,
}

pub async fn set_consent(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<ConsentForm>,
) -> Response {
    let id = match state.app.own_candidate(&actor).await {
        Ok(id) => id,
        Err(e) => return fail(e, &ctx),
    };
    let granted = form.action == "give";
    match state
        .app
        .set_consent(&actor, id, &form.purpose, form.org_id.map(OrgId), granted)
        .await
    {
        Ok(()) => Redirect::to("/portal?done=portal-consent-ok#consents").into_response(),
        Err(e) => fail(e, &ctx),
    }
}

fn json_download(name: &str, value: &serde_json::Value) -> Response {
    let body = serde_json::to_vec_pretty(value).unwrap_or_default();
    crate::download::attachment(body, "application/json; charset=utf-8", name)
}

pub async fn export_own(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
) -> Response {
    let id = match state.app.own_candidate(&actor).await {
        Ok(id) => id,
        Err(e) => return fail(e, &ctx),
    };
    match state.app.export_candidate(&actor, id).await {
        Ok(v) => json_download("standort-my-data.json", &v),
        Err(e) => fail(e, &ctx),
    }
}

/// Asking for erasure starts an irreversible process, so the form asks first (a required
/// `confirm` box); without it nothing is requested.
pub async fn request_erasure(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<EraseForm>,
) -> Response {
    if form.confirm.as_deref() != Some("yes") {
        return fail(
            standort_domain::ValidationError::new("confirm", "required").into(),
            &ctx,
        );
    }
    match state.app.request_erasure(&actor).await {
        Ok(_) => Redirect::to("/portal?done=portal-erasure-ok#erasure").into_response(),
        Err(e) => fail(e, &ctx),
    }
}

/// Stores the file of an upload form (field `file`; `request` or `kind`) for a candidate.
async fn store_upload(
    state: &AppState,
    actor: &standort_app::Actor,
    candidate: i64,
    upload: &Upload,
) -> Result<(), AppError> {
    let Some(file) = upload.file("file") else {
        return Err(standort_domain::ValidationError::new("file", "required").into());
    };
    let request = match upload.text("request").map(str::trim) {
        None | Some("") => None,
        Some(r) => Some(
            r.parse::<i64>()
                .map_err(|_| standort_domain::ValidationError::new("request", "unknown-request"))?,
        ),
    };
    state
        .app
        .upload_document(
            actor,
            candidate,
            request,
            upload.text("kind"),
            &file.file_name,
            &file.bytes,
        )
        .await?;
    Ok(())
}

/// The candidate uploads a document in the portal (multipart, CSRF field first).
pub async fn upload_own(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    upload: Upload,
) -> Response {
    let id = match state.app.own_candidate(&actor).await {
        Ok(id) => id,
        Err(e) => return fail(e, &ctx),
    };
    match store_upload(&state, &actor, id, &upload).await {
        Ok(()) => Redirect::to("/portal?done=portal-upload-ok#documents").into_response(),
        Err(e) => fail(e, &ctx),
    }
}

/// Staff upload a document for a candidate they manage.
pub async fn upload_staff(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    upload: Upload,
) -> Response {
    match store_upload(&state, &actor, id, &upload).await {
        Ok(()) => Redirect::to(&format!(
            "/recruitment/candidates/{id}?done=portal-upload-ok#documents"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

/// A document's bytes, for the candidate or managing staff; 404 for anyone else.
pub async fn download(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    let (meta, bytes) = match state.app.download_document(&actor, id).await {
        Ok(d) => d,
        Err(e) => return fail(e, &ctx),
    };
    crate::download::document(&meta, bytes)
}

// ------------------------------------------------------------------ staff

pub async fn export_candidate(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.export_candidate(&actor, id).await {
        Ok(v) => json_download(&format!("standort-candidate-{id}.json"), &v),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct RequestForm {
    kind: String,
    due_date: Option<String>,
}

pub async fn request_document(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<RequestForm>,
) -> Response {
    match state
        .app
        .request_document(&actor, id, &form.kind, form.due_date.as_deref())
        .await
    {
        Ok(_) => Redirect::to(&format!(
            "/recruitment/candidates/{id}?done=portal-request-ok#documents"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct ProcessForm {
    process_ended_at: Option<String>,
}

pub async fn process_ended(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<ProcessForm>,
) -> Response {
    match state
        .app
        .set_process_ended(&actor, id, form.process_ended_at.as_deref())
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/recruitment/candidates/{id}?done=portal-process-ok#personal-data"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct EraseForm {
    /// The confirmation checkbox.
    confirm: Option<String>,
}

pub async fn erase(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<EraseForm>,
) -> Response {
    if form.confirm.as_deref() != Some("yes") {
        return fail(
            standort_domain::ValidationError::new("confirm", "required").into(),
            &ctx,
        );
    }
    match state.app.erase_candidate(&actor, id).await {
        Ok(_) => {
            Redirect::to("/recruitment/erasure-requests?done=portal-erased-ok").into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}

pub async fn reject_erasure(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.reject_erasure(&actor, id).await {
        Ok(()) => {
            Redirect::to("/recruitment/erasure-requests?done=portal-rejected-ok").into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "portal_erasure_requests.html")]
struct ErasurePage<'a> {
    page: &'a Layout,
    rows: Vec<(i64, String, String)>,
}

pub async fn erasure_requests(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<DoneQuery>,
) -> Response {
    let list = match state.app.open_erasure_requests(&actor).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let layout =
        Layout::new(&ctx, "erasure-requests-title").with_notice(notice(&ctx.tr, q.done.as_deref()));
    render(&ErasurePage {
        page: &layout,
        rows: list
            .into_iter()
            .map(|r| {
                (
                    r.request.candidate_id,
                    r.name,
                    ctx.tr.datetime(r.request.requested_at),
                )
            })
            .collect(),
    })
}

/// What the staff candidate page adds: personal records and the erase permission.
pub async fn staff_records(
    state: &AppState,
    tr: &Tr,
    actor: &standort_app::Actor,
    id: i64,
    access: CandidateAccess,
) -> Result<Option<(RecordsView, bool)>, AppError> {
    if access != CandidateAccess::Manage {
        return Ok(None);
    }
    let records = state.app.personal_records(actor, id, None).await?;
    Ok(Some((
        records_view(tr, id, &records),
        allows(actor.role(), Permission::EraseCandidates),
    )))
}
