//! Placements: the list the caller may see, creating one, and one placement with its tracks.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::PageRequest;
use standort_app::placements::{PlacementView, format_day};
use standort_store::placements::PlacementSummary;
use utoipa::{IntoParams, ToSchema};

use super::events::EventDto;
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/placements", get(list_placements).post(create_placement))
        .route("/placements/{id}", get(get_placement))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlacementParams {
    /// Only placements of this programme.
    pub programme_id: Option<i64>,
    /// Job counsellors: only their caseload.
    pub mine: Option<bool>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementDto {
    pub id: i64,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub position_id: i64,
    pub position_title: String,
    pub programme_id: Option<i64>,
    pub programme: Option<String>,
    pub recognition_required: bool,
    pub partnership_accepted: bool,
    pub apprenticeship: bool,
}

impl From<&PlacementSummary> for PlacementDto {
    fn from(s: &PlacementSummary) -> Self {
        PlacementDto {
            id: s.id,
            candidate_id: s.data.candidate_id,
            candidate_name: format!("{} {}", s.family_name, s.given_names),
            position_id: s.data.position_id,
            position_title: s.position_title.clone(),
            programme_id: s.data.programme_id,
            programme: s.programme_name.clone(),
            recognition_required: s.data.recognition_required,
            partnership_accepted: s.data.partnership_accepted,
            apprenticeship: s.data.apprenticeship,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementPage {
    pub items: Vec<PlacementDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// A placement with its tracks: stage, next allowed steps, refused next steps with the
/// reason, open due items; its costs (not for employers) and overdue items.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementDetailDto {
    pub placement: PlacementDto,
    /// The furthest milestone reached (`placed` … `retained_12`).
    pub milestone: String,
    #[schema(value_type = Object)]
    pub tracks: serde_json::Value,
    #[schema(value_type = Object)]
    pub overdue: serde_json::Value,
    #[schema(value_type = Object)]
    pub costs: serde_json::Value,
    /// A cost borne by the candidate was recorded (fair-recruitment rule).
    pub costs_flagged: bool,
    pub events: Vec<EventDto>,
}

fn due_json(items: &[standort_placement::DueItem], today: i64) -> serde_json::Value {
    serde_json::Value::Array(
        items
            .iter()
            .map(|d| {
                serde_json::json!({
                    "track": d.track.as_str(),
                    "item": d.code,
                    "checklist": d.checklist,
                    "legal": d.legal,
                    "due": format_day(d.due),
                    "overdue": d.overdue(today),
                })
            })
            .collect(),
    )
}

impl From<&PlacementView> for PlacementDetailDto {
    fn from(v: &PlacementView) -> Self {
        let tracks = v
            .tracks
            .iter()
            .map(|t| {
                serde_json::json!({
                    "track": t.track.as_str(),
                    "stage": t.stage,
                    "detail": t.detail,
                    "since": t.since.map(format_day),
                    "owner": t.owner,
                    "allowed": t.allowed.iter().map(|e| e.to_json()).collect::<Vec<_>>(),
                    "refused": t.refused.iter().map(|(e, r)| serde_json::json!({
                        "event": e.to_json(), "code": r.code, "reason": r.reason(),
                    })).collect::<Vec<_>>(),
                    "due": due_json(&t.due, v.today),
                })
            })
            .collect();
        let costs = v
            .costs
            .iter()
            .map(|c| {
                serde_json::json!({
                    "date": standort_domain::date::format_date(c.incurred_on),
                    "purpose": c.purpose,
                    "amount_cents": c.amount_cents,
                    "currency": c.currency,
                    "borne_by": c.borne_by,
                    "flagged": c.flagged(),
                })
            })
            .collect();
        PlacementDetailDto {
            placement: PlacementDto::from(&v.summary),
            milestone: v.milestone.as_str().into(),
            tracks: serde_json::Value::Array(tracks),
            overdue: due_json(&v.overdue, v.today),
            costs: serde_json::Value::Array(costs),
            costs_flagged: v.costs_flagged,
            events: v.history.iter().map(EventDto::from).collect(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPlacementDto {
    pub candidate_id: i64,
    pub position_id: i64,
    pub programme_id: Option<i64>,
}

/// Placements the caller may see.
#[utoipa::path(get, path = "/api/v1/placements", params(PlacementParams),
    responses((status = 200, body = PlacementPage), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn list_placements(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<PlacementParams>,
) -> Result<Json<PlacementPage>, ApiError> {
    let page = state
        .app
        .list_placements(
            &actor,
            q.programme_id,
            q.mine.unwrap_or(false),
            PageRequest::new(q.limit, q.offset),
        )
        .await?;
    Ok(Json(PlacementPage {
        items: page.items.iter().map(PlacementDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}

/// Creates a placement (agency staff; counsellors for their caseload).
#[utoipa::path(post, path = "/api/v1/placements", request_body = NewPlacementDto,
    responses((status = 201, body = PlacementDetailDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn create_placement(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewPlacementDto>,
) -> Result<(StatusCode, Json<PlacementDetailDto>), ApiError> {
    let id = state
        .app
        .create_placement(
            &actor,
            body.candidate_id,
            body.position_id,
            body.programme_id,
        )
        .await?;
    let view = state.app.get_placement(&actor, id).await?;
    Ok((StatusCode::CREATED, Json(PlacementDetailDto::from(&view))))
}

/// One placement with its tracks.
#[utoipa::path(get, path = "/api/v1/placements/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = PlacementDetailDto), (status = 404, body = Problem)))]
pub async fn get_placement(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PlacementDetailDto>, ApiError> {
    let view = state.app.get_placement(&actor, id).await?;
    Ok(Json(PlacementDetailDto::from(&view)))
}
