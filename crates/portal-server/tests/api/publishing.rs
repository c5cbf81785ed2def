//! `/api/staff/decisions`: editors import decisions from a disclosure CSV
//! (all or nothing) and revoke them; the public side shows both.

use portal_types::staff::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Staff, TestApp, spawn_app};

const EDITOR_PASSWORD: &str = "editor battery staple 26";
const HANDLER_PASSWORD: &str = "handler river stone 2026";

async fn editing() -> (TestApp, Staff, Staff) {
    let app = spawn_app().await;
    app.add_staff("editor", Role::Editor, EDITOR_PASSWORD).await;
    app.add_staff("handler", Role::CaseHandler, HANDLER_PASSWORD)
        .await;
    let editor = app.sign_in("editor", EDITOR_PASSWORD).await;
    let handler = app.sign_in("handler", HANDLER_PASSWORD).await;
    (app, editor, handler)
}

fn header() -> String {
    portal_types::decisions::CSV_HEADERS[..17].join(",")
}

fn row(number: &str, fine: &str) -> String {
    format!(
        "{number},济南导入测试化工有限公司,,张三,未按规定进行安全教育培训,该单位未对从业人员进行安全生产教育和培训。,《中华人民共和国安全生产法》第二十八条,《中华人民共和国安全生产法》第九十七条,罚款,罚款人民币{fine}元,{fine},,2026-11-01,2099-11-01,济南市应急管理局,历下区,危险化学品"
    )
}

async fn import(app: &TestApp, staff: &Staff, csv: String) -> reqwest::Response {
    app.client
        .post(app.url("/api/staff/decisions/import"))
        .header("cookie", &staff.cookie)
        .header("x-csrf-token", &staff.csrf)
        .header("content-type", "text/csv; charset=utf-8")
        .body(csv)
        .send()
        .await
        .expect("an answer")
}

async fn import_bytes(
    app: &TestApp,
    staff: &Staff,
    content_type: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/staff/decisions/import"))
        .header("cookie", &staff.cookie)
        .header("x-csrf-token", &staff.csrf)
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .expect("an answer")
}

#[tokio::test]
async fn a_csv_that_excel_saved_in_gbk_is_imported() {
    let (app, editor, _) = editing().await;
    let text = format!(
        "{}\r\n{}\r\n",
        header(),
        row("济应急罚〔2026〕9101号", "20000")
    );
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let response = import_bytes(&app, &editor, "text/csv", bytes.into_owned()).await;
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
    assert_eq!(found(&app, "济南导入测试化工").await, 1);
}

#[tokio::test]
async fn a_file_that_is_neither_utf8_nor_gbk_is_refused_as_a_whole() {
    let (app, editor, _) = editing().await;
    let response = import_bytes(
        &app,
        &editor,
        "text/csv",
        vec![0xff, 0xfe, 0xff, 0x81, 0x30],
    )
    .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("an error");
    assert_eq!(body["fields"]["file"][0]["code"], "not_utf8");
}

async fn found(app: &TestApp, words: &str) -> u64 {
    let page = app
        .get_json(
            &format!(
                "/api/decisions?q={}",
                form_urlencoded::byte_serialize(words.as_bytes()).collect::<String>()
            ),
            200,
        )
        .await;
    page["total"].as_u64().expect("a total")
}

#[tokio::test]
async fn a_file_with_one_bad_row_imports_nothing_and_names_the_row() {
    let (app, editor, _) = editing().await;
    let csv = format!(
        "{}\n{}\n{}\n",
        header(),
        row("济应急罚〔2026〕9001号", "20000"),
        row("济应急罚〔2026〕9002号", "两万元")
    );
    let response = import(&app, &editor, csv).await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("an error");
    let rows: Vec<&String> = body["fields"].as_object().expect("fields").keys().collect();
    assert_eq!(rows, ["rows.3.罚款金额（元）"]);
    assert_eq!(
        body["fields"]["rows.3.罚款金额（元）"][0]["code"],
        "not_an_amount"
    );
    assert_eq!(found(&app, "济南导入测试化工").await, 0);
}

