//! The import of organisations, people (contacts with their positions) and approaches from a
//! table — CSV (comma or semicolon, UTF-8, with or without byte-order mark, as Excel saves
//! "CSV UTF-8") or the first worksheet of an XLSX workbook, read by the demography import's
//! sheet reader — all or nothing: every line is checked by the rules of the forms before
//! anything is written, and every problem is reported with its line (the header is line 1,
//! as a spreadsheet numbers it) and column; one problem and nothing is written. Columns are
//! documented in `docs/network.md`.
//!
//! Duplicates are not created: a line that matches a record already there (or an earlier line
//! of the file) is linked to it and reported — an organisation by its name without case,
//! diacritics and legal form (any of its names) or its web domain, a person by e-mail address
//! or by name at the same organisation, an approach by company, day, channel and topic.
//! People and approaches name their organisation; it must be in the registry (or the file is
//! refused with that line).

use std::collections::HashMap;

use serde::Serialize;
use serde_json::json;
use standort_domain::dedup::{email_key, org_name_key, person_name_key, web_domain};
use standort_domain::network::{Channel, LegalBasis};
use standort_domain::{OrgId, OrgKind, OrgName, ValidationError};
use standort_store::network::{self as store, ApproachData, ContactData};
use standort_store::orgs::{self, NewOrganisation, OrgProfile};
use standort_store::{AnyConnection, audit};

use super::ContactInput;
use crate::demography::parse::read_sheet;
use crate::organisations::{OrgProfileInput, parse_country, parse_lang_tag};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// At most this many data lines in one file.
pub const MAX_ROWS: usize = 100_000;
/// At most this many problems are listed (the rest are counted).
pub const MAX_ISSUES: usize = 200;

/// What a file holds: one kind of record per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Organisations,
    People,
    Approaches,
}

impl ImportKind {
    pub const ALL: [ImportKind; 3] = [
        ImportKind::Organisations,
        ImportKind::People,
        ImportKind::Approaches,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Organisations => "organisations",
            ImportKind::People => "people",
            ImportKind::Approaches => "approaches",
        }
    }

    pub fn parse(s: &str) -> Option<ImportKind> {
        ImportKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// The columns of the kind: the name written in the sample files first, then the other
    /// spellings accepted (German headings as staff type them). `name:<lang>` columns of
    /// organisations (further names) come on top.
    pub fn columns(self) -> &'static [&'static [&'static str]] {
        match self {
            ImportKind::Organisations => &[
                &["name", "organisation", "firma", "unternehmen"],
                &["kind", "art"],
                &["country", "land"],
                &["sector", "branche", "wz", "nace"],
                &["clusters", "cluster"],
                &["employees", "beschäftigte", "mitarbeiter"],
                &["website", "webseite", "internet"],
                &["address", "adresse", "anschrift"],
            ],
            ImportKind::People => &[
                &["family_name", "nachname", "familienname"],
                &["given_names", "vorname", "vornamen"],
                &["email", "e-mail"],
                &["phone", "telefon"],
                &["languages", "sprachen"],
                &["legal_basis", "rechtsgrundlage"],
                &["organisation", "firma", "unternehmen"],
                &["role_title", "funktion", "position"],
                &["from", "von", "seit"],
                &["until", "bis"],
            ],
            ImportKind::Approaches => &[
                &["organisation", "firma", "unternehmen"],
                &["channel", "kanal"],
                &["on", "date", "datum"],
                &["topic", "thema"],
                &["outcome", "ergebnis"],
                &["next_step", "nächster schritt"],
                &["next_due", "fällig"],
            ],
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            ImportKind::Organisations => &["name"],
            ImportKind::People => &["family_name", "given_names"],
            ImportKind::Approaches => &["organisation", "channel", "on", "topic"],
        }
    }
}

/// A problem of the file: its line (0: the file as a whole; 1: the header), the column (its
/// name as the file writes it, empty for none) and a validation code (`validation-<code>` in
/// the translations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportIssue {
    pub line: usize,
    pub column: String,
    pub code: &'static str,
}

impl std::fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column.is_empty()) {
            (0, _) => write!(f, "file: {}", self.code),
            (l, true) => write!(f, "line {l}: {}", self.code),
            (l, false) => write!(f, "line {l}, column {:?}: {}", self.column, self.code),
        }
    }
}

