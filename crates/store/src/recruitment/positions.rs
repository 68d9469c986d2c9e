//! Employers' positions: the row, insert / update / read, lists (all or open, per organisation).

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::OrgId;

use crate::list::{Order, SortColumn, SortKey, SqlOrder, col};
use crate::{
    Arg, Filter, OrgScopedList, PageRequest, Paged, Result, StoreError, fetch_paged, flag,
};

use super::{json_list, list_json};

/// The editable fields of a position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PositionData {
    pub org_id: OrgId,
    pub title: String,
    /// `skilled_job` or `apprenticeship`.
    pub kind: String,
    pub occupation_id: Option<i64>,
    pub german_level: Option<String>,
    pub recognition_required: bool,
    /// Accepts a recognition partnership (§ 16d AufenthG) instead of prior recognition.
    pub recognition_partnership: bool,
    pub licences: Vec<String>,
    pub place: String,
    pub places: i64,
    pub start_date: i64,
    pub is_open: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PositionRecord {
    pub id: i64,
    #[serde(flatten)]
    pub data: PositionData,
    pub created_at: i64,
    pub updated_at: i64,
}

const POSITION_COLUMNS: &str = "id, org_id, title, kind, occupation_id, german_level, recognition_required, \
    recognition_partnership, licences, place, places, start_date, is_open, created_at, updated_at";

