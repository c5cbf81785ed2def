//! The page shell: skip link, header with navigation and switches, demo
//! banner and footer.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::api;
use crate::components::prefs::use_display;
use crate::i18n::use_i18n;

/// Which bundle of the app is running. Each serves its own addresses; a
/// link to another's page is followed by loading it from the server (see
/// `app::Elsewhere`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// The public pages but the reporting channel's.
    Public,
    /// The reporting channel, under `/report`: its start, the form and the
    /// receipt.
    Report,
    /// The interactive tools: quizzes (`/education/quizzes/…`), the batch
    /// check of the blacklist (`/blacklist/batch`), a report's status
    /// (`/report/status`) and the reward rules with their estimate
    /// (`/report/rewards`).
    Tools,
    /// Credit repair: the application (`/blacklist/repair`) and its status
    /// (`/blacklist/repair/status`), with the document uploads.
    Repair,
    /// The staff workspace, under `/staff`.
    Staff,
}

impl Bundle {
    /// The bundle that serves `path`.
    pub fn for_path(path: &str) -> Bundle {
        let under = |part: &str| {
            path.strip_prefix(part)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if under("/staff") {
            Bundle::Staff
        } else if under("/blacklist/repair") {
            Bundle::Repair
        } else if path.starts_with("/education/quizzes/")
            || under("/blacklist/batch")
            || under("/report/status")
            || under("/report/rewards")
        {
            Bundle::Tools
        } else if under("/report") {
            Bundle::Report
        } else {
            Bundle::Public
        }
    }

    /// Whether `path` is one of this bundle's addresses.
    pub fn serves(self, path: &str) -> bool {
        Bundle::for_path(path) == self
    }
}

/// The first focusable element: jumps past the header to the content.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    // Focus is moved by hand: the router would treat the fragment as a navigation.
    let skip = move |event: web_sys::MouseEvent| {
        event.prevent_default();
        if let Some(main) = document().get_element_by_id("main")
            && let Ok(main) = main.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = main.focus();
            main.scroll_into_view();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>
            {move || i18n.t().skip_to_content}
        </a>
    }
}

/// The header: the portal's name, the language and text-size switches, and
/// navigation to the four parts.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <header class="site-header">
            <div class="site-header__bar">
                <A href="/" exact=true attr:class="brand">
                    <Emblem />
                    <span class="brand__text">
                        <span class="brand__name">{move || t().site_name}</span>
                        <span class="brand__owner">{move || t().site_owner}</span>
                    </span>
                </A>
                <div class="site-header__tools">
                    <LanguageSwitch />
                    <LargeTextSwitch />
                </div>
            </div>
            <nav class="site-nav" aria-label=move || t().main_navigation>
                <ul class="site-nav__list">
                    <li><A href="/" exact=true>{move || t().nav_home}</A></li>
                    <li><A href="/enforcement">{move || t().nav_enforcement}</A></li>
                    <li><A href="/report">{move || t().nav_report}</A></li>
                    <li><A href="/education">{move || t().nav_education}</A></li>
                    <li><A href="/blacklist">{move || t().nav_blacklist}</A></li>
                </ul>
            </nav>
        </header>
    }
}

/// Switches between Chinese and English; the choice is remembered.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="tool-button"
            data-testid="language-switch"
            lang=move || i18n.lang().other().tag()
            aria-label=move || i18n.t().language_switch_label
            on:click=move |_| i18n.set(i18n.lang().other())
        >
            {move || i18n.t().language_switch}
        </button>
    }
}

/// Turns the large-text, high-contrast mode on and off.
#[component]
pub fn LargeTextSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let display = use_display();
    view! {
        <button
            type="button"
            class="tool-button"
            data-testid="large-text-switch"
            aria-pressed=move || if display.large_text() { "true" } else { "false" }
            on:click=move |_| display.set_large_text(!display.large_text())
        >
            {move || i18n.t().large_text}
        </button>
    }
}

/// Says plainly, on every page, when the records are demonstration data.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let i18n = use_i18n();
    let info = crate::data::PageData::new(api::site_info);
    let is_demo = move || matches!(info.get(), Some(Ok(info)) if info.demo_data);
    view! {
        <Show when=is_demo>
            <div class="demo-banner" role="note" data-testid="demo-banner">
                <p>{move || i18n.t().demo_banner}</p>
            </div>
        </Show>
    }
}

/// The footer: the hotline, the owner and the API.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <section class="site-footer__hotline">
                    <p class="hotline"><a href="tel:12350">{move || t().footer_hotline}</a></p>
                    <p>{move || t().footer_hotline_detail}</p>
                </section>
                <section>
                    <ul class="site-footer__links">
                        <li><a href="/api/docs/" rel="external">{move || t().footer_api}</a></li>
                        <li><A href="/staff">{move || t().staff_link}</A></li>
                    </ul>
                    <p>{move || t().footer_owner}</p>
                    <p class="site-footer__note">{move || t().footer_note}</p>
                </section>
            </div>
        </footer>
    }
}

/// The portal's emblem: a shield with a tick. Decorative.
#[component]
fn Emblem() -> impl IntoView {
    view! {
        <svg class="brand__emblem" viewBox="0 0 64 64" width="40" height="40" aria-hidden="true" focusable="false">
            <path d="M32 4 8 13v17c0 15 10 25 24 30 14-5 24-15 24-30V13z" fill="#0b4a8b" />
            <path d="M32 10 14 17v13c0 11 7 19 18 23 11-4 18-12 18-23V17z" fill="#fff" />
            <path d="M27 41 19 33l4-4 4 4 14-14 4 4z" fill="#d9480f" />
        </svg>
    }
}
