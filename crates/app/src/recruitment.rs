//! Skilled workers: candidate profiles, employers' positions and matching between them.
//!
//! Permissions come from [`policy`]: agency staff and job counsellors manage candidates;
//! employers manage and see only their own organisation's positions and see only candidates who
//! consented to be shown to employers (without contact details); candidates see their own
//! profile. Anything outside that answers `NotFound`. Every write audits before/after in the
//! same transaction; every read of a candidate record by someone other than the candidate
//! writes a `read` entry.
//!
//! Matching uses `standort_matching` over a [`MatchView`] — candidates and open positions in
//! the engine's form — which is a cache of the database like the ESCO view. Every write bumps
//! the recruitment revision and logs which candidates and positions it changed
//! (`store::bump_revision_for`); before each use the view re-reads just those records and
//! updates its index in place. It is rebuilt only when the ESCO generation changed, the log no
//! longer reaches back to the view's revision, or a write changed everything (demo loads).

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::{OrgId, PersonName, Role, UserId, ValidationError};
use standort_esco::fold_for_search;
use standort_matching as m;
use standort_store::esco::Concept;
use standort_store::recruitment::{
    self as store, CandidateData, CandidateFilter, CandidateRecord, HeldSkill, LanguageRecord,
    PositionData, PositionRecord, Qualification, RequiredSkill, SpokenLanguage,
};
use standort_store::{AnyConnection, PageRequest, Paged, audit, orgs};
use time::Date;

use crate::esco::{EscoView, OccupationInfo, SkillInfo};
use crate::policy::{self, CandidateAccess, Permission, Scope};
use crate::{Actor, App, AppError};

// ---------------------------------------------------------------- parsing helpers

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn line(field: &'static str, s: &Option<String>, max: usize) -> Result<Option<String>, AppError> {
    Ok(standort_domain::optional_line(field, s.as_deref(), max)?)
}

fn required(field: &'static str, s: &Option<String>, max: usize) -> Result<String, AppError> {
    line(field, s, max)?.ok_or_else(|| ValidationError::new(field, "required").into())
}

/// `YYYY-MM-DD` → Unix seconds at 00:00 UTC.
pub fn parse_date(field: &'static str, s: &Option<String>) -> Result<Option<i64>, AppError> {
    let Some(v) = opt(s) else { return Ok(None) };
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = Date::parse(v, &fmt).map_err(|_| ValidationError::new(field, "invalid-date"))?;
    Ok(Some(d.midnight().assume_utc().unix_timestamp()))
}

/// Unix seconds → `YYYY-MM-DD`.
pub fn format_date(unix: i64) -> String {
    date_of(unix)
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_default()
}

fn date_of(unix: i64) -> Option<Date> {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .map(|t| t.date())
}

fn cefr(s: &str) -> Option<m::Cefr> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_uppercase())).ok()
}

fn parse_cefr(field: &'static str, s: &Option<String>) -> Result<Option<String>, AppError> {
    match opt(s) {
        None => Ok(None),
        Some(v) => cefr(v)
            .map(|_| Some(v.to_ascii_uppercase()))
            .ok_or_else(|| ValidationError::new(field, "invalid-cefr").into()),
    }
}

fn licence(s: &str) -> Option<m::LicenceClass> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_uppercase())).ok()
}

/// "B, D" → `["B", "D"]`, each a known EU class.
fn parse_licences(s: &Option<String>) -> Result<Vec<String>, AppError> {
    let mut out: Vec<String> = Vec::new();
    for part in opt(s).unwrap_or("").split([',', ' ', ';']) {
        if part.trim().is_empty() {
            continue;
        }
        if licence(part).is_none() {
            return Err(ValidationError::new("licences", "invalid-licence").into());
        }
        let p = part.trim().to_ascii_uppercase();
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

fn parse_list(s: &Option<String>) -> Vec<String> {
    opt(s)
        .unwrap_or("")
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.chars().take(100).collect())
        .collect()
}

fn checkbox(s: &Option<String>) -> bool {
    matches!(opt(s), Some("on" | "1" | "true" | "yes"))
}

fn country(s: &Option<String>, default: &str) -> Result<String, AppError> {
    let c = opt(s).unwrap_or(default).to_ascii_uppercase();
    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(ValidationError::new("country", "invalid-country").into())
    }
}

pub const EVIDENCE: [&str; 3] = ["self_declared", "observed", "certified"];
pub const RECOGNITION: [&str; 6] = [
    "not_needed",
    "none",
    "in_progress",
    "partial",
    "recognised",
    "refused",
];
pub const POSITION_KINDS: [&str; 2] = ["skilled_job", "apprenticeship"];
pub const CEFR_LEVELS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

/// Levels of a language other than German: the CEFR levels and `native` (mother tongue).
pub const LANGUAGE_LEVELS: [&str; 7] = ["A1", "A2", "B1", "B2", "C1", "C2", "native"];

/// The ISO 639-1 codes a candidate's other languages may have: the languages of the countries
/// the agency recruits in and of the people met in integration courses, each with a name in the
/// three catalogues (`language-name-<code>`). German (`de`) is not among them: it lives in the
/// German fields of the profile, which matching and the language track read.
pub const LANGUAGES: &[&str] = &[
    "am", "ar", "bg", "bn", "bs", "cs", "el", "en", "es", "fa", "fr", "hi", "hr", "hu", "hy", "id",
    "it", "ja", "ka", "kk", "km", "ko", "ku", "ky", "lo", "mn", "ms", "my", "ne", "nl", "pl", "ps",
    "pt", "ro", "ru", "si", "sk", "so", "sq", "sr", "sw", "ta", "th", "ti", "tl", "tr", "uk", "ur",
    "uz", "vi", "zh",
];

/// At most this many other languages per candidate.
pub const MAX_LANGUAGES: usize = 20;

// ---------------------------------------------------------------- inputs

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

/// One language other than German as it arrives from a form or JSON: ISO 639-1 code, level
/// (`A1` … `C2` or `native`), certificate, dates `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LanguageInput {
    pub language: Option<String>,
    pub level: Option<String>,
    pub certificate: Option<String>,
    pub exam_date: Option<String>,
    pub next_expected: Option<String>,
}

impl LanguageInput {
    /// Checks every field; errors name the field (`language`, `level`, `certificate`,
    /// `exam_date`, `next_expected`).
    pub fn parse(&self) -> Result<SpokenLanguage, AppError> {
        let code = opt(&self.language)
            .ok_or(ValidationError::new("language", "required"))?
            .to_ascii_lowercase();
        if code == "de" {
            return Err(ValidationError::new("language", "german-in-languages").into());
        }
        if !LANGUAGES.contains(&code.as_str()) {
            return Err(ValidationError::new("language", "unknown-language").into());
        }
        let raw = opt(&self.level).ok_or(ValidationError::new("level", "required"))?;
        let level = if raw.eq_ignore_ascii_case("native") {
            "native".to_owned()
        } else {
            let upper = raw.to_ascii_uppercase();
            if !CEFR_LEVELS.contains(&upper.as_str()) {
                return Err(ValidationError::new("level", "invalid-level").into());
            }
            upper
        };
        let next_expected = parse_date("next_expected", &self.next_expected)?;
        if next_expected.is_some() && matches!(level.as_str(), "native" | "C2") {
            return Err(ValidationError::new("next_expected", "no-next-level").into());
        }
        Ok(SpokenLanguage {
            language: code,
            level,
            certificate: line("certificate", &self.certificate, 100)?,
            exam_date: parse_date("exam_date", &self.exam_date)?,
            next_expected,
        })
    }
}

impl From<&SpokenLanguage> for LanguageInput {
    fn from(l: &SpokenLanguage) -> Self {
        LanguageInput {
            language: Some(l.language.clone()),
            level: Some(l.level.clone()),
            certificate: l.certificate.clone(),
            exam_date: l.exam_date.map(format_date),
            next_expected: l.next_expected.map(format_date),
        }
    }
}

/// A change of a candidate's other languages.
#[derive(Debug, Clone)]
enum LanguageChange {
    /// The whole list, in order.
    Set(Vec<SpokenLanguage>),
    /// One language appended, or changed in place where the candidate already has it.
    Add(SpokenLanguage),
    /// One row removed (by its id).
    Remove(i64),
}

/// A position as it arrives from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PositionInput {
    pub title: Option<String>,
    /// `skilled_job` or `apprenticeship`.
    pub kind: Option<String>,
    /// Agency staff choose the employer; employers always post for their own organisation.
    pub org_id: Option<i64>,
    /// ESCO occupation (database id); its essential and optional skills are prefilled.
    pub occupation_id: Option<i64>,
    pub german_level: Option<String>,
    /// `yes`/`no`; default: yes for regulated occupations.
    pub recognition_required: Option<String>,
    pub recognition_partnership: Option<String>,
    pub licences: Option<String>,
    pub place: Option<String>,
    pub places: Option<i64>,
    pub start_date: Option<String>,
    /// On update only: `open`/`closed` (or a checkbox); absent keeps the current state.
    #[serde(default)]
    pub is_open: Option<String>,
}

// ---------------------------------------------------------------- outputs

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

#[derive(Debug, Clone, Serialize)]
pub struct PositionView {
    pub record: PositionRecord,
    pub organisation: String,
    pub occupation: Option<OccupationInfo>,
    pub essential: Vec<SkillInfo>,
    pub optional: Vec<SkillInfo>,
}

