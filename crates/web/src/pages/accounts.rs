//! Accounts that reach people: accepting an invitation, "forgot password" and the reset link
//! (pages before a session), the invitations staff and administrators make, the
//! administrators' account editing and the e-mail outbox. The letters themselves are written in
//! `crate::mail` from this module's translations.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use standort_app::accounts::{InviteUserInput, Invited, UserEditInput};
use standort_app::mail::OutboxEntry;
use standort_app::policy::{Permission, allows};
use standort_app::{AppError, PageRequest};
use standort_domain::{Language, Role, UserId};
use standort_store::accounts::{Invitation, STATES};
use standort_store::orgs::Organisation;
use standort_store::users::User;

use super::form::fail;
use super::{Layout, Pager, render};
use crate::AppState;
use crate::context::{
    CSRF_COOKIE, Ctx, LANG_COOKIE, PageForm, PagePath, PageQuery, SESSION_COOKIE, UserCtx,
};
use crate::error::{Failure, PageError};
use crate::i18n::{Tr, locales};
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "accounts",
    help: &["help-accounts"],
    locales: locales!("accounts"),
    pages: routes,
    nav: &[NavEntry {
        href: "/admin/mail",
        label_key: "nav-mail",
        visible: |role| allows(role, Permission::ManageAccounts),
    }],
    ..WebModule::EMPTY
};

fn routes() -> Router<AppState> {
    Router::new()
        .route("/invitation/{token}", get(invitation_page).post(accept))
        .route("/password/forgot", get(forgot_page).post(forgot))
        .route("/password/reset/{token}", get(reset_page).post(reset))
        .route(
            "/recruitment/candidates/{id}/invite",
            post(invite_candidate),
        )
        .route("/admin/users/invite", post(invite_user))
        .route("/admin/users/{id}/edit", get(edit_page).post(edit_user))
        .route("/admin/mail", get(outbox))
}

/// The same context in another language (a page about someone else's invitation).
fn in_language(ctx: &Ctx, lang: Language) -> Ctx {
    let mut ctx = ctx.clone();
    ctx.tr = ctx.tr.in_language(lang);
    ctx
}

// ---------------------------------------------------------------- accepting an invitation

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage<'a> {
    page: &'a Layout,
    token: &'a str,
    intro: String,
    expires: String,
    /// The address is asked for when the invitation named none.
    ask_email: bool,
    email: &'a str,
    error: Option<String>,
}

async fn invitation_page(
    State(state): State<AppState>,
    ctx: Ctx,
    PagePath(token): PagePath<String>,
) -> Response {
    let view = match state.app.invitation(&token).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    // Shown in the invitation's language unless the visitor chose one.
    let ctx = if ctx.actor().is_none() && !ctx_has_lang_cookie(&ctx) {
        in_language(&ctx, view.language)
    } else {
        ctx
    };
    let layout = Layout::new(&ctx, "invitation-title");
    render(&InvitationPage {
        page: &layout,
        token: &token,
        intro: ctx.tr.ts("invitation-intro", "name", &view.display_name),
        expires: ctx.tr.ts(
            "invitation-expires",
            "expires",
            &ctx.tr.datetime(view.expires_at),
        ),
        ask_email: view.email.is_none(),
        email: "",
        error: None,
    })
}

/// Whether the visitor chose a language (the selector's cookie); the context does not say, so
/// the choice is read off the language the context resolved against the default.
fn ctx_has_lang_cookie(ctx: &Ctx) -> bool {
    ctx.path.contains("lang=") || ctx.tr.lang != Language::default()
}

#[derive(Debug, Deserialize)]
struct AcceptForm {
    #[serde(default)]
    email: Option<String>,
    password: String,
}

async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    PagePath(token): PagePath<String>,
    PageForm(form): PageForm<AcceptForm>,
) -> Response {
    let candidate = match state.app.invitation(&token).await {
        Ok(v) => v.candidate,
        Err(e) => return fail(e, &ctx),
    };
    match state
        .app
        .accept_invitation(
            &token,
            form.email.as_deref(),
            &form.password,
            &ctx.client_ip,
        )
        .await
    {
        Ok(session) => {
            let max_age = session.expires_at - state.app.now();
            let jar = jar
                .add(ctx.cookie(SESSION_COOKIE, session.token, Some(max_age)))
                .add(ctx.cookie(
                    LANG_COOKIE,
                    session.language.code().to_owned(),
                    Some(365 * 24 * 3600),
                ))
                .remove(ctx.cookie(CSRF_COOKIE, String::new(), None));
            let to = if candidate { "/portal" } else { "/dashboard" };
            (jar, Redirect::to(to)).into_response()
        }
        Err(e @ (AppError::Validation(_) | AppError::Conflict(_))) => {
            let failure = Failure::from(e);
            let view = match state.app.invitation(&token).await {
                Ok(v) => v,
                Err(e) => return fail(e, &ctx),
            };
            let layout = Layout::new(&ctx, "invitation-title");
            let mut response = render(&InvitationPage {
                page: &layout,
                token: &token,
                intro: ctx.tr.ts("invitation-intro", "name", &view.display_name),
                expires: ctx.tr.ts(
                    "invitation-expires",
                    "expires",
                    &ctx.tr.datetime(view.expires_at),
                ),
                ask_email: view.email.is_none(),
                email: form.email.as_deref().unwrap_or(""),
                error: Some(failure.message(&ctx.tr)),
            });
            *response.status_mut() = failure.status();
            response
        }
        Err(e) => fail(e, &ctx),
    }
}

