//! The showcase's public API under `/api/v1/showcase`: the published catalogue for the
//! region's tourism portal and anyone else — producers (search and filters as on the public
//! pages), a producer with hours, products and markets, markets and events, and the whole
//! catalogue with its licence. Read-only and without login (`security(())`); only what the
//! public pages show. Typed DTOs, one file: `catalogue`.

mod catalogue;

use axum::Router;
use utoipa::OpenApi;

use crate::AppState;

pub use catalogue::CatalogueDto;
use catalogue::*;

/// Every endpoint of the module.
pub fn routes() -> Router<AppState> {
    catalogue::routes()
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ShowcaseDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(list_producers, get_producer, list_markets, get_catalogue),
    tags((name = "showcase", description = "The regional products showcase \"Genuss und Kunsthandwerk\": the published catalogue of regional producers (food and craft), their products, opening hours, weekly markets and events. Public: no login; open data under the licence named in the catalogue."))
)]
struct ShowcaseDoc;
