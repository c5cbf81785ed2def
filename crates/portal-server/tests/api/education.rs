//! `/api/education`: topics, articles, search, quizzes, and content loading.

use std::path::{Path, PathBuf};

use portal_server::Server;
use portal_types::education::{Article, ArticleList, EducationIndex, Quiz, Topic};

use crate::helpers::{Options, spawn_app, spawn_app_with};

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A content folder holding only the hostile test article.
fn hostile_content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(dir.path().join("articles")).expect("articles folder");
    std::fs::create_dir_all(dir.path().join("quizzes")).expect("quizzes folder");
    std::fs::copy(
        repository().join("e2e/fixtures/content/articles/hostile-markup.md"),
        dir.path().join("articles/hostile-markup.md"),
    )
    .expect("the fixture copies");
    dir
}

#[tokio::test]
async fn the_index_lists_every_topic_and_the_quizzes() {
    let app = spawn_app().await;
    let index: EducationIndex =
        serde_json::from_value(app.get_json("/api/education", 200).await).expect("an index");
    assert_eq!(index.topics.len(), Topic::ALL.len());
    assert!(index.topics.iter().all(|t| t.articles > 0));
    assert!(index.quizzes.len() >= 6);
    assert!(index.quizzes.iter().all(|q| q.question_count >= 8));
    assert!(!index.recent.is_empty());
}

#[tokio::test]
async fn the_shipped_content_is_stored_in_the_database() {
    let app = spawn_app().await;
    let db = app.db().await;
    let articles: i64 = sqlx::query_scalar("SELECT count(*) FROM education_articles")
        .fetch_one(&db)
        .await
        .expect("a count");
    let quizzes: i64 = sqlx::query_scalar("SELECT count(*) FROM education_quizzes")
        .fetch_one(&db)
        .await
        .expect("a count");
    assert!(articles >= 30, "{articles} articles");
    assert!(quizzes >= 6, "{quizzes} quizzes");
}

#[tokio::test]
async fn a_two_character_word_finds_articles_with_an_excerpt() {
    let app = spawn_app().await;
    let list: ArticleList = serde_json::from_value(
        app.get_json(
            &format!("/api/education/articles?q={}", encode("窒息")),
            200,
        )
        .await,
    )
    .expect("a list");
    assert!(!list.items.is_empty());
    for item in &list.items {
        let excerpt = item.excerpt.as_deref().unwrap_or_default();
        assert!(
            excerpt.contains("窒息")
                || item.title.contains("窒息")
                || item.summary.contains("窒息"),
            "{}: {excerpt}",
            item.slug
        );
    }
}

#[tokio::test]
async fn a_topic_lists_only_its_articles() {
    let app = spawn_app().await;
    let list: ArticleList =
        serde_json::from_value(app.get_json("/api/education/articles?topic=gas", 200).await)
            .expect("a list");
    assert!(!list.items.is_empty());
    assert!(list.items.iter().all(|a| a.topic == Topic::Gas));
}

#[tokio::test]
async fn a_provision_finds_the_articles_that_explain_it() {
    let app = spawn_app().await;
    let list: ArticleList = serde_json::from_value(
        app.get_json(
            &format!(
                "/api/education/articles?provision={}",
                encode("安全生产法:28")
            ),
            200,
        )
        .await,
    )
    .expect("a list");
    assert!(!list.items.is_empty());
    for item in &list.items {
        assert!(
            item.provisions
                .iter()
                .any(|p| p.law == "安全生产法" && p.article == 28),
            "{}",
            item.slug
        );
    }
}

#[tokio::test]
async fn an_article_comes_with_sections_and_related_articles() {
    let app = spawn_app().await;
    let article: Article = serde_json::from_value(
        app.get_json("/api/education/articles/work-safety-law-overview", 200)
            .await,
    )
    .expect("an article");
    assert!(article.toc.len() >= 3);
    for entry in &article.toc {
        assert!(article.html.contains(&format!("id=\"{}\"", entry.id)));
    }
    assert!(!article.related.is_empty());
    assert!(article.summary.reading_minutes >= 1);
}

#[tokio::test]
async fn an_unknown_article_or_quiz_is_not_found() {
    let app = spawn_app().await;
    let body = app
        .get_json("/api/education/articles/no-such-thing", 404)
        .await;
    assert_eq!(body["code"], "not_found");
    app.get_json("/api/education/quizzes/no-such-thing", 404)
        .await;
}

