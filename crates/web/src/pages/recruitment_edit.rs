//! Editing pages for positions and candidate profiles. Plain HTML forms: every change is one
//! POST that redirects back to the edit page (PRG); ESCO searches are GET parameters of the edit
//! page itself, so everything works without JavaScript.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::esco::SearchHit;
use standort_app::policy::CandidateAccess;
use standort_app::recruitment::{
    CEFR_LEVELS, CandidateInput, CandidateProfile, LANGUAGE_LEVELS, LANGUAGES, LanguageInput,
    POSITION_KINDS, PositionInput, PositionView, RECOGNITION,
};
use standort_app::{Actor, AppError};
use standort_domain::date::format_date;
use standort_store::esco::Concept;
use standort_store::recruitment::LanguageRecord;

use super::{Layout, render};
use crate::AppState;
use crate::context::{Ctx, PageForm, PagePath, UserCtx};
use crate::error::{Failure, PageError};
use crate::i18n::Tr;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/recruitment/positions/{id}/edit",
            get(position_edit).post(position_save),
        )
        .route(
            "/recruitment/positions/{id}/skills",
            post(position_skill_add),
        )
        .route(
            "/recruitment/positions/{id}/skills/reset",
            post(position_skills_reset),
        )
        .route(
            "/recruitment/positions/{id}/skills/{skill}/relation",
            post(position_skill_relation),
        )
        .route(
            "/recruitment/positions/{id}/skills/{skill}/remove",
            post(position_skill_remove),
        )
        .route(
            "/recruitment/candidates/{id}/edit",
            get(candidate_edit).post(candidate_save),
        )
        .route(
            "/recruitment/candidates/{id}/qualifications",
            post(qualification_add),
        )
        .route(
            "/recruitment/candidates/{id}/qualifications/{q}/remove",
            post(qualification_remove),
        )
        .route(
            "/recruitment/candidates/{id}/occupations/{kind}",
            post(occupation_add),
        )
        .route("/recruitment/candidates/{id}/languages", post(language_add))
        .route(
            "/recruitment/candidates/{id}/languages/{row}/remove",
            post(language_remove),
        )
        .route(
            "/recruitment/candidates/{id}/occupations/{kind}/{occ}/remove",
            post(occupation_remove),
        )
}

fn query(raw: Option<&str>, key: &str) -> String {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

fn fail(e: AppError, ctx: &Ctx) -> Response {
    PageError::new(e.into(), ctx).into_response()
}

fn done(result: Result<(), AppError>, ctx: &Ctx, to: String) -> Response {
    match result {
        Ok(()) => Redirect::to(&to).into_response(),
        Err(e) => fail(e, ctx),
    }
}

async fn search(
    state: &AppState,
    actor: &Actor,
    q: &str,
    kind: Concept,
) -> Result<Vec<SearchHit>, AppError> {
    if q.is_empty() {
        Ok(Vec::new())
    } else {
        state
            .app
            .search_concepts(actor, q, Some(kind), None, 10)
            .await
    }
}

/// An optional number from a form field: empty is `None`, anything unparsable becomes a
/// validation error of that field.
fn number(field: &'static str, v: &Option<String>) -> Result<Option<i64>, AppError> {
    match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            standort_domain::ValidationError::new(
                field,
                if field == "places" {
                    "invalid-number"
                } else {
                    "invalid-choice"
                },
            )
            .into()
        }),
    }
}

// ------------------------------------------------------------------ languages

/// One of a candidate's other languages, ready for `candidate_languages.html`.
pub struct LanguageRow {
    pub id: i64,
    pub name: String,
    pub level: String,
    pub certificate: String,
    pub exam: String,
    pub next: String,
}

