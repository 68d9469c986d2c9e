//! A fair split of a short shipment or a donation among clinics.
//!
//! Everything is counted in whole packs: a clinic's request is rounded down to whole packs
//! (it never gets more than it asked for), the amount available too. When the requests fit,
//! every clinic gets what it asked for. Otherwise the packs are handed out one at a time, each
//! to the clinic whose claim is strongest at that moment, among those still short of their
//! request; ties go to the clinic listed first. The rules differ only in what "strongest"
//! means:
//!
//! - [`Rule::EqualiseDays`] (default): the clinic with the fewest days of supply counting what
//!   it has been given so far (stock ÷ daily use). The lowest are lifted first until they meet
//!   the next, so days of supply are equalised from the bottom up. A clinic that uses nothing
//!   comes last.
//! - [`Rule::ProRataRequest`] and [`Rule::ProRataBurn`]: shares proportional to the requests or
//!   to the daily use, rounded by the Sainte-Laguë (Webster) divisor method: the next pack goes
//!   to the highest weight ÷ (2·packs so far + 1).
//!
//! Handing out one pack at a time makes the split monotone in the amount available: with one
//! more pack, every clinic gets at least what it got before (largest-remainder rounding can
//! take a unit away — the Alabama paradox — which is why it is not used). Deterministic: same
//! input, same split.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use serde::Serialize;

/// How a short supply is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    #[default]
    EqualiseDays,
    ProRataRequest,
    ProRataBurn,
}

impl Rule {
    pub const ALL: [Rule; 3] = [Rule::EqualiseDays, Rule::ProRataRequest, Rule::ProRataBurn];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::EqualiseDays => "equalise_days",
            Rule::ProRataRequest => "pro_rata_request",
            Rule::ProRataBurn => "pro_rata_burn",
        }
    }

    pub fn parse(s: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// One clinic's claim.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Claim {
    /// Units asked for (rounded down to whole packs).
    pub requested: i64,
    /// Usable stock now (units).
    pub stock: i64,
    /// Average daily use (units).
    pub per_day: f64,
}

/// One clinic's share, with the numbers that explain it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    pub requested: i64,
    pub allocated: i64,
    pub packs: i64,
    /// Days of supply before and after the share (`None`: the clinic uses nothing).
    pub days_before: Option<f64>,
    pub days_after: Option<f64>,
}

/// Splits `available` units in packs of `pack_size` among `claims` by `rule`.
pub fn allocate(available: i64, pack_size: i64, claims: &[Claim], rule: Rule) -> Vec<Share> {
    let pack = pack_size.max(1);
    let req: Vec<i64> = claims.iter().map(|c| c.requested.max(0) / pack).collect();
    let left = available.max(0) / pack;
    let mut got = vec![0i64; claims.len()];
    if req.iter().sum::<i64>() <= left {
        got.clone_from(&req);
    } else {
        hand_out(rule, claims, &req, pack, left, &mut got);
    }
    claims
        .iter()
        .zip(&got)
        .map(|(c, &packs)| {
            let allocated = packs * pack;
            Share {
                requested: c.requested.max(0),
                allocated,
                packs,
                days_before: crate::days_of_supply(c.stock, c.per_day),
                days_after: crate::days_of_supply(c.stock.max(0) + allocated, c.per_day),
            }
        })
        .collect()
}

