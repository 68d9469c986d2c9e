//! `/procurement`: a clinic buyer goes straight to their clinic; agency staff see every
//! clinic's state and the ways to the orders, allocations and catalogue.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::policy::{Permission, allows};
use standort_domain::Role;

use super::{days, notice, pairs};
use crate::AppState;
use crate::context::UserCtx;
use crate::pages::form::fail;
use crate::pages::{Layout, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/procurement", get(overview))
}

struct Row {
    id: i64,
    name: String,
    critical: usize,
    reorder: usize,
    short_dated: usize,
    lowest: String,
}

#[derive(Template)]
#[template(path = "procurement_overview.html")]
struct OverviewPage<'a> {
    page: &'a Layout,
    rows: Vec<Row>,
    can_coordinate: bool,
}

pub async fn overview(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    if actor.role() == Role::ClinicBuyer {
        return Redirect::to(&format!("/procurement/clinics/{}", actor.user.org_id))
            .into_response();
    }
    let p = pairs(raw.as_deref());
    let list = match state.app.supply_overview(&actor).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    let layout = Layout::new(&ctx, "procurement-title").with_notice(notice(tr, &p));
    render(&OverviewPage {
        page: &layout,
        rows: list
            .into_iter()
            .map(|s| Row {
                id: s.clinic.id.0,
                name: s.clinic.name,
                critical: s.critical,
                reorder: s.reorder,
                short_dated: s.short_dated_lots,
                lowest: s.lowest.map_or_else(
                    || "–".into(),
                    |(item, d)| format!("{item}: {}", days(tr, Some(d))),
                ),
            })
            .collect(),
        can_coordinate: allows(actor.role(), Permission::CoordinateProcurement),
    })
}
