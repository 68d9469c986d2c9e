//! Allocations of a short shipment or a donation, with each clinic's share.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::procurement::{AllocationInput, AllocationView};
use standort_store::procurement::Allocation;
use utoipa::ToSchema;

use super::date;
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/procurement/allocations",
            get(list_allocations).post(create_allocation),
        )
        .route("/procurement/allocations/{id}", get(get_allocation))
        .route(
            "/procurement/allocations/{id}/deliver",
            post(deliver_allocation),
        )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AllocationDto {
    pub id: i64,
    pub title: String,
    pub item_id: i64,
    pub order_id: Option<i64>,
    /// `donation` or `shipment`.
    pub source: String,
    pub available: i64,
    pub pack_size: i64,
    /// `equalise_days`, `pro_rata_request`, `pro_rata_burn`.
    pub rule: String,
    pub lot: String,
    pub expires_on: Option<String>,
    /// `proposed` or `delivered`.
    pub status: String,
}

impl From<&Allocation> for AllocationDto {
    fn from(a: &Allocation) -> Self {
        AllocationDto {
            id: a.id,
            title: a.title.clone(),
            item_id: a.item_id,
            order_id: a.order_id,
            source: a.source.clone(),
            available: a.available,
            pack_size: a.pack_size,
            rule: a.rule.clone(),
            lot: a.lot.clone(),
            expires_on: a.expires_on.map(date),
            status: a.status.clone(),
        }
    }
}

/// One clinic's share and the numbers that explain it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShareDto {
    pub clinic_id: i64,
    pub clinic: String,
    /// Its line in the order, or (donations) what brings it to 30 days of supply.
    pub requested: i64,
    pub stock: i64,
    pub per_day: f64,
    pub allocated: i64,
    pub days_before: Option<f64>,
    pub days_after: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AllocationDetailDto {
    pub allocation: AllocationDto,
    /// Every clinic's share (a clinic buyer: their own only).
    pub shares: Vec<ShareDto>,
}

impl From<&AllocationView> for AllocationDetailDto {
    fn from(v: &AllocationView) -> Self {
        AllocationDetailDto {
            allocation: AllocationDto::from(&v.allocation),
            shares: v
                .shares
                .iter()
                .map(|s| ShareDto {
                    clinic_id: s.org_id.0,
                    clinic: s.org_name.clone(),
                    requested: s.requested,
                    stock: s.stock,
                    per_day: s.per_day,
                    allocated: s.allocated,
                    days_before: s.days_before,
                    days_after: s.days_after,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewAllocationDto {
    pub item_id: i64,
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub title: String,
    /// `donation` (default) or `shipment` (needs `order_id`).
    #[schema(schema_with = crate::api::schema::optional_allocation_source)]
    pub source: Option<String>,
    pub order_id: Option<i64>,
    /// Units to share.
    #[schema(schema_with = crate::api::schema::quantity::<1>)]
    pub available: i64,
    /// `equalise_days` (default), `pro_rata_request`, `pro_rata_burn`.
    #[schema(schema_with = crate::api::schema::optional_allocation_rule)]
    pub rule: Option<String>,
    #[schema(schema_with = crate::api::schema::required_line::<60>)]
    pub lot: String,
    /// `YYYY-MM-DD`, not before today.
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub expires_on: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/procurement/allocations", tag = "procurement",
    responses((status = 200, body = [AllocationDto]), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_allocations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<AllocationDto>>, ApiError> {
    let list = state.app.list_allocations(&actor).await?;
    Ok(Json(list.iter().map(AllocationDto::from).collect()))
}

#[utoipa::path(post, path = "/api/v1/procurement/allocations", tag = "procurement", request_body = NewAllocationDto,
    responses((status = 201, body = AllocationDetailDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create_allocation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewAllocationDto>,
) -> Result<(StatusCode, Json<AllocationDetailDto>), ApiError> {
    let input = AllocationInput {
        item_id: Some(body.item_id.to_string()),
        title: Some(body.title),
        source: body.source,
        order_id: body.order_id.map(|o| o.to_string()),
        available: Some(body.available.to_string()),
        rule: body.rule,
        lot: Some(body.lot),
        expires_on: body.expires_on,
    };
    let a = state.app.create_allocation(&actor, &input).await?;
    let v = state.app.allocation_view(&actor, a.id).await?;
    Ok((StatusCode::CREATED, Json(AllocationDetailDto::from(&v))))
}

#[utoipa::path(get, path = "/api/v1/procurement/allocations/{id}", tag = "procurement",
    params(("id" = i64, Path)),
    responses((status = 200, body = AllocationDetailDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_allocation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<AllocationDetailDto>, ApiError> {
    let v = state.app.allocation_view(&actor, id).await?;
    Ok(Json(AllocationDetailDto::from(&v)))
}

#[utoipa::path(post, path = "/api/v1/procurement/allocations/{id}/deliver", tag = "procurement",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn deliver_allocation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    state.app.deliver_allocation(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
