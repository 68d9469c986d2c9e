//! A supply simulation behind `standort bench supply`: clinics use protective equipment day by
//! day for years, with an outbreak surge, and reorder by one of two policies — Standort's
//! suggestion ([`crate::reorder::suggest`], the engine the pages use) or Open mSupply's fixed
//! min/max in months of stock ([`min_max_quantity`]). Deterministic for a seed; time and
//! randomness are simulated, nothing is read from the outside.
//!
//! **The region** ([`World::new`]): `clinics` clinics with beds log-uniform between 60 and 1,400,
//! `items` items with a use per patient-day log-uniform between 0.02 (face shields) and 12
//! (gloves), a pack size, a minimum order of 1–5 packs and a transport mode (air 35 %, sea 35 %,
//! rail 15 %, road 15 %; lead times [`TransportMode::default_lead`]). Each clinic's census is
//! its beds × an occupancy of 82 % with a winter peak (±6 %) and daily noise (2 %); each
//! clinic-item's use is census × use per patient-day × a practice factor (0.7–1.3) × the
//! outbreak factor, with noise (standard deviation `√(m + (0.25·m)²)` for a mean `m`: counting
//! noise plus 25 % day-to-day variation), rounded to whole units. The outbreak multiplies the
//! use per patient by `factor` (default ×3) for `plateau_days` (default six weeks), reached and
//! left over `ramp_days` (a week) each, starting at a clinic-specific day within
//! `stagger_days` of `start`. Every clinic-item's demand is drawn once, so both policies face
//! the same days.
//!
//! **A day** (for each clinic and item): deliveries due that day arrive; on a review day
//! (every `review_days`, the same cycle for both policies) the policy may order, and the order
//! arrives after a lead time drawn from the item's transport mode (normal with the mode's
//! mean and spread, rounded, at least one day; drawn from a hash of the clinic, item and day,
//! so an order placed on the same day takes as long under either policy); then the day's
//! demand is issued from stock as far as it goes. A day whose demand is not met in full is a
//! **stock-out day**; unmet demand is lost (a ward that has no gloves does not use them
//! later). Both policies see only what was issued — like a real ledger, a stock-out hides the
//! demand behind it — over the last [`WINDOW_DAYS`] days (Standort's burn-rate window and Open
//! mSupply's default AMC look-back of 3 months × 30 days), starting with a history of that
//! many days of unconstrained use. Expiry is not simulated (PPE keeps 3–5 years).
//!
//! **Average stock** is measured in days of the clinic-item's expected use without the
//! outbreak (end-of-day stock ÷ base use, averaged over days, then over clinic-items), so a
//! box of gloves and a gown weigh alike.
//!
//! **At the same average stock** ([`compare`]): Standort's policy runs at the service level and
//! target days given (the app's 95 % and 30 days); then, for each gap between max and min in
//! [`GAPS`], the min months are bisected until the min/max policy holds **at least** the same
//! average stock, and the min/max pair with the fewest stock-out days among them is the one
//! compared — the best fixed min/max at no less stock than Standort's.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::reorder::{LeadTime, ReorderInput, TransportMode, suggest};
use crate::supply::{UsageTotals, burn_rate_from_totals};

/// Days of use both policies look back on.
pub const WINDOW_DAYS: usize = 90;
/// Days per month in Open mSupply's months of stock (`NUMBER_OF_DAYS_IN_A_MONTH`).
pub const DAYS_PER_MONTH: f64 = 30.0;
/// The gaps between max and min months of stock the calibration tries.
pub const GAPS: [f64; 6] = [0.25, 0.5, 1.0, 1.5, 2.0, 3.0];

/// The surge of an outbreak.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outbreak {
    /// Day (from the start of the simulation) the first clinic's surge begins.
    pub start: usize,
    /// Each clinic's surge begins within this many days after `start`.
    pub stagger_days: usize,
    /// Days to reach the full factor, and to leave it.
    pub ramp_days: usize,
    /// Days at the full factor.
    pub plateau_days: usize,
    /// Use per patient-day at the peak, relative to normal.
    pub factor: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Config {
    pub clinics: usize,
    pub items: usize,
    /// Simulated days (after the history of [`WINDOW_DAYS`]).
    pub days: usize,
    pub seed: u64,
    pub outbreak: Outbreak,
    /// Days between two reviews (both policies).
    pub review_days: usize,
    /// Stock on the first day, in days of base use (both policies).
    pub opening_days: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            clinics: 50,
            items: 40,
            days: 1095,
            seed: 20261204,
            outbreak: Outbreak {
                start: 540,
                stagger_days: 14,
                ramp_days: 7,
                plateau_days: 42,
                factor: 3.0,
            },
            review_days: 7,
            opening_days: 45.0,
        }
    }
}

