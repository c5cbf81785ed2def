//! Typical cases, listed major hazards, accident reports and statistics:
//! what the public reads, and what editors (only they) write, audited.

use portal_types::staff::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Staff, TestApp, spawn_app};

const EDITOR_PASSWORD: &str = "editor lantern harbour 26";
const HANDLER_PASSWORD: &str = "handler meadow copper 26";

async fn editing() -> (TestApp, Staff, Staff) {
    let app = spawn_app().await;
    app.add_staff("editor", Role::Editor, EDITOR_PASSWORD).await;
    app.add_staff("handler", Role::CaseHandler, HANDLER_PASSWORD)
        .await;
    let editor = app.sign_in("editor", EDITOR_PASSWORD).await;
    let handler = app.sign_in("handler", HANDLER_PASSWORD).await;
    (app, editor, handler)
}

fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

fn days_ago(n: i64) -> String {
    (today() - chrono::Duration::days(n)).to_string()
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db().await)
        .await
        .expect("a count")
}

async fn a_decision_id(app: &TestApp) -> i64 {
    let page = app.get_json("/api/decisions?page_size=1", 200).await;
    page["items"][0]["id"].as_i64().expect("a decision")
}

async fn a_credit_code(app: &TestApp) -> String {
    let page = app.get_json("/api/decisions?page_size=50", 200).await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .find_map(|d| d["credit_code"].as_str())
        .expect("a decision with a credit code")
        .to_owned()
}

fn case_body(decision_ids: Value) -> Value {
    json!({
        "title": "某化工企业受限空间作业未审批致险情",
        "industry": "hazardous-chemicals",
        "district": "licheng",
        "published_on": days_ago(1),
        "summary": "企业未履行受限空间作业审批，被依法处罚。",
        "body": "执法人员检查发现，该企业在储罐清理作业中未办理作业票。\n\n企业已停止作业并整改。",
        "lesson": "受限空间作业必须先审批、先检测。",
        "provisions": "《中华人民共和国安全生产法》第四十三条",
        "decision_ids": decision_ids,
    })
}

fn listing_body(code: &str, listed_days_ago: i64, deadline_days_ago: i64) -> Value {
    json!({
        "credit_code": code,
        "hazard": "液氨制冷车间设在人员密集的加工车间内",
        "description": "液氨制冷机房与加工车间未有效隔离。",
        "requirements": "制定整改方案，限期完成隔离改造。",
        "authority": "济南市应急管理局",
        "listed_on": days_ago(listed_days_ago),
        "deadline": days_ago(deadline_days_ago),
    })
}

fn sections(measures: &str) -> Value {
    json!({
        "accident": "某日，一名员工在清理作业中晕倒。",
        "causes": "未进行通风和检测。",
        "technical": "池内硫化氢浓度超标。",
        "management": "未建立作业审批制度。",
        "responsibility": "对企业依法处罚。",
        "measures": measures,
    })
}

fn accident_body(measures: &str, note: &str) -> Value {
    json!({
        "title": "某公司“1·5”中毒事故调查报告",
        "occurred_on": days_ago(200),
        "district": "tianqiao",
        "industry": "industry-and-trade",
        "grade": "general",
        "deaths": 1,
        "injuries": 0,
        "direct_loss_yuan": 1200000,
        "investigated_by": "天桥区人民政府事故调查组",
        "published_on": days_ago(100),
        "sections": sections(measures),
        "change_note": note,
    })
}

// --- public reads -----------------------------------------------------------

#[tokio::test]
async fn a_typical_case_names_its_decisions_and_the_provisions_it_broke() {
    let app = spawn_app().await;
    let page = app.get_json("/api/exposed-cases", 200).await;
    let id = page["items"][0]["id"].as_i64().expect("a demo case");
    let case = app.get_json(&format!("/api/exposed-cases/{id}"), 200).await;
    let decision = case["decisions"][0]["id"].as_i64().expect("a decision");
    assert_eq!(case["decisions"][0]["in_view"], true);
    app.get_json(&format!("/api/decisions/{decision}"), 200)
        .await;
    assert!(
        case["provisions"].as_array().is_some_and(|p| !p.is_empty()),
        "provisions parsed for education links: {case}"
    );
}

#[tokio::test]
async fn cases_filter_by_industry() {
    let app = spawn_app().await;
    let page = app
        .get_json("/api/exposed-cases?industry=metallurgy", 200)
        .await;
    let items = page["items"].as_array().expect("items");
    assert!(items.iter().all(|c| c["industry"] == "metallurgy"));
    assert_eq!(page["total"].as_u64(), Some(items.len() as u64));
}

