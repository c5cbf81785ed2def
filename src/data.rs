//! Data a page shows, and the answers a server-rendered page arrived with.
//!
//! The server renders every public page with the same components as the
//! browser (see `render`). A page asks for its data through [`PageData`],
//! which calls the typed client in [`crate::api`] as usual. While the
//! server renders, the client answers from the API answers the server has
//! already fetched for that page ([`Answer`]s in the render's scope), and
//! notes every address it had no answer for, so that the server can fetch
//! it and render again. The page sent to the browser carries the answers it
//! was rendered from (`<script type="application/json" data-api=…>`); the
//! browser app answers its first render from them, so that it draws exactly
//! what the server drew, with no loading state in between and no second
//! request. After the first change of address they are forgotten.

use std::future::Future;

use futures_util::FutureExt as _;
use leptos::prelude::*;

/// One API answer, as the server fetched it: its status and its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The JSON body, as text.
    pub body: String,
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static ARRIVED: std::cell::RefCell<std::collections::HashMap<String, Answer>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The answer for `path` (`/api/…?…`) that the page arrived with, if any.
pub fn answer_for(path: &str) -> Option<Answer> {
    #[cfg(target_arch = "wasm32")]
    {
        ARRIVED.with(|arrived| arrived.borrow().get(path).cloned())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::render::answer_for(path)
    }
}

/// Reads the answers a server-rendered page arrived with, and removes
/// their elements from the page.
#[cfg(target_arch = "wasm32")]
pub fn read_arrived_answers(document: &web_sys::Document) {
    let Ok(nodes) = document.query_selector_all("script[data-api]") else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(element) = nodes
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        else {
            continue;
        };
        let path = element.get_attribute("data-api").unwrap_or_default();
        let status = element
            .get_attribute("data-status")
            .and_then(|s| s.parse().ok())
            .unwrap_or(200);
        let body = element.text_content().unwrap_or_default();
        ARRIVED.with(|arrived| {
            arrived.borrow_mut().insert(path, Answer { status, body });
        });
        element.remove();
    }
}

/// Forgets the answers the page arrived with: they described the first
/// address only.
pub fn forget_arrived_answers() {
    #[cfg(target_arch = "wasm32")]
    ARRIVED.with(|arrived| arrived.borrow_mut().clear());
}

/// Notes, while the server renders, an address a page asked for without an
/// answer (nothing in the browser).
pub fn note_missing(path: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    crate::render::note_missing(path);
    #[cfg(target_arch = "wasm32")]
    let _ = path;
}

/// Data a page shows: at once when its answer is at hand (the server's
/// render, or the browser's first render of a server-rendered page),
/// otherwise fetched in the browser. `fetcher` is tracked like a
/// resource's: when a signal it reads changes, the data is fetched again.
#[derive(Debug)]
pub struct PageData<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    pending: RwSignal<bool>,
    refetch: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for PageData<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for PageData<T> {}

impl<T: Clone + Send + Sync + 'static> PageData<T> {
    /// While new data loads, [`PageData::get`] answers `None` (the page
    /// shows that it is loading).
    pub fn new<Fut>(fetcher: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        Self::build(fetcher, false)
    }

    /// While new data loads, [`PageData::get`] keeps answering the data
    /// shown before, and [`PageData::pending`] is true (a search keeps its
    /// results, marked stale, until the new ones arrive).
    pub fn keeping<Fut>(fetcher: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        Self::build(fetcher, true)
    }

    fn build<Fut>(fetcher: impl Fn() -> Fut + 'static, keep: bool) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        // A future that completes on its first poll had its answer at hand.
        let initial = untrack(&fetcher).now_or_never();
        let had_initial = initial.is_some();
        let data = Self {
            value: RwSignal::new(initial),
            pending: RwSignal::new(false),
            refetch: RwSignal::new(0),
        };
        #[cfg(target_arch = "wasm32")]
        {
            let generation = StoredValue::new(0u64);
            Effect::new(move |previous: Option<()>| {
                data.refetch.track();
                let future = fetcher();
                if previous.is_none() && had_initial {
                    return;
                }
                let this = generation.get_value() + 1;
                generation.set_value(this);
                data.pending.set(true);
                if !keep {
                    data.value.set(None);
                }
                leptos::task::spawn_local(async move {
                    let value = future.await;
                    if generation.try_get_value() == Some(this) {
                        data.value.try_set(Some(value));
                        data.pending.try_set(false);
                    }
                });
            });
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (fetcher, keep, had_initial);
        data
    }

    /// The data, once there (tracked).
    pub fn get(&self) -> Option<T> {
        self.value.get()
    }

    /// Whether newer data is on its way (tracked).
    pub fn pending(&self) -> bool {
        self.pending.get()
    }

    /// Fetches the data again.
    pub fn refetch(&self) {
        self.refetch.update(|n| *n += 1);
    }
}
