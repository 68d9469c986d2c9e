//! Changing a checklist item of a placement.

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use standort_app::placements::ChecklistInput;

use super::show::with_error;
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/placements/{id}/checklist/{item}", post(update_checklist))
}

pub async fn update_checklist(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, item)): PagePath<(i64, i64)>,
    PageForm(form): PageForm<ChecklistInput>,
) -> Response {
    match state
        .app
        .update_checklist_item(&actor, id, item, &form)
        .await
    {
        Ok(row) => Redirect::to(&format!(
            "/placements/{id}?done=placement-saved-ok#track-{}",
            row.track
        ))
        .into_response(),
        Err(e) => with_error(&state, &ctx, &actor, id, e, None).await,
    }
}
