//! Pooled-procurement pages: the coordinator's overview of the clinics, a clinic's days of
//! supply by item (with lots, expiries, reorder suggestions explained in words, and the forms
//! to record movements and the census), pooled orders with each clinic's lines, allocations
//! of a short shipment or donation with each clinic's share and why, and the catalogue.
//! No JavaScript.
//!
//! One file per entity or view, each registering its own routes; this file holds the module's
//! registry entry and the number and label helpers they share.

mod allocations;
mod clinic;
mod items;
mod orders;
mod overview;

use axum::Router;
use standort_app::policy::{Permission, allows};
use standort_app::procurement::SupplyState;

use crate::AppState;
use crate::i18n::{Tr, locales};
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "procurement",
    help: &["help-procurement"],
    locales: locales!("procurement"),
    pages: routes,
    api: crate::api::procurement::routes,
    openapi: crate::api::procurement::openapi,
    nav: &[NavEntry {
        href: "/procurement",
        label_key: "nav-procurement",
        visible: |role| allows(role, Permission::ReadProcurement),
    }],
    ..WebModule::EMPTY
};

/// Every page of the module: each file registers its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(overview::routes())
        .merge(clinic::routes())
        .merge(orders::routes())
        .merge(allocations::routes())
        .merge(items::routes())
}

use super::form::{first, pairs};

/// Confirmations this module may show after a redirect.
fn notice(tr: &Tr, p: &[(String, String)]) -> Option<String> {
    const KNOWN: &[&str] = &[
        "procurement-movement-ok",
        "procurement-census-ok",
        "procurement-order-created-ok",
        "procurement-line-ok",
        "procurement-order-advanced-ok",
        "procurement-allocation-created-ok",
        "procurement-allocation-delivered-ok",
        "procurement-item-created-ok",
    ];
    super::form::notice(tr, first(p, "done").as_deref(), KNOWN)
}

/// Whole units in the language's format.
fn units(tr: &Tr, n: i64) -> String {
    tr.number(n)
}

/// Days of supply ("12,5"; "∞" when nothing is used).
fn days(tr: &Tr, d: Option<f64>) -> String {
    d.map_or_else(|| "∞".into(), |d| tr.decimal(d, 1))
}

/// "Atemschutzmaske FFP2: 10,2 Tage (Kritisch)" — a line of the clinic buyer's dashboard.
pub(crate) fn supply_line(tr: &Tr, l: &standort_app::procurement::SupplyLine) -> String {
    tr.targs(
        "procurement-dashboard-line",
        &[
            ("item", &l.item),
            ("days", &days(tr, l.days)),
            ("state", &state_label(tr, l.state)),
        ],
    )
}

fn state_label(tr: &Tr, s: SupplyState) -> String {
    tr.t(format!("procurement-state-{}", s.as_str()))
}

/// A day number as the language writes it, `–` for none.
fn day_label(tr: &Tr, d: Option<i64>) -> String {
    tr.day(d)
}
