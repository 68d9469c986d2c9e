//! The ESCO vocabulary: compact ids, concepts and their labels.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Ids are dense (`0..n`) and assigned in URI order, so the same files give the same
        /// ids whatever the order of the paths or language packs.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub struct $name(pub u32);

        impl $name {
            /// The id as an index into the dataset's slice of this concept kind.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}#{}", stringify!($name), self.0)
            }
        }
    };
}

id_type!(
    /// Compact id of an ESCO occupation.
    OccupationId
);
id_type!(
    /// Compact id of an ESCO skill or knowledge concept (`KnowledgeSkillCompetence`).
    SkillId
);
id_type!(
    /// Compact id of an ESCO skill group (a node of the skills hierarchy that is not a skill).
    SkillGroupId
);
id_type!(
    /// Compact id of an ISCO-08 group (1 to 4 digits).
    IscoGroupId
);

/// A language code as found in ESCO file names (`occupations_de.csv` → `de`).
///
/// Lower-case ASCII letters, digits and `-`, 1 to 8 characters (`en`, `pt`, `en-us`). `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang {
    len: u8,
    bytes: [u8; 8],
}

impl Lang {
    /// English, the language of the shared ESCO copy.
    pub const EN: Lang = Lang::from_static("en");
    /// German.
    pub const DE: Lang = Lang::from_static("de");

    const fn from_static(s: &str) -> Lang {
        let b = s.as_bytes();
        let mut bytes = [0u8; 8];
        let mut i = 0;
        while i < b.len() {
            bytes[i] = b[i];
            i += 1;
        }
        Lang {
            len: b.len() as u8,
            bytes,
        }
    }

    /// Parses a language code; upper-case letters are lowered. `None` if it is not a plausible
    /// code (empty, longer than 8, or a character other than ASCII letters, digits and `-`).
    pub fn parse(s: &str) -> Option<Lang> {
        if s.is_empty() || s.len() > 8 {
            return None;
        }
        let mut bytes = [0u8; 8];
        for (i, c) in s.bytes().enumerate() {
            if !(c.is_ascii_alphanumeric() || c == b'-') {
                return None;
            }
            bytes[i] = c.to_ascii_lowercase();
        }
        Some(Lang {
            len: s.len() as u8,
            bytes,
        })
    }

    /// The code as text, e.g. `"en"`.
    pub fn as_str(&self) -> &str {
        // Only ASCII bytes are ever stored.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The labels of one concept in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Labels {
    /// Language of these labels.
    pub lang: Lang,
    /// `preferredLabel`.
    pub preferred: String,
    /// `altLabels` (one per line in the file), in file order. ESCO often repeats the preferred
    /// label here; it is kept as in the file.
    pub alternative: Vec<String>,
    /// `hiddenLabels` (misspellings, obsolete terms: searchable, never displayed).
    pub hidden: Vec<String>,
    /// `description`, if not empty.
    pub description: Option<String>,
}

/// The labels of one concept in every loaded language, ordered by language code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSet(pub(crate) Vec<Labels>);

impl LabelSet {
    /// Labels in `lang`, if that language pack had this concept.
    pub fn get(&self, lang: Lang) -> Option<&Labels> {
        self.0.iter().find(|l| l.lang == lang)
    }

    /// Preferred label in `lang`, if any.
    pub fn preferred(&self, lang: Lang) -> Option<&str> {
        self.get(lang).map(|l| l.preferred.as_str())
    }

    /// Preferred label in the first of `langs` that has one, else in any language
    /// (lowest language code first), else `""`.
    pub fn preferred_in(&self, langs: &[Lang]) -> &str {
        langs
            .iter()
            .find_map(|&l| self.preferred(l))
            .or_else(|| self.0.first().map(|l| l.preferred.as_str()))
            .unwrap_or("")
    }

    /// All languages' labels, ordered by language code.
    pub fn iter(&self) -> impl Iterator<Item = &Labels> {
        self.0.iter()
    }

