//! Approaches (direct approach, visit, call, e-mail, meeting, letter): the visit log shared
//! with partner agencies. `by_org_id` is the organisation whose staff made the approach.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::network::{Channel, PartnerScope};
use standort_domain::{OrgId, UserId};

use super::unknown;
use crate::list::{Order, SortColumn, SortKey, SqlOrder, col};
use crate::{Arg, Filter, PageRequest, Paged, Result};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApproachData {
    /// The company approached.
    pub org_id: OrgId,
    pub channel: Channel,
    pub on_day: i64,
    pub by_user: Option<UserId>,
    pub by_org_id: OrgId,
    pub topic: String,
    pub outcome: String,
    pub next_step: String,
    pub next_due: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Approach {
    pub id: i64,
    #[serde(flatten)]
    pub data: ApproachData,
    pub org_name: String,
    pub by_org_name: String,
    pub created_at: i64,
}

const COLUMNS: &str = "a.id, a.org_id, a.channel, a.on_day, a.by_user, a.by_org_id, a.topic, \
    a.outcome, a.next_step, a.next_due, a.created_at, o.name AS org_name, b.name AS by_org_name";
const FROM: &str = "network_approaches a JOIN organisations o ON o.id = a.org_id \
    JOIN organisations b ON b.id = a.by_org_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Approach> {
    let channel: String = r.try_get("channel")?;
    let by_user: Option<i64> = r.try_get("by_user")?;
    Ok(Approach {
        id: r.try_get("id")?,
        data: ApproachData {
            org_id: OrgId(r.try_get("org_id")?),
            channel: Channel::parse(&channel).ok_or_else(|| unknown("channel", &channel))?,
            on_day: r.try_get("on_day")?,
            by_user: by_user.map(UserId),
            by_org_id: OrgId(r.try_get("by_org_id")?),
            topic: r.try_get("topic")?,
            outcome: r.try_get("outcome")?,
            next_step: r.try_get("next_step")?,
            next_due: r.try_get("next_due")?,
        },
        org_name: r.try_get("org_name")?,
        by_org_name: r.try_get("by_org_name")?,
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_approach(
    conn: &mut AnyConnection,
    d: &ApproachData,
    now: i64,
) -> Result<Approach> {
    let row = sqlx::query(
        "INSERT INTO network_approaches (org_id, channel, on_day, by_user, by_org_id, topic, \
         outcome, next_step, next_due, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         RETURNING id",
    )
    .bind(d.org_id.0)
    .bind(d.channel.as_str())
    .bind(d.on_day)
    .bind(d.by_user.map(|u| u.0))
    .bind(d.by_org_id.0)
    .bind(&d.topic)
    .bind(&d.outcome)
    .bind(&d.next_step)
    .bind(d.next_due)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    get_approach(conn, row.try_get("id")?).await
}

pub async fn get_approach(conn: &mut AnyConnection, id: i64) -> Result<Approach> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    from_row(&row)
}

/// What the visit log is filtered by.
/// The columns the visit log sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApproachSort {
    /// The day of the approach, newest first (the log's order before it could be sorted).
    Day,
    /// The approached company's name.
    Company,
    Channel,
    /// The approaching organisation's name.
    By,
}

impl SortKey for ApproachSort {
    const ALL: &'static [ApproachSort] = &[
        ApproachSort::Day,
        ApproachSort::Company,
        ApproachSort::Channel,
        ApproachSort::By,
    ];
    fn name(self) -> &'static str {
        match self {
            ApproachSort::Day => "day",
            ApproachSort::Company => "company",
            ApproachSort::Channel => "channel",
            ApproachSort::By => "by",
        }
    }
    fn default_desc(self) -> bool {
        self == ApproachSort::Day
    }
}

impl SqlOrder for ApproachSort {
    fn columns(self) -> &'static [SortColumn] {
        match self {
            ApproachSort::Day => const { &[col("a.on_day")] },
            ApproachSort::Company => const { &[col("o.name"), col("a.on_day")] },
            ApproachSort::Channel => const { &[col("a.channel"), col("a.on_day")] },
            ApproachSort::By => const { &[col("b.name"), col("a.on_day")] },
        }
    }
    fn tie_break() -> &'static str {
        "a.id"
    }
}

