//! Safety education: the landing page (search, topics, quizzes), and the
//! pieces every education page shares.
//!
//! - [`topic`]: `/education/topics/:topic`, one topic's articles and quizzes.
//! - [`search`]: `/education/search?q=`, articles containing the words.
//! - [`article`]: `/education/articles/:slug`, one article, printable.
//! - [`quiz`]: `/education/quizzes/:slug`, a quiz scored where it is taken.
//! - [`provision`]: `/education/provision?law=&article=`, the articles that
//!   explain one provision; penalty decisions link here.

pub mod article;
pub mod provision;
pub mod quiz;
pub mod search;
pub mod topic;

use leptos::prelude::*;
use leptos_router::components::A;
use portal_types::education::{
    ArticleSummary, EducationIndex, MAX_QUERY_CHARS, Provision, QuizSummary, Topic, TopicGroup,
};

use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{EducationStrings, I18n, Lang, use_i18n};

/// `/education`.
#[component]
pub fn EducationPage() -> impl IntoView {
    let i18n = use_i18n();
    let index = PageData::new(api::education_index);
    view! {
        <Title text=move || i18n.t().nav_education />
        <div class="page" data-testid="education-page">
            <h1 class="page__title">{move || i18n.t().nav_education}</h1>
            <p class="lead">{move || i18n.t().overview().education_intro}</p>
            <SearchBox initial=String::new() />
            {move || {
                    match index.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(index) => view! { <Index index /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| index.refetch() /> }.into_any(),
                    }
                }}}
            <aside class="basis">
                <h2 class="basis__title">{move || i18n.t().legal_basis_heading}</h2>
                <p>{move || i18n.t().overview().education_basis}</p>
            </aside>
        </div>
    }
}

