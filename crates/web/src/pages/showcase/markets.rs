//! Weekly markets and events: the list (weekly markets by weekday, then events by date) and a
//! market's page with the producers selling there.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use standort_app::showcase::MarketView;
use standort_domain::showcase::is_slug;

use super::public::{PublicLayout, fail, lang_of, page, public_error};
use super::seo::{self, MarketLine};
use crate::AppState;
use crate::error::Failure;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/regional/maerkte", get(list))
        .route("/regional/maerkte/{slug}", get(show))
}

#[derive(Template)]
#[template(path = "showcase_markets.html")]
struct ListPage<'a> {
    page: &'a PublicLayout,
    weekly: Vec<MarketLine>,
    events: Vec<MarketLine>,
}

async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let lang = lang_of(raw.as_deref());
    let (markets, changed) = match (
        state.app.showcase_markets().await,
        state.app.showcase_last_change().await,
    ) {
        (Ok(m), Ok(c)) => (m, c),
        (Err(e), _) | (_, Err(e)) => return fail(&state, lang, e),
    };
    let mut layout = PublicLayout::new(&state, &headers, lang, "/regional/maerkte");
    layout.title = layout.tr.t("showcase-markets-title");
    let today = standort_app::network::day_start(standort_app::showcase::local(state.app.now()));
    let ld: Vec<serde_json::Value> = markets
        .iter()
        .map(|m| seo::market_ld(&layout, m, today))
        .collect();
    let layout = layout.with_json_ld(serde_json::Value::Array(ld));
    let (weekly, events): (Vec<_>, Vec<_>) = markets.iter().partition(|m| m.data.weekday.is_some());
    page(
        &ListPage {
            weekly: weekly.iter().map(|m| MarketLine::of(&layout, m)).collect(),
            events: events.iter().map(|m| MarketLine::of(&layout, m)).collect(),
            page: &layout,
        },
        changed,
        lang,
    )
}

#[derive(Template)]
#[template(path = "showcase_market.html")]
struct ShowPage<'a> {
    page: &'a PublicLayout,
    v: &'a MarketView,
    when: String,
    place: String,
}

async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let lang = lang_of(raw.as_deref());
    if !is_slug(&slug) {
        return public_error(&state, lang, Failure::NotFound);
    }
    let (v, changed) = match (
        state.app.showcase_market(&slug).await,
        state.app.showcase_last_change().await,
    ) {
        (Ok(v), Ok(c)) => (v, c),
        (Err(e), _) | (_, Err(e)) => return fail(&state, lang, e),
    };
    let mut layout =
        PublicLayout::new(&state, &headers, lang, &format!("/regional/maerkte/{slug}"));
    layout.title = layout.text(&v.market.data.name).to_owned();
    layout.description = layout.text(&v.market.data.description).to_owned();
    let today = standort_app::network::day_start(standort_app::showcase::local(state.app.now()));
    let ld = seo::market_ld(&layout, &v.market, today);
    let layout = layout.with_json_ld(ld);
    let line = MarketLine::of(&layout, &v.market);
    page(
        &ShowPage {
            when: line.when,
            place: line.place,
            page: &layout,
            v: &v,
        },
        changed,
        lang,
    )
}
