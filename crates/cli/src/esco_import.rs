//! `standort esco import PATH… --database URL`: reads the official ESCO CSV download (zips or
//! unpacked folders, one or several language packs) and writes it to the database in one
//! transaction — all or nothing. Re-importing a newer version updates concepts in place (by
//! URI), so every candidate's and position's reference stays valid.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::{DbArgs, FileConfig, open_db};

#[derive(Debug, clap::Subcommand)]
pub enum EscoCommand {
    /// Import the ESCO classification (occupations, skills, labels, relations).
    Import {
        /// The ESCO download: zip files or unpacked folders (classification and relations;
        /// several language packs merge their labels).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArgs,
    },
}

fn bar(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len).with_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {percent:>3}% {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    bar
}

pub fn run(cmd: EscoCommand, file: &FileConfig) -> anyhow::Result<()> {
    match cmd {
        EscoCommand::Import { paths, db } => {
            let url = db.resolve(file);
            let started = Instant::now();
            let reading = bar(0, "reading");
            let dataset = standort_esco::Dataset::load_with(
                &paths,
                &standort_esco::LoadOptions::default(),
                &mut |p: standort_esco::Progress| {
                    reading.set_length(p.bytes_total);
                    reading.set_position(p.bytes_done);
                },
            )
            .context("cannot read the ESCO files; nothing was imported")?;
            reading.finish();
            let source = paths
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect::<Vec<_>>()
                .join(", ");
            let data = standort_app::esco::data_from_dataset(&dataset, &source);
            drop(dataset);
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let db = open_db(&url).await?;
                let writing = bar(data.total_rows(), "writing");
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs() as i64)
                    .unwrap_or(0);
                let summary = standort_app::esco::import(&db, &data, now, &mut |done| {
                    writing.set_position(done)
                })
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))
                .context("the import failed; nothing was imported")?;
                writing.finish();
                eprintln!(
                    "imported ESCO (generation {}): {} occupations, {} skills, {} labels, {} relations in {:.1} s",
                    summary.generation,
                    summary.occupations,
                    summary.skills,
                    summary.labels,
                    summary.relations,
                    started.elapsed().as_secs_f64()
                );
                db.close().await;
                Ok(())
            })
        }
    }
}
