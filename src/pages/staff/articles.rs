//! `/staff/articles` and `/staff/articles/:slug`: editors change education
//! articles, with a preview rendered and sanitised by the server exactly as
//! the public page will show it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_types::staff::articles::{ArticleSource, Preview};
use portal_types::staff::{Role, Session};

use super::{StaffBar, StaffGate, failure_message};
use crate::api::{self, ApiError};
use crate::components::form::focus_by_id;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_i18n;

/// `/staff/articles`.
#[component]
pub fn ArticlesAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    view! {
        <Title text=move || t().articles />
        <div class="page" data-testid="articles-admin-page">
            <h1 class="page__title">{move || t().articles}</h1>
            <StaffGate role=Role::Editor view=move |session: Session| {
                let list = LocalResource::new(api::staff_articles);
                view! {
                    <StaffBar session />
                    <p class="lead">{move || t().articles_lead}</p>
                    <Suspense fallback=|| view! { <Loading /> }>
                        {move || Suspend::new(async move {
                            match list.await {
                                Ok(list) => view! {
                                    <ul class="result-list" data-testid="article-admin-list">
                                        {list.items.into_iter().map(|a| view! {
                                            <li class="result">
                                                <h2 class="result__title">
                                                    <A href=format!("/staff/articles/{}", a.slug)>{a.title.clone()}</A>
                                                </h2>
                                                <p class="result__meta"><span>{move || (i18n.t().education().reviewed_on)(&(i18n.t().date)(a.reviewed_on))}</span></p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any(),
                                Err(error) => view! { <ErrorNotice error on_retry=move |()| list.refetch() /> }.into_any(),
                            }
                        })}
                    </Suspense>
                }
            } />
        </div>
    }
}

/// `/staff/articles/:slug`.
#[component]
pub fn ArticleEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug")).unwrap_or_default();
    view! {
        <Title text=move || t().articles />
        <div class="page" data-testid="article-edit-page">
            <p class="breadcrumbs-inline"><A href="/staff/articles">{move || t().articles}</A></p>
            <h1 class="page__title">{move || t().articles}</h1>
            <StaffGate role=Role::Editor view=move |session: Session| {
                let slug = slug();
                let source = {
                    let slug = slug.clone();
                    LocalResource::new(move || {
                        let slug = slug.clone();
                        async move { api::staff_article_source(&slug).await }
                    })
                };
                let staff = api::StaffApi::new(&session);
                view! {
                    <StaffBar session />
                    <Suspense fallback=|| view! { <Loading /> }>
                        {move || {
                            let slug = slug.clone();
                            Suspend::new(async move {
                                match source.await {
                                    Ok(source) => view! { <ArticleForm slug source staff /> }.into_any(),
                                    Err(error) => view! { <ErrorNotice error on_retry=move |()| source.refetch() /> }.into_any(),
                                }
                            })
                        }}
                    </Suspense>
                }
            } />
        </div>
    }
}

#[component]
fn ArticleForm(slug: String, source: ArticleSource, staff: api::StaffApi) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let title = RwSignal::new(source.title);
    let title_en = RwSignal::new(source.title_en);
    let summary = RwSignal::new(source.summary);
    let summary_en = RwSignal::new(source.summary_en);
    let markdown = RwSignal::new(source.markdown);
    let reviewed = RwSignal::new(source.reviewed_on.to_string());
    let message = RwSignal::new(None::<Result<(), String>>);
    let slug = StoredValue::new(slug);
    let preview = Action::new_local(move |text: &String| {
        let text = text.clone();
        async move { staff.article_preview(&text).await }
    });
    let save = Action::new_local(move |source: &ArticleSource| {
        let source = source.clone();
        let slug = slug.get_value();
        async move { staff.article_save(&slug, &source).await }
    });
    Effect::new(move |_| {
        let Some(result) = save.value().get() else {
            return;
        };
        message.set(Some(match result {
            Ok(_) => Ok(()),
            Err(ApiError::Server {
                status: 400, body, ..
            }) => Err(crate::i18n::fields_text(i18n.lang(), &body.fields, "；")),
            Err(error) => Err(failure_message(&error, i18n)),
        }));
        request_animation_frame(|| focus_by_id("article-outcome"));
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let date = chrono::NaiveDate::parse_from_str(reviewed.get_untracked().trim(), "%Y-%m-%d");
        let filled = [title, title_en, summary, summary_en, markdown]
            .iter()
            .all(|s| !s.get_untracked().trim().is_empty());
        match date {
            Ok(reviewed_on) if filled => {
                message.set(None);
                save.dispatch(ArticleSource {
                    title: title.get_untracked(),
                    title_en: title_en.get_untracked(),
                    summary: summary.get_untracked(),
                    summary_en: summary_en.get_untracked(),
                    markdown: markdown.get_untracked(),
                    reviewed_on,
                });
            }
            _ => {
                message.set(Some(Err(t().article_invalid.to_owned())));
                request_animation_frame(|| focus_by_id("article-outcome"));
            }
        }
    };
    let field = move |id: &'static str,
                      label: fn(&crate::i18n::Strings) -> &'static str,
                      value: RwSignal<String>,
                      rows: Option<&'static str>| {
        view! {
            <div class="field">
                <label class="label" for=id>{move || label(i18n.t())}</label>
                {match rows {
                    Some(rows) => view! { <textarea id=id class="input textarea" rows=rows
                        prop:value=value on:input=move |e| value.set(event_target_value(&e))></textarea> }.into_any(),
                    None => view! { <input id=id class="input" type="text" autocomplete="off"
                        prop:value=value on:input=move |e| value.set(event_target_value(&e)) /> }.into_any(),
                }}
            </div>
        }
    };
    view! {
        <p><A href=format!("/education/articles/{}", slug.get_value())>{move || t().view_public}</A></p>
        <div id="article-outcome" tabindex="-1">
            {move || message.get().map(|m| match m {
                Ok(()) => view! { <div class="panel--success" role="status" data-testid="article-saved"><p>{move || t().article_saved}</p></div> }.into_any(),
                Err(text) => view! { <div class="error-notice" role="alert"><p>{text}</p></div> }.into_any(),
            })}
        </div>
        <form class="form-panel form-panel--wide" on:submit=submit novalidate=true data-testid="article-form">
            {field("article-title", |s| s.staff().article_title, title, None)}
            {field("article-title-en", |s| s.staff().article_title_en, title_en, None)}
            {field("article-summary", |s| s.staff().article_summary, summary, Some("3"))}
            {field("article-summary-en", |s| s.staff().article_summary_en, summary_en, Some("3"))}
            {field("article-markdown", |s| s.staff().article_markdown, markdown, Some("18"))}
            {field("article-reviewed", |s| s.staff().reviewed_on, reviewed, None)}
            <div class="actions">
                <button type="button" class="button button--secondary" data-testid="preview"
                    on:click=move |_| { preview.dispatch(markdown.get_untracked()); }>{move || t().preview}</button>
                <button type="submit" class="button" data-testid="save-article" disabled=move || save.pending().get()>{move || t().save_article}</button>
            </div>
        </form>
        {move || preview.value().get().map(|result| match result {
            Ok(Preview { html, .. }) => view! {
                <section class="form-panel form-panel--wide" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{move || t().preview_heading}</h2>
                    // Sanitised by the server, as every article is.
                    <div class="prose" lang="zh-CN" inner_html=html data-testid="article-preview"></div>
                </section>
            }.into_any(),
            Err(error) => view! { <div class="error-notice" role="alert"><p>{failure_message(&error, i18n)}</p></div> }.into_any(),
        })}
    }
}
