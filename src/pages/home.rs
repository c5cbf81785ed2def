//! The home page: what the portal offers, and live figures from the API.

use chrono::{DateTime, FixedOffset, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use portal_types::site::SiteFigures;

use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Strings, use_i18n};

/// `/`.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <Title text="" />
        <div class="home" data-testid="home-page">
            <section class="hero">
                <h1 class="hero__title">{move || t().overview().home_title}</h1>
                <p class="lead">{move || t().home_lead}</p>
            </section>
            <section class="home__parts" aria-labelledby="parts-heading">
                <h2 id="parts-heading">{move || t().overview().home_parts_heading}</h2>
                <ul class="part-cards">
                    <PartCard href="/report" name=|t| t.nav_report summary=|t| t.overview().report_summary accent=true />
                    <PartCard href="/blacklist" name=|t| t.nav_blacklist summary=|t| t.overview().blacklist_summary accent=false />
                    <PartCard href="/enforcement" name=|t| t.nav_enforcement summary=|t| t.overview().enforcement_summary accent=false />
                    <PartCard href="/education" name=|t| t.nav_education summary=|t| t.overview().education_summary accent=false />
                </ul>
            </section>
            <section class="home__figures" aria-labelledby="figures-heading">
                <h2 id="figures-heading">{move || t().overview().home_figures_heading}</h2>
                <LiveFigures />
            </section>
            <aside class="notice notice--warning">
                <h2 class="notice__title">{move || t().overview().home_hotline_heading}</h2>
                <p>{move || t().overview().home_hotline_text}</p>
            </aside>
        </div>
    }
}

#[component]
fn PartCard(
    href: &'static str,
    name: fn(&Strings) -> &'static str,
    summary: fn(&Strings) -> &'static str,
    accent: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="part-card" class:part-card--accent=accent>
            <A href=href attr:class="part-card__link">
                <span class="part-card__name">{move || name(i18n.t())}</span>
                <span class="part-card__summary">{move || summary(i18n.t())}</span>
            </A>
        </li>
    }
}

/// The headline figures, fetched from the API, with loading and retry.
#[component]
pub fn LiveFigures() -> impl IntoView {
    let figures = PageData::new(api::site_figures);
    view! {
        {move || match figures.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Ok(figures)) => view! { <FigureList figures /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error on_retry=move |()| figures.refetch() /> }.into_any(),
        }}
    }
}

/// The figures as a description list.
#[component]
pub fn FigureList(figures: SiteFigures) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let as_of = format_china_time(figures.as_of);
    view! {
        <dl class="figures" data-testid="figures">
            <div class="figure">
                <dt>{move || t().overview().figure_published_decisions}</dt>
                <dd data-testid="figure-decisions">
                    <A href="/enforcement">{move || (t().overview().count_decisions)(figures.published_decisions)}</A>
                </dd>
            </div>
            <div class="figure">
                <dt>{move || t().overview().figure_fines}</dt>
                <dd data-testid="figure-fines">{move || (t().overview().amount_yuan)(figures.published_fines_yuan)}</dd>
            </div>
            <div class="figure">
                <dt>{move || t().overview().figure_blacklisted}</dt>
                <dd data-testid="figure-blacklisted">
                    <A href="/blacklist">{move || (t().overview().count_enterprises)(figures.blacklisted_enterprises)}</A>
                </dd>
            </div>
            <div class="figure">
                <dt>{move || t().overview().figure_enterprises}</dt>
                <dd data-testid="figure-enterprises">{move || (t().overview().count_enterprises)(figures.enterprises)}</dd>
            </div>
        </dl>
        <p class="as-of">{move || (t().overview().figures_as_of)(&as_of)}</p>
    }
}

/// `2026-11-28 20:21`, in Beijing time whatever the browser's zone.
fn format_china_time(at: DateTime<Utc>) -> String {
    match FixedOffset::east_opt(8 * 3600) {
        Some(china) => at
            .with_timezone(&china)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        None => at.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}
