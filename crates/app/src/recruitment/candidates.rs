//! Candidate profiles: create, edit, read (with the `read` audit entry), list, count, link a login;
//! the field-name diff that audit entries about candidates carry.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::date::parse_date;
use standort_domain::{PersonName, Role, UserId, ValidationError};
use standort_esco::fold_for_search;
use standort_store::list::Order;
use standort_store::recruitment::{
    self as store, CandidateData, CandidateFilter, CandidateRecord, CandidateSort, LanguageRecord,
    Qualification,
};
use standort_store::{AnyConnection, PageRequest, Paged, audit};

use crate::esco::{OccupationInfo, SkillInfo};
use crate::policy::{self, CandidateAccess, Permission};
use crate::{Actor, App, AppError};

use super::{
    CEFR_LEVELS, checkbox, country, line, parse_cefr, parse_licences, parse_list, required,
};

/// What the candidates list shows: search text, filters and order (see `docs/lists.md`).
#[derive(Debug, Clone, Default)]
pub struct CandidateQuery {
    /// Words of the name (matched without diacritics).
    pub name: Option<String>,
    /// A counsellor's own caseload.
    pub mine: bool,
    /// Country of origin (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// German level at least this CEFR level (`A1` … `C2`).
    pub german_min: Option<String>,
    pub order: Order<CandidateSort>,
    /// `Some(format)` when the rows are read for a download (audited as `export`).
    pub export: Option<&'static str>,
}

/// The CEFR levels at or above `min` (empty: no filter; an unknown level filters nothing).
fn at_least(min: Option<&str>) -> Vec<String> {
    let Some(min) = min.map(|m| m.trim().to_ascii_uppercase()) else {
        return Vec::new();
    };
    match CEFR_LEVELS.iter().position(|l| *l == min) {
        Some(i) => CEFR_LEVELS[i..].iter().map(|l| (*l).to_owned()).collect(),
        None => Vec::new(),
    }
}

/// A candidate profile as it arrives from a form or JSON (text fields; dates `YYYY-MM-DD`;
/// licences and regions comma-separated; consents as checkboxes).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CandidateInput {
    pub family_name: Option<String>,
    pub given_names: Option<String>,
    pub country: Option<String>,
    pub province: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub german_level: Option<String>,
    pub german_certificate: Option<String>,
    pub german_exam_date: Option<String>,
    pub german_next_expected: Option<String>,
    pub licences: Option<String>,
    pub wished_regions: Option<String>,
    pub available_from: Option<String>,
    pub consent_share_employers: Option<String>,
    pub consent_talent_pool: Option<String>,
}

/// A candidate profile as an actor may see it.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateProfile {
    pub record: CandidateRecord,
    #[serde(skip)]
    pub access: CandidateAccess,
    pub skills: Vec<(SkillInfo, String)>,
    pub worked: Vec<OccupationInfo>,
    pub wished: Vec<OccupationInfo>,
    pub qualifications: Vec<Qualification>,
    /// Languages other than German, in order (German is in `record.data`).
    pub languages: Vec<LanguageRecord>,
}

impl CandidateProfile {
    pub fn display_name(&self) -> String {
        format!(
            "{} {}",
            self.record.data.family_name, self.record.data.given_names
        )
    }
}

/// The names of the fields whose values differ between two versions of a profile (`None`:
/// every field that holds a value). Audit entries about candidates carry these names and ids
/// only, never the values: see "Personal data (GDPR)" in docs/recruitment.md.
pub(crate) fn changed_fields(before: Option<&CandidateData>, after: &CandidateData) -> Vec<String> {
    let empty = serde_json::Value::Null;
    let a = serde_json::to_value(after).unwrap_or_default();
    let b = before.map(|b| serde_json::to_value(b).unwrap_or_default());
    let mut out = Vec::new();
    if let Some(map) = a.as_object() {
        for (k, v) in map {
            let old = b.as_ref().map(|b| b.get(k).unwrap_or(&empty));
            let differs = match old {
                Some(old) => old != v,
                None => {
                    !(v.is_null()
                        || v == &serde_json::json!([])
                        || v == &serde_json::json!(false)
                        || v == &serde_json::json!(""))
                }
            };
            if differs {
                out.push(k.clone());
            }
        }
    }
    out
}

