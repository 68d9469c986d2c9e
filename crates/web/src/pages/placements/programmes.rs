//! The programme list and creating a programme.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::PageRequest;
use standort_app::placements::ProgrammeInput;
use standort_app::policy::{Permission, allows};
use standort_domain::date::format_date;

use super::{fail, first, notice, pairs};
use crate::AppState;
use crate::context::{PageForm, UserCtx};
use crate::pages::{Layout, Pager, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/programmes", get(programmes).post(create_programme))
}

#[derive(Template)]
#[template(path = "programme_list.html")]
struct ProgrammesPage<'a> {
    page: &'a Layout,
    count: String,
    rows: Vec<(i64, String, i64, String)>,
    pager: Pager,
    can_create: bool,
}

pub async fn programmes(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    // One page (default 50) with a pager like every other list: a fixed first 200 left the
    // rest unreachable.
    let page_req = PageRequest::new(
        first(&p, "limit").and_then(|v| v.parse().ok()),
        first(&p, "offset").and_then(|v| v.parse().ok()),
    );
    let list = match state.app.list_programmes(&actor, page_req).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "programmes-title").with_notice(notice(&ctx.tr, &p));
    render(&ProgrammesPage {
        page: &layout,
        count: ctx.tr.tn("programmes-count", "count", list.total),
        pager: Pager::new(&ctx.tr, &list, "/programmes"),
        rows: list
            .items
            .iter()
            .map(|g| {
                (
                    g.id,
                    g.data.name.clone(),
                    g.data.target_size,
                    g.data
                        .start_date
                        .map(format_date)
                        .unwrap_or_else(|| "–".into()),
                )
            })
            .collect(),
        can_create: allows(actor.role(), Permission::ManageProgrammes),
    })
}

pub async fn create_programme(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<ProgrammeInput>,
) -> Response {
    match state.app.create_programme(&actor, &form).await {
        Ok(g) => {
            Redirect::to(&format!("/programmes/{}?done=programme-created-ok", g.id)).into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}
