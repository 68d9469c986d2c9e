//! Producers' public profiles, their opening hours and search keys.

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};
use standort_domain::OrgId;
use standort_domain::fold::{query_key_groups, search_keys};
use standort_domain::showcase::{Category, QualityLabel};

use super::{Texts, set_items, set_text, texts_from, texts_json, unknown};
use crate::{Arg, PageRequest, Paged, Result, StoreError};

/// Tokens shorter than this are matched exactly.
const MIN_TYPO_LEN: usize = 4;

/// A shop that sells a producer's goods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Retailer {
    pub name: String,
    pub town: String,
}

/// What a producer's entry says (everything but its identity and name, which is the
/// registry's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProducerData {
    pub category: Category,
    pub region_id: Option<i64>,
    pub tagline: Texts,
    pub story: Texts,
    pub street: String,
    pub postcode: String,
    pub town: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub labels: Vec<QualityLabel>,
    /// Language codes the producer's people speak with customers.
    pub languages: Vec<String>,
    pub retailers: Vec<Retailer>,
    pub own_shop: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Producer {
    pub id: i64,
    pub org_id: OrgId,
    /// The organisation's name in the registry.
    pub name: String,
    pub slug: String,
    #[serde(flatten)]
    pub data: ProducerData,
    /// The municipality's (or locality's) name.
    pub region_name: Option<String>,
    pub trusted: bool,
    pub published: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A time range of the own shop on one weekday (0 = Monday), minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    pub weekday: u8,
    pub opens: u16,
    pub closes: u16,
}

const COLUMNS: &str = "p.id, p.org_id, o.name AS org_name, p.slug, p.category, p.region_id, \
     r.name AS region_name, p.tagline, p.story, p.street, p.postcode, p.town, p.lat, p.lon, \
     p.phone, p.email, p.website, p.labels, p.languages, p.retailers, p.own_shop, p.trusted, \
     p.published, p.created_at, p.updated_at";

