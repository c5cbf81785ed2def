//! `/report/rewards`: the 2018 national reward rules, and an estimate.

use crate::components::head::Title;
use leptos::prelude::*;
use portal_types::reports::reward::{self, AccidentGrade};
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

fn whole_number(text: &str) -> Option<u64> {
    let text = text.trim().replace([',', '，', ' '], "");
    if text.is_empty() {
        None
    } else {
        text.parse().ok()
    }
}

fn value_of(event: &leptos::ev::Event) -> String {
    event
        .target()
        .and_then(|t| {
            t.dyn_ref::<web_sys::HtmlInputElement>()
                .map(web_sys::HtmlInputElement::value)
                .or_else(|| {
                    t.dyn_ref::<web_sys::HtmlSelectElement>()
                        .map(web_sys::HtmlSelectElement::value)
                })
        })
        .unwrap_or_default()
}

/// `/report/rewards`.
#[component]
pub fn RewardsPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let fine = RwSignal::new(String::new());
    let grade = RwSignal::new(0usize);
    let deaths = RwSignal::new(String::new());
    let fine_estimate = move || {
        let text = fine.get();
        if text.trim().is_empty() {
            None
        } else {
            Some(whole_number(&text).map(reward::for_fine))
        }
    };
    let accident_estimate = move || {
        let text = deaths.get();
        if text.trim().is_empty() {
            None
        } else {
            let grade = AccidentGrade::ALL
                .get(grade.get())
                .copied()
                .unwrap_or(AccidentGrade::General);
            Some(
                whole_number(&text)
                    .and_then(|n| u32::try_from(n).ok())
                    .map(|n| reward::for_concealed_accident(grade, n)),
            )
        }
    };
    let show = move |estimate: Option<Option<u64>>, id: &'static str| {
        estimate.map(|e| match e {
            Some(yuan) => {
                view! { <p class="estimate" data-testid=id>{(t().estimate)(yuan)}</p> }.into_any()
            }
            None => view! { <p class="field-error">{t().invalid_number}</p> }.into_any(),
        })
    };
    view! {
        <Title text=move || t().rewards_title />
        <div class="page" data-testid="rewards-page">
            <h1 class="page__title">{move || t().rewards_title}</h1>
            <p class="lead">{move || t().rewards_lead}</p>
            <ul class="bullets">{move || t().rewards_rules.iter().map(|r| view! { <li>{*r}</li> }).collect_view()}</ul>
            <h2>{move || t().estimator_title}</h2>
            <div class="estimator">
                <section class="section-card">
                    <h3 class="section-card__title">{move || t().estimator_fine}</h3>
                    <label class="label" for="estimate-fine">{move || t().estimator_fine_label}</label>
                    <input id="estimate-fine" class="input" type="text" inputmode="numeric" autocomplete="off"
                        on:input=move |e| fine.set(value_of(&e)) />
                    <div aria-live="polite">{move || show(fine_estimate(), "estimate-fine-result")}</div>
                </section>
                <section class="section-card">
                    <h3 class="section-card__title">{move || t().estimator_accident}</h3>
                    <label class="label" for="estimate-grade">{move || t().grade_label}</label>
                    <select id="estimate-grade" class="input" on:change=move |e| grade.set(value_of(&e).parse().unwrap_or(0))>
                        {move || t().grades.iter().enumerate().map(|(i, g)| view! {
                            <option value=i.to_string() selected=move || grade.get() == i>{*g}</option>
                        }).collect_view()}
                    </select>
                    <label class="label" for="estimate-deaths">{move || t().deaths_label}</label>
                    <input id="estimate-deaths" class="input" type="text" inputmode="numeric" autocomplete="off"
                        on:input=move |e| deaths.set(value_of(&e)) />
                    <div aria-live="polite">{move || show(accident_estimate(), "estimate-accident-result")}</div>
                </section>
            </div>
            <p class="hint">{move || t().estimate_note}</p>
        </div>
    }
}
