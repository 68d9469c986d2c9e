//! `/api/v1/network/contacts`: people at organisations (personal data; reads audited).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

use super::bodies::{AffiliationBody, ContactBody, ContactConsentBody};
use super::{NetworkCreated, NetworkItem, NetworkList, item, list};
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
        .route("/network/contacts/{id}/affiliations", post(add_affiliation))
        .route("/network/contacts/{id}/consent", post(record_consent))
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

#[utoipa::path(post, path = "/api/v1/network/contacts", request_body = ContactBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_contact(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<ContactBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let c = state.app.create_contact(&actor, &body.into()).await?;
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

/// Adds the person's position at an organisation.
#[utoipa::path(post, path = "/api/v1/network/contacts/{id}/affiliations", params(("id" = i64, Path)),
    request_body = AffiliationBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_affiliation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AffiliationBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let id = state.app.add_affiliation(&actor, id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id })))
}

/// Records a consent given or withdrawn (the history is kept; the latest counts).
#[utoipa::path(post, path = "/api/v1/network/contacts/{id}/consent", params(("id" = i64, Path)),
    request_body = ContactConsentBody, tag = "network",
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn record_consent(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ContactConsentBody>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .record_contact_consent(&actor, id, &body.purpose, body.granted)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
