//! Skilled-workers API: ESCO search, candidates (with their languages, qualifications and
//! skills), positions and matches, employers' shortlists and introduction requests. Same use cases and permissions as the pages (records outside
//! the caller's view are 404; invalid input is a 422 problem and changes nothing).
//!
//! One file per entity, each registering its routes. The read endpoints are listed in
//! `RecruitmentDoc` as `recruitment::…` — hence the re-exports of their `__path_*` items here;
//! the editing endpoints are listed in [`RecruitmentEditDoc`]. All carry the tag `recruitment`
//! (`api::openapi_doc` tags every operation with its module's name).

mod candidates;
mod esco;
mod introductions;
mod languages;
mod matching;
mod positions;
mod shortlist;

use axum::Router;
use utoipa::OpenApi;

use crate::AppState;

pub use candidates::{__path_create_candidate, __path_get_candidate, __path_list_candidates};
pub use esco::__path_search_esco;
pub use matching::{__path_candidate_matches, __path_position_matches};
pub use positions::{__path_create_position, __path_get_position, __path_list_positions};

use candidates::{
    __path_add_qualification, __path_remove_qualification, __path_set_candidate_skills,
    __path_set_occupations, __path_update_candidate, CandidateEditDto, CreatedDto, HeldSkillDto,
    HeldSkillListDto, OccupationListDto, QualificationDto,
};
use esco::{__path_add_local_label, __path_delete_local_label, LocalLabelDto, LocalLabelInDto};
use introductions::{
    __path_answer_introduction, __path_get_introduction, __path_list_introductions,
    __path_request_introduction, IntroductionAnswerBody, IntroductionBody, IntroductionDto,
    IntroductionPage,
};
use languages::{__path_set_languages, LanguageInDto, LanguageListDto};
use positions::{
    __path_set_position_skills, __path_update_position, PositionEditDto, RequiredSkillDto,
    SkillListDto,
};
use shortlist::{
    __path_list_shortlist, __path_shortlist_candidate, __path_unshortlist_candidate, ShortlistBody,
    ShortlistItemDto, ShortlistPage,
};

/// Every endpoint of the module: each file registers its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(esco::routes())
        .merge(candidates::routes())
        .merge(languages::routes())
        .merge(positions::routes())
        .merge(matching::routes())
        .merge(shortlist::routes())
        .merge(introductions::routes())
}

/// This module's part of the OpenAPI document: the reading endpoints (tagged `recruitment`)
/// and the editing ones.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = RecruitmentDoc::openapi();
    doc.merge(RecruitmentEditDoc::openapi());
    doc
}

// Named through the module's own name, as the document has always listed them; the tag
// (`recruitment`) is the module's name, set for every operation by `api::openapi_doc`.
use super::recruitment;

#[derive(OpenApi)]
#[openapi(paths(
    recruitment::search_esco,
    recruitment::list_candidates,
    recruitment::get_candidate,
    recruitment::create_candidate,
    recruitment::candidate_matches,
    recruitment::list_positions,
    recruitment::get_position,
    recruitment::create_position,
    recruitment::position_matches
),
    tags((name = "recruitment", description = "Skilled workers: ESCO search, candidates with their languages, qualifications and skills, positions and matches. Employers see consenting candidates only and no contact details."))
)]
struct RecruitmentDoc;

#[derive(OpenApi)]
#[openapi(
    paths(
        update_position,
        set_position_skills,
        update_candidate,
        add_qualification,
        remove_qualification,
        set_occupations,
        set_languages,
        set_candidate_skills,
        add_local_label,
        delete_local_label,
        list_shortlist,
        shortlist_candidate,
        unshortlist_candidate,
        list_introductions,
        get_introduction,
        request_introduction,
        answer_introduction
    ),
    components(schemas(
        PositionEditDto,
        SkillListDto,
        RequiredSkillDto,
        CandidateEditDto,
        QualificationDto,
        CreatedDto,
        OccupationListDto,
        LanguageListDto,
        LanguageInDto,
        HeldSkillListDto,
        HeldSkillDto,
        LocalLabelInDto,
        LocalLabelDto,
        ShortlistBody,
        ShortlistItemDto,
        ShortlistPage,
        IntroductionBody,
        IntroductionAnswerBody,
        IntroductionDto,
        IntroductionPage
    ))
)]
pub struct RecruitmentEditDoc;

fn yes_no(b: Option<bool>) -> Option<String> {
    b.map(|b| if b { "yes" } else { "no" }.to_owned())
}

fn on(b: Option<bool>) -> Option<String> {
    b.filter(|b| *b).map(|_| "on".to_owned())
}
