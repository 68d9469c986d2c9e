//! Candidates: list, read, create, edit the profile, qualifications, occupations and held
//! skills.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::esco::OccupationInfo;
use standort_app::recruitment::{CandidateInput, CandidateProfile};
use standort_domain::date::format_date;
use standort_store::recruitment::CandidateRecord;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::ApiError;

use super::languages::LanguageDto;
use super::on;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/recruitment/candidates",
            get(list_candidates).post(create_candidate),
        )
        .route(
            "/recruitment/candidates/{id}",
            get(get_candidate).put(update_candidate),
        )
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
        .route(
            "/recruitment/candidates/{id}/skills",
            put(set_candidate_skills),
        )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateDto {
    pub id: i64,
    pub org_id: i64,
    pub family_name: String,
    pub given_names: String,
    pub country: String,
    pub province: String,
    /// Absent for employers.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub german_level: Option<String>,
    pub german_certificate: Option<String>,
    /// `YYYY-MM-DD`
    pub german_exam_date: Option<String>,
    pub german_next_expected: Option<String>,
    pub licences: Vec<String>,
    pub wished_regions: Vec<String>,
    pub available_from: Option<String>,
    pub consent_share_employers: bool,
    pub consent_talent_pool: bool,
}

/// The whole profile of one candidate: the fields (German included), the other languages,
/// qualifications, occupations worked in and wished, and skills with evidence.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateProfileDto {
    #[serde(flatten)]
    pub candidate: CandidateDto,
    /// Languages other than German, in order (German is `german_level` and the fields after it).
    pub languages: Vec<LanguageDto>,
    pub qualifications: Vec<QualificationViewDto>,
    /// ESCO occupations worked in.
    pub worked: Vec<OccupationRefDto>,
    /// ESCO occupations wished.
    pub wished: Vec<OccupationRefDto>,
    /// ESCO skills with evidence (`self_declared`, `observed`, `certified`).
    pub skills: Vec<SkillRefDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QualificationViewDto {
    pub id: i64,
    pub title: String,
    /// Two-letter country code.
    pub country: String,
    /// ESCO occupation id.
    pub occupation_id: Option<i64>,
    /// `not_needed`, `none`, `in_progress`, `partial`, `recognised` or `refused`.
    pub recognition: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OccupationRefDto {
    pub id: i64,
    pub uri: String,
    pub label: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkillRefDto {
    pub id: i64,
    pub uri: String,
    pub label: String,
    pub evidence: Option<String>,
}

impl From<&CandidateRecord> for CandidateDto {
    fn from(c: &CandidateRecord) -> Self {
        let d = &c.data;
        CandidateDto {
            id: c.id,
            org_id: d.org_id.0,
            family_name: d.family_name.clone(),
            given_names: d.given_names.clone(),
            country: d.country.clone(),
            province: d.province.clone(),
            email: d.email.clone(),
            phone: d.phone.clone(),
            german_level: d.german_level.clone(),
            german_certificate: d.german_certificate.clone(),
            german_exam_date: d.german_exam_date.map(format_date),
            german_next_expected: d.german_next_expected.map(format_date),
            licences: d.licences.clone(),
            wished_regions: d.wished_regions.clone(),
            available_from: d.available_from.map(format_date),
            consent_share_employers: d.consent_share_employers,
            consent_talent_pool: d.consent_talent_pool,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidatePage {
    pub items: Vec<CandidateDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CandidateParams {
    /// Name words, diacritics optional.
    pub q: Option<String>,
    /// Only the caller's caseload (counsellors).
    pub mine: Option<bool>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

/// The body for a new candidate: text fields, dates `YYYY-MM-DD`, licences and regions
/// comma-separated, consents `"on"`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewCandidateDto {
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub family_name: String,
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub given_names: String,
    #[schema(schema_with = crate::api::schema::optional_country)]
    pub country: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<100>)]
    pub province: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_email)]
    pub email: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<50>)]
    pub phone: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_cefr)]
    pub german_level: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<100>)]
    pub german_certificate: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub german_exam_date: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub german_next_expected: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_licences)]
    pub licences: Option<String>,
    pub wished_regions: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub available_from: Option<String>,
    pub consent_share_employers: Option<bool>,
    pub consent_talent_pool: Option<bool>,
}

