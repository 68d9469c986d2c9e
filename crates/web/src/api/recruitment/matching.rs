//! Matches of a position (candidates) and of a candidate (positions), with breakdowns.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use standort_app::recruitment::Explained;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::{ApiActor, ApiPath};
use crate::error::ApiError;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/recruitment/candidates/{id}/matches",
            get(candidate_matches),
        )
        .route("/recruitment/positions/{id}/matches", get(position_matches))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchDto {
    /// Candidate or position id.
    pub id: i64,
    /// Candidate name or position title.
    pub name: String,
    pub score_pct: u32,
    pub eligible: bool,
    /// Gates and factors with machine-readable reason keys (the pages translate them).
    #[schema(value_type = Object)]
    pub breakdown: serde_json::Value,
}

fn breakdown(e: &Explained) -> serde_json::Value {
    serde_json::to_value(e).unwrap_or_default()
}

/// The best candidates for a position (employers: consenting candidates only). Audited.
#[utoipa::path(get, path = "/api/v1/recruitment/positions/{id}/matches", params(("id" = i64, Path)),
    responses((status = 200, body = [MatchDto]), (status = 404, body = crate::error::Problem)))]
pub async fn position_matches(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<MatchDto>>, ApiError> {
    let list = state.app.match_candidates(&actor, id, 20).await?;
    Ok(Json(
        list.iter()
            .map(|m| MatchDto {
                id: m.candidate_id,
                name: m.name.clone(),
                score_pct: m.explained.score_pct,
                eligible: m.explained.eligible,
                breakdown: breakdown(&m.explained),
            })
            .collect(),
    ))
}

/// The open positions that fit a candidate best.
#[utoipa::path(get, path = "/api/v1/recruitment/candidates/{id}/matches", params(("id" = i64, Path)),
    responses((status = 200, body = [MatchDto]), (status = 404, body = crate::error::Problem)))]
pub async fn candidate_matches(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<MatchDto>>, ApiError> {
    let list = state.app.match_positions(&actor, id, 20).await?;
    Ok(Json(
        list.iter()
            .map(|m| MatchDto {
                id: m.position_id,
                name: m.title.clone(),
                score_pct: m.explained.score_pct,
                eligible: m.explained.eligible,
                breakdown: breakdown(&m.explained),
            })
            .collect(),
    ))
}
