//! Organisations: the one registry (see ARCHITECTURE.md, "Organisations: one registry") — the
//! agency, clinics, employers, partners abroad, and the partner network's companies, investors,
//! public bodies, chambers and universities. Besides name, kind and country an organisation
//! carries its economic sector (NACE Rev. 2 / WZ 2008 code), cluster tags, size, website and
//! address (migration 0014), names in further scripts (`organisation_names`), links to other
//! organisations, and search keys kept in step with its names by every write here: folded
//! tokens and their one-character deletions (`standort_domain::fold::search_keys`), so a
//! search without diacritics and with a typo is an index lookup.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::fold::{query_key_groups, search_keys};
use standort_domain::network::LinkKind;
use standort_domain::{OrgId, OrgKind};

use crate::list::{Order, SortColumn, SortKey, SqlOrder};
use crate::{Arg, PageRequest, Paged, Result, StoreError};

/// Tokens shorter than this are matched exactly (a typo in "AG" or "St" finds everything).
const MIN_TYPO_LEN: usize = 4;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub created_at: i64,
    #[serde(flatten)]
    pub profile: OrgProfile,
}

/// What the network knows about an organisation beyond its name, kind and country.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OrgProfile {
    /// NACE Rev. 2 / WZ 2008 code (`21.20`), checked by `standort_domain::nace::Sector`.
    pub sector: Option<String>,
    /// Stable names of `standort_domain::network::Cluster`, sorted.
    pub clusters: Vec<String>,
    pub employees: Option<i64>,
    pub website: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewOrganisation<'a> {
    pub name: &'a str,
    pub kind: OrgKind,
    pub country: &'a str,
}

/// A further name of an organisation, in another script or language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgName {
    pub id: i64,
    pub org_id: OrgId,
    pub name: String,
    /// BCP 47 (`vi`, `ja`, `ja-Latn`).
    pub lang: String,
}

/// A link between two organisations (`from` is a subsidiary of / partner of `to`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgLink {
    pub id: i64,
    pub from_org_id: OrgId,
    pub to_org_id: OrgId,
    pub kind: LinkKind,
    /// The other organisation's name, as seen from the organisation asked about.
    pub other_name: String,
    /// Whether the organisation asked about is the `from` side.
    pub outgoing: bool,
}

const COLUMNS: &str =
    "id, name, kind, country, created_at, sector, clusters, employees, website, address";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Organisation> {
    let kind: String = row.try_get("kind")?;
    let clusters: String = row.try_get("clusters")?;
    Ok(Organisation {
        id: OrgId(row.try_get("id")?),
        name: row.try_get("name")?,
        kind: OrgKind::parse(&kind)
            .ok_or_else(|| StoreError::Archive(format!("unknown organisation kind {kind:?}")))?,
        country: row.try_get("country")?,
        created_at: row.try_get("created_at")?,
        profile: OrgProfile {
            sector: row.try_get("sector")?,
            clusters: clusters
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            employees: row.try_get("employees")?,
            website: row.try_get("website")?,
            address: row.try_get("address")?,
        },
    })
}

pub async fn insert(
    conn: &mut AnyConnection,
    new: &NewOrganisation<'_>,
    now: i64,
) -> Result<Organisation> {
    let row = sqlx::query(&format!(
        "INSERT INTO organisations (name, kind, country, created_at) VALUES ($1, $2, $3, $4) RETURNING {COLUMNS}"
    ))
    .bind(new.name)
    .bind(new.kind.as_str())
    .bind(new.country)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let org = from_row(&row)?;
    refresh_search_keys(conn, org.id).await?;
    Ok(org)
}

pub async fn get(conn: &mut AnyConnection, id: OrgId) -> Result<Organisation> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM organisations WHERE id = $1"
    ))
    .bind(id.0)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// Replaces the network facts of an organisation.
pub async fn set_profile(conn: &mut AnyConnection, id: OrgId, p: &OrgProfile) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organisations SET sector = $1, clusters = $2, employees = $3, website = $4, \
         address = $5 WHERE id = $6",
    )
    .bind(p.sector.clone())
    .bind(p.clusters.join(","))
    .bind(p.employees)
    .bind(p.website.clone())
    .bind(p.address.clone())
    .bind(id.0)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Adds a further name (another script, a transliteration) and makes it searchable.