#[component]
fn Index(index: EducationIndex) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    let EducationIndex {
        topics,
        quizzes,
        recent,
    } = index;
    let groups = TopicGroup::ALL
        .iter()
        .map(|&group| {
            let members: Vec<_> = topics.iter().filter(|t| t.group == group).cloned().collect();
            view! {
                <section class="topic-group" aria-labelledby=format!("group-{}", group_slug(group))>
                    <h3 class="topic-group__title" id=format!("group-{}", group_slug(group))>{move || group_name(group, t())}</h3>
                    <ul class="topic-list">
                        {members.into_iter().map(|summary| {
                            let topic = summary.topic;
                            let articles = summary.articles;
                            view! {
                                <li class="topic-list__item">
                                    <A href=format!("/education/topics/{}", topic.slug()) attr:class="topic-link">
                                        <span class="topic-link__name">{move || topic_name(topic, i18n)}</span>
                                        <span class="topic-link__count">{move || (t().article_count)(articles)}</span>
                                    </A>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <h2>{move || t().topics_heading}</h2>
        <div class="topic-groups" data-testid="topics">{groups}</div>
        <h2 id="quizzes">{move || t().quizzes_heading}</h2>
        <p>{move || t().quizzes_lead}</p>
        <QuizList quizzes />
        <h2>{move || t().recent_heading}</h2>
        <ArticleList articles=recent />
    }
}

fn group_slug(group: TopicGroup) -> &'static str {
    match group {
        TopicGroup::Laws => "laws",
        TopicGroup::Industries => "industries",
        TopicGroup::Emergencies => "emergencies",
        TopicGroup::People => "people",
    }
}

fn group_name(group: TopicGroup, t: &EducationStrings) -> &'static str {
    match group {
        TopicGroup::Laws => t.group_laws,
        TopicGroup::Industries => t.group_industries,
        TopicGroup::Emergencies => t.group_emergencies,
        TopicGroup::People => t.group_people,
    }
}

/// A topic's name in the reader's language.
pub fn topic_name(topic: Topic, i18n: I18n) -> &'static str {
    if i18n.lang() == Lang::Zh {
        topic.name_zh()
    } else {
        topic.name_en()
    }
}

/// The address of the page about a provision.
pub fn provision_href(provision: &Provision) -> String {
    format!(
        "/education/provision?{}",
        api::query_string([
            ("law", provision.law.as_str()),
            ("article", provision.article.to_string().as_str()),
        ])
    )
}

/// The search form: a plain GET form to `/education/search?q=` (the
/// search page says what to do with no words; the field takes at most
/// the longest query the API accepts).
#[component]
pub fn SearchBox(
    /// The words already searched for.
    initial: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    view! {
        <form class="search-box" role="search" method="get" action="/education/search" data-testid="education-search">
            <label class="search-box__label" for="education-q">{move || t().search_label}</label>
            <p class="hint" id="education-q-hint">{move || t().search_hint}</p>
            <div class="search-box__row">
                <input id="education-q" name="q" class="input search-box__input" type="search" autocomplete="off"
                    maxlength=MAX_QUERY_CHARS.to_string() aria-describedby="education-q-hint" value=initial />
                <button type="submit" class="button">{move || t().search_button}</button>
            </div>
        </form>
    }
}

/// A list of articles, each with its topic, reading time and summary, and,
/// in search results, the words around the match with the match marked.
#[component]
pub fn ArticleList(
    articles: Vec<ArticleSummary>,
    /// The word to mark in excerpts.
    #[prop(optional)]
    mark: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    view! {
        <ul class="result-list article-list" data-testid="article-list">
            {articles.into_iter().map(|article| {
                let ArticleSummary { slug, topic, title, title_en, summary, summary_en, reading_minutes, excerpt, .. } = article;
                let href = format!("/education/articles/{slug}");
                let zh = move || i18n.lang() == Lang::Zh;
                let (title_zh, summary_zh) = (title.clone(), summary.clone());
                let excerpt = excerpt.map(|text| view! { <p class="article-card__excerpt" lang="zh-CN">{marked(&text, mark.as_deref())}</p> });
                view! {
                    <li class="result article-card">
                        <h3 class="result__title">
                            <A href=href>{move || if zh() { title_zh.clone() } else { title_en.clone() }}</A>
                        </h3>
                        <p class="result__meta">
                            <span>{move || topic_name(topic, i18n)}</span>
                            <span>{move || (t().reading_minutes)(reading_minutes)}</span>
                        </p>
                        <p>{move || if zh() { summary_zh.clone() } else { summary_en.clone() }}</p>
                        {excerpt}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// `text` with every occurrence of `word` in a `<mark>`.
fn marked(text: &str, word: Option<&str>) -> Vec<AnyView> {
    let Some(word) = word.filter(|w| !w.is_empty()) else {
        return vec![text.to_owned().into_any()];
    };
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        parts.push(rest[..at].to_owned().into_any());
        parts.push(view! { <mark>{word.to_owned()}</mark> }.into_any());
        rest = &rest[at + word.len()..];
    }
    parts.push(rest.to_owned().into_any());
    parts
}

/// A list of quizzes.
#[component]
pub fn QuizList(quizzes: Vec<QuizSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    view! {
        <ul class="section-list quiz-list" data-testid="quiz-list">
            {quizzes.into_iter().map(|quiz| {
                let QuizSummary { slug, title, title_en, summary, summary_en, question_count, .. } = quiz;
                let zh = move || i18n.lang() == Lang::Zh;
                view! {
                    <li class="section-card section-card--open">
                        <h3 class="section-card__title">
                            <A href=format!("/education/quizzes/{slug}")>{move || if zh() { title.clone() } else { title_en.clone() }}</A>
                        </h3>
                        <p>{move || if zh() { summary.clone() } else { summary_en.clone() }}</p>
                        <p class="small">{move || (t().question_count)(question_count)}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Home › Education, and any further steps.
#[component]
pub fn Breadcrumbs(
    /// Steps after the education page: (address, name in Chinese, in English).
    #[prop(optional)]
    steps: Vec<(String, &'static str, &'static str)>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="breadcrumbs" aria-label=move || i18n.t().breadcrumbs>
            <ol>
                <li><A href="/">{move || i18n.t().nav_home}</A></li>
                <li><A href="/education" exact=true>{move || i18n.t().nav_education}</A></li>
                {steps.into_iter().map(|(href, zh, en)| view! {
                    <li><A href=href exact=true>{move || if i18n.lang() == Lang::Zh { zh } else { en }}</A></li>
                }).collect_view()}
            </ol>
        </nav>
    }
}
