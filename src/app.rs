//! The router, the route table and the page shell around every page.

use leptos::prelude::*;
use leptos_meta::{Html, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::layout::{Bundle, DemoBanner, SiteFooter, SiteHeader, SkipLink};
use crate::components::prefs::provide_display;
#[cfg(not(feature = "ssr"))]
use crate::components::server_page::ServerPage;
#[cfg(feature = "ssr")]
use crate::components::server_page::ServerRendered;
use crate::i18n::provide_i18n;
use crate::pages::blacklist::batch::BatchPage;
use crate::pages::blacklist::repair::{RepairPage, RepairStatusPage};
use crate::pages::education::quiz::QuizPage;
use crate::pages::enforcement::decisions::DecisionsPage;
use crate::pages::not_found::NotFoundPage;
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
    cases::{CasePage, CaseQueuePage},
    decision_edit::DecisionEditPage,
    decisions::DecisionsAdminPage,
    enforcement::{
        AccidentEditPage, EnforcementAdminPage, HazardListingEditPage, TypicalCaseEditPage,
    },
};

/// A page only the server renders (see [`crate::components::server_page`]):
/// the server's route renders the page; the browser's shows it with
/// [`ServerPage`], so the page's code is not in the bundle.
macro_rules! server_rendered {
    ($page:path) => {{
        #[cfg(feature = "ssr")]
        {
            || view! { <ServerRendered>{$page()}</ServerRendered> }
        }
        #[cfg(not(feature = "ssr"))]
        {
            ServerPage
        }
    }};
}

/// The public app: every page but the reporting channel ([`ReportApp`]),
/// the tools ([`ToolsApp`]) and the staff workspace ([`StaffApp`]), which
/// are bundles of their own, downloaded only where they are used.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=|| view! { <Elsewhere bundle=Bundle::Public /> }>
                <Route path=path!("/") view=server_rendered!(crate::pages::home::HomePage) />
                <Route path=path!("/enforcement") view=server_rendered!(crate::pages::enforcement::EnforcementPage) />
                <Route path=path!("/enforcement/decisions") view=DecisionsPage />
                <Route path=path!("/enforcement/decisions/:id") view=server_rendered!(crate::pages::enforcement::decision::DecisionPage) />
                <Route path=path!("/enforcement/licences") view=server_rendered!(crate::pages::enforcement::licences::LicencesPage) />
                <Route path=path!("/enforcement/licences/:id") view=server_rendered!(crate::pages::enforcement::licences::LicencePage) />
                <Route path=path!("/enforcement/cases") view=server_rendered!(crate::pages::enforcement::typical_cases::TypicalCasesPage) />
                <Route path=path!("/enforcement/cases/:id") view=server_rendered!(crate::pages::enforcement::typical_cases::TypicalCasePage) />
                <Route path=path!("/enforcement/listings") view=server_rendered!(crate::pages::enforcement::hazard_listings::HazardListingsPage) />
                <Route path=path!("/enforcement/listings/:id") view=server_rendered!(crate::pages::enforcement::hazard_listings::HazardListingPage) />
                <Route path=path!("/enforcement/accidents") view=server_rendered!(crate::pages::enforcement::accidents::AccidentsPage) />
                <Route path=path!("/enforcement/accidents/:id") view=server_rendered!(crate::pages::enforcement::accidents::AccidentPage) />
                <Route path=path!("/enforcement/statistics") view=server_rendered!(crate::pages::enforcement::statistics::StatisticsPage) />
                <Route path=path!("/education") view=server_rendered!(crate::pages::education::EducationPage) />
                <Route path=path!("/education/topics/:topic") view=server_rendered!(crate::pages::education::topic::TopicPage) />
                <Route path=path!("/education/search") view=server_rendered!(crate::pages::education::search::SearchPage) />
                <Route path=path!("/education/articles/:slug") view=server_rendered!(crate::pages::education::article::ArticlePage) />
                <Route path=path!("/education/provision") view=server_rendered!(crate::pages::education::provision::ProvisionPage) />
                <Route path=path!("/blacklist") view=server_rendered!(crate::pages::blacklist::BlacklistPage) />
                <Route path=path!("/blacklist/enterprises/:code") view=server_rendered!(crate::pages::blacklist::enterprise::EnterprisePage) />
                <Route path=path!("/blacklist/verify") view=server_rendered!(crate::pages::blacklist::verify::VerifyPage) />
                <Route path=path!("/blacklist/list") view=server_rendered!(crate::pages::blacklist::list::ListPage) />
            </Routes>
        </Shell>
    }
}