#[tokio::test]
async fn a_good_file_is_published_and_found_by_search_at_once() {
    let (app, editor, _) = editing().await;
    let csv = format!(
        "{}\n{}\n{}\n",
        header(),
        row("济应急罚〔2026〕9001号", "20000"),
        row("济应急罚〔2026〕9002号", "35000")
    );
    let response = import(&app, &editor, csv).await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.expect("a result");
    assert_eq!(body["imported"], 2);
    assert_eq!(found(&app, "济南导入测试化工").await, 2);
    let again = import(
        &app,
        &editor,
        format!("{}\n{}\n", header(), row("济应急罚〔2026〕9001号", "20000")),
    )
    .await;
    assert_eq!(again.status(), 400, "a number already published");
}

#[tokio::test]
async fn an_import_answers_what_it_published_in_the_order_of_the_file() {
    let (app, editor, _) = editing().await;
    let csv = format!(
        "{}\n{}\n{}\n",
        header(),
        row("济应急罚〔2026〕9011号", "20000"),
        row("济应急罚〔2026〕9012号", "35000")
    );
    let response = import(&app, &editor, csv).await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.expect("a result");
    let published = body["published"].as_array().expect("a list");
    assert_eq!(published.len(), 2);
    assert_eq!(published[0]["decision_no"], "济应急罚〔2026〕9011号");
    assert_eq!(published[1]["decision_no"], "济应急罚〔2026〕9012号");
    assert_eq!(published[0]["party_name"], "济南导入测试化工有限公司");
    let id = published[0]["id"].as_i64().expect("an id");
    let detail = app.get_json(&format!("/api/decisions/{id}"), 200).await;
    assert_eq!(detail["decision_no"], "济应急罚〔2026〕9011号");
}

#[tokio::test]
async fn a_revoked_decision_says_so_with_its_reason_and_version() {
    let (app, editor, _) = editing().await;
    let response = import(
        &app,
        &editor,
        format!("{}\n{}\n", header(), row("济应急罚〔2026〕9003号", "20000")),
    )
    .await;
    let id = response.json::<Value>().await.expect("a result")["ids"][0]
        .as_i64()
        .expect("an id");
    let revoked = app
        .as_staff(
            &editor,
            Method::POST,
            &format!("/api/staff/decisions/{id}/revoke"),
            Some(json!({ "reason": "经复议，原处罚决定认定事实不清，予以撤销。" })),
        )
        .await;
    assert_eq!(revoked.status(), 200);
    let public = app.get_json(&format!("/api/decisions/{id}"), 200).await;
    assert_eq!(
        public["revocation"]["reason"],
        "经复议，原处罚决定认定事实不清，予以撤销。"
    );
    assert_eq!(public["version"], 2);
    let twice = app
        .as_staff(
            &editor,
            Method::POST,
            &format!("/api/staff/decisions/{id}/revoke"),
            Some(json!({ "reason": "再次" })),
        )
        .await;
    assert_eq!(twice.status(), 409);
}

#[tokio::test]
async fn only_editors_publish_decisions() {
    let (app, _, handler) = editing().await;
    let response = import(
        &app,
        &handler,
        format!("{}\n{}\n", header(), row("济应急罚〔2026〕9004号", "20000")),
    )
    .await;
    assert_eq!(response.status(), 403);
    let revoke = app
        .as_staff(
            &handler,
            Method::POST,
            "/api/staff/decisions/1/revoke",
            Some(json!({ "reason": "x" })),
        )
        .await;
    assert_eq!(revoke.status(), 403);
    let nobody = app
        .client
        .post(app.url("/api/staff/decisions/import"))
        .header("content-type", "text/csv")
        .body(header())
        .send()
        .await
        .expect("an answer");
    assert_eq!(nobody.status(), 401);
}

#[tokio::test]
async fn an_import_and_a_revocation_are_in_the_audit_log() {
    let (app, editor, _) = editing().await;
    let response = import(
        &app,
        &editor,
        format!("{}\n{}\n", header(), row("济应急罚〔2026〕9005号", "20000")),
    )
    .await;
    let id = response.json::<Value>().await.expect("a result")["ids"][0]
        .as_i64()
        .expect("an id");
    app.as_staff(
        &editor,
        Method::POST,
        &format!("/api/staff/decisions/{id}/revoke"),
        Some(json!({ "reason": "撤销" })),
    )
    .await;
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE target = $1 ORDER BY id")
            .bind(format!("decision:{id}"))
            .fetch_all(&app.db().await)
            .await
            .expect("entries");
    assert_eq!(actions, ["decision.import", "decision.revoke"]);
}

