//! `/api/v1/network/contacts`: people at organisations (personal data; reads audited).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use super::{NetworkCreated, NetworkItem, NetworkList, input, item, list};
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery, ListParams};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/contacts", get(list_contacts).post(create_contact))
        .route(
            "/network/contacts/{id}",
            get(get_contact).delete(erase_contact),
        )
        .route("/network/contacts/{id}/export", get(export_contact))
}

#[utoipa::path(get, path = "/api/v1/network/contacts", params(ListParams), tag = "network",
    responses((status = 200, body = NetworkList), (status = 403, body = Problem)))]
pub async fn list_contacts(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ListParams>,
) -> Result<Json<NetworkList>, ApiError> {
    Ok(Json(list(
        state.app.list_contacts(&actor, None, q.page()?).await?,
    )))
}

/// Body: `family_name`, `given_names`, `email`, `phone`, `languages`, `legal_basis`, `org_id`, `role_title`.
#[utoipa::path(post, path = "/api/v1/network/contacts", request_body = Object, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_contact(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<Value>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let c = state.app.create_contact(&actor, &input(body)?).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: c.id })))
}

#[utoipa::path(get, path = "/api/v1/network/contacts/{id}", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_contact(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NetworkItem>, ApiError> {
    Ok(Json(item(state.app.get_contact(&actor, id).await?)))
}

/// Everything stored about the contact (GDPR Art. 15/20).
#[utoipa::path(get, path = "/api/v1/network/contacts/{id}/export", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn export_contact(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NetworkItem>, ApiError> {
    Ok(Json(item(state.app.export_contact(&actor, id).await?)))
}

/// Erases the contact (GDPR Art. 17) with its affiliations, consents and trip participations.
#[utoipa::path(delete, path = "/api/v1/network/contacts/{id}", params(("id" = i64, Path)), tag = "network",
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn erase_contact(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    state.app.erase_contact(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
