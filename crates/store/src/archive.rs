//! The portable archive: the whole database as versioned JSON lines, identical whichever
//! backend wrote it. This is how an installation moves from SQLite to PostgreSQL.
//!
//! Layout: a header line `{"format":"standort-archive","version":1,"schema_version":N,"tables":[…]}`,
//! then one line per row `{"t":"users","r":[…values in column order…]}` in table order (parents
//! before children) and primary-key order, then `{"end":true,"rows":TOTAL}` so that a truncated
//! file is recognised. Values are JSON: NULL as `null`, integers as numbers, floats in the shortest
//! form that reads back to the same bits (serde_json's `float_roundtrip` makes the reading exact),
//! texts as strings, bytes as base64 strings. Sessions and login-throttle counters are not carried
//! over: they are short-lived and bound to the old installation.

use std::io::{BufRead, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};
use sqlx::Row;

use crate::{Db, DbKind, Result, StoreError};

pub const FORMAT: &str = "standort-archive";
pub const VERSION: i64 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Int,
    Real,
    Text,
    /// Bytes (BLOB / BYTEA), written to the archive as standard base64 text.
    Bytes,
}

#[derive(Debug)]
pub struct TableSpec {
    pub name: &'static str,
    /// Columns in archive order; the first is the primary key.
    pub columns: &'static [(&'static str, ColType)],
    /// Whether the key is a generated identity whose sequence must be moved past imported rows.
    pub identity: bool,
}

use ColType::{Bytes, Int, Real, Text};

/// The platform's own tables: organisations, accounts, tokens, the audit log and its chain head,
/// jobs.
const PLATFORM_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "organisations",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("kind", Text),
            ("country", Text),
            ("created_at", Int),
            // Migration 0014: the partner network's facts.
            ("sector", Text),
            ("clusters", Text),
            ("employees", Int),
            ("website", Text),
            ("address", Text),
        ],
        identity: true,
    },
    // Migration 0014: further names and links between organisations (their search keys are
    // derived: not archived, rebuilt by `import`).
    TableSpec {
        name: "organisation_names",
        columns: &[("id", Int), ("org_id", Int), ("name", Text), ("lang", Text)],
        identity: true,
    },
    TableSpec {
        name: "organisation_links",
        columns: &[
            ("id", Int),
            ("from_org_id", Int),
            ("to_org_id", Int),
            ("kind", Text),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "users",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("email", Text),
            ("display_name", Text),
            ("role", Text),
            ("password_hash", Text),
            ("language", Text),
            ("disabled", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "api_tokens",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("name", Text),
            ("token_hash", Text),
            ("created_at", Int),
            ("revoked_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "audit_log",
        columns: &[
            ("id", Int),
            ("at", Int),
            ("actor_user_id", Int),
            ("actor_label", Text),
            ("action", Text),
            ("entity", Text),
            ("entity_id", Text),
            ("org_id", Int),
            ("before_json", Text),
            ("after_json", Text),
            ("client_ip", Text),
            // Migration 0010: the hash chain, carried over as it is so it stays valid.
            ("prev_hash", Text),
            ("entry_hash", Text),
        ],
        identity: true,
    },
    TableSpec {
        name: "audit_chain",
        columns: &[
            ("id", Int),
            ("last_id", Int),
            ("last_hash", Text),
            ("entries", Int),
        ],
        identity: false,
    },
    TableSpec {
        name: "jobs",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("state", Text),
            ("payload", Text),
            ("progress", Real),
            ("message", Text),
            ("created_by", Int),
            ("created_at", Int),
            ("updated_at", Int),
        ],
        identity: true,
    },
];

/// The archive's registry: every module's tables (`ARCHIVE_TABLES` beside its queries), one line
/// per module, in an order where a module comes after those its tables refer to; within a
/// module, parents come before children. A conformance test compares the whole with the live
/// schema of both backends, so a table added without an entry fails the tests.
pub const MODULE_TABLES: &[&[TableSpec]] = &[
    PLATFORM_TABLES,
    crate::esco::ARCHIVE_TABLES,
    crate::recruitment::ARCHIVE_TABLES,
    crate::portal::ARCHIVE_TABLES,
    crate::demography::ARCHIVE_TABLES,
    crate::placements::ARCHIVE_TABLES,
    crate::procurement::ARCHIVE_TABLES,
    crate::network::ARCHIVE_TABLES,
    crate::accounts::ARCHIVE_TABLES,
    crate::notifications::ARCHIVE_TABLES,
    crate::showcase::ARCHIVE_TABLES,
];

/// Every persistent table in archive order (parents before children).
pub fn tables() -> impl Iterator<Item = &'static TableSpec> {
    MODULE_TABLES.iter().flat_map(|module| module.iter())
}

