//! E-mail: the outbox every module writes to and the sender that delivers it.
//!
//! A use case that writes to someone queues the message in the `mail_outbox` table inside its
//! own transaction ([`App::queue_mail`]), already written in the recipient's language by the
//! [`Letters`] the web layer installs (the Fluent catalogue). The sender ([`App::deliver_mail`])
//! runs in every `standort serve`, but only the instance holding the `mail` lease (a row, as the
//! retention run has) sends; each message is claimed by one UPDATE before it is sent, failed
//! attempts are retried with doubling waits (1 minute up to 6 hours, [`MAX_ATTEMPTS`] in all)
//! and then marked failed for administrators to see. Without an SMTP server configured every
//! message is kept as "not sent" with its address, so the product says where mail would have
//! gone; links are shown to staff on the page instead.

mod smtp;

use std::sync::Arc;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncTransport, Message};
use serde_json::json;
use standort_domain::{Language, UserId};
use standort_store::accounts::{self as store, NewMail};
use standort_store::audit::NewAuditEntry;
use standort_store::{AnyConnection, PageRequest, Paged, audit, portal};
use tokio::sync::Notify;

pub use smtp::{Security, SmtpConfig};
pub use store::OutboxEntry;

use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: i64 = 8;
/// The lease the sending instance holds.
const MAIL_LEASE: &str = "mail";
/// How long the sender's lease lasts without being renewed (another instance takes over).
const LEASE_SECONDS: i64 = 120;

/// The wait before attempt `n + 1` after `n` failed ones: 1, 2, 4 … minutes, at most 6 hours.
pub fn backoff_seconds(failed_attempts: i64) -> i64 {
    let n = failed_attempts.clamp(1, 20) - 1;
    (60_i64 << n).min(6 * 3600)
}

/// Mail settings: where to send, as whom, and the address links point to.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `None`: no SMTP server; messages are kept as "not sent".
    pub smtp: Option<SmtpConfig>,
    /// The sender, `Name <address>` or an address.
    pub from: String,
    /// Where people reach Standort, for the links in messages (no trailing slash).
    pub public_url: String,
    /// How often the sender looks for due messages (it is also woken when one is queued).
    pub every_seconds: u64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp: None,
            from: "Standort <standort@localhost>".into(),
            public_url: "http://127.0.0.1:8080".into(),
            every_seconds: 30,
        }
    }
}

impl MailSettings {
    /// Checks the sender address (a start-up error otherwise).
    pub fn check(&self) -> Result<(), String> {
        self.from
            .parse::<Mailbox>()
            .map(|_| ())
            .map_err(|e| format!("the sender address {:?} is not valid: {e}", self.from))
    }
}

/// What a message says, before it is written in a language.
#[derive(Debug, Clone)]
pub enum Letter {
    /// An invitation to set a first password (and reach the portal, for candidates).
    Invitation {
        name: String,
        link: String,
        expires_at: i64,
        candidate: bool,
    },
    /// A one-time link to set a new password.
    PasswordReset {
        name: String,
        link: String,
        expires_at: i64,
    },
    /// One notification, sent at once because its recipient chose so for its kind.
    Notification {
        name: String,
        notice: crate::notifications::Notice,
        /// Where the recipient changes what they receive.
        settings: String,
    },
    /// The daily digest: the recipient's notifications waiting for it.
    Digest {
        name: String,
        notices: Vec<crate::notifications::Notice>,
        /// Further notifications not listed.
        more: usize,
        /// The recipient's list in Standort.
        list: String,
        settings: String,
    },
}

impl Letter {
    /// The kind stored in the outbox and the audit log.
    pub fn kind(&self) -> &'static str {
        match self {
            Letter::Invitation { .. } => "invitation",
            Letter::PasswordReset { .. } => "password_reset",
            Letter::Notification { notice, .. } => notice.kind.mail_kind(),
            Letter::Digest { .. } => "digest",
        }
    }
}

/// A message written in one language: subject, plain text and HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Writes letters in a language. The web layer installs its Fluent catalogue
/// (`App::with_letters`); [`PlainLetters`] is the stand-in without it.
pub trait Letters: Send + Sync {
    fn compose(&self, letter: &Letter, lang: Language) -> Composed;
}

