//! Reading the ESCO CSV files into a [`Dataset`].

use std::collections::HashMap;
use std::path::Path;

use crate::dataset::{Dataset, Graph};
use crate::error::LoadError;
use crate::model::*;
use crate::source::{ConceptFile, FileKind, RelationFile, Sources};
use crate::table::{Col, Table, opt, req, split_lines};

/// What to do with a relation or hierarchy row that names a concept no concept file defines.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[non_exhaustive]
pub enum UnknownUris {
    /// Fail the whole load with [`LoadError::UnknownUri`].
    Error,
    /// Leave the row out and list it in [`LoadReport::skipped`]. The default, because the
    /// official v1.1.1 download itself has such rows: 67 occupation–skill relations and one
    /// broader relation name occupation `a9e54177-…`, which `occupations_<lang>.csv` lacks.
    #[default]
    Skip,
}

/// Options for [`Dataset::load_with`].
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct LoadOptions {
    /// Policy for relation rows naming unknown concepts.
    pub unknown_uris: UnknownUris,
}

impl LoadOptions {
    /// Every unknown URI is an error.
    pub fn strict() -> LoadOptions {
        LoadOptions {
            unknown_uris: UnknownUris::Error,
        }
    }
}

/// Progress of a load, for a progress bar: called at the start of each file and every few
/// thousand rows.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Progress<'a> {
    /// The file being read (`archive.zip!name.csv` or a path).
    pub file: &'a str,
    /// Files finished so far.
    pub files_done: usize,
    /// Files to read in all.
    pub files_total: usize,
    /// Uncompressed bytes read so far, over all files.
    pub bytes_done: u64,
    /// Uncompressed bytes to read in all.
    pub bytes_total: u64,
}

/// A relation row left out under [`UnknownUris::Skip`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkippedRow {
    /// The file.
    pub file: String,
    /// Line where the row starts.
    pub line: u64,
    /// What the URI should have been (`occupation`, `skill`, …).
    pub kind: &'static str,
    /// The unknown URI.
    pub uri: String,
}

/// What a load read and left out.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct LoadReport {
    /// Files read, in reading order.
    pub files: Vec<String>,
    /// Relation rows left out because they name unknown concepts.
    pub skipped: Vec<SkippedRow>,
    /// Occupation–skill relation rows in the files (before skipping and de-duplication).
    pub occupation_skill_rows: usize,
    /// Relation rows that repeat an earlier row (same pair and type), e.g. because two
    /// language packs both carry the relation files. Counted once.
    pub duplicate_rows: usize,
}

/// Counts of the loaded dataset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counts {
    /// Occupations.
    pub occupations: usize,
    /// Skills and knowledge concepts.
    pub skills: usize,
    /// Skill groups.
    pub skill_groups: usize,
    /// ISCO groups.
    pub isco_groups: usize,
    /// Occupation–skill relations, both types.
    pub occupation_skill: usize,
    /// … of which essential.
    pub essential: usize,
    /// … of which optional.
    pub optional: usize,
    /// Skill–skill relations.
    pub skill_skill: usize,
}

// ---------------------------------------------------------------------------------------------
// Concept collection

