//! `/staff/accounts`: administrators create, disable, enable and reset
//! staff accounts. A new or reset password is shown once.

use leptos::prelude::*;
use leptos_meta::Title;
use portal_types::staff::{Account, IssuedPassword, NewAccount, Role, Session, username_problem};

use super::{FieldError, FormError, FormErrors, StaffBar, StaffGate, failure_message, role_name};
use crate::api::{self, ApiError};
use crate::components::form::focus_by_id;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_i18n;

/// `/staff/accounts`.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    view! {
        <Title text=move || t().accounts />
        <div class="page" data-testid="accounts-page">
            <h1 class="page__title">{move || t().accounts}</h1>
            <StaffGate role=Role::Administrator view=move |session: Session| view! { <Accounts session /> } />
        </div>
    }
}

#[component]
fn Accounts(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let accounts = LocalResource::new(api::staff_accounts);
    let issued = RwSignal::new(None::<IssuedPassword>);
    let failure = RwSignal::new(None::<String>);
    let staff = api::StaffApi::new(&session);
    let me = session.account.id;
    let on_issued = move |password: IssuedPassword| {
        issued.set(Some(password));
        accounts.refetch();
        request_animation_frame(|| focus_by_id("issued-password"));
    };
    let act = Action::new_local(move |(id, what): &(i64, &'static str)| {
        let (id, what) = (*id, *what);
        async move {
            match what {
                "reset" => staff.reset_password(id).await.map(Some),
                "disable" => staff.set_disabled(id, true).await.map(|_| None),
                _ => staff.set_disabled(id, false).await.map(|_| None),
            }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(Some(password))) => on_issued(password),
        Some(Ok(None)) => {
            failure.set(None);
            accounts.refetch();
        }
        Some(Err(error)) => failure.set(Some(failure_message(&error, i18n))),
        None => {}
    });
    view! {
        <StaffBar session />
        <p class="lead">{move || t().accounts_lead}</p>
        {move || issued.get().map(|IssuedPassword { account, password }| view! {
            <div class="panel--success" id="issued-password" tabindex="-1" role="status" data-testid="issued-password">
                <h2 class="issued__title">{move || t().issued_title}</h2>
                <p>{(t().issued_text)(&account.username)}</p>
                <p class="issued__password" data-testid="one-time-password" translate="no">{password}</p>
                <p>{move || t().issued_note}</p>
            </div>
        })}
        {move || failure.get().map(|message| view! { <div class="error-notice" role="alert"><p>{message}</p></div> })}
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(list) => view! {
                        <div class="table-wrap" role="region" aria-labelledby="accounts-caption" tabindex="0">
                            <table class="table table--wide" data-testid="accounts">
                                <caption id="accounts-caption" class="visually-hidden">{move || t().accounts}</caption>
                                <thead><tr>
                                    <th scope="col">{move || t().username}</th>
                                    <th scope="col">{move || t().display_name}</th>
                                    <th scope="col">{move || t().role}</th>
                                    <th scope="col">{move || t().status}</th>
                                    <th scope="col">{move || t().last_sign_in}</th>
                                    <th scope="col">{move || t().actions}</th>
                                </tr></thead>
                                <tbody>
                                    {list.items.into_iter().map(|account| view! { <AccountRow account me act /> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error on_retry=move |()| accounts.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
        <NewAccountForm staff on_issued />
    }
}

#[component]
fn AccountRow(
    account: Account,
    me: i64,
    act: Action<(i64, &'static str), Result<Option<IssuedPassword>, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let Account {
        id,
        username,
        display_name,
        role,
        last_sign_in_at,
        disabled,
        must_change_password,
        ..
    } = account;
    let status = move || {
        if disabled {
            t().disabled
        } else if must_change_password {
            t().pending_change
        } else {
            t().active
        }
    };
    let last = move || {
        last_sign_in_at.map_or_else(
            || t().never.to_owned(),
            |at| {
                let china = (at + chrono::Duration::hours(8)).naive_utc();
                format!(
                    "{} {}",
                    (i18n.t().date)(china.date()),
                    china.format("%H:%M")
                )
            },
        )
    };
    let label = username.clone();
    view! {
        <tr data-testid=format!("account-{username}")>
            <td translate="no">{username.clone()}{(id == me).then(|| view! { " " <span class="small">{move || t().you}</span> })}</td>
            <td>{display_name}</td>
            <td>{move || role_name(role, i18n.lang())}</td>
            <td>{status}</td>
            <td>{last}</td>
            <td>
                {(id != me).then(|| {
                    let label = label.clone();
                    let label2 = label.clone();
                    view! {
                        <div class="table-actions">
                            <button type="button" class="button button--small button--secondary"
                                aria-label=move || format!("{} {label}", if disabled { t().enable } else { t().disable })
                                on:click=move |_| { act.dispatch((id, if disabled { "enable" } else { "disable" })); }>
                                {move || if disabled { t().enable } else { t().disable }}
                            </button>
                            <button type="button" class="button button--small button--secondary"
                                aria-label=move || format!("{} {label2}", t().reset_password)
                                on:click=move |_| { act.dispatch((id, "reset")); }>
                                {move || t().reset_password}
                            </button>
                        </div>
                    }
                })}
            </td>
        </tr>
    }
}

#[component]
fn NewAccountForm(
    staff: api::StaffApi,
    on_issued: impl Fn(IssuedPassword) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Editor);
    let problems: FormErrors = RwSignal::new(Vec::new());
    let create = Action::new_local(move |account: &NewAccount| {
        let account = account.clone();
        async move { staff.create_account(&account).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(issued)) => {
            username.set(String::new());
            display_name.set(String::new());
            problems.set(Vec::new());
            on_issued(issued);
        }
        Some(Err(ApiError::Server {
            status: 400, body, ..
        })) if body.fields.contains_key("username") => {
            problems.set(vec![FormError::new(
                "new-username",
                t().username_taken.to_owned(),
            )]);
        }
        Some(Err(error)) => problems.set(vec![FormError::new(
            "new-username",
            failure_message(&error, i18n),
        )]),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let name = username.get_untracked().trim().to_owned();
        let person = display_name.get_untracked().trim().to_owned();
        let mut found = Vec::new();
        if username_problem(&name).is_some() {
            found.push(FormError::new(
                "new-username",
                t().username_invalid.to_owned(),
            ));
        }
        if person.is_empty() {
            found.push(FormError::new(
                "new-display-name",
                t().enter_display_name.to_owned(),
            ));
        }
        let ok = found.is_empty();
        problems.set(found);
        if ok {
            create.dispatch(NewAccount {
                username: name,
                display_name: person,
                role: role.get_untracked(),
            });
        }
    };
    view! {
        <section class="form-panel" aria-labelledby="new-account-heading">
            <h2 id="new-account-heading">{move || t().new_account}</h2>
            <super::StaffErrorSummary problems />
            <form on:submit=submit novalidate=true data-testid="new-account">
                <div class="field">
                    <label class="label" for="new-username">{move || t().username}</label>
                    <p class="hint" id="new-username-hint">{move || t().username_hint}</p>
                    <FieldError problems field="new-username" />
                    <input id="new-username" class="input" type="text" autocomplete="off" autocapitalize="none"
                        spellcheck="false" maxlength="40" aria-describedby="new-username-hint"
                        prop:value=username on:input=move |e| username.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label class="label" for="new-display-name">{move || t().display_name}</label>
                    <FieldError problems field="new-display-name" />
                    <input id="new-display-name" class="input" type="text" autocomplete="off" maxlength="40"
                        prop:value=display_name on:input=move |e| display_name.set(event_target_value(&e)) />
                </div>
                <fieldset class="field">
                    <legend class="label">{move || t().role}</legend>
                    <div class="radios">
                        {Role::ALL.iter().map(|&r| {
                            let id = format!("new-role-{}", r.slug());
                            view! {
                                <label class="radio" for=id.clone()>
                                    <input type="radio" id=id.clone() name="new-role" value=r.slug()
                                        prop:checked=move || role.get() == r on:change=move |_| role.set(r) />
                                    <span>{move || role_name(r, i18n.lang())}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <button type="submit" class="button" data-testid="create-account" disabled=move || create.pending().get()>{move || t().create}</button>
            </form>
        </section>
    }
}
