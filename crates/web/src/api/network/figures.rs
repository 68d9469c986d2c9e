//! `/api/v1/network/figures`: the yearly figures, the numbers of the figures page.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{NetworkItem, item};
use crate::AppState;
use crate::api::{ApiActor, ApiQuery};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/network/figures", get(get_figures))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FigureParams {
    /// The calendar year, 2000–2100 (default: this year).
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
}

#[utoipa::path(get, path = "/api/v1/network/figures", params(FigureParams), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn get_figures(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<FigureParams>,
) -> Result<Json<NetworkItem>, ApiError> {
    let year = q.year.unwrap_or_else(|| state.app.current_year());
    let mut years = state.app.network_figures(&actor, &[year]).await?;
    Ok(Json(item(years.pop())))
}