/// Candidates the caller may see (employers: only those who consented). Audited.
#[utoipa::path(get, path = "/api/v1/recruitment/candidates", params(CandidateParams),
    responses((status = 200, body = CandidatePage), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn list_candidates(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<CandidateParams>,
) -> Result<Json<CandidatePage>, ApiError> {
    let page = state
        .app
        .list_candidates(
            &actor,
            q.q.as_deref(),
            q.mine.unwrap_or(false),
            crate::api::page(q.limit, q.offset)?,
        )
        .await?;
    Ok(Json(CandidatePage {
        items: page.items.iter().map(CandidateDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}

/// One candidate's whole profile: fields, other languages, qualifications, occupations and
/// skills. Audited when read by anyone but the candidate; employers get no contact details.
#[utoipa::path(get, path = "/api/v1/recruitment/candidates/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = CandidateProfileDto), (status = 404, body = crate::error::Problem)))]
pub async fn get_candidate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CandidateProfileDto>, ApiError> {
    let profile = state.app.get_candidate(&actor, id).await?;
    Ok(Json(CandidateProfileDto::from(&profile)))
}

impl From<&CandidateProfile> for CandidateProfileDto {
    fn from(p: &CandidateProfile) -> Self {
        let occ = |list: &[OccupationInfo]| {
            list.iter()
                .map(|o| OccupationRefDto {
                    id: o.id,
                    uri: o.uri.clone(),
                    label: o.label.clone(),
                })
                .collect()
        };
        CandidateProfileDto {
            candidate: CandidateDto::from(&p.record),
            languages: p.languages.iter().map(LanguageDto::from).collect(),
            qualifications: p
                .qualifications
                .iter()
                .map(|q| QualificationViewDto {
                    id: q.id,
                    title: q.title.clone(),
                    country: q.country.clone(),
                    occupation_id: q.occupation_id,
                    recognition: q.recognition.clone(),
                })
                .collect(),
            worked: occ(&p.worked),
            wished: occ(&p.wished),
            skills: p
                .skills
                .iter()
                .map(|(s, e)| SkillRefDto {
                    id: s.id,
                    uri: s.uri.clone(),
                    label: s.label.clone(),
                    evidence: Some(e.clone()),
                })
                .collect(),
        }
    }
}

/// Create a candidate profile (agency staff, job counsellors).
#[utoipa::path(post, path = "/api/v1/recruitment/candidates", request_body = NewCandidateDto,
    responses((status = 201, body = CandidateDto), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_candidate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(b): ApiJson<NewCandidateDto>,
) -> Result<(StatusCode, Json<CandidateDto>), ApiError> {
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
        consent_share_employers: on(b.consent_share_employers),
        consent_talent_pool: on(b.consent_talent_pool),
    };
    let c = state.app.create_candidate(&actor, &input).await?;
    Ok((StatusCode::CREATED, Json(CandidateDto::from(&c))))
}

/// A candidate's profile fields. Consents are not changed here.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CandidateEditDto {
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub family_name: String,
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub given_names: String,
    #[schema(schema_with = crate::api::schema::optional_country)]
    pub country: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<100>)]
    pub province: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_email)]
    pub email: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<50>)]
    pub phone: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_cefr)]
    pub german_level: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<100>)]
    pub german_certificate: Option<String>,
    /// `YYYY-MM-DD`
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub german_exam_date: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub german_next_expected: Option<String>,
    /// Comma-separated EU classes.
    #[schema(schema_with = crate::api::schema::optional_licences)]
    pub licences: Option<String>,
    /// Comma-separated, first choice first.
    pub wished_regions: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_date)]
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
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub title: String,
    /// Two-letter country code (default VN).
    #[schema(schema_with = crate::api::schema::optional_country)]
    pub country: Option<String>,
    /// ESCO occupation id.
    pub occupation_id: Option<i64>,
    /// `not_needed`, `none`, `in_progress`, `partial`, `recognised` or `refused`.
    #[schema(schema_with = crate::api::schema::recognition)]
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
#[utoipa::path(put, path = "/api/v1/recruitment/candidates/{id}/occupations/{kind}", params(("id" = i64, Path), ("kind" = String, Path, description = "`worked` or `wished`")), request_body = OccupationListDto,
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn set_occupations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((id, kind)): ApiPath<(i64, String)>,
    ApiJson(b): ApiJson<OccupationListDto>,
) -> Result<StatusCode, ApiError> {
    // Only these two lists exist: another name is a path to nothing.
    if !matches!(kind.as_str(), "worked" | "wished") {
        return Err(ApiError(crate::error::Failure::NotFound));
    }
    state
        .app
        .set_candidate_occupations(&actor, id, &kind, &b.occupations)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct HeldSkillDto {
    /// ESCO skill id (from /api/v1/esco/search).
    pub id: i64,
    /// `self_declared`, `observed` or `certified`.
    #[schema(schema_with = crate::api::schema::evidence)]
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
