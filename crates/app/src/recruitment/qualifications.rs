//! A candidate's qualifications (occupations with recognition state): set, add, remove, change.

use serde_json::json;
use standort_domain::ValidationError;
use standort_store::audit;
use standort_store::recruitment::{self as store};

use crate::policy::CandidateAccess;
use crate::{Actor, App, AppError};

use super::{RECOGNITION, country, required};

impl App {
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
        let mut tx = self.db.begin_write().await?;
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
        let mut tx = self.db.begin_write().await?;
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
        let mut tx = self.db.begin_write().await?;
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
                // The title and country are free text (the candidate may have typed them in
                // the portal): ids, codes and field names only, as when it was added.
                .with_before(json!({"candidate": id, "qualification": before.id,
                    "occupation": before.occupation_id, "recognition": before.recognition,
                    "fields": ["title", "country"]})),
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
}
