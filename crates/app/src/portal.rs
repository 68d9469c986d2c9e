//! The candidate portal and personal data (GDPR): documents asked for and uploaded, consents
//! given and withdrawn with their history, the export of all of a candidate's data (Art. 15/20),
//! requests for erasure and the erasure itself (Art. 17), and the retention rule.
//!
//! Permissions come from [`policy`]: a candidate acts on the profile linked to their login;
//! agency staff and job counsellors on the candidates they manage; employers never see
//! documents, consents or exports. Only agency staff erase. Outside that: `NotFound`.
//!
//! Audit entries about candidates carry ids, codes and field names, never the values (names,
//! contact details, file names, checksums): the audit log is append-only and outlives an
//! erasure, so it must not hold personal data. See docs/recruitment.md.

use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use standort_domain::{OrgId, Role, ValidationError};
use standort_store::audit::{AuditEntry, NewAuditEntry};
use standort_store::portal::{
    self as store, ConsentEvent, DocumentMeta, DocumentRequest, Erased, ErasureRequest, NewDocument,
};
use standort_store::recruitment as rstore;
use standort_store::{AnyConnection, audit};

use crate::policy::{self, CandidateAccess, Permission};
use crate::recruitment::CandidateProfile;
use crate::{Actor, App, AppError};
use standort_domain::date::{format_date, parse_date};

/// Kinds of documents staff may ask for.
pub const DOCUMENT_KINDS: [&str; 6] = [
    "passport",
    "diploma",
    "language_certificate",
    "cv",
    "recognition_notice",
    "other",
];

/// The largest document accepted (bytes).
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// The media type of a document by its first bytes (magic numbers), not by its name: PDF,
/// JPEG or PNG; anything else is refused.
pub fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

fn extension(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        _ => "png",
    }
}

/// A file name safe to store and to send back in `Content-Disposition`: the last path
/// component, printable characters only, at most 120 characters; the extension follows the
/// detected type.
pub fn clean_file_name(name: &str, media_type: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let stem: String = last
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(last)
        .chars()
        .filter(|c| {
            !c.is_control()
                && !standort_domain::is_bidi_control(*c)
                && !matches!(c, '"' | ';' | '\\' | '/')
        })
        .take(120)
        .collect();
    let stem = stem.trim();
    let stem = if stem.is_empty() { "document" } else { stem };
    format!("{stem}.{}", extension(media_type))
}

/// SHA-256, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// How many employers a search offers to consent to.
pub const EMPLOYER_CHOICES: i64 = 20;

/// The current consents of a candidate.
#[derive(Debug, Clone, Serialize)]
pub struct Consents {
    pub share_employers: bool,
    pub talent_pool: bool,
    /// The employer organisations consented to, and those a search found (to consent to):
    /// (id, name, consented since), by name.
    pub employers: Vec<(i64, String, Option<i64>)>,
    /// The search typed to find an employer, if any.
    pub employer_query: Option<String>,
    /// The names of the organisations the consents and their history name.
    pub names: Vec<(i64, String)>,
    /// How many employers the search found (0 without a search).
    pub employer_hits: usize,
    /// Newest last.
    pub history: Vec<ConsentEvent>,
}

/// A candidate's documents, consents and erasure request: what the portal shows besides the
/// profile, and what managing staff see on the candidate's page.
#[derive(Debug, Clone)]
pub struct PersonalRecords {
    pub requests: Vec<DocumentRequest>,
    pub documents: Vec<DocumentMeta>,
    pub consents: Consents,
    pub erasure: Option<ErasureRequest>,
}

/// What the portal page shows.
#[derive(Debug, Clone)]
pub struct PortalView {
    pub profile: CandidateProfile,
    pub records: PersonalRecords,
}

/// The fields a candidate may change themself (names and origin are changed by staff, who
/// see the identity documents).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct OwnProfileInput {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub province: Option<String>,
    pub german_certificate: Option<String>,
    pub german_exam_date: Option<String>,
    pub german_next_expected: Option<String>,
    pub licences: Option<String>,
    pub wished_regions: Option<String>,
    pub available_from: Option<String>,
}

/// An open erasure request with the candidate's name, for staff.
#[derive(Debug, Clone, Serialize)]
pub struct ErasureRequestView {
    pub request: ErasureRequest,
    pub name: String,
}

/// What a retention run found and did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RetentionReport {
    /// Processes that ended at or before this time were due.
    pub ended_before: i64,
    /// Candidate ids due for erasure.
    pub due: Vec<i64>,
    /// Candidate ids erased (empty on a dry run).
    pub erased: Vec<i64>,
}

const RETENTION_LEASE: &str = "retention";

/// `now` minus `months` calendar months (the day clamped to the month's length).
pub fn months_before(now: i64, months: u32) -> i64 {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(now) else {
        return now;
    };
    let total = t.year() * 12 + i32::from(u8::from(t.month())) - 1 - months as i32;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let Ok(month) = time::Month::try_from(month0 as u8 + 1) else {
        return now;
    };
    let day = t.day().min(month.length(year));
    match time::Date::from_calendar_date(year, month, day) {
        Ok(d) => d.with_time(t.time()).assume_utc().unix_timestamp(),
        Err(_) => now,
    }
}

