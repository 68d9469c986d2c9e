//! The loaded ESCO classification: concepts by compact id, URI lookup, adjacency.

use std::collections::HashMap;
use std::path::Path;

use crate::error::LoadError;
use crate::load::{Counts, LoadOptions, LoadReport, Progress, load};
use crate::model::*;

/// All adjacency of the dataset, as compressed sorted lists.
#[derive(Clone, Debug)]
pub(crate) struct Graph {
    pub(crate) essential: Adjacency<SkillId>,
    pub(crate) optional: Adjacency<SkillId>,
    pub(crate) skill_occupations: Adjacency<OccupationLink>,
    pub(crate) related: Adjacency<SkillLink>,
    pub(crate) related_incoming: Adjacency<SkillLink>,
    pub(crate) skill_broader: Adjacency<SkillId>,
    pub(crate) skill_narrower: Adjacency<SkillId>,
    pub(crate) skill_groups_of: Adjacency<SkillGroupId>,
    pub(crate) group_skills: Adjacency<SkillId>,
    pub(crate) group_broader: Adjacency<SkillGroupId>,
    pub(crate) group_narrower: Adjacency<SkillGroupId>,
    pub(crate) occ_broader: Adjacency<OccupationId>,
    pub(crate) occ_narrower: Adjacency<OccupationId>,
    pub(crate) occ_broader_isco: Adjacency<IscoGroupId>,
    pub(crate) isco_occupations: Adjacency<OccupationId>,
    pub(crate) isco_broader: Adjacency<IscoGroupId>,
    pub(crate) isco_narrower: Adjacency<IscoGroupId>,
    pub(crate) occ_isco: Vec<Option<IscoGroupId>>,
}

/// The ESCO classification, loaded from one or more language packs.
///
/// Immutable once loaded; `Send + Sync`, so share it behind an `Arc`. All id-taking methods
/// panic on an id from another dataset that is out of range — ids are only minted here.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub(crate) languages: Vec<Lang>,
    pub(crate) occupations: Vec<Occupation>,
    pub(crate) skills: Vec<Skill>,
    pub(crate) skill_groups: Vec<SkillGroup>,
    pub(crate) isco_groups: Vec<IscoGroup>,
    pub(crate) occ_index: HashMap<String, u32>,
    pub(crate) skill_index: HashMap<String, u32>,
    pub(crate) group_index: HashMap<String, u32>,
    pub(crate) isco_index: HashMap<String, u32>,
    pub(crate) graph: Graph,
    pub(crate) report: LoadReport,
}

impl Dataset {
    /// Loads ESCO from `paths`, each a zip of the official CSV download, an unpacked folder,
    /// or a folder holding such zips,
    /// with default options ([`UnknownUris::Skip`](crate::UnknownUris::Skip)) and no progress
    /// reporting. Language packs are told apart by file name (`occupations_de.csv` → `de`);
    /// their labels merge onto the same concepts.
    pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<Dataset, LoadError> {
        Dataset::load_with(paths, &LoadOptions::default(), &mut |_| {})
    }

    /// Like [`Dataset::load`], with options and a progress callback.
    pub fn load_with<P: AsRef<Path>>(
        paths: &[P],
        options: &LoadOptions,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<Dataset, LoadError> {
        let paths: Vec<&Path> = paths.iter().map(AsRef::as_ref).collect();
        load(&paths, options, progress)
    }

    /// Languages with at least one concept file loaded, sorted.
    pub fn languages(&self) -> &[Lang] {
        &self.languages
    }

    /// What the load read and left out.
    pub fn report(&self) -> &LoadReport {
        &self.report
    }

    /// Sizes of the dataset.
    pub fn counts(&self) -> Counts {
        let essential = self.graph.essential.len_items();
        let optional = self.graph.optional.len_items();
        Counts {
            occupations: self.occupations.len(),
            skills: self.skills.len(),
            skill_groups: self.skill_groups.len(),
            isco_groups: self.isco_groups.len(),
            occupation_skill: essential + optional,
            essential,
            optional,
            skill_skill: self.graph.related.len_items(),
        }
    }

    /// Every occupation–skill relation, by occupation then skill id (e.g. to write them to a
    /// database).
    pub fn occupation_skill_relations(
        &self,
    ) -> impl Iterator<Item = (OccupationId, SkillLink)> + '_ {
        self.occupation_ids()
            .flat_map(move |o| self.occupation_skills(o).map(move |l| (o, l)))
    }

