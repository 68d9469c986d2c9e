//! `standort match occupations`.

use std::path::PathBuf;

use anyhow::Context;
use standort_matching::MatchError;
use standort_matching::batch::{self, BatchOptions};

use super::io::{Output, TaxonomyArgs, load_taxonomy, open_or_stdin};

pub(super) const OCCUPATIONS_EXAMPLE: &str = r#"Example:
  standort match occupations --batch people.jsonl --esco ./esco-v1.1.1 --top 5 --out ranked.jsonl

Input, one request per line (blank lines skipped; `id` is any JSON value, echoed back):
  {"id": "p-1", "skills": ["http://data.europa.eu/esco/skill/…", …]}
Output, one line per request, in input order, best first:
  {"id": "p-1", "occupations": [{"uri": "http://data.europa.eu/esco/occupation/…", "score": 0.93}, …]}
Skills may be ESCO skills or skill groups (e.g. the ISCED-F field group
http://data.europa.eu/esco/isced-f/0799): a group counts as broad evidence.
A malformed line or an unknown skill URI stops the run with its line number and a non-zero
exit status. `--out FILE` writes all or nothing: on an error no file is written and an
existing FILE is kept. On standard output the answers before the bad line have already been
written, so the last line is then an error line, never an answer:
  {"error": {"line": 3, "message": "…"}}"#;

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
    /// Output file, written all or nothing (only if every line succeeds); `-` is standard
    /// output, where a failed run ends with an `{"error": …}` line.
    #[arg(long, value_name = "FILE|-", default_value = "-", value_parser = Output::parse)]
    pub out: Output,
    /// Ignore skill URIs ESCO does not know instead of stopping at them.
    #[arg(long)]
    pub skip_unknown_skills: bool,
}

/// The last line of a failed run on standard output.
fn error_line(e: &MatchError) -> serde_json::Value {
    let (line, message) = match e {
        MatchError::BadLine { line, message } => (Some(*line), message.clone()),
        other => (None, other.to_string()),
    };
    serde_json::json!({ "error": { "line": line, "message": message } })
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
        let result = batch::run(taxonomy, input, &mut *w, &options);
        if let (Err(e), Output::Stdout) = (&result, &args.out) {
            // Answers before the bad line are already out; mark the stream as incomplete.
            writeln!(w, "{}", error_line(e)).context("cannot write to standard output")?;
        }
        result.with_context(|| format!("batch file {}", args.batch.display()))
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
