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
/// there), so ids can be passed across without a URI lookup. Skill groups (including the ISCED-F
/// field groups) follow the skills: reader group `n` is [`skill_group_id`]`(n)`. The whole
/// skills pillar is taken over: skill → skill, skill → group and group → group.
pub fn from_esco(esco: &Dataset) -> Taxonomy {
    let mut b = TaxonomyBuilder::new();
    for skill in esco.skills() {
        b.skill(&skill.uri);
    }
    for group in esco.skill_groups() {
        b.skill_group(&group.uri);
    }
    let group = |g: standort_esco::SkillGroupId| skill_group_id(esco, g);
    for g in 0..esco.skill_groups().len() as u32 {
        let g = standort_esco::SkillGroupId(g);
        for &broader in esco.broader_skill_groups(g) {
            b.broader(group(g), group(broader));
        }
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
        for &g in esco.skill_groups_of(s) {
            b.broader(SkillId(s.0), group(g));
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

/// The taxonomy id of an ESCO reader skill group in a taxonomy built by [`from_esco`].
pub fn skill_group_id(esco: &Dataset, id: standort_esco::SkillGroupId) -> SkillId {
    SkillId(esco.skills().len() as u32 + id.0)
}

/// Converts an ESCO reader occupation id.
pub fn occupation_id(id: standort_esco::OccupationId) -> OccupationId {
    OccupationId(id.0)
}
