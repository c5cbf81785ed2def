//! `/staff/decisions`: editors import penalty decisions from a CSV in the
//! disclosure layout (all or nothing, bad rows named) and revoke published
//! ones with a public reason.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use portal_types::FieldErrors;
use portal_types::decisions::CSV_HEADERS;
use portal_types::staff::{Role, Session};

use super::{StaffBar, StaffGate, failure_message};
use crate::api::{self, ApiError};
use crate::components::form::focus_by_id;
use crate::i18n::{Lang, problem_text, use_i18n};

/// `/staff/decisions`.
#[component]
pub fn DecisionsAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    view! {
        <Title text=move || t().decisions />
        <div class="page" data-testid="decisions-admin-page">
            <h1 class="page__title">{move || t().decisions}</h1>
            <StaffGate role=Role::Editor view=move |session: Session| view! { <Publishing session /> } />
        </div>
    }
}

/// How many of an import's decisions are listed with links.
const SHOWN_PUBLISHED: usize = 50;

/// What the last import said.
#[derive(Clone, Debug)]
enum ImportOutcome {
    Done(api::Imported),
    /// (row, what is wrong with it), in the order of the file.
    Rows(Vec<(String, String)>),
    Failed(String),
}

#[component]
fn Publishing(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let staff = api::StaffApi::new(&session);
    let file = NodeRef::<leptos::html::Input>::new();
    let outcome = RwSignal::new(None::<ImportOutcome>);
    let import = Action::new_local(move |file: &api::ImportFile| {
        let file = file.clone();
        async move { staff.import_decisions(file).await }
    });
    Effect::new(move |_| {
        let Some(result) = import.value().get() else {
            return;
        };
        outcome.set(Some(match result {
            Ok(imported) => ImportOutcome::Done(imported),
            Err(ApiError::Server {
                status: 400, body, ..
            }) => ImportOutcome::Rows(row_problems(&body.fields, i18n.lang())),
            Err(error) => ImportOutcome::Failed(failure_message(&error, i18n)),
        }));
        request_animation_frame(|| focus_by_id("import-outcome"));
    });
    let read_file = Action::new_local(move |(): &()| {
        let chosen = file
            .get()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        async move {
            // A workbook goes as it is; a CSV's text goes to the server as
            // UTF-8 whatever the file was saved in (UTF-8, or GBK as Excel
            // on Chinese Windows saves).
            use crate::components::file;
            match chosen {
                None => Err(t().choose_file),
                Some(chosen) if file::is_workbook(&chosen) => file::read_bytes(chosen)
                    .await
                    .map(api::ImportFile::Xlsx)
                    .ok_or(t().file_unreadable),
                Some(chosen) => file::read_text(chosen)
                    .await
                    .map(api::ImportFile::Csv)
                    .ok_or(t().file_unreadable),
            }
        }
    });
    Effect::new(move |_| match read_file.value().get() {
        Some(Ok(file)) => {
            import.dispatch(file);
        }
        Some(Err(why)) => {
            outcome.set(Some(ImportOutcome::Failed(why.to_owned())));
            request_animation_frame(|| focus_by_id("import-outcome"));
        }
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        outcome.set(None);
        read_file.dispatch(());
    };
    let busy = move || import.pending().get() || read_file.pending().get();
    view! {
        <StaffBar session />
        <p class="lead">{move || t().decisions_lead}</p>
        <section class="form-panel" aria-labelledby="import-heading">
            <h2 id="import-heading">{move || t().import_heading}</h2>
            <div id="import-outcome" tabindex="-1">
                {move || outcome.get().map(|o| match o {
                    ImportOutcome::Done(imported) => {
                        let n = imported.imported;
                        let more = imported.published.len().saturating_sub(SHOWN_PUBLISHED);
                        view! {
                            <div class="panel--success" role="status" data-testid="import-done">
                                <p>{(t().imported)(n as u64)}</p>
                                <ul class="published" data-testid="import-published">
                                    {imported.published.into_iter().take(SHOWN_PUBLISHED).map(|d| view! {
                                        <li>
                                            <a href=format!("/enforcement/decisions/{}", d.id)>{d.decision_no}</a>
                                            " "{d.party_name}
                                        </li>
                                    }).collect_view()}
                                </ul>
                                {(more > 0).then(|| view! { <p>{(t().imported_more)(more as u64)}</p> })}
                            </div>
                        }.into_any()
                    }
                    ImportOutcome::Rows(rows) => view! {
                        <div class="error-summary" role="alert" data-testid="import-errors">
                            <p class="error-summary__title">{move || t().import_failed}</p>
                            <ul class="error-summary__list">
                                {rows.into_iter().map(|(row, messages)| view! {
                                    <li><strong>{row}</strong>" "{messages}</li>
                                }).collect_view()}
                            </ul>
                        </div>
                    }.into_any(),
                    ImportOutcome::Failed(message) => view! {
                        <div class="error-notice" role="alert"><p>{message}</p></div>
                    }.into_any(),
                })}
            </div>
            <form on:submit=submit novalidate=true data-testid="import-form">
                <div class="field">
                    <label class="label" for="import-file">{move || t().csv_file}</label>
                    <p class="hint" id="import-hint">{move || t().import_hint}</p>
                    <input id="import-file" class="input" type="file" accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" node_ref=file
                        aria-describedby="import-hint" />
                </div>
                <button type="submit" class="button" data-testid="import" disabled=busy>
                    {move || if busy() { t().importing } else { t().import }}
                </button>
            </form>
        </section>
        <EditOpener />
        <RevokeForm staff />
    }
}

/// Opens the correction form of a decision by its number.
#[component]
fn EditOpener() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let number = RwSignal::new(String::new());
    let problem = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match number.get_untracked().trim().parse::<i64>() {
            Ok(id) if id > 0 => {
                navigate(&format!("/staff/decisions/{id}/edit"), Default::default())
            }
            _ => problem.set(true),
        }
    };
    view! {
        <section class="form-panel" aria-labelledby="edit-heading">
            <h2 id="edit-heading">{move || t().edit_heading}</h2>
            <p class="hint">{move || t().edit_hint}</p>
            <Show when=move || problem.get()>
                <div class="error-notice" role="alert"><p>{move || t().enter_number}</p></div>
            </Show>
            <form on:submit=submit novalidate=true data-testid="edit-opener">
                <div class="field">
                    <label class="label" for="edit-id">{move || t().decision_id}</label>
                    <input id="edit-id" class="input input--short" type="text" inputmode="numeric" autocomplete="off"
                        prop:value=number on:input=move |e| number.set(event_target_value(&e)) />
                </div>
                <button type="submit" class="button button--secondary" data-testid="open-edit">{move || t().open_edit}</button>
            </form>
        </section>
    }
}

