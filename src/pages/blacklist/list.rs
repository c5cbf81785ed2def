//! `/blacklist/list?page=…`: every enterprise on the list now.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::StandingCard;
use crate::api;
use crate::components::head::Title;
use crate::components::pagination::Pagination;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::use_i18n;

/// `/blacklist/list`.
#[component]
pub fn ListPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| (1..=1000).contains(p))
            .unwrap_or(1)
    });
    let listed = PageData::new(move || {
        let page = page.get();
        async move { api::listed_enterprises(page).await }
    });
    view! {
        <Title text=move || t().list_title />
        <div class="page" data-testid="list-page">
            <h1 class="page__title">{move || t().list_title}</h1>
            {move || {
                    match listed.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(result) => {
                            let pages = u32::try_from(result.total.div_ceil(u64::from(result.page_size.max(1)))).unwrap_or(1);
                            let total = result.total;
                            view! {
                                <p class="lead" role="status">{move || (t().list_lead)(total)}</p>
                                <ul class="standings" data-testid="listed">
                                    {result.items.into_iter().map(|standing| view! { <li><StandingCard standing /></li> }).collect_view()}
                                </ul>
                                <Pagination current=result.page pages href=|n| format!("/blacklist/list?page={n}") />
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| listed.refetch() /> }.into_any(),
                    }
                }}}
        </div>
    }
}
