//! # standort-esco
//!
//! A pure reader for the ESCO classification (European Skills, Competences, Qualifications and
//! Occupations) in the layout of the official CSV download, and a label search index over it.
//! No IO besides reading the files you point it at; no database, no async.
//!
//! ```no_run
//! use standort_esco::{Dataset, Lang};
//! let esco = Dataset::load(&["classification-en.zip", "relations.zip"])?;
//! let nurse = esco.occupation_id("http://data.europa.eu/esco/occupation/…").unwrap();
//! for &skill in esco.essential_skills(nurse) {
//!     println!("{}", esco.skill(skill).labels.preferred_in(&[Lang::DE, Lang::EN]));
//! }
//! # Ok::<(), standort_esco::LoadError>(())
//! ```
//!
//! Invariants: ids are dense and in URI order; a [`Dataset`] is complete or not returned at
//! all; every relation in it joins concepts that exist.

pub mod bench;
mod dataset;
mod error;
mod load;
mod model;
mod search;
mod source;
mod table;

pub use dataset::Dataset;
pub use error::LoadError;
pub use load::{Counts, LoadOptions, LoadReport, Progress, SkippedRow, UnknownUris};
pub use model::{
    IscoCode, IscoGroup, IscoGroupId, LabelSet, Labels, Lang, Occupation, OccupationId,
    OccupationLink, RelationType, ReuseLevel, Skill, SkillGroup, SkillGroupId, SkillId, SkillLink,
    SkillType,
};
pub use search::{Entry, Hit, Kind, LabelKind, MatchKind, Query, SearchIndex, dataset_entries};
pub use standort_domain::fold::fold_for_search;
