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
        let mut v: Vec<SkillId> = tax
            .essential(o)
            .iter()
            .chain(tax.optional(o))
            .copied()
            .collect();
        v.sort_unstable();
        v
    };
    let common =
        |a: &[SkillId], b: &[SkillId]| a.iter().filter(|s| b.binary_search(s).is_ok()).count();
    let mut ranker = OccupationRanker::new(&tax, OccupationWeights::default());
    if std::env::var("ORACLE").is_ok() {
        oracle(&tax, &persons, &protocol, &mut ranker);
        return;
    }
    let (mut misses, mut tied, mut family) = (0, 0, 0);
    // Recall expected if equal scores were ordered at random instead of by id.
    let (mut fair1, mut fair10) = (0.0, 0.0);
    for p in &persons {
        let ranked = ranker.rank(&p.skills, 200);
        let pos = ranked.iter().position(|m| m.occupation == p.occupation);
        if let Some(r) = pos {
            let s = ranked[r].score;
            let above = ranked.iter().filter(|m| m.score > s).count() as f64;
            let equal = ranked.iter().filter(|m| m.score == s).count() as f64;
            fair1 += if above == 0.0 { 1.0 / equal } else { 0.0 };
            fair10 += ((at as f64 - above) / equal).clamp(0.0, 1.0);
        }
        if pos.is_some_and(|r| r < at) {
            continue;
        }
        misses += 1;
        let o = p.occupation;
        let (e, op) = (tax.essential(o), tax.optional(o));
        let exact_e = p
            .skills
            .iter()
            .filter(|s| e.binary_search(s).is_ok())
            .count();
        let exact_o = p
            .skills
            .iter()
            .filter(|s| op.binary_search(s).is_ok())
            .count();
        let nb_e = p
            .skills
            .iter()
            .filter(|s| e.binary_search(s).is_err() && op.binary_search(s).is_err())
            .filter(|&&s| tax.neighbours(s).iter().any(|x| e.binary_search(x).is_ok()))
            .count();
        let true_score = pos.map_or(f64::NAN, |r| ranked[r].score);
        // Misses only by the id order among equal scores: a lottery no score can win.
        let strict = ranked.iter().filter(|m| m.score > true_score).count() >= at;
        if !strict {
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
        if strict && std::env::var("DETAIL").is_ok() {
            // What tells the true occupation apart from the tenth: skills only one lists, and
            // how the person's skills relate to them.
            let other = ranked[at - 1].occupation;
            let lother = listed(other);
            let skill = |s: SkillId| {
                let sk = &esco.skills()[s.0 as usize];
                sk.labels.preferred_in(&[Lang::EN]).to_owned()
            };
            let show = |name: &str, only: Vec<SkillId>, occ: OccupationId| {
                for s in only {
                    let ess = tax.essential(occ).binary_search(&s).is_ok();
                    let held = p.skills.binary_search(&s).is_ok();
                    let nb: Vec<String> = tax
                        .neighbours(s)
                        .into_iter()
                        .filter(|x| p.skills.binary_search(x).is_ok())
                        .map(skill)
                        .collect();
                    println!(
                        "      {name} {} {} |N| {} held {} neighbours held {:?}",
                        if ess { "E" } else { "O" },
                        skill(s),
                        tax.neighbour_count(s),
                        held,
                        nb
                    );
                }
            };
            println!("   vs #{at} {} ({:.3})", label(other), ranked[at - 1].score);
            show(
                "true only",
                lo.iter()
                    .copied()
                    .filter(|s| lother.binary_search(s).is_err())
                    .collect(),
                o,
            );
            show(
                "other only",
                lother
                    .iter()
                    .copied()
                    .filter(|s| lo.binary_search(s).is_err())
                    .collect(),
                other,
            );
            let held: Vec<String> = p
                .skills
                .iter()
                .map(|&s| {
                    let tag = if e.binary_search(&s).is_ok() {
                        "E"
                    } else if op.binary_search(&s).is_ok() {
                        "O"
                    } else {
                        "-"
                    };
                    format!("{tag}:{}", skill(s))
                })
                .collect();
            println!("      held {held:?}");
        }
    }
    println!(
        "misses at {at}: {misses} of {} ({tied} lost only on the order of equal scores, {family} \
         behind an occupation listing all but ≤ 2 of the true one's skills)",
        persons.len()
    );
    let n = persons.len() as f64;
    println!(
        "recall with equal scores in random order (expected): @1 {:.4}, @{at} {:.4}",
        fair1 / n,
        fair10 / n
    );
}

