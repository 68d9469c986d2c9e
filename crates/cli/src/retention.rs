//! `standort retention run [--dry-run] [--months N]`: applies the retention rule once — erases
//! candidate profiles whose process ended N months ago or earlier without consent to stay in
//! the talent pool (each erasure audited as "system:retention"). `standort serve` runs the same
//! rule periodically on one instance at a time (a lease row in the database).

use crate::config::{DbArgs, FileConfig, open_db};

#[derive(Debug, clap::Subcommand)]
pub enum RetentionCommand {
    /// Apply the retention rule now.
    Run {
        /// Only list who would be erased.
        #[arg(long)]
        dry_run: bool,
        /// Months after the end of the process (default 6, or `retention_months` in the config file).
        #[arg(long, env = "STANDORT_RETENTION_MONTHS")]
        months: Option<u32>,
        #[command(flatten)]
        db: DbArgs,
    },
}

pub fn run(cmd: RetentionCommand, file: &FileConfig) -> anyhow::Result<()> {
    let RetentionCommand::Run {
        dry_run,
        months,
        db,
    } = cmd;
    let url = db.resolve(file);
    crate::runtime()?.block_on(async {
        let db = open_db(&url).await?;
        let settings = standort_app::Settings {
            retention_months: months.or(file.retention_months).unwrap_or(6),
            ..Default::default()
        };
        let months = settings.retention_months;
        let app = standort_app::App::new(db, settings);
        let report = app.run_retention(dry_run).await?;
        let before = standort_domain::date::format_date(report.ended_before);
        if dry_run {
            eprintln!(
                "dry run: {} candidate profile(s) due (process ended on or before {before}, {months} months, no talent-pool consent): {:?}",
                report.due.len(),
                report.due
            );
        } else {
            eprintln!(
                "erased {} candidate profile(s) (process ended on or before {before}, {months} months, no talent-pool consent): {:?}",
                report.erased.len(),
                report.erased
            );
        }
        println!("{}", serde_json::to_string(&report)?);
        Ok(())
    })
}
