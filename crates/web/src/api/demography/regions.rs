//! Regions of the hierarchy and a region with its children, method and gaps.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use standort_store::demography::Region;
use utoipa::{IntoParams, ToSchema};

use super::super::{ApiActor, ApiPath, ApiQuery};
use crate::AppState;
use crate::error::{ApiError, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDto {
    pub id: i64,
    /// Official key (AGS or another country's code).
    pub key: String,
    pub name: String,
    /// land, kreis, gemeinde or ortsteil
    pub level: String,
    pub parent_id: Option<i64>,
    pub note: Option<String>,
}

impl From<&Region> for RegionDto {
    fn from(r: &Region) -> Self {
        RegionDto {
            id: r.id,
            key: r.key.clone(),
            name: r.name.clone(),
            level: r.level.clone(),
            parent_id: r.parent_id,
            note: r.note.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionPageDto {
    pub items: Vec<RegionDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GapRowDto {
    /// creche, kindergarten or primary
    pub facility: String,
    pub year: i64,
    pub places: f64,
    pub demand: f64,
    /// Places − demand; negative = shortfall.
    pub gap: f64,
    pub gap_low80: f64,
    pub gap_high80: f64,
    pub gap_low95: f64,
    pub gap_high95: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDetailDto {
    pub region: RegionDto,
    /// Projection method of the latest run (cohort_component, hamilton_perry, …).
    pub method: Option<String>,
    pub base_year: Option<i64>,
    pub last_year: Option<i64>,
    pub children: Vec<RegionDto>,
    pub capacity_gap: Vec<GapRowDto>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionParams {
    /// Only the children of this region.
    pub parent: Option<i64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

/// Regions of the hierarchy, ordered by key.
#[utoipa::path(get, path = "/api/v1/demography/regions", params(RegionParams),
    responses((status = 200, body = RegionPageDto), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_regions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<RegionParams>,
) -> Result<Json<RegionPageDto>, ApiError> {
    let page = state
        .app
        .demography_regions(&actor, q.parent, crate::api::page(q.limit, q.offset)?)
        .await?;
    Ok(Json(RegionPageDto {
        items: page.items.iter().map(RegionDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}

/// A region with its children, projection method and capacity gaps.
#[utoipa::path(get, path = "/api/v1/demography/regions/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = RegionDetailDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_region(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RegionDetailDto>, ApiError> {
    let v = state.app.demography_region(&actor, id, None).await?;
    Ok(Json(RegionDetailDto {
        region: RegionDto::from(&v.region),
        method: v.method.clone(),
        base_year: v.run.as_ref().map(|r| r.base_year),
        last_year: v.run.as_ref().map(|r| r.last_year),
        children: v.children.iter().map(RegionDto::from).collect(),
        capacity_gap: v
            .gaps
            .iter()
            .flat_map(|g| {
                g.rows.iter().map(|r| GapRowDto {
                    facility: g.facility.to_owned(),
                    year: r.year,
                    places: r.places,
                    demand: r.demand,
                    gap: r.gap,
                    gap_low80: r.gap_low80,
                    gap_high80: r.gap_high80,
                    gap_low95: r.gap_low95,
                    gap_high95: r.gap_high95,
                })
            })
            .collect(),
    }))
}
