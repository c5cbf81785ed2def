//! Links to the pages of a result list: real links, so that every page has
//! an address and works without a click handler. Plain `<a>` (the router
//! still handles them): `<A>` would mark every page `aria-current`, since
//! they share one path and differ only in the query.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Previous, a window of page numbers around the current one, next.
#[component]
pub fn Pagination<H>(
    /// The current page, from 1.
    current: u32,
    /// How many pages there are.
    pages: u32,
    /// The address of page `n`.
    href: H,
) -> impl IntoView
where
    H: Fn(u32) -> String + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let t = move || i18n.t().decisions();
    let last = pages.min(portal_types::decisions::MAX_PAGE);
    if last <= 1 {
        return ().into_any();
    }
    let mut numbers: Vec<u32> = vec![1];
    let start = current.saturating_sub(2).max(2);
    let end = (current + 2).min(last.saturating_sub(1));
    numbers.extend(start..=end);
    if last > 1 {
        numbers.push(last);
    }
    numbers.dedup();
    let mut previous_number = 0;
    let items = numbers
        .into_iter()
        .map(|n| {
            let gap = n > previous_number + 1;
            previous_number = n;
            let link = href(n);
            view! {
                {gap.then(|| view! { <li class="pagination__gap" aria-hidden="true">"…"</li> })}
                <li>
                    {if n == current {
                        view! { <span class="pagination__current" aria-current="page">{n}</span> }.into_any()
                    } else {
                        view! { <a href=link aria-label=move || (t().page)(n)>{n}</a> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    let previous = (current > 1).then(|| {
        let link = href(current - 1);
        view! { <li><a href=link rel="prev">{move || t().previous}</a></li> }
    });
    let next = (current < last).then(|| {
        let link = href(current + 1);
        view! { <li><a href=link rel="next">{move || t().next}</a></li> }
    });
    view! {
        <nav class="pagination" aria-label=move || t().pagination data-testid="pagination">
            <ul>
                {previous}
                {items}
                {next}
            </ul>
        </nav>
    }
    .into_any()
}
