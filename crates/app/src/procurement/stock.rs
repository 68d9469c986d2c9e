//! Recording a clinic's stock movements (receipts, issues to wards first-expiry-first-out,
//! counts, write-offs) and its daily census. Only the clinic's own buyer records; everything
//! is checked before anything is written, and each entry is audited in its transaction.

use serde::Deserialize;
use serde_json::json;
use standort_domain::{OrgId, ValidationError};
use standort_procurement::Day;
use standort_procurement::gs1::{self, Scan};
use standort_procurement::{Lot, fefo};
use standort_store::procurement::{self as store, Movement, NewMovement};
use standort_store::{AnyConnection, audit};

use super::{MAX_QUANTITY, day_field, day_of, id, line, quantity, text, unix_of};
use crate::policy::{self, ClinicAccess, Permission};
use crate::{Actor, App, AppError};

/// A movement as it arrives from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MovementInput {
    /// `receipt`, `issue`, `count` or `write_off`.
    pub kind: Option<String>,
    pub item_id: Option<String>,
    /// Required for receipts, counts and write-offs; an issue takes its lots first expiry
    /// first.
    pub lot: Option<String>,
    /// `YYYY-MM-DD`, receipts only.
    pub expires_on: Option<String>,
    /// Units received, issued or written off; for a count, the units counted in the lot.
    pub quantity: Option<String>,
    /// `YYYY-MM-DD`, default today; not in the future.
    pub happened_on: Option<String>,
    /// A waybill, delivery note or reason.
    pub reference: Option<String>,
    /// Receipts: a GS1 element string as a scanner types it (`standort_procurement::gs1`).
    /// It names the item by its GTIN and gives the lot (10), expiry (17) and quantity (30
    /// count) where it carries them; what it carries takes the place of `item_id`, `lot`,
    /// `expires_on` and `quantity`, what it lacks is taken from them.
    pub gs1: Option<String>,
}

/// A day's census as it arrives from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CensusInput {
    /// `YYYY-MM-DD`, default today.
    pub day: Option<String>,
    pub patients: Option<String>,
}

/// Refuses unless the actor is the clinic's own buyer (staff: `Forbidden`, others' clinics:
/// `NotFound`).
fn require_own_clinic(actor: &Actor, clinic: OrgId) -> Result<(), AppError> {
    policy::require(actor, Permission::ReadProcurement)?;
    match policy::clinic_access(actor, clinic)? {
        ClinicAccess::Manage => Ok(()),
        ClinicAccess::Read => Err(AppError::Forbidden),
    }
}

/// The lots of one item at one clinic, as the engine sees them.
async fn item_lots(
    conn: &mut AnyConnection,
    clinic: OrgId,
    item: i64,
) -> Result<Vec<Lot>, AppError> {
    Ok(store::lots(conn, Some(clinic))
        .await?
        .into_iter()
        .filter(|l| l.item_id == item)
        .map(|l| Lot {
            lot: l.lot,
            expires_on: l.expires_on.map(day_of),
            quantity: l.quantity,
        })
        .collect())
}

/// Reads the GS1 scan of a receipt, if one was given; what cannot be read is refused naming
/// what and where.
fn read_scan(kind: &str, raw: &Option<String>, today: Day) -> Result<Option<Scan>, AppError> {
    // A scan field holds control characters (GS) that `line` refuses: only its length is
    // bounded here, the reader checks every character.
    let Some(raw) = raw.as_deref().filter(|r| !r.trim().is_empty()) else {
        return Ok(None);
    };
    if kind != "receipt" {
        return Err(ValidationError::new("gs1", "gs1-receipt-only").into());
    }
    if raw.chars().count() > MAX_SCAN_CHARS {
        return Err(ValidationError::new("gs1", "too-long").into());
    }
    let scan = gs1::parse(raw, today).map_err(|e| AppError::Unreadable {
        field: "gs1",
        code: e.code(),
        args: e.args(),
    })?;
    if scan.gtin.is_none() {
        return Err(ValidationError::new("gs1", "gs1-no-gtin").into());
    }
    Ok(Some(scan))
}

/// The longest scan read: a GS1 DataMatrix holds at most 3,116 digits, a GS1-128 48 characters;
/// what a receipt needs is far shorter.
const MAX_SCAN_CHARS: usize = 500;

/// The catalogue item a scan's GTIN names; an unknown GTIN, or one that more than one item
/// carries, is refused naming the GTIN.
async fn item_of_gtin(conn: &mut AnyConnection, scan: &Scan) -> Result<i64, AppError> {
    let gtin = scan.gtin.clone().unwrap_or_default();
    let items: Vec<i64> = store::list_items(conn)
        .await?
        .into_iter()
        .filter(|i| i.gtin.as_deref() == Some(gtin.as_str()))
        .map(|i| i.id)
        .collect();
    match items[..] {
        [one] => Ok(one),
        [] => Err(AppError::Unreadable {
            field: "gs1",
            code: "gs1-unknown-gtin",
            args: vec![("gtin", gtin)],
        }),
        _ => Err(AppError::Unreadable {
            field: "gs1",
            code: "gs1-ambiguous-gtin",
            args: vec![("gtin", gtin)],
        }),
    }
}

