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
    /// The number of the last change in the store's change log when the
    /// index was built: part of every ETag, the same on every instance
    /// that has caught up.
    generation: std::sync::atomic::AtomicU64,
    /// When the index was last built.
    built: Mutex<std::time::Instant>,
    /// Held while the index is rebuilt, so that a rebuild after a change
    /// here and one for the change log never run together.
    rebuilding: tokio::sync::Mutex<()>,
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
        let generation = store.last_change().await?;
        let index = build(store).await?;
        Ok(Self {
            index: RwLock::new(Arc::new(index)),
            generation: std::sync::atomic::AtomicU64::new(generation_of(generation)),
            built: Mutex::new(std::time::Instant::now()),
            rebuilding: tokio::sync::Mutex::new(()),
            visible: Mutex::new(None),
            facets: Arc::new(Mutex::new(LruCache::new(
                NonZeroUsize::new(FACET_CACHE_ENTRIES).unwrap_or(NonZeroUsize::MIN),
            ))),
        })
    }

    /// Rebuilds the index after records changed (here, or through another
    /// instance: see `crate::changes`).
    pub async fn reload(&self, store: &Store) -> Result<(), portal_store::StoreError> {
        let _turn = self.rebuilding.lock().await;
        self.rebuild(store).await
    }

    /// Rebuilds the index unless it was built at change `change` or later
    /// (meanwhile, perhaps); true if it rebuilt.
    pub async fn reload_if_behind(
        &self,
        store: &Store,
        change: i64,
    ) -> Result<bool, portal_store::StoreError> {
        let _turn = self.rebuilding.lock().await;
        if i64::try_from(self.generation()).unwrap_or(i64::MAX) >= change {
            return Ok(false);
        }
        self.rebuild(store).await?;
        Ok(true)
    }

    async fn rebuild(&self, store: &Store) -> Result<(), portal_store::StoreError> {
        // The change number is read first: the index then holds at least
        // every change up to it.
        let generation = store.last_change().await?;
        let index = Arc::new(build(store).await?);
        *self.index.write().unwrap_or_else(PoisonError::into_inner) = index;
        self.generation.store(
            generation_of(generation),
            std::sync::atomic::Ordering::SeqCst,
        );
        *self.built.lock().unwrap_or_else(PoisonError::into_inner) = std::time::Instant::now();
        Ok(())
    }

    /// The change number the index was built at.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// How long ago the index was built.
    pub fn age(&self) -> std::time::Duration {
        self.built
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .elapsed()
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

/// A change number as a generation (never negative).
fn generation_of(change: i64) -> u64 {
    u64::try_from(change).unwrap_or_default()
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
