//! Logging in and out, sessions and API tokens.
//!
//! Passwords are hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes, as
//! OWASP recommends) on a blocking thread, a bounded number at a time. Login attempts are
//! counted per account and per client address in the database, before the password is
//! checked, so the limit holds across app instances and under concurrency.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use standort_domain::{Email, Language, NewPassword};
use standort_store::audit::NewAuditEntry;
use standort_store::{audit, sessions, throttle, tokens, users};
use tokio::sync::Semaphore;

use crate::secrets::{random_token, token_hash};
use crate::{Actor, App, AppError};

/// What the web layer needs after a successful login: the cookie value and the CSRF token.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub expires_at: i64,
    pub language: Language,
}

/// A session found from its cookie.
#[derive(Debug, Clone)]
pub struct Session {
    pub actor: Actor,
    pub csrf_token: String,
    /// Unread notifications at the time of the lookup (the bell in every page's header).
    pub unread_notifications: i64,
}

/// Argon2 work (hashing and verifying) is CPU-bound: about 19 MiB and one core for tens of
/// milliseconds per password. It runs on tokio's blocking threads so the async workers keep
/// answering other requests, and at most one per core at a time: the blocking pool would
/// otherwise start hundreds of threads in a burst of logins, allocating gigabytes and making
/// every hash (and every other request competing for the cores) slower. The rest wait their
/// turn here, holding neither a thread nor a database connection.
static PASSWORD_WORK: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

async fn password_work<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _turn = PASSWORD_WORK
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Hashes a password with Argon2id and a random salt.
pub async fn hash_password(password: &NewPassword) -> Result<String, AppError> {
    let password = password.expose().to_owned();
    password_work(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))
    })
    .await?
}

