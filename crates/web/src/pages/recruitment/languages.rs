//! A candidate's languages other than German: the block shared by the candidate, edit and
//! portal pages (`candidate_languages.html`), adding and removing one.

use std::sync::OnceLock;

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use standort_app::recruitment::{LANGUAGE_LEVELS, LANGUAGES, LanguageInput};
use standort_domain::Language;
use standort_store::recruitment::LanguageRecord;

use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::i18n::Tr;

use super::done;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/recruitment/candidates/{id}/languages", post(language_add))
        .route(
            "/recruitment/candidates/{id}/languages/{row}/remove",
            post(language_remove),
        )
}

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
            exam: tr.date(l.data.exam_date),
            next: tr.date(l.data.next_expected),
        })
        .collect();
    let edit = action.map(|action| LanguageEdit {
        action,
        options: language_options(tr),
        levels: LANGUAGE_LEVELS
            .iter()
            .map(|l| (*l, level_label(tr, l)))
            .collect(),
    });
    LanguagesBlock { rows, edit, hint }
}

/// The languages a candidate may add, with their names in the reader's language, sorted by
/// name. Sorted once per language: the names come from the compiled-in catalogue, and a profile
/// of the loaded portal put a quarter of its time into sorting them on every view (the sort
/// folded both names for each comparison).
fn language_options(tr: &Tr) -> Vec<(&'static str, String)> {
    static SORTED: [OnceLock<Vec<(&'static str, String)>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match tr.lang {
        Language::De => &SORTED[0],
        Language::En => &SORTED[1],
        Language::Vi => &SORTED[2],
    };
    slot.get_or_init(|| {
        let mut options: Vec<(&'static str, String)> = LANGUAGES
            .iter()
            .map(|c| (*c, language_name(tr, c)))
            .collect();
        options.sort_by_cached_key(|(_, name)| standort_esco::fold_for_search(name));
        options
    })
    .clone()
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
