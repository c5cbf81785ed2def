//! `/education/articles/:slug`: one article, with its table of contents,
//! reading time, review date, the provisions it explains, related articles,
//! and a print layout.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_params_map};
use portal_types::education::{Article, TocEntry};

use super::{ArticleList, Breadcrumbs, provision_href, topic_name};
use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};

/// Articles with fewer sections than this have no table of contents.
const TOC_FROM_SECTIONS: usize = 3;

/// `/education/articles/:slug`.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug")).unwrap_or_default());
    let article = PageData::new(move || {
        let slug = slug.get();
        async move { api::education_article(&slug).await }
    });
    view! {
        <div class="page" data-testid="article-page">
            {move || match article.get() {
                    None => view! { <Breadcrumbs /><Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(article) => view! { <ArticleView article /> }.into_any(),
                        Err(error) if error.status() == Some(404) => view! {
                            {crate::components::head::respond_with(404)}
                            <Breadcrumbs />
                            <Title text=move || i18n.t().nav_education />
                            <h1 class="page__title">{move || i18n.t().nav_education}</h1>
                            <p class="lead" data-testid="article-missing">{move || t().article_missing}</p>
                        }.into_any(),
                        Err(error) => view! {
                            <Breadcrumbs />
                            <h1 class="page__title">{move || i18n.t().nav_education}</h1>
                            <ErrorNotice error on_retry=move |()| article.refetch() />
                        }.into_any(),
                    },
            }}
        </div>
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    let zh = move || i18n.lang() == Lang::Zh;
    let Article {
        summary,
        html,
        toc,
        related,
    } = article;
    let topic = summary.topic;
    let (title, title_en) = (summary.title.clone(), summary.title_en.clone());
    let (lead, lead_en) = (summary.summary.clone(), summary.summary_en.clone());
    crate::components::head::describe(|| if zh() { lead.clone() } else { lead_en.clone() });
    let minutes = summary.reading_minutes;
    let reviewed = summary.reviewed_on;
    let page_title = {
        let (title, title_en) = (title.clone(), title_en.clone());
        move || {
            if zh() {
                title.clone()
            } else {
                title_en.clone()
            }
        }
    };
    let location = use_location();
    let address = move || {
        format!(
            "{}{}",
            crate::components::head::origin(),
            location.pathname.get()
        )
    };
    let provisions = summary.provisions.clone();
    let has_toc = toc.len() >= TOC_FROM_SECTIONS;
    view! {
        <Title text=page_title.clone() />
        <Breadcrumbs steps=vec![(format!("/education/topics/{}", topic.slug()), topic.name_zh(), topic.name_en())] />
        <article class=if has_toc { "article article--toc" } else { "article" } lang="zh-CN" data-testid="article">
            <header class="article__header">
                <h1 class="page__title" lang=move || if zh() { "zh-CN" } else { "en" }>{page_title}</h1>
                {move || (!zh()).then(|| view! {
                    <p class="article__original">{title.clone()}</p>
                    <p class="notice" lang="en">{t().written_in_chinese}</p>
                })}
                <p class="article__meta" lang=move || i18n.lang().tag()>
                    <span>{move || topic_name(topic, i18n)}</span>
                    <span data-testid="reading-time">{move || (t().reading_minutes)(minutes)}</span>
                    <span data-testid="reviewed">{move || (t().reviewed_on)(&(i18n.t().date)(reviewed))}</span>
                </p>
                <p class="lead" lang=move || if zh() { "zh-CN" } else { "en" }>{move || if zh() { lead.clone() } else { lead_en.clone() }}</p>
                <p class="print-only article__address">{address}</p>
            </header>
            {has_toc.then(|| view! { <Contents toc /> })}
            <div class="prose" inner_html=html data-testid="article-body"></div>
            {(!provisions.is_empty()).then(|| view! {
                <section class="article__provisions" aria-labelledby="article-provisions">
                    <h2 id="article-provisions" lang=move || i18n.lang().tag()>{move || t().provisions_heading}</h2>
                    <ul class="bullets">
                        {provisions.into_iter().map(|p| view! {
                            <li><A href=provision_href(&p)>{p.citation()}</A></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </article>
        <div class="actions article__actions no-print">
            <button type="button" class="button button--secondary" data-action="print" data-testid="print-article">{move || t().print_article}</button>
        </div>
        {(!related.is_empty()).then(|| view! {
            <section class="no-print" aria-labelledby="related-heading">
                <h2 id="related-heading">{move || t().related_heading}</h2>
                <ArticleList articles=related />
            </section>
        })}
    }
}

/// The table of contents. Following an entry moves focus to its section,
/// so that keyboard and screen-reader users continue reading there.
#[component]
fn Contents(toc: Vec<TocEntry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="toc" aria-labelledby="toc-heading" data-testid="toc" lang=move || i18n.lang().tag()>
            <h2 class="toc__title" id="toc-heading">{move || i18n.t().education().contents}</h2>
            <ol class="toc__list">
                {toc.into_iter().map(|entry| {
                    view! {
                        <li class=format!("toc__item toc__item--{}", entry.level)>
                            <a href=format!("#{}", entry.id) lang="zh-CN">{entry.text}</a>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}
