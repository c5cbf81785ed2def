//! `/report/new?step=…`: the report form, one question per page, then
//! "check your answers", then submit. The step lives in the address, so the
//! browser's back button goes back a step; the answers live in the draft.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_types::District;
use portal_types::enterprises::EnterpriseSummary;
use portal_types::reports::{MAX_DESCRIPTION_CHARS, MAX_PHOTO_BYTES, MAX_PHOTOS, ReportCategory};
use wasm_bindgen::JsCast;

use super::draft::{Draft, DraftPhoto, Enterprise, FormError, Step, keep_receipt};
use crate::api::{self, ApiError};
use crate::components::form::{ErrorSummary, FieldError, described_by, focus_by_id, has_problem};
use crate::components::head::Title;
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};

/// `/report/new`.
#[component]
pub fn ReportFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(Draft::load().unwrap_or_default());
    Effect::new(move |_| draft.with(Draft::save));
    let problems = RwSignal::new(Vec::<FormError>::new());
    let query = use_query_map();
    let step = Memo::new(move |_| {
        query
            .with(|q| q.get("step"))
            .as_deref()
            .and_then(Step::from_slug)
            .unwrap_or(Step::What)
    });
    let returning = Memo::new(move |_| query.with(|q| q.get("return")).as_deref() == Some("check"));
    // A new step starts without problems, with focus on its question.
    Effect::new(move |previous: Option<Step>| {
        let current = step.get();
        problems.set(Vec::new());
        if previous.is_some_and(|p| p != current) {
            request_animation_frame(|| {
                if let Some(h1) = document()
                    .query_selector("#main h1")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = h1.set_attribute("tabindex", "-1");
                    let _ = h1.focus();
                }
            });
        }
        current
    });
    let navigate = use_navigate();
    let go_on = Callback::new(move |()| {
        let current = step.get_untracked();
        let found = draft.with_untracked(|d| d.problems(current, i18n.t().report()));
        if found.is_empty() {
            let next = if returning.get_untracked() {
                Step::Check
            } else {
                current.next()
            };
            navigate(&next.href(false), NavigateOptions::default());
        } else {
            problems.set(found);
            request_animation_frame(|| focus_by_id("error-summary"));
        }
    });
    let t = move || i18n.t().report();
    let title = move || {
        let r = t();
        match step.get() {
            Step::What => r.what_title,
            Step::Where => r.where_title,
            Step::Enterprise => r.enterprise_title,
            Step::When => r.when_title,
            Step::Description => r.description_title,
            Step::Photos => r.photos_title,
            Step::Who => r.who_title,
            Step::Check => r.check_title,
        }
    };
    let back = move || {
        let current = step.get();
        if returning.get() {
            Some(Step::Check.href(false))
        } else {
            current.previous().map(|p| p.href(false))
        }
    };
    view! {
        <Title text=move || format!("{} - {}", title(), i18n.t().nav_report) />
        <div class="page report-form" data-testid="report-form">
            <p class="back-link">
                {move || match back() {
                    Some(href) => view! { <A href=href>{move || t().back}</A> }.into_any(),
                    None => view! { <A href="/report">{move || i18n.t().nav_report}</A> }.into_any(),
                }}
            </p>
            <p class="step-count" data-testid="step-count">
                {move || (t().step_of)(step.get().number(), Step::ALL.len())}
            </p>
            <ErrorSummary problems />
            {move || match step.get() {
                Step::What => view! { <WhatStep draft problems go_on /> }.into_any(),
                Step::Where => view! { <WhereStep draft problems go_on /> }.into_any(),
                Step::Enterprise => view! { <EnterpriseStep draft problems go_on /> }.into_any(),
                Step::When => view! { <WhenStep draft problems go_on /> }.into_any(),
                Step::Description => view! { <DescriptionStep draft problems go_on /> }.into_any(),
                Step::Photos => view! { <PhotosStep draft go_on /> }.into_any(),
                Step::Who => view! { <WhoStep draft problems go_on /> }.into_any(),
                Step::Check => view! { <CheckStep draft problems /> }.into_any(),
            }}
            <p class="draft-saved" aria-live="polite">{move || draft.with(Draft::is_started).then(|| t().draft_saved)}</p>
        </div>
    }
}

