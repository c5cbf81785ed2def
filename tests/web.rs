//! Component tests, run in headless Chromium by wasm-bindgen-test:
//! `cargo test -p portal --target wasm32-unknown-unknown` (see `cargo xtask test`).
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{TimeZone, Utc};
use leptos::prelude::*;
use leptos_router::components::Router;
use portal::api::ApiError;
use portal::components::layout::{LanguageSwitch, LargeTextSwitch, SiteHeader};
use portal::components::status::ErrorNotice;
use portal::pages::home::FigureList;
use portal_types::site::SiteFigures;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element attached to the body, to mount one component into.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let element = document
        .create_element("div")
        .expect("an element")
        .unchecked_into::<web_sys::HtmlElement>();
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("attached");
    element
}

fn forget_preferences() {
    let storage = window().local_storage().ok().flatten().expect("storage");
    storage.clear().expect("cleared");
}

fn button(root: &web_sys::HtmlElement, test_id: &str) -> web_sys::HtmlElement {
    root.query_selector(&format!("[data-testid={test_id}]"))
        .ok()
        .flatten()
        .expect("the button is there")
        .unchecked_into()
}

fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_header_is_in_chinese_by_default() {
    forget_preferences();
    let root = container();
    let _handle =
        leptos::mount::mount_to(root.clone(), || view! { <Router><SiteHeader /></Router> });
    leptos::task::tick().await;
    let shown = text(&root);
    assert!(shown.contains("济南市安全生产公众服务平台"), "{shown}");
    assert!(shown.contains("执法信息公开"), "{shown}");
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_the_text_and_is_remembered() {
    forget_preferences();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! { <Router><SiteHeader /></Router> }
    });
    leptos::task::tick().await;
    button(&root, "language-switch").click();
    leptos::task::tick().await;
    let shown = text(&root);
    assert!(shown.contains("Enforcement"), "{shown}");
    assert!(!shown.contains("执法信息公开"), "{shown}");
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("portal.lang").ok().flatten());
    assert_eq!(stored.as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn a_remembered_language_is_used_on_the_next_visit() {
    forget_preferences();
    window()
        .local_storage()
        .ok()
        .flatten()
        .expect("storage")
        .set_item("portal.lang", "en")
        .expect("stored");
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || view! { <LanguageSwitch /> });
    leptos::task::tick().await;
    // In English, the switch offers Chinese.
    assert_eq!(text(&root).trim(), "中文");
}

#[wasm_bindgen_test]
async fn the_large_text_switch_reports_its_state() {
    forget_preferences();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || view! { <LargeTextSwitch /> });
    leptos::task::tick().await;
    let switch = button(&root, "large-text-switch");
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    switch.click();
    leptos::task::tick().await;
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn a_network_error_says_so_and_offers_a_retry_that_calls_back() {
    forget_preferences();
    let root = container();
    let retries = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&retries);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let counter = Arc::clone(&counter);
        view! {
            <ErrorNotice
                error=ApiError::Network("offline".to_owned())
                on_retry=move |()| {
                    counter.fetch_add(1, Ordering::SeqCst);
                }
            />
        }
    });
    leptos::task::tick().await;
    assert!(text(&root).contains("无法连接服务器"), "{}", text(&root));
    let retry: web_sys::HtmlElement = root
        .query_selector("button")
        .ok()
        .flatten()
        .expect("a retry button")
        .unchecked_into();
    retry.click();
    retry.click();
    assert_eq!(retries.load(Ordering::SeqCst), 2);
}

#[wasm_bindgen_test]
async fn figures_are_written_with_their_units() {
    forget_preferences();
    let root = container();
    let figures = SiteFigures {
        published_decisions: 2575,
        published_fines_yuan: 123_194_000,
        blacklisted_enterprises: 10,
        enterprises: 1000,
        demo_data: true,
        as_of: Utc
            .with_ymd_and_hms(2026, 11, 28, 12, 21, 0)
            .single()
            .expect("a time"),
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><FigureList figures /></Router> }
    });
    leptos::task::tick().await;
    let shown = text(&root);
    assert!(shown.contains("2,575 件"), "{shown}");
    assert!(shown.contains("1.23 亿元"), "{shown}");
    assert!(shown.contains("1,000 家"), "{shown}");
    // Beijing time, whatever the browser's zone.
    assert!(shown.contains("2026-11-28 20:21"), "{shown}");
}

