//! The employer's shortlist ("Merkliste"): the list page on the list kit (sort, search, filter
//! by position, page, CSV/XLSX), and the buttons on a candidate's page that put the candidate
//! on it or take them off. The use cases decide who may (employers, for candidates they may
//! see; everyone else 404) and audit.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::export::Value;
use standort_app::recruitment::{ShortlistInput, ShortlistQuery};
use standort_store::PageRequest;
use standort_store::recruitment::{ShortlistEntry, ShortlistSort};

use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::list::{ListState, ListView, download};
use crate::pages::{Layout, Pager, render};

use super::{fail, pairs};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/recruitment/shortlist", get(list))
        .route("/recruitment/candidates/{id}/shortlist", post(add))
        .route(
            "/recruitment/candidates/{id}/shortlist/remove",
            post(remove),
        )
}

#[derive(Template)]
#[template(path = "recruitment_shortlist.html")]
struct ListPage<'a> {
    page: &'a Layout,
    items: Vec<ShortlistEntry>,
    count: String,
    pager: Pager,
    list: ListView,
    q: String,
    position: String,
    /// The employer's own positions (id, title) for the filter.
    positions: Vec<(i64, String)>,
}

const FILTERS: &[&str] = &["position"];

/// The list's columns: translation key and sort key (shared by the table and its download).
const COLUMNS: &[(&str, Option<ShortlistSort>)] = &[
    ("candidate-name", Some(ShortlistSort::Name)),
    ("candidate-origin", None),
    ("candidate-german", None),
    ("shortlist-position", Some(ShortlistSort::Position)),
    ("shortlist-added", Some(ShortlistSort::Added)),
];

/// The actor's own organisation's positions (id, title), for the selects.
pub(super) async fn own_positions(
    state: &AppState,
    actor: &standort_app::Actor,
) -> Vec<(i64, String)> {
    state
        .app
        .list_positions(actor, PageRequest::new(Some(PageRequest::MAX_LIMIT), None))
        .await
        .map(|l| l.items.into_iter().map(|p| (p.id, p.data.title)).collect())
        .unwrap_or_default()
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let st = match ListState::<ShortlistSort>::parse("/recruitment/shortlist", &p, FILTERS) {
        Ok(st) => st,
        Err(refused) => return crate::error::PageError::new(refused, &ctx).into_response(),
    };
    let query = ShortlistQuery {
        name: Some(st.q.clone()),
        position: st.filter("position").map(str::to_owned),
        order: st.order,
        export: st.export(),
    };
    let found = match state.app.query_shortlist(&actor, &query, st.rows()).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    if let Some(format) = st.format {
        let rows = found
            .items
            .iter()
            .map(|e| {
                vec![
                    Value::from(e.display_name()),
                    Value::from(tr.country(&e.country)),
                    e.german_level.clone().map_or(Value::Empty, Value::from),
                    e.position_title.clone().map_or(Value::Empty, Value::from),
                    Value::from(tr.date_of(e.created_at)),
                ]
            })
            .collect();
        let columns: Vec<&str> = COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(&ctx, format, "shortlist", &columns, rows);
    }
    let layout = Layout::new(&ctx, "shortlist-title");
    render(&ListPage {
        page: &layout,
        count: tr.tn("shortlist-count", "count", found.total),
        pager: Pager::new(tr, &found, &st.base()),
        list: st.view(tr, COLUMNS),
        items: found.items,
        position: query.position.unwrap_or_default(),
        positions: own_positions(&state, &actor).await,
        q: st.q,
    })
}

pub async fn add(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<ShortlistInput>,
) -> Response {
    match state.app.shortlist_add(&actor, id, &form).await {
        Ok(_) => Redirect::to(&format!(
            "/recruitment/candidates/{id}?done=shortlist-added-ok#employer-actions"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.shortlist_remove(&actor, id).await {
        Ok(()) => Redirect::to(&format!(
            "/recruitment/candidates/{id}?done=shortlist-removed-ok#employer-actions"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}
