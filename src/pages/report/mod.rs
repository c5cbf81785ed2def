//! The hazard report part: start page, form, receipt, status, rewards.

pub mod draft;
pub mod form;
pub mod receipt;
pub mod rewards;
pub mod status;

use crate::components::head::Title;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;
use draft::{Draft, Step};

/// `/report`: what reporting involves, and the way in.
#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let draft = RwSignal::new(Draft::load().filter(Draft::is_started));
    let discard = move |_| {
        Draft::discard();
        draft.set(None);
    };
    view! {
        <Title text=move || i18n.t().nav_report />
        <div class="page" data-testid="report-page">
            <h1 class="page__title">{move || t().start_title}</h1>
            <p class="lead">{move || t().start_lead}</p>
            <ul class="bullets">
                {move || t().start_points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}
            </ul>
            {move || match draft.get() {
                Some(_) => view! {
                    <div class="notice" data-testid="resume-draft">
                        <p>{move || t().resume_notice}</p>
                        <p class="actions">
                            <A href=Step::Check.href(false) attr:class="button">{move || t().resume_button}</A>
                            <button type="button" class="button button--secondary" on:click=discard>{move || t().discard_button}</button>
                        </p>
                    </div>
                }.into_any(),
                None => view! {
                    <p><A href=Step::What.href(false) attr:class="button button--large button--start">{move || t().start_button}</A></p>
                }.into_any(),
            }}
            <ul class="section-list">
                <li class="section-card section-card--open">
                    <h2 class="section-card__title"><A href="/report/status">{move || t().status_title}</A></h2>
                    <p>{move || t().status_lead}</p>
                </li>
                <li class="section-card section-card--open">
                    <h2 class="section-card__title"><A href="/report/rewards">{move || t().rewards_title}</A></h2>
                    <p>{move || t().rewards_lead}</p>
                </li>
            </ul>
            <aside class="basis">
                <h2 class="basis__title">{move || i18n.t().legal_basis_heading}</h2>
                <p>{move || i18n.t().report_basis}</p>
            </aside>
        </div>
    }
}
