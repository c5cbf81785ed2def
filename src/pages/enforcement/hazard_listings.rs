//! `/enforcement/listings`: major hazards under listed supervision
//! (重大隐患挂牌督办), with an overdue filter; `/enforcement/listings/:id`:
//! one listing and every step of its life.

use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};
use portal_types::District;
use portal_types::enforcement::{HazardListing, HazardListingSummary, HazardStatus};

use super::{Crumbs, RecordPage, api_query, named, page_href, page_in};
use crate::api;
use crate::components::head::Title;
use crate::components::pagination::Pagination;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};

const KEYS: &[&str] = &["status", "overdue", "district"];

/// A listing's status, as a badge (and "overdue" beside it when it is).
#[component]
pub fn ListingBadges(status: HazardStatus, overdue: bool) -> impl IntoView {
    let i18n = use_i18n();
    let zh = move || i18n.lang() == Lang::Zh;
    view! {
        <span class=format!("tag tag--{}", status.slug()) data-testid="listing-status">{move || named(zh(), status.name_zh(), status.name_en())}</span>
        {overdue.then(|| view! { " "<span class="tag tag--warning" data-testid="overdue">{move || i18n.t().enforcement().overdue}</span> })}
    }
}

/// One listing in a list; `nested` when the list sits under a level-2
/// heading (its titles are then level 3).
#[component]
pub fn HazardListingItem(
    listing: HazardListingSummary,
    #[prop(optional)] nested: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let t = move || i18n.t();
    let zh = move || i18n.lang() == Lang::Zh;
    let HazardListingSummary {
        id,
        enterprise_name,
        hazard,
        district,
        listed_on,
        deadline,
        status,
        overdue,
        ..
    } = listing;
    view! {
        <li class="result" class:result--revoked=overdue>
            {let link = view! { <A href=format!("/enforcement/listings/{id}")>{hazard}</A> };
             if nested {
                 view! { <h3 class="result__title">{link}</h3> }.into_any()
             } else {
                 view! { <h2 class="result__title">{link}</h2> }.into_any()
             }}
            <p class="result__meta">
                <span>{enterprise_name}</span>
                <span>{move || named(zh(), district.name_zh(), district.name_en())}</span>
                <span>{move || t().hazard_listed_on}"："{move || (t().date)(listed_on)}</span>
                <span>{move || e().deadline}"："{move || (t().date)(deadline)}</span>
            </p>
            <p class="result__tags"><ListingBadges status overdue /></p>
        </li>
    }
}

