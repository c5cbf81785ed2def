//! The static "loading" placeholder in `index.html`, shown until the Wasm runs.

/// Removes the placeholder, just before the app mounts.
pub fn remove_placeholder() {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        element.remove();
    }
}
