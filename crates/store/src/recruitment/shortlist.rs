//! Employers' shortlists ("Merkliste", migration 0037): the candidates an employer
//! organisation keeps an eye on, shared by the organisation's people, optionally for one of
//! its positions. Rows go with their candidate (cascade on erasure).

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use super::shared_with_sql_on;
use crate::list::{Order, SortColumn, SortKey, SqlOrder};
use crate::{Arg, Filter, PageRequest, Paged, Result};

/// One shortlisted candidate as the employer's list shows it (no contact details).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShortlistEntry {
    pub candidate_id: i64,
    pub family_name: String,
    pub given_names: String,
    pub country: String,
    pub german_level: Option<String>,
    pub position_id: Option<i64>,
    pub position_title: Option<String>,
    pub created_at: i64,
}

impl ShortlistEntry {
    pub fn display_name(&self) -> String {
        format!("{} {}", self.family_name, self.given_names)
    }
}

const COLUMNS: &str = "s.id AS id, s.candidate_id AS candidate_id, c.family_name AS family_name, \
    c.given_names AS given_names, c.country AS country, c.german_level AS german_level, \
    s.position_id AS position_id, p.title AS position_title, s.created_at AS created_at";

const FROM: &str = "employer_shortlist s JOIN candidates c ON c.id = s.candidate_id \
    LEFT JOIN positions p ON p.id = s.position_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<ShortlistEntry> {
    Ok(ShortlistEntry {
        candidate_id: r.try_get("candidate_id")?,
        family_name: r.try_get("family_name")?,
        given_names: r.try_get("given_names")?,
        country: r.try_get("country")?,
        german_level: r.try_get("german_level")?,
        position_id: r.try_get("position_id")?,
        position_title: r.try_get("position_title")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Puts a candidate on the organisation's shortlist, or changes the position it is for;
/// `true` when the candidate was not on it before.
pub async fn add_to_shortlist(
    conn: &mut AnyConnection,
    org: OrgId,
    candidate: i64,
    position: Option<i64>,
    by: UserId,
    now: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE employer_shortlist SET position_id = $1 WHERE org_id = $2 AND candidate_id = $3",
    )
    .bind(position)
    .bind(org.0)
    .bind(candidate)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() > 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO employer_shortlist (org_id, candidate_id, position_id, added_by, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(org.0)
    .bind(candidate)
    .bind(position)
    .bind(by.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(true)
}

/// Takes a candidate off the organisation's shortlist; `false` when it was not on it.
pub async fn remove_from_shortlist(
    conn: &mut AnyConnection,
    org: OrgId,
    candidate: i64,
) -> Result<bool> {
    let done =
        sqlx::query("DELETE FROM employer_shortlist WHERE org_id = $1 AND candidate_id = $2")
            .bind(org.0)
            .bind(candidate)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether the candidate is on the organisation's shortlist, and for which position.
pub async fn shortlisted(
    conn: &mut AnyConnection,
    org: OrgId,
    candidate: i64,
) -> Result<Option<Option<i64>>> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT position_id FROM employer_shortlist WHERE org_id = $1 AND candidate_id = $2",
    )
    .bind(org.0)
    .bind(candidate)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(p,)| p))
}

/// Every shortlist row of a candidate (the candidate's data export): organisation, position,
/// when.
pub async fn shortlists_of_candidate(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<(OrgId, Option<i64>, i64)>> {
    let rows: Vec<(i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT org_id, position_id, created_at FROM employer_shortlist WHERE candidate_id = $1 \
         ORDER BY id",
    )
    .bind(candidate)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(o, p, t)| (OrgId(o), p, t)).collect())
}

/// The columns the shortlist sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortlistSort {
    /// Family name, then given names.
    Name,
    Position,
    /// When the candidate was put on the list (newest first by default).
    Added,
}

impl SortKey for ShortlistSort {
    const ALL: &'static [ShortlistSort] = &[
        ShortlistSort::Name,
        ShortlistSort::Position,
        ShortlistSort::Added,
    ];
    fn name(self) -> &'static str {
        match self {
            ShortlistSort::Name => "name",
            ShortlistSort::Position => "position",
            ShortlistSort::Added => "added",
        }
    }
    fn default_desc(self) -> bool {
        self == ShortlistSort::Added
    }
}

impl SqlOrder for ShortlistSort {
    fn columns(self) -> &'static [SortColumn] {
        const fn col(sql: &'static str, nullable: bool) -> SortColumn {
            SortColumn { sql, nullable }
        }
        match self {
            ShortlistSort::Name => {
                const { &[col("c.family_name", false), col("c.given_names", false)] }
            }
            ShortlistSort::Position => {
                const { &[col("p.title", true), col("c.family_name", false)] }
            }
            ShortlistSort::Added => const { &[col("s.created_at", false)] },
        }
    }
    fn tie_break() -> &'static str {
        "s.id"
    }
}

/// What an organisation's shortlist shows.
#[derive(Debug, Clone)]
pub struct ShortlistFilter {
    /// The employer organisation whose list it is. Only candidates who (still) consent to be
    /// shown to it are listed.
    pub org: OrgId,
    /// Only entries for this position.
    pub position: Option<i64>,
    /// Folded words of the candidate's name (every word must occur).
    pub name: Option<String>,
    pub order: Order<ShortlistSort>,
}

/// One page of an organisation's shortlist, with its total.
pub async fn list_shortlist(
    conn: &mut AnyConnection,
    f: &ShortlistFilter,
    page: PageRequest,
) -> Result<Paged<ShortlistEntry>> {
    let mut filter = Filter::default();
    filter.and(Arg::Int(Some(f.org.0)), |n| format!("s.org_id = ${n}"));
    filter.and(Arg::Int(Some(f.org.0)), |n| shared_with_sql_on("c.", n));
    if let Some(p) = f.position {
        filter.and(Arg::Int(Some(p)), |n| format!("s.position_id = ${n}"));
    }
    filter.words(f.name.as_deref(), &["c.name_folded"]);
    let (from_where, args) = filter.from(FROM);
    crate::fetch_paged(
        conn,
        &from_where,
        COLUMNS,
        &f.order.sql(),
        &args,
        page,
        from_row,
    )
    .await
}

/// How many candidates are on the organisation's shortlist (the dashboard card).
pub async fn count_shortlist(conn: &mut AnyConnection, org: OrgId) -> Result<i64> {
    let mut filter = Filter::default();
    filter.and(Arg::Int(Some(org.0)), |n| format!("s.org_id = ${n}"));
    filter.and(Arg::Int(Some(org.0)), |n| shared_with_sql_on("c.", n));
    let (from_where, args) = filter.from(FROM);
    crate::count_where(conn, &from_where, &args).await
}