/// Language-independent attributes of a concept; two packs must agree on them.
trait Attrs: Sized {
    /// First differing attribute: (column, self's value, other's value).
    fn diff(&self, other: &Self) -> Option<(&'static str, String, String)>;
}

#[derive(Clone, PartialEq)]
struct OccAttrs {
    isco: IscoCode,
    code: String,
    regulated: bool,
}

impl Attrs for OccAttrs {
    fn diff(&self, o: &Self) -> Option<(&'static str, String, String)> {
        if self.isco != o.isco {
            return Some(("iscoGroup", self.isco.to_string(), o.isco.to_string()));
        }
        if self.regulated != o.regulated {
            let f = |r: bool| if r { "regulated" } else { "unregulated" }.to_string();
            return Some(("regulatedProfessionNote", f(self.regulated), f(o.regulated)));
        }
        None // `code` may be missing in some packs; not compared.
    }
}

#[derive(Clone, PartialEq)]
struct SkillAttrs {
    skill_type: Option<SkillType>,
    reuse_level: Option<ReuseLevel>,
}

fn opt_str<T>(v: Option<T>, f: impl Fn(T) -> &'static str) -> String {
    v.map(f).unwrap_or("").to_string()
}

impl Attrs for SkillAttrs {
    fn diff(&self, o: &Self) -> Option<(&'static str, String, String)> {
        if self.skill_type != o.skill_type {
            return Some((
                "skillType",
                opt_str(self.skill_type, SkillType::as_str),
                opt_str(o.skill_type, SkillType::as_str),
            ));
        }
        if self.reuse_level != o.reuse_level {
            return Some((
                "reuseLevel",
                opt_str(self.reuse_level, ReuseLevel::as_str),
                opt_str(o.reuse_level, ReuseLevel::as_str),
            ));
        }
        None
    }
}

#[derive(Clone, PartialEq, Default)]
struct GroupAttrs {
    code: String,
    level: Option<u8>,
}

impl Attrs for GroupAttrs {
    fn diff(&self, _: &Self) -> Option<(&'static str, String, String)> {
        None // merged, not compared: codes come from two different files
    }
}

impl Attrs for IscoCode {
    fn diff(&self, o: &Self) -> Option<(&'static str, String, String)> {
        (self != o).then(|| ("code", self.to_string(), o.to_string()))
    }
}

struct Item<A> {
    uri: String,
    attrs: A,
    origin: String,
    labels: Vec<Labels>,
    last_file: usize,
    last_line: u64,
}

struct Collector<A> {
    index: HashMap<String, usize>,
    items: Vec<Item<A>>,
}

impl<A: Attrs> Collector<A> {
    fn new() -> Self {
        Collector {
            index: HashMap::new(),
            items: Vec::new(),
        }
    }

    fn add(
        &mut self,
        t: &Table,
        file_idx: usize,
        uri: &str,
        attrs: A,
        labels: Option<Labels>,
    ) -> Result<(), LoadError> {
        if uri.is_empty() {
            return Err(t.invalid("conceptUri", uri));
        }
        match self.index.get(uri) {
            Some(&i) => {
                let item = &mut self.items[i];
                if item.last_file == file_idx {
                    return Err(LoadError::DuplicateUri {
                        file: t.file.to_string(),
                        line: t.line(),
                        first_line: item.last_line,
                        uri: uri.to_string(),
                    });
                }
                if let Some((what, first_value, value)) = item.attrs.diff(&attrs) {
                    return Err(LoadError::conflict(
                        t.file.to_string(),
                        t.line(),
                        what,
                        uri,
                        &value,
                        &item.origin,
                        &first_value,
                    ));
                }
                item.last_file = file_idx;
                item.last_line = t.line();
                item.labels.extend(labels);
            }
            None => {
                self.index.insert(uri.to_string(), self.items.len());
                self.items.push(Item {
                    uri: uri.to_string(),
                    attrs,
                    origin: t.here(),
                    labels: labels.into_iter().collect(),
                    last_file: file_idx,
                    last_line: t.line(),
                });
            }
        }
        Ok(())
    }

    /// Sorts by URI and returns the items with a URI → id map.
    fn finish(self) -> (Vec<Item<A>>, HashMap<String, u32>) {
        let mut items = self.items;
        items.sort_unstable_by(|a, b| a.uri.cmp(&b.uri));
        for it in &mut items {
            it.labels.sort_by_key(|l| l.lang);
        }
        let index = items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.uri.clone(), i as u32))
            .collect();
        (items, index)
    }
}

fn labels_from(t: &Table, lang: Lang, pref: usize, alt: usize, hidden: usize) -> Labels {
    Labels {
        lang,
        preferred: t.get(pref).to_string(),
        alternative: split_lines(t.get(alt)),
        hidden: split_lines(t.get(hidden)),
        description: None,
    }
}

// ---------------------------------------------------------------------------------------------
// The loader

