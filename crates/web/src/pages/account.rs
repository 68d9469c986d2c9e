//! The user's own account (*Mein Konto*): name and language, password, personal access tokens.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::Actor;
use standort_app::policy::{Permission, allows};
use standort_store::tokens::ApiToken;

use super::{Layout, ListQuery, render};
use crate::AppState;
use crate::context::{Ctx, PageForm, PagePath, PageQuery, UserCtx};
use crate::error::PageError;
use crate::i18n::locales;
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "account",
    help: &["help-account"],
    locales: locales!("account"),
    pages: routes,
    api: crate::api::account::routes,
    openapi: crate::api::account::openapi,
    nav: &[NavEntry {
        href: "/account",
        label_key: "nav-account",
        visible: |role| allows(role, Permission::ManageOwnAccount),
    }],
    ..WebModule::EMPTY
};

fn routes() -> Router<AppState> {
    Router::new()
        .route("/account", get(show))
        .route("/account/tokens", post(create_token))
        .route("/account/profile", post(update_profile))
        .route("/account/password", post(change_password))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    page: &'a Layout,
    email: &'a str,
    role: String,
    tokens: &'a [ApiToken],
    created: Option<String>,
    name: &'a str,
    languages: &'a [standort_domain::Language],
    current_language: standort_domain::Language,
    /// A refused password change, shown at its form.
    password_error: Option<String>,
}

async fn account_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    done: Option<&str>,
    created: Option<String>,
) -> Response {
    account_page_with(state, ctx, actor, done, created, None).await
}

async fn account_page_with(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    done: Option<&str>,
    created: Option<String>,
    password_error: Option<String>,
) -> Response {
    match state.app.list_api_tokens(actor).await {
        Ok(tokens) => {
            let layout =
                Layout::new(ctx, "account-title").with_notice(super::notice(&ctx.tr, done));
            render(&AccountPage {
                page: &layout,
                email: &actor.user.email,
                role: ctx.tr.role(&actor.role()),
                tokens: &tokens,
                created,
                name: &actor.user.display_name,
                languages: &standort_domain::Language::ALL,
                current_language: actor.user.language,
                password_error,
            })
        }
        Err(e) => PageError::new(e.into(), ctx).into_response(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<ListQuery>,
) -> Response {
    account_page(&state, &ctx, &actor, q.done.as_deref(), None).await
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<TokenForm>,
) -> Response {
    match state.app.create_api_token(&actor, &form.name).await {
        Ok(created) => {
            let message = ctx
                .tr
                .ts("account-token-created", "secret", &created.secret);
            account_page(&state, &ctx, &actor, None, Some(message)).await
        }
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.revoke_api_token(&actor, id).await {
        Ok(()) => Redirect::to("/account?done=account-token-revoked-ok").into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub struct ProfileForm {
    display_name: String,
    language: String,
}

pub async fn update_profile(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    jar: axum_extra::extract::cookie::CookieJar,
    PageForm(form): PageForm<ProfileForm>,
) -> Response {
    match state
        .app
        .update_own_account(&actor, &form.display_name, &form.language)
        .await
    {
        Ok(()) => {
            // The page follows the chosen language at once (the cookie is what the language
            // selector sets too).
            let jar = jar.add(ctx.cookie(
                crate::context::LANG_COOKIE,
                form.language.trim().to_owned(),
                Some(365 * 24 * 3600),
            ));
            (jar, Redirect::to("/account?done=account-profile-ok")).into_response()
        }
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    #[serde(default)]
    end_others: Option<String>,
}

pub async fn change_password(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<PasswordForm>,
) -> Response {
    match state
        .app
        .change_own_password(
            &actor,
            ctx.session_token.as_deref(),
            &form.current_password,
            &form.new_password,
            form.end_others.is_some(),
        )
        .await
    {
        Ok(()) => Redirect::to("/account?done=account-password-ok").into_response(),
        Err(e @ standort_app::AppError::Validation(_)) => {
            let failure = crate::error::Failure::from(e);
            let message = failure.message(&ctx.tr);
            let mut response =
                account_page_with(&state, &ctx, &actor, None, None, Some(message)).await;
            *response.status_mut() = failure.status();
            response
        }
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}
