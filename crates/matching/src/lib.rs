//! Standort's matching engine: candidates ↔ positions ↔ ESCO occupations, by competencies.
//!
//! Pure computation: no IO besides the `Read`/`Write` of the batch format, no clock, no
//! global randomness; dates, seeds and configuration are passed in. Equal scores are ordered
//! by id, so the same input always gives the same ranking.
//!
//! * [`Taxonomy`] — the skills taxonomy the engine works on (built from ESCO with
//!   [`from_esco`] or by hand with [`TaxonomyBuilder`]).
//! * [`score`] — one candidate against one position, with a [`Breakdown`].
//! * [`CandidateIndex`] — position → candidates (incremental inverted index).
//! * [`PositionIndex`] — candidate → positions.
//! * [`OccupationRanker`] — skills → ESCO occupations; [`batch::run`] for JSON lines.
//! * [`bench::run`] — the quality and speed measurement behind `standort bench matching`.

pub mod batch;
pub mod bench;
mod cefr;
mod error;
mod esco;
mod index;
mod licence;
mod occupations;
mod profile;
mod score;
pub mod synth;
mod taxonomy;

pub use cefr::{Cefr, GermanOutcome, GermanProgress};
pub use error::MatchError;
pub use esco::{from_esco, occupation_id, skill_group_id, skill_id};
pub use index::{CandidateIndex, Match, PositionIndex};
pub use licence::{LicenceClass, LicenceSet};
pub use occupations::{OccupationMatch, OccupationRanker, OccupationWeights};
pub use profile::{Candidate, CandidateId, Position, PositionId, Recognition, RegionId};
pub use score::{
    Breakdown, Count, Credits, Factor, FactorKind, Gate, GateKind, GermanValues, Link, MatchConfig,
    PartialCredit, PlaceValues, Reason, Weights, score,
};
pub use taxonomy::{Below, OccupationId, Relation, SkillId, Taxonomy, TaxonomyBuilder};
