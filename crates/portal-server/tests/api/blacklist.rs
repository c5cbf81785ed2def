//! `/api/blacklist`: checking by name and code, verification, enterprise
//! pages and batches.

use portal_types::blacklist::{
    BatchResult, CheckResult, EnterpriseProfile, InputKind, LineProblem, ListingStatus,
    Verification,
};
use portal_types::{ApiErrorBody, ErrorCode, Problem};
use serde_json::json;

use crate::helpers::{Options, TestApp, spawn_app, spawn_app_with};

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Posts a body of this content type.
async fn post_raw(
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("an answer")
}

async fn check(app: &TestApp, q: &str) -> CheckResult {
    let response = app
        .get(&format!("/api/blacklist/check?q={}", encode(q)))
        .await;
    assert_eq!(response.status(), 200, "check {q}");
    response.json().await.expect("a CheckResult")
}

/// (name, credit code) of an enterprise listed now.
async fn listed(app: &TestApp) -> (String, String) {
    sqlx::query_as(
        "SELECT e.name, e.credit_code FROM blacklist_entries b JOIN enterprises e ON e.id = b.enterprise_id
         WHERE b.removed_on IS NULL AND b.listed_on <= CURRENT_DATE
           AND b.expected_removal_on > CURRENT_DATE ORDER BY b.id LIMIT 1",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("the demo data lists someone")
}

/// (name, credit code) of an enterprise never listed.
async fn never_listed(app: &TestApp) -> (String, String) {
    sqlx::query_as(
        "SELECT name, credit_code FROM enterprises
         WHERE id NOT IN (SELECT enterprise_id FROM blacklist_entries) ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("an enterprise")
}

#[tokio::test]
async fn part_of_a_listed_enterprises_name_finds_it_listed_with_the_reason() {
    let app = spawn_app().await;
    let (name, _) = listed(&app).await;
    let part: String = name.chars().skip(2).take(4).collect();
    let result = check(&app, &part).await;
    assert_eq!(result.kind, InputKind::Name);
    let found = result
        .matches
        .iter()
        .find(|m| m.enterprise.name == name)
        .expect("found");
    assert_eq!(found.status, ListingStatus::Listed);
    let listing = found.listing.as_ref().expect("the listing in force");
    assert!(!listing.reason.is_empty() && !listing.measures.is_empty());
    assert!(listing.expected_removal_on > listing.listed_on);
    assert_eq!(
        result.matches[0].status,
        ListingStatus::Listed,
        "listed first"
    );
}

#[tokio::test]
async fn the_company_form_width_and_spacing_of_a_name_do_not_matter() {
    let app = spawn_app().await;
    let (name, code) = listed(&app).await;
    let core = name
        .trim_end_matches("股份有限公司")
        .trim_end_matches("有限责任公司")
        .trim_end_matches("有限公司");
    for variant in [
        format!("{core}有限责任公司"),
        format!("{core}股份有限公司"),
        format!(" {core} 有限公司 "),
        core.to_owned(),
    ] {
        let result = check(&app, &variant).await;
        assert!(
            result
                .matches
                .iter()
                .any(|m| m.enterprise.credit_code == code),
            "{variant} finds {name}"
        );
    }
}

#[tokio::test]
async fn a_former_name_finds_the_enterprise() {
    let app = spawn_app().await;
    let (former, code): (String, String) = sqlx::query_as(
        "SELECT f.name, e.credit_code FROM enterprise_former_names f JOIN enterprises e ON e.id = f.enterprise_id LIMIT 1",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("the demo data has a former name");
    let result = check(&app, &former).await;
    let found = result
        .matches
        .iter()
        .find(|m| m.enterprise.credit_code == code)
        .expect("found by its former name");
    assert!(found.former_names.contains(&former));
}

#[tokio::test]
async fn a_code_answers_listed_or_not_with_a_verification_code() {
    let app = spawn_app().await;
    let (_, code) = listed(&app).await;
    let result = check(&app, &code.to_lowercase()).await;
    assert_eq!(result.kind, InputKind::CreditCode);
    assert_eq!(result.status, Some(ListingStatus::Listed));
    assert_eq!(result.credit_code.as_deref(), Some(code.as_str()));
    assert!(
        result
            .verification
            .as_deref()
            .is_some_and(|v| v.starts_with(&code))
    );
    let (_, clean) = never_listed(&app).await;
    let result = check(&app, &clean).await;
    assert_eq!(result.status, Some(ListingStatus::NotListed));
    assert_eq!(result.matches.len(), 1);
}

#[tokio::test]
async fn a_valid_code_outside_the_directory_is_not_listed() {
    let app = spawn_app().await;
    let result = check(&app, "914403001922038216").await;
    assert_eq!(result.status, Some(ListingStatus::NotListed));
    assert!(result.matches.is_empty());
    assert!(result.verification.is_some());
}

/// The code with its check character replaced by a wrong one.
fn with_wrong_check(code: &str) -> String {
    let last = code.chars().last().expect("a character");
    let wrong = if last == '0' { '1' } else { '0' };
    format!("{}{wrong}", &code[..17])
}

#[tokio::test]
async fn a_mistyped_code_of_a_listed_enterprise_gets_no_verdict_and_names_it_first() {
    let app = spawn_app().await;
    let (name, code) = listed(&app).await;
    let mistyped = with_wrong_check(&code);
    let result = check(&app, &mistyped).await;
    assert_eq!(
        result.expected_check_character,
        code.chars().last(),
        "the check character it needs"
    );
    assert_eq!(result.status, None, "no verdict on an invalid code");
    assert_eq!(result.verification, None, "no certificate");
    let first = result.suggestions.first().expect("a suggestion");
    assert_eq!(first.enterprise.credit_code, code);
    assert_eq!(first.enterprise.name, name);
    assert_eq!(first.status, ListingStatus::Listed);
}

#[tokio::test]
async fn two_swapped_neighbours_in_a_code_are_suggested_back() {
    let app = spawn_app().await;
    let (_, code) = listed(&app).await;
    let mut chars: Vec<char> = code.chars().collect();
    let Some(at) = (0..16).find(|&i| chars[i] != chars[i + 1]) else {
        panic!("a code with two different neighbours");
    };
    chars.swap(at, at + 1);
    let swapped: String = chars.into_iter().collect();
    // Swapping two different characters among the first 17 always breaks
    // the check (the weights differ and 31 is prime).
    let result = check(&app, &swapped).await;
    assert_eq!(result.status, None);
    assert!(
        result
            .suggestions
            .iter()
            .any(|s| s.enterprise.credit_code == code)
    );
}

#[tokio::test]
async fn a_registered_code_that_fails_its_check_is_still_answered_with_a_warning() {
    let app = spawn_app().await;
    let (_, code) = never_listed(&app).await;
    let early = with_wrong_check(&code);
    sqlx::query("UPDATE enterprises SET credit_code = $1 WHERE credit_code = $2")
        .bind(&early)
        .bind(&code)
        .execute(&app.db().await)
        .await
        .expect("an early code");
    let result = check(&app, &early).await;
    assert!(result.expected_check_character.is_some());
    assert_eq!(result.status, Some(ListingStatus::NotListed));
    assert_eq!(result.matches.len(), 1, "the enterprise that has it");
    assert!(result.verification.is_some());
}

#[tokio::test]
async fn a_code_of_the_wrong_length_or_with_a_forbidden_letter_is_refused_with_which() {
    let app = spawn_app().await;
    for (q, says) in [
        ("91440300192203821", Problem::CreditCodeLength { found: 17 }),
        (
            "9144030019220382O6",
            Problem::CreditCodeCharacter { position: 17 },
        ),
    ] {
        let response = app.get(&format!("/api/blacklist/check?q={q}")).await;
        assert_eq!(response.status(), 400, "{q}");
        let body: ApiErrorBody = response.json().await.expect("an error body");
        assert_eq!(body.code, ErrorCode::ValidationFailed);
        assert_eq!(body.fields["q"][0].problem, says, "{q}");
    }
}

#[tokio::test]
async fn hostile_input_is_refused_or_finds_nothing_and_never_fails() {
    let app = spawn_app().await;
    for q in ["", "   ", "\u{0}", &"企".repeat(101)] {
        let response = app
            .get(&format!("/api/blacklist/check?q={}", encode(q)))
            .await;
        assert_eq!(response.status(), 400, "{q:?}");
    }
    for q in [
        "<script>alert(1)</script>",
        "'; DROP TABLE enterprises; --",
        "😀🔥",
        "%_%",
    ] {
        let result = check(&app, q).await;
        assert!(result.matches.is_empty(), "{q}");
        assert_eq!(result.input, q);
    }
}

#[tokio::test]
async fn a_name_that_matches_nothing_says_so_without_a_status() {
    let app = spawn_app().await;
    let result = check(&app, "完全不存在的企业名称甲乙丙").await;
    assert!(result.matches.is_empty());
    assert_eq!(result.status, None, "no status for what could not be found");
}

#[tokio::test]
async fn a_verification_code_proves_what_the_answer_said() {
    let app = spawn_app().await;
    let (name, code) = listed(&app).await;
    let answer = check(&app, &code).await;
    let verification = answer.verification.expect("a code");
    let proof: Verification = app
        .get(&format!(
            "/api/blacklist/verify?code={}",
            encode(&verification)
        ))
        .await
        .json()
        .await
        .expect("a verification");
    assert!(proof.genuine);
    assert_eq!(proof.status, Some(ListingStatus::Listed));
    assert_eq!(proof.enterprise_name, Some(name));
    assert_eq!(
        proof.checked_at.map(|t| t.timestamp()),
        Some(answer.checked_at.timestamp())
    );
    let forged = verification.replacen("-L-", "-N-", 1);
    let proof: Verification = app
        .get(&format!("/api/blacklist/verify?code={}", encode(&forged)))
        .await
        .json()
        .await
        .expect("a verification");
    assert!(!proof.genuine);
    assert_eq!(proof.status, None);
}

#[tokio::test]
async fn an_enterprise_page_joins_its_standing_history_and_decisions() {
    let app = spawn_app().await;
    let (name, code) = listed(&app).await;
    let response = app.get(&format!("/api/enterprises/{code}")).await;
    assert_eq!(response.status(), 200);
    let profile: EnterpriseProfile = response.json().await.expect("a profile");
    assert_eq!(profile.standing.enterprise.name, name);
    assert_eq!(profile.standing.status, ListingStatus::Listed);
    assert!(!profile.history.is_empty());
    assert!(profile.verification.starts_with(&code));
    let today = portal_store::clock::today_in_china();
    assert!(
        profile
            .decisions
            .iter()
            .all(|d| d.credit_code.as_deref() == Some(code.as_str()))
    );
    let _ = today;
    assert_eq!(
        app.get("/api/enterprises/914403001922038216")
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/api/enterprises/not-a-code").await.status(), 404);
}

#[tokio::test]
async fn a_batch_of_1000_lines_answers_each_and_a_bad_line_gets_its_own_problem() {
    let app = spawn_app().await;
    let (listed_name, listed_code) = listed(&app).await;
    let (_, clean_code) = never_listed(&app).await;
    let mut lines: Vec<String> = Vec::new();
    for i in 0..1000 {
        lines.push(match i % 5 {
            0 => listed_code.clone(),
            1 => clean_code.clone(),
            2 => listed_name.clone(),
            3 => "91440300192203821".to_owned(),
            _ => format!("查无此企业{i}号"),
        });
    }
    let response = app
        .post_json("/api/blacklist/batch", &json!({ "lines": lines }))
        .await;
    assert_eq!(response.status(), 200);
    let result: BatchResult = response.json().await.expect("a batch result");
    assert_eq!(result.lines.len(), 1000);
    assert_eq!(result.listed, 400);
    assert_eq!(result.problems, 400);
    let line = |n: usize| &result.lines[n - 1];
    assert_eq!(line(1).status, Some(ListingStatus::Listed));
    assert_eq!(line(2).status, Some(ListingStatus::NotListed));
    assert_eq!(line(3).status, Some(ListingStatus::Listed));
    assert_eq!(
        line(4).problem,
        Some(LineProblem::WrongLength { found: 17 })
    );
    assert_eq!(line(5).problem, Some(LineProblem::NameNotFound));
    assert_eq!(
        line(5).status,
        None,
        "a name not found is not called unlisted"
    );
}

#[tokio::test]
async fn a_batch_can_be_plain_text_and_answered_as_csv() {
    let app = spawn_app().await;
    let (_, code) = listed(&app).await;
    let body = format!("{code}\n\n914403001922038216\r\n9144030019220382O6\n");
    let response = post_raw(
        &app,
        "/api/blacklist/batch.csv",
        "text/plain; charset=utf-8",
        body,
    )
    .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .contains("attachment")
    );
    let bytes = response.bytes().await.expect("a body");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 4, "a header and three non-empty lines: {text}");
    assert!(rows[1].contains("已列入"));
    assert!(rows[2].contains("未列入"));
    assert!(rows[3].contains("不使用 I、O、S、V、Z"));
}

#[tokio::test]
async fn a_batch_line_with_a_mistyped_code_is_invalid_never_unlisted_and_names_the_listed_one() {
    let app = spawn_app().await;
    let (name, code) = listed(&app).await;
    let mistyped = with_wrong_check(&code);
    let response = app
        .post_json("/api/blacklist/batch", &json!({ "lines": [mistyped] }))
        .await;
    assert_eq!(response.status(), 200);
    let result: BatchResult = response.json().await.expect("a batch result");
    let line = &result.lines[0];
    assert_eq!(line.status, None);
    assert_eq!(
        line.problem,
        Some(LineProblem::InvalidCode {
            expected: code.chars().last().expect("a character")
        })
    );
    assert_eq!(line.suggestions[0].enterprise.credit_code, code);
    assert_eq!(result.problems, 1);
    let csv = post_raw(
        &app,
        "/api/blacklist/batch.csv",
        "text/plain; charset=utf-8",
        mistyped,
    )
    .await
    .text()
    .await
    .expect("a body");
    assert!(!csv.contains("未列入"), "{csv}");
    assert!(csv.contains("代码无效") && csv.contains(&name), "{csv}");
}

#[tokio::test]
async fn a_batch_of_more_than_1000_lines_is_refused() {
    let app = spawn_app().await;
    let lines = vec!["济南"; 1001];
    let response = app
        .post_json("/api/blacklist/batch", &json!({ "lines": lines }))
        .await;
    assert_eq!(response.status(), 400);
    let body: ApiErrorBody = response.json().await.expect("an error body");
    assert!(body.fields.contains_key("lines"));
}

#[tokio::test]
async fn a_batch_in_another_format_is_refused() {
    let app = spawn_app().await;
    let response = post_raw(&app, "/api/blacklist/batch", "application/xml", "<lines/>").await;
    assert_eq!(response.status(), 415);
}

#[tokio::test]
async fn the_list_holds_every_enterprise_listed_now() {
    let app = spawn_app().await;
    let page: portal_types::blacklist::ListedPage = app
        .get("/api/blacklist/listed?page_size=100")
        .await
        .json()
        .await
        .expect("a page");
    let listed_now: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT enterprise_id) FROM blacklist_entries WHERE removed_on IS NULL
         AND listed_on <= CURRENT_DATE AND expected_removal_on > CURRENT_DATE",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("a count");
    assert_eq!(page.total, u64::try_from(listed_now).expect("count"));
    assert!(
        page.items
            .iter()
            .all(|s| s.status == ListingStatus::Listed && s.listing.is_some())
    );
    assert_eq!(
        app.get("/api/blacklist/listed?page_size=0").await.status(),
        400
    );
}

/// A directory where one core is spelled three ways: two full names with
/// different company forms, and a longer name containing the core.
async fn same_core_app() -> (TestApp, [String; 3]) {
    let code = |body: &str| {
        portal_types::CreditCode::from_body(body)
            .expect("a code body")
            .as_str()
            .to_owned()
    };
    let codes = [
        code("91370102MA0000001"),
        code("91370102MA0000002"),
        code("91370102MA0000003"),
    ];
    let app = spawn_app_with(Options {
        enterprises: vec![
            ("济南航远测试工程有限公司".to_owned(), codes[0].clone()),
            ("济南航远测试工程有限责任公司".to_owned(), codes[1].clone()),
            ("济南航远测试工程劳务有限公司".to_owned(), codes[2].clone()),
        ],
        ..Options::default()
    })
    .await;
    (app, codes)
}

#[tokio::test]
async fn a_full_legal_name_resolves_to_its_enterprise_with_a_verifiable_answer() {
    let (app, codes) = same_core_app().await;
    let result = check(&app, "济南航远测试工程有限公司").await;
    assert_eq!(result.credit_code.as_deref(), Some(codes[0].as_str()));
    assert_eq!(result.status, Some(ListingStatus::NotListed));
    assert_eq!(result.matches[0].enterprise.credit_code, codes[0]);
    let verification = result.verification.expect("a verification code");
    let proof: Verification = app
        .get(&format!(
            "/api/blacklist/verify?code={}",
            encode(&verification)
        ))
        .await
        .json()
        .await
        .expect("a verification");
    assert!(proof.genuine);
    assert_eq!(proof.credit_code.as_deref(), Some(codes[0].as_str()));
}

#[tokio::test]
async fn a_name_shared_by_several_enterprises_gets_no_verdict_and_lists_them() {
    let (app, _) = same_core_app().await;
    // Without a company form, two enterprises have exactly this name.
    let result = check(&app, "济南航远测试工程").await;
    assert_eq!(result.status, None);
    assert_eq!(result.verification, None);
    assert_eq!(result.matches.len(), 3);
}

#[tokio::test]
async fn batch_lines_with_full_names_resolve_and_a_shared_name_lists_its_enterprises() {
    let (app, codes) = same_core_app().await;
    let response = app
        .post_json(
            "/api/blacklist/batch",
            &json!({ "lines": ["济南航远测试工程有限责任公司", "济南航远测试工程", "航远测试"] }),
        )
        .await;
    let result: BatchResult = response.json().await.expect("a batch result");
    let full = &result.lines[0];
    assert_eq!(full.problem, None);
    assert_eq!(
        full.enterprise.as_ref().map(|e| e.credit_code.as_str()),
        Some(codes[1].as_str())
    );
    assert_eq!(full.status, Some(ListingStatus::NotListed));
    let shared = &result.lines[1];
    assert_eq!(
        shared.problem,
        Some(LineProblem::SameName { candidates: 2 })
    );
    let listed: Vec<&str> = shared
        .suggestions
        .iter()
        .map(|s| s.enterprise.credit_code.as_str())
        .collect();
    assert!(listed.contains(&codes[0].as_str()) && listed.contains(&codes[1].as_str()));
    assert_eq!(
        result.lines[2].problem,
        Some(LineProblem::Ambiguous { candidates: 3 })
    );
}

async fn batch(app: &TestApp, lines: &[String]) -> BatchResult {
    let response = app
        .post_json("/api/blacklist/batch", &json!({ "lines": lines }))
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("a batch result")
}

#[tokio::test]
async fn a_name_and_its_code_on_one_line_are_judged_by_the_code_however_they_are_separated() {
    let app = spawn_app().await;
    let (name, code) = listed(&app).await;
    let lines = [
        format!("{name}\t{code}"),
        format!("{name},{code}"),
        format!("\"{name}\",\"{code}\""),
        format!("{name} {code}"),
        format!("{code}，{name}"),
        format!("1\t{name}\t{code}"),
    ];
    let result = batch(&app, &lines).await;
    assert_eq!(result.lines.len(), lines.len());
    for line in &result.lines {
        assert_eq!(line.status, Some(ListingStatus::Listed), "{}", line.input);
        assert_eq!(line.problem, None, "{}", line.input);
        assert_eq!(line.name.as_deref(), Some(name.as_str()), "{}", line.input);
        assert_eq!(line.name_agrees, Some(true), "{}", line.input);
    }
    assert_eq!(result.listed, lines.len());
    assert_eq!(result.name_mismatches, 0);
}

#[tokio::test]
async fn a_listed_name_beside_an_unregistered_code_is_flagged_and_names_the_listed_enterprise() {
    let app = spawn_app().await;
    let (name, code) = listed(&app).await;
    let result = batch(&app, &[format!("{name}\t914403001922038216")]).await;
    let line = &result.lines[0];
    assert_eq!(
        line.status,
        Some(ListingStatus::NotListed),
        "the code decides"
    );
    assert_eq!(line.name_agrees, Some(false));
    assert_eq!(line.suggestions[0].enterprise.credit_code, code);
    assert_eq!(line.suggestions[0].status, ListingStatus::Listed);
    assert_eq!(result.name_mismatches, 1);
}

#[tokio::test]
async fn a_name_beside_another_enterprises_code_is_flagged_with_both_enterprises() {
    let (app, codes) = same_core_app().await;
    let result = batch(&app, &[format!("济南航远测试工程有限公司,{}", codes[2])]).await;
    let line = &result.lines[0];
    assert_eq!(
        line.enterprise.as_ref().map(|e| e.credit_code.as_str()),
        Some(codes[2].as_str()),
        "the code decides"
    );
    assert_eq!(line.name_agrees, Some(false));
    let meant: Vec<&str> = line
        .suggestions
        .iter()
        .map(|s| s.enterprise.credit_code.as_str())
        .collect();
    assert_eq!(meant, [codes[0].as_str()]);
    let csv = post_raw(
        &app,
        "/api/blacklist/batch.csv",
        "text/plain; charset=utf-8",
        format!("济南航远测试工程有限公司,{}", codes[2]),
    )
    .await
    .text()
    .await
    .expect("a body");
    assert!(
        csv.contains("与代码不符") && csv.contains("济南航远测试工程劳务有限公司"),
        "{csv}"
    );
}

#[tokio::test]
async fn a_former_name_beside_the_code_agrees() {
    let app = spawn_app().await;
    let (former, code): (String, String) = sqlx::query_as(
        "SELECT f.name, e.credit_code FROM enterprise_former_names f
         JOIN enterprises e ON e.id = f.enterprise_id ORDER BY f.name LIMIT 1",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("the demo data has a renamed enterprise");
    let result = batch(&app, &[format!("{former}\t{code}")]).await;
    assert_eq!(result.lines[0].name_agrees, Some(true));
}

#[tokio::test]
async fn a_mistyped_code_beside_a_name_suggests_the_enterprise_the_name_is() {
    let app = spawn_app().await;
    let (name, code) = never_listed(&app).await;
    // Two characters wrong: no neighbour, but the name says who is meant.
    let mut chars: Vec<char> = code.chars().collect();
    chars[10] = if chars[10] == '1' { '2' } else { '1' };
    chars[12] = if chars[12] == '1' { '2' } else { '1' };
    let body: String = chars[..17].iter().collect();
    let expected = portal_types::CreditCode::from_body(&body)
        .expect("a code body")
        .as_str()
        .chars()
        .last()
        .expect("a character");
    let wrong = if expected == '0' { '1' } else { '0' };
    let result = batch(&app, &[format!("{name} {body}{wrong}")]).await;
    let line = &result.lines[0];
    assert_eq!(line.status, None);
    assert_eq!(line.problem, Some(LineProblem::InvalidCode { expected }));
    assert!(
        line.suggestions
            .iter()
            .any(|s| s.enterprise.credit_code == code),
        "{:?}",
        line.suggestions
    );
}

#[tokio::test]
async fn a_header_row_is_skipped_and_said_to_be() {
    let app = spawn_app().await;
    let (name, code) = listed(&app).await;
    let result = batch(
        &app,
        &[
            "企业名称,统一社会信用代码".to_owned(),
            format!("{name},{code}"),
        ],
    )
    .await;
    assert_eq!(result.header.as_deref(), Some("企业名称,统一社会信用代码"));
    assert_eq!(result.lines.len(), 1);
    assert_eq!(result.lines[0].line, 2);
    assert_eq!(result.problems, 0);
}

#[tokio::test]
async fn a_header_row_is_only_ever_the_first_line() {
    let app = spawn_app().await;
    let (name, _) = listed(&app).await;
    let result = batch(&app, &[name, "统一社会信用代码".to_owned()]).await;
    assert_eq!(result.header, None);
    assert_eq!(result.lines.len(), 2);
    assert_eq!(result.lines[1].problem, Some(LineProblem::NameNotFound));
}

#[tokio::test]
async fn a_batch_saved_by_excel_in_gb18030_is_read() {
    let app = spawn_app().await;
    let (name, code) = listed(&app).await;
    let text = format!("企业名称,统一社会信用代码\r\n{name},{code}\r\n");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let response = post_raw(&app, "/api/blacklist/batch", "text/csv", bytes.into_owned()).await;
    assert_eq!(response.status(), 200);
    let result: BatchResult = response.json().await.expect("a batch result");
    assert_eq!(result.lines.len(), 1);
    assert_eq!(result.lines[0].status, Some(ListingStatus::Listed));
    assert_eq!(result.lines[0].name_agrees, Some(true));
}

#[tokio::test]
async fn a_batch_in_another_declared_encoding_is_refused_with_what_to_do() {
    let app = spawn_app().await;
    let response = post_raw(
        &app,
        "/api/blacklist/batch",
        "text/plain; charset=shift_jis",
        "abc",
    )
    .await;
    assert_eq!(response.status(), 400);
    let error: ApiErrorBody = response.json().await.expect("an error body");
    assert!(error.message.contains("UTF-8"), "{}", error.message);
}

#[tokio::test]
async fn an_all_digit_credit_code_stays_text_in_the_csv_answer() {
    // The first 17-digit body whose check character is a digit too.
    let code = (0..100)
        .filter_map(|n| portal_types::CreditCode::from_body(&format!("913701020000000{n:02}")))
        .map(|c| c.as_str().to_owned())
        .find(|c| c.bytes().all(|b| b.is_ascii_digit()))
        .expect("an all-digit code");
    let app = spawn_app_with(Options {
        enterprises: vec![("济南全数字测试有限公司".to_owned(), code.clone())],
        ..Options::default()
    })
    .await;
    let csv = post_raw(&app, "/api/blacklist/batch.csv", "text/plain", code.clone())
        .await
        .text()
        .await
        .expect("a body");
    let row = csv.lines().nth(1).expect("a row");
    assert!(
        row.contains(&format!(
            ",\"=\"\"{code}\"\"\",济南全数字测试有限公司,\"=\"\"{code}\"\"\","
        )),
        "{row}"
    );
}

#[tokio::test]
async fn an_overlong_name_beside_a_code_is_not_compared_and_the_code_still_decides() {
    let app = spawn_app().await;
    let (_, code) = listed(&app).await;
    let result = batch(&app, &[format!("{}\t{code}", "企".repeat(5_000))]).await;
    let line = &result.lines[0];
    assert_eq!(line.status, Some(ListingStatus::Listed));
    assert_eq!(line.name_agrees, Some(false), "not the enterprise's name");
    assert!(line.suggestions.is_empty());
    assert!(
        line.input.chars().count() <= 120
            && line.name.as_ref().is_some_and(|n| n.chars().count() <= 120)
    );
}
