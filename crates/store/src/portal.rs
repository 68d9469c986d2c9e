//! The candidate portal's records and personal-data housekeeping (migration 0005): documents
//! asked for and uploaded (bytes in the database), consents with their history, requests for
//! erasure, the erasure itself, the retention rule's selection, and leases for periodic work
//! shared by several app instances.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::archive::ColType::{Bytes, Int, Text};
use crate::archive::TableSpec;
use crate::{Result, StoreError, flag};

// ---------------------------------------------------------------- documents

/// A document asked of a candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRequest {
    pub id: i64,
    pub candidate_id: i64,
    /// `passport`, `diploma`, `language_certificate`, `cv`, `other`.
    pub kind: String,
    pub due_date: Option<i64>,
    pub requested_by: Option<i64>,
    pub requested_at: i64,
    /// The id of the newest document uploaded for this request, if any.
    pub fulfilled_by: Option<i64>,
}

/// A stored document without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentMeta {
    pub id: i64,
    pub candidate_id: i64,
    pub request_id: Option<i64>,
    pub kind: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    pub uploaded_by: Option<i64>,
    pub uploaded_at: i64,
}

/// A document to store.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub candidate_id: i64,
    pub request_id: Option<i64>,
    pub kind: &'a str,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub sha256: &'a str,
    pub content: &'a [u8],
    pub uploaded_by: Option<UserId>,
}

pub async fn insert_document_request(
    conn: &mut AnyConnection,
    candidate: i64,
    kind: &str,
    due_date: Option<i64>,
    by: Option<UserId>,
    now: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO candidate_document_requests (candidate_id, kind, due_date, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(candidate)
    .bind(kind)
    .bind(due_date)
    .bind(by.map(|u| u.0))
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn document_requests(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<DocumentRequest>> {
    let rows = sqlx::query(
        "SELECT r.id, r.candidate_id, r.kind, r.due_date, r.requested_by, r.requested_at, \
         (SELECT MAX(d.id) FROM candidate_documents d WHERE d.request_id = r.id) AS fulfilled_by \
         FROM candidate_document_requests r WHERE r.candidate_id = $1 ORDER BY r.id",
    )
    .bind(candidate)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DocumentRequest {
                id: r.try_get("id")?,
                candidate_id: r.try_get("candidate_id")?,
                kind: r.try_get("kind")?,
                due_date: r.try_get("due_date")?,
                requested_by: r.try_get("requested_by")?,
                requested_at: r.try_get("requested_at")?,
                fulfilled_by: r.try_get("fulfilled_by")?,
            })
        })
        .collect()
}

const DOCUMENT_COLUMNS: &str = "id, candidate_id, request_id, kind, file_name, media_type, size, sha256, uploaded_by, uploaded_at";

fn document_from_row(r: &sqlx::any::AnyRow) -> Result<DocumentMeta> {
    Ok(DocumentMeta {
        id: r.try_get("id")?,
        candidate_id: r.try_get("candidate_id")?,
        request_id: r.try_get("request_id")?,
        kind: r.try_get("kind")?,
        file_name: r.try_get("file_name")?,
        media_type: r.try_get("media_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        uploaded_by: r.try_get("uploaded_by")?,
        uploaded_at: r.try_get("uploaded_at")?,
    })
}

pub async fn insert_document(
    conn: &mut AnyConnection,
    d: &NewDocument<'_>,
    now: i64,
) -> Result<DocumentMeta> {
    let row = sqlx::query(&format!(
        "INSERT INTO candidate_documents (candidate_id, request_id, kind, file_name, media_type, size, sha256, content, \
         uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {DOCUMENT_COLUMNS}"
    ))
    .bind(d.candidate_id)
    .bind(d.request_id)
    .bind(d.kind)
    .bind(d.file_name)
    .bind(d.media_type)
    .bind(d.content.len() as i64)
    .bind(d.sha256)
    .bind(d.content.to_vec())
    .bind(d.uploaded_by.map(|u| u.0))
    .bind(now)
    .fetch_one(conn)
    .await?;
    document_from_row(&row)
}

pub async fn documents(conn: &mut AnyConnection, candidate: i64) -> Result<Vec<DocumentMeta>> {
    sqlx::query(&format!(
        "SELECT {DOCUMENT_COLUMNS} FROM candidate_documents WHERE candidate_id = $1 ORDER BY id"
    ))
    .bind(candidate)
    .fetch_all(conn)
    .await?
    .iter()
    .map(document_from_row)
    .collect()
}

/// One document with its bytes.
pub async fn document(conn: &mut AnyConnection, id: i64) -> Result<(DocumentMeta, Vec<u8>)> {
    let row = sqlx::query(&format!(
        "SELECT {DOCUMENT_COLUMNS}, content FROM candidate_documents WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok((document_from_row(&row)?, row.try_get("content")?))
}

// ---------------------------------------------------------------- consents

/// One consent given or withdrawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentEvent {
    pub id: i64,
    /// `share_employers`, `share_employer` (with `org_id`), `talent_pool`.
    pub purpose: String,
    pub org_id: Option<i64>,
    pub granted: bool,
    pub at: i64,
    pub by_user_id: Option<i64>,
}

pub async fn record_consent_event(
    conn: &mut AnyConnection,
    candidate: i64,
    purpose: &str,
    org: Option<OrgId>,
    granted: bool,
    by: Option<UserId>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO candidate_consent_events (candidate_id, purpose, org_id, granted, at, by_user_id) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(candidate)
    .bind(purpose)
    .bind(org.map(|o| o.0))
    .bind(i64::from(granted))
    .bind(now)
    .bind(by.map(|u| u.0))
    .execute(conn)
    .await?;
    Ok(())
}

/// Newest last.
pub async fn consent_history(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<ConsentEvent>> {
    let rows = sqlx::query(
        "SELECT id, purpose, org_id, granted, at, by_user_id FROM candidate_consent_events \
         WHERE candidate_id = $1 ORDER BY id",
    )
    .bind(candidate)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ConsentEvent {
                id: r.try_get("id")?,
                purpose: r.try_get("purpose")?,
                org_id: r.try_get("org_id")?,
                granted: flag(r.try_get("granted")?),
                at: r.try_get("at")?,
                by_user_id: r.try_get("by_user_id")?,
            })
        })
        .collect()
}

