//! The recruitment revision and its change log: which candidates and positions changed since a
//! revision, so every app instance can update its matching index in place.

use sqlx::AnyConnection;

use crate::Result;

/// A record whose change the matching caches must pick up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Changed {
    Candidate(i64),
    Position(i64),
}

/// How many revisions of the change log are kept; a cache further behind rebuilds.
pub const KEPT_REVISIONS: i64 = 10_000;

/// Bumps the recruitment revision after a write that may have changed anything (demo loads,
/// bulk changes): every instance rebuilds its matching index. Call in the write's transaction.
pub async fn bump_revision(conn: &mut AnyConnection) -> Result<i64> {
    record_revision(conn, &[("all", 0)]).await
}

/// Bumps the recruitment revision after a write that changed exactly `changed`; instances
/// re-read only these records. Call in the write's transaction. The row lock on
/// `recruitment_state` held until commit orders revisions like the commits.
pub async fn bump_revision_for(conn: &mut AnyConnection, changed: &[Changed]) -> Result<i64> {
    let mut rows: Vec<(&str, i64)> = Vec::with_capacity(changed.len());
    for c in changed {
        let row = match *c {
            Changed::Candidate(id) => ("candidate", id),
            Changed::Position(id) => ("position", id),
        };
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return bump_revision(conn).await;
    }
    record_revision(conn, &rows).await
}

/// Bumps the revision, logs `(kind, entity id)` rows under it and prunes the old log.
async fn record_revision(conn: &mut AnyConnection, rows: &[(&str, i64)]) -> Result<i64> {
    let (r,): (i64,) = sqlx::query_as(
        "UPDATE recruitment_state SET revision = revision + 1 WHERE id = 1 RETURNING revision",
    )
    .fetch_one(&mut *conn)
    .await?;
    for (kind, id) in rows {
        sqlx::query(
            "INSERT INTO recruitment_changes (revision, kind, entity_id) VALUES ($1, $2, $3)",
        )
        .bind(r)
        .bind(*kind)
        .bind(*id)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM recruitment_changes WHERE revision <= $1")
        .bind(r - KEPT_REVISIONS)
        .execute(&mut *conn)
        .await?;
    Ok(r)
}

/// The records changed by the revisions after `after` up to `upto`, or `None` when a cache at
/// `after` must rebuild instead: the log no longer reaches back that far (pruned, or written
/// before the log existed), or one of the revisions may have changed anything.
pub async fn changes_between(
    conn: &mut AnyConnection,
    after: i64,
    upto: i64,
) -> Result<Option<Vec<Changed>>> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT revision, kind, entity_id FROM recruitment_changes \
         WHERE revision > $1 AND revision <= $2 ORDER BY revision, kind, entity_id",
    )
    .bind(after)
    .bind(upto)
    .fetch_all(conn)
    .await?;
    // Every revision writes at least one row, so a complete log has each of them.
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (revision, kind, id) in rows {
        if seen.last() != Some(&revision) {
            seen.push(revision);
        }
        match kind.as_str() {
            "candidate" => out.push(Changed::Candidate(id)),
            "position" => out.push(Changed::Position(id)),
            _ => return Ok(None),
        }
    }
    if seen.len() as i64 != upto - after {
        return Ok(None);
    }
    out.sort_by_key(|c| match *c {
        Changed::Candidate(id) => (0, id),
        Changed::Position(id) => (1, id),
    });
    out.dedup();
    Ok(Some(out))
}

/// The current recruitment revision (cheap; compared by caches).
pub async fn revision(conn: &mut AnyConnection) -> Result<i64> {
    let (r,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(revision), 0) FROM recruitment_state")
        .fetch_one(conn)
        .await?;
    Ok(r)
}
