//! `/enforcement/licences`: administrative licences (行政许可) searched by
//! number, name or code, filtered by kind, status and district;
//! `/enforcement/licences/:id`: one licence, its status today and its
//! history. Only the server renders these pages.

use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};
use portal_types::District;
use portal_types::decisions::FacetCount;
use portal_types::licences::{Licence, LicenceKind, LicenceStatus, LicenceSummary};

use super::{Crumbs, RecordPage, api_query, named, page_href, page_in};
use crate::api;
use crate::components::head::Title;
use crate::components::pagination::Pagination;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};

const KEYS: &[&str] = &["q", "kind", "status", "district"];

/// A licence's status today, as a badge.
#[component]
pub fn LicenceBadge(status: LicenceStatus) -> impl IntoView {
    let i18n = use_i18n();
    let zh = move || i18n.lang() == Lang::Zh;
    view! {
        <span class=format!("tag tag--licence-{}", status.slug()) data-testid="licence-status">
            {move || named(zh(), status.name_zh(), status.name_en())}
        </span>
    }
}

/// One licence in a list; `nested` when the list sits under a level-2
/// heading (its titles are then level 3).
#[component]
pub fn LicenceItem(licence: LicenceSummary, #[prop(optional)] nested: bool) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.t().licences();
    let t = move || i18n.t();
    let zh = move || i18n.lang() == Lang::Zh;
    let LicenceSummary {
        id,
        licence_no,
        kind,
        holder_name,
        valid_from,
        valid_until,
        district,
        status,
        ..
    } = licence;
    let link = view! { <A href=format!("/enforcement/licences/{id}")>{licence_no}</A> };
    view! {
        <li class="result" class:result--revoked=!status.is_in_force()>
            {if nested {
                view! { <h3 class="result__title">{link}</h3> }.into_any()
            } else {
                view! { <h2 class="result__title">{link}</h2> }.into_any()
            }}
            <p class="result__meta">
                <span>{holder_name}</span>
                <span>{move || named(zh(), kind.name_zh(), kind.name_en())}</span>
                <span>{move || named(zh(), district.name_zh(), district.name_en())}</span>
                <span>{move || l().valid}"："{move || (l().valid_range)(&(t().date)(valid_from), &(t().date)(valid_until))}</span>
            </p>
            <p class="result__tags"><LicenceBadge status /></p>
        </li>
    }
}

/// The options of a filter, each with how many licences it would give.
fn options<T: Copy + PartialEq + Send + Sync + 'static>(
    all: &'static [T],
    counts: Vec<FacetCount<T>>,
    slug: fn(T) -> &'static str,
    name: fn(T, bool) -> &'static str,
    selected: impl Fn() -> String + Copy + Send + Sync + 'static,
    zh: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    all.iter()
        .map(|&value| {
            let count = counts
                .iter()
                .find(|c| c.value == value)
                .map_or(0, |c| c.count);
            view! {
                <option value=slug(value) selected=move || selected() == slug(value)>
                    {move || format!("{}（{count}）", name(value, zh()))}
                </option>
            }
        })
        .collect_view()
}

/// `/enforcement/licences`.
#[component]
pub fn LicencesPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.t().licences();
    let t = move || i18n.t();
    let zh = move || i18n.lang() == Lang::Zh;
    let query = use_query_map();
    let licences = PageData::new(move || {
        let q = query.with(|q| {
            let mut text = api_query(q, KEYS);
            let page = page_in(q);
            if page > 1 {
                text.push_str(&format!("&page={page}"));
            }
            text
        });
        async move { api::licences(&q).await }
    });
    let selected = move |key: &'static str| move || query.with(|q| q.get(key).unwrap_or_default());
    view! {
        <Title text=move || l().title />
        <div class="page" data-testid="licences-page">
            <Crumbs />
            <h1 class="page__title">{move || l().title}</h1>
            <p class="lead">{move || l().intro}</p>
            {move || match licences.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Ok(page)) => {
                    let pages = u32::try_from(page.total.div_ceil(u64::from(page.page_size.max(1)))).unwrap_or(1);
                    let (total, as_of) = (page.total, page.as_of);
                    let empty = page.items.is_empty();
                    let facets = page.facets;
                    view! {
                        <Form method="get" action="/enforcement/licences" attr:class="filter-bar" attr:aria-label=move || l().search>
                            <label class="filter-bar__field">
                                <span>{move || l().search_label}</span>
                                <input class="input" type="search" name="q" maxlength="100"
                                    value=selected("q") aria-describedby="licence-search-hint" data-testid="licence-q" />
                            </label>
                            <label class="filter-bar__field">
                                <span>{move || l().kind}</span>
                                <select class="input" name="kind" data-testid="licence-kind">
                                    <option value="">{move || l().all_kinds}</option>
                                    {options(LicenceKind::ALL, facets.kind.clone(), LicenceKind::slug,
                                        |k, zh| named(zh, k.name_zh(), k.name_en()), selected("kind"), zh)}
                                </select>
                            </label>
                            <label class="filter-bar__field">
                                <span>{move || l().status}</span>
                                <select class="input" name="status" data-testid="licence-status-filter">
                                    <option value="">{move || l().all_statuses}</option>
                                    {options(LicenceStatus::ALL, facets.status.clone(), LicenceStatus::slug,
                                        |s, zh| named(zh, s.name_zh(), s.name_en()), selected("status"), zh)}
                                </select>
                            </label>
                            <label class="filter-bar__field">
                                <span>{move || l().district}</span>
                                <select class="input" name="district">
                                    <option value="">{move || l().all_districts}</option>
                                    {options(District::ALL, facets.district.clone(), District::slug,
                                        |d, zh| named(zh, d.name_zh(), d.name_en()), selected("district"), zh)}
                                </select>
                            </label>
                            <button type="submit" class="button" data-testid="licence-search">{move || l().search}</button>
                        </Form>
                        <p class="hint" id="licence-search-hint">{move || l().search_hint}</p>
                        <div class="results__bar">
                            <p class="results__count" role="status" data-testid="licence-count">{move || (l().count)(total)}</p>
                            <p class="hint">{move || (l().as_of)(&(t().date)(as_of))}</p>
                        </div>
                        {empty.then(|| view! { <p class="empty">{move || l().none}</p> })}
                        <ul class="result-list" data-testid="licence-list">
                            {page.items.into_iter().map(|licence| view! { <LicenceItem licence /> }).collect_view()}
                        </ul>
                        <Pagination current=page.page pages href=move |n| query.with_untracked(|q| page_href("/enforcement/licences", q, KEYS, n)) />
                    }.into_any()
                }
                Some(Err(error)) => view! { <ErrorNotice error on_retry=move |()| licences.refetch() /> }.into_any(),
            }}
        </div>
    }
}

