//! Server-rendered pages. Every page route sits behind [`crate::context::resolve`].

pub(crate) mod account;
pub(crate) mod accounts;
pub(crate) mod admin;
pub(crate) mod auth;
pub(crate) mod dashboard;
pub(crate) mod demography;
pub(crate) mod form;
pub(crate) mod help;
pub(crate) mod list;
pub(crate) mod network;
pub(crate) mod notifications;
pub(crate) mod organisations;
pub mod placements;
pub(crate) mod portal;
pub(crate) mod procurement;
pub(crate) mod recruitment;
pub(crate) mod showcase;

use askama::Template;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{Html, IntoResponse, Response};
use standort_domain::Language;

use crate::AppState;
use crate::context::{Ctx, resolve};
use crate::i18n::{Tr, locales};
use crate::module::{MODULES, WebModule, nav_for};

/// The frame every module's pages sit in: layout, navigation, error pages and the validation
/// messages every module shares. Its routes (the fallback, the stylesheet) are added by
/// [`routes`] around the modules'.
pub(crate) const SHELL: WebModule = WebModule {
    name: "shell",
    locales: locales!("shell"),
    ..WebModule::EMPTY
};

/// Every module's pages (see [`MODULES`]) behind the session, CSRF and body-limit layers.
pub fn routes(state: AppState) -> Router<AppState> {
    MODULES
        .iter()
        .fold(Router::new(), |router, module| {
            router.merge((module.pages)())
        })
        .fallback(not_found)
        // The middleware has already bounded every form body (see `context::check_csrf`);
        // extractors may read up to the upload limit.
        .layer(DefaultBodyLimit::max(state.web.upload_limit))
        .layer(from_fn_with_state(state.clone(), resolve))
        .merge(MODULES.iter().fold(Router::new(), |router, module| {
            router.merge((module.public)(&state))
        }))
        .merge(crate::assets::routes())
}

async fn not_found(ctx: Ctx) -> Response {
    crate::error::PageError::new(crate::error::Failure::NotFound, &ctx).into_response()
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
    /// The help for this page's module (`/help#module`), for a logged-in user.
    pub help_href: Option<String>,
    /// The bell's text ("Benachrichtigungen (3 ungelesen)") for a logged-in user.
    pub bell: Option<String>,
}

impl Layout {
    pub fn new(ctx: &Ctx, title_key: &str) -> Layout {
        let tr = ctx.tr.clone();
        let mut nav = Vec::new();
        if let Some(actor) = ctx.actor() {
            // The skilled-workers pages are also linked from the dashboard cards: the
            // navigation is the one way to them that is the same on every page (WCAG 2.4.5,
            // 3.2.3). Each module declares its entries; `nav_for` keeps the registry's order.
            for entry in nav_for(actor.role()) {
                let href = entry.href;
                let current = ctx.path == href
                    || ctx.path.starts_with(&format!("{href}/"))
                    || ctx.path.starts_with(&format!("{href}?"));
                nav.push(NavItem {
                    href,
                    label: tr.t(entry.label_key),
                    current,
                });
            }
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
            help_href: ctx
                .actor()
                .map(|actor| help::href_for(&ctx.path, actor.role())),
            bell: ctx.unread.map(|n| tr.tn("notifications-bell", "count", n)),
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

    /// For a list whose total was counted only up to `cap` (the audit log, see
    /// `store::audit::COUNT_CAP`): a total beyond the count reads "more than …".
    pub fn counted_up_to<T>(tr: &Tr, page: &standort_app::Paged<T>, base: &str, cap: i64) -> Pager {
        let mut pager = Pager::new(tr, page, base);
        if page.total > cap {
            let shown = page.items.len() as i64;
            pager.status = tr.tnn(
                "pagination-status-more",
                &[
                    ("from", if shown == 0 { 0 } else { page.offset + 1 }),
                    ("to", page.offset + shown),
                    ("total", page.total - 1),
                ],
            );
        }
        pager
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
        "password-reset-ok",
        "account-profile-ok",
        "account-password-ok",
    ];
    form::notice(tr, done, KNOWN)
}