/// What became of one line.
#[derive(Debug, Clone, Serialize)]
pub struct ImportLine {
    pub line: usize,
    /// The record created or linked to; `None` for a record a check (`dry_run`) would create.
    pub id: Option<i64>,
    /// `None`: created. Otherwise why the line was linked to a record already there instead:
    /// `name`, `website`, `email`, `name-at-organisation`, `same-approach`, or `earlier-line`
    /// (the same record as an earlier line of the file, `same_as`).
    pub matched: Option<&'static str>,
    pub same_as: Option<usize>,
}

/// What an import did (or, checked only, would do).
#[derive(Debug, Clone, Serialize)]
pub struct ImportOutcome {
    pub kind: ImportKind,
    pub dry_run: bool,
    pub created: usize,
    pub linked: usize,
    pub lines: Vec<ImportLine>,
}

/// Why an import was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}; nothing was imported", issues_text(.issues, *.more))]
    Invalid {
        issues: Vec<ImportIssue>,
        /// Problems beyond the first [`MAX_ISSUES`].
        more: usize,
    },
    #[error(transparent)]
    App(#[from] AppError),
}

fn issues_text(issues: &[ImportIssue], more: usize) -> String {
    let mut s = issues
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if more > 0 {
        s.push_str(&format!("; {more} more"));
    }
    s
}

impl From<standort_store::StoreError> for ImportError {
    fn from(e: standort_store::StoreError) -> Self {
        ImportError::App(e.into())
    }
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::App(e.into())
    }
}

#[derive(Default)]
struct Issues {
    list: Vec<ImportIssue>,
    more: usize,
}

impl Issues {
    fn push(&mut self, line: usize, column: &str, code: &'static str) {
        if self.list.len() < MAX_ISSUES {
            self.list.push(ImportIssue {
                line,
                column: column.to_owned(),
                code,
            });
        } else {
            self.more += 1;
        }
    }
    fn into_result(self) -> Result<(), ImportError> {
        if self.list.is_empty() {
            Ok(())
        } else {
            Err(ImportError::Invalid {
                issues: self.list,
                more: self.more,
            })
        }
    }
}

/// The table with each known column found once, the line numbers kept.
struct Table {
    /// Canonical column name → (index, heading as written).
    columns: HashMap<&'static str, (usize, String)>,
    /// Further names of organisations: (index, heading, language tag).
    names: Vec<(usize, String, String)>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn cell<'a>(&self, row: &'a [String], column: &str) -> Option<&'a str> {
        self.columns
            .get(column)
            .and_then(|(i, _)| row.get(*i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }
    fn heading(&self, column: &str) -> String {
        self.columns
            .get(column)
            .map_or_else(|| column.to_owned(), |(_, h)| h.clone())
    }
}

/// A language tag in its usual case: `ja-latn` (headings are read in lower case) → `ja-Latn`.
fn recase_tag(tag: &str) -> String {
    tag.split('-')
        .enumerate()
        .map(|(i, p)| match (i, p.len()) {
            (0, _) => p.to_lowercase(),
            (_, 4) => {
                let mut c = p.chars();
                c.next()
                    .map(|f| {
                        f.to_uppercase()
                            .chain(c.flat_map(char::to_lowercase))
                            .collect()
                    })
                    .unwrap_or_default()
            }
            (_, 2) => p.to_uppercase(),
            _ => p.to_lowercase(),
        })
        .collect::<Vec<String>>()
        .join("-")
}

