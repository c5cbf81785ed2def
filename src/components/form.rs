//! Form pieces in the GOV.UK pattern: an error summary at the top that links
//! to each field, and the message beside the field itself.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Lang, Strings, use_i18n};

/// A problem with one field: the id of its input and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    pub field: &'static str,
    pub message: String,
}

impl FormError {
    /// A problem of the field with this id.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// The problems of a form, in the order of its fields.
pub type FormErrors = RwSignal<Vec<FormError>>;

/// Moves keyboard focus to the element with this id, and shows it.
pub fn focus_by_id(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
        element.scroll_into_view();
    }
}

/// The list of problems, shown above the form; each line moves focus to its
/// field. The form moves focus to it when it is sent (`focus_by_id(id)`),
/// or, with `focus_when_shown`, the summary takes focus itself whenever it
/// appears. A page with two forms gives the second summary its own `id`.
#[component]
pub fn ErrorSummary(
    problems: FormErrors,
    #[prop(default = "error-summary")] id: &'static str,
    #[prop(default = |t| t.report().error_summary_title)] title: fn(&Strings) -> &'static str,
    #[prop(optional)] focus_when_shown: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    if focus_when_shown {
        Effect::new(move |_| {
            if problems.with(|p| !p.is_empty()) {
                request_animation_frame(move || focus_by_id(id));
            }
        });
    }
    view! {
        <Show when=move || !problems.with(Vec::is_empty)>
            <div class="error-summary" id=id role="alert" tabindex="-1" data-testid="error-summary">
                <h2 class="error-summary__title">{move || title(i18n.t())}</h2>
                <ul class="error-summary__list">
                    {move || problems.get().into_iter().map(|p| {
                        let target = p.field;
                        view! {
                            <li>
                                <a href=format!("#{target}") on:click=move |event: web_sys::MouseEvent| {
                                    event.prevent_default();
                                    focus_by_id(target);
                                }>{p.message}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

/// The message of one field, if it has a problem.
#[component]
pub fn FieldError(problems: FormErrors, field: &'static str) -> impl IntoView {
    let message = move || {
        problems.with(|all| {
            all.iter()
                .find(|p| p.field == field)
                .map(|p| p.message.clone())
        })
    };
    view! {
        {move || message().map(|m| view! {
            <p class="field-error" id=format!("{field}-error")>{m}</p>
        })}
    }
}

/// Whether a field has a problem (for `aria-invalid` and styling).
pub fn has_problem(problems: FormErrors, field: &'static str) -> impl Fn() -> bool + Copy {
    move || problems.with(|all| all.iter().any(|p| p.field == field))
}

/// `aria-describedby` of a field: its hint and, when it has one, its error.
pub fn described_by(
    problems: FormErrors,
    field: &'static str,
    hint: Option<&'static str>,
) -> impl Fn() -> String + Copy {
    move || {
        let mut ids = Vec::new();
        if let Some(hint) = hint {
            ids.push(hint.to_owned());
        }
        if problems.with(|all| all.iter().any(|p| p.field == field)) {
            ids.push(format!("{field}-error"));
        }
        ids.join(" ")
    }
}

/// A label in the reader's language.
pub type Label = fn(&Strings) -> &'static str;

/// A form field: the API's name for it, the element's id, its label.
pub type Field = (&'static str, &'static str, Label);

/// A labelled input (`kind` = text, date or number) or, `long`, a text area.
#[component]
pub fn Input(
    field: Field,
    value: RwSignal<String>,
    problems: FormErrors,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] long: bool,
    #[prop(optional)] hint: Option<(&'static str, Label)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (_, id, label) = field;
    let describedby = described_by(problems, id, hint.map(|(hint_id, _)| hint_id));
    view! {
        <div class="field">
            <label class="label" for=id>{move || label(i18n.t())}</label>
            {hint.map(|(hint_id, text)| view! { <p class="hint" id=hint_id>{move || text(i18n.t())}</p> })}
            <FieldError problems field=id />
            {if long {
                view! { <textarea id=id class="input textarea" rows="6" aria-describedby=describedby
                    prop:value=value on:input=move |e| value.set(event_target_value(&e))></textarea> }.into_any()
            } else {
                view! { <input id=id class="input" type=kind.unwrap_or("text") autocomplete="off" aria-describedby=describedby
                    prop:value=value on:input=move |e| value.set(event_target_value(&e)) /> }.into_any()
            }}
        </div>
    }
}

/// A select over a slug enum's values.
#[component]
pub fn Choice<T>(
    field: Field,
    value: RwSignal<T>,
    all: &'static [T],
    name: fn(T, Lang) -> &'static str,
    slug: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let (_, id, label) = field;
    view! {
        <div class="field">
            <label class="label" for=id>{move || label(i18n.t())}</label>
            <select id=id class="input" on:change=move |e| {
                if let Some(v) = parse(&event_target_value(&e)) { value.set(v) }
            }>
                {all.iter().map(|&v| view! {
                    <option value=slug(v) selected=move || value.get() == v>{move || name(v, i18n.lang())}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