fn iso(ts: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn system_audit(action: &str, candidate: i64, org: Option<i64>) -> NewAuditEntry {
    NewAuditEntry {
        actor: None,
        actor_label: "system:retention".into(),
        action: action.into(),
        entity: "candidate".into(),
        entity_id: candidate.to_string(),
        org_id: org.map(OrgId),
        ..Default::default()
    }
}

impl App {
    /// The candidate record the actor may act on as `Own` or `Manage`, else `NotFound`
    /// (employers included: documents, consents and exports are not for them).
    async fn personal(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        candidate: i64,
    ) -> Result<(rstore::CandidateRecord, CandidateAccess), AppError> {
        let c = rstore::get_candidate(conn, candidate).await?;
        match policy::candidate_access(actor, c.data.user_id, false) {
            Ok(a @ (CandidateAccess::Own | CandidateAccess::Manage)) => Ok((c, a)),
            _ => Err(AppError::NotFound),
        }
    }

    /// The id of the candidate linked to the actor's login; `NotFound` if none.
    pub async fn own_candidate(&self, actor: &Actor) -> Result<i64, AppError> {
        self.own_candidate_id(actor)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The candidate's consents; `employer_query` finds further employers to consent to.
    async fn consents(
        &self,
        conn: &mut AnyConnection,
        c: &rstore::CandidateRecord,
        employer_query: Option<&str>,
    ) -> Result<Consents, AppError> {
        let given = store::employer_consents(conn, c.id).await?;
        let history = store::consent_history(conn, c.id).await?;
        let mut ids: Vec<OrgId> = given
            .iter()
            .map(|(o, _)| *o)
            .chain(history.iter().filter_map(|e| e.org_id))
            .map(OrgId)
            .collect();
        ids.sort_by_key(|o| o.0);
        ids.dedup();
        let names: Vec<(i64, String)> = standort_store::orgs::by_ids(conn, &ids)
            .await?
            .into_iter()
            .map(|o| (o.id.0, o.name))
            .collect();
        let mut employers: Vec<(i64, String, Option<i64>)> = given
            .iter()
            .filter_map(|(o, at)| {
                let name = names.iter().find(|(n, _)| n == o)?.1.clone();
                Some((*o, name, Some(*at)))
            })
            .collect();
        let employer_query = employer_query
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        let mut employer_hits = 0;
        if let Some(text) = &employer_query {
            let found = store::search_employer_organisations(conn, text, EMPLOYER_CHOICES).await?;
            employer_hits = found.len();
            for (id, name) in found {
                if !employers.iter().any(|(e, _, _)| *e == id) {
                    employers.push((id, name, None));
                }
            }
        }
        employers.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        Ok(Consents {
            share_employers: c.data.consent_share_employers,
            talent_pool: c.data.consent_talent_pool,
            employers,
            employer_query,
            names,
            employer_hits,
            history,
        })
    }

    /// Documents asked for and uploaded, consents with history and an open erasure request,
    /// for the candidate and the staff who manage them.
    pub async fn personal_records(
        &self,
        actor: &Actor,
        candidate: i64,
        employer_query: Option<&str>,
    ) -> Result<PersonalRecords, AppError> {
        let mut conn = self.db.conn().await?;
        let (c, _) = self.personal(&mut conn, actor, candidate).await?;
        Ok(PersonalRecords {
            requests: store::document_requests(&mut conn, candidate).await?,
            documents: store::documents(&mut conn, candidate).await?,
            consents: self.consents(&mut conn, &c, employer_query).await?,
            erasure: store::open_erasure_request(&mut conn, candidate).await?,
        })
    }

    /// The logged-in candidate's portal: own profile and personal records.
    /// `employer_query`: a search for employers to consent to (see [`Consents`]).
    pub async fn portal(
        &self,
        actor: &Actor,
        employer_query: Option<&str>,
    ) -> Result<PortalView, AppError> {
        let id = self.own_candidate(actor).await?;
        Ok(PortalView {
            profile: self.get_candidate(actor, id).await?,
            records: self.personal_records(actor, id, employer_query).await?,
        })
    }

    /// The candidate changes the fields they may change; names, origin, German level and
    /// consents stay as they are (consents have their own use case).
    pub async fn update_own_profile(
        &self,
        actor: &Actor,
        input: &OwnProfileInput,
    ) -> Result<(), AppError> {
        let id = self.own_candidate(actor).await?;
        let current = {
            let mut conn = self.db.conn().await?;
            rstore::get_candidate(&mut conn, id).await?
        };
        let d = &current.data;
        let keep = |v: Option<i64>| v.map(format_date);
        let full = crate::recruitment::CandidateInput {
            family_name: Some(d.family_name.clone()),
            given_names: Some(d.given_names.clone()),
            country: Some(d.country.clone()),
            province: input.province.clone(),
            email: input.email.clone(),
            phone: input.phone.clone(),
            german_level: d.german_level.clone(),
            german_certificate: input.german_certificate.clone(),
            german_exam_date: input
                .german_exam_date
                .clone()
                .or_else(|| keep(d.german_exam_date)),
            german_next_expected: input
                .german_next_expected
                .clone()
                .or_else(|| keep(d.german_next_expected)),
            licences: input.licences.clone(),
            wished_regions: input.wished_regions.clone(),
            available_from: input.available_from.clone(),
            consent_share_employers: d.consent_share_employers.then(|| "on".into()),
            consent_talent_pool: d.consent_talent_pool.then(|| "on".into()),
        };
        self.update_candidate(actor, id, &full).await?;
        Ok(())
    }

    // ------------------------------------------------------------ documents

    /// Staff ask a candidate for a document (kind from [`DOCUMENT_KINDS`], optional due date).
    pub async fn request_document(
        &self,
        actor: &Actor,
        candidate: i64,
        kind: &str,
        due: Option<&str>,
    ) -> Result<i64, AppError> {
        if !DOCUMENT_KINDS.contains(&kind) {
            return Err(ValidationError::new("kind", "invalid-kind").into());
        }
        let due = parse_date("due_date", &due.map(str::to_owned))?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let (c, access) = self.personal(&mut tx, actor, candidate).await?;
        if access != CandidateAccess::Manage {
            return Err(AppError::NotFound);
        }
        let id =
            store::insert_document_request(&mut tx, candidate, kind, due, Some(actor.id()), now)
                .await?;
        // The candidate hears of it (in the bell, and by e-mail as they chose) when they have
        // a login; raised in this transaction, so a request never goes unannounced.
        let mut mailed = 0;
        if let Some(user) = c.data.user_id {
            use crate::notifications::{NotificationKind, Raise, Recipient};
            let raise = Raise {
                kind: NotificationKind::DocumentRequest,
                recipient: Recipient::Person(user),
                record_key: format!("document_request:{id}"),
                link: "/portal".into(),
                params: json!({ "document": kind }),
                due_on: due,
            };
            mailed = self.raise(&mut tx, &[raise], now).await?.mailed;
        }
        audit::append(
            &mut tx,
            &actor
                .audit(
                    "create",
                    "candidate_document_request",
                    candidate,
                    Some(c.data.org_id),
                )
                .with_after(json!({ "request": id, "kind": kind })),
            now,
        )
        .await?;
        tx.commit().await?;
        if mailed > 0 {
            self.wake_sender();
        }
        Ok(id)
    }

    /// Stores an uploaded document for a candidate (the candidate themself or staff who manage
    /// them). The type is decided by the bytes (PDF, JPEG, PNG), the size is limited, the
    /// SHA-256 is stored. Nothing is stored when a check fails.
    pub async fn upload_document(
        &self,
        actor: &Actor,
        candidate: i64,
        request: Option<i64>,
        kind: Option<&str>,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<DocumentMeta, AppError> {
        if bytes.is_empty() {
            return Err(ValidationError::new("file", "document-empty").into());
        }
        if bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(ValidationError::new("file", "document-too-large").into());
        }
        let media_type =
            sniff_media_type(bytes).ok_or_else(|| ValidationError::new("file", "document-type"))?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let (c, _) = self.personal(&mut tx, actor, candidate).await?;
        let kind = match request {
            Some(r) => store::document_requests(&mut tx, candidate)
                .await?
                .into_iter()
                .find(|q| q.id == r)
                .map(|q| q.kind)
                .ok_or_else(|| ValidationError::new("request", "unknown-request"))?,
            None => {
                let k = kind.unwrap_or("other");
                if !DOCUMENT_KINDS.contains(&k) {
                    return Err(ValidationError::new("kind", "invalid-kind").into());
                }
                k.to_owned()
            }
        };
        let name = clean_file_name(file_name, media_type);
        let sha256 = sha256_hex(bytes);
        let doc = store::insert_document(
            &mut tx,
            &NewDocument {
                candidate_id: candidate,
                request_id: request,
                kind: &kind,
                file_name: &name,
                media_type,
                sha256: &sha256,
                content: bytes,
                uploaded_by: Some(actor.id()),
            },
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit(
                    "create",
                    "candidate_document",
                    candidate,
                    Some(c.data.org_id),
                )
                .with_after(json!({
                    "document": doc.id, "request": request, "kind": kind,
                    "media_type": media_type, "size": doc.size,
                })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(doc)
    }

    /// One document with its bytes, for the candidate or managing staff (a staff read is
    /// audited). Anyone else: `NotFound`.
    pub async fn download_document(
        &self,
        actor: &Actor,
        document: i64,
    ) -> Result<(DocumentMeta, Vec<u8>), AppError> {
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (meta, bytes) = store::document(&mut tx, document).await?;
        let (c, access) = self.personal(&mut tx, actor, meta.candidate_id).await?;
        tx.commit().await?;
        // The audit entry in a transaction of its own after the read one: a SQLite transaction
        // that read first cannot wait for the write lock. Written before the bytes are returned.
        if access != CandidateAccess::Own {
            self.audit_read(
                actor
                    .audit("read", "candidate_document", c.id, Some(c.data.org_id))
                    .with_after(json!({ "document": meta.id })),
                now,
            )
            .await?;
        }
        Ok((meta, bytes))
    }

    /// The documents (metadata) of a candidate, for the candidate or managing staff.
    pub async fn list_documents(
        &self,
        actor: &Actor,
        candidate: i64,
    ) -> Result<Vec<DocumentMeta>, AppError> {
        let mut conn = self.db.conn().await?;
        self.personal(&mut conn, actor, candidate).await?;
        Ok(store::documents(&mut conn, candidate).await?)
    }

    // ------------------------------------------------------------ consents

    /// Gives or withdraws a consent: `share_employers` (all employers), `share_employer`
    /// (one organisation, `org` required), `talent_pool`. Takes effect at once (employers
    /// lose sight in the same commit); recorded in the history and the audit log.
    pub async fn set_consent(
        &self,
        actor: &Actor,
        candidate: i64,
        purpose: &str,
        org: Option<OrgId>,
        granted: bool,
    ) -> Result<(), AppError> {
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let (c, _) = self.personal(&mut tx, actor, candidate).await?;
        let changed = match purpose {
            "share_employers" | "talent_pool" => {
                let (share, pool) = if purpose == "share_employers" {
                    (granted, c.data.consent_talent_pool)
                } else {
                    (c.data.consent_share_employers, granted)
                };
                let changed =
                    share != c.data.consent_share_employers || pool != c.data.consent_talent_pool;
                if changed {
                    store::set_consent_flags(&mut tx, candidate, share, pool, now).await?;
                }
                changed
            }
            "share_employer" => {
                let org = org.ok_or_else(|| ValidationError::new("org_id", "required"))?;
                if !store::is_employer_organisation(&mut tx, org.0).await? {
                    return Err(ValidationError::new("org_id", "unknown-organisation").into());
                }
                store::set_employer_consent(&mut tx, candidate, org, granted, now).await?
            }
            _ => return Err(ValidationError::new("purpose", "invalid-kind").into()),
        };
        if changed {
            let org = org.filter(|_| purpose == "share_employer");
            store::record_consent_event(
                &mut tx,
                candidate,
                purpose,
                org,
                granted,
                Some(actor.id()),
                now,
            )
            .await?;
            rstore::bump_revision_for(&mut tx, &[rstore::Changed::Candidate(candidate)]).await?;
            audit::append(
                &mut tx,
                &actor
                    .audit(
                        if granted {
                            "consent_given"
                        } else {
                            "consent_withdrawn"
                        },
                        "candidate_consent",
                        candidate,
                        Some(c.data.org_id),
                    )
                    .with_after(json!({ "purpose": purpose, "org": org.map(|o| o.0) })),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    // ------------------------------------------------------------ export (Art. 15/20)

    /// All data about a candidate as one JSON document: profile (with German), other languages,
    /// qualifications, skills and
    /// occupations (with ESCO URIs), consents with history, documents asked for and uploaded
    /// (metadata and SHA-256; the bytes are downloaded one by one), erasure requests,
    /// placements with their steps, and the audit entries about the
    /// candidate. For the candidate and managing staff; the export itself is audited.
    pub async fn export_candidate(
        &self,
        actor: &Actor,
        candidate: i64,
    ) -> Result<serde_json::Value, AppError> {
        let view = self.esco().await?;
        let lang = actor.user.language.code();
        let now = self.now();
        // The export is audited first, on a connection outside the read transaction: a SQLite
        // transaction that read first cannot wait for the write lock, and the export's own
        // entry belongs in the audit entries it lists.
        let c = {
            let mut conn = self.db.conn().await?;
            let (c, _) = self.personal(&mut conn, actor, candidate).await?;
            drop(conn);
            self.audit_read(
                actor.audit("export", "candidate", candidate, Some(c.data.org_id)),
                now,
            )
            .await?;
            c
        };
        let mut tx = self.db.begin().await?;
        let skills: Vec<serde_json::Value> = rstore::candidate_skills(&mut tx, candidate)
            .await?
            .into_iter()
            .map(|s| {
                let info = view.skill(s.skill_id, lang);
                json!({
                    "uri": info.as_ref().map(|i| i.uri.clone()),
                    "label": info.map(|i| i.label),
                    "evidence": s.evidence,
                })
            })
            .collect();
        let occupations: Vec<serde_json::Value> = rstore::candidate_occupations(&mut tx, candidate)
            .await?
            .into_iter()
            .map(|(o, kind)| {
                let info = view.occupation(o, lang);
                json!({
                    "uri": info.as_ref().map(|i| i.uri.clone()),
                    "label": info.map(|i| i.label),
                    "kind": kind,
                })
            })
            .collect();
        let qualifications = rstore::qualifications(&mut tx, candidate).await?;
        let languages = rstore::candidate_languages(&mut tx, candidate).await?;
        let consents = self.consents(&mut tx, &c, None).await?;
        let requests = store::document_requests(&mut tx, candidate).await?;
        let documents = store::documents(&mut tx, candidate).await?;
        let erasure = store::erasure_requests_of(&mut tx, candidate).await?;
        let audit_entries = store::audit_about(&mut tx, candidate, c.data.user_id).await?;
        let placements = placements_of(&mut tx, candidate).await?;
        let shortlists = rstore::shortlists_of_candidate(&mut tx, candidate).await?;
        let introductions = rstore::introductions_of_candidate(&mut tx, candidate).await?;
        tx.commit().await?;
        let date = |d: Option<i64>| d.map(format_date);
        let d = &c.data;
        Ok(json!({
            "format": "standort-personal-data",
            "version": 1,
            "generated_at": iso(now),
            "legal_basis": "GDPR Art. 15 (access) and Art. 20 (portability)",
            "candidate": {
                "id": c.id,
                "family_name": d.family_name,
                "given_names": d.given_names,
                "country": d.country,
                "province": d.province,
                "email": d.email,
                "phone": d.phone,
                "german_level": d.german_level,
                "german_certificate": d.german_certificate,
                "german_exam_date": date(d.german_exam_date),
                "german_next_expected": date(d.german_next_expected),
                "licences": d.licences,
                "wished_regions": d.wished_regions,
                "available_from": date(d.available_from),
                "process_ended": date(c.process_ended_at),
                "created_at": iso(c.created_at),
                "updated_at": iso(c.updated_at),
            },
            "languages": languages.iter().map(|l| json!({
                "language": l.data.language, "level": l.data.level,
                "certificate": l.data.certificate, "exam_date": date(l.data.exam_date),
                "next_expected": date(l.data.next_expected), "position": l.position,
            })).collect::<Vec<_>>(),
            "qualifications": qualifications,
            "skills": skills,
            "occupations": occupations,
            "consents": {
                "share_with_all_employers": consents.share_employers,
                "talent_pool": consents.talent_pool,
                "employers": consents.employers.iter().filter_map(|(id, name, since)| {
                    since.map(|s| json!({"org_id": id, "organisation": name, "given_at": iso(s)}))
                }).collect::<Vec<_>>(),
                "history": consents.history.iter().map(|e| json!({
                    "purpose": e.purpose, "org_id": e.org_id, "granted": e.granted,
                    "at": iso(e.at), "by_user_id": e.by_user_id,
                })).collect::<Vec<_>>(),
            },
            "document_requests": requests.iter().map(|r| json!({
                "id": r.id, "kind": r.kind, "due_date": date(r.due_date),
                "requested_at": iso(r.requested_at), "fulfilled_by_document": r.fulfilled_by,
            })).collect::<Vec<_>>(),
            "documents": documents.iter().map(|m| json!({
                "id": m.id, "kind": m.kind, "file_name": m.file_name, "media_type": m.media_type,
                "size": m.size, "sha256": m.sha256, "uploaded_at": iso(m.uploaded_at),
                "request_id": m.request_id,
            })).collect::<Vec<_>>(),
            "erasure_requests": erasure.iter().map(|r| json!({
                "id": r.id, "state": r.state, "requested_at": iso(r.requested_at),
                "decided_at": r.decided_at.map(iso),
            })).collect::<Vec<_>>(),
            "placements": placements,
            // Employers who keep the person on their shortlist, and their requests to the
            // agency for an introduction with the answers (issue 11, point 14).
            "shortlists": shortlists.iter().map(|(org, position, at)| json!({
                "org_id": org, "position_id": position, "added_at": iso(*at),
            })).collect::<Vec<_>>(),
            "introduction_requests": introductions.iter().map(|r| json!({
                "id": r.id, "org_id": r.org_id, "organisation": r.org_name,
                "position_id": r.position_id, "position": r.position_title,
                "message": r.message, "state": r.state, "answer": r.answer,
                "requested_at": iso(r.requested_at), "answered_at": r.answered_at.map(iso),
            })).collect::<Vec<_>>(),
            "audit": audit_entries.iter().map(audit_json).collect::<Vec<_>>(),
        }))
    }

    // ------------------------------------------------------------ erasure (Art. 17)

    /// The candidate asks for erasure; staff see the request. Asking twice keeps one request.
    pub async fn request_erasure(&self, actor: &Actor) -> Result<ErasureRequest, AppError> {
        let id = self.own_candidate(actor).await?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let (c, _) = self.personal(&mut tx, actor, id).await?;
        let existing = store::open_erasure_request(&mut tx, id).await?;
        let request = store::request_erasure(&mut tx, id, c.data.org_id, now).await?;
        let mut mailed = 0;
        if existing.is_none() {
            // Those who decide erasure requests hear of a new one; the notification names the
            // request, not the person (the link leads to the list of open requests).
            use crate::notifications::{NotificationKind, Raise, Recipient};
            let raise = Raise {
                kind: NotificationKind::ErasureRequest,
                recipient: Recipient::role_for_record(Role::AgencyStaff, c.data.org_id),
                record_key: format!("erasure_request:{}", request.id),
                link: "/recruitment/erasure-requests".into(),
                params: json!({}),
                due_on: None,
            };
            mailed = self.raise(&mut tx, &[raise], now).await?.mailed;
            audit::append(
                &mut tx,
                &actor
                    .audit("erasure_requested", "candidate", id, Some(c.data.org_id))
                    .with_after(json!({ "request": request.id })),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        if mailed > 0 {
            self.wake_sender();
        }
        Ok(request)
    }

    /// Open erasure requests with the candidates' names (agency staff).
    pub async fn open_erasure_requests(
        &self,
        actor: &Actor,
    ) -> Result<Vec<ErasureRequestView>, AppError> {
        let scope = policy::require(actor, Permission::EraseCandidates)?;
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for request in store::erasure_requests(&mut conn, "open", scope.only()).await? {
            let name = match rstore::get_candidate(&mut conn, request.candidate_id).await {
                Ok(c) => format!("{} {}", c.data.family_name, c.data.given_names),
                Err(_) => String::new(),
            };
            out.push(ErasureRequestView { request, name });
        }
        Ok(out)
    }

    /// Erases a candidate (agency staff): the profile, qualifications, skills, occupations,
    /// documents, consents and their history, placements, and the candidate's login. Open
    /// erasure requests are marked done. The audit entry names who, when and the record id
    /// with row counts — no personal data.
    pub async fn erase_candidate(&self, actor: &Actor, candidate: i64) -> Result<Erased, AppError> {
        let scope = policy::require(actor, Permission::EraseCandidates)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let c = rstore::get_candidate(&mut tx, candidate).await?;
        policy::require_in_scope(scope, c.data.org_id)?;
        let erased = store::erase_candidate(&mut tx, candidate).await?;
        let requests =
            store::close_erasure_requests(&mut tx, candidate, "done", Some(actor.id()), now)
                .await?;
        rstore::bump_revision_for(&mut tx, &[rstore::Changed::Candidate(candidate)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("erase", "candidate", candidate, Some(c.data.org_id))
                .with_after(erasure_json(&erased, requests)),
            now,
        )
        .await?;
        tx.commit().await?;
        self.reclaim_erased().await;
        Ok(erased)
    }

    /// After erasures have committed: no copy of the deleted rows may stay in the database's
    /// files (SQLite's write-ahead log, PostgreSQL's dead tuples; see `Db::reclaim_erased`). The
    /// erasure itself is done either way, so a failure is logged for the operator, not
    /// reported as a failed erasure.
    async fn reclaim_erased(&self) {
        if let Err(e) = self.db.reclaim_erased(store::ERASURE_TABLES).await {
            tracing::warn!(error = %e, "erased rows could not be reclaimed from the database files yet");
        }
    }

    /// Declines an erasure request (e.g. a legal duty to keep the record); the candidate sees
    /// the request closed. Agency staff.
    pub async fn reject_erasure(&self, actor: &Actor, candidate: i64) -> Result<(), AppError> {
        let scope = policy::require(actor, Permission::EraseCandidates)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let c = rstore::get_candidate(&mut tx, candidate).await?;
        policy::require_in_scope(scope, c.data.org_id)?;
        let n =
            store::close_erasure_requests(&mut tx, candidate, "rejected", Some(actor.id()), now)
                .await?;
        if n == 0 {
            return Err(AppError::NotFound);
        }
        audit::append(
            &mut tx,
            &actor.audit(
                "erasure_rejected",
                "candidate",
                candidate,
                Some(c.data.org_id),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records that a candidate's process ended (`YYYY-MM-DD`; empty: it runs again). Staff.
    pub async fn set_process_ended(
        &self,
        actor: &Actor,
        candidate: i64,
        date: Option<&str>,
    ) -> Result<(), AppError> {
        let ended = parse_date("process_ended_at", &date.map(str::to_owned))?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let (c, access) = self.personal(&mut tx, actor, candidate).await?;
        if access != CandidateAccess::Manage {
            return Err(AppError::NotFound);
        }
        store::set_process_ended(&mut tx, candidate, ended, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "candidate", candidate, Some(c.data.org_id))
                .with_after(json!({ "fields": ["process_ended_at"] })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // ------------------------------------------------------------ retention

    /// The retention rule: candidates whose process ended `retention_months` ago or earlier
    /// without consent to stay in the talent pool are erased (a dry run only lists them). Each
    /// erasure is its own transaction with an audit entry by "system:retention".
    pub async fn run_retention(&self, dry_run: bool) -> Result<RetentionReport, AppError> {
        let now = self.now();
        let ended_before = months_before(now, self.settings.retention_months);
        let due = {
            let mut conn = self.db.conn().await?;
            store::retention_due(&mut conn, ended_before).await?
        };
        let mut report = RetentionReport {
            ended_before,
            due: due.iter().map(|(id, _)| *id).collect(),
            erased: Vec::new(),
        };
        if dry_run {
            return Ok(report);
        }
        for (id, org) in due {
            let mut tx = self.db.begin_write().await?;
            // Checked again inside the transaction: consent may have been given meanwhile.
            let still_due = store::retention_due(&mut tx, ended_before)
                .await?
                .iter()
                .any(|(c, _)| *c == id);
            if !still_due {
                continue;
            }
            let erased = store::erase_candidate(&mut tx, id).await?;
            let requests = store::close_erasure_requests(&mut tx, id, "done", None, now).await?;
            rstore::bump_revision_for(&mut tx, &[rstore::Changed::Candidate(id)]).await?;
            audit::append(
                &mut tx,
                &system_audit("erase", id, Some(org)).with_after(json!({
                    "rule": "retention",
                    "months": self.settings.retention_months,
                    "detail": erasure_json(&erased, requests),
                })),
                now,
            )
            .await?;
            tx.commit().await?;
            report.erased.push(id);
        }
        if !report.erased.is_empty() {
            self.reclaim_erased().await;
        }
        let mut conn = self.db.conn().await?;
        store::record_job(
            &mut conn,
            "retention",
            &json!({ "months": self.settings.retention_months, "ended_before": ended_before }),
            &format!("erased {} of {} due", report.erased.len(), report.due.len()),
            now,
        )
        .await?;
        Ok(report)
    }

    /// The periodic retention run of `standort serve`: runs only when this instance wins the
    /// shared lease (a row, so several instances never run it at once) and it is due.
    /// Returns the report when this instance ran it.
    pub async fn retention_tick(&self, holder: &str) -> Result<Option<RetentionReport>, AppError> {
        let now = self.now();
        let claimed = {
            let mut conn = self.db.conn().await?;
            store::claim_lease(&mut conn, RETENTION_LEASE, holder, now, now + 3600).await?
        };
        if !claimed {
            return Ok(None);
        }
        let result = self.run_retention(false).await;
        // Next run one interval later; after a failure, once the lease expires (an hour).
        if result.is_ok() {
            let mut conn = self.db.conn().await?;
            store::renew_lease(
                &mut conn,
                RETENTION_LEASE,
                holder,
                now + self.settings.retention_every_seconds,
            )
            .await?;
        }
        result.map(Some)
    }
}

/// A candidate's placements for the export: position, programme, every recorded step with its
/// details, the document checklist and costs.
async fn placements_of(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<serde_json::Value>, AppError> {
    use standort_store::placements as pstore;
    let filter = pstore::PlacementFilter {
        candidate: Some(candidate),
        ..Default::default()
    };
    let mut out = Vec::new();
    for p in pstore::all_placements(conn, &filter).await? {
        out.push(json!({
            "id": p.id,
            "position": p.position_title,
            "programme": p.programme_name,
            "created_at": iso(p.created_at),
            "steps": pstore::events(conn, p.id).await?,
            "checklist": pstore::checklist(conn, p.id).await?,
            "costs": pstore::costs(conn, p.id).await?,
        }));
    }
    Ok(out)
}

fn erasure_json(e: &Erased, requests: u64) -> serde_json::Value {
    json!({
        "rows": e.tables.iter().map(|(t, n)| json!({"table": t, "rows": n})).collect::<Vec<_>>(),
        "login_deleted": e.login.is_some(),
        "requests_closed": requests,
    })
}

fn audit_json(e: &AuditEntry) -> serde_json::Value {
    json!({
        "at": iso(e.at),
        "actor": e.actor_label,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "details": e.after,
    })
}

// ---------------------------------------------------------------- demo data

/// A one-page PDF ("Demo – not a real document") for the demo documents.
const DEMO_PDF: &[u8] = b"%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 58 >> stream
BT /F1 24 Tf 72 760 Td (Demo - not a real document) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
";

/// A 1×1 PNG.
const DEMO_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The portal demo: the candidate login's documents (two received, one still asked for) and
/// consents with history (all employers, the university hospital by name, the talent pool); an
/// erasure request waiting for staff; a process that ended two months ago (kept until the
/// retention rule's months have passed). Called by [`App::load_demo`] after the recruitment
/// demo.
pub async fn load_portal_demo(app: &App) -> Result<(), AppError> {
    let now = app.now();
    let day = 24 * 3600;
    let mut tx = app.db.begin_write().await?;
    let candidates = rstore::all_candidates(&mut tx).await?;
    let staff = standort_store::users::find_for_login(&mut tx, "staff@demo.standort.example")
        .await?
        .map(|(u, _)| u.id);
    let Some(own) = candidates.iter().find(|c| c.data.user_id.is_some()) else {
        return Err(AppError::Internal("demo candidate login missing".into()));
    };
    for c in &candidates {
        crate::recruitment::record_flag_changes(
            &mut tx,
            c.id,
            None,
            &c.data,
            staff,
            now - 30 * day,
        )
        .await?;
    }
    let clinic = store::search_employer_organisations(&mut tx, "Universitätsklinikum", 1)
        .await?
        .into_iter()
        .next()
        .map(|(id, _)| OrgId(id));
    if let Some(org) = clinic {
        store::set_employer_consent(&mut tx, own.id, org, true, now - 20 * day).await?;
        store::record_consent_event(
            &mut tx,
            own.id,
            "share_employer",
            Some(org),
            true,
            own.data.user_id,
            now - 20 * day,
        )
        .await?;
    }
    let passport =
        store::insert_document_request(&mut tx, own.id, "passport", None, staff, now - 25 * day)
            .await?;
    let diploma =
        store::insert_document_request(&mut tx, own.id, "diploma", None, staff, now - 25 * day)
            .await?;
    let due = (now / day + 30) * day;
    store::insert_document_request(
        &mut tx,
        own.id,
        "language_certificate",
        Some(due),
        staff,
        now - 25 * day,
    )
    .await?;
    for (request, kind, name, bytes) in [
        (passport, "passport", "ho-chieu.pdf", DEMO_PDF),
        (diploma, "diploma", "bang-dieu-duong.png", DEMO_PNG),
    ] {
        let media_type = sniff_media_type(bytes)
            .ok_or_else(|| AppError::Internal("demo document type".into()))?;
        store::insert_document(
            &mut tx,
            &NewDocument {
                candidate_id: own.id,
                request_id: Some(request),
                kind,
                file_name: name,
                media_type,
                sha256: &sha256_hex(bytes),
                content: bytes,
                uploaded_by: own.data.user_id,
            },
            now - 10 * day,
        )
        .await?;
    }
    let others: Vec<&rstore::CandidateRecord> =
        candidates.iter().filter(|c| c.id != own.id).collect();
    if let Some(c) = others.get(2) {
        store::request_erasure(&mut tx, c.id, c.data.org_id, now - 3 * day).await?;
    }
    if let Some(c) = others.iter().rev().find(|c| !c.data.consent_talent_pool) {
        store::set_process_ended(&mut tx, c.id, Some((now / day - 60) * day), now).await?;
    }
    rstore::bump_revision(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// The portal's dashboard cards: open erasure requests for staff; the candidate's own journey
/// and profile for candidates.
pub(crate) async fn dashboard(
    conn: &mut AnyConnection,
    actor: &Actor,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    match actor.role() {
        standort_domain::Role::AgencyStaff => {
            let open = standort_store::portal::erasure_requests(conn, "open", None)
                .await?
                .len() as i64;
            board.card(
                "card-erasure-requests",
                Some(open),
                "card-erasure-requests-hint",
                Some("/recruitment/erasure-requests"),
            );
        }
        standort_domain::Role::Candidate => {
            // "Your steps will appear here soon" only while no placement has begun.
            let filter = standort_store::placements::PlacementFilter {
                candidate_user: Some(actor.id()),
                ..Default::default()
            };
            let placements = standort_store::placements::all_placements(conn, &filter)
                .await?
                .len() as i64;
            if placements == 0 {
                board.card("card-my-journey", None, "card-my-journey-empty", None);
            } else {
                board.card(
                    "card-my-journey",
                    Some(placements),
                    "card-my-journey-hint",
                    Some("/portal#tracks"),
                );
            }
            board.card(
                "card-my-profile",
                None,
                "card-my-profile-hint",
                Some("/recruitment/my-profile"),
            );
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_decided_by_bytes_not_names() {
        assert_eq!(sniff_media_type(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(
            sniff_media_type(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Some("image/jpeg")
        );
        assert_eq!(
            sniff_media_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("image/png")
        );
        assert_eq!(sniff_media_type(b"MZ\x90\0 executable"), None);
        assert_eq!(sniff_media_type(b"<html>%PDF-"), None);
        assert_eq!(sniff_media_type(b""), None);
    }

    #[test]
    fn file_names_are_cleaned_and_follow_the_type() {
        assert_eq!(
            clean_file_name("C:\\Users\\x\\Hộ chiếu.exe", "application/pdf"),
            "Hộ chiếu.pdf"
        );
        assert_eq!(
            clean_file_name("../../etc/passwd", "image/png"),
            "passwd.png"
        );
        assert_eq!(clean_file_name("a\"b;c.jpg", "image/jpeg"), "abc.jpg");
        assert_eq!(clean_file_name("", "image/png"), "document.png");
        // U+202E (right-to-left override) would show "Rechnung<RLO>fdp.exe" as "Rechnungexe.pdf".
        assert_eq!(
            clean_file_name("Rechnung\u{202E}fdp.exe.pdf", "application/pdf"),
            "Rechnungfdp.exe.pdf"
        );
        assert_eq!(
            clean_file_name("\u{2067}a\u{2069}\u{200F}.png", "image/png"),
            "a.png"
        );
    }

    #[test]
    fn months_are_calendar_months() {
        let t = |s: &str| parse_date("d", &Some(s.into())).unwrap().unwrap();
        assert_eq!(months_before(t("2026-08-31"), 6), t("2026-02-28"));
        assert_eq!(months_before(t("2026-03-15"), 6), t("2025-09-15"));
        assert_eq!(months_before(t("2026-01-01"), 0), t("2026-01-01"));
        assert_eq!(months_before(t("2026-01-10"), 13), t("2024-12-10"));
    }

    #[test]
    fn checksum_is_sha256_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