/// `/enforcement/licences/:id`.
#[component]
pub fn LicencePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())));
    let licence = PageData::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => api::licence(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <RecordPage
            test_id="licence-page"
            list=("/enforcement/licences", |t| t.licences().title)
            missing=|t| t.licences().missing
            record=licence
            show=|licence| view! { <LicenceView licence /> }.into_any()
        />
    }
}

#[component]
fn LicenceView(licence: Licence) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.t().licences();
    let t = move || i18n.t();
    let zh = move || i18n.lang() == Lang::Zh;
    let Licence {
        summary,
        scope,
        issued_on,
        history,
        ..
    } = licence;
    crate::components::head::describe(|| {
        format!(
            "{}：{}，{}，有效期{}至{}，{}核发，状态：{}。",
            summary.licence_no,
            summary.kind.name_zh(),
            summary.holder_name,
            summary.valid_from,
            summary.valid_until,
            summary.authority,
            summary.status.name_zh()
        )
    });
    let LicenceSummary {
        licence_no,
        kind,
        holder_name,
        credit_code,
        valid_from,
        valid_until,
        authority,
        district,
        status,
        ..
    } = summary;
    view! {
        <Title text=licence_no.clone() />
        <h1 class="page__title">{licence_no.clone()}</h1>
        <p class="result__tags"><LicenceBadge status /></p>
        {(status == LicenceStatus::Expired).then(|| view! {
            <p class="notice notice--warning" data-testid="licence-expired">{move || (l().expired_note)(&(t().date)(valid_until))}</p>
        })}
        <dl class="fields" data-testid="licence-fields">
            <div class="fields__row"><dt>{move || l().licence_no}</dt><dd>{licence_no}</dd></div>
            <div class="fields__row"><dt>{move || l().kind}</dt><dd>{move || named(zh(), kind.name_zh(), kind.name_en())}</dd></div>
            <div class="fields__row"><dt>{move || l().holder}</dt><dd>
                <A href=format!("/blacklist/enterprises/{credit_code}")>{holder_name}</A>
            </dd></div>
            <div class="fields__row"><dt>{move || l().credit_code}</dt><dd class="code">{credit_code.clone()}</dd></div>
            <div class="fields__row fields__row--long"><dt>{move || l().scope}</dt><dd>{scope}</dd></div>
            <div class="fields__row"><dt>{move || l().issued_on}</dt><dd>{move || (t().date)(issued_on)}</dd></div>
            <div class="fields__row"><dt>{move || l().valid}</dt><dd>{move || (l().valid_range)(&(t().date)(valid_from), &(t().date)(valid_until))}</dd></div>
            <div class="fields__row"><dt>{move || l().authority}</dt><dd>{authority}</dd></div>
            <div class="fields__row"><dt>{move || l().district}</dt><dd>{move || named(zh(), district.name_zh(), district.name_en())}</dd></div>
        </dl>
        <section aria-labelledby="licence-history">
            <h2 id="licence-history">{move || l().history}</h2>
            <ol class="timeline" data-testid="licence-history">
                {history.into_iter().map(|event| {
                    let (status, on) = (event.status, event.on);
                    let decision = event.decision_id.map(|id| {
                        let number = event.decision_no.clone().unwrap_or_else(|| id.to_string());
                        view! {
                            <p>{move || l().by_decision}"："<A href=format!("/enforcement/decisions/{id}")>{number}</A></p>
                        }
                    });
                    view! {
                        <li class="timeline__item">
                            <p><strong>{move || named(zh(), status.name_zh(), status.name_en())}</strong>" · "{move || (t().date)(on)}</p>
                            <p class="timeline__reply">{event.note}</p>
                            {decision}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
