//! A candidate's languages other than German: parsing the input, set / add / remove.

use serde::Deserialize;
use serde_json::json;
use standort_domain::ValidationError;
use standort_domain::date::{format_date, parse_date};
use standort_store::audit;
use standort_store::recruitment::{self as store, LanguageRecord, SpokenLanguage};

use crate::policy::CandidateAccess;
use crate::{Actor, App, AppError};

use super::{CEFR_LEVELS, LANGUAGES, MAX_LANGUAGES, line, opt};

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

impl App {
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
        let mut tx = self.db.begin_write().await?;
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
}
