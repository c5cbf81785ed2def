//! Public pages as HTML: each record's content, title, description and
//! canonical link in the page itself, honest status codes, the answers the
//! browser app takes over from, fragments, the reader's language, the
//! sitemap, robots.txt and the feeds.

use portal_types::staff::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    INLINE_SCRIPT, REPAIR_SCRIPT, REPORT_SCRIPT, STAFF_SCRIPT, TOOLS_SCRIPT, TestApp, spawn_app,
};

/// The page at `path`: its status and its HTML.
async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    let kind = response.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(kind.starts_with("text/html"), "{path} is HTML: {kind}");
    (status, response.text().await.expect("html"))
}

/// What is between the first `<tag` … `>` and `</tag>`.
fn element<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("{open} in the page"));
    let after = start + html[start..].find('>').expect("a tag") + 1;
    let end = after + html[after..].find(close).expect("the element closes");
    &html[after..end]
}

async fn a_decision(app: &TestApp) -> Value {
    let page = app.get_json("/api/decisions?page_size=1", 200).await;
    let id = page["items"][0]["id"].as_i64().expect("a decision in view");
    app.get_json(&format!("/api/decisions/{id}"), 200).await
}

#[tokio::test]
async fn a_decision_page_holds_its_disclosure_fields_title_and_canonical_link() {
    let app = spawn_app().await;
    let decision = a_decision(&app).await;
    let id = decision["id"].as_i64().expect("an id");
    let (status, html) = page(&app, &format!("/enforcement/decisions/{id}")).await;
    assert_eq!(status, 200);
    let party = decision["party_name"].as_str().expect("a party");
    assert_eq!(
        element(&html, "<title", "</title>"),
        format!("{party} - 济南市安全生产公众服务平台")
    );
    let main = element(&html, "<main", "</main>");
    assert!(main.contains(&format!(">{party}</h1>")), "the heading");
    for field in ["decision_no", "facts", "legal_basis", "authority"] {
        let value = decision[field].as_str().expect("a text field");
        assert!(main.contains(value), "{field} {value:?} is in the page");
    }
    assert!(main.contains("处罚依据") && main.contains("公示截止期"));
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{}/enforcement/decisions/{id}\">",
        app.address
    )));
    assert!(html.contains(&format!("<meta property=\"og:title\" content=\"{party}\">")));
}

#[tokio::test]
async fn a_decision_page_describes_the_decision_for_link_previews() {
    let app = spawn_app().await;
    let decision = a_decision(&app).await;
    let id = decision["id"].as_i64().expect("an id");
    let (_, html) = page(&app, &format!("/enforcement/decisions/{id}")).await;
    let start = html
        .find("<meta name=\"description\" content=\"")
        .expect("a description");
    let description = &html[start..html[start..].find('>').map_or(html.len(), |e| start + e)];
    let party = decision["party_name"].as_str().expect("a party");
    assert!(description.contains(party), "{description}");
}

