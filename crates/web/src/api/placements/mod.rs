//! Recruitment-tracks API: programmes, placements and the steps on their tracks. Same use
//! cases and permissions as the pages (records outside the caller's view are 404); a step the
//! law or the process forbids is a 409 problem whose detail gives the reason.
//!
//! One file per entity, each registering its routes. [`PlacementsDoc`] lists the endpoints
//! unqualified (as before the split), hence the re-exports of their `__path_*` items here.

mod events;
mod placement;
mod programmes;

use axum::Router;
use utoipa::OpenApi;

use crate::AppState;

use events::{__path_list_events, __path_record_event};
use placement::{__path_create_placement, __path_get_placement, __path_list_placements};
use programmes::{__path_create_programme, __path_get_programme_board, __path_list_programmes};

/// Every endpoint of the module: each file registers its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(placement::routes())
        .merge(events::routes())
        .merge(programmes::routes())
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    PlacementsDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(paths(
    list_placements,
    create_placement,
    get_placement,
    list_events,
    record_event,
    list_programmes,
    create_programme,
    get_programme_board
),
    tags((name = "placements", description = "Recruitment tracks: programmes (cohorts) with their boards, placements and the steps on their tracks (language, recognition, visa, contract, arrival, employment). A step the law or the process forbids is a 409 with the reason."))
)]
pub struct PlacementsDoc;