/// One item of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ItemSpec {
    /// Units per patient-day on a normal day.
    pub rate: f64,
    pub pack_size: i64,
    /// Minimum order (units, whole packs).
    pub min_order: i64,
    pub mode: TransportMode,
}

/// One clinic.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClinicSpec {
    pub beds: f64,
    /// The day its outbreak surge begins.
    pub outbreak_start: usize,
}

/// The synthetic region with every clinic-item's daily demand, drawn once from the seed.
#[derive(Debug, Clone)]
pub struct World {
    pub config: Config,
    pub clinics: Vec<ClinicSpec>,
    pub items: Vec<ItemSpec>,
    /// Per clinic: patients in beds per day, the history of [`WINDOW_DAYS`] first.
    census: Vec<Vec<u32>>,
    /// Per clinic-item (clinic-major): demand per day, the history first.
    demand: Vec<Vec<u32>>,
    /// Per clinic-item: expected daily use without the outbreak.
    base: Vec<f64>,
}

/// How a clinic reorders.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "policy", rename_all = "snake_case")]
pub enum Policy {
    /// Standort's suggestion ([`suggest`]) from the burn rate and the transport mode's lead time.
    Suggested {
        service_level: f64,
        target_days: f64,
    },
    /// Open mSupply's min/max in months of stock ([`min_max_quantity`]).
    MinMax { min_months: f64, max_months: f64 },
}

/// What a policy achieved over all clinic-items.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Outcome {
    /// Clinic-item-days whose demand was not met in full.
    pub stockout_days: u64,
    /// Of those, the days within a clinic's outbreak surge.
    pub outbreak_stockout_days: u64,
    /// Clinic-item-days simulated.
    pub clinic_item_days: u64,
    /// Average end-of-day stock in days of base use (see the module's notes).
    pub avg_stock_days: f64,
    pub demand: u64,
    pub unmet: u64,
    pub orders: u64,
}

impl Outcome {
    /// Share of the demand met from stock.
    pub fn fill_rate(&self) -> f64 {
        if self.demand == 0 {
            1.0
        } else {
            1.0 - self.unmet as f64 / self.demand as f64
        }
    }
}

/// One order, for tracing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Order {
    pub placed: usize,
    pub arrives: usize,
    pub quantity: i64,
    /// Stock plus on order when it was placed (before it).
    pub position: i64,
    /// Average daily use over the window when it was placed.
    pub per_day: f64,
}

/// Every day of one clinic-item under one policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Trace {
    /// Stock after each day's deliveries (before use).
    pub morning: Vec<i64>,
    /// Stock at the end of each day.
    pub stock: Vec<i64>,
    pub demand: Vec<i64>,
    pub issued: Vec<i64>,
    /// Units received each day.
    pub received: Vec<i64>,
    pub orders: Vec<Order>,
}

/// Open mSupply's suggested quantity (`generate_suggested_quantity` in
/// `server/service/src/requisition/request_requisition/generate.rs` of
/// msupply-foundation/open-msupply): with the average monthly consumption `amc` and months of
/// stock `mos = stock ÷ amc`, nothing when `amc` is 0 or `mos > min`; otherwise
/// `(max − mos) · amc`, rounded up. Here `stock` is the position (stock on hand plus what
/// is on order — see BENCHMARKS.md for why), and the quantity is rounded up to whole packs and
/// to at least the minimum order, as Standort's suggestion is.
pub fn min_max_quantity(
    amc: f64,
    position: i64,
    min_months: f64,
    max_months: f64,
    pack_size: i64,
    min_order: i64,
) -> i64 {
    if amc <= 0.0 {
        return 0;
    }
    let mos = position.max(0) as f64 / amc;
    if max_months <= 0.0 || mos > min_months {
        return 0;
    }
    let want = ((max_months - mos) * amc).ceil() as i64;
    if want <= 0 {
        return 0;
    }
    let pack = pack_size.max(1);
    let want = want.max(min_order.max(0));
    (want + pack - 1) / pack * pack
}

