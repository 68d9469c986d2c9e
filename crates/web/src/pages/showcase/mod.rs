//! The regional products showcase "Genuss und Kunsthandwerk". Its public pages under
//! `/regional/…` are the first pages of Standort anyone may open without login: the start
//! page, finding producers (search, filters, list and SVG map), producer, product and market
//! pages, the sitemap and the open-data downloads. They sit outside the session layer (see
//! `WebModule::public`), take their language from the URL (`?lang=en`, German by default),
//! work without JavaScript, and answer with ETag, Last-Modified and Cache-Control.
//!
//! Behind the login: a producer's own entry (`entries`) and the agency's review.
//!
//! One file per page group: `public` (layout, language, conditional answers, the shared page
//! parts), `cache` (the answer cache in front of every public page),
//! `home`, `find` (with `map`, the SVG), `producer` (producer and product pages), `markets`,
//! `seo` (JSON-LD, sitemap), `entries` (editing and review).

mod cache;
mod entries;
mod find;
mod home;
mod map;
mod markets;
mod producer;
mod public;
mod seo;

use axum::Router;
use standort_app::policy::{Permission, allows};

use crate::AppState;
use crate::i18n::locales;
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "showcase",
    help: &["help-showcase"],
    locales: locales!("showcase"),
    pages: entries::routes,
    public: public_routes,
    api: crate::api::showcase::routes,
    openapi: crate::api::showcase::openapi,
    nav: &[
        NavEntry {
            href: "/showcase",
            label_key: "nav-showcase",
            visible: |role| allows(role, Permission::ReviewShowcase),
        },
        NavEntry {
            href: "/showcase/entry",
            label_key: "nav-showcase-entry",
            visible: |role| allows(role, Permission::EditOwnShowcaseEntry),
        },
    ],
};

fn public_routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(home::routes())
        .merge(find::routes())
        .merge(producer::routes())
        .merge(markets::routes())
        .merge(seo::routes())
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), cache::PublicCache::new()),
            cache::serve,
        ))
}
