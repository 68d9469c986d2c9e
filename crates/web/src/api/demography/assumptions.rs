//! Assumption sets: import, list, delete.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use standort_app::demography::ImportError;
use utoipa::ToSchema;

use super::super::{ApiActor, ApiJson, ApiPath};
use crate::AppState;
use crate::error::{ApiError, Failure, Problem};

/// An assumption set file as CSV text (format in docs/demography.md, "Assumption sets").
#[derive(Debug, Deserialize, ToSchema)]
pub struct AssumptionImportDto {
    /// Name of the set; an existing set of this name is replaced.
    pub name: String,
    /// `region_key,kind,year,sex,age,value`.
    pub csv: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssumptionSetDto {
    pub id: i64,
    pub name: String,
    pub regions: i64,
    /// fertility, mortality, emigration, immigration
    pub kinds: Vec<String>,
    pub rows: i64,
    pub imported_at: i64,
    pub imported_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssumptionImportSummaryDto {
    pub id: i64,
    pub name: String,
    pub regions: usize,
    pub kinds: Vec<String>,
    pub rows: usize,
    /// The valid-from years given.
    pub years: Vec<i64>,
    /// Whether a set of the same name was replaced.
    pub replaced: bool,
}

/// Imports an assumption set (all or nothing; a refusal lists every problem with its line).
#[utoipa::path(post, path = "/api/v1/demography/assumptions", request_body = AssumptionImportDto,
    responses((status = 201, body = AssumptionImportSummaryDto), (status = 422, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn import_assumptions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<AssumptionImportDto>,
) -> Result<(StatusCode, Json<AssumptionImportSummaryDto>), ApiError> {
    match state
        .app
        .demography_import_assumptions(Some(&actor), &body.name, body.csv.as_bytes())
        .await
    {
        Ok(s) => Ok((
            StatusCode::CREATED,
            Json(AssumptionImportSummaryDto {
                id: s.id,
                name: s.name,
                regions: s.regions,
                kinds: s.kinds,
                rows: s.rows,
                years: s.years,
                replaced: s.replaced,
            }),
        )),
        Err(e @ ImportError::Invalid { .. }) => Err(ApiError(Failure::Invalid(e.to_string()))),
        Err(ImportError::App(e)) => Err(e.into()),
    }
}

/// The stored assumption sets.
#[utoipa::path(get, path = "/api/v1/demography/assumptions",
    responses((status = 200, body = Vec<AssumptionSetDto>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_assumption_sets(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<AssumptionSetDto>>, ApiError> {
    let sets = state.app.demography_assumption_sets(&actor).await?;
    Ok(Json(
        sets.into_iter()
            .map(|i| AssumptionSetDto {
                id: i.set.id,
                name: i.set.name,
                regions: i.regions,
                kinds: i.kinds,
                rows: i.rows,
                imported_at: i.set.imported_at,
                imported_by: i.set.imported_label,
            })
            .collect(),
    ))
}

/// Deletes an assumption set (runs that used it keep its name in their summary).
#[utoipa::path(delete, path = "/api/v1/demography/assumptions/{id}", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete_assumption_set(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .demography_delete_assumption_set(Some(&actor), id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
