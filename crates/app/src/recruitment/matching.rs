//! Matching candidates to a position and positions to a candidate, with readable breakdowns.

use serde::Serialize;
use serde_json::json;
use standort_matching as m;
use standort_store::audit;
use standort_store::recruitment::{self as store};

use crate::esco::{EscoView, OccupationInfo, SkillInfo};
use crate::policy::{self, CandidateAccess, Permission};
use crate::{Actor, App, AppError};

use super::MatchView;

use super::match_view::engine_position;

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

pub(super) fn pct(v: f64) -> u32 {
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
    let skill = |s: m::SkillId| view.skill(view.skill_db(s), lang).unwrap_or_default();
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

impl App {
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
            return Err(AppError::NotFound);
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
            let mut tx = self.db.begin_write().await?;
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

    pub(super) fn position_matches(
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
}
