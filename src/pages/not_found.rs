//! The page for any address the app does not know.

use crate::components::head::Title;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

/// Shown for every unknown path.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    crate::components::head::respond_with(404);
    view! {
        <Title text=move || i18n.t().not_found_title />
        <div class="page" data-testid="not-found-page">
            <h1 class="page__title">{move || i18n.t().not_found_title}</h1>
            <p class="lead">{move || i18n.t().not_found_text}</p>
            <p><A href="/" attr:class="button">{move || i18n.t().not_found_home}</A></p>
        </div>
    }
}
