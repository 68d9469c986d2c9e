//! Each person's secret calendar feed of their due dates (RFC 5545, written by the web layer):
//! created and revoked by its owner (audited), read by anyone holding the URL — a calendar
//! program cannot log in — so the URL's secret is the credential, stored as its SHA-256 only.

use serde_json::json;
use standort_domain::{Language, Role};
use standort_store::audit;
use standort_store::notifications::{self as store, FeedDate};

use crate::policy::{self, Permission};
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
        let dates = store::feed_dates(&mut conn, user.id, user.role == Role::AgencyStaff).await?;
        Ok(CalendarFeed {
            name: user.display_name,
            language: user.language,
            dates,
        })
    }
}
