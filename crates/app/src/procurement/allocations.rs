//! Fair allocation of a short shipment or a donation among the clinics: agency staff propose
//! one (the engine computes every clinic's share by the chosen rule), then deliver it (each
//! share is booked as a receipt into the clinic's ledger). A clinic's claim is its line in
//! the pooled order the shipment belongs to, or — for a donation — its need: what brings it up
//! to the target days of supply. A buyer sees only their own clinic's share, and why.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::{OrgKind, ValidationError};
use standort_procurement::{Claim, Rule, TransportMode, allocate};
use standort_store::procurement::{
    self as store, Allocation, Item, NewAllocation, NewMovement, NewShare, ShareRow,
};
use standort_store::{audit, orgs};

use super::supply::compute;
use super::{TARGET_DAYS, day_field, day_of, id, quantity, required_line, text, unix_of};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// An allocation as it arrives from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AllocationInput {
    pub item_id: Option<String>,
    pub title: Option<String>,
    /// `donation` or `shipment`.
    pub source: Option<String>,
    /// The pooled order whose delivery is split (shipments): the clinics' lines are the claims.
    pub order_id: Option<String>,
    /// Units available.
    pub available: Option<String>,
    /// `equalise_days` (default), `pro_rata_request`, `pro_rata_burn`.
    pub rule: Option<String>,
    pub lot: Option<String>,
    /// `YYYY-MM-DD`
    pub expires_on: Option<String>,
}

/// An allocation with the shares the actor may see.
#[derive(Debug, Clone, Serialize)]
pub struct AllocationView {
    pub allocation: Allocation,
    pub item: Item,
    pub shares: Vec<ShareRow>,
    pub can_deliver: bool,
}

