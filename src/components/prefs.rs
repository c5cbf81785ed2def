//! Display preferences: the large-text, high-contrast mode for older readers.

use leptos::prelude::*;

use crate::prefs;

const STORAGE_KEY: &str = "portal.largeText";
/// The cookie the server reads to render pages in large text.
pub const COOKIE: &str = "portal.display";

/// Display preferences shared through the component tree.
#[derive(Clone, Copy, Debug)]
pub struct Display {
    large_text: RwSignal<bool>,
}

impl Display {
    /// Whether the large-text mode is on (tracked).
    pub fn large_text(self) -> bool {
        self.large_text.get()
    }

    /// Turns the large-text mode on or off and remembers it.
    pub fn set_large_text(self, on: bool) {
        self.large_text.set(on);
        prefs::store(STORAGE_KEY, if on { "1" } else { "0" });
        prefs::store_cookie(COOKIE, if on { "large" } else { "standard" });
    }

    /// The class of `<html>` (tracked).
    pub fn html_class(self) -> &'static str {
        if self.large_text() { "large-text" } else { "" }
    }
}

/// Provides the display preferences remembered in this browser.
pub fn provide_display() -> Display {
    #[cfg(target_arch = "wasm32")]
    let large_text = prefs::load(STORAGE_KEY).as_deref() == Some("1");
    #[cfg(not(target_arch = "wasm32"))]
    let large_text = crate::render::large_text();
    if large_text {
        prefs::store_cookie(COOKIE, "large");
    }
    let display = Display {
        large_text: RwSignal::new(large_text),
    };
    provide_context(display);
    display
}

/// The display preferences provided by [`provide_display`].
pub fn use_display() -> Display {
    use_context::<Display>().unwrap_or_else(provide_display)
}