#[tokio::test]
async fn an_unknown_topic_is_refused() {
    let app = spawn_app().await;
    app.get_json("/api/education/articles?topic=cooking", 400)
        .await;
}

#[tokio::test]
async fn a_provision_without_an_article_number_is_refused_by_field() {
    let app = spawn_app().await;
    let body = app
        .get_json(
            &format!("/api/education/articles?provision={}", encode("消防法")),
            400,
        )
        .await;
    assert_eq!(
        body["fields"]["provision"][0]["code"], "not_a_provision",
        "{body}"
    );
}

#[tokio::test]
async fn an_overlong_search_is_refused_by_field() {
    let app = spawn_app().await;
    let body = app
        .get_json(
            &format!("/api/education/articles?q={}", "安".repeat(51)),
            400,
        )
        .await;
    assert!(body["fields"]["q"].is_array(), "{body}");
}

#[tokio::test]
async fn a_quiz_has_its_questions_answers_and_sources() {
    let app = spawn_app().await;
    let quiz: Quiz = serde_json::from_value(
        app.get_json("/api/education/quizzes/fire-safety", 200)
            .await,
    )
    .expect("a quiz");
    assert!(quiz.questions.len() >= 8);
    for question in &quiz.questions {
        assert!(!question.answer.is_empty());
        assert!(!question.source.is_empty());
        assert!(!question.explanation.is_empty());
    }
}

#[tokio::test]
async fn a_script_or_onerror_in_an_articles_markdown_never_reaches_the_api() {
    let content = hostile_content();
    let app = spawn_app_with(Options {
        content: Some(content.path().to_owned()),
        ..Options::default()
    })
    .await;
    let article: Article = serde_json::from_value(
        app.get_json("/api/education/articles/hostile-markup", 200)
            .await,
    )
    .expect("an article");
    let html = article.html.to_ascii_lowercase();
    for forbidden in [
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "<img",
        "<iframe",
        "<style",
        "evil.example",
    ] {
        assert!(!html.contains(forbidden), "{forbidden} in {html}");
    }
    assert!(article.html.contains("正文最后一段"));
    assert!(article.html.contains("数学标记之后的段落。"));
    let stored: String =
        sqlx::query_scalar("SELECT html FROM education_articles WHERE slug = 'hostile-markup'")
            .fetch_one(&app.db().await)
            .await
            .expect("the stored article");
    assert_eq!(stored, article.html);
}

#[tokio::test]
async fn articles_no_longer_in_the_content_are_removed_at_start() {
    let content = hostile_content();
    let app = spawn_app_with(Options {
        content: Some(content.path().to_owned()),
        ..Options::default()
    })
    .await;
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM education_articles")
        .fetch_all(&app.db().await)
        .await
        .expect("slugs");
    assert_eq!(slugs, vec!["hostile-markup".to_owned()]);
}

#[tokio::test]
async fn a_broken_content_file_stops_the_start_and_names_the_file() {
    let content = hostile_content();
    std::fs::write(
        content.path().join("articles/broken.md"),
        "+++\nslug = \"broken\"\ntopic = \"cooking\"\n+++\n正文",
    )
    .expect("a file");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = portal_server::config::Config {
        listen: "127.0.0.1:0".parse().expect("an address"),
        database_url: format!("sqlite:{}", dir.path().join("portal.db").display()),
        metrics_listen: None,
        sqlite_synchronous: portal_store::Synchronous::Full,
        dist: dir.path().join("dist"),
        demo_data: false,
        demo_decisions: 0,
        demo_enterprises: 0,
        reports_per_hour: 1,
        photos_per_hour: 1,
        lookups_per_hour: 1,
        report_reads_per_hour: 1,
        signing_key: None,
        content: Some(content.path().to_owned()),
        behind_tls: false,
        sign_ins_per_hour: 1,
        public_url: None,
        trusted_proxies: Vec::new(),
        header_timeout_secs: 15,
        max_connections: 768,
        max_connections_per_address: 128,
        log_format: portal_server::config::LogFormat::Text,
        command: None,
    };
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .expect("a free port");
    let Err(error) = Server::build(config, listener).await else {
        panic!("the server started with a broken content file");
    };
    let message = format!("{error:#}");
    assert!(message.contains("articles/broken.md"), "{message}");
}
