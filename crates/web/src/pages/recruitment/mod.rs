//! Skilled-workers pages: ESCO search, candidates, positions, matching both ways and the
//! counsellor interview. Plain HTML forms; state of the interview lives in the URL (GET), so
//! the pages work without JavaScript and without server-side session state.

mod candidates;
mod esco;
mod interview;
mod languages;
mod matches;
mod positions;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use standort_app::esco::SearchHit;
use standort_app::policy::{Permission, allows};
use standort_app::{Actor, AppError};
use standort_store::esco::Concept;

use crate::AppState;
use crate::context::Ctx;
use crate::error::PageError;
use crate::i18n::locales;
use crate::module::{NavEntry, WebModule};

/// Candidates, positions, matching and the ESCO search (`esco.ftl` holds the search page's
/// texts).
pub(crate) const MODULE: WebModule = WebModule {
    name: "recruitment",
    locales: locales!("recruitment", "esco"),
    pages: routes,
    api: crate::api::recruitment::routes,
    openapi: crate::api::recruitment::openapi,
    nav: &[
        NavEntry {
            href: "/recruitment/candidates",
            label_key: "card-candidates",
            visible: |role| {
                allows(role, Permission::ManageCandidates)
                    || allows(role, Permission::ReadSharedCandidates)
            },
        },
        NavEntry {
            href: "/recruitment/positions",
            label_key: "card-positions",
            visible: |role| allows(role, Permission::ReadPositions),
        },
        NavEntry {
            href: "/recruitment/my-profile",
            label_key: "card-my-profile",
            visible: |role| allows(role, Permission::ManageOwnProfile),
        },
        // For those who describe people and positions with ESCO.
        NavEntry {
            href: "/esco/search",
            label_key: "card-esco",
            visible: |role| {
                allows(role, Permission::ManageCandidates)
                    || allows(role, Permission::ManagePositions)
            },
        },
    ],
};

pub(crate) use languages::{LanguagesBlock, languages_block};

/// Every page of the module: each file registers its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(candidates::routes())
        .merge(languages::routes())
        .merge(positions::routes())
        .merge(interview::routes())
        .merge(esco::routes())
}

/// Query pairs of the raw query string (repeated keys kept).
fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn first(pairs: &[(String, String)], key: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.trim().is_empty())
}

fn ids(pairs: &[(String, String)], key: &str) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    for (k, v) in pairs {
        if k == key
            && let Ok(id) = v.trim().parse()
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn fail(e: standort_app::AppError, ctx: &crate::context::Ctx) -> Response {
    PageError::new(e.into(), ctx).into_response()
}

fn query(raw: Option<&str>, key: &str) -> String {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

fn done(result: Result<(), AppError>, ctx: &Ctx, to: String) -> Response {
    match result {
        Ok(()) => Redirect::to(&to).into_response(),
        Err(e) => fail(e, ctx),
    }
}

async fn search(
    state: &AppState,
    actor: &Actor,
    q: &str,
    kind: Concept,
) -> Result<Vec<SearchHit>, AppError> {
    if q.is_empty() {
        Ok(Vec::new())
    } else {
        state
            .app
            .search_concepts(actor, q, Some(kind), None, 10)
            .await
    }
}

/// An optional number from a form field: empty is `None`, anything unparsable becomes a
/// validation error of that field.
fn number(field: &'static str, v: &Option<String>) -> Result<Option<i64>, AppError> {
    match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            standort_domain::ValidationError::new(
                field,
                if field == "places" {
                    "invalid-number"
                } else {
                    "invalid-choice"
                },
            )
            .into()
        }),
    }
}
