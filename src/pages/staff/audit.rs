//! `/staff/audit?actor=&action=&page=`: the audit log, newest first, for
//! administrators. The filters live in the address.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_types::staff::{AuditEntry, Role, Session};

use super::{StaffBar, StaffGate};
use crate::api;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{Lang, use_i18n};

/// The families of actions staff can filter by (prefixes end in a dot),
/// with their names in Chinese and English.
const FAMILIES: &[(&str, &str, &str)] = &[
    ("account.", "账户管理", "Accounts"),
    ("session.", "登录和退出", "Sign-ins"),
    ("report.", "举报办理", "Hazard reports"),
    ("decision.", "行政处罚决定", "Penalty decisions"),
    ("listing.", "黑名单", "Blacklist"),
    ("article.", "宣传教育文章", "Education articles"),
    ("exposed-case.", "典型案例", "Typical cases"),
    (
        "hazard-listing.",
        "重大隐患挂牌督办",
        "Major hazard listings",
    ),
    ("accident-report.", "事故调查报告", "Accident reports"),
];

/// What an action did, in words (the code stays beside it).
fn action_words(code: &str, zh: bool) -> Option<&'static str> {
    let (z, e) = match code {
        "account.create" => ("新建账户", "Account created"),
        "account.disable" => ("停用账户", "Account disabled"),
        "account.enable" => ("启用账户", "Account enabled"),
        "account.password-change" => ("修改密码", "Password changed"),
        "account.password-reset" => ("重置密码", "Password reset"),
        "session.sign-in" => ("登录", "Signed in"),
        "session.sign-out" => ("退出登录", "Signed out"),
        "session.lock" => ("登录锁定", "Sign-in locked"),
        "report.status" => ("更新举报状态", "Report status changed"),
        "report.extend" => ("延长办理期限", "Deadline extended"),
        "report.reward" => ("决定奖励", "Reward decided"),
        "report.paid" => ("发放奖励", "Reward paid"),
        "report.reporter-view" => ("查看举报人信息", "Reporter's identity read"),
        "report.link-decision" => ("关联处罚决定", "Decision linked"),
        "decision.import" => ("导入处罚决定", "Decisions imported"),
        "decision.amend" => ("更正处罚决定", "Decision amended"),
        "decision.revoke" => ("撤销处罚决定", "Decision revoked"),
        "listing.add" => ("列入黑名单", "Put on the blacklist"),
        "listing.remove" => ("移出黑名单", "Removed from the blacklist"),
        "article.edit" => ("修改文章", "Article edited"),
        "exposed-case.create" => ("发布典型案例", "Case published"),
        "exposed-case.update" => ("修改典型案例", "Case rewritten"),
        "hazard-listing.create" => ("挂牌督办", "Hazard listed"),
        "hazard-listing.update" => ("更正挂牌信息", "Listing corrected"),
        "hazard-listing.step" => ("记录督办进展", "Listing step recorded"),
        "accident-report.create" => ("发布事故调查报告", "Accident report published"),
        "accident-report.update" => ("更正事故调查报告", "Accident report corrected"),
        "accident-report.assess" => ("发布整改评估", "Assessment published"),
        _ => return None,
    };
    Some(if zh { z } else { e })
}

/// `/staff/audit`.
#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    view! {
        <Title text=move || t().audit />
        <div class="page" data-testid="audit-page">
            <h1 class="page__title">{move || t().audit}</h1>
            <StaffGate role=Role::Administrator view=move |session: Session| view! { <Audit session /> } />
        </div>
    }
}