#[component]
fn RevokeForm(staff: api::StaffApi) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let number = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<i64, String>>);
    // The revocation the editor is asked to confirm: (id, reason, the
    // decision's number and party when the public record can be read).
    let asking = RwSignal::new(None::<(i64, String, Option<(String, String)>)>);
    let look_up = Action::new_local(move |(id, reason): &(i64, String)| {
        let (id, reason) = (*id, reason.clone());
        async move { (id, reason, api::decision(id).await) }
    });
    Effect::new(move |_| match look_up.value().get() {
        Some((_, _, Err(ApiError::Server { status: 404, .. }))) => {
            message.set(Some(Err(t().no_decision.to_owned())));
        }
        Some((id, reason, found)) => {
            if let Ok(d) = &found
                && d.revocation.is_some()
            {
                message.set(Some(Err(t().already_revoked.to_owned())));
                return;
            }
            // A decision past its disclosure period is not public (410);
            // it can still be revoked, named by its number only.
            let named = found.ok().map(|d| (d.decision_no, d.party_name));
            asking.set(Some((id, reason, named)));
            request_animation_frame(|| focus_by_id("revoke-confirm"));
        }
        None => {}
    });
    let revoke = Action::new_local(move |(id, reason): &(i64, String)| {
        let (id, reason) = (*id, reason.clone());
        async move { staff.revoke_decision(id, &reason).await.map(|_| id) }
    });
    Effect::new(move |_| match revoke.value().get() {
        Some(Ok(id)) => {
            asking.set(None);
            message.set(Some(Ok(id)));
            reason.set(String::new());
        }
        Some(Err(error)) => {
            asking.set(None);
            message.set(Some(Err(match &error {
                ApiError::Server { status: 404, .. } => t().no_decision.to_owned(),
                ApiError::Server { status: 409, .. } => t().already_revoked.to_owned(),
                other => failure_message(other, i18n),
            })));
        }
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Ok(id) = number.get_untracked().trim().parse::<i64>() else {
            message.set(Some(Err(t().enter_number.to_owned())));
            return;
        };
        let why = reason.get_untracked().trim().to_owned();
        if why.is_empty() {
            message.set(Some(Err(t().enter_reason.to_owned())));
            return;
        }
        message.set(None);
        asking.set(None);
        look_up.dispatch((id, why));
    };
    view! {
        <section class="form-panel" aria-labelledby="revoke-heading">
            <h2 id="revoke-heading">{move || t().revoke_heading}</h2>
            <p class="hint">{move || t().revoke_hint}</p>
            {move || message.get().map(|m| match m {
                Ok(id) => view! {
                    <div class="panel--success" role="status" data-testid="revoked">
                        <p>{move || t().revoked}</p>
                        <p><A href=format!("/enforcement/decisions/{id}")>{move || t().view_public}</A></p>
                    </div>
                }.into_any(),
                Err(text) => view! { <div class="error-notice" role="alert"><p>{text}</p></div> }.into_any(),
            })}
            {move || asking.get().map(|(id, why, named)| {
                let (number, party) = named.unwrap_or_else(|| (format!("#{id}"), String::new()));
                let confirm = {
                    let why = why.clone();
                    move |_| { revoke.dispatch((id, why.clone())); }
                };
                view! {
                    <div id="revoke-confirm" class="notice notice--warning confirm" role="alertdialog" tabindex="-1"
                        aria-labelledby="revoke-confirm-question" data-testid="revoke-confirm">
                        <p id="revoke-confirm-question"><strong>{move || t().revoke_confirm}</strong></p>
                        <p>{number}" "{party}</p>
                        <p>{move || t().revoke_reason}"："{why}</p>
                        <p class="hint">{move || t().revoke_final}</p>
                        <div class="actions">
                            <button type="button" class="button button--danger" data-testid="confirm-revoke"
                                disabled=move || revoke.pending().get() on:click=confirm>{move || t().confirm_revoke}</button>
                            " "
                            <button type="button" class="button button--secondary" data-testid="cancel-revoke"
                                on:click=move |_| asking.set(None)>{move || t().cancel}</button>
                        </div>
                    </div>
                }
            })}
            <form on:submit=submit novalidate=true data-testid="revoke-form">
                <div class="field">
                    <label class="label" for="revoke-id">{move || t().decision_id}</label>
                    <input id="revoke-id" class="input input--short" type="text" inputmode="numeric" autocomplete="off"
                        prop:value=number on:input=move |e| number.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label class="label" for="revoke-reason">{move || t().revoke_reason}</label>
                    <textarea id="revoke-reason" class="input textarea" maxlength="500" rows="3"
                        prop:value=reason on:input=move |e| reason.set(event_target_value(&e))></textarea>
                </div>
                <button type="submit" class="button button--danger" data-testid="revoke" disabled=move || look_up.pending().get() || revoke.pending().get()>{move || t().revoke}</button>
            </form>
        </section>
    }
}

