//! Pages that only the server renders.
//!
//! Most public pages are for reading: a decision, a case, an accident
//! report, an article, an enterprise's standing, the lists that lead to
//! them. The server renders them with their components (see
//! [`crate::render`]); their code never reaches the browser, which keeps
//! the bundle small however many kinds of record the portal publishes.
//! In the browser, [`ServerPage`] shows them: on the first load it keeps
//! the HTML the page arrived with; after a navigation it asks the server
//! for the page's HTML (`X-Portal-Fragment: 1`) and puts it in place.
//!
//! Such a page carries no event handlers of its own. What it needs of the
//! browser it asks for with attributes, which [`ServerPage`] acts on:
//!
//! - a link to `#id` moves focus to that section (contents lists);
//! - `data-action="print"` prints the page;
//! - `data-action="retry"` fetches the page again;
//! - `data-action="toggle"` with `aria-controls="a b"` shows the hidden
//!   one of the two elements and hides the other, and swaps its label for
//!   `data-other-label`;
//! - `data-back-to-list` leads back to the search this tab last saw;
//! - a `<form method="get">` navigates to its address with the non-empty
//!   fields as its query, in the app.

use leptos::prelude::*;

/// Wraps, on the server, a page only the server renders: keeps its HTML for
/// a fragment answer and marks where it starts, for the browser to take.
#[cfg(feature = "ssr")]
#[component]
pub fn ServerRendered(children: Children) -> impl IntoView {
    let html = children().to_html();
    crate::render::set_fragment(html.clone());
    let title = crate::render::title().unwrap_or_default();
    view! { <div class="server-page" data-title=title inner_html=html></div> }
}

