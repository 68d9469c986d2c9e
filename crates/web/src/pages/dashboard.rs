use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use standort_app::dashboard::Dashboard;

use super::{Layout, render};
use crate::AppState;
use crate::context::UserCtx;
use crate::error::PageError;
use crate::i18n::locales;
use crate::module::{NavEntry, WebModule};

/// Every role's start page (its cards come from `standort_app::dashboard`).
pub(crate) const MODULE: WebModule = WebModule {
    name: "dashboard",
    help: &["help-dashboard"],
    locales: locales!("dashboard"),
    pages: || Router::new().route("/dashboard", get(show)),
    nav: &[NavEntry {
        href: "/dashboard",
        label_key: "nav-dashboard",
        visible: |_| true,
    }],
    ..WebModule::EMPTY
};

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage<'a> {
    page: &'a Layout,
    welcome: String,
    role_line: String,
    board: &'a Dashboard,
    /// Overdue items of the recruitment tracks: (link, text).
    overdue: Vec<(String, String)>,
    /// A clinic buyer's items with their days of supply: (text, critical).
    supply: Vec<(String, bool)>,
}

pub async fn show(State(state): State<AppState>, UserCtx { ctx, actor }: UserCtx) -> Response {
    match state.app.dashboard(&actor).await {
        Ok(board) => {
            let tr = &ctx.tr;
            let layout = Layout::new(&ctx, "dashboard-title");
            render(&DashboardPage {
                page: &layout,
                welcome: tr.ts("dashboard-welcome", "name", &actor.user.display_name),
                role_line: tr.ts2(
                    "dashboard-role",
                    "role",
                    &tr.role(&actor.role()),
                    "organisation",
                    &board.organisation.name,
                ),
                overdue: board
                    .overdue
                    .iter()
                    .map(|l| {
                        (
                            format!("/placements/{}", l.placement_id),
                            tr.ts2(
                                "overdue-line",
                                "name",
                                &l.name,
                                "item",
                                &format!(
                                    "{} – {}",
                                    super::placements::due_label(tr, &l.item),
                                    tr.ts("due-on", "date", &tr.day(l.item.due))
                                ),
                            ),
                        )
                    })
                    .collect(),
                supply: board
                    .supply
                    .iter()
                    .map(|l| {
                        (
                            super::procurement::supply_line(tr, l),
                            l.state == standort_app::procurement::SupplyState::Critical,
                        )
                    })
                    .collect(),
                board: &board,
            })
        }
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}
