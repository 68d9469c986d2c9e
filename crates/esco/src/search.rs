//! Label search: any label, any language, folded, typo-tolerant, prefix-as-you-type.
//!
//! Built by hand: a sorted vocabulary gives exact and prefix matches by binary search; a
//! deletion-neighbourhood table (SymSpell, distance 1) gives typo candidates, verified with an
//! exact Damerau–Levenshtein check. An `fst` Levenshtein automaton would only replace the
//! typo-candidate step over a vocabulary of ~15k tokens (and fst's own counts a transposition
//! as two edits); the per-token rules — all tokens must match, the last may be a prefix, each
//! may have one edit — and the ranking have to be written either way.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault};
use std::ops::Range;

use crate::dataset::Dataset;
use crate::model::{Adjacency, Lang, OccupationId, SkillId};
use standort_domain::fold::{fold_for_search, tokens, with_deletions, within_one_edit};

/// What an indexed label belongs to.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[non_exhaustive]
pub enum Kind {
    /// An ESCO occupation; `id` is an [`OccupationId`].
    Occupation,
    /// An ESCO skill or knowledge concept; `id` is a [`SkillId`].
    Skill,
    /// An ESCO skill group; `id` is a `SkillGroupId`.
    SkillGroup,
    /// An ISCO group; `id` is an `IscoGroupId`.
    IscoGroup,
    /// Anything else the application indexes (names, places…), told apart by the number.
    Other(u16),
}

/// Which label of a concept matched.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum LabelKind {
    /// The preferred label.
    Preferred,
    /// An alternative label.
    Alternative,
    /// A hidden label (misspellings, obsolete terms).
    Hidden,
}

/// How the query matched the label.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum MatchKind {
    /// The label is the query (token by token, after folding).
    Exact,
    /// The label starts with the query; the last query token may be a prefix of a word.
    Prefix,
    /// Every query token is somewhere in the label.
    AllTokens,
}

/// One label to index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What it belongs to.
    pub kind: Kind,
    /// Id within `kind`.
    pub id: u32,
    /// Language of the label.
    pub lang: Lang,
    /// The label as displayed.
    pub label: String,
    /// Preferred, alternative or hidden.
    pub label_kind: LabelKind,
    /// Popularity, a tiebreak: higher first (for ESCO concepts, the number of
    /// occupation–skill relations). 0 if there is nothing to say.
    pub weight: u32,
}

impl Entry {
    /// An entry with weight 0.
    pub fn new(
        kind: Kind,
        id: u32,
        lang: Lang,
        label: impl Into<String>,
        label_kind: LabelKind,
    ) -> Entry {
        Entry {
            kind,
            id,
            lang,
            label: label.into(),
            label_kind,
            weight: 0,
        }
    }

    /// Sets the weight.
    pub fn with_weight(mut self, weight: u32) -> Entry {
        self.weight = weight;
        self
    }
}

/// A search request. `Query::new("bus drv")` searches everything with typos and prefix on;
/// narrow it with the builder methods.
#[derive(Clone, Debug)]
pub struct Query<'a> {
    text: &'a str,
    kinds: Option<&'a [Kind]>,
    langs: Option<&'a [Lang]>,
    limit: usize,
    typos: bool,
    prefix: bool,
}

impl<'a> Query<'a> {
    /// A query for `text`, at most 20 hits, all kinds and languages, typos and prefix on.
    pub fn new(text: &'a str) -> Query<'a> {
        Query {
            text,
            kinds: None,
            langs: None,
            limit: 20,
            typos: true,
            prefix: true,
        }
    }

    /// Only these kinds.
    pub fn kinds(mut self, kinds: &'a [Kind]) -> Self {
        self.kinds = Some(kinds);
        self
    }

    /// Only labels in these languages.
    pub fn langs(mut self, langs: &'a [Lang]) -> Self {
        self.langs = Some(langs);
        self
    }

    /// At most `limit` hits.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Allow one typo per token of 4 or more characters (default on).
    pub fn typos(mut self, on: bool) -> Self {
        self.typos = on;
        self
    }

    /// Let the last token match as a prefix, unless the text ends in a space (default on).
    pub fn prefix(mut self, on: bool) -> Self {
        self.prefix = on;
        self
    }
}

/// One search result: the best-matching label of one concept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit<'i> {
    /// What the label belongs to.
    pub kind: Kind,
    /// Id within `kind`.
    pub id: u32,
    /// Language of the matched label.
    pub lang: Lang,
    /// The matched label as displayed.
    pub label: &'i str,
    /// Which label matched.
    pub label_kind: LabelKind,
    /// How it matched.
    pub match_kind: MatchKind,
    /// Whether a query token matched only with a typo.
    pub typo: bool,
}

