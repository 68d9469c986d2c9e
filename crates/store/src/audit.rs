//! The audit log: who did what, when, with before/after values. Append-only — the database
//! itself rejects UPDATE and DELETE on the table (see the migrations).

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::{Arg, PageRequest, Paged, Result, fetch_paged};

/// One entry to append.
#[derive(Debug, Clone, Default)]
pub struct NewAuditEntry {
    pub actor: Option<UserId>,
    /// Who acted, as shown in the log even after the account is gone (e-mail or "system").
    pub actor_label: String,
    /// `create`, `update`, `delete`, `read`, `login`, `login_failed`, `logout`, …
    pub action: String,
    /// The kind of record, e.g. `user`, `organisation`.
    pub entity: String,
    pub entity_id: String,
    /// The organisation the record belongs to, for filtering.
    pub org_id: Option<OrgId>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub client_ip: Option<String>,
}

impl NewAuditEntry {
    pub fn with_before(mut self, value: serde_json::Value) -> Self {
        self.before = Some(value);
        self
    }
    pub fn with_after(mut self, value: serde_json::Value) -> Self {
        self.after = Some(value);
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub org_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub client_ip: Option<String>,
}

/// Filters for browsing the log; every field optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<UserId>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

pub async fn append(conn: &mut AnyConnection, entry: &NewAuditEntry, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, entity_id, org_id, before_json, after_json, client_ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(now)
    .bind(entry.actor.map(|u| u.0))
    .bind(&entry.actor_label)
    .bind(&entry.action)
    .bind(&entry.entity)
    .bind(&entry.entity_id)
    .bind(entry.org_id.map(|o| o.0))
    .bind(entry.before.as_ref().map(|v| v.to_string()))
    .bind(entry.after.as_ref().map(|v| v.to_string()))
    .bind(entry.client_ip.as_deref())
    .execute(conn)
    .await?;
    Ok(())
}

fn parse_json(text: Option<String>) -> Option<serde_json::Value> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

const WHERE: &str = "WHERE ($1 IS NULL OR actor_user_id = $1) AND ($2 IS NULL OR action = $2) \
    AND ($3 IS NULL OR entity = $3) AND ($4 IS NULL OR entity_id = $4) \
    AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at <= $6)";

/// One audit entry from a row of all its columns.
pub(crate) fn entry_from_row(row: &sqlx::any::AnyRow) -> Result<AuditEntry> {
    Ok(AuditEntry {
        id: row.try_get("id")?,
        at: row.try_get("at")?,
        actor_user_id: row.try_get("actor_user_id")?,
        actor_label: row.try_get("actor_label")?,
        action: row.try_get("action")?,
        entity: row.try_get("entity")?,
        entity_id: row.try_get("entity_id")?,
        org_id: row.try_get("org_id")?,
        before: parse_json(row.try_get("before_json")?),
        after: parse_json(row.try_get("after_json")?),
        client_ip: row.try_get("client_ip")?,
    })
}

/// Newest first.
pub async fn list(
    conn: &mut AnyConnection,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Paged<AuditEntry>> {
    let text = |v: Option<&str>| match v {
        Some(t) => Arg::Text(t.to_owned()),
        None => Arg::NullText,
    };
    fetch_paged(
        conn,
        &format!("FROM audit_log {WHERE}"),
        "id, at, actor_user_id, actor_label, action, entity, entity_id, org_id, before_json, after_json, client_ip",
        "id DESC",
        &[
            Arg::Int(filter.actor.map(|u| u.0)),
            text(filter.action.as_deref()),
            text(filter.entity.as_deref()),
            text(filter.entity_id.as_deref()),
            Arg::Int(filter.from),
            Arg::Int(filter.to),
        ],
        page,
        entry_from_row,
    )
    .await
}
