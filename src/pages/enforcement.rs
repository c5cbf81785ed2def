//! The landing page of the enforcement part.

use leptos::prelude::*;

use super::part::{Part, PartPage};

/// `/enforcement`.
#[component]
pub fn EnforcementPage() -> impl IntoView {
    view! {
        <PartPage part=Part {
            title: |t| t.nav_enforcement,
            intro: |t| t.enforcement_intro,
            sections: |t| t.enforcement_sections,
            basis: |t| t.enforcement_basis,
            test_id: "enforcement-page",
        } />
    }
}