const FROM: &str = "showcase_producers p JOIN organisations o ON o.id = p.org_id \
     LEFT JOIN demography_regions r ON r.id = p.region_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Producer> {
    let category: String = r.try_get("category")?;
    let labels: String = r.try_get("labels")?;
    let languages: String = r.try_get("languages")?;
    let retailers: String = r.try_get("retailers")?;
    let tagline: String = r.try_get("tagline")?;
    let story: String = r.try_get("story")?;
    Ok(Producer {
        id: r.try_get("id")?,
        org_id: OrgId(r.try_get("org_id")?),
        name: r.try_get("org_name")?,
        slug: r.try_get("slug")?,
        data: ProducerData {
            category: Category::parse(&category).ok_or_else(|| unknown("category", &category))?,
            region_id: r.try_get("region_id")?,
            tagline: texts_from(&tagline)?,
            story: texts_from(&story)?,
            street: r.try_get("street")?,
            postcode: r.try_get("postcode")?,
            town: r.try_get("town")?,
            lat: r.try_get("lat")?,
            lon: r.try_get("lon")?,
            phone: r.try_get("phone")?,
            email: r.try_get("email")?,
            website: r.try_get("website")?,
            labels: set_items(&labels)
                .map(|l| QualityLabel::parse(l).ok_or_else(|| unknown("label", l)))
                .collect::<Result<_>>()?,
            languages: set_items(&languages).map(str::to_owned).collect(),
            retailers: serde_json::from_str(&retailers)
                .map_err(|e| StoreError::Archive(format!("retailers: {e}")))?,
            own_shop: crate::flag(r.try_get("own_shop")?),
        },
        region_name: r.try_get("region_name")?,
        trusted: crate::flag(r.try_get("trusted")?),
        published: crate::flag(r.try_get("published")?),
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

fn bind_data<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    d: &ProducerData,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(d.category.as_str())
        .bind(d.region_id)
        .bind(texts_json(&d.tagline))
        .bind(texts_json(&d.story))
        .bind(d.street.clone())
        .bind(d.postcode.clone())
        .bind(d.town.clone())
        .bind(d.lat)
        .bind(d.lon)
        .bind(d.phone.clone())
        .bind(d.email.clone())
        .bind(d.website.clone())
        .bind(set_text(d.labels.iter().map(|l| l.as_str())))
        .bind(set_text(d.languages.iter().map(String::as_str)))
        .bind(serde_json::to_string(&d.retailers).unwrap_or_else(|_| "[]".into()))
        .bind(i64::from(d.own_shop))
}

/// Creates the showcase entry of a registry organisation (unpublished).
pub async fn insert_producer(
    conn: &mut AnyConnection,
    org: OrgId,
    slug: &str,
    d: &ProducerData,
    now: i64,
) -> Result<i64> {
    let q = sqlx::query(
        "INSERT INTO showcase_producers (category, region_id, tagline, story, street, postcode, \
         town, lat, lon, phone, email, website, labels, languages, retailers, own_shop, org_id, \
         slug, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
         $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id",
    );
    let row = bind_data(q, d)
        .bind(org.0)
        .bind(slug)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
    let id: i64 = row.try_get("id")?;
    refresh_search_keys(conn, id).await?;
    Ok(id)
}

/// Replaces what an entry says (its texts, address, contact, labels …).
pub async fn update_producer(
    conn: &mut AnyConnection,
    id: i64,
    d: &ProducerData,
    now: i64,
) -> Result<()> {
    let q = sqlx::query(
        "UPDATE showcase_producers SET category = $1, region_id = $2, tagline = $3, story = $4, \
         street = $5, postcode = $6, town = $7, lat = $8, lon = $9, phone = $10, email = $11, \
         website = $12, labels = $13, languages = $14, retailers = $15, own_shop = $16, \
         updated_at = $17 WHERE id = $18",
    );
    let done = bind_data(q, d)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    refresh_search_keys(conn, id).await
}

/// Publishes or withdraws an entry, and whether its producer publishes without review.
pub async fn set_state(
    conn: &mut AnyConnection,
    id: i64,
    published: bool,
    trusted: bool,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE showcase_producers SET published = $1, trusted = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(i64::from(published))
    .bind(i64::from(trusted))
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Marks an entry changed (its products or hours were replaced).
pub async fn touch(conn: &mut AnyConnection, id: i64, now: i64) -> Result<()> {
    sqlx::query("UPDATE showcase_producers SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn get_producer(conn: &mut AnyConnection, id: i64) -> Result<Producer> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

pub async fn producer_by_slug(conn: &mut AnyConnection, slug: &str) -> Result<Producer> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE p.slug = $1"))
        .bind(slug)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

pub async fn producer_of_org(conn: &mut AnyConnection, org: OrgId) -> Result<Producer> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE p.org_id = $1"))
        .bind(org.0)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// What the catalogue is filtered by; `None` filters nothing.
#[derive(Debug, Clone, Default)]
pub struct ProducerFilter {
    /// Only published entries (the public pages and open data).
    pub published_only: bool,
    /// Words: each must occur in the producer's name, a product's name or its town — without
    /// regard to case and diacritics, about one typo per word of four letters or more.
    pub text: Option<String>,
    pub category: Option<Category>,
    /// A region id: producers in it or in one of its localities.
    pub region_id: Option<i64>,
    pub label: Option<QualityLabel>,
    /// A month (1–12): producers with a product in season then.
    pub month: Option<u8>,
    /// (weekday 0 = Monday, minute of the day): producers whose shop is open then.
    pub open_at: Option<(u8, u16)>,
}

fn filter_sql(f: &ProducerFilter) -> (String, Vec<Arg>) {
    let mut filter = crate::Filter::default();
    if f.published_only {
        filter.fixed("p.published = 1");
    }
    if let Some(c) = f.category {
        filter.and(Arg::Text(c.as_str().into()), |n| {
            format!("p.category = ${n}")
        });
    }
    if let Some(r) = f.region_id {
        filter.and(Arg::Int(Some(r)), |n| {
            format!(
                "(p.region_id = ${n} OR p.region_id IN \
                 (SELECT id FROM demography_regions WHERE parent_id = ${n}))"
            )
        });
    }
    if let Some(l) = f.label {
        filter.and(Arg::Text(format!("%,{},%", l.as_str())), |n| {
            format!(
                "(p.labels LIKE ${n} OR p.id IN \
                 (SELECT producer_id FROM showcase_products WHERE labels LIKE ${n}))"
            )
        });
    }
    if let Some(m) = f.month {
        filter.and(
            Arg::Int(Some(standort_domain::showcase::Months::bit(m))),
            |n| {
                format!(
                    "p.id IN (SELECT producer_id FROM showcase_products \
                     WHERE (season_mask & ${n}) <> 0)"
                )
            },
        );
    }
    if let Some((day, minute)) = f.open_at {
        filter.and_many(
            vec![
                Arg::Int(Some(i64::from(day))),
                Arg::Int(Some(i64::from(minute))),
            ],
            |p| {
                format!(
                    "p.id IN (SELECT producer_id FROM showcase_hours WHERE weekday = {} \
                     AND opens_min <= {m} AND closes_min > {m})",
                    p[0],
                    m = p[1]
                )
            },
        );
    }
    if let Some(text) = &f.text {
        let groups = query_key_groups(text, MIN_TYPO_LEN);
        if groups.is_empty() {
            filter.fixed("1 = 0");
        }
        for group in groups {
            filter.and_many(group.into_iter().map(Arg::Text).collect(), |params| {
                format!(
                    "p.id IN (SELECT producer_id FROM showcase_search_keys WHERE key IN ({}))",
                    params.join(", ")
                )
            });
        }
    }
    filter.from(FROM)
}

/// The catalogue by name, filtered, one page.
pub async fn list_producers(
    conn: &mut AnyConnection,
    f: &ProducerFilter,
    page: PageRequest,
) -> Result<Paged<Producer>> {
    let (from_where, args) = filter_sql(f);
    crate::fetch_paged(
        conn,
        &from_where,
        COLUMNS,
        "o.name, p.id",
        &args,
        page,
        from_row,
    )
    .await
}

/// Published entries per category (the public start page's tiles), as (category, count).
pub async fn published_per_category(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT category, COUNT(*) FROM showcase_producers WHERE published = 1 \
         GROUP BY category ORDER BY category",
    )
    .fetch_all(conn)
    .await?)
}

/// The first `per_category` published entries of each category by name (the start page's
/// highlights come from them), by category, then name: one statement, where a list per
/// category was two (count and page) for each of them.
pub async fn first_published_per_category(
    conn: &mut AnyConnection,
    per_category: i64,
) -> Result<Vec<Producer>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM {FROM} JOIN ( \
           SELECT p2.id AS ranked_id, ROW_NUMBER() OVER ( \
             PARTITION BY p2.category ORDER BY o2.name, p2.id) AS place \
           FROM showcase_producers p2 JOIN organisations o2 ON o2.id = p2.org_id \
           WHERE p2.published = 1) ranked ON ranked.ranked_id = p.id \
         WHERE ranked.place <= $1 ORDER BY p.category, o.name, p.id"
    ))
    .bind(per_category)
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// The opening hours of an entry, by weekday and time.
pub async fn hours(conn: &mut AnyConnection, producer: i64) -> Result<Vec<Hours>> {
    let rows = sqlx::query(
        "SELECT weekday, opens_min, closes_min FROM showcase_hours WHERE producer_id = $1 \
         ORDER BY weekday, opens_min",
    )
    .bind(producer)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Hours {
                weekday: r.try_get::<i64, _>("weekday")? as u8,
                opens: r.try_get::<i64, _>("opens_min")? as u16,
                closes: r.try_get::<i64, _>("closes_min")? as u16,
            })
        })
        .collect()
}

