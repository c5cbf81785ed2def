//! `/api/enterprises`: picking an enterprise by part of its name or its code.

use portal_types::enterprises::EnterpriseSummary;

use crate::helpers::spawn_app;

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn part_of_a_name_finds_the_enterprise() {
    let app = spawn_app().await;
    let name: String = sqlx::query_scalar("SELECT name FROM enterprises WHERE id = 7")
        .fetch_one(&app.db().await)
        .await
        .expect("a name");
    let part: String = name.chars().skip(2).take(3).collect();
    let found: Vec<EnterpriseSummary> = app
        .get(&format!("/api/enterprises?q={}", encode(&part)))
        .await
        .json()
        .await
        .expect("a list");
    assert!(found.iter().any(|e| e.name == name), "{part} finds {name}");
    assert!(found.len() <= 10);
}

#[tokio::test]
async fn the_start_of_a_credit_code_finds_the_enterprise_in_any_case() {
    let app = spawn_app().await;
    let code: String = sqlx::query_scalar("SELECT credit_code FROM enterprises WHERE id = 3")
        .fetch_one(&app.db().await)
        .await
        .expect("a code");
    let found: Vec<EnterpriseSummary> = app
        .get(&format!("/api/enterprises?q={}", code[..12].to_lowercase()))
        .await
        .json()
        .await
        .expect("a list");
    assert!(found.iter().any(|e| e.credit_code == code));
}

#[tokio::test]
async fn like_wildcards_are_matched_literally() {
    let app = spawn_app().await;
    let found: Vec<EnterpriseSummary> = app
        .get("/api/enterprises?q=%25")
        .await
        .json()
        .await
        .expect("a list");
    assert!(found.is_empty(), "% is not a wildcard");
}

#[tokio::test]
async fn bad_parameters_are_refused() {
    let app = spawn_app().await;
    for query in [
        "",
        "q=",
        "q=a&limit=0",
        "q=a&limit=21",
        &format!("q={}", "安".repeat(51)),
    ] {
        let response = app.get(&format!("/api/enterprises?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
    }
}

#[tokio::test]
async fn a_control_character_at_the_end_of_the_words_is_refused_not_trimmed() {
    let app = spawn_app().await;
    let body = app
        .get_json(&format!("/api/enterprises?q={}", encode("¥,\u{c}")), 400)
        .await;
    assert!(body["fields"]["q"].is_array(), "{body}");
}
