//! ESCO in the product: the import (reader → database, all or nothing) and the in-memory view
//! every search and match uses.
//!
//! The view ([`EscoView`]: label search index, matching taxonomy, display labels) is derived
//! from the database and is a *cache*: each use compares the database's import generation (one
//! indexed read) with the generation the view was built from and rebuilds it when they differ.
//! So a second app instance, or this one after `standort esco import`, never serves stale data,
//! and nothing lives only in process memory. Staff's local labels ([`local_labels`]) are part
//! of the view: it is keyed by (import generation, local labels' version), so a label added on
//! one instance is searchable on every instance at its next request.

pub mod local_labels;

use std::collections::HashMap;
use std::sync::Arc;

use standort_esco::{Dataset, Entry, Kind, LabelKind, Lang, Query, SearchIndex};
use standort_matching::{Relation, Taxonomy, TaxonomyBuilder};
use standort_store::Db;
use standort_store::esco::{self as store, Concept, EscoData, ImportSummary};
use tokio::sync::Mutex;

use crate::{App, AppError};

/// Converts a loaded ESCO dataset into rows for the database.
pub fn data_from_dataset(d: &Dataset, source: &str) -> EscoData {
    let mut data = EscoData {
        source: source.to_owned(),
        languages: d
            .languages()
            .iter()
            .map(|l| l.as_str().to_owned())
            .collect(),
        ..EscoData::default()
    };
    let labels = |data: &mut EscoData, concept, index: u32, set: &standort_esco::LabelSet| {
        for l in set.iter() {
            let lang = l.lang.as_str().to_owned();
            data.labels.push(store::LabelIn {
                concept,
                index,
                lang: lang.clone(),
                label_kind: "preferred",
                label: l.preferred.clone(),
            });
            for (kind, list) in [("alternative", &l.alternative), ("hidden", &l.hidden)] {
                for a in list {
                    if kind == "alternative" && *a == l.preferred {
                        continue;
                    }
                    data.labels.push(store::LabelIn {
                        concept,
                        index,
                        lang: lang.clone(),
                        label_kind: kind,
                        label: a.clone(),
                    });
                }
            }
        }
    };
    for (i, o) in d.occupations().iter().enumerate() {
        data.occupations.push(store::OccupationIn {
            uri: o.uri.clone(),
            isco_code: o.isco_code.as_str().to_owned(),
            code: o.code.clone(),
            regulated: o.regulated,
        });
        labels(&mut data, Concept::Occupation, i as u32, &o.labels);
    }
    for (i, s) in d.skills().iter().enumerate() {
        data.skills.push(store::SkillIn {
            uri: s.uri.clone(),
            skill_type: s.skill_type.map(|t| t.as_str().to_owned()),
            reuse_level: s.reuse_level.map(|r| r.as_str().to_owned()),
        });
        labels(&mut data, Concept::Skill, i as u32, &s.labels);
    }
    // Skill groups follow the skills, so group `g` is row `skills + g`.
    let n_skills = d.skills().len() as u32;
    for (g, group) in d.skill_groups().iter().enumerate() {
        data.skills.push(store::SkillIn {
            uri: group.uri.clone(),
            skill_type: Some(store::SKILL_GROUP_TYPE.to_owned()),
            reuse_level: None,
        });
        labels(
            &mut data,
            Concept::Skill,
            n_skills + g as u32,
            &group.labels,
        );
        let g = standort_esco::SkillGroupId(g as u32);
        for b in d.broader_skill_groups(g) {
            data.skill_broader.push((n_skills + g.0, n_skills + b.0));
        }
    }
    for (o, link) in d.occupation_skill_relations() {
        data.occupation_skills
            .push((o.0, link.skill.0, link.relation.as_str()));
    }
    for s in d.skill_ids() {
        for b in d.broader_skills(s) {
            data.skill_broader.push((s.0, b.0));
        }
        for g in d.skill_groups_of(s) {
            data.skill_broader.push((s.0, n_skills + g.0));
        }
    }
    for (s, link) in d.skill_skill_relations() {
        data.skill_relations
            .push((s.0, link.skill.0, link.relation.as_str()));
    }
    data
}

