//! `/api/v1/network/approaches`: the visit log.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use standort_domain::OrgId;
use utoipa::IntoParams;

use super::bodies::ApproachBody;
use super::{NetworkCreated, NetworkItem, NetworkList, item, list};
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/network/approaches",
            get(list_approaches).post(record_approach),
        )
        .route("/network/approaches/{id}", get(get_approach))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApproachParams {
    /// Only this company's approaches — every agency's: who approached it (for a partner
    /// agency, a company outside its scope answers 404).
    pub org: Option<i64>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/network/approaches", params(ApproachParams), tag = "network",
    responses((status = 200, body = NetworkList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_approaches(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ApproachParams>,
) -> Result<Json<NetworkList>, ApiError> {
    let page = crate::api::page(q.limit, q.offset)?;
    Ok(Json(list(
        state
            .app
            .list_approaches(&actor, q.org.map(OrgId), page)
            .await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/network/approaches", request_body = ApproachBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn record_approach(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<ApproachBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let a = state.app.record_approach(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: a.id })))
}

/// One approach (for a partner agency, one of a company outside its scope answers 404).
#[utoipa::path(get, path = "/api/v1/network/approaches/{id}", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_approach(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NetworkItem>, ApiError> {
    Ok(Json(item(state.app.get_approach(&actor, id).await?)))
}
