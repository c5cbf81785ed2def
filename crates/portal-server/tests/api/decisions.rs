//! `/api/decisions`: search, facets, filters, paging, exact matches,
//! details, the disclosure deadline, exports, the feed and caching.

use std::collections::HashSet;

use chrono::NaiveDate;
use portal_types::decisions::{DecisionDetail, DecisionPage};
use portal_types::{ApiErrorBody, ErrorCode};
use serde_json::Value;

use crate::helpers::{TestApp, spawn_app};

async fn search(app: &TestApp, query: &str) -> DecisionPage {
    let response = app.get(&format!("/api/decisions?{query}")).await;
    assert_eq!(response.status(), 200, "GET /api/decisions?{query}");
    response.json().await.expect("a DecisionPage")
}

async fn detail(app: &TestApp, id: i64) -> DecisionDetail {
    let response = app.get(&format!("/api/decisions/{id}")).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("a DecisionDetail")
}

/// How many decisions are in public view today, by the database's count.
async fn public_count(app: &TestApp) -> i64 {
    let today = portal_store::clock::today_in_china().to_string();
    sqlx::query_scalar(app.sql(
        "SELECT count(*) FROM penalty_decisions WHERE disclosure_until >= $1",
        "SELECT count(*) FROM penalty_decisions WHERE disclosure_until >= CAST($1 AS DATE)",
    ))
    .bind(today)
    .fetch_one(&app.db().await)
    .await
    .expect("a count")
}

async fn expired_id(app: &TestApp) -> i64 {
    let today = portal_store::clock::today_in_china().to_string();
    sqlx::query_scalar(app.sql(
        "SELECT id FROM penalty_decisions WHERE disclosure_until < $1 LIMIT 1",
        "SELECT id FROM penalty_decisions WHERE disclosure_until < CAST($1 AS DATE) LIMIT 1",
    ))
    .bind(today)
    .fetch_one(&app.db().await)
    .await
    .expect("the demo data has an expired decision")
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn refused(app: &TestApp, query: &str, field: &str) {
    let response = app.get(&format!("/api/decisions?{query}")).await;
    assert_eq!(response.status(), 400, "?{query} is refused");
    let body: ApiErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, ErrorCode::ValidationFailed, "?{query}");
    assert!(
        body.fields.contains_key(field),
        "?{query} names {field}: {:?}",
        body.fields
    );
}

#[tokio::test]
async fn without_parameters_every_public_decision_is_listed_newest_first() {
    let app = spawn_app().await;
    let page = search(&app, "").await;
    assert_eq!(
        page.total,
        u64::try_from(public_count(&app).await).expect("count")
    );
    assert_eq!(page.items.len(), 20);
    assert!(
        page.items
            .windows(2)
            .all(|w| w[0].decided_on >= w[1].decided_on)
    );
}

#[tokio::test]
async fn decisions_past_their_disclosure_deadline_leave_the_list() {
    let app = spawn_app().await;
    let all: i64 = sqlx::query_scalar("SELECT count(*) FROM penalty_decisions")
        .fetch_one(&app.db().await)
        .await
        .expect("count");
    let page = search(&app, "page_size=100").await;
    assert!(page.total < u64::try_from(all).expect("count"));
    let expired = expired_id(&app).await;
    let everything = search(&app, "page_size=100&page=1").await.total;
    let mut seen = HashSet::new();
    for n in 1..=everything.div_ceil(100) {
        for item in search(&app, &format!("page_size=100&page={n}")).await.items {
            seen.insert(item.id);
        }
    }
    assert!(!seen.contains(&expired));
}

#[tokio::test]
async fn a_two_character_word_finds_every_decision_containing_it() {
    let app = spawn_app().await;
    let page = search(&app, &format!("q={}&page_size=100", encode("培训"))).await;
    assert!(page.total > 0);
    for item in &page.items {
        let d = detail(&app, item.id).await;
        let text = format!("{}{}{}", d.party_name, d.violation_type, d.facts);
        assert!(text.contains("培训"), "{text}");
    }
}