/// English-only letters for an `App` without the web layer (tools, tests of the use cases).
#[derive(Debug)]
pub struct PlainLetters;

impl Letters for PlainLetters {
    fn compose(&self, letter: &Letter, _lang: Language) -> Composed {
        let (subject, link) = match letter {
            Letter::Invitation { link, .. } => ("Your Standort account", link),
            Letter::PasswordReset { link, .. } => ("Set a new Standort password", link),
            Letter::Notification { notice, .. } => ("Standort notification", &notice.link),
            Letter::Digest { list, .. } => ("Your Standort notifications", list),
        };
        Composed {
            subject: subject.into(),
            text: format!("{subject}: {link}\n"),
            html: format!("<p><a href=\"{link}\">{subject}</a></p>"),
        }
    }
}

/// The process's mail wiring: transport, letters and the sender's wake-up. Not state another
/// instance needs: the outbox is in the database.
pub(crate) struct Mail {
    pub settings: MailSettings,
    transport: Option<lettre::AsyncSmtpTransport<lettre::Tokio1Executor>>,
    pub letters: Arc<dyn Letters>,
    /// Wakes this instance's sender when a message was queued.
    pub wake: Notify,
}

impl Mail {
    pub fn new(settings: MailSettings) -> Mail {
        let transport = settings.smtp.as_ref().and_then(|s| match s.transport() {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::error!(error = %e, "cannot set up SMTP; e-mail is not sent");
                None
            }
        });
        Mail {
            settings,
            transport,
            letters: Arc::new(PlainLetters),
            wake: Notify::new(),
        }
    }
}

/// Where a queued message stands, for the page that queued it.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub id: i64,
    pub to: String,
    /// False without an SMTP server: kept as "not sent".
    pub will_send: bool,
}

/// What one round of the sender did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub failed_attempts: usize,
    pub given_up: usize,
}

/// The administrators' view of the outbox.
#[derive(Debug, Clone)]
pub struct OutboxView {
    pub entries: Paged<OutboxEntry>,
    /// Where mail goes (`None`: no SMTP server configured).
    pub smtp: Option<String>,
}

impl App {
    /// Whether e-mail leaves this installation (an SMTP server is configured).
    pub fn mail_configured(&self) -> bool {
        self.mail.transport.is_some()
    }

    /// The absolute address of a path of Standort, for links in messages.
    pub fn public_link(&self, path: &str) -> String {
        format!(
            "{}{path}",
            self.mail.settings.public_url.trim_end_matches('/')
        )
    }

    /// Writes `letter` in `lang` and queues it for `to` within the caller's transaction; the
    /// caller wakes the sender after its commit ([`App::wake_sender`]).
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn queue_mail(
        &self,
        tx: &mut AnyConnection,
        letter: &Letter,
        lang: Language,
        to: &str,
        user: Option<UserId>,
        candidate: Option<i64>,
        now: i64,
    ) -> Result<Queued, AppError> {
        let composed = self.mail.letters.compose(letter, lang);
        let will_send = self.mail_configured();
        let id = store::enqueue(
            tx,
            &NewMail {
                kind: letter.kind(),
                user_id: user,
                candidate_id: candidate,
                to_address: to,
                language: lang,
                subject: &composed.subject,
                body_text: &composed.text,
                body_html: &composed.html,
            },
            if will_send {
                store::PENDING
            } else {
                store::NOT_SENT
            },
            now,
        )
        .await?;
        Ok(Queued {
            id,
            to: to.to_owned(),
            will_send,
        })
    }

    /// Wakes this instance's sender (after a commit that queued mail).
    pub(crate) fn wake_sender(&self) {
        self.mail.wake.notify_one();
    }

    /// Waits until a message is queued in this process or `every_seconds` pass.
    pub async fn mail_wait(&self) {
        let every = std::time::Duration::from_secs(self.mail.settings.every_seconds.max(1));
        let _ = tokio::time::timeout(every, self.mail.wake.notified()).await;
    }

