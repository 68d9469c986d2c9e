//! Contacts: the list with a form for a new one, and a contact's page (organisations with
//! role and period, legal basis, consent history, objection, export and erasure). Every read
//! of a contact is audited by the use case.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::PageRequest;
use standort_app::network::{AffiliationInput, ContactInput, ContactView};
use standort_store::network::Contact;

use super::{day, fail, first, notice, org_options, pairs};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::form::done;
use crate::pages::{Layout, Pager, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/contacts", get(list).post(create))
        .route("/network/contacts/{id}", get(show))
        .route("/network/contacts/{id}/affiliations", post(add_affiliation))
        .route("/network/contacts/{id}/consent", post(consent))
        .route("/network/contacts/{id}/export", get(export))
        .route("/network/contacts/{id}/erase", post(erase))
}

#[derive(Template)]
#[template(path = "network_contacts.html")]
struct ListPage<'a> {
    page: &'a Layout,
    contacts: &'a [Contact],
    pager: Pager,
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
        .list_contacts(&actor, None, PageRequest::new(Some(50), offset))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "network-contacts-title").with_notice(notice(&ctx.tr, &p));
    render(&ListPage {
        page: &layout,
        contacts: &list.items,
        pager: Pager::new(&ctx.tr, &list, "/network/contacts"),
        orgs: org_options(&state, &actor, &first(&p, "oq").unwrap_or_default()).await,
        org_query: first(&p, "oq").unwrap_or_default(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<ContactInput>,
) -> Response {
    match state.app.create_contact(&actor, &form).await {
        Ok(c) => Redirect::to(&format!("/network/contacts/{}?done=network-saved-ok", c.id))
            .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "network_contact.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    view: &'a ContactView,
    /// (org id, org name, role title, from, until)
    affiliations: Vec<(i64, String, String, String, String)>,
    /// (purpose, granted, when)
    consents: Vec<(String, bool, String)>,
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
    let v = match state.app.get_contact(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let mut layout = Layout::new(&ctx, "network-contacts-title").with_notice(notice(&ctx.tr, &p));
    layout.title = v.contact.display_name();
    render(&ShowPage {
        page: &layout,
        affiliations: v
            .affiliations
            .iter()
            .map(|a| {
                (
                    a.org_id.0,
                    a.org_name.clone(),
                    a.role_title.clone(),
                    day(a.from_day),
                    day(a.until_day),
                )
            })
            .collect(),
        consents: v
            .consents
            .iter()
            .map(|c| (c.purpose.clone(), c.granted, ctx.tr.datetime(c.at)))
            .collect(),
        orgs: org_options(&state, &actor, &first(&p, "oq").unwrap_or_default()).await,
        org_query: first(&p, "oq").unwrap_or_default(),
        view: &v,
    })
}

pub async fn add_affiliation(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<AffiliationInput>,
) -> Response {
    let r = state
        .app
        .add_affiliation(&actor, id, &form)
        .await
        .map(|_| ());
    done(
        r,
        &ctx,
        format!("/network/contacts/{id}?done=network-saved-ok"),
    )
}

#[derive(Debug, serde::Deserialize)]
pub struct ConsentForm {
    purpose: String,
    /// `1` granted, `0` withdrawn / objected.
    granted: String,
}

pub async fn consent(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<ConsentForm>,
) -> Response {
    let r = state
        .app
        .record_contact_consent(&actor, id, &form.purpose, form.granted.trim() == "1")
        .await;
    done(
        r,
        &ctx,
        format!("/network/contacts/{id}?done=network-saved-ok"),
    )
}

/// Everything stored about the contact, as a JSON download (GDPR Art. 15/20).
pub async fn export(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.export_contact(&actor, id).await {
        Ok(x) => crate::download::attachment(
            serde_json::to_vec_pretty(&x).unwrap_or_default(),
            "application/json",
            &format!("kontakt-{id}.json"),
        ),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn erase(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    let r = state.app.erase_contact(&actor, id).await;
    done(
        r,
        &ctx,
        "/network/contacts?done=network-contact-erased-ok".into(),
    )
}
