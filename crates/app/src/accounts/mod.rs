//! User accounts: administrators create, invite, edit, disable and reset them; everybody
//! manages their own name, language, password and API tokens. Invitations are in
//! `invitations`, password self-service in `passwords`.

mod invitations;
mod passwords;

pub use invitations::{INVITATION_DAYS, InvitationView, InviteUserInput, Invited};
pub use passwords::{RESET_MINUTES, RESETS_PER_ACCOUNT, RESETS_PER_ADDRESS};

use serde::Deserialize;
use serde_json::json;
use standort_domain::{Email, Language, NewPassword, OrgId, PersonName, Role, UserId};
use standort_store::list::Order;
use standort_store::tokens::ApiToken;
use standort_store::users::{NewUser, User, UserFilter, UserSort};
use standort_store::{PageRequest, Paged, audit, orgs, sessions, tokens, users};

use crate::policy::{self, Permission};
use crate::secrets::{random_token, temporary_password, token_hash};
use crate::{Actor, App, AppError, auth};

/// The form or JSON body for a new account, as it arrives.
#[derive(Debug, Clone, Deserialize)]
pub struct NewUserInput {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub org_id: i64,
    #[serde(default)]
    pub language: Option<String>,
    pub password: String,
}

/// An administrator's change of an account's name, address, role and organisation.
#[derive(Debug, Clone, Deserialize)]
pub struct UserEditInput {
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub org_id: i64,
}

/// A freshly created personal access token; `secret` is shown once and never stored.
#[derive(Debug, Clone)]
pub struct CreatedToken {
    pub token: ApiToken,
    pub secret: String,
}

/// An account as the audit log records it: everything but secrets. A candidate's login is
/// personal data the append-only log could not erase with the candidate: their e-mail and name
/// are recorded by field name only (`policy::audit_label` names them by account id for the
/// same reason).
fn user_json(u: &User) -> serde_json::Value {
    let mut v = json!({
        "role": u.role.as_str(), "org_id": u.org_id.0, "language": u.language.code(),
        "disabled": u.disabled,
    });
    if u.role == Role::Candidate {
        v["fields"] = json!(["email", "display_name"]);
    } else {
        v["email"] = json!(u.email);
        v["display_name"] = json!(u.display_name);
    }
    v
}

/// Ends every session and revokes every API token of a user (within the caller's
/// transaction), for the audit entry: how many of each.
async fn end_access(
    tx: &mut standort_store::AnyConnection,
    id: UserId,
    now: i64,
) -> Result<serde_json::Map<String, serde_json::Value>, AppError> {
    let mut ended = serde_json::Map::new();
    let sessions_ended = sessions::delete_for_user(tx, id).await?;
    ended.insert("sessions_ended".into(), sessions_ended.into());
    let tokens_revoked = tokens::revoke_all_for_user(tx, id, now).await?;
    ended.insert("tokens_revoked".into(), tokens_revoked.into());
    Ok(ended)
}

/// How many organisations a search offers in a form's organisation picker.
pub const ORG_CHOICES: i64 = 20;

/// The organisations a form offers: `first` (in this order), then those whose name matches
/// `query` — the registry's search (any script, without diacritics, one typo allowed), not a
/// list of all.
async fn org_choices(
    conn: &mut standort_store::AnyConnection,
    first: &[OrgId],
    query: Option<&str>,
) -> Result<Vec<standort_store::orgs::Organisation>, AppError> {
    let mut choices: Vec<standort_store::orgs::Organisation> = Vec::new();
    for id in first {
        if !choices.iter().any(|o| o.id == *id) {
            choices.push(orgs::get(conn, *id).await?);
        }
    }
    if let Some(text) = query.map(str::trim).filter(|t| !t.is_empty()) {
        let filter = crate::organisations::OrgSearchInput {
            q: Some(text.to_owned()),
            ..Default::default()
        }
        .parse(None)?;
        let found =
            orgs::list_filtered(conn, &filter, PageRequest::new(Some(ORG_CHOICES), None)).await?;
        for o in found.items {
            if !choices.iter().any(|c| c.id == o.id) {
                choices.push(o);
            }
        }
    }
    Ok(choices)
}

