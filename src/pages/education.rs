//! The landing page of the education part.

use leptos::prelude::*;

use super::part::{Part, PartPage};

/// `/education`.
#[component]
pub fn EducationPage() -> impl IntoView {
    view! {
        <PartPage part=Part {
            title: |t| t.nav_education,
            intro: |t| t.education_intro,
            sections: |t| t.education_sections,
            basis: |t| t.education_basis,
            links: &[],
            test_id: "education-page",
        } />
    }
}
