//! `/education/search?q=`: the articles that contain every word.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_types::education::ArticleQuery;

use super::{ArticleList, Breadcrumbs, SearchBox};
use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::use_i18n;

/// `/education/search?q=`.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    let query = use_query_map();
    let q = Memo::new(move |_| {
        query
            .with(|m| m.get("q"))
            .unwrap_or_default()
            .trim()
            .to_owned()
    });
    let results = PageData::new(move || {
        let q = q.get();
        async move {
            if q.is_empty() {
                return None;
            }
            Some(
                api::education_articles(&ArticleQuery {
                    q: Some(q),
                    ..ArticleQuery::default()
                })
                .await,
            )
        }
    });
    view! {
        <Title text=move || t().search_title />
        <div class="page" data-testid="education-search-page">
            <Breadcrumbs />
            <h1 class="page__title">{move || t().search_title}</h1>
            {move || view! { <SearchBox initial=q.get() /> }}
            {move || {
                    let words = q.get_untracked();
                    match results.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        None => view! { <p>{move || t().search_prompt}</p> }.into_any(),
                        Some(Ok(list)) if list.items.is_empty() => view! {
                            <p class="empty" role="status" data-testid="no-results">{move || (t().no_results)(&words)}</p>
                        }.into_any(),
                        Some(Ok(list)) => {
                            let count = list.items.len();
                            let first_word = words.split_whitespace().next().map(str::to_owned);
                            let heard = words.clone();
                            view! {
                                <p class="results__count" role="status" data-testid="result-count">{move || (t().results_for)(&heard, count)}</p>
                                <ArticleList articles=list.items mark=first_word.unwrap_or_default() />
                            }.into_any()
                        }
                        Some(Err(error)) => view! { <ErrorNotice error on_retry=move |()| results.refetch() /> }.into_any(),
                    }
                }}}
        </div>
    }
}