/// `{"fields": [...]}` for an audit entry.
fn fields_json(before: Option<&CandidateData>, after: &CandidateData) -> serde_json::Value {
    json!({ "fields": changed_fields(before, after) })
}

/// Records changes of the two general consent flags in the consent history.
pub(crate) async fn record_flag_changes(
    conn: &mut AnyConnection,
    candidate: i64,
    before: Option<&CandidateData>,
    after: &CandidateData,
    by: Option<UserId>,
    now: i64,
) -> Result<(), AppError> {
    let was = |f: fn(&CandidateData) -> bool| before.map(f).unwrap_or(false);
    for (purpose, old, new) in [
        (
            "share_employers",
            was(|d| d.consent_share_employers),
            after.consent_share_employers,
        ),
        (
            "talent_pool",
            was(|d| d.consent_talent_pool),
            after.consent_talent_pool,
        ),
    ] {
        if old != new {
            standort_store::portal::record_consent_event(
                conn, candidate, purpose, None, new, by, now,
            )
            .await?;
        }
    }
    Ok(())
}

pub(super) fn fold_name(d: &CandidateData) -> String {
    fold_for_search(&format!("{} {}", d.family_name, d.given_names))
}

impl App {
    fn candidate_data(
        &self,
        input: &CandidateInput,
        base: CandidateData,
    ) -> Result<CandidateData, AppError> {
        let family = PersonName::parse(&required("family_name", &input.family_name, 200)?)
            .map_err(|_| ValidationError::new("family_name", "required"))?;
        let given = PersonName::parse(&required("given_names", &input.given_names, 200)?)
            .map_err(|_| ValidationError::new("given_names", "required"))?;
        let email = match line("email", &input.email, 254)? {
            Some(e) => Some(standort_domain::Email::parse(&e)?.as_str().to_owned()),
            None => None,
        };
        Ok(CandidateData {
            family_name: family.as_str().to_owned(),
            given_names: given.as_str().to_owned(),
            country: country(&input.country, "VN")?,
            province: line("province", &input.province, 100)?.unwrap_or_default(),
            email,
            phone: line("phone", &input.phone, 50)?,
            german_level: parse_cefr("german_level", &input.german_level)?,
            german_certificate: line("german_certificate", &input.german_certificate, 100)?,
            german_exam_date: parse_date("german_exam_date", &input.german_exam_date)?,
            german_next_expected: parse_date("german_next_expected", &input.german_next_expected)?,
            licences: parse_licences(&input.licences)?,
            wished_regions: parse_list(&input.wished_regions),
            available_from: parse_date("available_from", &input.available_from)?,
            consent_share_employers: checkbox(&input.consent_share_employers),
            consent_talent_pool: checkbox(&input.consent_talent_pool),
            ..base
        })
    }

    /// Creates a candidate profile (agency staff, job counsellors). A counsellor's new
    /// candidates join their caseload.
    pub async fn create_candidate(
        &self,
        actor: &Actor,
        input: &CandidateInput,
    ) -> Result<CandidateRecord, AppError> {
        policy::require(actor, Permission::ManageCandidates)?;
        let data = self.candidate_data(
            input,
            CandidateData {
                org_id: actor.user.org_id,
                user_id: None,
                counsellor_id: (actor.role() == Role::JobCounsellor).then(|| actor.id()),
                family_name: String::new(),
                given_names: String::new(),
                country: String::new(),
                province: String::new(),
                email: None,
                phone: None,
                german_level: None,
                german_certificate: None,
                german_exam_date: None,
                german_next_expected: None,
                licences: Vec::new(),
                wished_regions: Vec::new(),
                available_from: None,
                consent_share_employers: false,
                consent_talent_pool: false,
            },
        )?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let c = store::insert_candidate(&mut tx, &data, &fold_name(&data), now).await?;
        record_flag_changes(&mut tx, c.id, None, &c.data, Some(actor.id()), now).await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Candidate(c.id)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "candidate", c.id, Some(c.data.org_id))
                .with_after(fields_json(None, &c.data)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(c)
    }

