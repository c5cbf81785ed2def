//! Form pieces in the GOV.UK pattern: an error summary at the top that links
//! to each field, and the message beside the field itself.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// A problem with one field: the id of its input and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: &'static str,
}

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

/// The list of problems, shown above the form; it takes focus when it
/// appears, and each line moves focus to its field.
#[component]
pub fn ErrorSummary(problems: RwSignal<Vec<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || !problems.with(Vec::is_empty)>
            <div class="error-summary" id="error-summary" role="alert" tabindex="-1" data-testid="error-summary">
                <h2 class="error-summary__title">{move || i18n.t().report().error_summary_title}</h2>
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
pub fn FieldError(problems: RwSignal<Vec<Problem>>, field: &'static str) -> impl IntoView {
    let message =
        move || problems.with(|all| all.iter().find(|p| p.field == field).map(|p| p.message));
    view! {
        {move || message().map(|m| view! {
            <p class="field-error" id=format!("{field}-error")>{m}</p>
        })}
    }
}

/// Whether a field has a problem (for `aria-invalid` and styling).
pub fn has_problem(
    problems: RwSignal<Vec<Problem>>,
    field: &'static str,
) -> impl Fn() -> bool + Copy {
    move || problems.with(|all| all.iter().any(|p| p.field == field))
}

/// `aria-describedby` of a field: its hint and, when it has one, its error.
pub fn described_by(
    problems: RwSignal<Vec<Problem>>,
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
