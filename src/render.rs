//! Rendering the public app on the server, to HTML.
//!
//! The server (`portal-server`) calls [`render_page`] for every public
//! address. The page is the same [`crate::App`], routes and components as
//! in the browser, rendered with the language and display settings of the
//! reader's cookies. What a render needs from outside — API answers, the
//! reader's settings — and what it reports back — the HTTP status, the
//! title and description, the addresses it had no answer for, the HTML of a
//! page that only the server renders — pass through one [`Scope`] for the
//! duration of the render (a render is synchronous, on one thread).
//!
//! A render never touches browser APIs: code that would is compiled for
//! `wasm32` only.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::data::Answer;
use crate::i18n::Lang;

/// What the server knows of the request a page is rendered for.
#[derive(Clone, Debug)]
pub struct PageRequest {
    /// The address, path and query (`/enforcement/decisions?q=…`).
    pub path_and_query: String,
    /// The reader's language (from the `portal.lang` cookie).
    pub lang: Lang,
    /// Whether the large-text mode is on (from the `portal.display` cookie).
    pub large_text: bool,
    /// The portal's public origin (`https://aq.jinan.gov.cn`), for
    /// permanent addresses written in pages.
    pub origin: String,
}

/// What a render produced.
#[derive(Clone, Debug, Default)]
pub struct RenderedPage {
    /// The body of the page: the whole shell with the page in it.
    pub body: String,
    /// The page alone, for a page only the server renders (what the
    /// browser app puts in place when it navigates to it).
    pub fragment: Option<String>,
    /// The HTTP status the page asks for (200 unless it said otherwise).
    pub status: u16,
    /// The page's own title, without the portal's name.
    pub title: Option<String>,
    /// A description of the page for search engines and link previews.
    pub description: Option<String>,
    /// API addresses the page asked for that had no answer.
    pub missing: Vec<String>,
    /// The Atom feed that follows this list, with its filters.
    pub feed: Option<String>,
}

#[derive(Debug, Default)]
struct Scope {
    request: Option<PageRequest>,
    answers: HashMap<String, Answer>,
    page: RenderedPage,
}

thread_local! {
    static SCOPE: RefCell<Option<Scope>> = const { RefCell::new(None) };
}

fn with_scope<R>(f: impl FnOnce(&mut Scope) -> R) -> Option<R> {
    SCOPE.with(|scope| scope.borrow_mut().as_mut().map(f))
}

/// The answer the server fetched for `path`, if any.
pub fn answer_for(path: &str) -> Option<Answer> {
    with_scope(|scope| scope.answers.get(path).cloned()).flatten()
}

/// Notes an API address a page asked for without an answer.
pub fn note_missing(path: &str) {
    with_scope(|scope| {
        if !scope.page.missing.iter().any(|p| p == path) {
            scope.page.missing.push(path.to_owned());
        }
    });
}

/// Sets the HTTP status of the page (a page that is gone says 410).
pub fn set_status(status: u16) {
    with_scope(|scope| scope.page.status = status);
}

/// Sets the page's own title.
pub fn set_title(title: String) {
    with_scope(|scope| scope.page.title = Some(title));
}

/// The page's own title, as set so far.
pub fn title() -> Option<String> {
    with_scope(|scope| scope.page.title.clone()).flatten()
}

/// Sets the description of the page.
pub fn set_description(description: String) {
    with_scope(|scope| scope.page.description = Some(description));
}

/// Sets the Atom feed that follows this page.
pub fn set_feed(href: String) {
    with_scope(|scope| scope.page.feed = Some(href));
}

/// Keeps the HTML of a page only the server renders.
pub fn set_fragment(html: String) {
    with_scope(|scope| scope.page.fragment = Some(html));
}

/// The reader's language, while rendering.
pub fn lang() -> Option<Lang> {
    with_scope(|scope| scope.request.as_ref().map(|r| r.lang)).flatten()
}

/// Whether the reader has the large-text mode on, while rendering.
pub fn large_text() -> bool {
    with_scope(|scope| scope.request.as_ref().is_some_and(|r| r.large_text)).unwrap_or(false)
}

/// The portal's public origin, while rendering.
pub fn origin() -> Option<String> {
    with_scope(|scope| scope.request.as_ref().map(|r| r.origin.clone())).flatten()
}

/// Renders the public app at `request`'s address, answering its API
/// requests from `answers` (API path and query → answer).
#[cfg(feature = "ssr")]
pub fn render_page(request: &PageRequest, answers: HashMap<String, Answer>) -> RenderedPage {
    use leptos::prelude::*;

    SCOPE.with(|scope| {
        *scope.borrow_mut() = Some(Scope {
            request: Some(request.clone()),
            answers,
            page: RenderedPage {
                status: 200,
                ..RenderedPage::default()
            },
        });
    });
    let owner = Owner::new();
    let body = owner.with(|| {
        provide_context(leptos_router::location::RequestUrl::new(
            &request.path_and_query,
        ));
        let path = request
            .path_and_query
            .split(['?', '#'])
            .next()
            .unwrap_or_default();
        match crate::components::layout::Bundle::for_path(path) {
            crate::components::layout::Bundle::Report => view! { <crate::ReportApp /> }.to_html(),
            crate::components::layout::Bundle::Tools => view! { <crate::ToolsApp /> }.to_html(),
            crate::components::layout::Bundle::Repair => view! { <crate::RepairApp /> }.to_html(),
            _ => view! { <crate::App /> }.to_html(),
        }
    });
    drop(owner);
    let scope = SCOPE.with(|scope| scope.borrow_mut().take());
    let mut page = scope.map(|s| s.page).unwrap_or_default();
    page.body = body;
    page
}