/// SplitMix64: a well-mixed hash of a counter.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A standard normal draw from a generator (Box–Muller).
fn normal(rng: &mut impl Rng) -> f64 {
    let u1: f64 = rng.r#gen::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.r#gen();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// The lead time of an order placed on `day` for clinic-item `pair`: the same under either
/// policy, at least one day.
pub fn lead_days(seed: u64, pair: usize, day: usize, lead: LeadTime) -> usize {
    let h = mix(seed ^ mix(pair as u64 ^ mix(day as u64 ^ 0x5eed)));
    let mut rng = ChaCha8Rng::seed_from_u64(h);
    let days = (lead.mean_days + lead.spread_days * normal(&mut rng)).round();
    days.max(1.0) as usize
}

impl World {
    /// Draws the region and every day's demand from `config.seed`.
    pub fn new(config: Config) -> World {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let h = WINDOW_DAYS;
        let span = h + config.days;
        let log_uniform =
            |rng: &mut ChaCha8Rng, lo: f64, hi: f64| rng.gen_range(lo.ln()..hi.ln()).exp();
        let items: Vec<ItemSpec> = (0..config.items)
            .map(|_| {
                let rate = log_uniform(&mut rng, 0.02, 12.0);
                let packs: &[i64] = if rate < 0.1 {
                    &[1, 10, 12]
                } else if rate < 1.0 {
                    &[10, 20, 25]
                } else {
                    &[50, 100]
                };
                let pack_size = packs[rng.gen_range(0..packs.len())];
                let u: f64 = rng.r#gen();
                let mode = if u < 0.35 {
                    TransportMode::Air
                } else if u < 0.7 {
                    TransportMode::Sea
                } else if u < 0.85 {
                    TransportMode::Rail
                } else {
                    TransportMode::Road
                };
                ItemSpec {
                    rate,
                    pack_size,
                    min_order: pack_size * rng.gen_range(1..=5),
                    mode,
                }
            })
            .collect();
        let clinics: Vec<ClinicSpec> = (0..config.clinics)
            .map(|_| ClinicSpec {
                beds: log_uniform(&mut rng, 60.0, 1400.0),
                outbreak_start: config.outbreak.start
                    + rng.gen_range(0..=config.outbreak.stagger_days),
            })
            .collect();
        let census: Vec<Vec<u32>> = clinics
            .iter()
            .map(|c| {
                (0..span)
                    .map(|k| {
                        let t = k as f64 - h as f64;
                        let season = 0.06 * (std::f64::consts::TAU * (t - 15.0) / 365.0).cos();
                        let occupancy = (0.82 + season + 0.02 * normal(&mut rng)).clamp(0.3, 1.0);
                        (c.beds * occupancy).round() as u32
                    })
                    .collect()
            })
            .collect();
        let mut demand = Vec::with_capacity(config.clinics * config.items);
        let mut base = Vec::with_capacity(config.clinics * config.items);
        for (ci, clinic) in clinics.iter().enumerate() {
            for item in &items {
                let practice = rng.gen_range(0.7..1.3);
                base.push(clinic.beds * 0.82 * item.rate * practice);
                let days: Vec<u32> = (0..span)
                    .map(|k| {
                        let surge = if k < h {
                            1.0
                        } else {
                            surge(&config.outbreak, clinic.outbreak_start, k - h)
                        };
                        let mean = f64::from(census[ci][k]) * item.rate * practice * surge;
                        let sd = (mean + (0.25 * mean).powi(2)).sqrt();
                        (mean + sd * normal(&mut rng)).round().max(0.0) as u32
                    })
                    .collect();
                demand.push(days);
            }
        }
        World {
            config,
            clinics,
            items,
            census,
            demand,
            base,
        }
    }

    /// Clinic-item pairs (clinic-major).
    pub fn pairs(&self) -> usize {
        self.demand.len()
    }

    /// A clinic-item's demand per day, the history of [`WINDOW_DAYS`] first.
    pub fn demand(&self, pair: usize) -> &[u32] {
        &self.demand[pair]
    }

    /// A clinic's patients in beds per day, the history first.
    pub fn census(&self, clinic: usize) -> &[u32] {
        &self.census[clinic]
    }

    /// Expected daily use of a clinic-item without the outbreak.
    pub fn base_use(&self, pair: usize) -> f64 {
        self.base[pair]
    }

    /// Runs every clinic-item under `policy`.
    pub fn run(&self, policy: Policy) -> Outcome {
        let mut total = Outcome::default();
        let mut stock_days = 0.0;
        for pair in 0..self.pairs() {
            let o = self.run_pair(policy, pair, None);
            total.stockout_days += o.stockout_days;
            total.outbreak_stockout_days += o.outbreak_stockout_days;
            total.clinic_item_days += o.clinic_item_days;
            total.demand += o.demand;
            total.unmet += o.unmet;
            total.orders += o.orders;
            stock_days += o.avg_stock_days;
        }
        if self.pairs() > 0 {
            total.avg_stock_days = stock_days / self.pairs() as f64;
        }
        total
    }

    /// Every day of one clinic-item under `policy`.
    pub fn trace(&self, policy: Policy, clinic: usize, item: usize) -> Trace {
        let mut trace = Trace::default();
        self.run_pair(policy, clinic * self.items.len() + item, Some(&mut trace));
        trace
    }

    fn run_pair(&self, policy: Policy, pair: usize, mut trace: Option<&mut Trace>) -> Outcome {
        let config = &self.config;
        let clinic = &self.clinics[pair / self.items.len()];
        let census = &self.census[pair / self.items.len()];
        let item = &self.items[pair % self.items.len()];
        let demand = &self.demand[pair];
        let base = self.base[pair];
        let h = WINDOW_DAYS;
        let review = config.review_days.max(1);
        let outbreak_end =
            clinic.outbreak_start + 2 * config.outbreak.ramp_days + config.outbreak.plateau_days;

        // What was issued over the window before today: the history was met in full.
        let mut window: Vec<i64> = demand[..h].iter().map(|&d| i64::from(d)).collect();
        let mut used: i64 = window.iter().sum();
        let mut used_squared: i64 = window.iter().map(|q| q * q).sum();
        let mut patient_days: i64 = census[..h].iter().map(|&p| i64::from(p)).sum();

        let mut stock = (config.opening_days * base).round() as i64;
        let mut pipeline: Vec<(usize, i64)> = Vec::new();
        let mut out = Outcome::default();
        let mut stock_sum = 0.0;
        for t in 0..config.days {
            let k = h + t;
            let mut received = 0;
            pipeline.retain(|&(arrives, q)| {
                if arrives == t {
                    received += q;
                    false
                } else {
                    true
                }
            });
            stock += received;
            if t % review == 0 {
                let on_order: i64 = pipeline.iter().map(|p| p.1).sum();
                let per_day = used as f64 / h as f64;
                let quantity = match policy {
                    Policy::Suggested {
                        service_level,
                        target_days,
                    } => {
                        let rate = burn_rate_from_totals(
                            &UsageTotals {
                                used,
                                used_squared,
                                patient_days,
                            },
                            h as i64,
                        );
                        suggest(&ReorderInput {
                            stock,
                            on_order,
                            per_day: rate.per_day,
                            sd_per_day: rate.sd_per_day,
                            lead: item.mode.default_lead(),
                            service_level,
                            target_days,
                            pack_size: item.pack_size,
                            min_order: item.min_order,
                        })
                        .quantity
                    }
                    Policy::MinMax {
                        min_months,
                        max_months,
                    } => min_max_quantity(
                        per_day * DAYS_PER_MONTH,
                        stock + on_order,
                        min_months,
                        max_months,
                        item.pack_size,
                        item.min_order,
                    ),
                };
                if quantity > 0 {
                    let arrives = t + lead_days(config.seed, pair, t, item.mode.default_lead());
                    pipeline.push((arrives, quantity));
                    out.orders += 1;
                    if let Some(tr) = trace.as_deref_mut() {
                        tr.orders.push(Order {
                            placed: t,
                            arrives,
                            quantity,
                            position: stock + on_order,
                            per_day,
                        });
                    }
                }
            }
            let wanted = i64::from(demand[k]);
            let issued = wanted.min(stock);
            if let Some(tr) = trace.as_deref_mut() {
                tr.morning.push(stock);
                tr.demand.push(wanted);
                tr.issued.push(issued);
                tr.received.push(received);
            }
            stock -= issued;
            if issued < wanted {
                out.stockout_days += 1;
                out.unmet += (wanted - issued) as u64;
                if (clinic.outbreak_start..outbreak_end).contains(&t) {
                    out.outbreak_stockout_days += 1;
                }
            }
            out.demand += wanted as u64;
            // Slide the window by a day: today's issues in, the oldest day out.
            let slot = t % h;
            let old = window[slot];
            window[slot] = issued;
            used += issued - old;
            used_squared += issued * issued - old * old;
            patient_days += i64::from(census[k]) - i64::from(census[k - h]);
            stock_sum += stock as f64;
            if let Some(tr) = trace.as_deref_mut() {
                tr.stock.push(stock);
            }
        }
        out.clinic_item_days = config.days as u64;
        if config.days > 0 {
            out.avg_stock_days = stock_sum / config.days as f64 / base;
        }
        out
    }
}

/// The outbreak's factor on the use per patient on day `t` for a clinic whose surge begins on
/// `start`.
fn surge(o: &Outbreak, start: usize, t: usize) -> f64 {
    if t < start {
        return 1.0;
    }
    let d = (t - start) as f64;
    let ramp = o.ramp_days.max(1) as f64;
    let plateau = o.plateau_days as f64;
    let up = o.factor - 1.0;
    if d < ramp {
        1.0 + up * (d + 1.0) / ramp
    } else if d < ramp + plateau {
        o.factor
    } else if d < 2.0 * ramp + plateau {
        1.0 + up * (2.0 * ramp + plateau - d) / ramp
    } else {
        1.0
    }
}

/// One item's short supply to split among the clinics: what [`crate::allocate`] gets.
#[derive(Debug, Clone, PartialEq)]
pub struct ShortRound {
    pub pack_size: i64,
    pub available: i64,
    pub claims: Vec<crate::Claim>,
}

/// A pooling round in the outbreak, one per item: each clinic uses `outbreak.factor` × its base
/// use, holds between 0 and 20 days of it and asks for what brings it to `target_days`; half
/// of all that is asked for is available. Deterministic for the world's seed.
pub fn shortage_round(world: &World, target_days: f64) -> Vec<ShortRound> {
    let mut rng = ChaCha8Rng::seed_from_u64(mix(world.config.seed ^ 0xa110c));
    let n = world.items.len();
    let per_day: Vec<f64> = (0..world.pairs())
        .map(|p| world.base[p] * world.config.outbreak.factor.max(1.0))
        .collect();
    let stock: Vec<i64> = per_day
        .iter()
        .map(|d| (d * rng.gen_range(0.0..20.0)).round() as i64)
        .collect();
    world
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let claims: Vec<crate::Claim> = (0..world.clinics.len())
                .map(|c| {
                    let p = c * n + i;
                    crate::Claim {
                        requested: ((per_day[p] * target_days).ceil() as i64 - stock[p]).max(0),
                        stock: stock[p],
                        per_day: per_day[p],
                    }
                })
                .collect();
            let asked: i64 = claims.iter().map(|c| c.requested).sum();
            ShortRound {
                pack_size: item.pack_size,
                available: asked / 2,
                claims,
            }
        })
        .collect()
}

