//! First expiry, first out: which lots an issue takes from.
//!
//! Lots are taken in order of expiry (a lot without expiry last), then by lot number. A lot
//! that has expired (its expiry day is before today) is never taken; a lot expiring within
//! the short-dated window is flagged.

use serde::Serialize;

use crate::Day;

/// Stock of one lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lot {
    pub lot: String,
    /// Last day of use (`None`: does not expire, e.g. goggles).
    pub expires_on: Option<Day>,
    pub quantity: i64,
}

impl Lot {
    /// Expired: the last day of use has passed.
    pub fn expired(&self, today: Day) -> bool {
        self.expires_on.is_some_and(|e| e < today)
    }

    /// Expires within `days` from today (and has not expired yet).
    pub fn short_dated(&self, today: Day, days: i64) -> bool {
        !self.expired(today) && self.expires_on.is_some_and(|e| e <= today + days)
    }
}

/// Units taken from one lot (by its index in the slice given to [`pick`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pick {
    pub index: usize,
    pub quantity: i64,
}

/// Not enough usable stock: what there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Short {
    pub usable: i64,
}

/// Usable (not expired) units of `lots`.
pub fn usable(lots: &[Lot], today: Day) -> i64 {
    lots.iter()
        .filter(|l| !l.expired(today))
        .map(|l| l.quantity.max(0))
        .sum()
}

/// The lots to take `quantity` units from, first expiry first; all or nothing.
pub fn pick(lots: &[Lot], quantity: i64, today: Day) -> Result<Vec<Pick>, Short> {
    let have = usable(lots, today);
    if quantity > have {
        return Err(Short { usable: have });
    }
    let mut order: Vec<usize> = (0..lots.len())
        .filter(|&i| !lots[i].expired(today) && lots[i].quantity > 0)
        .collect();
    order.sort_by(|&a, &b| {
        let key = |l: &Lot| (l.expires_on.unwrap_or(Day::MAX), l.lot.clone());
        key(&lots[a]).cmp(&key(&lots[b])).then(a.cmp(&b))
    });
    let mut left = quantity.max(0);
    let mut out = Vec::new();
    for i in order {
        if left == 0 {
            break;
        }
        let take = left.min(lots[i].quantity);
        out.push(Pick {
            index: i,
            quantity: take,
        });
        left -= take;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lot(name: &str, expires_on: Option<Day>, quantity: i64) -> Lot {
        Lot {
            lot: name.into(),
            expires_on,
            quantity,
        }
    }

    #[test]
    fn takes_the_earliest_expiry_first_and_never_an_expired_lot() {
        let lots = [
            lot("C", None, 100),
            lot("B", Some(200), 30),
            lot("OLD", Some(99), 500),
            lot("A", Some(150), 20),
        ];
        let p = pick(&lots, 60, 100).unwrap();
        assert_eq!(
            p,
            vec![
                Pick {
                    index: 3,
                    quantity: 20
                },
                Pick {
                    index: 1,
                    quantity: 30
                },
                Pick {
                    index: 0,
                    quantity: 10
                },
            ]
        );
        assert_eq!(pick(&lots, 151, 100), Err(Short { usable: 150 }));
        assert!(lots[2].expired(100));
        assert!(lots[3].short_dated(100, 90));
        assert!(!lots[0].short_dated(100, 90));
    }

    proptest! {
        #[test]
        fn picks_sum_to_the_quantity_and_respect_lots(
            qs in proptest::collection::vec((0i64..500, proptest::option::of(0i64..400)), 0..8),
            want in 0i64..2_000, today in 0i64..400,
        ) {
            let lots: Vec<Lot> = qs.iter().enumerate()
                .map(|(i, (q, e))| lot(&format!("L{i}"), *e, *q)).collect();
            match pick(&lots, want, today) {
                Ok(p) => {
                    prop_assert_eq!(p.iter().map(|x| x.quantity).sum::<i64>(), want);
                    for x in &p {
                        prop_assert!(!lots[x.index].expired(today));
                        prop_assert!(x.quantity <= lots[x.index].quantity && x.quantity > 0);
                    }
                    // Earlier expiries are emptied before later ones are touched.
                    for w in p.windows(2) {
                        prop_assert_eq!(w[0].quantity, lots[w[0].index].quantity);
                    }
                }
                Err(Short { usable: u }) => prop_assert!(u < want),
            }
        }
    }
}
