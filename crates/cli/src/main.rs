//! The one binary: `standort serve`, `export`, `import-all`, `audit verify` and the module
//! commands.

mod audit;
mod bench_digest;
mod bench_load;
mod bench_supply;
mod config;
mod demography_import;
mod engines;
mod esco_import;
mod retention;

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// Standort — platform for a regional economic-development agency.
#[derive(Debug, Parser)]
#[command(name = "standort", version, about)]
struct Cli {
    /// Configuration file (TOML); flags and STANDORT_* environment variables win over it.
    #[arg(long, global = true, env = "STANDORT_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (pages and /api/v1).
    Serve(config::ServeArgs),
    /// Write the whole database to a portable, versioned archive.
    Export {
        #[command(flatten)]
        db: config::DbArgs,
        /// Archive file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore an archive into an empty database of either kind.
    ImportAll {
        /// Archive file written by `standort export`.
        file: PathBuf,
        #[command(flatten)]
        db: config::DbArgs,
    },
    /// The ESCO classification of occupations and skills: import into the database.
    #[command(subcommand)]
    Esco(esco_import::EscoCommand),
    /// Population projections: import, project, back-test.
    #[command(subcommand)]
    Demography(engines::DemographyCommand),
    /// Matching of skills, candidates and positions.
    #[command(subcommand)]
    Match(engines::MatchCommand),
    /// Personal data: apply the retention rule (erase ended processes without talent-pool consent).
    #[command(subcommand)]
    Retention(retention::RetentionCommand),
    /// The audit log: verify its hash chain.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Measurements that go into BENCHMARKS.md.
    #[command(subcommand)]
    Bench(engines::BenchCommand),
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("STANDORT_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let file = config::FileConfig::load(cli.config.as_deref())?;
    match cli.command {
        Command::Serve(args) => runtime()?.block_on(config::serve(args.resolve(&file)?)),
        Command::Export { db, out } => runtime()?.block_on(async {
            let db = config::open_db(&db.resolve(&file)).await?;
            let tmp = out.with_extension("partial");
            let mut writer = std::io::BufWriter::new(
                std::fs::File::create(&tmp)
                    .with_context(|| format!("cannot create {}", tmp.display()))?,
            );
            let summary = standort_store::archive::export(&db, &mut writer).await?;
            drop(writer);
            std::fs::rename(&tmp, &out)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("exported {} rows to {}", summary.rows, out.display());
            for (table, n) in summary.tables {
                eprintln!("  {table}: {n}");
            }
            Ok(())
        }),
        Command::ImportAll { file: archive, db } => runtime()?.block_on(async {
            let db = config::open_db(&db.resolve(&file)).await?;
            let reader = std::io::BufReader::new(
                std::fs::File::open(&archive)
                    .with_context(|| format!("cannot open {}", archive.display()))?,
            );
            let summary = standort_store::archive::import(&db, reader).await?;
            eprintln!("imported {} rows from {}", summary.rows, archive.display());
            Ok(())
        }),
        Command::Esco(cmd) => esco_import::run(cmd, &file),
        Command::Demography(cmd) => engines::demography(cmd, &file),
        Command::Match(cmd) => engines::matching(cmd),
        Command::Bench(cmd) => engines::bench(cmd, &file),
        Command::Retention(cmd) => retention::run(cmd, &file),
        Command::Audit(cmd) => {
            if !audit::run(cmd, &file)? {
                std::process::exit(1);
            }
            Ok(())
        }
    }
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}
