//! The ESCO search page and a concept's page with its local labels (everyday names staff add,
//! such as "Pflegefachkraft"; `app::esco::local_labels`).

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::esco::SearchHit;
use standort_app::esco::local_labels::ConceptView;
use standort_domain::iso;
use standort_store::esco::Concept;

use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::i18n::Tr;
use crate::pages::{Layout, render};

use super::{fail, first, pairs};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/esco/search", get(search))
        .route("/esco/{kind}/{id}", get(concept))
        .route("/esco/{kind}/{id}/labels", post(add_label))
        .route("/esco/labels/{id}/delete", post(delete_label))
}

/// The languages a local label may be given in on the form: the interface's languages.
const LABEL_LANGS: &[&str] = &["de", "vi", "en"];

/// A loaded label language as the search page lists it.
struct LangLine {
    name: String,
    code: String,
    esco: i64,
    local: i64,
}

fn lang_name(tr: &Tr, code: &str) -> String {
    iso::language_name(code, tr.lang)
        .map(str::to_owned)
        .unwrap_or_else(|| code.to_owned())
}

#[derive(Template)]
#[template(path = "recruitment_search.html")]
struct SearchPage<'a> {
    page: &'a Layout,
    q: String,
    kind: String,
    lang: String,
    hits: Vec<SearchHit>,
    searched: bool,
    languages: Vec<LangLine>,
    /// The names of the loaded languages, for the no-hit advice.
    loaded: String,
    can_edit: bool,
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
    let languages = match state.app.esco_languages(&actor).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let languages: Vec<LangLine> = languages
        .into_iter()
        .map(|l| LangLine {
            name: lang_name(&ctx.tr, &l.lang),
            code: l.lang,
            esco: l.esco_labels as i64,
            local: l.local_labels as i64,
        })
        .collect();
    let loaded = languages
        .iter()
        .map(|l| l.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let layout = Layout::new(&ctx, "esco-search-title");
    render(&SearchPage {
        page: &layout,
        searched: !q.trim().is_empty(),
        q,
        kind,
        lang,
        hits,
        languages,
        loaded,
        can_edit: state.app.may_manage_esco_labels(&actor),
    })
}

#[derive(Template)]
#[template(path = "esco_concept.html")]
struct ConceptPage<'a> {
    page: &'a Layout,
    view: ConceptView,
    kind: &'static str,
    /// (id, language name, code, label) of each local label.
    local: Vec<(i64, String, String, String)>,
    /// (code, name) for the language select.
    label_langs: Vec<(&'static str, String)>,
    /// The page language, preselected in the form.
    page_lang: &'static str,
}

fn concept_kind(kind: &str) -> Option<Concept> {
    Concept::parse(kind)
}

pub async fn concept(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((kind, id)): PagePath<(String, i64)>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(concept) = concept_kind(&kind) else {
        return fail(standort_app::AppError::NotFound, &ctx);
    };
    let view = match state
        .app
        .esco_concept(&actor, concept, id, ctx.lang().code())
        .await
    {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let p = pairs(raw.as_deref());
    let done = first(&p, "done");
    let layout = Layout::new(&ctx, "esco-concept-title").with_notice(crate::pages::form::notice(
        &ctx.tr,
        done.as_deref(),
        &["esco-label-added", "esco-label-deleted"],
    ));
    let local = view
        .local
        .iter()
        .map(|l| {
            (
                l.id,
                lang_name(&ctx.tr, &l.lang),
                l.lang.clone(),
                l.label.clone(),
            )
        })
        .collect();
    render(&ConceptPage {
        page: &layout,
        kind: concept.as_str(),
        view,
        local,
        label_langs: LABEL_LANGS
            .iter()
            .map(|c| (*c, lang_name(&ctx.tr, c)))
            .collect(),
        page_lang: ctx.lang().code(),
    })
}

#[derive(Debug, Deserialize)]
pub struct LabelForm {
    pub label: Option<String>,
    pub lang: Option<String>,
}

pub async fn add_label(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((kind, id)): PagePath<(String, i64)>,
    PageForm(form): PageForm<LabelForm>,
) -> Response {
    let Some(concept) = concept_kind(&kind) else {
        return fail(standort_app::AppError::NotFound, &ctx);
    };
    match state
        .app
        .add_esco_local_label(
            &actor,
            concept,
            id,
            form.lang.as_deref().unwrap_or_default(),
            form.label.as_deref().unwrap_or_default(),
        )
        .await
    {
        Ok(_) => Redirect::to(&format!(
            "/esco/{kind}/{id}?done=esco-label-added#local-labels"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn delete_label(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.delete_esco_local_label(&actor, id).await {
        Ok(old) => {
            // Back to the concept's page; the concept's id is looked up by its URI.
            let back = state
                .app
                .esco()
                .await
                .ok()
                .and_then(|v| v.concept_id(old.concept, &old.concept_uri))
                .map(|cid| {
                    format!(
                        "/esco/{}/{cid}?done=esco-label-deleted#local-labels",
                        old.concept.as_str()
                    )
                })
                .unwrap_or_else(|| "/esco/search".to_owned());
            Redirect::to(&back).into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}
