//! Programmes (cohorts) of an organisation.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::OrgId;

use crate::list::{Order, SortColumn, SortKey, SqlOrder, col};
use crate::{Arg, Filter, PageRequest, Paged, Result, StoreError, fetch_paged};

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

/// Every programme by name, one page.
pub async fn list_programmes(
    conn: &mut AnyConnection,
    page: PageRequest,
) -> Result<Paged<ProgrammeRecord>> {
    let list = list_programmes_filtered(conn, &ProgrammeFilter::default(), page).await?;
    Ok(Paged {
        items: list.items.into_iter().map(|r| r.programme).collect(),
        total: list.total,
        limit: list.limit,
        offset: list.offset,
    })
}

/// The columns the programmes list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgrammeSort {
    /// By name (the list's order before it could be sorted).
    Name,
    /// The organisation's name.
    Organisation,
    /// Planned cohort size.
    Target,
    Start,
}

impl SortKey for ProgrammeSort {
    const ALL: &'static [ProgrammeSort] = &[
        ProgrammeSort::Name,
        ProgrammeSort::Organisation,
        ProgrammeSort::Target,
        ProgrammeSort::Start,
    ];
    fn name(self) -> &'static str {
        match self {
            ProgrammeSort::Name => "name",
            ProgrammeSort::Organisation => "organisation",
            ProgrammeSort::Target => "target",
            ProgrammeSort::Start => "start",
        }
    }
    fn default_desc(self) -> bool {
        // The largest and the latest first.
        matches!(self, ProgrammeSort::Target | ProgrammeSort::Start)
    }
}

impl SqlOrder for ProgrammeSort {
    fn columns(self) -> &'static [SortColumn] {
        match self {
            ProgrammeSort::Name => const { &[col("g.name")] },
            ProgrammeSort::Organisation => const { &[col("o.name"), col("g.name")] },
            ProgrammeSort::Target => const { &[col("g.target_size"), col("g.name")] },
            ProgrammeSort::Start => {
                const {
                    &[
                        SortColumn {
                            sql: "g.start_date",
                            nullable: true,
                        },
                        col("g.name"),
                    ]
                }
            }
        }
    }
    fn tie_break() -> &'static str {
        "g.id"
    }
}

/// What the programmes list is filtered by; `None` filters nothing.
#[derive(Debug, Clone, Default)]
pub struct ProgrammeFilter {
    /// Words of the name of the organisation that runs the programme (see
    /// [`Filter::org_named`]).
    pub org: Option<String>,
    /// Starting on or after this day (Unix seconds).
    pub start_from: Option<i64>,
    /// Starting on or before this moment (Unix seconds).
    pub start_to: Option<i64>,
    /// Words that must each occur in the name or the description (letter case ignored for
    /// ASCII).
    pub text: Option<String>,
    pub order: Order<ProgrammeSort>,
}

/// A row of the programmes list: the programme and its organisation's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeListRow {
    pub programme: ProgrammeRecord,
    pub organisation: String,
}

const PROGRAMME_LIST_COLUMNS: &str = "g.id, g.org_id, g.name, g.description, g.target_size, \
    g.start_date, g.created_at, o.name AS organisation_name";

fn list_row(r: &sqlx::any::AnyRow) -> Result<ProgrammeListRow> {
    Ok(ProgrammeListRow {
        programme: programme_from_row(r)?,
        organisation: r.try_get("organisation_name")?,
    })
}

/// One page of the programmes list, filtered and sorted, with its total.
pub async fn list_programmes_filtered(
    conn: &mut AnyConnection,
    f: &ProgrammeFilter,
    page: PageRequest,
) -> Result<Paged<ProgrammeListRow>> {
    let mut filter = Filter::default();
    filter.org_named("g.org_id", f.org.as_deref());
    if let Some(from) = f.start_from {
        filter.and(Arg::Int(Some(from)), |n| format!("g.start_date >= ${n}"));
    }
    if let Some(to) = f.start_to {
        filter.and(Arg::Int(Some(to)), |n| format!("g.start_date <= ${n}"));
    }
    filter.words(f.text.as_deref(), &["g.name", "g.description"]);
    let (from_where, args) = filter.from("programmes g JOIN organisations o ON o.id = g.org_id");
    fetch_paged(
        conn,
        &from_where,
        PROGRAMME_LIST_COLUMNS,
        &f.order.sql(),
        &args,
        page,
        list_row,
    )
    .await
}
