//! The network's start page: for staff, obligations due and the latest approaches; for a
//! clinic or employer, the agreements of its own organisation; links to every section.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::PageRequest;
use standort_app::policy::{Permission, allows};

use super::{fail, notice, pairs};
use crate::AppState;
use crate::context::UserCtx;
use crate::pages::{Layout, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/network", get(overview))
}

#[derive(Template)]
#[template(path = "network_overview.html")]
struct OverviewPage<'a> {
    page: &'a Layout,
    full: bool,
    figures: bool,
    agreements_link: bool,
    contacts: bool,
    /// The scopes shared with partner agencies (staff).
    partners: bool,
    /// The import and the duplicates (staff).
    manage: bool,
    /// (agreement id, agreement title, obligation, due day)
    due: Vec<(i64, String, String, String)>,
    due_total: i64,
    /// (org id, company, channel key, day, by)
    approaches: Vec<(i64, String, String, String, String)>,
    /// (id, title, status key)
    agreements: Vec<(i64, String, String)>,
}

pub async fn overview(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let role = actor.role();
    // A partner agency's part of the network is the shared visit log.
    if allows(role, Permission::ReadSharedVisitLog) {
        return Redirect::to("/network/approaches").into_response();
    }
    let full = allows(role, Permission::ReadNetwork);
    let mut due = Vec::new();
    let mut due_total = 0;
    let mut approaches = Vec::new();
    let mut agreements = Vec::new();
    if full {
        match state.app.obligations_due(&actor, 14).await {
            Ok((items, total)) => {
                due_total = total;
                due = items
                    .into_iter()
                    .map(|o| {
                        (
                            o.agreement_id,
                            o.agreement_title,
                            o.description,
                            ctx.tr.date(Some(o.due_day)),
                        )
                    })
                    .collect();
            }
            Err(e) => return fail(e, &ctx),
        }
        match state
            .app
            .list_approaches(&actor, None, PageRequest::new(Some(10), None))
            .await
        {
            Ok(list) => {
                approaches = list
                    .items
                    .into_iter()
                    .map(|a| {
                        (
                            a.data.org_id.0,
                            a.org_name,
                            format!("network-channel-{}", a.data.channel.as_str()),
                            ctx.tr.date(Some(a.data.on_day)),
                            a.by_org_name,
                        )
                    })
                    .collect()
            }
            Err(e) => return fail(e, &ctx),
        }
    } else if allows(role, Permission::ReadOwnAgreements) {
        match state
            .app
            .list_agreements(&actor, PageRequest::new(Some(50), None))
            .await
        {
            Ok(list) => {
                agreements = list
                    .items
                    .into_iter()
                    .map(|a| {
                        (
                            a.id,
                            a.data.title,
                            format!("network-status-{}", a.data.status.as_str()),
                        )
                    })
                    .collect()
            }
            Err(e) => return fail(e, &ctx),
        }
    } else if !allows(role, Permission::ReadNetworkFigures) {
        return fail(standort_app::AppError::NotFound, &ctx);
    }
    let layout = Layout::new(&ctx, "network-title").with_notice(notice(&ctx.tr, &p));
    render(&OverviewPage {
        page: &layout,
        full,
        figures: allows(role, Permission::ReadNetworkFigures),
        agreements_link: full || allows(role, Permission::ReadOwnAgreements),
        contacts: allows(role, Permission::ManageNetworkContacts),
        partners: allows(role, Permission::ManagePartnerScopes),
        manage: allows(role, Permission::ManageNetwork),
        due,
        due_total,
        approaches,
        agreements,
    })
}
