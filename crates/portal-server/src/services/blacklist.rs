//! The blacklist check's shared state: the index of enterprise names
//! (current and former) and the signer of printed answers.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use portal_store::{Store, StoreError};

use crate::search::NameIndex;
use crate::signing::Signer;

/// The name index and the signer of answers.
#[derive(Debug)]
pub struct Blacklist {
    names: RwLock<Arc<NameIndex>>,
    /// The change number the name index was built at.
    generation: AtomicI64,
    /// Held while the index is rebuilt (one rebuild at a time).
    rebuilding: tokio::sync::Mutex<()>,
    pub signer: Signer,
}

impl Blacklist {
    /// Builds the name index from the store.
    pub async fn load(store: &Store, signer: Signer) -> Result<Self, StoreError> {
        let generation = store.last_change().await?;
        Ok(Self {
            names: RwLock::new(Arc::new(build_names(store).await?)),
            generation: AtomicI64::new(generation),
            rebuilding: tokio::sync::Mutex::new(()),
            signer,
        })
    }

    /// Rebuilds the name index after enterprises changed.
    pub async fn reload(&self, store: &Store) -> Result<(), StoreError> {
        let _turn = self.rebuilding.lock().await;
        self.rebuild(store).await
    }

    /// Rebuilds the name index unless it was built at change `change` or
    /// later; true if it rebuilt.
    pub async fn reload_if_behind(&self, store: &Store, change: i64) -> Result<bool, StoreError> {
        let _turn = self.rebuilding.lock().await;
        if self.generation() >= change {
            return Ok(false);
        }
        self.rebuild(store).await?;
        Ok(true)
    }

    async fn rebuild(&self, store: &Store) -> Result<(), StoreError> {
        let generation = store.last_change().await?;
        let names = Arc::new(build_names(store).await?);
        *self.names.write().unwrap_or_else(PoisonError::into_inner) = names;
        self.generation.store(generation, Ordering::SeqCst);
        Ok(())
    }

    /// The change number the name index was built at.
    pub fn generation(&self) -> i64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The name index as it stands now.
    pub fn names(&self) -> Arc<NameIndex> {
        Arc::clone(&self.names.read().unwrap_or_else(PoisonError::into_inner))
    }
}

async fn build_names(store: &Store) -> Result<NameIndex, StoreError> {
    let mut names = Vec::new();
    store.for_each_enterprise_name(|n| names.push(n)).await?;
    let index = NameIndex::build(names);
    crate::memory::release_free_memory();
    tracing::info!(names = index.len(), "enterprise name index built");
    Ok(index)
}
