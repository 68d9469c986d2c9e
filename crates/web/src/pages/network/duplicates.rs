//! Duplicates on demand (agency staff): the candidate pairs of organisations or contacts with
//! the reasons that pair them; each pair offers to keep either record. Keeping one leads to a
//! page that shows both side by side and asks for confirmation (a merge cannot be undone),
//! then merges through the use case and returns to the list.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use standort_app::AppError;
use standort_app::network::{DuplicateKind, Duplicates};
use standort_domain::{OrgId, ValidationError};

use super::{fail, first, notice, pairs};
use crate::AppState;
use crate::context::{PageForm, UserCtx};
use crate::pages::form::{confirmed, done};
use crate::pages::{Layout, render};

/// How many pairs the page lists (the rest are counted).
const PAGE_PAIRS: usize = 200;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/duplicates", get(list))
        .route("/network/duplicates/merge", get(confirm).post(merge))
}

#[derive(Template)]
#[template(path = "network_duplicates.html")]
struct ListPage<'a> {
    page: &'a Layout,
    kind: &'static str,
    total: i64,
    /// (a, a's name, a's link, b, b's name, b's link, reasons)
    pairs: Vec<(i64, String, String, i64, String, String, String)>,
}

fn kind_of(p: &[(String, String)]) -> Result<DuplicateKind, AppError> {
    match first(p, "kind") {
        None => Ok(DuplicateKind::Organisations),
        Some(k) => DuplicateKind::parse(&k)
            .ok_or_else(|| ValidationError::new("kind", "invalid-choice").into()),
    }
}

fn link(kind: DuplicateKind, id: i64) -> String {
    match kind {
        DuplicateKind::Organisations => format!("/organisations/{id}"),
        DuplicateKind::Contacts => format!("/network/contacts/{id}"),
    }
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let kind = match kind_of(&p) {
        Ok(k) => k,
        Err(e) => return fail(e, &ctx),
    };
    let found: Duplicates = match state.app.find_duplicates(&actor, kind, PAGE_PAIRS).await {
        Ok(d) => d,
        Err(e) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    let layout = Layout::new(&ctx, "network-duplicates-title").with_notice(notice(tr, &p));
    render(&ListPage {
        page: &layout,
        kind: kind.as_str(),
        total: found.total as i64,
        pairs: found
            .pairs
            .into_iter()
            .map(|d| {
                let reasons = d
                    .reasons
                    .iter()
                    .map(|r| tr.t(format!("network-dup-reason-{r}")))
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    d.a,
                    d.a_name,
                    link(kind, d.a),
                    d.b,
                    d.b_name,
                    link(kind, d.b),
                    reasons,
                )
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "network_merge.html")]
struct ConfirmPage<'a> {
    page: &'a Layout,
    kind: &'static str,
    /// The translation key of what the merge does to records of the kind.
    explain: String,
    keep: i64,
    keep_name: String,
    keep_link: String,
    merged: i64,
    merged_name: String,
    merged_link: String,
}

fn ids(p: &[(String, String)]) -> Result<(i64, i64), AppError> {
    let id = |k: &'static str| {
        first(p, k)
            .and_then(|v| v.trim().parse::<i64>().ok())
            .ok_or(AppError::NotFound)
    };
    Ok((id("keep")?, id("merged")?))
}

/// Both records side by side and the confirmation; either unknown (or not the actor's to
/// see) answers not found.
pub async fn confirm(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let (kind, (keep, merged)) = match kind_of(&p).and_then(|k| Ok((k, ids(&p)?))) {
        Ok(x) => x,
        Err(e) => return fail(e, &ctx),
    };
    let names = match kind {
        DuplicateKind::Organisations => {
            if !standort_app::policy::allows(
                actor.role(),
                standort_app::policy::Permission::ManageNetwork,
            ) {
                return fail(AppError::NotFound, &ctx);
            }
            let a = state.app.get_organisation(&actor, OrgId(keep)).await;
            let b = state.app.get_organisation(&actor, OrgId(merged)).await;
            a.and_then(|a| Ok((a.name, b?.name)))
        }
        DuplicateKind::Contacts => {
            let a = state.app.get_contact(&actor, keep).await;
            let b = state.app.get_contact(&actor, merged).await;
            a.and_then(|a| Ok((a.contact.display_name(), b?.contact.display_name())))
        }
    };
    let (keep_name, merged_name) = match names {
        Ok(n) => n,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "network-merge-title");
    render(&ConfirmPage {
        page: &layout,
        kind: kind.as_str(),
        explain: format!("network-merge-explain-{}", kind.as_str()),
        keep,
        keep_name,
        keep_link: link(kind, keep),
        merged,
        merged_name,
        merged_link: link(kind, merged),
    })
}

pub async fn merge(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<Vec<(String, String)>>,
) -> Response {
    let r = async {
        let kind = kind_of(&form)?;
        let (keep, merged) = ids(&form)?;
        confirmed(first(&form, "confirm").as_deref())?;
        match kind {
            DuplicateKind::Organisations => state
                .app
                .merge_organisations(&actor, OrgId(keep), OrgId(merged))
                .await
                .map(|_| kind),
            DuplicateKind::Contacts => state
                .app
                .merge_contacts(&actor, keep, merged)
                .await
                .map(|_| kind),
        }
    }
    .await;
    let to = match &r {
        Ok(k) => format!(
            "/network/duplicates?kind={}&done=network-merge-ok",
            k.as_str()
        ),
        Err(_) => String::new(),
    };
    done(r.map(|_| ()), &ctx, to)
}
