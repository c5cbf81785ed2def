//! `/blacklist/repair`: a listed enterprise applies for credit repair
//! (信用修复, early removal from the list); `/blacklist/repair/status`: it
//! follows the application, and adds documents when more are asked for.
//!
//! The form looks the code up as it is typed and says at once whether the
//! enterprise may apply and from which day (the rules' 12 months); the
//! server checks the same again. Nothing typed is lost on a failed submit:
//! the form keeps every field, and each problem is named beside its field.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_types::Problem;
use portal_types::blacklist::repair::{
    MAX_DOCUMENTS, MAX_STATEMENT_CHARS, MIN_STATEMENT_CHARS, NewRepairApplication, RepairEvent,
    RepairQuery, RepairReceipt, RepairStatus, RepairSupplement, RepairView,
};
use portal_types::blacklist::rules::earliest_early_removal;
use portal_types::blacklist::{EnterpriseProfile, ListingStatus};
use portal_types::reports::is_phone;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::components::form::{
    ErrorSummary, FieldError, FormError, described_by, focus_by_id, has_problem,
};
use crate::components::head::Title;
use crate::i18n::{I18n, Lang, RepairStrings, use_i18n};

fn today() -> chrono::NaiveDate {
    crate::pages::report::draft::now_in_china().date()
}

pub(crate) fn status_name(status: RepairStatus, lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        status.name_zh()
    } else {
        status.name_en()
    }
}

/// One document of the form: uploading, uploaded (with its token) or
/// failed (with what to say, and the file kept for a retry).
#[derive(Clone, Debug, PartialEq)]
struct Doc {
    id: u32,
    name: String,
    token: Option<String>,
    progress: f64,
    error: Option<String>,
}

/// The documents of a form, and the files kept for a retry.
#[derive(Clone, Copy)]
struct Docs {
    list: RwSignal<Vec<Doc>>,
    files: StoredValue<HashMap<u32, web_sys::File>, LocalStorage>,
    next: StoredValue<u32>,
}

impl Docs {
    fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            files: StoredValue::new_local(HashMap::new()),
            next: StoredValue::new(1),
        }
    }

    fn tokens(self) -> Vec<String> {
        self.list
            .get_untracked()
            .into_iter()
            .filter_map(|d| d.token)
            .collect()
    }

    fn busy_or_failed(self) -> bool {
        self.list
            .with_untracked(|l| l.iter().any(|d| d.token.is_none()))
    }

    fn add(self, file: web_sys::File, i18n: I18n) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|l| {
            l.push(Doc {
                id,
                name: file.name(),
                token: None,
                progress: 0.0,
                error: None,
            });
        });
        self.files.update_value(|f| {
            f.insert(id, file);
        });
        self.upload(id, i18n);
    }

    fn upload(self, id: u32, i18n: I18n) {
        let Some(file) = self.files.with_value(|f| f.get(&id).cloned()) else {
            return;
        };
        let list = self.list;
        list.update(|l| {
            if let Some(d) = l.iter_mut().find(|d| d.id == id) {
                d.error = None;
                d.progress = 0.0;
            }
        });
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = api::upload_repair_document(&file, move |p| {
                list.update(|l| {
                    if let Some(d) = l.iter_mut().find(|d| d.id == id) {
                        d.progress = p;
                    }
                });
            })
            .await;
            let t = i18n.t().repair();
            let outcome = match result {
                Ok(uploaded) => Ok(uploaded.token),
                Err(ApiError::Server {
                    status: 400 | 415, ..
                }) => Err((t.document_wrong_type)(&name)),
                Err(ApiError::Server { status: 413, .. }) => Err((t.document_too_big)(&name)),
                Err(_) => Err((t.document_failed)(&name)),
            };
            list.update(|l| {
                if let Some(d) = l.iter_mut().find(|d| d.id == id) {
                    match outcome {
                        Ok(token) => {
                            d.token = Some(token);
                            d.progress = 1.0;
                        }
                        Err(message) => d.error = Some(message),
                    }
                }
            });
        });
    }

    fn remove(self, id: u32) {
        self.list.update(|l| l.retain(|d| d.id != id));
        self.files.update_value(|f| {
            f.remove(&id);
        });
    }
}

