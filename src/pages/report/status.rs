//! `/report/status`: a report's status, history, replies and dates, for
//! whoever holds its reference number and query code.

use crate::components::head::Title;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_types::reports::{ReportStatus, ReportView, StatusQuery};

use crate::api::{self, ApiError};
use crate::components::form::{
    ErrorSummary, FieldError, FormError, described_by, focus_by_id, has_problem,
};
use crate::i18n::{Lang, use_i18n};

fn status_name(status: ReportStatus, lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        status.name_zh()
    } else {
        status.name_en()
    }
}

/// `/report/status`.
#[component]
pub fn StatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let reference = NodeRef::<leptos::html::Input>::new();
    let code = NodeRef::<leptos::html::Input>::new();
    // The receipt links here with its reference filled in (never the code:
    // it is a secret, and addresses end up in histories and logs).
    let given_reference = use_query_map()
        .with_untracked(|q| q.get("reference"))
        .unwrap_or_default();
    let problems = RwSignal::new(Vec::<FormError>::new());
    let lookup = Action::new_local(|query: &StatusQuery| {
        let query = query.clone();
        async move { api::report_status(&query).await }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let value =
            |r: NodeRef<leptos::html::Input>| r.get().map(|i| i.value()).unwrap_or_default();
        let query = StatusQuery {
            reference: value(reference),
            query_code: value(code),
        };
        let mut found = Vec::new();
        if query.reference.trim().is_empty() {
            found.push(FormError {
                field: "status-reference",
                message: t().status_reference_missing.into(),
            });
        }
        if query.query_code.trim().is_empty() {
            found.push(FormError {
                field: "status-code",
                message: t().status_code_missing.into(),
            });
        }
        let ok = found.is_empty();
        problems.set(found);
        if ok {
            lookup.dispatch(query);
        } else {
            request_animation_frame(|| focus_by_id("error-summary"));
        }
    };
    Effect::new(move |_| {
        if lookup.value().with(Option::is_some) {
            request_animation_frame(|| focus_by_id("status-result"));
        }
    });
    view! {
        <Title text=move || t().status_title />
        <div class="page" data-testid="status-page">
            <h1 class="page__title">{move || t().status_title}</h1>
            <p class="lead">{move || t().status_lead}</p>
            <ErrorSummary problems />
            <form class="search-box" on:submit=on_submit novalidate=true>
                <div class="field" class:field--error=has_problem(problems, "status-reference")>
                    <label class="label" for="status-reference">{move || t().reference_label}</label>
                    <FieldError problems field="status-reference" />
                    <input id="status-reference" class="input" type="text" autocomplete="off" maxlength="40"
                        spellcheck="false" node_ref=reference prop:value=given_reference
                        aria-describedby=described_by(problems, "status-reference", None)
                        aria-invalid=move || has_problem(problems, "status-reference")().to_string() />
                </div>
                <div class="field" class:field--error=has_problem(problems, "status-code")>
                    <label class="label" for="status-code">{move || t().code_label}</label>
                    <FieldError problems field="status-code" />
                    <input id="status-code" class="input" type="text" autocomplete="off" maxlength="20"
                        spellcheck="false" node_ref=code
                        aria-describedby=described_by(problems, "status-code", None)
                        aria-invalid=move || has_problem(problems, "status-code")().to_string() />
                </div>
                <button type="submit" class="button" disabled=move || lookup.pending().get()>{move || t().status_submit}</button>
            </form>
            <div id="status-result" tabindex="-1">
                {move || lookup.value().get().map(|result| match result {
                    Ok(view) => view! { <StatusView view /> }.into_any(),
                    Err(error) => {
                        let message = match &error {
                            ApiError::Server { status: 404, .. } => t().status_not_found.to_owned(),
                            ApiError::Server { status: 429, retry_after, .. } => (t().status_too_many)(retry_after.unwrap_or(3600)),
                            ApiError::Network(_) => i18n.t().error_network.to_owned(),
                            _ => i18n.t().error_server.to_owned(),
                        };
                        view! { <div class="error-notice" role="alert" data-testid="status-error"><p>{message}</p></div> }.into_any()
                    }
                })}
            </div>
        </div>
    }
}

#[component]
fn StatusView(view: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let date = move |d| (i18n.t().date)(d);
    let china = |at: chrono::DateTime<chrono::Utc>| (at + chrono::Duration::hours(8)).naive_utc();
    let ReportView {
        reference,
        category,
        status,
        received_at,
        history,
        handle_by,
        extended_to,
        feedback_by,
        reward_yuan,
        photos,
        ..
    } = view;
    view! {
        <section class="status" data-testid="status-view">
            <h2>{reference}" · "{move || if i18n.lang() == Lang::Zh { category.name_zh() } else { category.name_en() }}</h2>
            <p class="status__current">
                {move || t().status_current}"："
                <strong class="tag" data-testid="status-current">{move || status_name(status, i18n.lang())}</strong>
            </p>
            <h3>{move || t().status_dates}</h3>
            <dl class="fields">
                <div class="fields__row"><dt>{move || t().received_on}</dt><dd>{move || date(china(received_at).date())}</dd></div>
                <div class="fields__row"><dt>{move || t().handle_by}</dt><dd>{move || date(handle_by)}</dd></div>
                {extended_to.map(|d| view! { <div class="fields__row"><dt>{move || t().extended_to}</dt><dd>{move || date(d)}</dd></div> })}
                {feedback_by.map(|d| view! { <div class="fields__row"><dt>{move || t().feedback_by}</dt><dd>{move || date(d)}</dd></div> })}
                {reward_yuan.map(|y| view! { <div class="fields__row"><dt>{move || t().reward}</dt><dd>{move || (i18n.t().money)(i64::try_from(y).unwrap_or(0) * 100)}</dd></div> })}
                <div class="fields__row"><dt>{move || t().photos_attached}</dt><dd>{move || (t().photos_count)(photos as usize)}</dd></div>
            </dl>
            <h3>{move || t().status_history}</h3>
            <ol class="timeline" data-testid="status-history">
                {history.into_iter().map(|event| {
                    let at = china(event.at);
                    view! {
                        <li class="timeline__item">
                            <p><strong>{move || status_name(event.status, i18n.lang())}</strong>" · "{crate::i18n::minute_text(at, ' ')}</p>
                            {event.reply.map(|reply| view! { <p class="timeline__reply">{move || t().status_reply}"："{reply.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
