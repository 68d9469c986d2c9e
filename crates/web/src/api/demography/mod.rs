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
use utoipa::OpenApi;

use crate::AppState;

// The handlers with their OpenAPI path types (`__path_*`), so `DemographyDoc` names them as
// `demography::…`.
pub use assumptions::*;
pub use compare::*;
pub use import::*;
pub use projections::*;
pub use regions::*;
pub use results::*;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demography/regions", get(list_regions))
        .route("/demography/regions/{id}", get(get_region))
        .route("/demography/regions/{id}/results", get(list_results))
        .route("/demography/regions/{id}/tables/{table}", get(region_table))
        .route("/demography/compare", get(compare))
        .route("/demography/import", post(import))
        .route("/demography/project", post(run_projection))
        .route(
            "/demography/assumptions",
            get(list_assumption_sets).post(import_assumptions),
        )
        .route(
            "/demography/assumptions/{id}",
            delete(delete_assumption_set),
        )
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    DemographyDoc::openapi()
}

// Named through the module's own name, as the document has always listed them; the tag
// (`demography`) is the module's name, set for every operation by `api::openapi_doc`.
use super::demography;

#[derive(OpenApi)]
#[openapi(paths(
    demography::list_regions,
    demography::get_region,
    demography::list_results,
    demography::region_table,
    demography::compare,
    demography::import,
    demography::run_projection,
    demography::import_assumptions,
    demography::list_assumption_sets,
    demography::delete_assumption_set
),
    tags((name = "demography", description = "Population projections: regions, results, tables, comparisons of localities, capacity gaps, imports and projection runs. Planners and administrators write, agency staff read."))
)]
struct DemographyDoc;
