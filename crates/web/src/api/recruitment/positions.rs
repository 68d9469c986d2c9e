//! Positions: list, read, create, edit the facts and the skill list.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::recruitment::PositionInput;
use standort_domain::date::format_date;
use standort_store::recruitment::PositionRecord;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::ApiError;

use super::candidates::SkillRefDto;
use super::{on, yes_no};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/recruitment/positions",
            get(list_positions).post(create_position),
        )
        .route(
            "/recruitment/positions/{id}",
            get(get_position).put(update_position),
        )
        .route(
            "/recruitment/positions/{id}/skills",
            put(set_position_skills),
        )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PositionDto {
    pub id: i64,
    pub org_id: i64,
    pub title: String,
    /// `skilled_job` or `apprenticeship`.
    pub kind: String,
    pub occupation_id: Option<i64>,
    pub german_level: Option<String>,
    pub recognition_required: bool,
    pub recognition_partnership: bool,
    pub licences: Vec<String>,
    pub place: String,
    pub places: i64,
    /// `YYYY-MM-DD`
    pub start_date: String,
    pub is_open: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub essential: Vec<SkillRefDto>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<SkillRefDto>,
}

impl From<&PositionRecord> for PositionDto {
    fn from(p: &PositionRecord) -> Self {
        let d = &p.data;
        PositionDto {
            id: p.id,
            org_id: d.org_id.0,
            title: d.title.clone(),
            kind: d.kind.clone(),
            occupation_id: d.occupation_id,
            german_level: d.german_level.clone(),
            recognition_required: d.recognition_required,
            recognition_partnership: d.recognition_partnership,
            licences: d.licences.clone(),
            place: d.place.clone(),
            places: d.places,
            start_date: format_date(d.start_date),
            is_open: d.is_open,
            essential: Vec::new(),
            optional: Vec::new(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PositionPage {
    pub items: Vec<PositionDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPositionDto {
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub title: String,
    /// `skilled_job` (default) or `apprenticeship`.
    #[schema(schema_with = crate::api::schema::optional_position_kind)]
    pub kind: Option<String>,
    /// Agency staff only; employers always post for their own organisation.
    pub org_id: Option<i64>,
    /// ESCO occupation id (from /api/v1/esco/search); prefills the skills.
    pub occupation_id: Option<i64>,
    #[schema(schema_with = crate::api::schema::optional_cefr)]
    pub german_level: Option<String>,
    /// Default: true for regulated occupations.
    pub recognition_required: Option<bool>,
    pub recognition_partnership: Option<bool>,
    /// Comma-separated EU classes.
    #[schema(schema_with = crate::api::schema::optional_licences)]
    pub licences: Option<String>,
    #[schema(schema_with = crate::api::schema::required_line::<100>)]
    pub place: String,
    #[schema(schema_with = crate::api::schema::optional_places)]
    pub places: Option<i64>,
    /// `YYYY-MM-DD`
    #[schema(schema_with = crate::api::schema::date)]
    pub start_date: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

/// Positions in the caller's scope (employers: their own).
#[utoipa::path(get, path = "/api/v1/recruitment/positions", params(PageParams),
    responses((status = 200, body = PositionPage), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn list_positions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<PageParams>,
) -> Result<Json<PositionPage>, ApiError> {
    let page = state
        .app
        .list_positions(&actor, crate::api::page(q.limit, q.offset)?)
        .await?;
    Ok(Json(PositionPage {
        items: page.items.iter().map(PositionDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}

/// One position with its skills.
#[utoipa::path(get, path = "/api/v1/recruitment/positions/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = PositionDto), (status = 404, body = crate::error::Problem)))]
pub async fn get_position(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PositionDto>, ApiError> {
    let view = state.app.get_position(&actor, id).await?;
    let mut dto = PositionDto::from(&view.record);
    let refs = |list: &[standort_app::esco::SkillInfo]| {
        list.iter()
            .map(|s| SkillRefDto {
                id: s.id,
                uri: s.uri.clone(),
                label: s.label.clone(),
                evidence: None,
            })
            .collect()
    };
    dto.essential = refs(&view.essential);
    dto.optional = refs(&view.optional);
    Ok(Json(dto))
}

/// Post a position (agency staff; employers for their own organisation).
#[utoipa::path(post, path = "/api/v1/recruitment/positions", request_body = NewPositionDto,
    responses((status = 201, body = PositionDto), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_position(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(b): ApiJson<NewPositionDto>,
) -> Result<(StatusCode, Json<PositionDto>), ApiError> {
    let input = PositionInput {
        title: Some(b.title),
        kind: b.kind,
        org_id: b.org_id,
        occupation_id: b.occupation_id,
        german_level: b.german_level,
        recognition_required: b
            .recognition_required
            .map(|r| if r { "yes" } else { "no" }.to_owned()),
        recognition_partnership: on(b.recognition_partnership),
        licences: b.licences,
        place: Some(b.place),
        places: b.places,
        start_date: Some(b.start_date),
        is_open: None,
    };
    let p = state.app.create_position(&actor, &input).await?;
    Ok((StatusCode::CREATED, Json(PositionDto::from(&p))))
}

/// A position's facts; its skills are set with `PUT …/skills`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PositionEditDto {
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub title: String,
    /// `skilled_job` (default) or `apprenticeship`.
    #[schema(schema_with = crate::api::schema::optional_position_kind)]
    pub kind: Option<String>,
    /// Agency staff only: move the position to another organisation (default: unchanged).
    pub org_id: Option<i64>,
    pub occupation_id: Option<i64>,
    #[schema(schema_with = crate::api::schema::optional_cefr)]
    pub german_level: Option<String>,
    /// Absent: true for regulated occupations.
    pub recognition_required: Option<bool>,
    pub recognition_partnership: Option<bool>,
    /// Comma-separated EU classes.
    #[schema(schema_with = crate::api::schema::optional_licences)]
    pub licences: Option<String>,
    #[schema(schema_with = crate::api::schema::required_line::<100>)]
    pub place: String,
    /// 1–10,000 (default 1).
    #[schema(schema_with = crate::api::schema::optional_places)]
    pub places: Option<i64>,
    /// `YYYY-MM-DD`
    #[schema(schema_with = crate::api::schema::date)]
    pub start_date: String,
    /// Absent: unchanged.
    pub is_open: Option<bool>,
}

/// Change a position's facts (agency staff; employers their own).
#[utoipa::path(put, path = "/api/v1/recruitment/positions/{id}", params(("id" = i64, Path)), request_body = PositionEditDto,
    responses((status = 200, body = PositionDto), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update_position(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<PositionEditDto>,
) -> Result<Json<PositionDto>, ApiError> {
    let input = PositionInput {
        title: Some(b.title),
        kind: b.kind,
        org_id: b.org_id,
        occupation_id: b.occupation_id,
        german_level: b.german_level,
        recognition_required: yes_no(b.recognition_required),
        recognition_partnership: b
            .recognition_partnership
            .filter(|b| *b)
            .map(|_| "on".into()),
        licences: b.licences,
        place: Some(b.place),
        places: b.places,
        start_date: Some(b.start_date),
        is_open: b
            .is_open
            .map(|o| if o { "open" } else { "closed" }.to_owned()),
    };
    let p = state.app.update_position(&actor, id, &input).await?;
    Ok(Json(PositionDto::from(&p)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RequiredSkillDto {
    /// ESCO skill id (from /api/v1/esco/search).
    pub id: i64,
    /// `essential` or `optional`.
    #[schema(schema_with = crate::api::schema::skill_relation)]
    pub relation: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SkillListDto {
    pub skills: Vec<RequiredSkillDto>,
}

/// Replace a position's required skills; the matches follow at once.
#[utoipa::path(put, path = "/api/v1/recruitment/positions/{id}/skills", params(("id" = i64, Path)), request_body = SkillListDto,
    responses((status = 200, body = PositionDto), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn set_position_skills(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<SkillListDto>,
) -> Result<Json<PositionDto>, ApiError> {
    let list: Vec<(i64, String)> = b.skills.into_iter().map(|s| (s.id, s.relation)).collect();
    state.app.set_position_skills(&actor, id, &list).await?;
    let view = state.app.get_position(&actor, id).await?;
    let mut dto = PositionDto::from(&view.record);
    let refs = |list: &[standort_app::esco::SkillInfo]| {
        list.iter()
            .map(|s| SkillRefDto {
                id: s.id,
                uri: s.uri.clone(),
                label: s.label.clone(),
                evidence: None,
            })
            .collect()
    };
    dto.essential = refs(&view.essential);
    dto.optional = refs(&view.optional);
    Ok(Json(dto))
}
