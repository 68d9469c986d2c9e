//! Invitations: staff invite a candidate to the portal from the candidate's page,
//! administrators invite anyone to an account of a role and organisation. The invitation is a
//! one-time link (256 random bits, stored as SHA-256, valid [`INVITATION_DAYS`] days, single
//! use); inviting the same person again revokes the earlier link. The link is sent by e-mail in
//! the invitee's language when an address is known, and shown to the inviting person so it can
//! be handed over in person. Accepting it creates the account with the chosen password, links
//! a candidate's profile to it (the portal opens) and logs the person in.

use serde::Deserialize;
use serde_json::json;
use standort_domain::{Email, Language, NewPassword, OrgId, PersonName, Role, ValidationError};
use standort_store::accounts::{self as store, Invitation, NewInvitation};
use standort_store::audit::NewAuditEntry;
use standort_store::recruitment as rstore;
use standort_store::users::NewUser;
use standort_store::{audit, orgs, users};

use crate::auth::NewSession;
use crate::mail::{Letter, Queued};
use crate::policy::{self, Permission};
use crate::secrets::{random_token, token_hash};
use crate::{Actor, App, AppError, auth};

/// How long an invitation link lives.
pub const INVITATION_DAYS: i64 = 7;

/// An administrator's invitation of a new account, as the form or JSON body sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct InviteUserInput {
    #[serde(default)]
    pub email: Option<String>,
    pub display_name: String,
    pub role: String,
    pub org_id: i64,
    #[serde(default)]
    pub language: Option<String>,
}

/// An invitation just made: the link (shown once to the inviting person) and the message.
#[derive(Debug, Clone)]
pub struct Invited {
    pub invitation: Invitation,
    pub link: String,
    /// The message queued to the invitee, if an address is known.
    pub mail: Option<Queued>,
    /// Earlier links of the same person that stopped working.
    pub revoked: u64,
}

/// What the page behind an invitation link shows.
#[derive(Debug, Clone)]
pub struct InvitationView {
    pub display_name: String,
    /// `None`: the person chooses the address they will log in with.
    pub email: Option<String>,
    pub language: Language,
    pub expires_at: i64,
    pub candidate: bool,
}

fn parse_language(raw: Option<&str>, default: Language) -> Result<Language, ValidationError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(default),
        Some(l) => Language::parse(l).ok_or(ValidationError::new("language", "unknown-language")),
    }
}

fn optional_email(raw: Option<&str>) -> Result<Option<Email>, ValidationError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(e) => Email::parse(e).map(Some),
    }
}

impl App {
    /// Invites a candidate to the portal (staff and counsellors). `email` overrides the
    /// profile's address; without either the link is only shown. A candidate who has a login
    /// already is a conflict.
    pub async fn invite_candidate(
        &self,
        actor: &Actor,
        candidate: i64,
        email: Option<&str>,
        language: Option<&str>,
    ) -> Result<Invited, AppError> {
        policy::require(actor, Permission::ManageCandidates)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let record = rstore::get_candidate(&mut tx, candidate).await?;
        if record.data.user_id.is_some() {
            return Err(AppError::Conflict("candidate-has-login"));
        }
        let email = match optional_email(email)? {
            Some(e) => Some(e),
            None => optional_email(record.data.email.as_deref()).ok().flatten(),
        };
        if let Some(e) = &email
            && users::find_by_email(&mut tx, e.as_str()).await?.is_some()
        {
            return Err(AppError::Conflict("email-taken"));
        }
        let default_language = if record.data.country == "VN" {
            Language::Vi
        } else {
            Language::default()
        };
        let language = parse_language(language, default_language)?;
        let name = format!("{} {}", record.data.given_names, record.data.family_name)
            .trim()
            .to_owned();
        let invited = self
            .invite_in(
                &mut tx,
                actor,
                Some(candidate),
                email.as_ref(),
                &name,
                Role::Candidate,
                record.data.org_id,
                language,
                now,
            )
            .await?;
        tx.commit().await?;
        self.wake_sender();
        Ok(invited)
    }

