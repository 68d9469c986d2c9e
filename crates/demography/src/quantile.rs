//! Streaming quantile estimation for the stochastic intervals.
//!
//! [`Binned`] estimates all quantiles of one output cell from a single structure whose
//! memory does not depend on the number of observations. The first [`PILOT`]
//! observations are kept exactly (so up to that many the quantiles are exact); from their
//! range it lays out [`BINS`] equal-width bins over the pilot's range widened by half of
//! it on each side, and from then on counts each observation in its bin (values outside
//! go to two tail counters, bounded by the exact minimum and maximum). A quantile is read
//! off the binned distribution, interpolating linearly within a bin. One update is one
//! subtraction, one multiplication and one increment — for all quantiles at once.
//!
//! Accuracy (unit tests, 50 seeds of 1,000 normal and log-normal (σ = 0.3) draws against
//! the exact sample quantile): in the worst seed within 0.02 standard deviations at the
//! median and 10/90 %, within 0.03 at 2.5/97.5 % (P²: 0.06 and 0.19); mean errors
//! 0.002–0.007 (P²: 0.008–0.055). A distribution much wider than its first 64 values
//! suggest only loses resolution in the tails (they are interpolated between the bins'
//! edge and the exact extreme), never coverage.
//!
//! The engine used five P² estimators per cell (Jain & Chlamtac 1985) before; the tests
//! keep P² as the yardstick. The binned estimator is both more accurate and, with one
//! update instead of five, cut the benchmark's stochastic run from 1.4 to 0.8 s.

/// Observations kept exactly before the bins are laid out.
pub const PILOT: usize = 64;
/// Number of bins.
pub const BINS: usize = 256;

/// Streaming estimator of any quantile of one series (see the module documentation).
#[derive(Clone, Debug, PartialEq)]
pub struct Binned {
    count: usize,
    pilot: Vec<f64>,
    /// Lower edge of bin 0 and the reciprocal of the bin width.
    lo: f64,
    inv_width: f64,
    counts: Vec<u32>,
    below: u32,
    above: u32,
    min: f64,
    max: f64,
}

impl Default for Binned {
    fn default() -> Self {
        Self::new()
    }
}

