//! The reporting channel's shared state: its rate limits, the submissions
//! being processed now (by Idempotency-Key) and the slots in which uploaded
//! photos are decoded.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use crate::limits::Limits;
use crate::photos;

/// The reporting channel's shared state.
#[derive(Debug)]
pub struct Reporting {
    pub limits: Limits,
    /// Idempotency-Keys of submissions being processed now.
    in_flight: Mutex<HashSet<String>>,
    /// Photos decoded at once (each can take a few hundred MB briefly). A
    /// slot is held by the decoding thread itself, until the decode ends,
    /// whatever becomes of the request.
    decoding: Arc<tokio::sync::Semaphore>,
}

impl Reporting {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            in_flight: Mutex::new(HashSet::new()),
            decoding: Arc::new(tokio::sync::Semaphore::new(CONCURRENT_DECODES)),
        }
    }
}

impl Reporting {
    /// Decodes and re-encodes a photo (see [`photos::clean`]) in a decoding
    /// slot, waiting at most 10 s for one ([`DecodeError::Busy`] then). The
    /// inner result is the photo's own verdict: what is wrong with the file.
    pub async fn clean_photo(
        &self,
        content_type: String,
        body: axum::body::Bytes,
    ) -> Result<Result<photos::CleanPhoto, photos::PhotoError>, DecodeError> {
        let slot = tokio::time::timeout(
            DECODE_QUEUE_WAIT,
            Arc::clone(&self.decoding).acquire_owned(),
        )
        .await
        .map_err(|_| DecodeError::Busy)?
        .map_err(|e| DecodeError::Failed(e.into()))?;
        tokio::task::spawn_blocking(move || {
            let clean = photos::clean(&content_type, &body);
            drop(slot);
            clean
        })
        .await
        .map_err(|e| DecodeError::Failed(e.into()))
    }
}

/// Why a photo could not be decoded at all (as opposed to what is wrong
/// with the file itself).
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// Every decoding slot stayed taken for the whole wait.
    #[error("photos are being processed; try again in a moment")]
    Busy,
    /// The decoding thread could not run or panicked.
    #[error("the photo decoder failed: {0}")]
    Failed(anyhow::Error),
}

impl Reporting {
    /// Marks the submission with Idempotency-Key `key` as being processed,
    /// until the returned guard is dropped; `None` while another request
    /// with the same key is being processed.
    pub fn claim(&self, key: &str) -> Option<InFlight<'_>> {
        let mut set = self
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        set.insert(key.to_owned()).then(|| InFlight {
            set: &self.in_flight,
            key: key.to_owned(),
        })
    }
}

/// Removes a key from the in-flight set when the request ends, however it ends.
pub struct InFlight<'a> {
    set: &'a Mutex<HashSet<String>>,
    key: String,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.set
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.key);
    }
}

/// Photos decoded at once: with [`photos::MAX_DECODE_BYTES`] each, the
/// bound on the memory of the photo path (ARCHITECTURE.md, "Photos").
pub const CONCURRENT_DECODES: usize = 2;

/// How long an upload waits for a decoding slot before it is answered 503.
const DECODE_QUEUE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);
