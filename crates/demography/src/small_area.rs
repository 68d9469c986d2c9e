//! Small-area uncertainty: the demographic (Poisson) noise of few people.
//!
//! The stochastic trajectories ([`crate::stochastic`]) vary the *rates* of a region with its own
//! rates; a village that inherits its municipality's trajectory (raked to it) would otherwise
//! inherit its municipality's *relative* band, as if 300 people were as predictable as 10,000.
//! Here every band count gets, on top of that, the noise of the individual events behind it:
//! over `years` years a band of `expected` people sees about `expected × events × years`
//! independent births, deaths, moves in and moves out (`events` per person-year), each
//! changing the count by one. Their sum has variance ≈ that number (Poisson/Skellam), so the
//! relative variance added is `s² = events × years / expected`: negligible for a district,
//! dominant for a village's crèche band.
//!
//! The band's quantile ratios (to the median) are widened on the log scale:
//! a lower ratio `q = e^{-d}` becomes `e^{-√(d² + z²s²)}`, an upper ratio `e^{u}` becomes
//! `e^{√(u² + z²s²)}` (`z` of the quantile), which is the combination of the inherited
//! log-normal spread with an independent one of variance `s²`. The village's deviations are
//! idiosyncratic around its raked share of the parent, so they do not widen the parent.

/// Standard normal quantiles of the ratios' levels: 2.5 %, 10 %, 90 %, 97.5 %.
pub const Z: [f64; 4] = [
    -1.959_963_984_540,
    -1.281_551_565_545,
    1.281_551_565_545,
    1.959_963_984_540,
];

/// Widens quantile ratios `[p2.5, p10, p90, p97.5] / median` of a band whose median is
/// `expected` people, with `events` independent events per person and year, `years` ahead.
/// Ratios stay ordered; with no events (or no people) they are returned unchanged.
pub fn widen(ratios: [f64; 4], expected: f64, events: f64, years: f64) -> [f64; 4] {
    if !(expected > 0.0 && events > 0.0 && years > 0.0) {
        return ratios;
    }
    let s2 = events * years / expected;
    let mut out = ratios;
    for (q, z) in out.iter_mut().zip(Z) {
        if !(*q > 0.0 && q.is_finite()) {
            continue;
        }
        let l = q.ln();
        // Distance from the median on the ratio's own side (0 if it lies on the other side).
        let d = if z < 0.0 { (-l).max(0.0) } else { l.max(0.0) };
        let widened = (d * d + z * z * s2).sqrt() - d;
        *q = if z < 0.0 {
            (l - widened).exp()
        } else {
            (l + widened).exp()
        };
    }
    out[0] = out[0].min(out[1]);
    out[3] = out[3].max(out[2]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ratios() -> impl Strategy<Value = [f64; 4]> {
        (0.3f64..1.0, 0.0f64..1.0, 0.0f64..1.0, 1.0f64..2.5).prop_map(|(lo, a, b, hi)| {
            let p10 = lo + (1.0 - lo) * a;
            let p90 = 1.0 + (hi - 1.0) * b;
            [lo, p10, p90, hi]
        })
    }

    proptest! {
        /// For equal structure (same inherited ratios, same event rate) a smaller area never
        /// gets a narrower relative band.
        #[test]
        fn smaller_area_is_not_narrower(
            q in ratios(),
            small in 1.0f64..5_000.0,
            factor in 1.0f64..100.0,
            events in 0.0f64..0.6,
            years in 1u32..30,
        ) {
            let large = small * factor;
            let a = widen(q, small, events, f64::from(years));
            let b = widen(q, large, events, f64::from(years));
            prop_assert!(a[0] <= b[0] + 1e-12 && a[1] <= b[1] + 1e-12);
            prop_assert!(a[2] + 1e-12 >= b[2] && a[3] + 1e-12 >= b[3]);
            // Never narrower than the inherited band, and still ordered.
            prop_assert!(b[0] <= q[0] + 1e-12 && b[3] + 1e-12 >= q[3]);
            prop_assert!(a[0] <= a[1] && a[1] <= a[2] && a[2] <= a[3]);
        }

        #[test]
        fn further_ahead_is_not_narrower(q in ratios(), n in 1.0f64..10_000.0, t in 1u32..29) {
            let a = widen(q, n, 0.2, f64::from(t));
            let b = widen(q, n, 0.2, f64::from(t + 1));
            prop_assert!(b[0] <= a[0] + 1e-12 && b[3] + 1e-12 >= a[3]);
        }
    }

    #[test]
    fn a_village_creche_band_is_much_wider_than_a_towns() {
        let q = [0.9, 0.95, 1.05, 1.1];
        // 8 small children vs 270 in the town, 0.3 events per child-year, 10 years ahead.
        let village = widen(q, 8.0, 0.3, 10.0);
        let town = widen(q, 270.0, 0.3, 10.0);
        assert!(
            village[3] - village[0] > 3.0 * (town[3] - town[0]),
            "{village:?} {town:?}"
        );
        assert_eq!(widen(q, 8.0, 0.0, 10.0), q);
        assert_eq!(widen(q, 0.0, 0.3, 10.0), q);
    }
}
