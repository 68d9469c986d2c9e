//! Counts kept per version of the tables they count.
//!
//! A list's total and a dashboard card's figure are `SELECT COUNT(*) FROM …` over the whole
//! table or most of it, and a count is work per row on both databases: on the ×100 data
//! (20,000 candidates) the count of the candidates an employer may see took 1.3 ms on SQLite,
//! the staff's count of all candidates 1.1 ms on PostgreSQL — most of what the dashboards and
//! the candidates list cost (BENCHMARKS.md, eleventh session). The same count is asked again
//! and again while nothing changes.
//!
//! So [`count_where`](crate::count_where) keeps the count of a `FROM … WHERE …` text and its
//! parameters together with the version of the counted tables, and answers from it while the
//! version is unchanged. The version lives in the database (`count_version`, migration 0035):
//! triggers give it a new random value whenever a counted table ([`COUNTED`]) changes, so a
//! change by any instance or any writer (the demo, an archive import) shows on the next count
//! anywhere. A text that names any other table (the ever-growing audit log) is counted each
//! time. Nothing here is needed by another instance: the kept counts are a copy that the
//! database's version validates.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use sqlx::AnyConnection;

use crate::{Arg, DbKind, Result};

/// How many counts are kept at most; when full, all are dropped (the next views count again).
const KEEP: usize = 2_000;

/// What is kept: a count, or the ids a `SELECT` of one column gives (the occupations the
/// positions list offers as a filter, [`crate::ids_where`]).
#[derive(Clone)]
pub(crate) enum Figure {
    Count(i64),
    Ids(Arc<[i64]>),
}

/// One kept figure and the version it was read at.
struct Kept {
    version: i64,
    figure: Figure,
}

/// Keyed by the database's identity (its random `instance` version, so two databases served by
/// one process — as in the tests — never share a count), the text (`FROM … WHERE …` for a
/// count, the whole `SELECT` for ids) and its parameters.
type Key = (i64, String, Vec<String>);

fn store() -> &'static Mutex<HashMap<Key, Kept>> {
    static KEPT: OnceLock<Mutex<HashMap<Key, Kept>>> = OnceLock::new();
    KEPT.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The tables a `FROM … WHERE …` text reads: every name after `FROM` or `JOIN`, subqueries
/// included, lower case, each once in order of first appearance. A name that is not a table
/// (a derived table's alias after `FROM (`, a common table expression) simply has no version,
/// which makes the text uncacheable: the parse can only make a count uncached, never wrong.
pub(crate) fn tables_of(from_where: &str) -> Vec<String> {
    let words: Vec<&str> = from_where
        .split(|c: char| c.is_whitespace() || c == ',' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for pair in words.windows(2) {
        let keyword = pair[0].to_ascii_uppercase();
        if keyword != "FROM" && keyword != "JOIN" {
            continue;
        }
        let name = pair[1].to_ascii_lowercase();
        // `FROM (SELECT …`: not a name; the inner FROM is found on its own.
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The tables whose changes move `count_version` (migrations 0035 and 0036; a test compares them with
/// the triggers in the database). A count over any other table is not kept.
pub const COUNTED: &[&str] = &[
    "candidates",
    "candidate_employer_consents",
    "candidate_languages",
    "positions",
    "placements",
    "placement_due",
    "placement_checklist",
    "programmes",
    "organisations",
    "organisation_names",
    "organisation_search_keys",
    "users",
    "network_contacts",
    "network_affiliations",
    "network_approaches",
    "network_partner_companies",
    "network_partner_scopes",
    "erasure_requests",
];

/// The counted tables' version and the database's identity, or `None` while the connection's
/// transaction has written and not committed (on PostgreSQL the version changes at commit, so
/// until then it still names the data before the change; on SQLite the trigger changes it at
/// once, so what such a transaction counts is kept under a value no other data will have).
async fn version(conn: &mut AnyConnection) -> Result<Option<(i64, i64)>> {
    let sql = match DbKind::of(conn) {
        DbKind::Sqlite => "SELECT version, instance, 0 FROM count_version WHERE id = 1",
        DbKind::Postgres => {
            "SELECT version, instance, \
             CAST(CASE WHEN pg_current_xact_id_if_assigned() IS NULL THEN 0 ELSE 1 END AS BIGINT) \
             FROM count_version WHERE id = 1"
        }
    };
    let (version, instance, wrote): (i64, i64, i64) =
        sqlx::query_as(sql).fetch_one(&mut *conn).await?;
    Ok((wrote == 0).then_some((instance, version)))
}

fn arg_key(args: &[Arg]) -> Vec<String> {
    args.iter()
        .map(|a| match a {
            Arg::Int(None) => "n".to_owned(),
            Arg::Int(Some(v)) => format!("i{v}"),
            Arg::Text(t) => format!("t{t}"),
        })
        .collect()
}

/// Where a count is kept: its key and the version it is valid for.
pub(crate) struct Slot {
    key: Key,
    version: i64,
}

/// The kept figure of `from_where` with `args` if the counted tables' version is unchanged
/// (`Ok(Ok(figure))`); otherwise where to keep it once counted (`Ok(Err(Some(slot)))`), or
/// `Ok(Err(None))` when such a count is not kept (a table that is not counted, a transaction
/// that wrote). The version is read before the caller counts, so what is kept is at least as
/// new as the version it is kept under (a change in between only makes the next view count
/// once more).
pub(crate) async fn kept(
    conn: &mut AnyConnection,
    from_where: &str,
    args: &[Arg],
) -> Result<std::result::Result<Figure, Option<Slot>>> {
    let tables = tables_of(from_where);
    if tables.is_empty() || !tables.iter().all(|t| COUNTED.contains(&t.as_str())) {
        return Ok(Err(None));
    }
    let Some((instance, version)) = version(conn).await? else {
        return Ok(Err(None));
    };
    let key: Key = (instance, from_where.to_owned(), arg_key(args));
    let all = store()
        .lock()
        .expect("the kept counts' lock is never held across a panic");
    Ok(match all.get(&key) {
        Some(k) if k.version == version => Ok(k.figure.clone()),
        _ => Err(Some(Slot { key, version })),
    })
}

/// Keeps a figure in its slot.
pub(crate) fn keep(slot: Slot, figure: Figure) {
    let mut all = store()
        .lock()
        .expect("the kept counts' lock is never held across a panic");
    if all.len() >= KEEP {
        all.clear();
    }
    all.insert(
        slot.key,
        Kept {
            version: slot.version,
            figure,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::tables_of;

    #[test]
    fn the_tables_of_a_text_include_joins_and_subqueries() {
        assert_eq!(
            tables_of(
                "FROM candidates WHERE (consent_share_employers = 1 OR id IN (SELECT candidate_id FROM candidate_employer_consents WHERE org_id = $1))"
            ),
            ["candidates", "candidate_employer_consents"]
        );
        assert_eq!(
            tables_of(
                "FROM positions p JOIN organisations o ON o.id = p.org_id WHERE p.is_open = 1"
            ),
            ["positions", "organisations"]
        );
        assert_eq!(
            tables_of("from users u left join organisations o on o.id = u.org_id"),
            ["users", "organisations"]
        );
        // A derived table: its inner tables are named, the alias is not a table.
        assert_eq!(
            tables_of("FROM (SELECT d.placement_id FROM placement_due d) x"),
            ["placement_due"]
        );
    }
}
