//! Projection runs.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use standort_app::demography::RatesUsed;
use standort_demography::service;
use standort_store::demography::Run;
use utoipa::ToSchema;

use super::super::ApiActor;
use crate::AppState;
use crate::error::{ApiError, Failure, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct RunDto {
    pub id: i64,
    pub base_year: i64,
    pub last_year: i64,
    pub trajectories: i64,
    pub created_at: i64,
    /// Flow years the derived rates pooled.
    pub base_years: BaseYearsDto,
    /// The assumption set used, if any.
    pub assumption_set: Option<UsedSetDto>,
    /// The built-in back-test: `{jump_off, to, rows: [{method, size_class, horizon, units,
    /// mape, malpe}]}` (errors in %), or null when no region has two observed years.
    #[schema(value_type = Option<Object>)]
    pub backtest: Option<serde_json::Value>,
}

/// What a projection run should use; every field is optional.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectDto {
    /// Flow years `[from, to]` (inclusive) the derived rates pool; default every observed
    /// flow year.
    #[schema(min_items = 2, max_items = 2)]
    pub base_years: Option<[i64; 2]>,
    /// Name of a stored assumption set whose explicit rates replace the derived ones where it
    /// gives them.
    pub assumption_set: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BaseYearsDto {
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Whether the base years were chosen (else every observed flow year).
    pub chosen: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UsedSetDto {
    pub name: String,
    /// Region keys with explicit rates and their kinds.
    pub regions: std::collections::BTreeMap<String, Vec<String>>,
}

/// Recomputes the projection of every region and stores it (replacing the previous run).
/// The body is optional: `{"base_years": [2021, 2023], "assumption_set": "name"}`.
#[utoipa::path(post, path = "/api/v1/demography/project", request_body(content = Option<ProjectDto>),
    responses((status = 200, body = RunDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn run_projection(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: axum::body::Bytes,
) -> Result<Json<RunDto>, ApiError> {
    // The body is optional (an empty POST projects with the defaults).
    // The body is optional: an empty POST, or `null`, projects with the defaults.
    let body: ProjectDto = if body.iter().all(u8::is_ascii_whitespace) {
        ProjectDto::default()
    } else {
        let bad = |e: serde_json::Error| {
            ApiError(Failure::BadRequest(format!(
                "the body is not valid JSON: {e}"
            )))
        };
        let mut value: serde_json::Value = serde_json::from_slice(&body).map_err(bad)?;
        if !(value.is_object() || value.is_null()) {
            return Err(ApiError(Failure::BadRequest(
                "the body must be a JSON object or null".into(),
            )));
        }
        crate::api::integral_numbers_as_integers(&mut value);
        serde_json::from_value::<Option<ProjectDto>>(value)
            .map_err(bad)?
            .unwrap_or_default()
    };
    let options = service::Options {
        base_years: body.base_years.map(|[a, b]| (a, b)),
        ..Default::default()
    };
    let run = state
        .app
        .demography_project(Some(&actor), &options, body.assumption_set.as_deref())
        .await?;
    Ok(Json(run_dto(&run)))
}

pub(super) fn run_dto(run: &Run) -> RunDto {
    let used = RatesUsed::of(run);
    RunDto {
        id: run.id,
        base_year: run.base_year,
        last_year: run.last_year,
        trajectories: run.trajectories,
        created_at: run.created_at,
        base_years: BaseYearsDto {
            from: used.base_years.map(|b| b.0),
            to: used.base_years.map(|b| b.1),
            chosen: used.chosen,
        },
        assumption_set: used.assumption_set.map(|name| UsedSetDto {
            name,
            regions: used.explicit.into_iter().collect(),
        }),
        backtest: run
            .summary
            .get("backtest")
            .filter(|v| !v.is_null())
            .cloned(),
    }
}
