//! Skilled-workers pages: ESCO search, candidates, positions, matching both ways and the
//! counsellor interview. Plain HTML forms; state of the interview lives in the URL (GET), so
//! the pages work without JavaScript and without server-side session state.

mod candidates;
mod esco;
mod interview;
mod introductions;
mod languages;
mod matches;
mod positions;
mod shortlist;

use axum::Router;
use standort_app::esco::SearchHit;
use standort_app::policy::{Permission, allows};
use standort_app::{Actor, AppError};
use standort_store::esco::Concept;

use crate::AppState;
use crate::i18n::locales;
use crate::module::{NavEntry, WebModule};

/// Candidates, positions, matching and the ESCO search (`esco.ftl` holds the search page's
/// texts).
pub(crate) const MODULE: WebModule = WebModule {
    name: "recruitment",
    help: &["help-recruitment", "help-shortlist"],
    locales: locales!("recruitment", "esco", "shortlist"),
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
            href: "/recruitment/shortlist",
            label_key: "shortlist-title",
            visible: |role| allows(role, Permission::ActOnSharedCandidates),
        },
        NavEntry {
            href: "/recruitment/introductions",
            label_key: "introductions-title",
            visible: |role| {
                allows(role, Permission::ActOnSharedCandidates)
                    || allows(role, Permission::AnswerIntroductions)
            },
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
    ..WebModule::EMPTY
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
        .merge(shortlist::routes())
        .merge(introductions::routes())
}

use super::form::{done, enc, fail, first, ids, pairs, query};

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
