//! `/staff/decisions/:id/edit`: an editor corrects a published decision.
//! Every field but the number can change; the fields that differ become a
//! new version, which the public page shows with its date and reason.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_types::decisions::DecisionDetail;
use portal_types::staff::decisions::DecisionEdit;
use portal_types::staff::{Role, Session};
use portal_types::{District, Industry, PenaltyCategory};

use super::{StaffBar, StaffGate, failure_message};
use crate::api::{self, ApiError};
use crate::components::form::focus_by_id;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{Lang, use_i18n};

/// Yuan with up to two decimals, as fen.
fn fen(text: &str) -> Option<i64> {
    let text = text.trim().replace([',', '，'], "");
    if text.is_empty() {
        return Some(0);
    }
    let (whole, cents) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() || cents.len() > 2 || whole.len() > 12 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = if cents.is_empty() {
        0
    } else {
        format!("{cents:0<2}").parse().ok()?
    };
    Some(whole * 100 + cents)
}

fn yuan(fen: i64) -> String {
    if fen % 100 == 0 {
        (fen / 100).to_string()
    } else {
        format!("{}.{:02}", fen / 100, fen % 100)
    }
}

/// `/staff/decisions/:id/edit`.
#[component]
pub fn DecisionEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    view! {
        <Title text=move || (t().edit_title)(&format!("#{}", id())) />
        <div class="page" data-testid="decision-edit-page">
            <p class="breadcrumbs-inline"><A href="/staff/decisions">{move || t().decisions}</A></p>
            <h1 class="page__title">{move || (t().edit_title)(&format!("#{}", id()))}</h1>
            <StaffGate role=Role::Editor view=move |session: Session| view! { <Loader session id=id() /> } />
        </div>
    }
}

