//! `/staff/enforcement`: editors publish and correct typical cases, listed
//! major hazards (and move them through their steps) and accident reports
//! (each correction a new public version, plus the assessment).
//!
//! Every form checks itself with the shared types' `validate` before it is
//! sent, and shows the server's own field errors the same way: in the error
//! summary, each line leading to its field.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use portal_types::enforcement::AccidentGrade;
use portal_types::staff::{Role, Session};
use portal_types::{District, FieldErrors, Industry, Problem, field_error};

use super::{FormErrors, StaffBar, StaffGate, failure_message};
use crate::api::{self, ApiError};
use crate::components::form::{Choice, Field, Input, Label};
use crate::components::pagination::Pagination;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{I18n, Lang, problem_text, use_i18n};
use crate::pages::enforcement::named;
use crate::pages::report::draft::now_in_china;

mod accidents;
mod hazard_listings;
mod typical_cases;

pub use accidents::AccidentEditPage;
pub use hazard_listings::HazardListingEditPage;
pub use typical_cases::TypicalCaseEditPage;

fn today() -> NaiveDate {
    now_in_china().date()
}

/// Field errors as summary lines, in the order of the form: (element id,
/// "label: problem"), each problem said in the reader's language by its code.
fn problems_of(
    errors: &FieldErrors,
    fields: &[Field],
    i18n: I18n,
) -> Vec<crate::components::form::FormError> {
    let label = |name: &str| {
        fields
            .iter()
            .find(|(field, _, _)| *field == name)
            .map(|(_, _, label)| label(i18n.t()).to_owned())
    };
    let say = |error| problem_text(i18n.lang(), error, &label);
    let mut lines = Vec::new();
    for (name, id, label) in fields {
        for error in errors.get(*name).into_iter().flatten() {
            lines.push(crate::components::form::FormError::new(
                id,
                format!("{}: {}", label(i18n.t()), say(error)),
            ));
        }
    }
    for (name, problems) in errors {
        if !fields.iter().any(|(field, _, _)| field == name) {
            for error in problems {
                lines.push(crate::components::form::FormError::new(
                    fields[0].1,
                    format!("{name}: {}", say(error)),
                ));
            }
        }
    }
    lines
}

/// What a failed save says: field errors into the summary, anything else
/// as one line.
fn report_failure(error: &ApiError, fields: &[Field], problems: FormErrors, i18n: I18n) {
    match error {
        ApiError::Server {
            status: 400, body, ..
        } if !body.fields.is_empty() => problems.set(problems_of(&body.fields, fields, i18n)),
        other => problems.set(vec![crate::components::form::FormError::new(
            fields[0].1,
            failure_message(other, i18n),
        )]),
    }
}

fn date_of(value: RwSignal<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.get_untracked().trim(), "%Y-%m-%d").ok()
}

/// Adds the shared checks' errors to the form's own, so that one press of
/// "save" names every problem; a field the form already faulted keeps its
/// own message, and when a date could not be read the checks that compare
/// the `dates` with each other wait for the next try.
fn merge(errors: &mut FieldErrors, more: FieldErrors, dates: &[&str]) {
    let unreadable_date = dates.iter().any(|d| errors.contains_key(*d));
    for (field, messages) in more {
        if errors.contains_key(&field) || (unreadable_date && dates.contains(&field.as_str())) {
            continue;
        }
        errors.insert(field, messages);
    }
}

/// A date field left empty or malformed, as a field error.
fn date_problem(errors: &mut FieldErrors, field: &str, value: RwSignal<String>) -> NaiveDate {
    date_of(value).unwrap_or_else(|| {
        field_error::add(errors, field, Problem::NotADate);
        NaiveDate::MIN
    })
}

fn district_name(d: District, lang: Lang) -> &'static str {
    named(lang == Lang::Zh, d.name_zh(), d.name_en())
}

fn industry_name(i: Industry, lang: Lang) -> &'static str {
    named(lang == Lang::Zh, i.name_zh(), i.name_en())
}

fn grade_name(g: AccidentGrade, lang: Lang) -> &'static str {
    named(lang == Lang::Zh, g.name_zh(), g.name_en())
}

/// The confirmation of a save, with the public page's address.
#[component]
fn Saved(done: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || done.get().map(|href| view! {
            <div class="panel--success" role="status" data-testid="saved">
                <p>{move || i18n.t().enforcement().saved}</p>
                <p><A href=href>{move || i18n.t().enforcement().view_public}</A></p>
            </div>
        })}
    }
}

// ---------------------------------------------------------------------------
// The overview

/// `/staff/enforcement`.
#[component]
pub fn EnforcementAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    view! {
        <Title text=move || e().staff_title />
        <div class="page" data-testid="enforcement-admin-page">
            <h1 class="page__title">{move || e().staff_title}</h1>
            <StaffGate role=Role::Editor view=move |session: Session| view! {
                <StaffBar session />
                <p class="lead">{move || e().staff_intro}</p>
                <Records />
            } />
        </div>
    }
}

