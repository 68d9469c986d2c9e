//! Notifications: one mechanism every module raises through. A use case raises an occasion for
//! a person or for a role within an organisation scope ([`Recipient`]) inside its own
//! transaction ([`App::raise`]); the periodic job ([`job`]) raises what falls due from stored
//! records (the placements' due items; the network's and procurement's reminders, in
//! `network::reminders` and `procurement::reminders`) under the `notifications` lease. A role is
//! resolved to the people holding it when the occasion is raised, so each person has their own
//! row, read state and delivery; the unique key (person, kind, record key) makes raising
//! idempotent.
//!
//! Delivery per kind is each person's choice ([`Delivery`], `preferences`): an e-mail at once
//! (queued in the outbox in the raising transaction), the daily digest (`digest`, one message
//! per person a day under the `notification_digest` lease), or only the bell in Standort. A
//! notification is marked mailed in the transaction that queues its message, so nothing is sent
//! twice; the outbox sends, retries and audits each message (kind and recipient).

mod calendar;
mod digest;
mod job;
mod list;
mod preferences;

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use standort_domain::{OrgId, Role, UserId};
use standort_store::AnyConnection;
use standort_store::notifications as store;
use standort_store::users::User;

pub use calendar::CalendarFeed;
pub use digest::{DIGEST_HOUR_UTC, DigestReport, next_digest_at};
pub use job::{HORIZON_DAYS, KEEP_READ_DAYS};
pub use list::Notification;

use crate::mail::Letter;
use crate::{App, AppError};

/// What a notification is about. Modules add their kinds here (and their labels to
/// `notifications.ftl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A step of a recruitment track falls due within [`HORIZON_DAYS`].
    TrackDue,
    /// A step's due day has passed.
    TrackOverdue,
    /// Staff asked the candidate for a document.
    DocumentRequest,
    /// A candidate asked for erasure (Art. 17).
    ErasureRequest,
    /// The next step of an approach falls due within [`HORIZON_DAYS`], or its day has passed
    /// (for whoever recorded the approach).
    NetworkFollowUpDue,
    /// An obligation of an agreement falls due within
    /// [`OBLIGATION_DAYS`](crate::network::OBLIGATION_DAYS), or its day has passed (for its owner).
    AgreementObligationDue,
    /// An agreement's term ends within [`TERM_DAYS`](crate::network::TERM_DAYS) (agency staff).
    AgreementTermEnding,
    /// A clinic's item has fewer than [`CRITICAL_DAYS`](crate::procurement::CRITICAL_DAYS) days
    /// of supply (the clinic's buyers).
    StockLow,
    /// A lot in a clinic's stock expires within 90, then within 30 days (the clinic's buyers).
    LotExpiring,
    /// An open pooling round's last day for lines is within
    /// [`ROUND_DAYS`](crate::procurement::ROUND_DAYS) (the clinics' buyers).
    RoundDeadline,
    /// An employer asked for an introduction to a candidate (agency staff).
    IntroductionRequested,
    /// The agency answered an employer's introduction request (the employer organisation's
    /// people).
    IntroductionAnswered,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 12] = [
        NotificationKind::TrackDue,
        NotificationKind::TrackOverdue,
        NotificationKind::DocumentRequest,
        NotificationKind::ErasureRequest,
        NotificationKind::NetworkFollowUpDue,
        NotificationKind::AgreementObligationDue,
        NotificationKind::AgreementTermEnding,
        NotificationKind::StockLow,
        NotificationKind::LotExpiring,
        NotificationKind::RoundDeadline,
        NotificationKind::IntroductionRequested,
        NotificationKind::IntroductionAnswered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::TrackDue => "track_due",
            NotificationKind::TrackOverdue => "track_overdue",
            NotificationKind::DocumentRequest => "document_request",
            NotificationKind::ErasureRequest => "erasure_request",
            NotificationKind::NetworkFollowUpDue => "network_follow_up_due",
            NotificationKind::AgreementObligationDue => "agreement_obligation_due",
            NotificationKind::AgreementTermEnding => "agreement_term_ending",
            NotificationKind::StockLow => "stock_low",
            NotificationKind::LotExpiring => "lot_expiring",
            NotificationKind::RoundDeadline => "round_deadline",
            NotificationKind::IntroductionRequested => "introduction_requested",
            NotificationKind::IntroductionAnswered => "introduction_answered",
        }
    }

    pub fn parse(s: &str) -> Option<NotificationKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The outbox's kind of a message sent at once for this kind (so the audit entry of its
    /// delivery names the kind).
    pub fn mail_kind(self) -> &'static str {
        match self {
            NotificationKind::TrackDue => "notification-track_due",
            NotificationKind::TrackOverdue => "notification-track_overdue",
            NotificationKind::DocumentRequest => "notification-document_request",
            NotificationKind::ErasureRequest => "notification-erasure_request",
            NotificationKind::NetworkFollowUpDue => "notification-network_follow_up_due",
            NotificationKind::AgreementObligationDue => "notification-agreement_obligation_due",
            NotificationKind::AgreementTermEnding => "notification-agreement_term_ending",
            NotificationKind::StockLow => "notification-stock_low",
            NotificationKind::LotExpiring => "notification-lot_expiring",
            NotificationKind::RoundDeadline => "notification-round_deadline",
            NotificationKind::IntroductionRequested => "notification-introduction_requested",
            NotificationKind::IntroductionAnswered => "notification-introduction_answered",
        }
    }

    /// The kinds a person of `role` can receive: the ones offered on their preferences page
    /// and in the list's filter. An obligation can be owned by anyone who may read its
    /// agreement (staff, administrators, a party's employer or clinic buyer).
    pub fn for_role(role: Role) -> Vec<NotificationKind> {
        use NotificationKind::*;
        match role {
            Role::AgencyStaff => vec![
                TrackDue,
                TrackOverdue,
                ErasureRequest,
                NetworkFollowUpDue,
                AgreementObligationDue,
                AgreementTermEnding,
                IntroductionRequested,
            ],
            Role::JobCounsellor => vec![TrackDue, TrackOverdue],
            Role::Candidate => vec![DocumentRequest],
            Role::Administrator => vec![AgreementObligationDue],
            Role::Employer => vec![AgreementObligationDue, IntroductionAnswered],
            Role::ClinicBuyer => vec![StockLow, LotExpiring, RoundDeadline, AgreementObligationDue],
            _ => Vec::new(),
        }
    }
}