/// The accounts list's search, filters and order as the list's URL gives them (text; the use
/// case checks them).
#[derive(Debug, Clone, Default)]
pub struct UserQuery {
    /// Words of the name or e-mail address.
    pub text: Option<String>,
    /// A role's name (`agency_staff` …).
    pub role: Option<String>,
    /// Words of the organisation's name.
    pub org: Option<String>,
    /// `enabled` or `disabled`.
    pub status: Option<String>,
    pub order: Order<UserSort>,
}

impl UserQuery {
    /// The store's filter; a value the list's form does not offer is refused with its field.
    fn filter(&self) -> Result<UserFilter, standort_domain::ValidationError> {
        use standort_domain::ValidationError;
        let set = |v: &Option<String>| crate::filled(v).map(str::to_owned);
        let role = match set(&self.role) {
            None => None,
            Some(r) => Some(Role::parse(&r).ok_or(ValidationError::new("role", "invalid-choice"))?),
        };
        let disabled = match set(&self.status).as_deref() {
            None => None,
            Some("enabled") => Some(false),
            Some("disabled") => Some(true),
            Some(_) => return Err(ValidationError::new("status", "invalid-choice")),
        };
        Ok(UserFilter {
            org: set(&self.org),
            role,
            disabled,
            text: set(&self.text),
            order: self.order,
        })
    }
}

/// What the administrators' account page shows; see [`App::account_overview`].
#[derive(Debug, Clone)]
pub struct AccountOverview {
    pub users: Paged<User>,
    /// The organisations the listed accounts belong to.
    pub organisations: Vec<standort_store::orgs::Organisation>,
    /// The organisations a new account can be opened for.
    pub choices: Vec<standort_store::orgs::Organisation>,
}

