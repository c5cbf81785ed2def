//! `/blacklist/enterprises/:code`: one enterprise — where it stands, every
//! listing, its penalty decisions — with a printable, verifiable result.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_types::blacklist::{EnterpriseProfile, ListingStatus};

use super::{ListingDetail, Proof, china_minute, status_word};
use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};
use crate::pages::enforcement::hazard_listings::HazardListingItem;
use crate::pages::enforcement::licences::LicenceItem;

/// `/blacklist/enterprises/:code`.
#[component]
pub fn EnterprisePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("code")).unwrap_or_default());
    let profile = PageData::new(move || {
        let code = code.get();
        async move { api::enterprise_profile(&code).await }
    });
    view! {
        <div class="page" data-testid="enterprise-page">
            <nav class="breadcrumbs" aria-label=move || i18n.t().breadcrumbs>
                <ol>
                    <li><A href="/">{move || i18n.t().nav_home}</A></li>
                    <li><A href="/blacklist" exact=true>{move || i18n.t().blacklist().title}</A></li>
                </ol>
            </nav>
            {move || {
                    match profile.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(profile) => view! { <Profile profile /> }.into_any(),
                        Err(error) if error.status() == Some(404) => view! {
                            {crate::components::head::respond_with(404)}
                            <Title text=move || i18n.t().blacklist().title />
                            <h1 class="page__title">{move || i18n.t().blacklist().title}</h1>
                            <p class="lead" data-testid="enterprise-missing">{move || i18n.t().blacklist().enterprise_missing}</p>
                        }.into_any(),
                        Err(error) => view! {
                            <h1 class="page__title">{move || i18n.t().blacklist().title}</h1>
                            <ErrorNotice error on_retry=move |()| profile.refetch() />
                        }.into_any(),
                    }
                }}}
        </div>
    }
}

#[component]
fn Profile(profile: EnterpriseProfile) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let EnterpriseProfile {
        standing,
        history,
        decisions,
        hazard_listings,
        licences,
        checked_at,
        verification,
    } = profile;
    let status = standing.status;
    let name = standing.enterprise.name.clone();
    crate::components::head::describe(|| {
        format!(
            "{name}（统一社会信用代码 {}）：{}；公示中的行政处罚决定 {} 份，重大事故隐患挂牌督办 {} 项。",
            standing.enterprise.credit_code,
            status_word(status, i18n.t().blacklist()),
            decisions.len(),
            hazard_listings.len()
        )
    });
    let at = china_minute(checked_at);
    let headline = move || match status {
        ListingStatus::Listed => t().code_listed,
        ListingStatus::Removed => t().code_removed,
        ListingStatus::NotListed => t().code_not_listed,
    };
    let district = standing.enterprise.district;
    view! {
        <Title text=name.clone() />
        <h1 class="page__title">{name.clone()}</h1>
        <p class="decision__number code">{standing.enterprise.credit_code.clone()}" · "
            {move || if i18n.lang() == Lang::Zh { district.name_zh() } else { district.name_en() }}</p>
        {(!standing.former_names.is_empty()).then(|| view! {
            <p>{move || t().former_names}"："{standing.former_names.join("；")}</p>
        })}
        <div class=format!("verdict verdict--{}", match status { ListingStatus::Listed => "listed", ListingStatus::Removed => "removed", ListingStatus::NotListed => "clear" })
            data-testid="verdict">
            <p class="verdict__status">{headline}</p>
            <p>{move || (t().as_of)(&at)}</p>
        </div>
        {standing.listing.map(|listing| {
            let code = standing.enterprise.credit_code.clone();
            if status == ListingStatus::Listed {
                view! { <ListingDetail listing code /> }.into_any()
            } else {
                view! { <ListingDetail listing /> }.into_any()
            }
        })}
        <Proof verification />
        <h2>{move || t().history}</h2>
        {if history.is_empty() {
            view! { <p>{move || t().no_history}</p> }.into_any()
        } else {
            view! {
                <ul class="standings" data-testid="history">
                    {history.into_iter().map(|listing| {
                        let removed = listing.removed_on.is_some();
                        view! {
                            <li>
                                <p><span class="badge" class:badge--listed=!removed>{move || status_word(if removed { ListingStatus::Removed } else { ListingStatus::Listed }, t())}</span></p>
                                <ListingDetail listing />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>{move || i18n.t().licences().enterprise_heading}</h2>
        {if licences.is_empty() {
            view! { <p>{move || i18n.t().licences().enterprise_none}</p> }.into_any()
        } else {
            view! {
                <ul class="result-list" data-testid="enterprise-licences">
                    {licences.into_iter().map(|licence| view! { <LicenceItem licence nested=true /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>{move || i18n.t().enforcement().enterprise_listings}</h2>
        {if hazard_listings.is_empty() {
            view! { <p>{move || i18n.t().enforcement().no_enterprise_listings}</p> }.into_any()
        } else {
            view! {
                <ul class="result-list" data-testid="enterprise-hazard-listings">
                    {hazard_listings.into_iter().map(|listing| view! { <HazardListingItem listing nested=true /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>{move || t().decisions}</h2>
        {if decisions.is_empty() {
            view! { <p>{move || t().no_decisions}</p> }.into_any()
        } else {
            view! {
                <ul class="result-list" data-testid="enterprise-decisions">
                    {decisions.into_iter().map(|d| {
                        let href = format!("/enforcement/decisions/{}", d.id);
                        let decided = d.decided_on;
                        view! {
                            <li class="result" class:result--revoked=d.revoked>
                                <h3 class="result__title"><A href=href>{d.decision_no.clone()}</A></h3>
                                <p class="result__meta"><span>{move || (i18n.t().date)(decided)}</span><span>{d.authority.clone()}</span></p>
                                <p class="result__violation">{d.violation_type.clone()}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
