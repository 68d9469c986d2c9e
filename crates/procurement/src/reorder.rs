//! Reorder point and suggested quantity that know the lead time of the transport mode.
//!
//! With average daily use `d`, its standard deviation `σd`, mean lead time `L` and its spread
//! (standard deviation) `σL`, and `z` the standard normal quantile of the service level:
//!
//! - safety stock `SS = z · √(L·σd² + d²·σL²)` (demand and lead time both vary);
//! - reorder point `ROP = d·L + SS`: order when stock plus what is on order falls to it;
//! - order-up-to level `S = d·(L + target days) + SS`: after the delivery, the stock should last
//!   the target days on top of the safety stock;
//! - suggested quantity `S − (stock + on order)`, rounded up to whole packs and to at least
//!   the minimum order quantity — only when the position is at or below the reorder point.

use serde::Serialize;

/// How a delivery travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TransportMode {
    Air,
    Sea,
    Rail,
    Road,
}

impl TransportMode {
    pub const ALL: [TransportMode; 4] = [
        TransportMode::Air,
        TransportMode::Sea,
        TransportMode::Rail,
        TransportMode::Road,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TransportMode::Air => "air",
            TransportMode::Sea => "sea",
            TransportMode::Rail => "rail",
            TransportMode::Road => "road",
        }
    }

    pub fn parse(s: &str) -> Option<TransportMode> {
        TransportMode::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// Door-to-door lead time from Vietnam to the region, order to receipt at the hub
    /// (customs included): the defaults used when a supplier article gives none.
    pub fn default_lead(self) -> LeadTime {
        match self {
            TransportMode::Air => LeadTime {
                mean_days: 10.0,
                spread_days: 3.0,
            },
            TransportMode::Sea => LeadTime {
                mean_days: 55.0,
                spread_days: 12.0,
            },
            TransportMode::Rail => LeadTime {
                mean_days: 35.0,
                spread_days: 7.0,
            },
            TransportMode::Road => LeadTime {
                mean_days: 5.0,
                spread_days: 2.0,
            },
        }
    }
}

/// A lead time: mean and spread (standard deviation), in days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LeadTime {
    pub mean_days: f64,
    pub spread_days: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReorderInput {
    /// Usable stock now (units).
    pub stock: i64,
    /// Ordered and not yet received (units).
    pub on_order: i64,
    /// Average daily use and its standard deviation.
    pub per_day: f64,
    pub sd_per_day: f64,
    pub lead: LeadTime,
    /// Probability of not running out during a lead time, 0.5 ≤ level < 1 (e.g. 0.95).
    pub service_level: f64,
    /// Days of supply a delivery should bring the stock up to (after the safety stock).
    pub target_days: f64,
    /// Units per pack (≥ 1) and minimum order quantity in units.
    pub pack_size: i64,
    pub min_order: i64,
}

/// A suggestion with every number it was made from, so it can be explained in words.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Suggestion {
    /// The service level's standard normal quantile.
    pub z: f64,
    /// Expected use during the lead time (d·L).
    pub lead_demand: f64,
    pub safety_stock: i64,
    pub reorder_point: i64,
    pub order_up_to: i64,
    /// Stock plus on order.
    pub position: i64,
    /// Whether the position is at or below the reorder point.
    pub reorder: bool,
    /// Suggested units (whole packs, at least the minimum order), 0 when no order is due.
    pub quantity: i64,
    pub packs: i64,
}

