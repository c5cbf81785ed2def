//! The staff workspace's sign-in, accounts and audit log.
//!
//! Every route but sign-in needs a session cookie (else 401); every
//! state-changing one also needs the session's CSRF token in
//! `X-CSRF-Token` (else 403); each checks its role (else 403).

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_store::staff::{Audit, Lock, account_json};
use portal_types::ApiErrorBody;
use portal_types::Problem;
use portal_types::staff::{
    AUDIT_PAGE_SIZE, Account, AccountList, AuditPage, IssuedPassword, MAX_DISPLAY_NAME_CHARS,
    MAX_PASSWORD_CHARS, MAX_USERNAME_CHARS, NewAccount, PasswordChange, Session, SignIn,
    password_problem, username_problem,
};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::client::ClientAddress;
use crate::error::{ApiError, ApiResult, Json, Path, Query};
use crate::staff::{
    AsAdministrator, FAILURE_WINDOW, FAILURES_BEFORE_LOCK, LOCK_FOR, StaffSession, decoy_hash,
    expired_cookie, hash_password, one_time_password, random_token, session_cookie, session_end,
    sign_in_client, token_hash, verify_password,
};
use crate::state::AppState;

fn locked(until: chrono::DateTime<chrono::Utc>) -> ApiError {
    let seconds = (until - chrono::Utc::now()).num_seconds().max(1);
    ApiError::SignInLocked(u64::try_from(seconds).unwrap_or(1))
}

/// Signs in: sets the session cookie and answers the session with its CSRF
/// token. A wrong password and an unknown user name answer alike; five
/// failures in a row from one address lock the name for 15 minutes from
/// that address only (another address, the owner's, can still sign in).
#[utoipa::path(
    post,
    path = "/api/staff/session",
    tag = "staff",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in; the cookie is set.", body = Session),
        (status = 400, description = "A field is missing or too long.", body = ApiErrorBody),
        (status = 401, description = "The user name or the password is wrong.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
        (status = 429, description = "Locked after failed sign-ins (`sign_in_locked`), or too many attempts from this address (`too_many_requests`).", body = ApiErrorBody),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Json(body): Json<SignIn>,
) -> ApiResult<Response> {
    state.staff.sign_ins.check(client)?;
    if body.username.is_empty() || body.username.chars().count() > MAX_USERNAME_CHARS {
        return Err(ApiError::field(
            "username",
            Problem::Length {
                min: 1,
                max: MAX_USERNAME_CHARS,
            },
        ));
    }
    let username = body.username.trim().to_lowercase();
    if username.is_empty() {
        return Err(ApiError::Unauthorized(
            "The user name or the password is wrong.".to_owned(),
        ));
    }
    if body.password.is_empty() || body.password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(ApiError::field(
            "password",
            Problem::Length {
                min: 1,
                max: MAX_PASSWORD_CHARS,
            },
        ));
    }
    let from = sign_in_client(client);
    if let Lock::Until(until) = state.store.sign_in_lock(&username, &from).await? {
        return Err(locked(until));
    }
    let account = state
        .store
        .staff_by_username(&username)
        .await?
        .filter(|a| !a.account.disabled);
    let hash = account
        .as_ref()
        .map_or_else(decoy_hash, |a| a.password_hash.clone());
    let right = verify_password(body.password, hash).await;
    let Some(account) = account.filter(|_| right) else {
        let lock = state
            .store
            .record_sign_in_failure(
                &username,
                &from,
                FAILURES_BEFORE_LOCK,
                FAILURE_WINDOW,
                LOCK_FOR,
            )
            .await?;
        return Err(match lock {
            Lock::Until(until) => locked(until),
            Lock::Open => {
                ApiError::Unauthorized("The user name or the password is wrong.".to_owned())
            }
        });
    };
    let token = random_token();
    let csrf_token = random_token();
    let expires_at = session_end(chrono::Utc::now());
    state
        .store
        .start_staff_session(
            &account.account,
            &from,
            &token_hash(&token),
            &csrf_token,
            expires_at,
        )
        .await?;
    let session = Session {
        account: Account {
            last_sign_in_at: Some(chrono::Utc::now()),
            ..account.account
        },
        csrf_token,
        expires_at,
    };
    let cookie = session_cookie(&token, state.staff.secure_cookie)?;
    Ok(([(header::SET_COOKIE, cookie)], axum::Json(session)).into_response())
}

