//! Employers' positions: create, edit, read, list, count.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::date::parse_date;
use standort_domain::{OrgId, ValidationError};
use standort_store::list::Order;
use standort_store::recruitment::{
    self as store, PositionData, PositionFilter, PositionListRow, PositionRecord, PositionSort,
    RequiredSkill,
};
use standort_store::{AnyConnection, PageRequest, Paged, audit, orgs};

use crate::esco::{EscoView, OccupationInfo, SkillInfo};
use crate::policy::{self, Permission, Scope};
use crate::{Actor, App, AppError};

use super::{POSITION_KINDS, checkbox, opt, parse_cefr, parse_licences, required};

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

#[derive(Debug, Clone, Serialize)]
pub struct PositionView {
    pub record: PositionRecord,
    pub organisation: String,
    pub occupation: Option<OccupationInfo>,
    pub essential: Vec<SkillInfo>,
    pub optional: Vec<SkillInfo>,
}

/// The positions list's search, filters and order, as the list's URL gives them (text; the
/// use case checks them).
#[derive(Debug, Clone, Default)]
pub struct PositionQuery {
    /// Words of the title or place.
    pub text: Option<String>,
    /// Words of the employer's name.
    pub employer: Option<String>,
    /// `open` or `closed`.
    pub status: Option<String>,
    /// The ESCO occupation's database id.
    pub occupation: Option<String>,
    pub order: Order<PositionSort>,
}

/// A page of the positions list with the occupations' labels and the filters' choices.
#[derive(Debug, Clone)]
pub struct PositionList {
    pub rows: Paged<PositionListRow>,
    /// The label of each listed position's occupation in the reader's language (same order as
    /// the rows; `None`: no occupation or not in the loaded ESCO data).
    pub occupation_labels: Vec<Option<String>>,
    /// Occupations the positions in scope are for (id, label; by label).
    pub occupations: Vec<(i64, String)>,
    /// The reader sees one organisation's positions only (an employer): no employer filter.
    pub one_employer: bool,
}

/// A filter's id (`None` when not set; not a number: refused with the field named).
fn id_filter(field: &'static str, value: Option<&str>) -> Result<Option<i64>, ValidationError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| ValidationError::new(field, "invalid-choice")),
    }
}

fn position_json(p: &PositionRecord) -> serde_json::Value {
    serde_json::to_value(p).unwrap_or(serde_json::Value::Null)
}

impl App {
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
        let mut tx = self.db.begin_write().await?;
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

    pub(super) async fn position_in_scope(
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
        let mut tx = self.db.begin_write().await?;
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

    /// The positions list with its search, filters and order ([`PositionQuery`]), within the
    /// actor's scope exactly as [`App::list_positions`] (employers: their own organisation's).
    pub async fn query_positions(
        &self,
        actor: &Actor,
        query: &PositionQuery,
        page: PageRequest,
    ) -> Result<PositionList, AppError> {
        let scope = policy::require(actor, Permission::ReadPositions)?;
        let open = match query.status.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("open") => Some(true),
            Some("closed") => Some(false),
            Some(_) => return Err(ValidationError::new("status", "invalid-choice").into()),
        };
        let filter = PositionFilter {
            only: scope.only(),
            employer: crate::filled(&query.employer).map(str::to_owned),
            open,
            occupation: id_filter("occupation", query.occupation.as_deref())?,
            text: crate::filled(&query.text).map(str::to_owned),
            order: query.order,
        };
        let view = self.esco().await?;
        let lang = actor.user.language.code();
        let mut conn = self.db.conn().await?;
        let rows = store::list_positions_filtered(&mut conn, &filter, page).await?;
        let occupation_ids = store::position_occupations(&mut conn, scope.only()).await?;
        drop(conn);
        let label = |id: i64| view.occupation(id, lang).map(|o| o.label);
        let occupation_labels = rows
            .items
            .iter()
            .map(|r| r.position.data.occupation_id.and_then(label))
            .collect();
        let mut occupations: Vec<(i64, String)> = occupation_ids
            .into_iter()
            .filter_map(|id| label(id).map(|l| (id, l)))
            .collect();
        occupations.sort_by_key(|a| a.1.to_lowercase());
        Ok(PositionList {
            rows,
            occupation_labels,
            occupations,
            one_employer: scope.only().is_some(),
        })
    }

    /// Up to `limit` open positions in the actor's scope whose title contains `text`.
    pub async fn search_open_positions(
        &self,
        actor: &Actor,
        text: &str,
        limit: i64,
    ) -> Result<Vec<PositionRecord>, AppError> {
        let scope = policy::require(actor, Permission::ReadPositions)?;
        let mut conn = self.db.conn().await?;
        Ok(store::search_open_positions(&mut conn, scope.only(), text.trim(), limit).await?)
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
}