// ---------------------------------------------------------------- forgotten password

#[derive(Template)]
#[template(path = "password_forgot.html")]
struct ForgotPage<'a> {
    page: &'a Layout,
    email: &'a str,
    error: Option<String>,
}

async fn forgot_page(ctx: Ctx) -> Response {
    let layout = Layout::new(&ctx, "forgot-title");
    render(&ForgotPage {
        page: &layout,
        email: "",
        error: None,
    })
}

#[derive(Debug, Deserialize)]
struct ForgotForm {
    email: String,
}

/// Answers alike whether or not the address has an account.
async fn forgot(
    State(state): State<AppState>,
    ctx: Ctx,
    PageForm(form): PageForm<ForgotForm>,
) -> Response {
    match state
        .app
        .request_password_reset(&form.email, &ctx.client_ip)
        .await
    {
        Ok(()) => {
            let layout =
                Layout::new(&ctx, "forgot-title").with_notice(Some(ctx.tr.t("forgot-sent")));
            render(&ForgotPage {
                page: &layout,
                email: "",
                error: None,
            })
        }
        Err(AppError::TooManyAttempts {
            retry_after_seconds,
        }) => {
            let layout = Layout::new(&ctx, "forgot-title");
            let mut response = render(&ForgotPage {
                page: &layout,
                email: &form.email,
                error: Some(ctx.tr.tn(
                    "forgot-throttled",
                    "minutes",
                    (retry_after_seconds + 59) / 60,
                )),
            });
            *response.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after_seconds.into());
            response
        }
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct ResetPage<'a> {
    page: &'a Layout,
    token: &'a str,
    error: Option<String>,
}

async fn reset_page(
    State(state): State<AppState>,
    ctx: Ctx,
    PagePath(token): PagePath<String>,
) -> Response {
    if let Err(e) = state.app.check_reset_link(&token).await {
        return fail(e, &ctx);
    }
    let layout = Layout::new(&ctx, "reset-title");
    render(&ResetPage {
        page: &layout,
        token: &token,
        error: None,
    })
}

#[derive(Debug, Deserialize)]
struct ResetForm {
    password: String,
}

async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    PagePath(token): PagePath<String>,
    PageForm(form): PageForm<ResetForm>,
) -> Response {
    match state
        .app
        .reset_password_with_link(&token, &form.password, &ctx.client_ip)
        .await
    {
        Ok(()) => Redirect::to("/login?done=password-reset-ok").into_response(),
        Err(e @ AppError::Validation(_)) => {
            let failure = Failure::from(e);
            let layout = Layout::new(&ctx, "reset-title");
            let mut response = render(&ResetPage {
                page: &layout,
                token: &token,
                error: Some(failure.message(&ctx.tr)),
            });
            *response.status_mut() = failure.status();
            response
        }
        Err(e) => fail(e, &ctx),
    }
}

// ---------------------------------------------------------------- invitations by staff

#[derive(Template)]
#[template(path = "invited.html")]
struct InvitedPage<'a> {
    page: &'a Layout,
    link: &'a str,
    link_hint: String,
    mail: Option<String>,
    revoked: bool,
    back: &'a str,
}

fn invited_page(ctx: &Ctx, invited: &Invited, back: &str) -> Response {
    let tr = &ctx.tr;
    let layout = Layout::new(ctx, "invited-title");
    let mail = Some(match &invited.mail {
        Some(m) if m.will_send => tr.ts("invited-mail-queued", "to", &m.to),
        Some(m) => tr.ts("invited-mail-held", "to", &m.to),
        None => tr.t("invited-no-email"),
    });
    render(&InvitedPage {
        page: &layout,
        link: &invited.link,
        link_hint: tr.ts(
            "invited-link-hint",
            "expires",
            &tr.datetime(invited.invitation.expires_at),
        ),
        mail,
        revoked: invited.revoked > 0,
        back,
    })
}

