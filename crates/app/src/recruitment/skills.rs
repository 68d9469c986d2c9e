//! ESCO skills held by candidates and required by positions; the ESCO search behind the forms.

use serde_json::json;
use standort_domain::ValidationError;
use standort_store::audit;
use standort_store::esco::Concept;
use standort_store::recruitment::{self as store, HeldSkill, RequiredSkill};

use crate::policy::{self, CandidateAccess, Permission};
use crate::{Actor, App, AppError};

use super::EVIDENCE;

impl App {
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
        let mut tx = self.db.begin_write().await?;
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
        let mut tx = self.db.begin_write().await?;
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
}
