//! Skilled-workers API: ESCO search, candidates, positions and matches. Same use cases and
//! permissions as the pages (records outside the caller's view are 404).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::PageRequest;
use standort_app::esco::OccupationInfo;
use standort_app::recruitment::{
    CandidateInput, CandidateProfile, Explained, PositionInput, format_date,
};
use standort_store::esco::Concept;
use standort_store::recruitment::{CandidateRecord, LanguageRecord, PositionRecord};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/esco/search", get(search_esco))
        .route(
            "/recruitment/candidates",
            get(list_candidates).post(create_candidate),
        )
        .route("/recruitment/candidates/{id}", get(get_candidate))
        .route(
            "/recruitment/candidates/{id}/matches",
            get(candidate_matches),
        )
        .route(
            "/recruitment/positions",
            get(list_positions).post(create_position),
        )
        .route("/recruitment/positions/{id}", get(get_position))
        .route("/recruitment/positions/{id}/matches", get(position_matches))
}

/// The module's API routes: reading (here) and editing (`recruitment_edit`).
pub fn module_routes() -> Router<AppState> {
    routes().merge(super::recruitment_edit::routes())
}

/// This module's part of the OpenAPI document, with the editing endpoints' part.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = RecruitmentDoc::openapi();
    doc.merge(super::recruitment_edit::RecruitmentEditDoc::openapi());
    doc
}

// Named through the module's own name so that utoipa tags these operations `recruitment`, as the
// document did when the frame listed them as `recruitment::…`.
use super::recruitment;

#[derive(OpenApi)]
#[openapi(paths(
    recruitment::search_esco,
    recruitment::list_candidates,
    recruitment::get_candidate,
    recruitment::create_candidate,
    recruitment::candidate_matches,
    recruitment::list_positions,
    recruitment::get_position,
    recruitment::create_position,
    recruitment::position_matches
))]
struct RecruitmentDoc;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to look for (any label, case- and diacritic-insensitive, one typo tolerated).
    pub q: String,
    /// `occupation` or `skill` (default: both).
    pub kind: Option<String>,
    /// Language of the returned labels (default: the caller's).
    pub lang: Option<String>,
    /// At most this many hits (1–50, default 20).
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitDto {
    /// `occupation` or `skill`.
    pub kind: String,
    pub id: i64,
    pub uri: String,
    /// The preferred label in the asked language (or a fallback).
    pub label: String,
    /// The label that matched.
    pub matched: String,
}

/// Search ESCO occupations and skills by any label.
#[utoipa::path(get, path = "/api/v1/esco/search", params(SearchParams),
    responses((status = 200, body = [SearchHitDto]), (status = 401, body = crate::error::Problem)))]
pub async fn search_esco(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<SearchParams>,
) -> Result<Json<Vec<SearchHitDto>>, ApiError> {
    let kind = q.kind.as_deref().and_then(Concept::parse);
    let hits = state
        .app
        .search_concepts(&actor, &q.q, kind, q.lang.as_deref(), q.limit.unwrap_or(20))
        .await?;
    Ok(Json(
        hits.into_iter()
            .map(|h| SearchHitDto {
                kind: h.kind.into(),
                id: h.id,
                uri: h.uri,
                label: h.label,
                matched: h.matched,
            })
            .collect(),
    ))
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

/// A language other than German.
#[derive(Debug, Serialize, ToSchema)]
pub struct LanguageDto {
    /// Row id (stays while the language stays in the list).
    pub id: i64,
    /// ISO 639-1 code, e.g. `vi`, `en`, `ja`.
    pub language: String,
    /// `A1` … `C2` or `native`.
    pub level: String,
    /// Free text: IELTS, TOEIC, JLPT N4 …
    pub certificate: Option<String>,
    /// `YYYY-MM-DD`
    pub exam_date: Option<String>,
    /// Expected date of the next level, `YYYY-MM-DD`.
    pub next_expected: Option<String>,
}

impl From<&LanguageRecord> for LanguageDto {
    fn from(l: &LanguageRecord) -> Self {
        LanguageDto {
            id: l.id,
            language: l.data.language.clone(),
            level: l.data.level.clone(),
            certificate: l.data.certificate.clone(),
            exam_date: l.data.exam_date.map(format_date),
            next_expected: l.data.next_expected.map(format_date),
        }
    }
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
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The body for a new candidate: text fields, dates `YYYY-MM-DD`, licences and regions
/// comma-separated, consents `"on"`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewCandidateDto {
    pub family_name: String,
    pub given_names: String,
    pub country: Option<String>,
    pub province: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub german_level: Option<String>,
    pub german_certificate: Option<String>,
    pub german_exam_date: Option<String>,
    pub german_next_expected: Option<String>,
    pub licences: Option<String>,
    pub wished_regions: Option<String>,
    pub available_from: Option<String>,
    pub consent_share_employers: Option<bool>,
    pub consent_talent_pool: Option<bool>,
}

fn on(b: Option<bool>) -> Option<String> {
    b.filter(|b| *b).map(|_| "on".to_owned())
}

/// Candidates the caller may see (employers: only those who consented). Audited.
#[utoipa::path(get, path = "/api/v1/recruitment/candidates", params(CandidateParams),
    responses((status = 200, body = CandidatePage), (status = 403, body = crate::error::Problem)))]
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
            PageRequest::new(q.limit, q.offset),
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
    responses((status = 201, body = CandidateDto), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
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
    pub title: String,
    /// `skilled_job` (default) or `apprenticeship`.
    pub kind: Option<String>,
    /// Agency staff only; employers always post for their own organisation.
    pub org_id: Option<i64>,
    /// ESCO occupation id (from /api/v1/esco/search); prefills the skills.
    pub occupation_id: Option<i64>,
    pub german_level: Option<String>,
    /// Default: true for regulated occupations.
    pub recognition_required: Option<bool>,
    pub recognition_partnership: Option<bool>,
    /// Comma-separated EU classes.
    pub licences: Option<String>,
    pub place: String,
    pub places: Option<i64>,
    /// `YYYY-MM-DD`
    pub start_date: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// Positions in the caller's scope (employers: their own).
#[utoipa::path(get, path = "/api/v1/recruitment/positions", params(PageParams),
    responses((status = 200, body = PositionPage), (status = 403, body = crate::error::Problem)))]
pub async fn list_positions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<PageParams>,
) -> Result<Json<PositionPage>, ApiError> {
    let page = state
        .app
        .list_positions(&actor, PageRequest::new(q.limit, q.offset))
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
    responses((status = 201, body = PositionDto), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
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
