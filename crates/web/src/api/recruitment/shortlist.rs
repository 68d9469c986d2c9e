//! `/api/v1/recruitment/shortlist`: the employer organisation's shortlist — list, put a
//! candidate on it (`PUT …/{candidate_id}`), take them off (`DELETE`). Employers only, for
//! candidates they may see; everyone else and every other candidate 404.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::recruitment::{ShortlistInput, ShortlistQuery};
use standort_domain::date::format_date;
use standort_store::recruitment::ShortlistEntry;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/recruitment/shortlist", get(list_shortlist))
        .route(
            "/recruitment/shortlist/{candidate_id}",
            put(shortlist_candidate).delete(unshortlist_candidate),
        )
}

/// A candidate on the shortlist (no contact details).
#[derive(Debug, Serialize, ToSchema)]
pub struct ShortlistItemDto {
    pub candidate_id: i64,
    pub family_name: String,
    pub given_names: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub german_level: Option<String>,
    pub position_id: Option<i64>,
    pub position_title: Option<String>,
    /// `YYYY-MM-DD`.
    pub added_on: String,
}

impl From<&ShortlistEntry> for ShortlistItemDto {
    fn from(e: &ShortlistEntry) -> Self {
        ShortlistItemDto {
            candidate_id: e.candidate_id,
            family_name: e.family_name.clone(),
            given_names: e.given_names.clone(),
            country: e.country.clone(),
            german_level: e.german_level.clone(),
            position_id: e.position_id,
            position_title: e.position_title.clone(),
            added_on: format_date(e.created_at - e.created_at.rem_euclid(86_400)),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShortlistPage {
    pub items: Vec<ShortlistItemDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShortlistParams {
    /// Words of the candidate's name, diacritics optional.
    #[param(schema_with = crate::api::schema::search_text)]
    pub q: Option<String>,
    /// Only entries for this position (one of the caller's organisation's; another is 422).
    pub position_id: Option<i64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

/// What a shortlist entry is for.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ShortlistBody {
    /// One of the caller's organisation's positions (another or an unknown id is 422); none
    /// for no particular position.
    pub position_id: Option<i64>,
}

/// The caller's organisation's shortlist (employers). Audited as a list of the candidates.
#[utoipa::path(get, path = "/api/v1/recruitment/shortlist", params(ShortlistParams),
    responses((status = 200, body = ShortlistPage), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_shortlist(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ShortlistParams>,
) -> Result<Json<ShortlistPage>, ApiError> {
    let page = crate::api::page(q.limit, q.offset)?;
    let query = ShortlistQuery {
        name: q.q,
        position: q.position_id.map(|p| p.to_string()),
        ..Default::default()
    };
    let list = state.app.query_shortlist(&actor, &query, page).await?;
    Ok(Json(ShortlistPage {
        items: list.items.iter().map(ShortlistItemDto::from).collect(),
        total: list.total,
        limit: list.limit,
        offset: list.offset,
    }))
}

/// Puts a candidate the caller may see on the organisation's shortlist, or changes the
/// position it is for: 201 when new, 204 when it was on the list already.
#[utoipa::path(put, path = "/api/v1/recruitment/shortlist/{candidate_id}",
    params(("candidate_id" = i64, Path)), request_body = ShortlistBody,
    responses((status = 201), (status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn shortlist_candidate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(candidate): ApiPath<i64>,
    ApiJson(body): ApiJson<ShortlistBody>,
) -> Result<StatusCode, ApiError> {
    let added = state
        .app
        .shortlist_add(
            &actor,
            candidate,
            &ShortlistInput {
                position_id: body.position_id.map(|p| p.to_string()),
            },
        )
        .await?;
    Ok(if added {
        StatusCode::CREATED
    } else {
        StatusCode::NO_CONTENT
    })
}

/// Takes a candidate off the organisation's shortlist (404 when not on it).
#[utoipa::path(delete, path = "/api/v1/recruitment/shortlist/{candidate_id}",
    params(("candidate_id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem)))]
pub async fn unshortlist_candidate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(candidate): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    state.app.shortlist_remove(&actor, candidate).await?;
    Ok(StatusCode::NO_CONTENT)
}
