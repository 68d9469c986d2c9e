//! `standort demography import`: regions, population and flows from CSV or XLSX files into the
//! database (all or nothing, every problem with its file and line), optionally followed by a
//! projection run (`--project`). Formats: docs/demography.md.

use std::path::PathBuf;

use anyhow::Context;
use standort_app::demography::{ImportError, ImportFiles};
use standort_demography::service;

use crate::config;

/// Import demography data (CSV or XLSX) into the database and optionally project.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  standort demography import --database sqlite://standort.db \\\n    --regions regionen.csv --population bevoelkerung.xlsx --flows bewegungen.csv --project\n\n  standort demography import --database sqlite://standort.db \\\n    --assumptions landesprognose.csv --assumption-set \"Landesprognose 2024 mittel\" \\\n    --project --base-years 2021-2023 --use-assumptions \"Landesprognose 2024 mittel\""
)]
pub struct ImportArgs {
    #[command(flatten)]
    pub db: config::DbArgs,
    /// Region hierarchy: key,name,level,parent_key[,note].
    #[arg(long)]
    pub regions: Option<PathBuf>,
    /// Population: region_key,year,age,sex[,nationality],population.
    #[arg(long)]
    pub population: Option<PathBuf>,
    /// Flows: region_key,year,kind,age,sex[,nationality],count (kinds births, deaths,
    /// immigration, emigration, acquisition).
    #[arg(long)]
    pub flows: Option<PathBuf>,
    /// Assumption set (explicit rates): region_key,kind,year,sex,age[,nationality],value; needs
    /// --assumption-set. Imported after the other files.
    #[arg(long, value_name = "FILE", requires = "assumption_set")]
    pub assumptions: Option<PathBuf>,
    /// Name under which --assumptions is stored (an existing set of this name is replaced).
    #[arg(long, value_name = "NAME", requires = "assumptions")]
    pub assumption_set: Option<String>,
    /// Compute and store the projection of every region afterwards.
    #[arg(long)]
    pub project: bool,
    /// With --project: flow years the derived rates pool, e.g. 2021-2023 (default: every
    /// observed flow year).
    #[arg(long, value_name = "FROM-TO", value_parser = parse_base_years, requires = "project")]
    pub base_years: Option<(i64, i64)>,
    /// With --project: use the explicit rates of this stored assumption set.
    #[arg(long, value_name = "NAME", requires = "project")]
    pub use_assumptions: Option<String>,
    /// Projection horizon in years.
    #[arg(long, default_value_t = 20)]
    pub horizon: usize,
    /// Stochastic trajectories for the 80 % and 95 % intervals.
    #[arg(long, default_value_t = 500)]
    pub trajectories: usize,
}

/// `2021-2023` or a single year `2023`.
fn parse_base_years(s: &str) -> Result<(i64, i64), String> {
    let year = |t: &str| {
        t.trim()
            .parse::<i64>()
            .map_err(|_| format!("{t:?} is not a year (give FROM-TO, e.g. 2021-2023)"))
    };
    match s.split_once(['-', '–']) {
        Some((a, b)) => Ok((year(a)?, year(b)?)),
        None => year(s).map(|y| (y, y)),
    }
}

/// A progress bar on stderr that follows the stages of a projection run (hidden when stderr
/// is not a terminal).
fn stage_bar() -> (indicatif::ProgressBar, impl Fn(service::Step) + Sync) {
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let shown = bar.clone();
    (bar, move |s: service::Step| {
        if shown.message() != s.stage.as_str() {
            shown.set_message(s.stage.as_str());
            shown.reset();
        }
        shown.set_length(s.total as u64);
        shown.set_position(s.done as u64);
    })
}

fn read(path: &Option<PathBuf>) -> anyhow::Result<Option<Vec<u8>>> {
    path.as_ref()
        .map(|p| std::fs::read(p).with_context(|| format!("cannot read {}", p.display())))
        .transpose()
}

