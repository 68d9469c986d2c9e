//! Agreements: the list (staff: all; a clinic or employer: its own organisation's) with a
//! form for a new one, and an agreement's page with parties and obligations (owner, due day,
//! fulfilled), where staff add obligations and mark them fulfilled.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::PageRequest;
use standort_app::network::{AgreementInput, AgreementView, ObligationInput};
use standort_store::network::Agreement;

use super::{can_manage, fail, first, notice, org_options, pairs};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::form::done;
use crate::pages::{Layout, Pager, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/agreements", get(list).post(create))
        .route("/network/agreements/{id}", get(show))
        .route("/network/agreements/{id}/obligations", post(add_obligation))
        .route(
            "/network/agreements/{id}/obligations/{obligation}/done",
            post(complete),
        )
}

#[derive(Template)]
#[template(path = "network_agreements.html")]
struct ListPage<'a> {
    page: &'a Layout,
    agreements: &'a [Agreement],
    pager: Pager,
    can_create: bool,
    orgs: Vec<(i64, String)>,
    /// The organisation picker's search.
    org_query: String,
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
        .list_agreements(&actor, PageRequest::new(Some(50), offset))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let can_create = can_manage(&actor);
    let layout = Layout::new(&ctx, "network-agreements-title").with_notice(notice(&ctx.tr, &p));
    render(&ListPage {
        page: &layout,
        agreements: &list.items,
        pager: Pager::new(&ctx.tr, &list, "/network/agreements"),
        can_create,
        orgs: if can_create {
            org_options(&state, &actor, &first(&p, "oq").unwrap_or_default()).await
        } else {
            Vec::new()
        },
        org_query: first(&p, "oq").unwrap_or_default(),
    })
}

/// The form sends the parties as two selects; the use case takes them comma-separated.
#[derive(Debug, Default, serde::Deserialize)]
pub struct AgreementForm {
    title: Option<String>,
    kind: Option<String>,
    signed_on: Option<String>,
    ends_on: Option<String>,
    trip_id: Option<String>,
    party_a: Option<String>,
    party_b: Option<String>,
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<AgreementForm>,
) -> Response {
    let input = AgreementInput {
        title: form.title,
        kind: form.kind,
        status: None,
        signed_on: form.signed_on,
        ends_on: form.ends_on,
        trip_id: form.trip_id,
        parties: Some(format!(
            "{},{}",
            form.party_a.unwrap_or_default(),
            form.party_b.unwrap_or_default()
        )),
    };
    match state.app.create_agreement(&actor, &input).await {
        Ok(a) => Redirect::to(&format!(
            "/network/agreements/{}?done=network-saved-ok",
            a.id
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "network_agreement.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    view: &'a AgreementView,
    /// (id, description, due, done)
    obligations: Vec<(i64, String, String, bool)>,
    signed_on: String,
    ends_on: String,
    can_edit: bool,
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let v = match state.app.get_agreement(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let mut layout = Layout::new(&ctx, "network-agreements-title").with_notice(notice(&ctx.tr, &p));
    layout.title = v.agreement.data.title.clone();
    render(&ShowPage {
        page: &layout,
        obligations: v
            .obligations
            .iter()
            .map(|o| {
                (
                    o.id,
                    o.description.clone(),
                    ctx.tr.date(Some(o.due_day)),
                    o.done_at.is_some(),
                )
            })
            .collect(),
        signed_on: ctx.tr.date(v.agreement.data.signed_on),
        ends_on: ctx.tr.date(v.agreement.data.ends_on),
        can_edit: can_manage(&actor),
        view: &v,
    })
}

pub async fn add_obligation(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<ObligationInput>,
) -> Response {
    let r = state
        .app
        .add_obligation(&actor, id, &form)
        .await
        .map(|_| ());
    done(
        r,
        &ctx,
        format!("/network/agreements/{id}?done=network-saved-ok"),
    )
}

pub async fn complete(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, obligation)): PagePath<(i64, i64)>,
) -> Response {
    let r = state.app.complete_obligation(&actor, id, obligation).await;
    done(
        r,
        &ctx,
        format!("/network/agreements/{id}?done=network-saved-ok"),
    )
}
