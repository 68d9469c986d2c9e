//! Personal access tokens for API clients. They act with their owner's permissions; only a
//! hash is stored, the token itself is shown once at creation.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::UserId;

use crate::{Result, StoreError, users::User};

#[derive(Debug, Clone, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: UserId,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<ApiToken> {
    Ok(ApiToken {
        id: row.try_get("id")?,
        user_id: UserId(row.try_get("user_id")?),
        name: row.try_get("name")?,
        created_at: row.try_get("created_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

pub async fn insert(
    conn: &mut AnyConnection,
    user: UserId,
    name: &str,
    token_hash: &str,
    now: i64,
) -> Result<ApiToken> {
    let row = sqlx::query(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING id, user_id, name, created_at, revoked_at",
    )
    .bind(user.0)
    .bind(name)
    .bind(token_hash)
    .bind(now)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

pub async fn list_for_user(conn: &mut AnyConnection, user: UserId) -> Result<Vec<ApiToken>> {
    let rows = sqlx::query(
        "SELECT id, user_id, name, created_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id",
    )
    .bind(user.0)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Revokes a token of this user; tokens of others are "not found".
pub async fn revoke(conn: &mut AnyConnection, user: UserId, id: i64, now: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(user.0)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Revokes every live token of a user (after a password reset or when the account is
/// disabled: re-enabling the account must not bring old tokens back).
pub async fn revoke_all_for_user(conn: &mut AnyConnection, user: UserId, now: i64) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(user.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The enabled owner of a live token.
pub async fn find_user(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<User>> {
    let row = sqlx::query(
        "SELECT u.id, u.org_id, u.email, u.display_name, u.role, u.language, u.disabled, u.created_at \
         FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(crate::users::from_row).transpose()
}
