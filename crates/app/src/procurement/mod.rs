//! Pooled procurement of protective equipment for the region's clinics: stock by lot and
//! expiry (an append-only ledger), consumption and days of supply, reorder suggestions that
//! know the transport mode's lead time, pooled orders to a supplier abroad, and the fair
//! allocation of a short shipment or a donation. The arithmetic is the pure engine
//! `standort_procurement`; this module loads, authorises, calls it and writes.
//!
//! Permissions come from [`policy`](crate::policy): a clinic buyer sees and records only their
//! own clinic's stock, census and order lines, and only their own share of an allocation
//! (anything else answers `NotFound`); agency staff see every clinic's and coordinate the
//! catalogue, pooled orders and allocations. Every write is audited in its transaction.
//!
//! One file per entity or use case, each adding its methods to [`App`](crate::App): `items`
//! (catalogue), `stock` (movements and census), `supply` (days of supply, reorder suggestions,
//! the dashboard card), `orders` (pooled orders and their lines), `allocations` (fair
//! splits), `demo`.

mod allocations;
mod demo;
mod items;
mod orders;
pub(crate) mod reminders;
mod stock;
mod supply;

pub use allocations::{AllocationInput, AllocationView};
pub use demo::load_procurement_demo;
pub use items::{CATEGORIES, ItemInput};
pub use orders::{LineInput, OrderInput, OrderView};
pub use reminders::{EXPIRY_STAGES, ROUND_DAYS};
pub use stock::{CensusInput, MovementInput};
pub use supply::{
    ClinicQuery, ClinicSort, ClinicSummary, ClinicSupply, ItemSupply, LotView, SupplyLine,
    SupplyState,
};
pub(crate) use supply::{SupplyCache, dashboard};

pub use standort_procurement::{Rule, TransportMode};

use standort_domain::ValidationError;
use standort_procurement::Day;

use crate::AppError;

/// Days of history the burn rate is averaged over.
pub const WINDOW_DAYS: i64 = 90;
/// Days of supply a delivery or an allocation should bring a clinic up to.
pub const TARGET_DAYS: f64 = 30.0;
/// Probability of not running out during a lead time (safety stock).
pub const SERVICE_LEVEL: f64 = 0.95;
/// Below this many days of supply an item is critical.
pub const CRITICAL_DAYS: f64 = 14.0;
/// Lots expiring within this many days are flagged as short-dated.
pub const SHORT_DATED_DAYS: i64 = 90;
/// The largest quantity one entry may carry (units), so a typo cannot book a billion masks.
pub const MAX_QUANTITY: i64 = 10_000_000;

const DAY: i64 = 86_400;

/// Unix seconds → engine day.
fn day_of(unix: i64) -> Day {
    unix.div_euclid(DAY)
}

/// Engine day → Unix seconds at 00:00 UTC.
fn unix_of(day: Day) -> i64 {
    day * DAY
}

/// `YYYY-MM-DD` of an engine day.
pub fn format_day(day: Day) -> String {
    standort_domain::date::format_date(unix_of(day))
}

/// Whole packs that hold `units` (rounded up).
fn packs_for(units: i64, pack_size: i64) -> i64 {
    let pack = pack_size.max(1);
    (units.max(0) + pack - 1) / pack
}

use crate::filled as text;

fn line(field: &'static str, s: &Option<String>, max: usize) -> Result<Option<String>, AppError> {
    Ok(standort_domain::optional_line(field, s.as_deref(), max)?)
}

fn required_line(field: &'static str, s: &Option<String>, max: usize) -> Result<String, AppError> {
    line(field, s, max)?.ok_or_else(|| ValidationError::new(field, "required").into())
}

/// A whole number in `min..=MAX_QUANTITY` (thousands separators `.`/`,`/space allowed).
fn quantity(field: &'static str, s: &Option<String>, min: i64) -> Result<i64, AppError> {
    let v = text(s).ok_or(ValidationError::new(field, "required"))?;
    let digits: String = v
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' '))
        .collect();
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=MAX_QUANTITY).contains(n))
        .ok_or_else(|| ValidationError::new(field, "invalid-quantity").into())
}

/// An id from a form field.
fn id(field: &'static str, s: &Option<String>) -> Result<i64, AppError> {
    text(s)
        .ok_or(ValidationError::new(field, "required"))?
        .parse()
        .map_err(|_| ValidationError::new(field, "invalid-choice").into())
}

fn day_field(field: &'static str, s: &Option<String>) -> Result<Option<Day>, AppError> {
    Ok(standort_domain::date::parse_date(field, s)?.map(day_of))
}

fn mode(s: Option<&str>) -> Result<TransportMode, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(TransportMode::Air),
        Some(m) => TransportMode::parse(m)
            .ok_or_else(|| ValidationError::new("transport_mode", "invalid-choice").into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_whole_and_bounded() {
        let q = |s: &str| quantity("quantity", &Some(s.into()), 1);
        assert_eq!(q("100.000").unwrap(), 100_000);
        assert_eq!(q(" 2 500 ").unwrap(), 2_500);
        assert!(q("0").is_err());
        assert!(q("-3").is_err());
        assert!(q("1,5e3").is_err());
        assert!(q("99999999999").is_err());
        assert!(quantity("quantity", &None, 0).is_err());
        assert_eq!(mode(Some("sea")).unwrap(), TransportMode::Sea);
        assert!(mode(Some("ship")).is_err());
    }
}
