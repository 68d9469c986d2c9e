//! Use cases of Standort: validate input, authorise the actor, call engines, write through the
//! store together with the audit entry. The web layer and the CLI call only this crate.
//!
//! Authorisation lives in [`policy`]: every use case that touches data asks it first, so
//! pages and the JSON API cannot disagree about who may see what.

pub mod accounts;
pub mod audit_log;
pub mod auth;
pub mod dashboard;
pub mod demo;
pub mod demography;
mod error;
pub mod esco;
pub mod export;
pub mod mail;
pub mod network;
pub mod notifications;
pub mod organisations;
pub mod placements;
pub mod policy;
pub mod portal;
pub mod procurement;
pub mod recruitment;
mod secrets;
pub mod showcase;

use std::sync::Arc;

pub use error::AppError;

/// An optional text from a form or a list's URL, trimmed; `None` when blank. Every use case that
/// reads such a value (a filter, an optional field) goes through this one.
pub(crate) fn filled(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}
pub use policy::Actor;
pub use standort_store::{Db, DbKind, PageRequest, Paged};

/// Seconds since the Unix epoch; replaceable in tests.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// Settings that shape behaviour rather than wiring.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a login lasts.
    pub session_seconds: i64,
    /// Window and limits for login throttling.
    pub throttle_window_seconds: i64,
    pub max_failures_per_account: i64,
    pub max_failures_per_address: i64,
    /// Retention rule: erase candidate profiles whose process ended this many months ago
    /// without consent to stay in the talent pool.
    pub retention_months: u32,
    /// How often `standort serve` runs the retention rule (one instance at a time).
    pub retention_every_seconds: i64,
    /// E-mail: SMTP server, sender, the address links point to.
    pub mail: mail::MailSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            session_seconds: 12 * 3600,
            throttle_window_seconds: 15 * 60,
            max_failures_per_account: 5,
            max_failures_per_address: 50,
            retention_months: 6,
            retention_every_seconds: 24 * 3600,
            mail: mail::MailSettings::default(),
        }
    }
}

/// The application: a database handle, settings and a clock. Cheap to clone; holds no state
/// another instance would need.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub settings: Settings,
    clock: Clock,
    /// Caches derived from the database (ESCO index, matching data), checked against the
    /// database on every use; see [`esco`].
    caches: Arc<esco::Caches>,
    /// The SMTP transport, the letters' writer and the sender's wake-up (see [`mail`]).
    mail: Arc<mail::Mail>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("db", &self.db.kind()).finish()
    }
}

impl App {
    pub fn new(db: Db, settings: Settings) -> App {
        let mail = Arc::new(mail::Mail::new(settings.mail.clone()));
        App {
            db,
            mail,
            settings,
            clock: Arc::new(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs() as i64)
                    .unwrap_or(0)
            }),
            caches: Arc::default(),
        }
    }

    /// Writes the letters (invitations, reset links) with `letters` — the web layer's
    /// translation catalogue.
    pub fn with_letters(mut self, letters: Arc<dyn mail::Letters>) -> App {
        let settings = self.mail.settings.clone();
        let mut wiring = mail::Mail::new(settings);
        wiring.letters = letters;
        self.mail = Arc::new(wiring);
        self
    }

    pub fn with_clock(mut self, clock: Clock) -> App {
        self.clock = clock;
        self
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }
}
