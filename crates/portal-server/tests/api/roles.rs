//! Every staff endpoint against every role, without a session, and without
//! or with a wrong CSRF token: the role that owns it gets past the gate,
//! every other role gets 403, nobody gets 401, and no change goes through
//! without the session's own token.

use portal_types::staff::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Staff, TestApp, spawn_app};

/// An endpoint, the role that owns it (`None`: every signed-in role), and a
/// body if it takes one.
struct Endpoint {
    method: Method,
    path: String,
    owner: Option<Role>,
    body: Option<Value>,
}

fn endpoint(method: Method, path: &str, owner: Option<Role>, body: Option<Value>) -> Endpoint {
    Endpoint {
        method,
        path: path.to_owned(),
        owner,
        body,
    }
}

fn endpoints(reference: &str) -> Vec<Endpoint> {
    use Role::{Administrator, CaseHandler, Editor};
    let r = |p: &str| format!("/api/staff/reports/{reference}{p}");
    vec![
        endpoint(Method::GET, "/api/staff/session", None, None),
        endpoint(
            Method::GET,
            "/api/staff/accounts",
            Some(Administrator),
            None,
        ),
        endpoint(
            Method::POST,
            "/api/staff/accounts",
            Some(Administrator),
            Some(json!({"username": "matrix", "display_name": "矩阵", "role": "editor"})),
        ),
        endpoint(
            Method::POST,
            "/api/staff/accounts/999/disable",
            Some(Administrator),
            None,
        ),
        endpoint(
            Method::POST,
            "/api/staff/accounts/999/enable",
            Some(Administrator),
            None,
        ),
        endpoint(
            Method::POST,
            "/api/staff/accounts/999/reset-password",
            Some(Administrator),
            None,
        ),
        endpoint(Method::GET, "/api/staff/audit", Some(Administrator), None),
        endpoint(Method::GET, "/api/staff/reports", Some(CaseHandler), None),
        endpoint(Method::GET, &r(""), Some(CaseHandler), None),
        endpoint(Method::GET, &r("/photos/0"), Some(CaseHandler), None),
        endpoint(
            Method::POST,
            &r("/status"),
            Some(CaseHandler),
            Some(json!({"status": "accepted", "reply": ""})),
        ),
        endpoint(
            Method::POST,
            &r("/extend"),
            Some(CaseHandler),
            Some(json!({"reply": "x"})),
        ),
        endpoint(
            Method::POST,
            &r("/decision"),
            Some(CaseHandler),
            Some(json!({"decision_id": 1})),
        ),
        endpoint(
            Method::POST,
            &r("/reward"),
            Some(CaseHandler),
            Some(json!({"basis": "fine", "reply": ""})),
        ),
        endpoint(
            Method::POST,
            &r("/paid"),
            Some(CaseHandler),
            Some(json!({"reply": ""})),
        ),
        endpoint(Method::POST, &r("/reporter"), Some(CaseHandler), None),
        endpoint(
            Method::POST,
            "/api/staff/decisions/999999/revoke",
            Some(Editor),
            Some(json!({"reason": "x"})),
        ),
        endpoint(
            Method::PUT,
            "/api/staff/decisions/999999",
            Some(Editor),
            Some(json!({})),
        ),
        endpoint(
            Method::POST,
            "/api/staff/blacklist",
            Some(Editor),
            Some(json!({})),
        ),
        endpoint(
            Method::POST,
            "/api/staff/blacklist/remove",
            Some(Editor),
            Some(json!({"credit_code": "x", "reason": "x"})),
        ),
        endpoint(
            Method::POST,
            "/api/staff/decisions/import",
            Some(Editor),
            None,
        ),
        endpoint(
            Method::POST,
            "/api/staff/licences/import",
            Some(Editor),
            None,
        ),
        endpoint(
            Method::POST,
            "/api/staff/licences/999999/status",
            Some(Editor),
            Some(json!({"status": "suspended", "on": "2026-01-01", "note": "x"})),
        ),
        endpoint(Method::GET, "/api/staff/repairs", Some(Editor), None),
        endpoint(
            Method::GET,
            "/api/staff/repairs/XF20260101-AAAAAA",
            Some(Editor),
            None,
        ),
        endpoint(
            Method::GET,
            "/api/staff/repairs/XF20260101-AAAAAA/documents/1",
            Some(Editor),
            None,
        ),
        endpoint(
            Method::POST,
            "/api/staff/repairs/XF20260101-AAAAAA/decision",
            Some(Editor),
            Some(json!({"action": "accept"})),
        ),
        endpoint(
            Method::POST,
            "/api/staff/exposed-cases",
            Some(Editor),
            Some(json!({})),
        ),
        endpoint(
            Method::GET,
            "/api/staff/exposed-cases/999999",
            Some(Editor),
            None,
        ),
        endpoint(
            Method::PUT,
            "/api/staff/exposed-cases/999999",
            Some(Editor),
            Some(json!({})),
        ),
        endpoint(
            Method::POST,
            "/api/staff/hazard-listings",
            Some(Editor),
            Some(json!({})),
        ),
        endpoint(
            Method::PUT,
            "/api/staff/hazard-listings/999999",
            Some(Editor),
            Some(json!({})),
        ),
        endpoint(
            Method::POST,
            "/api/staff/hazard-listings/999999/steps",
            Some(Editor),
            Some(json!({"status": "rectifying", "on": "2026-01-01", "note": "x"})),
        ),
        endpoint(
            Method::POST,
            "/api/staff/accident-reports",
            Some(Editor),
            Some(json!({})),
        ),
        endpoint(
            Method::PUT,
            "/api/staff/accident-reports/999999",
            Some(Editor),
            Some(json!({})),
        ),
        endpoint(
            Method::PUT,
            "/api/staff/accident-reports/999999/assessment",
            Some(Editor),
            Some(json!({})),
        ),
        endpoint(Method::GET, "/api/staff/articles", Some(Editor), None),
        endpoint(Method::GET, "/api/staff/articles/cpr", Some(Editor), None),
        endpoint(
            Method::POST,
            "/api/staff/articles/preview",
            Some(Editor),
            Some(json!({"markdown": "## x"})),
        ),
        endpoint(
            Method::PUT,
            "/api/staff/articles/no-such-article",
            Some(Editor),
            Some(json!({})),
        ),
    ]
}