/// Tables deliberately left out of the archive.
pub const EPHEMERAL_TABLES: &[&str] = &[
    "sessions",
    "login_attempts",
    "recruitment_state",
    "recruitment_changes",
    "leases",
    // One-hour password-reset links (migration 0017).
    "password_resets",
    // Derived from the organisations' names; `import` rebuilds them.
    "organisation_search_keys",
    // Derived from the stock ledger; `import` rebuilds them.
    "procurement_lot_stock",
    "procurement_daily_use",
    // Derived from the population cells; `import` rebuilds them.
    "demography_yearly_totals",
    // A counter moved by the showcase tables' triggers (migration 0027).
    "showcase_catalogue_version",
    // A counter moved by the supply figures' tables' triggers (migration 0028).
    "procurement_supply_version",
    // A counter moved by the local ESCO labels' triggers (migration 0029).
    "esco_local_labels_version",
    // The counted tables' version, moved by their triggers (migration 0035).
    "count_version",
];

/// One non-NULL value of an archive row, typed after its column.
enum Param {
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

/// What an export or import moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArchiveSummary {
    pub rows: u64,
    pub tables: Vec<(&'static str, u64)>,
}

fn archive_err(msg: impl Into<String>) -> StoreError {
    StoreError::Archive(msg.into())
}

fn header(schema_version: i64) -> Value {
    json!({
        "format": FORMAT,
        "version": VERSION,
        "schema_version": schema_version,
        "tables": tables().map(|t| json!({
            "name": t.name,
            "columns": t.columns.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// Writes the whole database to `out`.
pub async fn export(db: &Db, out: &mut impl Write) -> Result<ArchiveSummary> {
    let io = |e: std::io::Error| archive_err(format!("cannot write archive: {e}"));
    let schema_version = db.database_schema_version().await?;
    writeln!(out, "{}", header(schema_version)).map_err(io)?;
    let mut conn = db.conn().await?;
    // One read transaction so the archive is a consistent snapshot. On PostgreSQL only with
    // REPEATABLE READ: under the default READ COMMITTED every SELECT sees a new snapshot, and
    // an archive taken while the application runs could hold an audit chain head ahead of the
    // log it read earlier (or children without their parents).
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    if db.kind() == DbKind::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let mut summary = ArchiveSummary::default();
    for table in tables() {
        let cols: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            cols.join(", "),
            table.name,
            cols[0]
        );
        let rows = sqlx::query(&sql).fetch_all(&mut *tx).await?;
        for row in &rows {
            let mut values = Vec::with_capacity(cols.len());
            for (i, (_, ty)) in table.columns.iter().enumerate() {
                let v = match ty {
                    Int => row.try_get::<Option<i64>, _>(i)?.map(Value::from),
                    Real => match row.try_get::<Option<f64>, _>(i)? {
                        // JSON has no NaN or infinity; `Value::from` would silently write null.
                        Some(f) if !f.is_finite() => {
                            return Err(archive_err(format!(
                                "{}.{} holds {f} in the row with {} {}, which the archive cannot represent; correct it and export again",
                                table.name,
                                table.columns[i].0,
                                cols[0],
                                row.try_get::<i64, _>(0)?
                            )));
                        }
                        // serde_json writes the shortest form that reads back to the same bits.
                        f => f.map(Value::from),
                    },
                    Text => row.try_get::<Option<String>, _>(i)?.map(Value::from),
                    Bytes => row
                        .try_get::<Option<Vec<u8>>, _>(i)?
                        .map(|b| Value::from(BASE64.encode(b))),
                };
                values.push(v.unwrap_or(Value::Null));
            }
            writeln!(out, "{}", json!({"t": table.name, "r": values})).map_err(io)?;
        }
        summary.rows += rows.len() as u64;
        summary.tables.push((table.name, rows.len() as u64));
    }
    tx.commit().await?;
    writeln!(out, "{}", json!({"end": true, "rows": summary.rows})).map_err(io)?;
    out.flush().map_err(io)?;
    Ok(summary)
}

/// Restores an archive into an empty, migrated database. All or nothing: any error rolls back
/// every row, and the message names the archive line.
pub async fn import(db: &Db, input: impl BufRead) -> Result<ArchiveSummary> {
    let mut lines = input.lines().enumerate().map(|(i, l)| (i + 1, l));
    let (_, first) = lines
        .next()
        .ok_or_else(|| archive_err("the archive is empty"))?;
    let first = first.map_err(|e| archive_err(format!("line 1: {e}")))?;
    let head: Value = serde_json::from_str(&first)
        .map_err(|e| archive_err(format!("line 1: not a Standort archive header ({e})")))?;
    if head["format"] != FORMAT {
        return Err(archive_err(
            "line 1: not a Standort archive (format field missing or different)",
        ));
    }
    if head["version"] != VERSION {
        return Err(archive_err(format!(
            "line 1: archive format version {} is not supported (this program reads version {VERSION})",
            head["version"]
        )));
    }
    let program = db.program_schema_version();
    if head["schema_version"] != program {
        return Err(archive_err(format!(
            "line 1: the archive was written at schema version {}, this program is at {program}; use the Standort version that wrote it",
            head["schema_version"]
        )));
    }

    for table in tables() {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {}", table.name))
            .fetch_one(db.pool())
            .await?;
        if n > 0 {
            return Err(archive_err(format!(
                "the target database is not empty (table {} has {n} rows); import into a new database",
                table.name
            )));
        }
    }

    let mut tx = db.begin().await?;
    let mut summary = ArchiveSummary {
        rows: 0,
        tables: tables().map(|t| (t.name, 0)).collect(),
    };
    let mut ended = false;
    for (line_no, line) in lines {
        let line = line.map_err(|e| archive_err(format!("line {line_no}: {e}")))?;
        if ended {
            if line.trim().is_empty() {
                continue;
            }
            return Err(archive_err(format!(
                "line {line_no}: data after the end marker"
            )));
        }
        let at = |msg: String| archive_err(format!("line {line_no}: {msg}"));
        let value: Value =
            serde_json::from_str(&line).map_err(|e| at(format!("invalid JSON ({e})")))?;
        if value["end"] == true {
            if value["rows"] != summary.rows {
                return Err(at(format!(
                    "end marker says {} rows, the archive holds {}",
                    value["rows"], summary.rows
                )));
            }
            ended = true;
            continue;
        }
        let name = value["t"]
            .as_str()
            .ok_or_else(|| at("missing table name".into()))?;
        let (index, table) = tables()
            .enumerate()
            .find(|(_, t)| t.name == name)
            .ok_or_else(|| at(format!("unknown table {name:?}")))?;
        let values = value["r"]
            .as_array()
            .ok_or_else(|| at("missing row values".into()))?;
        if values.len() != table.columns.len() {
            return Err(at(format!(
                "table {name} has {} columns, the row has {}",
                table.columns.len(),
                values.len()
            )));
        }
        // A NULL is written into the statement as a literal, never bound as a parameter. Through
        // sqlx's Any driver a NULL parameter carries a type of its own (sqlx 0.8 even turns a
        // NULL `f64` into a `float4` one); PostgreSQL prepares the statement once with the types
        // of the first row and then refuses a later row that binds a value of another type in
        // that place ("incorrect binary data format in bind parameter N"). With literals each
        // pattern of NULLs is its own statement and every parameter has its column's type.
        let mut placeholders = Vec::with_capacity(values.len());
        let mut query_values = Vec::with_capacity(values.len());
        for ((col, ty), v) in table.columns.iter().zip(values) {
            if v.is_null() {
                placeholders.push("NULL".to_owned());
                continue;
            }
            placeholders.push(format!("${}", query_values.len() + 1));
            let bad = || at(format!("column {name}.{col}: unexpected value {v}"));
            query_values.push(match ty {
                Int => Param::Int(v.as_i64().ok_or_else(bad)?),
                Real => Param::Real(v.as_f64().ok_or_else(bad)?),
                Text => Param::Text(v.as_str().ok_or_else(bad)?.to_owned()),
                Bytes => Param::Bytes(
                    v.as_str()
                        .and_then(|t| BASE64.decode(t).ok())
                        .ok_or_else(bad)?,
                ),
            });
        }
        let cols: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            name,
            cols.join(", "),
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for value in query_values {
            query = match value {
                Param::Int(v) => query.bind(v),
                Param::Real(v) => query.bind(v),
                Param::Text(v) => query.bind(v),
                Param::Bytes(v) => query.bind(v),
            };
        }
        query
            .execute(&mut *tx)
            .await
            .map_err(|e| at(format!("cannot insert into {name}: {e}")))?;
        summary.rows += 1;
        summary.tables[index].1 += 1;
    }
    if !ended {
        return Err(archive_err(
            "the archive is truncated (no end marker); nothing was imported",
        ));
    }
    crate::orgs::rebuild_search_keys(&mut tx).await?;
    crate::procurement::rebuild_stock_summaries(&mut tx).await?;
    crate::demography::rebuild_population_totals(&mut tx).await?;
    if db.kind() == DbKind::Postgres {
        // Move identity sequences past the imported keys so new rows do not collide.
        for table in tables().filter(|t| t.identity) {
            let key = table.columns[0].0;
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{0}', '{key}'), COALESCE((SELECT MAX({key}) FROM {0}), 0) + 1, false)",
                table.name
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(summary)
}

/// Lists the differences between [`tables`] plus [`EPHEMERAL_TABLES`] and the live schema;
/// empty when they agree.
pub async fn schema_drift(db: &Db) -> Result<Vec<String>> {
    let tables_sql = match db.kind() {
        DbKind::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name"
        }
        DbKind::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = current_schema() \
             AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations' ORDER BY table_name"
        }
    };
    let live: Vec<(String,)> = sqlx::query_as(tables_sql).fetch_all(db.pool()).await?;
    let mut drift = Vec::new();
    for (name,) in &live {
        let known = tables().any(|t| t.name == name) || EPHEMERAL_TABLES.contains(&name.as_str());
        if !known {
            drift.push(format!(
                "table {name} is not listed in an ARCHIVE_TABLES of archive::MODULE_TABLES"
            ));
        }
    }
    for table in tables() {
        let cols_sql = match db.kind() {
            DbKind::Sqlite => format!(
                "SELECT name FROM pragma_table_info('{}') ORDER BY cid",
                table.name
            ),
            DbKind::Postgres => format!(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns WHERE table_schema = current_schema() \
                 AND table_name = '{}' ORDER BY ordinal_position",
                table.name
            ),
        };
        let live_cols: Vec<(String,)> = sqlx::query_as(&cols_sql).fetch_all(db.pool()).await?;
        let live_cols: Vec<&str> = live_cols.iter().map(|(c,)| c.as_str()).collect();
        let spec_cols: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
        if live_cols != spec_cols {
            drift.push(format!(
                "table {}: live columns {live_cols:?}, archive spec {spec_cols:?}",
                table.name
            ));
        }
    }
    Ok(drift)
}
