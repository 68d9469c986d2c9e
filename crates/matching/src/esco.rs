//! Adapter from the ESCO reader (`standort-esco`) to the engine's [`Taxonomy`].

use standort_esco::{Dataset, RelationType};

use crate::taxonomy::{OccupationId, Relation, SkillId, Taxonomy, TaxonomyBuilder};

fn relation(r: RelationType) -> Relation {
    match r {
        RelationType::Essential => Relation::Essential,
        RelationType::Optional => Relation::Optional,
    }
}

/// Builds the engine's taxonomy from a loaded ESCO dataset.
///
/// Skill and occupation ids equal the dataset's (`SkillId(n)` here is `standort_esco::SkillId(n)`
/// there), so ids can be passed across without a URI lookup. The hierarchy keeps skill → skill
/// broader relations only; skill groups are not taken over (sharing a group is too weak a tie
/// to earn credit).
pub fn from_esco(esco: &Dataset) -> Taxonomy {
    let mut b = TaxonomyBuilder::new();
    for skill in esco.skills() {
        b.skill(&skill.uri);
    }
    for occupation in esco.occupations() {
        b.occupation(&occupation.uri, occupation.regulated);
    }
    for o in esco.occupation_ids() {
        let occ = OccupationId(o.0);
        for s in esco.essential_skills(o) {
            b.essential(occ, SkillId(s.0));
        }
        for s in esco.optional_skills(o) {
            b.optional(occ, SkillId(s.0));
        }
    }
    for s in esco.skill_ids() {
        for broader in esco.broader_skills(s) {
            b.broader(SkillId(s.0), SkillId(broader.0));
        }
        for link in esco.related_skills(s) {
            b.related(SkillId(s.0), SkillId(link.skill.0), relation(link.relation));
        }
    }
    b.build()
}

/// Converts an ESCO reader skill id.
pub fn skill_id(id: standort_esco::SkillId) -> SkillId {
    SkillId(id.0)
}

/// Converts an ESCO reader occupation id.
pub fn occupation_id(id: standort_esco::OccupationId) -> OccupationId {
    OccupationId(id.0)
}
