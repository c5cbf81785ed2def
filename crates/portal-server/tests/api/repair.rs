//! Credit repair (信用修复): a listed enterprise applies online for early
//! removal once its listing is 12 months old, follows the application with
//! a reference and a query code, and an editor accepts, asks for more,
//! refuses or approves — an approval removing the listing publicly.

use std::io::Cursor;

use chrono::{Months, NaiveDate};
use portal_types::blacklist::repair::{RepairCase, RepairReceipt, RepairStatus, RepairView};
use portal_types::blacklist::{EnterpriseProfile, ListingStatus, RemovalBasis};
use portal_types::staff::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Staff, TestApp, spawn_app};

const EDITOR_PASSWORD: &str = "editor decides repair 2026";
const HANDLER_PASSWORD: &str = "handler only handles reports";
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

fn months_ago(n: u32) -> NaiveDate {
    today().checked_sub_months(Months::new(n)).expect("a date")
}

fn png_bytes() -> Vec<u8> {
    let image = image::RgbImage::from_pixel(40, 30, image::Rgb([10, 120, 200]));
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("a PNG");
    out.into_inner()
}

/// A server with an editor, and an enterprise listed `months` ago.
async fn listed(months: u32) -> (TestApp, Staff, String) {
    let app = spawn_app().await;
    app.add_staff("editor", Role::Editor, EDITOR_PASSWORD).await;
    let editor = app.sign_in("editor", EDITOR_PASSWORD).await;
    let code: String = sqlx::query_scalar(
        "SELECT credit_code FROM enterprises
         WHERE id NOT IN (SELECT enterprise_id FROM blacklist_entries) ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("an enterprise never listed");
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/blacklist",
            Some(json!({
                "credit_code": code,
                "ground": "unlicensed",
                "reason": "未取得安全生产许可证擅自组织生产",
                "breach_summary": "该单位在未取得安全生产许可证的情况下擅自组织生产。",
                "authority": "济南市应急管理局",
                "listed_on": months_ago(months).to_string(),
                "measures": "列为重点监管对象",
            })),
        )
        .await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
    (app, editor, code)
}

