//! `/procurement`: a clinic buyer goes straight to their clinic; agency staff see every
//! clinic's state and the ways to the orders, allocations and catalogue.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::export::Value;
use standort_app::policy::{Permission, allows};
use standort_app::procurement::{ClinicQuery, ClinicSort};
use standort_domain::Role;

use super::{days, notice, pairs};
use crate::AppState;
use crate::context::UserCtx;
use crate::pages::form::fail;
use crate::pages::list::{ListState, ListView, download};
use crate::pages::{Layout, Pager, render};

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
    pager: Pager,
    list: ListView,
    q: String,
    can_coordinate: bool,
}

/// The overview's columns: translation key and the key it sorts by.
const CLINIC_COLUMNS: &[(&str, Option<ClinicSort>)] = &[
    ("procurement-clinic", Some(ClinicSort::Name)),
    ("procurement-critical", Some(ClinicSort::Critical)),
    ("procurement-reorder", Some(ClinicSort::Reorder)),
    ("procurement-short-dated", Some(ClinicSort::ShortDated)),
    ("procurement-lowest", Some(ClinicSort::Lowest)),
];

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
    let st = match ListState::<ClinicSort>::parse("/procurement", &p, &[]) {
        Ok(st) => st,
        Err(refused) => return crate::error::PageError::new(refused, &ctx).into_response(),
    };
    let query = ClinicQuery {
        q: st.q.clone(),
        order: st.order,
        page: st.rows(),
    };
    let found = match state.app.supply_overview(&actor, &query).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    let lowest = |s: &standort_app::procurement::ClinicSummary| {
        s.lowest.as_ref().map_or_else(
            || "–".into(),
            |(item, d)| format!("{item}: {}", days(tr, Some(*d))),
        )
    };
    if let Some(format) = st.format {
        let rows = found
            .items
            .iter()
            .map(|s| {
                vec![
                    Value::from(s.clinic.name.as_str()),
                    Value::from(s.critical as i64),
                    Value::from(s.reorder as i64),
                    Value::from(s.short_dated_lots as i64),
                    Value::from(lowest(s)),
                ]
            })
            .collect();
        let columns: Vec<&str> = CLINIC_COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(&ctx, format, "clinics", &columns, rows);
    }
    let layout = Layout::new(&ctx, "procurement-title").with_notice(notice(tr, &p));
    render(&OverviewPage {
        page: &layout,
        rows: found
            .items
            .iter()
            .map(|s| Row {
                id: s.clinic.id.0,
                name: s.clinic.name.clone(),
                critical: s.critical,
                reorder: s.reorder,
                short_dated: s.short_dated_lots,
                lowest: lowest(s),
            })
            .collect(),
        pager: Pager::new(tr, &found, &st.base()),
        list: st.view(tr, CLINIC_COLUMNS),
        q: st.q.clone(),
        can_coordinate: allows(actor.role(), Permission::CoordinateProcurement),
    })
}
