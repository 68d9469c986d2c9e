//! `GET /api/v1/esco/search`: occupations and skills by label.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_store::esco::Concept;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiActor, ApiQuery};
use crate::error::{ApiError, Failure};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/esco/search", get(search_esco))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to look for (any label, case- and diacritic-insensitive, one typo tolerated).
    pub q: String,
    /// `occupation` or `skill` (default: both).
    #[param(schema_with = crate::api::schema::optional_concept_kind)]
    pub kind: Option<String>,
    /// Language of the returned labels (default: the caller's).
    pub lang: Option<String>,
    /// At most this many hits (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitDto {
    /// `occupation` or `skill`.
    pub kind: String,
    pub id: i64,
    pub uri: String,
    /// The preferred label in the asked language (or a fallback).
    pub label: String,
    /// The label that matched.
    pub matched: String,
}

/// Search ESCO occupations and skills by any label.
#[utoipa::path(get, path = "/api/v1/esco/search", params(SearchParams),
    responses((status = 200, body = [SearchHitDto]), (status = 401, body = crate::error::Problem)))]
pub async fn search_esco(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<SearchParams>,
) -> Result<Json<Vec<SearchHitDto>>, ApiError> {
    let kind = match q.kind.as_deref() {
        None => None,
        Some(k) => Some(Concept::parse(k).ok_or_else(|| {
            ApiError(Failure::BadRequest(
                "invalid query parameters: kind must be `occupation` or `skill`".into(),
            ))
        })?),
    };
    let limit = match q.limit {
        None => 20,
        Some(l @ 1..=50) => l as usize,
        Some(_) => {
            return Err(ApiError(Failure::BadRequest(
                "invalid query parameters: limit must be 1–50".into(),
            )));
        }
    };
    let hits = state
        .app
        .search_concepts(&actor, &q.q, kind, q.lang.as_deref(), limit)
        .await?;
    Ok(Json(
        hits.into_iter()
            .map(|h| SearchHitDto {
                kind: h.kind.into(),
                id: h.id,
                uri: h.uri,
                label: h.label,
                matched: h.matched,
            })
            .collect(),
    ))
}