/// Where the add and remove forms post to, and the choices of the add form.
pub struct LanguageEdit {
    /// `…/languages`; a row is removed at `…/languages/{row}/remove`.
    pub action: String,
    /// (ISO code, name in the page's language), by name.
    pub options: Vec<(&'static str, String)>,
    /// (level, label): A1 … C2, then the mother tongue.
    pub levels: Vec<(&'static str, String)>,
}

/// The "Sprachen" section: the list, and the forms where the viewer may edit.
pub struct LanguagesBlock {
    pub rows: Vec<LanguageRow>,
    pub edit: Option<LanguageEdit>,
    /// The hint under the heading (a catalogue key).
    pub hint: &'static str,
}

/// A language's name in the page's language.
pub fn language_name(tr: &Tr, code: &str) -> String {
    tr.t(format!("language-name-{code}"))
}

/// A level as shown: the CEFR code, or "Muttersprache".
pub fn level_label(tr: &Tr, level: &str) -> String {
    if level == "native" {
        tr.t("language-level-native")
    } else {
        level.to_owned()
    }
}

/// The section for `list`; `action` (the forms' target) only for a viewer who may edit.
pub fn languages_block(
    tr: &Tr,
    list: &[LanguageRecord],
    action: Option<String>,
    hint: &'static str,
) -> LanguagesBlock {
    let dash = |v: Option<String>| v.unwrap_or_else(|| "–".into());
    let rows = list
        .iter()
        .map(|l| LanguageRow {
            id: l.id,
            name: language_name(tr, &l.data.language),
            level: level_label(tr, &l.data.level),
            certificate: dash(l.data.certificate.clone()),
            exam: dash(l.data.exam_date.map(format_date)),
            next: dash(l.data.next_expected.map(format_date)),
        })
        .collect();
    let edit = action.map(|action| {
        let mut options: Vec<(&'static str, String)> = LANGUAGES
            .iter()
            .map(|c| (*c, language_name(tr, c)))
            .collect();
        options.sort_by_key(|(_, name)| standort_esco::fold_for_search(name));
        LanguageEdit {
            action,
            options,
            levels: LANGUAGE_LEVELS
                .iter()
                .map(|l| (*l, level_label(tr, l)))
                .collect(),
        }
    });
    LanguagesBlock { rows, edit, hint }
}

fn languages_done(id: i64) -> String {
    format!("/recruitment/candidates/{id}/edit?done=language-saved-ok#languages")
}

pub async fn language_add(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(f): PageForm<LanguageInput>,
) -> Response {
    let r = state
        .app
        .add_candidate_language(&actor, id, &f)
        .await
        .map(|_| ());
    done(r, &ctx, languages_done(id))
}

pub async fn language_remove(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, row)): PagePath<(i64, i64)>,
) -> Response {
    let r = state
        .app
        .remove_candidate_language(&actor, id, row)
        .await
        .map(|_| ());
    done(r, &ctx, languages_done(id))
}

// ------------------------------------------------------------------ positions

#[derive(Template)]
#[template(path = "recruitment_position_edit.html")]
struct PositionEditPage<'a> {
    page: &'a Layout,
    view: &'a PositionView,
    start: String,
    licences: String,
    kinds: &'static [&'static str],
    levels: &'static [&'static str],
    q: String,
    occupation_hits: Vec<SearchHit>,
    sq: String,
    skill_hits: Vec<SearchHit>,
    /// (skill id, label, relation, the other relation)
    skill_rows: Vec<(i64, String, &'static str, &'static str)>,
}

