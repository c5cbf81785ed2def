//! Open311 GeoReport v2: services, definitions, requests.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

async fn post_form(app: &TestApp, body: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/open311/v2/requests.json"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
        .send()
        .await
        .expect("an answer")
}

fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

const VALID: &[(&str, &str)] = &[
    ("service_code", "fire"),
    ("attribute[district]", "tianqiao"),
    ("address_string", "北园大街200号"),
    (
        "description",
        "仓库内堆放大量易燃物，灭火器已过期，疏散通道被占用。",
    ),
];

#[tokio::test]
async fn the_services_are_the_report_categories() {
    let app = spawn_app().await;
    let services: Value = app.get_json("/api/open311/v2/services.json", 200).await;
    let services = services.as_array().expect("a list");
    assert_eq!(services.len(), 10);
    assert!(
        services
            .iter()
            .any(|s| s["service_code"] == "special-equipment")
    );
    assert!(
        services
            .iter()
            .all(|s| s["metadata"] == true && s["type"] == "realtime")
    );
}

#[tokio::test]
async fn a_service_definition_asks_for_the_district() {
    let app = spawn_app().await;
    let definition: Value = app
        .get_json("/api/open311/v2/services/fire.json", 200)
        .await;
    let attribute = &definition["attributes"][0];
    assert_eq!(attribute["code"], "district");
    assert_eq!(attribute["required"], true);
    assert_eq!(attribute["values"].as_array().expect("values").len(), 15);
    let missing: Value = app
        .get_json("/api/open311/v2/services/volcano.json", 404)
        .await;
    assert_eq!(missing[0]["code"], 404);
}

#[tokio::test]
async fn a_request_is_received_and_can_be_followed() {
    let app = spawn_app().await;
    let response = post_form(&app, &form(VALID)).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("json");
    let id = created[0]["service_request_id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let notice = created[0]["service_notice"].as_str().expect("a notice");
    let code: String = notice
        .split("查询码 ")
        .nth(1)
        .map(|rest| rest.chars().take(9).collect())
        .expect("the notice carries the query code");
    let public: Value = app
        .get_json(&format!("/api/open311/v2/requests/{id}.json"), 200)
        .await;
    assert_eq!(public[0]["status"], "open");
    assert_eq!(public[0]["service_code"], "fire");
    assert!(
        public[0].get("description").is_none(),
        "the public view has no description"
    );
    let status = app
        .post_json(
            "/api/reports/status",
            &json!({ "reference": id, "query_code": code }),
        )
        .await;
    assert_eq!(status.status(), 200);
}

#[tokio::test]
async fn a_public_request_says_its_days_not_its_times() {
    let app = spawn_app().await;
    let response = post_form(&app, &form(VALID)).await;
    let created: Value = response.json().await.expect("json");
    let id = created[0]["service_request_id"].as_str().expect("an id");
    let public: Value = app
        .get_json(&format!("/api/open311/v2/requests/{id}.json"), 200)
        .await;
    for field in ["requested_datetime", "updated_datetime"] {
        let at = public[0][field].as_str().expect("a time");
        let at = chrono::DateTime::parse_from_rfc3339(at).expect("RFC 3339");
        let in_china = at.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"));
        assert_eq!(
            in_china.time(),
            chrono::NaiveTime::MIN,
            "{field} is the start of a day: {at}"
        );
    }
}

#[tokio::test]
async fn a_request_without_a_district_or_a_location_is_refused_in_open311_form() {
    let app = spawn_app().await;
    let without_district: Vec<(&str, &str)> = VALID
        .iter()
        .copied()
        .filter(|(k, _)| !k.starts_with("attribute"))
        .collect();
    let response = post_form(&app, &form(&without_district)).await;
    assert_eq!(response.status(), 400);
    let errors: Value = response.json().await.expect("json");
    assert_eq!(errors[0]["code"], 400);
    assert!(
        errors[0]["description"]
            .as_str()
            .expect("text")
            .contains("attribute[district]")
    );
    let nowhere: Vec<(&str, &str)> = VALID
        .iter()
        .copied()
        .filter(|(k, _)| *k != "address_string")
        .collect();
    assert_eq!(post_form(&app, &form(&nowhere)).await.status(), 400);
}

#[tokio::test]
async fn a_request_that_is_not_form_encoded_is_refused() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/open311/v2/requests.json",
            &json!({ "service_code": "fire" }),
        )
        .await;
    assert_eq!(response.status(), 415);
    let errors: Value = response.json().await.expect("json");
    assert_eq!(errors[0]["code"], 415);
}

#[tokio::test]
async fn an_unknown_request_is_not_found() {
    let app = spawn_app().await;
    let errors: Value = app
        .get_json("/api/open311/v2/requests/JB20000101-0001.json", 404)
        .await;
    assert_eq!(errors[0]["code"], 404);
}