fn read_table(kind: ImportKind, file: &[u8]) -> Result<Table, ImportError> {
    let mut issues = Issues::default();
    let is_xlsx = file.starts_with(b"PK\x03\x04");
    if !is_xlsx && std::str::from_utf8(file).is_err() {
        issues.push(0, "", "import-not-utf8");
        return Err(ImportError::Invalid {
            issues: issues.list,
            more: 0,
        });
    }
    let sheet = read_sheet("import", file).map_err(|e| ImportError::Invalid {
        issues: vec![ImportIssue {
            line: e.line,
            column: String::new(),
            code: if e.line == 0 && e.message.contains("empty") {
                "import-no-header"
            } else {
                "import-unreadable"
            },
        }],
        more: 0,
    })?;
    let mut columns = HashMap::new();
    let mut names = Vec::new();
    for (i, h) in sheet.header.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        if kind == ImportKind::Organisations
            && let Some(tag) = h.strip_prefix("name:")
        {
            match parse_lang_tag(tag) {
                Ok(t) => names.push((i, h.clone(), recase_tag(&t))),
                Err(_) => issues.push(1, h, "invalid-language"),
            }
            continue;
        }
        match kind
            .columns()
            .iter()
            .find(|names| names.contains(&h.as_str()))
        {
            Some(names) => {
                if columns.insert(names[0], (i, h.clone())).is_some() {
                    issues.push(1, h, "import-column-twice");
                }
            }
            None => issues.push(1, h, "import-unknown-column"),
        }
    }
    for r in kind.required() {
        if !columns.contains_key(r) {
            issues.push(1, r, "import-missing-column");
        }
    }
    if sheet.rows.is_empty() && issues.list.is_empty() {
        issues.push(0, "", "import-no-rows");
    }
    if sheet.rows.len() > MAX_ROWS {
        issues.push(sheet.rows[MAX_ROWS].0, "", "import-too-many-rows");
    }
    issues.into_result()?;
    Ok(Table {
        columns,
        names,
        rows: sheet.rows,
    })
}

/// A day as a spreadsheet gives it: `YYYY-MM-DD`, `DD.MM.YYYY` (German), or an XLSX date
/// cell (days since 1899-12-30, which the sheet reader passes on as a number).
fn parse_day(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(Some(d)) = standort_domain::date::parse_date("day", &Some(s.to_owned())) {
        return Some(d);
    }
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() == 3 && parts[2].len() == 4 {
        let iso = format!("{}-{:0>2}-{:0>2}", parts[2], parts[1], parts[0]);
        return standort_domain::date::parse_date("day", &Some(iso))
            .ok()
            .flatten();
    }
    // An XLSX date: a whole number of days (a time of day, the fraction, is dropped).
    let serial = s
        .parse::<f64>()
        .ok()
        .filter(|f| (1.0..=2_958_465.0).contains(f))?;
    Some((serial.trunc() as i64 - 25_569) * 86_400)
}

fn code_of(e: AppError) -> &'static str {
    match e {
        AppError::Validation(v) => v.code,
        _ => "invalid-value",
    }
}

/// The registry as the import compares it: exact names (lower case) and name keys of every
/// name, and web domains, to organisation ids.
struct OrgIndex {
    exact: HashMap<String, Vec<OrgId>>,
    keys: HashMap<String, Vec<OrgId>>,
    domains: HashMap<String, Vec<OrgId>>,
}

fn add(map: &mut HashMap<String, Vec<OrgId>>, key: String, id: OrgId) {
    if key.is_empty() {
        return;
    }
    let ids = map.entry(key).or_default();
    if !ids.contains(&id) {
        ids.push(id);
    }
}

impl OrgIndex {
    async fn load(conn: &mut AnyConnection) -> Result<OrgIndex, ImportError> {
        let (rows, names) = store::org_key_rows(conn).await?;
        let mut index = OrgIndex {
            exact: HashMap::new(),
            keys: HashMap::new(),
            domains: HashMap::new(),
        };
        for r in &rows {
            add(&mut index.exact, r.name.trim().to_lowercase(), r.id);
            add(&mut index.keys, org_name_key(&r.name), r.id);
            if let Some(d) = r.website.as_deref().and_then(web_domain) {
                add(&mut index.domains, d, r.id);
            }
        }
        for (id, name) in &names {
            add(&mut index.exact, name.trim().to_lowercase(), *id);
            add(&mut index.keys, org_name_key(name), *id);
        }
        Ok(index)
    }

    /// The one organisation a person's or approach's line names: by its exact name (any case,
    /// any of its names), else by its name without legal form; several → ambiguous.
    fn named(&self, name: &str) -> Result<OrgId, &'static str> {
        let pick = |ids: Option<&Vec<OrgId>>| match ids.map(Vec::as_slice) {
            Some([one]) => Some(Ok(*one)),
            Some([_, _, ..]) => Some(Err("ambiguous-organisation")),
            _ => None,
        };
        pick(self.exact.get(&name.trim().to_lowercase()))
            .or_else(|| pick(self.keys.get(&org_name_key(name))))
            .unwrap_or(Err("unknown-organisation"))
    }
}

struct OrgLine {
    line: usize,
    name: String,
    kind: OrgKind,
    country: String,
    profile: OrgProfile,
    names: Vec<(String, String)>,
}

