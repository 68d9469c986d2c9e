//! Trade fairs and events: the calendar with a form for a new one, and a fair's page with
//! its leads, cost per lead, and the short lead form used at the stand on a phone.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::PageRequest;
use standort_app::network::{FairInput, FairView, LeadInput};
use standort_store::network::Fair;

use super::{can_manage, fail, first, notice, org_options, pairs};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::form::done;
use crate::pages::{Layout, Pager, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/fairs", get(list).post(create))
        .route("/network/fairs/{id}", get(show))
        .route("/network/fairs/{id}/leads", post(add_lead))
}

#[derive(Template)]
#[template(path = "network_fairs.html")]
struct ListPage<'a> {
    page: &'a Layout,
    fairs: &'a [Fair],
    pager: Pager,
    can_create: bool,
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let offset = first(&p, "offset").and_then(|o| o.parse().ok());
    let list = match state
        .app
        .list_fairs(&actor, PageRequest::new(Some(50), offset))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "network-fairs-title").with_notice(notice(&ctx.tr, &p));
    render(&ListPage {
        page: &layout,
        fairs: &list.items,
        pager: Pager::new(&ctx.tr, &list, "/network/fairs"),
        can_create: can_manage(&actor),
    })
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<FairInput>,
) -> Response {
    match state.app.create_fair(&actor, &form).await {
        Ok(f) => {
            Redirect::to(&format!("/network/fairs/{}?done=network-saved-ok", f.id)).into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "network_fair.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    view: &'a FairView,
    /// (org id, org name, note, follow-up)
    leads: Vec<(i64, String, String, String)>,
    start: String,
    end: String,
    can_edit: bool,
    orgs: Vec<(i64, String)>,
    /// The organisation picker's search.
    org_query: String,
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let v = match state.app.get_fair(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let can_edit = can_manage(&actor);
    let mut layout = Layout::new(&ctx, "network-fairs-title").with_notice(notice(&ctx.tr, &p));
    layout.title = v.fair.data.name.clone();
    render(&ShowPage {
        page: &layout,
        leads: v
            .leads
            .iter()
            .map(|l| {
                (
                    l.org_id.0,
                    l.org_name.clone(),
                    l.note.clone(),
                    ctx.tr.date(l.follow_up_day),
                )
            })
            .collect(),
        start: ctx.tr.date(Some(v.fair.data.start_day)),
        end: ctx.tr.date(Some(v.fair.data.end_day)),
        can_edit,
        orgs: if can_edit {
            org_options(&state, &actor, &first(&p, "oq").unwrap_or_default()).await
        } else {
            Vec::new()
        },
        org_query: first(&p, "oq").unwrap_or_default(),
        view: &v,
    })
}

pub async fn add_lead(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<LeadInput>,
) -> Response {
    let r = state.app.add_lead(&actor, id, &form).await.map(|_| ());
    done(
        r,
        &ctx,
        format!("/network/fairs/{id}?done=network-saved-ok"),
    )
}