#[tokio::test]
async fn the_overdue_filter_returns_only_open_listings_past_their_deadline() {
    let app = spawn_app().await;
    let page = app.get_json("/api/hazard-listings?overdue=true", 200).await;
    let items = page["items"].as_array().expect("items");
    assert!(!items.is_empty(), "the demo has overdue listings");
    let today = today().to_string();
    for item in items {
        assert_eq!(item["overdue"], true);
        assert!(item["status"] == "listed" || item["status"] == "rectifying");
        assert!(item["deadline"].as_str().expect("a deadline") < today.as_str());
    }
    assert_eq!(page["overdue_total"], page["total"]);
}

#[tokio::test]
async fn a_listing_shows_every_step_from_its_listing_on() {
    let app = spawn_app().await;
    let page = app
        .get_json("/api/hazard-listings?status=delisted", 200)
        .await;
    let id = page["items"][0]["id"]
        .as_i64()
        .expect("a delisted demo listing");
    let listing = app
        .get_json(&format!("/api/hazard-listings/{id}"), 200)
        .await;
    let steps: Vec<&str> = listing["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["status"].as_str())
        .collect();
    assert_eq!(steps, ["listed", "rectifying", "accepted", "delisted"]);
}

#[tokio::test]
async fn the_enterprise_page_lists_its_hazard_listings() {
    let app = spawn_app().await;
    let page = app.get_json("/api/hazard-listings", 200).await;
    let code = page["items"][0]["credit_code"].as_str().expect("a code");
    let profile = app.get_json(&format!("/api/enterprises/{code}"), 200).await;
    let listings = profile["hazard_listings"].as_array().expect("listings");
    assert!(listings.iter().any(|l| l["id"] == page["items"][0]["id"]));
}

#[tokio::test]
async fn an_earlier_version_of_an_accident_report_stays_readable() {
    let app = spawn_app().await;
    let page = app.get_json("/api/accident-reports", 200).await;
    let corrected = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .next_back()
        .expect("a report");
    let latest = app
        .get_json(&format!("/api/accident-reports/{corrected}"), 200)
        .await;
    assert!(latest["history"].as_array().expect("history").len() >= 2);
    let first = app
        .get_json(&format!("/api/accident-reports/{corrected}?version=1"), 200)
        .await;
    assert_eq!(first["version"], 1);
    assert_ne!(
        first["sections"]["measures"],
        latest["sections"]["measures"]
    );
    app.get_json(
        &format!("/api/accident-reports/{corrected}?version=99"),
        404,
    )
    .await;
}

#[tokio::test]
async fn statistics_give_every_chart_and_each_as_csv() {
    let app = spawn_app().await;
    let stats = app.get_json("/api/statistics", 200).await;
    let charts = stats["charts"].as_array().expect("charts");
    assert_eq!(charts.len(), 5);
    let by_month = &charts[0];
    assert_eq!(by_month["rows"].as_array().map(Vec::len), Some(24));
    let response = app
        .get("/api/statistics/export.csv?chart=decisions-by-district")
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/csv"))
    );
    let text = response.text().await.expect("text");
    assert!(text.starts_with("\u{feff}区县,处罚决定（件）,罚款（元）\r\n历下区,"));
    assert_eq!(text.lines().count(), 16);
}

#[tokio::test]
async fn bad_list_parameters_are_named() {
    let app = spawn_app().await;
    for (path, field) in [
        ("/api/exposed-cases?page=0", "page"),
        ("/api/exposed-cases?year=1900", "year"),
        ("/api/exposed-cases?industry=mining", "industry"),
        ("/api/hazard-listings?status=closed", "status"),
        ("/api/hazard-listings?overdue=maybe", "overdue"),
        ("/api/accident-reports?grade=small", "grade"),
        ("/api/statistics/export.csv?chart=pie", "chart"),
        ("/api/statistics/export.csv", "chart"),
    ] {
        let body = app.get_json(path, 400).await;
        assert!(
            body.to_string().contains(field),
            "{path} names {field}: {body}"
        );
    }
    app.get_json("/api/exposed-cases/999999", 404).await;
    app.get_json("/api/hazard-listings/-1", 404).await;
    app.get_json("/api/accident-reports/abc", 404).await;
}

// --- editors' writes --------------------------------------------------------

#[tokio::test]
async fn an_editor_publishes_a_case_citing_a_decision_and_it_is_audited() {
    let (app, editor, _) = editing().await;
    let decision = a_decision_id(&app).await;
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/exposed-cases",
            Some(case_body(json!([decision]))),
        )
        .await;
    assert_eq!(response.status(), 201);
    let id = response.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    let case = app.get_json(&format!("/api/exposed-cases/{id}"), 200).await;
    assert_eq!(case["decisions"][0]["id"], decision);
    assert_eq!(case["body"].as_array().map(Vec::len), Some(2));
    assert_eq!(audited(&app, "exposed-case.create").await, 1);
}