struct Loader<'p> {
    sources: Sources,
    opts: LoadOptions,
    progress: &'p mut dyn FnMut(Progress<'_>),
    files_done: usize,
    bytes_done: u64,
    bytes_total: u64,
    report: LoadReport,
}

/// Resolves a URI through `map`, or applies the unknown-URI policy (`Ok(None)` = skip row).
fn resolve(
    map: &HashMap<String, u32>,
    t: &Table,
    kind: &'static str,
    uri: &str,
    opts: &LoadOptions,
    report: &mut LoadReport,
) -> Result<Option<u32>, LoadError> {
    if let Some(&id) = map.get(uri) {
        return Ok(Some(id));
    }
    match opts.unknown_uris {
        UnknownUris::Error => Err(t.unknown(kind, uri)),
        UnknownUris::Skip => {
            report.skipped.push(SkippedRow {
                file: t.file.to_string(),
                line: t.line(),
                kind,
                uri: uri.to_string(),
            });
            Ok(None)
        }
    }
}

/// A relation edge with where it was read, for duplicate and conflict checks.
struct Edge<T> {
    from: u32,
    to: u32,
    ty: T,
    file: usize,
    line: u64,
}

impl Loader<'_> {
    fn files_of(&self, kind: impl Fn(FileKind) -> bool) -> Vec<usize> {
        (0..self.sources.files.len())
            .filter(|&i| kind(self.sources.files[i].kind))
            .collect()
    }

    /// Concept files of one kind, ordered by language code.
    fn concept_files(&self, which: ConceptFile) -> Vec<(usize, Lang)> {
        let mut v: Vec<(usize, Lang)> = self
            .sources
            .files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| match f.kind {
                FileKind::Concept(c, lang) if c == which => Some((i, lang)),
                _ => None,
            })
            .collect();
        v.sort_by_key(|&(i, lang)| (lang, i));
        v
    }

    fn tick(&mut self, file: &str, bytes_in_file: u64) {
        (self.progress)(Progress {
            file,
            files_done: self.files_done,
            files_total: self.sources.files.len(),
            bytes_done: self.bytes_done + bytes_in_file,
            bytes_total: self.bytes_total,
        });
    }

    /// Reads every row of file `idx` through `row`.
    fn read(
        &mut self,
        idx: usize,
        cols: &[Col],
        flexible: bool,
        mut row: impl FnMut(&Table, &mut LoadReport) -> Result<(), LoadError>,
    ) -> Result<(), LoadError> {
        let display = self.sources.files[idx].display.clone();
        let size = self.sources.files[idx].size;
        self.tick(&display, 0);
        let files_total = self.sources.files.len();
        let (files_done, bytes_done, bytes_total) =
            (self.files_done, self.bytes_done, self.bytes_total);
        let progress = &mut self.progress;
        let report = &mut self.report;
        let reader = self.sources.reader(idx)?;
        let mut t = Table::open(reader, &display, cols, flexible)?;
        let mut n = 0u32;
        while t.next()? {
            row(&t, report)?;
            n += 1;
            if n.is_multiple_of(8192) {
                progress(Progress {
                    file: &display,
                    files_done,
                    files_total,
                    bytes_done: bytes_done + t.bytes().min(size),
                    bytes_total,
                });
            }
        }
        drop(t);
        self.files_done += 1;
        self.bytes_done += size;
        self.report.files.push(display.clone());
        self.tick(&display, 0);
        Ok(())
    }
}

/// One concept type of a `broaderRelations…Pillar` file.
struct Side<'a> {
    /// Value of the `conceptType` / `broaderType` column.
    type_name: &'static str,
    /// Name in error messages.
    kind: &'static str,
    index: &'a HashMap<String, u32>,
}

/// The edges of a pillar file with leaf concepts (occupations, skills) under group concepts
/// (ISCO groups, skill groups).
#[derive(Default)]
struct Pillar {
    leaf_leaf: Vec<(u32, u32)>,
    leaf_group: Vec<(u32, u32)>,
    group_group: Vec<(u32, u32)>,
}