struct PersonLine {
    line: usize,
    data: ContactData,
    org: Option<OrgId>,
    role_title: String,
    from: Option<i64>,
    until: Option<i64>,
}

struct ApproachLine {
    line: usize,
    data: ApproachData,
}

impl App {
    /// Imports a file of organisations, people or approaches (see the module's doc), all or
    /// nothing. `dry_run` checks the file and tells what would be done, writing nothing.
    /// Agency staff only (others: not found). Every record created gets its `create` audit
    /// entry, as from the form (`"source": "import"`; people by id only).
    pub async fn import_network(
        &self,
        actor: &Actor,
        kind: ImportKind,
        file: &[u8],
        dry_run: bool,
    ) -> Result<ImportOutcome, ImportError> {
        policy::require(actor, Permission::ManageNetwork)?;
        match kind {
            ImportKind::Organisations => {
                policy::require(actor, Permission::ManageOrganisations)?;
            }
            ImportKind::People => {
                policy::require(actor, Permission::ManageNetworkContacts)?;
            }
            ImportKind::Approaches => {}
        }
        let table = read_table(kind, file)?;
        let now = self.now();
        // The registry is compared inside the transaction that writes, so no organisation
        // can slip in between the comparison and the write (a check alone rolls it back).
        let mut tx = self.db.begin_write().await?;
        let index = OrgIndex::load(&mut tx).await?;
        let outcome = match kind {
            ImportKind::Organisations => {
                let lines = org_lines(&table)?;
                self.write_orgs(&mut tx, actor, &index, lines, dry_run, now)
                    .await?
            }
            ImportKind::People => {
                let lines = person_lines(&table, &index)?;
                self.write_people(&mut tx, actor, lines, dry_run, now)
                    .await?
            }
            ImportKind::Approaches => {
                let lines = approach_lines(&table, &index, actor)?;
                self.write_approaches(&mut tx, actor, lines, dry_run, now)
                    .await?
            }
        };
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        Ok(ImportOutcome {
            kind,
            dry_run,
            created: outcome.iter().filter(|l| l.matched.is_none()).count(),
            linked: outcome.iter().filter(|l| l.matched.is_some()).count(),
            lines: outcome,
        })
    }

    async fn write_orgs(
        &self,
        tx: &mut AnyConnection,
        actor: &Actor,
        index: &OrgIndex,
        lines: Vec<OrgLine>,
        dry_run: bool,
        now: i64,
    ) -> Result<Vec<ImportLine>, ImportError> {
        let mut out = Vec::with_capacity(lines.len());
        // Keys of the file's earlier lines → (line, id once written).
        let mut seen: HashMap<String, (usize, Option<i64>)> = HashMap::new();
        for l in lines {
            let mut keys: Vec<String> = std::iter::once(&l.name)
                .chain(l.names.iter().map(|(n, _)| n))
                .map(|n| format!("n:{}", org_name_key(n)))
                .collect();
            let domain = l.profile.website.as_deref().and_then(web_domain);
            if let Some(d) = &domain {
                keys.push(format!("d:{d}"));
            }
            if let Some((first, id)) = keys.iter().find_map(|k| seen.get(k)) {
                out.push(ImportLine {
                    line: l.line,
                    id: *id,
                    matched: Some("earlier-line"),
                    same_as: Some(*first),
                });
                continue;
            }
            let by_name = std::iter::once(&l.name)
                .chain(l.names.iter().map(|(n, _)| n))
                .find_map(|n| index.keys.get(&org_name_key(n)))
                .map(|ids| (ids[0], "name"));
            let by_domain = domain
                .as_ref()
                .and_then(|d| index.domains.get(d))
                .map(|ids| (ids[0], "website"));
            if let Some((id, why)) = by_name.or(by_domain) {
                for k in keys {
                    seen.entry(k).or_insert((l.line, Some(id.0)));
                }
                out.push(ImportLine {
                    line: l.line,
                    id: Some(id.0),
                    matched: Some(why),
                    same_as: None,
                });
                continue;
            }
            let id = if dry_run {
                None
            } else {
                let org = orgs::insert(
                    tx,
                    &NewOrganisation {
                        name: &l.name,
                        kind: l.kind,
                        country: &l.country,
                    },
                    now,
                )
                .await?;
                if l.profile != OrgProfile::default() {
                    orgs::set_profile(tx, org.id, &l.profile).await?;
                }
                let mut names_added = Vec::new();
                for (name, lang) in &l.names {
                    if *name != l.name && !names_added.contains(&name) {
                        orgs::add_name(tx, org.id, name, lang).await?;
                        names_added.push(name);
                    }
                }
                audit::append(
                    tx,
                    &actor
                        .audit("create", "organisation", org.id.to_string(), Some(org.id))
                        .with_after(json!({
                            "name": org.name, "kind": org.kind.as_str(), "country": org.country,
                            "profile": l.profile, "names": l.names, "source": "import",
                        })),
                    now,
                )
                .await?;
                Some(org.id.0)
            };
            for k in keys {
                seen.entry(k).or_insert((l.line, id));
            }
            out.push(ImportLine {
                line: l.line,
                id,
                matched: None,
                same_as: None,
            });
        }
        Ok(out)
    }

