//! Several localities side by side.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;

use super::super::{ApiActor, ApiQuery};
use super::results::TableDto;
use crate::AppState;
use crate::error::{ApiError, Failure, Problem};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompareParams {
    /// Region ids, comma-separated (the first eight are compared; unknown ids are left out).
    #[param(pattern = "^[0-9]{1,18}(,[0-9]{1,18})*$")]
    pub regions: String,
    /// `total` (default), a planning band (`0-2`, `3-5`, `6-9` … `80+`), `median_age`,
    /// `youth_dependency`, `old_age_dependency`, or a component such as `births`.
    #[param(schema_with = crate::api::schema::optional_measure_name)]
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
    for part in q.regions.split(',') {
        let id: i64 = part
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
            .ok_or_else(|| {
                ApiError(Failure::BadRequest(
                    "invalid query parameters: regions must be region ids separated by commas"
                        .into(),
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
