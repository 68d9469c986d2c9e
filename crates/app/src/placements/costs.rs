//! Costs of a recruitment; a non-zero amount borne by the candidate is flagged (the
//! fair-recruitment rule).

use serde::Deserialize;
use serde_json::json;
use standort_domain::ValidationError;
use standort_store::audit;
use standort_store::placements::{self as store, CostRecord, NewCost};

use super::{bounded, day_field, text, unix_of};
use crate::{Actor, App, AppError};

/// A cost as it arrives from a form or JSON: amount as a decimal (`1500`, `75.50`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CostInput {
    pub incurred_on: Option<String>,
    pub purpose: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    /// `candidate`, `employer`, `agency` or `programme`.
    pub borne_by: Option<String>,
}

pub const BORNE_BY: [&str; 4] = ["candidate", "employer", "agency", "programme"];

/// "1.500,50" / "1500.5" / "75" → cents.
fn parse_amount(s: &Option<String>) -> Result<i64, AppError> {
    let bad = || AppError::from(ValidationError::new("amount", "invalid-amount"));
    let v = text(s).ok_or(ValidationError::new("amount", "required"))?;
    let v = v.replace([' ', '€'], "");
    // The last ',' or '.' followed by one or two digits is the decimal mark.
    let (int, frac) = match v.rfind([',', '.']) {
        Some(i) if v.len() - i - 1 <= 2 && v.len() - i > 1 => (&v[..i], &v[i + 1..]),
        _ => (v.as_str(), ""),
    };
    let int: String = int.chars().filter(|c| *c != '.' && *c != ',').collect();
    if int.is_empty() && frac.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || int.len() > 12
    {
        return Err(bad());
    }
    let units: i64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| bad())?
    };
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
        _ => frac.parse().map_err(|_| bad())?,
    };
    Ok(units * 100 + cents)
}

impl App {
    /// Records a cost of the recruitment; a non-zero amount borne by the candidate is flagged
    /// wherever costs are shown.
    pub async fn add_cost(
        &self,
        actor: &Actor,
        placement: i64,
        input: &CostInput,
    ) -> Result<CostRecord, AppError> {
        let purpose = bounded("purpose", &input.purpose, 200)?
            .ok_or(ValidationError::new("purpose", "required"))?;
        let amount_cents = parse_amount(&input.amount)?;
        let currency = text(&input.currency).unwrap_or("EUR").to_ascii_uppercase();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ValidationError::new("currency", "invalid-currency").into());
        }
        let borne_by = text(&input.borne_by).unwrap_or("");
        if !BORNE_BY.contains(&borne_by) {
            return Err(ValidationError::new("borne_by", "invalid-choice").into());
        }
        let incurred = day_field("incurred_on", &input.incurred_on)?.unwrap_or(self.today());
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        self.managed_placement(&mut tx, actor, placement).await?;
        let cost = store::add_cost(
            &mut tx,
            &NewCost {
                placement_id: placement,
                incurred_on: unix_of(incurred),
                purpose: &purpose,
                amount_cents,
                currency: &currency,
                borne_by,
                actor: Some(actor.id()),
            },
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "placement_cost", placement, None)
                // The purpose is free text and may name the person: the append-only log keeps
                // the figures and the field's name only (what an erasure must not leave behind).
                .with_after(json!({
                    "cost_id": cost.id,
                    "incurred_on": cost.incurred_on,
                    "amount_cents": cost.amount_cents,
                    "currency": cost.currency,
                    "borne_by": cost.borne_by,
                    "fields": ["purpose"],
                })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(cost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_in_german_and_english_notation() {
        let a = |s: &str| parse_amount(&Some(s.into()));
        assert_eq!(a("1500").unwrap(), 150_000);
        assert_eq!(a("1.500,50").unwrap(), 150_050);
        assert_eq!(a("1,500.5").unwrap(), 150_050);
        assert_eq!(a("75,5 €").unwrap(), 7_550);
        assert_eq!(a("0").unwrap(), 0);
        assert!(a("-5").is_err());
        assert!(a("zwölf").is_err());
        assert!(parse_amount(&None).is_err());
    }
}
