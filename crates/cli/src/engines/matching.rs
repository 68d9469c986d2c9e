//! `standort match occupations`.

use std::path::PathBuf;

use anyhow::Context;
use standort_matching::batch::{self, BatchOptions};

use super::io::{Output, TaxonomyArgs, load_taxonomy, open_or_stdin};

pub(super) const OCCUPATIONS_EXAMPLE: &str = r#"Example:
  standort match occupations --batch people.jsonl --esco ./esco-v1.1.1 --top 5 --out ranked.jsonl

Input, one request per line (blank lines skipped; `id` is any JSON value, echoed back):
  {"id": "p-1", "skills": ["http://data.europa.eu/esco/skill/…", …]}
Output, one line per request, in input order, best first:
  {"id": "p-1", "occupations": [{"uri": "http://data.europa.eu/esco/occupation/…", "score": 0.93}, …]}
A malformed line or an unknown skill URI stops the run with its line number."#;

#[derive(Debug, clap::Args)]
pub struct OccupationsArgs {
    /// JSON lines with `id` and `skills` (ESCO skill URIs); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub batch: PathBuf,
    #[command(flatten)]
    pub esco: TaxonomyArgs,
    /// Occupations per answer.
    #[arg(long = "top", value_name = "K", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub top_k: u32,
    /// Output file, written only if every line succeeds; `-` is standard output.
    #[arg(long, value_name = "FILE|-", default_value = "-", value_parser = Output::parse)]
    pub out: Output,
    /// Ignore skill URIs ESCO does not know instead of stopping at them.
    #[arg(long)]
    pub skip_unknown_skills: bool,
}

pub(super) fn occupations(args: &OccupationsArgs) -> anyhow::Result<()> {
    let input = open_or_stdin(&args.batch, "batch file")?;
    let loaded = load_taxonomy(&args.esco)?;
    let taxonomy = loaded.get();
    let options = BatchOptions {
        top_k: args.top_k as usize,
        skip_unknown_skills: args.skip_unknown_skills,
        ..BatchOptions::default()
    };
    let summary = args.out.write(|w| {
        batch::run(taxonomy, input, w, &options)
            .with_context(|| format!("batch file {}", args.batch.display()))
    })?;
    eprintln!(
        "answered {} requests{} → {}",
        summary.requests,
        if summary.unknown_skills > 0 {
            format!(" ({} unknown skill URIs ignored)", summary.unknown_skills)
        } else {
            String::new()
        },
        args.out.describe()
    );
    Ok(())
}
