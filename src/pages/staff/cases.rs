//! `/staff/reports` (the queue) and `/staff/reports/:reference` (a case):
//! case handlers take a report from received to reward paid, replying to
//! the reporter at each step.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use portal_types::District;
use portal_types::enforcement::AccidentGrade;
use portal_types::reports::{ReportCategory, ReportStatus};
use portal_types::staff::cases::{
    CaseDetail, CaseSummary, DecisionLink, Extension, Reporter, RewardBasis, RewardDecision,
    RewardPaid, StatusChange,
};
use portal_types::staff::{Role, Session};

use super::{StaffBar, StaffGate, failure_message};
use crate::api::{self, ApiError};
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{Lang, use_i18n};

fn china(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    (at + chrono::Duration::hours(8)).naive_utc()
}

/// `/staff/reports`.
#[component]
pub fn CaseQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    view! {
        <Title text=move || t().cases />
        <div class="page" data-testid="cases-page">
            <h1 class="page__title">{move || t().cases}</h1>
            <StaffGate role=Role::CaseHandler view=move |session: Session| view! { <Queue session /> } />
        </div>
    }
}

#[component]
fn Queue(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let zh = move || i18n.lang() == Lang::Zh;
    let query = use_query_map();
    let param = move |key: &str| query.with(|q| q.get(key)).unwrap_or_default();
    let queue = LocalResource::new(move || {
        let text = query.with(|q| {
            api::query_string(
                [
                    "status",
                    "category",
                    "district",
                    "overdue",
                    "older_than_days",
                    "page",
                ]
                .iter()
                .filter_map(|k| q.get_str(k).filter(|v| !v.is_empty()).map(|v| (*k, v))),
            )
        });
        async move { api::staff_case_queue(&text).await }
    });
    let status = RwSignal::new(param("status"));
    let category = RwSignal::new(param("category"));
    let district = RwSignal::new(param("district"));
    let overdue = RwSignal::new(param("overdue") == "true");
    let navigate = use_navigate();
    let filter = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (s, c, d) = (
            status.get_untracked(),
            category.get_untracked(),
            district.get_untracked(),
        );
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !s.is_empty() {
            pairs.push(("status", &s));
        }
        if !c.is_empty() {
            pairs.push(("category", &c));
        }
        if !d.is_empty() {
            pairs.push(("district", &d));
        }
        if overdue.get_untracked() {
            pairs.push(("overdue", "true"));
        }
        navigate(
            &format!("/staff/reports?{}", api::query_string(pairs)),
            Default::default(),
        );
    };
    let name =
        move |zh_name: &'static str, en_name: &'static str| if zh() { zh_name } else { en_name };
    view! {
        <StaffBar session />
        <p class="lead">{move || t().cases_lead}</p>
        <form class="filters-inline" on:submit=filter data-testid="case-filters">
            <div class="field">
                <label class="label" for="case-status">{move || t().status}</label>
                <select id="case-status" class="input" on:change=move |e| status.set(event_target_value(&e))>
                    <option value="" selected=move || status.get().is_empty()>{move || t().any}</option>
                    {ReportStatus::ALL.iter().map(|&s| view! {
                        <option value=s.slug() selected=move || status.get() == s.slug()>{move || name(s.name_zh(), s.name_en())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="label" for="case-category">{move || t().category}</label>
                <select id="case-category" class="input" on:change=move |e| category.set(event_target_value(&e))>
                    <option value="" selected=move || category.get().is_empty()>{move || t().any}</option>
                    {ReportCategory::ALL.iter().map(|&c| view! {
                        <option value=c.slug() selected=move || category.get() == c.slug()>{move || name(c.name_zh(), c.name_en())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="label" for="case-district">{move || t().district}</label>
                <select id="case-district" class="input" on:change=move |e| district.set(event_target_value(&e))>
                    <option value="" selected=move || district.get().is_empty()>{move || t().any}</option>
                    {District::ALL.iter().map(|&d| view! {
                        <option value=d.slug() selected=move || district.get() == d.slug()>{move || name(d.name_zh(), d.name_en())}</option>
                    }).collect_view()}
                </select>
            </div>
            <label class="radio" for="case-overdue">
                <input type="checkbox" id="case-overdue" prop:checked=overdue on:change=move |e| overdue.set(event_target_checked(&e)) />
                <span>{move || t().overdue_only}</span>
            </label>
            <button type="submit" class="button">{move || t().filter}</button>
        </form>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(page) => view! {
                        <p role="status" data-testid="case-count">{move || (t().cases_count)(page.total)}</p>
                        {if page.items.is_empty() {
                            view! { <p>{move || t().no_cases}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="result-list" data-testid="case-list">
                                    {page.items.into_iter().map(|case| view! { <CaseCard case /> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error on_retry=move |()| queue.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseCard(case: CaseSummary) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let zh = move || i18n.lang() == Lang::Zh;
    let CaseSummary {
        reference,
        category,
        district,
        status,
        received_at,
        due,
        overdue,
        enterprise_name,
    } = case;
    let received = china(received_at);
    view! {
        <li class="result" data-testid="case">
            <h2 class="result__title">
                <A href=format!("/staff/reports/{reference}")>{reference.clone()}" · "{move || if zh() { category.name_zh() } else { category.name_en() }}</A>
            </h2>
            <p class="result__meta">
                <span class="tag">{move || if zh() { status.name_zh() } else { status.name_en() }}</span>
                {overdue.then(|| view! { <span class="tag tag--alert" data-testid="overdue">{move || t().overdue}</span> })}
                <span>{move || if zh() { district.name_zh() } else { district.name_en() }}</span>
                <span>{move || format!("{}：{}", t().received, (i18n.t().date)(received.date()))}</span>
                <span>{move || format!("{}：{}", t().due, (i18n.t().date)(due))}</span>
            </p>
            {enterprise_name.map(|name| view! { <p class="result__violation">{name}</p> })}
        </li>
    }
}

/// `/staff/reports/:reference`.
#[component]
pub fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.with(|p| p.get("reference")).unwrap_or_default());
    view! {
        <Title text=move || (t().case_title)(&reference.get()) />
        <div class="page" data-testid="case-page">
            <p class="breadcrumbs-inline"><A href="/staff/reports">{move || t().cases}</A></p>
            <h1 class="page__title">{move || (t().case_title)(&reference.get())}</h1>
            <StaffGate role=Role::CaseHandler view=move |session: Session| view! { <Case session reference=reference.get_untracked() /> } />
        </div>
    }
}

#[component]
fn Case(session: Session, reference: String) -> impl IntoView {
    let loaded = {
        let reference = reference.clone();
        LocalResource::new(move || {
            let reference = reference.clone();
            async move { api::staff_case(&reference).await }
        })
    };
    // After each step the answer replaces the case shown.
    let case = RwSignal::new(None::<CaseDetail>);
    let staff = api::StaffApi::new(&session);
    let reference = StoredValue::new(reference);
    view! {
        <StaffBar session />
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(detail) => {
                        case.set(Some(detail));
                        view! {
                            {move || case.get().map(|detail| view! { <CaseView detail reference staff case /> })}
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error on_retry=move |()| loaded.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(
    detail: CaseDetail,
    reference: StoredValue<String>,
    staff: api::StaffApi,
    case: RwSignal<Option<CaseDetail>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let zh = move || i18n.lang() == Lang::Zh;
    let public = detail.public.clone();
    let status = public.status;
    let history = public.history.clone();
    let reward = public.reward_yuan;
    let received = china(public.received_at);
    let due = public.extended_to.unwrap_or(public.handle_by);
    let photos = detail.photos.clone();
    let next = detail.next.clone();
    let anonymous = detail.anonymous;
    let show_reward = status == ReportStatus::Substantiated && !anonymous;
    let show_paid = status == ReportStatus::RewardDecided;
    let show_extend =
        portal_types::staff::cases::clock_runs(status) && public.extended_to.is_none();
    let extended_to = public.extended_to;
    let show_link = matches!(
        status,
        ReportStatus::Investigating | ReportStatus::Substantiated
    );
    view! {
        <p class="status__current">
            {move || t().status}"："
            <strong class="tag" data-testid="case-status">{move || if zh() { status.name_zh() } else { status.name_en() }}</strong>
            {reward.map(|yuan| view! { " " <span data-testid="case-reward">{move || (t().reward_decided)(yuan)}</span> })}
        </p>
        <dl class="fields" data-testid="case-fields">
            <div class="fields__row"><dt>{move || t().category}</dt><dd>{move || if zh() { public.category.name_zh() } else { public.category.name_en() }}</dd></div>
            <div class="fields__row"><dt>{move || t().district}</dt><dd>{move || if zh() { public.district.name_zh() } else { public.district.name_en() }}</dd></div>
            <div class="fields__row"><dt>{move || t().address}</dt><dd>{detail.address.clone()}</dd></div>
            {detail.enterprise_name.clone().map(|name| view! {
                <div class="fields__row"><dt>{move || t().enterprise}</dt><dd>{name}</dd></div>
            })}
            <div class="fields__row"><dt>{move || t().seen_at}</dt><dd>{detail.seen_at.replace('T', " ")}</dd></div>
            <div class="fields__row"><dt>{move || t().received}</dt><dd>{move || format!("{} {}", (i18n.t().date)(received.date()), received.format("%H:%M"))}</dd></div>
            <div class="fields__row"><dt>{move || t().due}</dt><dd data-testid="case-due">{move || (i18n.t().date)(due)}
                {extended_to.map(|to| view! { " · " {move || (t().extended_to)(&(i18n.t().date)(to))} })}
            </dd></div>
            <div class="fields__row"><dt>{move || t().description}</dt><dd class="prewrap">{detail.description.clone()}</dd></div>
            <div class="fields__row"><dt>{move || t().reporter_name}</dt><dd>{move || if anonymous { t().anonymous_report } else { t().named_report }}</dd></div>
            {detail.decision_id.map(|id| view! {
                <div class="fields__row"><dt>{move || t().linked_decision}</dt><dd>
                    <A href=format!("/enforcement/decisions/{id}")>{format!("#{id}")}</A>
                    {detail.decision_fine_yuan.map(|fine| view! { " · " {move || (t().fine_of)(fine)} })}
                </dd></div>
            })}
        </dl>
        {(!photos.is_empty()).then(|| view! {
            <h2>{move || t().photos}</h2>
            <ul class="photo-grid">
                {photos.into_iter().map(|n| view! {
                    <li><a href=api::staff_case_photo_url(&reference.get_value(), n) target="_blank" rel="noopener">
                        <img src=api::staff_case_photo_url(&reference.get_value(), n) alt=move || (t().photo_alt)(u64::from(n) + 1) loading="lazy" width="160" />
                    </a></li>
                }).collect_view()}
            </ul>
        })}
        {(!anonymous).then(|| view! { <ReporterReveal reference staff /> })}
        <h2>{move || t().history}</h2>
        <ol class="timeline" data-testid="case-history">
            {history.into_iter().map(|event| {
                let at = china(event.at);
                view! {
                    <li>
                        <strong>{move || if zh() { event.status.name_zh() } else { event.status.name_en() }}</strong>
                        " · " {move || format!("{} {}", (i18n.t().date)(at.date()), at.format("%H:%M"))}
                        {event.reply.clone().map(|reply| view! { <p class="prewrap">{reply}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
        {(!next.is_empty()).then(|| view! { <StatusForm next reference staff case /> })}
        {show_extend.then(|| view! { <ExtendForm reference staff case /> })}
        {show_link.then(|| view! { <LinkForm reference staff case /> })}
        {show_reward.then(|| view! { <RewardForm reference staff case fine=detail.decision_fine_yuan /> })}
        {show_paid.then(|| view! { <PaidForm reference staff case /> })}
    }
}

/// What a step's failure says.
fn step_error(error: &ApiError, i18n: crate::i18n::I18n) -> String {
    match error {
        ApiError::Server { status: 409, .. } => i18n.t().staff().status_conflict.to_owned(),
        ApiError::Server {
            status: 400, body, ..
        } => crate::i18n::fields_text(i18n.lang(), &body.fields, "；"),
        other => failure_message(other, i18n),
    }
}

#[component]
fn ReporterReveal(reference: StoredValue<String>, staff: api::StaffApi) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let reveal = Action::new_local(move |(): &()| {
        let reference = reference.get_value();
        async move { staff.case_reporter(&reference).await }
    });
    view! {
        <section class="form-panel" aria-labelledby="reporter-heading">
            <h2 id="reporter-heading">{move || t().reporter_name}</h2>
            <p class="hint">{move || t().reporter_logged}</p>
            {move || match reveal.value().get() {
                Some(Ok(Some(Reporter { name, phone }))) => view! {
                    <dl class="fields" data-testid="reporter">
                        <div class="fields__row"><dt>{move || t().reporter_name}</dt><dd>{name}</dd></div>
                        <div class="fields__row"><dt>{move || t().reporter_phone}</dt><dd>{phone}</dd></div>
                    </dl>
                }.into_any(),
                Some(Ok(None)) => view! { <p>{move || t().anonymous_report}</p> }.into_any(),
                Some(Err(error)) => view! { <div class="error-notice" role="alert"><p>{failure_message(&error, i18n)}</p></div> }.into_any(),
                None => view! {
                    <button type="button" class="button button--secondary" data-testid="show-reporter"
                        on:click=move |_| { reveal.dispatch(()); }>{move || t().show_reporter}</button>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn StatusForm(
    next: Vec<ReportStatus>,
    reference: StoredValue<String>,
    staff: api::StaffApi,
    case: RwSignal<Option<CaseDetail>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let zh = move || i18n.lang() == Lang::Zh;
    let chosen = RwSignal::new(next.first().copied());
    let reply = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let save = Action::new_local(move |change: &StatusChange| {
        let change = change.clone();
        let reference = reference.get_value();
        async move { staff.case_status(&reference, &change).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(detail)) => case.set(Some(detail)),
        Some(Err(error)) => failure.set(Some(step_error(&error, i18n))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(status) = chosen.get_untracked() {
            save.dispatch(StatusChange {
                status,
                reply: reply.get_untracked(),
            });
        }
    };
    view! {
        <section class="form-panel" aria-labelledby="step-heading">
            <h2 id="step-heading">{move || t().record_step}</h2>
            {move || failure.get().map(|m| view! { <div class="error-notice" role="alert"><p>{m}</p></div> })}
            <form on:submit=submit novalidate=true data-testid="status-form">
                <fieldset class="field">
                    <legend class="label">{move || t().move_to}</legend>
                    <div class="radios">
                        {next.into_iter().map(|s| {
                            let id = format!("next-{}", s.slug());
                            view! {
                                <label class="radio" for=id.clone()>
                                    <input type="radio" id=id.clone() name="next-status" prop:checked=move || chosen.get() == Some(s)
                                        on:change=move |_| chosen.set(Some(s)) />
                                    <span>{move || if zh() { s.name_zh() } else { s.name_en() }}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label class="label" for="step-reply">{move || t().public_reply}</label>
                    <textarea id="step-reply" class="input textarea" maxlength="1000" rows="3"
                        prop:value=reply on:input=move |e| reply.set(event_target_value(&e))></textarea>
                </div>
                <button type="submit" class="button" data-testid="record-step" disabled=move || save.pending().get()>{move || t().record_step}</button>
            </form>
        </section>
    }
}

#[component]
fn LinkForm(
    reference: StoredValue<String>,
    staff: api::StaffApi,
    case: RwSignal<Option<CaseDetail>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let number = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let save = Action::new_local(move |link: &DecisionLink| {
        let link = link.clone();
        let reference = reference.get_value();
        async move { staff.case_link(&reference, &link).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(detail)) => case.set(Some(detail)),
        Some(Err(error)) => failure.set(Some(step_error(&error, i18n))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match number.get_untracked().trim().parse::<i64>() {
            Ok(decision_id) if decision_id > 0 => {
                failure.set(None);
                save.dispatch(DecisionLink { decision_id });
            }
            _ => failure.set(Some(t().enter_number.to_owned())),
        }
    };
    view! {
        <section class="form-panel" aria-labelledby="link-heading">
            <h2 id="link-heading">{move || t().link_decision}</h2>
            {move || failure.get().map(|m| view! { <div class="error-notice" role="alert"><p>{m}</p></div> })}
            <form on:submit=submit novalidate=true data-testid="link-form">
                <div class="field">
                    <label class="label" for="decision-number">{move || t().decision_number}</label>
                    <input id="decision-number" class="input input--short" type="text" inputmode="numeric" autocomplete="off"
                        prop:value=number on:input=move |e| number.set(event_target_value(&e)) />
                </div>
                <button type="submit" class="button button--secondary" data-testid="link-decision">{move || t().link}</button>
            </form>
        </section>
    }
}

#[component]
fn RewardForm(
    reference: StoredValue<String>,
    staff: api::StaffApi,
    case: RwSignal<Option<CaseDetail>>,
    fine: Option<u64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let basis = RwSignal::new(if fine.is_some() {
        RewardBasis::Fine
    } else {
        RewardBasis::Accident
    });
    let grade = RwSignal::new(AccidentGrade::General);
    let deaths = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let reply = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let save = Action::new_local(move |decision: &RewardDecision| {
        let decision = decision.clone();
        let reference = reference.get_value();
        async move { staff.case_reward(&reference, &decision).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(detail)) => case.set(Some(detail)),
        Some(Err(error)) => failure.set(Some(step_error(&error, i18n))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let accident = basis.get_untracked() == RewardBasis::Accident;
        let deaths = deaths.get_untracked().trim().parse::<u32>().ok();
        if accident && deaths.is_none_or(|d| d == 0) {
            failure.set(Some(t().enter_number.to_owned()));
            return;
        }
        let amount_text = amount.get_untracked();
        let amount_yuan = match amount_text.trim() {
            "" => None,
            text => match text.parse::<u64>() {
                Ok(value) => Some(value),
                Err(_) => {
                    failure.set(Some(t().enter_number.to_owned()));
                    return;
                }
            },
        };
        let reason = reason.get_untracked();
        if amount_yuan.is_some() && reason.trim().is_empty() {
            failure.set(Some(t().need_reason.to_owned()));
            return;
        }
        failure.set(None);
        save.dispatch(RewardDecision {
            basis: basis.get_untracked(),
            grade: accident.then(|| grade.get_untracked()),
            deaths: if accident { deaths } else { None },
            amount_yuan,
            override_reason: (!reason.trim().is_empty()).then_some(reason),
            reply: reply.get_untracked(),
        });
    };
    view! {
        <section class="form-panel" aria-labelledby="reward-heading">
            <h2 id="reward-heading">{move || t().reward}</h2>
            {move || failure.get().map(|m| view! { <div class="error-notice" role="alert"><p>{m}</p></div> })}
            <form on:submit=submit novalidate=true data-testid="reward-form">
                <fieldset class="field">
                    <legend class="label">{move || t().reward_basis}</legend>
                    <div class="radios">
                        <label class="radio" for="basis-fine">
                            <input type="radio" id="basis-fine" name="basis" disabled=fine.is_none()
                                prop:checked=move || basis.get() == RewardBasis::Fine on:change=move |_| basis.set(RewardBasis::Fine) />
                            <span>{move || t().basis_fine}{fine.map(|f| format!(" · {}", (t().fine_of)(f)))}</span>
                        </label>
                        <label class="radio" for="basis-accident">
                            <input type="radio" id="basis-accident" name="basis"
                                prop:checked=move || basis.get() == RewardBasis::Accident on:change=move |_| basis.set(RewardBasis::Accident) />
                            <span>{move || t().basis_accident}</span>
                        </label>
                    </div>
                </fieldset>
                <Show when=move || basis.get() == RewardBasis::Accident>
                    <div class="field">
                        <label class="label" for="accident-grade">{move || t().grade}</label>
                        <select id="accident-grade" class="input" on:change=move |e| {
                            if let Some(chosen) = AccidentGrade::from_slug(&event_target_value(&e)) {
                                grade.set(chosen);
                            }
                        }>
                            {AccidentGrade::ALL.iter().map(|&g| view! {
                                <option value=g.slug() selected=move || grade.get() == g>{move || if i18n.lang() == Lang::Zh { g.name_zh() } else { g.name_en() }}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label class="label" for="accident-deaths">{move || t().deaths}</label>
                        <input id="accident-deaths" class="input input--short" type="text" inputmode="numeric" autocomplete="off"
                            prop:value=deaths on:input=move |e| deaths.set(event_target_value(&e)) />
                    </div>
                </Show>
                <div class="field">
                    <label class="label" for="reward-amount">{move || t().amount_override}</label>
                    <input id="reward-amount" class="input input--short" type="text" inputmode="numeric" autocomplete="off"
                        prop:value=amount on:input=move |e| amount.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label class="label" for="reward-reason">{move || t().override_reason}</label>
                    <textarea id="reward-reason" class="input textarea" maxlength="500" rows="2"
                        prop:value=reason on:input=move |e| reason.set(event_target_value(&e))></textarea>
                </div>
                <div class="field">
                    <label class="label" for="reward-reply">{move || t().public_reply}</label>
                    <textarea id="reward-reply" class="input textarea" maxlength="1000" rows="3"
                        prop:value=reply on:input=move |e| reply.set(event_target_value(&e))></textarea>
                </div>
                <button type="submit" class="button" data-testid="decide-reward" disabled=move || save.pending().get()>{move || t().decide_reward}</button>
            </form>
        </section>
    }
}

#[component]
fn PaidForm(
    reference: StoredValue<String>,
    staff: api::StaffApi,
    case: RwSignal<Option<CaseDetail>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let reply = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let save = Action::new_local(move |paid: &RewardPaid| {
        let paid = paid.clone();
        let reference = reference.get_value();
        async move { staff.case_paid(&reference, &paid).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(detail)) => case.set(Some(detail)),
        Some(Err(error)) => failure.set(Some(step_error(&error, i18n))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save.dispatch(RewardPaid {
            reply: reply.get_untracked(),
        });
    };
    view! {
        <section class="form-panel" aria-labelledby="paid-heading">
            <h2 id="paid-heading">{move || t().mark_paid}</h2>
            {move || failure.get().map(|m| view! { <div class="error-notice" role="alert"><p>{m}</p></div> })}
            <form on:submit=submit novalidate=true data-testid="paid-form">
                <div class="field">
                    <label class="label" for="paid-reply">{move || t().public_reply}</label>
                    <textarea id="paid-reply" class="input textarea" maxlength="1000" rows="3"
                        prop:value=reply on:input=move |e| reply.set(event_target_value(&e))></textarea>
                </div>
                <button type="submit" class="button" data-testid="mark-paid" disabled=move || save.pending().get()>{move || t().mark_paid}</button>
            </form>
        </section>
    }
}

#[component]
fn ExtendForm(
    reference: StoredValue<String>,
    staff: api::StaffApi,
    case: RwSignal<Option<CaseDetail>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let reply = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let save = Action::new_local(move |reason: &Extension| {
        let reason = reason.clone();
        let reference = reference.get_value();
        async move { staff.case_extend(&reference, &reason).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(detail)) => case.set(Some(detail)),
        Some(Err(error)) => failure.set(Some(step_error(&error, i18n))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if reply.get_untracked().trim().is_empty() {
            failure.set(Some(t().extend_reason.to_owned()));
            return;
        }
        failure.set(None);
        save.dispatch(Extension {
            reply: reply.get_untracked(),
        });
    };
    view! {
        <section class="form-panel" aria-labelledby="extend-heading">
            <h2 id="extend-heading">{move || t().extend}</h2>
            <p class="hint">{move || t().extend_hint}</p>
            {move || failure.get().map(|m| view! { <div class="error-notice" role="alert"><p>{m}</p></div> })}
            <form on:submit=submit novalidate=true data-testid="extend-form">
                <div class="field">
                    <label class="label" for="extend-reply">{move || t().extend_reason}</label>
                    <textarea id="extend-reply" class="input textarea" maxlength="1000" rows="3"
                        prop:value=reply on:input=move |e| reply.set(event_target_value(&e))></textarea>
                </div>
                <button type="submit" class="button button--secondary" data-testid="extend" disabled=move || save.pending().get()>{move || t().extend}</button>
            </form>
        </section>
    }
}
