//! Local labels of ESCO concepts (migration 0029): everyday names staff add per concept and
//! language ("Pflegefachkraft", "Busfahrer"). Keyed by the concept's URI and left alone by
//! [`super::import`], so they survive every re-import; the ESCO view joins them to the concepts'
//! ids when it loads ([`super::load_all`]).

use sqlx::{AnyConnection, Row};

use super::Concept;
use crate::Result;

/// One local label as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalLabel {
    pub id: i64,
    pub concept: Concept,
    pub concept_uri: String,
    pub lang: String,
    pub label: String,
    pub created_by: Option<i64>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, concept, concept_uri, lang, label, created_by, created_at";

fn row(r: &sqlx::any::AnyRow) -> Result<LocalLabel> {
    let concept: String = r.try_get(1)?;
    Ok(LocalLabel {
        id: r.try_get(0)?,
        // The table's CHECK allows only the two kinds.
        concept: Concept::parse(&concept).unwrap_or(Concept::Skill),
        concept_uri: r.try_get(2)?,
        lang: r.try_get(3)?,
        label: r.try_get(4)?,
        created_by: r.try_get(5)?,
        created_at: r.try_get(6)?,
    })
}

/// Adds a local label; `None` when the concept already has this label in this language, so a
/// second click changes nothing. Call it in a write transaction (the check and the insert are
/// one unit; there is no unique key because PostgreSQL's btree refuses long free-text keys).
pub async fn add(
    conn: &mut AnyConnection,
    concept: Concept,
    uri: &str,
    lang: &str,
    label: &str,
    created_by: Option<i64>,
    now: i64,
) -> Result<Option<LocalLabel>> {
    let existing: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM esco_local_labels \
         WHERE concept = $1 AND concept_uri = $2 AND lang = $3 AND label = $4",
    )
    .bind(concept.as_str())
    .bind(uri)
    .bind(lang)
    .bind(label)
    .fetch_optional(&mut *conn)
    .await?;
    if existing.is_some() {
        return Ok(None);
    }
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO esco_local_labels (concept, concept_uri, lang, label, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(concept.as_str())
    .bind(uri)
    .bind(lang)
    .bind(label)
    .bind(created_by)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    match id {
        Some((id,)) => get(conn, id).await,
        None => Ok(None),
    }
}

/// One local label by id.
pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<LocalLabel>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM esco_local_labels WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .as_ref()
    .map(row)
    .transpose()
}

/// The local labels of one concept, by language and label.
pub async fn of_concept(
    conn: &mut AnyConnection,
    concept: Concept,
    uri: &str,
) -> Result<Vec<LocalLabel>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM esco_local_labels WHERE concept = $1 AND concept_uri = $2 \
         ORDER BY lang, label, id"
    ))
    .bind(concept.as_str())
    .bind(uri)
    .fetch_all(conn)
    .await?
    .iter()
    .map(row)
    .collect()
}

/// Removes a local label; whether it existed.
pub async fn delete(conn: &mut AnyConnection, id: i64) -> Result<bool> {
    let done = sqlx::query("DELETE FROM esco_local_labels WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The version the triggers of migration 0029 move on every change of the local labels.
pub async fn version(conn: &mut AnyConnection) -> Result<i64> {
    let (v,): (i64,) = sqlx::query_as("SELECT version FROM esco_local_labels_version WHERE id = 1")
        .fetch_one(conn)
        .await?;
    Ok(v)
}

/// Every local label whose concept is loaded, as label rows of kind `local` with the concept's
/// id (labels of concepts no import holds wait for the import that brings them back), in the
/// order they were added: a concept's first local label in a language is its display name there.
pub(super) async fn load_rows(conn: &mut AnyConnection) -> Result<Vec<super::LabelRow>> {
    let rows = sqlx::query(
        "SELECT l.concept, o.id, l.lang, l.label, l.id FROM esco_local_labels l \
           JOIN esco_occupations o ON l.concept = 'occupation' AND o.uri = l.concept_uri \
         UNION ALL \
         SELECT l.concept, s.id, l.lang, l.label, l.id FROM esco_local_labels l \
           JOIN esco_skills s ON l.concept = 'skill' AND s.uri = l.concept_uri \
         ORDER BY 5",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let concept: String = r.try_get(0)?;
            Ok(super::LabelRow {
                concept: Concept::parse(&concept).unwrap_or(Concept::Skill),
                concept_id: r.try_get(1)?,
                lang: r.try_get(2)?,
                label_kind: super::LOCAL_LABEL_KIND.to_owned(),
                label: r.try_get(3)?,
            })
        })
        .collect()
}
