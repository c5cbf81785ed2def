//! Preferences remembered in this browser (`localStorage`).
//!
//! Storage can be missing or refuse writes (private windows, full quota);
//! then preferences last only for the visit, and nothing fails.
//!
//! The language and the large-text mode are also kept in cookies
//! ([`store_cookie`]), which the server reads to render pages the way the
//! reader last chose (and which say nothing about who the reader is).

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Rendering on the server: no browser, nothing remembered.
#[cfg(not(target_arch = "wasm32"))]
fn storage() -> Option<web_sys::Storage> {
    None
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

#[cfg(target_arch = "wasm32")]
fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

#[cfg(not(target_arch = "wasm32"))]
fn session() -> Option<web_sys::Storage> {
    None
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

/// Forgets `key` kept for this tab.
pub fn remove_for_session(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}

/// Keeps `value` in the cookie `name` for a year, for the server to read.
pub fn store_cookie(name: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        if let Some(document) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let _ = document.set_cookie(&format!(
                "{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax"
            ));
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, value);
}