pub async fn position_edit(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    if let Err(e) =
        standort_app::policy::require(&actor, standort_app::policy::Permission::ManagePositions)
    {
        return fail(e, &ctx);
    }
    let view = match state.app.get_position(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let q = query(raw.as_deref(), "q");
    let sq = query(raw.as_deref(), "sq");
    let occupation_hits = match search(&state, &actor, &q, Concept::Occupation).await {
        Ok(h) => h
            .into_iter()
            .filter(|h| view.record.data.occupation_id != Some(h.id))
            .collect(),
        Err(e) => return fail(e, &ctx),
    };
    let skill_hits = match search(&state, &actor, &sq, Concept::Skill).await {
        Ok(h) => h
            .into_iter()
            .filter(|h| {
                !view.essential.iter().any(|s| s.id == h.id)
                    && !view.optional.iter().any(|s| s.id == h.id)
            })
            .collect(),
        Err(e) => return fail(e, &ctx),
    };
    let done = query(raw.as_deref(), "done");
    let mut layout = Layout::new(&ctx, "position-edit-title").with_notice(
        matches!(
            done.as_str(),
            "position-updated-ok" | "position-skills-updated-ok"
        )
        .then(|| ctx.tr.t(&done)),
    );
    layout.title = ctx
        .tr
        .ts("position-edit-heading", "title", &view.record.data.title);
    let skill_rows = view
        .essential
        .iter()
        .map(|s| (s.id, s.label.clone(), "essential", "optional"))
        .chain(
            view.optional
                .iter()
                .map(|s| (s.id, s.label.clone(), "optional", "essential")),
        )
        .collect();
    render(&PositionEditPage {
        page: &layout,
        skill_rows,
        start: format_date(view.record.data.start_date),
        licences: view.record.data.licences.join(", "),
        kinds: &POSITION_KINDS,
        levels: &CEFR_LEVELS,
        q,
        occupation_hits,
        sq,
        skill_hits,
        view: &view,
    })
}

/// The position form as posted (all text, so an empty or mistyped number is a clear
/// validation error rather than a parse failure).
#[derive(Deserialize)]
pub struct PositionForm {
    title: Option<String>,
    kind: Option<String>,
    occupation_id: Option<String>,
    german_level: Option<String>,
    recognition_required: Option<String>,
    recognition_partnership: Option<String>,
    licences: Option<String>,
    place: Option<String>,
    places: Option<String>,
    start_date: Option<String>,
    is_open: Option<String>,
}

pub async fn position_save(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(f): PageForm<PositionForm>,
) -> Response {
    let input = match (|| -> Result<PositionInput, AppError> {
        Ok(PositionInput {
            title: f.title,
            kind: f.kind,
            org_id: None,
            occupation_id: number("occupation_id", &f.occupation_id)?,
            german_level: f.german_level,
            recognition_required: f.recognition_required,
            recognition_partnership: f.recognition_partnership,
            licences: f.licences,
            place: f.place,
            // An empty field is not "one place": ask again.
            places: Some(number("places", &f.places)?.unwrap_or(0)),
            start_date: f.start_date,
            is_open: Some(f.is_open.unwrap_or_else(|| "open".into())),
        })
    })() {
        Ok(i) => i,
        Err(e) => return fail(e, &ctx),
    };
    match state.app.update_position(&actor, id, &input).await {
        Ok(_) => Redirect::to(&format!(
            "/recruitment/positions/{id}/edit?done=position-updated-ok"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Deserialize)]
pub struct SkillForm {
    skill_id: i64,
    relation: Option<String>,
}

fn skills_done(id: i64) -> String {
    format!("/recruitment/positions/{id}/edit?done=position-skills-updated-ok#skills")
}

pub async fn position_skill_add(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(f): PageForm<SkillForm>,
) -> Response {
    let relation = f.relation.unwrap_or_else(|| "essential".into());
    let r = state
        .app
        .change_position_skill(&actor, id, f.skill_id, Some(&relation))
        .await;
    done(r, &ctx, skills_done(id))
}

#[derive(Deserialize)]
pub struct RelationForm {
    relation: String,
}

pub async fn position_skill_relation(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, skill)): PagePath<(i64, i64)>,
    PageForm(f): PageForm<RelationForm>,
) -> Response {
    let r = state
        .app
        .change_position_skill(&actor, id, skill, Some(&f.relation))
        .await;
    done(r, &ctx, skills_done(id))
}

pub async fn position_skill_remove(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, skill)): PagePath<(i64, i64)>,
) -> Response {
    let r = state
        .app
        .change_position_skill(&actor, id, skill, None)
        .await;
    done(r, &ctx, skills_done(id))
}

pub async fn position_skills_reset(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    let r = state.app.reset_position_skills(&actor, id).await;
    done(r, &ctx, skills_done(id))
}

// ------------------------------------------------------------------ candidates

#[derive(Template)]
#[template(path = "recruitment_candidate_edit.html")]
struct CandidateEditPage<'a> {
    page: &'a Layout,
    profile: &'a CandidateProfile,
    exam: String,
    next: String,
    available: String,
    licences: String,
    regions: String,
    levels: &'static [&'static str],
    recognition: &'static [&'static str],
    /// (kind, its current occupations, search text, hits)
    occupations: Vec<OccupationBlock>,
    qq: String,
    qualification_hits: Vec<SearchHit>,
    languages: LanguagesBlock,
}

struct OccupationBlock {
    kind: &'static str,
    current: Vec<(i64, String)>,
    q: String,
    hits: Vec<SearchHit>,
}

async fn managed_profile(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
) -> Result<CandidateProfile, Response> {
    let profile = state
        .app
        .get_candidate(actor, id)
        .await
        .map_err(|e| fail(e, ctx))?;
    match profile.access {
        CandidateAccess::Manage => Ok(profile),
        _ => Err(PageError::new(Failure::Forbidden, ctx).into_response()),
    }
}

