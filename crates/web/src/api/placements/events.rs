//! The steps on a placement's tracks: its append-only history and recording a step (a step
//! the law or the process forbids is a 409 problem with the reason).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::placements::EventInput;
use standort_store::placements::EventRecord;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route(
        "/placements/{id}/events",
        get(list_events).post(record_event),
    )
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

/// A step to record: `kind` is the event key; `date` (`YYYY-MM-DD`, default today); the
/// fields the kind needs: `level` (A1–B2), `passed`, `measure` (`adaptation_course`,
/// `knowledge_exam`), `route` (`16a`, `16d`, `18a`, `18b`), `contract` (`training`,
/// `employment`), `on` (appointment day).
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewEventDto {
    #[schema(schema_with = crate::api::schema::event_kind)]
    pub kind: String,
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub date: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_event_level)]
    pub level: Option<String>,
    pub passed: Option<bool>,
    #[schema(schema_with = crate::api::schema::optional_measure)]
    pub measure: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_route)]
    pub route: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_contract)]
    pub contract: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub on: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<1000>)]
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
