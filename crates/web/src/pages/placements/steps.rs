//! Recording a step on a track, and setting a track's owner.

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use standort_app::placements::EventInput;

use super::id_field;
use super::show::with_error;
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/placements/{id}/events", post(record_event))
        .route("/placements/{id}/owners", post(set_owner))
}

pub async fn record_event(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<EventInput>,
) -> Response {
    match state.app.record_event(&actor, id, &form).await {
        Ok(e) => Redirect::to(&format!(
            "/placements/{id}?done=placement-step-ok#track-{}",
            e.track
        ))
        .into_response(),
        Err(e) => with_error(&state, &ctx, &actor, id, e).await,
    }
}

#[derive(serde::Deserialize)]
pub struct OwnerForm {
    track: String,
    owner: Option<String>,
}

pub async fn set_owner(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<OwnerForm>,
) -> Response {
    let owner = match id_field("owner", &form.owner) {
        Ok(o) => o,
        Err(e) => return with_error(&state, &ctx, &actor, id, e).await,
    };
    match state
        .app
        .set_track_owner(&actor, id, &form.track, owner)
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/placements/{id}?done=placement-saved-ok#track-{}",
            form.track
        ))
        .into_response(),
        Err(e) => with_error(&state, &ctx, &actor, id, e).await,
    }
}
