//! The portable archive carries every table unchanged from either backend to either backend.
//!
//! The rows are generated from `archive::tables()` (every module's `ARCHIVE_TABLES`) and the schema itself, so a table added later is
//! covered without touching this file: every nullable column is NULL in odd rows and filled in
//! even rows (NULLs followed by values and values followed by NULLs), floats use their full
//! precision (random bit patterns and awkward constants), texts are long (> 64 KiB), multilingual
//! and full of characters that need escaping, bytes cover every octet.

use std::collections::HashMap;

use standort_store::archive::{self, ColType};
use standort_store::testing::TestDb;
use standort_store::{Db, DbKind, both_backends};

/// Rows per table: enough random floats that an inexact float parser is caught for certain.
const ROWS: i64 = 48;

/// Rows of a table: [`ROWS`], but one for a one-row table (the audit chain's head, whose key is
/// checked to be 1).
fn rows_of(table: &str) -> i64 {
    if table == "audit_chain" { 1 } else { ROWS }
}

/// Nullable columns that a trigger nevertheless requires on insert: audit entries must arrive
/// with their chain hashes (migration 0010). Their values here are no valid chain; the chain's
/// own round trip is tested in `audit_chain.rs`.
const FILLED_BY_TRIGGER: &[(&str, &str)] =
    &[("audit_log", "prev_hash"), ("audit_log", "entry_hash")];

/// Integer columns a CHECK constraint bounds, with the range their values are generated in
/// (opening hours: a day's minute, opening before closing). A new CHECK shows up here as a
/// failure to generate a row, naming the table.
const CHECKED_RANGES: &[(&str, &str, i64, i64)] = &[
    ("showcase_hours", "weekday", 0, 6),
    ("showcase_hours", "opens_min", 0, 719),
    ("showcase_hours", "closes_min", 720, 1440),
    ("showcase_markets", "weekday", 0, 6),
];

fn checked_range(table: &str, column: &str) -> Option<(i64, i64)> {
    CHECKED_RANGES
        .iter()
        .find(|(t, c, _, _)| *t == table && *c == column)
        .map(|(_, _, lo, hi)| (*lo, *hi))
}

/// The row that carries the long text and the long byte string.
const LONG_ROW: i64 = 2;

/// What the table spec does not say about a column.
#[derive(Debug, Clone, Copy)]
struct ColumnFacts {
    nullable: bool,
    /// References another row: generated rows point at the parent row with the same key.
    foreign_key: bool,
}

/// Nullability and foreign keys of every archived column, read from SQLite's catalogue (the
/// PostgreSQL migrations mirror the SQLite ones; `schema_matches_archive_spec` keeps the column
/// lists in step).
async fn column_facts() -> HashMap<(&'static str, &'static str), ColumnFacts> {
    let catalogue = TestDb::new(DbKind::Sqlite).await.unwrap();
    let mut facts = HashMap::new();
    for table in archive::tables() {
        let not_null: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT name, \"notnull\" FROM pragma_table_info('{}')",
            table.name
        ))
        .fetch_all(catalogue.db.pool())
        .await
        .unwrap();
        let references: Vec<(String,)> = sqlx::query_as(&format!(
            "SELECT \"from\" FROM pragma_foreign_key_list('{}')",
            table.name
        ))
        .fetch_all(catalogue.db.pool())
        .await
        .unwrap();
        for (index, (column, _)) in table.columns.iter().enumerate() {
            let declared_not_null = not_null
                .iter()
                .any(|(name, flag)| name == column && *flag == 1);
            facts.insert(
                (table.name, *column),
                ColumnFacts {
                    // The key is never NULL, whatever the catalogue says of INTEGER PRIMARY KEY.
                    nullable: index > 0 && !declared_not_null,
                    foreign_key: references.iter().any(|(name,)| name == column),
                },
            );
        }
    }
    facts
}