#[component]
fn Loader(session: Session, id: i64) -> impl IntoView {
    let detail = LocalResource::new(move || async move { api::decision(id).await });
    view! {
        <StaffBar session=session.clone() />
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                let staff = api::StaffApi::new(&session);
                Suspend::new(async move {
                    match detail.await {
                        Ok(detail) => view! { <EditForm detail staff /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| detail.refetch() /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn EditForm(detail: DecisionDetail, staff: api::StaffApi) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let d = move || i18n.t().decisions();
    let zh = move || i18n.lang() == Lang::Zh;
    let id = detail.id;
    let text = |value: &str| RwSignal::new(value.to_owned());
    let party_name = text(&detail.party_name);
    let credit_code = text(detail.credit_code.as_deref().unwrap_or_default());
    let legal_representative = text(detail.legal_representative.as_deref().unwrap_or_default());
    let violation_type = text(&detail.violation_type);
    let facts = text(&detail.facts);
    let violated_provisions = text(&detail.violated_provisions);
    let legal_basis = text(&detail.legal_basis);
    let penalty_content = text(&detail.penalty_content);
    let fine = text(&yuan(detail.fine_fen));
    let confiscated = text(&yuan(detail.confiscated_fen));
    let decided_on = text(&detail.decided_on.to_string());
    let disclosure_until = text(&detail.disclosure_until.to_string());
    let authority = text(&detail.authority);
    let district = RwSignal::new(detail.district);
    let industry = RwSignal::new(detail.industry);
    let categories = RwSignal::new(detail.penalty_categories.clone());
    let reason = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<u32, String>>);
    let save = Action::new_local(move |edit: &DecisionEdit| {
        let edit = edit.clone();
        async move { staff.edit_decision(id, &edit).await }
    });
    Effect::new(move |_| {
        let Some(result) = save.value().get() else {
            return;
        };
        outcome.set(Some(match result {
            Ok(saved) => {
                reason.set(String::new());
                Ok(saved.version)
            }
            Err(ApiError::Server {
                status: 400, body, ..
            }) => Err(crate::i18n::fields_text(i18n.lang(), &body.fields, "；")),
            Err(error) => Err(failure_message(&error, i18n)),
        }));
        request_animation_frame(|| focus_by_id("edit-outcome"));
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let date = |s: RwSignal<String>| {
            chrono::NaiveDate::parse_from_str(s.get_untracked().trim(), "%Y-%m-%d").ok()
        };
        let optional = |s: RwSignal<String>| {
            let value = s.get_untracked().trim().to_owned();
            (!value.is_empty()).then_some(value)
        };
        match (
            fen(&fine.get_untracked()),
            fen(&confiscated.get_untracked()),
            date(decided_on),
            date(disclosure_until),
        ) {
            (Some(fine_fen), Some(confiscated_fen), Some(decided), Some(until))
                if !reason.get_untracked().trim().is_empty() =>
            {
                outcome.set(None);
                save.dispatch(DecisionEdit {
                    reason: reason.get_untracked(),
                    party_name: party_name.get_untracked(),
                    credit_code: optional(credit_code),
                    legal_representative: optional(legal_representative),
                    violation_type: violation_type.get_untracked(),
                    facts: facts.get_untracked(),
                    violated_provisions: violated_provisions.get_untracked(),
                    legal_basis: legal_basis.get_untracked(),
                    penalty_categories: categories.get_untracked(),
                    penalty_content: penalty_content.get_untracked(),
                    fine_fen,
                    confiscated_fen,
                    decided_on: decided,
                    disclosure_until: until,
                    authority: authority.get_untracked(),
                    district: district.get_untracked(),
                    industry: industry.get_untracked(),
                });
            }
            _ => {
                outcome.set(Some(Err(t().edit_invalid.to_owned())));
                request_animation_frame(|| focus_by_id("edit-outcome"));
            }
        }
    };
    let input = move |id: &'static str,
                      label: fn(&crate::i18n::Strings) -> &'static str,
                      value: RwSignal<String>| {
        view! {
            <div class="field">
                <label class="label" for=id>{move || label(i18n.t())}</label>
                <input id=id class="input" type="text" autocomplete="off"
                    prop:value=value on:input=move |e| value.set(event_target_value(&e)) />
            </div>
        }
    };
    let area = move |id: &'static str,
                     label: fn(&crate::i18n::Strings) -> &'static str,
                     value: RwSignal<String>| {
        view! {
            <div class="field">
                <label class="label" for=id>{move || label(i18n.t())}</label>
                <textarea id=id class="input textarea" rows="4"
                    prop:value=value on:input=move |e| value.set(event_target_value(&e))></textarea>
            </div>
        }
    };
    view! {
        <p class="decision__number">{detail.decision_no.clone()}" · " <A href=format!("/enforcement/decisions/{id}")>{move || t().view_public}</A></p>
        <p class="hint">{move || t().edit_hint}</p>
        <div id="edit-outcome" tabindex="-1">
            {move || outcome.get().map(|o| match o {
                Ok(version) => view! {
                    <div class="panel--success" role="status" data-testid="edit-done">
                        <p>{(t().edit_done)(u64::from(version))}</p>
                        <p><A href=format!("/enforcement/decisions/{id}")>{move || t().view_public}</A></p>
                    </div>
                }.into_any(),
                Err(text) => view! { <div class="error-notice" role="alert" data-testid="edit-error"><p>{text}</p></div> }.into_any(),
            })}
        </div>
        <form class="form-panel form-panel--wide" on:submit=submit novalidate=true data-testid="edit-form">
            {input("edit-party", |s| s.decisions().party_name, party_name)}
            {input("edit-code", |s| s.decisions().credit_code, credit_code)}
            {input("edit-representative", |s| s.decisions().legal_representative, legal_representative)}
            {input("edit-violation", |s| s.decisions().violation_type, violation_type)}
            {area("edit-facts", |s| s.decisions().facts, facts)}
            {area("edit-provisions", |s| s.decisions().violated_provisions, violated_provisions)}
            {area("edit-basis", |s| s.decisions().legal_basis, legal_basis)}
            <fieldset class="field">
                <legend class="label">{move || d().penalty_categories}</legend>
                <div class="radios">
                    {PenaltyCategory::ALL.iter().map(|&c| {
                        let id = format!("edit-category-{}", c.slug());
                        view! {
                            <label class="radio" for=id.clone()>
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || categories.with(|all| all.contains(&c))
                                    on:change=move |e| {
                                        let on = event_target_checked(&e);
                                        categories.update(|all| {
                                            all.retain(|x| *x != c);
                                            if on {
                                                all.push(c);
                                                all.sort_by_key(|x| PenaltyCategory::ALL.iter().position(|y| y == x));
                                            }
                                        });
                                    } />
                                <span>{move || if zh() { c.name_zh() } else { c.name_en() }}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            {area("edit-content", |s| s.decisions().penalty_content, penalty_content)}
            {input("edit-fine", |s| s.staff().fine_yuan, fine)}
            {input("edit-confiscated", |s| s.staff().confiscated_yuan, confiscated)}
            <p class="hint">{move || t().date_format}</p>
            {input("edit-decided", |s| s.decided_on, decided_on)}
            {input("edit-until", |s| s.decisions().disclosure_until, disclosure_until)}
            {input("edit-authority", |s| s.decisions().authority, authority)}
            <div class="field">
                <label class="label" for="edit-district">{move || d().district}</label>
                <select id="edit-district" class="input" on:change=move |e| {
                    if let Some(v) = District::from_slug(&event_target_value(&e)) { district.set(v) }
                }>
                    {District::ALL.iter().map(|&v| view! {
                        <option value=v.slug() selected=move || district.get() == v>{move || if zh() { v.name_zh() } else { v.name_en() }}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="label" for="edit-industry">{move || d().industry}</label>
                <select id="edit-industry" class="input" on:change=move |e| {
                    if let Some(v) = Industry::from_slug(&event_target_value(&e)) { industry.set(v) }
                }>
                    {Industry::ALL.iter().map(|&v| view! {
                        <option value=v.slug() selected=move || industry.get() == v>{move || if zh() { v.name_zh() } else { v.name_en() }}</option>
                    }).collect_view()}
                </select>
            </div>
            {area("edit-reason", |s| s.staff().edit_reason, reason)}
            <button type="submit" class="button" data-testid="save-correction" disabled=move || save.pending().get()>{move || t().save_correction}</button>
        </form>
    }
}
