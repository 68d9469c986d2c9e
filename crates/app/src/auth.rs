//! Logging in and out, sessions and API tokens.
//!
//! Passwords are hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes, as
//! OWASP recommends) on a blocking thread. Failed logins are counted per account and per client
//! address in the database, so the limit holds across app instances.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use standort_domain::{Email, Language, NewPassword};
use standort_store::audit::NewAuditEntry;
use standort_store::{audit, sessions, throttle, tokens, users};

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
}

/// Hashes a password with Argon2id and a random salt.
pub async fn hash_password(password: &NewPassword) -> Result<String, AppError> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// A real hash of a random password, verified against when the account does not exist so that
/// both cases take the same time.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(random_token().as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

async fn verify_password(password: &str, hash: &str) -> bool {
    let password = password.to_owned();
    let hash = hash.to_owned();
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

fn account_key(email: &str) -> String {
    format!("account:{email}")
}

fn address_key(ip: &str) -> String {
    format!("address:{ip}")
}

impl App {
    /// Checks the credentials and opens a session. Throttled per account and per address:
    /// after too many failures within the window every attempt is refused, right or wrong.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        client_ip: &str,
    ) -> Result<NewSession, AppError> {
        let now = self.now();
        let since = now - self.settings.throttle_window_seconds;
        // Normalise for throttling even when the address is malformed, so garbage cannot evade
        // the per-account limit.
        let email_key = email.trim().to_lowercase();
        let mut conn = self.db.conn().await?;
        let account_failures =
            throttle::count_since(&mut conn, &account_key(&email_key), since).await?;
        let address_failures =
            throttle::count_since(&mut conn, &address_key(client_ip), since).await?;
        if account_failures >= self.settings.max_failures_per_account
            || address_failures >= self.settings.max_failures_per_address
        {
            return Err(AppError::TooManyAttempts {
                retry_after_seconds: self.settings.throttle_window_seconds,
            });
        }

        let found = match Email::parse(email) {
            Ok(email) => users::find_for_login(&mut conn, email.as_str()).await?,
            Err(_) => None,
        };
        let hash = found
            .as_ref()
            .map(|(_, h)| h.as_str())
            .unwrap_or(DUMMY_HASH.as_str());
        let password_ok = verify_password(password, hash).await;
        let user = match found {
            Some((user, _)) if password_ok && !user.disabled => user,
            other => {
                let mut tx = self.db.begin().await?;
                throttle::record(&mut tx, &account_key(&email_key), now).await?;
                throttle::record(&mut tx, &address_key(client_ip), now).await?;
                if let Some((user, _)) = &other {
                    audit::append(
                        &mut tx,
                        &NewAuditEntry {
                            actor: Some(user.id),
                            actor_label: crate::policy::audit_label(user),
                            action: "login_failed".into(),
                            entity: "user".into(),
                            entity_id: user.id.to_string(),
                            org_id: Some(user.org_id),
                            client_ip: crate::policy::audit_ip(user, Some(client_ip)),
                            ..Default::default()
                        },
                        now,
                    )
                    .await?;
                }
                tx.commit().await?;
                return Err(AppError::InvalidCredentials);
            }
        };

        let token = random_token();
        let csrf_token = random_token();
        let expires_at = now + self.settings.session_seconds;
        let mut tx = self.db.begin().await?;
        sessions::insert(
            &mut tx,
            &token_hash(&token),
            user.id,
            &csrf_token,
            now,
            expires_at,
        )
        .await?;
        throttle::clear(&mut tx, &account_key(&email_key)).await?;
        audit::append(
            &mut tx,
            &NewAuditEntry {
                actor: Some(user.id),
                actor_label: crate::policy::audit_label(&user),
                action: "login".into(),
                entity: "user".into(),
                entity_id: user.id.to_string(),
                org_id: Some(user.org_id),
                client_ip: crate::policy::audit_ip(&user, Some(client_ip)),
                ..Default::default()
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(NewSession {
            token,
            csrf_token,
            expires_at,
            language: user.language,
        })
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
        }))
    }

    pub async fn logout(&self, token: &str, actor: &Actor) -> Result<(), AppError> {
        let mut tx = self.db.begin().await?;
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