fn position_from_row(r: &sqlx::any::AnyRow) -> Result<PositionRecord> {
    let licences: String = r.try_get("licences")?;
    Ok(PositionRecord {
        id: r.try_get("id")?,
        data: PositionData {
            org_id: OrgId(r.try_get("org_id")?),
            title: r.try_get("title")?,
            kind: r.try_get("kind")?,
            occupation_id: r.try_get("occupation_id")?,
            german_level: r.try_get("german_level")?,
            recognition_required: flag(r.try_get("recognition_required")?),
            recognition_partnership: flag(r.try_get("recognition_partnership")?),
            licences: json_list(&licences)?,
            place: r.try_get("place")?,
            places: r.try_get("places")?,
            start_date: r.try_get("start_date")?,
            is_open: flag(r.try_get("is_open")?),
        },
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub async fn insert_position(
    conn: &mut AnyConnection,
    d: &PositionData,
    now: i64,
) -> Result<PositionRecord> {
    let row = sqlx::query(&format!(
        "INSERT INTO positions (org_id, title, kind, occupation_id, german_level, recognition_required, \
         recognition_partnership, licences, place, places, start_date, is_open, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING {POSITION_COLUMNS}"
    ))
    .bind(d.org_id.0)
    .bind(&d.title)
    .bind(&d.kind)
    .bind(d.occupation_id)
    .bind(d.german_level.as_deref())
    .bind(i64::from(d.recognition_required))
    .bind(i64::from(d.recognition_partnership))
    .bind(list_json(&d.licences))
    .bind(&d.place)
    .bind(d.places)
    .bind(d.start_date)
    .bind(i64::from(d.is_open))
    .bind(now)
    .fetch_one(conn)
    .await?;
    position_from_row(&row)
}

pub async fn update_position(
    conn: &mut AnyConnection,
    id: i64,
    d: &PositionData,
    now: i64,
) -> Result<PositionRecord> {
    let row = sqlx::query(&format!(
        "UPDATE positions SET org_id = $1, title = $2, kind = $3, occupation_id = $4, german_level = $5, \
         recognition_required = $6, recognition_partnership = $7, licences = $8, place = $9, places = $10, \
         start_date = $11, is_open = $12, updated_at = $13 WHERE id = $14 RETURNING {POSITION_COLUMNS}"
    ))
    .bind(d.org_id.0)
    .bind(&d.title)
    .bind(&d.kind)
    .bind(d.occupation_id)
    .bind(d.german_level.as_deref())
    .bind(i64::from(d.recognition_required))
    .bind(i64::from(d.recognition_partnership))
    .bind(list_json(&d.licences))
    .bind(&d.place)
    .bind(d.places)
    .bind(d.start_date)
    .bind(i64::from(d.is_open))
    .bind(now)
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    position_from_row(&row)
}

pub async fn get_position(conn: &mut AnyConnection, id: i64) -> Result<PositionRecord> {
    let row = sqlx::query(&format!(
        "SELECT {POSITION_COLUMNS} FROM positions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    position_from_row(&row)
}

const ALL_POSITIONS: OrgScopedList = OrgScopedList {
    table: "positions",
    columns: POSITION_COLUMNS,
    org_column: "org_id",
    condition: "",
    order_by: "start_date, title, id",
};

const OPEN_POSITIONS: OrgScopedList = OrgScopedList {
    condition: "AND is_open = 1",
    ..ALL_POSITIONS
};

/// Positions by start date; `only` restricts to one organisation.
pub async fn list_positions(
    conn: &mut AnyConnection,
    only: Option<OrgId>,
    open_only: bool,
    page: PageRequest,
) -> Result<Paged<PositionRecord>> {
    let list = if open_only {
        &OPEN_POSITIONS
    } else {
        &ALL_POSITIONS
    };
    list.fetch(conn, only, page, position_from_row).await
}

/// The columns the positions list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionSort {
    /// Start date, then title (the list's order before it could be sorted).
    Start,
    Title,
    /// The employer organisation's name.
    Employer,
    Place,
    Places,
    German,
}

impl SortKey for PositionSort {
    const ALL: &'static [PositionSort] = &[
        PositionSort::Start,
        PositionSort::Title,
        PositionSort::Employer,
        PositionSort::Place,
        PositionSort::Places,
        PositionSort::German,
    ];
    fn name(self) -> &'static str {
        match self {
            PositionSort::Start => "start",
            PositionSort::Title => "title",
            PositionSort::Employer => "employer",
            PositionSort::Place => "place",
            PositionSort::Places => "places",
            PositionSort::German => "german",
        }
    }
    fn default_desc(self) -> bool {
        // The most places first.
        self == PositionSort::Places
    }
}

impl SqlOrder for PositionSort {
    fn columns(self) -> &'static [SortColumn] {
        match self {
            PositionSort::Start => const { &[col("p.start_date"), col("p.title")] },
            PositionSort::Title => const { &[col("p.title")] },
            PositionSort::Employer => const { &[col("o.name"), col("p.title")] },
            PositionSort::Place => const { &[col("p.place"), col("p.title")] },
            PositionSort::Places => const { &[col("p.places"), col("p.title")] },
            PositionSort::German => {
                const {
                    &[
                        SortColumn {
                            sql: "p.german_level",
                            nullable: true,
                        },
                        col("p.title"),
                    ]
                }
            }
        }
    }
    fn tie_break() -> &'static str {
        "p.id"
    }
}

/// What the positions list is filtered by; `None` filters nothing.
#[derive(Debug, Clone, Default)]
pub struct PositionFilter {
    /// The actor's scope: only this organisation's positions (employers).
    pub only: Option<OrgId>,
    /// Words of the employer's name (the list's employer filter; see [`Filter::org_named`]).
    pub employer: Option<String>,
    /// Open (`true`) or closed (`false`) positions only.
    pub open: Option<bool>,
    /// Only positions for this ESCO occupation (database id).
    pub occupation: Option<i64>,
    /// Words that must each occur in the title or the place (letter case ignored for ASCII).
    pub text: Option<String>,
    pub order: Order<PositionSort>,
}

/// A row of the positions list: the position and its employer's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PositionListRow {
    pub position: PositionRecord,
    pub employer: String,
}

const POSITION_LIST_COLUMNS: &str = "p.id, p.org_id, p.title, p.kind, p.occupation_id, p.german_level, \
    p.recognition_required, p.recognition_partnership, p.licences, p.place, p.places, p.start_date, p.is_open, \
    p.created_at, p.updated_at, o.name AS employer_name";

