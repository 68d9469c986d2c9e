//! Pooled orders: the list (staff open new ones), one order with the lines the actor may see
//! (a buyer: their clinic's, with the form to set them while the order is open; staff: every
//! clinic's, the totals in packs, the next step and the split of the delivery).

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::policy::{Permission, allows};
use standort_app::procurement::{LineInput, OrderInput, OrderView, Rule, TransportMode};

use super::{day_label, notice, pairs, units};
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::form::{done, fail};
use crate::pages::{Layout, render};
use crate::{AppState, Tr};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/procurement/orders", get(list).post(create))
        .route("/procurement/orders/{id}", get(show))
        .route("/procurement/orders/{id}/lines", post(set_line))
        .route("/procurement/orders/{id}/status", post(advance))
}

fn order_day(tr: &Tr, unix: Option<i64>) -> String {
    day_label(tr, unix.map(|u| u.div_euclid(86_400)))
}

#[derive(Template)]
#[template(path = "procurement_orders.html")]
struct ListPage<'a> {
    page: &'a Layout,
    /// (id, title, supplier, mode, status, deadline)
    rows: Vec<(i64, String, String, String, String, String)>,
    can_create: bool,
    suppliers: Vec<(i64, String)>,
    modes: Vec<(&'static str, String)>,
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let orders = match state.app.list_orders(&actor).await {
        Ok(o) => o,
        Err(e) => return fail(e, &ctx),
    };
    let can_create = allows(actor.role(), Permission::CoordinateProcurement);
    let suppliers = if can_create {
        match state.app.list_suppliers(&actor).await {
            Ok(list) => list.into_iter().map(|o| (o.id.0, o.name)).collect(),
            Err(e) => return fail(e, &ctx),
        }
    } else {
        Vec::new()
    };
    let tr = &ctx.tr;
    let layout = Layout::new(&ctx, "procurement-orders-title").with_notice(notice(tr, &p));
    render(&ListPage {
        page: &layout,
        rows: orders
            .into_iter()
            .map(|o| {
                (
                    o.id,
                    o.title,
                    o.supplier_name,
                    tr.t(format!("procurement-mode-{}", o.transport_mode)),
                    tr.t(format!("procurement-order-status-{}", o.status)),
                    order_day(tr, o.deadline),
                )
            })
            .collect(),
        can_create,
        suppliers,
        modes: TransportMode::ALL
            .iter()
            .map(|m| (m.as_str(), tr.t(format!("procurement-mode-{}", m.as_str()))))
            .collect(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<OrderInput>,
) -> Response {
    match state.app.create_order(&actor, &form).await {
        Ok(o) => Redirect::to(&format!(
            "/procurement/orders/{}?done=procurement-order-created-ok",
            o.id
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "procurement_order.html")]
struct OrderPage<'a> {
    page: &'a Layout,
    id: i64,
    facts: Vec<(String, String)>,
    /// (clinic, item, units)
    lines: Vec<(String, String, String)>,
    /// (item, units, packs)
    totals: Vec<(String, String, String)>,
    items: Vec<(i64, String, i64)>,
    can_edit_lines: bool,
    can_coordinate: bool,
    next_status: Option<(&'static str, String)>,
    can_split: bool,
    rules: Vec<(&'static str, String)>,
}

fn order_page(ctx: &crate::context::Ctx, v: &OrderView, notice: Option<String>) -> Response {
    let tr = &ctx.tr;
    let mut layout = Layout::new(ctx, "procurement-order-title").with_notice(notice);
    layout.title = v.order.title.clone();
    let item_name = |id: i64| {
        v.items
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.name.clone())
            .unwrap_or_default()
    };
    let next_status = match v.order.status.as_str() {
        "open" => Some("ordered"),
        _ => None,
    }
    .filter(|_| v.can_coordinate)
    .map(|s| (s, tr.t(format!("procurement-order-to-{s}"))));
    render(&OrderPage {
        page: &layout,
        id: v.order.id,
        facts: vec![
            (tr.t("procurement-supplier"), v.order.supplier_name.clone()),
            (
                tr.t("procurement-mode"),
                tr.t(format!("procurement-mode-{}", v.order.transport_mode)),
            ),
            (
                tr.t("procurement-status"),
                tr.t(format!("procurement-order-status-{}", v.order.status)),
            ),
            (
                tr.t("procurement-deadline"),
                order_day(tr, v.order.deadline),
            ),
        ],
        lines: v
            .lines
            .iter()
            .map(|l| {
                (
                    l.org_name.clone(),
                    item_name(l.item_id),
                    units(tr, l.quantity),
                )
            })
            .collect(),
        totals: v
            .totals
            .iter()
            .map(|(i, u, p)| (i.name.clone(), units(tr, *u), units(tr, *p)))
            .collect(),
        items: v
            .items
            .iter()
            .map(|i| (i.id, i.name.clone(), i.pack_size))
            .collect(),
        can_edit_lines: v.can_edit_lines,
        can_coordinate: v.can_coordinate,
        can_split: v.can_coordinate && v.order.status == "ordered",
        next_status,
        rules: Rule::ALL
            .iter()
            .map(|r| (r.as_str(), tr.t(format!("procurement-rule-{}", r.as_str()))))
            .collect(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    match state.app.order_view(&actor, id).await {
        Ok(v) => order_page(&ctx, &v, notice(&ctx.tr, &p)),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn set_line(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<LineInput>,
) -> Response {
    done(
        state.app.set_order_line(&actor, id, &form).await,
        &ctx,
        format!("/procurement/orders/{id}?done=procurement-line-ok"),
    )
}

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    pub status: String,
}

pub async fn advance(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<StatusForm>,
) -> Response {
    done(
        state.app.advance_order(&actor, id, &form.status).await,
        &ctx,
        format!("/procurement/orders/{id}?done=procurement-order-advanced-ok"),
    )
}
