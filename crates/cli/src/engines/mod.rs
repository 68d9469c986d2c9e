//! Commands that drive the pure engines (demography, matching, ESCO) from files.
//!
//! Each command reads its inputs, calls one engine function and writes the result; the
//! engines do the work and their error messages (with line numbers) reach the user as they
//! are, prefixed by the file they refer to. Output files are written through a temporary
//! sibling and renamed, so a failed run leaves no half-written file.

mod bench;
mod demography;
mod io;
mod matching;

use clap::Subcommand;

use crate::config::FileConfig;

pub use bench::{EscoBenchArgs, MatchingBenchArgs, ProjectionBenchArgs};
pub use demography::{BacktestArgs, ProjectArgs};
pub use matching::OccupationsArgs;

/// `standort demography …`
#[derive(Debug, Subcommand)]
pub enum DemographyCommand {
    /// Import regions, population and flows (CSV or XLSX) into the database; `--project`
    /// recomputes the projections afterwards.
    Import(crate::demography_import::ImportArgs),
    /// Project a population year by year with the FSO cohort-component method; writes CSV
    /// `year,nat,sex,age,n` (31 December of each projected year).
    #[command(after_help = demography::PROJECT_EXAMPLE)]
    Project(ProjectArgs),
    /// Back-test on a small-area history: project from its first year with rates derived
    /// from it and print MAPE / MALPE by size class and horizon (Markdown table).
    #[command(after_help = demography::BACKTEST_EXAMPLE)]
    Backtest(BacktestArgs),
}

/// `standort match …`
#[derive(Debug, Subcommand)]
pub enum MatchCommand {
    /// Rank ESCO occupations for lists of skills: JSON lines in, JSON lines out.
    #[command(after_help = matching::OCCUPATIONS_EXAMPLE)]
    Occupations(OccupationsArgs),
}

/// `standort bench …`: each prints readable lines and, last, one JSON object.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Projection speed: Germany-scale synthetic municipalities (deterministic) and one
    /// district's stochastic trajectories.
    #[command(after_help = bench::PROJECTION_EXAMPLE)]
    Projection(ProjectionBenchArgs),
    /// Matching quality (recall of skills → occupations on a synthetic population) and
    /// speed (position → top candidates on synthetic indexes), on the real ESCO files.
    #[command(after_help = bench::MATCHING_EXAMPLE)]
    Matching(MatchingBenchArgs),
    /// ESCO load time, search index build time and label-search latency percentiles.
    #[command(after_help = bench::ESCO_EXAMPLE)]
    Esco(EscoBenchArgs),
    /// The dashboard page and an API list under concurrent clients against a real server
    /// child process on loopback: requests/s, p50, p99 and the server's peak memory.
    Load(crate::bench_load::LoadArgs),
    /// The notification job and the daily digest over many people and due items (10,000
    /// counsellors, 100,000 stored due items by default) on a fresh database.
    Digest(crate::bench_digest::DigestArgs),
    /// Pooled procurement (issue 14): stock-out days of Standort's reorder suggestions against
    /// Open mSupply's min/max in months of stock at the same average stock (a simulation with
    /// an outbreak), one allocation round, and a clinic buyer's supply page under load.
    #[command(after_help = crate::bench_supply::EXAMPLE)]
    Supply(crate::bench_supply::SupplyArgs),
}

pub fn demography(cmd: DemographyCommand, file: &FileConfig) -> anyhow::Result<()> {
    match cmd {
        DemographyCommand::Import(args) => crate::demography_import::run(args, file),
        DemographyCommand::Project(args) => demography::project(&args),
        DemographyCommand::Backtest(args) => demography::backtest(&args),
    }
}

pub fn matching(cmd: MatchCommand) -> anyhow::Result<()> {
    match cmd {
        MatchCommand::Occupations(args) => matching::occupations(&args),
    }
}

pub fn bench(cmd: BenchCommand, _file: &FileConfig) -> anyhow::Result<()> {
    match cmd {
        BenchCommand::Projection(args) => bench::projection(&args),
        BenchCommand::Matching(args) => bench::matching(&args),
        BenchCommand::Esco(args) => bench::esco(&args),
        BenchCommand::Load(args) => crate::bench_load::run(args),
        BenchCommand::Digest(args) => crate::bench_digest::run(args),
        BenchCommand::Supply(args) => crate::bench_supply::run(args),
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    #[derive(Debug, Parser)]
    enum Engines {
        #[command(subcommand)]
        Demography(super::DemographyCommand),
        #[command(subcommand)]
        Match(super::MatchCommand),
        #[command(subcommand)]
        Bench(super::BenchCommand),
    }

    #[test]
    fn command_definitions_are_consistent() {
        Engines::command().debug_assert();
    }

    #[test]
    fn bench_defaults_are_the_engines_defaults() {
        let Engines::Bench(super::BenchCommand::Matching(m)) =
            Engines::parse_from(["x", "bench", "matching", "--esco", "e"])
        else {
            panic!("bench matching")
        };
        let d = standort_matching::bench::BenchOptions::default();
        assert_eq!(m.profiles, d.profile_sizes);
        assert_eq!(
            (m.persons, m.queries, m.top_k),
            (d.persons, d.queries, d.top_k)
        );
        let Engines::Bench(super::BenchCommand::Projection(p)) =
            Engines::parse_from(["x", "bench", "projection"])
        else {
            panic!("bench projection")
        };
        assert_eq!(
            p.regions,
            standort_demography::bench::BenchConfig::default().regions
        );
    }
}