/// Writes `data` in one transaction: either everything or nothing is imported.
pub async fn import(
    db: &Db,
    data: &EscoData,
    now: i64,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportSummary, AppError> {
    let mut tx = db.begin_write().await?;
    let summary = store::import(&mut tx, data, now, progress).await?;
    tx.commit().await?;
    Ok(summary)
}

/// Display names of one concept: ESCO's preferred label per language, then staff's local labels.
#[derive(Debug, Clone, Default)]
struct Names(Vec<(Lang, Box<str>, bool)>);

impl Names {
    /// The name to show a reader of `lang`, and the language it is in. In the reader's language
    /// ESCO's preferred label comes first, then a local label; then the same in German, then in
    /// English, then anything — so a fallback is visible as a language other than `lang`.
    fn get<'a>(&'a self, lang: &'a str) -> (&'a str, &'a str) {
        let want = |code: &str| {
            self.0
                .iter()
                .find(|(l, _, local)| !local && l.as_str() == code)
                .or_else(|| self.0.iter().find(|(l, _, _)| l.as_str() == code))
        };
        want(lang)
            .or_else(|| want("de"))
            .or_else(|| want("en"))
            .or_else(|| self.0.first())
            .map(|(l, n, _)| (&**n, l.as_str()))
            .unwrap_or(("", lang))
    }
}

/// A display label: the text, its language, and whether that is not the language asked for
/// (pages then mark it with `lang` and a visible "(en)").
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Shown {
    pub label: String,
    pub label_lang: String,
    pub fallback: bool,
}

impl Shown {
    fn of(names: &Names, lang: &str) -> Shown {
        let (label, l) = names.get(lang);
        Shown {
            label: label.to_owned(),
            label_lang: l.to_owned(),
            fallback: !label.is_empty() && l != lang,
        }
    }

    /// The label as plain text, with the fallback language appended ("nurse (en)") — for
    /// texts that cannot carry a `lang` attribute (match explanations).
    pub fn text(&self) -> String {
        if self.fallback {
            format!("{} ({})", self.label, self.label_lang)
        } else {
            self.label.clone()
        }
    }
}

/// Languages of the loaded ESCO labels and of the local labels, with label counts.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LoadedLanguage {
    pub lang: String,
    pub esco_labels: usize,
    pub local_labels: usize,
}

/// An ESCO occupation as the product shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OccupationInfo {
    pub id: i64,
    pub uri: String,
    pub isco_code: String,
    pub regulated: bool,
    pub label: String,
    /// The language of `label`.
    pub label_lang: String,
    /// Whether `label` is in another language than the one asked for.
    pub fallback: bool,
}

/// An ESCO skill as the product shows it.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SkillInfo {
    pub id: i64,
    pub uri: String,
    pub label: String,
    /// The language of `label`.
    pub label_lang: String,
    /// Whether `label` is in another language than the one asked for.
    pub fallback: bool,
}

impl SkillInfo {
    /// The label as plain text with a fallback marked ([`Shown::text`]).
    pub fn text(&self) -> String {
        Shown {
            label: self.label.clone(),
            label_lang: self.label_lang.clone(),
            fallback: self.fallback,
        }
        .text()
    }
}

/// One search hit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    /// `occupation` or `skill`.
    pub kind: &'static str,
    pub id: i64,
    pub uri: String,
    /// The label that matched (any language).
    pub matched: String,
    /// The preferred label in the asked language (or a fallback).
    pub label: String,
    /// The language of `label`.
    pub label_lang: String,
    /// Whether `label` is in another language than the one asked for.
    pub fallback: bool,
}

/// The in-memory view of the ESCO tables at one import generation.
#[derive(Debug)]
pub struct EscoView {
    pub generation: i64,
    /// The local labels' version the view was built at.
    pub local_version: i64,
    languages: Vec<LoadedLanguage>,
    index: SearchIndex,
    /// The matching engine's taxonomy; its compact ids are positions in the vectors below.
    pub taxonomy: Taxonomy,
    occupations: Vec<store::OccupationRow>,
    skills: Vec<store::SkillRow>,
    occupation_names: Vec<Names>,
    skill_names: Vec<Names>,
    occupation_by_db: HashMap<i64, u32>,
    skill_by_db: HashMap<i64, u32>,
}

