//! ESCO in the database: occupations, skills, their labels and relations.
//!
//! Concepts are keyed by URI; the integer id is assigned on first import and kept by every later
//! one (`INSERT … ON CONFLICT (uri) DO UPDATE`), so candidates' and positions' references survive
//! a newer ESCO version. Each import adds a row to `esco_imports`; its id is the *generation*,
//! which app instances compare with the generation their in-memory search index was built from.
//!
//! [`import`] writes everything through multi-row INSERTs on the caller's connection; run it in
//! a transaction so that an import is all or nothing.

pub mod local_labels;

use std::collections::HashMap;

use sqlx::any::AnyArguments;
use sqlx::{Any, AnyConnection, Row};

use crate::archive::ColType::{Int, Text};
use crate::archive::TableSpec;
use crate::{Result, StoreError, flag};

/// Which kind of concept a label or relation end belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Concept {
    Occupation,
    Skill,
}

impl Concept {
    pub fn as_str(self) -> &'static str {
        match self {
            Concept::Occupation => "occupation",
            Concept::Skill => "skill",
        }
    }
    pub fn parse(s: &str) -> Option<Concept> {
        match s {
            "occupation" => Some(Concept::Occupation),
            "skill" => Some(Concept::Skill),
            _ => None,
        }
    }
}

/// An occupation to import.
#[derive(Debug, Clone)]
pub struct OccupationIn {
    pub uri: String,
    pub isco_code: String,
    pub code: String,
    pub regulated: bool,
}

/// `skill_type` of a skill group (a node of ESCO's skills hierarchy, e.g. an ISCED-F field
/// group). Groups are stored with the skills so that profiles and positions can name them as
/// broad skills and the whole hierarchy lives in `esco_skill_broader`.
pub const SKILL_GROUP_TYPE: &str = "skill_group";

/// A skill or knowledge concept (or a skill group, see [`SKILL_GROUP_TYPE`]) to import.
#[derive(Debug, Clone)]
pub struct SkillIn {
    pub uri: String,
    pub skill_type: Option<String>,
    pub reuse_level: Option<String>,
}

/// A label to import; `index` points into [`EscoData::occupations`] or [`EscoData::skills`].
#[derive(Debug, Clone)]
pub struct LabelIn {
    pub concept: Concept,
    pub index: u32,
    pub lang: String,
    /// `preferred`, `alternative` or `hidden`.
    pub label_kind: &'static str,
    pub label: String,
}

/// One ESCO version (or a subset of one) to write. Relations refer to positions in
/// `occupations` / `skills`; relation types are `essential` or `optional`.
#[derive(Debug, Clone, Default)]
pub struct EscoData {
    /// Where it came from (file names), for the import log.
    pub source: String,
    /// The label languages it carries; labels of its concepts in these languages are replaced.
    pub languages: Vec<String>,
    pub occupations: Vec<OccupationIn>,
    pub skills: Vec<SkillIn>,
    pub labels: Vec<LabelIn>,
    /// (occupation, skill, relation)
    pub occupation_skills: Vec<(u32, u32, &'static str)>,
    /// (narrower skill, broader skill): the whole skills hierarchy, skill groups included.
    pub skill_broader: Vec<(u32, u32)>,
    /// (skill, related skill, relation)
    pub skill_relations: Vec<(u32, u32, &'static str)>,
}

impl EscoData {
    /// Rows [`import`] writes, for a progress bar.
    pub fn total_rows(&self) -> u64 {
        (self.occupations.len()
            + self.skills.len()
            + self.labels.len()
            + self.occupation_skills.len()
            + self.skill_broader.len()
            + self.skill_relations.len()) as u64
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub generation: i64,
    pub occupations: u64,
    pub skills: u64,
    pub labels: u64,
    pub relations: u64,
}

/// Rows per multi-row INSERT: well below both backends' bind-parameter limits (SQLite 32,766,
/// PostgreSQL 65,535) at six columns.
const CHUNK: usize = 1000;

type AnyQuery<'q> = sqlx::query::Query<'q, Any, AnyArguments<'q>>;

/// `($1, $2), ($3, $4), …` for `rows` rows of `cols` columns.
fn values_clause(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    let mut n = 1;
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            s.push('$');
            s.push_str(&n.to_string());
            n += 1;
        }
        s.push(')');
    }
    s
}

/// Runs `head VALUES (…), (…) tail` over `items` in chunks, binding each item with `bind`.
async fn insert_chunked<T>(
    conn: &mut AnyConnection,
    head: &str,
    tail: &str,
    cols: usize,
    items: &[T],
    bind: impl for<'q> Fn(AnyQuery<'q>, &'q T) -> AnyQuery<'q>,
    progress: &mut dyn FnMut(u64),
) -> Result<()> {
    for chunk in items.chunks(CHUNK) {
        let sql = format!("{head} VALUES {} {tail}", values_clause(chunk.len(), cols));
        let mut q = sqlx::query(&sql);
        for item in chunk {
            q = bind(q, item);
        }
        q.execute(&mut *conn).await?;
        progress(chunk.len() as u64);
    }
    Ok(())
}

async fn id_map(conn: &mut AnyConnection, table: &str) -> Result<HashMap<String, i64>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(&format!("SELECT id, uri FROM {table}"))
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|(id, uri)| (uri, id)).collect())
}

