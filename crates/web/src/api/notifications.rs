//! `/api/v1/notifications`: the caller's own notifications (list with filters, mark one or all
//! read) and their delivery per kind. Another person's notification answers 404.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::notifications::Notification;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::AppState;
use crate::error::{ApiError, Problem};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list_notifications))
        .route("/notifications/read-all", post(read_all_notifications))
        .route("/notifications/{id}/read", post(read_notification))
        .route(
            "/notifications/preferences",
            get(get_preferences).post(set_preference),
        )
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    NotificationsDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_notifications,
        read_notification,
        read_all_notifications,
        get_preferences,
        set_preference
    ),
    components(schemas(NotificationDto, NotificationPage, UnreadDto, PreferenceDto, Problem)),
    tags((name = "notifications", description = "The caller's own notifications (due and overdue track steps, document requests, erasure requests, next steps after approaches, obligations and ends of agreements, low stock, expiring lots, pooled orders' deadlines, employers' introduction requests and their answers) and how each kind is delivered: at once by e-mail, in the daily digest, or only in Standort."))
)]
struct NotificationsDoc;

/// One notification of the caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationDto {
    pub id: i64,
    /// `track_due`, `track_overdue`, `document_request`, `erasure_request`,
    /// `network_follow_up_due`, `agreement_obligation_due`, `agreement_term_ending`,
    /// `stock_low`, `lot_expiring`, `round_deadline`, `introduction_requested` or
    /// `introduction_answered`.
    pub kind: String,
    /// The record's path in Standort.
    pub link: String,
    /// What is due: codes (track, step, document kind, stage) and the name of the record the
    /// caller may open (company, agreement, item, lot, round), never a person's name.
    #[schema(value_type = Object)]
    pub params: serde_json::Value,
    /// `YYYY-MM-DD`.
    pub due_on: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub read_at: Option<i64>,
    /// When it went out by e-mail (at once or in a digest).
    pub mailed_at: Option<i64>,
}

impl From<Notification> for NotificationDto {
    fn from(n: Notification) -> Self {
        NotificationDto {
            id: n.id,
            kind: n.kind.as_str().to_owned(),
            link: n.link,
            params: n.params,
            due_on: n.due_on.map(standort_domain::date::format_date),
            created_at: n.created_at,
            read_at: n.read_at,
            mailed_at: n.mailed_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<NotificationDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// How many of the caller's notifications are unread.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadDto {
    pub unread: i64,
}

/// How one kind reaches the caller.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PreferenceDto {
    /// A kind the caller's role receives (another kind: 404).
    #[schema(schema_with = crate::api::schema::notification_kind)]
    pub kind: String,
    /// `immediate`, `digest` or `none` (only in Standort).
    #[schema(schema_with = crate::api::schema::notification_delivery)]
    pub delivery: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationParams {
    /// Only this kind.
    #[param(schema_with = crate::api::schema::notification_kind)]
    pub kind: Option<String>,
    /// Only unread ones.
    pub unread: Option<bool>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/notifications", params(NotificationParams), tag = "notifications",
    responses((status = 200, body = NotificationPage), (status = 422, body = Problem)))]
async fn list_notifications(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<NotificationParams>,
) -> Result<Json<NotificationPage>, ApiError> {
    let page = state
        .app
        .notifications(
            &actor,
            q.kind.as_deref(),
            q.unread.unwrap_or(false),
            super::page(q.limit, q.offset)?,
        )
        .await?;
    Ok(Json(NotificationPage {
        total: page.total,
        limit: page.limit,
        offset: page.offset,
        items: page.items.into_iter().map(NotificationDto::from).collect(),
    }))
}

/// Marks one of the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", params(("id" = i64, Path)), tag = "notifications",
    responses((status = 200, body = UnreadDto), (status = 404, body = Problem)))]
async fn read_notification(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UnreadDto>, ApiError> {
    state.app.read_notification(&actor, id).await?;
    Ok(Json(UnreadDto {
        unread: state.app.unread_notifications(&actor).await?,
    }))
}

/// Marks all of the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications",
    responses((status = 200, body = UnreadDto)))]
async fn read_all_notifications(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<UnreadDto>, ApiError> {
    state.app.read_all_notifications(&actor).await?;
    Ok(Json(UnreadDto {
        unread: state.app.unread_notifications(&actor).await?,
    }))
}

fn preferences_dto(
    chosen: Vec<(
        standort_app::notifications::NotificationKind,
        standort_app::notifications::Delivery,
    )>,
) -> Vec<PreferenceDto> {
    chosen
        .into_iter()
        .map(|(k, d)| PreferenceDto {
            kind: k.as_str().to_owned(),
            delivery: d.as_str().to_owned(),
        })
        .collect()
}

/// The caller's delivery for every kind their role receives.
#[utoipa::path(get, path = "/api/v1/notifications/preferences", tag = "notifications",
    responses((status = 200, body = Vec<PreferenceDto>)))]
async fn get_preferences(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<PreferenceDto>>, ApiError> {
    Ok(Json(preferences_dto(
        state.app.notification_preferences(&actor).await?,
    )))
}

/// Sets how one kind reaches the caller (audited); answers with all their choices.
#[utoipa::path(post, path = "/api/v1/notifications/preferences", request_body = PreferenceDto, tag = "notifications",
    responses((status = 200, body = Vec<PreferenceDto>), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn set_preference(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<PreferenceDto>,
) -> Result<Json<Vec<PreferenceDto>>, ApiError> {
    state
        .app
        .set_notification_preference(&actor, &body.kind, &body.delivery)
        .await?;
    Ok(Json(preferences_dto(
        state.app.notification_preferences(&actor).await?,
    )))
}
