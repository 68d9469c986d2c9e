//! Administration over the API: user accounts and the audit log.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use standort_domain::{OrgId, UserId};
use standort_store::audit::AuditFilter;
use utoipa::OpenApi;

use super::{
    ApiActor, ApiJson, ApiPath, ApiQuery, AuditEntryDto, AuditPage, AuditParams, NewUserDto,
    Problem, UserDto, UserListParams, UserPage,
};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/users", get(list_users).post(create_user))
        .route("/users/{id}", get(get_user))
        .route("/users/{id}/disable", post(disable_user))
        .route("/users/{id}/enable", post(enable_user))
        .route("/audit", get(list_audit))
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    AdminDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_users,
        get_user,
        create_user,
        disable_user,
        enable_user,
        list_audit
    ),
    components(schemas(UserDto, UserPage, NewUserDto, AuditEntryDto, AuditPage, Problem)),
    tags((name = "admin", description = "Administration: user accounts (create, disable, enable) and the audit log. Administrators only."))
)]
struct AdminDoc;

#[utoipa::path(get, path = "/api/v1/users", params(UserListParams),
    responses((status = 200, body = UserPage), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_users(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<UserListParams>,
) -> Result<Json<UserPage>, ApiError> {
    let page = state
        .app
        .list_users(
            &actor,
            q.org_id.map(OrgId),
            crate::api::page(q.limit, q.offset)?,
        )
        .await?;
    Ok(Json(UserPage::from(page)))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = UserDto), (status = 404, body = Problem)))]
async fn get_user(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UserDto>, ApiError> {
    Ok(Json(UserDto::from(
        &state.app.get_user(&actor, UserId(id)).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/users", request_body = NewUserDto,
    responses((status = 201, body = UserDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_user(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewUserDto>,
) -> Result<(StatusCode, Json<UserDto>), ApiError> {
    let user = state.app.create_user(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(UserDto::from(&user))))
}

#[utoipa::path(post, path = "/api/v1/users/{id}/disable", params(("id" = i64, Path)),
    responses((status = 200, body = UserDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn disable_user(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UserDto>, ApiError> {
    Ok(Json(UserDto::from(
        &state
            .app
            .set_user_disabled(&actor, UserId(id), true)
            .await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/users/{id}/enable", params(("id" = i64, Path)),
    responses((status = 200, body = UserDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn enable_user(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UserDto>, ApiError> {
    Ok(Json(UserDto::from(
        &state
            .app
            .set_user_disabled(&actor, UserId(id), false)
            .await?,
    )))
}

#[utoipa::path(get, path = "/api/v1/audit", params(AuditParams),
    responses((status = 200, body = AuditPage), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_audit(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<AuditParams>,
) -> Result<Json<AuditPage>, ApiError> {
    let filter = AuditFilter {
        actor: q.actor.map(UserId),
        action: q.action.clone(),
        entity: q.entity.clone(),
        entity_id: q.entity_id.clone(),
        from: q.from,
        to: q.to,
        ..Default::default()
    };
    let page = state
        .app
        .browse_audit_log(&actor, &filter, crate::api::page(q.limit, q.offset)?)
        .await?;
    Ok(Json(AuditPage::from(page)))
}
