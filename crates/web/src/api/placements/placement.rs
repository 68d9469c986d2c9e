//! Placements: the list the caller may see, creating one, and one placement with its tracks.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
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
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
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
    /// One entry per track, in track order.
    pub tracks: Vec<TrackDto>,
    /// Open due items whose day has passed, over all tracks.
    pub overdue: Vec<DueItemDto>,
    /// Costs recorded for the placement (empty for employers).
    pub costs: Vec<CostDto>,
    /// A cost borne by the candidate was recorded (fair-recruitment rule).
    pub costs_flagged: bool,
    pub events: Vec<EventDto>,
}

/// Where a placement stands on one track.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrackDto {
    /// `language`, `recognition`, `visa`, `contract`, `arrival` or `employment`.
    pub track: String,
    /// The key of the last step (`not_started` when none).
    pub stage: String,
    /// The last step's detail (`B1`, `§ 16a` …).
    pub detail: Option<String>,
    /// `YYYY-MM-DD`: the day of the last step.
    pub since: Option<String>,
    pub owner: Option<String>,
    /// Steps that may be recorded now, as event objects (`{"kind": "visa_route_chosen",
    /// "route": "16a"}`); empty for read-only access.
    #[schema(value_type = Vec<Object>)]
    pub allowed: Vec<serde_json::Value>,
    /// Natural next steps that are not possible now, with the reason.
    pub refused: Vec<RefusedStepDto>,
    /// Open items with a due day on this track.
    pub due: Vec<DueItemDto>,
}

/// A next step that cannot be recorded now.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefusedStepDto {
    /// The event object (`{"kind": …, …}`).
    #[schema(value_type = Object)]
    pub event: serde_json::Value,
    /// Machine-readable reason, e.g. `date-in-future`.
    pub code: String,
    /// The reason in English.
    pub reason: String,
}

/// An open item with a due day.
#[derive(Debug, Serialize, ToSchema)]
pub struct DueItemDto {
    pub track: String,
    /// `due-<code>` for derived deadlines, `checklist-<code>` for checklist items.
    pub item: String,
    /// From a checklist item (not derived from the state).
    pub checklist: bool,
    /// A deadline set by law (as opposed to the agency's process target).
    pub legal: bool,
    /// `YYYY-MM-DD`
    pub due: String,
    pub overdue: bool,
}

/// A cost recorded for a placement.
#[derive(Debug, Serialize, ToSchema)]
pub struct CostDto {
    /// `YYYY-MM-DD`: when it was incurred.
    pub date: String,
    pub purpose: String,
    pub amount_cents: i64,
    /// ISO 4217 (`EUR`, `VND`).
    pub currency: String,
    /// `candidate`, `employer`, `agency` or `programme`.
    pub borne_by: String,
    /// Borne by the candidate (fair-recruitment rule broken).
    pub flagged: bool,
}

fn due_dtos(items: &[standort_placement::DueItem], today: i64) -> Vec<DueItemDto> {
    items
        .iter()
        .map(|d| DueItemDto {
            track: d.track.as_str().into(),
            item: d.code.clone(),
            checklist: d.checklist,
            legal: d.legal,
            due: format_day(d.due),
            overdue: d.overdue(today),
        })
        .collect()
}

impl From<&PlacementView> for PlacementDetailDto {
    fn from(v: &PlacementView) -> Self {
        let tracks = v
            .tracks
            .iter()
            .map(|t| TrackDto {
                track: t.track.as_str().into(),
                stage: t.stage.into(),
                detail: t.detail.clone(),
                since: t.since.map(format_day),
                owner: t.owner.clone(),
                allowed: t.allowed.iter().map(|e| e.to_json()).collect(),
                refused: t
                    .refused
                    .iter()
                    .map(|(e, r)| RefusedStepDto {
                        event: e.to_json(),
                        code: r.code.into(),
                        reason: r.reason().into(),
                    })
                    .collect(),
                due: due_dtos(&t.due, v.today),
            })
            .collect();
        let costs = v
            .costs
            .iter()
            .map(|c| CostDto {
                date: standort_domain::date::format_date(c.incurred_on),
                purpose: c.purpose.clone(),
                amount_cents: c.amount_cents,
                currency: c.currency.clone(),
                borne_by: c.borne_by.clone(),
                flagged: c.flagged(),
            })
            .collect();
        PlacementDetailDto {
            placement: PlacementDto::from(&v.summary),
            milestone: v.milestone.as_str().into(),
            tracks,
            overdue: due_dtos(&v.overdue, v.today),
            costs,
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
    responses((status = 200, body = PlacementPage), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
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
            crate::api::page(q.limit, q.offset)?,
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