impl App {
    pub async fn create_user(&self, actor: &Actor, input: &NewUserInput) -> Result<User, AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        let email = Email::parse(&input.email)?;
        let name = PersonName::parse(&input.display_name)?;
        let role = Role::parse(&input.role).ok_or(standort_domain::ValidationError::new(
            "role",
            "unknown-role",
        ))?;
        let language = match input.language.as_deref() {
            None | Some("") => Language::default(),
            Some(l) => Language::parse(l).ok_or(standort_domain::ValidationError::new(
                "language",
                "unknown-language",
            ))?,
        };
        let password = NewPassword::parse(&input.password)?;
        let hash = auth::hash_password(&password).await?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        orgs::get(&mut tx, OrgId(input.org_id))
            .await
            .map_err(|_| standort_domain::ValidationError::new("org_id", "unknown-organisation"))?;
        let user = users::insert(
            &mut tx,
            &NewUser {
                org_id: OrgId(input.org_id),
                email: email.as_str(),
                display_name: name.as_str(),
                role,
                password_hash: &hash,
                language,
            },
            now,
        )
        .await
        .map_err(|e| match e {
            standort_store::StoreError::Conflict(_) => AppError::Conflict("email-taken"),
            other => other.into(),
        })?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "user", user.id.to_string(), Some(user.org_id))
                .with_after(user_json(&user)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    /// Lists accounts within the actor's scope, optionally of one organisation.
    pub async fn list_users(
        &self,
        actor: &Actor,
        org: Option<OrgId>,
        page: PageRequest,
    ) -> Result<Paged<User>, AppError> {
        let scope = policy::require(actor, Permission::ReadUsers)?;
        if let Some(org) = org {
            policy::require_in_scope(scope, org)?;
        }
        let mut conn = self.db.conn().await?;
        Ok(users::list(&mut conn, org.or(scope.only()), page).await?)
    }

    /// The administrators' account overview: one page of accounts (searched, filtered and
    /// sorted as [`UserQuery`] says) with their organisations,
    /// and the organisations a new account can be opened for — the administrator's own and
    /// those whose name contains `org_query`. A search, not a list of all: with hundreds of
    /// organisations a select of every one was slow to send and hard to use.
    pub async fn account_overview(
        &self,
        actor: &Actor,
        query: &UserQuery,
        page: PageRequest,
        org_query: Option<&str>,
    ) -> Result<AccountOverview, AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        let filter = query.filter()?;
        let mut conn = self.db.conn().await?;
        let users = users::list_filtered(&mut conn, &filter, page).await?;
        let mut named: Vec<OrgId> = users.items.iter().map(|u| u.org_id).collect();
        named.sort_by_key(|o| o.0);
        named.dedup();
        let organisations = orgs::by_ids(&mut conn, &named).await?;
        let choices = org_choices(&mut conn, &[actor.user.org_id], org_query).await?;
        Ok(AccountOverview {
            users,
            organisations,
            choices,
        })
    }

    /// The organisations the account edit form offers: the account's, the administrator's own,
    /// and the hits of `query`.
    pub async fn organisation_choices(
        &self,
        actor: &Actor,
        current: OrgId,
        query: Option<&str>,
    ) -> Result<Vec<standort_store::orgs::Organisation>, AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        let mut conn = self.db.conn().await?;
        org_choices(&mut conn, &[current, actor.user.org_id], query).await
    }

    /// Opens one account; reading another person's record is logged.
    pub async fn get_user(&self, actor: &Actor, id: UserId) -> Result<User, AppError> {
        let mut conn = self.db.conn().await?;
        let user = if id == actor.id() {
            users::get(&mut conn, id).await?
        } else {
            let scope = policy::require(actor, Permission::ReadUsers)?;
            let user = users::get(&mut conn, id).await?;
            policy::require_in_scope(scope, user.org_id)?;
            drop(conn);
            self.audit_read(
                actor.audit("read", "user", id.to_string(), Some(user.org_id)),
                self.now(),
            )
            .await?;
            user
        };
        Ok(user)
    }

    /// Disables or re-enables an account; disabling ends its sessions and revokes its API
    /// tokens at once, in the same transaction, so re-enabling it brings none of them back.
    pub async fn set_user_disabled(
        &self,
        actor: &Actor,
        id: UserId,
        disabled: bool,
    ) -> Result<User, AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        if id == actor.id() && disabled {
            return Err(AppError::Conflict("cannot-disable-self"));
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let before = users::get(&mut tx, id).await?;
        users::set_disabled(&mut tx, id, disabled).await?;
        // Also when enabling: an account disabled by an earlier version may still have live
        // tokens (it could create none while disabled).
        let ended = if disabled || before.disabled {
            end_access(&mut tx, id, now).await?
        } else {
            serde_json::Map::new()
        };
        let after = users::get(&mut tx, id).await?;
        let mut after_json = user_json(&after);
        if let Some(fields) = after_json.as_object_mut() {
            fields.extend(ended);
        }
        audit::append(
            &mut tx,
            &actor
                .audit("update", "user", id.to_string(), Some(after.org_id))
                .with_before(user_json(&before))
                .with_after(after_json),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Sets a new random password, ends the user's sessions, revokes their API tokens and
    /// returns the password once.
    pub async fn reset_password(
        &self,
        actor: &Actor,
        id: UserId,
    ) -> Result<(User, String), AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        let password = temporary_password();
        let hash = auth::hash_password(&NewPassword::parse(&password)?).await?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let user = users::get(&mut tx, id).await?;
        users::set_password_hash(&mut tx, id, &hash).await?;
        let ended = end_access(&mut tx, id, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("reset_password", "user", id.to_string(), Some(user.org_id))
                .with_after(ended.into()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok((user, password))
    }

    /// Changes an account's name, address, role and organisation (administrators; audited
    /// with before and after). An administrator cannot take their own administrator role.
    pub async fn update_user(
        &self,
        actor: &Actor,
        id: UserId,
        input: &UserEditInput,
    ) -> Result<User, AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        let email = Email::parse(&input.email)?;
        let name = PersonName::parse(&input.display_name)?;
        let role = Role::parse(&input.role).ok_or(standort_domain::ValidationError::new(
            "role",
            "unknown-role",
        ))?;
        if id == actor.id() && role != actor.role() {
            return Err(AppError::Conflict("cannot-change-own-role"));
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let before = users::get(&mut tx, id).await?;
        orgs::get(&mut tx, OrgId(input.org_id))
            .await
            .map_err(|_| standort_domain::ValidationError::new("org_id", "unknown-organisation"))?;
        if let Some(other) = users::find_by_email(&mut tx, email.as_str()).await?
            && other.id != id
        {
            return Err(AppError::Conflict("email-taken"));
        }
        users::set_details(
            &mut tx,
            id,
            name.as_str(),
            email.as_str(),
            role,
            OrgId(input.org_id),
        )
        .await?;
        let after = users::get(&mut tx, id).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "user", id.to_string(), Some(after.org_id))
                .with_before(user_json(&before))
                .with_after(user_json(&after)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Changes the actor's own name and language.
    pub async fn update_own_account(
        &self,
        actor: &Actor,
        display_name: &str,
        language: &str,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let name = PersonName::parse(display_name)?;
        let language = Language::parse(language.trim())
            .filter(|l| l.code() == language.trim())
            .ok_or(standort_domain::ValidationError::new(
                "language",
                "unknown-language",
            ))?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        users::set_display_name(&mut tx, actor.id(), name.as_str()).await?;
        users::set_language(&mut tx, actor.id(), language).await?;
        let (before, after) = if actor.role() == Role::Candidate {
            (
                json!({"language": actor.user.language.code()}),
                json!({"language": language.code(), "fields": ["display_name"]}),
            )
        } else {
            (
                json!({"display_name": actor.user.display_name, "language": actor.user.language.code()}),
                json!({"display_name": name.as_str(), "language": language.code()}),
            )
        };
        audit::append(
            &mut tx,
            &actor
                .audit(
                    "update",
                    "user",
                    actor.id().to_string(),
                    Some(actor.user.org_id),
                )
                .with_before(before)
                .with_after(after),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn set_own_language(
        &self,
        actor: &Actor,
        language: Language,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let mut tx = self.db.begin_write().await?;
        users::set_language(&mut tx, actor.id(), language).await?;
        audit::append(
            &mut tx,
            &actor
                .audit(
                    "update",
                    "user",
                    actor.id().to_string(),
                    Some(actor.user.org_id),
                )
                .with_before(json!({"language": actor.user.language.code()}))
                .with_after(json!({"language": language.code()})),
            self.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn create_api_token(
        &self,
        actor: &Actor,
        name: &str,
    ) -> Result<CreatedToken, AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let name = standort_domain::OrgName::parse(name)
            .map_err(|_| standort_domain::ValidationError::new("name", "required"))?;
        let secret = format!("stdt_{}", random_token());
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let token = tokens::insert(
            &mut tx,
            actor.id(),
            name.as_str(),
            &token_hash(&secret),
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit(
                    "create",
                    "api_token",
                    token.id.to_string(),
                    Some(actor.user.org_id),
                )
                // The name is free text its owner typed (a candidate's, too): kept out of the
                // append-only log, which records the field's name only.
                .with_after(json!({"fields": ["name"]})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(CreatedToken { token, secret })
    }

    pub async fn list_api_tokens(&self, actor: &Actor) -> Result<Vec<ApiToken>, AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let mut conn = self.db.conn().await?;
        Ok(tokens::list_for_user(&mut conn, actor.id()).await?)
    }

    pub async fn revoke_api_token(&self, actor: &Actor, id: i64) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        tokens::revoke(&mut tx, actor.id(), id, now).await?;
        audit::append(
            &mut tx,
            &actor.audit(
                "revoke",
                "api_token",
                id.to_string(),
                Some(actor.user.org_id),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The accounts module's dashboard card: how many users there are, for administrators.
pub(crate) async fn dashboard(
    conn: &mut standort_store::AnyConnection,
    actor: &Actor,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    if actor.role() == Role::Administrator {
        let n = users::count(conn).await?;
        board.card(
            "card-users",
            Some(n),
            "card-users-hint",
            Some("/admin/users"),
        );
        let failed =
            standort_store::accounts::count_in_state(conn, standort_store::accounts::FAILED)
                .await?;
        if failed > 0 {
            board.card(
                "card-mail-failed",
                Some(failed),
                "card-mail-failed-hint",
                Some("/admin/mail?state=failed"),
            );
        }
    }
    Ok(())
}
