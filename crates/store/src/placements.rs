//! Recruitment tracks: programmes, placements (candidate × position), the append-only history
//! of track events, track owners, document checklists and costs (migration 0004).
//!
//! Days are Unix seconds at 00:00 UTC. Event data is the event's JSON object (the pure engine
//! `standort_placement` gives it meaning); this module only stores and reads rows. There is no
//! function that changes or deletes an event: the history is append-only (the database refuses
//! UPDATE; rows go only together with their placement).

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::{PageRequest, Paged, Result, StoreError, flag};

// ---------------------------------------------------------------- programmes

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeData {
    pub org_id: OrgId,
    pub name: String,
    pub description: String,
    /// Planned cohort size ("40 people").
    pub target_size: i64,
    pub start_date: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeRecord {
    pub id: i64,
    #[serde(flatten)]
    pub data: ProgrammeData,
    pub created_at: i64,
}

const PROGRAMME_COLUMNS: &str =
    "id, org_id, name, description, target_size, start_date, created_at";

fn programme_from_row(r: &sqlx::any::AnyRow) -> Result<ProgrammeRecord> {
    Ok(ProgrammeRecord {
        id: r.try_get("id")?,
        data: ProgrammeData {
            org_id: OrgId(r.try_get("org_id")?),
            name: r.try_get("name")?,
            description: r.try_get("description")?,
            target_size: r.try_get("target_size")?,
            start_date: r.try_get("start_date")?,
        },
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_programme(
    conn: &mut AnyConnection,
    d: &ProgrammeData,
    now: i64,
) -> Result<ProgrammeRecord> {
    let row = sqlx::query(&format!(
        "INSERT INTO programmes (org_id, name, description, target_size, start_date, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {PROGRAMME_COLUMNS}"
    ))
    .bind(d.org_id.0)
    .bind(&d.name)
    .bind(&d.description)
    .bind(d.target_size)
    .bind(d.start_date)
    .bind(now)
    .fetch_one(conn)
    .await?;
    programme_from_row(&row)
}

pub async fn get_programme(conn: &mut AnyConnection, id: i64) -> Result<ProgrammeRecord> {
    let row = sqlx::query(&format!(
        "SELECT {PROGRAMME_COLUMNS} FROM programmes WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    programme_from_row(&row)
}

pub async fn list_programmes(
    conn: &mut AnyConnection,
    page: PageRequest,
) -> Result<Paged<ProgrammeRecord>> {
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM programmes")
        .fetch_one(&mut *conn)
        .await?;
    let rows = sqlx::query(&format!(
        "SELECT {PROGRAMME_COLUMNS} FROM programmes ORDER BY name, id LIMIT $1 OFFSET $2"
    ))
    .bind(page.limit)
    .bind(page.offset)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Paged {
        items: rows.iter().map(programme_from_row).collect::<Result<_>>()?,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

// ---------------------------------------------------------------- placements

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementData {
    pub candidate_id: i64,
    pub position_id: i64,
    pub programme_id: Option<i64>,
    /// Copied from the position when the placement is created.
    pub recognition_required: bool,
    pub partnership_accepted: bool,
    pub apprenticeship: bool,
}

/// A placement with what permission checks and lists need from its candidate and position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementSummary {
    pub id: i64,
    #[serde(flatten)]
    pub data: PlacementData,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub family_name: String,
    pub given_names: String,
    /// The candidate's own login.
    pub candidate_user: Option<UserId>,
    /// The counsellor whose caseload the candidate is in.
    pub counsellor: Option<UserId>,
    /// The candidate consented to be shown to employers.
    pub shared: bool,
    pub position_title: String,
    pub position_org: OrgId,
    pub programme_name: Option<String>,
}

/// Filters for listing placements; every field optional.
#[derive(Debug, Clone, Default)]
pub struct PlacementFilter {
    pub programme: Option<i64>,
    pub candidate: Option<i64>,
    /// Only the placements of the candidate linked to this login.
    pub candidate_user: Option<UserId>,
    /// Only placements for positions of this organisation …
    pub position_org: Option<OrgId>,
    /// … and only of candidates who consented to be shown to the position's employer (to all
    /// employers, or to that organisation by name).
    pub shared_only: bool,
    pub counsellor: Option<UserId>,
}

const SUMMARY_SELECT: &str = "SELECT p.id, p.candidate_id, p.position_id, p.programme_id, \
    p.recognition_required, p.partnership_accepted, p.apprenticeship, p.created_by, p.created_at, \
    c.family_name, c.given_names, c.user_id AS candidate_user, c.counsellor_id, \
    CAST(CASE WHEN c.consent_share_employers = 1 OR c.id IN (SELECT e.candidate_id FROM candidate_employer_consents e \
    WHERE e.org_id = s.org_id) THEN 1 ELSE 0 END AS BIGINT) AS shared_with_employer, \
    s.title AS position_title, s.org_id AS position_org, \
    g.name AS programme_name \
    FROM placements p JOIN candidates c ON c.id = p.candidate_id \
    JOIN positions s ON s.id = p.position_id LEFT JOIN programmes g ON g.id = p.programme_id";

const FILTER: &str = "WHERE ($1 IS NULL OR p.programme_id = $1) AND ($2 IS NULL OR p.candidate_id = $2) \
    AND ($3 IS NULL OR c.user_id = $3) AND ($4 IS NULL OR s.org_id = $4) \
    AND ($5 = 0 OR c.consent_share_employers = 1 OR c.id IN (SELECT e.candidate_id FROM candidate_employer_consents e \
    WHERE e.org_id = s.org_id)) AND ($6 IS NULL OR c.counsellor_id = $6)";

fn summary_from_row(r: &sqlx::any::AnyRow) -> Result<PlacementSummary> {
    Ok(PlacementSummary {
        id: r.try_get("id")?,
        data: PlacementData {
            candidate_id: r.try_get("candidate_id")?,
            position_id: r.try_get("position_id")?,
            programme_id: r.try_get("programme_id")?,
            recognition_required: flag(r.try_get("recognition_required")?),
            partnership_accepted: flag(r.try_get("partnership_accepted")?),
            apprenticeship: flag(r.try_get("apprenticeship")?),
        },
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        family_name: r.try_get("family_name")?,
        given_names: r.try_get("given_names")?,
        candidate_user: r.try_get::<Option<i64>, _>("candidate_user")?.map(UserId),
        counsellor: r.try_get::<Option<i64>, _>("counsellor_id")?.map(UserId),
        shared: flag(r.try_get("shared_with_employer")?),
        position_title: r.try_get("position_title")?,
        position_org: OrgId(r.try_get("position_org")?),
        programme_name: r.try_get("programme_name")?,
    })
}

pub async fn insert_placement(
    conn: &mut AnyConnection,
    d: &PlacementData,
    created_by: Option<UserId>,
    now: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placements (candidate_id, position_id, programme_id, recognition_required, \
         partnership_accepted, apprenticeship, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(d.candidate_id)
    .bind(d.position_id)
    .bind(d.programme_id)
    .bind(i64::from(d.recognition_required))
    .bind(i64::from(d.partnership_accepted))
    .bind(i64::from(d.apprenticeship))
    .bind(created_by.map(|u| u.0))
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn get_placement(conn: &mut AnyConnection, id: i64) -> Result<PlacementSummary> {
    let row = sqlx::query(&format!("{SUMMARY_SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    summary_from_row(&row)
}

macro_rules! bind_filter {
    ($q:expr, $f:expr) => {
        $q.bind($f.programme)
            .bind($f.candidate)
            .bind($f.candidate_user.map(|u| u.0))
            .bind($f.position_org.map(|o| o.0))
            .bind(i64::from($f.shared_only))
            .bind($f.counsellor.map(|u| u.0))
    };
}

/// Placements by candidate name; one page.
pub async fn list_placements(
    conn: &mut AnyConnection,
    filter: &PlacementFilter,
    page: PageRequest,
) -> Result<Paged<PlacementSummary>> {
    let count_sql = format!(
        "SELECT COUNT(*) FROM placements p JOIN candidates c ON c.id = p.candidate_id \
         JOIN positions s ON s.id = p.position_id {FILTER}"
    );
    let (total,): (i64,) = bind_filter!(sqlx::query_as(&count_sql), filter)
        .fetch_one(&mut *conn)
        .await?;
    let sql = format!(
        "{SUMMARY_SELECT} {FILTER} ORDER BY c.family_name, c.given_names, p.id LIMIT $7 OFFSET $8"
    );
    let rows = bind_filter!(sqlx::query(&sql), filter)
        .bind(page.limit)
        .bind(page.offset)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Paged {
        items: rows.iter().map(summary_from_row).collect::<Result<_>>()?,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// Every placement matching the filter (programme boards, the overdue card).
pub async fn all_placements(
    conn: &mut AnyConnection,
    filter: &PlacementFilter,
) -> Result<Vec<PlacementSummary>> {
    let sql = format!("{SUMMARY_SELECT} {FILTER} ORDER BY c.family_name, c.given_names, p.id");
    bind_filter!(sqlx::query(&sql), filter)
        .fetch_all(conn)
        .await?
        .iter()
        .map(summary_from_row)
        .collect()
}

// ---------------------------------------------------------------- events

/// One step recorded on a track.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub placement_id: i64,
    pub track: String,
    pub kind: String,
    /// The event as its JSON object (`{"kind": …, …}`).
    pub data: serde_json::Value,
    /// The day it happened.
    pub happened_on: i64,
    pub note: Option<String>,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub recorded_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub placement_id: i64,
    pub track: &'a str,
    pub kind: &'a str,
    pub data: &'a serde_json::Value,
    pub happened_on: i64,
    pub note: Option<&'a str>,
    pub actor: Option<UserId>,
    pub actor_label: &'a str,
}

const EVENT_COLUMNS: &str = "e.id, e.placement_id, e.track, e.kind, e.data, e.happened_on, e.note, \
    e.actor_user_id, e.actor_label, e.recorded_at";

fn event_from_row(r: &sqlx::any::AnyRow) -> Result<EventRecord> {
    let data: String = r.try_get("data")?;
    Ok(EventRecord {
        id: r.try_get("id")?,
        placement_id: r.try_get("placement_id")?,
        track: r.try_get("track")?,
        kind: r.try_get("kind")?,
        data: serde_json::from_str(&data)
            .map_err(|e| StoreError::Archive(format!("invalid event data {data:?}: {e}")))?,
        happened_on: r.try_get("happened_on")?,
        note: r.try_get("note")?,
        actor_user_id: r.try_get("actor_user_id")?,
        actor_label: r.try_get("actor_label")?,
        recorded_at: r.try_get("recorded_at")?,
    })
}

pub async fn append_event(conn: &mut AnyConnection, e: &NewEvent<'_>, now: i64) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placement_events (placement_id, track, kind, data, happened_on, note, \
         actor_user_id, actor_label, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(e.placement_id)
    .bind(e.track)
    .bind(e.kind)
    .bind(e.data.to_string())
    .bind(e.happened_on)
    .bind(e.note)
    .bind(e.actor.map(|u| u.0))
    .bind(e.actor_label)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A placement's history in the order it was recorded.
pub async fn events(conn: &mut AnyConnection, placement: i64) -> Result<Vec<EventRecord>> {
    sqlx::query(&format!(
        "SELECT {EVENT_COLUMNS} FROM placement_events e WHERE e.placement_id = $1 ORDER BY e.id"
    ))
    .bind(placement)
    .fetch_all(conn)
    .await?
    .iter()
    .map(event_from_row)
    .collect()
}

/// The histories of every placement of a programme (`None`: of all placements).
pub async fn events_of_programme(
    conn: &mut AnyConnection,
    programme: Option<i64>,
) -> Result<Vec<EventRecord>> {
    sqlx::query(&format!(
        "SELECT {EVENT_COLUMNS} FROM placement_events e JOIN placements p ON p.id = e.placement_id \
         WHERE ($1 IS NULL OR p.programme_id = $1) ORDER BY e.id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?
    .iter()
    .map(event_from_row)
    .collect()
}

// ---------------------------------------------------------------- due items

/// A due item the engine derived from a placement's history (a legal or process deadline),
/// stored by the use case that recorded the step (migration 0011). Checklist items are not
/// stored here: they carry their own `due_on`/`done_on` in `placement_checklist`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueRow {
    pub track: String,
    pub code: String,
    /// Unix seconds at 00:00 UTC.
    pub due_on: i64,
    pub legal: bool,
}

/// Replaces the stored derived due items of a placement by `items` and records that they were
/// derived with version `rules` of the due rules. Call it in the transaction that wrote the
/// history it was derived from. Idempotent, so two instances re-deriving the same placement at
/// once store the same rows.
pub async fn replace_due(
    conn: &mut AnyConnection,
    placement: i64,
    items: &[DueRow],
    rules: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM placement_due WHERE placement_id = $1")
        .bind(placement)
        .execute(&mut *conn)
        .await?;
    for d in items {
        sqlx::query(
            "INSERT INTO placement_due (placement_id, track, code, due_on, legal) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (placement_id, track, code) DO NOTHING",
        )
        .bind(placement)
        .bind(&d.track)
        .bind(&d.code)
        .bind(d.due_on)
        .bind(i64::from(d.legal))
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("UPDATE placements SET due_rules = $1 WHERE id = $2")
        .bind(rules)
        .bind(placement)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The stored derived due items of a placement, by due day, track and code.
pub async fn due(conn: &mut AnyConnection, placement: i64) -> Result<Vec<DueRow>> {
    sqlx::query(
        "SELECT track, code, due_on, legal FROM placement_due WHERE placement_id = $1 \
         ORDER BY due_on, track, code",
    )
    .bind(placement)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(DueRow {
            track: r.try_get("track")?,
            code: r.try_get("code")?,
            due_on: r.try_get("due_on")?,
            legal: flag(r.try_get("legal")?),
        })
    })
    .collect()
}

/// Up to `limit` placements whose due items were derived with rules older than `rules` (or
/// never), lowest id first.
pub async fn placements_due_below(
    conn: &mut AnyConnection,
    rules: i64,
    limit: i64,
) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM placements WHERE due_rules < $1 ORDER BY id LIMIT $2")
            .bind(rules)
            .bind(limit)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// An open item whose due day has passed: a stored derived item or an open checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverdueRow {
    pub placement_id: i64,
    pub family_name: String,
    pub given_names: String,
    pub track: String,
    /// The derived item's code or the checklist item's key.
    pub code: String,
    pub due_on: i64,
    pub checklist: bool,
    pub legal: bool,
}

/// Open items due before `$1` (Unix seconds): derived items and open checklist items. Both
/// branches are range scans on a `due_on` index (migration 0011).
const OVERDUE_ITEMS: &str = "SELECT d.placement_id, d.track, d.code, d.due_on, \
    CAST(0 AS BIGINT) AS checklist, d.legal FROM placement_due d WHERE d.due_on < $1 \
    UNION ALL SELECT k.placement_id, k.track, k.item, k.due_on, CAST(1 AS BIGINT), CAST(0 AS BIGINT) \
    FROM placement_checklist k WHERE k.due_on < $1 AND k.done_on IS NULL";

/// `$2`: only the placements of this counsellor's caseload (NULL: all).
const OVERDUE_SCOPE: &str = "($2 IS NULL OR x.placement_id IN (SELECT p.id FROM placements p \
    JOIN candidates c ON c.id = p.candidate_id WHERE c.counsellor_id = $2))";

/// The engine's track order (`Track::ALL`), the tie-break of items due the same day.
const TRACK_ORDER: &str = "CASE x.track WHEN 'language' THEN 0 WHEN 'recognition' THEN 1 \
    WHEN 'visa' THEN 2 WHEN 'contract' THEN 3 WHEN 'arrival' THEN 4 ELSE 5 END";

/// Open items due before `before` (Unix seconds at 00:00 UTC of today) of every placement, or
/// of a counsellor's caseload: how many there are, and the first `limit` by due day, placement,
/// track and code.
pub async fn overdue(
    conn: &mut AnyConnection,
    counsellor: Option<UserId>,
    before: i64,
    limit: i64,
) -> Result<(i64, Vec<OverdueRow>)> {
    let (total,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM ({OVERDUE_ITEMS}) x WHERE {OVERDUE_SCOPE}"
    ))
    .bind(before)
    .bind(counsellor.map(|u| u.0))
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query(&format!(
        "SELECT x.placement_id, x.track, x.code, x.due_on, x.checklist, x.legal, \
         c.family_name, c.given_names FROM ({OVERDUE_ITEMS}) x \
         JOIN placements p ON p.id = x.placement_id JOIN candidates c ON c.id = p.candidate_id \
         WHERE {OVERDUE_SCOPE} ORDER BY x.due_on, x.placement_id, {TRACK_ORDER}, x.code LIMIT $3"
    ))
    .bind(before)
    .bind(counsellor.map(|u| u.0))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let lines = rows
        .iter()
        .map(|r| {
            Ok(OverdueRow {
                placement_id: r.try_get("placement_id")?,
                family_name: r.try_get("family_name")?,
                given_names: r.try_get("given_names")?,
                track: r.try_get("track")?,
                code: r.try_get("code")?,
                due_on: r.try_get("due_on")?,
                checklist: flag(r.try_get("checklist")?),
                legal: flag(r.try_get("legal")?),
            })
        })
        .collect::<Result<_>>()?;
    Ok((total, lines))
}

// ---------------------------------------------------------------- owners

/// Sets (or clears) the owner of one track.
pub async fn set_owner(
    conn: &mut AnyConnection,
    placement: i64,
    track: &str,
    owner: Option<UserId>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO placement_tracks (placement_id, track, owner_user_id) VALUES ($1, $2, $3) \
         ON CONFLICT (placement_id, track) DO UPDATE SET owner_user_id = excluded.owner_user_id",
    )
    .bind(placement)
    .bind(track)
    .bind(owner.map(|u| u.0))
    .execute(conn)
    .await?;
    Ok(())
}

/// (track, owner id, owner name) of a placement's tracks that have an owner.
pub async fn owners(
    conn: &mut AnyConnection,
    placement: i64,
) -> Result<Vec<(String, i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT t.track, u.id, u.display_name FROM placement_tracks t JOIN users u ON u.id = t.owner_user_id \
         WHERE t.placement_id = $1 ORDER BY t.track",
    )
    .bind(placement)
    .fetch_all(conn)
    .await?)
}

// ---------------------------------------------------------------- checklist

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistRow {
    pub id: i64,
    pub placement_id: i64,
    pub track: String,
    pub item: String,
    pub due_on: Option<i64>,
    pub done_on: Option<i64>,
}

const CHECKLIST_COLUMNS: &str = "k.id, k.placement_id, k.track, k.item, k.due_on, k.done_on";

fn checklist_from_row(r: &sqlx::any::AnyRow) -> Result<ChecklistRow> {
    Ok(ChecklistRow {
        id: r.try_get("id")?,
        placement_id: r.try_get("placement_id")?,
        track: r.try_get("track")?,
        item: r.try_get("item")?,
        due_on: r.try_get("due_on")?,
        done_on: r.try_get("done_on")?,
    })
}

pub async fn insert_checklist_item(
    conn: &mut AnyConnection,
    placement: i64,
    track: &str,
    item: &str,
    due_on: Option<i64>,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placement_checklist (placement_id, track, item, due_on, done_on) \
         VALUES ($1, $2, $3, $4, NULL) RETURNING id",
    )
    .bind(placement)
    .bind(track)
    .bind(item)
    .bind(due_on)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Sets the due and done days of a checklist item of `placement`; `NotFound` when the item
/// belongs to another placement.
pub async fn update_checklist_item(
    conn: &mut AnyConnection,
    placement: i64,
    id: i64,
    due_on: Option<i64>,
    done_on: Option<i64>,
) -> Result<ChecklistRow> {
    let row = sqlx::query(
        "UPDATE placement_checklist SET due_on = $1, done_on = $2 WHERE id = $3 AND placement_id = $4 \
         RETURNING id, placement_id, track, item, due_on, done_on",
    )
    .bind(due_on)
    .bind(done_on)
    .bind(id)
    .bind(placement)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    checklist_from_row(&row)
}

pub async fn checklist(conn: &mut AnyConnection, placement: i64) -> Result<Vec<ChecklistRow>> {
    sqlx::query(&format!(
        "SELECT {CHECKLIST_COLUMNS} FROM placement_checklist k WHERE k.placement_id = $1 ORDER BY k.id"
    ))
    .bind(placement)
    .fetch_all(conn)
    .await?
    .iter()
    .map(checklist_from_row)
    .collect()
}

/// The checklists of every placement of a programme (`None`: of all placements).
pub async fn checklist_of_programme(
    conn: &mut AnyConnection,
    programme: Option<i64>,
) -> Result<Vec<ChecklistRow>> {
    sqlx::query(&format!(
        "SELECT {CHECKLIST_COLUMNS} FROM placement_checklist k JOIN placements p ON p.id = k.placement_id \
         WHERE ($1 IS NULL OR p.programme_id = $1) ORDER BY k.id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?
    .iter()
    .map(checklist_from_row)
    .collect()
}

// ---------------------------------------------------------------- costs

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostRecord {
    pub id: i64,
    pub placement_id: i64,
    pub incurred_on: i64,
    pub purpose: String,
    pub amount_cents: i64,
    /// ISO 4217 (`EUR`, `VND`).
    pub currency: String,
    /// `candidate`, `employer`, `agency` or `programme`.
    pub borne_by: String,
    pub actor_user_id: Option<i64>,
    pub recorded_at: i64,
}

impl CostRecord {
    /// Fair-recruitment rule: the candidate pays nothing.
    pub fn flagged(&self) -> bool {
        self.borne_by == "candidate" && self.amount_cents != 0
    }
}

#[derive(Debug, Clone)]
pub struct NewCost<'a> {
    pub placement_id: i64,
    pub incurred_on: i64,
    pub purpose: &'a str,
    pub amount_cents: i64,
    pub currency: &'a str,
    pub borne_by: &'a str,
    pub actor: Option<UserId>,
}

const COST_COLUMNS: &str = "k.id, k.placement_id, k.incurred_on, k.purpose, k.amount_cents, k.currency, \
    k.borne_by, k.actor_user_id, k.recorded_at";

fn cost_from_row(r: &sqlx::any::AnyRow) -> Result<CostRecord> {
    Ok(CostRecord {
        id: r.try_get("id")?,
        placement_id: r.try_get("placement_id")?,
        incurred_on: r.try_get("incurred_on")?,
        purpose: r.try_get("purpose")?,
        amount_cents: r.try_get("amount_cents")?,
        currency: r.try_get("currency")?,
        borne_by: r.try_get("borne_by")?,
        actor_user_id: r.try_get("actor_user_id")?,
        recorded_at: r.try_get("recorded_at")?,
    })
}

pub async fn add_cost(conn: &mut AnyConnection, c: &NewCost<'_>, now: i64) -> Result<CostRecord> {
    let row = sqlx::query(&format!(
        "INSERT INTO placement_costs (placement_id, incurred_on, purpose, amount_cents, currency, borne_by, \
         actor_user_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {}",
        COST_COLUMNS.replace("k.", "")
    ))
    .bind(c.placement_id)
    .bind(c.incurred_on)
    .bind(c.purpose)
    .bind(c.amount_cents)
    .bind(c.currency)
    .bind(c.borne_by)
    .bind(c.actor.map(|u| u.0))
    .bind(now)
    .fetch_one(conn)
    .await?;
    cost_from_row(&row)
}

pub async fn costs(conn: &mut AnyConnection, placement: i64) -> Result<Vec<CostRecord>> {
    sqlx::query(&format!(
        "SELECT {COST_COLUMNS} FROM placement_costs k WHERE k.placement_id = $1 ORDER BY k.incurred_on, k.id"
    ))
    .bind(placement)
    .fetch_all(conn)
    .await?
    .iter()
    .map(cost_from_row)
    .collect()
}

/// The costs of every placement of a programme (`None`: of all placements).
pub async fn costs_of_programme(
    conn: &mut AnyConnection,
    programme: Option<i64>,
) -> Result<Vec<CostRecord>> {
    sqlx::query(&format!(
        "SELECT {COST_COLUMNS} FROM placement_costs k JOIN placements p ON p.id = k.placement_id \
         WHERE ($1 IS NULL OR p.programme_id = $1) ORDER BY k.id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?
    .iter()
    .map(cost_from_row)
    .collect()
}
