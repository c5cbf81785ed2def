//! `/api/staff`: sign-in, sessions, CSRF, roles, accounts and the audit log.

use std::io::Write;
use std::process::{Command, Stdio};

use portal_types::staff::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Options, Staff, TestApp, spawn_app, spawn_app_with};

const ADMIN_PASSWORD: &str = "admin correct horse 2026";
const EDITOR_PASSWORD: &str = "editor battery staple 26";
const HANDLER_PASSWORD: &str = "handler river stone 2026";

/// A server with one account of each role, each signed in.
async fn staffed() -> (TestApp, Staff, Staff, Staff) {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Options::default()
    })
    .await;
    app.add_staff("admin", Role::Administrator, ADMIN_PASSWORD)
        .await;
    app.add_staff("editor", Role::Editor, EDITOR_PASSWORD).await;
    app.add_staff("handler", Role::CaseHandler, HANDLER_PASSWORD)
        .await;
    let admin = app.sign_in("admin", ADMIN_PASSWORD).await;
    let editor = app.sign_in("editor", EDITOR_PASSWORD).await;
    let handler = app.sign_in("handler", HANDLER_PASSWORD).await;
    (app, admin, editor, handler)
}

async fn body(response: reqwest::Response) -> Value {
    response.json().await.expect("a JSON body")
}

/// Every staff endpoint, with a body where it takes one.
fn endpoints() -> Vec<(Method, &'static str, Option<Value>)> {
    vec![
        (Method::GET, "/api/staff/session", None),
        (Method::DELETE, "/api/staff/session", None),
        (
            Method::PUT,
            "/api/staff/password",
            Some(json!({"current": "x", "new": "a new long password"})),
        ),
        (Method::GET, "/api/staff/accounts", None),
        (
            Method::POST,
            "/api/staff/accounts",
            Some(json!({"username": "someone", "display_name": "某人", "role": "editor"})),
        ),
        (Method::POST, "/api/staff/accounts/1/disable", None),
        (Method::POST, "/api/staff/accounts/1/enable", None),
        (Method::POST, "/api/staff/accounts/1/reset-password", None),
        (Method::GET, "/api/staff/audit", None),
    ]
}

#[tokio::test]
async fn the_first_administrator_is_made_on_the_command_line_and_can_sign_in() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Options::default()
    })
    .await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["--database-url", &app.database_url])
        .args(["staff", "add", "--username", "chief", "--name", "王主任"])
        .args(["--role", "administrator"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server command runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{ADMIN_PASSWORD}\n").as_bytes())
        .expect("the password is written");
    let output = child.wait_with_output().expect("the command ends");
    assert!(output.status.success(), "{output:?}");
    let staff = app.sign_in("chief", ADMIN_PASSWORD).await;
    let session = body(
        app.as_staff(&staff, Method::GET, "/api/staff/session", None)
            .await,
    )
    .await;
    assert_eq!(session["account"]["role"], "administrator");
    assert_eq!(session["account"]["display_name"], "王主任");
}

#[tokio::test]
async fn the_command_line_refuses_a_short_password_and_creates_nothing() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Options::default()
    })
    .await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["--database-url", &app.database_url])
        .args(["staff", "add", "--username", "chief", "--name", "王主任"])
        .args(["--role", "administrator"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server command runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"short\n")
        .expect("the password is written");
    let output = child.wait_with_output().expect("the command ends");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("12"));
    let accounts: i64 = sqlx::query_scalar("SELECT count(*) FROM staff_accounts")
        .fetch_one(&app.db().await)
        .await
        .expect("a count");
    assert_eq!(accounts, 0);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_name_answer_alike() {
    let (app, ..) = staffed().await;
    let wrong = app.try_sign_in("editor", "not the password at all").await;
    let unknown = app.try_sign_in("nobody", "not the password at all").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    assert_eq!(body(wrong).await, body(unknown).await);
}