#[tokio::test]
async fn a_decision_past_its_deadline_is_a_410_page_saying_so() {
    let app = spawn_app().await;
    let today = portal_store::clock::today_in_china().to_string();
    let id: i64 = sqlx::query_scalar(app.sql(
        "SELECT id FROM penalty_decisions WHERE disclosure_until < $1 LIMIT 1",
        "SELECT id FROM penalty_decisions WHERE disclosure_until < CAST($1 AS DATE) LIMIT 1",
    ))
    .bind(today)
    .fetch_one(&app.db().await)
    .await
    .expect("the demo data has an expired decision");
    let (status, html) = page(&app, &format!("/enforcement/decisions/{id}")).await;
    assert_eq!(status, 410);
    assert!(html.contains("公示期已满"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
}

#[tokio::test]
async fn a_revoked_decision_is_a_200_page_marked_revoked_with_its_reason() {
    let app = spawn_app().await;
    app.add_staff("editor", Role::Editor, "editor battery staple 26")
        .await;
    let editor = app.sign_in("editor", "editor battery staple 26").await;
    let id = a_decision(&app).await["id"].as_i64().expect("an id");
    let revoked = app
        .as_staff(
            &editor,
            Method::POST,
            &format!("/api/staff/decisions/{id}/revoke"),
            Some(json!({ "reason": "经复议，原处罚决定认定事实不清，予以撤销。" })),
        )
        .await;
    assert_eq!(revoked.status(), 200);
    let (status, html) = page(&app, &format!("/enforcement/decisions/{id}")).await;
    assert_eq!(status, 200);
    let notice = element(&html, "data-testid=\"revoked-notice\"", "</div>");
    assert!(notice.contains("经复议，原处罚决定认定事实不清，予以撤销。"));
}

#[tokio::test]
async fn an_unknown_address_and_a_missing_record_are_404_pages() {
    let app = spawn_app().await;
    for path in [
        "/no/such/page",
        "/enforcement/decisions/999999999",
        "/enforcement/cases/999999",
        "/enforcement/listings/999999",
        "/enforcement/accidents/999999",
        "/education/articles/no-such-article",
        "/blacklist/enterprises/91370100000000000X",
    ] {
        let (status, html) = page(&app, path).await;
        assert_eq!(status, 404, "{path}");
        assert!(
            html.contains("noindex"),
            "{path} is kept out of search engines"
        );
        assert!(html.contains(INLINE_SCRIPT), "{path} still carries the app");
    }
}

#[tokio::test]
async fn the_other_records_are_readable_in_their_pages() {
    let app = spawn_app().await;
    let case = &app.get_json("/api/exposed-cases", 200).await["items"][0];
    let (status, html) = page(&app, &format!("/enforcement/cases/{}", case["id"])).await;
    assert_eq!(status, 200);
    assert!(html.contains(case["title"].as_str().expect("a title")));

    let listing = &app.get_json("/api/hazard-listings", 200).await["items"][0];
    let (status, html) = page(&app, &format!("/enforcement/listings/{}", listing["id"])).await;
    assert_eq!(status, 200);
    assert!(html.contains(listing["hazard"].as_str().expect("a hazard")));

    let report = &app.get_json("/api/accident-reports", 200).await["items"][0];
    let id = report["id"].as_i64().expect("an id");
    let full = app
        .get_json(&format!("/api/accident-reports/{id}"), 200)
        .await;
    let (status, html) = page(&app, &format!("/enforcement/accidents/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(report["title"].as_str().expect("a title")));
    for chapter in ["accident", "causes", "measures"] {
        let text = full["sections"][chapter].as_str().expect("a chapter");
        let first_words: String = text.chars().take(12).collect();
        assert_eq!(first_words.chars().count(), 12, "{chapter} has text");
        assert!(
            html.contains(&first_words),
            "the {chapter} chapter is in the page"
        );
    }

    let (status, html) = page(&app, "/education/articles/cpr").await;
    assert_eq!(status, 200);
    assert!(html.contains("心肺复苏"));
    assert!(html.contains("data-testid=\"article-body\""));

    let listed = &app.get_json("/api/blacklist/listed", 200).await["items"][0];
    let code = listed["enterprise"]["credit_code"]
        .as_str()
        .expect("a listed code");
    let (status, html) = page(&app, &format!("/blacklist/enterprises/{code}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(listed["enterprise"]["name"].as_str().expect("a name")));
    assert!(html.contains("已列入"));
}

#[tokio::test]
async fn a_page_carries_the_answers_it_was_drawn_from_for_the_app_to_take_over() {
    let app = spawn_app().await;
    let (_, html) = page(&app, "/enforcement/decisions?q=%E5%9F%B9%E8%AE%AD").await;
    let marker = "<script type=\"application/json\" data-api=\"/api/decisions?q=%E5%9F%B9%E8%AE%AD\" data-status=\"200\">";
    let start = html.find(marker).expect("the search's answer") + marker.len();
    let end = start + html[start..].find("</script>").expect("closed");
    let answer: Value = serde_json::from_str(&html[start..end]).expect("JSON");
    assert!(answer["total"].as_u64().expect("a total") > 0);
    assert!(
        !html[start..end].contains('<'),
        "no markup can close the script"
    );
}

#[tokio::test]
async fn a_fragment_is_the_page_alone_with_its_title_and_status() {
    let app = spawn_app().await;
    let decision = a_decision(&app).await;
    let id = decision["id"].as_i64().expect("an id");
    let response = app
        .client
        .get(app.url(&format!("/enforcement/decisions/{id}")))
        .header("x-portal-fragment", "1")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 200);
    let title = response.headers()["x-portal-title"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let title = percent_decode(&title);
    assert_eq!(title, decision["party_name"].as_str().expect("a party"));
    let html = response.text().await.expect("html");
    assert!(
        html.starts_with("<div"),
        "the page alone: {}",
        &html[..40.min(html.len())]
    );
    assert!(!html.contains("<header class=\"site-header\""));
    assert!(html.contains("data-testid=\"decision-fields\""));
    let missing = app
        .client
        .get(app.url("/enforcement/cases/999999"))
        .header("x-portal-fragment", "1")
        .send()
        .await
        .expect("an answer");
    assert_eq!(missing.status(), 404);
}

fn percent_decode(text: &str) -> String {
    let bytes: Vec<u8> = text.bytes().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("a byte"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

#[tokio::test]
async fn the_language_cookie_renders_the_page_in_english() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/enforcement"))
        .header("cookie", "portal.lang=en; portal.display=large")
        .send()
        .await
        .expect("an answer");
    let html = response.text().await.expect("html");
    assert!(html.contains("<html lang=\"en\" class=\"large-text\">"));
    assert!(html.contains("Jinan Work Safety Public Portal"));
    let (_, chinese) = page(&app, "/enforcement").await;
    assert!(chinese.contains("<html lang=\"zh-CN\">"));
}

#[tokio::test]
async fn each_bundle_serves_only_its_own_pages() {
    let app = spawn_app().await;
    let (_, public) = page(&app, "/enforcement/decisions").await;
    assert!(public.contains(INLINE_SCRIPT));
    assert!(!public.contains("portal-staff") && !public.contains("portal-report"));
    let (status, report) = page(&app, "/report/new").await;
    assert_eq!(status, 200);
    assert!(report.contains(REPORT_SCRIPT) && !report.contains(INLINE_SCRIPT));
    let (status, quiz) = page(&app, "/education/quizzes/fire-safety").await;
    assert_eq!(status, 200);
    assert!(quiz.contains(TOOLS_SCRIPT) && !quiz.contains(INLINE_SCRIPT));
    let (status, repair) = page(&app, "/blacklist/repair").await;
    assert_eq!(status, 200);
    assert!(repair.contains(REPAIR_SCRIPT) && !repair.contains(TOOLS_SCRIPT));
    let staff = app.get("/staff/reports").await.text().await.expect("html");
    assert!(staff.contains(STAFF_SCRIPT) && !staff.contains(INLINE_SCRIPT));
}

#[tokio::test]
async fn list_pages_announce_their_feed_with_their_filters() {
    let app = spawn_app().await;
    let (_, html) = page(
        &app,
        "/enforcement/decisions?district=lixia&q=%E5%9F%B9%E8%AE%AD",
    )
    .await;
    assert!(
        html.contains("type=\"application/atom+xml\""),
        "a feed link"
    );
    assert!(html.contains("/api/decisions/feed.atom?q=%E5%9F%B9%E8%AE%AD&amp;district=lixia"));
    for (path, feed) in [
        (
            "/enforcement/cases?industry=hazardous-chemicals",
            "/api/exposed-cases/feed.atom?industry=hazardous-chemicals",
        ),
        (
            "/enforcement/listings?overdue=true",
            "/api/hazard-listings/feed.atom?overdue=true",
        ),
        ("/enforcement/accidents", "/api/accident-reports/feed.atom"),
    ] {
        let (_, html) = page(&app, path).await;
        assert!(html.contains(feed), "{path} announces {feed}");
        let response = app.get(feed).await;
        assert_eq!(response.status(), 200, "{feed}");
        assert!(response.text().await.expect("xml").starts_with("<?xml"));
    }
}

#[tokio::test]
async fn the_decisions_feed_honours_the_search_filters() {
    let app = spawn_app().await;
    let feed = app
        .get("/api/decisions/feed.atom?district=lixia")
        .await
        .text()
        .await
        .expect("xml");
    let search = app
        .get_json("/api/decisions?district=lixia&page_size=50", 200)
        .await;
    let ids: Vec<i64> = search["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|d| d["id"].as_i64().expect("an id"))
        .collect();
    let entries = feed.matches("<entry>").count();
    assert_eq!(entries, ids.len().min(50));
    for id in ids.iter().take(5) {
        assert!(
            feed.contains(&format!("/enforcement/decisions/{id}\"")),
            "{id}"
        );
    }
    let other = app
        .get_json("/api/decisions?district=shizhong&page_size=1", 200)
        .await;
    let elsewhere = other["items"][0]["id"].as_i64().expect("an id");
    assert!(!feed.contains(&format!("/enforcement/decisions/{elsewhere}\"")));
    assert_eq!(
        app.get("/api/decisions/feed.atom?district=atlantis")
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn the_sitemap_lists_a_newly_published_decision_and_no_expired_one() {
    let app = spawn_app().await;
    app.add_staff("editor", Role::Editor, "editor battery staple 26")
        .await;
    let editor = app.sign_in("editor", "editor battery staple 26").await;
    let header = portal_types::decisions::CSV_HEADERS[..17].join(",");
    let row = "济应急罚〔2026〕9901号,济南站点地图测试化工有限公司,,张三,未按规定进行安全教育培训,该单位未对从业人员进行安全生产教育和培训。,《中华人民共和国安全生产法》第二十八条,《中华人民共和国安全生产法》第九十七条,罚款,罚款人民币20000元,20000,,2026-11-01,2099-11-01,济南市应急管理局,历下区,危险化学品";
    let imported = app
        .client
        .post(app.url("/api/staff/decisions/import"))
        .header("cookie", &editor.cookie)
        .header("x-csrf-token", &editor.csrf)
        .header("content-type", "text/csv; charset=utf-8")
        .body(format!("{header}\n{row}\n"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(imported.status(), 201);
    let id = imported.json::<Value>().await.expect("a result")["ids"][0]
        .as_i64()
        .expect("an id");
    let response = app.get("/sitemap.xml").await;
    assert_eq!(response.status(), 200);
    let sitemap = response.text().await.expect("xml");
    assert!(sitemap.starts_with("<?xml"));
    assert!(sitemap.contains(&format!(
        "<url><loc>{}/enforcement/decisions/{id}</loc><lastmod>",
        app.address
    )));
    let today = portal_store::clock::today_in_china().to_string();
    let expired: i64 = sqlx::query_scalar(app.sql(
        "SELECT id FROM penalty_decisions WHERE disclosure_until < $1 LIMIT 1",
        "SELECT id FROM penalty_decisions WHERE disclosure_until < CAST($1 AS DATE) LIMIT 1",
    ))
    .bind(today)
    .fetch_one(&app.db().await)
    .await
    .expect("an expired decision");
    assert!(!sitemap.contains(&format!("/enforcement/decisions/{expired}<")));
    assert!(sitemap.contains("/education/articles/cpr<"));
    assert!(sitemap.contains("/blacklist/enterprises/"));
    assert!(sitemap.contains("/enforcement/accidents/1<"));
}

#[tokio::test]
async fn robots_txt_keeps_crawlers_out_of_the_staff_workspace_and_names_the_sitemap() {
    let app = spawn_app().await;
    let response = app.get("/robots.txt").await;
    assert_eq!(response.status(), 200);
    let robots = response.text().await.expect("text");
    assert!(robots.contains("Disallow: /staff\n"));
    assert!(robots.contains("Disallow: /api/staff/"));
    assert!(!robots.contains("Disallow: /\n"));
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", app.address)));
}

#[tokio::test]
async fn an_unknown_sitemap_file_is_404() {
    let app = spawn_app().await;
    for file in [
        "nothing-1.xml",
        "decisions-0.xml",
        "decisions-99.xml",
        "pages.xml",
    ] {
        let response = app.get(&format!("/sitemaps/{file}")).await;
        assert_eq!(response.status(), 404, "{file}");
    }
    let one = app.get("/sitemaps/decisions-1.xml").await;
    assert_eq!(one.status(), 200);
}

#[tokio::test]
async fn a_list_feed_refuses_a_page_the_list_would_refuse() {
    let app = spawn_app().await;
    for feed in [
        "/api/exposed-cases/feed.atom",
        "/api/hazard-listings/feed.atom",
        "/api/accident-reports/feed.atom",
    ] {
        let response = app.get(&format!("{feed}?page=0")).await;
        assert_eq!(response.status(), 400, "{feed}");
        let body: serde_json::Value = response.json().await.expect("json");
        assert!(body["fields"]["page"].is_array(), "{feed}: {body}");
        assert_eq!(
            app.get(&format!("{feed}?page=2")).await.status(),
            200,
            "{feed}"
        );
    }
}