async fn staffed() -> (TestApp, Vec<(Role, Staff)>, String) {
    let app = spawn_app().await;
    let mut staff = Vec::new();
    for (role, name) in [
        (Role::Administrator, "admin"),
        (Role::Editor, "editor"),
        (Role::CaseHandler, "handler"),
    ] {
        let password = format!("{name} matrix password 26");
        app.add_staff(name, role, &password).await;
        staff.push((role, app.sign_in(name, &password).await));
    }
    let seen = (chrono::Utc::now() + chrono::Duration::hours(6))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let receipt: Value = app
        .post_json(
            "/api/reports",
            &json!({
                "category": "fire", "district": "lixia", "address": "经十路100号",
                "seen_at": seen, "description": "安全出口被上锁，疏散通道堆满货物。",
                "photos": [], "reporter": { "kind": "anonymous" }
            }),
        )
        .await
        .json()
        .await
        .expect("a receipt");
    let reference = receipt["reference"]
        .as_str()
        .expect("a reference")
        .to_owned();
    (app, staff, reference)
}

#[tokio::test]
async fn every_staff_endpoint_admits_only_its_role() {
    let (app, staff, reference) = staffed().await;
    for e in endpoints(&reference) {
        for (role, member) in &staff {
            let status = app
                .as_staff(member, e.method.clone(), &e.path, e.body.clone())
                .await
                .status()
                .as_u16();
            let owns = e.owner.is_none_or(|owner| owner == *role);
            if owns {
                assert!(
                    status != 401 && status != 403,
                    "{role:?} owns {} {} but got {status}",
                    e.method,
                    e.path
                );
            } else {
                assert_eq!(status, 403, "{role:?} on {} {}", e.method, e.path);
            }
        }
    }
}

#[tokio::test]
async fn every_staff_endpoint_refuses_a_request_without_a_session() {
    let (app, _, reference) = staffed().await;
    for e in endpoints(&reference) {
        let status = app
            .staff_request(e.method.clone(), &e.path, None, None, e.body.clone())
            .await
            .status();
        assert_eq!(status, 401, "{} {}", e.method, e.path);
    }
}

#[tokio::test]
async fn every_state_changing_endpoint_refuses_a_missing_or_wrong_csrf_token() {
    let (app, staff, reference) = staffed().await;
    for e in endpoints(&reference) {
        if e.method == Method::GET {
            continue;
        }
        let member = staff
            .iter()
            .find(|(role, _)| e.owner.is_none_or(|owner| owner == *role))
            .map(|(_, member)| member)
            .expect("an owner");
        for csrf in [None, Some("0".repeat(64))] {
            let status = app
                .staff_request(
                    e.method.clone(),
                    &e.path,
                    Some(member),
                    csrf.as_deref(),
                    e.body.clone(),
                )
                .await
                .status();
            assert_eq!(status, 403, "{} {} with {csrf:?}", e.method, e.path);
        }
    }
    let audit: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action NOT LIKE 'session.%' AND actor NOT IN ('test', 'system:demo')",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("a count");
    assert_eq!(audit, 0, "nothing was changed");
}

/// Whether a concrete `path` is an address of the OpenAPI path `template`
/// (`{name}` standing for one segment).
fn is_instance(template: &str, path: &str) -> bool {
    let (template, path): (Vec<&str>, Vec<&str>) =
        (template.split('/').collect(), path.split('/').collect());
    template.len() == path.len()
        && template
            .iter()
            .zip(&path)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}')) || t == p)
}

#[tokio::test]
async fn the_matrix_covers_every_staff_operation_of_the_api_document() {
    let app = spawn_app().await;
    let document = app.get_json("/api/openapi.json", 200).await;
    let paths = document["paths"].as_object().expect("paths");
    let listed = endpoints("JB20260101-AAAAAA");
    // Tried in `staff.rs` instead: signing in needs no session, signing out
    // would end the matrix's sessions, and a password change with a wrong
    // current password counts against the account.
    let elsewhere = [
        "POST /api/staff/session",
        "DELETE /api/staff/session",
        "PUT /api/staff/password",
    ];
    let mut missing = Vec::new();
    for (template, operations) in paths {
        if !template.starts_with("/api/staff/") {
            continue;
        }
        for method in operations.as_object().expect("operations").keys() {
            let method = method.to_uppercase();
            let covered = listed
                .iter()
                .any(|e| e.method.as_str() == method && is_instance(template, &e.path));
            if !covered && !elsewhere.contains(&format!("{method} {template}").as_str()) {
                missing.push(format!("{method} {template}"));
            }
        }
    }
    assert!(missing.is_empty(), "not in the role matrix: {missing:#?}");
}
