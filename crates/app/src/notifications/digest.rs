//! The daily digest: one message per person listing their notifications that wait for it
//! (unread, not mailed, of a kind they leave to the digest), in their language. Sent by the
//! instance that wins the `notification_digest` lease, which it then holds until the next
//! day's digest time — so with several instances exactly one sends, once a day. Each person's
//! rows are marked mailed in the transaction that queues their message: nothing is sent twice,
//! even when a run is repeated.

use std::collections::BTreeMap;

use standort_domain::UserId;
use standort_store::notifications as store;
use standort_store::{portal, users};

use super::{Notice, NotificationKind, PREFERENCES_PATH};
use crate::mail::Letter;
use crate::{App, AppError};

/// The hour (UTC) after which the day's digest goes out: 06:00 or 07:00 in Germany.
pub const DIGEST_HOUR_UTC: i64 = 5;
const LEASE: &str = "notification_digest";
/// People per transaction.
const BATCH: i64 = 200;
/// Notifications listed in one message; the rest are counted ("and 12 more").
const LISTED: usize = 50;

/// When the digest after `now` is due: the next day's [`DIGEST_HOUR_UTC`].
pub fn next_digest_at(now: i64) -> i64 {
    (now.div_euclid(86_400) + 1) * 86_400 + DIGEST_HOUR_UTC * 3600
}

/// What a digest run sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DigestReport {
    /// Messages queued (one per person).
    pub messages: usize,
    /// Notifications they carried (listed or counted).
    pub notifications: usize,
}

impl App {
    /// Queues one digest message for every person with notifications waiting for it, and marks
    /// those notifications mailed in the same transaction.
    pub async fn send_digests(&self) -> Result<DigestReport, AppError> {
        let mut report = DigestReport::default();
        let mut after = 0;
        loop {
            let people = {
                let mut conn = self.db.conn().await?;
                store::digest_recipients(&mut conn, after, BATCH).await?
            };
            let (Some(&first), Some(&last)) = (people.first(), people.last()) else {
                break;
            };
            let now = self.now();
            let mut tx = self.db.begin_write().await?;
            let rows = store::digest_rows(&mut tx, first, last).await?;
            let mut by_person: BTreeMap<UserId, Vec<store::NotificationRow>> = BTreeMap::new();
            for row in rows {
                by_person.entry(row.user_id).or_default().push(row);
            }
            for (user, rows) in by_person {
                let person = users::get(&mut tx, user).await?;
                if person.disabled {
                    continue;
                }
                let notices: Vec<Notice> = rows
                    .iter()
                    .filter_map(|r| {
                        Some(Notice {
                            kind: NotificationKind::parse(&r.kind)?,
                            params: r.params.clone(),
                            due_on: r.due_on,
                            link: self.public_link(&r.link),
                        })
                    })
                    .collect();
                let more = notices.len().saturating_sub(LISTED);
                let letter = Letter::Digest {
                    name: person.display_name.clone(),
                    notices: notices.into_iter().take(LISTED).collect(),
                    more,
                    list: self.public_link("/notifications"),
                    settings: self.public_link(PREFERENCES_PATH),
                };
                let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
                self.mail_notifications(&mut tx, &person, &letter, &ids, now)
                    .await?;
                report.messages += 1;
                report.notifications += ids.len();
            }
            tx.commit().await?;
            after = last.0;
        }
        if report.messages > 0 {
            self.wake_sender();
        }
        Ok(report)
    }

    /// The day's digest when this instance wins the `notification_digest` lease and the day's
    /// digest time has come (`None` otherwise); it then holds the lease until the next day's.
    pub async fn digest_tick(&self, holder: &str) -> Result<Option<DigestReport>, AppError> {
        let now = self.now();
        let claimed = {
            let mut conn = self.db.conn().await?;
            // A new installation sends its first digest at the next digest hour, not on start.
            store::lease_from(&mut conn, LEASE, next_digest_at(now)).await?;
            portal::claim_lease(&mut conn, LEASE, holder, now, now + 3600).await?
        };
        if !claimed {
            return Ok(None);
        }
        let result = self.send_digests().await;
        if result.is_ok() {
            let mut conn = self.db.conn().await?;
            portal::renew_lease(&mut conn, LEASE, holder, next_digest_at(now)).await?;
        }
        result.map(Some)
    }
}