impl Hit<'_> {
    /// The occupation, if this is one.
    pub fn occupation(&self) -> Option<OccupationId> {
        (self.kind == Kind::Occupation).then_some(OccupationId(self.id))
    }

    /// The skill, if this is one.
    pub fn skill(&self) -> Option<SkillId> {
        (self.kind == Kind::Skill).then_some(SkillId(self.id))
    }
}

#[derive(Clone, Debug)]
struct Stored {
    kind: Kind,
    id: u32,
    lang: Lang,
    label: Box<str>,
    label_kind: LabelKind,
    weight: u32,
    /// Folded label length in characters.
    folded_len: u32,
}

/// Minimum length (in characters) of a query token for typo matching.
const TYPO_MIN_LEN: usize = 4;

/// FxHash (as in rustc): fast for short keys; the index needs no DoS resistance, since its
/// keys are labels the operator loaded, and hash collisions in the deletion table are
/// verified anyway.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type Hasher = BuildHasherDefault<FxHasher>;

/// The label search index. Immutable, `Send + Sync`; build once, share behind an `Arc`.
#[derive(Clone, Debug)]
pub struct SearchIndex {
    entries: Vec<Stored>,
    /// Folded tokens, sorted (byte order), deduplicated; token id = position.
    vocab: Vec<Box<str>>,
    /// Token ids of each entry, in label order.
    entry_tokens: Adjacency<u32>,
    /// Entries containing each token, sorted.
    postings: Adjacency<u32>,
    /// (hash of a token or of a one-character deletion of it, token id), sorted.
    deletions: Vec<(u64, u32)>,
}

fn hash_str(s: &str) -> u64 {
    Hasher::default().hash_one(s)
}

/// How one query token matches one vocabulary token.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum TokMatch {
    Exact,
    Prefix,
    Typo,
    /// The beginning of the word, with one typo (last token only).
    PrefixTypo,
}

impl TokMatch {
    fn is_typo(self) -> bool {
        matches!(self, TokMatch::Typo | TokMatch::PrefixTypo)
    }

    fn is_prefix(self) -> bool {
        matches!(self, TokMatch::Prefix | TokMatch::PrefixTypo)
    }
}

/// The vocabulary tokens one query token matches.
struct TokenMatcher {
    exact: Option<u32>,
    prefix: Range<u32>,
    typos: Vec<u32>,
    prefix_typos: Vec<u32>,
}

impl TokenMatcher {
    #[inline]
    fn test(&self, tok: u32) -> Option<TokMatch> {
        if self.exact == Some(tok) {
            Some(TokMatch::Exact)
        } else if self.prefix.contains(&tok) {
            Some(TokMatch::Prefix)
        } else if self.typos.binary_search(&tok).is_ok() {
            Some(TokMatch::Typo)
        } else if self.prefix_typos.binary_search(&tok).is_ok() {
            Some(TokMatch::PrefixTypo)
        } else {
            None
        }
    }
}

