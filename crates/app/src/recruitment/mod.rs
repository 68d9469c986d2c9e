//! Skilled workers: candidate profiles, employers' positions and matching between them.
//!
//! Permissions come from [`policy`]: agency staff and job counsellors manage candidates;
//! employers manage and see only their own organisation's positions and see only candidates who
//! consented to be shown to employers (without contact details); candidates see their own
//! profile. Anything outside that answers `NotFound`. Every write audits before/after in the
//! same transaction; every read of a candidate record by someone other than the candidate
//! writes a `read` entry.
//!
//! Matching uses `standort_matching` over a [`MatchView`] — candidates and open positions in
//! the engine's form — which is a cache of the database like the ESCO view. Every write bumps
//! the recruitment revision and logs which candidates and positions it changed
//! (`store::bump_revision_for`); before each use the view re-reads just those records and
//! updates its index in place. It is rebuilt only when the ESCO generation changed, the log no
//! longer reaches back to the view's revision, or a write changed everything (demo loads).
//!
//! One file per entity or use case, each adding its methods to [`App`](crate::App): candidate
//! profiles (`candidates`), their languages, qualifications and skills (`languages`,
//! `qualifications`, `skills` — the latter also positions' skills and the ESCO search of the
//! forms), `positions`, the cached engine view (`match_view`), `matching` with its breakdowns,
//! the `interview`, employers' `shortlist` and their `introductions` requests with the agency's
//! answers, and the `demo` data. This file holds the constants and form parsing they
//! share and the dashboard counts.

mod candidates;
mod demo;
mod demo_introductions;
mod demo_labels;
mod interview;
mod introductions;
mod languages;
mod match_view;
mod matching;
mod positions;
mod qualifications;
mod shortlist;
mod skills;

use standort_domain::{Role, ValidationError};
use standort_matching as m;
use standort_store::recruitment::{self as store, CandidateFilter};
use standort_store::{AnyConnection, PageRequest};

use crate::policy;
use crate::{Actor, AppError};

pub use candidates::{CandidateInput, CandidateProfile, CandidateQuery};
pub(crate) use candidates::{link_login, record_flag_changes};
pub use demo::{demo_esco_data, load_recruitment_demo};
pub use demo_introductions::load_introductions_demo;
pub use interview::InterviewResult;
pub use introductions::{
    INTRODUCTION_TEXT_MAX, IntroductionAnswer, IntroductionInput, IntroductionQuery,
};
pub use languages::LanguageInput;
pub use match_view::{MatchCache, MatchView};
pub use matching::{CandidateMatch, ExplainLine, Explained, OccupationFit, PositionMatch};
pub use positions::{PositionInput, PositionList, PositionQuery, PositionView};
pub use shortlist::{ShortlistInput, ShortlistQuery};

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn line(field: &'static str, s: &Option<String>, max: usize) -> Result<Option<String>, AppError> {
    Ok(standort_domain::optional_line(field, s.as_deref(), max)?)
}

fn required(field: &'static str, s: &Option<String>, max: usize) -> Result<String, AppError> {
    line(field, s, max)?.ok_or_else(|| ValidationError::new(field, "required").into())
}

fn cefr(s: &str) -> Option<m::Cefr> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_uppercase())).ok()
}

fn parse_cefr(field: &'static str, s: &Option<String>) -> Result<Option<String>, AppError> {
    match opt(s) {
        None => Ok(None),
        Some(v) => cefr(v)
            .map(|_| Some(v.to_ascii_uppercase()))
            .ok_or_else(|| ValidationError::new(field, "invalid-cefr").into()),
    }
}

fn licence(s: &str) -> Option<m::LicenceClass> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_uppercase())).ok()
}