    /// Invites a new account (administrators): name, role, organisation, language, and the
    /// address the invitation goes to (optional: without it the link is only shown).
    pub async fn invite_user(
        &self,
        actor: &Actor,
        input: &InviteUserInput,
    ) -> Result<Invited, AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        let email = optional_email(input.email.as_deref())?;
        let name = PersonName::parse(&input.display_name)?;
        let role = Role::parse(&input.role).ok_or(ValidationError::new("role", "unknown-role"))?;
        let language = parse_language(input.language.as_deref(), Language::default())?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        orgs::get(&mut tx, OrgId(input.org_id))
            .await
            .map_err(|_| ValidationError::new("org_id", "unknown-organisation"))?;
        if let Some(e) = &email
            && users::find_by_email(&mut tx, e.as_str()).await?.is_some()
        {
            return Err(AppError::Conflict("email-taken"));
        }
        let invited = self
            .invite_in(
                &mut tx,
                actor,
                None,
                email.as_ref(),
                name.as_str(),
                role,
                OrgId(input.org_id),
                language,
                now,
            )
            .await?;
        tx.commit().await?;
        self.wake_sender();
        Ok(invited)
    }

    /// Revokes the person's earlier links, stores the new one, queues the message and writes
    /// the audit entry (the invitee by ids only: a candidate's address and name are personal
    /// data the log could not erase).
    #[allow(clippy::too_many_arguments)]
    async fn invite_in(
        &self,
        tx: &mut standort_store::AnyConnection,
        actor: &Actor,
        candidate: Option<i64>,
        email: Option<&Email>,
        name: &str,
        role: Role,
        org: OrgId,
        language: Language,
        now: i64,
    ) -> Result<Invited, AppError> {
        let revoked =
            store::revoke_invitations(tx, candidate, email.map(Email::as_str), now).await?;
        let token = random_token();
        let expires_at = now + INVITATION_DAYS * 24 * 3600;
        let invitation = store::insert_invitation(
            tx,
            &NewInvitation {
                token_hash: &token_hash(&token),
                candidate_id: candidate,
                email: email.map(Email::as_str),
                display_name: name,
                role,
                org_id: org,
                language,
                created_by: actor.id(),
                expires_at,
            },
            now,
        )
        .await?;
        let link = self.public_link(&format!("/invitation/{token}"));
        let mail = match email {
            Some(address) => Some(
                self.queue_mail(
                    tx,
                    &Letter::Invitation {
                        name: name.to_owned(),
                        link: link.clone(),
                        expires_at,
                        candidate: candidate.is_some(),
                    },
                    language,
                    address.as_str(),
                    None,
                    candidate,
                    now,
                )
                .await?,
            ),
            None => None,
        };
        let mut after = json!({
            "role": role.as_str(), "org_id": org.0, "language": language.code(),
            "candidate_id": candidate, "expires_at": expires_at, "revoked": revoked,
            "mail_id": mail.as_ref().map(|m| m.id),
        });
        if role != Role::Candidate {
            after["email"] = json!(email.map(Email::as_str));
        }
        audit::append(
            tx,
            &actor
                .audit("invite", "invitation", invitation.id, Some(org))
                .with_after(after),
            now,
        )
        .await?;
        Ok(Invited {
            invitation,
            link,
            mail,
            revoked,
        })
    }

    /// The invitation behind a link, for its page; a used, revoked, expired or unknown link
    /// is "not found".
    pub async fn invitation(&self, token: &str) -> Result<InvitationView, AppError> {
        let mut conn = self.db.conn().await?;
        let inv = store::live_invitation(&mut conn, &token_hash(token), self.now())
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(InvitationView {
            display_name: inv.display_name,
            email: inv.email,
            language: inv.language,
            expires_at: inv.expires_at,
            candidate: inv.candidate_id.is_some(),
        })
    }

    /// Accepts an invitation: creates the account with `password` (and `email` when the
    /// invitation named none), links a candidate's profile, uses the link up and opens a
    /// session — all in one transaction, so a link accepted twice at once creates one account.
    pub async fn accept_invitation(
        &self,
        token: &str,
        email: Option<&str>,
        password: &str,
        client_ip: &str,
    ) -> Result<NewSession, AppError> {
        let password = NewPassword::parse(password)?;
        let hash = auth::hash_password(&password).await?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let inv = store::live_invitation(&mut tx, &token_hash(token), now)
            .await?
            .ok_or(AppError::NotFound)?;
        let email = match &inv.email {
            Some(e) => Email::parse(e)?,
            None => Email::parse(email.unwrap_or_default())?,
        };
        let user = users::insert(
            &mut tx,
            &NewUser {
                org_id: inv.org_id,
                email: email.as_str(),
                display_name: &inv.display_name,
                role: inv.role,
                password_hash: &hash,
                language: inv.language,
            },
            now,
        )
        .await
        .map_err(|e| match e {
            standort_store::StoreError::Conflict(_) => AppError::Conflict("email-taken"),
            other => other.into(),
        })?;
        if !store::use_invitation(&mut tx, inv.id, user.id, now).await? {
            return Err(AppError::NotFound);
        }
        let mut after = json!({"user_id": user.id.0, "candidate_id": inv.candidate_id});
        if let Some(candidate) = inv.candidate_id {
            let (_, changed) =
                crate::recruitment::link_login(&mut tx, candidate, user.id, now).await?;
            after["candidate_fields"] = changed;
        }
        let session = self.open_session(&mut tx, &user, now).await?;
        audit::append(
            &mut tx,
            &NewAuditEntry {
                actor: Some(user.id),
                actor_label: policy::audit_label(&user),
                action: "accept".into(),
                entity: "invitation".into(),
                entity_id: inv.id.to_string(),
                org_id: Some(user.org_id),
                after: Some(after),
                client_ip: policy::audit_ip(&user, Some(client_ip)),
                ..Default::default()
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(session)
    }

    /// The latest invitation of a candidate, for the candidate's page (staff).
    pub async fn candidate_invitation(
        &self,
        actor: &Actor,
        candidate: i64,
    ) -> Result<Option<Invitation>, AppError> {
        policy::require(actor, Permission::ManageCandidates)?;
        let mut conn = self.db.conn().await?;
        Ok(store::latest_invitation_of_candidate(&mut conn, candidate).await?)
    }
}