impl Loader<'_> {
    fn read_pillar(
        &mut self,
        file: RelationFile,
        leaf: Side<'_>,
        group: Side<'_>,
    ) -> Result<Pillar, LoadError> {
        const COLS: [Col; 4] = [
            req("conceptType"),
            req("conceptUri"),
            req("broaderType"),
            req("broaderUri"),
        ];
        let mut out = Pillar::default();
        let opts = self.opts.clone();
        for idx in self.files_of(|k| k == FileKind::Relation(file)) {
            self.read(idx, &COLS, false, |t, report| {
                let mut node = |type_col: usize, column: &'static str| {
                    let uri = t.get(type_col + 1);
                    match t.get(type_col) {
                        ty if ty == leaf.type_name => {
                            Ok(resolve(leaf.index, t, leaf.kind, uri, &opts, report)?
                                .map(|i| (false, i)))
                        }
                        ty if ty == group.type_name => {
                            Ok(resolve(group.index, t, group.kind, uri, &opts, report)?
                                .map(|i| (true, i)))
                        }
                        other => Err(t.invalid(column, other)),
                    }
                };
                let a = node(0, "conceptType")?;
                let b = node(2, "broaderType")?;
                match (a, b) {
                    (Some((false, a)), Some((false, b))) => out.leaf_leaf.push((a, b)),
                    (Some((false, a)), Some((true, b))) => out.leaf_group.push((a, b)),
                    (Some((true, a)), Some((true, b))) => out.group_group.push((a, b)),
                    (Some((true, _)), Some((false, _))) => {
                        return Err(t.invalid("broaderType", leaf.type_name));
                    }
                    _ => {}
                }
                Ok(())
            })?;
        }
        Ok(out)
    }
}

