//! Employers' requests to the agency for an introduction to a candidate, and the agency's
//! answers (migration 0037). One open request per organisation, candidate and position (the
//! database's partial unique index); an answer is final. Rows go with their candidate.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::introduction::IntroductionState;
use standort_domain::{IntroductionId, OrgId, UserId};

use super::shared_with_sql_on;
use crate::list::{Order, SortColumn, SortKey, SqlOrder, col};
use crate::{Arg, Filter, PageRequest, Paged, Result, StoreError};

/// One request with the names its pages show (no contact details of the candidate).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Introduction {
    pub id: IntroductionId,
    pub org_id: OrgId,
    pub org_name: String,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub position_id: Option<i64>,
    pub position_title: Option<String>,
    pub message: String,
    pub state: IntroductionState,
    /// The agency's answer: next steps or a contact when accepted, the reason when declined.
    pub answer: String,
    pub requested_by: Option<UserId>,
    pub requested_at: i64,
    pub answered_by: Option<UserId>,
    pub answered_at: Option<i64>,
}

const COLUMNS: &str = "r.id AS id, r.org_id AS org_id, o.name AS org_name, \
    r.candidate_id AS candidate_id, c.family_name AS family_name, c.given_names AS given_names, \
    r.position_id AS position_id, p.title AS position_title, r.message AS message, \
    r.state AS state, r.answer AS answer, r.requested_by AS requested_by, \
    r.requested_at AS requested_at, r.answered_by AS answered_by, r.answered_at AS answered_at";

const FROM: &str = "introduction_requests r JOIN candidates c ON c.id = r.candidate_id \
    JOIN organisations o ON o.id = r.org_id LEFT JOIN positions p ON p.id = r.position_id";

/// The lists' and counts' `FROM`: the requests first, their candidates looked up by id
/// (`CROSS JOIN` fixes SQLite's loop order; the join condition is in the filter's `WHERE`).
/// Otherwise SQLite starts an employer's count from the candidates it may see (a `MULTI-INDEX
/// OR` over ~16,000 at ×100, 1.3 ms per view of the employer's dashboard) instead of its few
/// requests. PostgreSQL plans the inner join it is freely.
const LIST_FROM: &str = "introduction_requests r CROSS JOIN candidates c \
    JOIN organisations o ON o.id = r.org_id LEFT JOIN positions p ON p.id = r.position_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Introduction> {
    let state: String = r.try_get("state")?;
    let family: String = r.try_get("family_name")?;
    let given: String = r.try_get("given_names")?;
    Ok(Introduction {
        id: IntroductionId(r.try_get("id")?),
        org_id: OrgId(r.try_get("org_id")?),
        org_name: r.try_get("org_name")?,
        candidate_id: r.try_get("candidate_id")?,
        candidate_name: format!("{family} {given}"),
        position_id: r.try_get("position_id")?,
        position_title: r.try_get("position_title")?,
        message: r.try_get("message")?,
        state: IntroductionState::parse(&state)
            .ok_or_else(|| StoreError::Archive(format!("unknown introduction state {state:?}")))?,
        answer: r.try_get("answer")?,
        requested_by: r.try_get::<Option<i64>, _>("requested_by")?.map(UserId),
        requested_at: r.try_get("requested_at")?,
        answered_by: r.try_get::<Option<i64>, _>("answered_by")?.map(UserId),
        answered_at: r.try_get("answered_at")?,
    })
}

/// The open request of an organisation for a candidate and position (no position is one
/// position of its own), if there is one.
pub async fn open_introduction(
    conn: &mut AnyConnection,
    org: OrgId,
    candidate: i64,
    position: Option<i64>,
) -> Result<Option<IntroductionId>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM introduction_requests WHERE org_id = $1 AND candidate_id = $2 \
         AND COALESCE(position_id, 0) = $3 AND state = 'open'",
    )
    .bind(org.0)
    .bind(candidate)
    .bind(position.unwrap_or(0))
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id,)| IntroductionId(id)))
}

/// Records a new open request.
pub async fn insert_introduction(
    conn: &mut AnyConnection,
    org: OrgId,
    candidate: i64,
    position: Option<i64>,
    message: &str,
    by: UserId,
    now: i64,
) -> Result<IntroductionId> {
    let row = sqlx::query(
        "INSERT INTO introduction_requests (org_id, candidate_id, position_id, message, state, \
         requested_by, requested_at) VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id",
    )
    .bind(org.0)
    .bind(candidate)
    .bind(position)
    .bind(message)
    .bind(by.0)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(IntroductionId(row.try_get("id")?))
}

