//! `/staff/enforcement/listings/…`: the listing form and the form of its
//! next step.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_types::enforcement::{HazardListing, HazardStatus, ListingInput, StepInput};
use portal_types::staff::Session;
use portal_types::{FieldErrors, Problem, field_error};

use super::{
    AfterSave, EditorPage, Field, Input, Saved, date_problem, merge, problems_of, record_id,
    report_failure, today,
};
use crate::api;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{Lang, use_i18n};
use crate::pages::enforcement::named;
use crate::pages::staff::{FormErrors, StaffErrorSummary};

const LISTING_FIELDS: &[Field] = &[
    ("credit_code", "listing-code", |t| {
        t.enforcement().credit_code
    }),
    ("hazard", "listing-hazard", |t| t.enforcement().hazard),
    ("description", "listing-description", |t| {
        t.enforcement().hazard_description
    }),
    ("requirements", "listing-requirements", |t| {
        t.enforcement().requirements
    }),
    ("authority", "listing-authority", |t| {
        t.enforcement().authority
    }),
    ("listed_on", "listing-on", |t| t.hazard_listed_on),
    ("deadline", "listing-deadline", |t| t.enforcement().deadline),
];

const STEP_FIELDS: &[Field] = &[
    // The status is the one the button names; its problem links there.
    ("status", "step-status", |t| t.enforcement().next_step),
    ("on", "step-on", |t| t.enforcement().step_on),
    ("note", "step-note", |t| t.enforcement().step_note),
];

/// `/staff/enforcement/listings/new` and `/staff/enforcement/listings/:id`.
#[component]
pub fn HazardListingEditPage() -> impl IntoView {
    let id = record_id();
    view! {
        <EditorPage title=|t| t.enforcement().listings_title test_id="listing-edit-page" form=move |session: Session| {
            let staff = api::StaffApi::new(&session);
            // The step just recorded, said once the listing is read again.
            let recorded = RwSignal::new(None::<HazardStatus>);
            let record = LocalResource::new(move || async move {
                match id.get() {
                    Some(Some(id)) => api::hazard_listing(id).await.map(Some),
                    _ => Ok(None),
                }
            });
            view! {
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match (id.get(), record.await) {
                            (None, _) => view! { <p class="error-notice" role="alert">{move || use_i18n().t().enforcement().listing_missing}</p> }.into_any(),
                            (Some(id), Ok(listing)) => view! {
                                {listing.clone().map(|found| view! { <StepForm listing=found staff recorded on_step=move || record.refetch() /> })}
                                <ListingForm id listing staff />
                            }.into_any(),
                            (_, Err(error)) => view! { <ErrorNotice error on_retry=move |()| record.refetch() /> }.into_any(),
                        }
                    })}
                </Suspense>
            }
        } />
    }
}