#[component]
fn Records() -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    // Each list pages on its own: `?cases=2&listings=3&accidents=1`.
    let query = use_query_map();
    let pages = Memo::new(move |_| {
        query.with(|q| {
            ["cases", "listings", "accidents"].map(|name| {
                q.get(name)
                    .and_then(|p| p.parse::<u32>().ok())
                    .filter(|p| (1..=portal_types::decisions::MAX_PAGE).contains(p))
                    .unwrap_or(1)
            })
        })
    });
    let lists = LocalResource::new(move || {
        let [cases, listings, accidents] = pages.get();
        async move {
            Ok::<_, ApiError>((
                api::exposed_cases(&format!("page={cases}")).await?,
                api::hazard_listings(&format!("page={listings}")).await?,
                api::accident_reports(&format!("page={accidents}")).await?,
            ))
        }
    });
    // The address of page `n` of one list, the others kept.
    let href = move |which: usize| {
        move |n: u32| {
            let mut now = pages.get_untracked();
            now[which] = n;
            format!(
                "/staff/enforcement?cases={}&listings={}&accidents={}",
                now[0], now[1], now[2]
            )
        }
    };
    let count = |total: u64, size: u32| {
        u32::try_from(total.div_ceil(u64::from(size.max(1)))).unwrap_or(u32::MAX)
    };
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match lists.await {
                    Ok((cases, listings, accidents)) => view! {
                        <section aria-labelledby="admin-cases">
                            <h2 id="admin-cases">{move || e().cases_title}</h2>
                            <p><A href="/staff/enforcement/cases/new" attr:class="button" attr:data-testid="new-case">{move || e().new_case}</A></p>
                            <ul class="admin-list">
                                {cases.items.into_iter().map(|c| view! {
                                    <li><A href=format!("/staff/enforcement/cases/{}", c.id)>{c.title}</A></li>
                                }).collect_view()}
                            </ul>
                            <Pagination current=cases.page pages=count(cases.total, cases.page_size) href=href(0) />
                        </section>
                        <section aria-labelledby="admin-listings">
                            <h2 id="admin-listings">{move || e().listings_title}</h2>
                            <p><A href="/staff/enforcement/listings/new" attr:class="button" attr:data-testid="new-listing">{move || e().new_listing}</A></p>
                            <ul class="admin-list">
                                {listings.items.into_iter().map(|l| view! {
                                    <li><A href=format!("/staff/enforcement/listings/{}", l.id)>{l.hazard}</A>" · "{l.enterprise_name}</li>
                                }).collect_view()}
                            </ul>
                            <Pagination current=listings.page pages=count(listings.total, listings.page_size) href=href(1) />
                        </section>
                        <section aria-labelledby="admin-accidents">
                            <h2 id="admin-accidents">{move || e().accidents_title}</h2>
                            <p><A href="/staff/enforcement/accidents/new" attr:class="button" attr:data-testid="new-accident">{move || e().new_accident}</A></p>
                            <ul class="admin-list">
                                {accidents.items.into_iter().map(|a| view! {
                                    <li><A href=format!("/staff/enforcement/accidents/{}", a.id)>{a.title}</A></li>
                                }).collect_view()}
                            </ul>
                            <Pagination current=accidents.page pages=count(accidents.total, accidents.page_size) href=href(2) />
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error on_retry=move |()| lists.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The id in the address (`None` for `new`), and whether the address is valid.
fn record_id() -> Memo<Option<Option<i64>>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params.with(|p| match p.get("id").as_deref() {
            Some("new") | None => Some(None),
            Some(id) => id.parse::<i64>().ok().filter(|id| *id > 0).map(Some),
        })
    })
}

/// What a form shows once saved, and where it goes: a record just created
/// moves to its own edit page (so that pressing "save" again updates it
/// instead of publishing a copy), which then says it was saved.
#[derive(Clone, Copy)]
struct AfterSave {
    done: RwSignal<Option<String>>,
    kind: &'static str,
    id: Option<i64>,
    go: Callback<String>,
}

impl AfterSave {
    /// `kind` is the path segment (`cases`, `listings`, `accidents`).
    fn new(kind: &'static str, id: Option<i64>) -> Self {
        let just_created = use_query_map().with_untracked(|q| q.get("saved").is_some());
        let done = RwSignal::new(
            id.filter(|_| just_created)
                .map(|id| format!("/enforcement/{kind}/{id}")),
        );
        let navigate = use_navigate();
        let go = Callback::new(move |href: String| {
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        });
        Self { done, kind, id, go }
    }

    fn saved(self, saved_id: i64) {
        if self.id.is_some() {
            self.done
                .set(Some(format!("/enforcement/{}/{saved_id}", self.kind)));
        } else {
            self.go
                .run(format!("/staff/enforcement/{}/{saved_id}?saved", self.kind));
        }
    }
}

/// An editor's page around a form: the gate, the bar, and the form once the
/// record (if any) is loaded.
#[component]
fn EditorPage<F, V>(title: Label, test_id: &'static str, form: F) -> impl IntoView
where
    F: Fn(Session) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    view! {
        <Title text=move || title(i18n.t()) />
        <div class="page" data-testid=test_id>
            <nav class="breadcrumbs" aria-label=move || i18n.t().breadcrumbs>
                <ol>
                    <li><A href="/staff">{move || i18n.t().staff().workspace}</A></li>
                    <li><A href="/staff/enforcement" exact=true>{move || i18n.t().enforcement().staff_title}</A></li>
                </ol>
            </nav>
            <h1 class="page__title">{move || title(i18n.t())}</h1>
            <StaffGate role=Role::Editor view=move |session: Session| {
                let form = form.clone();
                view! { <StaffBar session=session.clone() />{form(session)} }
            } />
        </div>
    }
}
