//! `/enforcement/cases`: typical cases exposed (典型案例曝光), by industry
//! and year; `/enforcement/cases/:id`: one case, its decisions and the
//! education pages on the rules it broke.

use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};
use portal_types::Industry;
use portal_types::enforcement::ExposedCase;

use super::{Crumbs, RecordPage, api_query, named, page_href, page_in};
use crate::api;
use crate::components::head::Title;
use crate::components::pagination::Pagination;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};

const KEYS: &[&str] = &["industry", "year"];

/// `/enforcement/cases`.
#[component]
pub fn TypicalCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let query = use_query_map();
    let cases = PageData::new(move || {
        let q = query.with(|q| {
            let mut text = api_query(q, KEYS);
            let page = page_in(q);
            if page > 1 {
                text.push_str(&format!("&page={page}"));
            }
            text
        });
        async move { api::exposed_cases(&q).await }
    });
    let selected = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    crate::components::head::feed(|| {
        api::list_feed_url(
            "/api/exposed-cases",
            &query.with_untracked(|q| api_query(q, KEYS)),
        )
    });
    let this_year = crate::pages::report::draft::now_in_china().year();
    view! {
        <Title text=move || e().cases_title />
        <div class="page" data-testid="cases-page">
            <Crumbs />
            <h1 class="page__title">{move || e().cases_title}</h1>
            <p class="lead">{move || e().cases_intro}</p>
            <Form method="get" action="/enforcement/cases" attr:class="filter-bar" attr:aria-label=move || e().filters>
                <label class="filter-bar__field">
                    <span>{move || e().industry}</span>
                    <select class="input" name="industry" data-testid="case-industry">
                        <option value="">{move || e().all_industries}</option>
                        {Industry::ALL.iter().map(|&industry| {
                            view! { <option value=industry.slug() selected=move || selected("industry") == industry.slug()>{move || named(zh(), industry.name_zh(), industry.name_en())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="filter-bar__field">
                    <span>{move || e().year}</span>
                    <select class="input" name="year">
                        <option value="">{move || e().all_years}</option>
                        {(2020..=this_year).rev().map(|year| {
                            let value = year.to_string();
                            let is = value.clone();
                            view! { <option value=value selected=move || selected("year") == is>{year}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="button" data-testid="case-filter">{move || e().filter}</button>
            </Form>
            {move || {
                    match cases.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(page) => {
                            let pages = u32::try_from(page.total.div_ceil(u64::from(page.page_size.max(1)))).unwrap_or(1);
                            let total = page.total;
                            let empty = page.items.is_empty();
                            view! {
                                <p class="results__count" role="status">{move || (e().cases_count)(total)}</p>
                                {empty.then(|| view! { <p class="empty">{move || e().no_cases}</p> })}
                                <ul class="result-list" data-testid="case-list">
                                    {page.items.into_iter().map(|c| {
                                        let href = format!("/enforcement/cases/{}", c.id);
                                        let (industry, district, published) = (c.industry, c.district, c.published_on);
                                        view! {
                                            <li class="result">
                                                <h2 class="result__title"><A href=href>{c.title}</A></h2>
                                                <p class="result__meta">
                                                    <span>{move || (i18n.t().date)(published)}</span>
                                                    <span>{move || named(zh(), industry.name_zh(), industry.name_en())}</span>
                                                    <span>{move || named(zh(), district.name_zh(), district.name_en())}</span>
                                                </p>
                                                <p class="result__violation">{c.summary}</p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <Pagination current=page.page pages href=move |n| query.with_untracked(|q| page_href("/enforcement/cases", q, KEYS, n)) />
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| cases.refetch() /> }.into_any(),
                    }
                }}}
        </div>
    }
}

/// `/enforcement/cases/:id`.
#[component]
pub fn TypicalCasePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())));
    let case = PageData::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => api::exposed_case(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <RecordPage
            test_id="case-page"
            list=("/enforcement/cases", |t| t.enforcement().cases_title)
            missing=|t| t.enforcement().case_missing
            record=case
            show=|case| view! { <CaseView case /> }.into_any()
        />
    }
}

#[component]
fn CaseView(case: ExposedCase) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let ExposedCase {
        title,
        industry,
        district,
        published_on,
        summary,
        body,
        lesson,
        provisions_text,
        provisions,
        decisions,
        ..
    } = case;
    crate::components::head::describe(|| summary.clone());
    view! {
        <Title text=title.clone() />
        <h1 class="page__title">{title}</h1>
        <p class="result__meta">
            <span>{move || t().published_on}"："{move || (t().date)(published_on)}</span>
            <span>{move || named(zh(), industry.name_zh(), industry.name_en())}</span>
            <span>{move || named(zh(), district.name_zh(), district.name_en())}</span>
        </p>
        <p class="lead">{summary}</p>
        <section aria-labelledby="case-story">
            <h2 id="case-story">{move || e().case_story}</h2>
            <div class="prose">{body.into_iter().map(|p| view! { <p class="paragraph">{p}</p> }).collect_view()}</div>
        </section>
        <section aria-labelledby="case-rules">
            <h2 id="case-rules">{move || e().case_rules}</h2>
            <p>{provisions_text}</p>
            {(!provisions.is_empty()).then(|| view! {
                <ul class="learn-links" aria-label=move || t().education().learn_heading data-testid="case-learn">
                    {provisions.into_iter().map(|p| view! {
                        <li><A href=crate::pages::education::provision_href(&p)>{move || (t().education().learn_provision)(&p.citation())}</A></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        <section aria-labelledby="case-decisions">
            <h2 id="case-decisions">{move || e().case_decisions}</h2>
            <ul class="result-list" data-testid="case-decisions">
                {decisions.into_iter().map(|d| {
                    let (decided, fine) = (d.decided_on, d.fine_fen);
                    view! {
                        <li class="result">
                            <p class="result__title">
                                {if d.in_view {
                                    view! { <A href=format!("/enforcement/decisions/{}", d.id)>{d.decision_no.clone()}</A> }.into_any()
                                } else {
                                    view! { <span>{d.decision_no.clone()}</span>" "<span class="tag">{move || e().out_of_view}</span> }.into_any()
                                }}
                            </p>
                            <p class="result__meta">
                                <span>{d.party_name}</span>
                                <span>{move || (t().date)(decided)}</span>
                                <span>{move || e().fine}"："{move || (t().money)(fine)}</span>
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <aside class="notice" aria-labelledby="case-lesson">
            <h2 id="case-lesson">{move || e().case_lesson}</h2>
            <p>{lesson}</p>
        </aside>
    }
}
