//! The blacklist part: check, enterprise pages, verification, batches.

pub mod batch;
pub mod enterprise;
pub mod list;
pub mod repair;
pub mod verify;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use portal_types::blacklist::{
    CheckResult, EnterpriseStanding, InputKind, LineProblem, Listing, ListingStatus, parse_input,
};

use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{BlacklistStrings, Lang, use_i18n};

/// The word for a status.
pub fn status_word(status: ListingStatus, t: &BlacklistStrings) -> &'static str {
    match status {
        ListingStatus::Listed => t.listed,
        ListingStatus::Removed => t.removed,
        ListingStatus::NotListed => t.not_listed,
    }
}

/// `2026-11-28 14:30`, Beijing time.
pub fn china_minute(at: chrono::DateTime<chrono::Utc>) -> String {
    crate::i18n::second_text((at + chrono::Duration::hours(8)).naive_utc())
}

/// `/blacklist?q=…`: check an enterprise by name or code.
#[component]
pub fn BlacklistPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(|m| m.get("q")).unwrap_or_default());
    // What is wrong with the text asked about, before any lookup: a code
    // of the wrong length or with a letter codes never use.
    let local_problem = move || {
        let text = q.get();
        if text.trim().is_empty() {
            return None;
        }
        parse_input(&text).err().map(|error| {
            let problem = LineProblem::from_input(&error);
            if i18n.lang() == Lang::Zh {
                problem.zh()
            } else {
                problem.en()
            }
        })
    };
    let result = PageData::new(move || {
        let text = q.get();
        async move {
            if text.trim().is_empty() || parse_input(&text).is_err() {
                None
            } else {
                Some(api::check_blacklist(&text).await)
            }
        }
    });
    view! {
        <Title text=move || t().title />
        <div class="page" data-testid="blacklist-page">
            <h1 class="page__title">{move || t().title}</h1>
            <p class="lead">{move || t().lead}</p>
            <form class="search-box" role="search" method="get" action="/blacklist">
                <label class="search-box__label" for="blacklist-q">{move || t().search_label}</label>
                <p class="hint" id="blacklist-q-hint">{move || t().search_hint}</p>
                {move || local_problem().map(|p| view! { <p class="field-error" id="blacklist-q-error" data-testid="input-problem">{p}</p> })}
                <div class="search-box__row">
                    <input id="blacklist-q" class="input search-box__input" type="search" maxlength="100" autocomplete="off"
                        aria-describedby=move || if local_problem().is_some() { "blacklist-q-hint blacklist-q-error" } else { "blacklist-q-hint" }
                        aria-invalid=move || local_problem().is_some().to_string()
                        name="q" value=move || q.get() />
                    <button type="submit" class="button">{move || t().search_button}</button>
                </div>
            </form>
            {move || {
                    match result.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        None => ().into_any(),
                        Some(Ok(result)) => view! { <CheckAnswer result /> }.into_any(),
                        Some(Err(error)) => view! { <ErrorNotice error on_retry=move |()| result.refetch() /> }.into_any(),
                    }
                }}}
            <ul class="section-list">
                <li class="section-card section-card--open">
                    <h2 class="section-card__title"><A href="/blacklist/list">{move || t().list_title}</A></h2>
                    <p>{move || t().links_list}</p>
                </li>
                <li class="section-card section-card--open">
                    <h2 class="section-card__title"><A href="/blacklist/batch">{move || t().batch_title}</A></h2>
                    <p>{move || t().links_batch}</p>
                </li>
                <li class="section-card section-card--open">
                    <h2 class="section-card__title"><A href="/blacklist/verify">{move || t().verify_title}</A></h2>
                    <p>{move || t().links_verify}</p>
                </li>
                <li class="section-card section-card--open">
                    <h2 class="section-card__title"><A href="/blacklist/repair">{move || i18n.t().repair().title}</A></h2>
                    <p>{move || i18n.t().repair().links_repair}</p>
                </li>
            </ul>
            <aside class="basis">
                <h2 class="basis__title">{move || i18n.t().legal_basis_heading}</h2>
                <p>{move || i18n.t().overview().blacklist_basis}</p>
            </aside>
        </div>
    }
}

