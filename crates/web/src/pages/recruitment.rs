//! Skilled-workers pages: ESCO search, candidates, positions, matching both ways and the
//! counsellor interview. Plain HTML forms; state of the interview lives in the URL (GET), so
//! the pages work without JavaScript and without server-side session state.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::PageRequest;
use standort_app::esco::{OccupationInfo, SearchHit, SkillInfo};
use standort_app::policy::{CandidateAccess, Permission, allows};
use standort_app::recruitment::{
    CEFR_LEVELS, CandidateInput, CandidateMatch, CandidateProfile, EVIDENCE, Explained,
    PositionInput, PositionMatch, PositionView, format_date,
};
use standort_store::esco::Concept;
use standort_store::recruitment::{CandidateRecord, PositionRecord};

use super::{Layout, Pager, render};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::error::{Failure, PageError};
use crate::i18n::{Tr, locales};
use crate::module::{NavEntry, WebModule};

/// Candidates, positions, matching and the ESCO search; also the editing pages
/// (`recruitment_edit`). `esco.ftl` holds the ESCO search page's texts.
pub(crate) const MODULE: WebModule = WebModule {
    name: "recruitment",
    locales: locales!("recruitment", "esco"),
    pages: || routes().merge(super::recruitment_edit::routes()),
    api: crate::api::recruitment::module_routes,
    openapi: crate::api::recruitment::openapi,
    nav: &[
        NavEntry {
            href: "/recruitment/candidates",
            label_key: "card-candidates",
            visible: |role| {
                allows(role, Permission::ManageCandidates)
                    || allows(role, Permission::ReadSharedCandidates)
            },
        },
        NavEntry {
            href: "/recruitment/positions",
            label_key: "card-positions",
            visible: |role| allows(role, Permission::ReadPositions),
        },
        NavEntry {
            href: "/recruitment/my-profile",
            label_key: "card-my-profile",
            visible: |role| allows(role, Permission::ManageOwnProfile),
        },
        // For those who describe people and positions with ESCO.
        NavEntry {
            href: "/esco/search",
            label_key: "card-esco",
            visible: |role| {
                allows(role, Permission::ManageCandidates)
                    || allows(role, Permission::ManagePositions)
            },
        },
    ],
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/esco/search", get(search))
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
            "/recruitment/positions",
            get(positions).post(create_position),
        )
        .route("/recruitment/positions/{id}", get(position))
        .route("/recruitment/interview", get(interview))
        .route("/recruitment/interview/save", post(save_interview))
}

/// Query pairs of the raw query string (repeated keys kept).
fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn first(pairs: &[(String, String)], key: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.trim().is_empty())
}

