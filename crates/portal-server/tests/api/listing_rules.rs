//! The rules the blacklist is kept by (应急管理部令第11号, in force
//! 2023-10-01): a closed list of grounds, a three-year term that ends by
//! itself, early removal by credit repair only after 12 months, and the old
//! list's entries keeping its name.

use chrono::{Months, NaiveDate};
use portal_types::blacklist::{
    CheckResult, EnterpriseProfile, ListRegime, ListingGround, ListingStatus, RemovalBasis,
};
use portal_types::staff::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Staff, TestApp, spawn_app};

const EDITOR_PASSWORD: &str = "editor lists by the rules 23";

fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

fn months_ago(n: u32) -> NaiveDate {
    today().checked_sub_months(Months::new(n)).expect("a date")
}

async fn editing() -> (TestApp, Staff, String) {
    let app = spawn_app().await;
    app.add_staff("editor", Role::Editor, EDITOR_PASSWORD).await;
    let editor = app.sign_in("editor", EDITOR_PASSWORD).await;
    let free: String = sqlx::query_scalar(
        "SELECT credit_code FROM enterprises
         WHERE id NOT IN (SELECT enterprise_id FROM blacklist_entries) ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("an enterprise never listed");
    (app, editor, free)
}

fn listing(code: &str, ground: &str, listed_on: NaiveDate) -> Value {
    json!({
        "credit_code": code,
        "ground": ground,
        "reason": "未取得安全生产许可证擅自组织生产",
        "breach_summary": "该单位在未取得安全生产许可证的情况下擅自组织生产。",
        "authority": "济南市应急管理局",
        "listed_on": listed_on.to_string(),
        "measures": "列为重点监管对象\n限制参与政府采购",
    })
}

async fn list(app: &TestApp, editor: &Staff, body: Value) -> reqwest::Response {
    app.as_staff(editor, Method::POST, "/api/staff/blacklist", Some(body))
        .await
}

async fn remove(app: &TestApp, editor: &Staff, code: &str, basis: &str) -> reqwest::Response {
    app.as_staff(
        editor,
        Method::POST,
        "/api/staff/blacklist/remove",
        Some(json!({ "credit_code": code, "basis": basis, "reason": "经核实，予以移出" })),
    )
    .await
}

async fn profile(app: &TestApp, code: &str) -> EnterpriseProfile {
    app.get(&format!("/api/enterprises/{code}"))
        .await
        .json()
        .await
        .expect("a profile")
}

async fn field_message(response: reqwest::Response, field: &str) -> String {
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("an error body");
    body["fields"][field]
        .as_array()
        .and_then(|m| m.first())
        .and_then(|m| m["message"].as_str())
        .unwrap_or_else(|| panic!("a message for {field}: {body}"))
        .to_owned()
}

#[tokio::test]
async fn a_listing_names_its_ground_and_lasts_three_years() {
    let (app, editor, code) = editing().await;
    let listed_on = months_ago(2);
    assert_eq!(
        list(&app, &editor, listing(&code, "unlicensed", listed_on))
            .await
            .status(),
        200
    );
    let standing = profile(&app, &code).await.standing;
    assert_eq!(standing.status, ListingStatus::Listed);
    let current = standing.listing.expect("the listing in force");
    assert_eq!(current.ground, Some(ListingGround::Unlicensed));
    assert_eq!(current.regime, ListRegime::SeriousDishonesty2023);
    assert_eq!(
        current.expected_removal_on,
        listed_on
            .checked_add_months(Months::new(36))
            .expect("a date")
    );
}

#[tokio::test]
async fn a_term_other_than_three_years_is_refused_with_the_day_it_ends() {
    let (app, editor, code) = editing().await;
    let listed_on = months_ago(2);
    let mut body = listing(&code, "unlicensed", listed_on);
    body["expected_removal_on"] = json!(
        listed_on
            .checked_add_months(Months::new(12))
            .expect("a date")
            .to_string()
    );
    let message = field_message(list(&app, &editor, body).await, "expected_removal_on").await;
    let ends = listed_on
        .checked_add_months(Months::new(36))
        .expect("a date");
    assert!(message.contains(&ends.to_string()), "{message}");
}

#[tokio::test]
async fn a_ground_outside_the_closed_list_is_refused() {
    let (app, editor, code) = editing().await;
    let response = list(
        &app,
        &editor,
        listing(&code, "major_hazard_not_corrected", months_ago(1)),
    )
    .await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn the_old_lists_ground_is_refused_for_a_listing_after_october_2023() {
    let (app, editor, code) = editing().await;
    let response = list(
        &app,
        &editor,
        listing(&code, "joint_punishment_2017", months_ago(1)),
    )
    .await;
    let message = field_message(response, "ground").await;
    assert!(message.contains("2023-10-01"), "{message}");
}

#[tokio::test]
async fn a_2023_ground_is_refused_for_a_listing_before_october_2023() {
    let (app, editor, code) = editing().await;
    let before = NaiveDate::from_ymd_opt(2023, 9, 30).expect("a date");
    let message = field_message(
        list(&app, &editor, listing(&code, "unlicensed", before)).await,
        "ground",
    )
    .await;
    assert!(message.contains("joint_punishment_2017"), "{message}");
}

#[tokio::test]
async fn an_entry_of_the_old_list_keeps_its_name_and_its_ended_term_in_history() {
    let (app, editor, code) = editing().await;
    let mut body = listing(
        &code,
        "joint_punishment_2017",
        NaiveDate::from_ymd_opt(2023, 6, 1).expect("a date"),
    );
    body["expected_removal_on"] = json!("2024-06-01");
    assert_eq!(list(&app, &editor, body).await.status(), 200);
    let profile = profile(&app, &code).await;
    assert_eq!(profile.standing.status, ListingStatus::Removed);
    let entry = &profile.history[0];
    assert_eq!(entry.regime, ListRegime::JointPunishment2017);
    assert_eq!(entry.ground, Some(ListingGround::JointPunishment2017));
    assert_eq!(entry.removal_basis, Some(RemovalBasis::TermEnded));
    assert_eq!(entry.removed_on, NaiveDate::from_ymd_opt(2024, 6, 1));
}

#[tokio::test]
async fn an_entry_of_the_old_list_must_give_its_term() {
    let (app, editor, code) = editing().await;
    let body = listing(
        &code,
        "joint_punishment_2017",
        NaiveDate::from_ymd_opt(2023, 6, 1).expect("a date"),
    );
    field_message(list(&app, &editor, body).await, "expected_removal_on").await;
}

#[tokio::test]
async fn a_listing_leaves_the_list_by_itself_when_its_three_years_are_over() {
    let (app, editor, code) = editing().await;
    let figures = || async {
        app.get_json("/api/site/figures", 200).await["blacklisted_enterprises"]
            .as_u64()
            .expect("a count")
    };
    let before = figures().await;
    assert_eq!(
        list(
            &app,
            &editor,
            listing(&code, "concealed_accident", months_ago(36))
        )
        .await
        .status(),
        200
    );
    let check: CheckResult = app
        .get(&format!("/api/blacklist/check?q={code}"))
        .await
        .json()
        .await
        .expect("a check");
    assert_eq!(check.status, Some(ListingStatus::Removed));
    let listed: Value = app
        .get_json("/api/blacklist/listed?page_size=100", 200)
        .await;
    assert!(!listed.to_string().contains(&code), "not on the list now");
    assert_eq!(figures().await, before, "nor counted on the home page");
    let entry = &profile(&app, &code).await.history[0];
    assert_eq!(entry.removal_basis, Some(RemovalBasis::TermEnded));
    assert_eq!(entry.removed_on, Some(entry.expected_removal_on));
    // Ended, it can be listed again on a new ground.
    assert_eq!(
        list(&app, &editor, listing(&code, "unlicensed", today()))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn credit_repair_before_twelve_months_is_refused_with_the_day_it_may_be_applied_for() {
    let (app, editor, code) = editing().await;
    let listed_on = months_ago(6);
    assert_eq!(
        list(&app, &editor, listing(&code, "unlicensed", listed_on))
            .await
            .status(),
        200
    );
    let message = field_message(remove(&app, &editor, &code, "credit_repair").await, "basis").await;
    let from = listed_on
        .checked_add_months(Months::new(12))
        .expect("a date");
    assert!(message.contains(&from.to_string()), "{message}");
    assert_eq!(
        profile(&app, &code).await.standing.status,
        ListingStatus::Listed,
        "nothing changed"
    );
}

#[tokio::test]
async fn a_listing_made_in_error_may_be_removed_at_once() {
    let (app, editor, code) = editing().await;
    list(&app, &editor, listing(&code, "unlicensed", today())).await;
    assert_eq!(
        remove(&app, &editor, &code, "listed_in_error")
            .await
            .status(),
        200
    );
    let entry = &profile(&app, &code).await.history[0];
    assert_eq!(entry.removal_basis, Some(RemovalBasis::ListedInError));
    assert_eq!(entry.removed_on, Some(today()));
}

#[tokio::test]
async fn credit_repair_after_twelve_months_removes_the_listing_publicly() {
    let (app, editor, code) = editing().await;
    list(&app, &editor, listing(&code, "unlicensed", months_ago(13))).await;
    assert_eq!(
        remove(&app, &editor, &code, "credit_repair").await.status(),
        200
    );
    let profile = profile(&app, &code).await;
    assert_eq!(profile.standing.status, ListingStatus::Removed);
    assert_eq!(
        profile.history[0].removal_basis,
        Some(RemovalBasis::CreditRepair)
    );
    assert_eq!(
        profile.history[0].removal_reason.as_deref(),
        Some("经核实，予以移出")
    );
}

#[tokio::test]
async fn the_end_of_a_term_is_never_entered_by_hand() {
    let (app, editor, code) = editing().await;
    list(&app, &editor, listing(&code, "unlicensed", months_ago(1))).await;
    field_message(remove(&app, &editor, &code, "term_ended").await, "basis").await;
}