/// A machine-readable explanation line; the web layer translates `key` (a Fluent key) with
/// `arg`.
#[derive(Debug, Clone, Serialize)]
pub struct ExplainLine {
    /// `match-gate-…` or `match-factor-…`.
    pub label_key: String,
    /// `match-reason-…`.
    pub reason_key: String,
    /// Argument for the reason (`levels`, `days`, `classes`).
    pub arg: Option<(String, String)>,
    /// Matched / required, for coverage factors.
    pub count: Option<(f64, u32)>,
    /// Gates: passed or not; factors: `None`.
    pub passed: Option<bool>,
    /// Factor value and weight, percent.
    pub value_pct: u32,
    pub weight_pct: u32,
}

/// A readable breakdown of one match.
#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    pub score_pct: u32,
    pub eligible: bool,
    pub lines: Vec<ExplainLine>,
    pub missing: Vec<SkillInfo>,
    /// (required skill, held skill, link code)
    pub partial: Vec<(SkillInfo, SkillInfo, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CandidateMatch {
    pub candidate_id: i64,
    pub name: String,
    pub country: String,
    pub province: String,
    pub explained: Explained,
}

#[derive(Debug, Clone, Serialize)]
pub struct PositionMatch {
    pub position_id: i64,
    pub title: String,
    pub organisation: String,
    pub place: String,
    pub explained: Explained,
}

#[derive(Debug, Clone, Serialize)]
pub struct OccupationFit {
    pub occupation: OccupationInfo,
    pub score_pct: u32,
    pub missing: Vec<SkillInfo>,
}

/// What the interview page shows for a set of skills.
#[derive(Debug, Clone, Serialize)]
pub struct InterviewResult {
    pub occupations: Vec<OccupationFit>,
    pub positions: Vec<PositionMatch>,
}

fn snake<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn reason_parts(r: &m::Reason) -> (String, Option<(String, String)>) {
    let code = match serde_json::to_value(r) {
        Ok(v) => v["code"].as_str().unwrap_or("").to_owned(),
        Err(_) => String::new(),
    };
    let arg = match r {
        m::Reason::GermanGap { levels } => Some(("levels".into(), levels.to_string())),
        m::Reason::AvailableAfterStart { days_late } => {
            Some(("days".into(), days_late.to_string()))
        }
        m::Reason::LicencesMissing { missing } => Some((
            "classes".into(),
            missing.iter().map(snake).collect::<Vec<_>>().join(", "),
        )),
        _ => None,
    };
    (format!("match-reason-{}", code.replace('_', "-")), arg)
}

fn pct(v: f64) -> u32 {
    (v.clamp(0.0, 1.0) * 100.0).round() as u32
}

fn explain(view: &EscoView, b: &m::Breakdown, lang: &str) -> Explained {
    let mut lines = Vec::new();
    for g in &b.gates {
        let (reason_key, arg) = reason_parts(&g.reason);
        lines.push(ExplainLine {
            label_key: format!("match-gate-{}", snake(&g.kind).replace('_', "-")),
            reason_key,
            arg,
            count: None,
            passed: Some(g.passed),
            value_pct: 0,
            weight_pct: 0,
        });
    }
    for f in &b.factors {
        let (reason_key, arg) = reason_parts(&f.reason);
        lines.push(ExplainLine {
            label_key: format!("match-factor-{}", snake(&f.kind).replace('_', "-")),
            reason_key,
            arg,
            count: f.count.map(|c| (c.matched, c.of)),
            passed: None,
            value_pct: pct(f.value),
            weight_pct: pct(f.weight),
        });
    }
    let skill = |s: m::SkillId| {
        view.skill(view.skill_db(s), lang).unwrap_or(SkillInfo {
            id: 0,
            uri: String::new(),
            label: String::new(),
        })
    };
    Explained {
        score_pct: pct(b.score),
        eligible: b.eligible,
        lines,
        missing: b.missing_essential.iter().map(|&s| skill(s)).collect(),
        partial: b
            .partial_essential
            .iter()
            .map(|p| (skill(p.skill), skill(p.via), snake(&p.link)))
            .collect(),
    }
}

// ---------------------------------------------------------------- the matching view (cache)

/// Candidates and open positions in the engine's form, at one (ESCO generation, recruitment
/// revision). A cache: see the module docs.
#[derive(Debug)]
pub struct MatchView {
    esco: Arc<EscoView>,
    revision: i64,
    config: m::MatchConfig,
    candidates: m::CandidateIndex,
    positions: m::PositionIndex,
    candidate_records: HashMap<i64, CandidateRecord>,
    position_records: HashMap<i64, PositionRecord>,
    organisations: HashMap<i64, String>,
    regions: HashMap<String, m::RegionId>,
}

/// This process's matching view and the lock that lets one request at a time bring it up to
/// date (`App::with_match_view`).
#[derive(Debug, Default)]
pub struct MatchCache {
    updating: tokio::sync::Mutex<()>,
    view: std::sync::RwLock<Option<MatchView>>,
    /// Full builds of the view so far (a diagnostic: updates in place do not count).
    builds: std::sync::atomic::AtomicU64,
}

/// More changed records than this since the view's revision: rebuild instead of updating.
const INCREMENTAL_LIMIT: usize = 1_000;

/// A changed record as read from the database, ready to go into the view.
enum Fresh {
    Candidate {
        record: CandidateRecord,
        skills: Vec<i64>,
        recognitions: Vec<String>,
    },
    CandidateGone(i64),
    Position {
        record: PositionRecord,
        skills: Vec<(i64, String)>,
        organisation: String,
    },
    PositionGone(i64),
}

/// Reads the current state of the changed records (erased or closed ones as gone).
async fn read_changed(
    conn: &mut AnyConnection,
    changes: &[store::Changed],
) -> Result<Vec<Fresh>, AppError> {
    let mut out = Vec::with_capacity(changes.len());
    for change in changes {
        match *change {
            store::Changed::Candidate(id) => match store::get_candidate(conn, id).await {
                Ok(record) => {
                    let skills = store::candidate_skills(conn, id)
                        .await?
                        .into_iter()
                        .map(|s| s.skill_id)
                        .collect();
                    let recognitions = store::qualifications(conn, id)
                        .await?
                        .into_iter()
                        .map(|q| q.recognition)
                        .collect();
                    out.push(Fresh::Candidate {
                        record,
                        skills,
                        recognitions,
                    });
                }
                Err(standort_store::StoreError::NotFound) => out.push(Fresh::CandidateGone(id)),
                Err(e) => return Err(e.into()),
            },
            store::Changed::Position(id) => match store::get_position(conn, id).await {
                Ok(record) if record.data.is_open => {
                    let skills = store::position_skills(conn, id)
                        .await?
                        .into_iter()
                        .map(|s| (s.skill_id, s.relation))
                        .collect();
                    let organisation = orgs::get(conn, record.data.org_id).await?.name;
                    out.push(Fresh::Position {
                        record,
                        skills,
                        organisation,
                    });
                }
                Ok(_) | Err(standort_store::StoreError::NotFound) => {
                    out.push(Fresh::PositionGone(id))
                }
                Err(e) => return Err(e.into()),
            },
        }
    }
    Ok(out)
}

impl MatchView {
    /// Puts changed records into the index (no rebuild: the engine's indexes update per
    /// profile).
    fn apply(&mut self, fresh: Vec<Fresh>, revision: i64) {
        for f in fresh {
            match f {
                Fresh::Candidate {
                    record,
                    skills,
                    recognitions,
                } => {
                    let recs: Vec<&str> = recognitions.iter().map(String::as_str).collect();
                    let c = engine_candidate(
                        &self.esco,
                        &mut self.regions,
                        record.id,
                        &record.data,
                        &skills,
                        &recs,
                    );
                    self.candidates.upsert(c);
                    self.candidate_records.insert(record.id, record);
                }
                Fresh::CandidateGone(id) => {
                    self.candidates.remove(m::CandidateId(id));
                    self.candidate_records.remove(&id);
                }
                Fresh::Position {
                    record,
                    skills,
                    organisation,
                } => {
                    let p = engine_position(&self.esco, &mut self.regions, &record, &skills);
                    self.positions.upsert(&self.esco.taxonomy, &p);
                    self.organisations
                        .insert(record.data.org_id.0, organisation);
                    self.position_records.insert(record.id, record);
                }
                Fresh::PositionGone(id) => {
                    self.positions.remove(m::PositionId(id));
                    self.position_records.remove(&id);
                }
            }
        }
        self.revision = revision;
    }
}

fn region_id(regions: &mut HashMap<String, m::RegionId>, name: &str) -> m::RegionId {
    let key = fold_for_search(name.trim());
    let next = m::RegionId(regions.len() as u32);
    *regions.entry(key).or_insert(next)
}

fn best_recognition(list: &[&str]) -> m::Recognition {
    let rank = |r: &str| match r {
        "recognised" => 3,
        "partial" => 2,
        "in_progress" => 1,
        _ => 0,
    };
    match list.iter().map(|r| rank(r)).max().unwrap_or(0) {
        3 => m::Recognition::Recognised,
        2 => m::Recognition::Partial,
        1 => m::Recognition::InProgress,
        _ => m::Recognition::None,
    }
}

fn engine_candidate(
    view: &EscoView,
    regions: &mut HashMap<String, m::RegionId>,
    id: i64,
    d: &CandidateData,
    skills: &[i64],
    recognitions: &[&str],
) -> m::Candidate {
    let mut licences = m::LicenceSet::EMPTY;
    for l in d.licences.iter().filter_map(|l| licence(l)) {
        licences.insert(l);
    }
    m::Candidate {
        id: m::CandidateId(id),
        skills: skills
            .iter()
            .filter_map(|&s| view.skill_compact(s))
            .collect(),
        recognition: best_recognition(recognitions),
        licences,
        available_from: d.available_from.and_then(date_of).unwrap_or(Date::MIN),
        german: m::GermanProgress {
            level: d.german_level.as_deref().and_then(cefr),
            next_level_expected: d.german_next_expected.and_then(date_of),
        },
        regions: d
            .wished_regions
            .iter()
            .map(|r| region_id(regions, r))
            .collect(),
    }
}

fn engine_position(
    view: &EscoView,
    regions: &mut HashMap<String, m::RegionId>,
    p: &PositionRecord,
    skills: &[(i64, String)],
) -> m::Position {
    let mut licences = m::LicenceSet::EMPTY;
    for l in p.data.licences.iter().filter_map(|l| licence(l)) {
        licences.insert(l);
    }
    let pick = |rel: &str| {
        skills
            .iter()
            .filter(|(_, r)| r == rel)
            .filter_map(|(s, _)| view.skill_compact(*s))
            .collect()
    };
    m::Position {
        id: m::PositionId(p.id),
        occupation: p
            .data
            .occupation_id
            .and_then(|o| view.occupation_compact(o)),
        essential: pick("essential"),
        optional: pick("optional"),
        regulated: p.data.recognition_required,
        accepts_recognition_partnership: p.data.recognition_partnership,
        licences,
        start: date_of(p.data.start_date).unwrap_or(Date::MAX),
        german: p.data.german_level.as_deref().and_then(cefr),
        region: region_id(regions, &p.data.place),
    }
}

async fn build_match_view(
    conn: &mut AnyConnection,
    esco: Arc<EscoView>,
    revision: i64,
) -> Result<MatchView, AppError> {
    let candidates = store::all_candidates(conn).await?;
    let mut skills: HashMap<i64, Vec<i64>> = HashMap::new();
    for (c, s) in store::all_candidate_skills(conn).await? {
        skills.entry(c).or_default().push(s);
    }
    let mut recognitions: HashMap<i64, Vec<String>> = HashMap::new();
    for (c, r) in store::all_recognitions(conn).await? {
        recognitions.entry(c).or_default().push(r);
    }
    let positions = store::all_open_positions(conn).await?;
    let mut position_skills: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for (p, s, r) in store::all_position_skills(conn).await? {
        position_skills.entry(p).or_default().push((s, r));
    }
    let organisations = orgs::list(conn, None, PageRequest::new(Some(10_000), None))
        .await?
        .items
        .into_iter()
        .map(|o| (o.id.0, o.name))
        .collect();
    let config = m::MatchConfig::default();
    let mut regions = HashMap::new();
    let mut index = m::CandidateIndex::new(&esco.taxonomy);
    for c in &candidates {
        let recs: Vec<&str> = recognitions
            .get(&c.id)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        index.upsert(engine_candidate(
            &esco,
            &mut regions,
            c.id,
            &c.data,
            skills.get(&c.id).map(Vec::as_slice).unwrap_or(&[]),
            &recs,
        ));
    }
    let mut pindex = m::PositionIndex::new(config);
    for p in &positions {
        let ep = engine_position(
            &esco,
            &mut regions,
            p,
            position_skills.get(&p.id).map(Vec::as_slice).unwrap_or(&[]),
        );
        pindex.upsert(&esco.taxonomy, &ep);
    }
    Ok(MatchView {
        esco,
        revision,
        config,
        candidates: index,
        positions: pindex,
        candidate_records: candidates.into_iter().map(|c| (c.id, c)).collect(),
        position_records: positions.into_iter().map(|p| (p.id, p)).collect(),
        organisations,
        regions,
    })
}

// ---------------------------------------------------------------- use cases

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

fn position_json(p: &PositionRecord) -> serde_json::Value {
    serde_json::to_value(p).unwrap_or(serde_json::Value::Null)
}

fn fold_name(d: &CandidateData) -> String {
    fold_for_search(&format!("{} {}", d.family_name, d.given_names))
}

impl App {
    /// Brings this process's matching view up to the database (ESCO generation, recruitment
    /// revision) and runs `f` on it. `f` is plain computation: the view is read-locked while
    /// it runs.
    pub(crate) async fn with_match_view<T>(
        &self,
        f: impl FnOnce(&MatchView) -> T,
    ) -> Result<T, AppError> {
        self.refresh_match_view().await?;
        let guard = self
            .caches
            .matching
            .view
            .read()
            .map_err(|_| AppError::Internal("matching view lock poisoned".into()))?;
        let view = guard
            .as_ref()
            .ok_or_else(|| AppError::Internal("matching view missing".into()))?;
        Ok(f(view))
    }

    /// The state of the cached view: (ESCO generation, recruitment revision).
    fn cached_match_state(&self) -> Option<(i64, i64)> {
        let guard = self.caches.matching.view.read().ok()?;
        guard.as_ref().map(|v| (v.esco.generation, v.revision))
    }

    /// Holds no pooled connection while it waits for its turn: the request updating the view
    /// needs one, and waiters holding the pool's connections would starve it.
    async fn refresh_match_view(&self) -> Result<(), AppError> {
        let esco = crate::esco::current_view(&self.db, &self.caches.esco).await?;
        let revision = {
            let mut conn = self.db.conn().await?;
            store::revision(&mut conn).await?
        };
        let current =
            |s: Option<(i64, i64)>| s.is_some_and(|(g, r)| g == esco.generation && r >= revision);
        if current(self.cached_match_state()) {
            return Ok(());
        }
        let _turn = self.caches.matching.updating.lock().await;
        let mut conn = self.db.conn().await?;
        let cached = self.cached_match_state();
        if current(cached) {
            return Ok(()); // another request brought it up to date meanwhile
        }
        // Read the revision before the records: a write committed in between is then both in
        // what is read and in the next refresh's changes (re-reading a record is harmless).
        let revision = store::revision(&mut conn).await?;
        let changes = match cached {
            Some((generation, at)) if generation == esco.generation => {
                store::changes_between(&mut conn, at, revision).await?
            }
            _ => None,
        };
        let poisoned = || AppError::Internal("matching view lock poisoned".into());
        match changes {
            Some(changes) if changes.len() <= INCREMENTAL_LIMIT => {
                let fresh = read_changed(&mut conn, &changes).await?;
                let mut guard = self.caches.matching.view.write().map_err(|_| poisoned())?;
                if let Some(view) = guard.as_mut() {
                    view.apply(fresh, revision);
                }
            }
            _ => {
                drop(conn);
                let mut tx = self.db.begin().await?;
                let view = build_match_view(&mut tx, esco, revision).await?;
                tx.commit().await?;
                *self.caches.matching.view.write().map_err(|_| poisoned())? = Some(view);
                self.caches
                    .matching
                    .builds
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
        Ok(())
    }

    /// How often this process built its matching view from scratch (the first use, a new ESCO
    /// import, bulk changes); updates of single records do not count.
    pub fn matching_view_builds(&self) -> u64 {
        self.caches
            .matching
            .builds
            .load(std::sync::atomic::Ordering::Relaxed)
    }

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
        let mut tx = self.db.begin().await?;
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
    async fn candidate_for(
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
        let mut tx = self.db.begin().await?;
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
        if access != CandidateAccess::Own {
            audit::append(
                &mut tx,
                &actor.audit("read", "candidate", id, Some(record.data.org_id)),
                now,
            )
            .await?;
        }
        tx.commit().await?;
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
        let shared_only = if policy::allows(actor.role(), Permission::ManageCandidates) {
            false
        } else if policy::allows(actor.role(), Permission::ReadSharedCandidates) {
            true
        } else {
            return Err(AppError::Forbidden);
        };
        let filter = CandidateFilter {
            name: name.map(fold_for_search).filter(|n| !n.trim().is_empty()),
            counsellor: mine.then(|| actor.id()),
            shared_with: shared_only.then_some(actor.user.org_id),
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
            audit::append(
                &mut conn,
                &actor
                    .audit("list", "candidate", "", None)
                    .with_after(json!({ "ids": ids })),
                now,
            )
            .await?;
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

    /// Replaces a candidate's skills (database skill ids with evidence).
    pub async fn set_candidate_skills(
        &self,
        actor: &Actor,
        id: i64,
        skills: &[(i64, String)],
    ) -> Result<(), AppError> {
        let view = self.esco().await?;
        let mut held = Vec::new();
        for (s, e) in skills {
            if view.skill(*s, "en").is_none() {
                return Err(ValidationError::new("skill", "unknown-skill").into());
            }
            if !EVIDENCE.contains(&e.as_str()) {
                return Err(ValidationError::new("evidence", "invalid-evidence").into());
            }
            if !held.iter().any(|h: &HeldSkill| h.skill_id == *s) {
                held.push(HeldSkill {
                    skill_id: *s,
                    evidence: e.clone(),
                });
            }
        }
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (c, access) = self.candidate_for(&mut tx, actor, id).await?;
        if access == CandidateAccess::Shared {
            return Err(AppError::Forbidden);
        }
        let before = store::candidate_skills(&mut tx, id).await?;
        store::set_candidate_skills(&mut tx, id, &held).await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Candidate(id)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "candidate_skills", id, Some(c.data.org_id))
                .with_before(serde_json::to_value(&before).unwrap_or_default())
                .with_after(serde_json::to_value(&held).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds one skill (or changes its evidence).
    pub async fn add_candidate_skill(
        &self,
        actor: &Actor,
        id: i64,
        skill: i64,
        evidence: &str,
    ) -> Result<(), AppError> {
        let current = {
            let mut conn = self.db.conn().await?;
            self.candidate_for(&mut conn, actor, id).await?;
            store::candidate_skills(&mut conn, id).await?
        };
        let mut list: Vec<(i64, String)> = current
            .into_iter()
            .filter(|s| s.skill_id != skill)
            .map(|s| (s.skill_id, s.evidence))
            .collect();
        list.push((skill, evidence.to_owned()));
        self.set_candidate_skills(actor, id, &list).await
    }

    /// Removes one skill.
    pub async fn remove_candidate_skill(
        &self,
        actor: &Actor,
        id: i64,
        skill: i64,
    ) -> Result<(), AppError> {
        let current = {
            let mut conn = self.db.conn().await?;
            self.candidate_for(&mut conn, actor, id).await?;
            store::candidate_skills(&mut conn, id).await?
        };
        let list: Vec<(i64, String)> = current
            .into_iter()
            .filter(|s| s.skill_id != skill)
            .map(|s| (s.skill_id, s.evidence))
            .collect();
        self.set_candidate_skills(actor, id, &list).await
    }

    /// Replaces a candidate's languages other than German (the list in order; German is set
    /// with the profile's German fields and refused here). Staff, counsellors and the
    /// candidate themself, like [`App::update_candidate`]; all or nothing.
    pub async fn set_candidate_languages(
        &self,
        actor: &Actor,
        id: i64,
        languages: &[LanguageInput],
    ) -> Result<Vec<LanguageRecord>, AppError> {
        let parsed = languages
            .iter()
            .map(LanguageInput::parse)
            .collect::<Result<Vec<_>, _>>()?;
        self.change_languages(actor, id, LanguageChange::Set(parsed))
            .await
    }

    /// Adds one language other than German; a language the candidate already has is changed
    /// in place (it keeps its place in the list).
    pub async fn add_candidate_language(
        &self,
        actor: &Actor,
        id: i64,
        language: &LanguageInput,
    ) -> Result<Vec<LanguageRecord>, AppError> {
        let parsed = language.parse()?;
        self.change_languages(actor, id, LanguageChange::Add(parsed))
            .await
    }

    /// Removes one language row of a candidate (404 if it is not theirs).
    pub async fn remove_candidate_language(
        &self,
        actor: &Actor,
        id: i64,
        row: i64,
    ) -> Result<Vec<LanguageRecord>, AppError> {
        self.change_languages(actor, id, LanguageChange::Remove(row))
            .await
    }

    /// Applies a change in one transaction: rows of languages kept are changed in place (their
    /// ids stay), new ones inserted, dropped ones deleted. The audit entry names row ids and
    /// changed field names only.
    async fn change_languages(
        &self,
        actor: &Actor,
        id: i64,
        change: LanguageChange,
    ) -> Result<Vec<LanguageRecord>, AppError> {
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (c, access) = self.candidate_for(&mut tx, actor, id).await?;
        if access == CandidateAccess::Shared {
            return Err(AppError::Forbidden);
        }
        let current = store::candidate_languages(&mut tx, id).await?;
        let target: Vec<SpokenLanguage> = match change {
            LanguageChange::Set(list) => list,
            LanguageChange::Add(l) => {
                let mut list: Vec<SpokenLanguage> =
                    current.iter().map(|r| r.data.clone()).collect();
                match list.iter_mut().find(|x| x.language == l.language) {
                    Some(x) => *x = l,
                    None => list.push(l),
                }
                list
            }
            LanguageChange::Remove(row) => {
                if !current.iter().any(|r| r.id == row) {
                    return Err(AppError::NotFound);
                }
                current
                    .iter()
                    .filter(|r| r.id != row)
                    .map(|r| r.data.clone())
                    .collect()
            }
        };
        if target.len() > MAX_LANGUAGES {
            return Err(ValidationError::new("languages", "too-many-languages").into());
        }
        for (i, l) in target.iter().enumerate() {
            if target[..i].iter().any(|x| x.language == l.language) {
                return Err(ValidationError::new("language", "duplicate-language").into());
            }
        }
        let (mut added, mut changed, mut removed) = (Vec::new(), Vec::new(), Vec::new());
        for old in &current {
            if !target.iter().any(|l| l.language == old.data.language) {
                store::delete_candidate_language(&mut tx, id, old.id).await?;
                removed.push(old.id);
            }
        }
        for (position, l) in (0_i64..).zip(&target) {
            match current.iter().find(|r| r.data.language == l.language) {
                Some(old) => {
                    let mut fields = Vec::new();
                    if old.data.level != l.level {
                        fields.push("level");
                    }
                    if old.data.certificate != l.certificate {
                        fields.push("certificate");
                    }
                    if old.data.exam_date != l.exam_date {
                        fields.push("exam_date");
                    }
                    if old.data.next_expected != l.next_expected {
                        fields.push("next_expected");
                    }
                    if old.position != position {
                        fields.push("position");
                    }
                    if !fields.is_empty() {
                        store::update_candidate_language(&mut tx, id, old.id, l, position).await?;
                        changed.push(json!({ "id": old.id, "fields": fields }));
                    }
                }
                None => {
                    added.push(store::insert_candidate_language(&mut tx, id, l, position).await?);
                }
            }
        }
        if !(added.is_empty() && changed.is_empty() && removed.is_empty()) {
            store::bump_revision_for(&mut tx, &[store::Changed::Candidate(id)]).await?;
            audit::append(
                &mut tx,
                &actor
                    .audit("update", "candidate_languages", id, Some(c.data.org_id))
                    .with_after(json!({ "added": added, "changed": changed, "removed": removed })),
                now,
            )
            .await?;
        }
        let list = store::candidate_languages(&mut tx, id).await?;
        tx.commit().await?;
        Ok(list)
    }

    /// Replaces the occupations a candidate has worked in (`worked`) or wishes (`wished`).
    pub async fn set_candidate_occupations(
        &self,
        actor: &Actor,
        id: i64,
        kind: &str,
        occupations: &[i64],
    ) -> Result<(), AppError> {
        if !matches!(kind, "worked" | "wished") {
            return Err(ValidationError::new("kind", "invalid-kind").into());
        }
        let view = self.esco().await?;
        if occupations
            .iter()
            .any(|o| view.occupation(*o, "en").is_none())
        {
            return Err(ValidationError::new("occupation", "unknown-occupation").into());
        }
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (c, access) = self.candidate_for(&mut tx, actor, id).await?;
        if access == CandidateAccess::Shared {
            return Err(AppError::Forbidden);
        }
        let before = store::candidate_occupations(&mut tx, id).await?;
        store::set_candidate_occupations(&mut tx, id, kind, occupations).await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Candidate(id)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "candidate_occupations", id, Some(c.data.org_id))
                .with_before(json!(before))
                .with_after(json!({ "kind": kind, "occupations": occupations })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a qualification with its recognition state.
    pub async fn add_qualification(
        &self,
        actor: &Actor,
        id: i64,
        title: &str,
        country_code: &str,
        occupation: Option<i64>,
        recognition: &str,
    ) -> Result<i64, AppError> {
        let title = required("title", &Some(title.to_owned()), 200)?;
        let country_code = country(&Some(country_code.to_owned()), "VN")?;
        if !RECOGNITION.contains(&recognition) {
            return Err(ValidationError::new("recognition", "invalid-recognition").into());
        }
        if let Some(o) = occupation
            && self.esco().await?.occupation(o, "en").is_none()
        {
            return Err(ValidationError::new("occupation", "unknown-occupation").into());
        }
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (c, access) = self.candidate_for(&mut tx, actor, id).await?;
        if access != CandidateAccess::Manage {
            return Err(AppError::Forbidden);
        }
        let qid =
            store::add_qualification(&mut tx, id, &title, &country_code, occupation, recognition)
                .await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Candidate(id)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "candidate_qualification", id, Some(c.data.org_id))
                .with_after(json!({"qualification": qid, "occupation": occupation,
                    "recognition": recognition, "fields": ["title", "country"]})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(qid)
    }

    /// Removes a qualification of a candidate (404 if it is not theirs).
    pub async fn remove_qualification(
        &self,
        actor: &Actor,
        id: i64,
        qualification: i64,
    ) -> Result<(), AppError> {
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (c, access) = self.candidate_for(&mut tx, actor, id).await?;
        if access != CandidateAccess::Manage {
            return Err(AppError::Forbidden);
        }
        let before = store::qualifications(&mut tx, id)
            .await?
            .into_iter()
            .find(|q| q.id == qualification)
            .ok_or(AppError::NotFound)?;
        store::remove_qualification(&mut tx, id, qualification).await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Candidate(id)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit(
                    "delete",
                    "candidate_qualification",
                    qualification,
                    Some(c.data.org_id),
                )
                .with_before(json!({"candidate": id, "qualification": before})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds (`add == true`) or removes one occupation a candidate has worked in (`worked`) or
    /// wishes (`wished`).
    pub async fn change_candidate_occupation(
        &self,
        actor: &Actor,
        id: i64,
        kind: &str,
        occupation: i64,
        add: bool,
    ) -> Result<(), AppError> {
        let current = {
            let mut conn = self.db.conn().await?;
            self.candidate_for(&mut conn, actor, id).await?;
            store::candidate_occupations(&mut conn, id).await?
        };
        let mut list: Vec<i64> = current
            .into_iter()
            .filter(|(o, k)| k == kind && *o != occupation)
            .map(|(o, _)| o)
            .collect();
        if add {
            list.push(occupation);
        }
        self.set_candidate_occupations(actor, id, kind, &list).await
    }

    // ------------------------------------------------------------ positions

    async fn position_data(
        &self,
        actor: &Actor,
        scope: Scope,
        input: &PositionInput,
        view: &EscoView,
    ) -> Result<PositionData, AppError> {
        let org_id = match scope {
            Scope::Org(o) => o,
            Scope::All => input.org_id.map(OrgId).unwrap_or(actor.user.org_id),
        };
        {
            let mut conn = self.db.conn().await?;
            orgs::get(&mut conn, org_id)
                .await
                .map_err(|_| ValidationError::new("org_id", "unknown-organisation"))?;
        }
        let kind = opt(&input.kind).unwrap_or("skilled_job");
        if !POSITION_KINDS.contains(&kind) {
            return Err(ValidationError::new("kind", "invalid-kind").into());
        }
        let occupation = match input.occupation_id {
            Some(o) => Some(
                view.occupation(o, "en")
                    .ok_or(ValidationError::new("occupation_id", "unknown-occupation"))?,
            ),
            None => None,
        };
        let recognition_required = match opt(&input.recognition_required) {
            Some("yes" | "on" | "1" | "true") => true,
            Some("no" | "0" | "false") => false,
            _ => occupation.as_ref().is_some_and(|o| o.regulated),
        };
        let places = input.places.unwrap_or(1);
        if !(1..=10_000).contains(&places) {
            return Err(ValidationError::new("places", "invalid-number").into());
        }
        Ok(PositionData {
            org_id,
            title: required("title", &input.title, 200)?,
            kind: kind.to_owned(),
            occupation_id: occupation.map(|o| o.id),
            german_level: parse_cefr("german_level", &input.german_level)?,
            recognition_required,
            recognition_partnership: checkbox(&input.recognition_partnership),
            licences: parse_licences(&input.licences)?,
            place: required("place", &input.place, 100)?,
            places,
            start_date: parse_date("start_date", &input.start_date)?
                .ok_or(ValidationError::new("start_date", "required"))?,
            is_open: true,
        })
    }

    /// Posts a position. Employers post for their own organisation; the ESCO occupation
    /// prefills the essential and optional skills.
    pub async fn create_position(
        &self,
        actor: &Actor,
        input: &PositionInput,
    ) -> Result<PositionRecord, AppError> {
        let scope = policy::require(actor, Permission::ManagePositions)?;
        let view = self.esco().await?;
        let data = self.position_data(actor, scope, input, &view).await?;
        let skills: Vec<RequiredSkill> = match data.occupation_id {
            Some(o) => {
                let (ess, opt) = view.occupation_skills(o);
                ess.into_iter()
                    .map(|s| RequiredSkill {
                        skill_id: s,
                        relation: "essential".into(),
                    })
                    .chain(opt.into_iter().map(|s| RequiredSkill {
                        skill_id: s,
                        relation: "optional".into(),
                    }))
                    .collect()
            }
            None => Vec::new(),
        };
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let p = store::insert_position(&mut tx, &data, now).await?;
        store::set_position_skills(&mut tx, p.id, &skills).await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Position(p.id)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "position", p.id, Some(p.data.org_id))
                .with_after(json!({"position": position_json(&p), "skills": skills})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(p)
    }

    async fn position_in_scope(
        &self,
        conn: &mut AnyConnection,
        scope: Scope,
        id: i64,
    ) -> Result<PositionRecord, AppError> {
        let p = store::get_position(conn, id).await?;
        policy::require_in_scope(scope, p.data.org_id)?;
        Ok(p)
    }

    /// Changes a position's facts (not its skills).
    pub async fn update_position(
        &self,
        actor: &Actor,
        id: i64,
        input: &PositionInput,
    ) -> Result<PositionRecord, AppError> {
        let scope = policy::require(actor, Permission::ManagePositions)?;
        let view = self.esco().await?;
        let current_org = {
            let mut conn = self.db.conn().await?;
            self.position_in_scope(&mut conn, scope, id)
                .await?
                .data
                .org_id
        };
        // Without an explicit organisation the position stays where it is (agency staff
        // editing an employer's position must not move it to the agency).
        let input = PositionInput {
            org_id: input.org_id.or(Some(current_org.0)),
            ..input.clone()
        };
        let data = self.position_data(actor, scope, &input, &view).await?;
        let is_open = match opt(&input.is_open) {
            None => None,
            Some("open" | "on" | "1" | "true" | "yes") => Some(true),
            Some("closed" | "0" | "false" | "no") => Some(false),
            Some(_) => return Err(ValidationError::new("is_open", "invalid-choice").into()),
        };
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let before = self.position_in_scope(&mut tx, scope, id).await?;
        let data = PositionData {
            is_open: is_open.unwrap_or(before.data.is_open),
            ..data
        };
        let after = store::update_position(&mut tx, id, &data, now).await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Position(id)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "position", id, Some(after.data.org_id))
                .with_before(position_json(&before))
                .with_after(position_json(&after)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Replaces a position's required skills (`essential` / `optional`).
    pub async fn set_position_skills(
        &self,
        actor: &Actor,
        id: i64,
        skills: &[(i64, String)],
    ) -> Result<(), AppError> {
        let scope = policy::require(actor, Permission::ManagePositions)?;
        let view = self.esco().await?;
        let mut list: Vec<RequiredSkill> = Vec::new();
        for (s, r) in skills {
            if view.skill(*s, "en").is_none() {
                return Err(ValidationError::new("skill", "unknown-skill").into());
            }
            if !matches!(r.as_str(), "essential" | "optional") {
                return Err(ValidationError::new("relation", "invalid-relation").into());
            }
            list.retain(|x| x.skill_id != *s);
            list.push(RequiredSkill {
                skill_id: *s,
                relation: r.clone(),
            });
        }
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let p = self.position_in_scope(&mut tx, scope, id).await?;
        let before = store::position_skills(&mut tx, id).await?;
        store::set_position_skills(&mut tx, id, &list).await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Position(id)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "position_skills", id, Some(p.data.org_id))
                .with_before(json!(before))
                .with_after(json!(list)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds one required skill or changes its relation (`essential` / `optional`); `None`
    /// removes it.
    pub async fn change_position_skill(
        &self,
        actor: &Actor,
        id: i64,
        skill: i64,
        relation: Option<&str>,
    ) -> Result<(), AppError> {
        let scope = policy::require(actor, Permission::ManagePositions)?;
        let current = {
            let mut conn = self.db.conn().await?;
            self.position_in_scope(&mut conn, scope, id).await?;
            store::position_skills(&mut conn, id).await?
        };
        let mut list: Vec<(i64, String)> = current
            .into_iter()
            .filter(|s| s.skill_id != skill)
            .map(|s| (s.skill_id, s.relation))
            .collect();
        if let Some(r) = relation {
            list.push((skill, r.to_owned()));
        }
        self.set_position_skills(actor, id, &list).await
    }

    /// Replaces a position's skills with the essential and optional skills of its ESCO
    /// occupation.
    pub async fn reset_position_skills(&self, actor: &Actor, id: i64) -> Result<(), AppError> {
        let scope = policy::require(actor, Permission::ManagePositions)?;
        let view = self.esco().await?;
        let occupation = {
            let mut conn = self.db.conn().await?;
            self.position_in_scope(&mut conn, scope, id)
                .await?
                .data
                .occupation_id
        };
        let list: Vec<(i64, String)> = match occupation {
            Some(o) => {
                let (ess, opt) = view.occupation_skills(o);
                ess.into_iter()
                    .map(|s| (s, "essential".to_owned()))
                    .chain(opt.into_iter().map(|s| (s, "optional".to_owned())))
                    .collect()
            }
            None => Vec::new(),
        };
        self.set_position_skills(actor, id, &list).await
    }

    /// A position with its occupation and skills, within the actor's scope.
    pub async fn get_position(&self, actor: &Actor, id: i64) -> Result<PositionView, AppError> {
        let scope = policy::require(actor, Permission::ReadPositions)?;
        let view = self.esco().await?;
        let lang = actor.user.language.code();
        let mut conn = self.db.conn().await?;
        let record = self.position_in_scope(&mut conn, scope, id).await?;
        let skills = store::position_skills(&mut conn, id).await?;
        let organisation = orgs::get(&mut conn, record.data.org_id).await?.name;
        let pick = |rel: &str| {
            skills
                .iter()
                .filter(|s| s.relation == rel)
                .filter_map(|s| view.skill(s.skill_id, lang))
                .collect()
        };
        Ok(PositionView {
            organisation,
            occupation: record
                .data
                .occupation_id
                .and_then(|o| view.occupation(o, lang)),
            essential: pick("essential"),
            optional: pick("optional"),
            record,
        })
    }

    /// Positions within the actor's scope, by start date.
    pub async fn list_positions(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<PositionRecord>, AppError> {
        let scope = policy::require(actor, Permission::ReadPositions)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_positions(&mut conn, scope.only(), false, page).await?)
    }

    /// Counts positions in the actor's scope (dashboard).
    pub async fn count_positions(&self, actor: &Actor) -> Result<i64, AppError> {
        let scope = policy::require(actor, Permission::ReadPositions)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_positions(
            &mut conn,
            scope.only(),
            true,
            PageRequest::new(Some(1), None),
        )
        .await?
        .total)
    }

    // ------------------------------------------------------------ matching

    /// The best candidates for a position, with readable breakdowns. Employers see only
    /// candidates who consented to be shown; every candidate shown is recorded in the audit log.
    pub async fn match_candidates(
        &self,
        actor: &Actor,
        position: i64,
        k: usize,
    ) -> Result<Vec<CandidateMatch>, AppError> {
        let scope = policy::require(actor, Permission::ReadPositions)?;
        let shared_only = !policy::allows(actor.role(), Permission::ManageCandidates);
        if shared_only && !policy::allows(actor.role(), Permission::ReadSharedCandidates) {
            return Err(AppError::Forbidden);
        }
        // Read at request time, not from the cached view: a withdrawn consent counts at once.
        let shared: std::collections::HashSet<i64> = {
            let mut conn = self.db.conn().await?;
            self.position_in_scope(&mut conn, scope, position).await?;
            if shared_only {
                store::shared_with(&mut conn, actor.user.org_id)
                    .await?
                    .into_iter()
                    .collect()
            } else {
                Default::default()
            }
        };
        let skills: Vec<(i64, String)> = {
            let mut conn = self.db.conn().await?;
            store::position_skills(&mut conn, position)
                .await?
                .into_iter()
                .map(|s| (s.skill_id, s.relation))
                .collect()
        };
        let lang = actor.user.language.code();
        let ranked = self
            .with_match_view(|view| {
                // Closed positions are not matched.
                let p = view.position_records.get(&position)?;
                let mut regions = view.regions.clone();
                let ep = engine_position(&view.esco, &mut regions, p, &skills);
                let n = if shared_only {
                    view.candidates.len()
                } else {
                    k
                };
                let out: Vec<CandidateMatch> = view
                    .candidates
                    .top(&view.esco.taxonomy, &ep, n, &view.config)
                    .into_iter()
                    .filter_map(|mt| {
                        let c = view.candidate_records.get(&mt.id.0)?;
                        if shared_only && !shared.contains(&c.id) {
                            return None;
                        }
                        Some(CandidateMatch {
                            candidate_id: c.id,
                            name: format!("{} {}", c.data.family_name, c.data.given_names),
                            country: c.data.country.clone(),
                            province: c.data.province.clone(),
                            explained: explain(&view.esco, &mt.breakdown, lang),
                        })
                    })
                    .take(k)
                    .collect();
                Some((p.data.org_id, out))
            })
            .await?;
        let Some((position_org, out)) = ranked else {
            return Ok(Vec::new());
        };
        if !out.is_empty() {
            let now = self.now();
            let mut tx = self.db.begin().await?;
            audit::append(
                &mut tx,
                &actor
                    .audit("read", "candidate", "", Some(position_org))
                    .with_after(json!({
                        "via": "match",
                        "position": position,
                        "candidates": out.iter().map(|c| c.candidate_id).collect::<Vec<_>>(),
                    })),
                now,
            )
            .await?;
            tx.commit().await?;
        }
        Ok(out)
    }

    fn position_matches(
        &self,
        view: &MatchView,
        candidate: &m::Candidate,
        k: usize,
        lang: &str,
    ) -> Vec<PositionMatch> {
        view.positions
            .top(candidate, k)
            .into_iter()
            .filter_map(|mt| {
                let p = view.position_records.get(&mt.id.0)?;
                Some(PositionMatch {
                    position_id: p.id,
                    title: p.data.title.clone(),
                    organisation: view
                        .organisations
                        .get(&p.data.org_id.0)
                        .cloned()
                        .unwrap_or_default(),
                    place: p.data.place.clone(),
                    explained: explain(&view.esco, &mt.breakdown, lang),
                })
            })
            .collect()
    }

    /// The open positions that fit a candidate best (staff, counsellors, the candidate).
    pub async fn match_positions(
        &self,
        actor: &Actor,
        candidate: i64,
        k: usize,
    ) -> Result<Vec<PositionMatch>, AppError> {
        {
            let mut conn = self.db.conn().await?;
            let (_, access) = self.candidate_for(&mut conn, actor, candidate).await?;
            if access == CandidateAccess::Shared {
                return Err(AppError::NotFound);
            }
        }
        let lang = actor.user.language.code();
        self.with_match_view(|view| {
            view.candidates
                .get(m::CandidateId(candidate))
                .map(|c| self.position_matches(view, c, k, lang))
                .unwrap_or_default()
        })
        .await
    }

    /// The counsellor interview: for the skills confirmed so far (database ids), the ESCO
    /// occupations that fit best (with the essential skills still missing) and the open
    /// positions that fit. Nothing is stored.
    pub async fn interview(
        &self,
        actor: &Actor,
        skills: &[i64],
        german_level: Option<&str>,
        licences: Option<&str>,
        k: usize,
    ) -> Result<InterviewResult, AppError> {
        policy::require(actor, Permission::ManageCandidates)?;
        let lang = actor.user.language.code();
        self.with_match_view(|view| {
            let esco = &view.esco;
            let compact: Vec<m::SkillId> = skills
                .iter()
                .filter_map(|&s| esco.skill_compact(s))
                .collect();
            let mut ranker =
                m::OccupationRanker::new(&esco.taxonomy, m::OccupationWeights::default());
            let occupations = if compact.is_empty() {
                Vec::new()
            } else {
                ranker
                    .rank(&compact, k)
                    .into_iter()
                    .filter_map(|om| {
                        Some(OccupationFit {
                            occupation: esco.occupation(esco.occupation_db(om.occupation), lang)?,
                            score_pct: pct(om.score),
                            missing: om
                                .missing_essential
                                .iter()
                                .filter_map(|&s| esco.skill(esco.skill_db(s), lang))
                                .collect(),
                        })
                    })
                    .collect()
            };
            let mut regions = view.regions.clone();
            let data = CandidateData {
                org_id: actor.user.org_id,
                user_id: None,
                counsellor_id: None,
                family_name: String::new(),
                given_names: String::new(),
                country: String::new(),
                province: String::new(),
                email: None,
                phone: None,
                german_level: german_level
                    .and_then(cefr)
                    .map(|_| german_level.unwrap_or("").to_ascii_uppercase()),
                german_certificate: None,
                german_exam_date: None,
                german_next_expected: None,
                licences: parse_licences(&licences.map(str::to_owned)).unwrap_or_default(),
                wished_regions: Vec::new(),
                available_from: None,
                consent_share_employers: false,
                consent_talent_pool: false,
            };
            let candidate = engine_candidate(esco, &mut regions, -1, &data, skills, &[]);
            let positions = if compact.is_empty() {
                Vec::new()
            } else {
                self.position_matches(view, &candidate, k, lang)
            };
            InterviewResult {
                occupations,
                positions,
            }
        })
        .await
    }

    /// Proposed essential skills of occupations (for the interview's confirmation step).
    pub async fn proposed_skills(
        &self,
        actor: &Actor,
        occupations: &[i64],
    ) -> Result<Vec<(OccupationInfo, Vec<SkillInfo>)>, AppError> {
        policy::require(actor, Permission::SearchEsco)?;
        let view = self.esco().await?;
        let lang = actor.user.language.code();
        Ok(occupations
            .iter()
            .filter_map(|&o| {
                let info = view.occupation(o, lang)?;
                let (ess, _) = view.occupation_skills(o);
                Some((
                    info,
                    ess.iter().filter_map(|&s| view.skill(s, lang)).collect(),
                ))
            })
            .collect())
    }

    /// ESCO search for forms: occupations or skills, labels in the actor's language.
    pub async fn search_concepts(
        &self,
        actor: &Actor,
        q: &str,
        kind: Option<Concept>,
        lang: Option<&str>,
        limit: usize,
    ) -> Result<Vec<crate::esco::SearchHit>, AppError> {
        policy::require(actor, Permission::SearchEsco)?;
        let lang = lang.unwrap_or(actor.user.language.code());
        self.search_esco(q, kind, lang, limit).await
    }

    /// The user id of a candidate's login (for linking in demo data and tests).
    pub async fn link_candidate_login(
        &self,
        actor: &Actor,
        candidate: i64,
        user: UserId,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageCandidates)?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let before = store::get_candidate(&mut tx, candidate).await?;
        let data = CandidateData {
            user_id: Some(user),
            ..before.data.clone()
        };
        let after =
            store::update_candidate(&mut tx, candidate, &data, &fold_name(&data), now).await?;
        store::bump_revision_for(&mut tx, &[store::Changed::Candidate(candidate)]).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "candidate", candidate, Some(after.data.org_id))
                .with_after(fields_json(Some(&before.data), &after.data)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

// ---------------------------------------------------------------- demo data

/// The curated ESCO subset the demo loads (nurse, healthcare assistant, bus and tram driver
/// with their skills; ESCO v1.1.1, © European Union — attribution inside the file).
const DEMO_ESCO: &str = include_str!("../demo/esco-subset.json");

#[derive(Deserialize)]
struct SubsetConcept {
    uri: String,
    #[serde(default)]
    isco: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    regulated: bool,
    #[serde(default, rename = "type")]
    skill_type: Option<String>,
    #[serde(default)]
    reuse: Option<String>,
    preferred: String,
    #[serde(default)]
    alternative: Vec<String>,
}

#[derive(Deserialize)]
struct Subset {
    version: String,
    languages: Vec<String>,
    occupations: Vec<SubsetConcept>,
    skills: Vec<SubsetConcept>,
    occupation_skills: Vec<(u32, u32, String)>,
    skill_broader: Vec<(u32, u32)>,
    skill_relations: Vec<(u32, u32, String)>,
}

fn relation_str(r: &str) -> &'static str {
    if r == "essential" {
        "essential"
    } else {
        "optional"
    }
}

/// The demo's ESCO subset as import rows.
pub fn demo_esco_data() -> standort_store::esco::EscoData {
    use standort_store::esco::{EscoData, LabelIn, OccupationIn, SkillIn};
    let s: Subset = serde_json::from_str(DEMO_ESCO).expect("the embedded ESCO subset parses");
    let mut labels = Vec::new();
    let mut push = |concept, i: usize, c: &SubsetConcept| {
        labels.push(LabelIn {
            concept,
            index: i as u32,
            lang: "en".into(),
            label_kind: "preferred",
            label: c.preferred.clone(),
        });
        for a in &c.alternative {
            labels.push(LabelIn {
                concept,
                index: i as u32,
                lang: "en".into(),
                label_kind: "alternative",
                label: a.clone(),
            });
        }
    };
    for (i, o) in s.occupations.iter().enumerate() {
        push(Concept::Occupation, i, o);
    }
    for (i, k) in s.skills.iter().enumerate() {
        push(Concept::Skill, i, k);
    }
    EscoData {
        source: s.version,
        languages: s.languages,
        occupations: s
            .occupations
            .iter()
            .map(|o| OccupationIn {
                uri: o.uri.clone(),
                isco_code: o.isco.clone(),
                code: o.code.clone(),
                regulated: o.regulated,
            })
            .collect(),
        skills: s
            .skills
            .iter()
            .map(|k| SkillIn {
                uri: k.uri.clone(),
                skill_type: k.skill_type.clone(),
                reuse_level: k.reuse.clone(),
            })
            .collect(),
        labels,
        occupation_skills: s
            .occupation_skills
            .iter()
            .map(|(o, k, r)| (*o, *k, relation_str(r)))
            .collect(),
        skill_broader: s.skill_broader,
        skill_relations: s
            .skill_relations
            .iter()
            .map(|(a, b, r)| (*a, *b, relation_str(r)))
            .collect(),
    }
}

const NURSE: &str = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50";
const CARE: &str = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082";
const BUS: &str = "http://data.europa.eu/esco/occupation/00cee175-1376-43fb-9f02-ba3d7a910a58";
const TRAM: &str = "http://data.europa.eu/esco/occupation/03e02554-15d1-4697-960c-8909e7d36f7e";

struct DemoCandidate {
    family: &'static str,
    given: &'static str,
    country: &'static str,
    province: &'static str,
    occupation: &'static str,
    /// Share of the occupation's essential skills held, in tenths.
    tenths: usize,
    german: Option<&'static str>,
    next: Option<&'static str>,
    licences: &'static [&'static str],
    recognition: &'static str,
    shared: bool,
    caseload: bool,
}

const DEMO_CANDIDATES: &[DemoCandidate] = &[
    DemoCandidate {
        family: "Nguyễn",
        given: "Thị Hương",
        country: "VN",
        province: "Nghệ An",
        occupation: NURSE,
        tenths: 9,
        german: Some("B1"),
        next: Some("2026-09-15"),
        licences: &[],
        recognition: "in_progress",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Trần",
        given: "Văn Đức",
        country: "VN",
        province: "Thanh Hóa",
        occupation: BUS,
        tenths: 8,
        german: Some("B1"),
        next: None,
        licences: &["D"],
        recognition: "not_needed",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Lê",
        given: "Thị Lan",
        country: "VN",
        province: "Hà Tĩnh",
        occupation: NURSE,
        tenths: 7,
        german: Some("B2"),
        next: None,
        licences: &[],
        recognition: "recognised",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Phạm",
        given: "Minh Tuấn",
        country: "VN",
        province: "Nam Định",
        occupation: BUS,
        tenths: 6,
        german: Some("A2"),
        next: Some("2026-12-01"),
        licences: &["D", "CE"],
        recognition: "not_needed",
        shared: false,
        caseload: false,
    },
    DemoCandidate {
        family: "Hoàng",
        given: "Thị Ngọc Anh",
        country: "VN",
        province: "Thái Bình",
        occupation: CARE,
        tenths: 8,
        german: Some("B1"),
        next: Some("2026-10-01"),
        licences: &[],
        recognition: "none",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Vũ",
        given: "Thị Thu",
        country: "VN",
        province: "Hải Dương",
        occupation: CARE,
        tenths: 6,
        german: Some("A2"),
        next: Some("2026-08-01"),
        licences: &[],
        recognition: "none",
        shared: false,
        caseload: false,
    },
    DemoCandidate {
        family: "Đặng",
        given: "Quốc Bảo",
        country: "VN",
        province: "Quảng Nam",
        occupation: TRAM,
        tenths: 7,
        german: Some("B1"),
        next: None,
        licences: &["B"],
        recognition: "not_needed",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Bùi",
        given: "Thị Hằng",
        country: "VN",
        province: "Huế",
        occupation: NURSE,
        tenths: 8,
        german: Some("A2"),
        next: Some("2027-01-15"),
        licences: &[],
        recognition: "partial",
        shared: true,
        caseload: false,
    },
    // The counsellor's caseload: people met in Leipzig integration courses.
    DemoCandidate {
        family: "Al-Hassan",
        given: "Omar",
        country: "SY",
        province: "Aleppo",
        occupation: BUS,
        tenths: 7,
        german: Some("B1"),
        next: None,
        licences: &["B", "D"],
        recognition: "not_needed",
        shared: true,
        caseload: true,
    },
    DemoCandidate {
        family: "Kovalenko",
        given: "Olena",
        country: "UA",
        province: "Charkiw",
        occupation: NURSE,
        tenths: 9,
        german: Some("B1"),
        next: Some("2026-11-01"),
        licences: &["B"],
        recognition: "in_progress",
        shared: false,
        caseload: true,
    },
    DemoCandidate {
        family: "Rahimi",
        given: "Mariam",
        country: "AF",
        province: "Herat",
        occupation: CARE,
        tenths: 5,
        german: Some("A2"),
        next: Some("2026-09-01"),
        licences: &[],
        recognition: "none",
        shared: false,
        caseload: true,
    },
];

struct DemoPosition {
    org: &'static str,
    title: &'static str,
    kind: &'static str,
    occupation: &'static str,
    german: &'static str,
    partnership: bool,
    licences: &'static [&'static str],
    place: &'static str,
    places: i64,
    start: &'static str,
}

const DEMO_POSITIONS: &[DemoPosition] = &[
    DemoPosition {
        org: "Universitätsklinikum Leipzig (Demo)",
        title: "Pflegefachkraft (m/w/d) Innere Medizin",
        kind: "skilled_job",
        occupation: NURSE,
        german: "B2",
        partnership: true,
        licences: &[],
        place: "Leipzig",
        places: 12,
        start: "2026-10-01",
    },
    DemoPosition {
        org: "Städtisches Klinikum St. Georg (Demo)",
        title: "Pflegefachkraft (m/w/d) Geriatrie",
        kind: "skilled_job",
        occupation: NURSE,
        german: "B2",
        partnership: true,
        licences: &[],
        place: "Leipzig",
        places: 6,
        start: "2027-01-01",
    },
    DemoPosition {
        org: "Klinikum Borna (Demo)",
        title: "Ausbildung Pflegefachfrau/Pflegefachmann",
        kind: "apprenticeship",
        occupation: CARE,
        german: "B1",
        partnership: false,
        licences: &[],
        place: "Borna",
        places: 10,
        start: "2026-09-01",
    },
    DemoPosition {
        org: "Universitätsklinikum Leipzig (Demo)",
        title: "Ausbildung Pflegefachassistenz",
        kind: "apprenticeship",
        occupation: CARE,
        german: "B1",
        partnership: false,
        licences: &[],
        place: "Leipzig",
        places: 8,
        start: "2026-10-01",
    },
    DemoPosition {
        org: "Leipziger Verkehrsbetriebe (Demo)",
        title: "Busfahrer/in im Linienverkehr",
        kind: "skilled_job",
        occupation: BUS,
        german: "B1",
        partnership: false,
        licences: &["D"],
        place: "Leipzig",
        places: 15,
        start: "2026-11-01",
    },
    DemoPosition {
        org: "Leipziger Verkehrsbetriebe (Demo)",
        title: "Straßenbahnfahrer/in",
        kind: "skilled_job",
        occupation: TRAM,
        german: "B1",
        partnership: false,
        licences: &[],
        place: "Leipzig",
        places: 6,
        start: "2027-02-01",
    },
];

/// The demo candidates' other languages (by their index in [`DEMO_CANDIDATES`]): the mother
/// tongue, English for several, Japanese for one; (code, level, certificate, exam date).
fn demo_languages(n: usize, country: &str) -> Vec<SpokenLanguage> {
    let native = match country {
        "SY" => "ar",
        "UA" => "uk",
        "AF" => "fa",
        _ => "vi",
    };
    let mut list = vec![(native, "native", None, None)];
    list.extend(match n {
        0 => vec![("en", "B2", Some("IELTS"), Some("2025-11-08"))],
        1 => vec![("en", "A2", None, None)],
        2 => vec![("en", "B1", Some("IELTS"), Some("2025-06-14"))],
        4 => vec![("en", "B1", None, None)],
        5 => vec![
            ("ja", "A2", Some("JLPT N4"), Some("2025-12-07")),
            ("en", "A2", None, None),
        ],
        7 => vec![("en", "B2", Some("TOEIC"), Some("2026-01-17"))],
        8 => vec![("en", "B1", None, None)],
        9 => vec![
            ("ru", "C1", None, None),
            ("en", "B2", Some("Cambridge B2 First"), Some("2024-06-01")),
        ],
        10 => vec![("ps", "B1", None, None), ("en", "A2", None, None)],
        _ => Vec::new(),
    });
    list.into_iter()
        .map(|(language, level, certificate, exam)| SpokenLanguage {
            language: language.into(),
            level: level.into(),
            certificate: certificate.map(str::to_owned),
            exam_date: exam.map(demo_date),
            next_expected: (n == 2 && language == "en").then(|| demo_date("2026-12-01")),
        })
        .collect()
}

fn demo_date(s: &str) -> i64 {
    parse_date("date", &Some(s.to_owned()))
        .ok()
        .flatten()
        .expect("demo date")
}

/// Loads the skilled-workers demo: the ESCO subset, the clinics' and the transport company's
/// positions, Vietnamese candidates in several stages and a counsellor's caseload. Called by
/// [`App::load_demo`] after the organisations and logins exist.
pub async fn load_recruitment_demo(app: &App) -> Result<(), AppError> {
    let data = demo_esco_data();
    let now = app.now();
    let mut tx = app.db.begin().await?;
    standort_store::esco::import(&mut tx, &data, now, &mut |_| {}).await?;
    tx.commit().await?;
    let view = app.esco().await?;
    let mut tx = app.db.begin().await?;
    let mut occupation_ids = HashMap::new();
    for uri in [NURSE, CARE, BUS, TRAM] {
        let id = standort_store::esco::occupation_id(&mut tx, uri)
            .await?
            .ok_or_else(|| AppError::Internal(format!("demo occupation {uri} missing")))?;
        occupation_ids.insert(uri, id);
    }
    let orgs_by_name: HashMap<String, OrgId> =
        orgs::list(&mut tx, None, PageRequest::new(Some(200), None))
            .await?
            .items
            .into_iter()
            .map(|o| (o.name, o.id))
            .collect();
    let mut user_ids = HashMap::new();
    for email in [
        "counsellor@demo.standort.example",
        "candidate@demo.standort.example",
        "staff@demo.standort.example",
    ] {
        if let Some((u, _)) = standort_store::users::find_for_login(&mut tx, email).await? {
            user_ids.insert(email, u);
        }
    }
    let agency = user_ids
        .get("staff@demo.standort.example")
        .map(|u| u.org_id)
        .ok_or_else(|| AppError::Internal("demo staff login missing".into()))?;
    for p in DEMO_POSITIONS {
        let org_id = *orgs_by_name
            .get(p.org)
            .ok_or_else(|| AppError::Internal(format!("demo organisation {} missing", p.org)))?;
        let occupation = occupation_ids[p.occupation];
        let info = view.occupation(occupation, "en");
        let record = store::insert_position(
            &mut tx,
            &PositionData {
                org_id,
                title: p.title.into(),
                kind: p.kind.into(),
                occupation_id: Some(occupation),
                german_level: Some(p.german.into()),
                recognition_required: info.is_some_and(|o| o.regulated) && p.kind == "skilled_job",
                recognition_partnership: p.partnership,
                licences: p.licences.iter().map(|l| l.to_string()).collect(),
                place: p.place.into(),
                places: p.places,
                start_date: demo_date(p.start),
                is_open: true,
            },
            now,
        )
        .await?;
        let (ess, opt) = view.occupation_skills(occupation);
        let skills: Vec<RequiredSkill> = ess
            .into_iter()
            .map(|s| RequiredSkill {
                skill_id: s,
                relation: "essential".into(),
            })
            .chain(opt.into_iter().map(|s| RequiredSkill {
                skill_id: s,
                relation: "optional".into(),
            }))
            .collect();
        store::set_position_skills(&mut tx, record.id, &skills).await?;
    }
    for (n, c) in DEMO_CANDIDATES.iter().enumerate() {
        let data = CandidateData {
            org_id: agency,
            user_id: (n == 0)
                .then(|| {
                    user_ids
                        .get("candidate@demo.standort.example")
                        .map(|u| u.id)
                })
                .flatten(),
            counsellor_id: if c.caseload {
                user_ids
                    .get("counsellor@demo.standort.example")
                    .map(|u| u.id)
            } else {
                None
            },
            family_name: c.family.into(),
            given_names: c.given.into(),
            country: c.country.into(),
            province: c.province.into(),
            email: Some(format!("kandidat{}@demo.standort.example", n + 1)),
            phone: None,
            german_level: c.german.map(str::to_owned),
            german_certificate: c.german.map(|_| {
                if n % 2 == 0 {
                    "Goethe".into()
                } else {
                    "telc".into()
                }
            }),
            german_exam_date: c.german.map(|_| demo_date("2026-03-20")),
            german_next_expected: c.next.map(demo_date),
            licences: c.licences.iter().map(|l| l.to_string()).collect(),
            wished_regions: vec!["Leipzig".into(), "Borna".into()],
            available_from: Some(demo_date("2026-08-01")),
            consent_share_employers: c.shared,
            consent_talent_pool: c.shared,
        };
        let record = store::insert_candidate(&mut tx, &data, &fold_name(&data), now).await?;
        let occupation = occupation_ids[c.occupation];
        let (ess, opt) = view.occupation_skills(occupation);
        // Deterministic: every skill whose position passes the share, plus a few optional ones.
        let held: Vec<HeldSkill> = ess
            .iter()
            .enumerate()
            .filter(|(i, _)| (i * 7 + n) % 10 < c.tenths)
            .map(|(i, s)| (i, *s))
            .chain(opt.iter().take(3).map(|s| (0, *s)))
            .map(|(i, s)| HeldSkill {
                skill_id: s,
                evidence: EVIDENCE[(i + n) % 3].into(),
            })
            .collect();
        store::set_candidate_skills(&mut tx, record.id, &held).await?;
        for (position, l) in (0_i64..).zip(demo_languages(n, c.country)) {
            store::insert_candidate_language(&mut tx, record.id, &l, position).await?;
        }
        store::set_candidate_occupations(&mut tx, record.id, "worked", &[occupation]).await?;
        store::add_qualification(
            &mut tx,
            record.id,
            view.occupation(occupation, "en")
                .map(|o| o.label)
                .unwrap_or_default()
                .as_str(),
            c.country,
            Some(occupation),
            c.recognition,
        )
        .await?;
    }
    store::bump_revision(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Counts for the dashboard cards: (candidates the actor may see — a counsellor's caseload,
/// an employer's consenting candidates — and open positions in the actor's scope).
pub(crate) async fn dashboard_counts(
    conn: &mut AnyConnection,
    actor: &Actor,
) -> Result<(i64, i64), AppError> {
    let candidates = store::count_candidates(
        conn,
        &CandidateFilter {
            counsellor: (actor.role() == Role::JobCounsellor).then(|| actor.id()),
            shared_with: (actor.role() == Role::Employer).then_some(actor.user.org_id),
            ..Default::default()
        },
    )
    .await?;
    let only = policy::scope(actor).only();
    let positions = store::list_positions(conn, only, true, PageRequest::new(Some(1), None))
        .await?
        .total;
    Ok((candidates, positions))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(language: &str, level: &str) -> LanguageInput {
        LanguageInput {
            language: Some(language.into()),
            level: Some(level.into()),
            ..Default::default()
        }
    }

    fn refused(i: &LanguageInput) -> (&'static str, &'static str) {
        match i.parse() {
            Err(AppError::Validation(v)) => (v.field, v.code),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_language_is_parsed_or_refused_with_its_field() {
        let l = LanguageInput {
            certificate: Some(" IELTS ".into()),
            exam_date: Some("2025-11-08".into()),
            next_expected: Some("2026-12-01".into()),
            ..input(" EN ", "b2")
        }
        .parse()
        .unwrap();
        assert_eq!((l.language.as_str(), l.level.as_str()), ("en", "B2"));
        assert_eq!(l.certificate.as_deref(), Some("IELTS"));
        assert_eq!(l.exam_date.map(format_date).as_deref(), Some("2025-11-08"));
        assert_eq!(input("vi", "Native").parse().unwrap().level, "native");
        assert_eq!(
            refused(&input("de", "B1")),
            ("language", "german-in-languages")
        );
        assert_eq!(
            refused(&input("xx", "B1")),
            ("language", "unknown-language")
        );
        assert_eq!(refused(&input("", "B1")), ("language", "required"));
        assert_eq!(refused(&input("en", "B3")), ("level", "invalid-level"));
        assert_eq!(refused(&input("en", "")), ("level", "required"));
        let bad_date = LanguageInput {
            exam_date: Some("8.11.2025".into()),
            ..input("en", "B1")
        };
        assert_eq!(refused(&bad_date), ("exam_date", "invalid-date"));
        let no_next = LanguageInput {
            next_expected: Some("2027-01-01".into()),
            ..input("vi", "native")
        };
        assert_eq!(refused(&no_next), ("next_expected", "no-next-level"));
    }

    #[test]
    fn every_demo_language_passes_the_rules() {
        for (n, c) in DEMO_CANDIDATES.iter().enumerate() {
            let list = demo_languages(n, c.country);
            assert_eq!(list[0].level, "native", "candidate {n}");
            for l in &list {
                assert_eq!(&LanguageInput::from(l).parse().unwrap(), l);
            }
        }
        assert!(!LANGUAGES.contains(&"de"));
        let mut sorted = LANGUAGES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, LANGUAGES, "sorted, each once");
    }
}
