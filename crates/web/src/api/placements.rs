//! Recruitment-tracks API: programmes, placements and the steps on their tracks. Same use
//! cases and permissions as the pages (records outside the caller's view are 404); a step the
//! law or the process forbids is a 409 problem whose detail gives the reason.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::PageRequest;
use standort_app::placements::{
    EventInput, PlacementView, ProgrammeBoard, ProgrammeInput, format_day,
};
use standort_store::placements::{EventRecord, PlacementSummary, ProgrammeRecord};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::AppState;
use crate::error::{ApiError, Problem};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/placements", get(list_placements).post(create_placement))
        .route("/placements/{id}", get(get_placement))
        .route(
            "/placements/{id}/events",
            get(list_events).post(record_event),
        )
        .route("/programmes", get(list_programmes).post(create_programme))
        .route("/programmes/{id}", get(get_programme_board))
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    PlacementsDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(paths(
    list_placements,
    create_placement,
    get_placement,
    list_events,
    record_event,
    list_programmes,
    create_programme,
    get_programme_board
))]
pub struct PlacementsDoc;

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

/// A step recorded on a track.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    pub id: i64,
    pub track: String,
    pub kind: String,
    /// The event object, e.g. `{"kind":"visa_route_chosen","route":"16a"}`.
    #[schema(value_type = Object)]
    pub event: serde_json::Value,
    /// `YYYY-MM-DD`: when it happened.
    pub date: String,
    pub note: Option<String>,
    pub recorded_by: String,
}

impl From<&EventRecord> for EventDto {
    fn from(e: &EventRecord) -> Self {
        EventDto {
            id: e.id,
            track: e.track.clone(),
            kind: e.kind.clone(),
            event: e.data.clone(),
            date: standort_domain::date::format_date(e.happened_on),
            note: e.note.clone(),
            recorded_by: e.actor_label.clone(),
        }
    }
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

/// A step to record: `kind` is the event key; `date` (`YYYY-MM-DD`, default today); the
/// fields the kind needs: `level` (A1–B2), `passed`, `measure` (`adaptation_course`,
/// `knowledge_exam`), `route` (`16a`, `16d`, `18a`, `18b`), `contract` (`training`,
/// `employment`), `on` (appointment day).
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewEventDto {
    pub kind: String,
    pub date: Option<String>,
    pub level: Option<String>,
    pub passed: Option<bool>,
    pub measure: Option<String>,
    pub route: Option<String>,
    pub contract: Option<String>,
    pub on: Option<String>,
    pub note: Option<String>,
}

impl From<NewEventDto> for EventInput {
    fn from(d: NewEventDto) -> Self {
        EventInput {
            kind: Some(d.kind),
            date: d.date,
            level: d.level,
            passed: d.passed.map(|p| p.to_string()),
            measure: d.measure,
            route: d.route,
            contract: d.contract,
            on: d.on,
            note: d.note,
        }
    }
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

/// The placement's history (append-only), oldest first.
#[utoipa::path(get, path = "/api/v1/placements/{id}/events", params(("id" = i64, Path)),
    responses((status = 200, body = [EventDto]), (status = 404, body = Problem)))]
pub async fn list_events(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<EventDto>>, ApiError> {
    let view = state.app.get_placement(&actor, id).await?;
    Ok(Json(view.history.iter().map(EventDto::from).collect()))
}

/// Records a step; a forbidden transition answers 409 with the reason.
#[utoipa::path(post, path = "/api/v1/placements/{id}/events", params(("id" = i64, Path)), request_body = NewEventDto,
    responses((status = 201, body = EventDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn record_event(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewEventDto>,
) -> Result<(StatusCode, Json<EventDto>), ApiError> {
    let e = state.app.record_event(&actor, id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(EventDto::from(&e))))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeDto {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub target_size: i64,
    pub start_date: Option<String>,
}

impl From<&ProgrammeRecord> for ProgrammeDto {
    fn from(p: &ProgrammeRecord) -> Self {
        ProgrammeDto {
            id: p.id,
            name: p.data.name.clone(),
            description: p.data.description.clone(),
            target_size: p.data.target_size,
            start_date: p.data.start_date.map(standort_domain::date::format_date),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammePage {
    pub items: Vec<ProgrammeDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewProgrammeDto {
    pub name: String,
    pub description: Option<String>,
    pub target_size: Option<i64>,
    /// `YYYY-MM-DD`
    pub start_date: Option<String>,
}

/// The programme board: rows (where each person stands), funnel, time in stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeBoardDto {
    pub programme: ProgrammeDto,
    /// `[{"milestone": "placed", "count": 12}, …]`
    #[schema(value_type = Object)]
    pub funnel: serde_json::Value,
    /// `[{"track", "stage", "n", "mean_days", "median_days"}, …]`
    #[schema(value_type = Object)]
    pub time_in_stage: serde_json::Value,
    #[schema(value_type = Object)]
    pub rows: serde_json::Value,
    pub overdue_total: usize,
    pub flagged_total: usize,
}

impl From<&ProgrammeBoard> for ProgrammeBoardDto {
    fn from(b: &ProgrammeBoard) -> Self {
        ProgrammeBoardDto {
            programme: ProgrammeDto::from(&b.programme),
            funnel: b
                .funnel
                .iter()
                .map(|(m, n)| serde_json::json!({"milestone": m.as_str(), "count": n}))
                .collect(),
            time_in_stage: serde_json::to_value(&b.stats).unwrap_or_default(),
            rows: b
                .rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "placement_id": r.placement_id,
                        "name": r.name,
                        "position": r.position_title,
                        "milestone": r.milestone.as_str(),
                        "stages": r.stages.iter().map(|(t, s, d)| serde_json::json!({"track": t.as_str(), "stage": s, "detail": d})).collect::<Vec<_>>(),
                        "overdue": r.overdue,
                        "costs_flagged": r.costs_flagged,
                    })
                })
                .collect(),
            overdue_total: b.overdue_total,
            flagged_total: b.flagged_total,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/programmes", params(super::ListParams),
    responses((status = 200, body = ProgrammePage), (status = 403, body = Problem)))]
pub async fn list_programmes(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<super::ListParams>,
) -> Result<Json<ProgrammePage>, ApiError> {
    let page = state.app.list_programmes(&actor, q.page()).await?;
    Ok(Json(ProgrammePage {
        items: page.items.iter().map(ProgrammeDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}

#[utoipa::path(post, path = "/api/v1/programmes", request_body = NewProgrammeDto,
    responses((status = 201, body = ProgrammeDto), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_programme(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewProgrammeDto>,
) -> Result<(StatusCode, Json<ProgrammeDto>), ApiError> {
    let input = ProgrammeInput {
        name: Some(body.name),
        description: body.description,
        target_size: body.target_size.map(|n| n.to_string()),
        start_date: body.start_date,
    };
    let p = state.app.create_programme(&actor, &input).await?;
    Ok((StatusCode::CREATED, Json(ProgrammeDto::from(&p))))
}

#[utoipa::path(get, path = "/api/v1/programmes/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = ProgrammeBoardDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_programme_board(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ProgrammeBoardDto>, ApiError> {
    let board = state.app.programme_board(&actor, id).await?;
    Ok(Json(ProgrammeBoardDto::from(&board)))
}