#[tokio::test]
async fn a_case_citing_an_unknown_decision_is_refused_and_nothing_is_stored() {
    let (app, editor, _) = editing().await;
    let before = app.get_json("/api/exposed-cases", 200).await["total"].clone();
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/exposed-cases",
            Some(case_body(json!([987654]))),
        )
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("json");
    assert!(
        body["fields"]["decision_ids"][0]["params"]["numbers"]
            .as_str()
            .is_some_and(|m| m.contains("987654")),
        "{body}"
    );
    assert_eq!(
        app.get_json("/api/exposed-cases", 200).await["total"],
        before
    );
}

#[tokio::test]
async fn an_editor_rewrites_a_case_and_the_public_reads_the_new_text() {
    let (app, editor, _) = editing().await;
    let decision = a_decision_id(&app).await;
    let mut body = case_body(json!([decision]));
    let path = "/api/exposed-cases/1";
    let staff_path = "/api/staff/exposed-cases/1";
    body["title"] = json!("更正后的案例标题");
    let response = app
        .as_staff(&editor, Method::PUT, staff_path, Some(body))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(app.get_json(path, 200).await["title"], "更正后的案例标题");
    let source: Value = app
        .as_staff(&editor, Method::GET, staff_path, None)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(source["decision_ids"], json!([decision]));
    assert_eq!(audited(&app, "exposed-case.update").await, 1);
}

#[tokio::test]
async fn a_listing_moves_through_its_life_one_step_at_a_time() {
    let (app, editor, _) = editing().await;
    let code = a_credit_code(&app).await;
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/hazard-listings",
            Some(listing_body(&code, 30, -60)),
        )
        .await;
    assert_eq!(response.status(), 201);
    let id = response.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    let steps = format!("/api/staff/hazard-listings/{id}/steps");
    let step = |status: &str, days: i64| json!({"status": status, "on": days_ago(days), "note": "现场核查"});
    let skipped = app
        .as_staff(&editor, Method::POST, &steps, Some(step("accepted", 10)))
        .await;
    assert_eq!(skipped.status(), 400);
    let early = app
        .as_staff(&editor, Method::POST, &steps, Some(step("rectifying", 40)))
        .await;
    assert_eq!(early.status(), 400, "a step before the listing date");
    for (status, days) in [("rectifying", 20), ("accepted", 10), ("delisted", 5)] {
        let response = app
            .as_staff(&editor, Method::POST, &steps, Some(step(status, days)))
            .await;
        assert_eq!(response.status(), 200, "{status}");
    }
    let after_end = app
        .as_staff(&editor, Method::POST, &steps, Some(step("delisted", 1)))
        .await;
    assert_eq!(after_end.status(), 400);
    let listing = app
        .get_json(&format!("/api/hazard-listings/{id}"), 200)
        .await;
    assert_eq!(listing["status"], "delisted");
    assert_eq!(listing["steps"].as_array().map(Vec::len), Some(4));
    assert_eq!(audited(&app, "hazard-listing.step").await, 3);
}

#[tokio::test]
async fn a_new_listing_past_its_deadline_shows_under_the_overdue_filter() {
    let (app, editor, _) = editing().await;
    let code = a_credit_code(&app).await;
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/hazard-listings",
            Some(listing_body(&code, 200, 10)),
        )
        .await;
    assert_eq!(response.status(), 201);
    let id = response.json::<Value>().await.expect("json")["id"].clone();
    let page = app
        .get_json("/api/hazard-listings?overdue=true&status=listed", 200)
        .await;
    assert!(
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|l| l["id"] == id && l["overdue"] == true)
    );
}

#[tokio::test]
async fn a_listing_for_a_code_outside_the_directory_is_refused() {
    let (app, editor, _) = editing().await;
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/hazard-listings",
            Some(listing_body("91370100MA3C5QXN1T", 30, -60)),
        )
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("json");
    assert!(body["fields"]["credit_code"].is_array(), "{body}");
}

