//! `/api/v1/demography`: the same regions, results, gaps, imports and projection runs as the
//! pages, with the same permissions (planners and administrators write, agency staff read).
//!
//! One file per entity: [`regions`], [`results`] (values and tables of a region),
//! [`compare`], [`import`], [`projections`], [`assumptions`].

pub mod assumptions;
pub mod compare;
pub mod import;
pub mod projections;
pub mod regions;
pub mod results;

use axum::Router;
use axum::routing::{delete, get, post};

use crate::AppState;

// The handlers with their OpenAPI path types (`__path_*`), so `ApiDoc` names them as before.
pub use assumptions::*;
pub use compare::*;
pub use import::*;
pub use projections::*;
pub use regions::*;
pub use results::*;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/regions", get(list_regions))
        .route("/regions/{id}", get(get_region))
        .route("/regions/{id}/results", get(list_results))
        .route("/regions/{id}/tables/{table}", get(region_table))
        .route("/compare", get(compare))
        .route("/import", post(import))
        .route("/project", post(run_projection))
        .route(
            "/assumptions",
            get(list_assumption_sets).post(import_assumptions),
        )
        .route("/assumptions/{id}", delete(delete_assumption_set))
}
