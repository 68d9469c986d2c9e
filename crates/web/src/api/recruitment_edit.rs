//! Editing positions and candidate profiles over the API: the same use cases and permissions as
//! the editing pages (records outside the caller's view are 404; invalid input is a 422 problem
//! and changes nothing).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::recruitment::{CandidateInput, LanguageInput, PositionInput};
use utoipa::{OpenApi, ToSchema};

use super::recruitment::{
    CandidateDto, CandidateProfileDto, LanguageDto, PositionDto, SkillRefDto,
};
use super::{ApiActor, ApiJson, ApiPath};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/recruitment/positions/{id}", put(update_position))
        .route(
            "/recruitment/positions/{id}/skills",
            put(set_position_skills),
        )
        .route("/recruitment/candidates/{id}", put(update_candidate))
        .route(
            "/recruitment/candidates/{id}/qualifications",
            post(add_qualification),
        )
        .route(
            "/recruitment/candidates/{id}/qualifications/{q}",
            delete(remove_qualification),
        )
        .route(
            "/recruitment/candidates/{id}/occupations/{kind}",
            put(set_occupations),
        )
        .route("/recruitment/candidates/{id}/languages", put(set_languages))
        .route(
            "/recruitment/candidates/{id}/skills",
            put(set_candidate_skills),
        )
}

#[derive(OpenApi)]
#[openapi(
    paths(
        update_position,
        set_position_skills,
        update_candidate,
        add_qualification,
        remove_qualification,
        set_occupations,
        set_languages,
        set_candidate_skills
    ),
    components(schemas(
        PositionEditDto,
        SkillListDto,
        RequiredSkillDto,
        CandidateEditDto,
        QualificationDto,
        CreatedDto,
        OccupationListDto,
        LanguageListDto,
        LanguageInDto,
        HeldSkillListDto,
        HeldSkillDto
    ))
)]
pub struct RecruitmentEditDoc;

fn yes_no(b: Option<bool>) -> Option<String> {
    b.map(|b| if b { "yes" } else { "no" }.to_owned())
}

/// A position's facts; its skills are set with `PUT …/skills`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PositionEditDto {
    pub title: String,
    /// `skilled_job` (default) or `apprenticeship`.
    pub kind: Option<String>,
    /// Agency staff only: move the position to another organisation (default: unchanged).
    pub org_id: Option<i64>,
    pub occupation_id: Option<i64>,
    pub german_level: Option<String>,
    /// Absent: true for regulated occupations.
    pub recognition_required: Option<bool>,
    pub recognition_partnership: Option<bool>,
    /// Comma-separated EU classes.
    pub licences: Option<String>,
    pub place: String,
    /// 1–10,000 (default 1).
    pub places: Option<i64>,
    /// `YYYY-MM-DD`
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

/// A candidate's profile fields. Consents are not changed here.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CandidateEditDto {
    pub family_name: String,
    pub given_names: String,
    pub country: Option<String>,
    pub province: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub german_level: Option<String>,
    pub german_certificate: Option<String>,
    /// `YYYY-MM-DD`
    pub german_exam_date: Option<String>,
    pub german_next_expected: Option<String>,
    /// Comma-separated EU classes.
    pub licences: Option<String>,
    /// Comma-separated, first choice first.
    pub wished_regions: Option<String>,
    pub available_from: Option<String>,
}

