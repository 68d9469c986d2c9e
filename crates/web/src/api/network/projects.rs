//! `/api/v1/network/projects`: investment projects and their stages.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::{ProjectBody, StageBody};
use super::{NetworkCreated, NetworkItem, NetworkList, item, list};
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/projects", get(list_projects).post(create_project))
        .route("/network/projects/{id}/stage", post(set_project_stage))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectParams {
    /// `lead`, `qualified`, `site_search`, `decision`, `won`, `lost`, `on_hold`; blank for all.
    #[param(schema_with = crate::api::schema::project_stage_filter)]
    pub stage: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/network/projects", params(ProjectParams), tag = "network",
    responses((status = 200, body = NetworkList), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_projects(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ProjectParams>,
) -> Result<Json<NetworkList>, ApiError> {
    let page = crate::api::page(q.limit, q.offset)?;
    Ok(Json(list(
        state
            .app
            .list_projects(&actor, q.stage.as_deref(), page)
            .await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/network/projects", request_body = ProjectBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_project(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<ProjectBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let p = state.app.create_project(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: p.id })))
}

#[utoipa::path(post, path = "/api/v1/network/projects/{id}/stage", params(("id" = i64, Path)), request_body = StageBody, tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn set_project_stage(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<StageBody>,
) -> Result<Json<NetworkItem>, ApiError> {
    Ok(Json(item(
        state
            .app
            .set_project_stage(&actor, id, &body.into())
            .await?,
    )))
}