    async fn write_people(
        &self,
        tx: &mut AnyConnection,
        actor: &Actor,
        lines: Vec<PersonLine>,
        dry_run: bool,
        now: i64,
    ) -> Result<Vec<ImportLine>, ImportError> {
        let (contacts, affiliations) = store::contact_key_rows(tx).await?;
        let mut by_email: HashMap<String, i64> = HashMap::new();
        let mut by_name_at: HashMap<(String, OrgId), i64> = HashMap::new();
        let names: HashMap<i64, String> = contacts
            .iter()
            .map(|c| (c.id, person_name_key(&c.family_name, &c.given_names)))
            .collect();
        for c in &contacts {
            if let Some(e) = c.email.as_deref().and_then(email_key) {
                by_email.entry(e).or_insert(c.id);
            }
        }
        for (contact, org) in &affiliations {
            if let Some(n) = names.get(contact) {
                by_name_at.entry((n.clone(), *org)).or_insert(*contact);
            }
        }
        let mut seen_email: HashMap<String, (usize, Option<i64>)> = HashMap::new();
        let mut seen_name: HashMap<(String, OrgId), (usize, Option<i64>)> = HashMap::new();
        let mut out = Vec::with_capacity(lines.len());
        for l in lines {
            let email = l.data.email.as_deref().and_then(email_key);
            let name = person_name_key(&l.data.family_name, &l.data.given_names);
            let name_at = l.org.map(|o| (name.clone(), o));
            let earlier = email
                .as_ref()
                .and_then(|e| seen_email.get(e))
                .or_else(|| name_at.as_ref().and_then(|k| seen_name.get(k)))
                .copied();
            let existing = email
                .as_ref()
                .and_then(|e| by_email.get(e).map(|id| (*id, "email")))
                .or_else(|| {
                    name_at
                        .as_ref()
                        .and_then(|k| by_name_at.get(k).map(|id| (*id, "name-at-organisation")))
                });
            let (id, matched, same_as) = match (earlier, existing) {
                (Some((first, id)), _) => (id, Some("earlier-line"), Some(first)),
                (None, Some((id, why))) => (Some(id), Some(why), None),
                (None, None) => (None, None, None),
            };
            let id = match (matched, id) {
                // Linked: the position is added to the person already there, unless held.
                (Some(_), Some(id)) => {
                    if !dry_run && let Some(org) = l.org {
                        let held = store::affiliations(tx, id).await?.iter().any(|a| {
                            a.org_id == org
                                && a.role_title == l.role_title
                                && a.from_day == l.from
                                && a.until_day == l.until
                        });
                        if !held {
                            let a =
                                store::add_affiliation(tx, id, org, &l.role_title, l.from, l.until)
                                    .await?;
                            audit::append(
                                tx,
                                &actor
                                    .audit("add_affiliation", "network_contact", id, Some(org))
                                    .with_after(json!({"affiliation": a, "source": "import"})),
                                now,
                            )
                            .await?;
                        }
                    }
                    Some(id)
                }
                (Some(_), None) => None,
                (None, _) if dry_run => None,
                (None, _) => {
                    let c = store::insert_contact(tx, &l.data, actor.id(), now).await?;
                    if let Some(org) = l.org {
                        store::add_affiliation(tx, c.id, org, &l.role_title, l.from, l.until)
                            .await?;
                    }
                    if l.data.legal_basis == LegalBasis::Consent {
                        store::record_consent(tx, c.id, "newsletter", true, Some(actor.id()), now)
                            .await?;
                    }
                    // As from the form: ids and codes only, no name or contact detail.
                    audit::append(
                        tx,
                        &actor
                            .audit("create", "network_contact", c.id, l.org)
                            .with_after(json!({
                                "legal_basis": l.data.legal_basis.as_str(),
                                "org_id": l.org.map(|o| o.0),
                                "source": "import",
                            })),
                        now,
                    )
                    .await?;
                    Some(c.id)
                }
            };
            if let Some(e) = email {
                seen_email.entry(e).or_insert((l.line, id));
            }
            if let Some(k) = name_at {
                seen_name.entry(k).or_insert((l.line, id));
            }
            out.push(ImportLine {
                line: l.line,
                id,
                matched,
                same_as,
            });
        }
        Ok(out)
    }