pub(crate) fn load(
    paths: &[&Path],
    opts: &LoadOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Dataset, LoadError> {
    let sources = Sources::open(paths)?;

    // Each kind of file must be present, and each (kind, language) at most once.
    let mut seen: HashMap<FileKind, usize> = HashMap::new();
    for (i, f) in sources.files.iter().enumerate() {
        if let FileKind::Concept(..) = f.kind {
            if let Some(&first) = seen.get(&f.kind) {
                return Err(LoadError::DuplicateFile {
                    file: f.display.clone(),
                    first: sources.files[first].display.clone(),
                });
            }
            seen.insert(f.kind, i);
        }
    }
    for c in ConceptFile::ALL {
        if !sources
            .files
            .iter()
            .any(|f| matches!(f.kind, FileKind::Concept(k, _) if k == c))
        {
            return Err(LoadError::MissingFile {
                name: c.pattern(),
                searched: sources.searched.clone(),
            });
        }
    }
    for r in RelationFile::ALL {
        if !sources
            .files
            .iter()
            .any(|f| f.kind == FileKind::Relation(r))
        {
            return Err(LoadError::MissingFile {
                name: r.name(),
                searched: sources.searched.clone(),
            });
        }
    }

    let bytes_total = sources.files.iter().map(|f| f.size).sum();
    let mut l = Loader {
        sources,
        opts: opts.clone(),
        progress,
        files_done: 0,
        bytes_done: 0,
        bytes_total,
        report: LoadReport::default(),
    };

    let mut languages: Vec<Lang> = l
        .sources
        .files
        .iter()
        .filter_map(|f| match f.kind {
            FileKind::Concept(_, lang) => Some(lang),
            _ => None,
        })
        .collect();
    languages.sort();
    languages.dedup();

    // --- occupations
    let mut occs: Collector<OccAttrs> = Collector::new();
    for (idx, lang) in l.concept_files(ConceptFile::Occupations) {
        const COLS: [Col; 8] = [
            req("conceptUri"),
            req("iscoGroup"),
            req("preferredLabel"),
            req("altLabels"),
            opt("hiddenLabels"),
            opt("regulatedProfessionNote"),
            opt("code"),
            opt("description"),
        ];
        l.read(idx, &COLS, false, |t, _| {
            let isco = t.get(1);
            let isco = IscoCode::parse(isco).ok_or_else(|| t.invalid("iscoGroup", isco))?;
            let note = t.get(5);
            let attrs = OccAttrs {
                isco,
                code: t.get(6).to_string(),
                regulated: !note.is_empty() && !note.ends_with("unregulated"),
            };
            let mut labels = labels_from(t, lang, 2, 3, 4);
            labels.description = non_empty(t.get(7));
            occs.add(t, idx, t.get(0), attrs, Some(labels))
        })?;
    }

    // --- skills
    let mut skills: Collector<SkillAttrs> = Collector::new();
    for (idx, lang) in l.concept_files(ConceptFile::Skills) {
        const COLS: [Col; 7] = [
            req("conceptUri"),
            req("skillType"),
            req("reuseLevel"),
            req("preferredLabel"),
            req("altLabels"),
            opt("hiddenLabels"),
            opt("description"),
        ];
        l.read(idx, &COLS, false, |t, _| {
            let st = t.get(1);
            let skill_type = match st {
                "" => None,
                s => Some(SkillType::parse(s).ok_or_else(|| t.invalid("skillType", s))?),
            };
            let rl = t.get(2);
            let reuse_level = match rl {
                "" => None,
                s => Some(ReuseLevel::parse(s).ok_or_else(|| t.invalid("reuseLevel", s))?),
            };
            let mut labels = labels_from(t, lang, 3, 4, 5);
            labels.description = non_empty(t.get(6));
            skills.add(
                t,
                idx,
                t.get(0),
                SkillAttrs {
                    skill_type,
                    reuse_level,
                },
                Some(labels),
            )
        })?;
    }

    // --- skill groups, from skillGroups and skillsHierarchy
    let mut groups: Collector<GroupAttrs> = Collector::new();
    for (idx, lang) in l.concept_files(ConceptFile::SkillGroups) {
        const COLS: [Col; 6] = [
            req("conceptUri"),
            req("preferredLabel"),
            req("altLabels"),
            opt("hiddenLabels"),
            opt("code"),
            opt("description"),
        ];
        l.read(idx, &COLS, false, |t, _| {
            let mut labels = labels_from(t, lang, 1, 2, 3);
            labels.description = non_empty(t.get(5));
            let attrs = GroupAttrs {
                code: t.get(4).to_string(),
                level: None,
            };
            groups.add(t, idx, t.get(0), attrs, Some(labels))
        })?;
    }
    // Hierarchy rows: the deepest filled level is the row's node; the level above its parent.
    let mut hierarchy_edges: Vec<(String, String)> = Vec::new();
    let mut hierarchy_done = false;
    for (idx, lang) in l.concept_files(ConceptFile::SkillsHierarchy) {
        const COLS: [Col; 13] = [
            req("Level 0 URI"),
            req("Level 0 preferred term"),
            req("Level 1 URI"),
            req("Level 1 preferred term"),
            req("Level 2 URI"),
            req("Level 2 preferred term"),
            req("Level 3 URI"),
            req("Level 3 preferred term"),
            opt("Level 0 code"),
            opt("Level 1 code"),
            opt("Level 2 code"),
            opt("Level 3 code"),
            opt("Description"),
        ];
        let first_pack = !hierarchy_done;
        l.read(idx, &COLS, true, |t, _| {
            let Some(level) = (0..4).rev().find(|&k| !t.get(2 * k).is_empty()) else {
                return Err(t.invalid("Level 0 URI", ""));
            };
            for k in 0..level {
                if t.get(2 * k).is_empty() {
                    return Err(t.invalid(
                        ["Level 0 URI", "Level 1 URI", "Level 2 URI", "Level 3 URI"][k],
                        "",
                    ));
                }
            }
            let uri = t.get(2 * level);
            let term = t.get(2 * level + 1);
            let code = t.get(8 + level).to_string();
            match groups.index.get(uri) {
                Some(&i) => {
                    let item = &mut groups.items[i];
                    item.attrs.level = Some(level as u8);
                    if item.attrs.code.is_empty() {
                        item.attrs.code = code;
                    }
                    if !term.is_empty() && !item.labels.iter().any(|x| x.lang == lang) {
                        item.labels.push(Labels {
                            lang,
                            preferred: term.to_string(),
                            alternative: Vec::new(),
                            hidden: Vec::new(),
                            description: non_empty(t.get(12)),
                        });
                    }
                }
                None => {
                    let labels = (!term.is_empty()).then(|| Labels {
                        lang,
                        preferred: term.to_string(),
                        alternative: Vec::new(),
                        hidden: Vec::new(),
                        description: non_empty(t.get(12)),
                    });
                    let attrs = GroupAttrs {
                        code,
                        level: Some(level as u8),
                    };
                    groups.add(t, idx, uri, attrs, labels)?;
                }
            }
            if first_pack && level > 0 {
                hierarchy_edges.push((uri.to_string(), t.get(2 * (level - 1)).to_string()));
            }
            Ok(())
        })?;
        hierarchy_done = true;
    }

    // --- ISCO groups
    let mut iscos: Collector<IscoCode> = Collector::new();
    for (idx, lang) in l.concept_files(ConceptFile::IscoGroups) {
        const COLS: [Col; 5] = [
            req("conceptUri"),
            req("code"),
            req("preferredLabel"),
            req("altLabels"),
            opt("description"),
        ];
        l.read(idx, &COLS, false, |t, _| {
            let code = t.get(1);
            let code = IscoCode::parse(code).ok_or_else(|| t.invalid("code", code))?;
            let labels = Labels {
                lang,
                preferred: t.get(2).to_string(),
                alternative: split_lines(t.get(3)),
                hidden: Vec::new(),
                description: non_empty(t.get(4)),
            };
            iscos.add(t, idx, t.get(0), code, Some(labels))
        })?;
    }

    let (occ_items, occ_index) = occs.finish();
    let (skill_items, skill_index) = skills.finish();
    let (group_items, group_index) = groups.finish();
    let (isco_items, isco_index) = iscos.finish();
    let (n_occ, n_skill, n_group) = (occ_items.len(), skill_items.len(), group_items.len());

    // --- occupation–skill relations
    let mut occ_skill: Vec<Edge<RelationType>> = Vec::new();
    let opts = l.opts.clone();
    for idx in l.files_of(|k| k == FileKind::Relation(RelationFile::OccupationSkill)) {
        const COLS: [Col; 4] = [
            req("occupationUri"),
            req("relationType"),
            opt("skillType"),
            req("skillUri"),
        ];
        l.read(idx, &COLS, false, |t, report| {
            report.occupation_skill_rows += 1;
            let rt = t.get(1);
            let ty = RelationType::parse(rt).ok_or_else(|| t.invalid("relationType", rt))?;
            let st = t.get(2);
            let st = match st {
                "" => None,
                s => Some(SkillType::parse(s).ok_or_else(|| t.invalid("skillType", s))?),
            };
            let o = resolve(&occ_index, t, "occupation", t.get(0), &opts, report)?;
            let s = resolve(&skill_index, t, "skill", t.get(3), &opts, report)?;
            let (Some(o), Some(s)) = (o, s) else {
                return Ok(());
            };
            let skill = &skill_items[s as usize];
            if let (Some(st), Some(known)) = (st, skill.attrs.skill_type)
                && st != known
            {
                return Err(LoadError::conflict(
                    t.file.to_string(),
                    t.line(),
                    "skillType",
                    &skill.uri,
                    st.as_str(),
                    &skill.origin,
                    known.as_str(),
                ));
            }
            occ_skill.push(Edge {
                from: o,
                to: s,
                ty,
                file: idx,
                line: t.line(),
            });
            Ok(())
        })?;
    }
    let occ_skill = dedup_edges(occ_skill, &mut l, |e| {
        format!(
            "{} → {}",
            occ_items[e.from as usize].uri, skill_items[e.to as usize].uri
        )
    })?;

    // --- skill–skill relations
    let mut skill_skill: Vec<Edge<RelationType>> = Vec::new();
    for idx in l.files_of(|k| k == FileKind::Relation(RelationFile::SkillSkill)) {
        const COLS: [Col; 3] = [
            req("originalSkillUri"),
            req("relationType"),
            req("relatedSkillUri"),
        ];
        l.read(idx, &COLS, false, |t, report| {
            let rt = t.get(1);
            let ty = RelationType::parse(rt).ok_or_else(|| t.invalid("relationType", rt))?;
            let a = resolve(&skill_index, t, "skill", t.get(0), &opts, report)?;
            let b = resolve(&skill_index, t, "skill", t.get(2), &opts, report)?;
            if let (Some(a), Some(b)) = (a, b) {
                skill_skill.push(Edge {
                    from: a,
                    to: b,
                    ty,
                    file: idx,
                    line: t.line(),
                });
            }
            Ok(())
        })?;
    }
    let skill_skill = dedup_edges(skill_skill, &mut l, |e| {
        format!(
            "{} → {}",
            skill_items[e.from as usize].uri, skill_items[e.to as usize].uri
        )
    })?;

    // --- occupation pillar: Occupation → Occupation | ISCOGroup, ISCOGroup → ISCOGroup
    let occ_pillar = l.read_pillar(
        RelationFile::BroaderOccupation,
        Side {
            type_name: "Occupation",
            kind: "occupation",
            index: &occ_index,
        },
        Side {
            type_name: "ISCOGroup",
            kind: "ISCO group",
            index: &isco_index,
        },
    )?;

    // --- skill pillar: KnowledgeSkillCompetence | SkillGroup → the same
    let mut skill_pillar = l.read_pillar(
        RelationFile::BroaderSkill,
        Side {
            type_name: "KnowledgeSkillCompetence",
            kind: "skill",
            index: &skill_index,
        },
        Side {
            type_name: "SkillGroup",
            kind: "skill group",
            index: &group_index,
        },
    )?;
    for (child, parent) in &hierarchy_edges {
        if let (Some(&c), Some(&p)) = (group_index.get(child), group_index.get(parent)) {
            skill_pillar.group_group.push((c, p));
        }
    }
    let Pillar {
        leaf_leaf: occ_broader,
        leaf_group: occ_isco_broader,
        group_group: isco_broader,
    } = occ_pillar;
    let Pillar {
        leaf_leaf: skill_broader,
        leaf_group: skill_group_of,
        group_group: group_broader,
    } = skill_pillar;

    // --- assemble
    let n_isco = isco_items.len();
    let isco_by_code: HashMap<IscoCode, u32> = isco_items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.attrs, i as u32))
        .collect();
    let occupations: Vec<Occupation> = occ_items
        .into_iter()
        .map(|it| Occupation {
            uri: it.uri,
            isco_code: it.attrs.isco,
            code: it.attrs.code,
            regulated: it.attrs.regulated,
            labels: LabelSet(it.labels),
        })
        .collect();
    let occ_isco: Vec<Option<IscoGroupId>> = occupations
        .iter()
        .map(|o| isco_by_code.get(&o.isco_code).map(|&i| IscoGroupId(i)))
        .collect();
    let skills: Vec<Skill> = skill_items
        .into_iter()
        .map(|it| Skill {
            uri: it.uri,
            skill_type: it.attrs.skill_type,
            reuse_level: it.attrs.reuse_level,
            labels: LabelSet(it.labels),
        })
        .collect();
    let skill_groups: Vec<SkillGroup> = group_items
        .into_iter()
        .map(|it| SkillGroup {
            uri: it.uri,
            code: it.attrs.code,
            level: it.attrs.level,
            labels: LabelSet(it.labels),
        })
        .collect();
    let isco_groups: Vec<IscoGroup> = isco_items
        .into_iter()
        .map(|it| IscoGroup {
            uri: it.uri,
            code: it.attrs,
            labels: LabelSet(it.labels),
        })
        .collect();

    let essential: Vec<(u32, SkillId)> = occ_skill
        .iter()
        .filter(|e| e.ty == RelationType::Essential)
        .map(|e| (e.from, SkillId(e.to)))
        .collect();
    let optional: Vec<(u32, SkillId)> = occ_skill
        .iter()
        .filter(|e| e.ty == RelationType::Optional)
        .map(|e| (e.from, SkillId(e.to)))
        .collect();
    let skill_occ: Vec<(u32, OccupationLink)> = occ_skill
        .iter()
        .map(|e| {
            (
                e.to,
                OccupationLink {
                    occupation: OccupationId(e.from),
                    relation: e.ty,
                },
            )
        })
        .collect();
    let related = |rev: bool| -> Vec<(u32, SkillLink)> {
        skill_skill
            .iter()
            .map(|e| {
                let (a, b) = if rev { (e.to, e.from) } else { (e.from, e.to) };
                (
                    a,
                    SkillLink {
                        skill: SkillId(b),
                        relation: e.ty,
                    },
                )
            })
            .collect()
    };
    let map = |v: &[(u32, u32)], rev: bool| -> Vec<(u32, u32)> {
        v.iter()
            .map(|&(a, b)| if rev { (b, a) } else { (a, b) })
            .collect()
    };

    let graph = Graph {
        essential: Adjacency::build(n_occ, essential),
        optional: Adjacency::build(n_occ, optional),
        skill_occupations: Adjacency::build(n_skill, skill_occ),
        related: Adjacency::build(n_skill, related(false)),
        related_incoming: Adjacency::build(n_skill, related(true)),
        skill_broader: Adjacency::build(n_skill, ids(map(&skill_broader, false), SkillId)),
        skill_narrower: Adjacency::build(n_skill, ids(map(&skill_broader, true), SkillId)),
        skill_groups_of: Adjacency::build(n_skill, ids(map(&skill_group_of, false), SkillGroupId)),
        group_skills: Adjacency::build(n_group, ids(map(&skill_group_of, true), SkillId)),
        group_broader: Adjacency::build(n_group, ids(map(&group_broader, false), SkillGroupId)),
        group_narrower: Adjacency::build(n_group, ids(map(&group_broader, true), SkillGroupId)),
        occ_broader: Adjacency::build(n_occ, ids(map(&occ_broader, false), OccupationId)),
        occ_narrower: Adjacency::build(n_occ, ids(map(&occ_broader, true), OccupationId)),
        occ_broader_isco: Adjacency::build(n_occ, ids(map(&occ_isco_broader, false), IscoGroupId)),
        isco_occupations: Adjacency::build(n_isco, ids(map(&occ_isco_broader, true), OccupationId)),
        isco_broader: Adjacency::build(n_isco, ids(map(&isco_broader, false), IscoGroupId)),
        isco_narrower: Adjacency::build(n_isco, ids(map(&isco_broader, true), IscoGroupId)),
        occ_isco,
    };

    let report = l.report;
    Ok(Dataset {
        languages,
        occupations,
        skills,
        skill_groups,
        isco_groups,
        occ_index,
        skill_index,
        group_index,
        isco_index,
        graph,
        report,
    })
}