impl EscoView {
    /// Builds the view from database rows (CPU work: run it off the async threads).
    pub fn build(rows: store::EscoRows) -> EscoView {
        let occupation_by_db: HashMap<i64, u32> = rows
            .occupations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i as u32))
            .collect();
        let skill_by_db: HashMap<i64, u32> = rows
            .skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i as u32))
            .collect();
        let mut b = TaxonomyBuilder::new();
        for s in &rows.skills {
            if s.skill_type.as_deref() == Some(store::SKILL_GROUP_TYPE) {
                b.skill_group(&s.uri);
            } else {
                b.skill(&s.uri);
            }
        }
        for o in &rows.occupations {
            b.occupation(&o.uri, o.regulated);
        }
        let rel = |r: &str| {
            if r == "essential" {
                Relation::Essential
            } else {
                Relation::Optional
            }
        };
        let mut occ_degree = vec![0u32; rows.occupations.len()];
        let mut skill_degree = vec![0u32; rows.skills.len()];
        for (o, s, r) in &rows.occupation_skills {
            let (Some(&o), Some(&s)) = (occupation_by_db.get(o), skill_by_db.get(s)) else {
                continue;
            };
            occ_degree[o as usize] += 1;
            skill_degree[s as usize] += 1;
            let (o, s) = (
                standort_matching::OccupationId(o),
                standort_matching::SkillId(s),
            );
            match rel(r) {
                Relation::Essential => b.essential(o, s),
                Relation::Optional => b.optional(o, s),
            }
        }
        for (n, br) in &rows.skill_broader {
            if let (Some(&n), Some(&br)) = (skill_by_db.get(n), skill_by_db.get(br)) {
                b.broader(
                    standort_matching::SkillId(n),
                    standort_matching::SkillId(br),
                );
            }
        }
        for (a, c, r) in &rows.skill_relations {
            if let (Some(&a), Some(&c)) = (skill_by_db.get(a), skill_by_db.get(c)) {
                b.related(
                    standort_matching::SkillId(a),
                    standort_matching::SkillId(c),
                    rel(r),
                );
            }
        }
        let mut occupation_names = vec![Names::default(); rows.occupations.len()];
        let mut skill_names = vec![Names::default(); rows.skills.len()];
        let mut entries = Vec::with_capacity(rows.labels.len());
        let mut languages: Vec<LoadedLanguage> = Vec::new();
        for l in &rows.labels {
            let Some(lang) = Lang::parse(&l.lang) else {
                continue;
            };
            let local = l.label_kind == store::LOCAL_LABEL_KIND;
            let counted = match languages.iter_mut().find(|c| c.lang == l.lang) {
                Some(c) => c,
                None => {
                    languages.push(LoadedLanguage {
                        lang: l.lang.clone(),
                        ..LoadedLanguage::default()
                    });
                    languages.last_mut().expect("just pushed")
                }
            };
            if local {
                counted.local_labels += 1;
            } else {
                counted.esco_labels += 1;
            }
            let (kind, compact, weight, names) = match l.concept {
                Concept::Occupation => {
                    let Some(&c) = occupation_by_db.get(&l.concept_id) else {
                        continue;
                    };
                    (
                        Kind::Occupation,
                        c,
                        occ_degree[c as usize],
                        &mut occupation_names[c as usize],
                    )
                }
                Concept::Skill => {
                    let Some(&c) = skill_by_db.get(&l.concept_id) else {
                        continue;
                    };
                    (
                        Kind::Skill,
                        c,
                        skill_degree[c as usize],
                        &mut skill_names[c as usize],
                    )
                }
            };
            let label_kind = match l.label_kind.as_str() {
                "preferred" => {
                    names.0.push((lang, l.label.as_str().into(), false));
                    LabelKind::Preferred
                }
                // Local labels are everyday names: found like ESCO's alternative labels, and
                // shown where ESCO has no preferred label in the reader's language.
                store::LOCAL_LABEL_KIND => {
                    names.0.push((lang, l.label.as_str().into(), true));
                    LabelKind::Alternative
                }
                "alternative" => LabelKind::Alternative,
                _ => LabelKind::Hidden,
            };
            entries.push(
                Entry::new(kind, compact, lang, l.label.clone(), label_kind).with_weight(weight),
            );
        }
        languages.sort_by(|a, b| a.lang.cmp(&b.lang));
        EscoView {
            generation: rows.generation,
            local_version: rows.local_version,
            languages,
            index: SearchIndex::build(entries),
            taxonomy: b.build(),
            occupations: rows.occupations,
            skills: rows.skills,
            occupation_names,
            skill_names,
            occupation_by_db,
            skill_by_db,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.occupations.is_empty()
    }

    /// The label languages loaded (ESCO's language packs and local labels), by code.
    pub fn languages(&self) -> &[LoadedLanguage] {
        &self.languages
    }

    /// The display label of an occupation (`None` for an unknown id).
    pub fn occupation_shown(&self, db_id: i64, lang: &str) -> Option<Shown> {
        let c = *self.occupation_by_db.get(&db_id)? as usize;
        Some(Shown::of(&self.occupation_names[c], lang))
    }

    /// The display label of a skill (`None` for an unknown id).
    pub fn skill_shown(&self, db_id: i64, lang: &str) -> Option<Shown> {
        let c = *self.skill_by_db.get(&db_id)? as usize;
        Some(Shown::of(&self.skill_names[c], lang))
    }

    /// The database id of a concept by URI (a linear scan: for a redirect, not a loop).
    pub fn concept_id(&self, concept: Concept, uri: &str) -> Option<i64> {
        match concept {
            Concept::Occupation => self.occupations.iter().find(|o| o.uri == uri).map(|o| o.id),
            Concept::Skill => self.skills.iter().find(|s| s.uri == uri).map(|s| s.id),
        }
    }

    /// The URI of a concept by database id.
    pub fn concept_uri(&self, concept: Concept, db_id: i64) -> Option<&str> {
        match concept {
            Concept::Occupation => {
                let c = *self.occupation_by_db.get(&db_id)? as usize;
                Some(&self.occupations[c].uri)
            }
            Concept::Skill => {
                let c = *self.skill_by_db.get(&db_id)? as usize;
                Some(&self.skills[c].uri)
            }
        }
    }

    /// Searches labels. `kind` limits to occupations or skills; `lang` chooses the language of
    /// the displayed name (the search itself covers every language).
    pub fn search(
        &self,
        q: &str,
        kind: Option<Concept>,
        lang: &str,
        limit: usize,
    ) -> Vec<SearchHit> {
        let kinds: &[Kind] = match kind {
            Some(Concept::Occupation) => &[Kind::Occupation],
            Some(Concept::Skill) => &[Kind::Skill],
            None => &[Kind::Occupation, Kind::Skill],
        };
        self.index
            .search(&Query::new(q).kinds(kinds).limit(limit))
            .into_iter()
            .filter_map(|h| match h.kind {
                Kind::Occupation => {
                    let o = self.occupations.get(h.id as usize)?;
                    let shown = Shown::of(&self.occupation_names[h.id as usize], lang);
                    Some(SearchHit {
                        kind: "occupation",
                        id: o.id,
                        uri: o.uri.clone(),
                        matched: h.label.to_owned(),
                        label: shown.label,
                        label_lang: shown.label_lang,
                        fallback: shown.fallback,
                    })
                }
                Kind::Skill => {
                    let s = self.skills.get(h.id as usize)?;
                    let shown = Shown::of(&self.skill_names[h.id as usize], lang);
                    Some(SearchHit {
                        kind: "skill",
                        id: s.id,
                        uri: s.uri.clone(),
                        matched: h.label.to_owned(),
                        label: shown.label,
                        label_lang: shown.label_lang,
                        fallback: shown.fallback,
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// The engine's id of a database occupation id.
    pub fn occupation_compact(&self, db_id: i64) -> Option<standort_matching::OccupationId> {
        self.occupation_by_db
            .get(&db_id)
            .map(|&c| standort_matching::OccupationId(c))
    }

    /// The engine's id of a database skill id.
    pub fn skill_compact(&self, db_id: i64) -> Option<standort_matching::SkillId> {
        self.skill_by_db
            .get(&db_id)
            .map(|&c| standort_matching::SkillId(c))
    }

    pub fn occupation_db(&self, c: standort_matching::OccupationId) -> i64 {
        self.occupations[c.0 as usize].id
    }

    pub fn skill_db(&self, c: standort_matching::SkillId) -> i64 {
        self.skills[c.0 as usize].id
    }

    pub fn occupation(&self, db_id: i64, lang: &str) -> Option<OccupationInfo> {
        let c = *self.occupation_by_db.get(&db_id)? as usize;
        let o = &self.occupations[c];
        let shown = Shown::of(&self.occupation_names[c], lang);
        Some(OccupationInfo {
            id: o.id,
            uri: o.uri.clone(),
            isco_code: o.isco_code.clone(),
            regulated: o.regulated,
            label: shown.label,
            label_lang: shown.label_lang,
            fallback: shown.fallback,
        })
    }

    pub fn skill(&self, db_id: i64, lang: &str) -> Option<SkillInfo> {
        let c = *self.skill_by_db.get(&db_id)? as usize;
        let s = &self.skills[c];
        let shown = Shown::of(&self.skill_names[c], lang);
        Some(SkillInfo {
            id: s.id,
            uri: s.uri.clone(),
            label: shown.label,
            label_lang: shown.label_lang,
            fallback: shown.fallback,
        })
    }

    /// Display name of a skill by database id ("" if unknown).
    pub fn skill_label(&self, db_id: i64, lang: &str) -> String {
        self.skill(db_id, lang).map(|s| s.label).unwrap_or_default()
    }

    /// Essential and optional skills (database ids) of an occupation.
    pub fn occupation_skills(&self, db_id: i64) -> (Vec<i64>, Vec<i64>) {
        let Some(c) = self.occupation_compact(db_id) else {
            return (Vec::new(), Vec::new());
        };
        let ids = |v: &[standort_matching::SkillId]| v.iter().map(|&s| self.skill_db(s)).collect();
        (
            ids(self.taxonomy.essential(c)),
            ids(self.taxonomy.optional(c)),
        )
    }
}

/// The process's caches derived from the database; see the module docs.
#[derive(Debug, Default)]
pub struct Caches {
    pub(crate) esco: Mutex<Option<Arc<EscoView>>>,
    pub(crate) matching: crate::recruitment::MatchCache,
    pub(crate) supply: crate::procurement::SupplyCache,
}

/// Loads the ESCO view if the database's generation or local labels' version differs from the
/// cached one.
///
/// Holds no pooled connection while it waits for the cache: the request holding the cache
/// needs a connection to load, and waiters holding the pool's connections would starve it.
pub(crate) async fn current_view(
    db: &Db,
    cache: &Mutex<Option<Arc<EscoView>>>,
) -> Result<Arc<EscoView>, AppError> {
    let (generation, local_version) = {
        let mut conn = db.conn().await?;
        store::view_key(&mut conn).await?
    };
    let mut slot = cache.lock().await;
    if let Some(v) = slot.as_ref()
        && v.generation == generation
        && v.local_version == local_version
    {
        return Ok(v.clone());
    }
    let mut tx = db.begin().await?;
    let rows = store::load_all(&mut tx).await?;
    tx.commit().await?;
    let view = tokio::task::spawn_blocking(move || EscoView::build(rows))
        .await
        .map_err(|e| AppError::Internal(format!("building the ESCO index failed: {e}")))?;
    let view = Arc::new(view);
    *slot = Some(view.clone());
    Ok(view)
}

impl App {
    /// The ESCO view at the database's current generation (rebuilt when it changed).
    pub async fn esco(&self) -> Result<Arc<EscoView>, AppError> {
        current_view(&self.db, &self.caches.esco).await
    }

    /// Label search over ESCO occupations and skills; any logged-in user may search.
    pub async fn search_esco(
        &self,
        q: &str,
        kind: Option<Concept>,
        lang: &str,
        limit: usize,
    ) -> Result<Vec<SearchHit>, AppError> {
        let q = q.trim();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let view = self.esco().await?;
        Ok(view.search(q, kind, lang, limit.clamp(1, 50)))
    }
}