pub fn run(args: ImportArgs, file: &config::FileConfig) -> anyhow::Result<()> {
    let files = ImportFiles {
        regions: read(&args.regions)?,
        population: read(&args.population)?,
        flows: read(&args.flows)?,
    };
    if files.regions.is_none()
        && files.population.is_none()
        && files.flows.is_none()
        && args.assumptions.is_none()
        && !args.project
    {
        anyhow::bail!(
            "nothing to do: give --regions, --population, --flows and/or --assumptions, or --project"
        );
    }
    let assumptions = read(&args.assumptions)?;
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let db = config::open_db(&args.db.resolve(file)).await?;
            let app = standort_app::App::new(db, standort_app::Settings::default());
            if files.regions.is_some() || files.population.is_some() || files.flows.is_some() {
                match app.demography_import(None, &files).await {
                    Ok(s) => eprintln!(
                        "imported {} regions, {} population cells, {} flow cells (years {:?})",
                        s.regions, s.population_cells, s.flow_cells, s.years
                    ),
                    Err(ImportError::Invalid { issues, more }) => {
                        for i in &issues {
                            eprintln!("{i}");
                        }
                        if more > 0 {
                            eprintln!("… and {more} more problems");
                        }
                        anyhow::bail!("the import was refused; nothing was written");
                    }
                    Err(ImportError::App(e)) => return Err(e.into()),
                }
            }
            if let (Some(bytes), Some(name)) = (&assumptions, &args.assumption_set) {
                match app.demography_import_assumptions(None, name, bytes).await {
                    Ok(s) => eprintln!(
                        "{} assumption set {:?}: {} regions, kinds {}, {} values",
                        if s.replaced { "replaced" } else { "imported" },
                        s.name,
                        s.regions,
                        s.kinds.join(", "),
                        s.rows
                    ),
                    Err(ImportError::Invalid { issues, more }) => {
                        for i in &issues {
                            eprintln!("{i}");
                        }
                        if more > 0 {
                            eprintln!("… and {more} more problems");
                        }
                        anyhow::bail!("the assumption set was refused; nothing was written");
                    }
                    Err(ImportError::App(e)) => return Err(e.into()),
                }
            }
            if args.project {
                eprintln!(
                    "projecting every region ({} years, {} trajectories) …",
                    args.horizon, args.trajectories
                );
                let (bar, progress) = stage_bar();
                let run = app
                    .demography_project_with(
                        None,
                        &service::Options {
                            horizon: args.horizon,
                            trajectories: args.trajectories,
                            base_years: args.base_years,
                            ..Default::default()
                        },
                        args.use_assumptions.as_deref(),
                        &progress,
                    )
                    .await;
                bar.finish_and_clear();
                let run = run?;
                eprintln!(
                    "projection run {} stored: {} → {}",
                    run.id, run.base_year, run.last_year
                );
                let used = standort_app::demography::RatesUsed::of(&run);
                match used.base_years {
                    Some((from, to)) => eprintln!(
                        "derived rates from the flows of {from}–{to}{}",
                        if used.chosen { " (chosen base years)" } else { " (every observed flow year)" }
                    ),
                    None => eprintln!("no flows observed: parents' rates and the standard schedule"),
                }
                if let Some(name) = &used.assumption_set {
                    eprintln!(
                        "explicit rates of assumption set {name:?} for {}",
                        used.explicit
                            .iter()
                            .map(|(k, kinds)| format!("{k} ({})", kinds.join(", ")))
                            .collect::<Vec<_>>()
                            .join("; ")
                    );
                }
                if let Some(bt) = run
                    .summary
                    .get("backtest")
                    .and_then(|v| serde_json::from_value::<service::BacktestSummary>(v.clone()).ok())
                {
                    println!(
                        "Back-test of the service: from {} with the data known then, against {} (errors in %)",
                        bt.jump_off, bt.to
                    );
                    println!("| method | size class | horizon | units | MAPE | MALPE |");
                    println!("|---|---|---:|---:|---:|---:|");
                    for r in &bt.rows {
                        println!(
                            "| {} | {} | {} | {} | {:.2} | {:+.2} |",
                            r.method, r.size_class, r.horizon, r.units, r.mape, r.malpe
                        );
                    }
                }
            }
            Ok(())
        })
}
