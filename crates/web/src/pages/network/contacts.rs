//! Contacts: the list with a form for a new one, and a contact's page (organisations with
//! role and period, legal basis, consent history, objection, export and erasure). Every read
//! of a contact is audited by the use case.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::export::Value;
use standort_app::network::{
    AffiliationInput, CardImportError, ContactInput, ContactQuery, ContactView,
};
use standort_store::network::{Contact, ContactSort};

use super::{fail, first, notice, org_options, pairs};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::form::done;
use crate::pages::list::{ListState, ListView, download};
use crate::pages::{Layout, Pager, render};
use crate::upload::Upload;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/contacts", get(list).post(create))
        .route("/network/contacts/vcards", get(vcards).post(import_vcards))
        .route("/network/contacts/{id}", get(show))
        .route("/network/contacts/{id}/vcard", get(vcard))
        .route("/network/contacts/{id}/affiliations", post(add_affiliation))
        .route("/network/contacts/{id}/consent", post(consent))
        .route("/network/contacts/{id}/export", get(export))
        .route("/network/contacts/{id}/erase", post(erase))
}

#[derive(Template)]
#[template(path = "network_contacts.html")]
struct ListPage<'a> {
    page: &'a Layout,
    contacts: &'a [Contact],
    pager: Pager,
    list: ListView,
    /// The list's search and filters as the URL gives them.
    q: String,
    org: String,
    basis: String,
    status: String,
    orgs: Vec<(i64, String)>,
    /// The organisation picker's search.
    org_query: String,
    /// The outcome of a vCard import: the refusal, or what was done (one sentence a line).
    import_error: Option<String>,
    import_done: Vec<String>,
}

/// The contacts list's filters (query parameters besides `q`, `sort`, `dir`, the page).
const CONTACT_FILTERS: &[&str] = &["org", "basis", "status"];

/// The list's columns: translation key and sort key (shared by the table and its download).
const CONTACT_COLUMNS: &[(&str, Option<ContactSort>)] = &[
    ("network-person", Some(ContactSort::Name)),
    ("network-languages", None),
    ("network-legal-basis", Some(ContactSort::LegalBasis)),
    ("network-contacts-status", Some(ContactSort::Status)),
];

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    list_page(&state, &ctx, &actor, raw.as_deref(), None, Vec::new()).await
}

