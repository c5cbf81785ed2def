//! The enforcement part: its landing page, penalty decisions.

pub mod decision;
pub mod decisions;

use leptos::prelude::*;

use crate::pages::part::{Part, PartPage};

/// `/enforcement`.
#[component]
pub fn EnforcementPage() -> impl IntoView {
    view! {
        <PartPage part=Part {
            title: |t| t.nav_enforcement,
            intro: |t| t.enforcement_intro,
            sections: |t| t.enforcement_sections,
            basis: |t| t.enforcement_basis,
            links: &[Some("/enforcement/decisions"), None, None, None],
            test_id: "enforcement-page",
        } />
    }
}