/// A credit code of an enterprise not listed now, and one listed now.
async fn enterprises(app: &TestApp) -> (String, String) {
    let db = app.db().await;
    let free: String = sqlx::query_scalar(
        "SELECT credit_code FROM enterprises e WHERE NOT EXISTS
           (SELECT 1 FROM blacklist_entries b WHERE b.enterprise_id = e.id AND b.removed_on IS NULL
              AND b.expected_removal_on > CURRENT_DATE)
         LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .expect("an enterprise off the list");
    let listed: String = sqlx::query_scalar(
        "SELECT e.credit_code FROM enterprises e JOIN blacklist_entries b ON b.enterprise_id = e.id
         WHERE b.removed_on IS NULL AND b.listed_on <= CURRENT_DATE
           AND b.expected_removal_on > CURRENT_DATE LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .expect("a listed enterprise");
    (free, listed)
}

fn listing(code: &str) -> Value {
    json!({
        "credit_code": code,
        "ground": "repeated_larger_accidents",
        "reason": "发生较大生产安全事故，对事故负有责任",
        "breach_summary": "2026年10月该单位发生一起较大生产安全事故，造成3人死亡。",
        "authority": "济南市应急管理局",
        "listed_on": "2026-11-01",
        "measures": "依法实施联合惩戒：限制参与政府采购、限制取得政府补贴。"
    })
}

#[tokio::test]
async fn an_editor_lists_an_enterprise_and_the_public_check_says_listed() {
    let (app, editor, _) = editing().await;
    let (free, _) = enterprises(&app).await;
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/blacklist",
            Some(listing(&free)),
        )
        .await;
    assert_eq!(response.status(), 200);
    let check = app
        .get_json(&format!("/api/blacklist/check?q={free}"), 200)
        .await;
    assert!(
        check.to_string().contains("发生较大生产安全事故"),
        "{check}"
    );
    let twice = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/blacklist",
            Some(listing(&free)),
        )
        .await;
    assert_eq!(twice.status(), 409);
}

#[tokio::test]
async fn a_removed_listing_stays_in_the_enterprises_history() {
    let (app, editor, _) = editing().await;
    let (_, listed) = enterprises(&app).await;
    let removed = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/blacklist/remove",
            Some(json!({
                "credit_code": listed,
                "basis": "listed_in_error",
                "reason": "所依据的事实认定有误，予以更正"
            })),
        )
        .await;
    assert_eq!(removed.status(), 200);
    let profile = app
        .get_json(&format!("/api/enterprises/{listed}"), 200)
        .await;
    assert!(
        profile
            .to_string()
            .contains("所依据的事实认定有误，予以更正"),
        "{profile}"
    );
    let again = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/blacklist/remove",
            Some(json!({ "credit_code": listed, "basis": "listed_in_error", "reason": "再次" })),
        )
        .await;
    assert_eq!(again.status(), 409);
}

#[tokio::test]
async fn listing_an_unknown_code_is_refused_by_field() {
    let (app, editor, handler) = editing().await;
    let response = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/blacklist",
            Some(listing("91370100MA3C0000X1")),
        )
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("an error");
    assert!(body["fields"]["credit_code"].is_array());
    let handler_tries = app
        .as_staff(
            &handler,
            Method::POST,
            "/api/staff/blacklist",
            Some(listing("91370100MA3C0000X1")),
        )
        .await;
    assert_eq!(handler_tries.status(), 403);
}

/// The edit body of a decision as the API shows it, with a reason.
fn edit_of(detail: &Value, reason: &str) -> Value {
    let mut edit = detail.clone();
    let object = edit.as_object_mut().expect("an object");
    for gone in [
        "id",
        "decision_no",
        "revocation",
        "amendments",
        "version",
        "published_at",
        "updated_at",
    ] {
        object.remove(gone);
    }
    object.insert("reason".to_owned(), json!(reason));
    edit
}