    /// One round of the sender: when this instance holds the `mail` lease, sends the due
    /// messages (each claimed by one UPDATE first, so none is sent twice), records each
    /// delivery in the audit log (kind and recipient's account, never the content), and
    /// schedules failed ones again. `None` when another instance holds the lease or no SMTP
    /// server is configured.
    pub async fn deliver_mail(&self, holder: &str) -> Result<Option<DeliveryReport>, AppError> {
        let Some(transport) = self.mail.transport.clone() else {
            return Ok(None);
        };
        let now = self.now();
        let held = {
            let mut conn = self.db.conn().await?;
            portal::hold_lease(&mut conn, MAIL_LEASE, holder, now, now + LEASE_SECONDS).await?
        };
        if !held {
            return Ok(None);
        }
        let from: Mailbox = self
            .mail
            .settings
            .from
            .parse()
            .map_err(|e| AppError::Internal(format!("sender address: {e}")))?;
        let mut report = DeliveryReport::default();
        for _round in 0..10 {
            let due = {
                let mut conn = self.db.conn().await?;
                store::due(&mut conn, self.now(), 20).await?
            };
            if due.is_empty() {
                break;
            }
            for mail in due {
                let now = self.now();
                let attempt = mail.entry.attempts + 1;
                let claimed = {
                    let mut conn = self.db.conn().await?;
                    store::claim(
                        &mut conn,
                        mail.entry.id,
                        now,
                        now + backoff_seconds(attempt),
                    )
                    .await?
                };
                if !claimed {
                    continue;
                }
                // No pooled connection is held while the SMTP server answers.
                let outcome = match build_message(&from, &mail) {
                    Ok(message) => transport
                        .send(message)
                        .await
                        .map(|_| ())
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e),
                };
                let now = self.now();
                let mut tx = self.db.begin_write().await?;
                let (action, extra) = match &outcome {
                    Ok(()) => {
                        store::mark_sent(&mut tx, mail.entry.id, now).await?;
                        report.sent += 1;
                        ("send", json!({}))
                    }
                    Err(error) => {
                        let give_up = attempt >= MAX_ATTEMPTS;
                        tracing::warn!(id = mail.entry.id, attempt, %error, "sending e-mail failed");
                        store::mark_attempt_failed(&mut tx, mail.entry.id, error, give_up).await?;
                        report.failed_attempts += 1;
                        if give_up {
                            report.given_up += 1;
                            ("send_failed", json!({"attempts": attempt}))
                        } else {
                            tx.commit().await?;
                            continue;
                        }
                    }
                };
                let mut after = json!({
                    "kind": mail.entry.kind,
                    "user_id": mail.entry.user_id.map(|u| u.0),
                    "candidate_id": mail.entry.candidate_id,
                });
                if let (Some(a), Some(e)) = (after.as_object_mut(), extra.as_object()) {
                    a.extend(e.clone());
                }
                audit::append(
                    &mut tx,
                    &NewAuditEntry {
                        actor: None,
                        actor_label: "system".into(),
                        action: action.into(),
                        entity: "mail".into(),
                        entity_id: mail.entry.id.to_string(),
                        after: Some(after),
                        ..Default::default()
                    },
                    now,
                )
                .await?;
                tx.commit().await?;
            }
        }
        Ok(Some(report))
    }

    /// The outbox for administrators, newest first, optionally of one state.
    pub async fn outbox(
        &self,
        actor: &Actor,
        state: Option<&str>,
        page: PageRequest,
    ) -> Result<OutboxView, AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        let state = match state.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(*store::STATES.iter().find(|known| **known == s).ok_or(
                standort_domain::ValidationError::new("state", "unknown-state"),
            )?),
        };
        let mut conn = self.db.conn().await?;
        Ok(OutboxView {
            entries: store::list(&mut conn, state, page).await?,
            smtp: self.mail.settings.smtp.as_ref().map(SmtpConfig::describe),
        })
    }
}

fn build_message(from: &Mailbox, mail: &store::OutgoingMail) -> Result<Message, String> {
    let to: Mailbox = mail
        .entry
        .to_address
        .parse()
        .map_err(|e| format!("recipient address: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            mail.body_text.clone(),
            mail.body_html.clone(),
        ))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_six_hours() {
        assert_eq!(backoff_seconds(1), 60);
        assert_eq!(backoff_seconds(2), 120);
        assert_eq!(backoff_seconds(5), 960);
        assert_eq!(backoff_seconds(12), 6 * 3600);
    }
}
