//! Home, login, logout and the language selector.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use standort_domain::Language;

use super::{Layout, render};
use crate::AppState;
use crate::context::{CSRF_COOKIE, Ctx, LANG_COOKIE, PageForm, PageQuery, SESSION_COOKIE};
use crate::error::{Failure, PageError};
use crate::i18n::locales;
use crate::module::WebModule;

/// Home, login, logout and the language selector: the pages before and around a session.
pub(crate) const MODULE: WebModule = WebModule {
    name: "auth",
    locales: locales!("auth"),
    pages: routes,
    ..WebModule::EMPTY
};

fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/language", post(set_language))
}

pub async fn home(ctx: Ctx) -> Redirect {
    if ctx.actor().is_some() {
        Redirect::to("/dashboard")
    } else {
        Redirect::to("/login")
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    page: &'a Layout,
    email: &'a str,
    next: &'a str,
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    done: Option<String>,
}

/// Only local paths are followed after login and after choosing a language (no open
/// redirect); anything else leads to the dashboard.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n) if is_local_path(n) => n,
        _ => "/dashboard",
    }
}

/// Whether a browser resolves `target` to a path on this site. A browser parses it as a WHATWG
/// URL: it removes tabs and newlines anywhere, strips leading spaces and control characters,
/// and reads `\` as `/`, so `/\t/evil.example` or `/\evil.example` become `//evil.example`,
/// another host. Hence: one `/` first, then printable ASCII only (non-ASCII arrives
/// percent-encoded from our own links), no backslash, and no second `/` right after the first.
fn is_local_path(target: &str) -> bool {
    target.starts_with('/')
        && !target.starts_with("//")
        && target.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

pub async fn login_page(ctx: Ctx, PageQuery(q): PageQuery<LoginQuery>) -> Response {
    if ctx.actor().is_some() {
        return Redirect::to("/dashboard").into_response();
    }
    let layout =
        Layout::new(&ctx, "login-title").with_notice(super::notice(&ctx.tr, q.done.as_deref()));
    render(&LoginPage {
        page: &layout,
        email: "",
        next: safe_next(q.next.as_deref()),
        error: None,
    })
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    PageForm(form): PageForm<LoginForm>,
) -> Response {
    match state
        .app
        .login(&form.email, &form.password, &ctx.client_ip)
        .await
    {
        Ok(session) => {
            let max_age = session.expires_at - state.app.now();
            let jar = jar
                .add(ctx.cookie(SESSION_COOKIE, session.token, Some(max_age)))
                .remove(ctx.cookie(CSRF_COOKIE, String::new(), None));
            (jar, Redirect::to(safe_next(form.next.as_deref()))).into_response()
        }
        Err(e) => {
            let failure = Failure::from(e);
            if matches!(failure, Failure::Internal) {
                return PageError::new(failure, &ctx).into_response();
            }
            let status = failure.status();
            let retry = match &failure {
                Failure::TooManyAttempts {
                    retry_after_seconds,
                } => Some(*retry_after_seconds),
                _ => None,
            };
            let layout = Layout::new(&ctx, "login-title");
            let mut response = render(&LoginPage {
                page: &layout,
                email: &form.email,
                next: safe_next(form.next.as_deref()),
                error: Some(failure.message(&ctx.tr)),
            });
            *response.status_mut() = status;
            if let Some(seconds) = retry {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, seconds.into());
            }
            response
        }
    }
}

pub async fn logout(State(state): State<AppState>, ctx: Ctx, jar: CookieJar) -> Response {
    if let (Some(token), Some(actor)) = (&ctx.session_token, ctx.actor())
        && let Err(e) = state.app.logout(token, actor).await
    {
        return PageError::new(e.into(), &ctx).into_response();
    }
    let jar = jar.remove(ctx.cookie(SESSION_COOKIE, String::new(), None));
    (jar, Redirect::to("/login?done=logged-out")).into_response()
}

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    lang: String,
    back: Option<String>,
}

/// Remembers the chosen language in a cookie and, when logged in, on the account.
pub async fn set_language(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    PageForm(form): PageForm<LanguageForm>,
) -> Response {
    let Some(lang) = Language::parse(&form.lang).filter(|l| l.code() == form.lang.trim()) else {
        return PageError::new(
            Failure::Validation {
                field: "lang",
                code: "unknown-language",
            },
            &ctx,
        )
        .into_response();
    };
    if let Some(actor) = ctx.actor()
        && let Err(e) = state.app.set_own_language(actor, lang).await
    {
        return PageError::new(e.into(), &ctx).into_response();
    }
    let jar = jar.add(ctx.cookie(LANG_COOKIE, lang.code().to_owned(), Some(365 * 24 * 3600)));
    let back = safe_next(form.back.as_deref());
    let back = if back == "/dashboard" && ctx.actor().is_none() {
        "/login"
    } else {
        back
    };
    (
        StatusCode::SEE_OTHER,
        jar,
        [(header::LOCATION, back.to_owned())],
    )
        .into_response()
}
