//! `/api/v1/network/agreements`: agreements, obligations, and the obligations due.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::{AgreementBody, ObligationBody};
use super::{NetworkCreated, NetworkItem, NetworkList, item, list};
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery, ListParams};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/network/agreements",
            get(list_agreements).post(create_agreement),
        )
        .route("/network/agreements/{id}", get(get_agreement))
        .route("/network/agreements/{id}/obligations", post(add_obligation))
        .route(
            "/network/agreements/{id}/obligations/{obligation}/done",
            post(complete_obligation),
        )
        .route("/network/obligations/due", get(obligations_due))
}

/// Staff see every agreement; a clinic or employer those its organisation is a party to.
#[utoipa::path(get, path = "/api/v1/network/agreements", params(ListParams), tag = "network",
    responses((status = 200, body = NetworkList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_agreements(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ListParams>,
) -> Result<Json<NetworkList>, ApiError> {
    Ok(Json(list(
        state.app.list_agreements(&actor, q.page()?).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/network/agreements", request_body = AgreementBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_agreement(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<AgreementBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let a = state.app.create_agreement(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: a.id })))
}

/// The agreement with parties and obligations; 404 outside the caller's scope.
#[utoipa::path(get, path = "/api/v1/network/agreements/{id}", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_agreement(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NetworkItem>, ApiError> {
    Ok(Json(item(state.app.get_agreement(&actor, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/network/agreements/{id}/obligations", params(("id" = i64, Path)), request_body = ObligationBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_obligation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ObligationBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let o = state.app.add_obligation(&actor, id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: o })))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueParams {
    /// Due within this many days (default 14); overdue ones are included.
    pub days: Option<i64>,
}

/// Open obligations due soon, earliest first (at most 50; `total` counts all).
#[utoipa::path(get, path = "/api/v1/network/obligations/due", params(DueParams), tag = "network",
    responses((status = 200, body = NetworkList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn obligations_due(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<DueParams>,
) -> Result<Json<NetworkList>, ApiError> {
    let days = q.days.unwrap_or(14).clamp(0, 3660);
    let (items, total) = state.app.obligations_due(&actor, days).await?;
    Ok(Json(NetworkList {
        limit: 50,
        offset: 0,
        total,
        items: items
            .iter()
            .map(|o| serde_json::to_value(o).unwrap_or_default())
            .collect(),
    }))
}

/// Marks an obligation as done (once: an obligation already done or of another agreement is 404).
#[utoipa::path(post, path = "/api/v1/network/agreements/{id}/obligations/{obligation}/done",
    params(("id" = i64, Path), ("obligation" = i64, Path)), tag = "network",
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn complete_obligation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((id, obligation)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .complete_obligation(&actor, id, obligation)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