    /// Every skill–skill relation (`originalSkillUri` → `relatedSkillUri`), by skill id.
    pub fn skill_skill_relations(&self) -> impl Iterator<Item = (SkillId, SkillLink)> + '_ {
        self.skill_ids()
            .flat_map(move |s| self.related_skills(s).iter().map(move |&l| (s, l)))
    }

    // --- occupations

    /// All occupations, indexed by [`OccupationId`].
    pub fn occupations(&self) -> &[Occupation] {
        &self.occupations
    }

    /// All occupation ids, in order.
    pub fn occupation_ids(&self) -> impl ExactSizeIterator<Item = OccupationId> + use<> {
        (0..self.occupations.len() as u32).map(OccupationId)
    }

    /// One occupation.
    pub fn occupation(&self, id: OccupationId) -> &Occupation {
        &self.occupations[id.index()]
    }

    /// Id of the occupation with this concept URI.
    pub fn occupation_id(&self, uri: &str) -> Option<OccupationId> {
        self.occ_index.get(uri).map(|&i| OccupationId(i))
    }

    /// Essential skills of an occupation, sorted by id.
    pub fn essential_skills(&self, id: OccupationId) -> &[SkillId] {
        self.graph.essential.get(id.index())
    }

    /// Optional skills of an occupation, sorted by id.
    pub fn optional_skills(&self, id: OccupationId) -> &[SkillId] {
        self.graph.optional.get(id.index())
    }

    /// All skills of an occupation: the essential ones, then the optional ones.
    pub fn occupation_skills(&self, id: OccupationId) -> impl Iterator<Item = SkillLink> + '_ {
        let link = |relation| move |&skill: &SkillId| SkillLink { skill, relation };
        self.essential_skills(id)
            .iter()
            .map(link(RelationType::Essential))
            .chain(
                self.optional_skills(id)
                    .iter()
                    .map(link(RelationType::Optional)),
            )
    }

    /// Number of occupation–skill relations of an occupation (essential + optional).
    pub fn occupation_degree(&self, id: OccupationId) -> usize {
        self.essential_skills(id).len() + self.optional_skills(id).len()
    }

    /// Broader occupations (ESCO occupations, not ISCO groups) of an occupation.
    pub fn broader_occupations(&self, id: OccupationId) -> &[OccupationId] {
        self.graph.occ_broader.get(id.index())
    }

    /// Narrower occupations of an occupation.
    pub fn narrower_occupations(&self, id: OccupationId) -> &[OccupationId] {
        self.graph.occ_narrower.get(id.index())
    }

    /// The ISCO unit group of an occupation (from its `iscoGroup` code).
    pub fn occupation_isco_group(&self, id: OccupationId) -> Option<IscoGroupId> {
        self.graph.occ_isco[id.index()]
    }

    /// ISCO groups an occupation is directly under in `broaderRelationsOccPillar` (only
    /// occupations at the top of the ESCO part of the pillar have one).
    pub fn broader_isco_groups(&self, id: OccupationId) -> &[IscoGroupId] {
        self.graph.occ_broader_isco.get(id.index())
    }

    // --- skills

    /// All skills, indexed by [`SkillId`].
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// All skill ids, in order.
    pub fn skill_ids(&self) -> impl ExactSizeIterator<Item = SkillId> + use<> {
        (0..self.skills.len() as u32).map(SkillId)
    }

    /// One skill.
    pub fn skill(&self, id: SkillId) -> &Skill {
        &self.skills[id.index()]
    }

    /// Id of the skill with this concept URI.
    pub fn skill_id(&self, uri: &str) -> Option<SkillId> {
        self.skill_index.get(uri).map(|&i| SkillId(i))
    }

    /// Occupations that need a skill, with the relation type, sorted.
    pub fn skill_occupations(&self, id: SkillId) -> &[OccupationLink] {
        self.graph.skill_occupations.get(id.index())
    }

    /// Broader skills of a skill (skill → skill edges of `broaderRelationsSkillPillar`).
    pub fn broader_skills(&self, id: SkillId) -> &[SkillId] {
        self.graph.skill_broader.get(id.index())
    }

    /// Narrower skills of a skill.
    pub fn narrower_skills(&self, id: SkillId) -> &[SkillId] {
        self.graph.skill_narrower.get(id.index())
    }

    /// Skill groups a skill is directly under.
    pub fn skill_groups_of(&self, id: SkillId) -> &[SkillGroupId] {
        self.graph.skill_groups_of.get(id.index())
    }

    /// Skills related to this one (`skillSkillRelations`, this skill as `originalSkillUri`).
    pub fn related_skills(&self, id: SkillId) -> &[SkillLink] {
        self.graph.related.get(id.index())
    }

    /// Skills that name this one as related (this skill as `relatedSkillUri`).
    pub fn related_skills_incoming(&self, id: SkillId) -> &[SkillLink] {
        self.graph.related_incoming.get(id.index())
    }

    // --- skill groups

    /// All skill groups, indexed by [`SkillGroupId`].
    pub fn skill_groups(&self) -> &[SkillGroup] {
        &self.skill_groups
    }

    /// One skill group.
    pub fn skill_group(&self, id: SkillGroupId) -> &SkillGroup {
        &self.skill_groups[id.index()]
    }

    /// Id of the skill group with this concept URI.
    pub fn skill_group_id(&self, uri: &str) -> Option<SkillGroupId> {
        self.group_index.get(uri).map(|&i| SkillGroupId(i))
    }

    /// Groups directly above a group (from the hierarchy and the broader relations).
    pub fn broader_skill_groups(&self, id: SkillGroupId) -> &[SkillGroupId] {
        self.graph.group_broader.get(id.index())
    }

    /// Groups directly below a group.
    pub fn narrower_skill_groups(&self, id: SkillGroupId) -> &[SkillGroupId] {
        self.graph.group_narrower.get(id.index())
    }

    /// Skills directly in a group.
    pub fn skills_in_group(&self, id: SkillGroupId) -> &[SkillId] {
        self.graph.group_skills.get(id.index())
    }

    // --- ISCO groups

    /// All ISCO groups, indexed by [`IscoGroupId`].
    pub fn isco_groups(&self) -> &[IscoGroup] {
        &self.isco_groups
    }

    /// One ISCO group.
    pub fn isco_group(&self, id: IscoGroupId) -> &IscoGroup {
        &self.isco_groups[id.index()]
    }

    /// Id of the ISCO group with this concept URI.
    pub fn isco_group_id(&self, uri: &str) -> Option<IscoGroupId> {
        self.isco_index.get(uri).map(|&i| IscoGroupId(i))
    }

    /// Id of the ISCO group with this code.
    pub fn isco_group_by_code(&self, code: IscoCode) -> Option<IscoGroupId> {
        self.isco_groups
            .iter()
            .position(|g| g.code == code)
            .map(|i| IscoGroupId(i as u32))
    }

    /// Groups directly above an ISCO group.
    pub fn broader_isco(&self, id: IscoGroupId) -> &[IscoGroupId] {
        self.graph.isco_broader.get(id.index())
    }

    /// Groups directly below an ISCO group.
    pub fn narrower_isco(&self, id: IscoGroupId) -> &[IscoGroupId] {
        self.graph.isco_narrower.get(id.index())
    }

    /// Occupations directly under an ISCO group in `broaderRelationsOccPillar`.
    pub fn isco_occupations(&self, id: IscoGroupId) -> &[OccupationId] {
        self.graph.isco_occupations.get(id.index())
    }
}
