//! The staff workspace: sign-in, the workspace home, password change, and
//! (in submodules) accounts and the audit log.
//!
//! The session cookie is `HttpOnly`: the app never sees it. It learns who
//! is signed in, and the CSRF token to send with every change, from
//! `GET /api/staff/session`, through [`StaffGate`].

pub mod accounts;
pub mod articles;
pub mod audit;
pub mod blacklist;
pub mod cases;
pub mod decision_edit;
pub mod decisions;
pub mod enforcement;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use portal_types::staff::{PasswordChange, Role, Session, SignIn};

use crate::api::{self, ApiError};
use crate::components::form::focus_by_id;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{I18n, Lang, use_i18n};

/// A role's name in the reader's language.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        role.name_zh()
    } else {
        role.name_en()
    }
}

pub use crate::components::form::{FieldError, FormError, FormErrors, described_by};

/// The error summary of a staff form: the shared one, with the workspace's
/// title, taking focus when it appears.
#[component]
pub fn StaffErrorSummary(
    problems: FormErrors,
    #[prop(default = "staff-problems")] id: &'static str,
) -> impl IntoView {
    view! {
        <crate::components::form::ErrorSummary
            problems
            id
            title=|t| t.staff().problem_title
            focus_when_shown=true
        />
    }
}

/// A message for a failure that is not about one field.
pub fn failure_message(error: &ApiError, i18n: I18n) -> String {
    match error {
        ApiError::Server { status: 401, .. } => i18n.t().staff().session_ended.to_owned(),
        ApiError::Server { status: 403, .. } => i18n.t().staff().wrong_role.to_owned(),
        ApiError::Network(_) => i18n.t().error_network.to_owned(),
        _ => i18n.t().error_server.to_owned(),
    }
}