async fn list_page(
    state: &AppState,
    ctx: &crate::context::Ctx,
    actor: &standort_app::Actor,
    raw: Option<&str>,
    import_error: Option<String>,
    import_done: Vec<String>,
) -> Response {
    let p = pairs(raw);
    let st = match ListState::<ContactSort>::parse("/network/contacts", &p, CONTACT_FILTERS) {
        Ok(st) => st,
        Err(refused) => return crate::error::PageError::new(refused, ctx).into_response(),
    };
    let text = |k: &str| st.filter(k).map(str::to_owned);
    let query = ContactQuery {
        text: Some(st.q.clone()),
        org: text("org"),
        basis: text("basis"),
        status: text("status"),
        order: st.order,
        export: st.export(),
    };
    let found = match state.app.query_contacts(actor, &query, st.rows()).await {
        Ok(l) => l,
        Err(e) => return fail(e, ctx),
    };
    let tr = &ctx.tr;
    if let Some(format) = st.format {
        let rows = found
            .items
            .iter()
            .map(|c| {
                vec![
                    Value::from(c.display_name()),
                    Value::from(c.data.languages.join(", ")),
                    Value::from(tr.t(format!("network-basis-{}", c.data.legal_basis.as_str()))),
                    Value::from(tr.t(if c.objected {
                        "network-objected"
                    } else {
                        "network-contactable"
                    })),
                ]
            })
            .collect();
        let columns: Vec<&str> = CONTACT_COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(ctx, format, "contacts", &columns, rows);
    }
    let layout = Layout::new(ctx, "network-contacts-title").with_notice(notice(&ctx.tr, &p));
    render(&ListPage {
        page: &layout,
        contacts: &found.items,
        pager: Pager::new(&ctx.tr, &found, &st.base()),
        list: st.view(&ctx.tr, CONTACT_COLUMNS),
        org: query.org.clone().unwrap_or_default(),
        basis: query.basis.clone().unwrap_or_default(),
        status: query.status.clone().unwrap_or_default(),
        q: st.q.clone(),
        orgs: org_options(state, actor, &first(&p, "oq").unwrap_or_default()).await,
        org_query: first(&p, "oq").unwrap_or_default(),
        import_error,
        import_done,
    })
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<ContactInput>,
) -> Response {
    match state.app.create_contact(&actor, &form).await {
        Ok(c) => Redirect::to(&format!("/network/contacts/{}?done=network-saved-ok", c.id))
            .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "network_contact.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    view: &'a ContactView,
    /// (org id, org name, role title, from, until)
    affiliations: Vec<(i64, String, String, String, String)>,
    /// (purpose, granted, when)
    consents: Vec<(String, bool, String)>,
    orgs: Vec<(i64, String)>,
    /// The organisation picker's search.
    org_query: String,
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let v = match state.app.get_contact(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let mut layout = Layout::new(&ctx, "network-contacts-title").with_notice(notice(&ctx.tr, &p));
    layout.title = v.contact.display_name();
    render(&ShowPage {
        page: &layout,
        affiliations: v
            .affiliations
            .iter()
            .map(|a| {
                (
                    a.org_id.0,
                    a.org_name.clone(),
                    a.role_title.clone(),
                    ctx.tr.date(a.from_day),
                    ctx.tr.date(a.until_day),
                )
            })
            .collect(),
        consents: v
            .consents
            .iter()
            .map(|c| (c.purpose.clone(), c.granted, ctx.tr.datetime(c.at)))
            .collect(),
        orgs: org_options(&state, &actor, &first(&p, "oq").unwrap_or_default()).await,
        org_query: first(&p, "oq").unwrap_or_default(),
        view: &v,
    })
}

pub async fn add_affiliation(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<AffiliationInput>,
) -> Response {
    let r = state
        .app
        .add_affiliation(&actor, id, &form)
        .await
        .map(|_| ());
    done(
        r,
        &ctx,
        format!("/network/contacts/{id}?done=network-saved-ok"),
    )
}

#[derive(Debug, serde::Deserialize)]
pub struct ConsentForm {
    purpose: String,
    /// `1` granted, `0` withdrawn / objected.
    granted: String,
}

pub async fn consent(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<ConsentForm>,
) -> Response {
    let r = state
        .app
        .record_contact_consent(&actor, id, &form.purpose, form.granted.trim() == "1")
        .await;
    done(
        r,
        &ctx,
        format!("/network/contacts/{id}?done=network-saved-ok"),
    )
}

/// Everything stored about the contact, as a JSON download (GDPR Art. 15/20).
pub async fn export(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.export_contact(&actor, id).await {
        Ok(x) => crate::download::attachment(
            serde_json::to_vec_pretty(&x).unwrap_or_default(),
            "application/json",
            &format!("kontakt-{id}.json"),
        ),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn erase(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    let r = state.app.erase_contact(&actor, id).await;
    done(
        r,
        &ctx,
        "/network/contacts?done=network-contact-erased-ok".into(),
    )
}

/// The contact as a vCard 4.0 (`.vcf`); others than those who may read it get "not found".
pub async fn vcard(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.contact_vcard(&actor, id).await {
        Ok(card) => crate::download::attachment(card, VCARD_TYPE, &format!("kontakt-{id}.vcf")),
        Err(e) => fail(e, &ctx),
    }
}

/// The media type of vCard (RFC 6350 section 10.1).
pub(crate) const VCARD_TYPE: &str = "text/vcard; charset=utf-8";

/// The contacts list as one `.vcf` file (every contact of the list, not only the page shown).
pub async fn vcards(State(state): State<AppState>, UserCtx { ctx, actor }: UserCtx) -> Response {
    match state.app.contacts_vcards(&actor, None).await {
        Ok(cards) => crate::download::attachment(cards, VCARD_TYPE, "kontakte.vcf"),
        Err(e) => fail(e, &ctx),
    }
}

/// The message of a refused vCard file, in the reader's language.
pub(crate) fn card_error(
    tr: &crate::i18n::Tr,
    e: &standort_app::network::vcard::CardError,
) -> String {
    format!(
        "{} {}",
        tr.tnn(
            "network-vcard-refused",
            &[("card", e.card as i64), ("line", e.line as i64)]
        ),
        tr.t(format!("network-{}", e.code))
    )
}

/// Imports a file of vCards (business cards, an address book); the list shows what was done
/// or why nothing was.
pub async fn import_vcards(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    upload: Upload,
) -> Response {
    let Some(file) = upload.file("file") else {
        let message = ctx.tr.t("network-vcard-no-file");
        return list_page(&state, &ctx, &actor, None, Some(message), Vec::new()).await;
    };
    let basis = upload.text("legal_basis").map(str::to_owned);
    let tr = &ctx.tr;
    match state
        .app
        .import_vcards(&actor, &file.bytes, basis.as_deref())
        .await
    {
        Ok(r) => {
            let mut done = vec![tr.tn("network-vcard-created", "count", r.created.len() as i64)];
            for (card, email, id) in &r.duplicates {
                let why = if *id > 0 {
                    // The contact's id is a name, not a quantity: text, so it is not grouped
                    // ("Kontakt 1234", not "1.234").
                    tr.targs_n(
                        "network-vcard-duplicate",
                        &[("contact", &id.to_string())],
                        &[("card", *card as i64)],
                    )
                } else {
                    tr.tn("network-vcard-duplicate-in-file", "card", *card as i64)
                };
                done.push(format!("{why} {email}"));
            }
            for (card, org) in &r.unknown_orgs {
                done.push(format!(
                    "{} {org}",
                    tr.tn("network-vcard-unknown-org", "card", *card as i64)
                ));
            }
            list_page(&state, &ctx, &actor, None, None, done).await
        }
        Err(CardImportError::Invalid(e)) => {
            let message = card_error(tr, &e);
            list_page(&state, &ctx, &actor, None, Some(message), Vec::new()).await
        }
        Err(CardImportError::App(e)) => fail(e, &ctx),
    }
}