#[tokio::test]
async fn a_one_character_word_finds_decisions() {
    let app = spawn_app().await;
    let one = search(&app, &format!("q={}", encode("尘"))).await;
    let two = search(&app, &format!("q={}", encode("粉尘"))).await;
    assert!(one.total >= two.total, "尘 finds at least what 粉尘 finds");
    assert!(one.total > 0);
}

#[tokio::test]
async fn every_word_must_match() {
    let app = spawn_app().await;
    let a = search(&app, &format!("q={}", encode("培训"))).await.total;
    let both = search(&app, &format!("q={}", encode("培训 特种作业")))
        .await
        .total;
    assert!(both <= a);
    let none = search(
        &app,
        &format!("q={}", encode("培训 不存在的词语组合甲乙丙")),
    )
    .await;
    assert_eq!(none.total, 0);
    assert!(none.items.is_empty());
}

#[tokio::test]
async fn full_width_and_half_width_forms_match_each_other() {
    let app = spawn_app().await;
    let item = search(&app, "").await.items.remove(0);
    let code = item.credit_code.expect("a credit code");
    let full_width: String = code
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).expect("a full-width form"))
        .collect();
    let half = search(&app, &format!("q={code}")).await;
    let full = search(&app, &format!("q={}", encode(&full_width))).await;
    assert_eq!(half.total, full.total);
    assert!(full.items.iter().any(|i| i.id == item.id));
}

#[tokio::test]
async fn a_credit_code_typed_exactly_is_recognised_and_finds_that_party() {
    let app = spawn_app().await;
    let item = search(&app, "").await.items.remove(0);
    let code = item.credit_code.clone().expect("a credit code");
    let page = search(&app, &format!("q={}", code.to_lowercase())).await;
    let exact = page.exact.expect("recognised");
    assert_eq!(
        serde_json::to_value(exact.kind).expect("json"),
        "credit_code"
    );
    assert!(
        page.items
            .iter()
            .all(|i| i.credit_code.as_deref() == Some(code.as_str()))
    );
    if page.total == 1 {
        assert_eq!(exact.id, Some(item.id));
    }
}

#[tokio::test]
async fn a_decision_number_typed_exactly_leads_to_its_record_whatever_the_brackets() {
    let app = spawn_app().await;
    let item = search(&app, "").await.items.remove(3);
    let square = item.decision_no.replace('〔', "[").replace('〕', "]");
    for typed in [item.decision_no.clone(), square] {
        let page = search(&app, &format!("q={}", encode(&typed))).await;
        let exact = page.exact.expect("recognised");
        assert_eq!(exact.id, Some(item.id), "{typed}");
        assert_eq!(page.total, 1);
        assert_eq!(page.items[0].id, item.id);
    }
}

#[tokio::test]
async fn facet_counts_add_up_to_the_total() {
    let app = spawn_app().await;
    let page = search(&app, "").await;
    let districts: u64 = page.facets.district.iter().map(|f| f.count).sum();
    let industries: u64 = page.facets.industry.iter().map(|f| f.count).sum();
    let years: u64 = page.facets.year.iter().map(|f| f.count).sum();
    assert_eq!(districts, page.total);
    assert_eq!(industries, page.total);
    assert_eq!(years, page.total);
}

#[tokio::test]
async fn a_facet_keeps_counting_its_other_values_when_one_is_chosen() {
    let app = spawn_app().await;
    let first = search(&app, "").await.facets.district[0].clone();
    let slug = serde_json::to_value(first.value).expect("json");
    let slug = slug.as_str().expect("a slug");
    let narrowed = search(&app, &format!("district={slug}")).await;
    assert_eq!(narrowed.total, first.count);
    assert!(
        narrowed.facets.district.len() > 1,
        "other districts still counted"
    );
    let industries: u64 = narrowed.facets.industry.iter().map(|f| f.count).sum();
    assert_eq!(industries, narrowed.total, "other facets follow the choice");
}

