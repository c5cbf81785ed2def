//! Preferences remembered in this browser (`localStorage`).
//!
//! Storage can be missing or refuse writes (private windows, full quota);
//! then preferences last only for the visit, and nothing fails.

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored value of `key`, if any.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`, silently doing nothing if storage refuses.
pub fn store(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Forgets `key`.
pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The value of `key` kept for this tab only (`sessionStorage`).
pub fn load_for_session(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key` for this tab only.
pub fn store_for_session(key: &str, value: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(key, value);
    }
}