async fn upload(app: &TestApp, content_type: &str, body: Vec<u8>) -> reqwest::Response {
    app.client
        .post(app.url("/api/blacklist/repair/documents"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("an answer")
}

async fn document(app: &TestApp) -> String {
    let response = upload(app, "application/pdf", PDF.to_vec()).await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.expect("a token");
    body["token"].as_str().expect("a token").to_owned()
}

fn application(code: &str, documents: &[String]) -> Value {
    json!({
        "credit_code": code,
        "penalty_fulfilled": true,
        "hazards_corrected": true,
        "commitment": true,
        "statement": "罚款已于2025年12月全额缴纳，已取得安全生产许可证，并建立了许可到期提醒制度。",
        "contact_name": "王经理",
        "contact_phone": "13905310000",
        "documents": documents,
    })
}

async fn apply(app: &TestApp, code: &str) -> RepairReceipt {
    let token = document(app).await;
    let response = app
        .post_json("/api/blacklist/repair", &application(code, &[token]))
        .await;
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
    response.json().await.expect("a receipt")
}

async fn status(app: &TestApp, receipt: &RepairReceipt) -> RepairView {
    let response = app
        .post_json(
            "/api/blacklist/repair/status",
            &json!({ "reference": receipt.reference, "query_code": receipt.query_code }),
        )
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("a view")
}

async fn step(
    app: &TestApp,
    editor: &Staff,
    reference: &str,
    action: &str,
    note: &str,
) -> reqwest::Response {
    app.as_staff(
        editor,
        Method::POST,
        &format!("/api/staff/repairs/{reference}/decision"),
        Some(json!({ "action": action, "note": note })),
    )
    .await
}

async fn field_message(response: reqwest::Response, field: &str) -> String {
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("an error body");
    body["fields"][field][0]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no message for {field}: {body}"))
        .to_owned()
}

#[tokio::test]
async fn an_application_for_a_listing_a_year_old_gets_a_reference_a_query_code_and_a_due_date() {
    let (app, _editor, code) = listed(13).await;
    let receipt = apply(&app, &code).await;
    assert!(receipt.reference.starts_with("XF"), "{}", receipt.reference);
    assert_eq!(receipt.query_code.len(), 9);
    assert_eq!(
        receipt.decide_by,
        portal_types::blacklist::repair::decide_by(today())
    );
    let view = status(&app, &receipt).await;
    assert_eq!(view.status, RepairStatus::Submitted);
    assert_eq!(view.credit_code, code);
    assert_eq!(view.documents, 1);
    assert_eq!(view.listed_on, months_ago(13));
}

#[tokio::test]
async fn an_application_before_twelve_months_is_refused_with_the_day_it_may_apply_from() {
    let (app, _editor, code) = listed(3).await;
    let token = document(&app).await;
    let response = app
        .post_json("/api/blacklist/repair", &application(&code, &[token]))
        .await;
    let message = field_message(response, "credit_code").await;
    let from = portal_types::blacklist::rules::earliest_early_removal(months_ago(3));
    assert!(message.contains(&from.to_string()), "{message}");
}

#[tokio::test]
async fn an_enterprise_not_on_the_list_has_nothing_to_repair() {
    let app = spawn_app().await;
    let code: String = sqlx::query_scalar(
        "SELECT credit_code FROM enterprises
         WHERE id NOT IN (SELECT enterprise_id FROM blacklist_entries) ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("an enterprise never listed");
    let token = document(&app).await;
    let response = app
        .post_json("/api/blacklist/repair", &application(&code, &[token]))
        .await;
    let message = field_message(response, "credit_code").await;
    assert!(message.contains("not on the list"), "{message}");
}

#[tokio::test]
async fn an_application_names_each_missing_part() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/blacklist/repair",
            &json!({
                "credit_code": "9137", "penalty_fulfilled": false, "hazards_corrected": true,
                "commitment": false, "statement": "短", "contact_name": "", "contact_phone": "123",
                "documents": [],
            }),
        )
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("an error body");
    for field in [
        "credit_code",
        "penalty_fulfilled",
        "commitment",
        "statement",
        "contact_name",
        "contact_phone",
        "documents",
    ] {
        assert!(body["fields"][field].is_array(), "{field}: {body}");
    }
    assert!(body["fields"]["hazards_corrected"].is_null(), "{body}");
}

#[tokio::test]
async fn a_document_not_uploaded_is_refused_and_nothing_is_stored() {
    let (app, _editor, code) = listed(13).await;
    let response = app
        .post_json(
            "/api/blacklist/repair",
            &application(&code, &["0123456789abcdef0123456789abcdef".to_owned()]),
        )
        .await;
    field_message(response, "documents").await;
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM repair_applications")
        .fetch_one(&app.db().await)
        .await
        .expect("a count");
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_second_application_while_one_is_open_is_refused() {
    let (app, _editor, code) = listed(13).await;
    let first = apply(&app, &code).await;
    let token = document(&app).await;
    let response = app
        .post_json("/api/blacklist/repair", &application(&code, &[token]))
        .await;
    assert_eq!(response.status(), 409);
    let body: Value = response.json().await.expect("an error body");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains(&first.reference)),
        "{body}"
    );
}

#[tokio::test]
async fn the_status_answers_only_the_reference_with_its_query_code() {
    let (app, _editor, code) = listed(13).await;
    let receipt = apply(&app, &code).await;
    let wrong = app
        .post_json(
            "/api/blacklist/repair/status",
            &json!({ "reference": receipt.reference, "query_code": "2222-2222" }),
        )
        .await;
    assert_eq!(wrong.status(), 404);
    let unknown = app
        .post_json(
            "/api/blacklist/repair/status",
            &json!({ "reference": "XF20260101-AAAAAA", "query_code": receipt.query_code }),
        )
        .await;
    assert_eq!(unknown.status(), 404);
    let typed_loosely = app
        .post_json(
            "/api/blacklist/repair/status",
            &json!({
                "reference": receipt.reference.to_lowercase(),
                "query_code": receipt.query_code.replace('-', " ").to_lowercase(),
            }),
        )
        .await;
    assert_eq!(typed_loosely.status(), 200);
}