    async fn write_approaches(
        &self,
        tx: &mut AnyConnection,
        actor: &Actor,
        lines: Vec<ApproachLine>,
        dry_run: bool,
        now: i64,
    ) -> Result<Vec<ImportLine>, ImportError> {
        // (company, channel, day, topic) of the file's earlier lines → (line, id once written).
        type Key = (i64, &'static str, i64, String);
        let mut seen: HashMap<Key, (usize, Option<i64>)> = HashMap::new();
        let mut out = Vec::with_capacity(lines.len());
        for l in lines {
            let d = &l.data;
            let key = (d.org_id.0, d.channel.as_str(), d.on_day, d.topic.clone());
            if let Some((first, id)) = seen.get(&key) {
                out.push(ImportLine {
                    line: l.line,
                    id: *id,
                    matched: Some("earlier-line"),
                    same_as: Some(*first),
                });
                continue;
            }
            if let Some(id) =
                store::same_approach(tx, d.org_id, d.channel, d.on_day, &d.topic).await?
            {
                seen.insert(key, (l.line, Some(id)));
                out.push(ImportLine {
                    line: l.line,
                    id: Some(id),
                    matched: Some("same-approach"),
                    same_as: None,
                });
                continue;
            }
            let id = if dry_run {
                None
            } else {
                let a = store::insert_approach(tx, d, now).await?;
                audit::append(
                    tx,
                    &actor
                        .audit("create", "network_approach", a.id, Some(d.org_id))
                        .with_after(json!({
                            "org_id": d.org_id.0, "channel": d.channel.as_str(),
                            "on_day": d.on_day, "source": "import",
                        })),
                    now,
                )
                .await?;
                Some(a.id)
            };
            seen.insert(key, (l.line, id));
            out.push(ImportLine {
                line: l.line,
                id,
                matched: None,
                same_as: None,
            });
        }
        Ok(out)
    }
}

fn org_lines(table: &Table) -> Result<Vec<OrgLine>, ImportError> {
    let mut issues = Issues::default();
    let mut out = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let line = *line;
        let cell = |c: &str| table.cell(row, c).map(str::to_owned);
        let name = match OrgName::parse(&cell("name").unwrap_or_default()) {
            Ok(n) => n.as_str().to_owned(),
            Err(e) => {
                issues.push(line, &table.heading("name"), e.code);
                continue;
            }
        };
        let kind = match cell("kind") {
            None => OrgKind::Company,
            Some(k) => match OrgKind::parse(&k) {
                Some(k) => k,
                None => {
                    issues.push(line, &table.heading("kind"), "unknown-kind");
                    continue;
                }
            },
        };
        let country = match parse_country(Some(cell("country").as_deref().unwrap_or("DE"))) {
            Ok(c) => c,
            Err(e) => {
                issues.push(line, &table.heading("country"), e.code);
                continue;
            }
        };
        let input = OrgProfileInput {
            sector: cell("sector"),
            // Clusters in one cell: comma, semicolon or bar between them.
            clusters: cell("clusters").map(|c| c.replace([';', '|'], ",")),
            employees: cell("employees"),
            website: cell("website").map(|w| {
                if w.contains("://") {
                    w
                } else {
                    format!("https://{w}")
                }
            }),
            address: cell("address"),
        };
        let profile = match input.parse() {
            Ok(p) => p,
            Err(_) => {
                // Every field of the line that is wrong, each checked alone.
                let alone = [
                    OrgProfileInput {
                        sector: input.sector.clone(),
                        ..Default::default()
                    },
                    OrgProfileInput {
                        clusters: input.clusters.clone(),
                        ..Default::default()
                    },
                    OrgProfileInput {
                        employees: input.employees.clone(),
                        ..Default::default()
                    },
                    OrgProfileInput {
                        website: input.website.clone(),
                        ..Default::default()
                    },
                    OrgProfileInput {
                        address: input.address.clone(),
                        ..Default::default()
                    },
                ];
                for one in alone {
                    if let Err(e) = one.parse() {
                        issues.push(line, &table.heading(e.field), e.code);
                    }
                }
                continue;
            }
        };
        let mut names = Vec::new();
        for (i, heading, lang) in &table.names {
            let Some(value) = row.get(*i).map(|s| s.trim()).filter(|s| !s.is_empty()) else {
                continue;
            };
            match OrgName::parse(value) {
                Ok(n) => names.push((n.as_str().to_owned(), lang.clone())),
                Err(e) => issues.push(line, heading, e.code),
            }
        }
        out.push(OrgLine {
            line,
            name,
            kind,
            country,
            profile,
            names,
        });
    }
    issues.into_result()?;
    Ok(out)
}