/// Recall of an approximate generative likelihood that knows the protocol (share ranges,
/// replacement chance, number of random skills): a ceiling estimate for any score, not a
/// usable one. Reranks the ranker's top 300.
fn oracle(
    tax: &standort_matching::Taxonomy,
    persons: &[standort_matching::synth::Person],
    protocol: &Protocol,
    ranker: &mut OccupationRanker,
) {
    let rho = protocol.neighbour;
    let plain = tax.skills().filter(|&s| !tax.is_group(s)).count() as f64;
    let eps = (protocol.random_max as f64 / 2.0) / plain;
    let grid = |lo: f64, hi: f64| -> Vec<f64> {
        (0..7)
            .map(|i| lo + (hi - lo) * (f64::from(i) + 0.5) / 7.0)
            .collect()
    };
    let us = grid(protocol.essential.0, protocol.essential.1);
    let vs = grid(protocol.optional.0, protocol.optional.1);
    let (mut at1, mut at10, mut base1, mut base10) = (0, 0, 0, 0);
    for p in persons {
        let ranked = ranker.rank(&p.skills, 300);
        if let Some(r) = ranked.iter().position(|m| m.occupation == p.occupation) {
            base10 += usize::from(r < 10);
            base1 += usize::from(r == 0);
        }
        let nbs: Vec<Vec<SkillId>> = p.skills.iter().map(|&x| tax.neighbours(x)).collect();
        let mut scored: Vec<(f64, OccupationId)> = ranked
            .iter()
            .map(|m| {
                let o = m.occupation;
                let (e, op) = (tax.essential(o), tax.optional(o));
                let ab: Vec<(f64, f64)> = p
                    .skills
                    .iter()
                    .zip(&nbs)
                    .map(|(x, nb)| {
                        let mut a = if e.binary_search(x).is_ok() {
                            1.0 - rho
                        } else {
                            0.0
                        };
                        let mut b = if op.binary_search(x).is_ok() {
                            1.0 - rho
                        } else {
                            0.0
                        };
                        for s in nb {
                            let per = rho / f64::from(tax.neighbour_count(*s).max(1));
                            if e.binary_search(s).is_ok() {
                                a += per;
                            } else if op.binary_search(s).is_ok() {
                                b += per;
                            }
                        }
                        (a, b)
                    })
                    .collect();
                let he = p
                    .skills
                    .iter()
                    .filter(|x| e.binary_search(x).is_ok())
                    .count() as f64;
                let ho = p
                    .skills
                    .iter()
                    .filter(|x| op.binary_search(x).is_ok())
                    .count() as f64;
                let (n, mm) = (e.len() as f64, op.len() as f64);
                let mut terms = Vec::new();
                for &u in &us {
                    for &v in &vs {
                        let mut ll: f64 = ab.iter().map(|(a, b)| (u * a + v * b + eps).ln()).sum();
                        ll += (n - he) * (1.0 - u * (1.0 - rho)).ln();
                        ll += (mm - ho) * (1.0 - v * (1.0 - rho)).ln();
                        ll -= rho * (u * n + v * mm);
                        terms.push(ll);
                    }
                }
                let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let lse = max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln();
                (lse, o)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        if let Some(r) = scored.iter().position(|s| s.1 == p.occupation) {
            at10 += usize::from(r < 10);
            at1 += usize::from(r == 0);
        }
    }
    let n = persons.len() as f64;
    println!(
        "engine {:.4} / {:.4}, oracle rerank of its top 300: {:.4} / {:.4}",
        base1 as f64 / n,
        base10 as f64 / n,
        at1 as f64 / n,
        at10 as f64 / n
    );
}