/// The signed-in session (after a reload, the app learns who it is and its
/// CSRF token here).
#[utoipa::path(
    get,
    path = "/api/staff/session",
    tag = "staff",
    responses(
        (status = 200, description = "The session.", body = Session),
        (status = 401, description = "Not signed in, or the session has ended.", body = ApiErrorBody),
    )
)]
pub async fn current(session: StaffSession) -> Json<Session> {
    Json(session.view())
}

/// Signs out: ends the session and clears the cookie.
#[utoipa::path(
    delete,
    path = "/api/staff/session",
    tag = "staff",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 204, description = "Signed out."),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "The CSRF token is missing or wrong.", body = ApiErrorBody),
    )
)]
pub async fn sign_out(State(state): State<AppState>, session: StaffSession) -> ApiResult<Response> {
    state
        .store
        .end_staff_session(&session.token_hash, &session.account)
        .await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            expired_cookie(state.staff.secure_cookie),
        )],
    )
        .into_response())
}

/// Changes the signed-in account's password. Other sessions of the account
/// end; this one stays.
#[utoipa::path(
    put,
    path = "/api/staff/password",
    tag = "staff",
    request_body = PasswordChange,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 204, description = "Changed."),
        (status = 400, description = "The current password is wrong, or the new one is not acceptable.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "The CSRF token is missing or wrong.", body = ApiErrorBody),
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    session: StaffSession,
    Json(body): Json<PasswordChange>,
) -> ApiResult<StatusCode> {
    if body.current.chars().count() > MAX_PASSWORD_CHARS
        || !verify_password(body.current.clone(), session.password_hash.clone()).await
    {
        return Err(ApiError::field("current", Problem::WrongPassword));
    }
    if let Some(problem) = password_problem(&body.new, &session.account.username) {
        return Err(ApiError::field("new", problem));
    }
    if body.new == body.current {
        return Err(ApiError::field("new", Problem::SameAsCurrent));
    }
    let hash = hash_password(body.new).await?;
    let actor = session.actor();
    state
        .store
        .set_staff_password(
            session.account.id,
            &hash,
            false,
            Some(&session.token_hash),
            Audit {
                actor: &actor,
                action: "account.password-change",
                target: format!("account:{}", session.account.id),
                before: None,
                after: None,
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every staff account (administrators only).
#[utoipa::path(
    get,
    path = "/api/staff/accounts",
    tag = "staff",
    responses(
        (status = 200, description = "The accounts.", body = AccountList),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an administrator.", body = ApiErrorBody),
    )
)]
pub async fn accounts(
    State(state): State<AppState>,
    AsAdministrator(_): AsAdministrator,
) -> ApiResult<Json<AccountList>> {
    Ok(Json(AccountList {
        items: state.store.staff_accounts().await?,
    }))
}

/// Creates an account with a one-time password, shown once (administrators
/// only). The person must change it at first sign-in.
#[utoipa::path(
    post,
    path = "/api/staff/accounts",
    tag = "staff",
    request_body = NewAccount,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Created.", body = IssuedPassword),
        (status = 400, description = "A field is invalid, or the user name is taken.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an administrator, or no CSRF token.", body = ApiErrorBody),
    )
)]
pub async fn create_account(
    State(state): State<AppState>,
    AsAdministrator(session): AsAdministrator,
    Json(body): Json<NewAccount>,
) -> ApiResult<(StatusCode, Json<IssuedPassword>)> {
    let username = body.username.trim().to_owned();
    if let Some(problem) = username_problem(&username) {
        return Err(ApiError::field("username", problem));
    }
    let display_name = body.display_name.trim().to_owned();
    if display_name.is_empty()
        || display_name.chars().count() > MAX_DISPLAY_NAME_CHARS
        || portal_types::text::has_control_characters(&display_name)
    {
        return Err(ApiError::field(
            "display_name",
            Problem::Length {
                min: 1,
                max: MAX_DISPLAY_NAME_CHARS,
            },
        ));
    }
    let password = one_time_password();
    let hash = hash_password(password.clone()).await?;
    let created = state
        .store
        .create_staff(
            &username,
            &display_name,
            body.role,
            &hash,
            true,
            &session.actor(),
        )
        .await?;
    match created {
        Some(account) => Ok((
            StatusCode::CREATED,
            Json(IssuedPassword { account, password }),
        )),
        None => Err(ApiError::field("username", Problem::Taken)),
    }
}