#[tokio::test]
async fn values_of_one_facet_are_alternatives_and_facets_combine() {
    let app = spawn_app().await;
    let facets = search(&app, "").await.facets;
    let (a, b) = (&facets.district[0], &facets.district[1]);
    let slug = |v| {
        serde_json::to_value(v)
            .expect("json")
            .as_str()
            .expect("slug")
            .to_owned()
    };
    let either = search(
        &app,
        &format!("district={}&district={}", slug(a.value), slug(b.value)),
    )
    .await;
    assert_eq!(either.total, a.count + b.count);
    let year = facets.year[0].value;
    let both = search(
        &app,
        &format!("district={}&year={year}&page_size=100", slug(a.value)),
    )
    .await;
    for item in &both.items {
        assert_eq!(item.district, a.value);
        assert_eq!(chrono::Datelike::year(&item.decided_on), year);
    }
}

#[tokio::test]
async fn fine_and_date_ranges_are_inclusive_filters() {
    let app = spawn_app().await;
    let page = search(&app, "fine_min=20000&fine_max=50000&page_size=100").await;
    assert!(page.total > 0);
    for item in &page.items {
        assert!(
            (2_000_000..=5_000_000).contains(&item.fine_fen),
            "{}",
            item.fine_fen
        );
    }
    let day = search(&app, "").await.items[0].decided_on;
    let on_day = search(&app, &format!("from={day}&to={day}&page_size=100")).await;
    assert!(on_day.total >= 1);
    assert!(on_day.items.iter().all(|i| i.decided_on == day));
}

#[tokio::test]
async fn results_sort_by_fine_and_by_date() {
    let app = spawn_app().await;
    let desc = search(&app, "sort=fine_desc&page_size=50").await.items;
    assert!(desc.windows(2).all(|w| w[0].fine_fen >= w[1].fine_fen));
    let asc = search(&app, "sort=fine_asc&page_size=50").await.items;
    assert!(asc.windows(2).all(|w| w[0].fine_fen <= w[1].fine_fen));
    let oldest = search(&app, "sort=oldest&page_size=50").await.items;
    assert!(
        oldest
            .windows(2)
            .all(|w| w[0].decided_on <= w[1].decided_on)
    );
}

#[tokio::test]
async fn pages_follow_each_other_without_overlap() {
    let app = spawn_app().await;
    let one = search(&app, "page_size=10").await;
    let two = search(&app, "page_size=10&page=2").await;
    assert_eq!(two.page, 2);
    assert_eq!(one.items.len(), 10);
    let first: HashSet<i64> = one.items.iter().map(|i| i.id).collect();
    assert!(two.items.iter().all(|i| !first.contains(&i.id)));
    let beyond = search(&app, "page=500").await;
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, one.total);
}

#[tokio::test]
async fn every_bad_parameter_is_refused_with_its_name() {
    let app = spawn_app().await;
    let long = encode(&"安".repeat(101));
    for (query, field) in [
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=abc", "page_size"),
        ("page=0", "page"),
        ("page=501", "page"),
        ("page=-1", "page"),
        ("from=2025-13-01", "from"),
        ("from=yesterday", "from"),
        ("to=2025/01/01", "to"),
        ("fine_min=-5", "fine_min"),
        ("fine_max=1.5", "fine_max"),
        ("district=atlantis", "district"),
        ("industry=nuclear", "industry"),
        ("category=flogging", "category"),
        ("year=1999", "year"),
        ("year=twenty", "year"),
        ("sort=random", "sort"),
        ("colour=red", "colour"),
        ("q=a&q=b", "q"),
        (&format!("q={long}") as &str, "q"),
        ("q=%00abc", "q"),
        (
            &format!("authority={}", encode("火星应急管理局")) as &str,
            "authority",
        ),
    ] {
        refused(&app, query, field).await;
    }
}

#[tokio::test]
async fn script_and_sql_fragments_are_searched_as_text() {
    let app = spawn_app().await;
    for q in ["<script>alert(1)</script>", "' OR 1=1 --", "%", "\"", "😀"] {
        let page = search(&app, &format!("q={}", encode(q))).await;
        assert_eq!(page.total, 0, "{q}");
    }
}