/// Shows `view` with the signed-in session when there is one (and its role
/// is `role`, when given); otherwise a way to sign in. A password set by an
/// administrator sends its owner to change it first.
#[component]
pub fn StaffGate<F, V>(#[prop(optional)] role: Option<Role>, view: F) -> impl IntoView
where
    F: Fn(Session) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let session = LocalResource::new(api::staff_session);
    let navigate = use_navigate();
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                let view = view.clone();
                let navigate = navigate.clone();
                Suspend::new(async move {
                    match session.await {
                        Ok(session) if session.account.must_change_password && role.is_some() => {
                            navigate("/staff/password", Default::default());
                            view! { <Loading /> }.into_any()
                        }
                        Ok(session) if role.is_some_and(|r| r != session.account.role) => view! {
                            <StaffBar session />
                            <div class="error-notice" role="alert" data-testid="wrong-role"><p>{move || t().wrong_role}</p></div>
                        }.into_any(),
                        Ok(session) => view(session).into_any(),
                        Err(error) if error.status() == Some(401) => view! {
                            <p class="lead" data-testid="not-signed-in">{move || t().not_signed_in}</p>
                            <p><A href="/staff/sign-in" attr:class="button">{move || t().sign_in}</A></p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| session.refetch() /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Who is signed in, with links to the workspace, the password and out.
#[component]
pub fn StaffBar(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let navigate = use_navigate();
    let staff = api::StaffApi::new(&session);
    let sign_out = Action::new_local(move |(): &()| staff.sign_out());
    Effect::new(move |_| {
        if sign_out.value().get().is_some() {
            navigate("/staff/sign-in", Default::default());
        }
    });
    let name = session.account.display_name.clone();
    let role = session.account.role;
    view! {
        <nav class="staff-bar" aria-label=move || t().workspace data-testid="staff-bar">
            <p class="staff-bar__who" data-testid="signed-in-as">{move || (t().signed_in_as)(&name, role_name(role, i18n.lang()))}</p>
            <ul class="staff-bar__links">
                <li><A href="/staff">{move || t().workspace}</A></li>
                <li><A href="/staff/password">{move || t().change_password}</A></li>
                <li>
                    <button type="button" class="link-button" data-testid="sign-out"
                        on:click=move |_| { sign_out.dispatch(()); }>{move || t().sign_out}</button>
                </li>
            </ul>
        </nav>
    }
}

/// `/staff/sign-in`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems: FormErrors = RwSignal::new(Vec::new());
    let navigate = use_navigate();
    let attempt = Action::new_local(|sign_in: &SignIn| {
        let sign_in = sign_in.clone();
        async move { api::staff_sign_in(&sign_in).await }
    });
    Effect::new(move |_| match attempt.value().get() {
        Some(Ok(session)) => {
            let to = if session.account.must_change_password {
                "/staff/password"
            } else {
                "/staff"
            };
            navigate(to, Default::default());
        }
        Some(Err(error)) => {
            let message = match &error {
                ApiError::Server { status: 401, .. } => t().wrong_credentials.to_owned(),
                ApiError::Server {
                    status: 429,
                    body,
                    retry_after,
                } if body.code == portal_types::ErrorCode::SignInLocked => {
                    (t().locked)(retry_after.unwrap_or(900).div_ceil(60))
                }
                ApiError::Server { status: 429, .. } => t().too_many.to_owned(),
                other => failure_message(other, i18n),
            };
            problems.set(vec![FormError::new("staff-username", message)]);
        }
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut found = Vec::new();
        if username.with(|u| u.trim().is_empty()) {
            found.push(FormError::new(
                "staff-username",
                t().enter_username.to_owned(),
            ));
        }
        if password.with(String::is_empty) {
            found.push(FormError::new(
                "staff-password",
                t().enter_password.to_owned(),
            ));
        }
        problems.set(found);
        if problems.with(Vec::is_empty) {
            attempt.dispatch(SignIn {
                username: username.get_untracked().trim().to_owned(),
                password: password.get_untracked(),
            });
        }
    };
    view! {
        <Title text=move || t().sign_in_title />
        <div class="page page--narrow" data-testid="sign-in-page">
            <h1 class="page__title">{move || t().sign_in_title}</h1>
            <p class="lead">{move || t().sign_in_lead}</p>
            <StaffErrorSummary problems />
            <form class="form-panel" on:submit=submit novalidate=true>
                <div class="field">
                    <label class="label" for="staff-username">{move || t().username}</label>
                    <FieldError problems field="staff-username" />
                    <input id="staff-username" class="input" type="text" autocomplete="username"
                        autocapitalize="none" spellcheck="false" maxlength="40"
                        aria-describedby=described_by(problems, "staff-username", None)
                        prop:value=username on:input=move |e| username.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label class="label" for="staff-password">{move || t().password}</label>
                    <FieldError problems field="staff-password" />
                    <input id="staff-password" class="input" type="password" autocomplete="current-password"
                        maxlength="128" aria-describedby=described_by(problems, "staff-password", None)
                        prop:value=password on:input=move |e| password.set(event_target_value(&e)) />
                </div>
                <button type="submit" class="button" data-testid="sign-in" disabled=move || attempt.pending().get()>
                    {move || if attempt.pending().get() { t().signing_in } else { t().sign_in }}
                </button>
            </form>
        </div>
    }
}

/// `/staff`: the workspace home, with the work of the signed-in role.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    view! {
        <Title text=move || t().workspace />
        <div class="page" data-testid="workspace-page">
            <h1 class="page__title">{move || t().workspace}</h1>
            <StaffGate view=move |session: Session| {
                let role = session.account.role;
                let must_change = session.account.must_change_password;
                view! {
                    <StaffBar session />
                    {must_change.then(|| view! {
                        <div class="notice" role="status"><p>{move || t().must_change}" "<A href="/staff/password">{move || t().change_password}</A></p></div>
                    })}
                    <p class="lead">{move || t().home_lead}</p>
                    <h2>{move || t().your_work}</h2>
                    <ul class="section-list" data-testid="work-list">
                        {match role {
                            Role::Administrator => view! {
                                <li class="section-card section-card--open">
                                    <h3 class="section-card__title"><A href="/staff/accounts">{move || t().accounts}</A></h3>
                                    <p>{move || t().accounts_lead}</p>
                                </li>
                                <li class="section-card section-card--open">
                                    <h3 class="section-card__title"><A href="/staff/audit">{move || t().audit}</A></h3>
                                    <p>{move || t().audit_lead}</p>
                                </li>
                            }.into_any(),
                            Role::CaseHandler => view! {
                                <li class="section-card section-card--open">
                                    <h3 class="section-card__title"><A href="/staff/reports">{move || t().cases}</A></h3>
                                    <p>{move || t().cases_lead}</p>
                                </li>
                            }.into_any(),
                            Role::Editor => view! {
                                <li class="section-card section-card--open">
                                    <h3 class="section-card__title"><A href="/staff/decisions">{move || t().decisions}</A></h3>
                                    <p>{move || t().decisions_lead}</p>
                                </li>
                                <li class="section-card section-card--open">
                                    <h3 class="section-card__title"><A href="/staff/blacklist">{move || t().blacklist}</A></h3>
                                    <p>{move || t().blacklist_lead}</p>
                                </li>
                                <li class="section-card section-card--open">
                                    <h3 class="section-card__title"><A href="/staff/articles">{move || t().articles}</A></h3>
                                    <p>{move || t().articles_lead}</p>
                                </li>
                                <li class="section-card section-card--open">
                                    <h3 class="section-card__title"><A href="/staff/enforcement">{move || i18n.t().enforcement().staff_title}</A></h3>
                                    <p>{move || i18n.t().enforcement().staff_intro}</p>
                                </li>
                            }.into_any(),
                        }}
                    </ul>
                }
            } />
        </div>
    }
}

/// `/staff/password`: change one's own password.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    view! {
        <Title text=move || t().change_password />
        <div class="page page--narrow" data-testid="password-page">
            <h1 class="page__title">{move || t().change_password}</h1>
            <StaffGate view=move |session: Session| view! { <PasswordForm session /> } />
        </div>
    }
}

#[component]
fn PasswordForm(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().staff();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problems: FormErrors = RwSignal::new(Vec::new());
    let done = RwSignal::new(false);
    // Once changed, the temporary password is gone: its notice goes too.
    let changed = RwSignal::new(false);
    let staff = api::StaffApi::new(&session);
    let username = session.account.username.clone();
    let must_change = session.account.must_change_password;
    let change = Action::new_local(move |change: &PasswordChange| {
        let change = change.clone();
        async move { staff.change_password(&change).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(())) => {
            done.set(true);
            changed.set(true);
            current.set(String::new());
            new.set(String::new());
            again.set(String::new());
            request_animation_frame(|| focus_by_id("password-changed"));
        }
        Some(Err(ApiError::Server {
            status: 400, body, ..
        })) => {
            let mut found = Vec::new();
            if body.fields.contains_key("current") {
                found.push(FormError::new(
                    "current-password",
                    t().current_wrong.to_owned(),
                ));
            }
            if let Some(errors) = body.fields.get("new") {
                found.push(FormError::new(
                    "new-password",
                    crate::i18n::problems_line(i18n.lang(), errors),
                ));
            }
            problems.set(found);
        }
        Some(Err(error)) => problems.set(vec![FormError::new(
            "current-password",
            failure_message(&error, i18n),
        )]),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(false);
        let (c, n, a) = (
            current.get_untracked(),
            new.get_untracked(),
            again.get_untracked(),
        );
        let mut found = Vec::new();
        if c.is_empty() {
            found.push(FormError::new(
                "current-password",
                t().enter_password.to_owned(),
            ));
        }
        let first = n.chars().next();
        if n.chars().count() < portal_types::staff::MIN_PASSWORD_CHARS {
            found.push(FormError::new("new-password", t().new_too_short.to_owned()));
        } else if n.to_lowercase().contains(&username.to_lowercase()) {
            found.push(FormError::new(
                "new-password",
                t().new_has_username.to_owned(),
            ));
        } else if n.chars().all(|ch| Some(ch) == first) {
            found.push(FormError::new("new-password", t().new_repeated.to_owned()));
        } else if n == c {
            found.push(FormError::new("new-password", t().new_same.to_owned()));
        } else if n != a {
            found.push(FormError::new(
                "confirm-password",
                t().confirm_differs.to_owned(),
            ));
        }
        let ok = found.is_empty();
        problems.set(found);
        if ok {
            change.dispatch(PasswordChange { current: c, new: n });
        }
    };
    view! {
        <StaffBar session=session.clone() />
        <Show when=move || must_change && !changed.get()>
            <div class="notice" role="status" data-testid="must-change"><p>{move || t().must_change}</p></div>
        </Show>
        <Show when=move || done.get()>
            <div class="panel--success" id="password-changed" tabindex="-1" role="status" data-testid="password-changed">
                <p>{move || t().password_changed}</p>
                <p><A href="/staff" attr:class="panel__link">{move || t().workspace}</A></p>
            </div>
        </Show>
        <StaffErrorSummary problems />
        <form class="form-panel" on:submit=submit novalidate=true>
            <div class="field">
                <label class="label" for="current-password">{move || t().current_password}</label>
                <FieldError problems field="current-password" />
                <input id="current-password" class="input" type="password" autocomplete="current-password" maxlength="128"
                    aria-describedby=described_by(problems, "current-password", None)
                    prop:value=current on:input=move |e| current.set(event_target_value(&e)) />
            </div>
            <div class="field">
                <label class="label" for="new-password">{move || t().new_password}</label>
                <p class="hint" id="new-password-hint">{move || t().new_password_hint}</p>
                <FieldError problems field="new-password" />
                <input id="new-password" class="input" type="password" autocomplete="new-password" maxlength="128"
                    aria-describedby=described_by(problems, "new-password", Some("new-password-hint"))
                    prop:value=new on:input=move |e| new.set(event_target_value(&e)) />
            </div>
            <div class="field">
                <label class="label" for="confirm-password">{move || t().confirm_password}</label>
                <FieldError problems field="confirm-password" />
                <input id="confirm-password" class="input" type="password" autocomplete="new-password" maxlength="128"
                    aria-describedby=described_by(problems, "confirm-password", None)
                    prop:value=again on:input=move |e| again.set(event_target_value(&e)) />
            </div>
            <button type="submit" class="button" data-testid="save-password" disabled=move || change.pending().get()>{move || t().save}</button>
        </form>
    }
}
