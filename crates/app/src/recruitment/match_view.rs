//! The matching view: candidates and open positions in the engine's form, cached per process
//! and brought up to date from the change log (see the module docs).

use std::collections::HashMap;
use std::sync::Arc;

use standort_domain::date::date_of;
use standort_esco::fold_for_search;
use standort_matching as m;
use standort_store::recruitment::{self as store, CandidateData, CandidateRecord, PositionRecord};
use standort_store::{AnyConnection, PageRequest, orgs};
use time::Date;

use crate::esco::EscoView;
use crate::{App, AppError};

use super::{cefr, licence};

/// Candidates and open positions in the engine's form, at one (ESCO generation, recruitment
/// revision). A cache: see the module docs.
#[derive(Debug)]
pub struct MatchView {
    pub(super) esco: Arc<EscoView>,
    pub(super) revision: i64,
    pub(super) config: m::MatchConfig,
    pub(super) candidates: m::CandidateIndex,
    pub(super) positions: m::PositionIndex,
    pub(super) candidate_records: HashMap<i64, CandidateRecord>,
    pub(super) position_records: HashMap<i64, PositionRecord>,
    pub(super) organisations: HashMap<i64, String>,
    pub(super) regions: HashMap<String, m::RegionId>,
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

pub(super) fn engine_candidate(
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

pub(super) fn engine_position(
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
}
