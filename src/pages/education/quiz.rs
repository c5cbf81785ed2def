//! `/education/quizzes/:slug`: a quiz, taken and scored in the page.
//!
//! Each question is a `<fieldset>` whose `<legend>` is the question, with
//! radio buttons (one answer) or check boxes (several), so that screen
//! readers announce the question with every option and the keyboard works
//! as it does in any form. After submitting, the score is announced and
//! every question shows the right answer, why, and its legal source.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_types::education::{Question, Quiz};

use super::{Breadcrumbs, topic_name};
use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};

/// `/education/quizzes/:slug`.
#[component]
pub fn QuizPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug")).unwrap_or_default());
    let quiz = PageData::new(move || {
        let slug = slug.get();
        async move { api::education_quiz(&slug).await }
    });
    view! {
        <div class="page" data-testid="quiz-page">
            <Breadcrumbs />
            {move || {
                    match quiz.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(quiz) => view! { <QuizForm quiz /> }.into_any(),
                        Err(error) if error.status() == Some(404) => view! {
                            {crate::components::head::respond_with(404)}
                            <Title text=move || i18n.t().nav_education />
                            <h1 class="page__title">{move || i18n.t().nav_education}</h1>
                            <p class="lead" data-testid="quiz-missing">{move || i18n.t().education().quiz_missing}</p>
                        }.into_any(),
                        Err(error) => view! {
                            <h1 class="page__title">{move || i18n.t().nav_education}</h1>
                            <ErrorNotice error on_retry=move |()| quiz.refetch() />
                        }.into_any(),
                    }
                }}}
        </div>
    }
}

/// Focuses an element by id (after the view has updated).
fn focus(id: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            element.scroll_into_view();
            let _ = element.focus();
        }
    });
}

