//! Files for the spreadsheets offices use: `.xlsx` exports beside CSV,
//! CSV cells Excel opens as written, and imports of either file — the
//! portal's own export imports again unchanged.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use portal_types::staff::Role;
use serde_json::Value;

use crate::helpers::{Staff, TestApp, spawn_app};

const XLSX: &str = portal_types::XLSX_TYPE;
const PASSWORD: &str = "editor battery staple 26";

async fn editor(app: &TestApp) -> Staff {
    app.add_staff("editor", Role::Editor, PASSWORD).await;
    app.sign_in("editor", PASSWORD).await
}

/// An 18-digit credit code with a valid check digit and no letter: the
/// kind Excel turns into 9.13701E+17.
fn all_digit_code() -> String {
    (0..100)
        .filter_map(|n| portal_types::CreditCode::from_body(&format!("913701020000000{n:02}")))
        .map(|c| c.as_str().to_owned())
        .find(|c| c.bytes().all(|b| b.is_ascii_digit()))
        .expect("an all-digit code")
}

/// One import row: an all-digit credit code, and facts that begin like a
/// formula.
fn row(number: &str, code: &str) -> Vec<String> {
    [
        number,
        "济南表格测试化工有限公司",
        code,
        "张三",
        "未按规定进行安全教育培训",
        "=HYPERLINK(\"http://example.com\",\"点击\")该单位未对从业人员进行安全生产教育和培训。",
        "《中华人民共和国安全生产法》第二十八条",
        "《中华人民共和国安全生产法》第九十七条",
        "罚款",
        "罚款人民币20000.50元",
        "20000.50",
        "",
        "2026-11-01",
        "2099-11-01",
        "济南市应急管理局",
        "历下区",
        "危险化学品",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn csv_of(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(&portal_types::decisions::CSV_HEADERS[..17])
        .expect("a header");
    for row in rows {
        writer.write_record(row).expect("a row");
    }
    writer.into_inner().expect("bytes")
}

async fn import(
    app: &TestApp,
    staff: &Staff,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/staff/decisions/import"))
        .header("cookie", &staff.cookie)
        .header("x-csrf-token", &staff.csrf)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("an answer")
}

/// A fresh portal with the test decision imported, and its editor.
async fn with_test_decision() -> (TestApp, Staff, String) {
    let app = spawn_app().await;
    let staff = editor(&app).await;
    let code = all_digit_code();
    let response = import(
        &app,
        &staff,
        "text/csv",
        csv_of(&[row("济应急罚〔2026〕9301号", &code)]),
    )
    .await;
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
    (app, staff, code)
}

const QUERY: &str = "q=%E6%B5%8E%E5%8D%97%E8%A1%A8%E6%A0%BC%E6%B5%8B%E8%AF%95"; // 济南表格测试

async fn body_of(app: &TestApp, path: &str) -> (String, Vec<u8>) {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let content_type = response.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .to_owned();
    (
        content_type,
        response.bytes().await.expect("a body").to_vec(),
    )
}

fn sheet(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut workbook = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a workbook");
    let range = workbook
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range.rows().map(<[Data]>::to_vec).collect()
}

async fn the_decision(app: &TestApp) -> Value {
    let page = app.get_json(&format!("/api/decisions?{QUERY}"), 200).await;
    assert_eq!(page["total"], 1, "{page}");
    let id = page["items"][0]["id"].as_i64().expect("an id");
    app.get_json(&format!("/api/decisions/{id}"), 200).await
}

#[tokio::test]
async fn the_csv_export_keeps_an_all_digit_credit_code_as_text_and_runs_no_formula() {
    let (app, _, code) = with_test_decision().await;
    let (_, bytes) = body_of(&app, &format!("/api/decisions/export.csv?{QUERY}")).await;
    let text = String::from_utf8(bytes).expect("UTF-8");
    let line = text.lines().nth(1).expect("a row");
    assert!(line.contains(&format!(",\"=\"\"{code}\"\"\",")), "{line}");
    assert!(line.contains(",\"'=HYPERLINK("), "{line}");
}

#[tokio::test]
async fn the_xlsx_export_has_codes_as_text_dates_as_dates_and_amounts_as_numbers() {
    let (app, _, code) = with_test_decision().await;
    let (content_type, bytes) = body_of(&app, &format!("/api/decisions/export.xlsx?{QUERY}")).await;
    assert_eq!(content_type, XLSX);
    let rows = sheet(&bytes);
    assert_eq!(rows.len(), 2, "the header and one decision");
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(header, portal_types::decisions::CSV_HEADERS);
    let decision = &rows[1];
    assert_eq!(decision[2], Data::String(code));
    assert!(
        matches!(&decision[5], Data::String(facts) if facts.starts_with("=HYPERLINK")),
        "a formula-like text stays text: {:?}",
        decision[5]
    );
    assert_eq!(decision[10], Data::Float(20000.5));
    match &decision[12] {
        Data::DateTime(day) => assert_eq!(
            day.as_datetime().map(|d| d.date().to_string()),
            Some("2026-11-01".to_owned())
        ),
        other => panic!("the decision date is a date cell, not {other:?}"),
    }
}

#[tokio::test]
async fn the_csv_export_imports_again_into_another_portal_unchanged() {
    let (app, _, code) = with_test_decision().await;
    let before = the_decision(&app).await;
    let (_, bytes) = body_of(&app, &format!("/api/decisions/export.csv?{QUERY}")).await;
    let other = spawn_app().await;
    let staff = editor(&other).await;
    let response = import(&other, &staff, "text/csv", bytes).await;
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
    let after = the_decision(&other).await;
    assert_eq!(after["credit_code"], code.as_str());
    for field in [
        "facts",
        "fine_fen",
        "decided_on",
        "disclosure_until",
        "party_name",
    ] {
        assert_eq!(after[field], before[field], "{field}");
    }
}

#[tokio::test]
async fn the_xlsx_export_imports_again_into_another_portal_unchanged() {
    let (app, _, code) = with_test_decision().await;
    let before = the_decision(&app).await;
    let (_, bytes) = body_of(&app, &format!("/api/decisions/export.xlsx?{QUERY}")).await;
    let other = spawn_app().await;
    let staff = editor(&other).await;
    let response = import(&other, &staff, XLSX, bytes).await;
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
    let after = the_decision(&other).await;
    assert_eq!(after["credit_code"], code.as_str());
    for field in [
        "facts",
        "fine_fen",
        "decided_on",
        "disclosure_until",
        "party_name",
    ] {
        assert_eq!(after[field], before[field], "{field}");
    }
}

#[tokio::test]
async fn a_workbook_typed_by_hand_with_date_and_number_cells_is_imported() {
    let app = spawn_app().await;
    let staff = editor(&app).await;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    // As Excel on Chinese Windows shows a typed date.
    let day = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
    for (col, header) in portal_types::decisions::CSV_HEADERS[..17]
        .iter()
        .enumerate()
    {
        sheet
            .write_string(0, col as u16, *header)
            .expect("a header cell");
    }
    let code = all_digit_code();
    for (col, cell) in row("济应急罚〔2026〕9302号", &code).iter().enumerate() {
        let col = col as u16;
        match col {
            10 => sheet.write_number(1, col, 20000.5).map(|_| ()),
            12 => sheet
                .write_datetime_with_format(
                    1,
                    col,
                    rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 1).expect("a day"),
                    &day,
                )
                .map(|_| ()),
            13 => sheet
                .write_datetime_with_format(
                    1,
                    col,
                    rust_xlsxwriter::ExcelDateTime::from_ymd(2099, 11, 1).expect("a day"),
                    &day,
                )
                .map(|_| ()),
            _ => sheet.write_string(1, col, cell).map(|_| ()),
        }
        .expect("a cell");
    }
    let bytes = workbook.save_to_buffer().expect("a workbook");
    let response = import(&app, &staff, XLSX, bytes).await;
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
    let decision = the_decision(&app).await;
    assert_eq!(decision["credit_code"], code.as_str());
    assert_eq!(decision["fine_fen"], 2_000_050);
    assert_eq!(decision["decided_on"], "2026-11-01");
}

#[tokio::test]
async fn a_file_sent_as_a_workbook_that_is_not_one_is_refused_by_name() {
    let app = spawn_app().await;
    let staff = editor(&app).await;
    let response = import(&app, &staff, XLSX, csv_of(&[])).await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("an error");
    assert_eq!(body["fields"]["file"][0]["code"], "not_a_workbook");
}

#[tokio::test]
async fn a_file_of_another_media_type_is_refused_with_415() {
    let app = spawn_app().await;
    let staff = editor(&app).await;
    let response = import(&app, &staff, "application/pdf", b"%PDF-1.7".to_vec()).await;
    assert_eq!(response.status(), 415);
}

#[tokio::test]
async fn a_chart_downloads_as_a_workbook_with_numbers_as_numbers() {
    let app = spawn_app().await;
    let (content_type, bytes) = body_of(
        &app,
        "/api/statistics/export.xlsx?chart=decisions-by-district",
    )
    .await;
    assert_eq!(content_type, XLSX);
    let rows = sheet(&bytes);
    assert_eq!(rows[0][0], Data::String("区县".to_owned()));
    assert_eq!(rows[1][0], Data::String("历下区".to_owned()));
    assert!(matches!(rows[1][1], Data::Float(_)), "{:?}", rows[1][1]);
    assert_eq!(rows.len(), 16);
}

#[tokio::test]
async fn a_blacklist_batch_answers_as_a_workbook_with_the_code_as_text() {
    let app = spawn_app().await;
    let code = all_digit_code();
    let response = app
        .client
        .post(app.url("/api/blacklist/batch.xlsx"))
        .header("content-type", "text/plain")
        .body(code.clone())
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], XLSX);
    let rows = sheet(&response.bytes().await.expect("a body"));
    assert_eq!(rows[0][1], Data::String("输入".to_owned()));
    assert_eq!(rows[1][1], Data::String(code));
}
