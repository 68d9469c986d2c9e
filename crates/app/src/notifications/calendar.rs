//! Each person's secret calendar feed of their due dates (RFC 5545, written by the web layer) —
//! the placements' steps and documents asked, the next steps and obligations they own, and the
//! rounds' deadlines for clinic buyers:
//! created and revoked by its owner (audited), read by anyone holding the URL — a calendar
//! program cannot log in — so the URL's secret is the credential, stored as its SHA-256 only.

use serde_json::json;
use standort_domain::{Language, Role};
use standort_store::notifications::{self as store, FeedDate};
use standort_store::users::User;
use standort_store::{AnyConnection, audit, network, procurement};

use crate::network::day_start;
use crate::network::reminders::may_read_agreement;
use crate::policy::{self, Permission, allows};
use crate::secrets::{random_token, token_hash};
use crate::{Actor, App, AppError};

/// A feed as its calendar program reads it.
#[derive(Debug, Clone)]
pub struct CalendarFeed {
    /// The owner's name and language, for the calendar's name and the events' texts.
    pub name: String,
    pub language: Language,
    pub dates: Vec<FeedDate>,
}

impl App {
    /// Starts a new feed for the actor (an earlier one ends) and returns its secret once.
    pub async fn create_calendar_feed(&self, actor: &Actor) -> Result<String, AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let secret = random_token();
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let id = store::create_feed(&mut tx, actor.id(), &token_hash(&secret), now).await?;
        audit::append(
            &mut tx,
            &actor.audit("create", "calendar_feed", id, Some(actor.user.org_id)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(secret)
    }

    /// Ends the actor's feed: its URL answers "not found" from now on.
    pub async fn revoke_calendar_feed(&self, actor: &Actor) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let ended = store::revoke_feeds(&mut tx, actor.id(), now).await?;
        if ended > 0 {
            audit::append(
                &mut tx,
                &actor
                    .audit(
                        "revoke",
                        "calendar_feed",
                        actor.id().0,
                        Some(actor.user.org_id),
                    )
                    .with_after(json!({ "feeds": ended })),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// When the actor's active feed was created (`None`: no feed).
    pub async fn calendar_feed_since(&self, actor: &Actor) -> Result<Option<i64>, AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let mut conn = self.db.conn().await?;
        Ok(store::active_feed(&mut conn, actor.id()).await?)
    }

    /// The feed behind a secret: its owner's due dates. "Not found" for an unknown or revoked
    /// secret, and for a disabled account.
    pub async fn calendar_feed(&self, secret: &str) -> Result<CalendarFeed, AppError> {
        let mut conn = self.db.conn().await?;
        let user = store::feed_owner(&mut conn, &token_hash(secret))
            .await?
            .ok_or(AppError::NotFound)?;
        let user = standort_store::users::get(&mut conn, user).await?;
        if user.disabled {
            return Err(AppError::NotFound);
        }
        // Agency staff receive the steps nobody owns (as their notifications do).
        let mut dates =
            store::feed_dates(&mut conn, user.id, user.role == Role::AgencyStaff).await?;
        dates.extend(module_dates(&mut conn, &user, day_start(self.now())).await?);
        dates.sort_by(|a, b| {
            (a.due_on, &a.source, a.record_id).cmp(&(b.due_on, &b.source, b.record_id))
        });
        Ok(CalendarFeed {
            name: user.display_name,
            language: user.language,
            dates,
        })
    }
}

/// How far back the other modules' dates stay in a feed (a calendar keeps what it has seen).
const PAST_DAYS: i64 = 90;

/// The person's dates of the other modules, those they may open only: the next steps of the
/// approaches they recorded (while they may read the network), the open obligations they own
/// of agreements they may read, and (clinic buyers) the open pooling rounds' deadlines.
async fn module_dates(
    conn: &mut AnyConnection,
    user: &User,
    today: i64,
) -> Result<Vec<FeedDate>, AppError> {
    let since = today - PAST_DAYS * 86_400;
    let mut out = Vec::new();
    if allows(user.role, Permission::ReadNetwork) {
        for f in network::follow_ups_of(conn, user.id, since).await? {
            out.push(FeedDate {
                source: "follow_up".into(),
                record_id: f.approach_id,
                track: String::new(),
                code: String::new(),
                due_on: f.next_due,
                legal: false,
                label: f.org_name,
                link: format!("/network/approaches?org={}", f.org_id.0),
            });
        }
    }
    for b in network::obligations_of(conn, user.id, since).await? {
        let parties = network::party_orgs(conn, b.agreement_id).await?;
        if !may_read_agreement(user.role, user.org_id, &parties) {
            continue;
        }
        out.push(FeedDate {
            source: "obligation".into(),
            record_id: b.id,
            track: String::new(),
            code: b.description,
            due_on: b.due_day,
            legal: false,
            label: b.agreement_title,
            link: format!("/network/agreements/{}", b.agreement_id),
        });
    }
    if user.role == Role::ClinicBuyer {
        for o in procurement::open_orders_due(conn, since, i64::MAX, None).await? {
            let Some(deadline) = o.deadline else { continue };
            out.push(FeedDate {
                source: "round".into(),
                record_id: o.id,
                track: String::new(),
                code: String::new(),
                due_on: deadline,
                legal: false,
                label: o.title,
                link: format!("/procurement/orders/{}", o.id),
            });
        }
    }
    Ok(out)
}