impl SearchIndex {
    /// Builds an index from plain entries (labels from the database, names, anything).
    /// Entries whose label has no letters or digits are left out; a label repeated for the
    /// same `(kind, id)` is kept once, under its best label kind.
    pub fn build(entries: impl IntoIterator<Item = Entry>) -> SearchIndex {
        // Fold and tokenize, interning tokens (temporary ids in order of first sight).
        let mut interner: HashMap<Box<str>, u32, Hasher> = HashMap::default();
        let mut raw: Vec<(Stored, Range<u32>)> = Vec::new();
        let mut raw_tokens: Vec<u32> = Vec::new();
        for e in entries {
            let f = fold_for_search(&e.label);
            let start = raw_tokens.len() as u32;
            for t in tokens(&f) {
                let id = match interner.get(t) {
                    Some(&id) => id,
                    None => {
                        let id = interner.len() as u32;
                        interner.insert(t.into(), id);
                        id
                    }
                };
                raw_tokens.push(id);
            }
            let end = raw_tokens.len() as u32;
            if start == end {
                continue;
            }
            raw.push((
                Stored {
                    kind: e.kind,
                    id: e.id,
                    lang: e.lang,
                    label: e.label.into_boxed_str(),
                    label_kind: e.label_kind,
                    weight: e.weight,
                    folded_len: f.chars().count() as u32,
                },
                start..end,
            ));
        }

        // Vocabulary in byte order; remap the temporary ids.
        let mut vocab: Vec<(Box<str>, u32)> = interner.into_iter().collect();
        vocab.sort_unstable();
        let mut remap = vec![0u32; vocab.len()];
        for (final_id, (_, tmp)) in vocab.iter().enumerate() {
            remap[*tmp as usize] = final_id as u32;
        }
        for t in &mut raw_tokens {
            *t = remap[*t as usize];
        }
        let vocab: Vec<Box<str>> = vocab.into_iter().map(|(t, _)| t).collect();

        // Order entries by concept, then token sequence, best label kind first; keep one entry
        // per (concept, token sequence).
        let toks_of = |r: &Range<u32>| &raw_tokens[r.start as usize..r.end as usize];
        raw.sort_by(|(a, ar), (b, br)| {
            (a.kind, a.id)
                .cmp(&(b.kind, b.id))
                .then_with(|| toks_of(ar).cmp(toks_of(br)))
                .then_with(|| {
                    (a.label_kind, a.lang, &a.label).cmp(&(b.label_kind, b.lang, &b.label))
                })
        });
        raw.dedup_by(|(a, ar), (b, br)| {
            a.kind == b.kind && a.id == b.id && toks_of(ar) == toks_of(br)
        });

        let entry_tokens =
            Adjacency::from_lists(raw.iter().map(|(_, r)| toks_of(r).iter().copied()));
        let pairs: Vec<(u32, u32)> = raw
            .iter()
            .enumerate()
            .flat_map(|(e, (_, r))| toks_of(r).iter().map(move |&t| (t, e as u32)))
            .collect();
        let postings = Adjacency::build(vocab.len(), pairs);

        let mut deletions = Vec::new();
        for (i, t) in vocab.iter().enumerate() {
            if t.chars().count() >= TYPO_MIN_LEN {
                with_deletions(t, |d| deletions.push((hash_str(d), i as u32)));
            }
        }
        deletions.sort_unstable();
        deletions.dedup();

        SearchIndex {
            entries: raw.into_iter().map(|(s, _)| s).collect(),
            vocab,
            entry_tokens,
            postings,
            deletions,
        }
    }

    /// Index of the preferred, alternative and hidden labels of all occupations and skills
    /// in all loaded languages. Weight: the concept's number of occupation–skill relations.
    pub fn from_dataset(d: &Dataset) -> SearchIndex {
        SearchIndex::build(dataset_entries(d))
    }

    /// Number of indexed labels (after de-duplication).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `true` if nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct folded tokens.
    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    fn entry_tokens(&self, e: u32) -> &[u32] {
        self.entry_tokens.get(e as usize)
    }

    fn postings_range(&self, toks: Range<u32>) -> &[u32] {
        self.postings
            .get_range(toks.start as usize..toks.end as usize)
    }

    fn matcher(&self, q: &str, is_prefix: bool, typos: bool) -> TokenMatcher {
        let exact = self
            .vocab
            .binary_search_by(|t| (**t).cmp(q))
            .ok()
            .map(|i| i as u32);
        let prefix = if is_prefix {
            let lo = self.vocab.partition_point(|t| &**t < q);
            let hi = lo + self.vocab[lo..].partition_point(|t| t.starts_with(q));
            lo as u32..hi as u32
        } else {
            0..0
        };
        let mut typo_toks = Vec::new();
        let mut prefix_typos = Vec::new();
        if typos && q.chars().count() >= TYPO_MIN_LEN {
            with_deletions(q, |d| {
                let h = hash_str(d);
                let lo = self.deletions.partition_point(|&(x, _)| x < h);
                for &(x, t) in &self.deletions[lo..] {
                    if x != h {
                        break;
                    }
                    typo_toks.push(t);
                }
            });
            typo_toks.retain(|&t| within_one_edit(q, &self.vocab[t as usize]));
            if is_prefix {
                // While typing, the last token may also be a word's beginning with one typo:
                // `krankenplfe` → `krankenpfleger`. Candidates share the first two characters
                // (a typo there is still found against whole words above).
                let head: String = q.chars().take(2).collect();
                let lo = self.vocab.partition_point(|t| **t < *head);
                let n = q.chars().count();
                for (i, t) in self.vocab[lo..].iter().enumerate() {
                    if !t.starts_with(&*head) {
                        break;
                    }
                    let cut = |k: usize| t.char_indices().nth(k).map(|(b, _)| &t[..b]);
                    if [n - 1, n, n + 1]
                        .into_iter()
                        .any(|k| cut(k).is_some_and(|p| within_one_edit(q, p)))
                    {
                        prefix_typos.push((lo + i) as u32);
                    }
                }
            }
            let known = |t: &u32| Some(*t) == exact || prefix.contains(t);
            typo_toks.sort_unstable();
            typo_toks.dedup();
            typo_toks.retain(|t| !known(t));
            prefix_typos.retain(|t| !known(t) && typo_toks.binary_search(t).is_err());
        }
        TokenMatcher {
            exact,
            prefix,
            typos: typo_toks,
            prefix_typos,
        }
    }

