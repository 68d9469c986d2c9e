//! A small hand-made taxonomy and profile builders.

use standort_matching::{
    Candidate, CandidateId, Cefr, GermanProgress, LicenceSet, OccupationId, Position, PositionId,
    Recognition, RegionId, Relation, SkillId, Taxonomy, TaxonomyBuilder,
};
use time::Date;
use time::macros::date;

pub const START: Date = date!(2027 - 04 - 01);

pub struct Fixture {
    pub taxonomy: Taxonomy,
    pub nurse: OccupationId,
    pub care_assistant: OccupationId,
    pub bus_driver: OccupationId,
}

impl Fixture {
    pub fn skill(&self, name: &str) -> SkillId {
        self.taxonomy
            .skill_id(&format!("skill:{name}"))
            .unwrap_or_else(|| panic!("no skill {name}"))
    }

    pub fn skills(&self, names: &[&str]) -> Vec<SkillId> {
        names.iter().map(|n| self.skill(n)).collect()
    }
}

/// Nursing, care and bus driving with a small hierarchy and relations:
/// `patient care` > `wound care`, `medication`; `driving` > `drive bus`;
/// `wound care` ~ `hygiene` (essential relation), `first aid` ~ `patient care` (optional).
pub fn fixture() -> Fixture {
    let mut b = TaxonomyBuilder::new();
    let names = [
        "patient care",
        "wound care",
        "medication",
        "hygiene",
        "documentation",
        "first aid",
        "empathy",
        "driving",
        "drive bus",
        "ticketing",
        "route planning",
        "vehicle check",
        "customer service",
        "cooking",
    ];
    for n in names {
        b.skill(&format!("skill:{n}"));
    }
    let s = |b: &mut TaxonomyBuilder, n: &str| b.skill(&format!("skill:{n}"));
    let nurse = b.occupation("occ:nurse", true);
    let care_assistant = b.occupation("occ:care-assistant", false);
    let bus_driver = b.occupation("occ:bus-driver", false);
    for n in [
        "patient care",
        "wound care",
        "medication",
        "hygiene",
        "documentation",
    ] {
        let id = s(&mut b, n);
        b.essential(nurse, id);
    }
    for n in ["first aid", "empathy"] {
        let id = s(&mut b, n);
        b.optional(nurse, id);
    }
    for n in ["patient care", "hygiene", "empathy"] {
        let id = s(&mut b, n);
        b.essential(care_assistant, id);
    }
    for n in ["cooking", "documentation"] {
        let id = s(&mut b, n);
        b.optional(care_assistant, id);
    }
    for n in ["drive bus", "vehicle check", "ticketing", "route planning"] {
        let id = s(&mut b, n);
        b.essential(bus_driver, id);
    }
    for n in ["customer service", "first aid"] {
        let id = s(&mut b, n);
        b.optional(bus_driver, id);
    }
    let (pc, wc, med) = (
        s(&mut b, "patient care"),
        s(&mut b, "wound care"),
        s(&mut b, "medication"),
    );
    b.broader(wc, pc);
    b.broader(med, pc);
    let (dr, db) = (s(&mut b, "driving"), s(&mut b, "drive bus"));
    b.broader(db, dr);
    let hy = s(&mut b, "hygiene");
    b.related(wc, hy, Relation::Essential);
    let fa = s(&mut b, "first aid");
    b.related(fa, pc, Relation::Optional);
    Fixture {
        taxonomy: b.build(),
        nurse,
        care_assistant,
        bus_driver,
    }
}

pub fn candidate(id: i64, skills: Vec<SkillId>) -> Candidate {
    Candidate {
        id: CandidateId(id),
        skills,
        recognition: Recognition::Recognised,
        licences: LicenceSet::EMPTY,
        available_from: date!(2027 - 01 - 01),
        german: GermanProgress {
            level: Some(Cefr::B2),
            next_level_expected: None,
        },
        regions: vec![RegionId(1)],
    }
}

pub fn position(f: &Fixture, id: i64, occupation: OccupationId) -> Position {
    Position::for_occupation(&f.taxonomy, PositionId(id), occupation, START, RegionId(1))
}