/// Standort's policy and the best fixed min/max at no less average stock.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Comparison {
    pub suggested_policy: Policy,
    pub suggested: Outcome,
    pub minmax_policy: Policy,
    pub minmax: Outcome,
    /// Simulation runs the calibration took.
    pub runs: usize,
}

impl Comparison {
    /// Standort's average stock ÷ the min/max policy's.
    pub fn avg_stock_ratio(&self) -> f64 {
        if self.minmax.avg_stock_days > 0.0 {
            self.suggested.avg_stock_days / self.minmax.avg_stock_days
        } else {
            f64::NAN
        }
    }
}

/// Runs Standort's policy, then calibrates min/max to the same average stock (see the module's
/// notes); `None` when no min/max pair of [`GAPS`] with min ≤ 24 months reaches it.
pub fn compare(world: &World, service_level: f64, target_days: f64) -> Option<Comparison> {
    let suggested_policy = Policy::Suggested {
        service_level,
        target_days,
    };
    let suggested = world.run(suggested_policy);
    let aim = suggested.avg_stock_days;
    let mut runs = 1;
    let mut best: Option<(Policy, Outcome)> = None;
    for gap in GAPS {
        let policy = |min: f64| Policy::MinMax {
            min_months: min,
            max_months: min + gap,
        };
        let (mut lo, mut hi) = (0.0f64, 24.0f64);
        let at_lo = world.run(policy(lo));
        let at_hi = world.run(policy(hi));
        runs += 2;
        // Too much stock even at min 0 (the gap alone holds more), or never enough.
        if at_lo.avg_stock_days >= aim || at_hi.avg_stock_days < aim {
            continue;
        }
        let mut found = at_hi;
        for _ in 0..18 {
            let mid = (lo + hi) / 2.0;
            let o = world.run(policy(mid));
            runs += 1;
            if o.avg_stock_days >= aim {
                hi = mid;
                found = o;
            } else {
                lo = mid;
            }
        }
        if best.is_none_or(|(_, b)| found.stockout_days < b.stockout_days) {
            best = Some((policy(hi), found));
        }
    }
    let (minmax_policy, minmax) = best?;
    Some(Comparison {
        suggested_policy,
        suggested,
        minmax_policy,
        minmax,
        runs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(seed: u64) -> Config {
        Config {
            clinics: 4,
            items: 6,
            days: 400,
            seed,
            outbreak: Outbreak {
                start: 150,
                stagger_days: 10,
                ramp_days: 5,
                plateau_days: 30,
                factor: 3.0,
            },
            ..Config::default()
        }
    }

    const STANDORT: Policy = Policy::Suggested {
        service_level: 0.95,
        target_days: 30.0,
    };
    const MINMAX: Policy = Policy::MinMax {
        min_months: 1.5,
        max_months: 3.0,
    };

    #[test]
    fn the_same_seed_gives_the_same_region_and_outcome() {
        let a = World::new(small(7));
        let b = World::new(small(7));
        assert_eq!(a.items, b.items);
        assert_eq!(a.demand, b.demand);
        assert_eq!(a.run(STANDORT), b.run(STANDORT));
        assert_eq!(a.run(MINMAX), b.run(MINMAX));
        let c = World::new(small(8));
        assert_ne!(a.demand, c.demand);
    }

    #[test]
    fn stock_is_never_negative_and_the_ledger_adds_up() {
        let w = World::new(small(11));
        for policy in [STANDORT, MINMAX] {
            for clinic in 0..4 {
                for item in 0..6 {
                    let t = w.trace(policy, clinic, item);
                    let mut stock =
                        (w.config.opening_days * w.base_use(clinic * 6 + item)).round() as i64;
                    for day in 0..w.config.days {
                        assert!(t.stock[day] >= 0, "{policy:?} {clinic}/{item} day {day}");
                        assert!(t.issued[day] <= t.demand[day]);
                        // Issued is all that was wanted, or all there was.
                        assert!(t.issued[day] == t.demand[day] || t.stock[day] == 0);
                        stock += t.received[day] - t.issued[day];
                        assert_eq!(stock, t.stock[day]);
                    }
                }
            }
        }
    }

    #[test]
    fn orders_arrive_after_they_were_placed_and_in_full() {
        let w = World::new(small(12));
        for policy in [STANDORT, MINMAX] {
            for clinic in 0..4 {
                for item in 0..6 {
                    let t = w.trace(policy, clinic, item);
                    assert!(!t.orders.is_empty(), "{policy:?} never ordered");
                    let spec = w.items[item];
                    for o in &t.orders {
                        assert!(o.arrives > o.placed, "{o:?}");
                        assert_eq!(o.placed % w.config.review_days, 0);
                        assert_eq!(o.quantity % spec.pack_size, 0);
                        assert!(o.quantity >= spec.min_order);
                    }
                    // Everything that arrived within the horizon was ordered, day by day.
                    for day in 0..w.config.days {
                        let due: i64 = t
                            .orders
                            .iter()
                            .filter(|o| o.arrives == day)
                            .map(|o| o.quantity)
                            .sum();
                        assert_eq!(t.received[day], due, "day {day}");
                    }
                }
            }
        }
    }

    #[test]
    fn min_max_orders_only_at_or_below_min_and_up_to_max() {
        let w = World::new(small(13));
        let (min, max) = (1.5, 3.0);
        for clinic in 0..4 {
            for item in 0..6 {
                let t = w.trace(MINMAX, clinic, item);
                let spec = w.items[item];
                for o in &t.orders {
                    let amc = o.per_day * DAYS_PER_MONTH;
                    let mos = o.position as f64 / amc;
                    assert!(mos <= min + 1e-9, "ordered at {mos} months: {o:?}");
                    // Up to max, plus at most one pack of rounding (or the minimum order).
                    let after = o.position + o.quantity;
                    assert!(after as f64 >= max * amc - 1e-6, "{o:?}");
                    assert!(
                        after as f64 <= max * amc + 1.0 + spec.pack_size as f64
                            || o.quantity == spec.min_order,
                        "{o:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn min_max_rule_by_hand() {
        // AMC 300 a month, 240 in stock: 0.8 months ≤ min 1 → (3 − 0.8) · 300 = 660 → 700.
        assert_eq!(min_max_quantity(300.0, 240, 1.0, 3.0, 50, 0), 700);
        // Above min: nothing; no consumption: nothing.
        assert_eq!(min_max_quantity(300.0, 301, 1.0, 3.0, 50, 0), 0);
        assert_eq!(min_max_quantity(0.0, 0, 1.0, 3.0, 50, 0), 0);
        // Exactly at min orders (Open mSupply orders unless mos > min).
        assert_eq!(min_max_quantity(300.0, 300, 1.0, 3.0, 1, 0), 600);
        // The minimum order wins over a smaller need (100 to reach max).
        assert_eq!(min_max_quantity(300.0, 200, 1.0, 1.0, 10, 1000), 1000);
        // At max already (min = max): nothing, even with a minimum order.
        assert_eq!(min_max_quantity(300.0, 300, 1.0, 1.0, 10, 1000), 0);
    }

    #[test]
    fn lead_times_follow_the_transport_mode() {
        let mean = |mode: TransportMode| {
            let n = 4000;
            (0..n)
                .map(|d| lead_days(1, 3, d, mode.default_lead()) as f64)
                .sum::<f64>()
                / n as f64
        };
        assert!((mean(TransportMode::Air) - 10.0).abs() < 0.3);
        assert!((mean(TransportMode::Sea) - 55.0).abs() < 1.0);
        assert!((0..1000).all(|d| lead_days(1, 3, d, TransportMode::Road.default_lead()) >= 1));
        // The same order day, the same lead time.
        assert_eq!(
            lead_days(5, 9, 70, TransportMode::Sea.default_lead()),
            lead_days(5, 9, 70, TransportMode::Sea.default_lead())
        );
    }

    #[test]
    fn the_outbreak_raises_use_and_the_stockouts_it_causes_are_counted() {
        let w = World::new(small(14));
        let c = &w.clinics[0];
        let o = &w.config.outbreak;
        assert!((surge(o, c.outbreak_start, c.outbreak_start + 10) - 3.0).abs() < 1e-9);
        assert!((surge(o, c.outbreak_start, c.outbreak_start - 1) - 1.0).abs() < 1e-9);
        assert!((surge(o, c.outbreak_start, c.outbreak_start + 100) - 1.0).abs() < 1e-9);
        // A policy that never orders runs out, and more so in the outbreak.
        let never = Policy::MinMax {
            min_months: -1.0,
            max_months: 1.0,
        };
        let r = w.run(never);
        assert_eq!(r.orders, 0);
        assert!(r.stockout_days > 0);
        assert!(r.outbreak_stockout_days <= r.stockout_days);
        assert!(r.fill_rate() < 0.5);
    }

    #[test]
    fn calibration_matches_the_average_stock_from_above() {
        let w = World::new(small(15));
        let c = compare(&w, 0.95, 30.0).expect("a min/max at the same stock");
        let ratio = c.avg_stock_ratio();
        assert!(ratio <= 1.0, "{ratio}");
        assert!(ratio > 0.97, "{ratio}");
        let Policy::MinMax {
            min_months,
            max_months,
        } = c.minmax_policy
        else {
            panic!("not min/max")
        };
        assert!(max_months > min_months);
        assert_eq!(c.minmax, w.run(c.minmax_policy));
    }
}
