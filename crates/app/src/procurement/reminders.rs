//! Pooled procurement's reminders, raised through the one notification mechanism
//! ([`crate::notifications`]) for the buyers of the clinic concerned only (a clinic buyer never
//! hears of another clinic's stock):
//!
//! - `stock_low`: an item a clinic uses has fewer than [`CRITICAL_DAYS`] days of supply (the
//!   days of supply of `supply`, the dashboard's "critical" state). Raised once per occasion:
//!   the record key names the latest movement that added stock, so the item is announced again
//!   only after a receipt (or a count that found more) when it falls under the threshold again.
//! - `lot_expiring`: a lot with stock expires within 90 days, then again within 30 days (two
//!   stages, two record keys).
//! - `round_deadline`: an open pooling round's last day for lines is within [`ROUND_DAYS`]:
//!   every clinic buyer (a round is open to every clinic of the channel, and every buyer may
//!   open it; the data model has no list of invited clinics).
//!
//! A late shipment is not raised: pooled orders carry no expected arrival date yet.

use serde_json::json;
use standort_domain::{OrgId, Role};
use standort_procurement::TransportMode;
use standort_store::AnyConnection;
use standort_store::procurement as store;

use super::supply::{SupplyState, compute};
use super::{CRITICAL_DAYS, DAY, day_of, unix_of};
use crate::AppError;
use crate::notifications::{NotificationKind, Raise, Recipient};

/// A lot is announced when it expires within this many days, and again within the second.
pub const EXPIRY_STAGES: [i64; 2] = [90, 30];
/// An open round's deadline is announced this many days before (time for a clinic to gather
/// its quantities and have them approved).
pub const ROUND_DAYS: i64 = 14;

fn buyers_of(clinic: OrgId) -> Recipient {
    Recipient::role_for_record(Role::ClinicBuyer, clinic)
}

fn clinic_link(clinic: OrgId) -> String {
    format!("/procurement/clinics/{}", clinic.0)
}

/// Items under [`CRITICAL_DAYS`] of supply at any clinic, as of `today` (Unix seconds, 00:00).
pub(crate) async fn stock_raises(
    conn: &mut AnyConnection,
    today: i64,
) -> Result<Vec<Raise>, AppError> {
    let all = compute(conn, None, day_of(today), TransportMode::Air).await?;
    let mut critical: Vec<(OrgId, &super::ItemSupply)> = all
        .iter()
        .flat_map(|(clinic, items)| {
            items
                .iter()
                .filter(|i| i.state == SupplyState::Critical)
                .map(move |i| (*clinic, i))
        })
        .collect();
    critical.sort_by_key(|(clinic, i)| (clinic.0, i.item.id));
    let mut out = Vec::with_capacity(critical.len());
    for (clinic, i) in critical {
        let since = store::last_increase(conn, clinic, i.item.id).await?;
        out.push(Raise {
            kind: NotificationKind::StockLow,
            recipient: buyers_of(clinic),
            record_key: format!("stock:{}:{}:{since}", clinic.0, i.item.id),
            link: clinic_link(clinic),
            params: json!({
                "item": i.item.name,
                "days": i.days.unwrap_or(0.0).floor() as i64,
                "threshold": CRITICAL_DAYS as i64,
            }),
            due_on: i.stockout.map(unix_of),
        });
    }
    Ok(out)
}

/// Lots with stock that expire within 90 (then 30) days and have not expired yet.
pub(crate) async fn lot_raises(
    conn: &mut AnyConnection,
    today: i64,
) -> Result<Vec<Raise>, AppError> {
    let items = store::list_items(conn).await?;
    let mut out = Vec::new();
    for l in store::lots(conn, None).await? {
        let Some(expires) = l.expires_on else {
            continue;
        };
        if l.quantity <= 0 || expires < today {
            continue;
        }
        // The narrowest stage the lot is in: 30 once within 30 days, else 90.
        let Some(stage) = EXPIRY_STAGES
            .iter()
            .rev()
            .find(|&&days| expires < today + (days + 1) * DAY)
        else {
            continue;
        };
        let name = items
            .iter()
            .find(|i| i.id == l.item_id)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        out.push(Raise {
            kind: NotificationKind::LotExpiring,
            recipient: buyers_of(l.org_id),
            record_key: format!(
                "lot:{}:{}:{}:{expires}:{stage}",
                l.org_id.0, l.item_id, l.lot
            ),
            link: clinic_link(l.org_id),
            params: json!({ "item": name, "lot": l.lot, "stage": stage }),
            due_on: Some(expires),
        });
    }
    Ok(out)
}

/// Open rounds whose deadline is within [`ROUND_DAYS`] (inclusive), or one of them.
pub(crate) async fn round_raises(
    conn: &mut AnyConnection,
    today: i64,
    order: Option<i64>,
) -> Result<Vec<Raise>, AppError> {
    Ok(
        store::open_orders_due(conn, today, today + (ROUND_DAYS + 1) * DAY, order)
            .await?
            .into_iter()
            .filter_map(|o| {
                let deadline = o.deadline?;
                Some(Raise {
                    kind: NotificationKind::RoundDeadline,
                    recipient: Recipient::Role {
                        role: Role::ClinicBuyer,
                        org: None,
                    },
                    record_key: format!("order:{}:{deadline}", o.id),
                    link: format!("/procurement/orders/{}", o.id),
                    params: json!({ "order": o.title }),
                    due_on: Some(deadline),
                })
            })
            .collect(),
    )
}

/// Everything procurement raises as of `today` (the notifications job).
pub(crate) async fn raises(conn: &mut AnyConnection, today: i64) -> Result<Vec<Raise>, AppError> {
    let mut out = stock_raises(conn, today).await?;
    out.extend(lot_raises(conn, today).await?);
    out.extend(round_raises(conn, today, None).await?);
    Ok(out)
}