    /// Rough number of entries a matcher can reach, to pick the most selective token.
    fn reach(&self, m: &TokenMatcher) -> usize {
        let one = |t: u32| self.postings_range(t..t + 1).len();
        m.exact.map_or(0, one)
            + self.postings_range(m.prefix.clone()).len()
            + m.typos
                .iter()
                .chain(&m.prefix_typos)
                .map(|&t| one(t))
                .sum::<usize>()
    }

    /// Searches. Hits come best first, one per concept (its best label).
    ///
    /// Every query token must match a word of the label: exactly, with one typo (tokens of
    /// 4+ characters), or — the last token, while typing — as the beginning of a word (also
    /// with one typo after the first two letters).
    /// Classes, best first: exact preferred label; preferred label starting with the query;
    /// exact alternative label; alternative label starting with the query; preferred label
    /// containing all tokens; alternative label containing them; hidden label; then the same
    /// classes again for matches that needed a typo.
    /// Within a class: the last query token matching a whole word before it matching only
    /// the beginning of one (`nurse` → "nurse assistant" before "nursery teacher"), fewer
    /// label tokens beyond the query's, higher weight, shorter label, then a fixed order
    /// (kind, id, entry), so results are deterministic.
    pub fn search(&self, q: &Query<'_>) -> Vec<Hit<'_>> {
        let folded = fold_for_search(q.text);
        let qtoks: Vec<&str> = tokens(&folded).collect();
        if qtoks.is_empty() || q.limit == 0 {
            return Vec::new();
        }
        let open_end = q.prefix && !q.text.ends_with(|c: char| !c.is_alphanumeric());
        let n = qtoks.len();
        let matchers: Vec<TokenMatcher> = qtoks
            .iter()
            .enumerate()
            .map(|(i, t)| self.matcher(t, open_end && i + 1 == n, q.typos))
            .collect();
        let reaches: Vec<usize> = matchers.iter().map(|m| self.reach(m)).collect();
        if reaches.contains(&0) {
            return Vec::new();
        }
        let seed = (0..n).min_by_key(|&i| reaches[i]).unwrap_or(0);

        // Candidate entries: those reachable from the most selective token.
        let m = &matchers[seed];
        let mut cands: Vec<u32> = Vec::with_capacity(reaches[seed]);
        if let Some(t) = m.exact {
            cands.extend_from_slice(self.postings_range(t..t + 1));
        }
        cands.extend_from_slice(self.postings_range(m.prefix.clone()));
        for &t in m.typos.iter().chain(&m.prefix_typos) {
            cands.extend_from_slice(self.postings_range(t..t + 1));
        }
        cands.sort_unstable();
        cands.dedup();

        // Score each candidate.
        let mut scored: Vec<(Key, MatchKind, bool)> = Vec::new();
        let mut best: Vec<Option<TokMatch>> = vec![None; n];
        for e in cands {
            let s = &self.entries[e as usize];
            if q.kinds.is_some_and(|k| !k.contains(&s.kind))
                || q.langs.is_some_and(|l| !l.contains(&s.lang))
            {
                continue;
            }
            let toks = self.entry_tokens(e);
            // Best match of each query token anywhere in the label.
            best.iter_mut().for_each(|b| *b = None);
            for &lt in toks {
                for (i, m) in matchers.iter().enumerate() {
                    if let Some(tm) = m.test(lt) {
                        best[i] = Some(best[i].map_or(tm, |b| b.min(tm)));
                    }
                }
            }
            if best.iter().any(Option::is_none) {
                continue;
            }
            let any_typo = best.iter().flatten().any(|b| b.is_typo());
            // In order from the start of the label?
            let in_order = toks.len() >= n
                && (0..n).all(|i| match matchers[i].test(toks[i]) {
                    Some(m) if m.is_prefix() => i + 1 == n,
                    Some(_) => true,
                    None => false,
                });
            let match_kind = if in_order
                && toks.len() == n
                && !matchers[n - 1]
                    .test(toks[n - 1])
                    .is_some_and(TokMatch::is_prefix)
            {
                MatchKind::Exact
            } else if in_order {
                MatchKind::Prefix
            } else {
                MatchKind::AllTokens
            };
            let typo = if in_order {
                (0..n).any(|i| matchers[i].test(toks[i]).is_some_and(TokMatch::is_typo))
            } else {
                any_typo
            };
            let class = match (s.label_kind, match_kind) {
                (LabelKind::Preferred, MatchKind::Exact) => 0,
                (LabelKind::Preferred, MatchKind::Prefix) => 1,
                (LabelKind::Alternative, MatchKind::Exact) => 2,
                (LabelKind::Alternative, MatchKind::Prefix) => 3,
                (LabelKind::Preferred, MatchKind::AllTokens) => 4,
                (LabelKind::Alternative, MatchKind::AllTokens) => 5,
                (LabelKind::Hidden, MatchKind::Exact | MatchKind::Prefix) => 6,
                (LabelKind::Hidden, MatchKind::AllTokens) => 7,
            } + if typo { 8 } else { 0 };
            // A last query token that is only the beginning of a word ranks below a whole word.
            let partial = if in_order {
                matchers[n - 1].test(toks[n - 1])
            } else {
                best[n - 1]
            }
            .is_some_and(TokMatch::is_prefix);
            let key = Key {
                class,
                partial,
                extra_tokens: (toks.len() - n.min(toks.len())) as u32,
                neg_weight: u32::MAX - s.weight,
                len: s.folded_len,
                kind: s.kind,
                id: s.id,
                entry: e,
            };
            scored.push((key, match_kind, typo));
        }
        // Candidates come in entry order, and entries are grouped by concept: keep the best
        // entry of each concept as we go, then select and sort only the top `limit`.
        let mut best_per_concept: Vec<(Key, MatchKind, bool)> = Vec::new();
        for x in scored {
            match best_per_concept.last_mut() {
                Some(last) if (last.0.kind, last.0.id) == (x.0.kind, x.0.id) => {
                    if x.0 < last.0 {
                        *last = x;
                    }
                }
                _ => best_per_concept.push(x),
            }
        }
        if best_per_concept.len() > q.limit {
            best_per_concept.select_nth_unstable_by_key(q.limit - 1, |x| x.0);
            best_per_concept.truncate(q.limit);
        }
        best_per_concept.sort_unstable_by_key(|x| x.0);
        best_per_concept
            .into_iter()
            .map(|(key, match_kind, typo)| {
                let s = &self.entries[key.entry as usize];
                Hit {
                    kind: s.kind,
                    id: s.id,
                    lang: s.lang,
                    label: &s.label,
                    label_kind: s.label_kind,
                    match_kind,
                    typo,
                }
            })
            .collect()
    }
}

/// Sort key of a candidate; smaller is better.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
struct Key {
    class: u8,
    partial: bool,
    extra_tokens: u32,
    neg_weight: u32,
    len: u32,
    kind: Kind,
    id: u32,
    entry: u32,
}

/// The entries [`SearchIndex::from_dataset`] indexes.
pub fn dataset_entries(d: &Dataset) -> impl Iterator<Item = Entry> + '_ {
    let occs = d.occupation_ids().flat_map(move |o| {
        let w = d.occupation_degree(o) as u32;
        labels_entries(Kind::Occupation, o.0, &d.occupation(o).labels, w)
    });
    let skills = d.skill_ids().flat_map(move |s| {
        let w = d.skill_occupations(s).len() as u32;
        labels_entries(Kind::Skill, s.0, &d.skill(s).labels, w)
    });
    occs.chain(skills)
}

fn labels_entries(
    kind: Kind,
    id: u32,
    labels: &crate::model::LabelSet,
    weight: u32,
) -> impl Iterator<Item = Entry> + '_ {
    labels.iter().flat_map(move |l| {
        let e = move |label: &str, lk| Entry::new(kind, id, l.lang, label, lk).with_weight(weight);
        std::iter::once(e(&l.preferred, LabelKind::Preferred))
            .chain(
                l.alternative
                    .iter()
                    .map(move |a| e(a, LabelKind::Alternative)),
            )
            .chain(l.hidden.iter().map(move |h| e(h, LabelKind::Hidden)))
    })
}