    /// Number of languages with labels for this concept.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `true` if no loaded language pack had this concept (only possible for skill groups
    /// known from the hierarchy file alone — never for occupations and skills).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `essential` or `optional`, for occupation–skill and skill–skill relations.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum RelationType {
    /// `essential`
    Essential,
    /// `optional`
    Optional,
}

impl RelationType {
    /// Parses the ESCO spelling (`essential`, `optional`).
    pub fn parse(s: &str) -> Option<RelationType> {
        match s {
            "essential" => Some(RelationType::Essential),
            "optional" => Some(RelationType::Optional),
            _ => None,
        }
    }

    /// The ESCO spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationType::Essential => "essential",
            RelationType::Optional => "optional",
        }
    }
}

/// ESCO `skillType`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum SkillType {
    /// `skill/competence`
    SkillCompetence,
    /// `knowledge`
    Knowledge,
}

impl SkillType {
    /// Parses the ESCO spelling; `None` for anything else.
    pub fn parse(s: &str) -> Option<SkillType> {
        match s {
            "skill/competence" => Some(SkillType::SkillCompetence),
            "knowledge" => Some(SkillType::Knowledge),
            _ => None,
        }
    }

    /// The ESCO spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SkillType::SkillCompetence => "skill/competence",
            SkillType::Knowledge => "knowledge",
        }
    }
}

/// ESCO `reuseLevel`: how widely a skill applies.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum ReuseLevel {
    /// `transversal`: relevant to a broad range of occupations and sectors.
    Transversal,
    /// `cross-sector`: relevant to occupations across several economic sectors.
    CrossSector,
    /// `sector-specific`: within one sector, several occupations.
    SectorSpecific,
    /// `occupation-specific`: one or a few occupations.
    OccupationSpecific,
}

impl ReuseLevel {
    /// Parses the ESCO spelling; `None` for anything else.
    pub fn parse(s: &str) -> Option<ReuseLevel> {
        match s {
            "transversal" => Some(ReuseLevel::Transversal),
            "cross-sector" => Some(ReuseLevel::CrossSector),
            "sector-specific" => Some(ReuseLevel::SectorSpecific),
            "occupation-specific" => Some(ReuseLevel::OccupationSpecific),
            _ => None,
        }
    }

    /// The ESCO spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ReuseLevel::Transversal => "transversal",
            ReuseLevel::CrossSector => "cross-sector",
            ReuseLevel::SectorSpecific => "sector-specific",
            ReuseLevel::OccupationSpecific => "occupation-specific",
        }
    }
}

/// An ISCO-08 code of 1 to 4 digits, e.g. `2221` (nursing professionals). Leading zeros are
/// significant (`0110`), so this is text, not a number. `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IscoCode {
    len: u8,
    digits: [u8; 4],
}

impl IscoCode {
    /// Parses 1 to 4 ASCII digits.
    pub fn parse(s: &str) -> Option<IscoCode> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut digits = [0u8; 4];
        digits[..s.len()].copy_from_slice(s.as_bytes());
        Some(IscoCode {
            len: s.len() as u8,
            digits,
        })
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits[..self.len as usize]).unwrap_or("")
    }

    /// Level in the ISCO hierarchy: 1 (major group) to 4 (unit group).
    pub fn level(&self) -> u8 {
        self.len
    }

    /// The code of the group `level` digits long that contains this one, e.g. `2221` at level
    /// 2 → `22`. `None` if `level` is 0 or deeper than this code.
    pub fn truncate(&self, level: u8) -> Option<IscoCode> {
        if level == 0 || level > self.len {
            return None;
        }
        let mut c = *self;
        c.len = level;
        c.digits[level as usize..].fill(0);
        Some(c)
    }
}

impl fmt::Debug for IscoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IscoCode({})", self.as_str())
    }
}

impl fmt::Display for IscoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An ESCO occupation.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Occupation {
    /// Concept URI, e.g. `http://data.europa.eu/esco/occupation/…`.
    pub uri: String,
    /// ISCO-08 unit group (`iscoGroup` column, 4 digits).
    pub isco_code: IscoCode,
    /// ESCO occupation code (`code` column, e.g. `2221.1`), empty if the file has none.
    pub code: String,
    /// `true` if `regulatedProfessionNote` marks the occupation as regulated (in v1.1.1 the
    /// note is the URI `…/regulated-professions/regulated` or `…/unregulated`).
    pub regulated: bool,
    /// Labels per language.
    pub labels: LabelSet,
}

