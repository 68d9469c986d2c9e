//! `standort demography project` and `standort demography backtest`.

use std::cell::Cell;
use std::path::PathBuf;

use anyhow::Context;
use standort_demography::{backtest, fso};

use super::io::{Output, Touched, open};

pub(super) const PROJECT_EXAMPLE: &str = "\
Example:
  standort demography project --format fso \\
      --parameters aargau-fso-2025-2055-reference.csv \\
      --population aargau-population-2024.csv --scenario reference --out aargau.csv

Parameters: nat,sex,age,start_n,year,scen,spatial_unit,birthrate,int_mothers,mor,emi_int,
emi_nat,acq,imm_int_n,imm_nat_n (other columns ignored). Population: year,spatial_unit,nat,sex,
age,n on 31 December of the year before the first parameter year.";

pub(super) const BACKTEST_EXAMPLE: &str = "\
Example:
  standort demography backtest --history aargau-subregions-2022-2025.csv \\
      --parameters aargau-fso-2025-2055-reference.csv

History: year,spatial_unit,age,nat,sex,n_jan,births,imm_n,emi_n[,deaths]. The parameters give
the mortality, acquisition and fertility age pattern of their first year (small-area deaths
are rarely published).";

/// Input formats of `demography project`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ProjectFormat {
    /// Swiss Federal Statistical Office: one parameter row per year × nationality × sex ×
    /// age with rates and immigrant counts, start population by nationality.
    Fso,
}

#[derive(Debug, clap::Args)]
pub struct ProjectArgs {
    /// Format of the parameter and population files.
    #[arg(long, value_enum, default_value_t = ProjectFormat::Fso)]
    pub format: ProjectFormat,
    /// Parameter file (CSV, one row per year × nat × sex × age and scenario).
    #[arg(long, value_name = "FILE")]
    pub parameters: PathBuf,
    /// Start population (CSV, 31 December before the first parameter year).
    #[arg(long, value_name = "FILE")]
    pub population: PathBuf,
    /// Scenario of the parameter file to project (its `scen` column).
    #[arg(long, value_name = "NAME", default_value = "reference")]
    pub scenario: String,
    /// Output CSV; written only if the whole projection succeeds.
    #[arg(long, value_name = "FILE.csv")]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct BacktestArgs {
    /// Small-area history (CSV): population on 1 January and flows per year.
    #[arg(long, value_name = "FILE")]
    pub history: PathBuf,
    /// The parent region's FSO parameter file.
    #[arg(long, value_name = "FILE")]
    pub parameters: PathBuf,
    /// Scenario of the parameter file to take the schedules from.
    #[arg(long, value_name = "NAME", default_value = "reference")]
    pub scenario: String,
}

/// Which stream an engine error belongs to: the last one it started reading or writing.
fn blame(streams: &[(&Cell<bool>, String)]) -> String {
    streams
        .iter()
        .rev()
        .find(|(touched, _)| touched.get())
        .or(streams.first())
        .map(|(_, what)| what.clone())
        .unwrap_or_default()
}

pub(super) fn project(args: &ProjectArgs) -> anyhow::Result<()> {
    match args.format {
        ProjectFormat::Fso => project_fso(args),
    }
}

/// A reader that advances a progress bar by the bytes read.
struct Counting<R> {
    inner: R,
    bar: indicatif::ProgressBar,
}

impl<R: std::io::Read> std::io::Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

fn project_fso(args: &ProjectArgs) -> anyhow::Result<()> {
    // Reading and checking the parameter table is what takes time (the projection itself
    // takes milliseconds): the bar follows its bytes, on stderr (hidden when not a terminal).
    let size = std::fs::metadata(&args.parameters).map_or(0, |m| m.len());
    let bar = indicatif::ProgressBar::new(size).with_style(
        indicatif::ProgressStyle::with_template(
            "{msg:>10} [{bar:40}] {bytes}/{total_bytes} {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message("parameters");
    let params = Counting {
        inner: open(&args.parameters, "parameter file")?,
        bar: bar.clone(),
    };
    let population = open(&args.population, "population file")?;
    let out = Output::File(args.out.clone());
    eprintln!(
        "projecting {} (scenario {}) from {}",
        args.parameters.display(),
        args.scenario,
        args.population.display()
    );
    let read_params = Cell::new(false);
    let read_population = Cell::new(false);
    let wrote = Cell::new(false);
    let summary = out.write(|w| {
        fso::project_csv(
            Touched::new(params, &read_params),
            Touched::new(population, &read_population),
            &args.scenario,
            Touched::new(w, &wrote),
        )
        .with_context(|| {
            blame(&[
                (
                    &read_params,
                    format!("parameter file {}", args.parameters.display()),
                ),
                (
                    &read_population,
                    format!("population file {}", args.population.display()),
                ),
                (&wrote, format!("writing {}", args.out.display())),
            ])
        })
    });
    bar.finish_and_clear();
    let summary = summary?;
    eprintln!(
        "{}, scenario {}: 31 December {} → {}–{}",
        summary.spatial_unit,
        summary.scenario,
        summary.base_year,
        summary.first_year,
        summary.last_year
    );
    let shown: Vec<String> = summary
        .totals
        .iter()
        .enumerate()
        .filter(|&(i, &(year, _))| i == 0 || i + 1 == summary.totals.len() || year % 10 == 0)
        .map(|(_, &(year, total))| format!("{year}: {}", thousands(total)))
        .collect();
    eprintln!("total population {}", shown.join(", "));
    eprintln!("wrote {} rows to {}", summary.rows, args.out.display());
    Ok(())
}

pub(super) fn backtest(args: &BacktestArgs) -> anyhow::Result<()> {
    let history = open(&args.history, "history file")?;
    let params = open(&args.parameters, "parameter file")?;
    let read_history = Cell::new(false);
    let read_params = Cell::new(false);
    let result = Output::Stdout.write(|w| {
        backtest::backtest_csv(
            Touched::new(history, &read_history),
            Touched::new(params, &read_params),
            &args.scenario,
            w,
        )
        .with_context(|| {
            blame(&[
                (
                    &read_history,
                    format!("history file {}", args.history.display()),
                ),
                (
                    &read_params,
                    format!("parameter file {}", args.parameters.display()),
                ),
            ])
        })
    })?;
    let regions: std::collections::BTreeSet<&str> =
        result.units.iter().map(|u| u.unit.as_str()).collect();
    eprintln!(
        "{} regions, {} compared units, base years {}–{}, jump-off 1 January {}",
        regions.len(),
        result.units.len(),
        result.base_years.0,
        result.base_years.1,
        result.jump_off
    );
    Ok(())
}

/// `743140.2` → `743,140`.
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < -0.5 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(743_140.2), "743,140");
        assert_eq!(thousands(999.6), "1,000");
        assert_eq!(thousands(12.0), "12");
        assert_eq!(thousands(-1234.0), "-1,234");
        assert_eq!(thousands(0.0), "0");
    }
}
