//! `/api/staff/reports`: a case handler takes a report from received to
//! reward paid; the reporter's status page shows every step.

use portal_types::staff::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Staff, TestApp, spawn_app};

const HANDLER_PASSWORD: &str = "handler river stone 2026";
const EDITOR_PASSWORD: &str = "editor battery staple 26";

/// A server with demo data, a case handler and an editor signed in.
async fn handled() -> (TestApp, Staff, Staff) {
    let app = spawn_app().await;
    app.add_staff("handler", Role::CaseHandler, HANDLER_PASSWORD)
        .await;
    app.add_staff("editor", Role::Editor, EDITOR_PASSWORD).await;
    let handler = app.sign_in("handler", HANDLER_PASSWORD).await;
    let editor = app.sign_in("editor", EDITOR_PASSWORD).await;
    (app, handler, editor)
}

/// Submits a report (named, so that it can earn a reward); returns the
/// reference and the query code.
async fn report(app: &TestApp, named: bool) -> (String, String) {
    let seen = (chrono::Utc::now() + chrono::Duration::hours(6))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let reporter = if named {
        json!({ "kind": "named", "name": "王举报", "phone": "13912345678" })
    } else {
        json!({ "kind": "anonymous" })
    };
    let response = app
        .client
        .post(app.url("/api/reports"))
        .json(&json!({
            "category": "fire",
            "district": "lixia",
            "address": "经十路100号某商场三楼",
            "enterprise_name": "某某商贸有限公司",
            "seen_at": seen,
            "description": "商场三楼安全出口被上锁，疏散通道堆满货物，消防栓被遮挡。",
            "photos": [],
            "reporter": reporter
        }))
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 201);
    let receipt: Value = response.json().await.expect("a receipt");
    (
        receipt["reference"]
            .as_str()
            .expect("a reference")
            .to_owned(),
        receipt["query_code"].as_str().expect("a code").to_owned(),
    )
}

async fn json(response: reqwest::Response) -> Value {
    response.json().await.expect("a JSON body")
}

async fn step(app: &TestApp, handler: &Staff, reference: &str, status: &str, reply: &str) -> Value {
    let response = app
        .as_staff(
            handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/status"),
            Some(json!({ "status": status, "reply": reply })),
        )
        .await;
    assert_eq!(response.status(), 200, "to {status}");
    json(response).await
}

/// A decision id and its fine in yuan.
async fn a_decision(app: &TestApp) -> (i64, u64) {
    let (id, fen): (i64, i64) =
        sqlx::query_as("SELECT id, fine_fen FROM penalty_decisions ORDER BY fine_fen DESC LIMIT 1")
            .fetch_one(&app.db().await)
            .await
            .expect("a decision");
    (id, u64::try_from(fen / 100).expect("a fine"))
}

