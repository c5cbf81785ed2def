//! `/api/reports`: photos, submission exactly once, receipts, status,
//! throttling, privacy.

use std::io::Cursor;

use portal_types::reports::{Receipt, RecentReports, ReportView, UploadedPhoto};
use portal_types::{ApiErrorBody, ErrorCode, Problem};
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, spawn_app, spawn_app_with};

fn report() -> Value {
    let seen = (chrono::Utc::now() + chrono::Duration::hours(8) - chrono::Duration::hours(2))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    json!({
        "category": "fire",
        "district": "lixia",
        "address": "经十路100号某商场三楼",
        "enterprise_name": "某某商贸有限公司",
        "seen_at": seen,
        "description": "商场三楼安全出口被上锁，疏散通道堆满货物，消防栓被遮挡。",
        "photos": [],
        "reporter": { "kind": "anonymous" }
    })
}

async fn submit(app: &TestApp, body: &Value, key: Option<&str>) -> reqwest::Response {
    let mut request = app.client.post(app.url("/api/reports")).json(body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    request.send().await.expect("the server answers")
}

async fn receipt(app: &TestApp, body: &Value) -> Receipt {
    let response = submit(app, body, None).await;
    assert_eq!(response.status(), 201);
    response.json().await.expect("a receipt")
}

async fn count_reports(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM reports")
        .fetch_one(&app.db().await)
        .await
        .expect("a count")
}

fn png_bytes() -> Vec<u8> {
    let image = image::RgbImage::from_pixel(64, 48, image::Rgb([10, 120, 200]));
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("a PNG");
    out.into_inner()
}

/// A JPEG carrying an EXIF segment with a GPS position and a marker.
fn jpeg_with_exif(marker: &str) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(32, 32, image::Rgb([200, 200, 10]));
    let mut plain = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut plain, image::ImageFormat::Jpeg)
        .expect("a JPEG");
    let plain = plain.into_inner();
    let mut payload = b"Exif\0\0MM\0*\0\0\0\x08\0\0".to_vec();
    payload.extend_from_slice(
        format!("GPSLatitude 36.6512 N GPSLongitude 117.1201 E {marker}").as_bytes(),
    );
    let length = u16::try_from(payload.len() + 2).expect("small");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&plain[2..]);
    out
}

async fn upload(app: &TestApp, content_type: &str, bytes: Vec<u8>) -> reqwest::Response {
    app.client
        .post(app.url("/api/reports/photos"))
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .expect("the server answers")
}

#[tokio::test]
async fn a_valid_report_gets_a_receipt_with_the_dates_the_rules_set() {
    let app = spawn_app().await;
    let receipt = receipt(&app, &report()).await;
    assert!(receipt.reference.starts_with("JB"), "{}", receipt.reference);
    assert_eq!(receipt.query_code.len(), 9);
    let received = portal_store::clock::today_in_china();
    assert_eq!(receipt.handle_by, received + chrono::Days::new(60));
    assert_eq!(
        receipt.handle_by_if_extended,
        received + chrono::Days::new(90)
    );
}

