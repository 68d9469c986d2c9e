//! Organisations over the API: list, open, create (same use cases and scope as the pages).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::organisations::{OrgProfileInput, OrgSearchInput};
use standort_domain::OrgId;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{
    ApiActor, ApiJson, ApiPath, ApiQuery, NewOrganisationDto, OrganisationDto, OrganisationPage,
    Problem,
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
        .route(
            "/organisations/{id}/profile",
            put(update_organisation_profile),
        )
        .route("/organisations/{id}/names", post(add_organisation_name))
        .route("/organisations/{id}/links", post(link_organisation))
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    OrganisationsDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_organisations,
        get_organisation,
        create_organisation,
        update_organisation_profile,
        add_organisation_name,
        link_organisation
    ),
    components(schemas(
        OrganisationDto,
        OrganisationPage,
        NewOrganisationDto,
        OrgProfileDto,
        OrgNameDto,
        OrgLinkDto,
        Problem
    )),
    tags((name = "organisations", description = "Organisations: the agency, employers, clinics, schools, investors, chambers, universities and partners abroad, with names in several scripts, sectors, clusters and links, within the caller's scope. Search ignores case and diacritics and forgives one typo."))
)]
struct OrganisationsDoc;

/// Filters of the organisation list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct OrgSearchParams {
    /// Words of any of the names (any script), without regard to case and diacritics, about
    /// one typo per word of four letters or more.
    #[param(schema_with = crate::api::schema::search_text)]
    q: Option<String>,
    /// An organisation kind (`company`, `investor`, `clinic` …); blank for all.
    #[param(schema_with = crate::api::schema::org_kind_filter)]
    kind: Option<String>,
    /// ISO 3166-1 alpha-2; blank for all.
    #[param(schema_with = crate::api::schema::country_filter)]
    country: Option<String>,
    /// A NACE Rev. 2 / WZ 2008 code or its division (`21`, `62.01`, `1` for `01`); blank for
    /// all.
    #[param(schema_with = crate::api::schema::sector_filter)]
    sector: Option<String>,
    /// `biotech_health`, `digital_economy` or `greentech`; blank for all.
    #[param(schema_with = crate::api::schema::cluster_filter)]
    cluster: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/organisations", params(OrgSearchParams),
    responses((status = 200, body = OrganisationPage), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn list_organisations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<OrgSearchParams>,
) -> Result<Json<OrganisationPage>, ApiError> {
    let search = OrgSearchInput {
        q: q.q,
        kind: q.kind,
        country: q.country,
        sector: q.sector,
        cluster: q.cluster,
        ..Default::default()
    };
    let page = state
        .app
        .search_organisations(&actor, &search, crate::api::page(q.limit, q.offset)?)
        .await?;
    Ok(Json(OrganisationPage::from(page)))
}

/// Sets the network facts: `sector`, `clusters` (comma-separated), `employees`, `website`,
/// `address`.
#[utoipa::path(put, path = "/api/v1/organisations/{id}/profile", params(("id" = i64, Path)), request_body = OrgProfileDto,
    responses((status = 200, body = OrganisationDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_organisation_profile(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<OrgProfileDto>,
) -> Result<Json<OrganisationDto>, ApiError> {
    let input = OrgProfileInput {
        sector: body.sector,
        clusters: Some(body.clusters.join(",")),
        employees: body.employees.map(|n| n.to_string()),
        website: body.website,
        address: body.address,
    };
    let org = state
        .app
        .update_organisation_profile(&actor, OrgId(id), &input)
        .await?;
    Ok(Json(OrganisationDto::from(&org)))
}

/// Adds a further name in another script or a transliteration (`lang`: BCP 47).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/names", params(("id" = i64, Path)), request_body = OrgNameDto,
    responses((status = 201, body = OrgNameDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn add_organisation_name(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<OrgNameDto>,
) -> Result<(StatusCode, Json<OrgNameDto>), ApiError> {
    let n = state
        .app
        .add_organisation_name(&actor, OrgId(id), &body.name, &body.lang)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(OrgNameDto {
            name: n.name,
            lang: n.lang,
        }),
    ))
}

/// Links this organisation to another (`subsidiary_of`, `parent_abroad`, `partner_of`).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/links", params(("id" = i64, Path)), request_body = OrgLinkDto,
    responses((status = 201, body = OrgLinkDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn link_organisation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<OrgLinkDto>,
) -> Result<(StatusCode, Json<OrgLinkDto>), ApiError> {
    state
        .app
        .link_organisations(&actor, OrgId(id), OrgId(body.to), &body.kind)
        .await?;
    Ok((StatusCode::CREATED, Json(body)))
}

#[derive(Debug, Deserialize, ToSchema)]
struct OrgProfileDto {
    /// NACE Rev. 2 / WZ 2008 code (`62.01`, `C 21.10`); blank or null for none.
    #[schema(schema_with = crate::api::schema::optional_sector)]
    sector: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::api::schema::clusters)]
    clusters: Vec<String>,
    /// Number of employees, 0–10,000,000.
    #[schema(schema_with = crate::api::schema::optional_amount::<10_000_000>)]
    employees: Option<i64>,
    #[schema(schema_with = crate::api::schema::optional_website)]
    website: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<300>)]
    address: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
struct OrgNameDto {
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    name: String,
    /// BCP 47 (`vi`, `ja`, `ja-Latn`).
    #[schema(schema_with = crate::api::schema::language_tag)]
    lang: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
struct OrgLinkDto {
    /// The other organisation (must exist, not this one).
    to: i64,
    /// `subsidiary_of`, `parent_abroad`, `partner_of`.
    #[schema(schema_with = crate::api::schema::link_kind)]
    kind: String,
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
    responses((status = 201, body = OrganisationDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_organisation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewOrganisationDto>,
) -> Result<(StatusCode, Json<OrganisationDto>), ApiError> {
    let org = state.app.create_organisation(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(OrganisationDto::from(&org))))
}