/// An import's problems by row, in the order of the file: "第 3 行" and
/// "罚款金额（元）：不是以元为单位的金额；…" (keys `rows.N` and `rows.N.HEADER`).
fn row_problems(fields: &FieldErrors, lang: Lang) -> Vec<(String, String)> {
    let zh = lang == Lang::Zh;
    // ((line, column's place in the file, the whole row first), what is said)
    let mut cells: Vec<((usize, usize), String)> = Vec::new();
    for (key, errors) in fields {
        let rest = key.strip_prefix("rows.").unwrap_or(key);
        let (line, column) = rest
            .split_once('.')
            .map_or((rest, None), |(l, c)| (l, Some(c)));
        let line = if key.starts_with("rows.") {
            line.parse::<usize>().unwrap_or(0)
        } else {
            0
        };
        let place = column.map_or(0, |c| {
            1 + CSV_HEADERS
                .iter()
                .position(|h| *h == c)
                .unwrap_or(CSV_HEADERS.len())
        });
        for error in errors {
            let said = problem_text(lang, error, &|_| None);
            let said = match column {
                Some(column) if zh => format!("{column}：{said}"),
                Some(column) => format!("{column}: {said}"),
                None => said,
            };
            cells.push(((line, place), said));
        }
    }
    cells.sort_by_key(|(at, _)| *at);
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for ((line, _), said) in cells {
        match rows.last_mut() {
            Some((last, all)) if *last == line => all.push(said),
            _ => rows.push((line, vec![said])),
        }
    }
    rows.into_iter()
        .map(|(line, said)| {
            // Line 0: the file as a whole (`file`, not a `rows.N` key).
            let row = match (line, zh) {
                (0, true) => "文件：".to_owned(),
                (0, false) => "The file:".to_owned(),
                (_, true) => format!("第 {line} 行："),
                (_, false) => format!("Row {line}:"),
            };
            (row, said.join(if zh { "；" } else { "; " }))
        })
        .collect()
}
