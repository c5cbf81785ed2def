//! The index as the server holds it: built from the database at start,
//! shared by all requests, replaced whole when records change.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use chrono::NaiveDate;
use lru::LruCache;
use portal_store::Store;
use portal_types::decisions::{DecisionFacets, DecisionQuery};
use roaring::RoaringBitmap;

use super::{DecisionIndex, FacetMode, IndexBuilder, SearchError, SearchResult};

/// How many searches' facet counts are remembered. Paging through results,
/// changing their order and the most asked searches reuse them; the key
/// holds the index generation and the day, so a change never shows stale
/// counts.
const FACET_CACHE_ENTRIES: usize = 256;

type FacetCache = Mutex<LruCache<String, Arc<DecisionFacets>>>;

/// The current index and, per day, which decisions are in public view.
#[derive(Debug)]
pub struct DecisionSearch {
    index: RwLock<Arc<DecisionIndex>>,
    /// Bumped whenever the index is replaced; part of every ETag.
    generation: std::sync::atomic::AtomicU64,
    visible: Mutex<Option<Visible>>,
    facets: Arc<FacetCache>,
}

#[derive(Debug, Clone)]
struct Visible {
    day: NaiveDate,
    generation: u64,
    set: Arc<RoaringBitmap>,
}

/// The index and the public set of one day, consistent with each other.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub index: Arc<DecisionIndex>,
    pub visible: Arc<RoaringBitmap>,
    pub generation: u64,
    pub day: NaiveDate,
    facets: Arc<FacetCache>,
}

impl Snapshot {
    /// Runs a search among the decisions in public view, reusing remembered
    /// facet counts when the same words and filters were searched before.
    pub fn search(&self, query: &DecisionQuery) -> Result<SearchResult, SearchError> {
        let mut key = format!("{}|{}|", self.generation, self.day);
        for (name, value) in query.to_pairs() {
            if !matches!(name, "sort" | "page" | "page_size") {
                key.push_str(name);
                key.push('=');
                key.push_str(&value);
                key.push('&');
            }
        }
        let cached = self
            .facets
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .cloned();
        match cached {
            Some(facets) => {
                let mut result = self.index.search(query, &self.visible, FacetMode::Skip)?;
                result.facets = (*facets).clone();
                Ok(result)
            }
            None => {
                let result = self.index.search(query, &self.visible, FacetMode::Count)?;
                self.facets
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .put(key, Arc::new(result.facets.clone()));
                Ok(result)
            }
        }
    }
}

impl DecisionSearch {
    /// Builds the index from every decision in the store.
    pub async fn load(store: &Store) -> Result<Self, portal_store::StoreError> {
        let index = build(store).await?;
        Ok(Self {
            index: RwLock::new(Arc::new(index)),
            generation: std::sync::atomic::AtomicU64::new(1),
            visible: Mutex::new(None),
            facets: Arc::new(Mutex::new(LruCache::new(
                NonZeroUsize::new(FACET_CACHE_ENTRIES).unwrap_or(NonZeroUsize::MIN),
            ))),
        })
    }

    /// Rebuilds the index after records changed.
    pub async fn reload(&self, store: &Store) -> Result<(), portal_store::StoreError> {
        let index = Arc::new(build(store).await?);
        *self.index.write().unwrap_or_else(PoisonError::into_inner) = index;
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// The index and its public set for `day`.
    pub fn snapshot(&self, day: NaiveDate) -> Snapshot {
        let index = Arc::clone(&self.index.read().unwrap_or_else(PoisonError::into_inner));
        let generation = self.generation.load(std::sync::atomic::Ordering::SeqCst);
        let mut cached = self.visible.lock().unwrap_or_else(PoisonError::into_inner);
        let visible = match cached.as_ref() {
            Some(v) if v.day == day && v.generation == generation => Arc::clone(&v.set),
            _ => {
                let set = Arc::new(index.visible_on(day));
                *cached = Some(Visible {
                    day,
                    generation,
                    set: Arc::clone(&set),
                });
                set
            }
        };
        Snapshot {
            index,
            visible,
            generation,
            day,
            facets: Arc::clone(&self.facets),
        }
    }
}

async fn build(store: &Store) -> Result<DecisionIndex, portal_store::StoreError> {
    let started = std::time::Instant::now();
    let mut builder = IndexBuilder::new();
    store
        .for_each_decision_to_index(|d| builder.add(&d))
        .await?;
    let index = builder.build();
    crate::memory::release_free_memory();
    tracing::info!(
        decisions = index.len(),
        posting_kib = index.posting_bytes() / 1024,
        stats = index.posting_stats(),
        elapsed = ?started.elapsed(),
        "search index built"
    );
    Ok(index)
}
