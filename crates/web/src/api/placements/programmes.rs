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

#[utoipa::path(get, path = "/api/v1/programmes", params(crate::api::ListParams),
    responses((status = 200, body = ProgrammePage), (status = 403, body = Problem)))]
pub async fn list_programmes(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<crate::api::ListParams>,
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
