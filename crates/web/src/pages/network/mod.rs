//! Partner-network pages: the overview (obligations due, recent approaches; a clinic's or
//! employer's own agreements), contacts, the visit log with its warning before a company is
//! approached again, delegation trips with itinerary and participants, agreements with
//! obligations, trade fairs with leads, investment projects and the yearly figures.
//! Organisations themselves are the registry's pages (`pages::organisations`).
//!
//! One file per entity, each registering its own routes; this file holds the module's
//! registry entry and what the files share. No JavaScript.

mod agreements;
mod approaches;
mod calendar;
mod contacts;
mod duplicates;
mod import;

pub(crate) use contacts::VCARD_TYPE;
mod fairs;
mod figures;
mod overview;
mod partners;
mod projects;
mod trips;

use axum::Router;
use standort_app::policy::{Permission, allows};
use standort_app::{Actor, PageRequest};
use standort_domain::Role;

use crate::AppState;
use crate::i18n::{Tr, locales};
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "network",
    help: &["help-network"],
    locales: locales!("network"),
    pages: routes,
    api: crate::api::network::routes,
    openapi: crate::api::network::openapi,
    nav: &[NavEntry {
        href: "/network",
        label_key: "nav-network",
        visible: sees_network,
    }],
    ..WebModule::EMPTY
};

/// Whether a role sees any part of the network (the whole, its figures, its own
/// organisation's agreements, or the visit log shared with its partner agency).
fn sees_network(role: Role) -> bool {
    allows(role, Permission::ReadNetwork)
        || allows(role, Permission::ReadNetworkFigures)
        || allows(role, Permission::ReadOwnAgreements)
        || allows(role, Permission::ReadSharedVisitLog)
}

/// Every page of the module: each file registers its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(overview::routes())
        .merge(contacts::routes())
        .merge(calendar::routes())
        .merge(approaches::routes())
        .merge(trips::routes())
        .merge(agreements::routes())
        .merge(fairs::routes())
        .merge(projects::routes())
        .merge(figures::routes())
        .merge(partners::routes())
        .merge(import::routes())
        .merge(duplicates::routes())
}

use super::form::{fail, first, pairs};

/// Confirmations this module may show after a redirect.
fn notice(tr: &Tr, p: &[(String, String)]) -> Option<String> {
    const KNOWN: &[&str] = &[
        "network-saved-ok",
        "network-contact-erased-ok",
        "network-approach-ok",
        "network-scope-ok",
        "network-merge-ok",
    ];
    super::form::notice(tr, first(p, "done").as_deref(), KNOWN)
}

/// How many organisations a form's picker offers.
const ORG_PICK: i64 = 50;

/// Organisations to choose from in a form (id, name), by name: what the picker's search
/// (`oq`, see `network_org_search.html`) finds in the registry — any script, without
/// diacritics, a typo allowed — or, before a search, the first of the registry. Every
/// organisation is reachable through the search; a select of "the first 200" left the rest
/// out (the same defect class as the placement and position forms had).
async fn org_options(state: &AppState, actor: &Actor, query: &str) -> Vec<(i64, String)> {
    let page = PageRequest::new(Some(ORG_PICK), None);
    let found = if query.trim().is_empty() {
        state.app.list_organisations(actor, page).await
    } else {
        let search = standort_app::organisations::OrgSearchInput {
            q: Some(query.trim().to_owned()),
            ..Default::default()
        };
        state.app.search_organisations(actor, &search, page).await
    };
    found
        .map(|p| p.items.into_iter().map(|o| (o.id.0, o.name)).collect())
        .unwrap_or_default()
}

fn can_manage(actor: &Actor) -> bool {
    allows(actor.role(), Permission::ManageNetwork)
}

/// Today as `YYYY-MM-DD` (the default of date fields).
fn today(state: &AppState) -> String {
    standort_domain::date::format_date(state.app.now())
}
