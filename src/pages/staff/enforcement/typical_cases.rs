//! `/staff/enforcement/cases/…`: the typical case form.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_types::enforcement::ExposedCaseInput;
use portal_types::staff::Session;
use portal_types::{District, FieldErrors, Industry, Problem, field_error};

use super::{
    AfterSave, Choice, EditorPage, Field, Input, Saved, date_problem, district_name, industry_name,
    merge, problems_of, record_id, report_failure, today,
};
use crate::api;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_i18n;
use crate::pages::staff::{FormErrors, StaffErrorSummary};

const CASE_FIELDS: &[Field] = &[
    ("title", "case-title", |t| t.enforcement().title),
    ("industry", "case-industry", |t| t.enforcement().industry),
    ("district", "case-district", |t| t.enforcement().district),
    ("published_on", "case-published", |t| t.published_on),
    ("summary", "case-summary", |t| t.enforcement().summary),
    ("body", "case-body", |t| t.enforcement().case_story),
    ("lesson", "case-lesson", |t| t.enforcement().case_lesson),
    ("provisions", "case-provisions", |t| {
        t.enforcement().provisions
    }),
    ("decision_ids", "case-decisions", |t| {
        t.enforcement().decision_ids
    }),
];

/// `/staff/enforcement/cases/new` and `/staff/enforcement/cases/:id`.
#[component]
pub fn TypicalCaseEditPage() -> impl IntoView {
    let id = record_id();
    view! {
        <EditorPage title=|t| t.enforcement().cases_title test_id="case-edit-page" form=move |session: Session| {
            let staff = api::StaffApi::new(&session);
            let source = LocalResource::new(move || async move {
                match id.get() {
                    Some(Some(id)) => api::staff_case_source(id).await.map(Some),
                    _ => Ok(None),
                }
            });
            view! {
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match (id.get(), source.await) {
                            (None, _) => view! { <p class="error-notice" role="alert">{move || use_i18n().t().enforcement().case_missing}</p> }.into_any(),
                            (Some(id), Ok(input)) => view! { <CaseForm id input staff /> }.into_any(),
                            (_, Err(error)) => view! { <ErrorNotice error on_retry=move |()| source.refetch() /> }.into_any(),
                        }
                    })}
                </Suspense>
            }
        } />
    }
}

#[component]
fn CaseForm(
    id: Option<i64>,
    input: Option<ExposedCaseInput>,
    staff: api::StaffApi,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let text = |f: fn(&ExposedCaseInput) -> String| {
        RwSignal::new(input.as_ref().map(f).unwrap_or_default())
    };
    let title = text(|c| c.title.clone());
    let published_on = RwSignal::new(
        input
            .as_ref()
            .map_or_else(|| today().to_string(), |c| c.published_on.to_string()),
    );
    let summary = text(|c| c.summary.clone());
    let body = text(|c| c.body.clone());
    let lesson = text(|c| c.lesson.clone());
    let provisions = text(|c| c.provisions.clone());
    let decisions = text(|c| {
        c.decision_ids
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    });
    let industry = RwSignal::new(
        input
            .as_ref()
            .map_or(Industry::HazardousChemicals, |c| c.industry),
    );
    let district = RwSignal::new(input.as_ref().map_or(District::Lixia, |c| c.district));
    let problems: FormErrors = RwSignal::new(Vec::new());
    let after = AfterSave::new("cases", id);
    let done = after.done;
    let save = Action::new_local(move |input: &ExposedCaseInput| {
        let input = input.clone();
        async move { staff.save_case(id, &input).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => after.saved(saved.id),
        Some(Err(error)) => report_failure(&error, CASE_FIELDS, problems, i18n),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let mut errors = FieldErrors::new();
        let published = date_problem(&mut errors, "published_on", published_on);
        let mut ids = Vec::new();
        for entry in decisions
            .get_untracked()
            .split([',', '，', ' ', '、', ';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match entry.parse::<i64>() {
                Ok(id) if id > 0 => ids.push(id),
                _ => field_error::add(
                    &mut errors,
                    "decision_ids",
                    Problem::NotADecisionNumber {
                        value: entry.to_owned(),
                    },
                ),
            }
        }
        let input = ExposedCaseInput {
            title: title.get_untracked(),
            industry: industry.get_untracked(),
            district: district.get_untracked(),
            published_on: published,
            summary: summary.get_untracked(),
            body: body.get_untracked(),
            lesson: lesson.get_untracked(),
            provisions: provisions.get_untracked(),
            decision_ids: ids,
        };
        if let Err(more) = input.validate(today()) {
            merge(&mut errors, more, &["published_on"]);
        }
        if errors.is_empty() {
            problems.set(Vec::new());
            save.dispatch(input);
        } else {
            problems.set(problems_of(&errors, CASE_FIELDS, i18n));
        }
    };
    let [
        f_title,
        f_industry,
        f_district,
        f_published,
        f_summary,
        f_body,
        f_lesson,
        f_provisions,
        f_decisions,
    ] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(|i| CASE_FIELDS[i]);
    view! {
        {id.map(|id| view! { <p><A href=format!("/enforcement/cases/{id}")>{move || e().view_public}</A></p> })}
        <StaffErrorSummary problems />
        <Saved done />
        <form class="form-panel form-panel--wide" on:submit=submit novalidate=true data-testid="case-form">
            <Input field=f_title value=title problems />
            <Choice field=f_industry value=industry all=Industry::ALL name=industry_name slug=Industry::slug parse=Industry::from_slug />
            <Choice field=f_district value=district all=District::ALL name=district_name slug=District::slug parse=District::from_slug />
            <Input field=f_published value=published_on problems kind="date" />
            <Input field=f_summary value=summary problems long=true />
            <Input field=f_body value=body problems long=true hint=("case-body-hint", |t| t.enforcement().body_hint) />
            <Input field=f_lesson value=lesson problems long=true />
            <Input field=f_provisions value=provisions problems hint=("case-provisions-hint", |t| t.enforcement().provisions_hint) />
            <Input field=f_decisions value=decisions problems hint=("case-decisions-hint", |t| t.enforcement().decision_ids_hint) />
            <button type="submit" class="button" data-testid="save-case" disabled=move || save.pending().get()>{move || e().save}</button>
        </form>
    }
}
