//! The web layer: server-rendered pages (askama templates, no JavaScript needed), the JSON
//! API under `/api/v1` with its OpenAPI document, and the start-up shared by the CLI and tests.
//!
//! Handlers stay thin: they parse, call one `standort_app` use case and render. Errors become
//! responses in one place (`error.rs`); session, language and CSRF are resolved in one place
//! (`context.rs`). Modules register their pages, API, OpenAPI part, navigation and
//! translations in one list (`module.rs`).

pub mod api;
pub mod assets;
pub mod context;
pub mod download;
pub mod error;
pub mod format;
pub mod i18n;
pub mod ics;
pub mod mail;
pub mod module;
pub mod pages;
pub mod upload;

use std::net::SocketAddr;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use standort_app::App;
use tower_http::set_header::SetResponseHeaderLayer;

pub use i18n::{Catalog, Tr};

/// The catalogues, parsed once per process (they are compiled in, so every instance has the
/// same ones; nothing here is state another instance would need).
pub static CATALOG: LazyLock<Arc<Catalog>> = LazyLock::new(|| Arc::new(Catalog::load()));

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Mark cookies `Secure` (users reach Standort over HTTPS).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub behind_proxy: bool,
    /// How many reverse proxies of ours append to `X-Forwarded-For` (at least 1): the client
    /// address is this many entries from the right; see [`context::client_ip`].
    pub trusted_proxy_hops: usize,
    /// Largest multipart form (file upload) a page accepts, in bytes.
    pub upload_limit: usize,
    /// The time zone pages and letters show times in (the `time_zone` setting).
    pub time_zone: format::TimeZone,
}

impl Default for WebSettings {
    fn default() -> Self {
        WebSettings {
            secure_cookies: false,
            behind_proxy: false,
            trusted_proxy_hops: 1,
            upload_limit: upload::DEFAULT_UPLOAD_LIMIT,
            time_zone: format::TimeZone::DEFAULT,
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub app: App,
    pub catalog: Arc<Catalog>,
    pub web: WebSettings,
}

/// Largest request body of the API (page forms: `context::FORM_LIMIT`, uploads:
/// `WebSettings::upload_limit`).
pub const BODY_LIMIT: usize = 1024 * 1024;

pub fn router(app: App, web: WebSettings) -> Router {
    let state = AppState {
        app,
        catalog: CATALOG.clone(),
        web,
    };
    Router::new()
        .merge(pages::routes(state.clone()))
        .nest("/api/v1", api::routes())
        .route("/health", axum::routing::get(api::health))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Pages and JSON carry personal data behind a login: no shared or browser cache may
        // keep them (a back button after logout, a proxy). Routes that may be cached — static
        // assets — set their own `Cache-Control`, which this leaves alone.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'"),
        ))
        .with_state(state)
}

/// A bound, ready-to-run server: `build` then `run_until_stopped`, shared by `standort serve`
/// and the tests (which bind port 0).
#[derive(Debug)]
pub struct Application {
    listener: tokio::net::TcpListener,
    router: Router,
    app: App,
}

impl Application {
    pub async fn build(app: App, web: WebSettings, listen: &str) -> std::io::Result<Application> {
        // Letters are written from the translation catalogue, in the recipient's language.
        let app = app.with_letters(Arc::new(mail::CatalogLetters(
            CATALOG.clone(),
            web.time_zone,
        )));
        let listener = tokio::net::TcpListener::bind(listen).await?;
        Ok(Application {
            router: router(app.clone(), web),
            listener,
            app,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("bound listener has an address")
    }

    /// Serves until Ctrl-C / SIGTERM.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `shutdown` completes; a background task tidies expired sessions meanwhile.
    /// Tests pass a future that never completes: signal handlers are process-wide, and several
    /// test runtimes must not stop each other's servers.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let housekeeping_app = self.app.clone();
        // Names this instance in the shared retention lease (no state: only who holds it).
        let holder = format!("{}-{}", std::process::id(), self.local_addr());
        let housekeeping = tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(600));
            loop {
                tick.tick().await;
                if let Err(e) = housekeeping_app.housekeeping().await {
                    tracing::warn!(error = %e, "housekeeping failed");
                }
                match housekeeping_app.retention_tick(&holder).await {
                    Ok(Some(report)) => tracing::info!(
                        due = report.due.len(),
                        erased = report.erased.len(),
                        "retention rule applied"
                    ),
                    Ok(None) => {}
                    Err(e) => tracing::warn!(error = %e, "retention run failed"),
                }
                // Notifications: what fell due (the `notifications` lease), then the day's
                // digest once its hour has come (the `notification_digest` lease).
                match housekeeping_app.notifications_tick(&holder).await {
                    Ok(Some(r)) if r.raised > 0 => {
                        tracing::info!(raised = r.raised, mailed = r.mailed, "notifications raised")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "raising notifications failed"),
                }
                match housekeeping_app.digest_tick(&holder).await {
                    Ok(Some(r)) if r.messages > 0 => tracing::info!(
                        messages = r.messages,
                        notifications = r.notifications,
                        "daily digest queued"
                    ),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "daily digest failed"),
                }
            }
        });
        // The e-mail sender: woken when this instance queues a message, otherwise every
        // `every_seconds`; only the holder of the `mail` lease sends.
        let sender_app = self.app.clone();
        let sender_holder = format!("{}-{}-mail", std::process::id(), self.local_addr());
        let sender = tokio::spawn(async move {
            loop {
                match sender_app.deliver_mail(&sender_holder).await {
                    Ok(Some(r)) if r.sent + r.failed_attempts > 0 => tracing::info!(
                        sent = r.sent,
                        failed = r.failed_attempts,
                        given_up = r.given_up,
                        "e-mail delivered"
                    ),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "e-mail sender failed"),
                }
                sender_app.mail_wait().await;
            }
        });
        let result = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        housekeeping.abort();
        sender.abort();
        result
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
