//! The landing page of one of the portal's four parts.

use crate::components::head::Title;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Strings, use_i18n};

/// What distinguishes one part's landing page from another's.
pub struct Part {
    pub title: fn(&Strings) -> &'static str,
    pub intro: fn(&Strings) -> &'static str,
    pub sections: fn(&Strings) -> &'static [(&'static str, &'static str)],
    pub basis: fn(&Strings) -> &'static str,
    /// Where each section lives, once it is open (parallel to `sections`).
    pub links: &'static [Option<&'static str>],
    pub test_id: &'static str,
}

/// A part's landing page: its purpose, what it offers, and its legal basis.
#[component]
pub fn PartPage(part: Part) -> impl IntoView {
    let i18n = use_i18n();
    let Part {
        title,
        intro,
        sections,
        basis,
        links,
        test_id,
    } = part;
    view! {
        <Title text=move || title(i18n.t()) />
        <div class="page" data-testid=test_id>
            <h1 class="page__title">{move || title(i18n.t())}</h1>
            <p class="lead">{move || intro(i18n.t())}</p>
            <ul class="section-list">
                {move || {
                    sections(i18n.t())
                        .iter()
                        .enumerate()
                        .map(|(index, (name, summary))| {
                            let link = links.get(index).copied().flatten();
                            view! {
                                <li class="section-card" class:section-card--open=link.is_some()>
                                    <h2 class="section-card__title">
                                        {match link {
                                            Some(href) => view! { <A href=href>{*name}</A> }.into_any(),
                                            None => view! { {*name} }.into_any(),
                                        }}
                                    </h2>
                                    <p>{*summary}</p>
                                    {link.is_none().then(|| view! { <p class="badge">{i18n.t().overview().coming_soon}</p> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <aside class="basis">
                <h2 class="basis__title">{move || i18n.t().legal_basis_heading}</h2>
                <p>{move || basis(i18n.t())}</p>
            </aside>
        </div>
    }
}
