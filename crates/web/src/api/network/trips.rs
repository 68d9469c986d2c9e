//! `/api/v1/network/trips`: delegation trips, itinerary and participants.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

use super::bodies::{OutcomeBody, ParticipantBody, TripBody, TripItemBody};
use super::{NetworkCreated, NetworkItem, NetworkList, item, list};
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery, ListParams};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/trips", get(list_trips).post(create_trip))
        .route("/network/trips/{id}", get(get_trip))
        .route("/network/trips/{id}/items", post(add_trip_item))
        .route(
            "/network/trips/{id}/items/{item}/outcome",
            post(record_item_outcome),
        )
        .route(
            "/network/trips/{id}/participants",
            post(add_trip_participant),
        )
}

#[utoipa::path(get, path = "/api/v1/network/trips", params(ListParams), tag = "network",
    responses((status = 200, body = NetworkList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_trips(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ListParams>,
) -> Result<Json<NetworkList>, ApiError> {
    Ok(Json(list(state.app.list_trips(&actor, q.page()?).await?)))
}

#[utoipa::path(post, path = "/api/v1/network/trips", request_body = TripBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_trip(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<TripBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let t = state.app.create_trip(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: t.id })))
}

/// The trip with its itinerary, participants and the agreements that came out of it.
#[utoipa::path(get, path = "/api/v1/network/trips/{id}", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_trip(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NetworkItem>, ApiError> {
    Ok(Json(item(state.app.get_trip(&actor, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/network/trips/{id}/items", params(("id" = i64, Path)), request_body = TripItemBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_trip_item(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<TripItemBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let i = state.app.add_trip_item(&actor, id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: i })))
}

#[utoipa::path(post, path = "/api/v1/network/trips/{id}/participants", params(("id" = i64, Path)), request_body = ParticipantBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn add_trip_participant(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ParticipantBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let p = state
        .app
        .add_trip_participant(&actor, id, &body.into())
        .await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: p })))
}

/// Records what came of an itinerary item.
#[utoipa::path(post, path = "/api/v1/network/trips/{id}/items/{item}/outcome",
    params(("id" = i64, Path), ("item" = i64, Path)), request_body = OutcomeBody, tag = "network",
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn record_item_outcome(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((id, item)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<OutcomeBody>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .record_item_outcome(&actor, id, item, &Some(body.outcome))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