#[tokio::test]
async fn five_failed_sign_ins_lock_the_name_from_that_address_even_against_the_right_password() {
    let (app, ..) = staffed().await;
    for attempt in 1..=4 {
        let response = app.try_sign_in("editor", "guess guess guess").await;
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    let fifth = app.try_sign_in("editor", "guess guess guess").await;
    assert_eq!(fifth.status(), 429);
    let right = app.try_sign_in("editor", EDITOR_PASSWORD).await;
    assert_eq!(right.status(), 429);
    let wait: u64 = right
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After");
    assert!(wait > 600 && wait <= 900, "{wait}");
    assert_eq!(body(right).await["code"], "sign_in_locked");
}

/// Tries to sign in from 127.0.0.2, another address of the loopback
/// interface than the one the test client uses.
async fn sign_in_from_elsewhere(
    app: &TestApp,
    username: &str,
    password: &str,
) -> reqwest::Response {
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .expect("a client")
        .post(app.url("/api/staff/session"))
        .json(&serde_json::json!({ "username": username, "password": password }))
        .send()
        .await
        .expect("the server answers")
}

#[tokio::test]
async fn a_stranger_locking_a_name_does_not_lock_its_owner_out() {
    let (app, ..) = staffed().await;
    // The stranger, from 127.0.0.1, locks "editor" for that address.
    for _ in 1..=5 {
        app.try_sign_in("editor", "guess guess guess").await;
    }
    assert_eq!(
        app.try_sign_in("editor", EDITOR_PASSWORD).await.status(),
        429
    );
    // The owner, from another address, signs in.
    let response = sign_in_from_elsewhere(&app, "editor", EDITOR_PASSWORD).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn the_owner_signing_in_does_not_lift_a_strangers_lock() {
    let (app, ..) = staffed().await;
    for _ in 1..=5 {
        app.try_sign_in("editor", "guess guess guess").await;
    }
    let signed_in = sign_in_from_elsewhere(&app, "editor", EDITOR_PASSWORD).await;
    assert_eq!(signed_in.status(), 200);
    assert_eq!(
        app.try_sign_in("editor", "guess guess guess")
            .await
            .status(),
        429
    );
}

#[tokio::test]
async fn an_unknown_name_locks_like_a_known_one() {
    let (app, ..) = staffed().await;
    for _ in 1..=4 {
        app.try_sign_in("nobody", "guess guess guess").await;
    }
    assert_eq!(
        app.try_sign_in("nobody", "guess guess guess")
            .await
            .status(),
        429
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_same_site_strict_and_scoped_to_the_staff_api() {
    let (app, ..) = staffed().await;
    let response = app.try_sign_in("editor", EDITOR_PASSWORD).await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(cookie.contains("Path=/api/staff"), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn staff_answers_are_never_stored_by_caches() {
    let (app, admin, ..) = staffed().await;
    let response = app
        .as_staff(&admin, Method::GET, "/api/staff/session", None)
        .await;
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
}

#[tokio::test]
async fn behind_tls_the_session_cookie_is_secure() {
    let app = spawn_app_with(Options {
        demo_data: false,
        behind_tls: true,
        ..Options::default()
    })
    .await;
    app.add_staff("editor", Role::Editor, EDITOR_PASSWORD).await;
    let response = app.try_sign_in("editor", EDITOR_PASSWORD).await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn every_staff_endpoint_refuses_a_request_without_a_session() {
    let app = spawn_app().await;
    for (method, path, body_json) in endpoints() {
        let response = app
            .staff_request(method.clone(), path, None, None, body_json)
            .await;
        assert_eq!(response.status(), 401, "{method} {path}");
        assert_eq!(body(response).await["code"], "unauthorized");
    }
}

#[tokio::test]
async fn every_state_changing_endpoint_refuses_a_missing_or_wrong_csrf_token() {
    let (app, admin, ..) = staffed().await;
    for (method, path, body_json) in endpoints() {
        if method == Method::GET {
            continue;
        }
        for csrf in [None, Some("0".repeat(64))] {
            let response = app
                .staff_request(
                    method.clone(),
                    path,
                    Some(&admin),
                    csrf.as_deref(),
                    body_json.clone(),
                )
                .await;
            assert_eq!(response.status(), 403, "{method} {path} with {csrf:?}");
            assert!(
                body(response).await["message"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("CSRF")
            );
        }
    }
    // Nothing was done: the administrator is still signed in, alone.
    let accounts = body(
        app.as_staff(&admin, Method::GET, "/api/staff/accounts", None)
            .await,
    )
    .await;
    assert_eq!(accounts["items"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn only_administrators_manage_accounts_and_read_the_audit_log() {
    let (app, admin, editor, handler) = staffed().await;
    for (method, path, body_json) in endpoints() {
        if !path.starts_with("/api/staff/accounts") && !path.starts_with("/api/staff/audit") {
            continue;
        }
        for (who, staff) in [("editor", &editor), ("case handler", &handler)] {
            let response = app
                .as_staff(staff, method.clone(), path, body_json.clone())
                .await;
            assert_eq!(response.status(), 403, "{who}: {method} {path}");
            assert_eq!(body(response).await["code"], "forbidden");
        }
    }
    for path in ["/api/staff/accounts", "/api/staff/audit"] {
        let response = app.as_staff(&admin, Method::GET, path, None).await;
        assert_eq!(response.status(), 200, "administrator: {path}");
    }
}

#[tokio::test]
async fn every_role_reads_its_own_session() {
    let (app, admin, editor, handler) = staffed().await;
    for (staff, role) in [
        (&admin, "administrator"),
        (&editor, "editor"),
        (&handler, "case-handler"),
    ] {
        let session = body(
            app.as_staff(staff, Method::GET, "/api/staff/session", None)
                .await,
        )
        .await;
        assert_eq!(session["account"]["role"], role);
        assert_eq!(session["csrf_token"].as_str(), Some(staff.csrf.as_str()));
    }
}

#[tokio::test]
async fn a_new_account_gets_a_one_time_password_it_must_change_first() {
    let (app, admin, ..) = staffed().await;
    let created = app
        .as_staff(
            &admin,
            Method::POST,
            "/api/staff/accounts",
            Some(json!({"username": "li.ming", "display_name": "李明", "role": "administrator"})),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created = body(created).await;
    let password = created["password"].as_str().expect("a one-time password");
    assert!(password.len() >= 16);
    assert_eq!(created["account"]["must_change_password"], true);

    let li = app.sign_in("li.ming", password).await;
    let refused = app
        .as_staff(&li, Method::GET, "/api/staff/accounts", None)
        .await;
    assert_eq!(refused.status(), 403);
    let changed = app
        .as_staff(
            &li,
            Method::PUT,
            "/api/staff/password",
            Some(json!({"current": password, "new": "li ming's own long secret"})),
        )
        .await;
    assert_eq!(changed.status(), 204);
    let allowed = app
        .as_staff(&li, Method::GET, "/api/staff/accounts", None)
        .await;
    assert_eq!(allowed.status(), 200);
}

#[tokio::test]
async fn a_taken_or_malformed_user_name_is_refused_by_field() {
    let (app, admin, ..) = staffed().await;
    for username in ["editor", "Li Ming", "x"] {
        let response = app
            .as_staff(
                &admin,
                Method::POST,
                "/api/staff/accounts",
                Some(json!({"username": username, "display_name": "某人", "role": "editor"})),
            )
            .await;
        assert_eq!(response.status(), 400, "{username}");
        assert!(body(response).await["fields"]["username"].is_array());
    }
}

#[tokio::test]
async fn a_new_password_must_be_long_and_the_current_one_right() {
    let (app, _, editor, _) = staffed().await;
    let wrong_current = app
        .as_staff(
            &editor,
            Method::PUT,
            "/api/staff/password",
            Some(json!({"current": "not it at all", "new": "a perfectly long password"})),
        )
        .await;
    assert_eq!(wrong_current.status(), 400);
    assert!(body(wrong_current).await["fields"]["current"].is_array());
    let short = app
        .as_staff(
            &editor,
            Method::PUT,
            "/api/staff/password",
            Some(json!({"current": EDITOR_PASSWORD, "new": "short"})),
        )
        .await;
    assert_eq!(short.status(), 400);
    assert!(body(short).await["fields"]["new"].is_array());
}

#[tokio::test]
async fn changing_the_password_ends_the_accounts_other_sessions() {
    let (app, _, editor, _) = staffed().await;
    let elsewhere = app.sign_in("editor", EDITOR_PASSWORD).await;
    let changed = app
        .as_staff(
            &editor,
            Method::PUT,
            "/api/staff/password",
            Some(json!({"current": EDITOR_PASSWORD, "new": "a brand new long secret"})),
        )
        .await;
    assert_eq!(changed.status(), 204);
    let here = app
        .as_staff(&editor, Method::GET, "/api/staff/session", None)
        .await;
    assert_eq!(here.status(), 200);
    let there = app
        .as_staff(&elsewhere, Method::GET, "/api/staff/session", None)
        .await;
    assert_eq!(there.status(), 401);
    assert_eq!(
        app.try_sign_in("editor", EDITOR_PASSWORD).await.status(),
        401
    );
}

#[tokio::test]
async fn signing_out_ends_the_session_and_clears_the_cookie() {
    let (app, _, editor, _) = staffed().await;
    let out = app
        .as_staff(&editor, Method::DELETE, "/api/staff/session", None)
        .await;
    assert_eq!(out.status(), 204);
    let cookie = out
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(cookie.contains("Max-Age=0"), "{cookie}");
    let after = app
        .as_staff(&editor, Method::GET, "/api/staff/session", None)
        .await;
    assert_eq!(after.status(), 401);
}

#[tokio::test]
async fn an_expired_session_is_refused() {
    let (app, _, editor, _) = staffed().await;
    sqlx::query("UPDATE staff_sessions SET expires_at = '2000-01-01T00:00:00.000000Z'")
        .execute(&app.db().await)
        .await
        .expect("sessions aged");
    let response = app
        .as_staff(&editor, Method::GET, "/api/staff/session", None)
        .await;
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn a_disabled_account_is_signed_out_and_cannot_sign_in() {
    let (app, admin, editor, _) = staffed().await;
    let accounts = body(
        app.as_staff(&admin, Method::GET, "/api/staff/accounts", None)
            .await,
    )
    .await;
    let id = accounts["items"]
        .as_array()
        .and_then(|items| items.iter().find(|a| a["username"] == "editor"))
        .and_then(|a| a["id"].as_i64())
        .expect("the editor's id");
    let disabled = app
        .as_staff(
            &admin,
            Method::POST,
            &format!("/api/staff/accounts/{id}/disable"),
            None,
        )
        .await;
    assert_eq!(disabled.status(), 200);
    let session = app
        .as_staff(&editor, Method::GET, "/api/staff/session", None)
        .await;
    assert_eq!(session.status(), 401);
    assert_eq!(
        app.try_sign_in("editor", EDITOR_PASSWORD).await.status(),
        401
    );
}

#[tokio::test]
async fn an_administrator_cannot_disable_their_own_account() {
    let (app, admin, ..) = staffed().await;
    let session = body(
        app.as_staff(&admin, Method::GET, "/api/staff/session", None)
            .await,
    )
    .await;
    let id = session["account"]["id"].as_i64().expect("an id");
    let response = app
        .as_staff(
            &admin,
            Method::POST,
            &format!("/api/staff/accounts/{id}/disable"),
            None,
        )
        .await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn an_administrator_cannot_reset_their_own_password_and_stays_signed_in() {
    let (app, admin, ..) = staffed().await;
    let session = body(
        app.as_staff(&admin, Method::GET, "/api/staff/session", None)
            .await,
    )
    .await;
    let id = session["account"]["id"].as_i64().expect("an id");
    let response = app
        .as_staff(
            &admin,
            Method::POST,
            &format!("/api/staff/accounts/{id}/reset-password"),
            None,
        )
        .await;
    assert_eq!(response.status(), 400);
    assert!(body(response).await["fields"]["id"].is_array());
    let still = app
        .as_staff(&admin, Method::GET, "/api/staff/session", None)
        .await;
    assert_eq!(still.status(), 200);
}

#[tokio::test]
async fn staff_writes_are_in_the_audit_log_with_who_what_and_before_and_after() {
    let (app, admin, ..) = staffed().await;
    let created = body(
        app.as_staff(
            &admin,
            Method::POST,
            "/api/staff/accounts",
            Some(json!({"username": "zhang", "display_name": "张三", "role": "editor"})),
        )
        .await,
    )
    .await;
    let id = created["account"]["id"].as_i64().expect("an id");
    app.as_staff(
        &admin,
        Method::POST,
        &format!("/api/staff/accounts/{id}/disable"),
        None,
    )
    .await;
    let log = body(
        app.as_staff(
            &admin,
            Method::GET,
            "/api/staff/audit?action=account.",
            None,
        )
        .await,
    )
    .await;
    let items = log["items"].as_array().expect("entries");
    let disable = &items[0];
    assert_eq!(disable["action"], "account.disable");
    assert_eq!(disable["actor"], "admin");
    assert_eq!(disable["target"], format!("account:{id}"));
    assert!(
        disable["before"]
            .as_str()
            .unwrap_or_default()
            .contains("\"disabled\":false")
    );
    assert!(
        disable["after"]
            .as_str()
            .unwrap_or_default()
            .contains("\"disabled\":true")
    );
    let create = &items[1];
    assert_eq!(create["action"], "account.create");
    assert!(create["before"].is_null());
    assert!(
        create["after"]
            .as_str()
            .unwrap_or_default()
            .contains("张三")
    );
    assert!(
        !create["after"]
            .as_str()
            .unwrap_or_default()
            .contains("argon2")
    );
    let by_editor = body(
        app.as_staff(&admin, Method::GET, "/api/staff/audit?actor=editor", None)
            .await,
    )
    .await;
    assert!(
        by_editor["items"]
            .as_array()
            .expect("entries")
            .iter()
            .all(|e| e["actor"] == "editor")
    );
}

#[tokio::test]
async fn the_audit_log_refuses_changes_and_deletions() {
    let (app, ..) = staffed().await;
    let db = app.db().await;
    let update = sqlx::query("UPDATE audit_log SET actor = 'someone else'")
        .execute(&db)
        .await;
    assert!(update.is_err());
    let delete = sqlx::query("DELETE FROM audit_log").execute(&db).await;
    assert!(delete.is_err());
    let entries: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&db)
        .await
        .expect("a count");
    assert!(entries >= 3);
}

#[tokio::test]
async fn no_password_or_token_is_stored_in_clear() {
    let (app, admin, ..) = staffed().await;
    let db = app.db().await;
    let hashes: Vec<String> = sqlx::query_scalar("SELECT password_hash FROM staff_accounts")
        .fetch_all(&db)
        .await
        .expect("hashes");
    assert!(hashes.iter().all(|h| h.starts_with("$argon2id$")));
    let token = admin
        .cookie
        .split_once('=')
        .map(|(_, t)| t.to_owned())
        .unwrap_or_default();
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM staff_sessions WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(&db)
            .await
            .expect("a count");
    assert_eq!(stored, 0);
}