/// An ESCO skill or knowledge concept.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Skill {
    /// Concept URI, e.g. `http://data.europa.eu/esco/skill/…`.
    pub uri: String,
    /// `skill/competence` or `knowledge`; `None` where the file leaves it empty (v1.1.1 has six
    /// such concepts, e.g. the DigComp areas).
    pub skill_type: Option<SkillType>,
    /// Reuse level; `None` where the file leaves it empty.
    pub reuse_level: Option<ReuseLevel>,
    /// Labels per language.
    pub labels: LabelSet,
}

/// A node of the skills hierarchy that is not itself a skill (e.g. "communication,
/// collaboration and creativity", or an ISCED-F field of education).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SkillGroup {
    /// Concept URI.
    pub uri: String,
    /// Hierarchy code (`S1.2`, `T3`, `0613`…), empty if none is known.
    pub code: String,
    /// Depth in `skillsHierarchy` (0 = top, up to 3), `None` if the group is not listed there
    /// (deeper ISCED-F groups are only in `skillGroups` and the broader relations).
    pub level: Option<u8>,
    /// Labels per language; from `skillGroups_<lang>.csv`, or the hierarchy file's
    /// "preferred term" columns when a group is listed there only.
    pub labels: LabelSet,
}

/// An ISCO-08 group (major, sub-major, minor or unit group).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct IscoGroup {
    /// Concept URI, e.g. `http://data.europa.eu/esco/isco/C2221`.
    pub uri: String,
    /// The ISCO code.
    pub code: IscoCode,
    /// Labels per language.
    pub labels: LabelSet,
}

/// A skill at the other end of a relation, with the relation's type.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct SkillLink {
    /// The skill.
    pub skill: SkillId,
    /// `essential` or `optional`.
    pub relation: RelationType,
}

/// An occupation at the other end of an occupation–skill relation.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct OccupationLink {
    /// The occupation.
    pub occupation: OccupationId,
    /// `essential` or `optional`.
    pub relation: RelationType,
}

/// Compressed adjacency lists (CSR): `items[offsets[i]..offsets[i + 1]]` are node `i`'s
/// neighbours (sorted when built from pairs).
#[derive(Clone, Debug)]
pub(crate) struct Adjacency<T> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Adjacency<T> {
    /// Builds from one list per node, keeping each list's order.
    pub(crate) fn from_lists<L: IntoIterator<Item = T>>(
        lists: impl IntoIterator<Item = L>,
    ) -> Adjacency<T> {
        let mut offsets = vec![0u32];
        let mut items = Vec::new();
        for l in lists {
            items.extend(l);
            offsets.push(items.len() as u32);
        }
        Adjacency { offsets, items }
    }

    #[inline]
    pub(crate) fn get(&self, node: usize) -> &[T] {
        self.get_range(node..node + 1)
    }

    /// The lists of nodes `nodes.start..nodes.end`, concatenated.
    #[inline]
    pub(crate) fn get_range(&self, nodes: std::ops::Range<usize>) -> &[T] {
        match (self.offsets.get(nodes.start), self.offsets.get(nodes.end)) {
            (Some(&a), Some(&b)) if a <= b => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    pub(crate) fn len_items(&self) -> usize {
        self.items.len()
    }
}

impl<T: Copy + Ord> Adjacency<T> {
    /// Builds from `(node, item)` pairs; sorts and removes exact duplicates.
    pub(crate) fn build(nodes: usize, mut pairs: Vec<(u32, T)>) -> Adjacency<T> {
        pairs.sort_unstable();
        pairs.dedup();
        let mut offsets = Vec::with_capacity(nodes + 1);
        offsets.push(0u32);
        let mut items = Vec::with_capacity(pairs.len());
        let mut it = pairs.into_iter().peekable();
        for node in 0..nodes as u32 {
            while let Some(&(n, item)) = it.peek() {
                if n != node {
                    break;
                }
                items.push(item);
                it.next();
            }
            offsets.push(items.len() as u32);
        }
        debug_assert!(it.next().is_none(), "adjacency node out of range");
        Adjacency { offsets, items }
    }
}
