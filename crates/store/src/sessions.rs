//! Login sessions, kept in the database so that any app instance behind a load balancer can
//! serve any request. Only a hash of the session token is stored.

use sqlx::{AnyConnection, Row};
use standort_domain::UserId;

use crate::{Result, users::User};

/// A live session with its user.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub user: User,
    pub csrf_token: String,
    pub expires_at: i64,
    /// The user's unread notifications (the header's bell), read in the same statement so a
    /// page takes one pooled connection for its session, not two.
    pub unread_notifications: i64,
}

pub async fn insert(
    conn: &mut AnyConnection,
    token_hash: &str,
    user: UserId,
    csrf_token: &str,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(csrf_token)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The session for a token hash if it is live and its user is enabled.
pub async fn find_live(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<SessionRecord>> {
    let row = sqlx::query(
        "SELECT u.id, u.org_id, u.email, u.display_name, u.role, u.language, u.disabled, u.created_at, \
                s.csrf_token, s.expires_at, \
                (SELECT COUNT(*) FROM notifications n \
                 WHERE n.user_id = u.id AND n.read_at IS NULL) AS unread_notifications \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    match row {
        None => Ok(None),
        Some(row) => Ok(Some(SessionRecord {
            user: crate::users::from_row(&row)?,
            csrf_token: row.try_get("csrf_token")?,
            expires_at: row.try_get("expires_at")?,
            unread_notifications: row.try_get("unread_notifications")?,
        })),
    }
}

pub async fn delete(conn: &mut AnyConnection, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of a user (after a password reset or when the account is disabled).
pub async fn delete_for_user(conn: &mut AnyConnection, user: UserId) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete_expired(conn: &mut AnyConnection, now: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session of a user but the one with `keep` (a password change "on all other
/// devices").
pub async fn delete_for_user_except(
    conn: &mut AnyConnection,
    user: UserId,
    keep: &str,
) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user.0)
        .bind(keep)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