fn ids(pairs: &[(String, String)], key: &str) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    for (k, v) in pairs {
        if k == key
            && let Ok(id) = v.trim().parse()
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn fail(e: standort_app::AppError, ctx: &crate::context::Ctx) -> Response {
    PageError::new(e.into(), ctx).into_response()
}

/// Translated lines of a match breakdown.
pub fn explain(tr: &Tr, ex: &Explained) -> Vec<String> {
    ex.lines
        .iter()
        .map(|l| {
            let reason = match &l.arg {
                Some((name, value)) => match value.parse::<i64>() {
                    Ok(n) => tr.tn(&l.reason_key, name, n),
                    Err(_) => tr.ts(&l.reason_key, name, value),
                },
                None => tr.t(&l.reason_key),
            };
            let label = tr.t(&l.label_key);
            match (l.passed, l.count) {
                (Some(passed), _) => {
                    let mark = tr.t(if passed {
                        "match-passed"
                    } else {
                        "match-failed"
                    });
                    format!("{label}: {mark} – {reason}")
                }
                (None, Some((matched, of))) => format!(
                    "{label}: {reason} ({}) – {}",
                    tr.ts2(
                        "match-count",
                        "matched",
                        &format!("{matched:.1}"),
                        "of",
                        &of.to_string()
                    ),
                    tr.tnn(
                        "match-value-weight",
                        &[
                            ("value", l.value_pct as i64),
                            ("weight", l.weight_pct as i64)
                        ]
                    )
                ),
                (None, None) => format!(
                    "{label}: {reason} – {}",
                    tr.tnn(
                        "match-value-weight",
                        &[
                            ("value", l.value_pct as i64),
                            ("weight", l.weight_pct as i64)
                        ]
                    )
                ),
            }
        })
        .collect()
}

/// A ranked result ready for a template.
pub struct Row {
    pub href: Option<String>,
    pub title: String,
    pub detail: String,
    pub score: String,
    pub eligible: bool,
    pub lines: Vec<String>,
    pub missing: Vec<String>,
    /// Essential skills met only partly, with the skill that earned the credit
    /// ("Altenpflege: ähnliche Kompetenz erfasst: Pflegedokumentation").
    pub partial: Vec<String>,
}

/// One line per partly met essential skill: the required skill, how it was met and by what.
fn partial_lines(tr: &Tr, explained: &Explained) -> Vec<String> {
    explained
        .partial
        .iter()
        .map(|(required, held, link)| {
            let how = tr.ts(
                &format!("match-link-{}", link.replace('_', "-")),
                "skill",
                &held.label,
            );
            format!("{}: {how}", required.label)
        })
        .collect()
}

fn candidate_rows(tr: &Tr, list: &[CandidateMatch], link: bool) -> Vec<Row> {
    list.iter()
        .map(|m| Row {
            href: link.then(|| format!("/recruitment/candidates/{}", m.candidate_id)),
            title: m.name.clone(),
            detail: format!("{}, {}", m.province, m.country),
            score: tr.tn("match-score", "score", m.explained.score_pct as i64),
            eligible: m.explained.eligible,
            lines: explain(tr, &m.explained),
            missing: m
                .explained
                .missing
                .iter()
                .map(|s| s.label.clone())
                .collect(),
            partial: partial_lines(tr, &m.explained),
        })
        .collect()
}

fn position_rows(tr: &Tr, list: &[PositionMatch], link: bool) -> Vec<Row> {
    list.iter()
        .map(|m| Row {
            href: link.then(|| format!("/recruitment/positions/{}", m.position_id)),
            title: m.title.clone(),
            detail: format!("{}, {}", m.organisation, m.place),
            score: tr.tn("match-score", "score", m.explained.score_pct as i64),
            eligible: m.explained.eligible,
            lines: explain(tr, &m.explained),
            missing: m
                .explained
                .missing
                .iter()
                .map(|s| s.label.clone())
                .collect(),
            partial: partial_lines(tr, &m.explained),
        })
        .collect()
}

// ------------------------------------------------------------------ ESCO search

#[derive(Template)]
#[template(path = "recruitment_search.html")]
struct SearchPage<'a> {
    page: &'a Layout,
    q: String,
    kind: String,
    lang: String,
    hits: Vec<SearchHit>,
    searched: bool,
}

pub async fn search(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let q = first(&p, "q").unwrap_or_default();
    let kind = first(&p, "kind").unwrap_or_default();
    let lang = first(&p, "lang").unwrap_or_else(|| ctx.lang().code().to_owned());
    let hits = match state
        .app
        .search_concepts(&actor, &q, Concept::parse(&kind), Some(&lang), 25)
        .await
    {
        Ok(h) => h,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "esco-search-title");
    render(&SearchPage {
        page: &layout,
        searched: !q.trim().is_empty(),
        q,
        kind,
        lang,
        hits,
    })
}

// ------------------------------------------------------------------ candidates

#[derive(Template)]
#[template(path = "recruitment_candidates.html")]
struct CandidatesPage<'a> {
    page: &'a Layout,
    q: String,
    mine: bool,
    is_counsellor: bool,
    can_manage: bool,
    count: String,
    items: Vec<CandidateRecord>,
    pager: Pager,
    levels: &'static [&'static str],
}

