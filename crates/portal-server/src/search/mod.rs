//! The in-memory search index of penalty decisions.
//!
//! SQLite's full-text search cannot find one- and two-character Chinese words
//! (its trigram tokenizer needs three) and cannot count facets over tens of
//! thousands of hits in a few milliseconds. This index keeps, for every pair
//! of adjacent word characters (a *bigram*, as Lucene's CJK analyzer does),
//! the set of decisions containing it as a compressed bitmap (roaring), and
//! one bitmap per facet value. A search is then a few bitmap intersections;
//! a facet count is the size of an intersection.
//!
//! - A word of two or more characters matches the decisions holding all its
//!   bigrams (a conjunction without positions: it can rarely match a record
//!   where the bigrams occur apart; the results page shows the record text,
//!   so such a match is visible).
//! - A one-character word matches the union of the bigrams containing it.
//! - Text is folded first (`portal_types::text::fold`), so full- and
//!   half-width forms, cases and bracket styles match each other.
//!
//! The index holds no text, only numbers: the records themselves stay in the
//! database, which answers the page of results by id.

mod names;
mod service;
mod tokens;

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use portal_types::decisions::{
    DecisionFacets, DecisionQuery, DecisionSort, ExactKind, ExactMatch, FacetCount,
};
use portal_types::{District, Industry, PenaltyCategory};
use roaring::RoaringBitmap;

pub use names::{Closeness, IndexedName, NameIndex};
pub use portal_store::records::IndexedDecision;
pub use service::{DecisionSearch, Snapshot};
pub use tokens::{Bigram, bigrams_of, query_terms};

/// The index. Build it with [`IndexBuilder`].
#[derive(Debug, Default)]
pub struct DecisionIndex {
    /// Database ids by document number, ascending.
    ids: IdMap,
    /// Decision dates by document number, as days since 2000-01-01.
    decided: Vec<u16>,
    /// Disclosure deadlines by document number, as days since 2000-01-01.
    deadline: Vec<u16>,
    /// Fines by document number, in fen.
    fines: Vec<i64>,
    postings: HashMap<Bigram, RoaringBitmap>,
    /// For one-character words: the bigrams containing each character.
    by_char: HashMap<char, Vec<Bigram>>,
    district: Vec<RoaringBitmap>,
    industry: Vec<RoaringBitmap>,
    category: Vec<RoaringBitmap>,
    authority: BTreeMap<String, RoaringBitmap>,
    year: BTreeMap<i32, RoaringBitmap>,
    /// Document numbers ordered by decision date, then id.
    by_date: Vec<u32>,
    /// Document numbers ordered by fine, then decision date.
    by_fine: Vec<u32>,
    /// (hash of the folded decision number, document), sorted: finds the
    /// decision a number names without keeping a million strings. A hash can
    /// name several documents; the caller confirms against the records.
    numbers: Vec<(u32, u32)>,
}

/// Database ids by document number. Ids without gaps from 1 (the usual
/// case: decisions are never deleted) need no table at all.
#[derive(Debug, Default)]
enum IdMap {
    #[default]
    Empty,
    /// Document `d` has id `d + 1`.
    Dense(u32),
    /// Ascending ids.
    Sparse(Vec<u32>),
}

impl IdMap {
    fn push(&mut self, id: u32) {
        *self = match std::mem::take(self) {
            IdMap::Empty if id == 1 => IdMap::Dense(1),
            IdMap::Empty => IdMap::Sparse(vec![id]),
            IdMap::Dense(n) if id == n + 1 => IdMap::Dense(id),
            IdMap::Dense(n) => {
                let mut ids: Vec<u32> = (1..=n).collect();
                ids.push(id);
                IdMap::Sparse(ids)
            }
            IdMap::Sparse(mut ids) => {
                ids.push(id);
                IdMap::Sparse(ids)
            }
        };
    }

    fn len(&self) -> usize {
        match self {
            IdMap::Empty => 0,
            IdMap::Dense(n) => *n as usize,
            IdMap::Sparse(ids) => ids.len(),
        }
    }

    fn id(&self, doc: u32) -> u32 {
        match self {
            IdMap::Empty => 0,
            IdMap::Dense(_) => doc + 1,
            IdMap::Sparse(ids) => ids[doc as usize],
        }
    }