#[derive(Debug, Clone, Default)]
pub struct ApproachFilter {
    /// The approached company.
    pub org: Option<OrgId>,
    /// Words of the approached company's name, and of the approaching organisation's (the
    /// log's filters; see [`Filter::org_named`]).
    pub org_named: Option<String>,
    pub by_named: Option<String>,
    /// Days (Unix seconds): on or after `since`, before `before`.
    pub since: Option<i64>,
    pub before: Option<i64>,
    pub channel: Option<Channel>,
    /// Words that must each occur in the topic, the outcome or the next step (letter case
    /// ignored for ASCII).
    pub text: Option<String>,
    /// The order (newest first unless asked otherwise).
    pub order: Order<ApproachSort>,
    /// Only approaches of companies in a partner agency's scope (see `partners`).
    pub scope: Option<PartnerScope>,
}

/// The visit log, newest first.
pub async fn list_approaches(
    conn: &mut AnyConnection,
    f: &ApproachFilter,
    page: PageRequest,
) -> Result<Paged<Approach>> {
    let mut filter = Filter::default();
    if let Some(o) = f.org {
        filter.and(Arg::Int(Some(o.0)), |n| format!("a.org_id = ${n}"));
    }
    filter.org_named("a.org_id", f.org_named.as_deref());
    filter.org_named("a.by_org_id", f.by_named.as_deref());
    if let Some(d) = f.since {
        filter.and(Arg::Int(Some(d)), |n| format!("a.on_day >= ${n}"));
    }
    if let Some(d) = f.before {
        filter.and(Arg::Int(Some(d)), |n| format!("a.on_day < ${n}"));
    }
    if let Some(c) = f.channel {
        filter.and(Arg::Text(c.as_str().to_owned()), |n| {
            format!("a.channel = ${n}")
        });
    }
    filter.words(f.text.as_deref(), &["a.topic", "a.outcome", "a.next_step"]);
    if let Some(scope) = &f.scope {
        super::partners::and_in_scope(&mut filter, scope, "o");
    }
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

/// An approach's next step with its due day and owner (who recorded it), for the reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub approach_id: i64,
    /// The company approached.
    pub org_id: OrgId,
    pub org_name: String,
    pub next_due: i64,
    pub owner: Option<UserId>,
}

fn follow_up_from_row(r: &sqlx::any::AnyRow) -> Result<FollowUp> {
    let owner: Option<i64> = r.try_get("by_user")?;
    Ok(FollowUp {
        approach_id: r.try_get("id")?,
        org_id: OrgId(r.try_get("org_id")?),
        org_name: r.try_get("org_name")?,
        next_due: r.try_get("next_due")?,
        owner: owner.map(UserId),
    })
}

/// Next steps due before `until` (Unix seconds; overdue ones included) of every approach, or of
/// one (`approach`), earliest first.
pub async fn follow_ups_due(
    conn: &mut AnyConnection,
    until: i64,
    approach: Option<i64>,
) -> Result<Vec<FollowUp>> {
    sqlx::query(
        "SELECT a.id, a.org_id, o.name AS org_name, a.next_due, a.by_user \
         FROM network_approaches a JOIN organisations o ON o.id = a.org_id \
         WHERE a.next_due IS NOT NULL AND a.next_due < $1 AND ($2 IS NULL OR a.id = $2) \
         ORDER BY a.next_due, a.id",
    )
    .bind(until)
    .bind(approach)
    .fetch_all(conn)
    .await?
    .iter()
    .map(follow_up_from_row)
    .collect()
}

/// The next steps `owner` owns from `since` on (their calendar feed), earliest first.
pub async fn follow_ups_of(
    conn: &mut AnyConnection,
    owner: UserId,
    since: i64,
) -> Result<Vec<FollowUp>> {
    sqlx::query(
        "SELECT a.id, a.org_id, o.name AS org_name, a.next_due, a.by_user \
         FROM network_approaches a JOIN organisations o ON o.id = a.org_id \
         WHERE a.by_user = $1 AND a.next_due IS NOT NULL AND a.next_due >= $2 \
         ORDER BY a.next_due, a.id",
    )
    .bind(owner.0)
    .bind(since)
    .fetch_all(conn)
    .await?
    .iter()
    .map(follow_up_from_row)
    .collect()
}

/// An approach of the company on that day through that channel with that topic, if one was
/// recorded: an import does not record it twice.
pub async fn same_approach(
    conn: &mut AnyConnection,
    org: OrgId,
    channel: Channel,
    on_day: i64,
    topic: &str,
) -> Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT id FROM network_approaches WHERE org_id = $1 AND on_day = $2 AND channel = $3 \
         AND topic = $4 ORDER BY id LIMIT 1",
    )
    .bind(org.0)
    .bind(on_day)
    .bind(channel.as_str())
    .bind(topic)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("id")?),
        None => None,
    })
}
