//! The interview: skills confirmed in conversation → fitting occupations and open positions.

use serde::Serialize;
use standort_matching as m;
use standort_store::recruitment::CandidateData;

use crate::esco::{OccupationInfo, SkillInfo};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

use super::{OccupationFit, PositionMatch, cefr, parse_licences};

use super::match_view::engine_candidate;
use super::matching::pct;

/// What the interview page shows for a set of skills.
#[derive(Debug, Clone, Serialize)]
pub struct InterviewResult {
    pub occupations: Vec<OccupationFit>,
    pub positions: Vec<PositionMatch>,
}

impl App {
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
}
