//! Recording a step on a track, and setting a track's owner.

use axum::Router;
use axum::extract::{RawForm, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use standort_app::placements::EventInput;

use super::id_field;
use super::show::with_error;
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::form::{confirmed, first, pairs};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/placements/{id}/events", post(record_event))
        .route("/placements/{id}/owners", post(set_owner))
}

/// A step is permanent (the history is append-only), so its form asks first: without the
/// ticked `confirm` box nothing is written and the page says why, next to the track.
pub async fn record_event(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawForm(body): RawForm,
) -> Response {
    let raw = String::from_utf8_lossy(&body);
    let p = pairs(Some(&raw));
    let form = EventInput {
        kind: first(&p, "kind"),
        date: first(&p, "date"),
        level: first(&p, "level"),
        passed: first(&p, "passed"),
        measure: first(&p, "measure"),
        route: first(&p, "route"),
        contract: first(&p, "contract"),
        on: first(&p, "on"),
        note: first(&p, "note"),
    };
    if let Err(e) = confirmed(first(&p, "confirm").as_deref()) {
        return with_error(&state, &ctx, &actor, id, e, first(&p, "track")).await;
    }
    match state.app.record_event(&actor, id, &form).await {
        Ok(e) => Redirect::to(&format!(
            "/placements/{id}?done=placement-step-ok&track={0}#track-{0}",
            e.track
        ))
        .into_response(),
        Err(e) => with_error(&state, &ctx, &actor, id, e, first(&p, "track")).await,
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
        Err(e) => return with_error(&state, &ctx, &actor, id, e, Some(form.track.clone())).await,
    };
    match state
        .app
        .set_track_owner(&actor, id, &form.track, owner)
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/placements/{id}?done=placement-saved-ok&track={0}#track-{0}",
            form.track
        ))
        .into_response(),
        Err(e) => with_error(&state, &ctx, &actor, id, e, Some(form.track.clone())).await,
    }
}