/// SplitMix64: a fixed, well-spread sequence of 64-bit patterns.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Floats that printing or parsing in fewer than 17 significant digits gets wrong, the extremes,
/// and figures as a projection produces them.
fn awkward_floats() -> Vec<f64> {
    vec![
        0.1 + 0.2,
        1e-300,
        5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        -f64::MAX,
        1.0 / 3.0,
        2.0 / 3.0,
        std::f64::consts::PI * 1e4,
        -2.5e-8,
        0.0,
        1.0,
        0.25,
        9_007_199_254_740_993.0,
        // A median and band of a stochastic projection of a canton's population.
        712_345.678_901_234_5,
        709_876.123_456_789_1,
        0.012_345_678_901_234_567,
    ]
}

fn float_value(table_index: usize, column_index: usize, row: i64) -> f64 {
    let awkward = awkward_floats();
    let slot = (row as usize + column_index) % (awkward.len() * 2);
    if slot < awkward.len() {
        return awkward[slot];
    }
    // Any finite double, spread over every exponent.
    let mut seed = ((table_index as u64) << 40) ^ ((column_index as u64) << 20) ^ row as u64;
    loop {
        let candidate = f64::from_bits(mix(seed));
        if candidate.is_finite() {
            return candidate;
        }
        seed = seed.wrapping_add(1);
    }
}

fn int_value(column_index: usize, row: i64) -> i64 {
    let choices = [
        row,
        -row,
        1_764_547_200 + row,
        i64::MAX - row,
        i64::MIN + row,
        9_007_199_254_740_993 + row,
    ];
    choices[(row as usize + column_index) % choices.len()]
}

fn text_value(column_index: usize, row: i64) -> String {
    let samples = [
        "Nguyễn Thị Hương",
        "Städtisches Klinikum Zürich – «Pflege & Ausbildung» 🏥👩‍⚕️",
        "O'Brien \"quoted\" \\ back\\slash / slash; DROP TABLE users;--",
        "line\nbreak\ttab\r\u{1}\u{1f}\u{7f}\u{2028}",
        "עברית \u{202e}rtl\u{202c} العربية 中文 日本語",
        "{\"json\":[1,2.5,null,\"x\"],\"nested\":{\"a\":true}}",
    ];
    let sample = samples[(row as usize + column_index) % samples.len()];
    if row == LONG_ROW {
        // Far past 64 KiB, where a length prefix of 16 bits would break.
        let long = sample.repeat(70_000 / sample.len() + 1);
        format!("{long} #{row}")
    } else {
        // The row number keeps UNIQUE columns unique.
        format!("{sample} #{row}")
    }
}

fn bytes_value(row: i64) -> Vec<u8> {
    let len = if row == LONG_ROW {
        70_001
    } else {
        256 + row as usize
    };
    (0..len).map(|i| (i as i64 * 7 + row) as u8).collect()
}

/// Fills every table of the archive with [`rows_of`] rows, keys 1, 2, …. A foreign key of row `n`
/// points at row `n` of its parent, which exists because tables are filled parents first.
async fn fill_every_table(db: &Db) {
    let facts = column_facts().await;
    let mut tx = db.begin().await.unwrap();
    for (table_index, table) in archive::tables().enumerate() {
        for row in 1..=rows_of(table.name) {
            let mut placeholders = Vec::new();
            let mut query_values: Vec<Option<Generated>> = Vec::new();
            for (column_index, (column, ty)) in table.columns.iter().enumerate() {
                let fact = facts[&(table.name, *column)];
                let required = FILLED_BY_TRIGGER.contains(&(table.name, *column));
                if fact.nullable && !required && row % 2 == 1 {
                    // A NULL literal: this generator must not depend on how NULL parameters
                    // are typed, which is what the archive import is tested for.
                    placeholders.push("NULL".to_owned());
                    query_values.push(None);
                    continue;
                }
                placeholders.push(format!("${}", query_values.iter().flatten().count() + 1));
                query_values.push(Some(match ty {
                    ColType::Int if column_index == 0 || fact.foreign_key => Generated::Int(row),
                    ColType::Int => match checked_range(table.name, column) {
                        // Both ends of the range and the values between.
                        Some((lo, hi)) => Generated::Int(lo + (row * 37).rem_euclid(hi - lo + 1)),
                        None => Generated::Int(int_value(column_index, row)),
                    },
                    ColType::Real => Generated::Real(float_value(table_index, column_index, row)),
                    ColType::Text => Generated::Text(text_value(column_index, row)),
                    ColType::Bytes => Generated::Bytes(bytes_value(row)),
                }));
            }
            let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({})",
                table.name,
                columns.join(", "),
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for value in query_values.into_iter().flatten() {
                query = match value {
                    Generated::Int(v) => query.bind(v),
                    Generated::Real(v) => query.bind(v),
                    Generated::Text(v) => query.bind(v),
                    Generated::Bytes(v) => query.bind(v),
                };
            }
            query
                .execute(&mut *tx)
                .await
                .unwrap_or_else(|e| panic!("generating row {row} of {}: {e}", table.name));
        }
    }
    tx.commit().await.unwrap();
}

