//! The import form: regions, population and flows from uploaded files or pasted text.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use standort_app::demography::parse::Issue;
use standort_app::demography::{ImportError, ImportFiles};

use super::assumptions::AssumeForm;
use super::overview::regions_page;
use crate::AppState;
use crate::context::UserCtx;
use crate::error::PageError;
use crate::i18n::Tr;
use crate::upload::Upload;

#[derive(Debug, Clone)]
pub(super) struct IssueRow {
    pub(super) file: String,
    pub(super) line: String,
    pub(super) message: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    pub(super) regions: String,
    #[serde(default)]
    pub(super) population: String,
    #[serde(default)]
    pub(super) flows: String,
}

/// Import from uploaded files (CSV or XLSX) or pasted CSV text; a file wins over text pasted
/// for the same table.
pub async fn import(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    upload: Upload,
) -> Response {
    let form: ImportForm = match upload.form() {
        Ok(f) => f,
        Err(failure) => return PageError::new(failure, &ctx).into_response(),
    };
    let pick = |name: &str, pasted: &str| match upload.file(&format!("{name}_file")) {
        Some(file) => Some(file.bytes.to_vec()),
        None => (!pasted.trim().is_empty()).then(|| pasted.as_bytes().to_vec()),
    };
    let files = ImportFiles {
        regions: pick("regions", &form.regions),
        population: pick("population", &form.population),
        flows: pick("flows", &form.flows),
    };
    let tr = &ctx.tr;
    match state.app.demography_import(Some(&actor), &files).await {
        Ok(s) => {
            let done = tr.tnn(
                "dm-import-done",
                &[
                    ("regions", s.regions as i64),
                    ("cells", s.population_cells as i64),
                    ("flows", s.flow_cells as i64),
                ],
            );
            regions_page(
                &state,
                &ctx,
                &actor,
                None,
                Vec::new(),
                String::new(),
                Some(done),
                ImportForm::default(),
                AssumeForm::default(),
            )
            .await
        }
        Err(ImportError::Invalid { issues, more }) => {
            let rows = issue_rows(tr, &issues);
            let more = if more > 0 {
                tr.tn("dm-import-more", "count", more as i64)
            } else {
                String::new()
            };
            let mut r = regions_page(
                &state,
                &ctx,
                &actor,
                None,
                rows,
                more,
                None,
                form,
                AssumeForm::default(),
            )
            .await;
            *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            r
        }
        Err(ImportError::App(e)) => PageError::new(e.into(), &ctx).into_response(),
    }
}

pub(super) fn issue_rows(tr: &Tr, issues: &[Issue]) -> Vec<IssueRow> {
    issues
        .iter()
        .map(|i| IssueRow {
            file: tr.t(format!("dm-file-{}", i.file)),
            line: if i.line == 0 {
                "–".into()
            } else {
                i.line.to_string()
            },
            message: i.message.clone(),
        })
        .collect()
}
