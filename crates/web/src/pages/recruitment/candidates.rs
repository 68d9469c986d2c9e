//! Candidates: the list with its filters, creating one, the profile page (matches, personal
//! records, languages), editing the profile and its qualifications and occupations, held
//! skills, and "my profile" for the candidate's own login.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::Actor;
use standort_app::esco::SearchHit;
use standort_app::export::Value;
use standort_app::policy::{CandidateAccess, Permission, allows};
use standort_app::recruitment::{
    CEFR_LEVELS, CandidateInput, CandidateProfile, CandidateQuery, EVIDENCE, RECOGNITION,
};
use standort_domain::date::format_date;
use standort_store::esco::Concept;
use standort_store::recruitment::{CandidateRecord, CandidateSort};

use crate::AppState;
use crate::context::{Ctx, PageForm, PagePath, UserCtx};
use crate::error::{Failure, PageError};
use crate::pages::list::{ListState, ListView, download};
use crate::pages::{Layout, Pager, render};

use super::matches::{Row, position_rows};
use super::{LanguagesBlock, done, fail, first, languages_block, number, pairs, query, search};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/recruitment/candidates",
            get(candidates).post(create_candidate),
        )
        .route("/recruitment/candidates/{id}", get(candidate))
        .route("/recruitment/candidates/{id}/skills", post(add_skill))
        .route(
            "/recruitment/candidates/{id}/skills/{skill}/remove",
            post(remove_skill),
        )
        .route("/recruitment/my-profile", get(my_profile))
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
        .route(
            "/recruitment/candidates/{id}/occupations/{kind}/{occ}/remove",
            post(occupation_remove),
        )
}

#[derive(Template)]
#[template(path = "recruitment_candidates.html")]
struct CandidatesPage<'a> {
    page: &'a Layout,
    q: String,
    mine: bool,
    country: String,
    german: String,
    is_counsellor: bool,
    can_manage: bool,
    count: String,
    items: Vec<CandidateRecord>,
    pager: Pager,
    list: ListView,
    levels: &'static [&'static str],
}

/// The candidates list's filters (query parameters besides `q`, `sort`, `dir`, the page).
const CANDIDATE_FILTERS: &[&str] = &["mine", "country", "german"];

/// The list's columns: translation key and sort key (shared by the table and its download).
const CANDIDATE_COLUMNS: &[(&str, Option<CandidateSort>)] = &[
    ("candidate-name", Some(CandidateSort::Name)),
    ("candidate-origin", Some(CandidateSort::Country)),
    ("candidate-german", Some(CandidateSort::German)),
    ("candidate-available", Some(CandidateSort::Available)),
    ("candidate-consent-share", None),
];

pub async fn candidates(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let st =
        match ListState::<CandidateSort>::parse("/recruitment/candidates", &p, CANDIDATE_FILTERS) {
            Ok(st) => st,
            Err(refused) => return crate::error::PageError::new(refused, &ctx).into_response(),
        };
    let query = CandidateQuery {
        name: Some(st.q.clone()),
        mine: st.filter("mine").is_some(),
        country: st.filter("country").map(str::to_owned),
        german_min: st.filter("german").map(str::to_owned),
        order: st.order,
        export: st.export(),
    };
    let list = match state.app.query_candidates(&actor, &query, st.rows()).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    if let Some(format) = st.format {
        let tr = &ctx.tr;
        let rows = list
            .items
            .iter()
            .map(|c| {
                let d = &c.data;
                vec![
                    Value::from(format!("{} {}", d.family_name, d.given_names)),
                    Value::from(format!("{}, {}", d.province, tr.country(&d.country))),
                    d.german_level.clone().map_or(Value::Empty, Value::from),
                    crate::pages::list::date_cell(d.available_from),
                    Value::from(tr.t(if d.consent_share_employers {
                        "rec-yes"
                    } else {
                        "rec-no"
                    })),
                ]
            })
            .collect();
        let columns: Vec<&str> = CANDIDATE_COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(&ctx, format, "candidates", &columns, rows);
    }
    let layout = Layout::new(&ctx, "candidates-title").with_notice(
        first(&p, "done")
            .filter(|d| d == "candidate-created-ok")
            .map(|d| ctx.tr.t(d)),
    );
    render(&CandidatesPage {
        page: &layout,
        count: ctx.tr.tn("candidates-count", "count", list.total),
        pager: Pager::new(&ctx.tr, &list, &st.base()),
        list: st.view(&ctx.tr, CANDIDATE_COLUMNS),
        items: list.items,
        mine: query.mine,
        country: query.country.unwrap_or_default(),
        german: query.german_min.unwrap_or_default(),
        q: st.q,
        is_counsellor: actor.role() == standort_domain::Role::JobCounsellor,
        can_manage: allows(actor.role(), Permission::ManageCandidates),
        levels: &CEFR_LEVELS,
    })
}

pub async fn create_candidate(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<CandidateInput>,
) -> Response {
    match state.app.create_candidate(&actor, &form).await {
        Ok(c) => Redirect::to(&format!(
            "/recruitment/candidates/{}?done=candidate-created-ok",
            c.id
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "recruitment_candidate.html")]
struct CandidatePage<'a> {
    page: &'a Layout,
    profile: &'a CandidateProfile,
    can_edit: bool,
    show_contact: bool,
    german: String,
    licences: String,
    regions: String,
    available: String,
    sq: String,
    skill_hits: Vec<SearchHit>,
    evidence: &'static [&'static str],
    matches: Vec<Row>,
    /// Documents, consents and erasure (managing staff only).
    personal: Option<crate::pages::portal::RecordsView>,
    can_erase: bool,
    process_ended: String,
    limits: String,
    manage: bool,
    languages: super::languages::LanguagesBlock,
    /// Login and invitation to the portal (managing staff only).
    portal_access: Option<crate::pages::accounts::PortalAccess>,
    /// The candidate's placements the reader may see: (link, position).
    placements: Vec<(String, String)>,
    /// An employer's shortlist button and request form.
    employer_actions: Option<super::introductions::EmployerActions>,
    /// The introduction requests about the candidate (staff, to answer; an employer, its own).
    introductions: Option<super::introductions::IntroductionsBlock>,
}