/// "B, D" → `["B", "D"]`, each a known EU class.
fn parse_licences(s: &Option<String>) -> Result<Vec<String>, AppError> {
    let mut out: Vec<String> = Vec::new();
    for part in opt(s).unwrap_or("").split([',', ' ', ';']) {
        if part.trim().is_empty() {
            continue;
        }
        if licence(part).is_none() {
            return Err(ValidationError::new("licences", "invalid-licence").into());
        }
        let p = part.trim().to_ascii_uppercase();
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

fn parse_list(s: &Option<String>) -> Vec<String> {
    opt(s)
        .unwrap_or("")
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.chars().take(100).collect())
        .collect()
}

fn checkbox(s: &Option<String>) -> bool {
    matches!(opt(s), Some("on" | "1" | "true" | "yes"))
}

fn country(s: &Option<String>, default: &str) -> Result<String, AppError> {
    // Only ISO 3166-1 alpha-2 codes in use (`domain::iso`).
    standort_domain::iso::country_code(opt(s).unwrap_or(default))
        .map(str::to_owned)
        .ok_or_else(|| ValidationError::new("country", "invalid-country").into())
}

pub const EVIDENCE: [&str; 3] = ["self_declared", "observed", "certified"];
pub const RECOGNITION: [&str; 6] = [
    "not_needed",
    "none",
    "in_progress",
    "partial",
    "recognised",
    "refused",
];
pub const POSITION_KINDS: [&str; 2] = ["skilled_job", "apprenticeship"];
pub const CEFR_LEVELS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

/// Levels of a language other than German: the CEFR levels and `native` (mother tongue).
pub const LANGUAGE_LEVELS: [&str; 7] = ["A1", "A2", "B1", "B2", "C1", "C2", "native"];

/// The ISO 639-1 codes a candidate's other languages may have: the languages of the countries
/// the agency recruits in and of the people met in integration courses, each with a name in the
/// three catalogues (`language-name-<code>`). German (`de`) is not among them: it lives in the
/// German fields of the profile, which matching and the language track read.
pub const LANGUAGES: &[&str] = &[
    "am", "ar", "bg", "bn", "bs", "cs", "el", "en", "es", "fa", "fr", "hi", "hr", "hu", "hy", "id",
    "it", "ja", "ka", "kk", "km", "ko", "ku", "ky", "lo", "mn", "ms", "my", "ne", "nl", "pl", "ps",
    "pt", "ro", "ru", "si", "sk", "so", "sq", "sr", "sw", "ta", "th", "ti", "tl", "tr", "uk", "ur",
    "uz", "vi", "zh",
];

/// At most this many other languages per candidate.
pub const MAX_LANGUAGES: usize = 20;

/// Counts for the dashboard cards: (candidates the actor may see — a counsellor's caseload,
/// an employer's consenting candidates — and open positions in the actor's scope).
async fn dashboard_counts(conn: &mut AnyConnection, actor: &Actor) -> Result<(i64, i64), AppError> {
    let candidates = store::count_candidates(
        conn,
        &CandidateFilter {
            counsellor: (actor.role() == Role::JobCounsellor).then(|| actor.id()),
            shared_with: (actor.role() == Role::Employer).then_some(actor.user.org_id),
            ..Default::default()
        },
    )
    .await?;
    let only = policy::scope(actor).only();
    let positions = store::list_positions(conn, only, true, PageRequest::new(Some(1), None))
        .await?
        .total;
    Ok((candidates, positions))
}

/// The recruitment module's dashboard cards: candidates and positions in the actor's scope.
pub(crate) async fn dashboard(
    conn: &mut AnyConnection,
    actor: &Actor,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    match actor.role() {
        Role::AgencyStaff => {
            let (candidates, positions) = dashboard_counts(conn, actor).await?;
            board.card(
                "card-candidates",
                Some(candidates),
                "card-candidates-hint",
                Some("/recruitment/candidates"),
            );
            board.card(
                "card-positions",
                Some(positions),
                "card-positions-hint",
                Some("/recruitment/positions"),
            );
            let open = store::count_introductions(
                conn,
                &store::IntroductionFilter {
                    states: vec![standort_domain::introduction::IntroductionState::Open],
                    ..Default::default()
                },
            )
            .await?;
            board.card(
                "card-introductions",
                Some(open),
                "card-introductions-hint",
                Some("/recruitment/introductions?state=open"),
            );
        }
        Role::Employer => {
            let (candidates, positions) = dashboard_counts(conn, actor).await?;
            board.card(
                "card-positions",
                Some(positions),
                "card-employer-positions-hint",
                Some("/recruitment/positions"),
            );
            board.card(
                "card-candidates",
                Some(candidates),
                "card-employer-positions-hint",
                Some("/recruitment/candidates"),
            );
            let shortlisted = store::count_shortlist(conn, actor.user.org_id).await?;
            board.card(
                "card-shortlist",
                Some(shortlisted),
                "card-shortlist-hint",
                Some("/recruitment/shortlist"),
            );
            let requests = store::count_introductions(
                conn,
                &store::IntroductionFilter {
                    employer: Some(actor.user.org_id),
                    ..Default::default()
                },
            )
            .await?;
            board.card(
                "card-employer-introductions",
                Some(requests),
                "card-employer-introductions-hint",
                Some("/recruitment/introductions"),
            );
        }
        Role::JobCounsellor => {
            let (caseload, _) = dashboard_counts(conn, actor).await?;
            let hint = if caseload == 0 {
                "card-caseload-empty"
            } else {
                "card-caseload-hint"
            };
            board.card(
                "card-caseload",
                Some(caseload),
                hint,
                Some("/recruitment/candidates?mine=1"),
            );
            board.card(
                "card-interview",
                None,
                "card-interview-hint",
                Some("/recruitment/interview"),
            );
        }
        _ => {}
    }
    Ok(())
}