#[tokio::test]
async fn a_corrected_report_keeps_its_first_version_and_shows_the_change_note() {
    let (app, editor, _) = editing().await;
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/accident-reports",
            Some(accident_body("加强通风。", "")),
        )
        .await;
    assert_eq!(response.status(), 201);
    let id = response.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    let path = format!("/api/staff/accident-reports/{id}");
    let no_note = app
        .as_staff(
            &editor,
            Method::PUT,
            &path,
            Some(accident_body("加强通风和检测。", "")),
        )
        .await;
    assert_eq!(no_note.status(), 400, "a change needs a public note");
    let changed = app
        .as_staff(
            &editor,
            Method::PUT,
            &path,
            Some(accident_body("加强通风和检测。", "补充检测要求")),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let report = app
        .get_json(&format!("/api/accident-reports/{id}"), 200)
        .await;
    assert_eq!(report["version"], 2);
    assert_eq!(report["history"][1]["note"], "补充检测要求");
    let first = app
        .get_json(&format!("/api/accident-reports/{id}?version=1"), 200)
        .await;
    assert_eq!(first["sections"]["measures"], "加强通风。");
    assert_eq!(audited(&app, "accident-report.update").await, 1);
}

#[tokio::test]
async fn an_assessment_must_fall_within_a_year_of_publication() {
    let (app, editor, _) = editing().await;
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/accident-reports",
            Some(accident_body("加强通风。", "")),
        )
        .await;
    let id = response.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    let path = format!("/api/staff/accident-reports/{id}/assessment");
    let assessment = |on: String| {
        json!({"assessed_on": on, "authority": "济南市应急管理局",
               "findings": "整改措施已落实。", "conclusion": "评估合格"})
    };
    let before = app
        .as_staff(&editor, Method::PUT, &path, Some(assessment(days_ago(101))))
        .await;
    assert_eq!(before.status(), 400, "before publication");
    let done = app
        .as_staff(&editor, Method::PUT, &path, Some(assessment(days_ago(1))))
        .await;
    assert_eq!(done.status(), 204);
    let report = app
        .get_json(&format!("/api/accident-reports/{id}"), 200)
        .await;
    assert_eq!(report["assessment"]["conclusion"], "评估合格");
    assert_eq!(report["assessed"], true);
    assert_eq!(audited(&app, "accident-report.assess").await, 1);
}

#[tokio::test]
async fn each_version_of_a_report_shows_the_assessment_in_force_when_it_was_published() {
    let (app, editor, _) = editing().await;
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/accident-reports",
            Some(accident_body("加强通风。", "")),
        )
        .await;
    let id = response.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    let path = format!("/api/staff/accident-reports/{id}/assessment");
    let assessment = |conclusion: &str| {
        json!({"assessed_on": days_ago(2), "authority": "济南市应急管理局",
               "findings": "整改措施已落实。", "conclusion": conclusion})
    };
    for conclusion in ["基本合格", "评估合格"] {
        let saved = app
            .as_staff(&editor, Method::PUT, &path, Some(assessment(conclusion)))
            .await;
        assert_eq!(saved.status(), 204);
    }
    let version = |n: i64| format!("/api/accident-reports/{id}?version={n}");
    let first = app.get_json(&version(1), 200).await;
    assert!(first["assessment"].is_null(), "none when first published");
    let second = app.get_json(&version(2), 200).await;
    assert_eq!(second["assessment"]["conclusion"], "基本合格");
    let latest = app.get_json(&version(3), 200).await;
    assert_eq!(latest["assessment"]["conclusion"], "评估合格");
    assert_eq!(latest["history"][2]["note"], "整改评估情况更正");
}

#[tokio::test]
async fn a_case_handler_cannot_write_enforcement_records() {
    let (app, _, handler) = editing().await;
    let decision = a_decision_id(&app).await;
    let response = app
        .as_staff(
            &handler,
            Method::POST,
            "/api/staff/exposed-cases",
            Some(case_body(json!([decision]))),
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(audited(&app, "exposed-case.create").await, 0);
}

#[tokio::test]
async fn a_substantiated_report_counts_in_this_months_statistics() {
    let (app, _, handler) = editing().await;
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
    let reference = receipt["reference"].as_str().expect("a reference");
    for status in ["accepted", "investigating", "substantiated"] {
        let response = app
            .as_staff(
                &handler,
                Method::POST,
                &format!("/api/staff/reports/{reference}/status"),
                Some(json!({"status": status, "reply": "已核查"})),
            )
            .await;
        assert_eq!(response.status(), 200, "{status}");
    }
    let stats = app.get_json("/api/statistics", 200).await;
    let reports = stats["charts"]
        .as_array()
        .expect("charts")
        .iter()
        .find(|c| c["chart"] == "reports-by-month")
        .expect("the reports chart")
        .clone();
    let this_month = &today().to_string()[..7];
    let row = reports["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["label"] == this_month)
        .expect("this month")
        .clone();
    assert_eq!(row["values"], json!([1, 1]));
}
