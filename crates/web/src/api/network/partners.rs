//! `/api/v1/network/partners`: what the visit log shares with each partner agency (agency
//! staff decide; a partner agency's people read their own organisation's scope). Every other
//! role, and every other partner's scope, answers 404.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Serialize;
use standort_domain::OrgId;
use utoipa::ToSchema;

use super::bodies::{PartnerCompanyBody, PartnerScopeBody};
use super::{NetworkItem, item};
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/partners", get(list_partners))
        .route(
            "/network/partners/{id}/scope",
            get(get_partner_scope).put(set_partner_scope),
        )
        .route(
            "/network/partners/{id}/companies",
            post(add_partner_company),
        )
        .route(
            "/network/partners/{id}/companies/{company}",
            delete(remove_partner_company),
        )
}

/// The partner organisations.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerList {
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<serde_json::Value>,
}

/// The partner organisations: those with partner-agency accounts or an agreed scope (staff).
#[utoipa::path(get, path = "/api/v1/network/partners", tag = "network",
    responses((status = 200, body = PartnerList), (status = 404, body = Problem)))]
pub async fn list_partners(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<PartnerList>, ApiError> {
    let items = state
        .app
        .partner_organisations(&actor)
        .await?
        .iter()
        .map(|p| serde_json::to_value(p).unwrap_or_default())
        .collect();
    Ok(Json(PartnerList { items }))
}

/// The scope agreed with a partner organisation: `clusters`, `sections`, `companies` (ids),
/// `companies_named` (id and name), when and by whom it was last changed.
#[utoipa::path(get, path = "/api/v1/network/partners/{id}/scope", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 404, body = Problem)))]
pub async fn get_partner_scope(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NetworkItem>, ApiError> {
    let v = state.app.partner_scope(&actor, OrgId(id)).await?;
    let mut out = serde_json::to_value(&v.stored).unwrap_or_default();
    out["partner_org_id"] = id.into();
    out["companies_named"] = v
        .companies
        .iter()
        .map(|(o, n)| serde_json::json!({"org_id": o.0, "name": n}))
        .collect();
    Ok(Json(item(out)))
}

/// Replaces the clusters and NACE sections of a partner's scope (staff; audited).
#[utoipa::path(put, path = "/api/v1/network/partners/{id}/scope", params(("id" = i64, Path)), request_body = PartnerScopeBody, tag = "network",
    responses((status = 200, body = NetworkItem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn set_partner_scope(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PartnerScopeBody>,
) -> Result<Json<NetworkItem>, ApiError> {
    let s = state
        .app
        .set_partner_scope(&actor, OrgId(id), &body.into())
        .await?;
    Ok(Json(item(s)))
}

/// Names a company in a partner's scope (staff; audited).
#[utoipa::path(post, path = "/api/v1/network/partners/{id}/companies", params(("id" = i64, Path)), request_body = PartnerCompanyBody, tag = "network",
    responses((status = 201, body = NetworkItem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_partner_company(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PartnerCompanyBody>,
) -> Result<(StatusCode, Json<NetworkItem>), ApiError> {
    let s = state
        .app
        .add_partner_company(&actor, OrgId(id), &Some(body.org_id.to_string()))
        .await?;
    Ok((StatusCode::CREATED, Json(item(s))))
}

/// Takes a named company out of a partner's scope (staff; audited); 404 if it was not named.
#[utoipa::path(delete, path = "/api/v1/network/partners/{id}/companies/{company}", params(("id" = i64, Path), ("company" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 404, body = Problem)))]
pub async fn remove_partner_company(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((id, company)): ApiPath<(i64, i64)>,
) -> Result<Json<NetworkItem>, ApiError> {
    let s = state
        .app
        .remove_partner_company(&actor, OrgId(id), OrgId(company))
        .await?;
    Ok(Json(item(s)))
}
