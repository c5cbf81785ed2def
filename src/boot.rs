//! Starting the app in the browser. A page the server rendered is taken
//! over: the API answers it was rendered from are kept for the app's first
//! render, the HTML of a page only the server renders is kept for
//! [`crate::components::server_page::ServerPage`], and the server's markup
//! is removed just before the app mounts and draws the same page. An
//! address that belongs to the other bundle is handed back to the server.
//!
//! Each bundle's binary exports a `run` function that calls [`start`]; its
//! `main` does nothing. The page's loader (`pattern_script` in Trunk.toml)
//! instantiates the Wasm, yields to the browser, and then calls `run`: the
//! two are separate tasks, so that neither blocks a slow phone's main
//! thread for their sum.

/// Takes over the page and mounts `app`, the root of `bundle`.
pub fn start<V>(bundle: crate::components::layout::Bundle, app: fn() -> V)
where
    V: leptos::prelude::IntoView + 'static,
{
    console_error_panic_hook::set_once();
    remove_placeholder();
    #[cfg(target_arch = "wasm32")]
    take_over();
    arrived(bundle);
    leptos::mount::mount_to_body(app);
    #[cfg(target_arch = "wasm32")]
    ready();
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static SERVER_PAGE: std::cell::RefCell<Option<(String, crate::api::Fragment)>> =
        const { std::cell::RefCell::new(None) };
}

/// Takes over a page the server rendered (see the module); called just
/// before the app mounts.
#[cfg(target_arch = "wasm32")]
pub fn take_over() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    crate::data::read_arrived_answers(&document);
    if let Ok(Some(page)) = document.query_selector(".server-page")
        && let Some(address) = current_address()
    {
        let fragment = crate::api::Fragment {
            html: page.inner_html(),
            title: page.get_attribute("data-title").unwrap_or_default(),
            status: 200,
        };
        SERVER_PAGE.with(|kept| *kept.borrow_mut() = Some((address, fragment)));
    }
    if let Some(body) = document.body() {
        while let Some(child) = body.first_child() {
            let _ = body.remove_child(&child);
        }
    }
}

/// Says, once the app has mounted, that it has taken over the page
/// (`<html data-app="ready">`, which the end-to-end tests wait for).
#[cfg(target_arch = "wasm32")]
pub fn ready() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-app", "ready");
    }
    if HANDED_OVER.with(|h| h.replace(false)) {
        leptos::prelude::request_animation_frame(crate::app::focus_page_heading);
    }
}

/// The HTML of the page only the server renders that the page arrived
/// with, if `address` is the address it was rendered for (once).
#[cfg(target_arch = "wasm32")]
pub fn take_server_page(address: &str) -> Option<crate::api::Fragment> {
    SERVER_PAGE.with(|kept| {
        let mut kept = kept.borrow_mut();
        match kept.take() {
            Some((at, fragment)) if at == address => Some(fragment),
            _ => None,
        }
    })
}

/// Path and query of the current address.
#[cfg(target_arch = "wasm32")]
fn current_address() -> Option<String> {
    let location = web_sys::window()?.location();
    let path = location.pathname().ok()?;
    let search = location.search().ok().unwrap_or_default();
    Some(format!("{path}{search}"))
}

const HANDOFF_KEY: &str = "portal.handoff";

/// Removes the placeholder, just before the app mounts.
pub fn remove_placeholder() {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        element.remove();
    }
}

/// Loads the current address from the server, replacing the history entry
/// the router has just made for it: the address belongs to the other
/// bundle. Returns `false`, doing nothing, when this very address was just
/// handed over and the server answered with this bundle again (so a
/// misconfigured server cannot make the page reload forever).
///
/// `address` is the router's (path, query and fragment): while the router
/// renders a navigation, the browser's location still shows the page left.
pub fn load_from_server(address: &str) -> bool {
    let href = address.to_owned();
    if crate::prefs::load_for_session(HANDOFF_KEY).as_deref() == Some(href.as_str()) {
        crate::prefs::remove_for_session(HANDOFF_KEY);
        return false;
    }
    crate::prefs::store_for_session(HANDOFF_KEY, &href);
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(&href);
    }
    true
}

/// Called before mounting `bundle`: a hand-over that reached the bundle
/// serving its address is complete and forgotten; the page it led to then
/// gets focus on its heading once drawn (see [`ready`]), as any other
/// navigation in the app does.
pub fn arrived(bundle: crate::components::layout::Bundle) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let path = location.pathname().unwrap_or_default();
    if bundle.serves(&path) {
        // What `load_from_server` stored: the router's address (path,
        // query and fragment), not the whole URL.
        let here = format!(
            "{path}{}{}",
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default()
        );
        if crate::prefs::load_for_session(HANDOFF_KEY).as_deref() == Some(here.as_str()) {
            HANDED_OVER.with(|h| h.set(true));
        }
        crate::prefs::remove_for_session(HANDOFF_KEY);
    }
}

thread_local! {
    static HANDED_OVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