#[component]
fn Audit(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let query = use_query_map();
    let actor = Memo::new(move |_| query.with(|q| q.get("actor")).unwrap_or_default());
    let action = Memo::new(move |_| query.with(|q| q.get("action")).unwrap_or_default());
    let page = Memo::new(move |_| {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    });
    let entries = LocalResource::new(move || {
        let (actor, action, page) = (actor.get(), action.get(), page.get());
        async move { api::staff_audit(&actor, &action, page).await }
    });
    let navigate = use_navigate();
    let actor_input = RwSignal::new(actor.get_untracked());
    let action_input = RwSignal::new(action.get_untracked());
    let go = move |page: u32| {
        let page = page.to_string();
        let (a, b) = (actor_input.get_untracked(), action_input.get_untracked());
        let mut pairs = vec![("page", page.as_str())];
        if !a.trim().is_empty() {
            pairs.push(("actor", a.trim()));
        }
        if !b.is_empty() {
            pairs.push(("action", b.as_str()));
        }
        navigate(
            &format!("/staff/audit?{}", api::query_string(pairs)),
            Default::default(),
        );
    };
    let go_submit = go.clone();
    view! {
        <StaffBar session />
        <p class="lead">{move || t().audit_lead}</p>
        <form class="filters-inline" on:submit=move |e: leptos::ev::SubmitEvent| { e.prevent_default(); go_submit(1); } data-testid="audit-filters">
            <div class="field">
                <label class="label" for="audit-actor">{move || t().actor}</label>
                <input id="audit-actor" class="input" type="text" maxlength="40" autocomplete="off"
                    prop:value=actor_input on:input=move |e| actor_input.set(event_target_value(&e)) />
            </div>
            <div class="field">
                <label class="label" for="audit-action">{move || t().action}</label>
                <select id="audit-action" class="input" on:change=move |e| action_input.set(event_target_value(&e))>
                    <option value="" selected=move || action_input.get().is_empty()>{move || t().all_actions}</option>
                    {FAMILIES.iter().map(|&(a, zh, en)| view! {
                        <option value=a selected=move || action_input.get() == a>
                            {move || if i18n.lang() == Lang::Zh { zh } else { en }}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{move || t().filter}</button>
        </form>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                let go = go.clone();
                Suspend::new(async move {
                    match entries.await {
                        Ok(log) => {
                            let pages = u32::try_from(log.total.div_ceil(u64::from(log.per_page))).unwrap_or(u32::MAX).max(1);
                            let current = log.page;
                            let (prev, next) = (go.clone(), go.clone());
                            view! {
                                <p data-testid="audit-count" role="status">{move || (t().entries)(log.total)}</p>
                                {if log.items.is_empty() {
                                    view! { <p>{move || t().no_entries}</p> }.into_any()
                                } else {
                                    view! {
                                        <div class="table-wrap" role="region" aria-labelledby="audit-caption" tabindex="0">
                                            <table class="table table--wide" data-testid="audit-log">
                                                <caption id="audit-caption" class="visually-hidden">{move || t().audit}</caption>
                                                <thead><tr>
                                                    <th scope="col">{move || t().time}</th>
                                                    <th scope="col">{move || t().actor}</th>
                                                    <th scope="col">{move || t().action}</th>
                                                    <th scope="col">{move || t().target}</th>
                                                    <th scope="col">{move || t().before}</th>
                                                    <th scope="col">{move || t().after}</th>
                                                </tr></thead>
                                                <tbody>{log.items.into_iter().map(|entry| view! { <EntryRow entry /> }).collect_view()}</tbody>
                                            </table>
                                        </div>
                                    }.into_any()
                                }}
                                <div class="actions">
                                    {(current > 1).then(|| view! {
                                        <button type="button" class="button button--secondary" on:click=move |_| prev(current - 1)>"‹ "{current - 1}</button>
                                    })}
                                    {(current < pages).then(|| view! {
                                        <button type="button" class="button button--secondary" on:click=move |_| next(current + 1)>{current + 1}" ›"</button>
                                    })}
                                </div>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| entries.refetch() /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn EntryRow(entry: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    let china = (entry.at + chrono::Duration::hours(8)).naive_utc();
    let when = move || {
        format!(
            "{} {}",
            (i18n.t().date)(china.date()),
            china.format("%H:%M:%S")
        )
    };
    let code = entry.action.clone();
    view! {
        <tr data-testid="audit-entry">
            <td>{when}</td>
            <td translate="no">{entry.actor}</td>
            <td>
                {move || action_words(&code, i18n.lang() == Lang::Zh).map(|w| view! { {w}<br /> })}
                <code translate="no">{entry.action}</code>
            </td>
            <td translate="no">{entry.target}</td>
            <td class="audit__json" translate="no">{entry.before.unwrap_or_default()}</td>
            <td class="audit__json" translate="no">{entry.after.unwrap_or_default()}</td>
        </tr>
    }
}