#[tokio::test]
async fn a_document_is_a_pdf_or_a_picture_of_the_declared_type() {
    let app = spawn_app().await;
    let text = upload(&app, "text/plain", b"hello".to_vec()).await;
    assert_eq!(text.status(), 415);
    let fake = upload(&app, "application/pdf", b"<html>not a pdf</html>".to_vec()).await;
    assert_eq!(fake.status(), 400);
    let png_as_jpeg = upload(&app, "image/jpeg", png_bytes()).await;
    assert_eq!(png_as_jpeg.status(), 400);
    let picture = upload(&app, "image/png", png_bytes()).await;
    assert_eq!(picture.status(), 201);
    let body: Value = picture.json().await.expect("a token");
    assert_eq!(body["media_type"], "image/jpeg", "pictures are re-encoded");
}

#[tokio::test]
async fn approval_removes_the_listing_publicly_by_credit_repair() {
    let (app, editor, code) = listed(13).await;
    let receipt = apply(&app, &code).await;
    let accepted = step(&app, &editor, &receipt.reference, "accept", "").await;
    assert_eq!(accepted.status(), 200);
    let approved = step(
        &app,
        &editor,
        &receipt.reference,
        "approve",
        "经核实，处罚已履行、整改到位，准予信用修复",
    )
    .await;
    assert_eq!(approved.status(), 200);
    let case: RepairCase = approved.json().await.expect("a case");
    assert_eq!(case.view.status, RepairStatus::Approved);
    assert_eq!(case.view.decided_on, Some(today()));
    assert!(case.actions.is_empty());

    let profile: EnterpriseProfile = app
        .get(&format!("/api/enterprises/{code}"))
        .await
        .json()
        .await
        .expect("a profile");
    assert_eq!(profile.standing.status, ListingStatus::Removed);
    let listing = profile
        .history
        .first()
        .expect("the listing stays in history");
    assert_eq!(listing.removed_on, Some(today()));
    assert_eq!(listing.removal_basis, Some(RemovalBasis::CreditRepair));
    assert_eq!(
        listing.removal_reason.as_deref(),
        Some("经核实，处罚已履行、整改到位，准予信用修复")
    );
    let view = status(&app, &receipt).await;
    let steps: Vec<RepairStatus> = view.history.iter().map(|e| e.status).collect();
    assert_eq!(
        steps,
        [
            RepairStatus::Submitted,
            RepairStatus::Accepted,
            RepairStatus::Approved
        ]
    );
}

#[tokio::test]
async fn every_step_is_audited_with_who_took_it() {
    let (app, editor, code) = listed(13).await;
    let receipt = apply(&app, &code).await;
    step(&app, &editor, &receipt.reference, "accept", "").await;
    step(&app, &editor, &receipt.reference, "approve", "准予修复").await;
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT actor, action FROM audit_log WHERE target = $1 OR action = 'listing.remove'
         ORDER BY id",
    )
    .bind(format!("repair:{}", receipt.reference))
    .fetch_all(&app.db().await)
    .await
    .expect("audit rows");
    let applicant = format!("applicant:{}", receipt.reference);
    assert_eq!(
        rows,
        [
            (applicant, "repair.apply".to_owned()),
            ("editor".to_owned(), "repair.decide".to_owned()),
            ("editor".to_owned(), "listing.remove".to_owned()),
            ("editor".to_owned(), "repair.decide".to_owned()),
        ]
    );
}

#[tokio::test]
async fn approval_needs_an_accepted_application() {
    let (app, editor, code) = listed(13).await;
    let receipt = apply(&app, &code).await;
    let response = step(&app, &editor, &receipt.reference, "approve", "准予修复").await;
    assert_eq!(response.status(), 409);
    let profile: EnterpriseProfile = app
        .get(&format!("/api/enterprises/{code}"))
        .await
        .json()
        .await
        .expect("a profile");
    assert_eq!(profile.standing.status, ListingStatus::Listed);
}

#[tokio::test]
async fn a_refusal_must_tell_the_applicant_why() {
    let (app, editor, code) = listed(13).await;
    let receipt = apply(&app, &code).await;
    let response = step(&app, &editor, &receipt.reference, "refuse", "  ").await;
    field_message(response, "note").await;
    let refused = step(&app, &editor, &receipt.reference, "refuse", "罚款尚未缴清").await;
    assert_eq!(refused.status(), 200);
    let view = status(&app, &receipt).await;
    assert_eq!(view.status, RepairStatus::Refused);
    assert_eq!(
        view.history.last().and_then(|e| e.note.as_deref()),
        Some("罚款尚未缴清")
    );
}