/// `/enforcement/listings`.
#[component]
pub fn HazardListingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let query = use_query_map();
    let listings = PageData::new(move || {
        let q = query.with(|q| {
            let mut text = api_query(q, KEYS);
            let page = page_in(q);
            if page > 1 {
                text.push_str(&format!("&page={page}"));
            }
            text
        });
        async move { api::hazard_listings(&q).await }
    });
    let selected = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    crate::components::head::feed(|| {
        api::list_feed_url(
            "/api/hazard-listings",
            &query.with_untracked(|q| api_query(q, KEYS)),
        )
    });
    view! {
        <Title text=move || e().listings_title />
        <div class="page" data-testid="listings-page">
            <Crumbs />
            <h1 class="page__title">{move || e().listings_title}</h1>
            <p class="lead">{move || e().listings_intro}</p>
            <Form method="get" action="/enforcement/listings" attr:class="filter-bar" attr:aria-label=move || e().filters>
                <label class="filter-bar__field">
                    <span>{move || e().status}</span>
                    <select class="input" name="status" data-testid="listing-status-filter">
                        <option value="">{move || e().all_statuses}</option>
                        {HazardStatus::ALL.iter().map(|&status| view! {
                            <option value=status.slug() selected=move || selected("status") == status.slug()>{move || named(zh(), status.name_zh(), status.name_en())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="filter-bar__field">
                    <span>{move || e().district}</span>
                    <select class="input" name="district">
                        <option value="">{move || e().all_districts}</option>
                        {District::ALL.iter().map(|&district| view! {
                            <option value=district.slug() selected=move || selected("district") == district.slug()>{move || named(zh(), district.name_zh(), district.name_en())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="filter-bar__check">
                    <input type="checkbox" name="overdue" value="true" data-testid="overdue-only"
                        checked=move || selected("overdue") == "true" />
                    <span>{move || e().overdue_only}</span>
                </label>
                <button type="submit" class="button" data-testid="listing-filter">{move || e().filter}</button>
            </Form>
            {move || {
                    match listings.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(page) => {
                            let pages = u32::try_from(page.total.div_ceil(u64::from(page.page_size.max(1)))).unwrap_or(1);
                            let (total, overdue_total) = (page.total, page.overdue_total);
                            let empty = page.items.is_empty();
                            view! {
                                <div class="results__bar">
                                    <p class="results__count" role="status" data-testid="listing-count">{move || (e().listings_count)(total)}</p>
                                    <p><A href="/enforcement/listings?overdue=true" attr:class="tag tag--warning">{move || (e().overdue_count)(overdue_total)}</A></p>
                                </div>
                                {empty.then(|| view! { <p class="empty">{move || e().no_listings}</p> })}
                                <ul class="result-list" data-testid="listing-list">
                                    {page.items.into_iter().map(|listing| view! { <HazardListingItem listing /> }).collect_view()}
                                </ul>
                                <Pagination current=page.page pages href=move |n| query.with_untracked(|q| page_href("/enforcement/listings", q, KEYS, n)) />
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| listings.refetch() /> }.into_any(),
                    }
                }}}
        </div>
    }
}

/// `/enforcement/listings/:id`.
#[component]
pub fn HazardListingPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())));
    let listing = PageData::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => api::hazard_listing(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <RecordPage
            test_id="listing-page"
            list=("/enforcement/listings", |t| t.enforcement().listings_title)
            missing=|t| t.enforcement().listing_missing
            record=listing
            show=|listing| view! { <ListingView listing /> }.into_any()
        />
    }
}

#[component]
fn ListingView(listing: HazardListing) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let HazardListing {
        summary,
        description,
        requirements,
        steps,
        ..
    } = listing;
    crate::components::head::describe(|| {
        format!(
            "{}：{}。{}于{}挂牌督办，整改期限{}。",
            summary.enterprise_name,
            summary.hazard,
            summary.authority,
            summary.listed_on,
            summary.deadline
        )
    });
    let HazardListingSummary {
        enterprise_name,
        credit_code,
        hazard,
        district,
        industry,
        authority,
        listed_on,
        deadline,
        status,
        overdue,
        ..
    } = summary;
    view! {
        <Title text=hazard.clone() />
        <h1 class="page__title">{hazard}</h1>
        <p class="result__tags"><ListingBadges status overdue /></p>
        <dl class="fields" data-testid="listing-fields">
            <div class="fields__row"><dt>{move || e().enterprise}</dt><dd>
                <A href=format!("/blacklist/enterprises/{credit_code}")>{enterprise_name}</A>
            </dd></div>
            <div class="fields__row"><dt>{move || e().district}</dt><dd>{move || named(zh(), district.name_zh(), district.name_en())}</dd></div>
            <div class="fields__row"><dt>{move || e().industry}</dt><dd>{move || named(zh(), industry.name_zh(), industry.name_en())}</dd></div>
            <div class="fields__row"><dt>{move || e().authority}</dt><dd>{authority}</dd></div>
            <div class="fields__row"><dt>{move || t().hazard_listed_on}</dt><dd>{move || (t().date)(listed_on)}</dd></div>
            <div class="fields__row"><dt>{move || e().deadline}</dt><dd>{move || (t().date)(deadline)}</dd></div>
            <div class="fields__row fields__row--long"><dt>{move || e().hazard_description}</dt><dd>{description}</dd></div>
            <div class="fields__row fields__row--long"><dt>{move || e().requirements}</dt><dd>{requirements}</dd></div>
        </dl>
        <section aria-labelledby="listing-steps">
            <h2 id="listing-steps">{move || e().steps}</h2>
            <ol class="timeline" data-testid="listing-steps">
                {steps.into_iter().map(|step| {
                    let (status, on) = (step.status, step.on);
                    view! {
                        <li class="timeline__item">
                            <p><strong>{move || named(zh(), status.name_zh(), status.name_en())}</strong>" · "{move || (t().date)(on)}</p>
                            <p class="timeline__reply">{step.note}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
