//! `standort bench projection | matching | esco`: the programs behind BENCHMARKS.md. Each
//! prints readable lines on standard output and, last, one JSON object; progress goes to
//! standard error. Sizes default to the figures in BENCHMARKS.md; flags shrink them.

use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;
use standort_demography::bench::{BenchConfig, run_projection_bench};

use super::io::{EscoArgs, TaxonomyArgs, load_taxonomy};

pub(super) const PROJECTION_EXAMPLE: &str = "\
Example (full size, as in BENCHMARKS.md):
  cargo run --release -p standort -- bench projection
Small and quick:
  standort bench projection --regions 200 --trajectories 20

Last line: {\"deterministic_s\":…,\"stochastic_s\":…,\"regions\":…,\"peak_rss_mb\":…}";

pub(super) const MATCHING_EXAMPLE: &str = "\
Example (full size, as in BENCHMARKS.md):
  cargo run --release -p standort -- bench matching --esco ./esco-v1.1.1
Small and quick:
  standort bench matching --esco ./esco-v1.1.1 --persons 100 --profiles 2000 --queries 20

Last line: {\"recall_at_1\":…,\"recall_at_10\":…,\"neighbour_recall_at_1\":…,
\"neighbour_recall_at_10\":…,\"p50_ms\":…,\"p95_ms\":…,\"profiles\":…}
(recall on the published protocol, then on the neighbour protocol of issue 16 — fewer
essential skills, hierarchy neighbours instead of exact skills; p50/p95 and profiles of the
largest index).";

pub(super) const ESCO_EXAMPLE: &str = "\
Example (full size, as in BENCHMARKS.md):
  cargo run --release -p standort -- bench esco --esco ./esco-v1.1.1
Small and quick:
  standort bench esco --esco ./esco-v1.1.1 --queries 200 --repeat 1

Last line: {\"load_ms\":…,\"index_build_ms\":…,\"queries\":…,\"p50_ms\":…,\"p95_ms\":…,…}";

#[derive(Debug, clap::Args)]
pub struct ProjectionBenchArgs {
    /// Synthetic municipalities projected deterministically.
    #[arg(long, default_value_t = BenchConfig::default().regions)]
    pub regions: usize,
    /// Districts (rate schedules) the municipalities belong to.
    #[arg(long, default_value_t = BenchConfig::default().districts)]
    pub districts: usize,
    /// Projected years.
    #[arg(long, default_value_t = BenchConfig::default().years)]
    pub years: usize,
    /// Stochastic trajectories.
    #[arg(long, default_value_t = BenchConfig::default().trajectories)]
    pub trajectories: usize,
    /// Municipalities of the stochastic district.
    #[arg(long, default_value_t = BenchConfig::default().district_regions)]
    pub district_regions: usize,
    /// Seed of the synthetic input and the trajectories.
    #[arg(long, default_value_t = BenchConfig::default().seed)]
    pub seed: u64,
}

pub(super) fn projection(args: &ProjectionBenchArgs) -> anyhow::Result<()> {
    let config = BenchConfig {
        regions: args.regions,
        districts: args.districts,
        years: args.years,
        trajectories: args.trajectories,
        district_regions: args.district_regions,
        seed: args.seed,
    };
    eprintln!(
        "projection bench: {} municipalities in {} districts × {} years; {} trajectories × {} municipalities (one thread)",
        config.regions,
        config.districts,
        config.years,
        config.trajectories,
        config.district_regions
    );
    let report = run_projection_bench(&config).context("projection benchmark")?;
    print!("{report}");
    let last = ProjectionSummary {
        deterministic_s: report.deterministic_s,
        stochastic_s: report.stochastic_s,
        regions: report.regions,
        peak_rss_mb: report.peak_rss_mb,
        deterministic_cpu_s: report.deterministic_cpu_s,
        stochastic_cpu_s: report.stochastic_cpu_s,
        build_s: report.build_s,
        years: config.years,
        trajectories: config.trajectories,
    };
    println!("{}", serde_json::to_string(&last)?);
    Ok(())
}

/// Last line of `bench projection`; the first four keys are the ones BENCHMARKS.md quotes.
#[derive(Serialize)]
struct ProjectionSummary {
    deterministic_s: f64,
    stochastic_s: f64,
    regions: usize,
    peak_rss_mb: Option<f64>,
    deterministic_cpu_s: Option<f64>,
    stochastic_cpu_s: Option<f64>,
    build_s: f64,
    years: usize,
    trajectories: usize,
}

#[derive(Debug, clap::Args)]
pub struct MatchingBenchArgs {
    #[command(flatten)]
    pub esco: TaxonomyArgs,
    /// Synthetic persons for the quality measurement (≥ 1,000 for a meaningful figure).
    #[arg(long, default_value_t = default_matching().persons)]
    pub persons: usize,
    /// Index sizes (candidate profiles) to time, comma-separated.
    #[arg(
        long,
        value_name = "N,…",
        value_delimiter = ',',
        default_value = "100000,1000000"
    )]
    pub profiles: Vec<usize>,
    /// Queries (synthetic positions) per index size.
    #[arg(long, default_value_t = default_matching().queries)]
    pub queries: usize,
    /// Candidates returned per query.
    #[arg(long = "top", value_name = "K", default_value_t = default_matching().top_k)]
    pub top_k: usize,
    /// Profile updates (replace, add, remove) timed per index size.
    #[arg(long, default_value_t = default_matching().updates)]
    pub updates: usize,
    /// Seed of the quality population.
    #[arg(long, default_value_t = default_matching().quality_seed)]
    pub quality_seed: u64,
    /// Seed of the synthetic profiles and positions.
    #[arg(long, default_value_t = default_matching().speed_seed)]
    pub speed_seed: u64,
}

fn default_matching() -> standort_matching::bench::BenchOptions {
    standort_matching::bench::BenchOptions::default()
}

pub(super) fn matching(args: &MatchingBenchArgs) -> anyhow::Result<()> {
    let loaded = load_taxonomy(&args.esco)?;
    let taxonomy = loaded.get();
    let options = standort_matching::bench::BenchOptions {
        persons: args.persons,
        quality_seed: args.quality_seed,
        profile_sizes: args.profiles.clone(),
        queries: args.queries,
        top_k: args.top_k,
        updates: args.updates,
        speed_seed: args.speed_seed,
    };
    eprintln!(
        "matching bench: {} persons (quality); {} queries, top {} on {} profiles (one thread)",
        options.persons,
        options.queries,
        options.top_k,
        options
            .profile_sizes
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(" and ")
    );
    let report = standort_matching::bench::run(taxonomy, &options);
    // `render` ends with the JSON summary line.
    print!("{}", report.render());
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct EscoBenchArgs {
    #[command(flatten)]
    pub esco: EscoArgs,
    /// Generated search queries.
    #[arg(long, default_value_t = default_esco().queries)]
    pub queries: usize,
    /// Hits asked for per query.
    #[arg(long, default_value_t = default_esco().limit)]
    pub limit: usize,
    /// Loads and index builds (the median is reported).
    #[arg(long, default_value_t = default_esco().repeat)]
    pub repeat: usize,
    /// Seed of the query generator.
    #[arg(long, default_value_t = default_esco().seed)]
    pub seed: u64,
}

fn default_esco() -> standort_esco::bench::BenchOptions {
    standort_esco::bench::BenchOptions::default()
}

pub(super) fn esco(args: &EscoBenchArgs) -> anyhow::Result<()> {
    let mut options = default_esco();
    options.queries = args.queries;
    options.limit = args.limit;
    options.repeat = args.repeat;
    options.seed = args.seed;
    let paths: &[PathBuf] = &args.esco.paths;
    eprintln!(
        "ESCO bench: {} load(s) and index build(s), {} queries of {} hits",
        options.repeat.max(1),
        options.queries,
        options.limit
    );
    let report = standort_esco::bench::run(paths, &options).with_context(|| {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        format!("cannot load ESCO from {}", shown.join(", "))
    })?;
    print!("{report}");
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    let last = EscoSummary {
        load_ms: ms(report.load),
        index_build_ms: ms(report.index_build),
        queries: report.all.n,
        p50_ms: ms(report.all.p50),
        p95_ms: ms(report.all.p95),
        p99_ms: ms(report.all.p99),
        max_ms: ms(report.all.max),
        found: report.all.found,
        labels: report.index_entries,
        tokens: report.index_tokens,
    };
    println!("{}", serde_json::to_string(&last)?);
    Ok(())
}

/// Last line of `bench esco`: medians of the load and index build, query latency over all
/// queries, the share of queries whose source concept was among the hits.
#[derive(Serialize)]
struct EscoSummary {
    load_ms: f64,
    index_build_ms: f64,
    queries: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    found: f64,
    labels: usize,
    tokens: usize,
}
