//! Server-rendered pages. Every page route sits behind [`crate::context::resolve`].

pub(crate) mod account;
pub(crate) mod admin;
pub(crate) mod auth;
pub(crate) mod dashboard;
pub(crate) mod demography;
pub(crate) mod organisations;
pub mod placements;
pub(crate) mod portal;
pub(crate) mod recruitment;

use askama::Template;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use standort_app::policy::{Permission, allows};
use standort_domain::Language;

use crate::AppState;
use crate::context::{Ctx, resolve};
use crate::i18n::{ModuleLocales, Tr, locales};

/// Layout, navigation, error pages and the validation messages every module shares.
pub(crate) const LOCALES: ModuleLocales = locales!("shell");

pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(auth::home))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/language", post(auth::set_language))
        .route("/dashboard", get(dashboard::show))
        .route(
            "/organisations",
            get(organisations::list).post(organisations::create),
        )
        .route("/organisations/{id}", get(organisations::show))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/{id}/disable", post(admin::disable_user))
        .route("/admin/users/{id}/enable", post(admin::enable_user))
        .route(
            "/admin/users/{id}/reset-password",
            post(admin::reset_password),
        )
        .route("/admin/audit", get(admin::audit))
        .route("/account", get(account::show))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .merge(demography::routes())
        .merge(recruitment::routes())
        .merge(placements::routes())
        .merge(portal::routes())
        .fallback(not_found)
        // The middleware has already bounded every form body (see `context::check_csrf`);
        // extractors may read up to the upload limit.
        .layer(DefaultBodyLimit::max(state.web.upload_limit))
        .layer(from_fn_with_state(state, resolve))
        .route("/static/style.css", get(stylesheet))
}

async fn not_found(ctx: Ctx) -> Response {
    crate::error::PageError::new(crate::error::Failure::NotFound, &ctx).into_response()
}

async fn stylesheet() -> Response {
    let mut r = (StatusCode::OK, include_str!("../../static/style.css")).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

/// Renders a template; a rendering failure is an internal error, logged.
pub fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

#[derive(Debug, Clone)]
pub struct LanguageOption {
    pub code: &'static str,
    pub name: &'static str,
    pub selected: bool,
}

/// What every page shares: language, title, navigation, the logged-in user, the CSRF token.
#[derive(Debug, Clone)]
pub struct Layout {
    pub tr: Tr,
    pub title: String,
    pub csrf: String,
    pub path: String,
    pub user_name: Option<String>,
    pub user_role: Option<String>,
    pub nav: Vec<NavItem>,
    pub languages: Vec<LanguageOption>,
    /// A confirmation shown at the top of the page.
    pub notice: Option<String>,
}

impl Layout {
    pub fn new(ctx: &Ctx, title_key: &str) -> Layout {
        let tr = ctx.tr.clone();
        let mut nav = Vec::new();
        if let Some(actor) = ctx.actor() {
            let role = actor.role();
            let mut add = |href: &'static str, key: &str| {
                let current = ctx.path == href
                    || ctx.path.starts_with(&format!("{href}/"))
                    || ctx.path.starts_with(&format!("{href}?"));
                nav.push(NavItem {
                    href,
                    label: tr.t(key),
                    current,
                });
            };
            add("/dashboard", "nav-dashboard");
            if role == standort_domain::Role::Candidate {
                add("/portal", "portal-title");
            }
            if allows(role, Permission::ReadOrganisations) {
                add("/organisations", "nav-organisations");
            }
            if allows(role, Permission::ReadDemography) {
                add("/demography", "dm-title");
            }
            // The skilled-workers pages, also linked from the dashboard cards: the navigation
            // is the one way to them that is the same on every page (WCAG 2.4.5, 3.2.3).
            if allows(role, Permission::ManageCandidates)
                || allows(role, Permission::ReadSharedCandidates)
            {
                add("/recruitment/candidates", "card-candidates");
            }
            if allows(role, Permission::ReadPositions) {
                add("/recruitment/positions", "card-positions");
            }
            if allows(role, Permission::ManageOwnProfile) {
                add("/recruitment/my-profile", "card-my-profile");
            }
            // ESCO search for those who describe people and positions with it.
            if allows(role, Permission::ManageCandidates)
                || allows(role, Permission::ManagePositions)
            {
                add("/esco/search", "card-esco");
            }
            if allows(role, Permission::ReadPlacements) {
                add("/placements", "nav-placements");
            }
            if allows(role, Permission::ReadProgrammes) {
                add("/programmes", "nav-programmes");
            }
            if allows(role, Permission::ManageAccounts) {
                add("/admin/users", "nav-users");
            }
            if allows(role, Permission::ReadAuditLog) {
                add("/admin/audit", "nav-audit");
            }
            add("/account", "nav-account");
        }
        Layout {
            title: tr.t(title_key),
            csrf: ctx.csrf.clone(),
            path: ctx.path.clone(),
            user_name: ctx.actor().map(|a| a.user.display_name.clone()),
            user_role: ctx.actor().map(|a| tr.role(&a.role())),
            nav,
            languages: Language::ALL
                .iter()
                .map(|l| LanguageOption {
                    code: l.code(),
                    name: l.endonym(),
                    selected: *l == ctx.lang(),
                })
                .collect(),
            notice: None,
            tr,
        }
    }

    pub fn with_notice(mut self, notice: Option<String>) -> Layout {
        self.notice = notice;
        self
    }
}

/// Previous/next links for a paged list.
#[derive(Debug, Clone)]
pub struct Pager {
    pub status: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `base` is the list URL with its filter query (without limit/offset).
    pub fn new<T>(tr: &Tr, page: &standort_app::Paged<T>, base: &str) -> Pager {
        let sep = if base.contains('?') { '&' } else { '?' };
        let link = |offset: i64| format!("{base}{sep}offset={offset}&limit={}", page.limit);
        let shown = page.items.len() as i64;
        Pager {
            status: tr.tnn(
                "pagination-status",
                &[
                    ("from", if shown == 0 { 0 } else { page.offset + 1 }),
                    ("to", page.offset + shown),
                    ("total", page.total),
                ],
            ),
            prev: (page.offset > 0).then(|| link((page.offset - page.limit).max(0))),
            next: (page.offset + shown < page.total).then(|| link(page.offset + page.limit)),
        }
    }
}

/// Query parameters of a paged list page.
#[derive(Debug, serde::Deserialize)]
pub struct ListQuery {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// A translation key of a confirmation to show (after a redirect).
    pub done: Option<String>,
}

/// Only known confirmation keys are shown, so the query string cannot inject text.
pub fn notice(tr: &Tr, done: Option<&str>) -> Option<String> {
    const KNOWN: &[&str] = &[
        "org-created-ok",
        "user-created-ok",
        "user-updated-ok",
        "account-token-revoked-ok",
        "logged-out",
    ];
    done.filter(|d| KNOWN.contains(d)).map(|d| tr.t(d))
}
