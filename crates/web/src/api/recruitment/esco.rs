//! `GET /api/v1/esco/search`: occupations and skills by label; `POST /api/v1/esco/{kind}/{id}/labels`
//! and `DELETE /api/v1/esco/labels/{id}`: local labels (agency staff and counsellors; others 404).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_store::esco::Concept;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::{ApiError, Failure};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/esco/search", get(search_esco))
        .route("/esco/{kind}/{id}/labels", post(add_local_label))
        .route("/esco/labels/{id}", delete(delete_local_label))
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
    /// The language `label` is in.
    pub label_lang: String,
    /// Whether `label` falls back to another language than the one asked for.
    pub fallback: bool,
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
                label_lang: h.label_lang,
                fallback: h.fallback,
                matched: h.matched,
            })
            .collect(),
    ))
}

/// A local label to add.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LocalLabelInDto {
    /// ISO 639-1 code of the label's language, e.g. `de`.
    pub lang: String,
    /// The everyday name, e.g. `Pflegefachkraft` (at most 200 characters).
    pub label: String,
}

/// A local label as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocalLabelDto {
    pub id: i64,
    /// `occupation` or `skill`.
    pub concept: String,
    pub uri: String,
    pub lang: String,
    pub label: String,
}

/// Add a local label (an everyday name) to an ESCO occupation or skill; searchable at once.
#[utoipa::path(post, path = "/api/v1/esco/{kind}/{id}/labels",
    params(("kind" = String, Path, description = "`occupation` or `skill`"), ("id" = i64, Path)),
    request_body = LocalLabelInDto,
    responses((status = 201, body = LocalLabelDto), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_local_label(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((kind, id)): ApiPath<(String, i64)>,
    ApiJson(b): ApiJson<LocalLabelInDto>,
) -> Result<(StatusCode, Json<LocalLabelDto>), ApiError> {
    let concept = Concept::parse(&kind).ok_or(ApiError(Failure::NotFound))?;
    let l = state
        .app
        .add_esco_local_label(&actor, concept, id, &b.lang, &b.label)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(LocalLabelDto {
            id: l.id,
            concept: l.concept.as_str().into(),
            uri: l.concept_uri,
            lang: l.lang,
            label: l.label,
        }),
    ))
}

/// Remove a local label.
#[utoipa::path(delete, path = "/api/v1/esco/labels/{id}", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
pub async fn delete_local_label(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    state.app.delete_esco_local_label(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
