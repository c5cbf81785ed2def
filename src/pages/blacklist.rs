//! The landing page of the blacklist part.

use leptos::prelude::*;

use super::part::{Part, PartPage};

/// `/blacklist`.
#[component]
pub fn BlacklistPage() -> impl IntoView {
    view! {
        <PartPage part=Part {
            title: |t| t.nav_blacklist,
            intro: |t| t.blacklist_intro,
            sections: |t| t.blacklist_sections,
            basis: |t| t.blacklist_basis,
            links: &[],
            test_id: "blacklist-page",
        } />
    }
}
