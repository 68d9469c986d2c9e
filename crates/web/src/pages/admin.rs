//! Administration: accounts and the audit log.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::accounts::NewUserInput;
use standort_app::policy::{Permission, allows};
use standort_app::{Actor, PageRequest};
use standort_domain::{Language, Role, UserId};
use standort_store::audit::{AuditEntry, AuditFilter};
use standort_store::orgs::Organisation;
use standort_store::users::User;

use super::{Layout, Pager, render};
use crate::AppState;
use crate::context::{Ctx, PageForm, PagePath, PageQuery, UserCtx};
use crate::error::PageError;
use crate::i18n::locales;
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "admin",
    help: &["help-admin"],
    locales: locales!("admin"),
    pages: routes,
    api: crate::api::admin::routes,
    openapi: crate::api::admin::openapi,
    nav: &[
        NavEntry {
            href: "/admin/users",
            label_key: "nav-users",
            visible: |role| allows(role, Permission::ManageAccounts),
        },
        NavEntry {
            href: "/admin/audit",
            label_key: "nav-audit",
            visible: |role| allows(role, Permission::ReadAuditLog),
        },
    ],
    ..WebModule::EMPTY
};

fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users).post(create_user))
        .route("/admin/users/{id}/disable", post(disable_user))
        .route("/admin/users/{id}/enable", post(enable_user))
        .route("/admin/users/{id}/reset-password", post(reset_password))
        .route("/admin/audit", get(audit))
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage<'a> {
    page: &'a Layout,
    count: String,
    users: &'a [User],
    orgs: &'a [Organisation],
    /// The organisations a new account can be opened for (own + search hits).
    choices: &'a [Organisation],
    /// The organisation search typed into the new-account form.
    org_query: String,
    pager: Pager,
    roles: &'a [Role],
    languages: &'a [Language],
    /// Shown once after a password reset.
    reset: Option<String>,
}

impl UsersPage<'_> {
    fn org_name(&self, id: &standort_domain::OrgId) -> &str {
        self.orgs
            .iter()
            .find(|o| o.id == *id)
            .map(|o| o.name.as_str())
            .unwrap_or("")
    }
}

async fn users_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    q: &UsersQuery,
    reset: Option<String>,
) -> Response {
    let overview = match state
        .app
        .account_overview(actor, PageRequest::new(q.limit, q.offset), q.oq.as_deref())
        .await
    {
        Ok(found) => found,
        Err(e) => return PageError::new(e.into(), ctx).into_response(),
    };
    let layout =
        Layout::new(ctx, "users-title").with_notice(super::notice(&ctx.tr, q.done.as_deref()));
    render(&UsersPage {
        page: &layout,
        count: ctx.tr.tn("users-count", "count", overview.users.total),
        users: &overview.users.items,
        orgs: &overview.organisations,
        choices: &overview.choices,
        org_query: q.oq.clone().unwrap_or_default(),
        pager: Pager::new(&ctx.tr, &overview.users, "/admin/users"),
        roles: &Role::ALL,
        languages: &Language::ALL,
        reset,
    })
}

/// The account page's query: the list's page, a confirmation, and the organisation search of
/// the new-account form.
#[derive(Debug, serde::Deserialize)]
pub struct UsersQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    done: Option<String>,
    oq: Option<String>,
}

pub async fn users(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<UsersQuery>,
) -> Response {
    users_page(&state, &ctx, &actor, &q, None).await
}

pub async fn create_user(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<NewUserInput>,
) -> Response {
    match state.app.create_user(&actor, &form).await {
        Ok(_) => Redirect::to("/admin/users?done=user-created-ok").into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

pub async fn disable_user(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.set_user_disabled(&actor, UserId(id), true).await {
        Ok(_) => Redirect::to("/admin/users?done=user-updated-ok").into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

pub async fn enable_user(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.set_user_disabled(&actor, UserId(id), false).await {
        Ok(_) => Redirect::to("/admin/users?done=user-updated-ok").into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

/// Shows the new password on the answer itself (never in a URL or a log).
pub async fn reset_password(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.reset_password(&actor, UserId(id)).await {
        Ok((user, password)) => {
            let message = ctx.tr.ts2(
                "user-reset-done",
                "email",
                &user.email,
                "password",
                &password,
            );
            let q = UsersQuery {
                limit: None,
                offset: None,
                done: None,
                oq: None,
            };
            users_page(&state, &ctx, &actor, &q, Some(message)).await
        }
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    action: Option<String>,
    entity: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    page: &'a Layout,
    entries: &'a [AuditEntry],
    pager: Pager,
    action: &'a str,
    entity: &'a str,
}

impl AuditPage<'_> {
    fn change(&self, e: &AuditEntry) -> String {
        match (&e.before, &e.after) {
            (None, None) => String::new(),
            (Some(b), None) => b.to_string(),
            (None, Some(a)) => a.to_string(),
            (Some(b), Some(a)) => format!("{b} → {a}"),
        }
    }
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

pub async fn audit(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<AuditQuery>,
) -> Response {
    let filter = AuditFilter {
        action: non_empty(&q.action),
        entity: non_empty(&q.entity),
        ..Default::default()
    };
    match state
        .app
        .browse_audit_log(&actor, &filter, PageRequest::new(q.limit, q.offset))
        .await
    {
        Ok(page) => {
            let action = filter.action.clone().unwrap_or_default();
            let entity = filter.entity.clone().unwrap_or_default();
            let base: String = form_urlencoded::Serializer::new(String::from("/admin/audit?"))
                .append_pair("action", &action)
                .append_pair("entity", &entity)
                .finish();
            let layout = Layout::new(&ctx, "audit-title");
            render(&AuditPage {
                page: &layout,
                entries: &page.items,
                pager: Pager::new(&ctx.tr, &page, &base),
                action: &action,
                entity: &entity,
            })
        }
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}
