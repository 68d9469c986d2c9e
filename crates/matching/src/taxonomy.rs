//! The engine's own view of a skills taxonomy: plain interned ids, no ESCO internals.
//!
//! A [`Taxonomy`] is built once (from ESCO through [`crate::from_esco`], or by hand in tests)
//! with a [`TaxonomyBuilder`] and is immutable afterwards. Skills and occupations are known by
//! their URI at the edges and by a compact [`SkillId`] / [`OccupationId`] inside.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::MatchError;

/// Compact id of a skill (or knowledge concept, or skill group) inside one [`Taxonomy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SkillId(pub u32);

/// Compact id of an occupation inside one [`Taxonomy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OccupationId(pub u32);

impl SkillId {
    pub(crate) fn ix(self) -> usize {
        self.0 as usize
    }
}

impl OccupationId {
    pub(crate) fn ix(self) -> usize {
        self.0 as usize
    }
}

/// How strongly a skill–skill relation ties two skills (ESCO's `relationType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Essential,
    Optional,
}

#[derive(Debug, Clone, Default)]
struct OccupationData {
    uri: String,
    regulated: bool,
    essential: Vec<SkillId>,
    optional: Vec<SkillId>,
}

/// Collects skills, occupations and relations, then freezes them into a [`Taxonomy`].
///
/// Adding the same URI twice returns the same id; duplicate relations are removed in
/// [`TaxonomyBuilder::build`]. A skill listed both essential and optional for one occupation
/// counts as essential.
#[derive(Debug, Default)]
pub struct TaxonomyBuilder {
    skills: Vec<String>,
    is_group: Vec<bool>,
    skill_index: HashMap<String, SkillId>,
    occupations: Vec<OccupationData>,
    occupation_index: HashMap<String, OccupationId>,
    broader: Vec<(SkillId, SkillId)>,
    related: Vec<(SkillId, SkillId, Relation)>,
}

impl TaxonomyBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Interns a skill URI.
    pub fn skill(&mut self, uri: &str) -> SkillId {
        if let Some(&id) = self.skill_index.get(uri) {
            return id;
        }
        let id = SkillId(self.skills.len() as u32);
        self.skills.push(uri.to_owned());
        self.is_group.push(false);
        self.skill_index.insert(uri.to_owned(), id);
        id
    }

    /// Interns a skill group: a node of the skills hierarchy that is not itself a skill a
    /// person holds (ESCO `SkillGroup`). It takes part in the hierarchy like a skill.
    pub fn skill_group(&mut self, uri: &str) -> SkillId {
        let id = self.skill(uri);
        self.is_group[id.ix()] = true;
        id
    }

    /// Interns an occupation URI. `regulated`: the occupation is a regulated profession, so a
    /// foreign qualification must be recognised (or a recognition partnership accepted).
    /// Calling it again for the same URI ORs the flag.
    pub fn occupation(&mut self, uri: &str, regulated: bool) -> OccupationId {
        if let Some(&id) = self.occupation_index.get(uri) {
            self.occupations[id.ix()].regulated |= regulated;
            return id;
        }
        let id = OccupationId(self.occupations.len() as u32);
        self.occupations.push(OccupationData {
            uri: uri.to_owned(),
            regulated,
            ..OccupationData::default()
        });
        self.occupation_index.insert(uri.to_owned(), id);
        id
    }

    /// `skill` is essential for `occupation`.
    pub fn essential(&mut self, occupation: OccupationId, skill: SkillId) {
        self.occupations[occupation.ix()].essential.push(skill);
    }

    /// `skill` is optional for `occupation`.
    pub fn optional(&mut self, occupation: OccupationId, skill: SkillId) {
        self.occupations[occupation.ix()].optional.push(skill);
    }

    /// `narrower` is a specialisation of `broader` (ESCO `broaderRelationsSkillPillar`).
    pub fn broader(&mut self, narrower: SkillId, broader: SkillId) {
        if narrower != broader {
            self.broader.push((narrower, broader));
        }
    }

    /// A skill–skill relation (ESCO `skillSkillRelations`); used in both directions.
    pub fn related(&mut self, a: SkillId, b: SkillId, relation: Relation) {
        if a != b {
            self.related.push((a, b, relation));
        }
    }

    pub fn build(self) -> Taxonomy {
        let n_skills = self.skills.len();
        let mut broader = vec![Vec::new(); n_skills];
        let mut narrower = vec![Vec::new(); n_skills];
        for (n, b) in self.broader {
            broader[n.ix()].push(b);
            narrower[b.ix()].push(n);
        }
        let mut related: Vec<Vec<(SkillId, Relation)>> = vec![Vec::new(); n_skills];
        for (a, b, r) in self.related {
            related[a.ix()].push((b, r));
            related[b.ix()].push((a, r));
        }
        for v in broader.iter_mut().chain(narrower.iter_mut()) {
            v.sort_unstable();
            v.dedup();
        }
        for v in &mut related {
            // Essential sorts before optional, so dedup by skill keeps the stronger relation.
            v.sort_unstable();
            v.dedup_by_key(|(s, _)| *s);
        }

        let mut occupations = self.occupations;
        let mut occupations_of_skill: Vec<Vec<(OccupationId, Relation)>> =
            vec![Vec::new(); n_skills];
        for (i, occ) in occupations.iter_mut().enumerate() {
            occ.essential.sort_unstable();
            occ.essential.dedup();
            occ.optional.sort_unstable();
            occ.optional.dedup();
            let essential = &occ.essential;
            occ.optional.retain(|s| essential.binary_search(s).is_err());
            for &s in &occ.essential {
                occupations_of_skill[s.ix()].push((OccupationId(i as u32), Relation::Essential));
            }
            for &s in &occ.optional {
                occupations_of_skill[s.ix()].push((OccupationId(i as u32), Relation::Optional));
            }
        }

        let (under, skills_below) = occupations_under(
            &narrower,
            &self.is_group,
            &occupations_of_skill,
            occupations.len(),
        );

        let mut taxonomy = Taxonomy {
            skills: self.skills,
            is_group: self.is_group,
            skill_index: self.skill_index,
            occupations,
            occupation_index: self.occupation_index,
            broader,
            narrower,
            related,
            occupations_of_skill,
            under,
            skills_below,
            neighbour_count: Vec::new(),
        };
        taxonomy.neighbour_count = taxonomy
            .skills()
            .map(|s| taxonomy.neighbours(s).len() as u32)
            .collect();
        taxonomy
    }
}