    fn doc(&self, id: u32) -> Option<u32> {
        match self {
            IdMap::Empty => None,
            IdMap::Dense(n) => (1..=*n).contains(&id).then(|| id - 1),
            IdMap::Sparse(ids) => ids
                .binary_search(&id)
                .ok()
                .and_then(|d| u32::try_from(d).ok()),
        }
    }
}

/// Counts and fines of decisions in public view, for the statistics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecisionFigures {
    /// (`2026-03`, decisions, fines in fen), oldest month first.
    pub by_month: Vec<(String, (i64, i64))>,
    /// (decisions, fines in fen) in the order of `District::ALL`.
    pub by_district: Vec<(i64, i64)>,
    /// (decisions, fines in fen) in the order of `Industry::ALL`.
    pub by_industry: Vec<(i64, i64)>,
}

/// Whether a search counts facets (a caller holding them in a cache skips it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacetMode {
    Count,
    Skip,
}

/// The result of a search: documents of one page and the counts.
#[derive(Debug, PartialEq, Eq)]
pub struct SearchResult {
    pub total: u64,
    /// Database ids of the page, in order.
    pub ids: Vec<i64>,
    pub facets: DecisionFacets,
    pub exact: Option<ExactMatch>,
}

/// Why a search is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum SearchError {
    /// An authority that no decision has.
    UnknownAuthority(String),
}

/// A stable 32-bit hash (FNV-1a) of a lookup key.
fn key_hash(key: &str) -> u32 {
    key.bytes().fold(0x811c_9dc5, |hash, b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Days since 2000-01-01, saturating (dates before 2000 or after 2179 clamp).
fn day_number(date: NaiveDate) -> u16 {
    const EPOCH: i32 = 730_120; // 2000-01-01 in days from the common era
    u16::try_from((date.num_days_from_ce() - EPOCH).max(0)).unwrap_or(u16::MAX)
}

/// Collects decisions, then builds the index.
#[derive(Default)]
pub struct IndexBuilder {
    index: DecisionIndex,
}

impl IndexBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        let index = DecisionIndex {
            district: vec![RoaringBitmap::new(); District::ALL.len()],
            industry: vec![RoaringBitmap::new(); Industry::ALL.len()],
            category: vec![RoaringBitmap::new(); PenaltyCategory::ALL.len()],
            ..DecisionIndex::default()
        };
        Self { index }
    }

    /// Adds one decision. Decisions must come in ascending id order.
    pub fn add(&mut self, d: &IndexedDecision) {
        let index = &mut self.index;
        let (Ok(doc), Ok(id)) = (u32::try_from(index.ids.len()), u32::try_from(d.id)) else {
            tracing::error!(id = d.id, "a decision id beyond 2^32 cannot be indexed");
            return;
        };
        index.ids.push(id);
        index
            .numbers
            .push((key_hash(&portal_types::text::fold(&d.decision_no)), doc));
        index.decided.push(day_number(d.decided_on));
        index.deadline.push(day_number(d.disclosure_until));
        index.fines.push(d.fine_fen);
        let mut seen = Vec::with_capacity(256);
        for field in [
            d.party_name.as_str(),
            d.decision_no.as_str(),
            d.credit_code.as_deref().unwrap_or_default(),
            d.violation_type.as_str(),
            d.facts.as_str(),
        ] {
            bigrams_of(field, &mut seen);
        }
        seen.sort_unstable();
        seen.dedup();
        for bigram in seen {
            index.postings.entry(bigram).or_default().insert(doc);
        }
        if let Some(i) = District::ALL.iter().position(|&x| x == d.district) {
            index.district[i].insert(doc);
        }
        if let Some(i) = Industry::ALL.iter().position(|&x| x == d.industry) {
            index.industry[i].insert(doc);
        }
        for (i, c) in PenaltyCategory::ALL.iter().enumerate() {
            if d.categories & c.bit() != 0 {
                index.category[i].insert(doc);
            }
        }
        index
            .authority
            .entry(d.authority.clone())
            .or_default()
            .insert(doc);
        index
            .year
            .entry(d.decided_on.year())
            .or_default()
            .insert(doc);
    }

    /// Finishes the orderings and the character map.
    pub fn build(mut self) -> DecisionIndex {
        let index = &mut self.index;
        let (decided, fines) = (&index.decided, &index.fines);
        let n = u32::try_from(decided.len()).unwrap_or(u32::MAX);
        let mut by_date: Vec<u32> = (0..n).collect();
        by_date.sort_by_key(|&d| (decided[d as usize], d));
        let mut by_fine: Vec<u32> = (0..n).collect();
        by_fine.sort_by_key(|&d| (fines[d as usize], decided[d as usize], d));
        index.by_date = by_date;
        index.by_fine = by_fine;
        index.numbers.sort_unstable();
        let mut by_char: HashMap<char, Vec<Bigram>> = HashMap::new();
        for &bigram in index.postings.keys() {
            let (a, b) = bigram.chars();
            by_char.entry(a).or_default().push(bigram);
            if b != a {
                by_char.entry(b).or_default().push(bigram);
            }
        }
        index.by_char = by_char;
        // Growing by inserts leaves up to half of each array container
        // unused; a round trip through the serialised form allocates each
        // container at its exact size.
        let mut buffer = Vec::new();
        for bitmap in index.postings.values_mut() {
            bitmap.optimize();
            buffer.clear();
            if bitmap.serialize_into(&mut buffer).is_ok()
                && let Ok(exact) = RoaringBitmap::deserialize_unchecked_from(buffer.as_slice())
            {
                *bitmap = exact;
            }
        }
        index.postings.shrink_to_fit();
        self.index
    }
}