/// A page the server renders, shown in the browser (see the module).
#[component]
pub fn ServerPage() -> impl IntoView {
    browser::server_page()
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    use leptos::prelude::*;

    /// Never rendered outside the browser: the server renders the page itself.
    pub fn server_page() -> impl IntoView {}
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use leptos::prelude::*;
    use leptos_router::NavigateOptions;
    use leptos_router::hooks::{use_location, use_navigate};
    use wasm_bindgen::JsCast;

    use crate::api::{self, ApiError, Fragment};
    use crate::components::head::Title;
    use crate::components::status::{ErrorNotice, Loading};
    use crate::i18n::use_i18n;

    pub fn server_page() -> impl IntoView {
        let i18n = use_i18n();
        let location = use_location();
        let address = Memo::new(move |_| {
            let search = location.search.get();
            let path = location.pathname.get();
            if search.is_empty() {
                path
            } else {
                format!("{path}?{}", search.trim_start_matches('?'))
            }
        });
        let arrived = crate::boot::take_server_page(&address.get_untracked());
        let fragment = RwSignal::new(arrived.map(Ok::<Fragment, ApiError>));
        let refetch = RwSignal::new(0u32);
        let generation = StoredValue::new(0u64);
        // The path shown; none before this page's first answer.
        let shown_path = StoredValue::new(
            fragment
                .with_untracked(Option::is_some)
                .then(|| location.pathname.get_untracked()),
        );
        Effect::new(move |previous: Option<()>| {
            let address = address.get();
            let _ = i18n.lang();
            refetch.track();
            if previous.is_none() && fragment.with_untracked(Option::is_some) {
                return;
            }
            let path = location.pathname.get_untracked();
            // A new page starts empty; the same page with other filters, or
            // in the other language, keeps what it shows until the new one
            // arrives.
            let new_page = shown_path.get_value().as_deref() != Some(path.as_str());
            if new_page || fragment.with_untracked(|f| matches!(f, Some(Err(_)))) {
                fragment.set(None);
            }
            shown_path.set_value(Some(path));
            let this = generation.get_value() + 1;
            generation.set_value(this);
            leptos::task::spawn_local(async move {
                // A change of route disposes this page a moment later (the
                // next page asks for itself): ask only if still shown.
                leptos::task::tick().await;
                if generation.try_get_value() != Some(this) {
                    return;
                }
                let answer = fetch_once(address).await;
                if generation.try_get_value() != Some(this) {
                    return;
                }
                let restore = focused_id();
                fragment.try_set(Some(answer));
                request_animation_frame(move || {
                    if new_page {
                        crate::app::focus_page_heading();
                    } else if let Some(id) = restore {
                        crate::components::form::focus_by_id(&id);
                    }
                });
            });
        });
        let navigate = use_navigate();
        let on_click = move |event: web_sys::MouseEvent| {
            on_click(&event, refetch, &navigate);
        };
        let navigate = use_navigate();
        let on_submit = move |event: web_sys::SubmitEvent| {
            on_submit(&event, &navigate);
        };
        view! {
            {move || match fragment.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Ok(Fragment { html, title, .. })) => view! {
                    <Title text=title.clone() />
                    <div class="server-page" data-title=title inner_html=html
                        on:click=on_click.clone() on:submit=on_submit.clone()></div>
                }.into_any(),
                Some(Err(error)) => view! {
                    <ErrorNotice error on_retry=move |()| refetch.update(|n| *n += 1) />
                }.into_any(),
            }}
        }
    }

    type Pending = futures_util::future::Shared<
        futures_util::future::LocalBoxFuture<'static, Result<Fragment, ApiError>>,
    >;

    thread_local! {
        static IN_FLIGHT: std::cell::RefCell<std::collections::HashMap<String, Pending>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }

    /// Asks for a page once however many ask at the same moment: as the
    /// route changes, the page left can still see the new address and ask
    /// for it before it goes away.
    async fn fetch_once(address: String) -> Result<Fragment, ApiError> {
        use futures_util::FutureExt as _;
        let pending = IN_FLIGHT.with(|all| {
            all.borrow_mut()
                .entry(address.clone())
                .or_insert_with(|| {
                    let address = address.clone();
                    async move { api::page_fragment(&address).await }
                        .boxed_local()
                        .shared()
                })
                .clone()
        });
        let answer = pending.await;
        IN_FLIGHT.with(|all| all.borrow_mut().remove(&address));
        answer
    }

    /// The id of the element that has focus, to give it back after the
    /// page is replaced (a filter ticked keeps its focus).
    fn focused_id() -> Option<String> {
        document()
            .active_element()
            .map(|e| e.id())
            .filter(|id| !id.is_empty())
    }

    fn closest(event: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
        event
            .target()?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest(selector)
            .ok()
            .flatten()
    }

    fn on_click(
        event: &web_sys::MouseEvent,
        refetch: RwSignal<u32>,
        navigate: &impl Fn(&str, NavigateOptions),
    ) {
        if event.default_prevented() || event.button() != 0 {
            return;
        }
        if let Some(link) = closest(event, "a[href^='#']") {
            event.prevent_default();
            let id = link
                .get_attribute("href")
                .unwrap_or_default()
                .trim_start_matches('#')
                .to_owned();
            focus_section(&id);
            return;
        }
        if closest(event, "a[data-back-to-list]").is_some() {
            event.prevent_default();
            navigate(
                &crate::pages::enforcement::decisions::last_list_href(),
                NavigateOptions::default(),
            );
            return;
        }
        let Some(button) = closest(event, "[data-action]") else {
            return;
        };
        match button.get_attribute("data-action").as_deref() {
            Some("print") => {
                let _ = window().print();
            }
            Some("retry") => refetch.update(|n| *n += 1),
            Some("toggle") => toggle(&button),
            _ => {}
        }
    }

    /// Shows the hidden one of the elements the button controls, hides
    /// the other, and swaps the button's label.
    fn toggle(button: &web_sys::Element) {
        let controls = button.get_attribute("aria-controls").unwrap_or_default();
        for id in controls.split_whitespace() {
            if let Some(element) = document().get_element_by_id(id) {
                let _ = element.toggle_attribute("hidden");
            }
        }
        if let Some(other) = button.get_attribute("data-other-label") {
            let current = button.text_content().unwrap_or_default();
            button.set_text_content(Some(&other));
            let _ = button.set_attribute("data-other-label", &current);
        }
    }

    /// Scrolls to the element with this id and gives it focus.
    fn focus_section(id: &str) {
        let Some(element) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        if !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        element.scroll_into_view();
        let _ = element.focus();
    }

    /// A GET form navigates in the app, with its non-empty fields as the query.
    fn on_submit(event: &web_sys::SubmitEvent, navigate: &impl Fn(&str, NavigateOptions)) {
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        if !form.method().eq_ignore_ascii_case("get") {
            return;
        }
        event.prevent_default();
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let mut pairs: Vec<(String, String)> = Vec::new();
        let entries = js_sys::try_iter(&data).ok().flatten();
        for entry in entries.into_iter().flatten().flatten() {
            let entry = js_sys::Array::from(&entry);
            let name = entry.get(0).as_string().unwrap_or_default();
            let value = entry.get(1).as_string().unwrap_or_default();
            if !value.trim().is_empty() {
                pairs.push((name, value.trim().to_owned()));
            }
        }
        let action = form
            .get_attribute("action")
            .unwrap_or_else(|| window().location().pathname().unwrap_or_default());
        let query = api::query_string(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let href = if query.is_empty() {
            action
        } else {
            format!("{action}?{query}")
        };
        navigate(
            &href,
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    }
}