#[derive(Debug, Deserialize)]
struct InviteCandidateForm {
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

async fn invite_candidate(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<InviteCandidateForm>,
) -> Response {
    match state
        .app
        .invite_candidate(&actor, id, form.email.as_deref(), form.language.as_deref())
        .await
    {
        Ok(invited) => invited_page(&ctx, &invited, &format!("/recruitment/candidates/{id}")),
        Err(e) => fail(e, &ctx),
    }
}

async fn invite_user(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<InviteUserInput>,
) -> Response {
    match state.app.invite_user(&actor, &form).await {
        Ok(invited) => invited_page(&ctx, &invited, "/admin/users"),
        Err(e) => fail(e, &ctx),
    }
}

/// The candidate page's block "portal access" (staff): whether the person has a login, the
/// latest invitation, and the form to invite (again).
#[derive(Debug, Clone)]
pub(crate) struct PortalAccess {
    pub candidate: i64,
    pub has_login: bool,
    pub status: Option<String>,
    pub email: String,
    pub language: Language,
    pub languages: &'static [Language],
    pub invited_before: bool,
}

pub(crate) async fn portal_access(
    state: &AppState,
    tr: &Tr,
    actor: &standort_app::Actor,
    record: &standort_store::recruitment::CandidateRecord,
) -> Result<PortalAccess, AppError> {
    let latest: Option<Invitation> = state.app.candidate_invitation(actor, record.id).await?;
    let status = latest.as_ref().map(|inv| match inv.used_at {
        Some(used) => tr.ts("portal-access-used", "used", &tr.datetime(used)),
        None => tr.ts2(
            "portal-access-invited",
            "created",
            &tr.datetime(inv.created_at),
            "expires",
            &tr.datetime(inv.expires_at),
        ),
    });
    Ok(PortalAccess {
        candidate: record.id,
        has_login: record.data.user_id.is_some(),
        status,
        email: record.data.email.clone().unwrap_or_default(),
        language: latest
            .as_ref()
            .map(|i| i.language)
            .unwrap_or(if record.data.country == "VN" {
                Language::Vi
            } else {
                Language::default()
            }),
        languages: &Language::ALL,
        invited_before: latest.is_some(),
    })
}

// ---------------------------------------------------------------- administrators

#[derive(Template)]
#[template(path = "user_edit.html")]
struct EditPage<'a> {
    page: &'a Layout,
    user: &'a User,
    choices: &'a [Organisation],
    roles: &'a [Role],
    org_query: String,
}

#[derive(Debug, Deserialize)]
struct EditQuery {
    oq: Option<String>,
}

async fn edit_page(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageQuery(q): PageQuery<EditQuery>,
) -> Response {
    let ctx = &ctx;
    let actor = &actor;
    if !allows(actor.role(), Permission::ManageAccounts) {
        return PageError::new(Failure::NotFound, ctx).into_response();
    }
    let user = match state.app.get_user(actor, UserId(id)).await {
        Ok(u) => u,
        Err(e) => return fail(e, ctx),
    };
    let choices = match state
        .app
        .organisation_choices(actor, user.org_id, q.oq.as_deref())
        .await
    {
        Ok(c) => c,
        Err(e) => return fail(e, ctx),
    };
    let mut layout = Layout::new(ctx, "user-edit-title");
    layout.title = format!("{}: {}", layout.title, user.display_name);
    render(&EditPage {
        page: &layout,
        user: &user,
        choices: &choices,
        roles: &Role::ALL,
        org_query: q.oq.clone().unwrap_or_default(),
    })
}

async fn edit_user(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<UserEditInput>,
) -> Response {
    match state.app.update_user(&actor, UserId(id), &form).await {
        Ok(_) => Redirect::to("/admin/users?done=user-updated-ok").into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "mail_outbox.html")]
struct OutboxPage<'a> {
    page: &'a Layout,
    smtp: String,
    count: String,
    entries: &'a [OutboxEntry],
    pager: Pager,
    state: &'a str,
    states: &'a [&'a str],
}

#[derive(Debug, Deserialize)]
struct OutboxQuery {
    state: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

async fn outbox(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<OutboxQuery>,
) -> Response {
    let view = match state
        .app
        .outbox(
            &actor,
            q.state.as_deref(),
            PageRequest::new(q.limit, q.offset),
        )
        .await
    {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let filter = q.state.clone().unwrap_or_default();
    let base: String = form_urlencoded::Serializer::new(String::from("/admin/mail?"))
        .append_pair("state", &filter)
        .finish();
    let layout = Layout::new(&ctx, "mail-title");
    render(&OutboxPage {
        page: &layout,
        smtp: match &view.smtp {
            Some(server) => ctx.tr.ts("mail-smtp", "server", server),
            None => ctx.tr.t("mail-smtp-none"),
        },
        count: ctx.tr.tn("mail-count", "count", view.entries.total),
        entries: &view.entries.items,
        pager: Pager::new(&ctx.tr, &view.entries, &base),
        state: &filter,
        states: &STATES,
    })
}