#[tokio::test]
async fn a_report_goes_from_received_to_reward_paid_and_the_reporter_sees_every_step() {
    let (app, handler, _) = handled().await;
    let (reference, code) = report(&app, true).await;
    let queue = json(
        app.as_staff(
            &handler,
            Method::GET,
            "/api/staff/reports?status=received",
            None,
        )
        .await,
    )
    .await;
    assert!(
        queue["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|c| c["reference"] == reference.as_str())
    );
    step(
        &app,
        &handler,
        &reference,
        "accepted",
        "已受理，将安排核查。",
    )
    .await;
    step(
        &app,
        &handler,
        &reference,
        "investigating",
        "执法人员已到现场核查。",
    )
    .await;
    let substantiated = step(
        &app,
        &handler,
        &reference,
        "substantiated",
        "经核查属实，已立案处罚。",
    )
    .await;
    assert!(substantiated["public"]["feedback_by"].is_string());

    let (decision, fine) = a_decision(&app).await;
    let linked = json(
        app.as_staff(
            &handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/decision"),
            Some(json!({ "decision_id": decision })),
        )
        .await,
    )
    .await;
    assert_eq!(linked["decision_fine_yuan"], fine);
    let rewarded = app
        .as_staff(
            &handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/reward"),
            Some(json!({ "basis": "fine", "reply": "决定给予举报奖励。" })),
        )
        .await;
    assert_eq!(rewarded.status(), 200);
    let rewarded = json(rewarded).await;
    let expected = portal_types::reports::reward::for_fine(fine);
    assert_eq!(rewarded["public"]["reward_yuan"], expected);
    let paid = app
        .as_staff(
            &handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/paid"),
            Some(json!({ "reply": "奖励已发放，请查收。" })),
        )
        .await;
    assert_eq!(paid.status(), 200);

    let view = json(
        app.client
            .post(app.url("/api/reports/status"))
            .json(&json!({ "reference": reference, "query_code": code }))
            .send()
            .await
            .expect("an answer"),
    )
    .await;
    assert_eq!(view["status"], "reward-paid");
    assert_eq!(view["reward_yuan"], expected);
    let steps: Vec<&str> = view["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|e| e["status"].as_str())
        .collect();
    assert_eq!(
        steps,
        [
            "received",
            "accepted",
            "investigating",
            "substantiated",
            "reward-decided",
            "reward-paid"
        ]
    );
    assert_eq!(view["history"][5]["reply"], "奖励已发放，请查收。");
}

#[tokio::test]
async fn a_step_out_of_order_is_refused_with_the_status_the_report_has() {
    let (app, handler, _) = handled().await;
    let (reference, _) = report(&app, true).await;
    let response = app
        .as_staff(
            &handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/status"),
            Some(json!({ "status": "substantiated", "reply": "" })),
        )
        .await;
    assert_eq!(response.status(), 409);
    assert!(
        json(response).await["message"]
            .as_str()
            .unwrap_or_default()
            .contains("received")
    );
    let paid = app
        .as_staff(
            &handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/paid"),
            Some(json!({ "reply": "" })),
        )
        .await;
    assert_eq!(paid.status(), 409);
}

async fn substantiated(app: &TestApp, handler: &Staff, named: bool) -> String {
    let (reference, _) = report(app, named).await;
    for status in ["accepted", "investigating", "substantiated"] {
        step(app, handler, &reference, status, "").await;
    }
    reference
}

#[tokio::test]
async fn a_reward_from_the_fine_needs_the_decision_linked_first() {
    let (app, handler, _) = handled().await;
    let reference = substantiated(&app, &handler, true).await;
    let response = app
        .as_staff(
            &handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/reward"),
            Some(json!({ "basis": "fine", "reply": "" })),
        )
        .await;
    assert_eq!(response.status(), 400);
    assert!(json(response).await["fields"]["basis"].is_array());
}

#[tokio::test]
async fn a_reward_basis_or_grade_outside_the_rules_is_refused_by_name() {
    let (app, handler, _) = handled().await;
    let reference = substantiated(&app, &handler, true).await;
    for (decision, field) in [
        (json!({ "basis": "estimate", "reply": "" }), "basis"),
        (
            json!({ "basis": "accident", "grade": "minor", "deaths": 1, "reply": "" }),
            "grade",
        ),
    ] {
        let response = app
            .as_staff(
                &handler,
                Method::POST,
                &format!("/api/staff/reports/{reference}/reward"),
                Some(decision),
            )
            .await;
        assert_eq!(response.status(), 400);
        let answer = json(response).await;
        let message = answer["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(&format!("{field}: unknown variant")),
            "{answer}"
        );
    }
}

#[tokio::test]
async fn a_concealed_accident_earns_so_much_per_death_by_grade() {
    let (app, handler, _) = handled().await;
    let reference = substantiated(&app, &handler, true).await;
    let response = app
        .as_staff(
            &handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/reward"),
            Some(json!({ "basis": "accident", "grade": "larger", "deaths": 3, "reply": "" })),
        )
        .await;
    assert_eq!(response.status(), 200);
    let case = json(response).await;
    assert_eq!(case["public"]["reward_yuan"], 120_000);
    assert_eq!(
        case["reward_basis"],
        json!({ "basis": "accident", "grade": "larger", "deaths": 3, "overridden": false })
    );
}

#[tokio::test]
async fn overriding_the_computed_reward_needs_a_reason_which_is_kept() {
    let (app, handler, _) = handled().await;
    let reference = substantiated(&app, &handler, true).await;
    let path = format!("/api/staff/reports/{reference}/reward");
    let without = app
        .as_staff(
            &handler,
            Method::POST,
            &path,
            Some(json!({ "basis": "accident", "grade": "general", "deaths": 1, "amount_yuan": 50000, "reply": "" })),
        )
        .await;
    assert_eq!(without.status(), 400);
    assert!(json(without).await["fields"]["override_reason"].is_array());
    let with = app
        .as_staff(
            &handler,
            Method::POST,
            &path,
            Some(
                json!({ "basis": "accident", "grade": "general", "deaths": 1, "amount_yuan": 50000,
                         "override_reason": "举报人冒险取证，经局务会研究提高奖励", "reply": "" }),
            ),
        )
        .await;
    assert_eq!(with.status(), 200);
    let case = json(with).await;
    assert_eq!(case["public"]["reward_yuan"], 50_000);
    assert_eq!(
        case["reward_basis"],
        json!({ "basis": "accident", "grade": "general", "deaths": 1, "overridden": true })
    );
    assert_eq!(
        case["reward_override_reason"],
        "举报人冒险取证，经局务会研究提高奖励"
    );
}

#[tokio::test]
async fn an_anonymous_report_earns_no_reward() {
    let (app, handler, _) = handled().await;
    let reference = substantiated(&app, &handler, false).await;
    let response = app
        .as_staff(
            &handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/reward"),
            Some(json!({ "basis": "accident", "grade": "general", "deaths": 1, "reply": "" })),
        )
        .await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn the_case_never_shows_the_reporter_until_asked_and_asking_is_logged() {
    let (app, handler, _) = handled().await;
    let (reference, _) = report(&app, true).await;
    let case = app
        .as_staff(
            &handler,
            Method::GET,
            &format!("/api/staff/reports/{reference}"),
            None,
        )
        .await
        .text()
        .await
        .expect("a body");
    assert!(!case.contains("王举报") && !case.contains("13912345678"));
    let reporter = json(
        app.as_staff(
            &handler,
            Method::POST,
            &format!("/api/staff/reports/{reference}/reporter"),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(reporter["name"], "王举报");
    let logged: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'report.reporter-view' AND actor = 'handler' AND target = $1",
    )
    .bind(format!("report:{reference}"))
    .fetch_one(&app.db().await)
    .await
    .expect("a count");
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn every_case_step_is_in_the_audit_log() {
    let (app, handler, _) = handled().await;
    let reference = substantiated(&app, &handler, true).await;
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE target = $1 ORDER BY id")
            .bind(format!("report:{reference}"))
            .fetch_all(&app.db().await)
            .await
            .expect("entries");
    assert_eq!(actions, ["report.status", "report.status", "report.status"]);
}

#[tokio::test]
async fn only_case_handlers_handle_reports() {
    let (app, _, editor) = handled().await;
    let (reference, _) = report(&app, true).await;
    for (method, path, body) in [
        (Method::GET, "/api/staff/reports".to_owned(), None),
        (Method::GET, format!("/api/staff/reports/{reference}"), None),
        (
            Method::GET,
            format!("/api/staff/reports/{reference}/photos/0"),
            None,
        ),
        (
            Method::POST,
            format!("/api/staff/reports/{reference}/status"),
            Some(json!({ "status": "accepted", "reply": "" })),
        ),
        (
            Method::POST,
            format!("/api/staff/reports/{reference}/decision"),
            Some(json!({ "decision_id": 1 })),
        ),
        (
            Method::POST,
            format!("/api/staff/reports/{reference}/reward"),
            Some(json!({ "basis": "fine", "reply": "" })),
        ),
        (
            Method::POST,
            format!("/api/staff/reports/{reference}/paid"),
            Some(json!({ "reply": "" })),
        ),
        (
            Method::POST,
            format!("/api/staff/reports/{reference}/reporter"),
            None,
        ),
    ] {
        let response = app
            .as_staff(&editor, method.clone(), &path, body.clone())
            .await;
        assert_eq!(response.status(), 403, "editor: {method} {path}");
        let anonymous = app
            .staff_request(method.clone(), &path, None, None, body)
            .await;
        assert_eq!(anonymous.status(), 401, "nobody: {method} {path}");
    }
}

#[tokio::test]
async fn the_queue_filters_overdue_reports() {
    let (app, handler, _) = handled().await;
    let (late, _) = report(&app, true).await;
    let (fresh, _) = report(&app, true).await;
    sqlx::query("UPDATE reports SET handle_by = '2000-01-01' WHERE reference = $1")
        .bind(&late)
        .execute(&app.db().await)
        .await
        .expect("aged");
    let queue = json(
        app.as_staff(
            &handler,
            Method::GET,
            "/api/staff/reports?overdue=true",
            None,
        )
        .await,
    )
    .await;
    let references: Vec<&str> = queue["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["reference"].as_str())
        .collect();
    assert!(references.contains(&late.as_str()));
    assert!(!references.contains(&fresh.as_str()));
    assert_eq!(queue["items"][0]["overdue"], true);
}

#[tokio::test]
async fn the_handling_deadline_extends_once_by_thirty_days_with_a_reason() {
    let (app, handler, _) = handled().await;
    let (reference, code) = report(&app, true).await;
    let path = format!("/api/staff/reports/{reference}/extend");
    let without = app
        .as_staff(&handler, Method::POST, &path, Some(json!({ "reply": "" })))
        .await;
    assert_eq!(without.status(), 400);
    let extended = app
        .as_staff(
            &handler,
            Method::POST,
            &path,
            Some(json!({ "reply": "案情复杂，需要委托检测，办理期限延长30日。" })),
        )
        .await;
    assert_eq!(extended.status(), 200);
    let case = json(extended).await;
    let handle_by = chrono::NaiveDate::parse_from_str(
        case["public"]["handle_by"].as_str().expect("a date"),
        "%Y-%m-%d",
    )
    .expect("a date");
    assert_eq!(
        case["public"]["extended_to"],
        (handle_by + chrono::Duration::days(30)).to_string()
    );
    let again = app
        .as_staff(
            &handler,
            Method::POST,
            &path,
            Some(json!({ "reply": "再次延长" })),
        )
        .await;
    assert_eq!(again.status(), 400);
    let view = json(
        app.client
            .post(app.url("/api/reports/status"))
            .json(&json!({ "reference": reference, "query_code": code }))
            .send()
            .await
            .expect("an answer"),
    )
    .await;
    assert!(view.to_string().contains("案情复杂，需要委托检测"));
}
