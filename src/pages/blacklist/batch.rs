//! `/blacklist/batch`: screen up to 1,000 suppliers at once.

use crate::components::head::Title;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_types::blacklist::{BatchResult, ListingStatus, MAX_BATCH_LINES};
use wasm_bindgen::JsCast;

use super::status_word;
use crate::api;
use crate::components::status::ErrorNotice;
use crate::i18n::{Lang, use_i18n};

fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// `/blacklist/batch`.
#[component]
pub fn BatchPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let text = RwSignal::new(String::new());
    let too_many = RwSignal::new(false);
    let unreadable = RwSignal::new(false);
    let run = Action::new_local(move |lines: &Vec<String>| {
        let lines = lines.clone();
        async move { api::check_batch(&lines).await.map(|result| (lines, result)) }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let lines = lines_of(&text.get_untracked());
        too_many.set(lines.len() > MAX_BATCH_LINES);
        if !lines.is_empty() && lines.len() <= MAX_BATCH_LINES {
            run.dispatch(lines);
        }
    };
    let on_file = move |event: leptos::ev::Event| {
        let Some(file) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            // Whole lines: the server reads a name and a code from a CSV
            // row, and skips its header row.
            match crate::components::file::read_text(file).await {
                Some(content) => {
                    unreadable.set(false);
                    text.set(content.lines().collect::<Vec<_>>().join("\n"));
                }
                None => unreadable.set(true),
            }
        });
    };
    view! {
        <Title text=move || t().batch_title />
        <div class="page" data-testid="batch-page">
            <h1 class="page__title">{move || t().batch_title}</h1>
            <p class="lead">{move || t().batch_lead}</p>
            <form on:submit=submit class="step-form">
                <div class="field" class:field--error=move || too_many.get()>
                    <label class="label" for="batch-lines">{move || t().batch_label}</label>
                    <p class="hint" id="batch-hint">{move || t().batch_hint}</p>
                    {move || too_many.get().then(|| view! { <p class="field-error">{t().batch_too_many}</p> })}
                    <textarea id="batch-lines" class="input textarea" rows="10" aria-describedby="batch-hint"
                        prop:value=move || text.get()
                        on:input=move |e| {
                            if let Some(area) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                                text.set(area.value());
                            }
                        }></textarea>
                    <p class="count">{move || lines_of(&text.get()).len()}" / 1000"</p>
                </div>
                <div class="field" class:field--error=move || unreadable.get()>
                    {move || unreadable.get().then(|| view! { <p class="field-error" data-testid="file-unreadable">{t().batch_file_unreadable}</p> })}
                    <label class="button button--secondary file-button" for="batch-file">{move || t().batch_file}</label>
                    <input id="batch-file" class="file-input" type="file" accept=".txt,.csv,text/plain,text/csv" on:change=on_file />
                </div>
                <button type="submit" class="button" disabled=move || run.pending().get() data-testid="batch-submit">{move || t().batch_button}</button>
            </form>
            {move || run.value().get().map(|result| match result {
                Ok((lines, result)) => view! { <BatchTable lines result /> }.into_any(),
                Err(error) => {
                    let lines = lines_of(&text.get_untracked());
                    view! { <ErrorNotice error=error on_retry=move |()| { run.dispatch(lines.clone()); } /> }.into_any()
                }
            })}
        </div>
    }
}

