//! A region's stored results, paged, and its tables (the same as its downloads).

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use standort_app::demography::{RegionTable, Table};
use standort_store::demography::{ResultFilter, ResultRow};
use utoipa::{IntoParams, ToSchema};

use super::super::{ApiActor, ApiPath, ApiQuery};
use crate::AppState;
use crate::error::{ApiError, Failure, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct ResultDto {
    /// A planning band (0-2 … 80+, total) or an indicator (median_age, births, …).
    pub measure: String,
    /// observed, low, medium or high
    pub scenario: String,
    pub year: i64,
    pub value: f64,
    pub p2_5: Option<f64>,
    pub p10: Option<f64>,
    pub p90: Option<f64>,
    pub p97_5: Option<f64>,
}

impl From<&ResultRow> for ResultDto {
    fn from(r: &ResultRow) -> Self {
        ResultDto {
            measure: r.measure.clone(),
            scenario: r.scenario.clone(),
            year: r.year,
            value: r.value,
            p2_5: r.p2_5,
            p10: r.p10,
            p90: r.p90,
            p97_5: r.p97_5,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResultPageDto {
    pub items: Vec<ResultDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultParams {
    /// e.g. total, 0-2, median_age
    pub measure: Option<String>,
    /// observed, low, medium, high
    pub scenario: Option<String>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TableParams {
    /// The projection year of the pyramid (default: the last projected year).
    pub year: Option<i64>,
}

/// A region's table: the same columns and rows as its CSV/XLSX download. Cells are numbers,
/// text or null (no value).
#[derive(Debug, Serialize, ToSchema)]
pub struct TableDto {
    /// File name stem of the download, e.g. `indicators-14729`.
    pub name: String,
    pub columns: Vec<String>,
    #[schema(schema_with = crate::api::schema::table_rows)]
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// One of a region's tables (`indicators`, `series`, `gap`, `pyramid`, `population`) with the
/// same content as the page's CSV/XLSX download.
#[utoipa::path(get, path = "/api/v1/demography/regions/{id}/tables/{table}",
    params(("id" = i64, Path), ("table" = String, Path), TableParams),
    responses((status = 200, body = TableDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn region_table(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((id, table)): ApiPath<(i64, String)>,
    ApiQuery(q): ApiQuery<TableParams>,
) -> Result<Json<TableDto>, ApiError> {
    let table = RegionTable::parse(&table).ok_or(ApiError(Failure::NotFound))?;
    let t = state
        .app
        .demography_region_table(&actor, id, table, q.year)
        .await?;
    Ok(Json(TableDto::from(t)))
}

impl From<Table> for TableDto {
    fn from(t: Table) -> Self {
        TableDto {
            name: t.name,
            columns: t.columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|v| serde_json::to_value(v).unwrap_or_default())
                        .collect()
                })
                .collect(),
        }
    }
}

/// Stored results of a region (observed values, scenarios and intervals), paged.
#[utoipa::path(get, path = "/api/v1/demography/regions/{id}/results", params(("id" = i64, Path), ResultParams),
    responses((status = 200, body = ResultPageDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_results(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ResultParams>,
) -> Result<Json<ResultPageDto>, ApiError> {
    let page = state
        .app
        .demography_results(
            &actor,
            id,
            &ResultFilter {
                measure: q.measure.clone(),
                scenario: q.scenario.clone(),
            },
            crate::api::page(q.limit, q.offset)?,
        )
        .await?;
    Ok(Json(ResultPageDto {
        items: page.items.iter().map(ResultDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}