/// The reporting channel, served under `/report`: the start, the form and
/// the receipt, which the rest of the portal does not download.
#[component]
pub fn ReportApp() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=|| view! { <Elsewhere bundle=Bundle::Report /> }>
                <Route path=path!("/report") view=ReportPage />
                <Route path=path!("/report/new") view=ReportFormPage />
                <Route path=path!("/report/receipt") view=ReceiptPage />
            </Routes>
        </Shell>
    }
}

/// The interactive tools — quizzes, the blacklist's batch check, a
/// report's status and the reward estimate: a bundle of their own, so that
/// the pages most people read, and the report form, stay small.
#[component]
pub fn ToolsApp() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=|| view! { <Elsewhere bundle=Bundle::Tools /> }>
                <Route path=path!("/education/quizzes/:slug") view=QuizPage />
                <Route path=path!("/blacklist/batch") view=BatchPage />
                <Route path=path!("/report/status") view=StatusPage />
                <Route path=path!("/report/rewards") view=RewardsPage />
            </Routes>
        </Shell>
    }
}

/// Credit repair: a listed enterprise's application and its status, with
/// the document uploads — the largest of the forms, so a bundle of its own
/// (see BENCHMARKS.md, "First load").
#[component]
pub fn RepairApp() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=|| view! { <Elsewhere bundle=Bundle::Repair /> }>
                <Route path=path!("/blacklist/repair") view=RepairPage />
                <Route path=path!("/blacklist/repair/status") view=RepairStatusPage />
            </Routes>
        </Shell>
    }
}

/// The staff workspace, served under `/staff/`.
#[component]
pub fn StaffApp() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=|| view! { <Elsewhere bundle=Bundle::Staff /> }>
                <Route path=path!("/staff") view=WorkspacePage />
                <Route path=path!("/staff/sign-in") view=SignInPage />
                <Route path=path!("/staff/password") view=PasswordPage />
                <Route path=path!("/staff/accounts") view=AccountsPage />
                <Route path=path!("/staff/audit") view=AuditPage />
                <Route path=path!("/staff/reports") view=CaseQueuePage />
                <Route path=path!("/staff/decisions") view=DecisionsAdminPage />
                <Route path=path!("/staff/decisions/:id/edit") view=DecisionEditPage />
                <Route path=path!("/staff/blacklist") view=BlacklistAdminPage />
                <Route path=path!("/staff/articles") view=ArticlesAdminPage />
                <Route path=path!("/staff/articles/:slug") view=ArticleEditPage />
                <Route path=path!("/staff/reports/:reference") view=CasePage />
                <Route path=path!("/staff/enforcement") view=EnforcementAdminPage />
                <Route path=path!("/staff/enforcement/cases/:id") view=TypicalCaseEditPage />
                <Route path=path!("/staff/enforcement/listings/:id") view=HazardListingEditPage />
                <Route path=path!("/staff/enforcement/accidents/:id") view=AccidentEditPage />
            </Routes>
        </Shell>
    }
}

/// The page shell shared by both bundles: the language, the title, the
/// router, the header, the demo banner, `<main>` and the footer.
#[component]
fn Shell(children: Children) -> impl IntoView {
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
                {children()}
            </main>
            <SiteFooter />
            <FocusOnNavigation />
        </Router>
    }
}

/// The fallback of each bundle's routes: an address of the other bundle is
/// loaded from the server (the router has already put it in the history,
/// so the load replaces that entry and Back still works); any other is
/// the 404 page.
/// In the public bundle, the server renders the 404 page (with its status);
/// the others draw it themselves.
#[component]
fn Elsewhere(bundle: Bundle) -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let address = format!(
        "{path}{}{search}{}",
        if search.is_empty() { "" } else { "?" },
        location.hash.get_untracked()
    );
    if !bundle.serves(&path) && crate::boot::load_from_server(&address) {
        ().into_any()
    } else if bundle == Bundle::Public {
        server_rendered!(crate::pages::not_found::NotFoundPage)().into_any()
    } else {
        view! { <NotFoundPage /> }.into_any()
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
    // The answers the page arrived with describe its first address only.
    Effect::new(move |previous: Option<(String, String)>| {
        let now = (location.pathname.get(), location.search.get());
        if previous.is_some_and(|p| p != now) {
            crate::data::forget_arrived_answers();
        }
        now
    });
}

pub(crate) fn focus_page_heading() {
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
