//! The periodic job: raises what falls due from stored records — the due items each placement
//! step stores (`placement_due`, migration 0011) for the track's owner, else the candidate's
//! counsellor, else the agency's staff; the partner network's next steps, obligations and
//! ends of term (`network::reminders`); the clinics' low stock, expiring lots and rounds'
//! deadlines (`procurement::reminders`). Runs in every `standort serve`, but only the instance
//! holding the `notifications` lease raises (a row, as the retention run has).

use serde_json::json;
use standort_domain::Role;
use standort_store::notifications as store;
use standort_store::notifications::DueSource;
use standort_store::{AnyConnection, portal};

use super::{NotificationKind, Raise, Raised, Recipient};
use crate::placements::{day_of, unix_of};
use crate::{App, AppError};

/// Steps due within this many days are announced (`track_due`); once their day has passed they
/// are raised again as `track_overdue`.
pub const HORIZON_DAYS: i64 = 7;
const LEASE: &str = "notifications";
/// How often the job runs (its lease is renewed to this after a run).
const EVERY_SECONDS: i64 = 600;
/// Read notifications are forgotten this many days after they were read (a due step raised
/// again later is a new occasion only when its due day changed, so nothing comes back).
pub const KEEP_READ_DAYS: i64 = 180;
/// Occasions written per transaction, so a large first run does not hold the writer long.
const BATCH: usize = 1000;

impl App {
    /// Raises a notification for every stored due item due before today + [`HORIZON_DAYS`]
    /// that its recipient does not have yet (`track_overdue` when its day has passed, else
    /// `track_due`), and the network's and procurement's reminders. Idempotent: running it
    /// again raises nothing new.
    pub async fn raise_due_notifications(&self) -> Result<Raised, AppError> {
        let now = self.now();
        let today = unix_of(day_of(now));
        let (sources, mut raises) = {
            let mut conn = self.db.conn().await?;
            let sources =
                store::due_sources(&mut conn, today, today + HORIZON_DAYS * 86_400).await?;
            // The other modules' occasions: those that come with time (a next step or a
            // deadline drawing near, an expiry, days of supply running down).
            let mut raises = crate::network::reminders::raises(&mut conn, today).await?;
            raises.extend(crate::procurement::reminders::raises(&mut conn, today).await?);
            (sources, raises)
        };
        raises.extend(sources.iter().map(|d| raise_of(d, today)));
        let mut total = Raised::default();
        for chunk in raises.chunks(BATCH) {
            let raises = chunk;
            let mut tx = self.db.begin_write().await?;
            let raised = self.raise(&mut tx, raises, now).await?;
            tx.commit().await?;
            total.raised += raised.raised;
            total.mailed += raised.mailed;
        }
        if total.mailed > 0 {
            self.wake_sender();
        }
        Ok(total)
    }

    /// Raises the due and overdue steps of one placement in the caller's transaction (the one
    /// that recorded its step and stored its due items), so a step that is already due is
    /// announced at once rather than at the job's next run. The caller wakes the sender after
    /// its commit when `mailed > 0`.
    pub(crate) async fn raise_due_of(
        &self,
        tx: &mut AnyConnection,
        placement: i64,
        now: i64,
    ) -> Result<Raised, AppError> {
        let today = unix_of(day_of(now));
        let sources =
            store::due_sources_of(tx, placement, today, today + HORIZON_DAYS * 86_400).await?;
        let raises: Vec<Raise> = sources.iter().map(|d| raise_of(d, today)).collect();
        self.raise(tx, &raises, now).await
    }

    /// One run of the job when this instance wins the `notifications` lease (`None` when
    /// another instance holds it), then the clean-up of notifications read more than
    /// [`KEEP_READ_DAYS`] ago; the next run may start [`EVERY_SECONDS`] later, or an hour
    /// after a failed one.
    pub async fn notifications_tick(&self, holder: &str) -> Result<Option<Raised>, AppError> {
        let now = self.now();
        let claimed = {
            let mut conn = self.db.conn().await?;
            portal::claim_lease(&mut conn, LEASE, holder, now, now + 3600).await?
        };
        if !claimed {
            return Ok(None);
        }
        let result = self.raise_due_notifications().await;
        if result.is_ok() {
            let mut tx = self.db.begin_write().await?;
            store::delete_read_before(&mut tx, now - KEEP_READ_DAYS * 86_400).await?;
            tx.commit().await?;
            let mut conn = self.db.conn().await?;
            portal::renew_lease(&mut conn, LEASE, holder, now + EVERY_SECONDS).await?;
        }
        result.map(Some)
    }
}

/// The occasion of a stored due item as of `today`: overdue once its day has passed.
fn raise_of(d: &DueSource, today: i64) -> Raise {
    Raise {
        kind: if d.due_on < today {
            NotificationKind::TrackOverdue
        } else {
            NotificationKind::TrackDue
        },
        recipient: match d.user_id {
            Some(user) => Recipient::Person(user),
            None => Recipient::Role {
                role: Role::AgencyStaff,
                org: None,
            },
        },
        record_key: store::due_record_key(d.placement_id, &d.track, &d.code, d.due_on),
        link: format!("/placements/{}", d.placement_id),
        params: json!({ "track": d.track, "code": d.code, "legal": d.legal }),
        due_on: Some(d.due_on),
    }
}
