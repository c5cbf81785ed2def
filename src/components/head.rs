//! What a page says about itself in `<head>`: its title and description.
//!
//! In the browser the title goes through `leptos_meta` (the shell adds the
//! portal's name); on the server both are kept for the page's `<head>`, its
//! link previews and search engines (see [`crate::render`]).

use leptos::prelude::*;
use leptos::text_prop::TextProp;

/// The page's own title (the portal's name is added after it).
#[component]
pub fn Title(
    /// The title; empty for the home page.
    #[prop(into)]
    text: TextProp,
) -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    {
        view! { <leptos_meta::Title text /> }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::render::set_title(text.get().to_string());
    }
}

/// The characters a description keeps (search engines show about this many).
#[cfg(not(target_arch = "wasm32"))]
const DESCRIPTION_CHARS: usize = 160;

/// One or two sentences describing the page, for search engines and link
/// previews (cut at 160 characters). Nothing in the browser.
pub fn describe(text: impl FnOnce() -> String) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let text = text();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let cut: String = text.chars().take(DESCRIPTION_CHARS).collect();
        crate::render::set_description(if cut.len() < text.len() {
            format!("{cut}…")
        } else {
            cut
        });
    }
    #[cfg(target_arch = "wasm32")]
    let _ = text;
}

/// The Atom feed that follows this list (with its filters), announced in
/// `<head>` for feed readers. Nothing in the browser.
pub fn feed(href: impl FnOnce() -> String) {
    #[cfg(not(target_arch = "wasm32"))]
    crate::render::set_feed(href());
    #[cfg(target_arch = "wasm32")]
    let _ = href;
}

/// The HTTP status the server answers this page with (404 for a record
/// that does not exist, 410 for one that is no longer public). Nothing in
/// the browser.
pub fn respond_with(status: u16) {
    #[cfg(not(target_arch = "wasm32"))]
    crate::render::set_status(status);
    #[cfg(target_arch = "wasm32")]
    let _ = status;
}

/// The portal's origin (`https://aq.jinan.gov.cn`), for permanent
/// addresses written in pages.
pub fn origin() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        window().location().origin().unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::render::origin().unwrap_or_default()
    }
}