#[tokio::test]
async fn asked_for_more_the_applicant_adds_documents_and_it_is_checked_again() {
    let (app, editor, code) = listed(13).await;
    let receipt = apply(&app, &code).await;
    let asked = step(
        &app,
        &editor,
        &receipt.reference,
        "ask-for-more",
        "请补充罚款缴纳凭证",
    )
    .await;
    assert_eq!(asked.status(), 200);
    let token = document(&app).await;
    let added = app
        .post_json(
            "/api/blacklist/repair/supplement",
            &json!({
                "reference": receipt.reference, "query_code": receipt.query_code,
                "documents": [token], "note": "已补充缴款凭证",
            }),
        )
        .await;
    assert_eq!(added.status(), 200);
    let view: RepairView = added.json().await.expect("a view");
    assert_eq!(view.status, RepairStatus::Supplemented);
    assert_eq!(view.documents, 2);
    let again = app
        .post_json(
            "/api/blacklist/repair/supplement",
            &json!({
                "reference": receipt.reference, "query_code": receipt.query_code,
                "documents": [document(&app).await],
            }),
        )
        .await;
    assert_eq!(again.status(), 409, "no more documents are asked for now");
    let accepted = step(&app, &editor, &receipt.reference, "accept", "").await;
    assert_eq!(accepted.status(), 200);
}

#[tokio::test]
async fn editors_read_the_application_with_its_contact_and_documents() {
    let (app, editor, code) = listed(13).await;
    let receipt = apply(&app, &code).await;
    let queue = app
        .as_staff(&editor, Method::GET, "/api/staff/repairs", None)
        .await;
    assert_eq!(queue.status(), 200);
    let queue: Value = queue.json().await.expect("a queue");
    assert_eq!(queue[0]["reference"], receipt.reference.as_str());
    let case: RepairCase = app
        .as_staff(
            &editor,
            Method::GET,
            &format!("/api/staff/repairs/{}", receipt.reference),
            None,
        )
        .await
        .json()
        .await
        .expect("a case");
    assert_eq!(case.contact_phone, "13905310000");
    let id = case.document_list[0].id;
    let file = app
        .as_staff(
            &editor,
            Method::GET,
            &format!("/api/staff/repairs/{}/documents/{id}", receipt.reference),
            None,
        )
        .await;
    assert_eq!(file.status(), 200);
    assert_eq!(
        file.headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.starts_with("attachment")),
        Some(true)
    );
    assert_eq!(file.bytes().await.expect("bytes").as_ref(), PDF);
}

#[tokio::test]
async fn a_case_handler_cannot_decide_repair() {
    let (app, _editor, code) = listed(13).await;
    app.add_staff("handler", Role::CaseHandler, HANDLER_PASSWORD)
        .await;
    let handler = app.sign_in("handler", HANDLER_PASSWORD).await;
    let receipt = apply(&app, &code).await;
    let response = step(&app, &handler, &receipt.reference, "accept", "").await;
    assert_eq!(response.status(), 403);
    let view = status(&app, &receipt).await;
    assert_eq!(view.status, RepairStatus::Submitted);
}

#[tokio::test]
async fn a_document_is_found_however_its_reference_is_typed() {
    let (app, editor, code) = listed(13).await;
    let receipt = apply(&app, &code).await;
    let case: RepairCase = app
        .as_staff(
            &editor,
            Method::GET,
            &format!("/api/staff/repairs/{}", receipt.reference),
            None,
        )
        .await
        .json()
        .await
        .expect("a case");
    let id = case.document_list[0].id;
    // Full-width, as a Chinese input method types it.
    let typed: String = receipt
        .reference
        .chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(typed.as_bytes()).collect();
    let file = app
        .as_staff(
            &editor,
            Method::GET,
            &format!("/api/staff/repairs/{encoded}/documents/{id}"),
            None,
        )
        .await;
    assert_eq!(file.status(), 200);
    let disposition = file
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(disposition.contains(&receipt.reference), "{disposition}");
}