pub async fn add_name(
    conn: &mut AnyConnection,
    org: OrgId,
    name: &str,
    lang: &str,
) -> Result<OrgName> {
    let row = sqlx::query(
        "INSERT INTO organisation_names (org_id, name, lang) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(org.0)
    .bind(name)
    .bind(lang)
    .fetch_one(&mut *conn)
    .await?;
    refresh_search_keys(conn, org).await?;
    Ok(OrgName {
        id: row.try_get("id")?,
        org_id: org,
        name: name.to_owned(),
        lang: lang.to_owned(),
    })
}

/// The further names of an organisation, in the order they were added.
pub async fn names(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<OrgName>> {
    let rows = sqlx::query(
        "SELECT id, org_id, name, lang FROM organisation_names WHERE org_id = $1 ORDER BY id",
    )
    .bind(org.0)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OrgName {
                id: r.try_get("id")?,
                org_id: OrgId(r.try_get("org_id")?),
                name: r.try_get("name")?,
                lang: r.try_get("lang")?,
            })
        })
        .collect()
}

/// Rewrites the search keys of an organisation from its name and further names.
pub(crate) async fn refresh_search_keys(conn: &mut AnyConnection, org: OrgId) -> Result<()> {
    sqlx::query("DELETE FROM organisation_search_keys WHERE org_id = $1")
        .bind(org.0)
        .execute(&mut *conn)
        .await?;
    let names: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM organisations WHERE id = $1 UNION ALL \
         SELECT name FROM organisation_names WHERE org_id = $1",
    )
    .bind(org.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut keys: Vec<String> = names
        .iter()
        .flat_map(|(n,)| search_keys(n, MIN_TYPO_LEN))
        .collect();
    keys.sort();
    keys.dedup();
    // Batched: SQLite allows 32,766 parameters; 400 rows × 2 stays far below.
    for chunk in keys.chunks(400) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "INSERT INTO organisation_search_keys (org_id, key) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for k in chunk {
            q = q.bind(org.0).bind(k.clone());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Rebuilds the search keys of every organisation (after an archive import, which does not
/// carry them).
pub async fn rebuild_search_keys(conn: &mut AnyConnection) -> Result<()> {
    let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM organisations ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    for (id,) in ids {
        refresh_search_keys(conn, OrgId(id)).await?;
    }
    Ok(())
}

/// The columns the organisations list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgSort {
    Name,
    Kind,
    Country,
    Sector,
}

impl SortKey for OrgSort {
    const ALL: &'static [OrgSort] = &[
        OrgSort::Name,
        OrgSort::Kind,
        OrgSort::Country,
        OrgSort::Sector,
    ];
    fn name(self) -> &'static str {
        match self {
            OrgSort::Name => "name",
            OrgSort::Kind => "kind",
            OrgSort::Country => "country",
            OrgSort::Sector => "sector",
        }
    }
}

impl SqlOrder for OrgSort {
    fn columns(self) -> &'static [SortColumn] {
        match self {
            OrgSort::Name => &[SortColumn {
                sql: "name",
                nullable: false,
            }],
            OrgSort::Kind => &[
                SortColumn {
                    sql: "kind",
                    nullable: false,
                },
                SortColumn {
                    sql: "name",
                    nullable: false,
                },
            ],
            OrgSort::Country => &[
                SortColumn {
                    sql: "country",
                    nullable: false,
                },
                SortColumn {
                    sql: "name",
                    nullable: false,
                },
            ],
            OrgSort::Sector => &[
                SortColumn {
                    sql: "sector",
                    nullable: true,
                },
                SortColumn {
                    sql: "name",
                    nullable: false,
                },
            ],
        }
    }
    fn tie_break() -> &'static str {
        "id"
    }
}

/// What an organisation list is filtered by; `None` filters nothing.
#[derive(Debug, Clone, Default)]
pub struct OrgFilter {
    /// Only this organisation (roles that see only their own).
    pub only: Option<OrgId>,
    /// Free text: every word must occur in one of the names, without regard to case and
    /// diacritics, with about one typo per word of four letters or more.
    pub text: Option<String>,
    pub kind: Option<OrgKind>,
    pub country: Option<String>,
    /// A sector code or its beginning (`21` finds `21.20`).
    pub sector: Option<String>,
    pub cluster: Option<String>,
    /// The list's order (by name unless asked otherwise).
    pub order: Order<OrgSort>,
}

impl crate::Filter {
    /// Keeps the rows whose `column` (an organisation id) names an organisation called `text`:
    /// every word must occur in one of its names, without regard to case and diacritics, with
    /// about one typo per word of four letters or more — the organisations list's search. The
    /// lists' organisation filters use it, so they need no choice list of every organisation
    /// (hundreds of them, read and rendered on every view). `column` comes from code.
    pub fn org_named(&mut self, column: &str, text: Option<&str>) {
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return;
        };
        let groups = query_key_groups(text, MIN_TYPO_LEN);
        if groups.is_empty() {
            // Only punctuation: nothing can match.
            self.fixed("1 = 0");
        }
        // One condition per word: the organisation holds one of the word's keys.
        for group in groups {
            self.and_many(group.into_iter().map(Arg::Text).collect(), |params| {
                format!(
                    "{column} IN (SELECT org_id FROM organisation_search_keys WHERE key IN ({}))",
                    params.join(", ")
                )
            });
        }
    }
}

