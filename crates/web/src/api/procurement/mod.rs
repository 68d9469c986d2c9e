//! Pooled-procurement API under `/api/v1/procurement`: the catalogue, each clinic's supply
//! (days of supply, lots, reorder suggestions) and its movements and census, pooled orders
//! with their lines, allocations with their shares. Same use cases and permissions as the
//! pages: another clinic's records are 404, bad input a 422 problem naming the field, a
//! refused step (not enough stock, a closed order) a 409 problem.
//!
//! One file per entity, each registering its routes; [`ProcurementDoc`] lists them.

mod allocations;
mod items;
mod orders;
mod supply;

use axum::Router;
use utoipa::OpenApi;

use crate::AppState;

/// Every endpoint of the module: each file registers its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(items::routes())
        .merge(supply::routes())
        .merge(orders::routes())
        .merge(allocations::routes())
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ProcurementDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(paths(
    items::list_items,
    items::create_item,
    supply::list_clinics,
    supply::get_supply,
    supply::record_movement,
    supply::record_census,
    orders::list_orders,
    orders::create_order,
    orders::get_order,
    orders::set_line,
    orders::set_status,
    allocations::list_allocations,
    allocations::create_allocation,
    allocations::get_allocation,
    allocations::deliver_allocation
), tags((name = "procurement", description = "Pooled procurement of protective equipment for clinics: the catalogue, each clinic's stock ledger, census and days of supply, pooled orders with a line per clinic, and fair allocations of short shipments and donations. Clinic buyers see and record their own clinic only; agency staff coordinate.")))]
pub struct ProcurementDoc;

/// `YYYY-MM-DD` of Unix seconds.
fn date(unix: i64) -> String {
    standort_domain::date::format_date(unix)
}
