//! Password self-service: changing one's own password (the current one required, other
//! sessions and API tokens ended on request), and "forgot password": a one-time link by e-mail
//! ([`RESET_MINUTES`] minutes, single use, stored as SHA-256) that sets a new password and
//! ends every session and token of the account.
//!
//! A request for a link answers the same whether or not the address has an account, and is
//! throttled per address typed and per client (rows in `login_attempts`, like the login
//! throttle, so the limits hold across instances).

use serde_json::json;
use standort_domain::{Email, NewPassword};
use standort_store::accounts as store;
use standort_store::audit::NewAuditEntry;
use standort_store::{audit, sessions, throttle, tokens, users};

use crate::mail::Letter;
use crate::policy::{self, Permission};
use crate::secrets::{random_token, token_hash};
use crate::{Actor, App, AppError, auth};

/// How long a reset link lives.
pub const RESET_MINUTES: i64 = 60;
/// Requests for a reset link per address typed, and per client, within the throttle window.
pub const RESETS_PER_ACCOUNT: i64 = 3;
pub const RESETS_PER_ADDRESS: i64 = 20;

impl App {
    /// Changes the actor's own password after checking the current one. With `end_others`,
    /// every other session (all but `session_token`, the one making the change) and every API
    /// token of the account end in the same transaction.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        session_token: Option<&str>,
        current: &str,
        new: &str,
        end_others: bool,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let new = NewPassword::parse(new)?;
        let stored = {
            let mut conn = self.db.conn().await?;
            users::password_hash(&mut conn, actor.id()).await?
        };
        if !auth::verify_password(current, Some(stored)).await? {
            return Err(standort_domain::ValidationError::new(
                "current_password",
                "wrong-password",
            )
            .into());
        }
        let hash = auth::hash_password(&new).await?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        users::set_password_hash(&mut tx, actor.id(), &hash).await?;
        let mut after = json!({"end_others": end_others});
        if end_others {
            let keep = session_token.map(token_hash).unwrap_or_default();
            after["sessions_ended"] = sessions::delete_for_user_except(&mut tx, actor.id(), &keep)
                .await?
                .into();
            after["tokens_revoked"] = tokens::revoke_all_for_user(&mut tx, actor.id(), now)
                .await?
                .into();
        }
        audit::append(
            &mut tx,
            &actor
                .audit(
                    "change_password",
                    "user",
                    actor.id().to_string(),
                    Some(actor.user.org_id),
                )
                .with_after(after),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// "Forgot password": when `email` belongs to an enabled account, queues a one-time link
    /// in the account's language. Answers alike whether or not it does; too many requests for
    /// one address or from one client within the window are refused (`TooManyAttempts`),
    /// whatever the address.
    pub async fn request_password_reset(
        &self,
        email: &str,
        client_ip: &str,
    ) -> Result<(), AppError> {
        let now = self.now();
        let window = self.settings.throttle_window_seconds;
        let account = format!("reset-{}", auth::account_key(email));
        let address = format!("reset-address:{client_ip}");
        // Counted like logins: commit the attempt, then count the committed ones.
        let attempt = {
            let mut tx = self.db.begin_write().await?;
            let a = throttle::record(&mut tx, &account, now).await?;
            let b = throttle::record(&mut tx, &address, now).await?;
            tx.commit().await?;
            [a, b]
        };
        let found = {
            let mut conn = self.db.conn().await?;
            let per_account = throttle::count_since(&mut conn, &account, now - window).await?;
            let per_address = throttle::count_since(&mut conn, &address, now - window).await?;
            if per_account > RESETS_PER_ACCOUNT || per_address > RESETS_PER_ADDRESS {
                for id in attempt {
                    throttle::forget(&mut conn, id).await?;
                }
                return Err(AppError::TooManyAttempts {
                    retry_after_seconds: window,
                });
            }
            match Email::parse(email) {
                Ok(e) => users::find_by_email(&mut conn, e.as_str()).await?,
                Err(_) => None,
            }
        };
        let Some(user) = found.filter(|u| !u.disabled) else {
            return Ok(());
        };
        let token = random_token();
        let expires_at = now + RESET_MINUTES * 60;
        let mut tx = self.db.begin_write().await?;
        let id =
            store::insert_reset(&mut tx, &token_hash(&token), user.id, now, expires_at).await?;
        let queued = self
            .queue_mail(
                &mut tx,
                &Letter::PasswordReset {
                    name: user.display_name.clone(),
                    link: self.public_link(&format!("/password/reset/{token}")),
                    expires_at,
                },
                user.language,
                &user.email,
                Some(user.id),
                None,
                now,
            )
            .await?;
        audit::append(
            &mut tx,
            &NewAuditEntry {
                actor: None,
                actor_label: "system".into(),
                action: "request_reset".into(),
                entity: "user".into(),
                entity_id: user.id.to_string(),
                org_id: Some(user.org_id),
                after: Some(json!({"reset_id": id, "mail_id": queued.id})),
                client_ip: policy::audit_ip(&user, Some(client_ip)),
                ..Default::default()
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.wake_sender();
        Ok(())
    }

    /// Whether a reset link is live (for its page); otherwise "not found".
    pub async fn check_reset_link(&self, token: &str) -> Result<(), AppError> {
        let mut conn = self.db.conn().await?;
        store::live_reset(&mut conn, &token_hash(token), self.now())
            .await?
            .map(|_| ())
            .ok_or(AppError::NotFound)
    }

    /// Sets a new password through a reset link, once; ends every session and API token of
    /// the account (whoever asked for the link may not be the only one who knew the old
    /// password).
    pub async fn reset_password_with_link(
        &self,
        token: &str,
        password: &str,
        client_ip: &str,
    ) -> Result<(), AppError> {
        let password = NewPassword::parse(password)?;
        let hash = auth::hash_password(&password).await?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let (id, user_id) = store::live_reset(&mut tx, &token_hash(token), now)
            .await?
            .ok_or(AppError::NotFound)?;
        if !store::use_reset(&mut tx, id, now).await? {
            return Err(AppError::NotFound);
        }
        let user = users::get(&mut tx, user_id).await?;
        users::set_password_hash(&mut tx, user_id, &hash).await?;
        let sessions_ended = sessions::delete_for_user(&mut tx, user_id).await?;
        let tokens_revoked = tokens::revoke_all_for_user(&mut tx, user_id, now).await?;
        audit::append(
            &mut tx,
            &NewAuditEntry {
                actor: Some(user.id),
                actor_label: policy::audit_label(&user),
                action: "reset_password".into(),
                entity: "user".into(),
                entity_id: user.id.to_string(),
                org_id: Some(user.org_id),
                after: Some(json!({
                    "reset_id": id, "sessions_ended": sessions_ended,
                    "tokens_revoked": tokens_revoked,
                })),
                client_ip: policy::audit_ip(&user, Some(client_ip)),
                ..Default::default()
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
