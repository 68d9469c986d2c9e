//! `cargo bench -p standort-placement --bench tracks`: what a request for the overdue card or a
//! programme board costs in the engine — replaying every placement's history, deriving its due
//! items and overdue ones, and the board's funnel and time-in-stage figures — for 1,000, 10,000
//! and 100,000 placements at every stage (a full 19-step path cut at each length). Prints one
//! line per size and the last line as JSON. Median of 5 runs; `SIZES=…` to change the sizes.

use std::time::Instant;

use standort_placement::Event::*;
use standort_placement::board::{funnel, stage_spans, stage_stats};
use standort_placement::{Context, ContractKind, Event, Level, Placement, Route, overdue};

const PATH: [(Event, i64); 19] = [
    (LanguageCourseStarted { level: Level::A1 }, 0),
    (RecognitionNotNeeded, 5),
    (
        LanguageExamTaken {
            level: Level::B1,
            passed: true,
        },
        100,
    ),
    (LanguageCertified { level: Level::B1 }, 110),
    (ContractOffered, 120),
    (
        ContractSigned {
            contract: ContractKind::Employment,
        },
        125,
    ),
    (VisaRouteChosen { route: Route::S18a }, 130),
    (VisaApplied, 140),
    (VisaGranted, 160),
    (HousingArranged, 170),
    (Arrived, 180),
    (HealthInsurance, 180),
    (Registered, 185),
    (MentorAssigned, 186),
    (BankAccount, 190),
    (ResidencePermit, 200),
    (EmploymentStarted, 200),
    (RetentionCheck6, 390),
    (RetentionCheck12, 570),
];

fn histories(n: usize) -> Vec<Vec<(Event, i64)>> {
    (0..n)
        .map(|i| {
            let start = 10_000 + (i % 400) as i64;
            PATH.iter()
                .take(1 + i % PATH.len())
                .map(|(e, d)| (*e, start + d))
                .collect()
        })
        .collect()
}

fn run(h: &[Vec<(Event, i64)>], today: i64) -> (usize, usize) {
    let ctx = Context::default();
    let states: Vec<Placement> = h.iter().map(|x| Placement::replay(ctx, x.iter())).collect();
    let mut late = 0;
    for s in &states {
        late += overdue(&s.due_items(&[]), today).len();
    }
    let spans: Vec<_> = h.iter().flat_map(|x| stage_spans(x)).collect();
    let stats = stage_stats(&spans);
    let f = funnel(states.iter());
    (late + f.len(), stats.len())
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|v| v.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let today = 11_000;
    // The path is valid: every step is accepted by the engine.
    let mut p = Placement::new(Context::default());
    for (e, d) in PATH {
        p.apply(e, 10_000 + d, 20_000).expect("valid path");
    }
    let mut last = String::new();
    for n in sizes {
        let h = histories(n);
        let mut times = Vec::new();
        let mut check = (0, 0);
        for _ in 0..5 {
            let t = Instant::now();
            check = run(&h, today);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let events: usize = h.iter().map(Vec::len).sum();
        println!(
            "{n} placements ({events} events): replay + due + overdue + funnel + time in stage {:.2} ms (median of 5; {} overdue+funnel rows, {} stage rows)",
            times[2], check.0, check.1
        );
        last = format!(
            "{{\"placements\":{n},\"events\":{events},\"median_ms\":{:.3}}}",
            times[2]
        );
    }
    println!("{last}");
}