fn ids<T>(v: Vec<(u32, u32)>, f: fn(u32) -> T) -> Vec<(u32, T)> {
    v.into_iter().map(|(a, b)| (a, f(b))).collect()
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Sorts edges by (from, to); drops exact repeats (counted in the report) and fails on a pair
/// given two different types.
fn dedup_edges(
    mut edges: Vec<Edge<RelationType>>,
    l: &mut Loader,
    describe: impl Fn(&Edge<RelationType>) -> String,
) -> Result<Vec<Edge<RelationType>>, LoadError> {
    edges.sort_by_key(|e| (e.from, e.to, e.file, e.line));
    let mut out: Vec<Edge<RelationType>> = Vec::with_capacity(edges.len());
    let mut dups = 0usize;
    for e in edges {
        if let Some(last) = out.last()
            && last.from == e.from
            && last.to == e.to
        {
            if last.ty != e.ty {
                return Err(LoadError::conflict(
                    l.sources.files[e.file].display.clone(),
                    e.line,
                    "relationType",
                    &describe(last),
                    e.ty.as_str(),
                    &format!("{}:{}", l.sources.files[last.file].display, last.line),
                    last.ty.as_str(),
                ));
            }
            dups += 1;
            continue;
        }
        out.push(e);
    }
    l.report.duplicate_rows += dups;
    Ok(out)
}
