//! `/report/receipt`: the reference number and the query code, shown large,
//! with copy and print, and what happens next.

use crate::components::head::Title;
use leptos::prelude::*;
use leptos_router::components::A;

use super::draft::kept_receipt;
use crate::i18n::use_i18n;

/// `/report/receipt`.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let receipt = kept_receipt();
    view! {
        <Title text=move || t().receipt_title />
        <div class="page receipt" data-testid="receipt-page">
            {match receipt {
                None => view! {
                    <h1 class="page__title">{move || t().receipt_title}</h1>
                    <p class="lead">{move || t().receipt_missing}</p>
                    <p><A href="/report/status" attr:class="button">{move || t().follow_link}</A></p>
                }.into_any(),
                Some(receipt) => {
                    let handle = receipt.handle_by;
                    let extended = receipt.handle_by_if_extended;
                    let print = move |_| {
                        let _ = window().print();
                    };
                    view! {
                        <div class="panel panel--success">
                            <h1 class="page__title">{move || t().receipt_title}</h1>
                            <p>{move || t().receipt_lead}</p>
                        </div>
                        <dl class="receipt__numbers">
                            <div>
                                <dt>{move || t().reference_label}</dt>
                                <dd class="receipt__number" data-testid="receipt-reference">{receipt.reference.clone()}</dd>
                                <dd><CopyButton text=receipt.reference.clone() /></dd>
                            </div>
                            <div>
                                <dt>{move || t().code_label}</dt>
                                <dd class="receipt__number" data-testid="receipt-code">{receipt.query_code.clone()}</dd>
                                <dd><CopyButton text=receipt.query_code.clone() /></dd>
                            </div>
                        </dl>
                        <p class="notice notice--warning"><strong>{move || t().code_warning}</strong></p>
                        <p class="actions">
                            <button type="button" class="button button--secondary" on:click=print data-testid="print">{move || i18n.t().print}</button>
                            <A href=format!("/report/status?reference={}", receipt.reference) attr:class="button" attr:data-testid="follow-link">{move || t().follow_link}</A>
                        </p>
                        <h2>{move || t().next_title}</h2>
                        <ol class="steps-list">
                            {move || {
                                let date = i18n.t().date;
                                (t().next_steps)(&date(handle), &date(extended))
                                    .into_iter()
                                    .map(|s| view! { <li>{s}</li> })
                                    .collect_view()
                            }}
                        </ol>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// Copies `text` to the clipboard and says so.
#[component]
fn CopyButton(text: String) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let promise = window().navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.set(true);
            }
        });
    };
    view! {
        <button type="button" class="button button--secondary button--small" on:click=copy>
            {move || if copied.get() { i18n.t().report().copied } else { i18n.t().report().copy }}
        </button>
    }
}