    /// Loads a candidate and decides access; `NotFound` outside the actor's view.
    pub(super) async fn candidate_for(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        id: i64,
    ) -> Result<(CandidateRecord, CandidateAccess), AppError> {
        let c = store::get_candidate(conn, id).await?;
        let shared = policy::allows(actor.role(), Permission::ReadSharedCandidates)
            && store::is_shared_with(conn, id, actor.user.org_id).await?;
        let access = policy::candidate_access(actor, c.data.user_id, shared)?;
        Ok((c, access))
    }

    /// Changes a candidate profile (staff, counsellors, or the candidate themself).
    pub async fn update_candidate(
        &self,
        actor: &Actor,
        id: i64,
        input: &CandidateInput,
    ) -> Result<CandidateRecord, AppError> {
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let (before, access) = self.candidate_for(&mut tx, actor, id).await?;
        if access == CandidateAccess::Shared {
            return Err(AppError::Forbidden);
        }
        let data = self.candidate_data(input, before.data.clone())?;
        let after = store::update_candidate(&mut tx, id, &data, &fold_name(&data), now).await?;
        record_flag_changes(
            &mut tx,
            id,
            Some(&before.data),
            &after.data,
            Some(actor.id()),
            now,
        )
        .await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Candidate(id)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "candidate", id, Some(after.data.org_id))
                .with_after(fields_json(Some(&before.data), &after.data)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// A candidate profile as the actor may see it; reads by anyone but the candidate are
    /// audited. Employers get no contact details.
    pub async fn get_candidate(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<CandidateProfile, AppError> {
        let view = self.esco().await?;
        let lang = actor.user.language.code();
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (mut record, access) = self.candidate_for(&mut tx, actor, id).await?;
        let skills = store::candidate_skills(&mut tx, id).await?;
        let occupations = store::candidate_occupations(&mut tx, id).await?;
        let qualifications = store::qualifications(&mut tx, id).await?;
        let languages = store::candidate_languages(&mut tx, id).await?;
        tx.commit().await?;
        // The audit entry in a transaction of its own after the read one: a SQLite transaction
        // that read first cannot wait for the write lock (see `list_candidates`). Written before
        // the profile is returned, so no unaudited read leaves.
        if access != CandidateAccess::Own {
            self.audit_read(
                actor.audit("read", "candidate", id, Some(record.data.org_id)),
                now,
            )
            .await?;
        }
        if access == CandidateAccess::Shared {
            record.data.email = None;
            record.data.phone = None;
        }
        let occ = |kind: &str| {
            occupations
                .iter()
                .filter(|(_, k)| k == kind)
                .filter_map(|(o, _)| view.occupation(*o, lang))
                .collect()
        };
        Ok(CandidateProfile {
            access,
            skills: skills
                .iter()
                .filter_map(|s| Some((view.skill(s.skill_id, lang)?, s.evidence.clone())))
                .collect(),
            worked: occ("worked"),
            wished: occ("wished"),
            qualifications,
            languages,
            record,
        })
    }

    /// The candidate profile of the logged-in candidate, if one is linked to their login.
    pub async fn own_candidate_id(&self, actor: &Actor) -> Result<Option<i64>, AppError> {
        policy::require(actor, Permission::ManageOwnProfile)?;
        let mut conn = self.db.conn().await?;
        Ok(store::candidate_of_user(&mut conn, actor.id())
            .await?
            .map(|c| c.id))
    }

    /// Lists candidates: staff and counsellors all (`mine`: a counsellor's caseload), employers
    /// only those who consented to be shown. `name` matches without diacritics. Audited.
    pub async fn list_candidates(
        &self,
        actor: &Actor,
        name: Option<&str>,
        mine: bool,
        page: PageRequest,
    ) -> Result<Paged<CandidateRecord>, AppError> {
        let query = CandidateQuery {
            name: name.map(str::to_owned),
            mine,
            ..Default::default()
        };
        self.query_candidates(actor, &query, page).await
    }

    /// The candidates list with its filters and order ([`CandidateQuery`]); a download
    /// (`query.export`) is audited as an `export` of the ids it carries, a page as a `list`.
    pub async fn query_candidates(
        &self,
        actor: &Actor,
        query: &CandidateQuery,
        page: PageRequest,
    ) -> Result<Paged<CandidateRecord>, AppError> {
        let shared_only = if policy::allows(actor.role(), Permission::ManageCandidates) {
            false
        } else if policy::allows(actor.role(), Permission::ReadSharedCandidates) {
            true
        } else {
            return Err(AppError::NotFound);
        };
        let filter = CandidateFilter {
            name: query
                .name
                .as_deref()
                .map(fold_for_search)
                .filter(|n| !n.trim().is_empty()),
            counsellor: query.mine.then(|| actor.id()),
            shared_with: shared_only.then_some(actor.user.org_id),
            country: query
                .country
                .as_deref()
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| c.len() == 2),
            german_levels: at_least(query.german_min.as_deref()),
            order: query.order,
        };
        let now = self.now();
        // Read, then append the audit entry as a statement of its own: a SQLite transaction that
        // reads first cannot wait for the write lock (it fails at once when another request
        // wrote in between), so concurrent list reads failed under load. The entry is written
        // before the list is returned, so no unaudited list leaves.
        let mut conn = self.db.conn().await?;
        let mut list = store::list_candidates(&mut conn, &filter, page).await?;
        if !list.items.is_empty() {
            let ids: Vec<i64> = list.items.iter().map(|c| c.id).collect();
            drop(conn);
            let entry = match query.export {
                Some(format) => actor
                    .audit("export", "candidate", "", None)
                    .with_after(json!({ "ids": ids, "format": format })),
                None => actor
                    .audit("list", "candidate", "", None)
                    .with_after(json!({ "ids": ids })),
            };
            self.audit_read(entry, now).await?;
        }
        if shared_only {
            for c in &mut list.items {
                c.data.email = None;
                c.data.phone = None;
            }
        }
        Ok(list)
    }

    /// How many candidates the actor's dashboard card counts (caseload for counsellors).
    pub async fn count_candidates(&self, actor: &Actor, mine: bool) -> Result<i64, AppError> {
        let mut conn = self.db.conn().await?;
        Ok(store::count_candidates(
            &mut conn,
            &CandidateFilter {
                counsellor: mine.then(|| actor.id()),
                shared_with: (actor.role() == Role::Employer).then_some(actor.user.org_id),
                ..Default::default()
            },
        )
        .await?)
    }

    /// Links a login to a candidate's profile (the demo data; accepted invitations go through
    /// [`link_login`]).
    pub async fn link_candidate_login(
        &self,
        actor: &Actor,
        candidate: i64,
        user: UserId,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageCandidates)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let (org, changed) = link_login(&mut tx, candidate, user, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "candidate", candidate, Some(org))
                .with_after(changed),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Sets the login of a candidate's profile within the caller's transaction (matching sees the
/// change through the revision log); returns the profile's organisation and the changed
/// fields' names for the caller's audit entry.
pub(crate) async fn link_login(
    tx: &mut AnyConnection,
    candidate: i64,
    user: UserId,
    now: i64,
) -> Result<(standort_domain::OrgId, serde_json::Value), AppError> {
    let before = store::get_candidate(tx, candidate).await?;
    let data = CandidateData {
        user_id: Some(user),
        ..before.data.clone()
    };
    let after = store::update_candidate(tx, candidate, &data, &fold_name(&data), now).await?;
    store::bump_revision_for(tx, &[store::Changed::Candidate(candidate)]).await?;
    Ok((
        after.data.org_id,
        fields_json(Some(&before.data), &after.data),
    ))
}
