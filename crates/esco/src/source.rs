//! Where the CSV files come from: zip archives of the ESCO download, or unpacked folders.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use crate::error::LoadError;
use crate::model::Lang;

/// Per-language concept files (`<stem>_<lang>.csv`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub(crate) enum ConceptFile {
    Occupations,
    Skills,
    SkillGroups,
    IscoGroups,
    SkillsHierarchy,
}

impl ConceptFile {
    pub(crate) const ALL: [ConceptFile; 5] = [
        ConceptFile::Occupations,
        ConceptFile::Skills,
        ConceptFile::SkillGroups,
        ConceptFile::IscoGroups,
        ConceptFile::SkillsHierarchy,
    ];

    fn stem(self) -> &'static str {
        match self {
            ConceptFile::Occupations => "occupations",
            ConceptFile::Skills => "skills",
            ConceptFile::SkillGroups => "skillGroups",
            ConceptFile::IscoGroups => "ISCOGroups",
            ConceptFile::SkillsHierarchy => "skillsHierarchy",
        }
    }

    pub(crate) fn pattern(self) -> &'static str {
        match self {
            ConceptFile::Occupations => "occupations_<lang>.csv",
            ConceptFile::Skills => "skills_<lang>.csv",
            ConceptFile::SkillGroups => "skillGroups_<lang>.csv",
            ConceptFile::IscoGroups => "ISCOGroups_<lang>.csv",
            ConceptFile::SkillsHierarchy => "skillsHierarchy_<lang>.csv",
        }
    }
}

/// Language-independent relation files.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub(crate) enum RelationFile {
    OccupationSkill,
    SkillSkill,
    BroaderOccupation,
    BroaderSkill,
}

impl RelationFile {
    pub(crate) const ALL: [RelationFile; 4] = [
        RelationFile::OccupationSkill,
        RelationFile::SkillSkill,
        RelationFile::BroaderOccupation,
        RelationFile::BroaderSkill,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            RelationFile::OccupationSkill => "occupationSkillRelations.csv",
            RelationFile::SkillSkill => "skillSkillRelations.csv",
            RelationFile::BroaderOccupation => "broaderRelationsOccPillar.csv",
            RelationFile::BroaderSkill => "broaderRelationsSkillPillar.csv",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum FileKind {
    Concept(ConceptFile, Lang),
    Relation(RelationFile),
}

/// Classifies a file by its base name; `None` for files the reader does not use (the skill
/// collections, concept schemes, anything else).
pub(crate) fn classify(name: &str) -> Option<FileKind> {
    let stem = name
        .strip_suffix(".csv")
        .or_else(|| name.strip_suffix(".CSV"))?;
    for r in RelationFile::ALL {
        if r.name().eq_ignore_ascii_case(name) {
            return Some(FileKind::Relation(r));
        }
    }
    let (base, lang) = stem.rsplit_once('_')?;
    let lang = Lang::parse(lang)?;
    ConceptFile::ALL
        .into_iter()
        .find(|c| c.stem().eq_ignore_ascii_case(base))
        .map(|c| FileKind::Concept(c, lang))
}

enum Locator {
    Zip { archive: usize, index: usize },
    Path(PathBuf),
}

/// One CSV file found in a source.
pub(crate) struct FileRef {
    pub(crate) kind: FileKind,
    /// `archive.zip!name.csv` or the file's path.
    pub(crate) display: String,
    /// Uncompressed size in bytes.
    pub(crate) size: u64,
    locator: Locator,
}

/// The opened sources and the ESCO files found in them.
pub(crate) struct Sources {
    archives: Vec<ZipArchive<BufReader<File>>>,
    pub(crate) files: Vec<FileRef>,
    pub(crate) searched: String,
}

impl Sources {
    pub(crate) fn open(paths: &[&Path]) -> Result<Sources, LoadError> {
        if paths.is_empty() {
            return Err(LoadError::NoSources);
        }
        let mut s = Sources {
            archives: Vec::new(),
            files: Vec::new(),
            searched: paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        };
        for &path in paths {
            let meta = std::fs::metadata(path).map_err(|source| LoadError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            if meta.is_dir() {
                s.scan_dir(path, 0)?;
            } else {
                s.add_zip(path)?;
            }
        }
        Ok(s)
    }

    fn add_zip(&mut self, path: &Path) -> Result<(), LoadError> {
        let io = |source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let mut archive =
            ZipArchive::new(BufReader::new(file)).map_err(|e| LoadError::NotAnArchive {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        let archive_idx = self.archives.len();
        for index in 0..archive.len() {
            let entry = archive
                .by_index_raw(index)
                .map_err(|e| LoadError::NotAnArchive {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                })?;
            if entry.is_dir() {
                continue;
            }
            let full = entry.name().to_string();
            let base = full.rsplit(['/', '\\']).next().unwrap_or(&full);
            if base.starts_with("._") {
                continue; // macOS resource forks
            }
            if let Some(kind) = classify(base) {
                self.files.push(FileRef {
                    kind,
                    display: format!("{}!{}", path.display(), full),
                    size: entry.size(),
                    locator: Locator::Zip {
                        archive: archive_idx,
                        index,
                    },
                });
            }
        }
        self.archives.push(archive);
        Ok(())
    }

    fn scan_dir(&mut self, dir: &Path, depth: usize) -> Result<(), LoadError> {
        let io = |source| LoadError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut entries = std::fs::read_dir(dir)
            .map_err(io)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(io)?;
        entries.sort();
        for path in entries {
            let meta = std::fs::metadata(&path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            if meta.is_dir() {
                // The download unpacks flat; allow a wrapping folder or two, not a deep walk.
                if depth < 2 {
                    self.scan_dir(&path, depth + 1)?;
                }
                continue;
            }
            let Some(base) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if base.to_ascii_lowercase().ends_with(".zip") {
                // A folder holding the downloaded zips, as the shared data folder does.
                self.add_zip(&path)?;
                continue;
            }
            if let Some(kind) = classify(base) {
                self.files.push(FileRef {
                    kind,
                    display: path.display().to_string(),
                    size: meta.len(),
                    locator: Locator::Path(path.clone()),
                });
            }
        }
        Ok(())
    }

    /// Opens one file for reading.
    pub(crate) fn reader(&mut self, file: usize) -> Result<Box<dyn Read + '_>, LoadError> {
        let f = &self.files[file];
        match &f.locator {
            Locator::Path(p) => {
                let r = File::open(p).map_err(|source| LoadError::Io {
                    path: p.clone(),
                    source,
                })?;
                Ok(Box::new(BufReader::with_capacity(1 << 16, r)))
            }
            Locator::Zip { archive, index } => {
                let display = f.display.clone();
                let entry = self.archives[*archive].by_index(*index).map_err(|e| {
                    LoadError::NotAnArchive {
                        path: display.into(),
                        reason: e.to_string(),
                    }
                })?;
                Ok(Box::new(entry))
            }
        }
    }
}