async fn candidate_page(
    state: &AppState,
    ctx: &crate::context::Ctx,
    actor: &standort_app::Actor,
    id: i64,
    raw: Option<&str>,
) -> Response {
    let p = pairs(raw);
    let profile = match state.app.get_candidate(actor, id).await {
        Ok(pr) => pr,
        Err(e) => return fail(e, ctx),
    };
    let can_edit = profile.access == CandidateAccess::Manage;
    let sq = first(&p, "sq").unwrap_or_default();
    let skill_hits = if can_edit && !sq.is_empty() {
        match state
            .app
            .search_concepts(actor, &sq, Some(Concept::Skill), None, 15)
            .await
        {
            Ok(h) => h,
            Err(e) => return fail(e, ctx),
        }
    } else {
        Vec::new()
    };
    let matches = if profile.access == CandidateAccess::Shared {
        Vec::new()
    } else {
        match state.app.match_positions(actor, id, 10).await {
            Ok(m) => position_rows(&ctx.tr, &m, profile.access == CandidateAccess::Manage),
            Err(e) => return fail(e, ctx),
        }
    };
    let d = &profile.record.data;
    let tr = &ctx.tr;
    let german = match &d.german_level {
        Some(level) => {
            let mut s = level.clone();
            if let Some(c) = &d.german_certificate {
                s.push_str(&format!(" ({c})"));
            }
            if let Some(e) = d.german_exam_date {
                s.push_str(&format!(
                    ", {}",
                    tr.ts("candidate-exam-on", "date", &tr.date(e))
                ));
            }
            if let Some(n) = d.german_next_expected {
                s.push_str(&format!(
                    ", {}",
                    tr.ts("candidate-next-level-on", "date", &tr.date(n))
                ));
            }
            s
        }
        None => tr.t("candidate-no-german"),
    };
    let (personal, can_erase) =
        match crate::pages::portal::staff_records(state, tr, actor, id, profile.access).await {
            Ok(Some((r, erase))) => (Some(r), erase),
            Ok(None) => (None, false),
            Err(e) => return fail(e, ctx),
        };
    let portal_access = if can_edit {
        match crate::pages::accounts::portal_access(state, tr, actor, &profile.record).await {
            Ok(a) => Some(a),
            Err(e) => return fail(e, ctx),
        }
    } else {
        None
    };
    let placements =
        match crate::pages::placements::placements_of(state, actor, Some(id), None).await {
            Ok(p) => p,
            Err(e) => return fail(e, ctx),
        };
    let (employer_actions, introductions) =
        match super::introductions::candidate_blocks(state, tr, actor, id).await {
            Ok(blocks) => blocks,
            Err(e) => return fail(e, ctx),
        };
    let mut layout = Layout::new(ctx, "candidates-title").with_notice(
        first(&p, "done")
            .filter(|d| {
                matches!(
                    d.as_str(),
                    "candidate-created-ok"
                        | "candidate-updated-ok"
                        | "portal-request-ok"
                        | "portal-process-ok"
                        | "portal-upload-ok"
                        | "shortlist-added-ok"
                        | "shortlist-removed-ok"
                        | "introduction-requested-ok"
                        | "introduction-answered-ok"
                )
            })
            .map(|d| tr.t(d)),
    );
    layout.title = profile.display_name();
    render(&CandidatePage {
        page: &layout,
        can_edit,
        show_contact: profile.access != CandidateAccess::Shared,
        german,
        licences: if d.licences.is_empty() {
            "–".into()
        } else {
            d.licences.join(", ")
        },
        regions: if d.wished_regions.is_empty() {
            "–".into()
        } else {
            d.wished_regions.join(", ")
        },
        available: tr.date(d.available_from),
        sq,
        skill_hits,
        evidence: &EVIDENCE,
        matches,
        personal,
        can_erase,
        process_ended: profile
            .record
            .process_ended_at
            .map(format_date)
            .unwrap_or_default(),
        limits: crate::pages::portal::limits(tr),
        manage: true,
        languages: super::languages::languages_block(
            tr,
            &profile.languages,
            None,
            "candidate-languages-hint",
        ),
        profile: &profile,
        portal_access,
        placements,
        employer_actions,
        introductions,
    })
}

pub async fn candidate(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    candidate_page(&state, &ctx, &actor, id, raw.as_deref()).await
}

/// A candidate's own profile is part of the portal.
pub async fn my_profile() -> Response {
    Redirect::to("/portal").into_response()
}

#[derive(serde::Deserialize)]
pub struct SkillForm {
    skill_id: i64,
    evidence: Option<String>,
}

pub async fn add_skill(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<SkillForm>,
) -> Response {
    let evidence = form.evidence.as_deref().unwrap_or("observed");
    match state
        .app
        .add_candidate_skill(&actor, id, form.skill_id, evidence)
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/recruitment/candidates/{id}?done=candidate-updated-ok#skills"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn remove_skill(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, skill)): PagePath<(i64, i64)>,
) -> Response {
    match state.app.remove_candidate_skill(&actor, id, skill).await {
        Ok(()) => Redirect::to(&format!(
            "/recruitment/candidates/{id}?done=candidate-updated-ok#skills"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

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