/// Change a candidate's profile (agency staff, job counsellors).
#[utoipa::path(put, path = "/api/v1/recruitment/candidates/{id}", params(("id" = i64, Path)), request_body = CandidateEditDto,
    responses((status = 200, body = CandidateDto), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update_candidate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<CandidateEditDto>,
) -> Result<Json<CandidateDto>, ApiError> {
    let current = state.app.get_candidate(&actor, id).await?;
    if current.access != standort_app::policy::CandidateAccess::Manage {
        return Err(standort_app::AppError::Forbidden.into());
    }
    let on = |b: bool| b.then(|| "on".to_owned());
    let input = CandidateInput {
        family_name: Some(b.family_name),
        given_names: Some(b.given_names),
        country: b.country,
        province: b.province,
        email: b.email,
        phone: b.phone,
        german_level: b.german_level,
        german_certificate: b.german_certificate,
        german_exam_date: b.german_exam_date,
        german_next_expected: b.german_next_expected,
        licences: b.licences,
        wished_regions: b.wished_regions,
        available_from: b.available_from,
        consent_share_employers: on(current.record.data.consent_share_employers),
        consent_talent_pool: on(current.record.data.consent_talent_pool),
    };
    let c = state.app.update_candidate(&actor, id, &input).await?;
    Ok(Json(CandidateDto::from(&c)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct QualificationDto {
    pub title: String,
    /// Two-letter country code (default VN).
    pub country: Option<String>,
    /// ESCO occupation id.
    pub occupation_id: Option<i64>,
    /// `not_needed`, `none`, `in_progress`, `partial`, `recognised` or `refused`.
    pub recognition: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedDto {
    pub id: i64,
}

/// Record a qualification with its recognition state.
#[utoipa::path(post, path = "/api/v1/recruitment/candidates/{id}/qualifications", params(("id" = i64, Path)), request_body = QualificationDto,
    responses((status = 201, body = CreatedDto), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_qualification(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<QualificationDto>,
) -> Result<(StatusCode, Json<CreatedDto>), ApiError> {
    let qid = state
        .app
        .add_qualification(
            &actor,
            id,
            &b.title,
            b.country.as_deref().unwrap_or(""),
            b.occupation_id,
            &b.recognition,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id: qid })))
}

/// Remove a qualification.
#[utoipa::path(delete, path = "/api/v1/recruitment/candidates/{id}/qualifications/{q}", params(("id" = i64, Path), ("q" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
pub async fn remove_qualification(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((id, q)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    state.app.remove_qualification(&actor, id, q).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OccupationListDto {
    /// ESCO occupation ids.
    pub occupations: Vec<i64>,
}

/// Replace the occupations a candidate has worked in (`worked`) or wishes (`wished`).
#[utoipa::path(put, path = "/api/v1/recruitment/candidates/{id}/occupations/{kind}", params(("id" = i64, Path), ("kind" = String, Path)), request_body = OccupationListDto,
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn set_occupations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((id, kind)): ApiPath<(i64, String)>,
    ApiJson(b): ApiJson<OccupationListDto>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .set_candidate_occupations(&actor, id, &kind, &b.occupations)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One language other than German.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LanguageInDto {
    /// ISO 639-1 code (`vi`, `en`, `ja` …); `de` is refused: German is `german_level` and the
    /// fields after it in `PUT /api/v1/recruitment/candidates/{id}`.
    pub language: String,
    /// `A1` … `C2` or `native`.
    pub level: String,
    /// Free text: IELTS, TOEIC, JLPT N4 …
    pub certificate: Option<String>,
    /// `YYYY-MM-DD`
    pub exam_date: Option<String>,
    /// Expected date of the next level, `YYYY-MM-DD` (not for `native` or `C2`).
    pub next_expected: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LanguageListDto {
    /// The whole list, in order (at most 20, each language once).
    pub languages: Vec<LanguageInDto>,
}

/// Replace a candidate's languages other than German (agency staff, job counsellors, the
/// candidate themself). All or nothing: any invalid entry is a 422 naming the field.
#[utoipa::path(put, path = "/api/v1/recruitment/candidates/{id}/languages", params(("id" = i64, Path)), request_body = LanguageListDto,
    responses((status = 200, body = [LanguageDto]), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn set_languages(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<LanguageListDto>,
) -> Result<Json<Vec<LanguageDto>>, ApiError> {
    let input: Vec<LanguageInput> = b
        .languages
        .into_iter()
        .map(|l| LanguageInput {
            language: Some(l.language),
            level: Some(l.level),
            certificate: l.certificate,
            exam_date: l.exam_date,
            next_expected: l.next_expected,
        })
        .collect();
    let list = state
        .app
        .set_candidate_languages(&actor, id, &input)
        .await?;
    Ok(Json(list.iter().map(LanguageDto::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct HeldSkillDto {
    /// ESCO skill id (from /api/v1/esco/search).
    pub id: i64,
    /// `self_declared`, `observed` or `certified`.
    pub evidence: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct HeldSkillListDto {
    pub skills: Vec<HeldSkillDto>,
}

/// Replace a candidate's skills with their evidence; the matches follow at once. All or
/// nothing: an unknown skill or evidence is a 422 naming the field.
#[utoipa::path(put, path = "/api/v1/recruitment/candidates/{id}/skills", params(("id" = i64, Path)), request_body = HeldSkillListDto,
    responses((status = 200, body = [SkillRefDto]), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn set_candidate_skills(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<HeldSkillListDto>,
) -> Result<Json<Vec<SkillRefDto>>, ApiError> {
    let list: Vec<(i64, String)> = b.skills.into_iter().map(|s| (s.id, s.evidence)).collect();
    state.app.set_candidate_skills(&actor, id, &list).await?;
    let profile = state.app.get_candidate(&actor, id).await?;
    Ok(Json(CandidateProfileDto::from(&profile).skills))
}