#[component]
fn QuizForm(quiz: Quiz) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    let zh = move || i18n.lang() == Lang::Zh;
    let Quiz { summary, questions } = quiz;
    let total = questions.len();
    let chosen: Vec<RwSignal<Vec<u8>>> = (0..total).map(|_| RwSignal::new(Vec::new())).collect();
    let submitted = RwSignal::new(false);
    let missing = RwSignal::new(Vec::<usize>::new());
    let score = {
        let chosen = chosen.clone();
        let questions = questions.clone();
        Memo::new(move |_| {
            questions
                .iter()
                .zip(&chosen)
                .filter(|(q, c)| c.with(|c| q.is_right(c)))
                .count()
        })
    };
    let submit = {
        let chosen = chosen.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let unanswered: Vec<usize> = chosen
                .iter()
                .enumerate()
                .filter(|(_, c)| c.with(Vec::is_empty))
                .map(|(i, _)| i)
                .collect();
            if unanswered.is_empty() {
                missing.set(Vec::new());
                submitted.set(true);
                focus("quiz-score".to_owned());
            } else {
                missing.set(unanswered);
                focus("quiz-missing".to_owned());
            }
        }
    };
    let retry = {
        let chosen = chosen.clone();
        move |event: leptos::ev::MouseEvent| {
            // The same button element becomes the submit button as this
            // runs: without this, the click would then submit the form.
            event.prevent_default();
            for c in &chosen {
                c.set(Vec::new());
            }
            submitted.set(false);
            focus("question-1-option-1".to_owned());
        }
    };
    let topic = summary.topic;
    let (title, title_en) = (summary.title.clone(), summary.title_en.clone());
    let (lead, lead_en) = (summary.summary.clone(), summary.summary_en.clone());
    let page_title = move || {
        if zh() {
            title.clone()
        } else {
            title_en.clone()
        }
    };
    view! {
        <Title text=page_title.clone() />
        <h1 class="page__title">{page_title}</h1>
        <p class="result__meta"><span>{move || topic_name(topic, i18n)}</span></p>
        <p class="lead">{move || if zh() { lead.clone() } else { lead_en.clone() }}</p>
        <p>{move || (t().quiz_intro)(u32::try_from(total).unwrap_or(u32::MAX))}</p>
        {move || submitted.get().then(|| {
            let right = score.get();
            let verdict = if right == total { t().score_all } else if right * 10 >= total * 7 { t().score_most } else { t().score_some };
            view! {
                <div class="quiz-score panel--success" id="quiz-score" tabindex="-1" role="status" data-testid="quiz-score">
                    <p class="quiz-score__figure">{(t().score)(right, total)}</p>
                    <p>{verdict}</p>
                </div>
            }
        })}
        {move || {
            let unanswered = missing.get();
            (!unanswered.is_empty()).then(|| view! {
                <div class="error-summary" id="quiz-missing" tabindex="-1" role="alert" data-testid="quiz-unanswered">
                    <p class="error-summary__title">{(t().unanswered)(unanswered.len())}</p>
                    <ul class="error-summary__list">
                        {unanswered.into_iter().map(|i| {
                            let target = format!("question-{}-option-1", i + 1);
                            let go = move |event: leptos::ev::MouseEvent| {
                                event.prevent_default();
                                focus(target.clone());
                            };
                            view! { <li><a href=format!("#question-{}", i + 1) on:click=go>{(t().question_number)(i + 1)}</a></li> }
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
        <form class="quiz" on:submit=submit novalidate=true data-testid="quiz-form">
            <ol class="quiz__questions">
                {questions.into_iter().enumerate().map(|(index, question)| {
                    let selected = chosen[index];
                    view! { <QuestionView index total question selected submitted missing /> }
                }).collect_view()}
            </ol>
            <div class="actions">
                {move || if submitted.get() {
                    view! { <button type="button" class="button button--secondary" on:click=retry.clone() data-testid="quiz-retry">{move || t().retry_quiz}</button> }.into_any()
                } else {
                    view! { <button type="submit" class="button" id="quiz-submit" data-testid="quiz-submit">{move || t().submit_quiz}</button> }.into_any()
                }}
            </div>
        </form>
    }
}

#[component]
fn QuestionView(
    index: usize,
    total: usize,
    question: Question,
    selected: RwSignal<Vec<u8>>,
    submitted: RwSignal<bool>,
    missing: RwSignal<Vec<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().education();
    let number = index + 1;
    let multiple = question.multiple;
    let answer = question.answer.clone();
    let right = {
        let question = question.clone();
        move || selected.with(|s| question.is_right(s))
    };
    let options_text = question.options.clone();
    let letters = |indexes: &[u8]| -> String {
        indexes
            .iter()
            .map(|&i| char::from(b'A' + i))
            .map(String::from)
            .collect::<Vec<_>>()
            .join("、")
    };
    let is_missing = move || missing.with(|m| m.contains(&index));
    let options = question
        .options
        .iter()
        .enumerate()
        .map(|(option, text)| {
            let value = u8::try_from(option).unwrap_or(u8::MAX);
            let id = format!("question-{number}-option-{}", option + 1);
            let is_answer = answer.contains(&value);
            let toggle = move |_| {
                selected.update(|s| {
                    if multiple {
                        if let Some(at) = s.iter().position(|&v| v == value) {
                            s.remove(at);
                        } else {
                            s.push(value);
                            s.sort_unstable();
                        }
                    } else {
                        *s = vec![value];
                    }
                });
                missing.update(|m| m.retain(|&i| i != index));
            };
            view! {
                <li class="quiz-option"
                    class:quiz-option--right=move || submitted.get() && is_answer
                    class:quiz-option--wrong=move || submitted.get() && !is_answer && selected.with(|s| s.contains(&value))>
                    <input class="quiz-option__input" type=if multiple { "checkbox" } else { "radio" }
                        id=id.clone() name=format!("question-{number}") value=option.to_string()
                        prop:checked=move || selected.with(|s| s.contains(&value))
                        disabled=move || submitted.get()
                        on:change=toggle />
                    <label class="quiz-option__label" for=id>
                        <span class="quiz-option__letter" aria-hidden="true">{format!("{}.", char::from(b'A' + value))}</span>
                        {text.clone()}
                        {move || submitted.get().then(|| {
                            let chosen = selected.with(|s| s.contains(&value));
                            if is_answer {
                                Some(view! { <span class="quiz-option__mark quiz-option__mark--right" lang=i18n.lang().tag()>{format!("✓ {}", t().right_answer)}</span> })
                            } else if chosen {
                                Some(view! { <span class="quiz-option__mark quiz-option__mark--wrong" lang=i18n.lang().tag()>{format!("✗ {}", t().wrong_choice)}</span> })
                            } else {
                                None
                            }
                        }).flatten()}
                    </label>
                </li>
            }
        })
        .collect_view();
    let explanation = question.explanation.clone();
    let source = question.source.clone();
    view! {
        <li class="quiz__question" id=format!("question-{number}")>
            <fieldset class="quiz-question" class:field--error=is_missing
                aria-describedby=move || if is_missing() { format!("question-{number}-kind question-{number}-error") } else { format!("question-{number}-kind") }>
                <legend class="quiz-question__legend">
                    <span class="quiz-question__number">{move || (t().question_legend)(number, total)}</span>
                    <span class="quiz-question__text" lang="zh-CN">{question.text.clone()}</span>
                </legend>
                <p class="hint" id=format!("question-{number}-kind")>{move || if multiple { t().multiple_hint } else { t().single_hint }}</p>
                {move || is_missing().then(|| view! { <p class="field-error" id=format!("question-{number}-error")>{t().answer_this}</p> })}
                <ul class="quiz-options" lang="zh-CN">{options}</ul>
                {move || submitted.get().then(|| {
                    let right = right();
                    let yours = selected.get();
                    let answer_text = answer.iter().filter_map(|&i| options_text.get(usize::from(i)).map(|o| format!("{}. {o}", char::from(b'A' + i)))).collect::<Vec<_>>().join("；");
                    view! {
                        <div class="quiz-feedback" class:quiz-feedback--right=right class:quiz-feedback--wrong=!right
                            data-testid=format!("feedback-{number}")>
                            <p class="quiz-feedback__verdict">{if right { t().correct } else { t().incorrect }}</p>
                            <p>{t().your_answer}"："{if yours.is_empty() { t().not_answered.to_owned() } else { letters(&yours) }}</p>
                            <p>{t().right_answer}"："<span lang="zh-CN">{answer_text}</span></p>
                            <p><strong>{t().explanation}"："</strong><span lang="zh-CN">{explanation.clone()}</span></p>
                            <p class="small"><strong>{t().source}"："</strong><span lang="zh-CN">{source.clone()}</span></p>
                        </div>
                    }
                })}
            </fieldset>
        </li>
    }
}
