//! The enforcement part: its landing page, penalty decisions,
//! administrative licences, typical cases, listed major hazards, accident
//! reports and statistics.

pub mod accidents;
pub mod decision;
pub mod decisions;
pub mod hazard_listings;
pub mod licences;
pub mod statistics;
pub mod typical_cases;

use leptos::prelude::*;

use crate::pages::part::{Part, PartPage};

/// `/enforcement`.
#[component]
pub fn EnforcementPage() -> impl IntoView {
    view! {
        <PartPage part=Part {
            title: |t| t.nav_enforcement,
            intro: |t| t.overview().enforcement_intro,
            sections: |t| t.overview().enforcement_sections,
            basis: |t| t.overview().enforcement_basis,
            links: &[
                Some("/enforcement/decisions"),
                Some("/enforcement/licences"),
                Some("/enforcement/cases"),
                Some("/enforcement/listings"),
                Some("/enforcement/accidents"),
                Some("/enforcement/statistics"),
            ],
            test_id: "enforcement-page",
        } />
    }
}

/// The query string for the API from the page's own: only `keys`, and only
/// those with a value (a filter form sends its empty choices too).
pub(crate) fn api_query(query: &leptos_router::params::ParamsMap, keys: &[&str]) -> String {
    crate::api::query_string(keys.iter().filter_map(|&key| {
        query
            .get_str(key)
            .filter(|value| !value.trim().is_empty())
            .map(|value| (key, value))
    }))
}

/// The page number in the page's query (1 when absent or out of range).
pub(crate) fn page_in(query: &leptos_router::params::ParamsMap) -> u32 {
    query
        .get_str("page")
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|p| (1..=1000).contains(p))
        .unwrap_or(1)
}

/// The address of page `n` of a list, keeping its filters.
pub(crate) fn page_href(
    base: &str,
    query: &leptos_router::params::ParamsMap,
    keys: &[&str],
    n: u32,
) -> String {
    let filters = api_query(query, keys);
    match (filters.is_empty(), n) {
        (true, 1) => base.to_owned(),
        (true, n) => format!("{base}?page={n}"),
        (false, 1) => format!("{base}?{filters}"),
        (false, n) => format!("{base}?{filters}&page={n}"),
    }
}

/// A record that is not there: say so, and offer its list.
#[component]
pub(crate) fn Missing(
    title: fn(&crate::i18n::Strings) -> &'static str,
    text: fn(&crate::i18n::Strings) -> &'static str,
    back: &'static str,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    crate::components::head::respond_with(404);
    view! {
        <crate::components::head::Title text=move || title(i18n.t()) />
        <h1 class="page__title" data-testid="record-missing">{move || title(i18n.t())}</h1>
        <p class="lead">{move || text(i18n.t())}</p>
        <p><leptos_router::components::A href=back attr:class="button">{move || title(i18n.t())}</leptos_router::components::A></p>
    }
}

/// A list page: its address and its name.
pub(crate) type ListLink = (&'static str, fn(&crate::i18n::Strings) -> &'static str);

/// Breadcrumbs of an enforcement page: home, enforcement, and `list` when
/// the page is a record of that list.
#[component]
pub(crate) fn Crumbs(#[prop(optional)] list: Option<ListLink>) -> impl IntoView {
    use leptos_router::components::A;
    let i18n = crate::i18n::use_i18n();
    view! {
        <nav class="breadcrumbs" aria-label=move || i18n.t().breadcrumbs>
            <ol>
                <li><A href="/">{move || i18n.t().nav_home}</A></li>
                <li><A href="/enforcement" exact=true>{move || i18n.t().nav_enforcement}</A></li>
                {list.map(|(href, name)| view! { <li><A href=href exact=true>{move || name(i18n.t())}</A></li> })}
            </ol>
        </nav>
    }
}

/// One record's page: the crumbs back to its list, then the record once it
/// has loaded (drawn by `show`), "not found" (404) when there is no such
/// record, or the failure with a retry.
#[component]
pub(crate) fn RecordPage<T>(
    test_id: &'static str,
    list: ListLink,
    missing: fn(&crate::i18n::Strings) -> &'static str,
    record: crate::data::PageData<Result<Option<T>, crate::api::ApiError>>,
    show: fn(T) -> AnyView,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    use crate::components::status::{ErrorNotice, Loading};
    let (back, title) = list;
    view! {
        <div class="page record" data-testid=test_id>
            <Crumbs list />
            {move || match record.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Ok(Some(found))) => show(found),
                Some(Ok(None)) => view! { <Missing title text=missing back /> }.into_any(),
                Some(Err(error)) if error.status() == Some(404) => {
                    view! { <Missing title text=missing back /> }.into_any()
                }
                Some(Err(error)) => {
                    view! { <ErrorNotice error on_retry=move |()| record.refetch() /> }.into_any()
                }
            }}
        </div>
    }
}

/// A district's or industry's name in the current language.
pub(crate) fn named(zh: bool, name_zh: &'static str, name_en: &'static str) -> &'static str {
    if zh { name_zh } else { name_en }
}
