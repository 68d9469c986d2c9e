//! The JSON API under `/api/v1`: the same use cases and permissions as the pages, errors as
//! `application/problem+json`, every list paged, OpenAPI at `/api/v1/openapi.json` (generated
//! from these handlers by utoipa).
//!
//! Authentication: `Authorization: Bearer <personal access token>`. A browser session cookie is
//! accepted for reading only, so cross-site requests cannot change anything through it.

mod demography;
mod dto;
mod placements;
mod portal;
mod recruitment;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::cookie::CookieJar;
use serde::de::DeserializeOwned;
use standort_app::{Actor, PageRequest};
use standort_domain::{OrgId, UserId};
use standort_store::audit::AuditFilter;
use utoipa::OpenApi;

pub use dto::*;

use crate::AppState;
use crate::context::{SESSION_COOKIE, client_ip};
use crate::error::{ApiError, Failure, Problem};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/me", get(me))
        .route(
            "/organisations",
            get(list_organisations).post(create_organisation),
        )
        .route("/organisations/{id}", get(get_organisation))
        .route("/users", get(list_users).post(create_user))
        .route("/users/{id}", get(get_user))
        .route("/users/{id}/disable", post(disable_user))
        .route("/users/{id}/enable", post(enable_user))
        .route("/audit", get(list_audit))
        .merge(recruitment::routes())
        .merge(placements::routes())
        .merge(portal::routes())
        .nest("/demography", demography::routes())
        .fallback(|| async { ApiError(Failure::NotFound) })
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Standort API", description = "JSON API of Standort. Authenticate with a personal access token (My account → Personal access tokens)."),
    paths(health, me, list_organisations, get_organisation, create_organisation, list_users, get_user, create_user, disable_user, enable_user, list_audit, demography::list_regions, demography::get_region, demography::list_results, demography::region_table, demography::compare, demography::import, demography::run_projection, demography::import_assumptions, demography::list_assumption_sets, demography::delete_assumption_set, recruitment::search_esco, recruitment::list_candidates, recruitment::get_candidate, recruitment::create_candidate, recruitment::candidate_matches, recruitment::list_positions, recruitment::get_position, recruitment::create_position, recruitment::position_matches, portal::list_documents, portal::upload_document, portal::download_document, portal::set_consent, portal::export, portal::erase),
    components(schemas(Problem, HealthDto, UserDto, OrganisationDto, AuditEntryDto, UserPage, OrganisationPage, AuditPage, NewUserDto, NewOrganisationDto)),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        openapi.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    let mut doc = ApiDoc::openapi();
    doc.merge(placements::PlacementsDoc::openapi());
    doc.merge(recruitment::RecruitmentEditDoc::openapi());
    Json(doc)
}

/// The caller, from a bearer token (or a session cookie on reads).
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        let ip = client_ip(&parts.headers, peer, &state.web);
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or(ApiError(Failure::Unauthenticated))?;
            return match state
                .app
                .actor_for_api_token(token.trim(), Some(ip))
                .await?
            {
                Some(actor) => Ok(ApiActor(actor)),
                None => Err(ApiError(Failure::Unauthenticated)),
            };
        }
        if matches!(parts.method, Method::GET | Method::HEAD) {
            let jar = CookieJar::from_headers(&parts.headers);
            if let Some(cookie) = jar.get(SESSION_COOKIE)
                && let Some(session) = state.app.session(cookie.value(), Some(ip)).await?
            {
                return Ok(ApiActor(session.actor));
            }
        }
        Err(ApiError(Failure::Unauthenticated))
    }
}

/// A JSON body whose problems become problem documents.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(v)| ApiJson(v))
            .map_err(ApiError::from)
    }
}

pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| ApiQuery(v))
            .map_err(ApiError::from)
    }
}

pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| ApiPath(v))
            .map_err(ApiError::from)
    }
}

/// Liveness and readiness: 200 with version and database facts, 503 when the database cannot
/// be reached.
#[utoipa::path(get, path = "/health", security(()), responses((status = 200, body = HealthDto), (status = 503, body = Problem)))]
pub async fn health(State(state): State<AppState>) -> Response {
    match state.app.db.health().await {
        Ok(h) => Json(HealthDto {
            status: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            database: h.kind.into(),
            migrations_applied: h.migrations_applied,
        })
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            ApiError(Failure::Unavailable).into_response()
        }
    }
}

/// The account the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = UserDto), (status = 401, body = Problem)))]
async fn me(ApiActor(actor): ApiActor) -> Json<UserDto> {
    Json(UserDto::from(&actor.user))
}

#[utoipa::path(get, path = "/api/v1/organisations", params(ListParams),
    responses((status = 200, body = OrganisationPage), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_organisations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ListParams>,
) -> Result<Json<OrganisationPage>, ApiError> {
    let page = state.app.list_organisations(&actor, q.page()).await?;
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

#[utoipa::path(get, path = "/api/v1/users", params(ListParams, ("org_id" = Option<i64>, Query, description = "Only accounts of this organisation")),
    responses((status = 200, body = UserPage), (status = 403, body = Problem)))]
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
            PageRequest::new(q.limit, q.offset),
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
    responses((status = 201, body = UserDto), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_user(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewUserDto>,
) -> Result<(StatusCode, Json<UserDto>), ApiError> {
    let user = state.app.create_user(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(UserDto::from(&user))))
}

#[utoipa::path(post, path = "/api/v1/users/{id}/disable", params(("id" = i64, Path)),
    responses((status = 200, body = UserDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
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
    responses((status = 200, body = UserDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
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
    responses((status = 200, body = AuditPage), (status = 403, body = Problem)))]
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
    };
    let page = state
        .app
        .browse_audit_log(&actor, &filter, PageRequest::new(q.limit, q.offset))
        .await?;
    Ok(Json(AuditPage::from(page)))
}
