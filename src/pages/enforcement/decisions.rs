//! `/enforcement/decisions`: search, filter, sort, page and export penalty
//! decisions. The whole state of the search lives in the address, so back,
//! forward, reload and a shared link all restore it.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_types::decisions::{
    DecisionPage, DecisionQuery, DecisionSort, DecisionSummary, FacetCount, FieldErrors,
};
use portal_types::{District, Industry, PenaltyCategory};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::components::head::Title;
use crate::components::pagination::Pagination;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};

/// The address of a search.
pub fn decisions_href(query: &DecisionQuery) -> String {
    let pairs = query.to_pairs();
    if pairs.is_empty() {
        "/enforcement/decisions".to_owned()
    } else {
        format!(
            "/enforcement/decisions?{}",
            api::query_string(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        )
    }
}

/// What the page shows for the search in its address.
#[derive(Clone, Debug)]
enum Outcome {
    Invalid(FieldErrors),
    Loaded(Box<Result<DecisionPage, ApiError>>),
}

/// Where this tab last saw the list, kept so that a decision's "back to
/// the list" returns to the same search.
const LAST_LIST_KEY: &str = "portal.decisions.list";

/// The list as this tab last saw it (the plain list if never).
pub fn last_list_href() -> String {
    crate::prefs::load_for_session(LAST_LIST_KEY)
        .filter(|href| {
            href == "/enforcement/decisions" || href.starts_with("/enforcement/decisions?")
        })
        .unwrap_or_else(|| "/enforcement/decisions".to_owned())
}

/// `/enforcement/decisions`.
#[component]
pub fn DecisionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().decisions();
    let query_map = use_query_map();
    let parsed = Memo::new(move |_| {
        query_map
            .with(|map| DecisionQuery::from_pairs(map.into_iter().map(|(k, v)| (k.as_ref(), v))))
    });
    Effect::new(move |_| {
        if let Ok(query) = parsed.get() {
            crate::prefs::store_for_session(LAST_LIST_KEY, &decisions_href(&query));
        }
    });
    crate::components::head::feed(|| {
        api::decisions_feed_url(
            &parsed
                .get_untracked()
                .unwrap_or_else(|_| DecisionQuery::new()),
        )
    });
    let results = PageData::keeping(move || {
        let parsed = parsed.get();
        async move {
            match parsed {
                Ok(query) => Outcome::Loaded(Box::new(api::search_decisions(&query).await)),
                Err(errors) => Outcome::Invalid(errors),
            }
        }
    });
    let navigate = use_navigate();
    // A filter, the order or the words change in place: the page keeps its
    // scroll position and focus stays on the control just used.
    // The filters stay open or folded as the reader left them, and the
    // control just used keeps focus, when the new results are drawn.
    let filters_open = RwSignal::new(None::<bool>);
    let refocus = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        if !results.pending()
            && let Some(id) = refocus.try_update_value(Option::take).flatten()
        {
            request_animation_frame(move || {
                if let Some(element) = document()
                    .get_element_by_id(&id)
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = element.focus();
                }
            });
        }
    });
    let go = Callback::new(move |query: DecisionQuery| {
        let focused = document()
            .active_element()
            .map(|e| e.id())
            .filter(|id| !id.is_empty());
        refocus.set_value(focused);
        navigate(
            &decisions_href(&query),
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    let current = move || parsed.get().unwrap_or_else(|_| DecisionQuery::new());
    // While a new search loads, the previous results stay, marked as stale.
    let pending = move || results.pending();

    // A decision number or a credit code typed exactly leads straight to its record.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Outcome::Loaded(result)) = results.get()
            && let Ok(page) = result.as_ref()
            && let Some(id) = page.exact.as_ref().and_then(|e| e.id)
        {
            navigate(
                &format!("/enforcement/decisions/{id}"),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });

    view! {
        <Title text=move || t().title />
        <div class="page decisions" data-testid="decisions-page">
            <nav class="breadcrumbs" aria-label=move || i18n.t().breadcrumbs>
                <ol>
                    <li><A href="/">{move || i18n.t().nav_home}</A></li>
                    <li><A href="/enforcement" exact=true>{move || i18n.t().nav_enforcement}</A></li>
                    <li aria-current="page">{move || t().title}</li>
                </ol>
            </nav>
            <h1 class="page__title">{move || t().title}</h1>
            <p class="lead">{move || t().intro}</p>
            <SearchBox current=Signal::derive(current) go />
            <p class="refreshing" role="status" data-testid="refreshing">
                {move || pending().then(|| i18n.t().loading)}
            </p>
            <div class="decisions__layout" class:decisions__layout--stale=pending>
                {move || {
                        match results.get() {
                        None => view! { <Loading /> }.into_any(),
                        Some(value) => match value {
                            Outcome::Invalid(errors) => view! { <InvalidLink errors /> }.into_any(),
                            Outcome::Loaded(result) => match *result {
                                Ok(page) => {
                                    let query = current();
                                    view! { <Results page query go filters_open /> }.into_any()
                                }
                                Err(error) => {
                                    view! { <ErrorNotice error on_retry=move |()| results.refetch() /> }
                                        .into_any()
                                }
                            },
                        }
                    }}}
            </div>
        </div>
    }
}

/// The search box: a form that sets the words and goes back to page 1.
#[component]
fn SearchBox(current: Signal<DecisionQuery>, go: Callback<DecisionQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().decisions();
    let input = NodeRef::<leptos::html::Input>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(input) = input.get() else { return };
        let words = input.value();
        let mut query = current.get_untracked();
        query.q = Some(words.trim().to_owned()).filter(|w| !w.is_empty());
        query.page = 1;
        go.run(query);
    };
    view! {
        <form class="search-box" role="search" on:submit=submit>
            <label class="search-box__label" for="decision-search">{move || t().search_label}</label>
            <p class="hint" id="decision-search-hint">{move || t().search_hint}</p>
            <div class="search-box__row">
                <input
                    id="decision-search"
                    class="input search-box__input"
                    type="search"
                    name="q"
                    maxlength="100"
                    autocomplete="off"
                    aria-describedby="decision-search-hint"
                    node_ref=input
                    prop:value=move || current.get().q.unwrap_or_default()
                />
                <button type="submit" class="button">{move || t().search_button}</button>
            </div>
        </form>
    }
}

/// A link whose search cannot be understood: what is wrong, and a way out.
#[component]
fn InvalidLink(errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    crate::components::head::respond_with(400);
    view! {
        <div class="error-notice" role="alert" data-testid="invalid-link">
            <p>{move || i18n.t().decisions().invalid_link}</p>
            <ul>
                {errors
                    .into_iter()
                    .map(|(field, errors)| {
                        let said = crate::i18n::problems_line(i18n.lang(), &errors);
                        view! { <li><code>{field}</code>": "{said}</li> }
                    })
                    .collect_view()}
            </ul>
            <p><A href="/enforcement/decisions" attr:class="button button--secondary">{move || i18n.t().decisions().clear_all}</A></p>
        </div>
    }
}

/// Filters, the result list, sorting, exports and paging for one answer.
#[component]
fn Results(
    page: DecisionPage,
    query: DecisionQuery,
    go: Callback<DecisionQuery>,
    /// Whether the reader opened (or folded) the filters; `None` until then.
    filters_open: RwSignal<Option<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().decisions();
    // The server cannot see the screen: it renders the filters folded, as
    // on a phone, and a wide screen opens them.
    #[cfg(target_arch = "wasm32")]
    let wide = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 768.0);
    #[cfg(not(target_arch = "wasm32"))]
    let wide = false;
    let total = page.total;
    let pages = u32::try_from(total.div_ceil(u64::from(page.page_size.max(1)))).unwrap_or(u32::MAX);
    let csv = api::decisions_export_url(&query, "csv");
    let json = api::decisions_export_url(&query, "json");
    let xlsx = api::decisions_export_url(&query, "xlsx");
    let workbook_fits = total <= portal_types::decisions::MAX_XLSX_ROWS as u64;
    let has_filters = query.has_filters();
    let facets = page.facets.clone();
    let items = page.items.clone();
    let query_for_sort = query.clone();
    let on_sort = move |event: leptos::ev::Event| {
        let Some(select) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let mut next = query_for_sort.clone();
        next.sort = DecisionSort::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == select.value())
            .unwrap_or_default();
        next.page = 1;
        go.run(next);
    };
    let sort = query.sort;
    let href_for_page = {
        let query = query.clone();
        move |n: u32| {
            let mut q = query.clone();
            q.page = n;
            decisions_href(&q)
        }
    };
    view! {
        <details class="filters" open=move || filters_open.get().unwrap_or(wide)
            on:toggle=move |event: leptos::ev::Event| {
                if let Some(details) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    filters_open.set(Some(details.open()));
                }
            }>
            <summary class="filters__summary">{move || t().filters}</summary>
            <div class="filters__body">
                {has_filters.then(|| view! {
                    <p><A href="/enforcement/decisions" attr:class="link-button">{move || t().clear_all}</A></p>
                })}
                <Facet legend=move || t().district.to_owned() values=facets.district.clone() query=query.clone() go
                    label=|lang, d: &District| if lang == Lang::Zh { d.name_zh().to_owned() } else { d.name_en().to_owned() }
                    selected=|q: &DecisionQuery, d: &District| q.district.contains(d)
                    toggle=|q: &mut DecisionQuery, d: &District| toggle(&mut q.district, *d)
                    test_id="facet-district" />
                <Facet legend=move || t().industry.to_owned() values=facets.industry.clone() query=query.clone() go
                    label=|lang, v: &Industry| if lang == Lang::Zh { v.name_zh().to_owned() } else { v.name_en().to_owned() }
                    selected=|q: &DecisionQuery, v: &Industry| q.industry.contains(v)
                    toggle=|q: &mut DecisionQuery, v: &Industry| toggle(&mut q.industry, *v)
                    test_id="facet-industry" />
                <Facet legend=move || t().category.to_owned() values=facets.category.clone() query=query.clone() go
                    label=|lang, v: &PenaltyCategory| if lang == Lang::Zh { v.name_zh().to_owned() } else { v.name_en().to_owned() }
                    selected=|q: &DecisionQuery, v: &PenaltyCategory| q.category.contains(v)
                    toggle=|q: &mut DecisionQuery, v: &PenaltyCategory| toggle(&mut q.category, *v)
                    test_id="facet-category" />
                <Facet legend=move || t().year.to_owned() values=facets.year.clone() query=query.clone() go
                    label=|lang, y: &i32| (lang.strings().decisions().year_value)(*y)
                    selected=|q: &DecisionQuery, y: &i32| q.year.contains(y)
                    toggle=|q: &mut DecisionQuery, y: &i32| toggle(&mut q.year, *y)
                    test_id="facet-year" />
                <Facet legend=move || t().authority.to_owned() values=facets.authority.clone() query=query.clone() go
                    label=|_, a: &String| a.clone()
                    selected=|q: &DecisionQuery, a: &String| q.authority.contains(a)
                    toggle=|q: &mut DecisionQuery, a: &String| toggle(&mut q.authority, a.clone())
                    test_id="facet-authority" />
                <Ranges query=query.clone() go />
            </div>
        </details>
        <section class="results" aria-labelledby="result-count">
            <div class="results__bar">
                <p class="results__count" id="result-count" role="status" data-testid="result-count"
                    data-q=query.q.clone().unwrap_or_default()>
                    {move || (t().result_count)(total)}
                </p>
                <label class="results__sort">
                    <span>{move || t().sort}</span>
                    <select class="input" on:change=on_sort data-testid="sort">
                        {DecisionSort::ALL.iter().map(|&s| {
                            let name = move || match s {
                                DecisionSort::Newest => t().sort_newest,
                                DecisionSort::Oldest => t().sort_oldest,
                                DecisionSort::FineDesc => t().sort_fine_desc,
                                DecisionSort::FineAsc => t().sort_fine_asc,
                            };
                            view! { <option value=s.as_str() selected=s == sort>{name}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <ul class="results__actions">
                <li><a href=csv download data-testid="export-csv">{move || t().export_csv}</a></li>
                {if workbook_fits {
                    view! { <li><a href=xlsx download data-testid="export-xlsx">{move || t().export_xlsx}</a></li> }.into_any()
                } else {
                    view! {
                        <li class="hint" data-testid="export-xlsx-over">
                            {move || (t().export_xlsx_over)(portal_types::decisions::MAX_XLSX_ROWS)}
                        </li>
                    }.into_any()
                }}
                <li><a href=json download data-testid="export-json">{move || t().export_json}</a></li>
                <li><a href=api::decisions_feed_url(&query) type="application/atom+xml">{move || t().feed}</a></li>
            </ul>
            {if items.is_empty() {
                view! {
                    <div class="empty" data-testid="no-results">
                        <p><strong>{move || t().no_results}</strong></p>
                        <p>{move || t().no_results_hint}</p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <ol class="result-list" data-testid="result-list">
                        {items.into_iter().map(|item| view! { <ResultItem item /> }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <Pagination current=page.page pages href=href_for_page />
        </section>
    }
}

fn toggle<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if let Some(position) = values.iter().position(|v| *v == value) {
        values.remove(position);
    } else {
        values.push(value);
    }
}

/// One facet: a group of checkboxes with counts. Ticking one searches again.
#[component]
fn Facet<T, L, S, G>(
    legend: impl Fn() -> String + Send + Sync + 'static,
    values: Vec<FacetCount<T>>,
    query: DecisionQuery,
    go: Callback<DecisionQuery>,
    label: L,
    selected: S,
    toggle: G,
    test_id: &'static str,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    L: Fn(Lang, &T) -> String + Copy + Send + Sync + 'static,
    S: Fn(&DecisionQuery, &T) -> bool + Copy + Send + Sync + 'static,
    G: Fn(&mut DecisionQuery, &T) + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    if values.is_empty() {
        return ().into_any();
    }
    view! {
        <fieldset class="facet" data-testid=test_id>
            <legend class="facet__legend">{legend}</legend>
            <ul class="facet__list">
                {values.into_iter().map(|FacetCount { value, count }| {
                    let checked = selected(&query, &value);
                    let query = query.clone();
                    let name = value.clone();
                    // The same value has the same id in every answer, so
                    // that focus can return to it.
                    let id = format!("{test_id}-{:08x}", fnv1a(&label(Lang::Zh, &value)));
                    let on_change = move |_| {
                        let mut next = query.clone();
                        toggle(&mut next, &value);
                        next.page = 1;
                        go.run(next);
                    };
                    view! {
                        <li>
                            <label class="check">
                                <input type="checkbox" id=id checked=checked on:change=on_change />
                                <span class="check__label">{move || label(i18n.lang(), &name)}</span>
                                <span class="check__count">{crate::i18n::group_digits(count)}</span>
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
    .into_any()
}

/// Fine and decision-date ranges, applied together.
#[component]
fn Ranges(query: DecisionQuery, go: Callback<DecisionQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().decisions();
    let fine_min = NodeRef::<leptos::html::Input>::new();
    let fine_max = NodeRef::<leptos::html::Input>::new();
    let from = NodeRef::<leptos::html::Input>::new();
    let to = NodeRef::<leptos::html::Input>::new();
    let initial = query.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let read = |r: NodeRef<leptos::html::Input>| r.get().map(|i| i.value()).unwrap_or_default();
        let mut next = query.clone();
        next.fine_min = read(fine_min).trim().parse().ok();
        next.fine_max = read(fine_max).trim().parse().ok();
        next.from = crate::i18n::parse_date(&read(from));
        next.to = crate::i18n::parse_date(&read(to));
        if let (Some(a), Some(b)) = (next.fine_min, next.fine_max)
            && a > b
        {
            std::mem::swap(&mut next.fine_min, &mut next.fine_max);
        }
        if let (Some(a), Some(b)) = (next.from, next.to)
            && a > b
        {
            std::mem::swap(&mut next.from, &mut next.to);
        }
        next.page = 1;
        go.run(next);
    };
    view! {
        <form class="ranges" on:submit=submit data-testid="ranges">
            <fieldset class="facet">
                <legend class="facet__legend">{move || t().fine_range}</legend>
                <div class="range">
                    <label>
                        <span>{move || t().minimum}</span>
                        <input class="input" type="number" min="0" step="1" inputmode="numeric" node_ref=fine_min
                            value=initial.fine_min.map(|n| n.to_string()) />
                    </label>
                    <label>
                        <span>{move || t().maximum}</span>
                        <input class="input" type="number" min="0" step="1" inputmode="numeric" node_ref=fine_max
                            value=initial.fine_max.map(|n| n.to_string()) />
                    </label>
                </div>
            </fieldset>
            <fieldset class="facet">
                <legend class="facet__legend">{move || t().date_range}</legend>
                <div class="range">
                    <label>
                        <span>{move || t().date_from}</span>
                        <input class="input" type="date" node_ref=from value=initial.from.map(|d| d.to_string()) />
                    </label>
                    <label>
                        <span>{move || t().date_to}</span>
                        <input class="input" type="date" node_ref=to value=initial.to.map(|d| d.to_string()) />
                    </label>
                </div>
            </fieldset>
            <button type="submit" class="button button--secondary">{move || t().apply}</button>
        </form>
    }
}

/// One decision in the list.
#[component]
fn ResultItem(item: DecisionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let href = format!("/enforcement/decisions/{}", item.id);
    let DecisionSummary {
        decision_no,
        party_name,
        violation_type,
        penalty_categories,
        fine_fen,
        decided_on,
        authority,
        district,
        industry,
        revoked,
        ..
    } = item;
    view! {
        <li class="result" class:result--revoked=revoked>
            <h2 class="result__title"><A href=href>{party_name}</A></h2>
            <p class="result__meta">
                <span>{decision_no}</span>
                <span>{move || (t().date)(decided_on)}</span>
                <span>{authority}</span>
            </p>
            <p class="result__violation">{violation_type}</p>
            <p class="result__tags">
                {revoked.then(|| view! { <span class="tag tag--warning">{move || t().decisions().revoked}</span> })}
                <span class="tag">{move || if i18n.lang() == Lang::Zh { district.name_zh() } else { district.name_en() }}</span>
                <span class="tag">{move || if i18n.lang() == Lang::Zh { industry.name_zh() } else { industry.name_en() }}</span>
                {penalty_categories.into_iter().map(|c| view! {
                    <span class="tag tag--penalty">{move || if i18n.lang() == Lang::Zh { c.name_zh() } else { c.name_en() }}</span>
                }).collect_view()}
                {(fine_fen > 0).then(|| view! {
                    <span class="result__fine">{move || (t().money)(fine_fen)}</span>
                })}
            </p>
        </li>
    }
}

/// The 32-bit FNV-1a hash of `text`: a short, stable id for a facet value.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}
