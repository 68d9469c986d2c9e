//! `/api/v1/network/import`, `/api/v1/network/duplicates`, `/api/v1/network/merge`: the
//! import of organisations, people and approaches from CSV or XLSX (all or nothing; 422 with
//! every problem's line and column), candidate duplicates, and the merge of two records.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::network::{DuplicateKind, ImportError, ImportKind};
use standort_domain::OrgId;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiQuery};
use crate::error::{ApiError, Failure, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/import", post(import_records))
        .route("/network/duplicates", get(find_duplicates))
        .route("/network/merge", post(merge_records))
}

/// What an import file holds (one kind per file).
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportKindParam {
    Organisations,
    People,
    Approaches,
}

impl From<ImportKindParam> for ImportKind {
    fn from(k: ImportKindParam) -> Self {
        match k {
            ImportKindParam::Organisations => ImportKind::Organisations,
            ImportKindParam::People => ImportKind::People,
            ImportKindParam::Approaches => ImportKind::Approaches,
        }
    }
}

/// Which records to compare or merge.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKindParam {
    Organisations,
    Contacts,
}

impl From<DuplicateKindParam> for DuplicateKind {
    fn from(k: DuplicateKindParam) -> Self {
        match k {
            DuplicateKindParam::Organisations => DuplicateKind::Organisations,
            DuplicateKindParam::Contacts => DuplicateKind::Contacts,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    pub kind: ImportKindParam,
    /// `true`: check the file and tell what would be done, writing nothing.
    pub dry_run: Option<bool>,
}

/// What became of one line of the file.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedLine {
    /// The line in the file (the header is line 1).
    pub line: usize,
    /// The record created or linked to (absent for one a check would create).
    pub id: Option<i64>,
    /// Absent: created. Otherwise why the line was linked to a record already there: `name`,
    /// `website`, `email`, `name-at-organisation`, `same-approach`, `earlier-line`.
    pub matched: Option<String>,
    /// For `earlier-line`: the line whose record this is.
    pub same_as: Option<usize>,
}

/// What an import did (or, with `dry_run`, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    pub dry_run: bool,
    pub created: usize,
    pub linked: usize,
    pub lines: Vec<ImportedLine>,
}

/// Imports organisations, people (contacts with their positions) or approaches from a CSV
/// file (UTF-8, comma or semicolon, a byte-order mark allowed) or an XLSX workbook (its first
/// sheet), sent as the raw body; the columns are documented in `docs/network.md`. All or
/// nothing: any problem refuses the file (422; `detail` lists every problem with its line and
/// column) and nothing is written. A line matching a record already there is linked to it, not
/// created twice.
#[utoipa::path(post, path = "/api/v1/network/import", params(ImportParams), tag = "network",
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )),
    responses((status = 200, body = ImportResult), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn import_records(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ImportParams>,
    body: Bytes,
) -> Result<Json<ImportResult>, ApiError> {
    match state
        .app
        .import_network(&actor, q.kind.into(), &body, q.dry_run.unwrap_or(false))
        .await
    {
        Ok(o) => Ok(Json(ImportResult {
            dry_run: o.dry_run,
            created: o.created,
            linked: o.linked,
            lines: o
                .lines
                .into_iter()
                .map(|l| ImportedLine {
                    line: l.line,
                    id: l.id,
                    matched: l.matched.map(str::to_owned),
                    same_as: l.same_as,
                })
                .collect(),
        })),
        Err(e @ ImportError::Invalid { .. }) => Err(ApiError(Failure::Invalid(e.to_string()))),
        Err(ImportError::App(e)) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DuplicateParams {
    pub kind: DuplicateKindParam,
    /// How many pairs to list (default 50, as every list).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// Two records that may be the same.
#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicatePairDto {
    pub a: i64,
    pub a_name: String,
    pub b: i64,
    pub b_name: String,
    /// `name`, `website` (organisations); `email`, `phone`, `name-at-organisation` (contacts).
    pub reasons: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateList {
    pub items: Vec<DuplicatePairDto>,
    /// Every candidate pair, also those beyond `limit`.
    pub total: usize,
}

/// Candidate duplicates: organisations with the same name without case, diacritics and legal
/// form, or the same web domain; contacts with the same e-mail address, phone number or name
/// at the same organisation.
#[utoipa::path(get, path = "/api/v1/network/duplicates", params(DuplicateParams), tag = "network",
    responses((status = 200, body = DuplicateList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn find_duplicates(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<DuplicateParams>,
) -> Result<Json<DuplicateList>, ApiError> {
    // Bounds as every list's (400 outside them).
    let limit = crate::api::page(q.limit, None)?.limit as usize;
    let d = state
        .app
        .find_duplicates(&actor, q.kind.into(), limit)
        .await?;
    Ok(Json(DuplicateList {
        total: d.total,
        items: d
            .pairs
            .into_iter()
            .map(|p| DuplicatePairDto {
                a: p.a,
                a_name: p.a_name,
                b: p.b,
                b_name: p.b_name,
                reasons: p.reasons.into_iter().map(str::to_owned).collect(),
            })
            .collect(),
    }))
}

/// Two records to merge: `merged` goes into `keep`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeBody {
    pub kind: DuplicateKindParam,
    /// The record kept.
    pub keep: i64,
    /// The record merged into it and deleted (answers 404 afterwards).
    pub merged: i64,
}

/// What a merge moved, per table: rows pointed at the kept record and rows dropped as the
/// same as the kept record's own.
#[derive(Debug, Serialize, ToSchema)]
pub struct MergeResult {
    pub kept: i64,
    pub merged: i64,
    #[schema(value_type = Object)]
    pub moved: serde_json::Value,
}

/// Merges two organisations or contacts: everything that referred to `merged` (activities,
/// positions, links, names, trips, agreements, consent history …) now refers to `keep`, and
/// `merged` is deleted, in one transaction audited with before and after. 404 when either
/// does not exist; 409 `merge-referenced-elsewhere` when another module refers to the
/// organisation to be merged away (its accounts, a clinic's stock, a producer's entry, a
/// partner agency's scope); 422 when both are the same.
#[utoipa::path(post, path = "/api/v1/network/merge", request_body = MergeBody, tag = "network",
    responses((status = 200, body = MergeResult), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn merge_records(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<MergeBody>,
) -> Result<Json<MergeResult>, ApiError> {
    let o = match body.kind {
        DuplicateKindParam::Organisations => {
            state
                .app
                .merge_organisations(&actor, OrgId(body.keep), OrgId(body.merged))
                .await?
        }
        DuplicateKindParam::Contacts => {
            state
                .app
                .merge_contacts(&actor, body.keep, body.merged)
                .await?
        }
    };
    Ok(Json(MergeResult {
        kept: o.kept,
        merged: o.merged,
        moved: serde_json::to_value(&o.moved).unwrap_or_default(),
    }))
}
