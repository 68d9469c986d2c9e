//! Programmes (cohorts): the list, creating one, and a programme's board.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::placements::{ProgrammeBoard, ProgrammeInput};
use standort_store::placements::ProgrammeRecord;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/programmes", get(list_programmes).post(create_programme))
        .route("/programmes/{id}", get(get_programme_board))
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
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub name: String,
    #[schema(schema_with = crate::api::schema::optional_text::<2000>)]
    pub description: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_places)]
    pub target_size: Option<i64>,
    /// `YYYY-MM-DD`
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub start_date: Option<String>,
}

/// The programme board: rows (where each person stands), funnel, time in stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeBoardDto {
    pub programme: ProgrammeDto,
    /// How many placements reached each milestone.
    pub funnel: Vec<FunnelStepDto>,
    /// Mean and median days per stage (completed stays).
    pub time_in_stage: Vec<StageTimeDto>,
    /// Where each person of the programme stands.
    pub rows: Vec<BoardRowDto>,
    pub overdue_total: i64,
    pub flagged_total: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FunnelStepDto {
    /// `placed` … `retained_12`.
    pub milestone: String,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageTimeDto {
    pub track: String,
    pub stage: String,
    /// Completed stays counted.
    pub n: i64,
    pub mean_days: f64,
    pub median_days: f64,
}

/// One person of the programme.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardRowDto {
    pub placement_id: i64,
    pub name: String,
    pub position: String,
    pub milestone: String,
    /// The stage on each track, in track order.
    pub stages: Vec<BoardStageDto>,
    /// Overdue items.
    pub overdue: i64,
    pub costs_flagged: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BoardStageDto {
    pub track: String,
    pub stage: String,
    pub detail: Option<String>,
}

impl From<&ProgrammeBoard> for ProgrammeBoardDto {
    fn from(b: &ProgrammeBoard) -> Self {
        ProgrammeBoardDto {
            programme: ProgrammeDto::from(&b.programme),
            funnel: b
                .funnel
                .iter()
                .map(|(m, n)| FunnelStepDto {
                    milestone: m.as_str().into(),
                    count: *n as i64,
                })
                .collect(),
            time_in_stage: b
                .stats
                .iter()
                .map(|s| StageTimeDto {
                    track: s.track.as_str().into(),
                    stage: s.stage.into(),
                    n: s.n as i64,
                    mean_days: s.mean_days,
                    median_days: s.median_days,
                })
                .collect(),
            rows: b
                .rows
                .iter()
                .map(|r| BoardRowDto {
                    placement_id: r.placement_id,
                    name: r.name.clone(),
                    position: r.position_title.clone(),
                    milestone: r.milestone.as_str().into(),
                    stages: r
                        .stages
                        .iter()
                        .map(|(t, s, d)| BoardStageDto {
                            track: t.as_str().into(),
                            stage: (*s).into(),
                            detail: d.clone(),
                        })
                        .collect(),
                    overdue: r.overdue as i64,
                    costs_flagged: r.costs_flagged,
                })
                .collect(),
            overdue_total: b.overdue_total as i64,
            flagged_total: b.flagged_total as i64,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/programmes", params(crate::api::ListParams),
    responses((status = 200, body = ProgrammePage), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_programmes(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<crate::api::ListParams>,
) -> Result<Json<ProgrammePage>, ApiError> {
    let page = state.app.list_programmes(&actor, q.page()?).await?;
    Ok(Json(ProgrammePage {
        items: page.items.iter().map(ProgrammeDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}

#[utoipa::path(post, path = "/api/v1/programmes", request_body = NewProgrammeDto,
    responses((status = 201, body = ProgrammeDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
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