/// Replaces the opening hours of an entry.
pub async fn set_hours(conn: &mut AnyConnection, producer: i64, hours: &[Hours]) -> Result<()> {
    sqlx::query("DELETE FROM showcase_hours WHERE producer_id = $1")
        .bind(producer)
        .execute(&mut *conn)
        .await?;
    for h in hours {
        sqlx::query(
            "INSERT INTO showcase_hours (producer_id, weekday, opens_min, closes_min) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(producer)
        .bind(i64::from(h.weekday))
        .bind(i64::from(h.opens))
        .bind(i64::from(h.closes))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Rewrites the search keys of an entry from its organisation's names, its products' names
/// (every language) and its town.
pub async fn refresh_search_keys(conn: &mut AnyConnection, producer: i64) -> Result<()> {
    sqlx::query("DELETE FROM showcase_search_keys WHERE producer_id = $1")
        .bind(producer)
        .execute(&mut *conn)
        .await?;
    let names: Vec<(String,)> = sqlx::query_as(
        "SELECT o.name FROM showcase_producers p JOIN organisations o ON o.id = p.org_id \
         WHERE p.id = $1 \
         UNION ALL SELECT n.name FROM showcase_producers p \
         JOIN organisation_names n ON n.org_id = p.org_id WHERE p.id = $1 \
         UNION ALL SELECT town FROM showcase_producers WHERE id = $1 \
         UNION ALL SELECT name FROM showcase_products WHERE producer_id = $1",
    )
    .bind(producer)
    .fetch_all(&mut *conn)
    .await?;
    let mut keys: Vec<String> = Vec::new();
    for (n,) in &names {
        // Product names are JSON objects of the languages; the others plain text.
        let texts: Vec<String> = match serde_json::from_str::<super::Texts>(n) {
            Ok(t) => t.into_values().collect(),
            Err(_) => vec![n.clone()],
        };
        for t in texts {
            keys.extend(search_keys(&t, MIN_TYPO_LEN));
        }
    }
    keys.sort();
    keys.dedup();
    for chunk in keys.chunks(400) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "INSERT INTO showcase_search_keys (producer_id, key) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for k in chunk {
            q = q.bind(producer).bind(k.clone());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The public catalogue's version: moved up by every change of what the public pages show, in
/// the changing transaction (triggers of migration 0027), so it differs after any change, even
/// two within one second.
pub async fn catalogue_version(conn: &mut AnyConnection) -> Result<i64> {
    let (version,): (i64,) =
        sqlx::query_as("SELECT version FROM showcase_catalogue_version WHERE id = 1")
            .fetch_one(conn)
            .await?;
    Ok(version)
}

/// The latest change of the public catalogue (entries, markets), Unix seconds; 0 when empty.
pub async fn last_change(conn: &mut AnyConnection) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COALESCE(MAX(updated_at), 0) AS a, \
         (SELECT COALESCE(MAX(created_at), 0) FROM showcase_markets) AS b \
         FROM showcase_producers",
    )
    .fetch_one(conn)
    .await?;
    let a: i64 = row.try_get("a")?;
    let b: i64 = row.try_get("b")?;
    Ok(a.max(b))
}
