//! The start page: a search box, the categories with their number of producers, products in
//! season this month, the weekly markets and the next events.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use serde_json::json;
use standort_app::showcase::Home;

use super::public::{PublicLayout, fail, lang_of, page};
use super::seo;
use crate::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/regional", get(home))
}

#[derive(Template)]
#[template(path = "showcase_home.html")]
struct HomePage<'a> {
    page: &'a PublicLayout,
    home: &'a Home,
    markets: Vec<seo::MarketLine>,
}

async fn home(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let lang = lang_of(raw.as_deref());
    let (home, changed) = match (
        state.app.showcase_home().await,
        state.app.showcase_last_change().await,
    ) {
        (Ok(h), Ok(c)) => (h, c),
        (Err(e), _) | (_, Err(e)) => return fail(&state, lang, e),
    };
    let layout = PublicLayout::new(&state, &headers, lang, "/regional");
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": layout.tr.t("showcase-brand"),
        "url": format!("{}/regional", layout.base),
        "inLanguage": lang.code(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": format!("{}/regional/suche?q={{q}}", layout.base),
            "query-input": "required name=q"
        }
    });
    let layout = layout.with_json_ld(ld);
    let markets = home
        .markets
        .iter()
        .map(|m| seo::MarketLine::of(&layout, m))
        .collect();
    page(
        &HomePage {
            page: &layout,
            home: &home,
            markets,
        },
        changed,
        lang,
    )
}