pub async fn candidates(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let q = first(&p, "q").unwrap_or_default();
    let mine = first(&p, "mine").is_some();
    let page_req = PageRequest::new(
        first(&p, "limit").and_then(|v| v.parse().ok()),
        first(&p, "offset").and_then(|v| v.parse().ok()),
    );
    let list = match state
        .app
        .list_candidates(&actor, Some(&q), mine, page_req)
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "candidates-title").with_notice(
        first(&p, "done")
            .filter(|d| d == "candidate-created-ok")
            .map(|d| ctx.tr.t(d)),
    );
    let base = format!(
        "/recruitment/candidates?q={}{}",
        enc(&q),
        if mine { "&mine=1" } else { "" }
    );
    render(&CandidatesPage {
        page: &layout,
        count: ctx.tr.tn("candidates-count", "count", list.total),
        pager: Pager::new(&ctx.tr, &list, &base),
        items: list.items,
        q,
        mine,
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
    personal: Option<super::portal::RecordsView>,
    can_erase: bool,
    process_ended: String,
    limits: String,
    manage: bool,
    languages: super::recruitment_edit::LanguagesBlock,
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
                    tr.ts("candidate-exam-on", "date", &format_date(e))
                ));
            }
            if let Some(n) = d.german_next_expected {
                s.push_str(&format!(
                    ", {}",
                    tr.ts("candidate-next-level-on", "date", &format_date(n))
                ));
            }
            s
        }
        None => tr.t("candidate-no-german"),
    };
    let (personal, can_erase) =
        match super::portal::staff_records(state, tr, actor, id, profile.access).await {
            Ok(Some((r, erase))) => (Some(r), erase),
            Ok(None) => (None, false),
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
        available: d
            .available_from
            .map(format_date)
            .unwrap_or_else(|| "–".into()),
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
        limits: super::portal::limits(tr),
        manage: true,
        languages: super::recruitment_edit::languages_block(
            tr,
            &profile.languages,
            None,
            "candidate-languages-hint",
        ),
        profile: &profile,
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

// ------------------------------------------------------------------ positions

#[derive(Template)]
#[template(path = "recruitment_positions.html")]
struct PositionsPage<'a> {
    page: &'a Layout,
    count: String,
    items: Vec<PositionRecord>,
    pager: Pager,
    can_create: bool,
    q: String,
    occupation_hits: Vec<SearchHit>,
    levels: &'static [&'static str],
    /// Agency staff post for an employer of their choice (id, name; their own organisation
    /// first). Empty for employers, who always post for their own organisation.
    employers: Vec<(i64, String)>,
}

pub async fn positions(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let page_req = PageRequest::new(
        first(&p, "limit").and_then(|v| v.parse().ok()),
        first(&p, "offset").and_then(|v| v.parse().ok()),
    );
    let list = match state.app.list_positions(&actor, page_req).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let can_create = allows(actor.role(), Permission::ManagePositions);
    let q = first(&p, "q").unwrap_or_default();
    let occupation_hits = if can_create && !q.is_empty() {
        match state
            .app
            .search_concepts(&actor, &q, Some(Concept::Occupation), None, 10)
            .await
        {
            Ok(h) => h,
            Err(e) => return fail(e, &ctx),
        }
    } else {
        Vec::new()
    };
    let employers = if can_create && actor.role() == standort_domain::Role::AgencyStaff {
        match state
            .app
            .list_organisations(&actor, PageRequest::new(Some(PageRequest::MAX_LIMIT), None))
            .await
        {
            Ok(orgs) => {
                let mut list: Vec<(i64, String)> =
                    orgs.items.into_iter().map(|o| (o.id.0, o.name)).collect();
                list.sort_by_key(|(id, name)| (*id != actor.user.org_id.0, name.clone()));
                list
            }
            Err(e) => return fail(e, &ctx),
        }
    } else {
        Vec::new()
    };
    let layout = Layout::new(&ctx, "positions-title");
    render(&PositionsPage {
        page: &layout,
        count: ctx.tr.tn("positions-count", "count", list.total),
        pager: Pager::new(&ctx.tr, &list, "/recruitment/positions"),
        items: list.items,
        can_create,
        q,
        occupation_hits,
        levels: &CEFR_LEVELS,
        employers,
    })
}