fn person_lines(table: &Table, index: &OrgIndex) -> Result<Vec<PersonLine>, ImportError> {
    let mut issues = Issues::default();
    let mut out = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let line = *line;
        let cell = |c: &str| table.cell(row, c).map(str::to_owned);
        let input = ContactInput {
            family_name: cell("family_name"),
            given_names: cell("given_names"),
            email: cell("email"),
            phone: cell("phone"),
            // Languages in one cell: comma, semicolon or space between them, any case.
            languages: cell("languages").map(|l| l.to_lowercase().replace([';', ' '], ",")),
            legal_basis: cell("legal_basis"),
            org_id: None,
            role_title: None,
        };
        let data = match input.parse() {
            Ok(d) => d,
            Err(_) => {
                // Every field of the line that is wrong, each checked alone (with valid names,
                // since the form requires them).
                let named = |f: Option<String>| f.or_else(|| Some(String::new()));
                let base = ContactInput {
                    family_name: Some("X".into()),
                    given_names: Some("X".into()),
                    ..Default::default()
                };
                let alone = [
                    (
                        "family_name",
                        ContactInput {
                            family_name: named(input.family_name.clone()),
                            ..base.clone()
                        },
                    ),
                    (
                        "given_names",
                        ContactInput {
                            given_names: named(input.given_names.clone()),
                            ..base.clone()
                        },
                    ),
                    (
                        "email",
                        ContactInput {
                            email: input.email.clone(),
                            ..base.clone()
                        },
                    ),
                    (
                        "phone",
                        ContactInput {
                            phone: input.phone.clone(),
                            ..base.clone()
                        },
                    ),
                    (
                        "languages",
                        ContactInput {
                            languages: input.languages.clone(),
                            ..base.clone()
                        },
                    ),
                    (
                        "legal_basis",
                        ContactInput {
                            legal_basis: input.legal_basis.clone(),
                            ..base.clone()
                        },
                    ),
                ];
                for (column, one) in alone {
                    if let Err(e) = one.parse() {
                        issues.push(line, &table.heading(column), code_of(e));
                    }
                }
                continue;
            }
        };
        let org = match cell("organisation") {
            None => None,
            Some(name) => match index.named(&name) {
                Ok(o) => Some(o),
                Err(code) => {
                    issues.push(line, &table.heading("organisation"), code);
                    continue;
                }
            },
        };
        let role_title = match super::line("role_title", &cell("role_title"), 200) {
            Ok(t) => t,
            Err(e) => {
                issues.push(line, &table.heading("role_title"), code_of(e));
                continue;
            }
        };
        let mut days = [None, None];
        let mut bad = false;
        for (i, c) in ["from", "until"].into_iter().enumerate() {
            if let Some(v) = cell(c) {
                match parse_day(&v) {
                    Some(d) => days[i] = Some(d),
                    None => {
                        issues.push(line, &table.heading(c), "invalid-date");
                        bad = true;
                    }
                }
            }
        }
        if let [Some(f), Some(u)] = days
            && u < f
        {
            issues.push(line, &table.heading("until"), "before-start");
            bad = true;
        }
        if (days[0].is_some() || days[1].is_some() || !role_title.is_empty()) && org.is_none() {
            issues.push(line, &table.heading("organisation"), "required");
            bad = true;
        }
        if bad {
            continue;
        }
        out.push(PersonLine {
            line,
            data,
            org,
            role_title,
            from: days[0],
            until: days[1],
        });
    }
    issues.into_result()?;
    Ok(out)
}

