//! Allocations of a short shipment or a donation: the list (staff propose a donation's split),
//! one allocation with the shares the actor may see and why (days of supply before and after),
//! and delivering it into the clinics' stock.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::policy::{Permission, allows};
use standort_app::procurement::{AllocationInput, AllocationView, Rule};

use super::{day_label, days, notice, pairs, units};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::i18n::Tr;
use crate::pages::form::{done, fail};
use crate::pages::{Layout, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/procurement/allocations", get(list).post(create))
        .route("/procurement/allocations/{id}", get(show))
        .route("/procurement/allocations/{id}/deliver", post(deliver))
}

fn rules(tr: &Tr) -> Vec<(&'static str, String)> {
    Rule::ALL
        .iter()
        .map(|r| (r.as_str(), tr.t(format!("procurement-rule-{}", r.as_str()))))
        .collect()
}

#[derive(Template)]
#[template(path = "procurement_allocations.html")]
struct ListPage<'a> {
    page: &'a Layout,
    /// (id, title, item, available, rule, status)
    rows: Vec<(i64, String, String, String, String, String)>,
    can_create: bool,
    items: Vec<(i64, String)>,
    rules: Vec<(&'static str, String)>,
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let (list, items) = match (
        state.app.list_allocations(&actor).await,
        state.app.list_items(&actor).await,
    ) {
        (Ok(l), Ok(i)) => (l, i),
        (Err(e), _) | (_, Err(e)) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    let item_name = |id: i64| {
        items
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.name.clone())
            .unwrap_or_default()
    };
    let layout = Layout::new(&ctx, "procurement-allocations-title").with_notice(notice(tr, &p));
    render(&ListPage {
        page: &layout,
        rows: list
            .iter()
            .map(|a| {
                (
                    a.id,
                    a.title.clone(),
                    item_name(a.item_id),
                    units(tr, a.available),
                    tr.t(format!("procurement-rule-{}", a.rule)),
                    tr.t(format!("procurement-allocation-status-{}", a.status)),
                )
            })
            .collect(),
        can_create: allows(actor.role(), Permission::CoordinateProcurement),
        items: items.iter().map(|i| (i.id, i.name.clone())).collect(),
        rules: rules(tr),
    })
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<AllocationInput>,
) -> Response {
    match state.app.create_allocation(&actor, &form).await {
        Ok(a) => Redirect::to(&format!(
            "/procurement/allocations/{}?done=procurement-allocation-created-ok",
            a.id
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

struct ShareRow {
    clinic: String,
    requested: String,
    stock: String,
    per_day: String,
    allocated: String,
    before: String,
    after: String,
    why: String,
}

#[derive(Template)]
#[template(path = "procurement_allocation.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    id: i64,
    facts: Vec<(String, String)>,
    rule_text: String,
    shares: Vec<ShareRow>,
    can_deliver: bool,
}

fn show_page(ctx: &crate::context::Ctx, v: &AllocationView, notice: Option<String>) -> Response {
    let tr = &ctx.tr;
    let mut layout = Layout::new(ctx, "procurement-allocation-title").with_notice(notice);
    layout.title = v.allocation.title.clone();
    let a = &v.allocation;
    render(&ShowPage {
        page: &layout,
        id: a.id,
        facts: vec![
            (tr.t("procurement-item"), v.item.name.clone()),
            (
                tr.t("procurement-source"),
                tr.t(format!("procurement-source-{}", a.source)),
            ),
            (tr.t("procurement-available"), units(tr, a.available)),
            (
                tr.t("procurement-packs"),
                tr.tn("procurement-pack-of", "n", a.pack_size),
            ),
            (
                tr.t("procurement-rule"),
                tr.t(format!("procurement-rule-{}", a.rule)),
            ),
            (tr.t("procurement-lot"), a.lot.clone()),
            (
                tr.t("procurement-expires"),
                day_label(tr, a.expires_on.map(|u| u.div_euclid(86_400))),
            ),
            (
                tr.t("procurement-status"),
                tr.t(format!("procurement-allocation-status-{}", a.status)),
            ),
        ],
        rule_text: tr.t(format!("procurement-rule-{}-explain", a.rule)),
        shares: v
            .shares
            .iter()
            .map(|s| ShareRow {
                clinic: s.org_name.clone(),
                requested: units(tr, s.requested),
                stock: units(tr, s.stock),
                per_day: tr.decimal(s.per_day, 1),
                allocated: units(tr, s.allocated),
                before: days(tr, s.days_before),
                after: days(tr, s.days_after),
                why: if s.allocated >= s.requested {
                    tr.t("procurement-share-full")
                } else if s.allocated == 0 {
                    tr.t("procurement-share-none")
                } else {
                    tr.t("procurement-share-part")
                },
            })
            .collect(),
        can_deliver: v.can_deliver,
    })
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    match state.app.allocation_view(&actor, id).await {
        Ok(v) => show_page(&ctx, &v, notice(&ctx.tr, &p)),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn deliver(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    done(
        state.app.deliver_allocation(&actor, id).await,
        &ctx,
        format!("/procurement/allocations/{id}?done=procurement-allocation-delivered-ok"),
    )
}
