//! Each person's delivery per kind; every change is audited (kind, before, after).

use serde_json::json;
use standort_domain::ValidationError;
use standort_store::audit;
use standort_store::notifications as store;

use super::{Delivery, NotificationKind};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

impl App {
    /// The actor's delivery for each kind they can receive (the default where they chose none).
    pub async fn notification_preferences(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(NotificationKind, Delivery)>, AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let chosen = {
            let mut conn = self.db.conn().await?;
            store::preferences(&mut conn, actor.id()).await?
        };
        Ok(NotificationKind::for_role(actor.role())
            .into_iter()
            .map(|kind| {
                let delivery = chosen
                    .iter()
                    .find(|(k, _)| k == kind.as_str())
                    .and_then(|(_, d)| Delivery::parse(d))
                    .unwrap_or(Delivery::Digest);
                (kind, delivery)
            })
            .collect())
    }

    /// Sets how the actor receives `kind` (`immediate`, `digest` or `none`), audited.
    pub async fn set_notification_preference(
        &self,
        actor: &Actor,
        kind: &str,
        delivery: &str,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let kind = NotificationKind::parse(kind.trim())
            .ok_or(ValidationError::new("kind", "unknown-kind"))?;
        // A kind that exists but never reaches this role is not there for them (404, as
        // everything a role may not see), not a mistake in the request.
        if !NotificationKind::for_role(actor.role()).contains(&kind) {
            return Err(AppError::NotFound);
        }
        let delivery = Delivery::parse(delivery.trim())
            .ok_or(ValidationError::new("delivery", "unknown-delivery"))?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let before =
            store::set_preference(&mut tx, actor.id(), kind.as_str(), delivery.as_str()).await?;
        let before = before.unwrap_or_else(|| store::DEFAULT_DELIVERY.to_owned());
        if before != delivery.as_str() {
            audit::append(
                &mut tx,
                &actor
                    .audit(
                        "notification_preference",
                        "user",
                        actor.id().0,
                        Some(actor.user.org_id),
                    )
                    .with_before(json!({ "kind": kind.as_str(), "delivery": before }))
                    .with_after(json!({ "kind": kind.as_str(), "delivery": delivery.as_str() })),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
