//! Introduction requests: an employer asks (`POST /api/v1/recruitment/candidates/{id}/introductions`),
//! staff answer (`POST /api/v1/recruitment/introductions/{id}/answer`), both list and read
//! them. Employers see their own organisation's, staff all; everyone else 404.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::recruitment::{IntroductionAnswer, IntroductionInput, IntroductionQuery};
use standort_domain::IntroductionId;
use standort_store::recruitment::Introduction;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/recruitment/introductions", get(list_introductions))
        .route("/recruitment/introductions/{id}", get(get_introduction))
        .route(
            "/recruitment/introductions/{id}/answer",
            post(answer_introduction),
        )
        .route(
            "/recruitment/candidates/{id}/introductions",
            post(request_introduction),
        )
}

/// One request with its answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntroductionDto {
    pub id: i64,
    /// The employer organisation that asked.
    pub org_id: i64,
    pub organisation: String,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub position_id: Option<i64>,
    pub position_title: Option<String>,
    pub message: String,
    /// `open`, `accepted` or `declined`.
    pub state: String,
    /// Next steps or a contact (accepted), the reason (declined); empty while open.
    pub answer: String,
    /// Unix seconds.
    pub requested_at: i64,
    pub answered_at: Option<i64>,
}

impl From<&Introduction> for IntroductionDto {
    fn from(r: &Introduction) -> Self {
        IntroductionDto {
            id: r.id.0,
            org_id: r.org_id.0,
            organisation: r.org_name.clone(),
            candidate_id: r.candidate_id,
            candidate_name: r.candidate_name.clone(),
            position_id: r.position_id,
            position_title: r.position_title.clone(),
            message: r.message.clone(),
            state: r.state.as_str().into(),
            answer: r.answer.clone(),
            requested_at: r.requested_at,
            answered_at: r.answered_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IntroductionPage {
    pub items: Vec<IntroductionDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntroductionParams {
    /// `open`, `answered`, `accepted` or `declined`; none for all.
    #[param(schema_with = crate::api::schema::introduction_state_filter)]
    pub state: Option<String>,
    /// One candidate's requests.
    pub candidate_id: Option<i64>,
    /// Words of the candidate's name, diacritics optional.
    #[param(schema_with = crate::api::schema::search_text)]
    pub q: Option<String>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

/// An employer's request.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct IntroductionBody {
    /// One of the caller's organisation's positions (another or an unknown id is 422); none
    /// for no particular position.
    pub position_id: Option<i64>,
    /// A message to the agency.
    #[schema(schema_with = crate::api::schema::optional_text::<2000>)]
    pub message: Option<String>,
}

/// Staff's answer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IntroductionAnswerBody {
    /// `accept` (introduce) or `decline`.
    #[schema(schema_with = crate::api::schema::introduction_decision)]
    pub decision: String,
    /// The next steps or a contact person (accept), the reason (decline).
    #[schema(schema_with = crate::api::schema::required_text::<2000>)]
    pub answer: String,
}

/// Introduction requests: staff every employer's, an employer its own organisation's (of
/// candidates it may still see). Audited as a list of the requests.
#[utoipa::path(get, path = "/api/v1/recruitment/introductions", params(IntroductionParams),
    responses((status = 200, body = IntroductionPage), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_introductions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<IntroductionParams>,
) -> Result<Json<IntroductionPage>, ApiError> {
    let page = crate::api::page(q.limit, q.offset)?;
    let query = IntroductionQuery {
        state: q.state,
        candidate: q.candidate_id,
        name: q.q,
        ..Default::default()
    };
    let list = state.app.query_introductions(&actor, &query, page).await?;
    Ok(Json(IntroductionPage {
        items: list.items.iter().map(IntroductionDto::from).collect(),
        total: list.total,
        limit: list.limit,
        offset: list.offset,
    }))
}

/// One request (staff; the employer who asked). Audited.
#[utoipa::path(get, path = "/api/v1/recruitment/introductions/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = IntroductionDto), (status = 404, body = Problem)))]
pub async fn get_introduction(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<IntroductionDto>, ApiError> {
    let r = state
        .app
        .get_introduction(&actor, IntroductionId(id))
        .await?;
    Ok(Json(IntroductionDto::from(&r)))
}

/// An employer asks the agency for an introduction to a candidate it may see (404 otherwise).
/// 409 while a request for the same candidate and position is open.
#[utoipa::path(post, path = "/api/v1/recruitment/candidates/{id}/introductions",
    params(("id" = i64, Path)), request_body = IntroductionBody,
    responses((status = 201, body = IntroductionDto), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn request_introduction(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<IntroductionBody>,
) -> Result<(StatusCode, Json<IntroductionDto>), ApiError> {
    let r = state
        .app
        .request_introduction(
            &actor,
            id,
            &IntroductionInput {
                position_id: body.position_id.map(|p| p.to_string()),
                message: body.message,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(IntroductionDto::from(&r))))
}

/// Agency staff answer an open request (409 once answered: an answer is final). The
/// employer organisation's people are notified.
#[utoipa::path(post, path = "/api/v1/recruitment/introductions/{id}/answer",
    params(("id" = i64, Path)), request_body = IntroductionAnswerBody,
    responses((status = 200, body = IntroductionDto), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn answer_introduction(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<IntroductionAnswerBody>,
) -> Result<Json<IntroductionDto>, ApiError> {
    let r = state
        .app
        .answer_introduction(
            &actor,
            IntroductionId(id),
            &IntroductionAnswer {
                decision: Some(body.decision),
                answer: Some(body.answer),
            },
        )
        .await?;
    Ok(Json(IntroductionDto::from(&r)))
}
