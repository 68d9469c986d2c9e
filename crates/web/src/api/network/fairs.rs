//! `/api/v1/network/fairs`: trade fairs and leads.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

use super::bodies::{FairBody, LeadBody};
use super::{NetworkCreated, NetworkItem, NetworkList, item, list};
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery, ListParams};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/fairs", get(list_fairs).post(create_fair))
        .route("/network/fairs/{id}", get(get_fair))
        .route("/network/fairs/{id}/leads", post(add_lead))
}

#[utoipa::path(get, path = "/api/v1/network/fairs", params(ListParams), tag = "network",
    responses((status = 200, body = NetworkList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_fairs(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ListParams>,
) -> Result<Json<NetworkList>, ApiError> {
    Ok(Json(list(state.app.list_fairs(&actor, q.page()?).await?)))
}

#[utoipa::path(post, path = "/api/v1/network/fairs", request_body = FairBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_fair(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<FairBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let f = state.app.create_fair(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: f.id })))
}

/// The fair with its leads and cost per lead.
#[utoipa::path(get, path = "/api/v1/network/fairs/{id}", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_fair(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NetworkItem>, ApiError> {
    Ok(Json(item(state.app.get_fair(&actor, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/network/fairs/{id}/leads", params(("id" = i64, Path)), request_body = LeadBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_lead(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<LeadBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let l = state.app.add_lead(&actor, id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: l })))
}