#[tokio::test]
async fn a_decision_has_every_disclosure_field() {
    let app = spawn_app().await;
    let id = search(&app, "").await.items[0].id;
    let json = app.get_json(&format!("/api/decisions/{id}"), 200).await;
    for field in [
        "decision_no",
        "party_name",
        "credit_code",
        "legal_representative",
        "violation_type",
        "facts",
        "violated_provisions",
        "legal_basis",
        "penalty_categories",
        "penalty_content",
        "fine_fen",
        "confiscated_fen",
        "decided_on",
        "authority",
        "disclosure_until",
        "district",
        "industry",
        "version",
        "published_at",
    ] {
        assert!(!json[field].is_null(), "{field} is there");
    }
    let published = json["published_at"].as_str().expect("a timestamp");
    assert!(chrono::DateTime::parse_from_rfc3339(published).is_ok());
}

#[tokio::test]
async fn a_decision_past_its_deadline_answers_410_gone() {
    let app = spawn_app().await;
    let id = expired_id(&app).await;
    let response = app.get(&format!("/api/decisions/{id}")).await;
    assert_eq!(response.status(), 410);
    let body: ApiErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, ErrorCode::Gone);
    assert!(body.message.contains("disclosure period"));
}

#[tokio::test]
async fn an_unknown_or_malformed_id_answers_404() {
    let app = spawn_app().await;
    for path in [
        "/api/decisions/999999",
        "/api/decisions/abc",
        "/api/decisions/-1",
        "/api/decisions/99999999999999999999",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body: ApiErrorBody = response.json().await.expect("an error body");
        assert_eq!(body.code, ErrorCode::NotFound);
    }
}

#[tokio::test]
async fn a_revoked_decision_stays_public_and_says_why() {
    let app = spawn_app().await;
    let id = search(&app, "").await.items[0].id;
    sqlx::query(
        "UPDATE penalty_decisions SET revoked_on = '2026-01-05',
             revocation_reason = '经行政复议予以撤销。' WHERE id = $1",
    )
    .bind(id)
    .execute(&app.db().await)
    .await
    .expect("revoked");
    let d = detail(&app, id).await;
    let revocation = d.revocation.expect("revoked");
    assert_eq!(revocation.reason, "经行政复议予以撤销。");
    assert_eq!(
        revocation.revoked_on,
        NaiveDate::from_ymd_opt(2026, 1, 5).expect("date")
    );
    let listed = search(&app, "page_size=100").await;
    assert!(listed.items.iter().any(|i| i.id == id && i.revoked));
}

#[tokio::test]
async fn an_amended_decision_shows_what_changed_and_when() {
    let app = spawn_app().await;
    let id = search(&app, "").await.items[0].id;
    let pool = app.db().await;
    sqlx::query(
        "INSERT INTO penalty_decision_amendments (decision_id, version, amended_at, reason, changes)
         VALUES ($1, 2, '2026-02-01T08:00:00+00:00', '更正法定代表人姓名的笔误',
                 '[{\"field\":\"legal_representative\",\"before\":\"张三\",\"after\":\"张山\"}]')",
    )
    .bind(id)
    .execute(&pool)
    .await
    .expect("amended");
    sqlx::query("UPDATE penalty_decisions SET version = 2 WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .expect("versioned");
    let d = detail(&app, id).await;
    assert_eq!(d.version, 2);
    assert_eq!(d.amendments.len(), 1);
    assert_eq!(d.amendments[0].changes[0].before, "张三");
    assert_eq!(d.amendments[0].changes[0].after, "张山");
}

#[tokio::test]
async fn the_csv_export_opens_in_excel_with_chinese_text_and_has_every_match() {
    let app = spawn_app().await;
    let query = format!("q={}", encode("培训"));
    let total = search(&app, &query).await.total;
    let response = app.get(&format!("/api/decisions/export.csv?{query}")).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/csv")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment")
    );
    let bytes = response.bytes().await.expect("a body");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark for Excel"
    );
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(&headers[0], "行政处罚决定书文号");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len() as u64, total);
    assert!(
        rows.iter()
            .all(|r| r[5].contains("培训") || r[4].contains("培训"))
    );
    assert!(text.contains("\r\n"));
}

