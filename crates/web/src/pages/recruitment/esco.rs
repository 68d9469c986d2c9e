//! The ESCO search page.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use standort_app::esco::SearchHit;
use standort_store::esco::Concept;

use crate::AppState;
use crate::context::UserCtx;
use crate::pages::{Layout, render};

use super::{fail, first, pairs};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/esco/search", get(search))
}

#[derive(Template)]
#[template(path = "recruitment_search.html")]
struct SearchPage<'a> {
    page: &'a Layout,
    q: String,
    kind: String,
    lang: String,
    hits: Vec<SearchHit>,
    searched: bool,
}

pub async fn search(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let q = first(&p, "q").unwrap_or_default();
    let kind = first(&p, "kind").unwrap_or_default();
    let lang = first(&p, "lang").unwrap_or_else(|| ctx.lang().code().to_owned());
    let hits = match state
        .app
        .search_concepts(&actor, &q, Concept::parse(&kind), Some(&lang), 25)
        .await
    {
        Ok(h) => h,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "esco-search-title");
    render(&SearchPage {
        page: &layout,
        searched: !q.trim().is_empty(),
        q,
        kind,
        lang,
        hits,
    })
}
