//! Pooled orders: agency staff open one to a supplier with a transport mode and a deadline,
//! each clinic's buyer sets its own lines while it is open, staff send it and mark it
//! delivered (a delivery is split among the clinics by an allocation, see `allocations`).
//! A buyer sees the order and only their own clinic's lines.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::{OrgKind, ValidationError};
use standort_store::procurement::{self as store, Item, NewOrder, Order, OrderLine};
use standort_store::{audit, orgs};

use super::{day_field, day_of, id, mode, packs_for, quantity, required_line, unix_of};
use crate::policy::{self, Permission, Scope};
use crate::{Actor, App, AppError};

/// A pooled order as it arrives from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrderInput {
    pub supplier_org_id: Option<String>,
    pub title: Option<String>,
    /// `air`, `sea`, `rail`, `road`.
    pub transport_mode: Option<String>,
    /// `YYYY-MM-DD`: last day for the clinics' lines.
    pub deadline: Option<String>,
}

/// A clinic's line as it arrives: the item and the units wanted (0 withdraws it).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LineInput {
    pub item_id: Option<String>,
    pub quantity: Option<String>,
}

/// An order with the lines the actor may see and the totals per item (coordinators).
#[derive(Debug, Clone, Serialize)]
pub struct OrderView {
    pub order: Order,
    pub lines: Vec<OrderLine>,
    /// `(item, units, packs)` over every clinic; empty for a clinic buyer.
    pub totals: Vec<(Item, i64, i64)>,
    pub items: Vec<Item>,
    /// Whether the actor may set their clinic's lines now.
    pub can_edit_lines: bool,
    pub can_coordinate: bool,
}

impl App {
    /// The suppliers a pooled order can go to (agency staff).
    pub async fn list_suppliers(
        &self,
        actor: &Actor,
    ) -> Result<Vec<standort_store::orgs::Organisation>, AppError> {
        policy::require(actor, Permission::CoordinateProcurement)?;
        let mut conn = self.db.conn().await?;
        Ok(orgs::of_kind(&mut conn, OrgKind::Supplier).await?)
    }

    /// Opens a pooled order to a supplier (agency staff).
    pub async fn create_order(&self, actor: &Actor, input: &OrderInput) -> Result<Order, AppError> {
        policy::require(actor, Permission::CoordinateProcurement)?;
        let supplier = standort_domain::OrgId(id("supplier_org_id", &input.supplier_org_id)?);
        let title = required_line("title", &input.title, 200)?;
        let mode = mode(input.transport_mode.as_deref())?;
        let deadline = day_field("deadline", &input.deadline)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let org = orgs::get(&mut tx, supplier)
            .await
            .map_err(|_| ValidationError::new("supplier_org_id", "invalid-choice"))?;
        if org.kind != OrgKind::Supplier {
            return Err(ValidationError::new("supplier_org_id", "invalid-choice").into());
        }
        let order = store::insert_order(
            &mut tx,
            &NewOrder {
                supplier_org_id: supplier,
                title: &title,
                transport_mode: mode.as_str(),
                deadline: deadline.map(unix_of),
                created_by: Some(actor.id()),
            },
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "pooled_order", order.id, Some(supplier))
                .with_after(serde_json::to_value(&order).unwrap_or_default()),
            now,
        )
        .await?;
        // A deadline already within the reminders' horizon is announced to the buyers at once.
        let raises =
            super::reminders::round_raises(&mut tx, unix_of(day_of(now)), Some(order.id)).await?;
        let mailed = self.raise(&mut tx, &raises, now).await?.mailed;
        tx.commit().await?;
        if mailed > 0 {
            self.wake_sender();
        }
        Ok(order)
    }

    /// Every pooled order (the orders are the channel's; lines are per clinic).
    pub async fn list_orders(&self, actor: &Actor) -> Result<Vec<Order>, AppError> {
        policy::require(actor, Permission::ReadProcurement)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_orders(&mut conn).await?)
    }

    pub async fn order_view(&self, actor: &Actor, order: i64) -> Result<OrderView, AppError> {
        let scope = policy::require(actor, Permission::ReadProcurement)?;
        let mut conn = self.db.conn().await?;
        let order = store::get_order(&mut conn, order).await?;
        let lines = store::lines(&mut conn, order.id, scope.only()).await?;
        let items = store::list_items(&mut conn).await?;
        let can_coordinate = policy::allows(actor.role(), Permission::CoordinateProcurement);
        let totals = if scope == Scope::All {
            items
                .iter()
                .filter_map(|i| {
                    let units: i64 = lines
                        .iter()
                        .filter(|l| l.item_id == i.id)
                        .map(|l| l.quantity)
                        .sum();
                    (units > 0).then(|| (i.clone(), units, packs_for(units, i.pack_size)))
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(OrderView {
            can_edit_lines: policy::allows(actor.role(), Permission::ManageClinicStock)
                && order.status == "open"
                && order
                    .deadline
                    .is_none_or(|d| day_of(d) >= day_of(self.now())),
            can_coordinate,
            order,
            lines,
            totals,
            items,
        })
    }

    /// Sets the actor's clinic's quantity of an item in an open order (clinic buyers); the
    /// quantity is rounded up to whole packs.
    pub async fn set_order_line(
        &self,
        actor: &Actor,
        order: i64,
        input: &LineInput,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ReadProcurement)?;
        policy::require(actor, Permission::ManageClinicStock)?;
        let item_id = id("item_id", &input.item_id)?;
        let units = quantity("quantity", &input.quantity, 0)?;
        let clinic = actor.user.org_id;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let o = store::get_order(&mut tx, order).await?;
        if o.status != "open" || o.deadline.is_some_and(|d| day_of(d) < day_of(now)) {
            return Err(AppError::Conflict("order-closed"));
        }
        let item = store::get_item(&mut tx, item_id)
            .await
            .map_err(|_| ValidationError::new("item_id", "invalid-choice"))?;
        let units = packs_for(units, item.pack_size) * item.pack_size;
        store::set_line(
            &mut tx,
            order,
            clinic,
            item_id,
            units,
            Some(actor.id()),
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "pooled_order_line", order, Some(clinic))
                .with_after(json!({ "item_id": item_id, "quantity": units })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves an order on: `open` → `ordered` (sent to the supplier) → `delivered` (agency
    /// staff). Any other step is a conflict.
    pub async fn advance_order(
        &self,
        actor: &Actor,
        order: i64,
        status: &str,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::CoordinateProcurement)?;
        if !matches!(status, "ordered" | "delivered") {
            return Err(ValidationError::new("status", "invalid-choice").into());
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let o = store::get_order(&mut tx, order).await?;
        let allowed = matches!(
            (o.status.as_str(), status),
            ("open", "ordered") | ("ordered", "delivered")
        );
        if !allowed {
            return Err(AppError::Conflict("order-step-refused"));
        }
        store::set_order_status(&mut tx, order, status).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "pooled_order", order, Some(o.supplier_org_id))
                .with_before(json!({ "status": o.status }))
                .with_after(json!({ "status": status })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
