//! The router, the route table and the page shell around every page.

use leptos::prelude::*;
use leptos_meta::{Html, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::layout::{DemoBanner, SiteFooter, SiteHeader, SkipLink};
use crate::components::prefs::provide_display;
use crate::i18n::provide_i18n;
use crate::pages::blacklist::{
    BlacklistPage, batch::BatchPage, enterprise::EnterprisePage, list::ListPage, verify::VerifyPage,
};
use crate::pages::education::{
    EducationPage, article::ArticlePage, provision::ProvisionPage, quiz::QuizPage,
    search::SearchPage, topic::TopicPage,
};
use crate::pages::enforcement::{
    EnforcementPage,
    accidents::{AccidentPage, AccidentsPage},
    cases::{CaseDetailPage, CasesPage as ExposedCasesPage},
    decision::DecisionPage,
    decisions::DecisionsPage,
    listings::{ListingPage, ListingsPage},
    statistics::StatisticsPage,
};
use crate::pages::report::{
    ReportPage, form::ReportFormPage, receipt::ReceiptPage, rewards::RewardsPage,
    status::StatusPage,
};
use crate::pages::staff::{
    PasswordPage, SignInPage, WorkspacePage,
    accounts::AccountsPage,
    articles::{ArticleEditPage, ArticlesAdminPage},
    audit::AuditPage,
    blacklist::BlacklistAdminPage,
    cases::{CasePage, CasesPage},
    decision_edit::DecisionEditPage,
    decisions::DecisionsAdminPage,
    enforcement::{AccidentEditPage, CaseEditPage, EnforcementAdminPage, ListingEditPage},
};
use crate::pages::{home::HomePage, not_found::NotFoundPage};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n();
    let display = provide_display();
    view! {
        <Html {..} lang=move || i18n.lang().tag() class=move || display.html_class() />
        <Title formatter=move |page: String| {
            let site = i18n.t().site_name;
            if page.is_empty() { site.to_owned() } else { format!("{page} - {site}") }
        } />
        <Router>
            <SkipLink />
            <SiteHeader />
            <DemoBanner />
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/enforcement") view=EnforcementPage />
                    <Route path=path!("/enforcement/decisions") view=DecisionsPage />
                    <Route path=path!("/enforcement/decisions/:id") view=DecisionPage />
                    <Route path=path!("/enforcement/cases") view=ExposedCasesPage />
                    <Route path=path!("/enforcement/cases/:id") view=CaseDetailPage />
                    <Route path=path!("/enforcement/listings") view=ListingsPage />
                    <Route path=path!("/enforcement/listings/:id") view=ListingPage />
                    <Route path=path!("/enforcement/accidents") view=AccidentsPage />
                    <Route path=path!("/enforcement/accidents/:id") view=AccidentPage />
                    <Route path=path!("/enforcement/statistics") view=StatisticsPage />
                    <Route path=path!("/report") view=ReportPage />
                    <Route path=path!("/report/new") view=ReportFormPage />
                    <Route path=path!("/report/receipt") view=ReceiptPage />
                    <Route path=path!("/report/status") view=StatusPage />
                    <Route path=path!("/report/rewards") view=RewardsPage />
                    <Route path=path!("/education") view=EducationPage />
                    <Route path=path!("/education/topics/:topic") view=TopicPage />
                    <Route path=path!("/education/search") view=SearchPage />
                    <Route path=path!("/education/articles/:slug") view=ArticlePage />
                    <Route path=path!("/education/quizzes/:slug") view=QuizPage />
                    <Route path=path!("/education/provision") view=ProvisionPage />
                    <Route path=path!("/staff") view=WorkspacePage />
                    <Route path=path!("/staff/sign-in") view=SignInPage />
                    <Route path=path!("/staff/password") view=PasswordPage />
                    <Route path=path!("/staff/accounts") view=AccountsPage />
                    <Route path=path!("/staff/audit") view=AuditPage />
                    <Route path=path!("/staff/reports") view=CasesPage />
                    <Route path=path!("/staff/decisions") view=DecisionsAdminPage />
                    <Route path=path!("/staff/decisions/:id/edit") view=DecisionEditPage />
                    <Route path=path!("/staff/blacklist") view=BlacklistAdminPage />
                    <Route path=path!("/staff/articles") view=ArticlesAdminPage />
                    <Route path=path!("/staff/articles/:slug") view=ArticleEditPage />
                    <Route path=path!("/staff/reports/:reference") view=CasePage />
                    <Route path=path!("/staff/enforcement") view=EnforcementAdminPage />
                    <Route path=path!("/staff/enforcement/cases/:id") view=CaseEditPage />
                    <Route path=path!("/staff/enforcement/listings/:id") view=ListingEditPage />
                    <Route path=path!("/staff/enforcement/accidents/:id") view=AccidentEditPage />
                    <Route path=path!("/blacklist") view=BlacklistPage />
                    <Route path=path!("/blacklist/enterprises/:code") view=EnterprisePage />
                    <Route path=path!("/blacklist/verify") view=VerifyPage />
                    <Route path=path!("/blacklist/list") view=ListPage />
                    <Route path=path!("/blacklist/batch") view=BatchPage />
                </Routes>
            </main>
            <SiteFooter />
            <FocusOnNavigation />
        </Router>
    }
}

/// After every change of route (not on first load), moves keyboard focus to
/// the new page's heading, so that keyboard and screen-reader users start
/// reading the new page instead of staying on the link they followed.
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            request_animation_frame(focus_page_heading);
        }
        path
    });
}

fn focus_page_heading() {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = document
        .query_selector("#main h1")
        .ok()
        .flatten()
        .or_else(|| document.get_element_by_id("main"));
    if let Some(element) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        if !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }
}