/// Answers an open request; `NotFound` when there is none, `Conflict` when it was answered
/// already (the answer is final).
pub async fn answer_introduction(
    conn: &mut AnyConnection,
    id: IntroductionId,
    state: IntroductionState,
    answer: &str,
    by: UserId,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE introduction_requests SET state = $1, answer = $2, answered_by = $3, \
         answered_at = $4 WHERE id = $5 AND state = 'open'",
    )
    .bind(state.as_str())
    .bind(answer)
    .bind(by.0)
    .bind(now)
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        get_introduction(conn, id).await?;
        return Err(StoreError::Conflict("answered".into()));
    }
    Ok(())
}

pub async fn get_introduction(
    conn: &mut AnyConnection,
    id: IntroductionId,
) -> Result<Introduction> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE r.id = $1"))
        .bind(id.0)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// The columns the requests list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntroductionSort {
    /// When the request was made (newest first by default).
    Requested,
    Candidate,
    Employer,
    State,
}

impl SortKey for IntroductionSort {
    const ALL: &'static [IntroductionSort] = &[
        IntroductionSort::Requested,
        IntroductionSort::Candidate,
        IntroductionSort::Employer,
        IntroductionSort::State,
    ];
    fn name(self) -> &'static str {
        match self {
            IntroductionSort::Requested => "requested",
            IntroductionSort::Candidate => "candidate",
            IntroductionSort::Employer => "employer",
            IntroductionSort::State => "state",
        }
    }
    fn default_desc(self) -> bool {
        self == IntroductionSort::Requested
    }
}

impl SqlOrder for IntroductionSort {
    fn columns(self) -> &'static [SortColumn] {
        match self {
            IntroductionSort::Requested => const { &[col("r.requested_at")] },
            IntroductionSort::Candidate => const { &[col("c.family_name"), col("c.given_names")] },
            IntroductionSort::Employer => const { &[col("o.name"), col("r.requested_at")] },
            IntroductionSort::State => const { &[col("r.state"), col("r.requested_at")] },
        }
    }
    fn tie_break() -> &'static str {
        "r.id"
    }
}

/// What the requests list shows; `None` filters nothing.
#[derive(Debug, Clone, Default)]
pub struct IntroductionFilter {
    /// One employer organisation's requests, of candidates who (still) consent to be shown to
    /// it (an employer's own view).
    pub employer: Option<OrgId>,
    /// One candidate's requests (the candidate's page).
    pub candidate: Option<i64>,
    /// These states only (`open`; `accepted` and `declined` for "answered").
    pub states: Vec<IntroductionState>,
    /// Folded words of the candidate's name.
    pub name: Option<String>,
    pub order: Order<IntroductionSort>,
}

/// One page of requests, with its total.
pub async fn list_introductions(
    conn: &mut AnyConnection,
    f: &IntroductionFilter,
    page: PageRequest,
) -> Result<Paged<Introduction>> {
    let (from_where, args) = filtered(f);
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

/// How many requests the filter selects (dashboard cards).
pub async fn count_introductions(conn: &mut AnyConnection, f: &IntroductionFilter) -> Result<i64> {
    let (from_where, args) = filtered(f);
    crate::count_where(conn, &from_where, &args).await
}

fn filtered(f: &IntroductionFilter) -> (String, Vec<Arg>) {
    let mut filter = Filter::default();
    if let Some(o) = f.employer {
        filter.and(Arg::Int(Some(o.0)), |n| format!("r.org_id = ${n}"));
        filter.and(Arg::Int(Some(o.0)), |n| shared_with_sql_on("c.", n));
    }
    if let Some(c) = f.candidate {
        filter.and(Arg::Int(Some(c)), |n| format!("r.candidate_id = ${n}"));
    }
    if !f.states.is_empty() {
        let args = f
            .states
            .iter()
            .map(|s| Arg::Text(s.as_str().to_owned()))
            .collect();
        filter.and_many(args, |ps| format!("r.state IN ({})", ps.join(", ")));
    }
    filter.words(f.name.as_deref(), &["c.name_folded"]);
    filter.fixed("c.id = r.candidate_id");
    filter.from(LIST_FROM)
}

/// Every request about a candidate (the candidate's data export), oldest first.
pub async fn introductions_of_candidate(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<Introduction>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE r.candidate_id = $1 ORDER BY r.id"
    ))
    .bind(candidate)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}