pub async fn create_position(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<PositionInput>,
) -> Response {
    match state.app.create_position(&actor, &form).await {
        Ok(p) => Redirect::to(&format!(
            "/recruitment/positions/{}?done=position-created-ok",
            p.id
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "recruitment_position.html")]
struct PositionPage<'a> {
    page: &'a Layout,
    view: &'a PositionView,
    kind_key: String,
    start: String,
    matches: Vec<Row>,
    can_edit: bool,
}

pub async fn position(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let view = match state.app.get_position(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let matches = match state.app.match_candidates(&actor, id, 20).await {
        Ok(m) => candidate_rows(&ctx.tr, &m, true),
        Err(e) => return fail(e, &ctx),
    };
    let mut layout = Layout::new(&ctx, "positions-title").with_notice(
        first(&p, "done")
            .filter(|d| d == "position-created-ok")
            .map(|d| ctx.tr.t(d)),
    );
    layout.title = view.record.data.title.clone();
    render(&PositionPage {
        page: &layout,
        kind_key: format!("position-kind-{}", view.record.data.kind),
        start: format_date(view.record.data.start_date),
        matches,
        can_edit: allows(actor.role(), Permission::ManagePositions),
        view: &view,
    })
}

// ------------------------------------------------------------------ interview

#[derive(Template)]
#[template(path = "recruitment_interview.html")]
struct InterviewPage<'a> {
    page: &'a Layout,
    q: String,
    sq: String,
    german: String,
    licences: String,
    occupation_hits: Vec<(SearchHit, String)>,
    skill_hits: Vec<(SearchHit, String)>,
    chosen: Vec<(OccupationInfo, String)>,
    proposed: Vec<(OccupationInfo, Vec<(SkillInfo, bool)>)>,
    extra: Vec<SkillInfo>,
    state_fields: Vec<(&'static str, String)>,
    skills: Vec<i64>,
    occupation_rows: Vec<(String, String, Vec<String>)>,
    position_rows: Vec<Row>,
    levels: &'static [&'static str],
}

pub async fn interview(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    if !allows(actor.role(), Permission::ManageCandidates) {
        return PageError::new(Failure::Forbidden, &ctx).into_response();
    }
    let p = pairs(raw.as_deref());
    let occ = ids(&p, "occ");
    let confirmed = first(&p, "confirmed").is_some();
    // Occupations just added through the search: their essential skills are proposed as held
    // until the counsellor confirms the list (unticks what the person cannot do).
    let newly_added = ids(&p, "propose");
    let mut skills = ids(&p, "skill");
    let q = first(&p, "q").unwrap_or_default();
    let sq = first(&p, "sq").unwrap_or_default();
    let german = first(&p, "german").unwrap_or_default();
    let licences = first(&p, "licences").unwrap_or_default();
    let app = &state.app;
    let proposed = match app.proposed_skills(&actor, &occ).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    // Before the counsellor confirms, every proposed essential skill counts as held.
    for (o, list) in &proposed {
        if !confirmed || newly_added.contains(&o.id) {
            for s in list {
                if !skills.contains(&s.id) {
                    skills.push(s.id);
                }
            }
        }
    }
    // The URL of this page with one change, for "add" links.
    let url = |extra: &str, drop_key: &str| {
        let mut s = String::from("/recruitment/interview?confirmed=1");
        for o in &occ {
            s.push_str(&format!("&occ={o}"));
        }
        for k in &skills {
            s.push_str(&format!("&skill={k}"));
        }
        for (k, v) in [
            ("german", &german),
            ("licences", &licences),
            ("q", &q),
            ("sq", &sq),
        ] {
            if k != drop_key && !v.is_empty() {
                s.push_str(&format!("&{k}={}", enc(v)));
            }
        }
        s.push_str(extra);
        s
    };
    let search = |text: &str, kind| {
        let app = app.clone();
        let actor = actor.clone();
        let text = text.to_owned();
        async move {
            if text.trim().is_empty() {
                Ok(Vec::new())
            } else {
                app.search_concepts(&actor, &text, Some(kind), None, 10)
                    .await
            }
        }
    };
    let occupation_hits: Vec<(SearchHit, String)> = match search(&q, Concept::Occupation).await {
        Ok(h) => h
            .into_iter()
            .filter(|h| !occ.contains(&h.id))
            .map(|h| {
                let link = url(&format!("&occ={0}&propose={0}", h.id), "q");
                (h, link)
            })
            .collect(),
        Err(e) => return fail(e, &ctx),
    };
    let skill_hits: Vec<(SearchHit, String)> = match search(&sq, Concept::Skill).await {
        Ok(h) => h
            .into_iter()
            .filter(|h| !skills.contains(&h.id))
            .map(|h| {
                let link = url(&format!("&skill={}", h.id), "sq");
                (h, link)
            })
            .collect(),
        Err(e) => return fail(e, &ctx),
    };
    let proposed_ids: Vec<i64> = proposed
        .iter()
        .flat_map(|(_, l)| l.iter().map(|s| s.id))
        .collect();
    let esco = match app.esco().await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let lang = ctx.lang().code();
    let extra: Vec<SkillInfo> = skills
        .iter()
        .filter(|s| !proposed_ids.contains(s))
        .filter_map(|&s| esco.skill(s, lang))
        .collect();
    let chosen: Vec<(OccupationInfo, String)> = proposed
        .iter()
        .map(|(o, _)| {
            let mut link = String::from("/recruitment/interview?confirmed=1");
            for other in occ.iter().filter(|x| **x != o.id) {
                link.push_str(&format!("&occ={other}"));
            }
            for k in &skills {
                link.push_str(&format!("&skill={k}"));
            }
            (o.clone(), link)
        })
        .collect();
    let proposed: Vec<(OccupationInfo, Vec<(SkillInfo, bool)>)> = proposed
        .into_iter()
        .map(|(o, list)| {
            let marked = list
                .into_iter()
                .map(|s| {
                    let held = skills.contains(&s.id);
                    (s, held)
                })
                .collect();
            (o, marked)
        })
        .collect();
    let result = match app
        .interview(
            &actor,
            &skills,
            Some(german.as_str()).filter(|g| !g.is_empty()),
            Some(licences.as_str()).filter(|l| !l.is_empty()),
            10,
        )
        .await
    {
        Ok(r) => r,
        Err(e) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    let occupation_rows = result
        .occupations
        .iter()
        .map(|f| {
            (
                f.occupation.label.clone(),
                tr.tn("match-score", "score", f.score_pct as i64),
                f.missing.iter().map(|s| s.label.clone()).collect(),
            )
        })
        .collect();
    let position_rows = position_rows(tr, &result.positions, true);
    let mut state_fields: Vec<(&'static str, String)> =
        occ.iter().map(|o| ("occ", o.to_string())).collect();
    state_fields.extend(skills.iter().map(|s| ("skill", s.to_string())));
    let layout = Layout::new(&ctx, "interview-title");
    render(&InterviewPage {
        page: &layout,
        q,
        sq,
        german,
        licences,
        occupation_hits,
        skill_hits,
        chosen,
        proposed,
        extra,
        state_fields,
        skills,
        occupation_rows,
        position_rows,
        levels: &CEFR_LEVELS,
    })
}

/// Saves the person captured in the interview as a candidate with the confirmed skills
/// (evidence: observed by the counsellor) and the occupations worked in.
pub async fn save_interview(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    body: Bytes,
) -> Response {
    let p: Vec<(String, String)> = form_urlencoded::parse(&body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let input = CandidateInput {
        family_name: first(&p, "family_name"),
        given_names: first(&p, "given_names"),
        country: first(&p, "country"),
        province: first(&p, "province"),
        email: first(&p, "email"),
        phone: first(&p, "phone"),
        german_level: first(&p, "german_level"),
        licences: first(&p, "licences"),
        wished_regions: first(&p, "wished_regions"),
        consent_share_employers: first(&p, "consent_share_employers"),
        ..Default::default()
    };
    let app = &state.app;
    let c = match app.create_candidate(&actor, &input).await {
        Ok(c) => c,
        Err(e) => return fail(e, &ctx),
    };
    let skills: Vec<(i64, String)> = ids(&p, "skill")
        .into_iter()
        .map(|s| (s, "observed".to_owned()))
        .collect();
    if let Err(e) = app.set_candidate_skills(&actor, c.id, &skills).await {
        return fail(e, &ctx);
    }
    if let Err(e) = app
        .set_candidate_occupations(&actor, c.id, "worked", &ids(&p, "occ"))
        .await
    {
        return fail(e, &ctx);
    }
    Redirect::to(&format!(
        "/recruitment/candidates/{}?done=candidate-created-ok",
        c.id
    ))
    .into_response()
}