#[component]
fn ListingForm(
    id: Option<i64>,
    listing: Option<HazardListing>,
    staff: api::StaffApi,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let s = listing.as_ref().map(|l| &l.summary);
    let code = RwSignal::new(s.map(|s| s.credit_code.clone()).unwrap_or_default());
    let hazard = RwSignal::new(s.map(|s| s.hazard.clone()).unwrap_or_default());
    let authority =
        RwSignal::new(s.map_or_else(|| "济南市应急管理局".to_owned(), |s| s.authority.clone()));
    let listed_on =
        RwSignal::new(s.map_or_else(|| today().to_string(), |s| s.listed_on.to_string()));
    let deadline = RwSignal::new(s.map(|s| s.deadline.to_string()).unwrap_or_default());
    let description = RwSignal::new(
        listing
            .as_ref()
            .map(|l| l.description.clone())
            .unwrap_or_default(),
    );
    let requirements = RwSignal::new(
        listing
            .as_ref()
            .map(|l| l.requirements.clone())
            .unwrap_or_default(),
    );
    let problems: FormErrors = RwSignal::new(Vec::new());
    let after = AfterSave::new("listings", id);
    let done = after.done;
    let save = Action::new_local(move |input: &ListingInput| {
        let input = input.clone();
        async move { staff.save_hazard_listing(id, &input).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => after.saved(saved.id),
        Some(Err(error)) => report_failure(&error, LISTING_FIELDS, problems, i18n),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let mut errors = FieldErrors::new();
        let listed = date_problem(&mut errors, "listed_on", listed_on);
        let due = date_problem(&mut errors, "deadline", deadline);
        let input = ListingInput {
            credit_code: code.get_untracked().trim().to_owned(),
            hazard: hazard.get_untracked(),
            description: description.get_untracked(),
            requirements: requirements.get_untracked(),
            authority: authority.get_untracked(),
            listed_on: listed,
            deadline: due,
        };
        if input.credit_code.is_empty() {
            field_error::add(&mut errors, "credit_code", Problem::Required);
        }
        if let Err(more) = input.validate(today()) {
            merge(&mut errors, more, &["listed_on", "deadline"]);
        }
        if errors.is_empty() {
            problems.set(Vec::new());
            save.dispatch(input);
        } else {
            problems.set(problems_of(&errors, LISTING_FIELDS, i18n));
        }
    };
    let [
        f_code,
        f_hazard,
        f_description,
        f_requirements,
        f_authority,
        f_on,
        f_deadline,
    ] = [0, 1, 2, 3, 4, 5, 6].map(|i| LISTING_FIELDS[i]);
    view! {
        <section aria-labelledby="listing-form-heading">
            <h2 id="listing-form-heading">{move || if id.is_some() { e().edit } else { e().new_listing }}</h2>
            {id.map(|id| view! { <p><A href=format!("/enforcement/listings/{id}")>{move || e().view_public}</A></p> })}
            <StaffErrorSummary problems />
            <Saved done />
            <form class="form-panel form-panel--wide" on:submit=submit novalidate=true data-testid="listing-form">
                <Input field=f_code value=code problems />
                <Input field=f_hazard value=hazard problems />
                <Input field=f_description value=description problems long=true />
                <Input field=f_requirements value=requirements problems long=true />
                <Input field=f_authority value=authority problems />
                <Input field=f_on value=listed_on problems kind="date" />
                <Input field=f_deadline value=deadline problems kind="date" />
                <button type="submit" class="button" data-testid="save-listing" disabled=move || save.pending().get()>{move || e().save}</button>
            </form>
        </section>
    }
}

#[component]
fn StepForm<F>(
    listing: HazardListing,
    staff: api::StaffApi,
    recorded: RwSignal<Option<HazardStatus>>,
    on_step: F,
) -> impl IntoView
where
    F: Fn() + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let id = listing.summary.id;
    let current = listing.summary.status;
    let last = listing
        .steps
        .last()
        .map_or(listing.summary.listed_on, |s| s.on);
    // Whose hazard this is and what happened so far, above the next step.
    let summary = listing.summary.clone();
    let steps = listing.steps.clone();
    let record = view! {
        <section class="form-panel" aria-labelledby="listing-record-heading" data-testid="listing-record">
            <h2 id="listing-record-heading">{summary.hazard.clone()}</h2>
            <p>
                <A href=format!("/blacklist/enterprises/{}", summary.credit_code)>{summary.enterprise_name.clone()}</A>
                " "<span class="code">{summary.credit_code.clone()}</span>
            </p>
            <p>{move || e().deadline}"："{summary.deadline.to_string()}</p>
            <ol class="timeline">
                {steps.into_iter().map(|step| {
                    let status = step.status;
                    view! {
                        <li class="timeline__item">
                            <p><strong>{move || named(zh(), status.name_zh(), status.name_en())}</strong>" · "{step.on.to_string()}</p>
                            <p class="timeline__reply">{step.note}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {move || recorded.get().map(|status| view! {
                <p class="panel--success" role="status" data-testid="step-recorded">
                    {move || e().step_recorded}"："{move || named(zh(), status.name_zh(), status.name_en())}
                </p>
            })}
        </section>
    };
    let Some(next) = current.next() else {
        return view! {
            {record}
            <p class="notice" data-testid="listing-closed">{move || e().listing_closed}</p>
        }
        .into_any();
    };
    let on = RwSignal::new(today().to_string());
    let note = RwSignal::new(String::new());
    let problems: FormErrors = RwSignal::new(Vec::new());
    let step = Action::new_local(move |input: &StepInput| {
        let input = input.clone();
        async move { staff.listing_step(id, &input).await }
    });
    let reload = on_step.clone();
    Effect::new(move |_| match step.value().get() {
        Some(Ok(_)) => {
            recorded.set(Some(next));
            reload();
        }
        Some(Err(error)) => report_failure(&error, STEP_FIELDS, problems, i18n),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut errors = FieldErrors::new();
        let day = date_problem(&mut errors, "on", on);
        let input = StepInput {
            status: next,
            on: day,
            note: note.get_untracked(),
        };
        if let Err(more) = input.validate(current, last, today()) {
            merge(&mut errors, more, &["on"]);
        }
        if errors.is_empty() {
            problems.set(Vec::new());
            step.dispatch(input);
        } else {
            problems.set(problems_of(&errors, STEP_FIELDS, i18n));
        }
    };
    let [_, f_on, f_note] = [0, 1, 2].map(|i| STEP_FIELDS[i]);
    view! {
        {record}
        <section class="form-panel" aria-labelledby="step-heading" data-testid="step-form">
            <h2 id="step-heading">{move || e().next_step}"："{move || named(zh(), next.name_zh(), next.name_en())}</h2>
            <p>{move || e().status}"："<strong data-testid="current-status">{move || named(zh(), current.name_zh(), current.name_en())}</strong></p>
            <StaffErrorSummary problems id="step-problems" />
            <form on:submit=submit novalidate=true>
                <Input field=f_on value=on problems kind="date" />
                <Input field=f_note value=note problems long=true />
                <button type="submit" class="button" id="step-status" data-testid="add-step" disabled=move || step.pending().get()>{move || e().add_step}</button>
            </form>
        </section>
    }
    .into_any()
}
