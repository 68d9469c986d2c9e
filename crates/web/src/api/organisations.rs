//! Organisations over the API: list, open, create (same use cases and scope as the pages).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use standort_domain::OrgId;
use utoipa::OpenApi;

use super::{
    ApiActor, ApiJson, ApiPath, ApiQuery, ListParams, NewOrganisationDto, OrganisationDto,
    OrganisationPage, Problem,
};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/organisations",
            get(list_organisations).post(create_organisation),
        )
        .route("/organisations/{id}", get(get_organisation))
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    OrganisationsDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(list_organisations, get_organisation, create_organisation),
    components(schemas(OrganisationDto, OrganisationPage, NewOrganisationDto, Problem)),
    tags((name = "organisations", description = "Organisations: the agency, employers, clinics, schools and partners, within the caller's scope."))
)]
struct OrganisationsDoc;

#[utoipa::path(get, path = "/api/v1/organisations", params(ListParams),
    responses((status = 200, body = OrganisationPage), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_organisations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ListParams>,
) -> Result<Json<OrganisationPage>, ApiError> {
    let page = state.app.list_organisations(&actor, q.page()?).await?;
    Ok(Json(OrganisationPage::from(page)))
}

#[utoipa::path(get, path = "/api/v1/organisations/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = OrganisationDto), (status = 404, body = Problem)))]
async fn get_organisation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OrganisationDto>, ApiError> {
    Ok(Json(OrganisationDto::from(
        &state.app.get_organisation(&actor, OrgId(id)).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/organisations", request_body = NewOrganisationDto,
    responses((status = 201, body = OrganisationDto), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_organisation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewOrganisationDto>,
) -> Result<(StatusCode, Json<OrganisationDto>), ApiError> {
    let org = state.app.create_organisation(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(OrganisationDto::from(&org))))
}