/// The answer to a check.
#[component]
fn CheckAnswer(result: CheckResult) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let at = china_minute(result.checked_at);
    match (result.kind, result.status) {
        (InputKind::CreditCode, None) => {
            let code = result.credit_code.clone().unwrap_or_default();
            let expected = result.expected_check_character.unwrap_or('?');
            let suggestions = result.suggestions;
            view! {
                <section class="answer" data-testid="check-answer">
                    <div class="verdict verdict--invalid" data-testid="verdict-invalid" role="alert">
                        <p class="verdict__status">{move || t().code_invalid}</p>
                        <p class="verdict__code code">{code}</p>
                        <p>{move || (t().code_invalid_detail)(expected)}</p>
                    </div>
                    {if suggestions.is_empty() {
                        view! { <p data-testid="no-suggestions">{move || t().no_close_codes}</p> }.into_any()
                    } else {
                        view! {
                            <h2 class="answer__subtitle">{move || t().did_you_mean}</h2>
                            <ul class="standings" data-testid="suggestions">
                                {suggestions.into_iter().map(|standing| view! { <li><StandingCard standing /></li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }
            .into_any()
        }
        (InputKind::CreditCode, Some(status)) => {
            let standing = result.matches.first().cloned();
            let code = result.credit_code.clone().unwrap_or_default();
            let verification = result.verification.clone().unwrap_or_default();
            view! {
                <section class="answer" data-testid="check-answer">
                    {result.expected_check_character.map(|c| view! {
                        <p class="notice notice--warning" data-testid="check-warning">{move || (t().check_warning)(c)}</p>
                    })}
                    <Verdict status code at />
                    {match standing {
                        Some(standing) => view! { <StandingCard standing /> }.into_any(),
                        None => view! { <p>{move || t().not_in_directory}</p> }.into_any(),
                    }}
                    <Proof verification />
                </section>
            }
            .into_any()
        }
        (InputKind::Name, Some(status)) => {
            let mut matches = result.matches.into_iter();
            let resolved = matches.next();
            let others: Vec<EnterpriseStanding> = matches.collect();
            let code = result.credit_code.clone().unwrap_or_default();
            let verification = result.verification.clone().unwrap_or_default();
            view! {
                <section class="answer" data-testid="check-answer">
                    <Verdict status code at />
                    {resolved.map(|standing| view! { <StandingCard standing /> })}
                    <Proof verification />
                    {(!others.is_empty()).then(|| view! {
                        <h2 class="answer__subtitle">{move || t().other_names}</h2>
                        <ul class="standings" data-testid="other-matches">
                            {others.into_iter().map(|standing| view! { <li><StandingCard standing /></li> }).collect_view()}
                        </ul>
                    })}
                </section>
            }
            .into_any()
        }
        (InputKind::Name, None) => {
            let input = result.input.clone();
            let count = result.matches.len();
            view! {
                <section class="answer" data-testid="check-answer">
                    <p class="results__count" role="status">
                        {move || if count == 0 { (t().none_found)(&input) } else { (t().found)(count) }}
                    </p>
                    <p class="hint">{move || (t().as_of)(&at)}</p>
                    <ul class="standings">
                        {result.matches.into_iter().map(|standing| view! { <li><StandingCard standing /></li> }).collect_view()}
                    </ul>
                </section>
            }
            .into_any()
        }
    }
}

/// The large answer for one code: listed, removed or not listed, as of when.
#[component]
fn Verdict(status: ListingStatus, code: String, at: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let headline = move || match status {
        ListingStatus::Listed => t().code_listed,
        ListingStatus::Removed => t().code_removed,
        ListingStatus::NotListed => t().code_not_listed,
    };
    let modifier = match status {
        ListingStatus::Listed => "listed",
        ListingStatus::Removed => "removed",
        ListingStatus::NotListed => "clear",
    };
    view! {
        <div class=format!("verdict verdict--{modifier}") data-testid="verdict">
            <p class="verdict__status">{headline}</p>
            <p class="verdict__code code">{code}</p>
            <p>{move || (t().as_of)(&at)}</p>
        </div>
    }
}

/// An enterprise and where it stands, with the listing in force.
#[component]
pub fn StandingCard(standing: EnterpriseStanding) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let EnterpriseStanding {
        enterprise,
        former_names,
        status,
        listing,
    } = standing;
    let href = format!("/blacklist/enterprises/{}", enterprise.credit_code);
    let district = enterprise.district;
    view! {
        <article class="standing" class:standing--listed=status == ListingStatus::Listed data-testid="standing">
            <header class="standing__header">
                <h2 class="standing__name"><A href=href>{enterprise.name.clone()}</A></h2>
                <span class=format!("badge badge--{:?}", status).to_lowercase() data-testid="standing-status">
                    {move || status_word(status, t())}
                </span>
            </header>
            <p class="standing__meta">
                <span class="code">{enterprise.credit_code.clone()}</span>
                <span>{move || if i18n.lang() == Lang::Zh { district.name_zh() } else { district.name_en() }}</span>
            </p>
            {(!former_names.is_empty()).then(|| view! {
                <p class="standing__former">{move || t().former_names}"："{former_names.join("；")}</p>
            })}
            {listing.map(|listing| {
                let code = enterprise.credit_code.clone();
                if status == ListingStatus::Listed {
                    view! { <ListingDetail listing code /> }.into_any()
                } else {
                    view! { <ListingDetail listing /> }.into_any()
                }
            })}
        </article>
    }
}

/// Every fact of one listing, and how credit repair works.
/// With `code`, a listing in force links to the credit repair application
/// and its status page.
#[component]
pub fn ListingDetail(listing: Listing, #[prop(optional)] code: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let date = move |d| (i18n.t().date)(d);
    let Listing {
        ground,
        regime,
        reason,
        breach_summary,
        authority,
        listed_on,
        expected_removal_on,
        measures,
        removed_on,
        removal_basis,
        removal_reason,
    } = listing;
    let removed = removed_on.is_some();
    let zh = move || i18n.lang() == Lang::Zh;
    let repair_from = portal_types::blacklist::rules::earliest_early_removal(listed_on);
    view! {
        <dl class="fields listing" data-testid="listing">
            <div class="fields__row"><dt>{move || t().list_name}</dt><dd data-testid="listing-regime">{move || if zh() { regime.zh() } else { regime.en() }}</dd></div>
            <div class="fields__row"><dt>{move || t().ground}</dt><dd data-testid="listing-ground">{move || match ground {
                Some(g) => format!("{}（{}）", if zh() { g.zh() } else { g.en() }, g.provision()),
                None => t().ground_unrecorded.to_owned(),
            }}</dd></div>
            <div class="fields__row"><dt>{move || t().reason}</dt><dd>{reason}</dd></div>
            <div class="fields__row"><dt>{move || t().breach}</dt><dd>{breach_summary}</dd></div>
            <div class="fields__row"><dt>{move || t().authority}</dt><dd>{authority}</dd></div>
            <div class="fields__row"><dt>{move || t().listed_on}</dt><dd>{move || date(listed_on)}</dd></div>
            <div class="fields__row"><dt>{move || t().expected_removal}</dt><dd>{move || date(expected_removal_on)}</dd></div>
            {removed_on.map(|d| view! { <div class="fields__row"><dt>{move || t().removed_on}</dt><dd>{move || date(d)}</dd></div> })}
            {removal_basis.map(|b| view! { <div class="fields__row"><dt>{move || t().removal_basis}</dt><dd data-testid="removal-basis">{move || if zh() { b.zh() } else { b.en() }}</dd></div> })}
            {removal_reason.map(|r| view! { <div class="fields__row"><dt>{move || t().removal_reason}</dt><dd>{r}</dd></div> })}
            <div class="fields__row">
                <dt>{move || t().measures}</dt>
                <dd><ul class="measures">{measures.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul></dd>
            </div>
            {(!removed).then(|| view! {
                <div class="fields__row"><dt>{move || t().repair_title}</dt><dd>
                    <p>{move || t().repair_text}</p>
                    <p data-testid="repair-from">{move || (t().repair_from)(date(repair_from))}</p>
                    {code.map(|code| {
                        let apply = format!("/blacklist/repair?code={code}");
                        view! {
                            <p class="actions">
                                <a href=apply class="button button--secondary" data-testid="repair-apply">{move || i18n.t().repair().apply_link}</a>" "
                                <a href="/blacklist/repair/status">{move || i18n.t().repair().status_link}</a>
                            </p>
                        }
                    })}
                </dd></div>
            })}
        </dl>
    }
}

/// The verification code of an answer, for printing.
#[component]
pub fn Proof(verification: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let origin = crate::components::head::origin();
    let url = format!("{origin}/blacklist/verify");
    view! {
        <section class="proof" data-testid="proof">
            <h2 class="proof__title">{move || t().verification_title}</h2>
            <p>{move || t().verification_code}"："<span class="code proof__code" data-testid="verification-code">{verification.clone()}</span></p>
            <p class="hint">{move || (t().verification_hint)(&url)}</p>
            <button type="button" class="button button--secondary" data-action="print">{move || t().print_result}</button>
        </section>
    }
}
