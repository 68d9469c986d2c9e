//! The caller's own account over the API.

use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

use super::{ApiActor, Problem, UserDto};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/me", get(me))
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    AccountDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(paths(me), components(schemas(UserDto, Problem)),
    tags((name = "account", description = "The caller's own account."))
)]
struct AccountDoc;

/// The account the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = UserDto), (status = 401, body = Problem)))]
async fn me(ApiActor(actor): ApiActor) -> Json<UserDto> {
    Json(UserDto::from(&actor.user))
}
