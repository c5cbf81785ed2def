//! Giving freed memory back to the system.
//!
//! Building the search index allocates and frees as much as it keeps (row
//! text, growing bitmaps). glibc's allocator keeps those freed pages
//! resident unless asked: on a million decisions, about 25 MB. jemalloc and
//! mimalloc were tried and kept more (see BENCHMARKS.md).

/// Returns free heap pages to the system (glibc's `malloc_trim`). Call after
/// large, one-off work such as building the index.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_free_memory() {
    // SAFETY: malloc_trim takes a plain integer, has no preconditions, and
    // only releases pages the allocator itself knows to be free.
    let _released = unsafe { libc::malloc_trim(0) };
}

/// Does nothing where glibc is not the allocator.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_free_memory() {}
