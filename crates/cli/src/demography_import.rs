//! `standort demography import`: regions, population and flows from CSV or XLSX files into the
//! database (all or nothing, every problem with its file and line), optionally followed by a
//! projection run (`--project`). Formats: docs/demography.md.

use std::path::PathBuf;

use anyhow::Context;
use standort_app::demography::{ImportError, ImportFiles, project};

use crate::config;

/// Import demography data (CSV or XLSX) into the database and optionally project.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  standort demography import --database sqlite://standort.db \\\n    --regions regionen.csv --population bevoelkerung.xlsx --flows bewegungen.csv --project"
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
    /// Flows: region_key,year,kind,age,sex,count.
    #[arg(long)]
    pub flows: Option<PathBuf>,
    /// Compute and store the projection of every region afterwards.
    #[arg(long)]
    pub project: bool,
    /// Projection horizon in years.
    #[arg(long, default_value_t = 20)]
    pub horizon: usize,
    /// Stochastic trajectories for the 80 % and 95 % intervals.
    #[arg(long, default_value_t = 500)]
    pub trajectories: usize,
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
        && !args.project
    {
        anyhow::bail!("nothing to do: give --regions, --population and/or --flows, or --project");
    }
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
            if args.project {
                eprintln!(
                    "projecting every region ({} years, {} trajectories) …",
                    args.horizon, args.trajectories
                );
                let run = app
                    .demography_project(
                        None,
                        &project::Options {
                            horizon: args.horizon,
                            trajectories: args.trajectories,
                            ..Default::default()
                        },
                    )
                    .await?;
                eprintln!(
                    "projection run {} stored: {} → {}",
                    run.id, run.base_year, run.last_year
                );
                if let Some(bt) = run
                    .summary
                    .get("backtest")
                    .and_then(|v| serde_json::from_value::<project::BacktestSummary>(v.clone()).ok())
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