/// Lists organisations by name; `only` restricts the list to one organisation (for roles that
/// see only their own).
pub async fn list(
    conn: &mut AnyConnection,
    only: Option<OrgId>,
    page: PageRequest,
) -> Result<Paged<Organisation>> {
    list_filtered(
        conn,
        &OrgFilter {
            only,
            ..OrgFilter::default()
        },
        page,
    )
    .await
}

/// Lists organisations by name, filtered.
pub async fn list_filtered(
    conn: &mut AnyConnection,
    f: &OrgFilter,
    page: PageRequest,
) -> Result<Paged<Organisation>> {
    let mut filter = crate::Filter::default();
    if let Some(o) = f.only {
        filter.and(Arg::Int(Some(o.0)), |n| format!("id = ${n}"));
    }
    if let Some(k) = f.kind {
        filter.and(Arg::Text(k.as_str().into()), |n| format!("kind = ${n}"));
    }
    if let Some(c) = &f.country {
        filter.and(Arg::Text(c.clone()), |n| format!("country = ${n}"));
    }
    if let Some(s) = &f.sector {
        filter.and(Arg::Text(format!("{}%", crate::escape_like(s))), |n| {
            format!("sector LIKE ${n} ESCAPE '\\'")
        });
    }
    if let Some(c) = &f.cluster {
        filter.and(Arg::Text(format!("%{}%", crate::escape_like(c))), |n| {
            format!("clusters LIKE ${n} ESCAPE '\\'")
        });
    }
    filter.org_named("id", f.text.as_deref());
    let (from_where, args) = filter.from("organisations");
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

/// The organisations with these ids (those a page of records names), in no particular order.
pub async fn by_ids(conn: &mut AnyConnection, ids: &[OrgId]) -> Result<Vec<Organisation>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM organisations WHERE id IN ({})",
        marks.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(id.0);
    }
    q.fetch_all(conn).await?.iter().map(from_row).collect()
}

/// How many organisations there are (the staff's and administrators' dashboard card), kept
/// while the organisations do not change like every count of the kit.
pub async fn count(conn: &mut AnyConnection) -> Result<i64> {
    crate::count_where(conn, "FROM organisations", &[]).await
}

/// Every organisation of one kind, by name (the clinics of the procurement channel, the
/// suppliers a pooled order can go to).
pub async fn of_kind(conn: &mut AnyConnection, kind: OrgKind) -> Result<Vec<Organisation>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM organisations WHERE kind = $1 ORDER BY name, id"
    ))
    .bind(kind.as_str())
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Links `from` to `to` (`from` is a subsidiary of / partner of `to`).
pub async fn link(
    conn: &mut AnyConnection,
    from: OrgId,
    to: OrgId,
    kind: LinkKind,
    now: i64,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO organisation_links (from_org_id, to_org_id, kind, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(from.0)
    .bind(to.0)
    .bind(kind.as_str())
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

/// The links of an organisation, both directions, with the other side's name.
pub async fn links(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<OrgLink>> {
    let rows = sqlx::query(
        "SELECT l.id AS link_id, l.from_org_id, l.to_org_id, l.kind, o.name AS other_name, \
         1 AS outgoing FROM organisation_links l JOIN organisations o ON o.id = l.to_org_id \
         WHERE l.from_org_id = $1 \
         UNION ALL \
         SELECT l.id AS link_id, l.from_org_id, l.to_org_id, l.kind, o.name AS other_name, \
         0 AS outgoing FROM organisation_links l JOIN organisations o ON o.id = l.from_org_id \
         WHERE l.to_org_id = $1 \
         ORDER BY link_id",
    )
    .bind(org.0)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            let outgoing: i64 = r.try_get("outgoing")?;
            Ok(OrgLink {
                id: r.try_get("link_id")?,
                from_org_id: OrgId(r.try_get("from_org_id")?),
                to_org_id: OrgId(r.try_get("to_org_id")?),
                kind: LinkKind::parse(&kind)
                    .ok_or_else(|| StoreError::Archive(format!("unknown link kind {kind:?}")))?,
                other_name: r.try_get("other_name")?,
                outgoing: outgoing != 0,
            })
        })
        .collect()
}