fn resolve(ids: &[i64], index: u32) -> Result<i64> {
    ids.get(index as usize).copied().ok_or_else(|| {
        StoreError::Archive(format!(
            "ESCO relation names concept #{index}, which the import does not hold"
        ))
    })
}

/// Writes one ESCO version (or subset): upserts concepts by URI (keeping their ids), replaces
/// their labels in the imported languages and their relations, and logs the import. Call it
/// inside a transaction. `progress` receives the number of rows written so far.
pub async fn import(
    conn: &mut AnyConnection,
    data: &EscoData,
    now: i64,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportSummary> {
    let relations =
        data.occupation_skills.len() + data.skill_broader.len() + data.skill_relations.len();
    let (generation,): (i64,) = sqlx::query_as(
        "INSERT INTO esco_imports (source, languages, occupations, skills, relations, imported_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&data.source)
    .bind(data.languages.join(","))
    .bind(data.occupations.len() as i64)
    .bind(data.skills.len() as i64)
    .bind(relations as i64)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;

    let mut done = 0u64;
    let mut tick = |n: u64| {
        done += n;
        progress(done);
    };

    insert_chunked(
        conn,
        "INSERT INTO esco_occupations (uri, isco_code, code, regulated, generation)",
        "ON CONFLICT (uri) DO UPDATE SET isco_code = excluded.isco_code, code = excluded.code, \
         regulated = excluded.regulated, generation = excluded.generation",
        5,
        &data.occupations,
        |q, o| {
            q.bind(o.uri.as_str())
                .bind(o.isco_code.as_str())
                .bind(o.code.as_str())
                .bind(i64::from(o.regulated))
                .bind(generation)
        },
        &mut tick,
    )
    .await?;
    insert_chunked(
        conn,
        "INSERT INTO esco_skills (uri, skill_type, reuse_level, generation)",
        "ON CONFLICT (uri) DO UPDATE SET skill_type = excluded.skill_type, \
         reuse_level = excluded.reuse_level, generation = excluded.generation",
        4,
        &data.skills,
        |q, s| {
            q.bind(s.uri.as_str())
                .bind(s.skill_type.as_deref())
                .bind(s.reuse_level.as_deref())
                .bind(generation)
        },
        &mut tick,
    )
    .await?;

    let occ_ids = id_map(conn, "esco_occupations").await?;
    let skill_ids = id_map(conn, "esco_skills").await?;
    let occ: Vec<i64> = data.occupations.iter().map(|o| occ_ids[&o.uri]).collect();
    let skills: Vec<i64> = data.skills.iter().map(|s| skill_ids[&s.uri]).collect();

    // Labels of this import's concepts in its languages are replaced; other languages stay.
    for lang in &data.languages {
        sqlx::query(
            "DELETE FROM esco_labels WHERE lang = $1 AND ( \
               (concept = 'occupation' AND concept_id IN (SELECT id FROM esco_occupations WHERE generation = $2)) \
               OR (concept = 'skill' AND concept_id IN (SELECT id FROM esco_skills WHERE generation = $2)))",
        )
        .bind(lang)
        .bind(generation)
        .execute(&mut *conn)
        .await?;
    }
    let labels: Vec<(&'static str, i64, &LabelIn)> = data
        .labels
        .iter()
        .map(|l| {
            let ids = match l.concept {
                Concept::Occupation => &occ,
                Concept::Skill => &skills,
            };
            Ok((l.concept.as_str(), resolve(ids, l.index)?, l))
        })
        .collect::<Result<_>>()?;
    insert_chunked(
        conn,
        "INSERT INTO esco_labels (concept, concept_id, lang, label_kind, label)",
        "",
        5,
        &labels,
        |q, (concept, id, l)| {
            q.bind(*concept)
                .bind(*id)
                .bind(l.lang.as_str())
                .bind(l.label_kind)
                .bind(l.label.as_str())
        },
        &mut tick,
    )
    .await?;

    // Relations of this import's concepts are replaced by the new version's.
    for sql in [
        "DELETE FROM esco_occupation_skills WHERE occupation_id IN (SELECT id FROM esco_occupations WHERE generation = $1)",
        "DELETE FROM esco_skill_broader WHERE skill_id IN (SELECT id FROM esco_skills WHERE generation = $1)",
        "DELETE FROM esco_skill_relations WHERE skill_id IN (SELECT id FROM esco_skills WHERE generation = $1)",
    ] {
        sqlx::query(sql)
            .bind(generation)
            .execute(&mut *conn)
            .await?;
    }
    let occupation_skills: Vec<(i64, i64, &str)> = data
        .occupation_skills
        .iter()
        .map(|&(o, s, r)| Ok((resolve(&occ, o)?, resolve(&skills, s)?, r)))
        .collect::<Result<_>>()?;
    insert_chunked(
        conn,
        "INSERT INTO esco_occupation_skills (occupation_id, skill_id, relation)",
        "",
        3,
        &occupation_skills,
        |q, (o, s, r)| q.bind(*o).bind(*s).bind(*r),
        &mut tick,
    )
    .await?;
    let broader: Vec<(i64, i64)> = data
        .skill_broader
        .iter()
        .map(|&(n, b)| Ok((resolve(&skills, n)?, resolve(&skills, b)?)))
        .collect::<Result<_>>()?;
    insert_chunked(
        conn,
        "INSERT INTO esco_skill_broader (skill_id, broader_id)",
        "",
        2,
        &broader,
        |q, (n, b)| q.bind(*n).bind(*b),
        &mut tick,
    )
    .await?;
    let related: Vec<(i64, i64, &str)> = data
        .skill_relations
        .iter()
        .map(|&(a, b, r)| Ok((resolve(&skills, a)?, resolve(&skills, b)?, r)))
        .collect::<Result<_>>()?;
    insert_chunked(
        conn,
        "INSERT INTO esco_skill_relations (skill_id, related_id, relation)",
        "",
        3,
        &related,
        |q, (a, b, r)| q.bind(*a).bind(*b).bind(*r),
        &mut tick,
    )
    .await?;

    Ok(ImportSummary {
        generation,
        occupations: data.occupations.len() as u64,
        skills: data.skills.len() as u64,
        labels: data.labels.len() as u64,
        relations: relations as u64,
    })
}

/// The current import generation (0 before the first import): one indexed read, cheap enough
/// to ask on every request that uses a cache derived from ESCO.
pub async fn generation(conn: &mut AnyConnection) -> Result<i64> {
    let (g,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM esco_imports")
        .fetch_one(conn)
        .await?;
    Ok(g)
}

#[derive(Debug, Clone, PartialEq)]
pub struct OccupationRow {
    pub id: i64,
    pub uri: String,
    pub isco_code: String,
    pub code: String,
    pub regulated: bool,
    pub generation: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SkillRow {
    pub id: i64,
    pub uri: String,
    pub skill_type: Option<String>,
    pub reuse_level: Option<String>,
    pub generation: i64,
}

/// `label_kind` of a local label ([`local_labels`]) in [`LabelRow`]: searched like ESCO's
/// alternative labels, shown where ESCO has no preferred label in the reader's language.
pub const LOCAL_LABEL_KIND: &str = "local";

#[derive(Debug, Clone, PartialEq)]
pub struct LabelRow {
    pub concept: Concept,
    pub concept_id: i64,
    pub lang: String,
    pub label_kind: String,
    pub label: String,
}

/// What the in-memory ESCO view is built from: the import generation and the local labels'
/// version. One read, asked before every use of the view.
pub async fn view_key(conn: &mut AnyConnection) -> Result<(i64, i64)> {
    let key: (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM esco_imports), \
                (SELECT version FROM esco_local_labels_version WHERE id = 1)",
    )
    .fetch_one(conn)
    .await?;
    Ok(key)
}

/// Everything in the ESCO tables, for building the in-memory search index and taxonomy.
#[derive(Debug, Clone, Default)]
pub struct EscoRows {
    pub generation: i64,
    /// The local labels' version these rows were read at.
    pub local_version: i64,
    pub occupations: Vec<OccupationRow>,
    pub skills: Vec<SkillRow>,
    pub labels: Vec<LabelRow>,
    /// (occupation id, skill id, relation)
    pub occupation_skills: Vec<(i64, i64, String)>,
    /// (skill id, broader skill id); skill groups included.
    pub skill_broader: Vec<(i64, i64)>,
    /// (skill id, related skill id, relation)
    pub skill_relations: Vec<(i64, i64, String)>,
}

/// Reads all ESCO tables (ordered by id) in one go; call inside a transaction for a consistent
/// snapshot.
pub async fn load_all(conn: &mut AnyConnection) -> Result<EscoRows> {
    let (generation, local_version) = view_key(conn).await?;
    let occupations = sqlx::query(
        "SELECT id, uri, isco_code, code, regulated, generation FROM esco_occupations ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(OccupationRow {
            id: r.try_get(0)?,
            uri: r.try_get(1)?,
            isco_code: r.try_get(2)?,
            code: r.try_get(3)?,
            regulated: flag(r.try_get(4)?),
            generation: r.try_get(5)?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let skills = sqlx::query(
        "SELECT id, uri, skill_type, reuse_level, generation FROM esco_skills ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(SkillRow {
            id: r.try_get(0)?,
            uri: r.try_get(1)?,
            skill_type: r.try_get(2)?,
            reuse_level: r.try_get(3)?,
            generation: r.try_get(4)?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let labels = sqlx::query(
        "SELECT concept, concept_id, lang, label_kind, label FROM esco_labels ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .filter_map(|r| {
        let concept: String = match r.try_get(0) {
            Ok(c) => c,
            Err(e) => return Some(Err(e.into())),
        };
        let concept = Concept::parse(&concept)?;
        Some((|| {
            Ok(LabelRow {
                concept,
                concept_id: r.try_get(1)?,
                lang: r.try_get(2)?,
                label_kind: r.try_get(3)?,
                label: r.try_get(4)?,
            })
        })())
    })
    .collect::<Result<Vec<_>>>()?;
    // Local labels follow ESCO's own, so a concept's ESCO labels come first in the view.
    let mut labels = labels;
    labels.extend(local_labels::load_rows(&mut *conn).await?);
    let occupation_skills = sqlx::query_as(
        "SELECT occupation_id, skill_id, relation FROM esco_occupation_skills ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let skill_broader =
        sqlx::query_as("SELECT skill_id, broader_id FROM esco_skill_broader ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    let skill_relations = sqlx::query_as(
        "SELECT skill_id, related_id, relation FROM esco_skill_relations ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(EscoRows {
        generation,
        local_version,
        occupations,
        skills,
        labels,
        occupation_skills,
        skill_broader,
        skill_relations,
    })
}

/// Row counts of the ESCO tables: occupations, skills, labels, occupation–skill relations,
/// broader relations, skill–skill relations.
pub async fn counts(conn: &mut AnyConnection) -> Result<[i64; 6]> {
    let mut out = [0i64; 6];
    for (i, table) in [
        "esco_occupations",
        "esco_skills",
        "esco_labels",
        "esco_occupation_skills",
        "esco_skill_broader",
        "esco_skill_relations",
    ]
    .iter()
    .enumerate()
    {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut *conn)
            .await?;
        out[i] = n;
    }
    Ok(out)
}

/// The id of the occupation with this URI.
pub async fn occupation_id(conn: &mut AnyConnection, uri: &str) -> Result<Option<i64>> {
    Ok(
        sqlx::query_as::<_, (i64,)>("SELECT id FROM esco_occupations WHERE uri = $1")
            .bind(uri)
            .fetch_optional(conn)
            .await?
            .map(|(id,)| id),
    )
}

/// The id of the skill with this URI.
pub async fn skill_id(conn: &mut AnyConnection, uri: &str) -> Result<Option<i64>> {
    Ok(
        sqlx::query_as::<_, (i64,)>("SELECT id FROM esco_skills WHERE uri = $1")
            .bind(uri)
            .fetch_optional(conn)
            .await?
            .map(|(id,)| id),
    )
}

/// The module's tables in the portable archive, parents before children (registered in
/// [`crate::archive::MODULE_TABLES`]).
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    // Skilled workers (migration 0002): ESCO, candidates, positions.
    TableSpec {
        name: "esco_imports",
        columns: &[
            ("id", Int),
            ("source", Text),
            ("languages", Text),
            ("occupations", Int),
            ("skills", Int),
            ("relations", Int),
            ("imported_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "esco_occupations",
        columns: &[
            ("id", Int),
            ("uri", Text),
            ("isco_code", Text),
            ("code", Text),
            ("regulated", Int),
            ("generation", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "esco_skills",
        columns: &[
            ("id", Int),
            ("uri", Text),
            ("skill_type", Text),
            ("reuse_level", Text),
            ("generation", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "esco_labels",
        columns: &[
            ("id", Int),
            ("concept", Text),
            ("concept_id", Int),
            ("lang", Text),
            ("label_kind", Text),
            ("label", Text),
        ],
        identity: true,
    },
    TableSpec {
        name: "esco_occupation_skills",
        columns: &[
            ("id", Int),
            ("occupation_id", Int),
            ("skill_id", Int),
            ("relation", Text),
        ],
        identity: true,
    },
    TableSpec {
        name: "esco_skill_broader",
        columns: &[("id", Int), ("skill_id", Int), ("broader_id", Int)],
        identity: true,
    },
    TableSpec {
        name: "esco_skill_relations",
        columns: &[
            ("id", Int),
            ("skill_id", Int),
            ("related_id", Int),
            ("relation", Text),
        ],
        identity: true,
    },
    // Migration 0029: staff's local labels, keyed by concept URI.
    TableSpec {
        name: "esco_local_labels",
        columns: &[
            ("id", Int),
            ("concept", Text),
            ("concept_uri", Text),
            ("lang", Text),
            ("label", Text),
            ("created_by", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
];
