//! Assumption sets on the overview page: importing one, deleting one, the list.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use standort_app::demography::ImportError;

use super::import::{ImportForm, IssueRow, issue_rows};
use super::overview::regions_page;
use crate::AppState;
use crate::context::{PagePath, UserCtx};
use crate::error::PageError;
use crate::upload::Upload;

/// A stored assumption set in the list.
#[derive(Debug, Clone)]
pub(super) struct SetRow {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) regions: String,
    pub(super) kinds: String,
    pub(super) rows: String,
    pub(super) imported: String,
}

/// State of the assumption-set form: refusal issues, confirmation, what was typed.
#[derive(Debug, Clone, Default)]
pub(super) struct AssumeForm {
    pub(super) issues: Vec<IssueRow>,
    pub(super) more: String,
    pub(super) done: Option<String>,
    pub(super) name: String,
    pub(super) pasted: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct AssumptionsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    assumptions: String,
}

/// Import of an assumption set from an uploaded file (CSV or XLSX) or pasted CSV text; the
/// file wins over pasted text.
pub async fn import_assumptions(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    upload: Upload,
) -> Response {
    let form: AssumptionsForm = match upload.form() {
        Ok(f) => f,
        Err(failure) => return PageError::new(failure, &ctx).into_response(),
    };
    let bytes = match upload.file("assumptions_file") {
        Some(file) => file.bytes.to_vec(),
        None => form.assumptions.as_bytes().to_vec(),
    };
    let tr = &ctx.tr;
    let result = state
        .app
        .demography_import_assumptions(Some(&actor), &form.name, &bytes)
        .await;
    let (assume, status) = match result {
        Ok(s) => (
            AssumeForm {
                done: Some(tr.tnn(
                    if s.replaced {
                        "dm-assumptions-replaced"
                    } else {
                        "dm-assumptions-done"
                    },
                    &[("regions", s.regions as i64), ("rows", s.rows as i64)],
                )),
                ..Default::default()
            },
            axum::http::StatusCode::OK,
        ),
        Err(ImportError::Invalid { issues, more }) => (
            AssumeForm {
                issues: issue_rows(tr, &issues),
                more: if more > 0 {
                    tr.tn("dm-import-more", "count", more as i64)
                } else {
                    String::new()
                },
                done: None,
                name: form.name,
                pasted: form.assumptions,
            },
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(ImportError::App(e)) => return PageError::new(e.into(), &ctx).into_response(),
    };
    let mut r = regions_page(
        &state,
        &ctx,
        &actor,
        None,
        Vec::new(),
        String::new(),
        None,
        ImportForm::default(),
        assume,
    )
    .await;
    if r.status().is_success() {
        *r.status_mut() = status;
    }
    r
}

pub async fn delete_assumptions(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state
        .app
        .demography_delete_assumption_set(Some(&actor), id)
        .await
    {
        Ok(()) => Redirect::to("/demography?done=dm-assumptions-deleted#assumptions-heading")
            .into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}