fn list_row(r: &sqlx::any::AnyRow) -> Result<PositionListRow> {
    Ok(PositionListRow {
        position: position_from_row(r)?,
        employer: r.try_get("employer_name")?,
    })
}

/// The `FROM … WHERE …` of the positions a filter selects (with the employer joined, which the
/// list shows and sorts by), and its parameters.
fn filtered(f: &PositionFilter) -> (String, Vec<Arg>) {
    let mut filter = Filter::default();
    if let Some(o) = f.only {
        filter.and(Arg::Int(Some(o.0)), |n| format!("p.org_id = ${n}"));
    }
    filter.org_named("p.org_id", f.employer.as_deref());
    if let Some(open) = f.open {
        filter.and(Arg::Int(Some(i64::from(open))), |n| {
            format!("p.is_open = ${n}")
        });
    }
    if let Some(occ) = f.occupation {
        filter.and(Arg::Int(Some(occ)), |n| format!("p.occupation_id = ${n}"));
    }
    filter.words(f.text.as_deref(), &["p.title", "p.place"]);
    filter.from("positions p JOIN organisations o ON o.id = p.org_id")
}

/// One page of the positions list, filtered and sorted, with its total.
pub async fn list_positions_filtered(
    conn: &mut AnyConnection,
    f: &PositionFilter,
    page: PageRequest,
) -> Result<Paged<PositionListRow>> {
    let (from_where, args) = filtered(f);
    fetch_paged(
        conn,
        &from_where,
        POSITION_LIST_COLUMNS,
        &f.order.sql(),
        &args,
        page,
        list_row,
    )
    .await
}

/// The occupations positions within a scope are for (database ids): the choices of the
/// positions list's occupation filter (a handful, unlike the employers, which are searched by
/// name).
pub async fn position_occupations(
    conn: &mut AnyConnection,
    only: Option<OrgId>,
) -> Result<Vec<i64>> {
    // Every view of the list reads it (a DISTINCT over every position, 0.3 ms at 2,000 on
    // PostgreSQL): kept while the positions do not change.
    let occupations = crate::ids_where(
        conn,
        "SELECT DISTINCT occupation_id FROM positions \
         WHERE occupation_id IS NOT NULL AND ($1 IS NULL OR org_id = $1) ORDER BY occupation_id",
        &[Arg::Int(only.map(|o| o.0))],
    )
    .await?;
    Ok(occupations.to_vec())
}

/// Up to `limit` open positions whose title contains `text` (letter case ignored for ASCII),
/// by title: the position picker of a new placement, which must reach every position, not only
/// a first page of them.
pub async fn search_open_positions(
    conn: &mut AnyConnection,
    only: Option<OrgId>,
    text: &str,
    limit: i64,
) -> Result<Vec<PositionRecord>> {
    let pattern = format!("%{}%", crate::escape_like(&text.to_lowercase()));
    sqlx::query(&format!(
        "SELECT {POSITION_COLUMNS} FROM positions WHERE is_open = 1 \
         AND LOWER(title) LIKE $1 ESCAPE '\\' AND ($2 IS NULL OR org_id = $2) \
         ORDER BY title, id LIMIT $3"
    ))
    .bind(pattern)
    .bind(only.map(|o| o.0))
    .bind(limit)
    .fetch_all(conn)
    .await?
    .iter()
    .map(position_from_row)
    .collect()
}

/// Every open position (for the matching index).
pub async fn all_open_positions(conn: &mut AnyConnection) -> Result<Vec<PositionRecord>> {
    sqlx::query(&format!(
        "SELECT {POSITION_COLUMNS} FROM positions WHERE is_open = 1 ORDER BY id"
    ))
    .fetch_all(conn)
    .await?
    .iter()
    .map(position_from_row)
    .collect()
}