#[tokio::test]
async fn the_receipt_opens_the_status_and_its_history() {
    let app = spawn_app().await;
    let receipt = receipt(&app, &report()).await;
    let response = app
        .post_json(
            "/api/reports/status",
            &json!({ "reference": receipt.reference.to_lowercase(), "query_code": receipt.query_code.replace('-', "") }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let view: ReportView = response.json().await.expect("a view");
    assert_eq!(view.reference, receipt.reference);
    assert_eq!(serde_json::to_value(view.status).expect("json"), "received");
    assert_eq!(view.history.len(), 1);
    assert_eq!(view.handle_by, receipt.handle_by);
}

#[tokio::test]
async fn a_wrong_code_and_an_unknown_reference_look_exactly_alike() {
    let app = spawn_app().await;
    let receipt = receipt(&app, &report()).await;
    let wrong_code = app
        .post_json(
            "/api/reports/status",
            &json!({ "reference": receipt.reference, "query_code": "AAAA-AAAA" }),
        )
        .await;
    let unknown = app
        .post_json(
            "/api/reports/status",
            &json!({ "reference": "JB20000101-9999", "query_code": receipt.query_code }),
        )
        .await;
    assert_eq!(wrong_code.status(), 404);
    assert_eq!(unknown.status(), 404);
    assert_eq!(
        wrong_code.text().await.expect("text"),
        unknown.text().await.expect("text")
    );
}

/// A status look-up for a report that does not exist, sent as if through a
/// proxy that forwarded it for `client`.
async fn look_up_forwarded_for(app: &TestApp, client: &str) -> u16 {
    let guess = json!({ "reference": "JB20261128-0001", "query_code": "AAAA-AAAA" });
    app.client
        .post(app.url("/api/reports/status"))
        .header("x-forwarded-for", client)
        .json(&guess)
        .send()
        .await
        .expect("the server answers")
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_allowance() {
    let app = spawn_app_with(Options {
        lookups_per_hour: 2,
        trusted_proxies: vec!["127.0.0.1"],
        ..Options::default()
    })
    .await;
    for _ in 0..2 {
        assert_eq!(look_up_forwarded_for(&app, "203.0.113.9").await, 404);
    }
    assert_eq!(look_up_forwarded_for(&app, "203.0.113.9").await, 429);
    assert_eq!(
        look_up_forwarded_for(&app, "198.51.100.7").await,
        404,
        "another citizen behind the same proxy is not refused"
    );
}

#[tokio::test]
async fn a_forwarded_for_header_from_an_untrusted_peer_does_not_escape_the_limit() {
    let app = spawn_app_with(Options {
        lookups_per_hour: 2,
        ..Options::default()
    })
    .await;
    assert_eq!(look_up_forwarded_for(&app, "203.0.113.1").await, 404);
    assert_eq!(look_up_forwarded_for(&app, "203.0.113.2").await, 404);
    assert_eq!(look_up_forwarded_for(&app, "203.0.113.3").await, 429);
}

#[tokio::test]
async fn repeated_look_ups_are_throttled() {
    let app = spawn_app_with(Options {
        lookups_per_hour: 3,
        ..Options::default()
    })
    .await;
    let guess = json!({ "reference": "JB20261128-0001", "query_code": "AAAA-AAAA" });
    for _ in 0..3 {
        assert_eq!(
            app.post_json("/api/reports/status", &guess).await.status(),
            404
        );
    }
    let refused = app.post_json("/api/reports/status", &guess).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    let body: ApiErrorBody = refused.json().await.expect("an error body");
    assert_eq!(body.code, ErrorCode::TooManyRequests);
}

#[tokio::test]
async fn the_same_key_and_body_give_the_same_receipt_and_one_report() {
    let app = spawn_app().await;
    let body = report();
    let first = submit(&app, &body, Some("key-1")).await;
    assert_eq!(first.status(), 201);
    let first = first.text().await.expect("text");
    let again = submit(&app, &body, Some("key-1")).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.text().await.expect("text"), first);
    assert_eq!(count_reports(&app).await, 1);
}

#[tokio::test]
async fn the_same_key_with_a_different_body_is_refused() {
    let app = spawn_app().await;
    assert_eq!(submit(&app, &report(), Some("key-2")).await.status(), 201);
    let mut other = report();
    other["address"] = json!("另一个地址");
    let response = submit(&app, &other, Some("key-2")).await;
    assert_eq!(response.status(), 422);
    let body: ApiErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, ErrorCode::IdempotencyKeyReused);
    assert_eq!(count_reports(&app).await, 1);
}

#[tokio::test]
async fn a_request_still_in_flight_with_the_key_is_refused() {
    let app = spawn_app().await;
    // Hold the database's write lock so that the first request waits inside.
    let pool = app.db().await;
    let mut lock = if app.on_postgres() {
        let mut tx = pool.begin().await.expect("a transaction");
        sqlx::query("SELECT pg_advisory_xact_lock(123623963910508)")
            .execute(&mut *tx)
            .await
            .expect("the write lock");
        tx
    } else {
        pool.begin_with("BEGIN IMMEDIATE")
            .await
            .expect("the write lock")
    };
    let first = tokio::spawn({
        let client = app.client.clone();
        let url = app.url("/api/reports");
        let body = report();
        async move {
            client
                .post(url)
                .header("idempotency-key", "key-3")
                .json(&body)
                .send()
                .await
                .expect("an answer")
                .status()
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let second = submit(&app, &report(), Some("key-3")).await;
    assert_eq!(second.status(), 409);
    sqlx::query("SELECT 1")
        .execute(&mut *lock)
        .await
        .expect("still held");
    lock.rollback().await.expect("released");
    assert_eq!(first.await.expect("the first request"), 201);
    assert_eq!(count_reports(&app).await, 1);
}

#[tokio::test]
async fn every_invalid_field_is_named() {
    let app = spawn_app().await;
    let mut bad = report();
    bad["address"] = json!("  ");
    bad["description"] = json!("太短");
    bad["seen_at"] = json!("2099-01-01T10:00");
    bad["reporter"] = json!({ "kind": "named", "name": "", "phone": "123" });
    let response = submit(&app, &bad, None).await;
    assert_eq!(response.status(), 400);
    let body: ApiErrorBody = response.json().await.expect("an error body");
    for field in [
        "address",
        "description",
        "seen_at",
        "reporter.name",
        "reporter.phone",
    ] {
        assert!(
            body.fields.contains_key(field),
            "{field}: {:?}",
            body.fields
        );
    }
    assert_eq!(count_reports(&app).await, 0);
}

#[tokio::test]
async fn a_body_that_is_not_a_json_report_is_refused() {
    let app = spawn_app().await;
    let text = app
        .client
        .post(app.url("/api/reports"))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .expect("answer");
    assert_eq!(text.status(), 415);
    let broken = app
        .client
        .post(app.url("/api/reports"))
        .header("content-type", "application/json")
        .body("{\"category\": ")
        .send()
        .await
        .expect("answer");
    assert_eq!(broken.status(), 400);
    let mut unknown = report();
    unknown["category"] = json!("volcano");
    assert_eq!(submit(&app, &unknown, None).await.status(), 400);
}

#[tokio::test]
async fn submissions_are_limited_per_client_address() {
    let app = spawn_app_with(Options {
        reports_per_hour: 2,
        ..Options::default()
    })
    .await;
    assert_eq!(submit(&app, &report(), None).await.status(), 201);
    assert_eq!(submit(&app, &report(), None).await.status(), 201);
    let refused = submit(&app, &report(), None).await;
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!(wait > 0);
}

#[tokio::test]
async fn a_bot_filling_the_hidden_field_is_answered_but_nothing_is_stored() {
    let app = spawn_app().await;
    let mut bot = report();
    bot["website"] = json!("http://spam.example");
    assert_eq!(submit(&app, &bot, None).await.status(), 201);
    assert_eq!(count_reports(&app).await, 0);
}

#[tokio::test]
async fn a_bots_receipt_answers_every_public_read_as_a_real_one_does() {
    let app = spawn_app().await;
    let mut bot = report();
    bot["website"] = json!("http://spam.example");
    let trapped = receipt(&app, &bot).await;
    let real = receipt(&app, &report()).await;
    for receipt in [&trapped, &real] {
        let public: Value = app
            .get_json(
                &format!("/api/open311/v2/requests/{}.json", receipt.reference),
                200,
            )
            .await;
        assert_eq!(public[0]["status"], "open", "{}", receipt.reference);
        let status = app
            .post_json(
                "/api/reports/status",
                &json!({ "reference": receipt.reference, "query_code": receipt.query_code }),
            )
            .await;
        assert_eq!(status.status(), 200, "{}", receipt.reference);
    }
    let status = |receipt: &Receipt| json!({ "reference": receipt.reference, "query_code": receipt.query_code });
    let trapped_view: Value = app
        .post_json("/api/reports/status", &status(&trapped))
        .await
        .json()
        .await
        .expect("a view");
    let real_view: Value = app
        .post_json("/api/reports/status", &status(&real))
        .await
        .json()
        .await
        .expect("a view");
    let keys = |view: &Value| -> Vec<String> {
        view.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(keys(&trapped_view), keys(&real_view));
    assert_eq!(trapped_view["status"], real_view["status"]);
    assert_eq!(trapped_view["history"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        count_reports(&app).await,
        1,
        "only the real report is stored"
    );
}

#[tokio::test]
async fn the_reporters_identity_is_stored_apart_and_never_shown() {
    let app = spawn_app().await;
    let mut named = report();
    named["reporter"] = json!({ "kind": "named", "name": "王秘密", "phone": "13912345678" });
    let receipt = receipt(&app, &named).await;
    let pool = app.db().await;
    let stored: (String, String) = sqlx::query_as(
        "SELECT p.name, p.phone FROM report_reporters p JOIN reports r ON r.id = p.report_id WHERE r.reference = $1",
    )
    .bind(&receipt.reference)
    .fetch_one(&pool)
    .await
    .expect("the identity, apart");
    assert_eq!(stored, ("王秘密".to_owned(), "13912345678".to_owned()));
    let in_case: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM reports WHERE description LIKE '%王秘密%' OR address LIKE '%1391234%'",
    )
    .fetch_one(&pool)
    .await
    .expect("a count");
    assert_eq!(in_case, 0);
    let view = app
        .post_json(
            "/api/reports/status",
            &json!({ "reference": receipt.reference, "query_code": receipt.query_code }),
        )
        .await
        .text()
        .await
        .expect("text");
    assert!(
        !view.contains("王秘密") && !view.contains("13912345678"),
        "{view}"
    );
    let receipt_text = serde_json::to_string(&receipt).expect("json");
    assert!(!receipt_text.contains("王秘密"));
}

#[tokio::test]
async fn a_photo_is_stored_without_its_metadata() {
    let app = spawn_app().await;
    let response = upload(&app, "image/jpeg", jpeg_with_exif("SECRET-CAMERA-42")).await;
    assert_eq!(response.status(), 201);
    let photo: UploadedPhoto = response.json().await.expect("a photo");
    assert_eq!((photo.width, photo.height), (32, 32));
    let bytes: Vec<u8> = sqlx::query_scalar("SELECT bytes FROM report_photos WHERE token = $1")
        .bind(&photo.token)
        .fetch_one(&app.db().await)
        .await
        .expect("stored");
    let haystack = String::from_utf8_lossy(&bytes);
    assert!(!haystack.contains("SECRET-CAMERA-42"));
    assert!(!haystack.contains("GPS"));
    assert!(!haystack.contains("Exif"));
    assert_eq!(&bytes[..2], &[0xFF, 0xD8]);
}

#[tokio::test]
async fn anything_but_a_readable_image_of_an_allowed_type_is_refused() {
    let app = spawn_app().await;
    let gif = upload(&app, "image/gif", b"GIF89a....".to_vec()).await;
    assert_eq!(gif.status(), 415);
    let fake = upload(&app, "image/png", b"<html>not an image</html>".to_vec()).await;
    assert_eq!(fake.status(), 400);
    let body: ApiErrorBody = fake.json().await.expect("an error body");
    assert_eq!(body.fields["photo"][0].problem, Problem::ImageUnreadable);
    let mislabelled = upload(&app, "image/jpeg", png_bytes()).await;
    assert_eq!(mislabelled.status(), 400);
}

#[tokio::test]
async fn a_photo_over_10_mb_is_refused() {
    let app = spawn_app().await;
    let response = upload(&app, "image/jpeg", vec![0u8; 10 * 1024 * 1024 + 1]).await;
    assert_eq!(response.status(), 413);
    let body: ApiErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, ErrorCode::PayloadTooLarge);
}

#[tokio::test]
async fn photos_are_attached_to_the_report_once() {
    let app = spawn_app().await;
    let photo: UploadedPhoto = upload(&app, "image/png", png_bytes())
        .await
        .json()
        .await
        .expect("a photo");
    let mut with_photo = report();
    with_photo["photos"] = json!([photo.token]);
    let receipt = receipt(&app, &with_photo).await;
    let view: ReportView = app
        .post_json(
            "/api/reports/status",
            &json!({ "reference": receipt.reference, "query_code": receipt.query_code }),
        )
        .await
        .json()
        .await
        .expect("a view");
    assert_eq!(view.photos, 1);
    let again = submit(&app, &with_photo, None).await;
    assert_eq!(again.status(), 400, "a photo belongs to one report");
    let unknown = json!({ "photos": ["no-such-token"] });
    let mut bad = report();
    bad["photos"] = unknown["photos"].clone();
    assert_eq!(submit(&app, &bad, None).await.status(), 400);
}

#[tokio::test]
async fn a_photo_can_be_removed_before_sending() {
    let app = spawn_app().await;
    let photo: UploadedPhoto = upload(&app, "image/png", png_bytes())
        .await
        .json()
        .await
        .expect("a photo");
    let path = format!("/api/reports/photos/{}", photo.token);
    let removed = app
        .client
        .delete(app.url(&path))
        .send()
        .await
        .expect("answer");
    assert_eq!(removed.status(), 204);
    let again = app
        .client
        .delete(app.url(&path))
        .send()
        .await
        .expect("answer");
    assert_eq!(again.status(), 404);
}

/// Sends `count` reports naming enterprise 5, and dates them `days_ago`.
async fn reports_naming_enterprise_5(app: &TestApp, count: usize, days_ago: u64) {
    let mut named = report();
    named["enterprise_id"] = json!(5);
    named["enterprise_name"] = Value::Null;
    let mut references = Vec::new();
    for _ in 0..count {
        references.push(receipt(app, &named).await.reference);
    }
    let day = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
        - chrono::Days::new(days_ago);
    let db = app.db().await;
    for reference in references {
        sqlx::query(app.sql(
            "UPDATE reports SET received_on = $1 WHERE reference = $2",
            "UPDATE reports SET received_on = CAST($1 AS DATE) WHERE reference = $2",
        ))
        .bind(day.to_string())
        .bind(reference)
        .execute(&db)
        .await
        .expect("dated");
    }
}

async fn recent_count(app: &TestApp, enterprise: i64) -> u64 {
    let recent: RecentReports = app
        .get(&format!("/api/reports/recent?enterprise_id={enterprise}"))
        .await
        .json()
        .await
        .expect("a count");
    recent.count
}

#[tokio::test]
async fn reports_between_two_and_thirty_days_ago_are_counted_in_the_recent_hint() {
    let app = spawn_app().await;
    reports_naming_enterprise_5(&app, 3, 5).await;
    assert_eq!(recent_count(&app, 5).await, 3);
    assert_eq!(recent_count(&app, 6).await, 0);
}

#[tokio::test]
async fn reports_of_today_and_yesterday_are_not_in_the_recent_hint() {
    let app = spawn_app().await;
    reports_naming_enterprise_5(&app, 3, 0).await;
    assert_eq!(recent_count(&app, 5).await, 0);
    let db = app.db().await;
    let yesterday =
        (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive() - chrono::Days::new(1);
    sqlx::query(app.sql(
        "UPDATE reports SET received_on = $1",
        "UPDATE reports SET received_on = CAST($1 AS DATE)",
    ))
    .bind(yesterday.to_string())
    .execute(&db)
    .await
    .expect("dated");
    assert_eq!(recent_count(&app, 5).await, 0);
}

#[tokio::test]
async fn fewer_than_three_recent_reports_are_said_to_be_none() {
    let app = spawn_app().await;
    reports_naming_enterprise_5(&app, 2, 5).await;
    assert_eq!(recent_count(&app, 5).await, 0);
}

#[tokio::test]
async fn the_recent_hint_refuses_a_bad_enterprise_id() {
    let app = spawn_app().await;
    assert_eq!(
        app.get("/api/reports/recent?enterprise_id=abc")
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn reads_about_reports_are_limited_per_address() {
    let app = spawn_app_with(Options {
        report_reads_per_hour: 3,
        ..Options::default()
    })
    .await;
    assert_eq!(
        app.get("/api/reports/recent?enterprise_id=5")
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get("/api/open311/v2/requests/JB20000101-ABCDEF.json")
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get("/api/reports/recent?enterprise_id=6")
            .await
            .status(),
        200
    );
    let refused = app
        .get("/api/open311/v2/requests/JB20000101-ABCDEG.json")
        .await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(
        app.get("/api/reports/recent?enterprise_id=7")
            .await
            .status(),
        429
    );
}

#[tokio::test]
async fn references_are_random_not_a_count_of_the_day() {
    let app = spawn_app().await;
    let first = receipt(&app, &report()).await.reference;
    let second = receipt(&app, &report()).await.reference;
    assert_ne!(first, second);
    assert_eq!(first[..11], second[..11], "the same day");
    assert!(
        !first.ends_with("-0001") && !second.ends_with("-0002"),
        "{first} {second}"
    );
    assert_eq!(first.len(), 17, "{first}");
}

#[tokio::test]
async fn an_unknown_enterprise_is_refused() {
    let app = spawn_app().await;
    let mut bad = report();
    bad["enterprise_id"] = json!(999_999);
    let response = submit(&app, &bad, None).await;
    assert_eq!(response.status(), 400);
    let body: ApiErrorBody = response.json().await.expect("an error body");
    assert!(body.fields.contains_key("enterprise_id"));
}
