//! File handling shared by the engine commands: opening inputs, writing outputs all or
//! nothing, telling which input an engine error came from, loading ESCO with a progress bar.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use standort_esco::{Dataset, LoadOptions, Progress};

/// Opens `path` for reading; `what` names it in the error ("parameter file").
pub(super) fn open(path: &Path, what: &str) -> anyhow::Result<BufReader<File>> {
    let file =
        File::open(path).with_context(|| format!("cannot open {what} {}", path.display()))?;
    Ok(BufReader::new(file))
}

/// Opens `path` for reading, `-` meaning standard input.
pub(super) fn open_or_stdin(path: &Path, what: &str) -> anyhow::Result<Box<dyn BufRead>> {
    if path == Path::new("-") {
        Ok(Box::new(io::stdin().lock()))
    } else {
        Ok(Box::new(open(path, what)?))
    }
}

/// Where an output goes: a file (written all or nothing) or standard output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
}

impl Output {
    /// `-` is standard output.
    pub(super) fn parse(s: &str) -> Result<Output, String> {
        match s {
            "" => Err("empty path".into()),
            "-" => Ok(Output::Stdout),
            path => Ok(Output::File(PathBuf::from(path))),
        }
    }

    pub(super) fn describe(&self) -> String {
        match self {
            Output::Stdout => "standard output".into(),
            Output::File(path) => path.display().to_string(),
        }
    }

    /// Runs `write` on a buffered writer. A file is written to a temporary sibling that is
    /// renamed over `path` only when `write` succeeds; on failure it is removed, so no half
    /// file is left behind and an existing file is kept.
    pub(super) fn write<T>(
        &self,
        write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        match self {
            Output::Stdout => {
                let mut w = BufWriter::new(io::stdout().lock());
                let value = write(&mut w)?;
                w.flush().context("cannot write to standard output")?;
                Ok(value)
            }
            Output::File(path) => write_file_atomically(path, write),
        }
    }
}

fn write_file_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let tmp = path.with_file_name(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        std::process::id()
    ));
    let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let mut w = BufWriter::new(file);
    let result = write(&mut w).and_then(|value| {
        let file = w
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        Ok(value)
    });
    match result {
        Ok(value) => {
            std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))
                .inspect_err(|_| {
                    let _ = std::fs::remove_file(&tmp);
                })?;
            Ok(value)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// A reader or writer that records whether it has been used, to tell which of several
/// streams an engine was working on when it failed.
pub(super) struct Touched<'a, T> {
    inner: T,
    touched: &'a Cell<bool>,
}

impl<'a, T> Touched<'a, T> {
    pub(super) fn new(inner: T, touched: &'a Cell<bool>) -> Self {
        Touched { inner, touched }
    }
}

impl<T: Read> Read for Touched<'_, T> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.touched.set(true);
        self.inner.read(buf)
    }
}

impl<T: Write> Write for Touched<'_, T> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.touched.set(true);
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The ESCO files of a command.
#[derive(Debug, clap::Args)]
pub struct EscoArgs {
    /// ESCO v1.x CSV download: zip files, unpacked folders, or a folder holding the zips
    /// (all nine files needed; several language packs may be given and merge).
    #[arg(long = "esco", value_name = "PATH", required = true, num_args = 1..)]
    pub paths: Vec<PathBuf>,
}

/// Where a matching command takes the ESCO taxonomy from: the official files, or the ESCO
/// imported into a Standort database (`standort esco import`) — what the running product
/// matches with.
#[derive(Debug, clap::Args)]
pub struct TaxonomyArgs {
    /// ESCO v1.x CSV download: zip files, unpacked folders, or a folder holding the zips
    /// (all nine files needed; several language packs may be given and merge).
    #[arg(long = "esco", value_name = "PATH", num_args = 1..,
          required_unless_present = "database", conflicts_with = "database")]
    pub paths: Vec<PathBuf>,
    /// Instead of files: the ESCO imported into this database (sqlite://FILE or postgres://…).
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
}

/// A taxonomy built from files, or the one the app builds from its database (kept inside the
/// app's ESCO view).
pub(super) enum LoadedTaxonomy {
    Files(Box<standort_matching::Taxonomy>),
    Database(std::sync::Arc<standort_app::esco::EscoView>),
}

impl LoadedTaxonomy {
    pub(super) fn get(&self) -> &standort_matching::Taxonomy {
        match self {
            LoadedTaxonomy::Files(t) => t,
            LoadedTaxonomy::Database(view) => &view.taxonomy,
        }
    }
}

/// Loads the matching taxonomy as `args` say, with a one-line summary on standard error.
pub(super) fn load_taxonomy(args: &TaxonomyArgs) -> anyhow::Result<LoadedTaxonomy> {
    let Some(url) = &args.database else {
        let esco = load_esco(&EscoArgs {
            paths: args.paths.clone(),
        })?;
        return Ok(LoadedTaxonomy::Files(Box::new(
            standort_matching::from_esco(&esco),
        )));
    };
    let started = Instant::now();
    let view = crate::runtime()?.block_on(async {
        let db = crate::config::open_db(url).await?;
        let app = standort_app::App::new(db, standort_app::Settings::default());
        anyhow::Ok(app.esco().await?)
    })?;
    let t = &view.taxonomy;
    anyhow::ensure!(
        t.occupation_count() > 0,
        "no ESCO in {} — import it first with `standort esco import PATH… --database URL`",
        crate::config::redact(url)
    );
    eprintln!(
        "ESCO from the database (import generation {}): {} occupations, {} skills in {:.1} s",
        view.generation,
        t.occupation_count(),
        t.skill_count(),
        started.elapsed().as_secs_f64()
    );
    Ok(LoadedTaxonomy::Database(view))
}

/// Loads ESCO with a progress bar on standard error (drawn only on a terminal) and a
/// one-line summary.
pub(super) fn load_esco(args: &EscoArgs) -> anyhow::Result<Dataset> {
    let started = Instant::now();
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template(
            "loading ESCO {bar:30} {bytes}/{total_bytes} {elapsed} {wide_msg}",
        )
        .expect("valid progress template"),
    );
    let loaded = Dataset::load_with(&args.paths, &LoadOptions::default(), &mut |p: Progress| {
        bar.set_length(p.bytes_total);
        bar.set_position(p.bytes_done);
        let file = p.file.rsplit(['!', '/']).next().unwrap_or(p.file);
        if bar.message() != file {
            bar.set_message(file.to_owned());
        }
    });
    bar.finish_and_clear();
    let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
    let dataset = loaded.with_context(|| format!("cannot load ESCO from {}", paths.join(", ")))?;
    let c = dataset.counts();
    let skipped = dataset.report().skipped.len();
    eprintln!(
        "ESCO: {} occupations, {} skills, {} occupation–skill relations{} — {:.2} s",
        c.occupations,
        c.skills,
        c.occupation_skill,
        if skipped > 0 {
            format!(" ({skipped} relation rows naming unknown concepts skipped)")
        } else {
            String::new()
        },
        started.elapsed().as_secs_f64()
    );
    Ok(dataset)
}