impl App {
    /// Computes and stores a proposed allocation (agency staff).
    pub async fn create_allocation(
        &self,
        actor: &Actor,
        input: &AllocationInput,
    ) -> Result<Allocation, AppError> {
        policy::require(actor, Permission::CoordinateProcurement)?;
        let item_id = id("item_id", &input.item_id)?;
        let title = required_line("title", &input.title, 200)?;
        let source = text(&input.source).unwrap_or("donation");
        if !matches!(source, "donation" | "shipment") {
            return Err(ValidationError::new("source", "invalid-choice").into());
        }
        let order_id = match text(&input.order_id) {
            None => None,
            Some(_) => Some(id("order_id", &input.order_id)?),
        };
        if source == "shipment" && order_id.is_none() {
            return Err(ValidationError::new("order_id", "required").into());
        }
        let available = quantity("available", &input.available, 1)?;
        let rule = match text(&input.rule) {
            None => Rule::EqualiseDays,
            Some(r) => Rule::parse(r).ok_or(ValidationError::new("rule", "invalid-choice"))?,
        };
        let lot = required_line("lot", &input.lot, 60)?;
        let today = day_of(self.now());
        let expires = day_field("expires_on", &input.expires_on)?;
        if expires.is_some_and(|e| e < today) {
            return Err(ValidationError::new("expires_on", "expired").into());
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let item = store::get_item(&mut tx, item_id)
            .await
            .map_err(|_| ValidationError::new("item_id", "invalid-choice"))?;
        let lines = match order_id {
            Some(o) => {
                store::get_order(&mut tx, o)
                    .await
                    .map_err(|_| ValidationError::new("order_id", "invalid-choice"))?;
                store::lines(&mut tx, o, None).await?
            }
            None => Vec::new(),
        };
        let clinics = orgs::of_kind(&mut tx, OrgKind::Clinic).await?;
        let supply = compute(&mut tx, None, today, TransportMode::Air).await?;
        let mut claimants = Vec::new();
        let mut claims = Vec::new();
        for clinic in &clinics {
            let row = supply
                .get(&clinic.id)
                .and_then(|items| items.iter().find(|i| i.item.id == item_id));
            let (stock, per_day) = row.map_or((0, 0.0), |r| (r.usable, r.rate.per_day));
            let requested = if order_id.is_some() {
                lines
                    .iter()
                    .filter(|l| l.org_id == clinic.id && l.item_id == item_id)
                    .map(|l| l.quantity)
                    .sum()
            } else {
                ((per_day * TARGET_DAYS).ceil() as i64 - stock).max(0)
            };
            if requested > 0 {
                claimants.push(clinic.id);
                claims.push(Claim {
                    requested,
                    stock,
                    per_day,
                });
            }
        }
        if claims.is_empty() {
            return Err(AppError::Conflict("nobody-needs-it"));
        }
        let shares = allocate(available, item.pack_size, &claims, rule);
        let allocation = store::insert_allocation(
            &mut tx,
            &NewAllocation {
                item_id,
                order_id,
                source,
                title: &title,
                available,
                pack_size: item.pack_size,
                rule: rule.as_str(),
                lot: &lot,
                expires_on: expires.map(unix_of),
                created_by: Some(actor.id()),
            },
            now,
        )
        .await?;
        for ((clinic, claim), share) in claimants.iter().zip(&claims).zip(&shares) {
            store::insert_share(
                &mut tx,
                allocation.id,
                &NewShare {
                    org_id: *clinic,
                    requested: share.requested,
                    stock: claim.stock,
                    per_day: claim.per_day,
                    allocated: share.allocated,
                    days_before: share.days_before,
                    days_after: share.days_after,
                },
            )
            .await?;
        }
        audit::append(
            &mut tx,
            &actor
                .audit("create", "allocation", allocation.id, None)
                .with_after(json!({
                    "item_id": item_id,
                    "available": available,
                    "rule": rule.as_str(),
                    "shares": claimants.iter().zip(&shares)
                        .map(|(c, s)| json!({"org_id": c.0, "allocated": s.allocated}))
                        .collect::<Vec<_>>(),
                })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(allocation)
    }

    /// Books every share of a proposed allocation as a receipt into its clinic's ledger
    /// (agency staff); the pooled order it belongs to becomes delivered.
    pub async fn deliver_allocation(&self, actor: &Actor, id: i64) -> Result<(), AppError> {
        policy::require(actor, Permission::CoordinateProcurement)?;
        let now = self.now();
        let today = day_of(now);
        let mut tx = self.db.begin_write().await?;
        let a = store::get_allocation(&mut tx, id).await?;
        if a.status != "proposed" {
            return Err(AppError::Conflict("already-delivered"));
        }
        let shares = store::shares(&mut tx, id, None).await?;
        let reference = format!("allocation:{id}");
        for s in shares.iter().filter(|s| s.allocated > 0) {
            store::append_movement(
                &mut tx,
                &NewMovement {
                    org_id: s.org_id,
                    item_id: a.item_id,
                    lot: &a.lot,
                    expires_on: a.expires_on,
                    kind: "receipt",
                    quantity: s.allocated,
                    happened_on: unix_of(today),
                    reference: Some(&reference),
                    actor: Some(actor.id()),
                },
                now,
            )
            .await?;
        }
        store::mark_delivered(&mut tx, id, now)
            .await
            .map_err(|_| AppError::Conflict("already-delivered"))?;
        if let Some(order) = a.order_id {
            store::set_order_status(&mut tx, order, "delivered").await?;
        }
        audit::append(
            &mut tx,
            &actor
                .audit("update", "allocation", id, None)
                .with_before(json!({"status": "proposed"}))
                .with_after(json!({"status": "delivered"})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Allocations the actor may see: staff all, a buyer those with a share for their clinic.
    pub async fn list_allocations(&self, actor: &Actor) -> Result<Vec<Allocation>, AppError> {
        let scope = policy::require(actor, Permission::ReadProcurement)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_allocations(&mut conn, scope.only()).await?)
    }

    /// One allocation with the shares the actor may see; a buyer whose clinic has no share in
    /// it gets `NotFound`.
    pub async fn allocation_view(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<AllocationView, AppError> {
        let scope = policy::require(actor, Permission::ReadProcurement)?;
        let mut conn = self.db.conn().await?;
        let allocation = store::get_allocation(&mut conn, id).await?;
        let shares = store::shares(&mut conn, id, scope.only()).await?;
        if scope.only().is_some() && shares.is_empty() {
            return Err(AppError::NotFound);
        }
        let item = store::get_item(&mut conn, allocation.item_id).await?;
        Ok(AllocationView {
            can_deliver: policy::allows(actor.role(), Permission::CoordinateProcurement)
                && allocation.status == "proposed",
            allocation,
            item,
            shares,
        })
    }
}