#[tokio::test]
async fn a_correction_becomes_a_new_version_that_the_public_page_shows() {
    let (app, editor, _) = editing().await;
    let response = import(
        &app,
        &editor,
        format!("{}\n{}\n", header(), row("济应急罚〔2026〕9006号", "20000")),
    )
    .await;
    let id = response.json::<Value>().await.expect("a result")["ids"][0]
        .as_i64()
        .expect("an id");
    let detail = app.get_json(&format!("/api/decisions/{id}"), 200).await;
    let mut edit = edit_of(&detail, "更正法定代表人姓名的笔误");
    edit["legal_representative"] = json!("李四");
    let response = app
        .as_staff(
            &editor,
            Method::PUT,
            &format!("/api/staff/decisions/{id}"),
            Some(edit.clone()),
        )
        .await;
    assert_eq!(response.status(), 200);
    let public = app.get_json(&format!("/api/decisions/{id}"), 200).await;
    assert_eq!(public["version"], 2);
    assert_eq!(public["legal_representative"], "李四");
    let amendment = &public["amendments"][0];
    assert_eq!(amendment["reason"], "更正法定代表人姓名的笔误");
    assert_eq!(amendment["changes"][0]["field"], "legal_representative");
    assert_eq!(amendment["changes"][0]["before"], "张三");
    assert_eq!(amendment["changes"][0]["after"], "李四");
    let unchanged = app
        .as_staff(
            &editor,
            Method::PUT,
            &format!("/api/staff/decisions/{id}"),
            Some(edit),
        )
        .await;
    assert_eq!(unchanged.status(), 400, "nothing differs any more");
}

#[tokio::test]
async fn a_correction_with_a_bad_field_changes_nothing() {
    let (app, editor, handler) = editing().await;
    let response = import(
        &app,
        &editor,
        format!("{}\n{}\n", header(), row("济应急罚〔2026〕9007号", "20000")),
    )
    .await;
    let id = response.json::<Value>().await.expect("a result")["ids"][0]
        .as_i64()
        .expect("an id");
    let path = format!("/api/staff/decisions/{id}");
    let detail = app.get_json(&format!("/api/decisions/{id}"), 200).await;
    let mut edit = edit_of(&detail, "更正");
    edit["party_name"] = json!("");
    let response = app
        .as_staff(&editor, Method::PUT, &path, Some(edit.clone()))
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("an error");
    assert!(body["fields"]["party_name"].is_array());
    assert_eq!(
        app.get_json(&format!("/api/decisions/{id}"), 200).await,
        detail
    );
    let by_handler = app.as_staff(&handler, Method::PUT, &path, Some(edit)).await;
    assert_eq!(by_handler.status(), 403);
}

#[tokio::test]
async fn an_editor_changes_an_article_and_the_public_page_shows_it_sanitised() {
    let (app, editor, handler) = editing().await;
    let path = "/api/staff/articles/confined-spaces";
    let mut source: Value = app
        .as_staff(&editor, Method::GET, path, None)
        .await
        .json()
        .await
        .expect("a source");
    source["markdown"] = json!(
        "## 新的一节\n\n进入有限空间前必须检测。\n\n<script>alert(1)</script><img src=x onerror=alert(1)>"
    );
    source["reviewed_on"] = json!("2026-11-28");
    let preview: Value = app
        .as_staff(
            &editor,
            Method::POST,
            "/api/staff/articles/preview",
            Some(json!({ "markdown": source["markdown"] })),
        )
        .await
        .json()
        .await
        .expect("a preview");
    let html = preview["html"].as_str().expect("html");
    assert!(html.contains("进入有限空间前必须检测"));
    assert!(!html.contains("<script") && !html.contains("onerror") && !html.contains("<img"));
    let saved = app
        .as_staff(&editor, Method::PUT, path, Some(source.clone()))
        .await;
    assert_eq!(saved.status(), 200);
    let public = app
        .get_json("/api/education/articles/confined-spaces", 200)
        .await;
    let html = public["html"].as_str().expect("html");
    assert!(html.contains("进入有限空间前必须检测"));
    assert!(!html.contains("<script") && !html.contains("onerror"));
    assert_eq!(public["reviewed_on"], "2026-11-28");
    let by_handler = app
        .as_staff(&handler, Method::PUT, path, Some(source))
        .await;
    assert_eq!(by_handler.status(), 403);
    let logged: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'article.edit' AND target = 'article:confined-spaces'",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("a count");
    assert_eq!(logged, 1);
}
