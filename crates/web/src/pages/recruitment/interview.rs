//! The counsellor interview: skills in the URL (GET) → fitting occupations and positions, and
//! saving the confirmed skills to a candidate.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::esco::{OccupationInfo, SearchHit, SkillInfo};
use standort_app::policy::{Permission, allows};
use standort_app::recruitment::{CEFR_LEVELS, CandidateInput};
use standort_store::esco::Concept;

use crate::AppState;
use crate::context::UserCtx;
use crate::error::{Failure, PageError};
use crate::pages::{Layout, render};

use super::matches::{Row, position_rows};
use super::{enc, fail, first, ids, pairs};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/recruitment/interview", get(interview))
        .route("/recruitment/interview/save", post(save_interview))
}

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
        return PageError::new(Failure::NotFound, &ctx).into_response();
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
                f.missing.iter().map(|s| s.text()).collect(),
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
