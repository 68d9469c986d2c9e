use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::PageRequest;
use standort_app::organisations::NewOrganisationInput;
use standort_app::policy::{Permission, allows};
use standort_domain::{OrgId, OrgKind};
use standort_store::orgs::Organisation;
use standort_store::users::User;

use super::{Layout, ListQuery, Pager, render};
use crate::AppState;
use crate::context::{PageForm, PagePath, PageQuery, UserCtx};
use crate::error::PageError;
use crate::i18n::locales;
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "organisations",
    locales: locales!("organisations"),
    pages: routes,
    api: crate::api::organisations::routes,
    openapi: crate::api::organisations::openapi,
    nav: &[NavEntry {
        href: "/organisations",
        label_key: "nav-organisations",
        visible: |role| allows(role, Permission::ReadOrganisations),
    }],
};

fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations", get(list).post(create))
        .route("/organisations/{id}", get(show))
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct ListPage<'a> {
    page: &'a Layout,
    count: String,
    orgs: &'a [Organisation],
    pager: Pager,
    can_create: bool,
    kinds: &'a [OrgKind],
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<ListQuery>,
) -> Response {
    match state
        .app
        .list_organisations(&actor, PageRequest::new(q.limit, q.offset))
        .await
    {
        Ok(page) => {
            let layout = Layout::new(&ctx, "organisations-title")
                .with_notice(super::notice(&ctx.tr, q.done.as_deref()));
            render(&ListPage {
                page: &layout,
                count: ctx.tr.tn("organisations-count", "count", page.total),
                orgs: &page.items,
                pager: Pager::new(&ctx.tr, &page, "/organisations"),
                can_create: allows(actor.role(), Permission::ManageAccounts),
                kinds: &OrgKind::ALL,
            })
        }
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<NewOrganisationInput>,
) -> Response {
    match state.app.create_organisation(&actor, &form).await {
        Ok(_) => Redirect::to("/organisations?done=org-created-ok").into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

#[derive(Template)]
#[template(path = "organisation.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    org: &'a Organisation,
    members: &'a [User],
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    let org = match state.app.get_organisation(&actor, OrgId(id)).await {
        Ok(org) => org,
        Err(e) => return PageError::new(e.into(), &ctx).into_response(),
    };
    // Members are listed only for roles that may read accounts; within scope by construction.
    let members = if allows(actor.role(), Permission::ReadUsers) {
        match state
            .app
            .list_users(
                &actor,
                Some(org.id),
                PageRequest::new(Some(PageRequest::MAX_LIMIT), None),
            )
            .await
        {
            Ok(p) => p.items,
            Err(e) => return PageError::new(e.into(), &ctx).into_response(),
        }
    } else {
        Vec::new()
    };
    let mut layout = Layout::new(&ctx, "organisations-title");
    layout.title = org.name.clone();
    render(&ShowPage {
        page: &layout,
        org: &org,
        members: &members,
    })
}