/// Disables an account and ends its sessions (administrators only; not
/// one's own).
#[utoipa::path(
    post,
    path = "/api/staff/accounts/{id}/disable",
    tag = "staff",
    params(
        ("id" = i64, Path, description = "The account's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "Disabled.", body = Account),
        (status = 400, description = "One's own account.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an administrator, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such account.", body = ApiErrorBody),
    )
)]
pub async fn disable_account(
    State(state): State<AppState>,
    AsAdministrator(session): AsAdministrator,
    Path(id): Path<i64>,
) -> ApiResult<Json<Account>> {
    if id == session.account.id {
        return Err(ApiError::field("id", Problem::OwnAccount));
    }
    state
        .store
        .set_staff_disabled(id, true, &session.actor())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no account with this number.".to_owned()))
}

/// Enables a disabled account (administrators only).
#[utoipa::path(
    post,
    path = "/api/staff/accounts/{id}/enable",
    tag = "staff",
    params(
        ("id" = i64, Path, description = "The account's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "Enabled.", body = Account),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an administrator, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such account.", body = ApiErrorBody),
    )
)]
pub async fn enable_account(
    State(state): State<AppState>,
    AsAdministrator(session): AsAdministrator,
    Path(id): Path<i64>,
) -> ApiResult<Json<Account>> {
    state
        .store
        .set_staff_disabled(id, false, &session.actor())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no account with this number.".to_owned()))
}

/// Replaces an account's password with a one-time one, shown once, and
/// ends its sessions (administrators only; one's own password is changed,
/// not reset, so that an administrator never signs themselves out by it).
#[utoipa::path(
    post,
    path = "/api/staff/accounts/{id}/reset-password",
    tag = "staff",
    params(
        ("id" = i64, Path, description = "The account's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The new one-time password.", body = IssuedPassword),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 400, description = "One's own account (change the password instead).", body = ApiErrorBody),
        (status = 403, description = "Not an administrator, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such account.", body = ApiErrorBody),
    )
)]
pub async fn reset_password(
    State(state): State<AppState>,
    AsAdministrator(session): AsAdministrator,
    Path(id): Path<i64>,
) -> ApiResult<Json<IssuedPassword>> {
    if id == session.account.id {
        return Err(ApiError::field("id", Problem::OwnPassword));
    }
    let Some(record) = state.store.staff_by_id(id).await? else {
        return Err(ApiError::NotFound(
            "There is no account with this number.".to_owned(),
        ));
    };
    let password = one_time_password();
    let hash = hash_password(password.clone()).await?;
    let actor = session.actor();
    state
        .store
        .set_staff_password(
            id,
            &hash,
            true,
            None,
            Audit {
                actor: &actor,
                action: "account.password-reset",
                target: format!("account:{id}"),
                before: None,
                after: Some(account_json(&record.account)),
            },
        )
        .await?;
    Ok(Json(IssuedPassword {
        account: Account {
            must_change_password: true,
            ..record.account
        },
        password,
    }))
}

/// The filters of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only entries by this user name.
    #[param(max_length = 40)]
    pub actor: Option<String>,
    /// Only this action (`account.create`), or every action under a prefix
    /// ending in a dot (`account.`).
    #[param(max_length = 60)]
    pub action: Option<String>,
    /// The page, from 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
}

/// The audit log, newest first (administrators only).
#[utoipa::path(
    get,
    path = "/api/staff/audit",
    tag = "staff",
    params(AuditParams),
    responses(
        (status = 200, description = "A page of the log.", body = AuditPage),
        (status = 400, description = "A bad filter.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an administrator.", body = ApiErrorBody),
    )
)]
pub async fn audit(
    State(state): State<AppState>,
    AsAdministrator(_): AsAdministrator,
    Query(params): Query<AuditParams>,
) -> ApiResult<Json<AuditPage>> {
    let clean = |value: Option<String>, field: &str, max: usize| -> ApiResult<Option<String>> {
        match value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
            Some(v)
                if v.chars().count() > max || portal_types::text::has_control_characters(&v) =>
            {
                Err(ApiError::field(field, Problem::TooLong { max }))
            }
            other => Ok(other),
        }
    };
    let actor = clean(params.actor, "actor", 40)?;
    let action = clean(params.action, "action", 60)?;
    let page = params.page.unwrap_or(1);
    if !(1..=100_000).contains(&page) {
        return Err(ApiError::field(
            "page",
            Problem::OutOfRange {
                min: 1,
                max: 100_000,
            },
        ));
    }
    let (items, total) = state
        .store
        .audit_page(actor.as_deref(), action.as_deref(), page, AUDIT_PAGE_SIZE)
        .await?;
    Ok(Json(AuditPage {
        items,
        total,
        page,
        per_page: AUDIT_PAGE_SIZE,
    }))
}