impl DecisionIndex {
    /// How many decisions the index holds (public or not).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.len() == 0
    }

    /// Decisions in `visible` and their fines (in fen): by month of decision
    /// from `since` on (`2026-03`), by district and by industry (in the
    /// order of `District::ALL` and `Industry::ALL`).
    pub fn figures(&self, visible: &RoaringBitmap, since: NaiveDate) -> DecisionFigures {
        let from = day_number(since);
        let mut by_month: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        for doc in visible {
            let (Some(&day), Some(&fine)) =
                (self.decided.get(doc as usize), self.fines.get(doc as usize))
            else {
                continue;
            };
            if day < from {
                continue;
            }
            let date =
                NaiveDate::from_num_days_from_ce_opt(730_120 + i32::from(day)).unwrap_or(since);
            let entry = by_month
                .entry(format!("{:04}-{:02}", date.year(), date.month()))
                .or_default();
            entry.0 += 1;
            entry.1 += fine;
        }
        let sum = |bitmaps: &[RoaringBitmap]| -> Vec<(i64, i64)> {
            bitmaps
                .iter()
                .map(|b| {
                    let both = b & visible;
                    let fines = both
                        .iter()
                        .filter_map(|doc| self.fines.get(doc as usize))
                        .sum();
                    (i64::try_from(both.len()).unwrap_or(i64::MAX), fines)
                })
                .collect()
        };
        DecisionFigures {
            by_month: by_month.into_iter().collect(),
            by_district: sum(&self.district),
            by_industry: sum(&self.industry),
        }
    }

    /// The authorities, for validating and listing.
    pub fn authorities(&self) -> impl Iterator<Item = &str> {
        self.authority.keys().map(String::as_str)
    }

    /// The decisions in public view on `today`: those whose disclosure
    /// deadline is today or later.
    pub fn visible_on(&self, today: NaiveDate) -> RoaringBitmap {
        let today = day_number(today);
        RoaringBitmap::from_sorted_iter(
            (0u32..)
                .zip(&self.deadline)
                .filter(|&(_, &deadline)| deadline >= today)
                .map(|(doc, _)| doc),
        )
        .unwrap_or_default()
    }

    /// The document of a database id.
    fn doc_of(&self, id: i64) -> Option<u32> {
        self.ids.doc(u32::try_from(id).ok()?)
    }

    /// The ids of the decisions in `visible` whose folded number hashes like
    /// `number`'s: usually the one it names, rarely a few more.
    pub fn number_candidates(&self, number: &str, visible: &RoaringBitmap) -> Vec<i64> {
        let hash = key_hash(&portal_types::text::fold(number.trim()));
        let start = self.numbers.partition_point(|&(h, _)| h < hash);
        self.numbers[start..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .filter(|&&(_, doc)| visible.contains(doc))
            .map(|&(_, doc)| self.id_of(doc))
            .collect()
    }

    /// The database ids of the `visible` documents, in ascending order.
    pub fn ids_of(&self, visible: &RoaringBitmap) -> Vec<i64> {
        let mut ids: Vec<i64> = visible.iter().map(|d| self.id_of(d)).collect();
        ids.sort_unstable();
        ids
    }

    /// The database id of a document.
    fn id_of(&self, doc: u32) -> i64 {
        i64::from(self.ids.id(doc))
    }

    /// Whether the decision with this id is in public view on the day `visible` was made for.
    pub fn is_visible(&self, id: i64, visible: &RoaringBitmap) -> bool {
        self.doc_of(id).is_some_and(|d| visible.contains(d))
    }

    /// Runs a search among `visible` decisions. A text that is a credit code
    /// is recognised as such (see [`SearchResult::exact`]); decision numbers
    /// are recognised by the caller, which can read the records.
    pub fn search(
        &self,
        query: &DecisionQuery,
        visible: &RoaringBitmap,
        facets: FacetMode,
    ) -> Result<SearchResult, SearchError> {
        let filters = self.filters(query)?;
        let (text_hits, exact) = self.text_hits(query.q.as_deref(), visible);
        let mut base = visible.clone();
        if let Some(hits) = &text_hits {
            base &= hits;
        }
        if let Some(range) = &filters.ranges {
            base &= range;
        }
        // Disjunctive facets: each facet's counts ignore its own selection.
        let without = |skip: usize| -> RoaringBitmap {
            let mut set = base.clone();
            for (i, filter) in filters.facets.iter().enumerate() {
                if i != skip
                    && let Some(filter) = filter
                {
                    set &= filter;
                }
            }
            set
        };
        let matched = without(usize::MAX);
        let facets = match facets {
            FacetMode::Skip => None,
            FacetMode::Count => Some(self.facet_counts(query, &without)),
        };
        let offset = (query.page.saturating_sub(1) as usize) * query.page_size as usize;
        let docs = self.page_of(&matched, query.sort, offset, query.page_size as usize);
        Ok(SearchResult {
            total: matched.len(),
            ids: docs.into_iter().map(|d| self.id_of(d)).collect(),
            facets: facets.unwrap_or_default(),
            exact,
        })
    }

    /// The facet counts; `without(i)` is the matched set ignoring facet `i`'s
    /// own selection (disjunctive faceting).
    fn facet_counts(
        &self,
        query: &DecisionQuery,
        without: &dyn Fn(usize) -> RoaringBitmap,
    ) -> DecisionFacets {
        let count = |set: &RoaringBitmap, bitmap: &RoaringBitmap| set.intersection_len(bitmap);
        let for_district = without(0);
        let for_industry = without(1);
        let for_category = without(2);
        let for_authority = without(3);
        let for_year = without(4);
        DecisionFacets {
            district: District::ALL
                .iter()
                .zip(&self.district)
                .map(|(&value, b)| FacetCount {
                    value,
                    count: count(&for_district, b),
                })
                .filter(|f| f.count > 0 || query.district.contains(&f.value))
                .collect(),
            industry: Industry::ALL
                .iter()
                .zip(&self.industry)
                .map(|(&value, b)| FacetCount {
                    value,
                    count: count(&for_industry, b),
                })
                .filter(|f| f.count > 0 || query.industry.contains(&f.value))
                .collect(),
            category: PenaltyCategory::ALL
                .iter()
                .zip(&self.category)
                .map(|(&value, b)| FacetCount {
                    value,
                    count: count(&for_category, b),
                })
                .filter(|f| f.count > 0 || query.category.contains(&f.value))
                .collect(),
            authority: {
                let mut counts: Vec<FacetCount<String>> = self
                    .authority
                    .iter()
                    .map(|(value, b)| FacetCount {
                        value: value.clone(),
                        count: count(&for_authority, b),
                    })
                    .filter(|f| f.count > 0 || query.authority.contains(&f.value))
                    .collect();
                counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                counts
            },
            year: self
                .year
                .iter()
                .rev()
                .map(|(&value, b)| FacetCount {
                    value,
                    count: count(&for_year, b),
                })
                .filter(|f| f.count > 0 || query.year.contains(&f.value))
                .collect(),
        }
    }

    /// Every matching document's database id, in order, for exports.
    pub fn all_ids(
        &self,
        query: &DecisionQuery,
        visible: &RoaringBitmap,
    ) -> Result<Vec<i64>, SearchError> {
        let filters = self.filters(query)?;
        let (text_hits, _) = self.text_hits(query.q.as_deref(), visible);
        let mut set = visible.clone();
        if let Some(hits) = &text_hits {
            set &= hits;
        }
        if let Some(range) = &filters.ranges {
            set &= range;
        }
        for filter in filters.facets.iter().flatten() {
            set &= filter;
        }
        let n = usize::try_from(set.len()).unwrap_or(usize::MAX);
        Ok(self
            .page_of(&set, query.sort, 0, n)
            .into_iter()
            .map(|d| self.id_of(d))
            .collect())
    }

    /// The newest `n` visible documents' ids, by decision date.
    pub fn newest(&self, visible: &RoaringBitmap, n: usize) -> Vec<i64> {
        self.page_of(visible, DecisionSort::Newest, 0, n)
            .into_iter()
            .map(|d| self.id_of(d))
            .collect()
    }

    fn filters(&self, query: &DecisionQuery) -> Result<Filters, SearchError> {
        let union_of = |bitmaps: Vec<&RoaringBitmap>| -> Option<RoaringBitmap> {
            if bitmaps.is_empty() {
                None
            } else {
                let mut set = RoaringBitmap::new();
                for b in bitmaps {
                    set |= b;
                }
                Some(set)
            }
        };
        fn pick(all: &[RoaringBitmap], position: Option<usize>) -> Option<&RoaringBitmap> {
            position.and_then(|p| all.get(p))
        }
        let district = union_of(
            query
                .district
                .iter()
                .filter_map(|v| pick(&self.district, District::ALL.iter().position(|x| x == v)))
                .collect(),
        );
        let industry = union_of(
            query
                .industry
                .iter()
                .filter_map(|v| pick(&self.industry, Industry::ALL.iter().position(|x| x == v)))
                .collect(),
        );
        let category = union_of(
            query
                .category
                .iter()
                .filter_map(|v| {
                    pick(
                        &self.category,
                        PenaltyCategory::ALL.iter().position(|x| x == v),
                    )
                })
                .collect(),
        );
        let mut authorities = Vec::new();
        for name in &query.authority {
            match self.authority.get(name) {
                Some(b) => authorities.push(b),
                None => return Err(SearchError::UnknownAuthority(name.clone())),
            }
        }
        let authority = union_of(authorities);
        let empty = RoaringBitmap::new();
        let year = if query.year.is_empty() {
            None
        } else {
            union_of(
                query
                    .year
                    .iter()
                    .map(|y| self.year.get(y).unwrap_or(&empty))
                    .collect(),
            )
        };
        // Empty selections of known facets still filter: "district=x" with no
        // decisions in x must give nothing, not everything.
        let district = district.or_else(|| (!query.district.is_empty()).then(RoaringBitmap::new));
        let industry = industry.or_else(|| (!query.industry.is_empty()).then(RoaringBitmap::new));
        let category = category.or_else(|| (!query.category.is_empty()).then(RoaringBitmap::new));
        Ok(Filters {
            facets: [district, industry, category, authority, year],
            ranges: self.ranges(query),
        })
    }

    /// Decision-date and fine ranges, as one set (or `None` if unbounded).
    fn ranges(&self, query: &DecisionQuery) -> Option<RoaringBitmap> {
        let mut result: Option<RoaringBitmap> = None;
        if query.from.is_some() || query.to.is_some() {
            let from = query.from.map_or(u16::MIN, day_number);
            let to = query.to.map_or(u16::MAX, day_number);
            let start = self
                .by_date
                .partition_point(|&d| self.decided[d as usize] < from);
            let end = self
                .by_date
                .partition_point(|&d| self.decided[d as usize] <= to);
            result = Some(bitmap_of(&self.by_date[start..end.max(start)]));
        }
        if query.fine_min.is_some() || query.fine_max.is_some() {
            let to_fen = |yuan: u64| i64::try_from(yuan.saturating_mul(100)).unwrap_or(i64::MAX);
            let min = query.fine_min.map_or(i64::MIN, to_fen);
            let max = query.fine_max.map_or(i64::MAX, to_fen);
            let start = self
                .by_fine
                .partition_point(|&d| self.fines[d as usize] < min);
            let end = self
                .by_fine
                .partition_point(|&d| self.fines[d as usize] <= max);
            let fines = bitmap_of(&self.by_fine[start..end.max(start)]);
            result = Some(match result {
                Some(dates) => dates & fines,
                None => fines,
            });
        }
        result
    }

    /// The documents matching the search text (`None` when there is none),
    /// and the record the text names exactly, if any.
    fn text_hits(
        &self,
        q: Option<&str>,
        visible: &RoaringBitmap,
    ) -> (Option<RoaringBitmap>, Option<ExactMatch>) {
        let Some(q) = q else {
            return (None, None);
        };
        let folded = portal_types::text::fold(q.trim());
        // A credit code: its 17 bigrams in a row find that party's decisions.
        if let Ok(code) = portal_types::CreditCode::parse(&folded) {
            let set = self.words_hits(&code.as_str().to_ascii_lowercase()) & visible;
            if !set.is_empty() {
                let exact = Some(ExactMatch {
                    kind: ExactKind::CreditCode,
                    id: (set.len() == 1)
                        .then(|| set.min().map(|d| self.id_of(d)))
                        .flatten(),
                });
                return (Some(set), exact);
            }
        }
        (Some(self.words_hits(&folded)), None)
    }

    /// The documents holding every word of a folded text.
    fn words_hits(&self, folded: &str) -> RoaringBitmap {
        let mut hits: Option<RoaringBitmap> = None;
        for term in query_terms(folded) {
            let term_hits = self.term_hits(&term);
            hits = Some(match hits {
                Some(h) => h & term_hits,
                None => term_hits,
            });
            if hits.as_ref().is_some_and(RoaringBitmap::is_empty) {
                break;
            }
        }
        hits.unwrap_or_default()
    }

    fn term_hits(&self, term: &[char]) -> RoaringBitmap {
        match term {
            [] => RoaringBitmap::new(),
            [c] => {
                let mut set = RoaringBitmap::new();
                for bigram in self.by_char.get(c).map(Vec::as_slice).unwrap_or_default() {
                    if let Some(b) = self.postings.get(bigram) {
                        set |= b;
                    }
                }
                set
            }
            _ => {
                let mut lists: Vec<&RoaringBitmap> = Vec::new();
                for pair in term.windows(2) {
                    match self.postings.get(&Bigram::new(pair[0], pair[1])) {
                        Some(b) => lists.push(b),
                        None => return RoaringBitmap::new(),
                    }
                }
                lists.sort_by_key(|b| b.len());
                let mut set = lists[0].clone();
                for b in &lists[1..] {
                    set &= *b;
                }
                set
            }
        }
    }

    /// `limit` documents of `set` from `offset`, in the order asked for.
    fn page_of(
        &self,
        set: &RoaringBitmap,
        sort: DecisionSort,
        offset: usize,
        limit: usize,
    ) -> Vec<u32> {
        let order: &[u32] = match sort {
            DecisionSort::Newest | DecisionSort::Oldest => &self.by_date,
            DecisionSort::FineDesc | DecisionSort::FineAsc => &self.by_fine,
        };
        let descending = matches!(sort, DecisionSort::Newest | DecisionSort::FineDesc);
        let wanted = offset.saturating_add(limit);
        let size = usize::try_from(set.len()).unwrap_or(usize::MAX).max(1);
        // Walking the ordering meets `wanted` members after about
        // wanted × N / size steps; sorting the set costs size × log(size).
        let walk_steps = wanted.saturating_mul(order.len()) / size;
        let sort_steps = size.saturating_mul(size.ilog2() as usize + 1);
        let mut out: Vec<u32> = if walk_steps <= sort_steps {
            let walk = |iter: &mut dyn Iterator<Item = &u32>| -> Vec<u32> {
                iter.filter(|d| set.contains(**d))
                    .take(wanted)
                    .copied()
                    .collect()
            };
            if descending {
                walk(&mut order.iter().rev())
            } else {
                walk(&mut order.iter())
            }
        } else {
            let (decided, fines) = (&self.decided, &self.fines);
            let mut all: Vec<u32> = set.iter().collect();
            match sort {
                DecisionSort::Newest => {
                    all.sort_by_key(|&d| std::cmp::Reverse((decided[d as usize], d)));
                }
                DecisionSort::Oldest => all.sort_by_key(|&d| (decided[d as usize], d)),
                DecisionSort::FineDesc => all.sort_by_key(|&d| {
                    std::cmp::Reverse((fines[d as usize], decided[d as usize], d))
                }),
                DecisionSort::FineAsc => {
                    all.sort_by_key(|&d| (fines[d as usize], decided[d as usize], d));
                }
            }
            all.truncate(wanted);
            all
        };
        if offset >= out.len() {
            return Vec::new();
        }
        out.drain(..offset);
        out
    }

    /// A summary of the postings' shape, for the log.
    pub fn posting_stats(&self) -> String {
        let (mut containers, mut arrays, mut array_values, mut array_bytes, mut bitsets, mut runs) =
            (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
        let mut singles = 0u64;
        for b in self.postings.values() {
            let s = b.statistics();
            containers += u64::from(s.n_containers);
            arrays += u64::from(s.n_array_containers);
            array_values += u64::from(s.n_values_array_containers);
            array_bytes += s.n_bytes_array_containers;
            bitsets += u64::from(s.n_bitset_containers);
            runs += u64::from(s.n_run_containers);
            if b.len() <= 2 {
                singles += 1;
            }
        }
        format!(
            "bigrams={} tiny={singles} containers={containers} arrays={arrays} array_values={array_values} array_bytes={array_bytes} bitsets={bitsets} runs={runs}",
            self.postings.len()
        )
    }

    /// Approximate bytes held by the postings, for the benchmark's report.
    pub fn posting_bytes(&self) -> u64 {
        self.postings
            .values()
            .map(|b| b.serialized_size() as u64)
            .sum()
    }
}

struct Filters {
    /// district, industry, category, authority, year.
    facets: [Option<RoaringBitmap>; 5],
    ranges: Option<RoaringBitmap>,
}

fn bitmap_of(docs: &[u32]) -> RoaringBitmap {
    let mut sorted = docs.to_vec();
    sorted.sort_unstable();
    RoaringBitmap::from_sorted_iter(sorted).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use portal_types::decisions::{DecisionQuery, DecisionSort};
    use portal_types::{District, Industry, PenaltyCategory};

    use super::{DecisionIndex, FacetMode, IndexBuilder, IndexedDecision, SearchError};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn decision(id: i64, party: &str, facts: &str) -> IndexedDecision {
        IndexedDecision {
            id,
            decision_no: format!("济应急罚〔2026〕{id}号"),
            party_name: party.to_owned(),
            credit_code: None,
            violation_type: "安全培训".to_owned(),
            facts: facts.to_owned(),
            decided_on: day(2026, 3, 1),
            disclosure_until: day(2029, 3, 1),
            fine_fen: 1_000_000,
            district: District::Lixia,
            industry: Industry::Construction,
            categories: PenaltyCategory::Fine.bit(),
            authority: "济南市应急管理局".to_owned(),
        }
    }

    fn index_of(decisions: &[IndexedDecision]) -> DecisionIndex {
        let mut builder = IndexBuilder::new();
        for d in decisions {
            builder.add(d);
        }
        builder.build()
    }

    fn ids(index: &DecisionIndex, query: &DecisionQuery, today: NaiveDate) -> Vec<i64> {
        index
            .search(query, &index.visible_on(today), FacetMode::Skip)
            .expect("a search")
            .ids
    }

    fn words(q: &str) -> DecisionQuery {
        DecisionQuery {
            q: Some(q.to_owned()),
            ..DecisionQuery::new()
        }
    }

    #[test]
    fn a_two_character_word_finds_the_decisions_holding_it() {
        let index = index_of(&[
            decision(1, "甲公司", "消防通道堵塞"),
            decision(2, "乙公司", "未组织安全培训"),
            decision(3, "丙公司", "防火门损坏，消除隐患不及时"),
        ]);
        assert_eq!(ids(&index, &words("消防"), day(2026, 6, 1)), vec![1]);
    }

    #[test]
    fn a_one_character_word_finds_every_decision_with_that_character() {
        let index = index_of(&[
            decision(1, "甲公司", "消防通道堵塞"),
            decision(2, "乙公司", "未组织培训"),
            decision(3, "丙公司", "防火门损坏"),
        ]);
        let mut found = ids(&index, &words("防"), day(2026, 6, 1));
        found.sort_unstable();
        assert_eq!(found, vec![1, 3]);
    }

    #[test]
    fn every_word_of_a_search_must_match() {
        let index = index_of(&[
            decision(1, "甲公司", "消防通道堵塞"),
            decision(2, "乙公司", "消防器材过期，通道堵塞"),
        ]);
        assert_eq!(ids(&index, &words("器材 堵塞"), day(2026, 6, 1)), vec![2]);
    }

    #[test]
    fn full_width_letters_find_half_width_text() {
        let index = index_of(&[
            decision(1, "ABC建设有限公司", "脚手架未验收"),
            decision(2, "甲公司", "脚手架未验收"),
        ]);
        assert_eq!(ids(&index, &words("ＡＢＣ"), day(2026, 6, 1)), vec![1]);
    }

    #[test]
    fn a_decision_past_its_disclosure_deadline_is_not_visible() {
        let mut old = decision(1, "甲公司", "消防通道堵塞");
        old.disclosure_until = day(2026, 5, 31);
        let index = index_of(&[old, decision(2, "乙公司", "消防通道堵塞")]);
        assert_eq!(ids(&index, &words("消防"), day(2026, 6, 1)), vec![2]);
        assert_eq!(ids(&index, &words("消防"), day(2026, 5, 31)).len(), 2);
    }

    #[test]
    fn the_facets_of_a_filter_still_count_the_values_not_chosen() {
        let mut other = decision(2, "乙公司", "消防通道堵塞");
        other.district = District::Shizhong;
        let index = index_of(&[decision(1, "甲公司", "消防通道堵塞"), other]);
        let query = DecisionQuery {
            district: vec![District::Lixia],
            ..DecisionQuery::new()
        };
        let result = index
            .search(&query, &index.visible_on(day(2026, 6, 1)), FacetMode::Count)
            .expect("a search");
        assert_eq!(result.total, 1);
        let counts: Vec<(District, u64)> = result
            .facets
            .district
            .iter()
            .map(|f| (f.value, f.count))
            .collect();
        assert_eq!(counts, vec![(District::Lixia, 1), (District::Shizhong, 1)]);
    }

    #[test]
    fn an_authority_no_decision_has_is_refused() {
        let index = index_of(&[decision(1, "甲公司", "消防通道堵塞")]);
        let query = DecisionQuery {
            authority: vec!["不存在的机关".to_owned()],
            ..DecisionQuery::new()
        };
        assert_eq!(
            index.search(&query, &index.visible_on(day(2026, 6, 1)), FacetMode::Skip),
            Err(SearchError::UnknownAuthority("不存在的机关".to_owned()))
        );
    }

    #[test]
    fn a_fine_range_keeps_the_fines_within_it_in_yuan() {
        let mut small = decision(1, "甲公司", "未培训");
        small.fine_fen = 500_000;
        let mut large = decision(2, "乙公司", "未培训");
        large.fine_fen = 5_000_000;
        let index = index_of(&[small, large]);
        let query = DecisionQuery {
            fine_min: Some(10_000),
            ..DecisionQuery::new()
        };
        assert_eq!(ids(&index, &query, day(2026, 6, 1)), vec![2]);
        let query = DecisionQuery {
            fine_max: Some(10_000),
            ..DecisionQuery::new()
        };
        assert_eq!(ids(&index, &query, day(2026, 6, 1)), vec![1]);
    }

    #[test]
    fn results_are_sorted_and_paged_as_asked() {
        let decisions: Vec<IndexedDecision> = (1..=5)
            .map(|i| {
                let mut d = decision(i, "甲公司", "未培训");
                d.decided_on = day(2026, 1, u32::try_from(i).expect("a day"));
                d.fine_fen = 100 * (6 - i);
                d
            })
            .collect();
        let index = index_of(&decisions);
        let today = day(2026, 6, 1);
        let page = |sort, page| {
            ids(
                &index,
                &DecisionQuery {
                    sort,
                    page,
                    page_size: 2,
                    ..DecisionQuery::new()
                },
                today,
            )
        };
        assert_eq!(page(DecisionSort::Newest, 1), vec![5, 4]);
        assert_eq!(page(DecisionSort::Newest, 3), vec![1]);
        assert_eq!(page(DecisionSort::Oldest, 1), vec![1, 2]);
        assert_eq!(page(DecisionSort::FineAsc, 1), vec![5, 4]);
        assert_eq!(page(DecisionSort::FineDesc, 1), vec![1, 2]);
    }

    #[test]
    fn a_decision_number_is_found_whatever_its_bracket_style() {
        let index = index_of(&[
            decision(7, "甲公司", "未培训"),
            decision(8, "乙公司", "未培训"),
        ]);
        let visible = index.visible_on(day(2026, 6, 1));
        assert_eq!(
            index.number_candidates("济应急罚[2026]7号", &visible),
            vec![7]
        );
    }
}