/// How a person wants a kind delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// An e-mail as soon as it is raised.
    Immediate,
    /// In the daily digest (the default).
    Digest,
    /// Only the bell and the list in Standort.
    #[serde(rename = "none")]
    InApp,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::Immediate, Delivery::Digest, Delivery::InApp];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Immediate => "immediate",
            Delivery::Digest => "digest",
            Delivery::InApp => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Delivery> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// Who receives a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    Person(UserId),
    /// Everyone holding `role` — in `org` when given (an organisation-scoped role), else in
    /// every organisation — at the time it is raised.
    Role {
        role: Role,
        org: Option<OrgId>,
    },
}

impl Recipient {
    /// A role within the scope of a record of `org`: org-scoped roles only see their own
    /// organisation's records, the others every one (as `policy::scope` decides).
    pub fn role_for_record(role: Role, org: OrgId) -> Recipient {
        Recipient::Role {
            role,
            org: role.is_org_scoped().then_some(org),
        }
    }
}

/// An occasion to raise.
#[derive(Debug, Clone)]
pub struct Raise {
    pub kind: NotificationKind,
    pub recipient: Recipient,
    /// The record and the occasion; with the person and the kind, the idempotency key.
    pub record_key: String,
    /// The record's path in Standort.
    pub link: String,
    /// Codes that say what is due, and the name of the record where the text needs it (a
    /// company, an agreement, an item, a lot, a round — records its recipients may open); never
    /// a person's name or free text.
    pub params: serde_json::Value,
    /// Unix seconds at 00:00 UTC.
    pub due_on: Option<i64>,
}

/// What raising did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Raised {
    /// New notifications (existing ones are not counted).
    pub raised: usize,
    /// Of those, queued as an e-mail at once.
    pub mailed: usize,
}

/// One notification as a letter shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NotificationKind,
    pub params: serde_json::Value,
    pub due_on: Option<i64>,
    /// The absolute address of the record.
    pub link: String,
}

impl App {
    /// Raises `raises` in the caller's transaction: writes each person's notification unless
    /// they have it already, and queues an e-mail at once for the people who chose that for
    /// the kind. The caller commits and then calls [`App::wake_sender`] when `mailed > 0`.
    pub(crate) async fn raise(
        &self,
        tx: &mut AnyConnection,
        raises: &[Raise],
        now: i64,
    ) -> Result<Raised, AppError> {
        let immediate: HashSet<(UserId, String)> = store::chosen(tx, Delivery::Immediate.as_str())
            .await?
            .into_iter()
            .collect();
        let mut roles: HashMap<(Role, Option<OrgId>), Vec<UserId>> = HashMap::new();
        let mut done = Raised::default();
        for r in raises {
            let people = match r.recipient {
                Recipient::Person(user) => vec![user],
                Recipient::Role { role, org } => match roles.get(&(role, org)) {
                    Some(people) => people.clone(),
                    None => {
                        let people = store::users_with_role(tx, role, org).await?;
                        roles.insert((role, org), people.clone());
                        people
                    }
                },
            };
            for user in people {
                let row = store::NewNotificationRow {
                    user_id: user,
                    kind: r.kind.as_str().to_owned(),
                    record_key: r.record_key.clone(),
                    link: r.link.clone(),
                    params: r.params.clone(),
                    due_on: r.due_on,
                };
                let Some(id) = store::raise(tx, &row, now).await? else {
                    continue;
                };
                done.raised += 1;
                if immediate.contains(&(user, row.kind.clone())) {
                    let person = standort_store::users::get(tx, user).await?;
                    if person.disabled {
                        continue;
                    }
                    let letter = Letter::Notification {
                        name: person.display_name.clone(),
                        notice: Notice {
                            kind: r.kind,
                            params: r.params.clone(),
                            due_on: r.due_on,
                            link: self.public_link(&r.link),
                        },
                        settings: self.public_link(PREFERENCES_PATH),
                    };
                    self.mail_notifications(tx, &person, &letter, &[id], now)
                        .await?;
                    done.mailed += 1;
                }
            }
        }
        Ok(done)
    }

    /// Queues a letter to a person and marks the notifications it carries as mailed, in the
    /// caller's transaction: whether alone or in the digest, a notification is mailed once.
    pub(crate) async fn mail_notifications(
        &self,
        tx: &mut AnyConnection,
        person: &User,
        letter: &Letter,
        notification_ids: &[i64],
        now: i64,
    ) -> Result<(), AppError> {
        self.queue_mail(
            tx,
            letter,
            person.language,
            &person.email,
            Some(person.id),
            None,
            now,
        )
        .await?;
        store::mark_mailed(tx, notification_ids, now).await?;
        Ok(())
    }
}

/// Where each person chooses the delivery per kind (linked from every message).
pub const PREFERENCES_PATH: &str = "/account/notifications";
