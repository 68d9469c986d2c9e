//! Recording a cost of a placement.

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use standort_app::placements::CostInput;

use super::show::with_error;
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/placements/{id}/costs", post(add_cost))
}

pub async fn add_cost(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<CostInput>,
) -> Response {
    match state.app.add_cost(&actor, id, &form).await {
        Ok(_) => {
            Redirect::to(&format!("/placements/{id}?done=placement-saved-ok#costs")).into_response()
        }
        Err(e) => with_error(&state, &ctx, &actor, id, e, None).await,
    }
}
