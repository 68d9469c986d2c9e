//! `cargo run --release -p standort-matching --example occupation_misses [-- ESCO_DIR]`: the
//! persons of one synthetic population (`SEED`, default 1; `PERSONS`, default 2,000;
//! `PROTOCOL=neighbour|published`, default neighbour) whose true occupation is not in the top
//! ten (`AT`, default 10) of the default `OccupationWeights`, with what the person held and what
//! ranked above. A diagnostic for fitting the coefficients: it shows whether the misses are
//! occupations with near-identical skill sets or evidence the score weighs badly.

use standort_esco::Lang;
use standort_matching::synth::{Protocol, population_with};
use standort_matching::{OccupationId, OccupationRanker, OccupationWeights, SkillId, from_esco};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/esco-v1.1.1"
        )
        .to_owned()
    });
    let paths = [
        format!("{dir}/ESCO dataset - v1.1.1 - classification - en - csv.zip"),
        format!("{dir}/ESCO dataset - v1.1.1 - relations - csv.zip"),
    ];
    let esco = standort_esco::Dataset::load(&paths).expect("load the ESCO files");
    let tax = from_esco(&esco);
    let n = env_or("PERSONS", 2_000);
    let seed = env_or("SEED", 1);
    let at: usize = env_or("AT", 10);
    let protocol = if std::env::var("PROTOCOL").as_deref() == Ok("published") {
        Protocol::PUBLISHED
    } else {
        Protocol::NEIGHBOUR
    };
    let persons = population_with(&tax, n, seed, &protocol);
    let label = |o: OccupationId| {
        esco.occupations()[o.0 as usize]
            .labels
            .preferred_in(&[Lang::EN])
            .to_owned()
    };
    let listed = |o: OccupationId| -> Vec<SkillId> {
        let mut v: Vec<SkillId> = tax.essential(o).iter().chain(tax.optional(o)).copied().collect();
        v.sort_unstable();
        v
    };
    let common = |a: &[SkillId], b: &[SkillId]| a.iter().filter(|s| b.binary_search(s).is_ok()).count();
    let mut ranker = OccupationRanker::new(&tax, OccupationWeights::default());
    let (mut misses, mut tied, mut family) = (0, 0, 0);
    for p in &persons {
        let ranked = ranker.rank(&p.skills, 200);
        let pos = ranked.iter().position(|m| m.occupation == p.occupation);
        if pos.is_some_and(|r| r < at) {
            continue;
        }
        misses += 1;
        let o = p.occupation;
        let (e, op) = (tax.essential(o), tax.optional(o));
        let exact_e = p.skills.iter().filter(|s| e.binary_search(s).is_ok()).count();
        let exact_o = p.skills.iter().filter(|s| op.binary_search(s).is_ok()).count();
        let nb_e = p
            .skills
            .iter()
            .filter(|s| e.binary_search(s).is_err() && op.binary_search(s).is_err())
            .filter(|&&s| tax.neighbours(s).iter().any(|x| e.binary_search(x).is_ok()))
            .count();
        let true_score = pos.map_or(f64::NAN, |r| ranked[r].score);
        // Misses only by the id order among equal scores: a lottery no score can win.
        if ranked.iter().filter(|m| m.score > true_score).count() < at {
            tied += 1;
        }
        let lo = listed(o);
        // Misses where the first occupation lists all but at most two of the true one's skills.
        if common(&lo, &listed(ranked[0].occupation)) + 2 >= lo.len() {
            family += 1;
        }
        println!(
            "MISS {} (rank {}, score {:.3}) E {} O {} | held {}: exact E {} O {}, neighbour of E {}",
            label(o),
            pos.map_or("-".to_owned(), |r| (r + 1).to_string()),
            true_score,
            e.len(),
            op.len(),
            p.skills.len(),
            exact_e,
            exact_o,
            nb_e
        );
        for m in ranked.iter().take(3) {
            let e2 = tax.essential(m.occupation);
            println!(
                "   {:.3} {} E {} O {} | common E {} listed {}",
                m.score,
                label(m.occupation),
                e2.len(),
                tax.optional(m.occupation).len(),
                common(e, e2),
                common(&lo, &listed(m.occupation)),
            );
        }
    }
    println!(
        "misses at {at}: {misses} of {} ({tied} lost only on the order of equal scores, {family} \
         behind an occupation listing all but ≤ 2 of the true one's skills)",
        persons.len()
    );
}
