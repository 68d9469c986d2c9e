//! A candidate's languages other than German: read as part of the profile, replaced as a list.

use axum::extract::State;
use axum::routing::put;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::recruitment::LanguageInput;
use standort_domain::date::format_date;
use standort_store::recruitment::LanguageRecord;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath};
use crate::error::ApiError;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/recruitment/candidates/{id}/languages", put(set_languages))
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

/// One language other than German.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LanguageInDto {
    /// ISO 639-1 code (`vi`, `en`, `ja` …); `de` is refused: German is `german_level` and the
    /// fields after it in `PUT /api/v1/recruitment/candidates/{id}`.
    #[schema(schema_with = crate::api::schema::other_language)]
    pub language: String,
    /// `A1` … `C2` or `native`.
    #[schema(schema_with = crate::api::schema::language_level)]
    pub level: String,
    /// Free text: IELTS, TOEIC, JLPT N4 …
    #[schema(schema_with = crate::api::schema::optional_line::<100>)]
    pub certificate: Option<String>,
    /// `YYYY-MM-DD`
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub exam_date: Option<String>,
    /// Expected date of the next level, `YYYY-MM-DD` (not for `native` or `C2`).
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub next_expected: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LanguageListDto {
    /// The whole list, in order (at most 20, each language once).
    #[schema(max_items = 20)]
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