#[wasm_bindgen_test]
async fn pagination_marks_only_the_current_page() {
    use portal::components::pagination::Pagination;
    forget_preferences();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! { <Router><Pagination current=3 pages=12 href=|n| format!("/x?page={n}") /></Router> }
    });
    leptos::task::tick().await;
    let current = root
        .query_selector_all("[aria-current=page]")
        .expect("a selector");
    assert_eq!(current.length(), 1);
    assert_eq!(
        current.item(0).and_then(|n| n.text_content()).as_deref(),
        Some("3")
    );
    let shown = text(&root);
    assert!(
        shown.contains("上一页") && shown.contains("下一页"),
        "{shown}"
    );
    assert!(shown.contains("12"), "the last page is offered: {shown}");
}

#[wasm_bindgen_test]
async fn a_single_page_needs_no_pagination() {
    use portal::components::pagination::Pagination;
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! { <Router><Pagination current=1 pages=1 href=|n| format!("/x?page={n}") /></Router> }
    });
    leptos::task::tick().await;
    assert!(root.query_selector("nav").ok().flatten().is_none());
}

#[wasm_bindgen_test]
fn a_search_address_reads_back_as_the_same_search() {
    use portal::pages::enforcement::decisions::decisions_href;
    use portal_types::decisions::{DecisionQuery, DecisionSort};
    let query = DecisionQuery {
        q: Some("粉尘 爆炸".to_owned()),
        district: vec![portal_types::District::Lixia],
        year: vec![2026],
        sort: DecisionSort::FineDesc,
        page: 2,
        ..DecisionQuery::new()
    };
    let href = decisions_href(&query);
    let (path, search) = href.split_once('?').expect("a query string");
    assert_eq!(path, "/enforcement/decisions");
    let pairs: Vec<(String, String)> = form_urlencoded::parse(search.as_bytes())
        .into_owned()
        .collect();
    let parsed = DecisionQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(parsed, Ok(query));
    assert_eq!(
        decisions_href(&DecisionQuery::new()),
        "/enforcement/decisions"
    );
}

mod report_draft {
    use super::*;
    use portal::i18n::Lang;
    use portal::pages::report::draft::{Draft, Enterprise, Step};
    use portal_types::reports::{ReportCategory, Reporter};

