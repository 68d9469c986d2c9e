//! Pooled orders and each clinic's lines.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::procurement::{LineInput, OrderInput, OrderView};
use standort_store::procurement::Order;
use utoipa::ToSchema;

use super::date;
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/procurement/orders", get(list_orders).post(create_order))
        .route("/procurement/orders/{id}", get(get_order))
        .route("/procurement/orders/{id}/lines", post(set_line))
        .route("/procurement/orders/{id}/status", post(set_status))
}

/// A pooled order.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderDto {
    pub id: i64,
    pub title: String,
    pub supplier_id: i64,
    pub supplier: String,
    /// `air`, `sea`, `rail`, `road`.
    pub transport_mode: String,
    /// `open`, `ordered`, `delivered`.
    pub status: String,
    pub deadline: Option<String>,
}

impl From<&Order> for OrderDto {
    fn from(o: &Order) -> Self {
        OrderDto {
            id: o.id,
            title: o.title.clone(),
            supplier_id: o.supplier_org_id.0,
            supplier: o.supplier_name.clone(),
            transport_mode: o.transport_mode.clone(),
            status: o.status.clone(),
            deadline: o.deadline.map(date),
        }
    }
}

/// A clinic's line.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineDto {
    pub clinic_id: i64,
    pub clinic: String,
    pub item_id: i64,
    pub quantity: i64,
}

/// An order with the lines the caller may see (a clinic buyer: their own clinic's only).
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderDetailDto {
    pub order: OrderDto,
    pub lines: Vec<LineDto>,
}

impl From<&OrderView> for OrderDetailDto {
    fn from(v: &OrderView) -> Self {
        OrderDetailDto {
            order: OrderDto::from(&v.order),
            lines: v
                .lines
                .iter()
                .map(|l| LineDto {
                    clinic_id: l.org_id.0,
                    clinic: l.org_name.clone(),
                    item_id: l.item_id,
                    quantity: l.quantity,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewOrderDto {
    /// An organisation of kind `supplier`.
    pub supplier_id: i64,
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub title: String,
    /// `air` (default), `sea`, `rail`, `road`.
    #[schema(schema_with = crate::api::schema::optional_transport_mode)]
    pub transport_mode: Option<String>,
    /// The last day clinics may change their lines, `YYYY-MM-DD`.
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub deadline: Option<String>,
}

/// The caller's clinic's quantity of an item (rounded up to whole packs; 0 withdraws it).
#[derive(Debug, Deserialize, ToSchema)]
pub struct LineBody {
    pub item_id: i64,
    #[schema(schema_with = crate::api::schema::quantity::<0>)]
    pub quantity: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusBody {
    /// `ordered` (from `open`) or `delivered` (from `ordered`); another step is 409.
    #[schema(schema_with = crate::api::schema::order_step)]
    pub status: String,
}

#[utoipa::path(get, path = "/api/v1/procurement/orders", tag = "procurement",
    responses((status = 200, body = [OrderDto]), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_orders(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<OrderDto>>, ApiError> {
    let list = state.app.list_orders(&actor).await?;
    Ok(Json(list.iter().map(OrderDto::from).collect()))
}

#[utoipa::path(post, path = "/api/v1/procurement/orders", tag = "procurement", request_body = NewOrderDto,
    responses((status = 201, body = OrderDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_order(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewOrderDto>,
) -> Result<(StatusCode, Json<OrderDto>), ApiError> {
    let input = OrderInput {
        supplier_org_id: Some(body.supplier_id.to_string()),
        title: Some(body.title),
        transport_mode: body.transport_mode,
        deadline: body.deadline,
    };
    let o = state.app.create_order(&actor, &input).await?;
    Ok((StatusCode::CREATED, Json(OrderDto::from(&o))))
}

#[utoipa::path(get, path = "/api/v1/procurement/orders/{id}", tag = "procurement",
    params(("id" = i64, Path)),
    responses((status = 200, body = OrderDetailDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_order(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OrderDetailDto>, ApiError> {
    let v = state.app.order_view(&actor, id).await?;
    Ok(Json(OrderDetailDto::from(&v)))
}

#[utoipa::path(post, path = "/api/v1/procurement/orders/{id}/lines", tag = "procurement",
    params(("id" = i64, Path)), request_body = LineBody,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn set_line(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<LineBody>,
) -> Result<StatusCode, ApiError> {
    let input = LineInput {
        item_id: Some(body.item_id.to_string()),
        quantity: Some(body.quantity.to_string()),
    };
    state.app.set_order_line(&actor, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/procurement/orders/{id}/status", tag = "procurement",
    params(("id" = i64, Path)), request_body = StatusBody,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn set_status(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<StatusBody>,
) -> Result<StatusCode, ApiError> {
    state.app.advance_order(&actor, id, &body.status).await?;
    Ok(StatusCode::NO_CONTENT)
}