fn approach_lines(
    table: &Table,
    index: &OrgIndex,
    actor: &Actor,
) -> Result<Vec<ApproachLine>, ImportError> {
    let mut issues = Issues::default();
    let mut out = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let line = *line;
        let cell = |c: &str| table.cell(row, c).map(str::to_owned);
        let mut bad = false;
        let mut fail = |c: &str, code: &'static str| {
            issues.push(line, &table.heading(c), code);
            bad = true;
        };
        let org = match cell("organisation") {
            None => {
                fail("organisation", "required");
                None
            }
            Some(n) => index
                .named(&n)
                .map_err(|code| fail("organisation", code))
                .ok(),
        };
        let channel = match cell("channel") {
            None => {
                fail("channel", "required");
                None
            }
            Some(c) => {
                // `direct approach`, `direct-approach`, `E-Mail` as people type them.
                let c = c.to_lowercase();
                let found = Channel::parse(&c.replace([' ', '-'], "_"))
                    .or_else(|| Channel::parse(&c.replace('-', "")));
                if found.is_none() {
                    fail("channel", "unknown-channel");
                }
                found
            }
        };
        let mut day = |c: &str, required: bool| match cell(c) {
            None => {
                if required {
                    fail(c, "required");
                }
                None
            }
            Some(v) => {
                let d = parse_day(&v);
                if d.is_none() {
                    fail(c, "invalid-date");
                }
                d
            }
        };
        let on_day = day("on", true);
        let next_due = day("next_due", false);
        let mut text = |c: &str, max: usize, lines: bool, required: bool| {
            let v = cell(c);
            let parsed = if lines {
                standort_domain::optional_text("text", v.as_deref(), max)
            } else {
                standort_domain::optional_line("text", v.as_deref(), max)
            };
            match parsed {
                Ok(None) if required => {
                    fail(c, "required");
                    String::new()
                }
                Ok(t) => t.unwrap_or_default(),
                Err(e) => {
                    fail(c, e.code);
                    String::new()
                }
            }
        };
        let topic = text("topic", 300, false, true);
        let outcome = text("outcome", 2000, true, false);
        let next_step = text("next_step", 300, false, false);
        if let (Some(on), Some(due)) = (on_day, next_due)
            && due < on
        {
            fail("next_due", "before-start");
        }
        if bad {
            continue;
        }
        let (Some(org_id), Some(channel), Some(on_day)) = (org, channel, on_day) else {
            continue;
        };
        out.push(ApproachLine {
            line,
            data: ApproachData {
                org_id,
                channel,
                on_day,
                by_user: Some(actor.id()),
                by_org_id: actor.user.org_id,
                topic,
                outcome,
                next_step,
                next_due,
            },
        });
    }
    issues.into_result()?;
    Ok(out)
}

/// Refuses an unknown kind of file as a field of the form.
pub fn parse_kind(s: Option<&str>) -> Result<ImportKind, AppError> {
    s.and_then(ImportKind::parse)
        .ok_or_else(|| ValidationError::new("kind", "unknown-import-kind").into())
}

/// A sample file of each kind (CSV, comma-separated, UTF-8), as documented in
/// `docs/network.md` and offered on the import page.
pub fn sample(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Organisations => include_str!("samples/organisations.csv"),
        ImportKind::People => include_str!("samples/people.csv"),
        ImportKind::Approaches => include_str!("samples/approaches.csv"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_as_spreadsheets_write_them() {
        let d = standort_domain::date::parse_date("d", &Some("2026-03-05".into()))
            .unwrap()
            .unwrap();
        assert_eq!(parse_day("2026-03-05"), Some(d));
        assert_eq!(parse_day("05.03.2026"), Some(d));
        assert_eq!(parse_day("5.3.2026"), Some(d));
        // Excel's serial day 46086 is 2026-03-05.
        assert_eq!(parse_day("46086"), Some(d));
        assert_eq!(parse_day("46086.5"), Some(d));
        assert_eq!(parse_day("gestern"), None);
        assert_eq!(parse_day("31.02.2026"), None);
    }

    #[test]
    fn language_tags_recased() {
        assert_eq!(recase_tag("ja-latn"), "ja-Latn");
        assert_eq!(recase_tag("zh-hans-cn"), "zh-Hans-CN");
        assert_eq!(recase_tag("vi"), "vi");
    }
}