/// The file picker and the list of documents, each with its progress, its
/// error and a retry, and a remove button.
#[component]
fn DocumentsField(docs: Docs, problems: RwSignal<Vec<FormError>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().repair();
    let on_files = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            for index in 0..files.length() {
                if let Some(file) = files.get(index) {
                    docs.add(file, i18n);
                }
            }
        }
        // The same file may be picked again after a removal.
        input.set_value("");
    };
    view! {
        <div class="field" class:field--error=has_problem(problems, "repair-documents")>
            <p class="label" id="repair-documents-label">{move || t().documents_label}</p>
            <p class="hint" id="repair-documents-hint">{move || t().documents_hint}</p>
            <FieldError problems field="repair-documents" />
            <label class="button button--secondary file-button" for="repair-documents">{move || t().documents_add}</label>
            <input id="repair-documents" class="file-input" type="file" multiple
                accept="application/pdf,image/jpeg,image/png,image/webp,.pdf"
                aria-describedby=described_by(problems, "repair-documents", Some("repair-documents-hint"))
                on:change=on_files data-testid="repair-file" />
            <ul class="documents" data-testid="repair-documents">
                {move || docs.list.get().into_iter().map(|doc| {
                    let id = doc.id;
                    let state = match (&doc.token, &doc.error) {
                        (Some(_), _) => view! { <span class="document__done">"✓ "{move || t().document_done}</span> }.into_any(),
                        (None, Some(error)) => view! {
                            <span class="field-error" role="alert">{error.clone()}</span>
                            <button type="button" class="button button--secondary button--small"
                                on:click=move |_| docs.upload(id, i18n) data-testid="document-retry">{move || i18n.t().retry}</button>
                        }.into_any(),
                        (None, None) => {
                            let percent = (doc.progress * 100.0).round();
                            view! { <progress max="100" value=percent.to_string()>{format!("{percent}%")}</progress> }.into_any()
                        }
                    };
                    view! {
                        <li class="document" data-testid="repair-document">
                            <span class="document__name">{doc.name.clone()}</span>
                            {state}
                            <button type="button" class="button button--secondary button--small"
                                on:click=move |_| docs.remove(id)>{move || t().document_remove}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// What the code typed says about applying.
#[derive(Clone, Debug, PartialEq)]
enum Standing {
    /// Nothing to say yet.
    Unknown,
    Looking,
    NotInDirectory,
    NotListed(String),
    /// Listed: its name, the listing's day, its term's end, and the first
    /// day it may apply.
    Listed {
        name: String,
        listed_on: chrono::NaiveDate,
        term_ends: chrono::NaiveDate,
        from: chrono::NaiveDate,
    },
}

fn standing_of(profile: &EnterpriseProfile) -> Standing {
    let standing = &profile.standing;
    match (&standing.listing, standing.status) {
        (Some(listing), ListingStatus::Listed) => Standing::Listed {
            name: standing.enterprise.name.clone(),
            listed_on: listing.listed_on,
            term_ends: listing.expected_removal_on,
            from: earliest_early_removal(listing.listed_on),
        },
        _ => Standing::NotListed(standing.enterprise.name.clone()),
    }
}

/// `/blacklist/repair`.
#[component]
pub fn RepairPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().repair();
    let given = use_query_map()
        .with_untracked(|q| q.get("code"))
        .unwrap_or_default();
    let code = RwSignal::new(given);
    let penalty = RwSignal::new(false);
    let corrected = RwSignal::new(false);
    let commitment = RwSignal::new(false);
    let statement = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let docs = Docs::new();
    let problems = RwSignal::new(Vec::<FormError>::new());
    let refusal = RwSignal::new(None::<String>);
    let receipt = RwSignal::new(None::<RepairReceipt>);
    let standing = RwSignal::new(Standing::Unknown);

    // Looks the code up whenever it is a whole code.
    Effect::new(move |previous: Option<String>| {
        let typed: String = code
            .get()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if previous.as_deref() != Some(typed.as_str()) {
            if typed.len() == 18 {
                standing.set(Standing::Looking);
                let wanted = typed.clone();
                leptos::task::spawn_local(async move {
                    let answer = match api::enterprise_profile(&wanted).await {
                        Ok(profile) => standing_of(&profile),
                        Err(error) if error.status() == Some(404) => Standing::NotInDirectory,
                        Err(_) => Standing::Unknown,
                    };
                    // An answer about a code typed before is not this one's.
                    let now: String = code
                        .get_untracked()
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric())
                        .map(|c| c.to_ascii_uppercase())
                        .collect();
                    if now == wanted {
                        standing.set(answer);
                    }
                });
            } else {
                standing.set(Standing::Unknown);
            }
        }
        typed
    });

    let submit = Action::new_local(move |application: &NewRepairApplication| {
        let application = application.clone();
        async move { api::apply_for_repair(&application).await }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let t = t();
        let application = NewRepairApplication {
            credit_code: code.get_untracked(),
            penalty_fulfilled: penalty.get_untracked(),
            hazards_corrected: corrected.get_untracked(),
            commitment: commitment.get_untracked(),
            statement: statement.get_untracked(),
            contact_name: contact.get_untracked(),
            contact_phone: phone.get_untracked(),
            documents: docs.tokens(),
        };
        let mut clean = application.clone();
        clean.clean();
        let mut found = Vec::new();
        let mut add = |field, message: &'static str| found.push(FormError::new(field, message));
        let errors = clean.validate().err().unwrap_or_default();
        if clean.credit_code.is_empty() {
            add("repair-code", t.code_missing);
        } else if errors.contains_key("credit_code") {
            add("repair-code", t.code_invalid);
        } else {
            match standing.get_untracked() {
                Standing::NotInDirectory => add("repair-code", t.code_unknown),
                Standing::NotListed(_) => add("repair-code", t.not_listed),
                Standing::Listed { from, .. } if today() < from => {
                    add("repair-code", t.too_early_problem);
                }
                _ => {}
            }
        }
        if !clean.penalty_fulfilled {
            add("repair-penalty", t.penalty_missing);
        }
        if !clean.hazards_corrected {
            add("repair-corrected", t.corrected_missing);
        }
        if !clean.commitment {
            add("repair-commitment", t.commitment_missing);
        }
        let length = clean.statement.chars().count();
        if length < MIN_STATEMENT_CHARS {
            add("repair-statement", t.statement_short);
        } else if length > MAX_STATEMENT_CHARS {
            add("repair-statement", t.statement_long);
        }
        if clean.contact_name.is_empty() {
            add("repair-contact", t.contact_name_missing);
        }
        if !is_phone(&clean.contact_phone) {
            add("repair-phone", t.contact_phone_invalid);
        }
        if docs.busy_or_failed() {
            add("repair-documents", t.documents_expired);
        } else if clean.documents.is_empty() {
            add("repair-documents", t.documents_missing);
        } else if clean.documents.len() > MAX_DOCUMENTS {
            add("repair-documents", t.documents_too_many);
        }
        let ok = found.is_empty();
        problems.set(found);
        refusal.set(None);
        if ok {
            submit.dispatch(application);
        } else {
            request_animation_frame(|| focus_by_id("error-summary"));
        }
    };
    // The server's answer: a receipt, or problems named by field.
    Effect::new(move |_| {
        let Some(result) = submit.value().get() else {
            return;
        };
        let t = i18n.t().repair();
        match result {
            Ok(answer) => {
                receipt.set(Some(answer));
                request_animation_frame(|| focus_by_id("repair-receipt"));
            }
            Err(ApiError::Server {
                status: 400, body, ..
            }) => {
                let mut found = Vec::new();
                for (field, errors) in &body.fields {
                    let has =
                        |wanted: fn(&Problem) -> bool| errors.iter().any(|e| wanted(&e.problem));
                    let problem = match field.as_str() {
                        "credit_code" if has(|p| matches!(p, Problem::TooEarly { .. })) => {
                            ("repair-code", t.too_early_problem)
                        }
                        "credit_code" if has(|p| *p == Problem::NotOnTheList) => {
                            ("repair-code", t.not_listed)
                        }
                        "credit_code" if has(|p| *p == Problem::UnknownEnterprise) => {
                            ("repair-code", t.code_unknown)
                        }
                        "credit_code" => ("repair-code", t.code_invalid),
                        "penalty_fulfilled" => ("repair-penalty", t.penalty_missing),
                        "hazards_corrected" => ("repair-corrected", t.corrected_missing),
                        "commitment" => ("repair-commitment", t.commitment_missing),
                        "statement" => ("repair-statement", t.statement_short),
                        "contact_name" => ("repair-contact", t.contact_name_missing),
                        "contact_phone" => ("repair-phone", t.contact_phone_invalid),
                        _ => ("repair-documents", t.documents_expired),
                    };
                    found.push(FormError {
                        field: problem.0,
                        message: problem.1.into(),
                    });
                }
                problems.set(found);
                request_animation_frame(|| focus_by_id("error-summary"));
            }
            Err(ApiError::Server { status: 409, .. }) => {
                refusal.set(Some(t.already_open.to_owned()));
            }
            Err(error) => refusal.set(Some(crate::components::status::message_of(&error, i18n))),
        }
    });

    view! {
        <Title text=move || t().title />
        <div class="page" data-testid="repair-page">
            {move || match receipt.get() {
                Some(receipt) => view! { <Receipt receipt /> }.into_any(),
                None => view! {
                    <h1 class="page__title">{move || t().title}</h1>
                    <p class="lead">{move || t().lead}</p>
                    <section class="notice">
                        <h2 class="notice__title">{move || t().rules_heading}</h2>
                        <ul>{move || t().rules.iter().map(|r| view! { <li>{*r}</li> }).collect_view()}</ul>
                    </section>
                    <ErrorSummary problems />
                    <form class="step-form" on:submit=on_submit novalidate=true data-testid="repair-form">
                        <div class="field" class:field--error=has_problem(problems, "repair-code")>
                            <label class="label" for="repair-code">{move || t().code_label}</label>
                            <p class="hint" id="repair-code-hint">{move || t().code_hint}</p>
                            <FieldError problems field="repair-code" />
                            <input id="repair-code" class="input input--code" type="text" autocomplete="off" spellcheck="false" maxlength="40"
                                prop:value=move || code.get() on:input=move |e| code.set(event_target_value(&e))
                                aria-describedby=described_by(problems, "repair-code", Some("repair-code-hint"))
                                aria-invalid=move || has_problem(problems, "repair-code")().to_string() />
                            <StandingNote standing />
                        </div>
                        <fieldset class="field" class:field--error=move || has_problem(problems, "repair-penalty")() || has_problem(problems, "repair-corrected")() || has_problem(problems, "repair-commitment")()>
                            <legend class="label">{move || t().conditions_legend}</legend>
                            <Condition id="repair-penalty" value=penalty problems label=|t| t.penalty_fulfilled />
                            <Condition id="repair-corrected" value=corrected problems label=|t| t.hazards_corrected />
                            <Condition id="repair-commitment" value=commitment problems label=|t| t.commitment />
                        </fieldset>
                        <div class="field" class:field--error=has_problem(problems, "repair-statement")>
                            <label class="label" for="repair-statement">{move || t().statement_label}</label>
                            <p class="hint" id="repair-statement-hint">{move || t().statement_hint}</p>
                            <FieldError problems field="repair-statement" />
                            <textarea id="repair-statement" class="input textarea" rows="6" maxlength="2000"
                                prop:value=move || statement.get() on:input=move |e| statement.set(event_target_value(&e))
                                aria-describedby=described_by(problems, "repair-statement", Some("repair-statement-hint"))
                                aria-invalid=move || has_problem(problems, "repair-statement")().to_string()></textarea>
                            <p class="count">{move || statement.with(|s| s.chars().count())}" / 2000"</p>
                        </div>
                        <p class="hint" id="repair-contact-hint">{move || t().contact_hint}</p>
                        <div class="field" class:field--error=has_problem(problems, "repair-contact")>
                            <label class="label" for="repair-contact">{move || t().contact_name}</label>
                            <FieldError problems field="repair-contact" />
                            <input id="repair-contact" class="input" type="text" autocomplete="name" maxlength="50"
                                prop:value=move || contact.get() on:input=move |e| contact.set(event_target_value(&e))
                                aria-describedby=described_by(problems, "repair-contact", Some("repair-contact-hint"))
                                aria-invalid=move || has_problem(problems, "repair-contact")().to_string() />
                        </div>
                        <div class="field" class:field--error=has_problem(problems, "repair-phone")>
                            <label class="label" for="repair-phone">{move || t().contact_phone}</label>
                            <FieldError problems field="repair-phone" />
                            <input id="repair-phone" class="input" type="tel" autocomplete="tel" maxlength="20"
                                prop:value=move || phone.get() on:input=move |e| phone.set(event_target_value(&e))
                                aria-describedby=described_by(problems, "repair-phone", Some("repair-contact-hint"))
                                aria-invalid=move || has_problem(problems, "repair-phone")().to_string() />
                        </div>
                        <DocumentsField docs problems />
                        {move || refusal.get().map(|text| view! { <p class="notice notice--warning" role="alert" data-testid="repair-refusal">{text}</p> })}
                        <button type="submit" class="button" disabled=move || submit.pending().get() data-testid="repair-submit">{move || t().submit}</button>
                    </form>
                    <p><a href="/blacklist/repair/status">{move || t().status_link}</a></p>
                }.into_any(),
            }}
        </div>
    }
}

/// One condition the applicant confirms.
#[component]
fn Condition(
    id: &'static str,
    value: RwSignal<bool>,
    problems: RwSignal<Vec<FormError>>,
    label: fn(&'static RepairStrings) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <FieldError problems field=id />
        <label class="check">
            <input type="checkbox" id=id prop:checked=move || value.get()
                on:change=move |e| value.set(event_target_checked(&e))
                aria-describedby=described_by(problems, id, None) />
            <span class="check__label">{move || label(i18n.t().repair())}</span>
        </label>
    }
}

/// What the code typed says: whose it is, and from when it may apply.
#[component]
fn StandingNote(standing: RwSignal<Standing>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().repair();
    let date = move |d| (i18n.t().date)(d);
    view! {
        <div aria-live="polite" data-testid="repair-standing">
            {move || match standing.get() {
                Standing::Unknown => ().into_any(),
                Standing::Looking => view! { <p class="hint">{move || t().looking_up}</p> }.into_any(),
                Standing::NotInDirectory => view! { <p class="notice notice--warning">{move || t().code_unknown}</p> }.into_any(),
                Standing::NotListed(name) => view! { <p class="notice notice--warning">{name}"："{move || t().not_listed}</p> }.into_any(),
                Standing::Listed { name, listed_on, term_ends, from } => {
                    let early = today() < from;
                    view! {
                        <div class="notice" class:notice--warning=early>
                            <p><strong>{name}</strong></p>
                            <dl class="fields">
                                <div class="fields__row"><dt>{move || t().listed_since}</dt><dd>{move || date(listed_on)}</dd></div>
                                <div class="fields__row"><dt>{move || t().may_apply_from}</dt><dd data-testid="repair-may-apply">{move || date(from)}</dd></div>
                                <div class="fields__row"><dt>{move || t().term_ends}</dt><dd>{move || date(term_ends)}</dd></div>
                            </dl>
                            <p data-testid="repair-standing-verdict">{move || if early { (t().too_early)(&date(from)) } else { t().may_apply_now.to_owned() }}</p>
                        </div>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// The receipt: reference and query code, the day a decision is due.
#[component]
fn Receipt(receipt: RepairReceipt) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().repair();
    let date = move |d| (i18n.t().date)(d);
    let decide_by = receipt.decide_by;
    let follow = format!("/blacklist/repair/status?reference={}", receipt.reference);
    view! {
        <div id="repair-receipt" tabindex="-1" data-testid="repair-receipt">
            <div class="panel panel--success">
                <h1 class="page__title">{move || t().receipt_heading}</h1>
                <p>{move || t().receipt_text}</p>
            </div>
            <dl class="receipt__numbers">
                <div>
                    <dt>{move || t().reference}</dt>
                    <dd class="receipt__number" data-testid="repair-reference">{receipt.reference.clone()}</dd>
                </div>
                <div>
                    <dt>{move || t().query_code}</dt>
                    <dd class="receipt__number" data-testid="repair-query-code">{receipt.query_code.clone()}</dd>
                </div>
            </dl>
            <p>{move || t().decide_by}"："<strong>{move || date(decide_by)}</strong></p>
            <p class="actions">
                <button type="button" class="button button--secondary" on:click=move |_| { let _ = window().print(); }>{move || i18n.t().print}</button>
                <a href=follow class="button" data-testid="repair-follow">{move || t().follow}</a>
            </p>
        </div>
    }
}

/// `/blacklist/repair/status`.
#[component]
pub fn RepairStatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().repair();
    let given = use_query_map()
        .with_untracked(|q| q.get("reference"))
        .unwrap_or_default();
    let reference = RwSignal::new(given);
    let code = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FormError>::new());
    let view_now = RwSignal::new(None::<Result<RepairView, ApiError>>);
    let lookup = Action::new_local(move |query: &RepairQuery| {
        let query = query.clone();
        async move {
            let answer = api::repair_status(&query).await;
            view_now.set(Some(answer));
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let t = t();
        let query = RepairQuery {
            reference: reference.get_untracked(),
            query_code: code.get_untracked(),
        };
        let mut found = Vec::new();
        if query.reference.trim().is_empty() {
            found.push(FormError {
                field: "repair-reference",
                message: t.reference_missing.into(),
            });
        }
        if query.query_code.trim().is_empty() {
            found.push(FormError {
                field: "repair-query-code",
                message: t.query_code_missing.into(),
            });
        }
        let ok = found.is_empty();
        problems.set(found);
        if ok {
            lookup.dispatch(query);
            request_animation_frame(|| focus_by_id("repair-status-result"));
        } else {
            request_animation_frame(|| focus_by_id("error-summary"));
        }
    };
    let query = move || RepairQuery {
        reference: reference.get_untracked(),
        query_code: code.get_untracked(),
    };
    view! {
        <Title text=move || t().status_title />
        <div class="page" data-testid="repair-status-page">
            <h1 class="page__title">{move || t().status_title}</h1>
            <p class="lead">{move || t().status_lead}</p>
            <ErrorSummary problems />
            <form class="search-box" on:submit=on_submit novalidate=true>
                <div class="field" class:field--error=has_problem(problems, "repair-reference")>
                    <label class="label" for="repair-reference">{move || t().reference}</label>
                    <FieldError problems field="repair-reference" />
                    <input id="repair-reference" class="input" type="text" autocomplete="off" spellcheck="false" maxlength="40"
                        prop:value=move || reference.get() on:input=move |e| reference.set(event_target_value(&e))
                        aria-describedby=described_by(problems, "repair-reference", None) />
                </div>
                <div class="field" class:field--error=has_problem(problems, "repair-query-code")>
                    <label class="label" for="repair-query-code">{move || t().query_code}</label>
                    <FieldError problems field="repair-query-code" />
                    <input id="repair-query-code" class="input" type="text" autocomplete="off" spellcheck="false" maxlength="20"
                        prop:value=move || code.get() on:input=move |e| code.set(event_target_value(&e))
                        aria-describedby=described_by(problems, "repair-query-code", None) />
                </div>
                <button type="submit" class="button" disabled=move || lookup.pending().get() data-testid="repair-status-submit">{move || t().status_submit}</button>
            </form>
            <div id="repair-status-result" tabindex="-1">
                {move || view_now.get().map(|answer| match answer {
                    Ok(view) => view! { <RepairStatusView view query=query() on_change=move |v| view_now.set(Some(Ok(v))) /> }.into_any(),
                    Err(error) => {
                        let message = match &error {
                            ApiError::Server { status: 404, .. } => t().status_not_found.to_owned(),
                            other => crate::components::status::message_of(other, i18n),
                        };
                        view! { <div class="error-notice" role="alert" data-testid="repair-status-error"><p>{message}</p></div> }.into_any()
                    }
                })}
            </div>
        </div>
    }
}

/// An application as its applicant sees it; while more documents are asked
/// for, the form to add them.
#[component]
fn RepairStatusView(
    view: RepairView,
    query: RepairQuery,
    on_change: impl Fn(RepairView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().repair();
    let date = move |d| (i18n.t().date)(d);
    let china = |at: chrono::DateTime<chrono::Utc>| (at + chrono::Duration::hours(8)).naive_utc();
    let RepairView {
        reference,
        enterprise_name,
        credit_code,
        status,
        received_at,
        decide_by,
        decided_on,
        listed_on,
        term_ends_on,
        history,
        documents,
    } = view;
    let open = !status.is_closed();
    view! {
        <section class="status" data-testid="repair-status-view">
            <h2>{reference}" · "{enterprise_name}</h2>
            <p class="code">{credit_code}</p>
            <p class="status__current">
                {move || t().current}"："
                <strong class="tag" data-testid="repair-status-current">{move || status_name(status, i18n.lang())}</strong>
            </p>
            <h3>{move || t().dates}</h3>
            <dl class="fields">
                <div class="fields__row"><dt>{move || t().received_on}</dt><dd>{move || date(china(received_at).date())}</dd></div>
                {open.then(|| view! { <div class="fields__row"><dt>{move || t().decide_by}</dt><dd data-testid="repair-decide-by">{move || date(decide_by)}</dd></div> })}
                {decided_on.map(|d| view! { <div class="fields__row"><dt>{move || t().decided_on}</dt><dd>{move || date(d)}</dd></div> })}
                <div class="fields__row"><dt>{move || t().listed_since}</dt><dd>{move || date(listed_on)}</dd></div>
                {(status != RepairStatus::Approved).then(|| view! { <div class="fields__row"><dt>{move || t().term_ends}</dt><dd>{move || date(term_ends_on)}</dd></div> })}
                <div class="fields__row"><dt>{move || t().staff_documents}</dt><dd>{move || (t().documents_count)(documents)}</dd></div>
            </dl>
            <h3>{move || t().history}</h3>
            <ol class="timeline" data-testid="repair-history">
                {history.into_iter().map(|event: RepairEvent| {
                    let at = china(event.at);
                    view! {
                        <li class="timeline__item">
                            <p><strong>{move || status_name(event.status, i18n.lang())}</strong>" · "{crate::i18n::minute_text(at, ' ')}</p>
                            {event.note.map(|note| view! { <p class="timeline__reply">{move || t().note}"："{note.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(status == RepairStatus::MoreRequested).then(|| view! { <Supplement query on_change /> })}
        </section>
    }
}

/// Adding the documents asked for.
#[component]
fn Supplement(
    query: RepairQuery,
    on_change: impl Fn(RepairView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().repair();
    let docs = Docs::new();
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FormError>::new());
    let failure = RwSignal::new(None::<String>);
    let query = StoredValue::new(query);
    let send = Action::new_local(move |supplement: &RepairSupplement| {
        let supplement = supplement.clone();
        async move { api::supplement_repair(&supplement).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(view)) => on_change(view),
        Some(Err(error)) => failure.set(Some(match &error {
            ApiError::Server { status: 400, .. } => i18n.t().repair().documents_expired.to_owned(),
            other => crate::components::status::message_of(other, i18n),
        })),
        None => {}
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let t = t();
        let mut found = Vec::new();
        if docs.busy_or_failed() {
            found.push(FormError {
                field: "repair-documents",
                message: t.documents_expired.into(),
            });
        } else if docs.tokens().is_empty() {
            found.push(FormError {
                field: "repair-documents",
                message: t.documents_missing.into(),
            });
        }
        let ok = found.is_empty();
        problems.set(found);
        failure.set(None);
        if ok {
            let query = query.get_value();
            send.dispatch(RepairSupplement {
                reference: query.reference,
                query_code: query.query_code,
                documents: docs.tokens(),
                note: note.get_untracked(),
            });
        }
    };
    view! {
        <section class="panel" data-testid="repair-supplement">
            <h3>{move || t().supplement_heading}</h3>
            <ErrorSummary problems />
            <form class="step-form" on:submit=on_submit novalidate=true>
                <DocumentsField docs problems />
                <div class="field">
                    <label class="label" for="repair-supplement-note">{move || t().supplement_note}</label>
                    <textarea id="repair-supplement-note" class="input textarea" rows="3" maxlength="1000"
                        prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e))></textarea>
                </div>
                {move || failure.get().map(|text| view! { <p class="notice notice--warning" role="alert">{text}</p> })}
                <button type="submit" class="button" disabled=move || send.pending().get() data-testid="repair-supplement-submit">{move || t().supplement_submit}</button>
            </form>
        </section>
    }
}
