//! The catalogue: items with their standard, pack size and GTIN; staff add items.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use standort_app::policy::{Permission, allows};
use standort_app::procurement::{CATEGORIES, ItemInput};

use super::{notice, pairs, units};
use crate::AppState;
use crate::context::{PageForm, UserCtx};
use crate::pages::form::{done, fail};
use crate::pages::{Layout, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/procurement/items", get(list).post(create))
}

#[derive(Template)]
#[template(path = "procurement_items.html")]
struct ItemsPage<'a> {
    page: &'a Layout,
    /// (code, name, category, standard, pack, gtin)
    rows: Vec<(String, String, String, String, String, String)>,
    can_create: bool,
    categories: Vec<(&'static str, String)>,
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let items = match state.app.list_items(&actor).await {
        Ok(i) => i,
        Err(e) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    let layout = Layout::new(&ctx, "procurement-items-title").with_notice(notice(tr, &p));
    render(&ItemsPage {
        page: &layout,
        rows: items
            .into_iter()
            .map(|i| {
                (
                    i.code,
                    i.name,
                    tr.t(format!("procurement-category-{}", i.category)),
                    i.standard,
                    units(tr, i.pack_size),
                    i.gtin.unwrap_or_else(|| "–".into()),
                )
            })
            .collect(),
        can_create: allows(actor.role(), Permission::CoordinateProcurement),
        categories: CATEGORIES
            .iter()
            .map(|c| (*c, tr.t(format!("procurement-category-{c}"))))
            .collect(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<ItemInput>,
) -> Response {
    done(
        state.app.create_item(&actor, &form).await.map(|_| ()),
        &ctx,
        "/procurement/items?done=procurement-item-created-ok".into(),
    )
}
