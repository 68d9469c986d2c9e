//! Agreements (memoranda of understanding, cooperation agreements): parties, term, status,
//! the trip they came out of, and obligations with owner and deadline.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::network::{AgreementKind, AgreementStatus};
use standort_domain::{OrgId, UserId};

use super::unknown;
use crate::{Arg, Filter, PageRequest, Paged, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementData {
    pub title: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub signed_on: Option<i64>,
    pub ends_on: Option<i64>,
    /// The delegation trip it came out of.
    pub trip_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub id: i64,
    #[serde(flatten)]
    pub data: AgreementData,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    pub org_id: OrgId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Obligation {
    pub id: i64,
    pub agreement_id: i64,
    pub agreement_title: String,
    pub description: String,
    pub owner_user_id: Option<UserId>,
    pub due_day: i64,
    pub done_at: Option<i64>,
}

const COLUMNS: &str = "id, title, kind, status, signed_on, ends_on, trip_id, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Agreement> {
    let kind: String = r.try_get("kind")?;
    let status: String = r.try_get("status")?;
    Ok(Agreement {
        id: r.try_get("id")?,
        data: AgreementData {
            title: r.try_get("title")?,
            kind: AgreementKind::parse(&kind).ok_or_else(|| unknown("agreement kind", &kind))?,
            status: AgreementStatus::parse(&status)
                .ok_or_else(|| unknown("agreement status", &status))?,
            signed_on: r.try_get("signed_on")?,
            ends_on: r.try_get("ends_on")?,
            trip_id: r.try_get("trip_id")?,
        },
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_agreement(
    conn: &mut AnyConnection,
    d: &AgreementData,
    by: UserId,
    now: i64,
) -> Result<Agreement> {
    let row = sqlx::query(&format!(
        "INSERT INTO network_agreements (title, kind, status, signed_on, ends_on, trip_id, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
    ))
    .bind(&d.title)
    .bind(d.kind.as_str())
    .bind(d.status.as_str())
    .bind(d.signed_on)
    .bind(d.ends_on)
    .bind(d.trip_id)
    .bind(by.0)
    .bind(now)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

pub async fn get_agreement(conn: &mut AnyConnection, id: i64) -> Result<Agreement> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM network_agreements WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// Agreements, the latest first; `party` keeps those an organisation is a party to.
pub async fn list_agreements(
    conn: &mut AnyConnection,
    party: Option<OrgId>,
    page: PageRequest,
) -> Result<Paged<Agreement>> {
    let mut f = Filter::default();
    if let Some(o) = party {
        f.and(Arg::Int(Some(o.0)), |n| {
            format!(
                "id IN (SELECT agreement_id FROM network_agreement_parties WHERE org_id = ${n})"
            )
        });
    }
    let (from_where, args) = f.from("network_agreements");
    crate::fetch_paged(
        conn,
        &from_where,
        COLUMNS,
        "created_at DESC, id DESC",
        &args,
        page,
        from_row,
    )
    .await
}

pub async fn add_party(conn: &mut AnyConnection, agreement: i64, org: OrgId) -> Result<()> {
    sqlx::query("INSERT INTO network_agreement_parties (agreement_id, org_id) VALUES ($1, $2)")
        .bind(agreement)
        .bind(org.0)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn parties(conn: &mut AnyConnection, agreement: i64) -> Result<Vec<Party>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT p.org_id, o.name FROM network_agreement_parties p JOIN organisations o \
         ON o.id = p.org_id WHERE p.agreement_id = $1 ORDER BY p.id",
    )
    .bind(agreement)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Party {
            org_id: OrgId(id),
            name,
        })
        .collect())
}

pub async fn add_obligation(
    conn: &mut AnyConnection,
    agreement: i64,
    description: &str,
    owner: Option<UserId>,
    due_day: i64,
    now: i64,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO network_obligations (agreement_id, description, owner_user_id, due_day, \
         created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(agreement)
    .bind(description)
    .bind(owner.map(|u| u.0))
    .bind(due_day)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

/// Marks an obligation of `agreement` as fulfilled.
pub async fn complete_obligation(
    conn: &mut AnyConnection,
    agreement: i64,
    obligation: i64,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE network_obligations SET done_at = $1 WHERE id = $2 AND agreement_id = $3 \
         AND done_at IS NULL",
    )
    .bind(now)
    .bind(obligation)
    .bind(agreement)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

const OBLIGATION_COLUMNS: &str = "b.id, b.agreement_id, g.title AS agreement_title, \
    b.description, b.owner_user_id, b.due_day, b.done_at";

fn obligation_from_row(r: &sqlx::any::AnyRow) -> Result<Obligation> {
    let owner: Option<i64> = r.try_get("owner_user_id")?;
    Ok(Obligation {
        id: r.try_get("id")?,
        agreement_id: r.try_get("agreement_id")?,
        agreement_title: r.try_get("agreement_title")?,
        description: r.try_get("description")?,
        owner_user_id: owner.map(UserId),
        due_day: r.try_get("due_day")?,
        done_at: r.try_get("done_at")?,
    })
}

pub async fn obligations(conn: &mut AnyConnection, agreement: i64) -> Result<Vec<Obligation>> {
    let rows = sqlx::query(&format!(
        "SELECT {OBLIGATION_COLUMNS} FROM network_obligations b JOIN network_agreements g \
         ON g.id = b.agreement_id WHERE b.agreement_id = $1 ORDER BY b.due_day, b.id"
    ))
    .bind(agreement)
    .fetch_all(conn)
    .await?;
    rows.iter().map(obligation_from_row).collect()
}

/// Open obligations due before `until_day` (overdue ones included), earliest first, at most
/// `limit`, and how many there are in all.
pub async fn obligations_due(
    conn: &mut AnyConnection,
    until_day: i64,
    limit: i64,
) -> Result<(Vec<Obligation>, i64)> {
    let (total,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM network_obligations WHERE done_at IS NULL AND due_day < $1",
    )
    .bind(until_day)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query(&format!(
        "SELECT {OBLIGATION_COLUMNS} FROM network_obligations b JOIN network_agreements g \
         ON g.id = b.agreement_id WHERE b.done_at IS NULL AND b.due_day < $1 \
         ORDER BY b.due_day, b.id LIMIT $2"
    ))
    .bind(until_day)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok((
        rows.iter()
            .map(obligation_from_row)
            .collect::<Result<_>>()?,
        total,
    ))
}

/// The agreements that came out of a trip (id, title).
pub async fn trip_agreements(conn: &mut AnyConnection, trip: i64) -> Result<Vec<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, title FROM network_agreements WHERE trip_id = $1 ORDER BY id")
            .bind(trip)
            .fetch_all(conn)
            .await?,
    )
}

/// Whether an organisation is a party to an agreement.
pub async fn is_party(conn: &mut AnyConnection, agreement: i64, org: OrgId) -> Result<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM network_agreement_parties WHERE agreement_id = $1 AND org_id = $2",
    )
    .bind(agreement)
    .bind(org.0)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Open obligations due before `until_day` (overdue ones included) of every agreement, or of
/// one (`agreement`), earliest first: what the reminders raise for their owners.
pub async fn open_obligations_before(
    conn: &mut AnyConnection,
    until_day: i64,
    agreement: Option<i64>,
) -> Result<Vec<Obligation>> {
    let rows = sqlx::query(&format!(
        "SELECT {OBLIGATION_COLUMNS} FROM network_obligations b JOIN network_agreements g \
         ON g.id = b.agreement_id WHERE b.done_at IS NULL AND b.due_day < $1 \
         AND ($2 IS NULL OR b.agreement_id = $2) ORDER BY b.due_day, b.id"
    ))
    .bind(until_day)
    .bind(agreement)
    .fetch_all(conn)
    .await?;
    rows.iter().map(obligation_from_row).collect()
}

/// The open obligations `owner` owns from `since` on (their calendar feed), earliest first.
pub async fn obligations_of(
    conn: &mut AnyConnection,
    owner: UserId,
    since: i64,
) -> Result<Vec<Obligation>> {
    let rows = sqlx::query(&format!(
        "SELECT {OBLIGATION_COLUMNS} FROM network_obligations b JOIN network_agreements g \
         ON g.id = b.agreement_id WHERE b.owner_user_id = $1 AND b.done_at IS NULL \
         AND b.due_day >= $2 ORDER BY b.due_day, b.id"
    ))
    .bind(owner.0)
    .bind(since)
    .fetch_all(conn)
    .await?;
    rows.iter().map(obligation_from_row).collect()
}

/// Agreements not ended whose term ends from `from` to before `until` (Unix seconds), by end.
pub async fn terms_ending(
    conn: &mut AnyConnection,
    from: i64,
    until: i64,
) -> Result<Vec<Agreement>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM network_agreements WHERE status <> 'ended' \
         AND ends_on IS NOT NULL AND ends_on >= $1 AND ends_on < $2 ORDER BY ends_on, id"
    ))
    .bind(from)
    .bind(until)
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// The organisations party to an agreement.
pub async fn party_orgs(conn: &mut AnyConnection, agreement: i64) -> Result<Vec<OrgId>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT org_id FROM network_agreement_parties WHERE agreement_id = $1 ORDER BY org_id",
    )
    .bind(agreement)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(o,)| OrgId(o)).collect())
}