/// For every node of the hierarchy: the occupations listing at least one plain skill below it
/// (any depth, the node itself excluded) with how many of their essential and optional skills
/// lie there, sorted by occupation; and the number of plain skills below it. This is what a
/// broad skill (a group, or a skill with narrower skills) says about occupations, and what a
/// sibling says about the skills of its parent.
fn occupations_under(
    narrower: &[Vec<SkillId>],
    is_group: &[bool],
    occupations_of_skill: &[Vec<(OccupationId, Relation)>],
    n_occupations: usize,
) -> (Vec<Vec<Below>>, Vec<u32>) {
    let n = narrower.len();
    let mut under = vec![Vec::new(); n];
    let mut skills_below = vec![0u32; n];
    let mut seen = vec![u32::MAX; n];
    let mut counts = vec![(0u16, 0u16); n_occupations];
    let mut touched: Vec<OccupationId> = Vec::new();
    let mut stack = Vec::new();
    for node in 0..n {
        if narrower[node].is_empty() {
            continue;
        }
        seen[node] = node as u32;
        stack.extend_from_slice(&narrower[node]);
        while let Some(s) = stack.pop() {
            if seen[s.ix()] == node as u32 {
                continue;
            }
            seen[s.ix()] = node as u32;
            stack.extend_from_slice(&narrower[s.ix()]);
            if is_group[s.ix()] {
                continue;
            }
            skills_below[node] += 1;
            for &(o, rel) in &occupations_of_skill[s.ix()] {
                let c = &mut counts[o.ix()];
                if *c == (0, 0) {
                    touched.push(o);
                }
                match rel {
                    Relation::Essential => c.0 = c.0.saturating_add(1),
                    Relation::Optional => c.1 = c.1.saturating_add(1),
                }
            }
        }
        touched.sort_unstable();
        under[node] = touched
            .drain(..)
            .map(|o| {
                let (essential, optional) = std::mem::take(&mut counts[o.ix()]);
                Below {
                    occupation: o,
                    essential,
                    optional,
                }
            })
            .collect();
    }
    (under, skills_below)
}

/// An occupation's skills below a hierarchy node; see [`Taxonomy::occupations_under`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Below {
    pub occupation: OccupationId,
    /// Its essential skills below the node.
    pub essential: u16,
    /// Its optional skills below the node.
    pub optional: u16,
}