impl App {
    /// Records a movement in the clinic's ledger; returns the rows written (an issue may take
    /// several lots). Not enough usable stock, or a lot that does not hold what is written
    /// off, is a `Conflict` and nothing is written.
    pub async fn record_movement(
        &self,
        actor: &Actor,
        clinic: OrgId,
        input: &MovementInput,
    ) -> Result<Vec<Movement>, AppError> {
        require_own_clinic(actor, clinic)?;
        let kind = text(&input.kind).unwrap_or("");
        if !store::KINDS.contains(&kind) {
            return Err(ValidationError::new("kind", "invalid-choice").into());
        }
        let today = day_of(self.now());
        let scan = read_scan(kind, &input.gs1, today)?;
        // A scan names the item by its GTIN (looked up below); otherwise the form names it.
        let item_field = match &scan {
            Some(_) => None,
            None => Some(id("item_id", &input.item_id)?),
        };
        let happened = day_field("happened_on", &input.happened_on)?.unwrap_or(today);
        if happened > today {
            return Err(ValidationError::new("happened_on", "in-future").into());
        }
        let reference = line("reference", &input.reference, 200)?;
        let mut lot = line("lot", &input.lot, 60)?;
        let mut expires = day_field("expires_on", &input.expires_on)?;
        let qty = match scan.as_ref().and_then(|s| s.count) {
            Some(count) if (1..=MAX_QUANTITY).contains(&count) => count,
            Some(_) => return Err(ValidationError::new("gs1", "invalid-quantity").into()),
            None => quantity(
                "quantity",
                &input.quantity,
                if kind == "count" { 0 } else { 1 },
            )?,
        };
        if let Some(s) = &scan {
            lot = s.lot.clone().or(lot);
            expires = s.expiry.or(expires);
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let item_id = match (&scan, item_field) {
            (Some(s), _) => item_of_gtin(&mut tx, s).await?,
            (None, item_id) => {
                let item_id = item_id.unwrap_or_default();
                store::get_item(&mut tx, item_id)
                    .await
                    .map_err(|_| ValidationError::new("item_id", "invalid-choice"))?;
                item_id
            }
        };
        let lots = item_lots(&mut tx, clinic, item_id).await?;
        // (lot, expiry, signed quantity) rows to write.
        let rows: Vec<(String, Option<i64>, i64)> = match kind {
            "receipt" => {
                let lot = lot.ok_or(ValidationError::new("lot", "required"))?;
                // A lot keeps the expiry it was first received with.
                let expiry = match lots.iter().find(|l| l.lot == lot) {
                    Some(known) if expires.is_some() && known.expires_on != expires => {
                        return Err(ValidationError::new("expires_on", "lot-expiry-differs").into());
                    }
                    Some(known) => known.expires_on,
                    None => expires,
                };
                if expiry.is_some_and(|e| e < today) {
                    return Err(ValidationError::new("expires_on", "expired").into());
                }
                vec![(lot, expiry, qty)]
            }
            "issue" => {
                let picks = fefo::pick(&lots, qty, today)
                    .map_err(|_| AppError::Conflict("insufficient-stock"))?;
                picks
                    .into_iter()
                    .map(|p| {
                        let l = &lots[p.index];
                        (l.lot.clone(), l.expires_on, -p.quantity)
                    })
                    .collect()
            }
            "count" => {
                let lot = lot.ok_or(ValidationError::new("lot", "required"))?;
                let known = lots
                    .iter()
                    .find(|l| l.lot == lot)
                    .ok_or(ValidationError::new("lot", "unknown-lot"))?;
                vec![(lot.clone(), known.expires_on, qty - known.quantity)]
            }
            _ => {
                let lot = lot.ok_or(ValidationError::new("lot", "required"))?;
                let known = lots
                    .iter()
                    .find(|l| l.lot == lot)
                    .ok_or(ValidationError::new("lot", "unknown-lot"))?;
                if qty > known.quantity {
                    return Err(AppError::Conflict("insufficient-stock"));
                }
                vec![(lot.clone(), known.expires_on, -qty)]
            }
        };
        let mut written = Vec::with_capacity(rows.len());
        for (lot, expiry, q) in &rows {
            written.push(
                store::append_movement(
                    &mut tx,
                    &NewMovement {
                        org_id: clinic,
                        item_id,
                        lot,
                        expires_on: expiry.map(unix_of),
                        kind,
                        quantity: *q,
                        happened_on: unix_of(happened),
                        reference: reference.as_deref(),
                        actor: Some(actor.id()),
                    },
                    now,
                )
                .await?,
            );
        }
        audit::append(
            &mut tx,
            &actor
                .audit("create", "stock_movement", written[0].id, Some(clinic))
                .with_after(json!({
                    "kind": kind,
                    "item_id": item_id,
                    // What the scan carried, serial (21) and all, for tracing a unit back.
                    "gs1": scan.as_ref().map(|s| s.elements.iter().map(|(ai, v)| json!({
                        "ai": ai, "value": v,
                    })).collect::<Vec<_>>()),
                    "happened_on": unix_of(happened),
                    "rows": written.iter().map(|m| json!({
                        "id": m.id, "lot": m.lot, "quantity": m.quantity,
                    })).collect::<Vec<_>>(),
                })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(written)
    }

    /// Sets the clinic's census of a day (patients in beds).
    pub async fn record_census(
        &self,
        actor: &Actor,
        clinic: OrgId,
        input: &CensusInput,
    ) -> Result<(), AppError> {
        require_own_clinic(actor, clinic)?;
        let today = day_of(self.now());
        let day = day_field("day", &input.day)?.unwrap_or(today);
        if day > today {
            return Err(ValidationError::new("day", "in-future").into());
        }
        let patients = quantity("patients", &input.patients, 0)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::set_census(&mut tx, clinic, unix_of(day), patients, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "census", unix_of(day), Some(clinic))
                .with_after(json!({ "day": unix_of(day), "patients": patients })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
