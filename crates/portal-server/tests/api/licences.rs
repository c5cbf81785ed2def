//! Administrative licences (行政许可): editors import them from the files
//! offices keep, the public finds one by its number, name or code, reads
//! its status and history, and sees an enterprise's licences on its page.

use portal_types::staff::Role;
use serde_json::{Value, json};

use crate::helpers::{Staff, TestApp, spawn_app};

const PASSWORD: &str = "editor battery staple 26";

async fn editor(app: &TestApp) -> Staff {
    app.add_staff("editor", Role::Editor, PASSWORD).await;
    app.sign_in("editor", PASSWORD).await
}

/// A directory enterprise's credit code and name.
async fn an_enterprise(app: &TestApp) -> (String, String) {
    let page = app.get_json("/api/blacklist/listed?page=1", 200).await;
    let item = &page["items"][0]["enterprise"];
    let code = item["credit_code"].as_str().expect("a code").to_owned();
    let name = item["name"].as_str().expect("a name").to_owned();
    (code, name)
}

fn csv(rows: &[String]) -> String {
    let header =
        portal_types::licences::CSV_HEADERS[..portal_types::licences::IMPORT_COLUMNS].join(",");
    std::iter::once(header)
        .chain(rows.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn row(number: &str, code: &str, name: &str, until: &str) -> String {
    format!(
        "{number},烟花爆竹经营（零售）许可证,{name},{code},烟花爆竹零售（个人燃放类C、D级产品）,2026-01-10,2026-01-10,{until},济南市历下区应急管理局,历下区"
    )
}

async fn import(app: &TestApp, staff: &Staff, text: String) -> reqwest::Response {
    app.client
        .post(app.url("/api/staff/licences/import"))
        .header("cookie", &staff.cookie)
        .header("x-csrf-token", &staff.csrf)
        .header("content-type", "text/csv")
        .body(text)
        .send()
        .await
        .expect("an answer")
}

/// A portal with one imported licence: its id, number and holder's code.
async fn with_licence(until: &str) -> (TestApp, Staff, i64, String) {
    let app = spawn_app().await;
    let staff = editor(&app).await;
    let (code, name) = an_enterprise(&app).await;
    let number = "鲁济历下烟零字〔2026〕9001号";
    let response = import(&app, &staff, csv(&[row(number, &code, &name, until)])).await;
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
    let answer: Value = response.json().await.expect("json");
    assert_eq!(answer["imported"], 1);
    assert_eq!(answer["published"][0]["licence_no"], number);
    let id = answer["published"][0]["id"].as_i64().expect("an id");
    (app, staff, id, code)
}

fn encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn a_licence_is_found_by_its_number() {
    let (app, _, id, _) = with_licence("2099-01-09").await;
    let page = app
        .get_json(
            &format!("/api/licences?q={}", encoded("烟零字〔2026〕9001")),
            200,
        )
        .await;
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(page["items"][0]["id"], id);
    assert_eq!(page["items"][0]["status"], "valid");
    assert_eq!(page["items"][0]["kind"], "fireworks-retail");
}

#[tokio::test]
async fn a_licence_is_found_by_its_holders_code_and_counted_by_kind() {
    let (app, _, _, code) = with_licence("2099-01-09").await;
    let page = app.get_json(&format!("/api/licences?q={code}"), 200).await;
    assert!(page["total"].as_u64().expect("a total") >= 1, "{page}");
    let kinds = page["facets"]["kind"].as_array().expect("kinds");
    assert!(
        kinds
            .iter()
            .any(|k| k["value"] == "fireworks-retail" && k["count"].as_u64() >= Some(1)),
        "{page}"
    );
}

#[tokio::test]
async fn a_licence_past_its_last_day_says_expired_by_itself() {
    let (app, _, id, _) = with_licence("2026-06-30").await;
    let licence = app.get_json(&format!("/api/licences/{id}"), 200).await;
    assert_eq!(licence["status"], "expired", "{licence}");
    let expired = app
        .get_json(
            &format!("/api/licences?status=expired&q={}", encoded("9001号")),
            200,
        )
        .await;
    assert_eq!(expired["total"], 1, "{expired}");
    let valid = app
        .get_json(
            &format!("/api/licences?status=valid&q={}", encoded("9001号")),
            200,
        )
        .await;
    assert_eq!(valid["total"], 0, "{valid}");
}

#[tokio::test]
async fn a_suspension_shows_in_the_status_and_the_history() {
    let (app, staff, id, _) = with_licence("2099-01-09").await;
    let response = app
        .as_staff(
            &staff,
            reqwest::Method::POST,
            &format!("/api/staff/licences/{id}/status"),
            Some(json!({
                "status": "suspended",
                "on": "2026-03-01",
                "note": "存在重大事故隐患，暂扣许可证三个月"
            })),
        )
        .await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
    let licence = app.get_json(&format!("/api/licences/{id}"), 200).await;
    assert_eq!(licence["status"], "suspended");
    let history = licence["history"].as_array().expect("a history");
    assert_eq!(history.len(), 2, "{licence}");
    assert_eq!(history[1]["status"], "suspended");
    assert_eq!(history[1]["note"], "存在重大事故隐患，暂扣许可证三个月");
}

#[tokio::test]
async fn a_revoked_licence_cannot_be_made_valid_again() {
    let (app, staff, id, _) = with_licence("2099-01-09").await;
    let change = |status: &str| json!({ "status": status, "on": "2026-03-01", "note": "依法处理" });
    let path = format!("/api/staff/licences/{id}/status");
    let revoked = app
        .as_staff(
            &staff,
            reqwest::Method::POST,
            &path,
            Some(change("revoked")),
        )
        .await;
    assert_eq!(revoked.status(), 200);
    let again = app
        .as_staff(&staff, reqwest::Method::POST, &path, Some(change("valid")))
        .await;
    assert_eq!(again.status(), 400);
    let body: Value = again.json().await.expect("json");
    assert!(body["fields"]["status"].is_array(), "{body}");
}

#[tokio::test]
async fn an_import_with_a_bad_row_names_it_and_stores_nothing() {
    let app = spawn_app().await;
    let staff = editor(&app).await;
    let (code, name) = an_enterprise(&app).await;
    let good = row("鲁济历下烟零字〔2026〕9101号", &code, &name, "2099-01-09");
    let bad = row("鲁济历下烟零字〔2026〕9102号", &code, &name, "2025-01-09");
    let response = import(&app, &staff, csv(&[good, bad])).await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("json");
    assert!(body["fields"]["rows.3.有效期至"].is_array(), "{body}");
    let page = app
        .get_json(&format!("/api/licences?q={}", encoded("9101号")), 200)
        .await;
    assert_eq!(page["total"], 0);
}

#[tokio::test]
async fn an_enterprise_page_lists_its_licences() {
    let (app, _, id, code) = with_licence("2099-01-09").await;
    let profile = app.get_json(&format!("/api/enterprises/{code}"), 200).await;
    let licences = profile["licences"].as_array().expect("licences");
    assert!(licences.iter().any(|l| l["id"] == id), "{profile}");
}

#[tokio::test]
async fn an_unknown_licence_answers_404_and_a_bad_facet_400() {
    let app = spawn_app().await;
    let _ = app.get_json("/api/licences/999999", 404).await;
    let body = app.get_json("/api/licences?kind=coal", 400).await;
    assert!(body["fields"]["kind"].is_array(), "{body}");
}

#[tokio::test]
async fn the_demo_has_licences_of_each_licensed_industry() {
    let app = spawn_app().await;
    let page = app.get_json("/api/licences", 200).await;
    assert!(page["total"].as_u64().expect("a total") > 0, "{page}");
    let kinds = page["facets"]["kind"].as_array().expect("kinds");
    assert!(
        kinds.iter().any(|k| k["value"] == "fireworks-retail"),
        "{page}"
    );
}

#[tokio::test]
async fn a_licence_page_is_real_html_with_its_number_holder_and_status() {
    let (app, _, id, code) = with_licence("2099-01-09").await;
    let response = app.get(&format!("/enforcement/licences/{id}")).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    assert!(
        html.contains("<title>鲁济历下烟零字〔2026〕9001号"),
        "{html}"
    );
    assert!(html.contains("烟花爆竹经营（零售）许可证"));
    assert!(html.contains(&code));
    assert!(html.contains("有效"));
    let missing = app.get("/enforcement/licences/999999").await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_sitemap_lists_every_licence() {
    let (app, _, id, _) = with_licence("2099-01-09").await;
    let sitemap = app.get("/sitemap.xml").await.text().await.expect("xml");
    assert!(
        sitemap.contains(&format!("/enforcement/licences/{id}</loc>")),
        "{sitemap}"
    );
    assert!(sitemap.contains("/enforcement/licences</loc>"));
}