/// Gives (or, with `granted = false`, withdraws) consent to be shown to one employer
/// organisation. Returns whether anything changed.
pub async fn set_employer_consent(
    conn: &mut AnyConnection,
    candidate: i64,
    org: OrgId,
    granted: bool,
    now: i64,
) -> Result<bool> {
    let done = if granted {
        sqlx::query(
            "INSERT INTO candidate_employer_consents (candidate_id, org_id, given_at) VALUES ($1, $2, $3) \
             ON CONFLICT (candidate_id, org_id) DO NOTHING",
        )
        .bind(candidate)
        .bind(org.0)
        .bind(now)
        .execute(conn)
        .await?
    } else {
        sqlx::query(
            "DELETE FROM candidate_employer_consents WHERE candidate_id = $1 AND org_id = $2",
        )
        .bind(candidate)
        .bind(org.0)
        .execute(conn)
        .await?
    };
    Ok(done.rows_affected() > 0)
}

/// (organisation id, given at) of every employer the candidate consented to be shown to.
pub async fn employer_consents(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT org_id, given_at FROM candidate_employer_consents WHERE candidate_id = $1 ORDER BY org_id",
    )
    .bind(candidate)
    .fetch_all(conn)
    .await?)
}

/// Sets the two general consent flags on the candidate row.
pub async fn set_consent_flags(
    conn: &mut AnyConnection,
    candidate: i64,
    share_employers: bool,
    talent_pool: bool,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE candidates SET consent_share_employers = $1, consent_talent_pool = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(i64::from(share_employers))
    .bind(i64::from(talent_pool))
    .bind(now)
    .bind(candidate)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Records when the candidate's process ended (`None`: it runs again).
pub async fn set_process_ended(
    conn: &mut AnyConnection,
    candidate: i64,
    ended_at: Option<i64>,
    now: i64,
) -> Result<()> {
    let done =
        sqlx::query("UPDATE candidates SET process_ended_at = $1, updated_at = $2 WHERE id = $3")
            .bind(ended_at)
            .bind(now)
            .bind(candidate)
            .execute(conn)
            .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

// ---------------------------------------------------------------- erasure

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErasureRequest {
    pub id: i64,
    pub candidate_id: i64,
    pub org_id: i64,
    /// `open`, `done`, `rejected`.
    pub state: String,
    pub requested_at: i64,
    pub decided_by: Option<i64>,
    pub decided_at: Option<i64>,
}

fn erasure_from_row(r: &sqlx::any::AnyRow) -> Result<ErasureRequest> {
    Ok(ErasureRequest {
        id: r.try_get("id")?,
        candidate_id: r.try_get("candidate_id")?,
        org_id: r.try_get("org_id")?,
        state: r.try_get("state")?,
        requested_at: r.try_get("requested_at")?,
        decided_by: r.try_get("decided_by")?,
        decided_at: r.try_get("decided_at")?,
    })
}

const ERASURE_COLUMNS: &str =
    "id, candidate_id, org_id, state, requested_at, decided_by, decided_at";

/// Opens a request unless one is already open for the candidate; returns the open request.
pub async fn request_erasure(
    conn: &mut AnyConnection,
    candidate: i64,
    org: OrgId,
    now: i64,
) -> Result<ErasureRequest> {
    if let Some(open) = open_erasure_request(conn, candidate).await? {
        return Ok(open);
    }
    let row = sqlx::query(&format!(
        "INSERT INTO erasure_requests (candidate_id, org_id, state, requested_at) VALUES ($1, $2, 'open', $3) \
         RETURNING {ERASURE_COLUMNS}"
    ))
    .bind(candidate)
    .bind(org.0)
    .bind(now)
    .fetch_one(conn)
    .await?;
    erasure_from_row(&row)
}

pub async fn open_erasure_request(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Option<ErasureRequest>> {
    let row = sqlx::query(&format!(
        "SELECT {ERASURE_COLUMNS} FROM erasure_requests WHERE candidate_id = $1 AND state = 'open' ORDER BY id LIMIT 1"
    ))
    .bind(candidate)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(erasure_from_row).transpose()
}

/// Requests in one state, oldest first; `only` restricts to one organisation.
pub async fn erasure_requests(
    conn: &mut AnyConnection,
    state: &str,
    only: Option<OrgId>,
) -> Result<Vec<ErasureRequest>> {
    sqlx::query(&format!(
        "SELECT {ERASURE_COLUMNS} FROM erasure_requests WHERE state = $1 AND ($2 IS NULL OR org_id = $2) ORDER BY id"
    ))
    .bind(state)
    .bind(only.map(|o| o.0))
    .fetch_all(conn)
    .await?
    .iter()
    .map(erasure_from_row)
    .collect()
}

/// Every erasure request of a candidate, oldest first.
pub async fn erasure_requests_of(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<ErasureRequest>> {
    sqlx::query(&format!(
        "SELECT {ERASURE_COLUMNS} FROM erasure_requests WHERE candidate_id = $1 ORDER BY id"
    ))
    .bind(candidate)
    .fetch_all(conn)
    .await?
    .iter()
    .map(erasure_from_row)
    .collect()
}

/// Closes the open requests of a candidate (`done` or `rejected`).
pub async fn close_erasure_requests(
    conn: &mut AnyConnection,
    candidate: i64,
    state: &str,
    by: Option<UserId>,
    now: i64,
) -> Result<u64> {
    Ok(sqlx::query(
        "UPDATE erasure_requests SET state = $1, decided_by = $2, decided_at = $3 WHERE candidate_id = $4 AND state = 'open'",
    )
    .bind(state)
    .bind(by.map(|u| u.0))
    .bind(now)
    .bind(candidate)
    .execute(conn)
    .await?
    .rows_affected())
}

/// Tables that hold a candidate's rows, each with the column naming the candidate. Deleting
/// the `candidates` row cascades to all of them (`ON DELETE CASCADE`; placements cascade on to
/// their events, tracks, checklists and costs); the list is what the erasure counts. Modules
/// adding candidate tables append here.
pub const CANDIDATE_TABLES: &[&str] = &[
    "candidate_qualifications",
    "candidate_occupations",
    "candidate_skills",
    "candidate_languages",
    "candidate_document_requests",
    "candidate_documents",
    "candidate_employer_consents",
    "candidate_consent_events",
    "placements",
    "employer_shortlist",
    "introduction_requests",
];

/// Every table an erasure deletes rows from: the candidate, the tables above, what placements
/// cascade to, and the candidate's login with its sessions and tokens.
pub const ERASURE_TABLES: &[&str] = &[
    "candidates",
    "invitations",
    "mail_outbox",
    "candidate_qualifications",
    "candidate_occupations",
    "candidate_skills",
    "candidate_languages",
    "candidate_document_requests",
    "candidate_documents",
    "candidate_employer_consents",
    "candidate_consent_events",
    "placements",
    "placement_events",
    "placement_tracks",
    "placement_checklist",
    "placement_costs",
    "placement_due",
    "employer_shortlist",
    "introduction_requests",
    "users",
    "sessions",
    "api_tokens",
];

/// What an erasure removed: rows per table (no personal data).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Erased {
    pub tables: Vec<(String, u64)>,
    /// The candidate's own login, if one was linked (deleted with its sessions and tokens).
    pub login: Option<i64>,
}

/// Deletes a candidate: the row (cascading to every table in [`CANDIDATE_TABLES`] and to any
/// other table that references candidates with `ON DELETE CASCADE`) and the candidate's login.
pub async fn erase_candidate(conn: &mut AnyConnection, candidate: i64) -> Result<Erased> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT user_id FROM candidates WHERE id = $1")
            .bind(candidate)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((login,)) = row else {
        return Err(StoreError::NotFound);
    };
    let mut erased = Erased {
        login,
        ..Default::default()
    };
    for table in CANDIDATE_TABLES {
        let (n,): (i64,) = sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM {table} WHERE candidate_id = $1"
        ))
        .bind(candidate)
        .fetch_one(&mut *conn)
        .await?;
        erased.tables.push(((*table).to_owned(), n as u64));
    }
    sqlx::query("DELETE FROM candidates WHERE id = $1")
        .bind(candidate)
        .execute(&mut *conn)
        .await?;
    erased.tables.push(("candidates".to_owned(), 1));
    if let Some(user) = login {
        // A login used only by this candidate; sessions and tokens cascade.
        let (other,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM candidates WHERE user_id = $1")
            .bind(user)
            .fetch_one(&mut *conn)
            .await?;
        if other == 0 {
            sqlx::query("DELETE FROM users WHERE id = $1 AND role = 'candidate'")
                .bind(user)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(erased)
}

/// The retention rule's selection: candidates whose process ended at or before `ended_before`
/// and who did not consent to stay in the talent pool.
pub async fn retention_due(conn: &mut AnyConnection, ended_before: i64) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT id, org_id FROM candidates WHERE process_ended_at IS NOT NULL AND process_ended_at <= $1 \
         AND consent_talent_pool = 0 ORDER BY id",
    )
    .bind(ended_before)
    .fetch_all(conn)
    .await?)
}

