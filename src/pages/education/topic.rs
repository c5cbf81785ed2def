//! `/education/topics/:topic`: one topic's articles and quizzes.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_types::education::{ArticleQuery, Topic};

use super::{ArticleList, Breadcrumbs, QuizList, topic_name};
use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::use_i18n;

/// `/education/topics/:topic`.
#[component]
pub fn TopicPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    let params = use_params_map();
    let topic = Memo::new(move |_| {
        params
            .with(|p| p.get("topic"))
            .and_then(|slug| Topic::from_slug(&slug))
    });
    let content = PageData::new(move || {
        let topic = topic.get();
        async move {
            let Some(topic) = topic else {
                return Ok(None);
            };
            let query = ArticleQuery {
                topic: Some(topic),
                ..ArticleQuery::default()
            };
            let (articles, index) =
                futures_util::future::join(api::education_articles(&query), api::education_index())
                    .await;
            let quizzes = index?
                .quizzes
                .into_iter()
                .filter(|q| q.topic == topic)
                .collect::<Vec<_>>();
            Ok(Some((articles?.items, quizzes)))
        }
    });
    view! {
        <div class="page" data-testid="topic-page">
            <Breadcrumbs />
            {move || match topic.get() {
                Some(topic) => view! {
                    <Title text=move || topic_name(topic, i18n) />
                    <h1 class="page__title">{move || topic_name(topic, i18n)}</h1>
                }.into_any(),
                None => view! {
                    <Title text=move || i18n.t().nav_education />
                    <h1 class="page__title">{move || i18n.t().nav_education}</h1>
                    <p class="lead" data-testid="topic-missing">{move || t().topic_missing}</p>
                }.into_any(),
            }}
            {move || {
                    match content.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(None) => ().into_any(),
                        Ok(Some((articles, quizzes))) => view! {
                            <h2>{move || t().topic_articles}</h2>
                            {if articles.is_empty() {
                                view! { <p>{move || t().topic_empty}</p> }.into_any()
                            } else {
                                view! { <ArticleList articles /> }.into_any()
                            }}
                            {(!quizzes.is_empty()).then(|| view! {
                                <h2>{move || t().topic_quizzes}</h2>
                                <QuizList quizzes />
                            })}
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| content.refetch() /> }.into_any(),
                    }
                }}}
        </div>
    }
}
