//! `/staff/blacklist`: editors list an enterprise or take it off the list
//! (the listing stays in its history).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use portal_types::blacklist::rules::term_end;
use portal_types::blacklist::{ListingGround, RemovalBasis};
use portal_types::staff::listings::{NewListing, Removal};
use portal_types::staff::{Role, Session};

use super::{StaffBar, StaffGate, failure_message};
use crate::api::{self, ApiError};
use crate::i18n::{I18n, Lang, use_i18n};

/// A choice of the closed list an editor picks from.
#[component]
fn Choice(
    id: &'static str,
    label: fn(I18n) -> &'static str,
    value: RwSignal<String>,
    options: Vec<(&'static str, &'static str, &'static str)>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label class="label" for=id>{move || label(i18n)}</label>
            <select id=id class="input" on:change=move |e| value.set(event_target_value(&e))>
                <option value="" selected=move || value.get().is_empty()>{move || i18n.t().staff().choose}</option>
                {options.into_iter().map(|(slug, zh, en)| view! {
                    <option value=slug selected=move || value.get() == slug>{move || if i18n.lang() == Lang::Zh { zh } else { en }}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// `/staff/blacklist`.
#[component]
pub fn BlacklistAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    view! {
        <Title text=move || t().blacklist />
        <div class="page" data-testid="blacklist-admin-page">
            <h1 class="page__title">{move || t().blacklist}</h1>
            <StaffGate role=Role::Editor view=move |session: Session| {
                let staff = api::StaffApi::new(&session);
                view! {
                    <StaffBar session />
                    <p class="lead">{move || t().blacklist_lead}</p>
                    <RepairQueue staff />
                    <AddListing staff />
                    <RemoveListing staff />
                }
            } />
        </div>
    }
}

/// What a listing change's failure says.
fn listing_error(error: &ApiError, i18n: I18n, conflict: &'static str) -> String {
    match error {
        ApiError::Server { status: 409, .. } => conflict.to_owned(),
        ApiError::Server {
            status: 400, body, ..
        } => crate::i18n::fields_text(i18n.lang(), &body.fields, "；"),
        other => failure_message(other, i18n),
    }
}

/// One labelled text input or text area bound to a signal.
#[component]
fn TextField(
    id: &'static str,
    label: fn(I18n) -> &'static str,
    value: RwSignal<String>,
    #[prop(optional)] long: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label class="label" for=id>{move || label(i18n)}</label>
            {if long {
                view! { <textarea id=id class="input textarea" rows="3" maxlength="2000"
                    prop:value=value on:input=move |e| value.set(event_target_value(&e))></textarea> }.into_any()
            } else {
                view! { <input id=id class="input" type="text" autocomplete="off" maxlength="200"
                    prop:value=value on:input=move |e| value.set(event_target_value(&e)) /> }.into_any()
            }}
        </div>
    }
}

#[component]
fn AddListing(staff: api::StaffApi) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let code = RwSignal::new(String::new());
    let ground = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let breach = RwSignal::new(String::new());
    let authority = RwSignal::new("济南市应急管理局".to_owned());
    let listed_on = RwSignal::new(String::new());
    let removal_on = RwSignal::new(String::new());
    let measures = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let add = Action::new_local(move |listing: &NewListing| {
        let listing = listing.clone();
        async move { staff.add_listing(&listing).await }
    });
    Effect::new(move |_| match add.value().get() {
        Some(Ok(done)) => message.set(Some(Ok((t().listed_done)(&done.enterprise_name)))),
        Some(Err(error)) => message.set(Some(Err(listing_error(&error, i18n, t().already_listed)))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let date = |s: RwSignal<String>| {
            chrono::NaiveDate::parse_from_str(s.get_untracked().trim(), "%Y-%m-%d").ok()
        };
        let texts = [code, reason, breach, authority, measures];
        let picked = ListingGround::from_slug(&ground.get_untracked());
        let old_list = picked == Some(ListingGround::JointPunishment2017);
        match (picked, date(listed_on), date(removal_on)) {
            (Some(picked), Some(listed), removal)
                if texts.iter().all(|s| !s.get_untracked().trim().is_empty())
                    && (removal.is_some() || !old_list) =>
            {
                message.set(None);
                add.dispatch(NewListing {
                    credit_code: code.get_untracked().trim().to_owned(),
                    ground: picked,
                    reason: reason.get_untracked(),
                    breach_summary: breach.get_untracked(),
                    authority: authority.get_untracked(),
                    listed_on: listed,
                    // Under the 2023 rules the server works the term out.
                    expected_removal_on: removal.filter(|_| old_list),
                    measures: measures.get_untracked(),
                });
            }
            _ => message.set(Some(Err(t().fill_all.to_owned()))),
        }
    };
    view! {
        <section class="form-panel" aria-labelledby="add-listing-heading">
            <h2 id="add-listing-heading">{move || t().add_listing}</h2>
            <Outcome message />
            <form on:submit=submit novalidate=true data-testid="add-listing">
                <TextField id="listing-code" label=|i| i.t().staff().credit_code value=code />
                <Choice id="listing-ground" label=|i| i.t().staff().listing_ground value=ground
                    options=ListingGround::CURRENT.into_iter().chain([ListingGround::JointPunishment2017])
                        .map(|g| (g.slug(), g.zh(), g.en())).collect() />
                <TextField id="listing-reason" label=|i| i.t().staff().listing_reason value=reason long=true />
                <TextField id="listing-breach" label=|i| i.t().staff().breach_summary value=breach long=true />
                <TextField id="listing-authority" label=|i| i.t().staff().listing_authority value=authority />
                <TextField id="listing-on" label=|i| i.t().staff().listed_on value=listed_on />
                {move || {
                    if ground.get() == ListingGround::JointPunishment2017.slug() {
                        view! { <TextField id="listing-until" label=|i| i.t().staff().expected_removal value=removal_on /> }.into_any()
                    } else {
                        let ends = chrono::NaiveDate::parse_from_str(listed_on.get().trim(), "%Y-%m-%d").ok().map(term_end);
                        view! { <p class="hint" data-testid="term-ends">{ends.map(|d| (t().term_ends)((i18n.t().date)(d)))}</p> }.into_any()
                    }
                }}
                <TextField id="listing-measures" label=|i| i.t().staff().measures value=measures long=true />
                <button type="submit" class="button" data-testid="list-enterprise" disabled=move || add.pending().get()>{move || t().add_listing}</button>
            </form>
        </section>
    }
}

#[component]
fn RemoveListing(staff: api::StaffApi) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let code = RwSignal::new(String::new());
    let basis = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let remove = Action::new_local(move |removal: &Removal| {
        let removal = removal.clone();
        async move { staff.remove_listing(&removal).await }
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(done)) => message.set(Some(Ok((t().removed_done)(&done.enterprise_name)))),
        Some(Err(error)) => message.set(Some(Err(listing_error(&error, i18n, t().not_listed)))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let picked = RemovalBasis::from_slug(&basis.get_untracked());
        let Some(picked) = picked.filter(|_| {
            !code.get_untracked().trim().is_empty() && !reason.get_untracked().trim().is_empty()
        }) else {
            message.set(Some(Err(t().fill_all.to_owned())));
            return;
        };
        message.set(None);
        remove.dispatch(Removal {
            credit_code: code.get_untracked().trim().to_owned(),
            basis: picked,
            reason: reason.get_untracked(),
        });
    };
    view! {
        <section class="form-panel" aria-labelledby="remove-listing-heading">
            <h2 id="remove-listing-heading">{move || t().remove_listing}</h2>
            <Outcome message />
            <form on:submit=submit novalidate=true data-testid="remove-listing">
                <TextField id="removal-code" label=|i| i.t().staff().credit_code value=code />
                <Choice id="removal-basis" label=|i| i.t().staff().removal_basis value=basis
                    options=[RemovalBasis::CreditRepair, RemovalBasis::DecisionRevoked, RemovalBasis::ListedInError]
                        .into_iter().map(|b| (b.slug(), b.zh(), b.en())).collect() />
                <TextField id="removal-reason" label=|i| i.t().staff().removal_reason value=reason long=true />
                <button type="submit" class="button button--danger" data-testid="unlist-enterprise" disabled=move || remove.pending().get()>{move || t().remove_listing}</button>
            </form>
        </section>
    }
}

/// The result of the last change: done (with a link to the public check) or what went wrong.
#[component]
fn Outcome(message: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || message.get().map(|m| match m {
            Ok(text) => view! {
                <div class="panel--success" role="status" data-testid="listing-done">
                    <p>{text}</p>
                    <p><A href="/blacklist">{move || i18n.t().nav_blacklist}</A></p>
                </div>
            }.into_any(),
            Err(text) => view! { <div class="error-notice" role="alert" data-testid="listing-error"><p>{text}</p></div> }.into_any(),
        })}
    }
}

/// The open credit repair applications, each opened in place with its
/// statement, contact and documents, and the steps open to it.
#[component]
fn RepairQueue(staff: api::StaffApi) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().repair();
    let queue = LocalResource::new(api::staff_repairs);
    let opened = RwSignal::new(None::<String>);
    let date = move |d| (i18n.t().date)(d);
    view! {
        <section class="panel" data-testid="repair-queue">
            <h2>{move || t().staff_heading}</h2>
            {move || queue.get().map(|answer| match answer {
                Err(error) => view! { <p class="field-error" role="alert">{failure_message(&error, i18n)}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p data-testid="repair-queue-empty">{move || t().staff_empty}</p> }.into_any(),
                Ok(list) => view! {
                    <div class="table-wrap">
                        <table class="table table--stacked">
                            <thead><tr>
                                <th scope="col">{move || t().reference}</th>
                                <th scope="col">{move || t().staff_enterprise}</th>
                                <th scope="col">{move || t().staff_status}</th>
                                <th scope="col">{move || t().staff_due}</th>
                                <th scope="col"><span class="visually-hidden">{move || t().staff_open}</span></th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|item| {
                                    let reference = item.reference.clone();
                                    let status = item.status;
                                    let due = item.decide_by;
                                    view! {
                                        <tr data-testid="repair-row">
                                            <td data-label=move || t().reference class="code">{item.reference.clone()}</td>
                                            <td data-label=move || t().staff_enterprise>{item.enterprise_name.clone()}<br /><span class="code">{item.credit_code.clone()}</span></td>
                                            <td data-label=move || t().staff_status>{move || crate::pages::blacklist::repair::status_name(status, i18n.lang())}</td>
                                            <td data-label=move || t().staff_due>{move || date(due)}</td>
                                            <td><button type="button" class="button button--secondary button--small" data-testid="repair-open"
                                                on:click=move |_| opened.set(Some(reference.clone()))>{move || t().staff_open}</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            })}
            {move || opened.get().map(|reference| view! { <RepairCaseView reference staff on_done=move || queue.refetch() /> })}
        </section>
    }
}

/// One application in full, and its open steps.
#[component]
fn RepairCaseView(
    reference: String,
    staff: api::StaffApi,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    use portal_types::blacklist::repair::{RepairAction, RepairDecision};
    let i18n = use_i18n();
    let t = move || i18n.t().repair();
    let wanted = reference.clone();
    let case = LocalResource::new(move || {
        let wanted = wanted.clone();
        async move { api::staff_repair(&wanted).await }
    });
    let note = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let reference = StoredValue::new(reference);
    let step = Action::new_local(move |decision: &RepairDecision| {
        let decision = decision.clone();
        let reference = reference.get_value();
        async move { staff.decide_repair(&reference, &decision).await }
    });
    Effect::new(move |_| match step.value().get() {
        Some(Ok(_)) => {
            message.set(Some(i18n.t().repair().staff_done.to_owned()));
            note.set(String::new());
            case.refetch();
            on_done();
        }
        Some(Err(error)) => message.set(Some(match &error {
            ApiError::Server { status: 409, .. } => i18n.t().repair().staff_wrong_status.to_owned(),
            ApiError::Server { status: 400, .. } => i18n.t().repair().staff_note_missing.to_owned(),
            other => failure_message(other, i18n),
        })),
        None => {}
    });
    let zh = move || i18n.lang() == Lang::Zh;
    let date = move |d| (i18n.t().date)(d);
    let yes_no = move |b: bool| if b { t().yes } else { t().no };
    view! {
        <article class="repair-case" data-testid="repair-case">
            {move || case.get().map(|answer| match answer {
                Err(error) => view! { <p class="field-error" role="alert">{failure_message(&error, i18n)}</p> }.into_any(),
                Ok(case) => {
                    let reference = case.view.reference.clone();
                    let actions = case.actions.clone();
                    let listed_on = case.view.listed_on;
                    let received_at = case.view.received_at;
                    let decide_by = case.view.decide_by;
                    let open = !case.view.status.is_closed();
                    view! {
                        <h3>{case.view.reference.clone()}" · "{case.view.enterprise_name.clone()}</h3>
                        <p class="tag" data-testid="repair-case-status">{move || crate::pages::blacklist::repair::status_name(case.view.status, i18n.lang())}</p>
                        <dl class="fields">
                            <div class="fields__row"><dt>{move || t().staff_conditions}</dt><dd>
                                <ul>
                                    <li>{move || t().penalty_fulfilled}"："{yes_no(case.penalty_fulfilled)}</li>
                                    <li>{move || t().hazards_corrected}"："{yes_no(case.hazards_corrected)}</li>
                                    <li>{move || t().commitment}"："{yes_no(case.commitment)}</li>
                                </ul>
                            </dd></div>
                            <div class="fields__row"><dt>{move || t().listed_since}</dt><dd>{move || date(listed_on)}</dd></div>
                            <div class="fields__row"><dt>{move || t().may_apply_from}</dt><dd>{move || date(portal_types::blacklist::rules::earliest_early_removal(listed_on))}</dd></div>
                            <div class="fields__row"><dt>{move || t().received_on}</dt><dd>{move || date((received_at + chrono::Duration::hours(8)).date_naive())}</dd></div>
                            {open.then(|| view! { <div class="fields__row"><dt>{move || t().decide_by}</dt><dd>{move || date(decide_by)}</dd></div> })}
                            <div class="fields__row"><dt>{move || t().staff_statement}</dt><dd class="prewrap">{case.statement.clone()}</dd></div>
                            <div class="fields__row"><dt>{move || t().staff_contact}</dt><dd>{case.contact_name.clone()}" "{case.contact_phone.clone()}</dd></div>
                            <div class="fields__row"><dt>{move || t().staff_documents}</dt><dd>
                                <ul data-testid="repair-case-documents">
                                    {case.document_list.iter().enumerate().map(|(i, d)| {
                                        let href = api::staff_repair_document_url(&reference, d.id);
                                        let kind = if d.media_type == "application/pdf" { "PDF" } else { "JPEG" };
                                        let bytes = d.bytes;
                                        view! { <li><a href=href download="">{move || (t().staff_document)(i + 1, kind, bytes)}</a></li> }
                                    }).collect_view()}
                                </ul>
                            </dd></div>
                            <div class="fields__row"><dt>{move || t().history}</dt><dd>
                                <ol class="timeline">
                                    {case.view.history.iter().map(|e| {
                                        let status = e.status;
                                        let at = crate::i18n::minute_text((e.at + chrono::Duration::hours(8)).naive_utc(), ' ');
                                        view! { <li class="timeline__item"><p><strong>{move || crate::pages::blacklist::repair::status_name(status, i18n.lang())}</strong>" · "{at}</p>
                                            {e.note.clone().map(|n| view! { <p class="timeline__reply">{n}</p> })}</li> }
                                    }).collect_view()}
                                </ol>
                            </dd></div>
                        </dl>
                        {if actions.is_empty() {
                            view! { <p>{move || t().staff_closed}</p> }.into_any()
                        } else {
                            view! {
                                <div class="field">
                                    <label class="label" for="repair-note">{move || t().staff_note_label}</label>
                                    <p class="hint" id="repair-note-hint">{move || t().staff_note_hint}</p>
                                    <textarea id="repair-note" class="input textarea" rows="3" maxlength="1000" aria-describedby="repair-note-hint"
                                        prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e))></textarea>
                                </div>
                                <p class="actions">
                                    {actions.into_iter().map(|action: RepairAction| view! {
                                        <button type="button" class="button" class:button--secondary=action != RepairAction::Approve
                                            data-testid=format!("repair-{}", action.slug())
                                            disabled=move || step.pending().get()
                                            on:click=move |_| {
                                                step.dispatch(RepairDecision { action, note: note.get_untracked() });
                                            }>{move || if zh() { action.name_zh() } else { action.name_en() }}</button>
                                    }).collect_view()}
                                </p>
                            }.into_any()
                        }}
                    }.into_any()
                }
            })}
            {move || message.get().map(|m| view! { <p role="status" data-testid="repair-case-message">{m}</p> })}
        </article>
    }
}