    fn strings() -> &'static portal::i18n::ReportStrings {
        Lang::Zh.strings().report()
    }

    fn complete() -> Draft {
        Draft {
            category: Some(ReportCategory::Fire),
            district: Some(portal_types::District::Lixia),
            address: "经十路100号".to_owned(),
            description: "安全出口被上锁，疏散通道堆满货物。".to_owned(),
            anonymous: Some(true),
            ..Draft::new()
        }
    }

    #[wasm_bindgen_test]
    fn a_new_draft_is_seen_now_with_its_own_key() {
        let a = Draft::new();
        let b = Draft::new();
        assert_eq!(a.seen_at.len(), 16);
        assert_eq!(a.idempotency_key.len(), 32);
        assert_ne!(a.idempotency_key, b.idempotency_key);
    }

    #[wasm_bindgen_test]
    fn each_step_checks_only_its_own_questions() {
        let empty = Draft::new();
        let fields = |step| {
            empty
                .problems(step, strings())
                .into_iter()
                .map(|p| p.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(Step::What), vec!["category"]);
        assert_eq!(fields(Step::Where), vec!["district", "address"]);
        assert!(fields(Step::Enterprise).is_empty());
        assert!(fields(Step::When).is_empty(), "now is a valid time");
        assert_eq!(fields(Step::Description), vec!["description"]);
        assert_eq!(fields(Step::Who), vec!["who-anonymous"]);
        assert_eq!(
            fields(Step::Check).len(),
            5,
            "the check step checks everything"
        );
    }

    #[wasm_bindgen_test]
    fn a_complete_draft_has_no_problems_and_makes_a_valid_report() {
        let draft = complete();
        assert!(draft.problems(Step::Check, strings()).is_empty());
        let report = draft.to_report().expect("a report");
        assert_eq!(report.reporter, Reporter::Anonymous);
        let now = portal::pages::report::draft::now_in_china();
        assert_eq!(report.validate(now), Ok(()));
    }

    #[wasm_bindgen_test]
    fn a_named_reporter_needs_a_name_and_a_phone() {
        let mut draft = complete();
        draft.anonymous = Some(false);
        draft.phone = "123".to_owned();
        let fields: Vec<_> = draft
            .problems(Step::Who, strings())
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, vec!["reporter-name", "reporter-phone"]);
    }

    #[wasm_bindgen_test]
    fn a_time_in_the_future_is_refused() {
        let mut draft = complete();
        draft.seen_at = "2999-01-01T10:00".to_owned();
        let problems = draft.problems(Step::When, strings());
        assert_eq!(problems[0].message, strings().seen_in_future);
    }

    #[wasm_bindgen_test]
    fn an_edit_after_a_submit_attempt_makes_a_new_key() {
        let mut draft = complete();
        let key = draft.idempotency_key.clone();
        draft.touched();
        assert_eq!(
            draft.idempotency_key, key,
            "no attempt yet: same report, same key"
        );
        draft.attempted = true;
        draft.touched();
        assert_ne!(draft.idempotency_key, key);
        assert!(!draft.attempted);
    }

    #[wasm_bindgen_test]
    fn a_typed_enterprise_is_sent_as_a_name() {
        let mut draft = complete();
        draft.enterprise = Enterprise::Typed("  某某加工厂 ".to_owned());
        let report = draft.to_report().expect("a report");
        assert_eq!(report.enterprise_name.as_deref(), Some("某某加工厂"));
        assert_eq!(report.enterprise_id, None);
    }

    #[wasm_bindgen_test]
    fn the_draft_survives_in_the_browser() {
        forget_preferences();
        let draft = complete();
        draft.save();
        assert_eq!(Draft::load(), Some(draft));
        Draft::discard();
        assert_eq!(Draft::load(), None);
    }
}

#[wasm_bindgen_test]
async fn a_listed_enterprise_shows_why_and_until_when() {
    use chrono::NaiveDate;
    use portal::pages::blacklist::StandingCard;
    use portal_types::blacklist::{EnterpriseStanding, Listing, ListingStatus};
    use portal_types::enterprises::EnterpriseSummary;
    forget_preferences();
    let root = container();
    let standing = EnterpriseStanding {
        enterprise: EnterpriseSummary {
            id: 1,
            name: "济南鑫泰化工有限公司".to_owned(),
            credit_code: "914403001922038216".to_owned(),
            district: portal_types::District::Lixia,
        },
        former_names: vec!["济南泰和化工有限公司".to_owned()],
        status: ListingStatus::Listed,
        listing: Some(Listing {
            ground: Some(portal_types::blacklist::ListingGround::ConcealedAccident),
            regime: portal_types::blacklist::ListRegime::SeriousDishonesty2023,
            reason: "瞒报、谎报生产安全事故".to_owned(),
            breach_summary: "未按规定如实上报事故。".to_owned(),
            authority: "济南市应急管理局".to_owned(),
            listed_on: NaiveDate::from_ymd_opt(2026, 2, 2).expect("date"),
            expected_removal_on: NaiveDate::from_ymd_opt(2029, 2, 1).expect("date"),
            measures: vec!["加大执法检查频次".to_owned()],
            removed_on: None,
            removal_basis: None,
            removal_reason: None,
        }),
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><StandingCard standing /></Router> }
    });
    leptos::task::tick().await;
    let shown = text(&root);
    for expected in [
        "已列入",
        "瞒报、谎报生产安全事故",
        "2029年2月1日",
        "加大执法检查频次",
        "信用修复",
        "2027年2月2日 起，可以申请信用修复",
        "安全生产严重失信主体名单（应急管理部令第11号）",
        "瞒报、谎报生产安全事故（应急管理部令第11号）",
        "济南泰和化工有限公司",
    ] {
        assert!(shown.contains(expected), "{expected} in {shown}");
    }
}
