//! User accounts. Passwords arrive here already hashed; this module never sees a plain one.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{Language, OrgId, Role, UserId};

use crate::{PageRequest, Paged, Result, StoreError, flag};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    pub id: UserId,
    pub org_id: OrgId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub language: Language,
    pub disabled: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub org_id: OrgId,
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub language: Language,
}

const COLUMNS: &str = "id, org_id, email, display_name, role, language, disabled, created_at";

pub(crate) fn from_row(row: &sqlx::any::AnyRow) -> Result<User> {
    let role: String = row.try_get("role")?;
    let language: String = row.try_get("language")?;
    Ok(User {
        id: UserId(row.try_get("id")?),
        org_id: OrgId(row.try_get("org_id")?),
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Archive(format!("unknown role {role:?}")))?,
        language: Language::parse(&language).unwrap_or_default(),
        disabled: flag(row.try_get("disabled")?),
        created_at: row.try_get("created_at")?,
    })
}

pub async fn insert(conn: &mut AnyConnection, new: &NewUser<'_>, now: i64) -> Result<User> {
    let row = sqlx::query(&format!(
        "INSERT INTO users (org_id, email, display_name, role, password_hash, language, disabled, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING {COLUMNS}"
    ))
    .bind(new.org_id.0)
    .bind(new.email)
    .bind(new.display_name)
    .bind(new.role.as_str())
    .bind(new.password_hash)
    .bind(new.language.code())
    .bind(now)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

pub async fn get(conn: &mut AnyConnection, id: UserId) -> Result<User> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// The user with this e-mail and their password hash, for logging in.
pub async fn find_for_login(
    conn: &mut AnyConnection,
    email: &str,
) -> Result<Option<(User, String)>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, password_hash FROM users WHERE email = $1"
    ))
    .bind(email)
    .fetch_optional(conn)
    .await?;
    match row {
        Some(row) => Ok(Some((from_row(&row)?, row.try_get("password_hash")?))),
        None => Ok(None),
    }
}

/// Lists users by name; `only` restricts to one organisation.
pub async fn list(
    conn: &mut AnyConnection,
    only: Option<OrgId>,
    page: PageRequest,
) -> Result<Paged<User>> {
    crate::OrgScopedList {
        table: "users",
        columns: COLUMNS,
        org_column: "org_id",
        condition: "",
        order_by: "display_name, id",
    }
    .fetch(conn, only, page, from_row)
    .await
}

pub async fn set_disabled(conn: &mut AnyConnection, id: UserId, disabled: bool) -> Result<()> {
    let done = sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
        .bind(i64::from(disabled))
        .bind(id.0)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn set_password_hash(conn: &mut AnyConnection, id: UserId, hash: &str) -> Result<()> {
    let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id.0)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn set_language(conn: &mut AnyConnection, id: UserId, language: Language) -> Result<()> {
    sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
        .bind(language.code())
        .bind(id.0)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count(conn: &mut AnyConnection) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(conn)
        .await?;
    Ok(n)
}

/// Changes an account's name, address, role and organisation (administrators), or only the
/// name (`None` for the rest: the person themself). An address another account has is a
/// conflict.
pub async fn set_details(
    conn: &mut AnyConnection,
    id: UserId,
    display_name: &str,
    email: &str,
    role: Role,
    org: OrgId,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE users SET display_name = $1, email = $2, role = $3, org_id = $4 WHERE id = $5",
    )
    .bind(display_name)
    .bind(email)
    .bind(role.as_str())
    .bind(org.0)
    .bind(id.0)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn set_display_name(conn: &mut AnyConnection, id: UserId, name: &str) -> Result<()> {
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name)
        .bind(id.0)
        .execute(conn)
        .await?;
    Ok(())
}

/// The stored password hash of an account (to check the current password before a change).
pub async fn password_hash(conn: &mut AnyConnection, id: UserId) -> Result<String> {
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
        .bind(id.0)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(hash)
}

/// The account with this address, compared without case.
pub async fn find_by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<User>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM users WHERE LOWER(email) = LOWER($1)"
    ))
    .bind(email)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}