/// The reorder suggestion for one clinic and item.
pub fn suggest(i: &ReorderInput) -> Suggestion {
    let z = normal_quantile(i.service_level.clamp(0.5, 0.9999));
    let d = i.per_day.max(0.0);
    let sd = i.sd_per_day.max(0.0);
    let l = i.lead.mean_days.max(0.0);
    let sl = i.lead.spread_days.max(0.0);
    let safety = z * (l * sd * sd + d * d * sl * sl).sqrt();
    let lead_demand = d * l;
    let reorder_point = (lead_demand + safety).ceil() as i64;
    let order_up_to = (d * (l + i.target_days.max(0.0)) + safety).ceil() as i64;
    let position = i.stock.max(0) + i.on_order.max(0);
    let reorder = d > 0.0 && position <= reorder_point;
    let pack = i.pack_size.max(1);
    let (quantity, packs) = if reorder {
        let want = (order_up_to - position).max(i.min_order.max(0)).max(1);
        let packs = (want + pack - 1) / pack;
        (packs * pack, packs)
    } else {
        (0, 0)
    };
    Suggestion {
        z,
        lead_demand,
        safety_stock: safety.ceil() as i64,
        reorder_point,
        order_up_to,
        position,
        reorder,
        quantity,
        packs,
    }
}

/// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(stock: i64, mode: TransportMode) -> ReorderInput {
        ReorderInput {
            stock,
            on_order: 0,
            per_day: 100.0,
            sd_per_day: 20.0,
            lead: mode.default_lead(),
            service_level: 0.95,
            target_days: 30.0,
            pack_size: 50,
            min_order: 1000,
        }
    }

    #[test]
    fn quantiles_match_the_table() {
        assert!(normal_quantile(0.5).abs() < 1e-9);
        assert!((normal_quantile(0.95) - 1.644_853_6).abs() < 1e-6);
        assert!((normal_quantile(0.99) - 2.326_347_9).abs() < 1e-6);
        assert!((normal_quantile(0.001) + 3.090_232_3).abs() < 1e-6);
    }

    #[test]
    fn air_freight_reorder_point_by_hand() {
        // d = 100, σd = 20, L = 10, σL = 3, z = 1.645:
        // SS = 1.645 · √(10·400 + 10000·9) = 1.645 · √94000 = 504.3 → 505;
        // ROP = 1000 + 504.3 = 1504.3 → 1505; S = 100·40 + 504.3 → 4505.
        let s = suggest(&input(1200, TransportMode::Air));
        assert_eq!(s.safety_stock, 505);
        assert_eq!(s.reorder_point, 1505);
        assert_eq!(s.order_up_to, 4505);
        assert!(s.reorder);
        // 4505 − 1200 = 3305 → 67 packs of 50.
        assert_eq!((s.quantity, s.packs), (3350, 67));
        // Enough stock: no order.
        let s = suggest(&input(3000, TransportMode::Air));
        assert!(!s.reorder);
        assert_eq!(s.quantity, 0);
    }

    #[test]
    fn sea_freight_needs_a_higher_reorder_point_than_air() {
        let air = suggest(&input(0, TransportMode::Air));
        let sea = suggest(&input(0, TransportMode::Sea));
        assert!(sea.reorder_point > air.reorder_point);
        assert!(sea.safety_stock > air.safety_stock);
        // The minimum order quantity is respected.
        let mut small = input(700, TransportMode::Road);
        small.target_days = 0.0;
        small.sd_per_day = 0.0;
        let s = suggest(&small);
        assert!(s.reorder);
        assert_eq!(s.quantity, 1000);
    }

    proptest! {
        #[test]
        fn quantities_are_whole_packs_and_cover_the_target(
            stock in 0i64..100_000, on_order in 0i64..10_000, per_day in 0.0f64..5_000.0,
            sd in 0.0f64..1_000.0, pack in 1i64..500, moq in 0i64..5_000,
            level in 0.5f64..0.999, target in 0.0f64..120.0, mode in 0usize..4,
        ) {
            let s = suggest(&ReorderInput {
                stock, on_order, per_day, sd_per_day: sd,
                lead: TransportMode::ALL[mode].default_lead(),
                service_level: level, target_days: target, pack_size: pack, min_order: moq,
            });
            prop_assert_eq!(s.quantity % pack, 0);
            prop_assert!(s.safety_stock >= 0);
            prop_assert!(s.reorder_point <= s.order_up_to);
            if s.reorder {
                prop_assert!(s.quantity >= moq);
                prop_assert!(s.position + s.quantity >= s.order_up_to);
            } else {
                prop_assert_eq!(s.quantity, 0);
            }
        }
    }
}
