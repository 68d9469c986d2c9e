//! Administration: accounts and the audit log (its page in [`audit`]).

mod audit;

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::Actor;
use standort_app::accounts::{NewUserInput, UserQuery};
use standort_app::export::Value;
use standort_app::policy::{Permission, allows};
use standort_domain::{Language, Role, UserId};
use standort_store::orgs::Organisation;
use standort_store::users::{User, UserSort};

use super::list::{ListState, ListView, download};
use super::{Layout, Pager, form, render};
use crate::AppState;
use crate::context::{Ctx, PageForm, PagePath, UserCtx};
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
        .route("/admin/audit", get(audit::audit))
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
    list: ListView,
    /// The list's search and filters as the URL gives them.
    q: String,
    role: String,
    org: String,
    status: String,
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

/// The accounts list's filters (query parameters besides `q`, `sort`, `dir`, the page).
const USER_FILTERS: &[&str] = &["role", "org", "status"];

/// The accounts list's columns: translation key and sort key (the last, the actions, is not
/// in the download).
const USER_COLUMNS: &[(&str, Option<UserSort>)] = &[
    ("user-name", Some(UserSort::Name)),
    ("user-email", Some(UserSort::Email)),
    ("user-role", Some(UserSort::Role)),
    ("user-organisation", Some(UserSort::Organisation)),
    ("user-status", Some(UserSort::Status)),
    ("user-actions", None),
];

async fn users_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    raw: Option<&str>,
    reset: Option<String>,
) -> Response {
    let p = form::pairs(raw);
    let st = match ListState::<UserSort>::parse("/admin/users", &p, USER_FILTERS) {
        Ok(st) => st,
        Err(refused) => return PageError::new(refused, ctx).into_response(),
    };
    let query = UserQuery {
        text: Some(st.q.clone()),
        role: st.filter("role").map(str::to_owned),
        org: st.filter("org").map(str::to_owned),
        status: st.filter("status").map(str::to_owned),
        order: st.order,
    };
    let org_query = form::first(&p, "oq");
    let overview = match state
        .app
        .account_overview(actor, &query, st.rows(), org_query.as_deref())
        .await
    {
        Ok(found) => found,
        Err(e) => return PageError::new(e.into(), ctx).into_response(),
    };
    let done = form::first(&p, "done");
    let layout =
        Layout::new(ctx, "users-title").with_notice(super::notice(&ctx.tr, done.as_deref()));
    let view = UsersPage {
        page: &layout,
        count: ctx.tr.tn("users-count", "count", overview.users.total),
        users: &overview.users.items,
        orgs: &overview.organisations,
        choices: &overview.choices,
        org_query: org_query.clone().unwrap_or_default(),
        pager: Pager::new(&ctx.tr, &overview.users, &st.base()),
        list: st.view(&ctx.tr, USER_COLUMNS),
        q: st.q.clone(),
        role: query.role.clone().unwrap_or_default(),
        org: query.org.clone().unwrap_or_default(),
        status: query.status.clone().unwrap_or_default(),
        roles: &Role::ALL,
        languages: &Language::ALL,
        reset,
    };
    if let Some(format) = st.format {
        let rows = overview
            .users
            .items
            .iter()
            .map(|u| {
                vec![
                    Value::from(u.display_name.as_str()),
                    Value::from(u.email.as_str()),
                    Value::from(ctx.tr.role(&u.role)),
                    Value::from(view.org_name(&u.org_id)),
                    Value::from(ctx.tr.t(if u.disabled {
                        "user-disabled"
                    } else {
                        "user-active"
                    })),
                ]
            })
            .collect();
        let columns: Vec<&str> = USER_COLUMNS[..USER_COLUMNS.len() - 1]
            .iter()
            .map(|(k, _)| *k)
            .collect();
        return download(ctx, format, "accounts", &columns, rows);
    }
    render(&view)
}

pub async fn users(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    users_page(&state, &ctx, &actor, raw.as_deref(), None).await
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
            users_page(&state, &ctx, &actor, None, Some(message)).await
        }
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}