/// An immutable skills taxonomy with its hierarchy, relations and inverted indexes.
#[derive(Debug)]
pub struct Taxonomy {
    skills: Vec<String>,
    is_group: Vec<bool>,
    skill_index: HashMap<String, SkillId>,
    occupations: Vec<OccupationData>,
    occupation_index: HashMap<String, OccupationId>,
    broader: Vec<Vec<SkillId>>,
    narrower: Vec<Vec<SkillId>>,
    related: Vec<Vec<(SkillId, Relation)>>,
    occupations_of_skill: Vec<Vec<(OccupationId, Relation)>>,
    under: Vec<Vec<Below>>,
    skills_below: Vec<u32>,
    /// `neighbours(s).len()` per skill, kept because the skills → occupations score divides
    /// by it for every neighbour of every held skill.
    neighbour_count: Vec<u32>,
}

impl Taxonomy {
    pub fn skill_count(&self) -> usize {
        self.skills.len()
    }

    pub fn occupation_count(&self) -> usize {
        self.occupations.len()
    }

    /// All skill ids, in id order.
    pub fn skills(&self) -> impl ExactSizeIterator<Item = SkillId> + '_ {
        (0..self.skills.len() as u32).map(SkillId)
    }

    /// All occupation ids, in id order.
    pub fn occupations(&self) -> impl ExactSizeIterator<Item = OccupationId> + '_ {
        (0..self.occupations.len() as u32).map(OccupationId)
    }

    /// The id is a skill group (a hierarchy node), not a skill.
    pub fn is_group(&self, id: SkillId) -> bool {
        self.is_group[id.ix()]
    }

    pub fn skill_id(&self, uri: &str) -> Option<SkillId> {
        self.skill_index.get(uri).copied()
    }

    /// Like [`Taxonomy::skill_id`], but an unknown URI is an error naming it.
    pub fn require_skill(&self, uri: &str) -> Result<SkillId, MatchError> {
        self.skill_id(uri)
            .ok_or_else(|| MatchError::UnknownSkill(uri.to_owned()))
    }

    pub fn occupation_id(&self, uri: &str) -> Option<OccupationId> {
        self.occupation_index.get(uri).copied()
    }

    pub fn skill_uri(&self, id: SkillId) -> &str {
        &self.skills[id.ix()]
    }

    pub fn occupation_uri(&self, id: OccupationId) -> &str {
        &self.occupations[id.ix()].uri
    }

    pub fn is_regulated(&self, id: OccupationId) -> bool {
        self.occupations[id.ix()].regulated
    }

    /// Essential skills of an occupation, sorted by id.
    pub fn essential(&self, id: OccupationId) -> &[SkillId] {
        &self.occupations[id.ix()].essential
    }

    /// Optional skills of an occupation (never also essential), sorted by id.
    pub fn optional(&self, id: OccupationId) -> &[SkillId] {
        &self.occupations[id.ix()].optional
    }

    /// Direct broader skills (parents).
    pub fn broader(&self, id: SkillId) -> &[SkillId] {
        &self.broader[id.ix()]
    }

    /// Direct narrower skills (children).
    pub fn narrower(&self, id: SkillId) -> &[SkillId] {
        &self.narrower[id.ix()]
    }

    /// Skills related by a skill–skill relation, in either direction.
    pub fn related(&self, id: SkillId) -> &[(SkillId, Relation)] {
        &self.related[id.ix()]
    }

    /// Occupations that list the skill, with how.
    pub fn occupations_of(&self, id: SkillId) -> &[(OccupationId, Relation)] {
        &self.occupations_of_skill[id.ix()]
    }

    /// Occupations listing a plain skill below `id` (any depth), with how many, sorted by
    /// occupation. Empty for a skill without narrower skills.
    pub fn occupations_under(&self, id: SkillId) -> &[Below] {
        &self.under[id.ix()]
    }

    /// Number of plain skills (not groups) below `id`, any depth.
    pub fn skills_below(&self, id: SkillId) -> u32 {
        self.skills_below[id.ix()]
    }

    /// Neighbours of a skill: the other plain skills directly under one of its direct
    /// broader nodes (a broader skill or a skill group), in id order. "Same broader skill in
    /// ESCO's hierarchy".
    pub fn neighbours(&self, id: SkillId) -> Vec<SkillId> {
        self.neighbours_within(id, u32::MAX)
    }

    /// `neighbours(id).len()`, without building the list.
    pub fn neighbour_count(&self, id: SkillId) -> u32 {
        self.neighbour_count[id.ix()]
    }

    /// [`Taxonomy::neighbours`] under broader nodes with at most `max_skills` skills below.
    pub fn neighbours_within(&self, id: SkillId, max_skills: u32) -> Vec<SkillId> {
        let mut out: Vec<SkillId> = self.broader[id.ix()]
            .iter()
            .filter(|&&p| self.skills_below[p.ix()] <= max_skills)
            .flat_map(|&p| self.narrower[p.ix()].iter().copied())
            .filter(|&s| s != id && !self.is_group[s.ix()])
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
