//! The landing page of the report part.

use leptos::prelude::*;

use super::part::{Part, PartPage};

/// `/report`.
#[component]
pub fn ReportPage() -> impl IntoView {
    view! {
        <PartPage part=Part {
            title: |t| t.nav_report,
            intro: |t| t.report_intro,
            sections: |t| t.report_sections,
            basis: |t| t.report_basis,
            links: &[],
            test_id: "report-page",
        } />
    }
}
