//! One-time links: invitations (set a first password, create the account, link a candidate's
//! profile) and password resets. Each is a random token the person receives; the database keeps
//! its SHA-256 only. A link is live while it is neither used, revoked nor expired.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{Language, OrgId, Role, UserId};

use crate::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Invitation {
    pub id: i64,
    pub candidate_id: Option<i64>,
    /// `None`: the person chooses the address they log in with.
    pub email: Option<String>,
    pub display_name: String,
    pub role: Role,
    pub org_id: OrgId,
    pub language: Language,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub user_id: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub candidate_id: Option<i64>,
    pub email: Option<&'a str>,
    pub display_name: &'a str,
    pub role: Role,
    pub org_id: OrgId,
    pub language: Language,
    pub created_by: UserId,
    pub expires_at: i64,
}

const INVITATION_COLUMNS: &str = "id, candidate_id, email, display_name, role, org_id, language, \
     created_by, created_at, expires_at, used_at, revoked_at, user_id";

fn invitation_from_row(row: &sqlx::any::AnyRow) -> Result<Invitation> {
    let role: String = row.try_get("role")?;
    let language: String = row.try_get("language")?;
    Ok(Invitation {
        id: row.try_get("id")?,
        candidate_id: row.try_get("candidate_id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Archive(format!("unknown role {role:?}")))?,
        org_id: OrgId(row.try_get("org_id")?),
        language: Language::parse(&language).unwrap_or_default(),
        created_by: row.try_get::<Option<i64>, _>("created_by")?.map(UserId),
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        used_at: row.try_get("used_at")?,
        revoked_at: row.try_get("revoked_at")?,
        user_id: row.try_get::<Option<i64>, _>("user_id")?.map(UserId),
    })
}

/// Revokes the live invitations of a candidate (`candidate`) or, for other accounts, of an
/// address (compared without case): a new invitation makes the earlier links useless.
pub async fn revoke_invitations(
    conn: &mut AnyConnection,
    candidate: Option<i64>,
    email: Option<&str>,
    now: i64,
) -> Result<u64> {
    let done = match (candidate, email) {
        (Some(c), _) => {
            sqlx::query(
                "UPDATE invitations SET revoked_at = $1 \
                 WHERE candidate_id = $2 AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(c)
            .execute(conn)
            .await?
        }
        (None, Some(e)) => {
            sqlx::query(
                "UPDATE invitations SET revoked_at = $1 \
                 WHERE candidate_id IS NULL AND LOWER(email) = LOWER($2) \
                 AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(e)
            .execute(conn)
            .await?
        }
        (None, None) => return Ok(0),
    };
    Ok(done.rows_affected())
}

pub async fn insert_invitation(
    conn: &mut AnyConnection,
    new: &NewInvitation<'_>,
    now: i64,
) -> Result<Invitation> {
    let row = sqlx::query(&format!(
        "INSERT INTO invitations (token_hash, candidate_id, email, display_name, role, org_id, \
         language, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {INVITATION_COLUMNS}"
    ))
    .bind(new.token_hash)
    .bind(new.candidate_id)
    .bind(new.email)
    .bind(new.display_name)
    .bind(new.role.as_str())
    .bind(new.org_id.0)
    .bind(new.language.code())
    .bind(new.created_by.0)
    .bind(now)
    .bind(new.expires_at)
    .fetch_one(conn)
    .await?;
    invitation_from_row(&row)
}

/// The live invitation behind a token hash (not used, not revoked, not expired at `now`).
pub async fn live_invitation(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<Invitation>> {
    let row = sqlx::query(&format!(
        "SELECT {INVITATION_COLUMNS} FROM invitations WHERE token_hash = $1 \
         AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(invitation_from_row).transpose()
}

/// Marks an invitation used by the account it created, if it is still live: false when a
/// concurrent acceptance was first (single use).
pub async fn use_invitation(
    conn: &mut AnyConnection,
    id: i64,
    user: UserId,
    now: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE invitations SET used_at = $1, user_id = $2 \
         WHERE id = $3 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(user.0)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The latest invitation of a candidate (for the candidate's page: invited when, used?).
pub async fn latest_invitation_of_candidate(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Option<Invitation>> {
    let row = sqlx::query(&format!(
        "SELECT {INVITATION_COLUMNS} FROM invitations WHERE candidate_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT 1"
    ))
    .bind(candidate)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(invitation_from_row).transpose()
}

// ---------------------------------------------------------------- password resets

/// Stores a reset link; earlier live links of the user stop working.
pub async fn insert_reset(
    conn: &mut AnyConnection,
    token_hash: &str,
    user: UserId,
    now: i64,
    expires_at: i64,
) -> Result<i64> {
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(now)
    .bind(expires_at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// The user of a live reset link (not used, not expired) and the link's id.
pub async fn live_reset(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<(i64, UserId)>> {
    let row = sqlx::query(
        "SELECT id, user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL \
         AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    match row {
        Some(row) => Ok(Some((row.try_get("id")?, UserId(row.try_get("user_id")?)))),
        None => Ok(None),
    }
}

/// Uses a reset link once: false when it was used (or expired) meanwhile.
pub async fn use_reset(conn: &mut AnyConnection, id: i64, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL \
         AND expires_at > $1",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Drops reset links that expired before `before`.
pub async fn prune_resets(conn: &mut AnyConnection, before: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
