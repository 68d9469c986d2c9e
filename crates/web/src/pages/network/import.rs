//! The import of organisations, people and approaches from CSV or XLSX (agency staff): one
//! form — the kind of records, the file, and "check only" — that answers on the same page
//! with every problem (line, column, what is wrong, in the reader's language; nothing
//! written) or with what was done line by line (created, or linked to a record already there
//! and why). Checking first and then importing the same file is the preview; the use case is
//! all or nothing either way. Sample files per kind.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use standort_app::network::{ImportError, ImportKind, ImportOutcome, sample};
use standort_app::policy::{Permission, allows};

use super::fail;
use crate::AppState;
use crate::context::{Ctx, PagePath, UserCtx};
use crate::i18n::Tr;
use crate::pages::{Layout, render};
use crate::upload::Upload;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/import", get(form).post(import))
        .route("/network/import/samples/{kind}", get(sample_file))
}

#[derive(Template)]
#[template(path = "network_import.html")]
struct ImportPage<'a> {
    page: &'a Layout,
    /// (stable name, label, selected)
    kinds: Vec<(&'static str, String, bool)>,
    dry_run: bool,
    /// Every problem, one sentence each (nothing was written).
    issues: Vec<String>,
    /// What was done: the summary and one row per line (line, what became of it, link).
    summary: Option<String>,
    lines: Vec<(usize, String, Option<String>)>,
}

fn page(
    ctx: &Ctx,
    kind: ImportKind,
    dry_run: bool,
    issues: Vec<String>,
    outcome: Option<&ImportOutcome>,
) -> Response {
    let tr = &ctx.tr;
    let layout = Layout::new(ctx, "network-import-title");
    let (summary, lines) = match outcome {
        None => (None, Vec::new()),
        Some(o) => (Some(summary(tr, o)), lines(tr, o)),
    };
    render(&ImportPage {
        page: &layout,
        kinds: ImportKind::ALL
            .into_iter()
            .map(|k| {
                (
                    k.as_str(),
                    tr.t(format!("network-import-kind-{}", k.as_str())),
                    k == kind,
                )
            })
            .collect(),
        dry_run,
        issues,
        summary,
        lines,
    })
}

fn summary(tr: &Tr, o: &ImportOutcome) -> String {
    let key = if o.dry_run {
        "network-import-checked"
    } else {
        "network-import-done"
    };
    tr.tnn(
        key,
        &[("created", o.created as i64), ("linked", o.linked as i64)],
    )
}

/// Where a record of the kind is shown.
fn href(kind: ImportKind, id: i64) -> Option<String> {
    match kind {
        ImportKind::Organisations => Some(format!("/organisations/{id}")),
        ImportKind::People => Some(format!("/network/contacts/{id}")),
        ImportKind::Approaches => None,
    }
}

fn lines(tr: &Tr, o: &ImportOutcome) -> Vec<(usize, String, Option<String>)> {
    o.lines
        .iter()
        .map(|l| {
            let what = match (l.matched, l.same_as) {
                (None, _) if o.dry_run => tr.t("network-import-would-create"),
                (None, _) => tr.t("network-import-created"),
                (Some(_), Some(first)) => tr.tn("network-import-same-as", "line", first as i64),
                (Some(why), None) => tr.ts(
                    "network-import-linked",
                    "reason",
                    &tr.t(format!("network-dup-reason-{why}")),
                ),
            };
            // The record's number in the text: links of the same words lead to different records.
            let what = match l.id {
                Some(id) => format!("{what} (#{id})"),
                None => what,
            };
            (l.line, what, l.id.and_then(|id| href(o.kind, id)))
        })
        .collect()
}

/// One problem as a sentence: line and column (as the file names it) and what is wrong.
fn issue_text(tr: &Tr, i: &standort_app::network::ImportIssue) -> String {
    let what = tr.t(format!("validation-{}", i.code));
    match (i.line, i.column.is_empty()) {
        (0, _) => what,
        (line, true) => format!(
            "{} {what}",
            tr.tn("network-import-at-line", "line", line as i64)
        ),
        (line, false) => format!(
            "{} {what}",
            tr.targs(
                "network-import-at-cell",
                &[("line", &line.to_string()), ("column", &i.column)]
            )
        ),
    }
}

pub async fn form(UserCtx { ctx, actor }: UserCtx) -> Response {
    if !allows(actor.role(), Permission::ManageNetwork) {
        return fail(standort_app::AppError::NotFound, &ctx);
    }
    page(&ctx, ImportKind::Organisations, true, Vec::new(), None)
}

pub async fn import(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    upload: Upload,
) -> Response {
    let kind = match standort_app::network::parse_kind(upload.text("kind")) {
        Ok(k) => k,
        Err(e) => return fail(e, &ctx),
    };
    let dry_run = upload.text("dry_run") == Some("yes");
    let Some(file) = upload.file("file") else {
        let message = ctx.tr.t("network-import-no-file");
        return page(&ctx, kind, dry_run, vec![message], None);
    };
    match state
        .app
        .import_network(&actor, kind, &file.bytes, dry_run)
        .await
    {
        Ok(o) => page(&ctx, kind, dry_run, Vec::new(), Some(&o)),
        Err(ImportError::Invalid { issues, more }) => {
            let mut list: Vec<String> = issues.iter().map(|i| issue_text(&ctx.tr, i)).collect();
            if more > 0 {
                list.push(ctx.tr.tn("network-import-more", "count", more as i64));
            }
            page(&ctx, kind, dry_run, list, None)
        }
        Err(ImportError::App(e)) => fail(e, &ctx),
    }
}

/// A sample file of the kind (`organisations.csv`, `people.csv`, `approaches.csv`).
pub async fn sample_file(
    UserCtx { ctx, actor }: UserCtx,
    PagePath(name): PagePath<String>,
) -> Response {
    let kind = name.strip_suffix(".csv").and_then(ImportKind::parse);
    match kind {
        Some(k) if allows(actor.role(), Permission::ManageNetwork) => crate::download::attachment(
            sample(k),
            "text/csv; charset=utf-8",
            &format!("{}.csv", k.as_str()),
        ),
        _ => fail(standort_app::AppError::NotFound, &ctx),
    }
}