impl Binned {
    /// An empty estimator.
    pub fn new() -> Self {
        Binned {
            count: 0,
            pilot: Vec::with_capacity(PILOT),
            lo: 0.0,
            inv_width: 0.0,
            counts: Vec::new(),
            below: 0,
            above: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }

    /// Forgets all observations, keeping the allocations.
    pub fn clear(&mut self) {
        self.count = 0;
        self.pilot.clear();
        self.counts.clear();
        self.below = 0;
        self.above = 0;
        self.min = f64::INFINITY;
        self.max = f64::NEG_INFINITY;
    }

    /// Number of observations so far.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Adds one observation (NaN is ignored).
    #[inline]
    pub fn add(&mut self, x: f64) {
        if x.is_nan() {
            return;
        }
        self.count += 1;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        if self.counts.is_empty() {
            if self.pilot.len() < PILOT {
                self.pilot.push(x);
                return;
            }
            self.lay_out_bins();
        }
        self.count_in_bin(x);
    }

    #[inline]
    fn count_in_bin(&mut self, x: f64) {
        let pos = (x - self.lo) * self.inv_width;
        if pos < 0.0 {
            self.below += 1;
        } else if pos >= BINS as f64 {
            self.above += 1;
        } else {
            self.counts[pos as usize] += 1;
        }
    }

    fn lay_out_bins(&mut self) {
        let (min, max) = (self.min, self.max);
        // A constant pilot (an empty age band, say) still gets a tiny positive width, so
        // later values different from it land in a tail and are interpolated to min/max.
        let range = (max - min).max(max.abs().max(min.abs()) * 1e-9).max(1e-12);
        self.lo = min - range / 2.0;
        self.inv_width = BINS as f64 / (2.0 * range);
        self.counts.resize(BINS, 0);
        for i in 0..self.pilot.len() {
            self.count_in_bin(self.pilot[i]);
        }
    }

    /// Estimate of the `p`-quantile (0 ≤ p ≤ 1): exact (linear interpolation between order
    /// statistics, as R's type 7) while at most [`PILOT`] observations were added, read off
    /// the bins after that; NaN without observations.
    pub fn quantile(&self, p: f64) -> f64 {
        let n = self.count;
        if n == 0 {
            return f64::NAN;
        }
        let p = p.clamp(0.0, 1.0);
        if self.counts.is_empty() {
            let mut v = self.pilot.clone();
            v.sort_by(|a, b| a.total_cmp(b));
            let h = p * (n - 1) as f64;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            return v[lo] + (h - lo as f64) * (v[hi] - v[lo]);
        }
        if p == 0.0 {
            return self.min;
        }
        if p == 1.0 {
            return self.max;
        }
        // Observations are spread evenly within their bin, so the k-th smallest (from 0)
        // sits where the cumulative count reaches k + ½; type 7 asks for k = p·(n − 1).
        let target = p * (n - 1) as f64 + 0.5;
        let width = 1.0 / self.inv_width;
        let hi_edge = self.lo + BINS as f64 * width;
        let within = |cum: f64, c: u32, from: f64, to: f64| -> f64 {
            let f = ((target - cum) / c as f64).clamp(0.0, 1.0);
            from + f * (to - from)
        };
        let mut cum = 0.0;
        if self.below > 0 {
            if target <= self.below as f64 {
                return within(cum, self.below, self.min, self.lo.min(self.max));
            }
            cum += self.below as f64;
        }
        for (i, &c) in self.counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            if target <= cum + c as f64 {
                let from = self.lo + i as f64 * width;
                let to = from + width;
                return within(cum, c, from.max(self.min), to.min(self.max));
            }
            cum += c as f64;
        }
        if self.above > 0 {
            return within(cum, self.above, hi_edge.max(self.min), self.max);
        }
        self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// The P² algorithm (Jain & Chlamtac 1985), the estimator the stochastic intervals used
    /// before [`Binned`]: kept here as the yardstick the binned estimator must beat.
    #[derive(Clone, Debug, PartialEq)]
    pub struct P2 {
        p: f64,
        count: usize,
        q: [f64; 5],
        pos: [f64; 5],
        desired: [f64; 5],
        inc: [f64; 5],
    }

    impl P2 {
        /// An estimator of the `p`-quantile (0 < p < 1).
        pub fn new(p: f64) -> Self {
            assert!(p > 0.0 && p < 1.0, "p must be within (0, 1)");
            P2 {
                p,
                count: 0,
                q: [0.0; 5],
                pos: [1.0, 2.0, 3.0, 4.0, 5.0],
                desired: [1.0, 1.0 + 2.0 * p, 1.0 + 4.0 * p, 3.0 + 2.0 * p, 5.0],
                inc: [0.0, p / 2.0, p, (1.0 + p) / 2.0, 1.0],
            }
        }

        /// Adds one observation.
        pub fn add(&mut self, x: f64) {
            if self.count < 5 {
                self.q[self.count] = x;
                self.count += 1;
                if self.count == 5 {
                    self.q.sort_by(|a, b| a.total_cmp(b));
                }
                return;
            }
            self.count += 1;
            let q = &mut self.q;
            let k = if x < q[0] {
                q[0] = x;
                0
            } else if x < q[1] {
                0
            } else if x < q[2] {
                1
            } else if x < q[3] {
                2
            } else if x <= q[4] {
                3
            } else {
                q[4] = x;
                3
            };
            for i in k + 1..5 {
                self.pos[i] += 1.0;
            }
            for i in 0..5 {
                self.desired[i] += self.inc[i];
            }
            for i in 1..4 {
                let d = self.desired[i] - self.pos[i];
                if (d >= 1.0 && self.pos[i + 1] - self.pos[i] > 1.0)
                    || (d <= -1.0 && self.pos[i - 1] - self.pos[i] < -1.0)
                {
                    let s = d.signum();
                    let (n0, n1, n2) = (self.pos[i - 1], self.pos[i], self.pos[i + 1]);
                    let (q0, q1, q2) = (q[i - 1], q[i], q[i + 1]);
                    let parabolic = q1
                        + s / (n2 - n0)
                            * ((n1 - n0 + s) * (q2 - q1) / (n2 - n1)
                                + (n2 - n1 - s) * (q1 - q0) / (n1 - n0));
                    q[i] = if q0 < parabolic && parabolic < q2 {
                        parabolic
                    } else {
                        let j = if s > 0.0 { i + 1 } else { i - 1 };
                        q1 + s * (q[j] - q1) / (self.pos[j] - n1)
                    };
                    self.pos[i] += s;
                }
            }
        }

        /// Number of observations so far.
        pub fn count(&self) -> usize {
            self.count
        }

        /// Current estimate (exact for fewer than 6 observations; NaN if none).
        pub fn estimate(&self) -> f64 {
            match self.count {
                0 => f64::NAN,
                n if n <= 5 => {
                    let mut v = self.q[..n].to_vec();
                    v.sort_by(|a, b| a.total_cmp(b));
                    let h = self.p * (n - 1) as f64;
                    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
                    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
                }
                _ => self.q[2],
            }
        }
    }

    fn normal(rng: &mut impl Rng) -> f64 {
        let u1: f64 = rng.r#gen::<f64>().max(1e-300);
        let u2: f64 = rng.r#gen();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    fn exact(v: &mut [f64], p: f64) -> f64 {
        v.sort_by(|a, b| a.total_cmp(b));
        let h = p * (v.len() - 1) as f64;
        let lo = h.floor() as usize;
        v[lo] + (h - lo as f64) * (v[(lo + 1).min(v.len() - 1)] - v[lo])
    }

    #[test]
    fn p2_is_close_to_exact_quantiles_of_1000_normal_draws() {
        let ps = [0.025, 0.1, 0.5, 0.9, 0.975];
        let mut worst = [0.0f64; 5];
        let mut mean = [0.0f64; 5];
        let seeds = 50;
        for seed in 0..seeds {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let mut est: Vec<P2> = ps.iter().map(|p| P2::new(*p)).collect();
            let mut all = Vec::new();
            for _ in 0..1000 {
                let x = 100.0 + 10.0 * normal(&mut rng);
                all.push(x);
                est.iter_mut().for_each(|e| e.add(x));
            }
            for (i, p) in ps.iter().enumerate() {
                let err = (est[i].estimate() - exact(&mut all, *p)).abs() / 10.0;
                worst[i] = worst[i].max(err);
                mean[i] += err / seeds as f64;
            }
        }
        for i in 0..5 {
            let bound = if i == 0 || i == 4 { 0.35 } else { 0.15 };
            assert!(
                worst[i] < bound,
                "p={} worst {} mean {}",
                ps[i],
                worst[i],
                mean[i]
            );
            assert!(mean[i] < bound / 2.0, "p={} mean {}", ps[i], mean[i]);
        }
    }

    #[test]
    fn few_observations_are_exact() {
        let mut e = P2::new(0.5);
        assert!(e.estimate().is_nan());
        for x in [3.0, 1.0, 2.0] {
            e.add(x);
        }
        assert_eq!(e.estimate(), 2.0);
        assert_eq!(e.count(), 3);
    }

    /// Worst and mean absolute error, in units of the distribution's standard deviation,
    /// of an estimator against the exact sample quantiles over 50 seeds of 1,000 draws.
    fn errors(
        draw: impl Fn(&mut rand_chacha::ChaCha8Rng) -> f64,
        sd: f64,
        estimate: impl Fn(&[f64], &[f64]) -> Vec<f64>,
    ) -> ([f64; 5], [f64; 5]) {
        let ps = [0.025, 0.1, 0.5, 0.9, 0.975];
        let (mut worst, mut mean) = ([0.0f64; 5], [0.0f64; 5]);
        let seeds = 50;
        for seed in 0..seeds {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let mut all: Vec<f64> = (0..1000).map(|_| draw(&mut rng)).collect();
            let est = estimate(&all, &ps);
            for (i, p) in ps.iter().enumerate() {
                let err = (est[i] - exact(&mut all, *p)).abs() / sd;
                worst[i] = worst[i].max(err);
                mean[i] += err / seeds as f64;
            }
        }
        (worst, mean)
    }

    fn binned(values: &[f64], ps: &[f64]) -> Vec<f64> {
        let mut b = Binned::new();
        values.iter().for_each(|x| b.add(*x));
        ps.iter().map(|p| b.quantile(*p)).collect()
    }

    fn p2(values: &[f64], ps: &[f64]) -> Vec<f64> {
        ps.iter()
            .map(|p| {
                let mut e = P2::new(*p);
                values.iter().for_each(|x| e.add(*x));
                e.estimate()
            })
            .collect()
    }

    #[test]
    fn binned_is_closer_to_exact_quantiles_than_p2() {
        let normal_draw = |rng: &mut rand_chacha::ChaCha8Rng| 100.0 + 10.0 * normal(rng);
        // Log-normal with σ = 0.3: skewed like a population after decades of shocks.
        let lognormal_draw = |rng: &mut rand_chacha::ChaCha8Rng| 1000.0 * (0.3 * normal(rng)).exp();
        let lognormal_sd = 1000.0 * ((0.09f64).exp() - 1.0).sqrt() * (0.045f64).exp();
        for (name, (bw, bm), (pw, pm)) in [
            (
                "normal",
                errors(normal_draw, 10.0, binned),
                errors(normal_draw, 10.0, p2),
            ),
            (
                "log-normal",
                errors(lognormal_draw, lognormal_sd, binned),
                errors(lognormal_draw, lognormal_sd, p2),
            ),
        ] {
            println!(
                "{name}: binned worst {bw:.3?} mean {bm:.3?}; P² worst {pw:.3?} mean {pm:.3?}"
            );
            for i in 0..5 {
                let bound = if i == 0 || i == 4 { 0.05 } else { 0.03 };
                assert!(bw[i] < bound, "{name} binned p#{i} worst {}", bw[i]);
                assert!(bm[i] < bound / 3.0, "{name} binned p#{i} mean {}", bm[i]);
                assert!(
                    bm[i] < pm[i],
                    "{name} binned p#{i} mean {} vs P² {}",
                    bm[i],
                    pm[i]
                );
            }
        }
    }

    #[test]
    fn binned_is_exact_up_to_the_pilot_and_handles_constants_and_tails() {
        let mut b = Binned::new();
        assert!(b.quantile(0.5).is_nan());
        let mut v: Vec<f64> = (0..PILOT).map(|i| ((i * 37) % PILOT) as f64).collect();
        v.iter().for_each(|x| b.add(*x));
        for p in [0.0, 0.025, 0.1, 0.5, 0.9, 0.975, 1.0] {
            assert_eq!(b.quantile(p), exact(&mut v, p), "p={p}");
        }
        // A constant series stays constant; an outlier afterwards only moves the extremes.
        let mut c = Binned::new();
        (0..1000).for_each(|_| c.add(0.0));
        assert_eq!(c.quantile(0.5), 0.0);
        assert_eq!(c.quantile(0.025), 0.0);
        c.add(5.0);
        assert!(c.quantile(0.5).abs() < 1e-12, "{}", c.quantile(0.5));
        assert_eq!(c.quantile(1.0), 5.0);
        // Values far outside the pilot's range are counted in the tails, within min/max.
        let mut t = Binned::new();
        (0..PILOT).for_each(|i| t.add(i as f64));
        (0..PILOT).for_each(|i| t.add(1000.0 + i as f64));
        let q = t.quantile(0.9);
        assert!((1000.0..=1063.0).contains(&q), "{q}");
        assert!(t.quantile(0.1) < PILOT as f64);
        // Quantiles are monotone in p.
        let mut last = f64::NEG_INFINITY;
        for k in 0..=100 {
            let q = t.quantile(k as f64 / 100.0);
            assert!(q >= last, "not monotone at {k}");
            last = q;
        }
        t.clear();
        assert_eq!(t.count(), 0);
        assert!(t.quantile(0.5).is_nan());
    }
}
