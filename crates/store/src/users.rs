//! User accounts. Passwords arrive here already hashed; this module never sees a plain one.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{Language, OrgId, Role, UserId};

use crate::list::{Order, SortColumn, SortKey, SqlOrder, col};
use crate::{Arg, Filter, PageRequest, Paged, Result, StoreError, fetch_paged, flag};

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

/// The columns the accounts list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserSort {
    /// The display name (the list's order before it could be sorted).
    Name,
    Email,
    Role,
    /// The organisation's name.
    Organisation,
    /// Enabled before disabled.
    Status,
    Created,
}

impl SortKey for UserSort {
    const ALL: &'static [UserSort] = &[
        UserSort::Name,
        UserSort::Email,
        UserSort::Role,
        UserSort::Organisation,
        UserSort::Status,
        UserSort::Created,
    ];
    fn name(self) -> &'static str {
        match self {
            UserSort::Name => "name",
            UserSort::Email => "email",
            UserSort::Role => "role",
            UserSort::Organisation => "organisation",
            UserSort::Status => "status",
            UserSort::Created => "created",
        }
    }
    fn default_desc(self) -> bool {
        self == UserSort::Created
    }
}

impl SqlOrder for UserSort {
    fn columns(self) -> &'static [SortColumn] {
        match self {
            UserSort::Name => const { &[col("u.display_name")] },
            UserSort::Email => const { &[col("u.email")] },
            UserSort::Role => const { &[col("u.role"), col("u.display_name")] },
            UserSort::Organisation => const { &[col("o.name"), col("u.display_name")] },
            UserSort::Status => const { &[col("u.disabled"), col("u.display_name")] },
            UserSort::Created => const { &[col("u.created_at")] },
        }
    }
    fn tie_break() -> &'static str {
        "u.id"
    }
}

/// What the accounts list is filtered by; `None` filters nothing.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Words of the organisation's name (see [`Filter::org_named`]).
    pub org: Option<String>,
    pub role: Option<Role>,
    pub disabled: Option<bool>,
    /// Words that must each occur in the name or the e-mail address (letter case ignored for
    /// ASCII).
    pub text: Option<String>,
    pub order: Order<UserSort>,
}

const LIST_COLUMNS: &str =
    "u.id, u.org_id, u.email, u.display_name, u.role, u.language, u.disabled, u.created_at";

/// One page of the accounts list, filtered and sorted, with its total.
pub async fn list_filtered(
    conn: &mut AnyConnection,
    f: &UserFilter,
    page: PageRequest,
) -> Result<Paged<User>> {
    let mut filter = Filter::default();
    filter.org_named("u.org_id", f.org.as_deref());
    if let Some(r) = f.role {
        filter.and(Arg::Text(r.as_str().to_owned()), |n| {
            format!("u.role = ${n}")
        });
    }
    if let Some(d) = f.disabled {
        filter.and(Arg::Int(Some(i64::from(d))), |n| {
            format!("u.disabled = ${n}")
        });
    }
    filter.words(f.text.as_deref(), &["u.display_name", "u.email"]);
    let (from_where, args) = filter.from("users u JOIN organisations o ON o.id = u.org_id");
    fetch_paged(
        conn,
        &from_where,
        LIST_COLUMNS,
        &f.order.sql(),
        &args,
        page,
        from_row,
    )
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
