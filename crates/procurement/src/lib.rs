//! Pure engine of pooled procurement of protective equipment: no IO, no clock; randomness only
//! in the simulation, from a seed passed in.
//! Days are whole days since the Unix epoch ([`Day`]); quantities are whole units (pieces).
//!
//! - [`supply`]: burn rate per day and per patient-day from the daily use and census (the
//!   arithmetic of the CDC/NIOSH PPE Burn Rate Calculator), days of supply, stock-out day,
//!   what-if scenarios.
//! - [`reorder`]: lead time per transport mode with its spread, safety stock for a service
//!   level, reorder point and a suggested quantity in whole packs, explained with its numbers.
//! - [`fefo`]: first-expiry-first-out picking from lots; expired lots are never picked.
//! - [`gs1`]: GS1 element strings as scanners type them (GTIN, lot, expiry, serial, count).
//! - [`allocate`]: a fair split of a short shipment or donation among clinics, in whole packs,
//!   never more than requested, monotone in the amount available.
//! - [`simulate`]: years of daily use with an outbreak, reordered by Standort's suggestion or
//!   by Open mSupply's min/max in months of stock at the same average stock (behind
//!   `standort bench supply`).

pub mod allocate;
pub mod fefo;
pub mod gs1;
pub mod gtin;
pub mod reorder;
pub mod simulate;
pub mod supply;

pub use allocate::{Claim, Rule, Share, allocate};
pub use fefo::{Lot, Pick, Short};
pub use reorder::{LeadTime, ReorderInput, Suggestion, TransportMode, suggest};
pub use supply::{
    BurnRate, Census, Scenario, Usage, UsageTotals, burn_rate, burn_rate_from_totals,
    days_of_supply, stockout_day,
};

/// Whole days since 1970-01-01 (UTC).
pub type Day = i64;