#[tokio::test]
async fn the_json_export_has_every_match() {
    let app = spawn_app().await;
    let total = search(&app, "").await.total;
    let response = app.get("/api/decisions/export.json").await;
    assert_eq!(response.status(), 200);
    let all: Vec<DecisionDetail> = response.json().await.expect("a JSON array");
    assert_eq!(all.len() as u64, total);
    let today = portal_store::clock::today_in_china();
    assert!(all.iter().all(|d| d.disclosure_until >= today));
}

#[tokio::test]
async fn an_export_with_a_bad_parameter_is_refused() {
    let app = spawn_app().await;
    let response = app.get("/api/decisions/export.csv?district=atlantis").await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn the_atom_feed_carries_the_newest_public_decisions() {
    let app = spawn_app().await;
    let response = app.get("/api/decisions/feed.atom").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("application/atom+xml")
    );
    let feed: atom_syndication::Feed = response
        .text()
        .await
        .expect("text")
        .parse()
        .expect("valid Atom");
    assert!(!feed.entries().is_empty() && feed.entries().len() <= 50);
    let newest = search(&app, "").await.items[0].id;
    assert!(
        feed.entries()[0].links()[0]
            .href()
            .ends_with(&format!("/enforcement/decisions/{newest}"))
    );
}

#[tokio::test]
async fn a_repeated_search_with_its_etag_answers_304() {
    let app = spawn_app().await;
    let first = app.get("/api/decisions?district=lixia").await;
    let etag = first.headers()["etag"].clone();
    let again = app
        .client
        .get(app.url("/api/decisions?district=lixia"))
        .header("if-none-match", etag.clone())
        .send()
        .await
        .expect("answer");
    assert_eq!(again.status(), 304);
    let other = app
        .client
        .get(app.url("/api/decisions?district=shizhong"))
        .header("if-none-match", etag)
        .send()
        .await
        .expect("answer");
    assert_eq!(other.status(), 200);
}

#[tokio::test]
async fn a_decision_has_an_etag_and_a_last_modified_date() {
    let app = spawn_app().await;
    let id = search(&app, "").await.items[0].id;
    let first = app.get(&format!("/api/decisions/{id}")).await;
    assert!(first.headers().contains_key("last-modified"));
    let etag = first.headers()["etag"].clone();
    let again = app
        .client
        .get(app.url(&format!("/api/decisions/{id}")))
        .header("if-none-match", etag)
        .send()
        .await
        .expect("answer");
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn the_decision_routes_are_documented() {
    let app = spawn_app().await;
    let doc: Value = app.get_json("/api/openapi.json", 200).await;
    for path in [
        "/api/decisions",
        "/api/decisions/{id}",
        "/api/decisions/export.csv",
        "/api/decisions/export.json",
        "/api/decisions/feed.atom",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path}");
    }
    let params = doc["paths"]["/api/decisions"]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    assert!(params.len() >= 13);
}

#[tokio::test]
async fn every_decision_query_route_documents_the_authorities_it_accepts() {
    let app = spawn_app().await;
    let doc: Value = app.get_json("/api/openapi.json", 200).await;
    for path in [
        "/api/decisions",
        "/api/decisions/export.csv",
        "/api/decisions/export.json",
        "/api/decisions/feed.atom",
    ] {
        let authority = doc["paths"][path]["get"]["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .find(|p| p["name"] == "authority")
            .expect("an authority parameter");
        let known = authority["schema"]["items"]["enum"]
            .as_array()
            .expect("the authorities, listed");
        assert!(
            known.iter().any(|a| a == "济南市应急管理局"),
            "{path}: {known:?}"
        );
    }
}
