//! `/blacklist/verify?code=…`: whether a printed result is genuine, and what
//! it said.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{china_minute, status_word};
use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::use_i18n;

/// `/blacklist/verify`.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let query = use_query_map();
    let code = Memo::new(move |_| query.with(|m| m.get("code")).unwrap_or_default());
    let result = PageData::new(move || {
        let code = code.get();
        async move {
            if code.trim().is_empty() {
                None
            } else {
                Some(api::verify_check(&code).await)
            }
        }
    });
    view! {
        <Title text=move || t().verify_title />
        <div class="page" data-testid="verify-page">
            <h1 class="page__title">{move || t().verify_title}</h1>
            <p class="lead">{move || t().verify_lead}</p>
            <form class="search-box" method="get" action="/blacklist/verify">
                <label class="search-box__label" for="verify-code">{move || t().verification_code}</label>
                <div class="search-box__row">
                    <input id="verify-code" class="input search-box__input code" type="text" maxlength="80"
                        autocomplete="off" spellcheck="false" name="code" value=move || code.get() />
                    <button type="submit" class="button">{move || t().verify_button}</button>
                </div>
            </form>
            {move || {
                    match result.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        None => ().into_any(),
                        Some(Ok(v)) if v.genuine => {
                            let who = v.enterprise_name.clone().or(v.credit_code.clone()).unwrap_or_default();
                            let at = v.checked_at.map(china_minute).unwrap_or_default();
                            let status = v.status;
                            view! {
                                <div class="verdict verdict--clear" data-testid="verify-result">
                                    <p class="verdict__status">{move || t().genuine}</p>
                                    <p>{move || (t().verified_said)(&who, status.map(|s| status_word(s, t())).unwrap_or_default(), &at)}</p>
                                    <p class="code">{v.credit_code.clone().unwrap_or_default()}</p>
                                </div>
                            }.into_any()
                        }
                        Some(Ok(_)) => view! {
                            <div class="verdict verdict--listed" data-testid="verify-result">
                                <p class="verdict__status">{move || t().not_genuine}</p>
                            </div>
                        }.into_any(),
                        Some(Err(error)) => view! { <ErrorNotice error on_retry=move |()| result.refetch() /> }.into_any(),
                    }
                }}}
        </div>
    }
}