/// A real hash of a random password, verified against when the account does not exist so that
/// both cases take the same time. Computed on first use, inside [`password_work`].
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(random_token().as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Whether `password` matches `hash` (`None`: no such account; checked against a dummy hash).
pub(crate) async fn verify_password(
    password: &str,
    hash: Option<String>,
) -> Result<bool, AppError> {
    let password = password.to_owned();
    password_work(move || {
        let hash = hash.as_deref().unwrap_or(DUMMY_HASH.as_str());
        PasswordHash::new(hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
}

/// The throttle key of an account: a SHA-256 of the normalised address, so the table of
/// attempts holds no e-mail address in clear (it is personal data, and an erasure must not
/// leave it behind).
pub(crate) fn account_key(email: &str) -> String {
    format!("account:{}", token_hash(&email.trim().to_lowercase()))
}

fn address_key(ip: &str) -> String {
    format!("address:{ip}")
}

impl App {
    /// Checks the credentials and opens a session. Throttled per account and per address:
    /// after too many failures within the window every attempt is refused, right or wrong.
    ///
    /// The attempt is counted before the password is checked, and the count is atomic without
    /// locks on both backends: the attempt's rows are committed first, then the committed rows
    /// are counted, this one included. Of concurrent attempts, the k-th to commit sees at
    /// least k rows, so no more than the limit ever reach the password check (a transaction
    /// that inserts and counts would not do on PostgreSQL, where two of them do not see each
    /// other's uncommitted rows). A refused attempt is taken back, so hammering a locked
    /// account does not extend the lock; a successful one clears the account's failures.
    ///
    /// No step holds more than one pooled connection, and none is held during the password
    /// check: a burst of logins must not starve the pool that every other request needs.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        client_ip: &str,
    ) -> Result<NewSession, AppError> {
        let now = self.now();
        let since = now - self.settings.throttle_window_seconds;
        // Keyed on the typed text even when the address is malformed, so garbage cannot evade
        // the per-account limit.
        let account = account_key(email);
        let address = address_key(client_ip);
        let attempt = {
            let mut tx = self.db.begin_write().await?;
            let account_attempt = throttle::record(&mut tx, &account, now).await?;
            let address_attempt = throttle::record(&mut tx, &address, now).await?;
            tx.commit().await?;
            [account_attempt, address_attempt]
        };
        let found = {
            let mut conn = self.db.conn().await?;
            let account_attempts = throttle::count_since(&mut conn, &account, since).await?;
            let address_attempts = throttle::count_since(&mut conn, &address, since).await?;
            if account_attempts > self.settings.max_failures_per_account
                || address_attempts > self.settings.max_failures_per_address
            {
                for id in attempt {
                    throttle::forget(&mut conn, id).await?;
                }
                return Err(AppError::TooManyAttempts {
                    retry_after_seconds: self.settings.throttle_window_seconds,
                });
            }
            match Email::parse(email) {
                Ok(email) => users::find_for_login(&mut conn, email.as_str()).await?,
                Err(_) => None,
            }
        };
        let (user, hash) = match found {
            Some((user, hash)) => (Some(user), Some(hash)),
            None => (None, None),
        };
        let password_ok = verify_password(password, hash).await?;
        // The attempt's rows stay when it fails: they are the failure count.
        let user = match user {
            Some(user) if password_ok && !user.disabled => user,
            Some(user) => {
                self.audit_login(&user, "login_failed", client_ip, now)
                    .await?
                    .commit()
                    .await?;
                return Err(AppError::InvalidCredentials);
            }
            None => return Err(AppError::InvalidCredentials),
        };
        let mut tx = self.audit_login(&user, "login", client_ip, now).await?;
        let session = self.open_session(&mut tx, &user, now).await?;
        throttle::clear(&mut tx, &account).await?;
        // A successful login is no failure of its address either (an office behind one
        // address logs in many times a day).
        throttle::forget(&mut tx, attempt[1]).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// Opens a session for `user` within the caller's transaction (a login, an accepted
    /// invitation).
    pub(crate) async fn open_session(
        &self,
        tx: &mut standort_store::AnyConnection,
        user: &users::User,
        now: i64,
    ) -> Result<NewSession, AppError> {
        let token = random_token();
        let csrf_token = random_token();
        let expires_at = now + self.settings.session_seconds;
        sessions::insert(
            tx,
            &token_hash(&token),
            user.id,
            &csrf_token,
            now,
            expires_at,
        )
        .await?;
        Ok(NewSession {
            token,
            csrf_token,
            expires_at,
            language: user.language,
        })
    }

    /// Opens a transaction holding the audit entry of a login attempt on `user`'s account.
    async fn audit_login(
        &self,
        user: &users::User,
        action: &str,
        client_ip: &str,
        now: i64,
    ) -> Result<standort_store::WriteTx, AppError> {
        let mut tx = self.db.begin_write().await?;
        audit::append(
            &mut tx,
            &NewAuditEntry {
                actor: Some(user.id),
                actor_label: crate::policy::audit_label(user),
                action: action.into(),
                entity: "user".into(),
                entity_id: user.id.to_string(),
                org_id: Some(user.org_id),
                client_ip: crate::policy::audit_ip(user, Some(client_ip)),
                ..Default::default()
            },
            now,
        )
        .await?;
        Ok(tx)
    }

    /// The live session behind a cookie value, if any.
    pub async fn session(
        &self,
        token: &str,
        client_ip: Option<String>,
    ) -> Result<Option<Session>, AppError> {
        let mut conn = self.db.conn().await?;
        let found = sessions::find_live(&mut conn, &token_hash(token), self.now()).await?;
        Ok(found.map(|s| Session {
            actor: Actor {
                user: s.user,
                client_ip,
            },
            csrf_token: s.csrf_token,
            unread_notifications: s.unread_notifications,
        }))
    }

    pub async fn logout(&self, token: &str, actor: &Actor) -> Result<(), AppError> {
        let mut tx = self.db.begin_write().await?;
        sessions::delete(&mut tx, &token_hash(token)).await?;
        audit::append(
            &mut tx,
            &NewAuditEntry {
                actor: Some(actor.id()),
                actor_label: crate::policy::audit_label(&actor.user),
                action: "logout".into(),
                entity: "user".into(),
                entity_id: actor.id().to_string(),
                org_id: Some(actor.user.org_id),
                client_ip: crate::policy::audit_ip(&actor.user, actor.client_ip.as_deref()),
                ..Default::default()
            },
            self.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The owner of a personal access token, acting with the owner's permissions.
    pub async fn actor_for_api_token(
        &self,
        token: &str,
        client_ip: Option<String>,
    ) -> Result<Option<Actor>, AppError> {
        let mut conn = self.db.conn().await?;
        let user = tokens::find_user(&mut conn, &token_hash(token)).await?;
        Ok(user.map(|user| Actor { user, client_ip }))
    }

    /// Removes expired sessions and throttle entries; any instance may run it at any time.
    pub async fn housekeeping(&self) -> Result<(), AppError> {
        let now = self.now();
        let mut conn = self.db.conn().await?;
        sessions::delete_expired(&mut conn, now).await?;
        throttle::prune(&mut conn, now - self.settings.throttle_window_seconds).await?;
        Ok(())
    }
}