/// The results of the lines checked, with buttons that download them as a
/// file: the server makes the file only when it is asked for.
#[component]
fn BatchTable(lines: Vec<String>, result: BatchResult) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().blacklist();
    let lines = StoredValue::new(lines);
    let save = Action::new_local(move |file: &api::BatchFile| {
        let file = *file;
        async move {
            let lines = lines.get_value();
            let name = match file {
                api::BatchFile::Csv => "blacklist-check.csv",
                api::BatchFile::Xlsx => "blacklist-check.xlsx",
            };
            api::check_batch_file_url(&lines, file)
                .await
                .map(|url| crate::components::file::save_as(&url, name))
                .map_err(|error| (error, file))
        }
    });
    let count = result.lines.len();
    let (listed, problems) = (result.listed, result.problems);
    let mismatches = result.name_mismatches;
    let header = result.header.clone();
    view! {
        <section class="batch" data-testid="batch-result">
            <p class="results__count" role="status">{move || (t().batch_summary)(count, listed, problems)}</p>
            {(mismatches > 0).then(|| view! { <p class="notice notice--warning" data-testid="batch-mismatches">{move || (t().batch_mismatches)(mismatches)}</p> })}
            {header.map(|header| view! { <p class="hint" data-testid="header-skipped">{move || (t().header_skipped)(&header)}</p> })}
            <p class="batch__downloads">
                <button type="button" class="button button--secondary" disabled=move || save.pending().get()
                    on:click=move |_| { save.dispatch(api::BatchFile::Csv); } data-testid="batch-download">{move || t().batch_download}</button>
                <button type="button" class="button button--secondary" disabled=move || save.pending().get()
                    on:click=move |_| { save.dispatch(api::BatchFile::Xlsx); } data-testid="batch-download-xlsx">{move || t().batch_download_xlsx}</button>
            </p>
            {move || save.value().get().and_then(Result::err).map(|(error, file)| view! {
                <ErrorNotice error=error on_retry=move |()| { save.dispatch(file); } />
            })}
            <div class="table-wrap">
                <table class="table table--stacked" data-testid="batch-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().line}</th>
                            <th scope="col">{move || t().input}</th>
                            <th scope="col">{move || t().enterprise}</th>
                            <th scope="col">{move || t().status}</th>
                            <th scope="col">{move || t().note}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {result.lines.into_iter().map(|line| {
                            let status = line.status;
                            let problem = line.problem.clone();
                            let expected = line.expected_check_character;
                            let suggestions = line.suggestions.clone();
                            let disagrees = line.name_agrees == Some(false);
                            let has_note = problem.is_some() || expected.is_some() || disagrees;
                            let given = line.name.clone().unwrap_or_default();
                            let owner = line.enterprise.as_ref().map(|e| e.name.clone());
                            let note = move || {
                                let zh = i18n.lang() == Lang::Zh;
                                match (&problem, expected) {
                                    (Some(p), _) => if zh { p.zh() } else { p.en() },
                                    (None, Some(c)) => (t().check_warning)(c),
                                    _ => String::new(),
                                }
                            };
                            let mismatch = disagrees.then(|| view! {
                                <p class="name-mismatch" data-testid="name-mismatch">{move || (t().name_disagrees)(&given, owner.as_deref())}</p>
                            });
                            view! {
                                <tr class:row--listed=status == Some(ListingStatus::Listed) class:row--problem=line.problem.is_some() || disagrees>
                                    <td data-label=move || t().line>{line.line}</td>
                                    <td data-label=move || t().input>{line.input.clone()}</td>
                                    <td data-label=move || t().enterprise>{line.enterprise.as_ref().map(|e| format!("{} {}", e.name, e.credit_code)).unwrap_or_default()}</td>
                                    <td data-label=move || t().status class="cell--status">{move || status.map_or(t().cannot_tell, |s| status_word(s, t()))}</td>
                                    <td data-label=move || t().note>{has_note.then(|| view! { <div>
                                        {note}
                                        {mismatch}
                                        {(disagrees && !suggestions.is_empty()).then(|| view! { <span>{move || t().name_belongs_to}</span> })}
                                        {(!suggestions.is_empty()).then(|| view! {
                                            <ul class="suggestions" data-testid="line-suggestions">
                                                {suggestions.into_iter().map(|s| {
                                                    let href = format!("/blacklist/enterprises/{}", s.enterprise.credit_code);
                                                    view! {
                                                        <li>
                                                            <A href=href>{s.enterprise.name.clone()}</A>" "
                                                            <span class="code">{s.enterprise.credit_code.clone()}</span>" "
                                                            <span class=format!("badge badge--{:?}", s.status).to_lowercase()>{move || status_word(s.status, t())}</span>
                                                        </li>
                                                    }
                                                }).collect_view()}
                                            </ul>
                                        })}
                                    </div> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
