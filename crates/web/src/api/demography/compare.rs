//! Several localities side by side.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;

use super::super::{ApiActor, ApiQuery};
use super::results::TableDto;
use crate::AppState;
use crate::error::{ApiError, Problem};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompareParams {
    /// Region ids, comma-separated (at most as many as the page compares).
    pub regions: String,
    /// `total` (default), a planning band (`0-2`, `3-5`, `6-9` … `80+`), `median_age`,
    /// `youth_dependency`, `old_age_dependency`, or a component such as `births`.
    pub measure: Option<String>,
}

/// Several localities side by side: the same rows as the comparison's CSV/XLSX download
/// (`region_key, name, year, scenario, value, p10, p90`).
#[utoipa::path(get, path = "/api/v1/demography/compare", params(CompareParams),
    responses((status = 200, body = TableDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn compare(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<CompareParams>,
) -> Result<Json<TableDto>, ApiError> {
    let mut ids = Vec::new();
    for part in q
        .regions
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let id: i64 = part.parse().map_err(|_| {
            ApiError::from(standort_app::AppError::from(
                standort_domain::ValidationError::new("regions", "invalid-number"),
            ))
        })?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let measure = q.measure.as_deref().unwrap_or("total");
    let t = state
        .app
        .demography_comparison_table(&actor, &ids, measure)
        .await?;
    Ok(Json(TableDto::from(t)))
}