enum Generated {
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

async fn export(db: &Db) -> String {
    let mut out = Vec::new();
    let summary = archive::export(db, &mut out).await.unwrap();
    for (table, rows) in &summary.tables {
        assert_eq!(
            *rows,
            rows_of(table) as u64,
            "rows of {table} in the archive"
        );
    }
    String::from_utf8(out).unwrap()
}

/// Byte equality, reported as the first differing line (shortened) and the number of
/// differing lines rather than megabytes of text.
fn assert_same_archive(expected: &str, actual: &str, what: &str) {
    if expected == actual {
        return;
    }
    let shorten = |l: &str| l.chars().take(400).collect::<String>();
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let differing = expected_lines
        .iter()
        .zip(&actual_lines)
        .filter(|(a, b)| a != b)
        .count();
    let (line, (a, b)) = expected_lines
        .iter()
        .zip(&actual_lines)
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| (i + 1, (shorten(a), shorten(b))))
        .unwrap_or((0, (String::new(), String::new())));
    panic!(
        "{what}: the archives differ in {differing} lines ({} vs {} lines); first at line {line}:\n  expected {a}\n  actual   {b}",
        expected_lines.len(),
        actual_lines.len()
    );
}

/// Every float column holds the same bits in both databases (the archives could otherwise agree
/// with each other and still both differ from the data).
async fn assert_same_floats(source: &Db, target: &Db) {
    for table in archive::tables() {
        for (column, ty) in table.columns {
            if *ty != ColType::Real {
                continue;
            }
            let sql = format!(
                "SELECT {column} FROM {} ORDER BY {}",
                table.name, table.columns[0].0
            );
            let bits = |rows: Vec<(Option<f64>,)>| -> Vec<Option<u64>> {
                rows.into_iter().map(|(v,)| v.map(f64::to_bits)).collect()
            };
            let from = bits(sqlx::query_as(&sql).fetch_all(source.pool()).await.unwrap());
            let to = bits(sqlx::query_as(&sql).fetch_all(target.pool()).await.unwrap());
            assert_eq!(from, to, "{}.{column}", table.name);
        }
    }
}

both_backends!(
    archive_carries_every_table_to_either_backend_unchanged,
    |db: Db| async move {
        fill_every_table(&db).await;
        let first = export(&db).await;
        for target_kind in [DbKind::Sqlite, DbKind::Postgres] {
            let Some(target) = TestDb::new(target_kind).await else {
                continue;
            };
            let what = format!("{:?} -> {target_kind:?}", db.kind());
            archive::import(&target.db, first.as_bytes())
                .await
                .unwrap_or_else(|e| panic!("{what}: import failed: {e}"));
            let second = export(&target.db).await;
            assert_same_archive(&first, &second, &what);
            assert_same_floats(&db, &target.db).await;
        }
    }
);

both_backends!(
    export_refuses_a_float_json_cannot_hold,
    |db: Db| async move {
        sqlx::query("INSERT INTO jobs (id, kind, state, payload, progress, created_at, updated_at) VALUES (7, 'x', 'done', '{}', $1, 1, 2)")
            .bind(f64::INFINITY)
            .execute(db.pool())
            .await
            .unwrap();
        // Written as null it would vanish, and the NOT NULL column would refuse the import.
        let err = archive::export(&db, &mut Vec::new()).await.unwrap_err();
        assert!(
            err.to_string()
                .contains("jobs.progress holds inf in the row with id 7"),
            "{err}"
        );
    }
);
