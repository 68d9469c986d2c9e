//! Demography pages: the region hierarchy, a region's pyramid, time series, indicators,
//! capacities and gaps, a comparison of localities, downloads. Everything works without
//! JavaScript; charts are SVG rendered here (see [`charts`]) with a data table beside them.
//!
//! One file per page or form: [`overview`] (the hierarchy with the import, projection and
//! assumption forms), [`import`], [`projections`], [`assumptions`], [`region`] (a region's
//! page, with [`pyramid`], [`series`] and [`gaps`] as its sections), [`compare`]; [`format`]
//! writes numbers and labels, [`charts`] the SVG.

pub mod assumptions;
pub mod charts;
pub mod compare;
pub mod format;
pub mod gaps;
pub mod import;
pub mod overview;
pub mod projections;
pub mod pyramid;
pub mod region;
pub mod series;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::demography::export::{Download, Format};
use standort_app::policy::{Permission, allows};

use crate::AppState;
use crate::context::Ctx;
use crate::error::{Failure, PageError};
use crate::i18n::{Tr, locales};
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "demography",
    help: &["help-demography", "help-demography-files"],
    locales: locales!("demography"),
    pages: routes,
    api: crate::api::demography::routes,
    openapi: crate::api::demography::openapi,
    nav: &[NavEntry {
        href: "/demography",
        label_key: "dm-title",
        visible: |role| allows(role, Permission::ReadDemography),
    }],
    ..WebModule::EMPTY
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demography", get(overview::regions))
        .route("/demography/import", post(import::import))
        .route("/demography/project", post(projections::run_projection))
        .route(
            "/demography/assumptions",
            post(assumptions::import_assumptions),
        )
        .route(
            "/demography/assumptions/{id}/delete",
            post(assumptions::delete_assumptions),
        )
        .route("/demography/compare", get(compare::compare))
        .route("/demography/compare/export", get(compare::compare_export))
        .route("/demography/export/regions", get(overview::regions_export))
        .route("/demography/regions/{id}", get(region::region))
        .route(
            "/demography/regions/{id}/capacities",
            post(gaps::add_capacity),
        )
        .route(
            "/demography/regions/{id}/capacities/{cid}/delete",
            post(gaps::delete_capacity),
        )
        .route(
            "/demography/regions/{id}/export/{table}",
            get(region::region_export),
        )
}

/// Confirmation keys this module may show after a redirect.
pub(super) fn notice(tr: &Tr, done: Option<&str>) -> Option<String> {
    const KNOWN: &[&str] = &[
        "dm-projection-done",
        "dm-assumptions-deleted",
        "dm-capacity-saved",
        "dm-capacity-deleted",
    ];
    super::form::notice(tr, done, KNOWN)
}

/// A table download: an attachment like every other download (`crate::download`).
pub(super) fn download(d: Download) -> Response {
    crate::download::attachment(d.bytes, d.content_type, &d.file_name)
}

pub(super) fn format_of(s: Option<&str>, ctx: &Ctx) -> Result<Format, Box<Response>> {
    Format::parse(s.unwrap_or("csv")).ok_or_else(|| {
        Box::new(
            PageError::new(
                Failure::BadRequest("format must be csv or xlsx".into()),
                ctx,
            )
            .into_response(),
        )
    })
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FormatQuery {
    format: Option<String>,
    year: Option<i64>,
}
