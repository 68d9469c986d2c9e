//! Importing regions, population and flows.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use standort_app::demography::{ImportError, ImportFiles};
use utoipa::ToSchema;

use super::super::{ApiActor, ApiJson};
use crate::AppState;
use crate::error::{ApiError, Failure, Problem};

/// CSV text of the files (formats in docs/demography.md); any may be omitted.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ImportDto {
    pub regions: Option<String>,
    pub population: Option<String>,
    pub flows: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportSummaryDto {
    pub regions: usize,
    pub population_cells: usize,
    pub flow_cells: usize,
    pub years: Vec<i64>,
}

/// Imports regions, population and flows (CSV text); all or nothing. A refusal lists every
/// problem with its file and line in `detail`.
#[utoipa::path(post, path = "/api/v1/demography/import", request_body = ImportDto,
    responses((status = 200, body = ImportSummaryDto), (status = 422, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn import(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<ImportDto>,
) -> Result<Json<ImportSummaryDto>, ApiError> {
    let files = ImportFiles {
        regions: body.regions.map(String::into_bytes),
        population: body.population.map(String::into_bytes),
        flows: body.flows.map(String::into_bytes),
    };
    match state.app.demography_import(Some(&actor), &files).await {
        Ok(s) => Ok(Json(ImportSummaryDto {
            regions: s.regions,
            population_cells: s.population_cells,
            flow_cells: s.flow_cells,
            years: s.years,
        })),
        Err(e @ ImportError::Invalid { .. }) => Err(ApiError(Failure::Invalid(e.to_string()))),
        Err(ImportError::App(e)) => Err(e.into()),
    }
}