// ---------------------------------------------------------------- audit entries about a person

/// Audit entries about one candidate: entries on the candidate's records (entity `candidate…`
/// with the candidate's id), on the candidate's placements (entity `placement…` with the
/// placement's id, or the checklist item's id for `placement_checklist`), entries by the
/// candidate's own login, and list/match reads whose id lists contain the candidate or one of
/// their placements (read and filtered here). Oldest first.
pub async fn audit_about(
    conn: &mut AnyConnection,
    candidate: i64,
    login: Option<UserId>,
) -> Result<Vec<crate::audit::AuditEntry>> {
    let placements: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM placements WHERE candidate_id = $1 ORDER BY id")
            .bind(candidate)
            .fetch_all(&mut *conn)
            .await?;
    let items: Vec<i64> = sqlx::query_scalar(
        "SELECT c.id FROM placement_checklist c JOIN placements p ON p.id = c.placement_id \
         WHERE p.candidate_id = $1 ORDER BY c.id",
    )
    .bind(candidate)
    .fetch_all(&mut *conn)
    .await?;
    // Placement entries are selected by entity here and matched by id below: a candidate has
    // few placements, and one SQL text with a variable IN list would differ per call.
    let rows = sqlx::query(
        "SELECT id, at, actor_user_id, actor_label, action, entity, entity_id, org_id, before_json, after_json, client_ip \
         FROM audit_log WHERE (entity LIKE 'candidate%' AND (entity_id = $1 OR entity_id = '')) \
         OR ($2 = 1 AND entity LIKE 'placement%') \
         OR ($3 IS NOT NULL AND actor_user_id = $3) ORDER BY id",
    )
    .bind(candidate.to_string())
    .bind(i64::from(!placements.is_empty()))
    .bind(login.map(|u| u.0))
    .fetch_all(conn)
    .await?;
    let own = candidate.to_string();
    let listed_in = |e: &crate::audit::AuditEntry, key: &str, wanted: &[i64]| {
        e.entity_id.is_empty()
            && e.after.as_ref().is_some_and(|a| {
                a[key].as_array().is_some_and(|l| {
                    l.iter()
                        .any(|v| v.as_i64().is_some_and(|v| wanted.contains(&v)))
                })
            })
    };
    let mut out = Vec::new();
    for r in &rows {
        let e = crate::audit::entry_from_row(r)?;
        let by_login = login.is_some_and(|u| e.actor_user_id == Some(u.0));
        let about = if e.entity.starts_with("candidate") {
            e.entity_id == own
                || listed_in(&e, "ids", &[candidate])
                || listed_in(&e, "candidates", &[candidate])
        } else if e.entity == "placement_checklist" {
            e.entity_id.parse().is_ok_and(|id| items.contains(&id))
        } else if e.entity.starts_with("placement") {
            e.entity_id.parse().is_ok_and(|id| placements.contains(&id))
                || listed_in(&e, "ids", &placements)
        } else {
            false
        };
        if by_login || about {
            out.push(e);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- leases

/// Claims the lease `name` for `holder` until `expires_at` if it is free (never taken, or
/// expired at `now`). One statement each, so two instances cannot both win.
pub async fn claim_lease(
    conn: &mut AnyConnection,
    name: &str,
    holder: &str,
    now: i64,
    expires_at: i64,
) -> Result<bool> {
    sqlx::query(
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, '', 0) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query(
        "UPDATE leases SET holder = $1, expires_at = $2 WHERE name = $3 AND expires_at <= $4",
    )
    .bind(holder)
    .bind(expires_at)
    .bind(name)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims the lease `name` for `holder` until `expires_at` if it is free or already held by
/// `holder` (a job that runs often and keeps its lease while it lives). One statement each.
pub async fn hold_lease(
    conn: &mut AnyConnection,
    name: &str,
    holder: &str,
    now: i64,
    expires_at: i64,
) -> Result<bool> {
    sqlx::query(
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, '', 0) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query(
        "UPDATE leases SET holder = $1, expires_at = $2 WHERE name = $3 AND (expires_at <= $4 OR holder = $1)",
    )
    .bind(holder)
    .bind(expires_at)
    .bind(name)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a lease held by `holder` to a new expiry (after the work: when it may run next).
pub async fn renew_lease(
    conn: &mut AnyConnection,
    name: &str,
    holder: &str,
    expires_at: i64,
) -> Result<()> {
    sqlx::query("UPDATE leases SET expires_at = $1 WHERE name = $2 AND holder = $3")
        .bind(expires_at)
        .bind(name)
        .bind(holder)
        .execute(conn)
        .await?;
    Ok(())
}

/// Appends a finished run to the shared `jobs` table (kind, summary), for the record.
pub async fn record_job(
    conn: &mut AnyConnection,
    kind: &str,
    payload: &serde_json::Value,
    message: &str,
    now: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO jobs (kind, state, payload, progress, message, created_by, created_at, updated_at) \
         VALUES ($1, 'done', $2, 1.0, $3, NULL, $4, $4) RETURNING id",
    )
    .bind(kind)
    .bind(payload.to_string())
    .bind(message)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Employer organisations a candidate may consent to be shown to — those of an employer kind
/// and any that posted a position — whose name contains `text` (letter case ignored for
/// ASCII): at most `limit`, (id, name) by name. A search, because a region has hundreds of
/// employers and a row for each made the portal unusable (and slow).
pub async fn search_employer_organisations(
    conn: &mut AnyConnection,
    text: &str,
    limit: i64,
) -> Result<Vec<(i64, String)>> {
    let pattern = format!("%{}%", crate::escape_like(&text.trim().to_lowercase()));
    Ok(sqlx::query_as(
        "SELECT id, name FROM organisations WHERE (kind IN ('clinic', 'transport_company', 'employer') \
         OR id IN (SELECT org_id FROM positions)) AND LOWER(name) LIKE $1 ESCAPE '\\' \
         ORDER BY name, id LIMIT $2",
    )
    .bind(pattern)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Whether a candidate may consent to be shown to this organisation (see
/// [`search_employer_organisations`]).
pub async fn is_employer_organisation(conn: &mut AnyConnection, org: i64) -> Result<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM organisations WHERE id = $1 AND (kind IN ('clinic', 'transport_company', 'employer') \
         OR id IN (SELECT org_id FROM positions WHERE org_id = $1))",
    )
    .bind(org)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// The module's tables in the portable archive, parents before children (registered in
/// [`crate::archive::MODULE_TABLES`]).
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    // Candidate portal and personal data (migration 0005).
    TableSpec {
        name: "candidate_document_requests",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("kind", Text),
            ("due_date", Int),
            ("requested_by", Int),
            ("requested_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "candidate_documents",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("request_id", Int),
            ("kind", Text),
            ("file_name", Text),
            ("media_type", Text),
            ("size", Int),
            ("sha256", Text),
            ("content", Bytes),
            ("uploaded_by", Int),
            ("uploaded_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "candidate_employer_consents",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("org_id", Int),
            ("given_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "candidate_consent_events",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("purpose", Text),
            ("org_id", Int),
            ("granted", Int),
            ("at", Int),
            ("by_user_id", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "erasure_requests",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("org_id", Int),
            ("state", Text),
            ("requested_at", Int),
            ("decided_by", Int),
            ("decided_at", Int),
        ],
        identity: true,
    },
];
