//! `/education/provision?law=&article=`: the articles that explain one
//! provision of a law. Penalty decisions link here for each provision they
//! applied.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use portal_types::education::{ArticleQuery, Provision, parse_number};

use super::{ArticleList, Breadcrumbs};
use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::use_i18n;

/// `/education/provision?law=&article=`.
#[component]
pub fn ProvisionPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    let query = use_query_map();
    let provision = Memo::new(move |_| {
        query.with(|m| {
            let law = m.get("law")?.trim().to_owned();
            let article = parse_number(m.get("article")?.trim())?;
            (!law.is_empty()).then_some(Provision { law, article })
        })
    });
    let articles = PageData::new(move || {
        let provision = provision.get();
        async move {
            let provision = provision?;
            Some(
                api::education_articles(&ArticleQuery {
                    provision: Some(provision),
                    ..ArticleQuery::default()
                })
                .await,
            )
        }
    });
    let heading = move || {
        provision
            .get()
            .map(|p| p.citation())
            .unwrap_or_else(|| i18n.t().nav_education.to_owned())
    };
    view! {
        <Title text=heading />
        <div class="page" data-testid="provision-page">
            <Breadcrumbs />
            <h1 class="page__title" lang="zh-CN">{heading}</h1>
            {move || {
                    match articles.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        None => view! { <p class="lead">{move || t().provision_none}</p> }.into_any(),
                        Some(Ok(list)) if list.items.is_empty() => view! {
                            <p class="lead" data-testid="provision-none">{move || t().provision_none}</p>
                            <p><A href="/education">{move || i18n.t().nav_education}</A></p>
                        }.into_any(),
                        Some(Ok(list)) => view! {
                            <p class="lead">{move || t().provision_lead}</p>
                            <ArticleList articles=list.items />
                        }.into_any(),
                        Some(Err(error)) => view! { <ErrorNotice error on_retry=move |()| articles.refetch() /> }.into_any(),
                    }
                }}}
        </div>
    }
}
