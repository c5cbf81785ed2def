//! Every failure answers with the one JSON error shape.

use portal_types::{ApiErrorBody, ErrorCode};

use crate::helpers::spawn_app;

#[tokio::test]
async fn an_unknown_api_path_answers_404_in_the_error_shape() {
    let app = spawn_app().await;
    let response = app.get("/api/no/such/thing").await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/json",
        "JSON, not the app's index.html"
    );
    let body: ApiErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, ErrorCode::NotFound);
    assert!(!body.message.is_empty());
}

#[tokio::test]
async fn a_wrong_method_answers_405_in_the_error_shape() {
    let app = spawn_app().await;
    let response = app
        .client
        .delete(app.url("/api/health"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 405);
    let body: ApiErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, ErrorCode::MethodNotAllowed);
}

#[tokio::test]
async fn the_bare_api_prefix_answers_404_in_the_error_shape() {
    let app = spawn_app().await;
    let response = app.get("/api").await;
    assert_eq!(response.status(), 404);
    let body: ApiErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, ErrorCode::NotFound);
}