pub async fn candidate_edit(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let profile = match managed_profile(&state, &ctx, &actor, id).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let mut occupations = Vec::new();
    for (kind, list) in [("worked", &profile.worked), ("wished", &profile.wished)] {
        let q = query(raw.as_deref(), &format!("{kind}_q"));
        let hits = match search(&state, &actor, &q, Concept::Occupation).await {
            Ok(h) => h
                .into_iter()
                .filter(|h| !list.iter().any(|o| o.id == h.id))
                .collect(),
            Err(e) => return fail(e, &ctx),
        };
        occupations.push(OccupationBlock {
            kind,
            current: list.iter().map(|o| (o.id, o.label.clone())).collect(),
            q,
            hits,
        });
    }
    let qq = query(raw.as_deref(), "qq");
    let qualification_hits = match search(&state, &actor, &qq, Concept::Occupation).await {
        Ok(h) => h,
        Err(e) => return fail(e, &ctx),
    };
    let d = &profile.record.data;
    let date = |v: Option<i64>| v.map(format_date).unwrap_or_default();
    let done = query(raw.as_deref(), "done");
    let mut layout = Layout::new(&ctx, "candidate-edit-title").with_notice(
        matches!(done.as_str(), "candidate-updated-ok" | "language-saved-ok")
            .then(|| ctx.tr.t(&done)),
    );
    layout.title = ctx
        .tr
        .ts("candidate-edit-heading", "name", &profile.display_name());
    render(&CandidateEditPage {
        page: &layout,
        exam: date(d.german_exam_date),
        next: date(d.german_next_expected),
        available: date(d.available_from),
        licences: d.licences.join(", "),
        regions: d.wished_regions.join(", "),
        levels: &CEFR_LEVELS,
        recognition: &RECOGNITION,
        occupations,
        qq,
        qualification_hits,
        languages: languages_block(
            &ctx.tr,
            &profile.languages,
            Some(format!("/recruitment/candidates/{id}/languages")),
            "candidate-languages-hint",
        ),
        profile: &profile,
    })
}

fn candidate_done(id: i64, anchor: &str) -> String {
    format!("/recruitment/candidates/{id}/edit?done=candidate-updated-ok#{anchor}")
}

pub async fn candidate_save(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(mut input): PageForm<CandidateInput>,
) -> Response {
    // Consents are given and withdrawn elsewhere; this form keeps them as they are.
    let profile = match managed_profile(&state, &ctx, &actor, id).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let on = |b: bool| b.then(|| "on".to_owned());
    input.consent_share_employers = on(profile.record.data.consent_share_employers);
    input.consent_talent_pool = on(profile.record.data.consent_talent_pool);
    let r = state
        .app
        .update_candidate(&actor, id, &input)
        .await
        .map(|_| ());
    done(r, &ctx, candidate_done(id, "profile"))
}

#[derive(Deserialize)]
pub struct QualificationForm {
    title: Option<String>,
    country: Option<String>,
    occupation_id: Option<String>,
    recognition: Option<String>,
}

pub async fn qualification_add(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(f): PageForm<QualificationForm>,
) -> Response {
    let occupation = match number("occupation_id", &f.occupation_id) {
        Ok(o) => o,
        Err(e) => return fail(e, &ctx),
    };
    let r = state
        .app
        .add_qualification(
            &actor,
            id,
            f.title.as_deref().unwrap_or(""),
            f.country.as_deref().unwrap_or(""),
            occupation,
            f.recognition.as_deref().unwrap_or(""),
        )
        .await
        .map(|_| ());
    done(r, &ctx, candidate_done(id, "qualifications"))
}

pub async fn qualification_remove(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, q)): PagePath<(i64, i64)>,
) -> Response {
    let r = state.app.remove_qualification(&actor, id, q).await;
    done(r, &ctx, candidate_done(id, "qualifications"))
}

#[derive(Deserialize)]
pub struct OccupationForm {
    occupation_id: i64,
}

pub async fn occupation_add(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, kind)): PagePath<(i64, String)>,
    PageForm(f): PageForm<OccupationForm>,
) -> Response {
    let r = state
        .app
        .change_candidate_occupation(&actor, id, &kind, f.occupation_id, true)
        .await;
    done(r, &ctx, candidate_done(id, &format!("occupations-{kind}")))
}

pub async fn occupation_remove(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, kind, occ)): PagePath<(i64, String, i64)>,
) -> Response {
    let r = state
        .app
        .change_candidate_occupation(&actor, id, &kind, occ, false)
        .await;
    done(r, &ctx, candidate_done(id, &format!("occupations-{kind}")))
}
