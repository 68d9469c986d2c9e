//! What the engine knows about a candidate and a position. Plain data; the app fills it from
//! the store.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::cefr::{Cefr, GermanProgress};
use crate::licence::LicenceSet;
use crate::taxonomy::{OccupationId, SkillId, Taxonomy};

/// Id of a candidate (the app's primary key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CandidateId(pub i64);

/// Id of a position (the app's primary key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PositionId(pub i64);

/// Id of a region (district or city) as the app numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RegionId(pub u32);

/// State of the recognition (Anerkennung) of the candidate's foreign qualification.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recognition {
    /// Not applied for, or not known.
    #[default]
    None,
    /// Applied for; no decision yet.
    InProgress,
    /// Partial recognition: a deficit notice names compensation measures still to do.
    Partial,
    /// Fully recognised as equivalent.
    Recognised,
}

/// A candidate (job seeker) as the engine sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: CandidateId,
    /// Skills held (ESCO skills, interned). Order and duplicates do not matter.
    pub skills: Vec<SkillId>,
    /// Recognition of the candidate's foreign qualification.
    pub recognition: Recognition,
    /// Licence classes as written on the licence; implied classes are added by the engine.
    pub licences: LicenceSet,
    /// First day the candidate can start work.
    pub available_from: Date,
    pub german: GermanProgress,
    /// Preferred regions, best first. Empty: no preference (anywhere).
    pub regions: Vec<RegionId>,
}

/// A position (vacancy) offered by an employer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub id: PositionId,
    /// The ESCO occupation the position is an instance of, if any (informative).
    pub occupation: Option<OccupationId>,
    /// Skills the position cannot do without.
    pub essential: Vec<SkillId>,
    /// Skills that help.
    pub optional: Vec<SkillId>,
    /// The occupation is a regulated profession (nursing, …): a foreign qualification must be
    /// recognised before the candidate may work in it.
    pub regulated: bool,
    /// The employer accepts a recognition partnership (Anerkennungspartnerschaft, § 16d
    /// AufenthG): the candidate works while recognition is completed.
    pub accepts_recognition_partnership: bool,
    /// Licence classes the position needs.
    pub licences: LicenceSet,
    pub start: Date,
    /// German level required on the first day; `None` when no level is asked.
    pub german: Option<Cefr>,
    pub region: RegionId,
}

impl Position {
    /// A position for `occupation` with its ESCO essential and optional skills and its
    /// regulated flag; no licence, no German level; the caller adjusts the rest.
    pub fn for_occupation(
        taxonomy: &Taxonomy,
        id: PositionId,
        occupation: OccupationId,
        start: Date,
        region: RegionId,
    ) -> Position {
        Position {
            id,
            occupation: Some(occupation),
            essential: taxonomy.essential(occupation).to_vec(),
            optional: taxonomy.optional(occupation).to_vec(),
            regulated: taxonomy.is_regulated(occupation),
            accepts_recognition_partnership: false,
            licences: LicenceSet::EMPTY,
            start,
            german: None,
            region,
        }
    }
}