/// A step's form: submitting it checks the step and goes on.
#[component]
fn StepForm(go_on: Callback<()>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        go_on.run(());
    };
    view! {
        <form class="step-form" on:submit=submit novalidate>
            {children()}
            <button type="submit" class="button" data-testid="continue">{move || i18n.t().report().continue_button}</button>
        </form>
    }
}

fn input_value(event: &leptos::ev::Event) -> String {
    event
        .target()
        .and_then(|t| {
            t.dyn_ref::<web_sys::HtmlInputElement>()
                .map(web_sys::HtmlInputElement::value)
                .or_else(|| {
                    t.dyn_ref::<web_sys::HtmlTextAreaElement>()
                        .map(web_sys::HtmlTextAreaElement::value)
                })
                .or_else(|| {
                    t.dyn_ref::<web_sys::HtmlSelectElement>()
                        .map(web_sys::HtmlSelectElement::value)
                })
        })
        .unwrap_or_default()
}

fn edit(draft: RwSignal<Draft>, change: impl FnOnce(&mut Draft)) {
    draft.update(|d| {
        change(d);
        d.touched();
    });
}

#[component]
fn WhatStep(
    draft: RwSignal<Draft>,
    problems: RwSignal<Vec<FormError>>,
    go_on: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let invalid = has_problem(problems, "category");
    view! {
        <StepForm go_on>
            <fieldset class="field" class:field--error=invalid aria-describedby=described_by(problems, "category", Some("category-hint"))>
                <legend><h1 class="page__title">{move || t().what_title}</h1></legend>
                <p class="hint" id="category-hint">{move || t().what_hint}</p>
                <FieldError problems field="category" />
                <div class="radios" id="category" tabindex="-1">
                    {ReportCategory::ALL.iter().map(|&c| {
                        let id = format!("category-{}", c.slug());
                        let label_for = id.clone();
                        view! {
                            <label class="radio" for=label_for>
                                <input type="radio" id=id name="category" value=c.slug()
                                    prop:checked=move || draft.with(|d| d.category == Some(c))
                                    on:change=move |_| edit(draft, |d| d.category = Some(c)) />
                                <span>{move || if i18n.lang() == Lang::Zh { c.name_zh() } else { c.name_en() }}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </StepForm>
    }
}

#[component]
fn WhereStep(
    draft: RwSignal<Draft>,
    problems: RwSignal<Vec<FormError>>,
    go_on: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let locating = RwSignal::new(false);
    let location_failed = RwSignal::new(false);
    let locate = move |_| {
        location_failed.set(false);
        let Some(geolocation) = window().navigator().geolocation().ok() else {
            location_failed.set(true);
            return;
        };
        locating.set(true);
        let found =
            wasm_bindgen::closure::Closure::once_into_js(move |position: web_sys::Position| {
                let coords = position.coords();
                locating.set(false);
                edit(draft, |d| {
                    d.location = Some((coords.latitude(), coords.longitude()))
                });
            });
        let failed =
            wasm_bindgen::closure::Closure::once_into_js(move |_: wasm_bindgen::JsValue| {
                locating.set(false);
                location_failed.set(true);
            });
        if geolocation
            .get_current_position_with_error_callback(
                found.unchecked_ref(),
                Some(failed.unchecked_ref()),
            )
            .is_err()
        {
            locating.set(false);
            location_failed.set(true);
        }
    };
    view! {
        <StepForm go_on>
            <h1 class="page__title">{move || t().where_title}</h1>
            <div class="field" class:field--error=has_problem(problems, "district")>
                <label class="label" for="district">{move || t().district_label}</label>
                <FieldError problems field="district" />
                <select id="district" class="input" aria-describedby=described_by(problems, "district", None)
                    aria-invalid=move || has_problem(problems, "district")().to_string()
                    on:change=move |e| {
                        let slug = input_value(&e);
                        edit(draft, |d| d.district = District::from_slug(&slug));
                    }>
                    <option value="" selected=move || draft.with(|d| d.district.is_none())>{move || t().choose}</option>
                    {District::ALL.iter().map(|&d| view! {
                        <option value=d.slug() selected=move || draft.with(|x| x.district == Some(d))>
                            {move || if i18n.lang() == Lang::Zh { d.name_zh() } else { d.name_en() }}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field" class:field--error=has_problem(problems, "address")>
                <label class="label" for="address">{move || t().address_label}</label>
                <p class="hint" id="address-hint">{move || t().address_hint}</p>
                <FieldError problems field="address" />
                <input id="address" class="input input--wide" type="text" maxlength="200" autocomplete="off"
                    aria-describedby=described_by(problems, "address", Some("address-hint"))
                    aria-invalid=move || has_problem(problems, "address")().to_string()
                    prop:value=move || draft.with(|d| d.address.clone())
                    on:input=move |e| {
                        let value = input_value(&e);
                        edit(draft, |d| d.address = value);
                    } />
            </div>
            <div class="field">
                {move || match draft.with(|d| d.location) {
                    Some((lat, lon)) => view! {
                        <p class="location" data-testid="location">{(t().location_added)(lat, lon)}</p>
                        <button type="button" class="button button--secondary"
                            on:click=move |_| edit(draft, |d| d.location = None)>{move || t().remove_location}</button>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="button button--secondary" on:click=locate disabled=move || locating.get()>
                            {move || if locating.get() { t().locating } else { t().use_location }}
                        </button>
                    }.into_any(),
                }}
                <p class="hint" role="status">{move || location_failed.get().then(|| t().location_failed)}</p>
            </div>
        </StepForm>
    }
}

#[component]
fn EnterpriseStep(
    draft: RwSignal<Draft>,
    problems: RwSignal<Vec<FormError>>,
    go_on: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let search = RwSignal::new(String::new());
    // The search waits for a pause in typing.
    let settled = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |_| {
        let text = search.get();
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || settled.set(text),
            std::time::Duration::from_millis(300),
        )
        .ok();
        timer.set_value(handle);
    });
    let matches = PageData::keeping(move || {
        let text = settled.get();
        async move {
            if text.trim().chars().count() < 2 {
                Ok(Vec::new())
            } else {
                api::match_enterprises(text.trim()).await
            }
        }
    });
    // Text in the search box with no choice made would otherwise be lost
    // silently behind the preselected "I do not know".
    let go_on = Callback::new(move |()| {
        let searched = !search.with_untracked(|s| s.trim().is_empty());
        if searched && draft.with_untracked(|d| d.enterprise == Enterprise::Unknown) {
            problems.set(vec![FormError {
                field: "enterprise-search",
                message: t().enterprise_not_chosen.into(),
            }]);
            request_animation_frame(|| focus_by_id("error-summary"));
        } else {
            go_on.run(());
        }
    });
    let typed = move || matches!(draft.with(|d| d.enterprise.clone()), Enterprise::Typed(_));
    let chosen = move || match draft.with(|d| d.enterprise.clone()) {
        Enterprise::Listed(e) => Some(e),
        _ => None,
    };
    view! {
        <StepForm go_on>
            <h1 class="page__title">{move || t().enterprise_title}</h1>
            <p class="hint" id="enterprise-hint">{move || t().enterprise_hint}</p>
            {move || chosen().map(|e| view! {
                <div class="notice" data-testid="enterprise-chosen">
                    <p><strong>{move || t().enterprise_chosen}"："</strong>{e.name.clone()}" "<span class="code">{e.credit_code.clone()}</span></p>
                    <RecentReports enterprise_id=e.id />
                </div>
            })}
            <div class="field" class:field--error=has_problem(problems, "enterprise-search")>
                <label class="label" for="enterprise-search">{move || t().enterprise_search_label}</label>
                <FieldError problems field="enterprise-search" />
                <input id="enterprise-search" class="input input--wide" type="search" autocomplete="off" maxlength="50"
                    aria-describedby=described_by(problems, "enterprise-search", Some("enterprise-hint")) aria-controls="enterprise-options"
                    aria-invalid=move || has_problem(problems, "enterprise-search")().to_string()
                    prop:value=move || search.get()
                    on:input=move |e| search.set(input_value(&e)) />
            </div>
            <fieldset class="field" id="enterprise-options">
                <legend class="visually-hidden">{move || t().enterprise_title}</legend>
                {move || {
                        let found: Vec<EnterpriseSummary> = matches.get().and_then(Result::ok).unwrap_or_default();
                        let searched = settled.get_untracked().trim().chars().count() >= 2;
                        view! {
                            <p class="hint" role="status">
                                {searched.then(|| if found.is_empty() { t().enterprise_none_found.to_owned() } else { (t().enterprise_results)(found.len()) })}
                            </p>
                            <div class="radios" data-testid="enterprise-results">
                                {found.into_iter().map(|e| {
                                    let id = format!("enterprise-{}", e.id);
                                    let label_for = id.clone();
                                    let picked = e.clone();
                                    let this = e.id;
                                    view! {
                                        <label class="radio" for=label_for>
                                            <input type="radio" id=id name="enterprise"
                                                prop:checked=move || draft.with(|d| matches!(&d.enterprise, Enterprise::Listed(x) if x.id == this))
                                                on:change=move |_| edit(draft, |d| d.enterprise = Enterprise::Listed(picked.clone())) />
                                            <span>{e.name.clone()}<br /><span class="code small">{e.credit_code.clone()}</span></span>
                                        </label>
                                    }
                                }).collect_view()}
                            </div>
                        }
                }}
                <div class="radios">
                    <label class="radio" for="enterprise-typed">
                        <input type="radio" id="enterprise-typed" name="enterprise" prop:checked=typed
                            on:change=move |_| edit(draft, |d| d.enterprise = Enterprise::Typed(search.get_untracked())) />
                        <span>{move || t().enterprise_not_listed}</span>
                    </label>
                    <Show when=typed>
                        <div class="field conditional" class:field--error=has_problem(problems, "enterprise-name")>
                            <label class="label" for="enterprise-name">{move || t().enterprise_name_label}</label>
                            <FieldError problems field="enterprise-name" />
                            <input id="enterprise-name" class="input input--wide" type="text" maxlength="100"
                                prop:value=move || match draft.with(|d| d.enterprise.clone()) { Enterprise::Typed(n) => n, _ => String::new() }
                                on:input=move |e| {
                                    let value = input_value(&e);
                                    edit(draft, |d| d.enterprise = Enterprise::Typed(value));
                                } />
                        </div>
                    </Show>
                    <label class="radio" for="enterprise-unknown">
                        <input type="radio" id="enterprise-unknown" name="enterprise"
                            prop:checked=move || draft.with(|d| d.enterprise == Enterprise::Unknown)
                            on:change=move |_| edit(draft, |d| d.enterprise = Enterprise::Unknown) />
                        <span>{move || t().enterprise_unknown}</span>
                    </label>
                </div>
            </fieldset>
        </StepForm>
    }
}

/// Says how many reports named this enterprise in the last 30 days.
#[component]
fn RecentReports(enterprise_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let recent = PageData::new(move || api::recent_reports(enterprise_id));
    view! {
        {move || match recent.get() {
            Some(Ok(r)) if r.count > 0 => Some(view! {
                <p class="duplicate-hint" data-testid="recent-reports">{(i18n.t().report().recent_reports)(r.count)}</p>
            }),
            _ => None,
        }}
    }
}

#[component]
fn WhenStep(
    draft: RwSignal<Draft>,
    problems: RwSignal<Vec<FormError>>,
    go_on: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let max = crate::i18n::minute_text(super::draft::now_in_china(), 'T');
    view! {
        <StepForm go_on>
            <h1 class="page__title">{move || t().when_title}</h1>
            <div class="field" class:field--error=has_problem(problems, "seen-at")>
                <label class="label" for="seen-at">{move || t().when_label}</label>
                <p class="hint" id="seen-at-hint">{move || t().when_hint}</p>
                <FieldError problems field="seen-at" />
                <input id="seen-at" class="input" type="datetime-local" max=max
                    aria-describedby=described_by(problems, "seen-at", Some("seen-at-hint"))
                    aria-invalid=move || has_problem(problems, "seen-at")().to_string()
                    prop:value=move || draft.with(|d| d.seen_at.clone())
                    on:input=move |e| {
                        let value = input_value(&e);
                        edit(draft, |d| d.seen_at = value);
                    } />
            </div>
        </StepForm>
    }
}

#[component]
fn DescriptionStep(
    draft: RwSignal<Draft>,
    problems: RwSignal<Vec<FormError>>,
    go_on: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let left = move || {
        let used = draft.with(|d| d.description.trim().chars().count());
        i64::try_from(MAX_DESCRIPTION_CHARS).unwrap_or(2000) - i64::try_from(used).unwrap_or(0)
    };
    view! {
        <StepForm go_on>
            <h1 class="page__title">{move || t().description_title}</h1>
            <div class="field" class:field--error=has_problem(problems, "description")>
                <label class="label" for="description">{move || t().description_label}</label>
                <p class="hint" id="description-hint">{move || t().description_hint}</p>
                <FieldError problems field="description" />
                <textarea id="description" class="input textarea" rows="8"
                    aria-describedby=move || format!("{} description-count", described_by(problems, "description", Some("description-hint"))())
                    aria-invalid=move || has_problem(problems, "description")().to_string()
                    prop:value=move || draft.with(|d| d.description.clone())
                    on:input=move |e| {
                        let value = input_value(&e);
                        edit(draft, |d| d.description = value);
                    }></textarea>
                <p class="count" id="description-count" class:count--over=move || left() < 0 aria-live="polite" data-testid="description-count">
                    {move || { let n = left(); if n >= 0 { (t().characters_left)(n) } else { (t().characters_over)(-n) } }}
                </p>
            </div>
        </StepForm>
    }
}

/// A photo being uploaded or uploaded in this visit, with its preview.
#[derive(Clone, Debug)]
struct Upload {
    name: String,
    progress: RwSignal<f64>,
    preview: Option<String>,
}

#[component]
fn PhotosStep(draft: RwSignal<Draft>, go_on: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let uploading = RwSignal::new(Vec::<Upload>::new());
    let previews = RwSignal::new(std::collections::HashMap::<String, String>::new());
    let messages = RwSignal::new(Vec::<String>::new());
    let on_files = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(files) = input.files() else { return };
        let mut problems = Vec::new();
        for index in 0..files.length() {
            let Some(file) = files.get(index) else {
                continue;
            };
            let name = file.name();
            let strings = i18n.t().report();
            let held =
                draft.with_untracked(|d| d.photos.len()) + uploading.with_untracked(Vec::len);
            if held >= MAX_PHOTOS {
                problems.push(strings.photo_too_many.to_owned());
                break;
            }
            if !matches!(
                file.type_().as_str(),
                "image/jpeg" | "image/png" | "image/webp"
            ) {
                problems.push((strings.photo_wrong_type)(&name));
                continue;
            }
            if file.size() > MAX_PHOTO_BYTES as f64 {
                problems.push((strings.photo_too_big)(&name));
                continue;
            }
            let preview = web_sys::Url::create_object_url_with_blob(&file).ok();
            let progress = RwSignal::new(0.0);
            let upload = Upload {
                name: name.clone(),
                progress,
                preview: preview.clone(),
            };
            uploading.update(|u| u.push(upload));
            leptos::task::spawn_local(async move {
                let result = api::upload_photo(&file, move |p| progress.set(p)).await;
                uploading.update(|u| u.retain(|x| x.name != name || x.progress != progress));
                match result {
                    Ok(photo) => {
                        if let Some(url) = preview {
                            previews.update(|p| {
                                p.insert(photo.token.clone(), url);
                            });
                        }
                        edit(draft, |d| {
                            d.photos.push(DraftPhoto {
                                token: photo.token,
                                name,
                                bytes: photo.bytes,
                            });
                        });
                    }
                    Err(error) => {
                        let t = i18n.t().report();
                        let text =
                            match &error {
                                // The server decoded the file and could not read
                                // it as an image of an allowed type.
                                ApiError::Server { body, .. }
                                    if body.fields.values().flatten().any(|e| {
                                        e.problem == portal_types::Problem::ImageTooLarge
                                    }) =>
                                {
                                    (t.photo_too_many_pixels)(&name)
                                }
                                ApiError::Server {
                                    status: 400 | 415, ..
                                } => (t.photo_wrong_type)(&name),
                                ApiError::Server { status: 413, .. } => (t.photo_too_big)(&name),
                                _ => (t.photo_failed)(&name),
                            };
                        messages.update(|m| m.push(text));
                    }
                }
            });
        }
        input.set_value("");
        messages.set(problems);
    };
    let remove = move |token: String| {
        edit(draft, |d| d.photos.retain(|p| p.token != token));
        leptos::task::spawn_local(async move {
            let _ = api::delete_photo(&token).await;
        });
    };
    view! {
        <StepForm go_on>
            <h1 class="page__title">{move || t().photos_title}</h1>
            <p class="hint" id="photos-hint">{move || t().photos_hint}</p>
            <div class="field">
                <label class="button button--secondary file-button" for="photos">{move || t().photos_add}</label>
                <input id="photos" class="file-input" type="file" accept="image/jpeg,image/png,image/webp" multiple
                    aria-describedby="photos-hint" on:change=on_files data-testid="photo-input" />
            </div>
            <ul class="messages" role="alert">
                {move || messages.get().into_iter().map(|m| view! { <li class="field-error">{m}</li> }).collect_view()}
            </ul>
            <ul class="photos" data-testid="photos">
                {move || draft.get().photos.into_iter().enumerate().map(|(i, p)| {
                    let token = p.token.clone();
                    let preview = previews.with(|all| all.get(&p.token).cloned());
                    let n = i + 1;
                    view! {
                        <li class="photo">
                            {match preview {
                                Some(url) => view! { <img src=url alt=move || (t().photo_alt)(n) class="photo__image" /> }.into_any(),
                                None => view! { <span class="photo__placeholder">{move || t().photo_kept}</span> }.into_any(),
                            }}
                            <span class="photo__name">{p.name.clone()}</span>
                            <button type="button" class="button button--secondary button--small"
                                on:click=move |_| remove(token.clone())>{move || (t().photos_remove)(n)}</button>
                        </li>
                    }
                }).collect_view()}
                {move || uploading.get().into_iter().map(|u| {
                    let progress = u.progress;
                    view! {
                        <li class="photo photo--uploading">
                            {u.preview.map(|url| view! { <img src=url alt="" class="photo__image" /> })}
                            <span class="photo__name">{u.name.clone()}</span>
                            <label class="small">
                                {move || t().photos_uploading}
                                <progress max="100" value=move || ((progress.get() * 100.0).round() as u32).to_string() data-testid="upload-progress"></progress>
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </StepForm>
    }
}

#[component]
fn WhoStep(
    draft: RwSignal<Draft>,
    problems: RwSignal<Vec<FormError>>,
    go_on: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let named = move || draft.with(|d| d.anonymous == Some(false));
    view! {
        <StepForm go_on>
            <fieldset class="field" class:field--error=has_problem(problems, "who-anonymous")>
                <legend><h1 class="page__title">{move || t().who_title}</h1></legend>
                <FieldError problems field="who-anonymous" />
                <div class="radios">
                    <label class="radio" for="who-anonymous">
                        <input type="radio" id="who-anonymous" name="who" aria-describedby="who-anonymous-hint"
                            prop:checked=move || draft.with(|d| d.anonymous == Some(true))
                            on:change=move |_| edit(draft, |d| d.anonymous = Some(true)) />
                        <span>{move || t().anonymous}<span class="hint block" id="who-anonymous-hint">{move || t().anonymous_hint}</span></span>
                    </label>
                    <label class="radio" for="who-named">
                        <input type="radio" id="who-named" name="who" aria-describedby="who-named-hint"
                            prop:checked=named
                            on:change=move |_| edit(draft, |d| d.anonymous = Some(false)) />
                        <span>{move || t().named}<span class="hint block" id="who-named-hint">{move || t().named_hint}</span></span>
                    </label>
                    <Show when=named>
                        <div class="conditional">
                            <div class="field" class:field--error=has_problem(problems, "reporter-name")>
                                <label class="label" for="reporter-name">{move || t().name_label}</label>
                                <FieldError problems field="reporter-name" />
                                <input id="reporter-name" class="input" type="text" maxlength="50" autocomplete="name"
                                    aria-invalid=move || has_problem(problems, "reporter-name")().to_string()
                                    prop:value=move || draft.with(|d| d.name.clone())
                                    on:input=move |e| { let v = input_value(&e); edit(draft, |d| d.name = v); } />
                            </div>
                            <div class="field" class:field--error=has_problem(problems, "reporter-phone")>
                                <label class="label" for="reporter-phone">{move || t().phone_label}</label>
                                <p class="hint" id="reporter-phone-hint">{move || t().phone_hint}</p>
                                <FieldError problems field="reporter-phone" />
                                <input id="reporter-phone" class="input" type="tel" maxlength="20" autocomplete="tel" inputmode="tel"
                                    aria-describedby=described_by(problems, "reporter-phone", Some("reporter-phone-hint"))
                                    aria-invalid=move || has_problem(problems, "reporter-phone")().to_string()
                                    prop:value=move || draft.with(|d| d.phone.clone())
                                    on:input=move |e| { let v = input_value(&e); edit(draft, |d| d.phone = v); } />
                            </div>
                        </div>
                    </Show>
                </div>
            </fieldset>
            <aside class="notice" data-testid="who-sees">
                <h2 class="notice__title">{move || t().who_sees_title}</h2>
                <ul>{move || t().who_sees.iter().map(|line| view! { <li>{*line}</li> }).collect_view()}</ul>
            </aside>
        </StepForm>
    }
}

/// What went wrong with a submit, in words for the reporter.
fn submit_problem(error: &ApiError, lang: Lang) -> String {
    let t = lang.strings().report();
    match error {
        ApiError::Network(_) => t.submit_failed_network.to_owned(),
        ApiError::Server { status: 409, .. } => t.submit_in_flight.to_owned(),
        ApiError::Server { status: 422, .. } => t.submit_key_reused.to_owned(),
        ApiError::Server {
            status: 429,
            retry_after,
            ..
        } => (t.submit_too_many)(retry_after.unwrap_or(3600)),
        ApiError::Server { body, .. } if !body.fields.is_empty() => {
            crate::i18n::fields_text(lang, &body.fields, " ")
        }
        ApiError::Server { .. } | ApiError::Decode(_) => t.submit_failed_network.to_owned(),
    }
}

#[component]
fn CheckStep(draft: RwSignal<Draft>, problems: RwSignal<Vec<FormError>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().report();
    let zh = move || i18n.lang() == Lang::Zh;
    let failure = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let submit = Action::new_local(move |(): &()| {
        let (report, key) = draft.with_untracked(|d| (d.to_report(), d.idempotency_key.clone()));
        draft.update(|d| d.attempted = true);
        async move {
            match report {
                Some(report) => api::submit_report(&report, &key).await.map_err(Some),
                None => Err(None),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(receipt) => {
                    keep_receipt(&receipt);
                    Draft::discard();
                    draft.set(Draft::new());
                    Draft::discard();
                    navigate("/report/receipt", NavigateOptions::default());
                }
                Err(Some(error)) => {
                    if error.status() == Some(422) {
                        draft.update(|d| {
                            d.attempted = true;
                            d.touched();
                        });
                    }
                    failure.set(Some(submit_problem(&error, i18n.lang())));
                    request_animation_frame(|| focus_by_id("submit-failure"));
                }
                Err(None) => {}
            }
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        failure.set(None);
        let found = draft.with_untracked(|d| d.problems(Step::Check, i18n.t().report()));
        if found.is_empty() {
            submit.dispatch(());
        } else {
            problems.set(found);
            request_animation_frame(|| focus_by_id("error-summary"));
        }
    };
    let row = move |label: &'static str, value: String, step: Step| {
        let change = move || (t().change_label)(label);
        view! {
            <div class="summary__row">
                <dt>{label}</dt>
                <dd>{if value.is_empty() { t().not_given.to_owned() } else { value }}</dd>
                <dd class="summary__action">
                    <A href=step.href(true) attr:aria-label=change>{move || t().change}</A>
                </dd>
            </div>
        }
    };
    let enterprise_id = move || match draft.with(|d| d.enterprise.clone()) {
        Enterprise::Listed(e) => Some(e.id),
        _ => None,
    };
    view! {
        <h1 class="page__title">{move || t().check_title}</h1>
        <p class="lead">{move || t().check_lead}</p>
        {move || enterprise_id().map(|id| view! { <RecentReports enterprise_id=id /> })}
        <dl class="summary" data-testid="check-answers">
            {move || {
                let d = draft.get();
                let r = t();
                let category = d.category.map(|c| if zh() { c.name_zh() } else { c.name_en() }).unwrap_or_default().to_owned();
                let district = d.district.map(|x| if zh() { x.name_zh() } else { x.name_en() }).unwrap_or_default().to_owned();
                let mut address = d.address.clone();
                if let Some((lat, lon)) = d.location {
                    address.push_str(&format!(" ({lat:.5}, {lon:.5})"));
                }
                let enterprise = match &d.enterprise {
                    Enterprise::Listed(e) => format!("{} {}", e.name, e.credit_code),
                    Enterprise::Typed(name) => name.clone(),
                    Enterprise::Unknown => String::new(),
                };
                let who = match d.anonymous {
                    Some(true) => r.anonymous.to_owned(),
                    Some(false) => format!("{}：{} {}", r.named, d.name.trim(), d.phone.trim()),
                    None => String::new(),
                };
                view! {
                    {row(r.category_label, category, Step::What)}
                    {row(r.district_short, district, Step::Where)}
                    {row(r.address_short, address, Step::Where)}
                    {row(r.enterprise_short, enterprise, Step::Enterprise)}
                    {row(r.when_short, d.seen_at.replace('T', " "), Step::When)}
                    {row(r.description_short, d.description.trim().to_owned(), Step::Description)}
                    {row(r.photos_short, (r.photos_count)(d.photos.len()), Step::Photos)}
                    {row(r.who_short, who, Step::Who)}
                }
            }}
        </dl>
        <form on:submit=on_submit novalidate>
            // Hidden from people; naive bots fill it, and the server drops their reports.
            <div class="honeypot" aria-hidden="true">
                <label for="website">"Website"</label>
                <input id="website" name="website" type="text" tabindex="-1" autocomplete="off"
                    on:input=move |e| { let v = input_value(&e); draft.update(|d| d.website = v); } />
            </div>
            <p>{move || t().declaration}</p>
            {move || failure.get().map(|message| view! {
                <div class="error-notice" id="submit-failure" role="alert" tabindex="-1" data-testid="submit-failure">
                    <p>{message}</p>
                </div>
            })}
            <button type="submit" class="button button--large" disabled=move || submit.pending().get() data-testid="submit">
                {move || if submit.pending().get() { t().submitting } else if failure.get().is_some() { t().submit_retry } else { t().submit }}
            </button>
        </form>
    }
}