/// Hands out `left` packs, each to the strongest claim short of its request (ties to the lower
/// index), without doing it one pack at a time. A clinic's key never rises from one pack to the
/// next, so the one-at-a-time order is the order of all (clinic, pack) pairs by key, highest
/// first, ties to the lower index; two shortcuts give the same packs in far fewer steps (a
/// donation of 100,000 masks in boxes of 50 is 2,000 single steps; a round for 50 clinics ×
/// 40 items in an outbreak, a million):
///
/// 1. the packs whose key is above a level come before all others, in whatever order among
///    themselves: bisect for a level above which there are at most `left` packs, close to it,
///    and give those at once (per clinic a binary search over its packs);
/// 2. the rest through a heap of each clinic's next pack, where the clinic popped takes at once
///    every further pack whose key still beats the top of the heap.
fn hand_out(rule: Rule, claims: &[Claim], req: &[i64], pack: i64, mut left: i64, got: &mut [i64]) {
    let n = claims.len();
    let key_of = |i: usize, g: i64| key(rule, &claims[i], req[i], g, pack);
    // Packs of clinic `i` from `from` on whose key beats `beats`: its keys never rise, so the
    // first that does not ends them (binary search).
    let run = |i: usize, from: i64, to: i64, beats: &dyn Fn(f64) -> bool| {
        let (mut lo, mut hi) = (from, to);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if beats(key_of(i, mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    };
    let above = |i: usize, level: f64| run(i, 0, req[i], &|k: f64| k.total_cmp(&level).is_gt());
    let count = |level: f64| (0..n).map(|i| above(i, level)).sum::<i64>();
    let finite: Vec<f64> = (0..n)
        .filter(|&i| req[i] > 0)
        .flat_map(|i| [key_of(i, 0), key_of(i, req[i] - 1)])
        .filter(|k| k.is_finite())
        .collect();
    if let (Some(&lowest), Some(&highest)) = (
        finite.iter().min_by(|a, b| a.total_cmp(b)),
        finite.iter().max_by(|a, b| a.total_cmp(b)),
    ) {
        // Nothing is above the highest key; find a level with at most `left` above it, within
        // a clinic's worth of packs of `left` (the heap does the rest).
        let (mut lo, mut hi) = (lowest, highest);
        let mut level = highest;
        if count(lo) <= left {
            level = lo;
        } else {
            for _ in 0..200 {
                let mid = lo + (hi - lo) / 2.0;
                if !(mid > lo && mid < hi) {
                    break;
                }
                let c = count(mid);
                if c <= left {
                    hi = mid;
                    level = mid;
                    if left - c <= n as i64 {
                        break;
                    }
                } else {
                    lo = mid;
                }
            }
        }
        for (i, g) in got.iter_mut().enumerate() {
            *g = above(i, level);
            left -= *g;
        }
    }
    let mut heap: BinaryHeap<Entry> = (0..n)
        .filter(|&i| got[i] < req[i])
        .map(|i| Entry {
            key: key_of(i, got[i]),
            index: i,
        })
        .collect();
    while left > 0 {
        let Some(Entry { index: i, .. }) = heap.pop() else {
            break;
        };
        let limit = req[i].min(got[i] + left);
        let upto = match heap.peek() {
            None => limit,
            Some(top) => run(i, got[i], limit, &|k: f64| {
                Entry { key: k, index: i }.cmp(top) == Ordering::Greater
            }),
        }
        .max(got[i] + 1);
        left -= upto - got[i];
        got[i] = upto;
        if got[i] < req[i] {
            heap.push(Entry {
                key: key_of(i, got[i]),
                index: i,
            });
        }
    }
}

/// The priority of a clinic's next pack: larger is served first.
fn key(rule: Rule, c: &Claim, req_packs: i64, got: i64, pack: i64) -> f64 {
    match rule {
        Rule::EqualiseDays => {
            if c.per_day > 0.0 {
                -((c.stock.max(0) + got * pack) as f64 / c.per_day)
            } else {
                f64::NEG_INFINITY
            }
        }
        Rule::ProRataRequest => req_packs as f64 / (2 * got + 1) as f64,
        Rule::ProRataBurn => c.per_day.max(0.0) / (2 * got + 1) as f64,
    }
}

/// A heap entry: highest key first, then the lowest index.
#[derive(Debug)]
struct Entry {
    key: f64,
    index: usize,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .total_cmp(&other.key)
            .then_with(|| other.index.cmp(&self.index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn claim(requested: i64, stock: i64, per_day: f64) -> Claim {
        Claim {
            requested,
            stock,
            per_day,
        }
    }

    #[test]
    fn a_donation_lifts_the_lowest_days_of_supply_first() {
        // 100,000 masks in boxes of 50 among three clinics:
        // A has 5 days (10,000 at 2,000/day), B 20 days, C 40 days.
        let claims = [
            claim(100_000, 10_000, 2_000.0),
            claim(100_000, 40_000, 2_000.0),
            claim(30_000, 40_000, 1_000.0),
        ];
        let s = allocate(100_000, 50, &claims, Rule::EqualiseDays);
        let total: i64 = s.iter().map(|x| x.allocated).sum();
        assert_eq!(total, 100_000);
        // A is lifted to B's 20 days (+30,000); the other 70,000 lift A and B together to
        // 37.5 days (+35,000 each), short of C's 40 days, so C gets nothing.
        assert_eq!(
            s.iter().map(|x| x.allocated).collect::<Vec<_>>(),
            vec![65_000, 35_000, 0]
        );
        let after: Vec<f64> = s.iter().map(|x| x.days_after.unwrap()).collect();
        assert!((after[0] - 37.5).abs() < 1e-9 && (after[1] - 37.5).abs() < 1e-9);
        assert_eq!(s[0].days_before, Some(5.0));
        // With more, C joins once the others reach its 40 days.
        let s = allocate(130_000, 50, &claims, Rule::EqualiseDays);
        assert_eq!(
            s.iter().map(|x| x.allocated).collect::<Vec<_>>(),
            vec![78_000, 48_000, 4_000]
        );
    }

    #[test]
    fn requests_that_fit_are_met_in_full_packs() {
        let s = allocate(
            1_000,
            10,
            &[claim(305, 0, 1.0), claim(200, 0, 1.0)],
            Rule::EqualiseDays,
        );
        assert_eq!(s[0].allocated, 300);
        assert_eq!(s[1].allocated, 200);
    }

    #[test]
    fn pro_rata_by_request_is_proportional() {
        let s = allocate(
            600,
            1,
            &[claim(600, 0, 1.0), claim(300, 0, 1.0), claim(300, 0, 1.0)],
            Rule::ProRataRequest,
        );
        assert_eq!(
            s.iter().map(|x| x.allocated).collect::<Vec<_>>(),
            vec![300, 150, 150]
        );
        let s = allocate(
            10,
            1,
            &[claim(100, 0, 3.0), claim(100, 0, 1.0)],
            Rule::ProRataBurn,
        );
        assert_eq!(s[0].allocated + s[1].allocated, 10);
        assert!(s[0].allocated >= 7);
    }

    /// The rule as written: one pack at a time from a heap (the engine's shortcuts must give
    /// the same split).
    fn one_at_a_time(available: i64, pack: i64, claims: &[Claim], rule: Rule) -> Vec<i64> {
        let req: Vec<i64> = claims.iter().map(|c| c.requested.max(0) / pack).collect();
        let mut left = available.max(0) / pack;
        if req.iter().sum::<i64>() <= left {
            return req.iter().map(|r| r * pack).collect();
        }
        let mut got = vec![0i64; claims.len()];
        let mut heap: BinaryHeap<Entry> = (0..claims.len())
            .filter(|&i| req[i] > 0)
            .map(|i| Entry {
                key: key(rule, &claims[i], req[i], 0, pack),
                index: i,
            })
            .collect();
        while left > 0 {
            let Some(Entry { index: i, .. }) = heap.pop() else {
                break;
            };
            got[i] += 1;
            left -= 1;
            if got[i] < req[i] {
                heap.push(Entry {
                    key: key(rule, &claims[i], req[i], got[i], pack),
                    index: i,
                });
            }
        }
        got.iter().map(|g| g * pack).collect()
    }

    fn claims() -> impl Strategy<Value = Vec<Claim>> {
        proptest::collection::vec(
            (0i64..5_000, 0i64..5_000, 0.0f64..300.0).prop_map(|(r, s, d)| claim(r, s, d)),
            0..12,
        )
    }

    fn rule() -> impl Strategy<Value = Rule> {
        (0usize..3).prop_map(|i| Rule::ALL[i])
    }

    proptest! {
        #[test]
        fn never_more_than_requested_or_available_and_all_when_short(
            cs in claims(), available in 0i64..40_000, pack in 1i64..60, r in rule(),
        ) {
            let s = allocate(available, pack, &cs, r);
            prop_assert_eq!(s.len(), cs.len());
            let total: i64 = s.iter().map(|x| x.allocated).sum();
            prop_assert!(total <= available);
            let wanted: i64 = cs.iter().map(|c| c.requested / pack).sum();
            for (x, c) in s.iter().zip(&cs) {
                prop_assert!(x.allocated <= c.requested);
                prop_assert_eq!(x.allocated % pack, 0);
            }
            // Demand exceeds supply: every whole pack available is handed out.
            if wanted >= available / pack {
                prop_assert_eq!(total, available / pack * pack);
            } else {
                prop_assert_eq!(total, wanted * pack);
            }
            // Deterministic.
            prop_assert_eq!(s, allocate(available, pack, &cs, r));
        }

        #[test]
        fn the_shortcuts_give_the_one_at_a_time_split(
            cs in proptest::collection::vec(
                (0i64..5_000, prop_oneof![Just(0i64), 0i64..5_000], prop_oneof![Just(0.0), Just(1.0), 0.0f64..300.0])
                    .prop_map(|(r, s, d)| claim(r, s, d)),
                0..20,
            ),
            available in 0i64..40_000, pack in 1i64..30, r in rule(),
        ) {
            let fast: Vec<i64> = allocate(available, pack, &cs, r).iter().map(|x| x.allocated).collect();
            prop_assert_eq!(fast, one_at_a_time(available, pack, &cs, r));
        }

        #[test]
        fn monotone_in_the_amount_available(
            cs in claims(), available in 0i64..20_000, more in 0i64..5_000,
            pack in 1i64..60, r in rule(),
        ) {
            let a = allocate(available, pack, &cs, r);
            let b = allocate(available + more, pack, &cs, r);
            for (x, y) in a.iter().zip(&b) {
                prop_assert!(y.allocated >= x.allocated, "{:?} → {:?}", x, y);
            }
        }

        #[test]
        fn equalising_never_leaves_a_lower_clinic_short_while_a_higher_one_gains(
            cs in claims(), available in 0i64..20_000, pack in 1i64..20,
        ) {
            let s = allocate(available, pack, &cs, Rule::EqualiseDays);
            // A clinic that received something had, before its last pack, no more days of
            // supply than any clinic left short of its request.
            for (i, x) in s.iter().enumerate() {
                if x.packs == 0 || cs[i].per_day <= 0.0 { continue; }
                let before_last = (cs[i].stock + (x.packs - 1) * pack) as f64 / cs[i].per_day;
                for (j, y) in s.iter().enumerate() {
                    let short = y.packs < cs[j].requested / pack;
                    if i != j && short && cs[j].per_day > 0.0 {
                        let days = (cs[j].stock + y.allocated) as f64 / cs[j].per_day;
                        prop_assert!(before_last <= days + 1e-9);
                    }
                }
            }
        }
    }
}
