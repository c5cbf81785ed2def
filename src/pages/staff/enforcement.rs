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
use portal_types::enforcement::{
    AccidentGrade, AccidentInput, AccidentReport, AssessmentInput, ExposedCaseInput, HazardListing,
    HazardStatus, ListingInput, Sections, StepInput,
};
use portal_types::staff::{Role, Session};
use portal_types::{District, FieldErrors, Industry, Problem, field_error};

use super::{FieldProblem, Problems, StaffBar, StaffGate, described, failure_message};
use crate::api::{self, ApiError};
use crate::components::pagination::Pagination;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{I18n, Lang, Strings, problem_text, use_i18n};
use crate::pages::enforcement::named;
use crate::pages::report::draft::now_in_china;

type Label = fn(&Strings) -> &'static str;

/// A form field: the API's name for it, the element's id, its label.
type Field = (&'static str, &'static str, Label);

fn today() -> NaiveDate {
    now_in_china().date()
}

/// Field errors as summary lines, in the order of the form: (element id,
/// "label: problem"), each problem said in the reader's language by its code.
fn problems_of(errors: &FieldErrors, fields: &[Field], i18n: I18n) -> Vec<(&'static str, String)> {
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
            lines.push((*id, format!("{}: {}", label(i18n.t()), say(error))));
        }
    }
    for (name, problems) in errors {
        if !fields.iter().any(|(field, _, _)| field == name) {
            for error in problems {
                lines.push((fields[0].1, format!("{name}: {}", say(error))));
            }
        }
    }
    lines
}

/// What a failed save says: field errors into the summary, anything else
/// as one line.
fn report_failure(error: &ApiError, fields: &[Field], problems: Problems, i18n: I18n) {
    match error {
        ApiError::Server {
            status: 400, body, ..
        } if !body.fields.is_empty() => problems.set(problems_of(&body.fields, fields, i18n)),
        other => problems.set(vec![(fields[0].1, failure_message(other, i18n))]),
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

/// A labelled input (`kind` = text, date or number) or, `long`, a text area.
#[component]
fn Input(
    field: Field,
    value: RwSignal<String>,
    problems: Problems,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] long: bool,
    #[prop(optional)] hint: Option<(&'static str, Label)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (_, id, label) = field;
    let describedby = described(problems, id, hint.map(|(hint_id, _)| hint_id));
    view! {
        <div class="field">
            <label class="label" for=id>{move || label(i18n.t())}</label>
            {hint.map(|(hint_id, text)| view! { <p class="hint" id=hint_id>{move || text(i18n.t())}</p> })}
            <FieldProblem problems field=id />
            {if long {
                view! { <textarea id=id class="input textarea" rows="6" aria-describedby=describedby
                    prop:value=value on:input=move |e| value.set(event_target_value(&e))></textarea> }.into_any()
            } else {
                view! { <input id=id class="input" type=kind.unwrap_or("text") autocomplete="off" aria-describedby=describedby
                    prop:value=value on:input=move |e| value.set(event_target_value(&e)) /> }.into_any()
            }}
        </div>
    }
}

/// A select over a slug enum's values.
#[component]
fn Choice<T>(
    field: Field,
    value: RwSignal<T>,
    all: &'static [T],
    name: fn(T, Lang) -> &'static str,
    slug: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let (_, id, label) = field;
    view! {
        <div class="field">
            <label class="label" for=id>{move || label(i18n.t())}</label>
            <select id=id class="input" on:change=move |e| {
                if let Some(v) = parse(&event_target_value(&e)) { value.set(v) }
            }>
                {all.iter().map(|&v| view! {
                    <option value=slug(v) selected=move || value.get() == v>{move || name(v, i18n.lang())}</option>
                }).collect_view()}
            </select>
        </div>
    }
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

// ---------------------------------------------------------------------------
// Typical cases

const CASE_FIELDS: &[Field] = &[
    ("title", "case-title", |t| t.enforcement().title),
    ("industry", "case-industry", |t| t.enforcement().industry),
    ("district", "case-district", |t| t.enforcement().district),
    ("published_on", "case-published", |t| {
        t.enforcement().published_on
    }),
    ("summary", "case-summary", |t| t.enforcement().summary),
    ("body", "case-body", |t| t.enforcement().case_story),
    ("lesson", "case-lesson", |t| t.enforcement().case_lesson),
    ("provisions", "case-provisions", |t| {
        t.enforcement().provisions
    }),
    ("decision_ids", "case-decisions", |t| {
        t.enforcement().decision_ids
    }),
];

/// `/staff/enforcement/cases/new` and `/staff/enforcement/cases/:id`.
#[component]
pub fn CaseEditPage() -> impl IntoView {
    let id = record_id();
    view! {
        <EditorPage title=|t| t.enforcement().cases_title test_id="case-edit-page" form=move |session: Session| {
            let csrf = StoredValue::new(session.csrf_token);
            let source = LocalResource::new(move || async move {
                match id.get() {
                    Some(Some(id)) => api::staff_case_source(id).await.map(Some),
                    _ => Ok(None),
                }
            });
            view! {
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match (id.get(), source.await) {
                            (None, _) => view! { <p class="error-notice" role="alert">{move || use_i18n().t().enforcement().case_missing}</p> }.into_any(),
                            (Some(id), Ok(input)) => view! { <CaseForm id input csrf /> }.into_any(),
                            (_, Err(error)) => view! { <ErrorNotice error on_retry=move |()| source.refetch() /> }.into_any(),
                        }
                    })}
                </Suspense>
            }
        } />
    }
}

#[component]
fn CaseForm(
    id: Option<i64>,
    input: Option<ExposedCaseInput>,
    csrf: StoredValue<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let text = |f: fn(&ExposedCaseInput) -> String| {
        RwSignal::new(input.as_ref().map(f).unwrap_or_default())
    };
    let title = text(|c| c.title.clone());
    let published_on = RwSignal::new(
        input
            .as_ref()
            .map_or_else(|| today().to_string(), |c| c.published_on.to_string()),
    );
    let summary = text(|c| c.summary.clone());
    let body = text(|c| c.body.clone());
    let lesson = text(|c| c.lesson.clone());
    let provisions = text(|c| c.provisions.clone());
    let decisions = text(|c| {
        c.decision_ids
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    });
    let industry = RwSignal::new(
        input
            .as_ref()
            .map_or(Industry::HazardousChemicals, |c| c.industry),
    );
    let district = RwSignal::new(input.as_ref().map_or(District::Lixia, |c| c.district));
    let problems: Problems = RwSignal::new(Vec::new());
    let after = AfterSave::new("cases", id);
    let done = after.done;
    let save = Action::new_local(move |input: &ExposedCaseInput| {
        let input = input.clone();
        let csrf = csrf.get_value();
        async move { api::staff_save_case(id, &input, &csrf).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => after.saved(saved.id),
        Some(Err(error)) => report_failure(&error, CASE_FIELDS, problems, i18n),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let mut errors = FieldErrors::new();
        let published = date_problem(&mut errors, "published_on", published_on);
        let mut ids = Vec::new();
        for entry in decisions
            .get_untracked()
            .split([',', '，', ' ', '、', ';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match entry.parse::<i64>() {
                Ok(id) if id > 0 => ids.push(id),
                _ => field_error::add(
                    &mut errors,
                    "decision_ids",
                    Problem::NotADecisionNumber {
                        value: entry.to_owned(),
                    },
                ),
            }
        }
        let input = ExposedCaseInput {
            title: title.get_untracked(),
            industry: industry.get_untracked(),
            district: district.get_untracked(),
            published_on: published,
            summary: summary.get_untracked(),
            body: body.get_untracked(),
            lesson: lesson.get_untracked(),
            provisions: provisions.get_untracked(),
            decision_ids: ids,
        };
        if let Err(more) = input.validate(today()) {
            merge(&mut errors, more, &["published_on"]);
        }
        if errors.is_empty() {
            problems.set(Vec::new());
            save.dispatch(input);
        } else {
            problems.set(problems_of(&errors, CASE_FIELDS, i18n));
        }
    };
    let [
        f_title,
        f_industry,
        f_district,
        f_published,
        f_summary,
        f_body,
        f_lesson,
        f_provisions,
        f_decisions,
    ] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(|i| CASE_FIELDS[i]);
    view! {
        {id.map(|id| view! { <p><A href=format!("/enforcement/cases/{id}")>{move || e().view_public}</A></p> })}
        <super::Problems problems />
        <Saved done />
        <form class="form-panel form-panel--wide" on:submit=submit novalidate=true data-testid="case-form">
            <Input field=f_title value=title problems />
            <Choice field=f_industry value=industry all=Industry::ALL name=industry_name slug=Industry::slug parse=Industry::from_slug />
            <Choice field=f_district value=district all=District::ALL name=district_name slug=District::slug parse=District::from_slug />
            <Input field=f_published value=published_on problems kind="date" />
            <Input field=f_summary value=summary problems long=true />
            <Input field=f_body value=body problems long=true hint=("case-body-hint", |t| t.enforcement().body_hint) />
            <Input field=f_lesson value=lesson problems long=true />
            <Input field=f_provisions value=provisions problems hint=("case-provisions-hint", |t| t.enforcement().provisions_hint) />
            <Input field=f_decisions value=decisions problems hint=("case-decisions-hint", |t| t.enforcement().decision_ids_hint) />
            <button type="submit" class="button" data-testid="save-case" disabled=move || save.pending().get()>{move || e().save}</button>
        </form>
    }
}

// ---------------------------------------------------------------------------
// Listings

const LISTING_FIELDS: &[Field] = &[
    ("credit_code", "listing-code", |t| {
        t.enforcement().credit_code
    }),
    ("hazard", "listing-hazard", |t| t.enforcement().hazard),
    ("description", "listing-description", |t| {
        t.enforcement().hazard_description
    }),
    ("requirements", "listing-requirements", |t| {
        t.enforcement().requirements
    }),
    ("authority", "listing-authority", |t| {
        t.enforcement().authority
    }),
    ("listed_on", "listing-on", |t| t.enforcement().listed_on),
    ("deadline", "listing-deadline", |t| t.enforcement().deadline),
];

const STEP_FIELDS: &[Field] = &[
    // The status is the one the button names; its problem links there.
    ("status", "step-status", |t| t.enforcement().next_step),
    ("on", "step-on", |t| t.enforcement().step_on),
    ("note", "step-note", |t| t.enforcement().step_note),
];

/// `/staff/enforcement/listings/new` and `/staff/enforcement/listings/:id`.
#[component]
pub fn ListingEditPage() -> impl IntoView {
    let id = record_id();
    view! {
        <EditorPage title=|t| t.enforcement().listings_title test_id="listing-edit-page" form=move |session: Session| {
            let csrf = StoredValue::new(session.csrf_token);
            // The step just recorded, said once the listing is read again.
            let recorded = RwSignal::new(None::<HazardStatus>);
            let record = LocalResource::new(move || async move {
                match id.get() {
                    Some(Some(id)) => api::hazard_listing(id).await.map(Some),
                    _ => Ok(None),
                }
            });
            view! {
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match (id.get(), record.await) {
                            (None, _) => view! { <p class="error-notice" role="alert">{move || use_i18n().t().enforcement().listing_missing}</p> }.into_any(),
                            (Some(id), Ok(listing)) => view! {
                                {listing.clone().map(|found| view! { <StepForm listing=found csrf recorded on_step=move || record.refetch() /> })}
                                <ListingForm id listing csrf />
                            }.into_any(),
                            (_, Err(error)) => view! { <ErrorNotice error on_retry=move |()| record.refetch() /> }.into_any(),
                        }
                    })}
                </Suspense>
            }
        } />
    }
}

#[component]
fn ListingForm(
    id: Option<i64>,
    listing: Option<HazardListing>,
    csrf: StoredValue<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let s = listing.as_ref().map(|l| &l.summary);
    let code = RwSignal::new(s.map(|s| s.credit_code.clone()).unwrap_or_default());
    let hazard = RwSignal::new(s.map(|s| s.hazard.clone()).unwrap_or_default());
    let authority =
        RwSignal::new(s.map_or_else(|| "济南市应急管理局".to_owned(), |s| s.authority.clone()));
    let listed_on =
        RwSignal::new(s.map_or_else(|| today().to_string(), |s| s.listed_on.to_string()));
    let deadline = RwSignal::new(s.map(|s| s.deadline.to_string()).unwrap_or_default());
    let description = RwSignal::new(
        listing
            .as_ref()
            .map(|l| l.description.clone())
            .unwrap_or_default(),
    );
    let requirements = RwSignal::new(
        listing
            .as_ref()
            .map(|l| l.requirements.clone())
            .unwrap_or_default(),
    );
    let problems: Problems = RwSignal::new(Vec::new());
    let after = AfterSave::new("listings", id);
    let done = after.done;
    let save = Action::new_local(move |input: &ListingInput| {
        let input = input.clone();
        let csrf = csrf.get_value();
        async move { api::staff_save_hazard_listing(id, &input, &csrf).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => after.saved(saved.id),
        Some(Err(error)) => report_failure(&error, LISTING_FIELDS, problems, i18n),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let mut errors = FieldErrors::new();
        let listed = date_problem(&mut errors, "listed_on", listed_on);
        let due = date_problem(&mut errors, "deadline", deadline);
        let input = ListingInput {
            credit_code: code.get_untracked().trim().to_owned(),
            hazard: hazard.get_untracked(),
            description: description.get_untracked(),
            requirements: requirements.get_untracked(),
            authority: authority.get_untracked(),
            listed_on: listed,
            deadline: due,
        };
        if input.credit_code.is_empty() {
            field_error::add(&mut errors, "credit_code", Problem::Required);
        }
        if let Err(more) = input.validate(today()) {
            merge(&mut errors, more, &["listed_on", "deadline"]);
        }
        if errors.is_empty() {
            problems.set(Vec::new());
            save.dispatch(input);
        } else {
            problems.set(problems_of(&errors, LISTING_FIELDS, i18n));
        }
    };
    let [
        f_code,
        f_hazard,
        f_description,
        f_requirements,
        f_authority,
        f_on,
        f_deadline,
    ] = [0, 1, 2, 3, 4, 5, 6].map(|i| LISTING_FIELDS[i]);
    view! {
        <section aria-labelledby="listing-form-heading">
            <h2 id="listing-form-heading">{move || if id.is_some() { e().edit } else { e().new_listing }}</h2>
            {id.map(|id| view! { <p><A href=format!("/enforcement/listings/{id}")>{move || e().view_public}</A></p> })}
            <super::Problems problems />
            <Saved done />
            <form class="form-panel form-panel--wide" on:submit=submit novalidate=true data-testid="listing-form">
                <Input field=f_code value=code problems />
                <Input field=f_hazard value=hazard problems />
                <Input field=f_description value=description problems long=true />
                <Input field=f_requirements value=requirements problems long=true />
                <Input field=f_authority value=authority problems />
                <Input field=f_on value=listed_on problems kind="date" />
                <Input field=f_deadline value=deadline problems kind="date" />
                <button type="submit" class="button" data-testid="save-listing" disabled=move || save.pending().get()>{move || e().save}</button>
            </form>
        </section>
    }
}

#[component]
fn StepForm<F>(
    listing: HazardListing,
    csrf: StoredValue<String>,
    recorded: RwSignal<Option<HazardStatus>>,
    on_step: F,
) -> impl IntoView
where
    F: Fn() + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let id = listing.summary.id;
    let current = listing.summary.status;
    let last = listing
        .steps
        .last()
        .map_or(listing.summary.listed_on, |s| s.on);
    // Whose hazard this is and what happened so far, above the next step.
    let summary = listing.summary.clone();
    let steps = listing.steps.clone();
    let record = view! {
        <section class="form-panel" aria-labelledby="listing-record-heading" data-testid="listing-record">
            <h2 id="listing-record-heading">{summary.hazard.clone()}</h2>
            <p>
                <A href=format!("/blacklist/enterprises/{}", summary.credit_code)>{summary.enterprise_name.clone()}</A>
                " "<span class="code">{summary.credit_code.clone()}</span>
            </p>
            <p>{move || e().deadline}"："{summary.deadline.to_string()}</p>
            <ol class="timeline">
                {steps.into_iter().map(|step| {
                    let status = step.status;
                    view! {
                        <li class="timeline__item">
                            <p><strong>{move || named(zh(), status.name_zh(), status.name_en())}</strong>" · "{step.on.to_string()}</p>
                            <p class="timeline__reply">{step.note}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {move || recorded.get().map(|status| view! {
                <p class="panel--success" role="status" data-testid="step-recorded">
                    {move || e().step_recorded}"："{move || named(zh(), status.name_zh(), status.name_en())}
                </p>
            })}
        </section>
    };
    let Some(next) = current.next() else {
        return view! {
            {record}
            <p class="notice" data-testid="listing-closed">{move || e().listing_closed}</p>
        }
        .into_any();
    };
    let on = RwSignal::new(today().to_string());
    let note = RwSignal::new(String::new());
    let problems: Problems = RwSignal::new(Vec::new());
    let step = Action::new_local(move |input: &StepInput| {
        let input = input.clone();
        let csrf = csrf.get_value();
        async move { api::staff_listing_step(id, &input, &csrf).await }
    });
    let reload = on_step.clone();
    Effect::new(move |_| match step.value().get() {
        Some(Ok(_)) => {
            recorded.set(Some(next));
            reload();
        }
        Some(Err(error)) => report_failure(&error, STEP_FIELDS, problems, i18n),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut errors = FieldErrors::new();
        let day = date_problem(&mut errors, "on", on);
        let input = StepInput {
            status: next,
            on: day,
            note: note.get_untracked(),
        };
        if let Err(more) = input.validate(current, last, today()) {
            merge(&mut errors, more, &["on"]);
        }
        if errors.is_empty() {
            problems.set(Vec::new());
            step.dispatch(input);
        } else {
            problems.set(problems_of(&errors, STEP_FIELDS, i18n));
        }
    };
    let [_, f_on, f_note] = [0, 1, 2].map(|i| STEP_FIELDS[i]);
    view! {
        {record}
        <section class="form-panel" aria-labelledby="step-heading" data-testid="step-form">
            <h2 id="step-heading">{move || e().next_step}"："{move || named(zh(), next.name_zh(), next.name_en())}</h2>
            <p>{move || e().status}"："<strong data-testid="current-status">{move || named(zh(), current.name_zh(), current.name_en())}</strong></p>
            <super::Problems problems id="step-problems" />
            <form on:submit=submit novalidate=true>
                <Input field=f_on value=on problems kind="date" />
                <Input field=f_note value=note problems long=true />
                <button type="submit" class="button" id="step-status" data-testid="add-step" disabled=move || step.pending().get()>{move || e().add_step}</button>
            </form>
        </section>
    }
    .into_any()
}

// ---------------------------------------------------------------------------
// Accident reports

const ACCIDENT_FIELDS: &[Field] = &[
    ("title", "accident-title", |t| t.enforcement().title),
    ("occurred_on", "accident-occurred", |t| {
        t.enforcement().occurred_on
    }),
    ("published_on", "accident-published", |t| {
        t.enforcement().published_on
    }),
    ("deaths", "accident-deaths", |t| t.enforcement().deaths),
    ("injuries", "accident-injuries", |t| {
        t.enforcement().injuries
    }),
    ("direct_loss_yuan", "accident-loss", |t| {
        t.enforcement().loss_yuan
    }),
    ("investigated_by", "accident-investigators", |t| {
        t.enforcement().investigated_by
    }),
    ("sections.accident", "section-accident", |_| {
        portal_types::enforcement::Section::Accident.name_zh()
    }),
    ("sections.causes", "section-causes", |_| {
        portal_types::enforcement::Section::Causes.name_zh()
    }),
    ("sections.technical", "section-technical", |_| {
        portal_types::enforcement::Section::Technical.name_zh()
    }),
    ("sections.management", "section-management", |_| {
        portal_types::enforcement::Section::Management.name_zh()
    }),
    ("sections.responsibility", "section-responsibility", |_| {
        portal_types::enforcement::Section::Responsibility.name_zh()
    }),
    ("sections.measures", "section-measures", |_| {
        portal_types::enforcement::Section::Measures.name_zh()
    }),
    ("change_note", "accident-change-note", |t| {
        t.enforcement().change_note
    }),
    ("district", "accident-district", |t| {
        t.enforcement().district
    }),
    ("industry", "accident-industry", |t| {
        t.enforcement().industry
    }),
    ("grade", "accident-grade", |t| t.enforcement().grade),
];

const ASSESSMENT_FIELDS: &[Field] = &[
    ("assessed_on", "assessment-on", |t| {
        t.enforcement().assessed_on
    }),
    ("authority", "assessment-authority", |t| {
        t.enforcement().assessment_by
    }),
    ("findings", "assessment-findings", |t| {
        t.enforcement().findings
    }),
    ("conclusion", "assessment-conclusion", |t| {
        t.enforcement().conclusion
    }),
];

/// `/staff/enforcement/accidents/new` and `/staff/enforcement/accidents/:id`.
#[component]
pub fn AccidentEditPage() -> impl IntoView {
    let id = record_id();
    view! {
        <EditorPage title=|t| t.enforcement().accidents_title test_id="accident-edit-page" form=move |session: Session| {
            let csrf = StoredValue::new(session.csrf_token);
            let report = LocalResource::new(move || async move {
                match id.get() {
                    Some(Some(id)) => api::accident_report(id, None).await.map(Some),
                    _ => Ok(None),
                }
            });
            view! {
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match (id.get(), report.await) {
                            (None, _) => view! { <p class="error-notice" role="alert">{move || use_i18n().t().enforcement().accident_missing}</p> }.into_any(),
                            (Some(id), Ok(report)) => view! {
                                <AccidentForm id report=report.clone() csrf />
                                {report.map(|report| view! { <AssessmentForm report csrf /> })}
                            }.into_any(),
                            (_, Err(error)) => view! { <ErrorNotice error on_retry=move |()| report.refetch() /> }.into_any(),
                        }
                    })}
                </Suspense>
            }
        } />
    }
}

#[component]
fn AccidentForm(
    id: Option<i64>,
    report: Option<AccidentReport>,
    csrf: StoredValue<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let r = report.as_ref();
    let s = r.map(|r| &r.summary);
    let title = RwSignal::new(s.map(|s| s.title.clone()).unwrap_or_default());
    let occurred = RwSignal::new(s.map(|s| s.occurred_on.to_string()).unwrap_or_default());
    let published =
        RwSignal::new(s.map_or_else(|| today().to_string(), |s| s.published_on.to_string()));
    let deaths = RwSignal::new(s.map_or_else(|| "0".to_owned(), |s| s.deaths.to_string()));
    let injuries = RwSignal::new(s.map_or_else(|| "0".to_owned(), |s| s.injuries.to_string()));
    let loss =
        RwSignal::new(r.map_or_else(|| "0".to_owned(), |r| (r.direct_loss_fen / 100).to_string()));
    let investigators = RwSignal::new(r.map(|r| r.investigated_by.clone()).unwrap_or_default());
    let district = RwSignal::new(s.map_or(District::Lixia, |s| s.district));
    let industry = RwSignal::new(s.map_or(Industry::IndustryAndTrade, |s| s.industry));
    let grade = RwSignal::new(s.map_or(AccidentGrade::General, |s| s.grade));
    let section = |f: fn(&Sections) -> &String| {
        RwSignal::new(r.map(|r| f(&r.sections).clone()).unwrap_or_default())
    };
    let sections = [
        section(|s| &s.accident),
        section(|s| &s.causes),
        section(|s| &s.technical),
        section(|s| &s.management),
        section(|s| &s.responsibility),
        section(|s| &s.measures),
    ];
    let note = RwSignal::new(String::new());
    let problems: Problems = RwSignal::new(Vec::new());
    let after = AfterSave::new("accidents", id);
    let done = after.done;
    let save = Action::new_local(move |input: &AccidentInput| {
        let input = input.clone();
        let csrf = csrf.get_value();
        async move { api::staff_save_accident(id, &input, &csrf).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            note.set(String::new());
            after.saved(saved.id);
        }
        Some(Err(error)) => report_failure(&error, ACCIDENT_FIELDS, problems, i18n),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let mut errors = FieldErrors::new();
        let occurred_on = date_problem(&mut errors, "occurred_on", occurred);
        let published_on = date_problem(&mut errors, "published_on", published);
        let mut number = |field: &str, value: RwSignal<String>| -> u64 {
            value
                .get_untracked()
                .trim()
                .parse::<u64>()
                .unwrap_or_else(|_| {
                    field_error::add(&mut errors, field, Problem::NotANumber);
                    0
                })
        };
        let deaths = u32::try_from(number("deaths", deaths)).unwrap_or(u32::MAX);
        let injuries = u32::try_from(number("injuries", injuries)).unwrap_or(u32::MAX);
        let loss = number("direct_loss_yuan", loss);
        let [
            accident,
            causes,
            technical,
            management,
            responsibility,
            measures,
        ] = sections.map(|s| s.get_untracked());
        let input = AccidentInput {
            title: title.get_untracked(),
            occurred_on,
            district: district.get_untracked(),
            industry: industry.get_untracked(),
            grade: grade.get_untracked(),
            deaths,
            injuries,
            direct_loss_yuan: loss,
            investigated_by: investigators.get_untracked(),
            published_on,
            sections: Sections {
                accident,
                causes,
                technical,
                management,
                responsibility,
                measures,
            },
            change_note: note.get_untracked(),
        };
        if let Err(more) = input.validate(today(), id.is_some()) {
            merge(&mut errors, more, &["occurred_on", "published_on"]);
        }
        if errors.is_empty() {
            problems.set(Vec::new());
            save.dispatch(input);
        } else {
            problems.set(problems_of(&errors, ACCIDENT_FIELDS, i18n));
        }
    };
    let f = |name: &str| {
        ACCIDENT_FIELDS
            .iter()
            .copied()
            .find(|(n, _, _)| *n == name)
            .unwrap_or(ACCIDENT_FIELDS[0])
    };
    let chapters = portal_types::enforcement::Section::ALL
        .iter()
        .zip(sections)
        .map(|(&chapter, value)| {
            let field = f(&format!("sections.{}", chapter.slug()));
            let (_, id, _) = field;
            view! {
                <div class="field">
                    <label class="label" for=id>{move || named(zh(), chapter.name_zh(), chapter.name_en())}</label>
                    <FieldProblem problems field=id />
                    <textarea id=id class="input textarea" rows="8" aria-describedby=described(problems, id, Some("sections-hint"))
                        prop:value=value on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="accident-form-heading">
            <h2 id="accident-form-heading">{move || if id.is_some() { e().edit } else { e().new_accident }}</h2>
            {id.map(|id| view! { <p><A href=format!("/enforcement/accidents/{id}")>{move || e().view_public}</A></p> })}
            <super::Problems problems />
            <Saved done />
            <form class="form-panel form-panel--wide" on:submit=submit novalidate=true data-testid="accident-form">
                <Input field=f("title") value=title problems />
                <Input field=f("occurred_on") value=occurred problems kind="date" />
                <Choice field=f("district") value=district all=District::ALL name=district_name slug=District::slug parse=District::from_slug />
                <Choice field=f("industry") value=industry all=Industry::ALL name=industry_name slug=Industry::slug parse=Industry::from_slug />
                <Choice field=f("grade") value=grade all=AccidentGrade::ALL name=grade_name slug=AccidentGrade::slug parse=AccidentGrade::from_slug />
                <Input field=f("deaths") value=deaths problems kind="number" />
                <Input field=f("injuries") value=injuries problems kind="number" />
                <Input field=f("direct_loss_yuan") value=loss problems kind="number" />
                <Input field=f("investigated_by") value=investigators problems />
                <Input field=f("published_on") value=published problems kind="date" />
                <p class="hint" id="sections-hint">{move || e().body_hint}</p>
                {chapters}
                {id.is_some().then(|| view! {
                    <Input field=f("change_note") value=note problems long=true hint=("change-note-hint", |t| t.enforcement().change_note_hint) />
                })}
                <button type="submit" class="button" data-testid="save-accident" disabled=move || save.pending().get()>{move || e().save}</button>
            </form>
        </section>
    }
}

#[component]
fn AssessmentForm(report: AccidentReport, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let id = report.summary.id;
    let published_on = report.summary.published_on;
    let a = report.assessment.as_ref();
    let on = RwSignal::new(a.map_or_else(|| today().to_string(), |a| a.assessed_on.to_string()));
    let authority =
        RwSignal::new(a.map_or_else(|| "济南市应急管理局".to_owned(), |a| a.authority.clone()));
    let findings = RwSignal::new(a.map(|a| a.findings.join("\n\n")).unwrap_or_default());
    let conclusion = RwSignal::new(a.map(|a| a.conclusion.clone()).unwrap_or_default());
    let problems: Problems = RwSignal::new(Vec::new());
    let done = RwSignal::new(None::<String>);
    let save = Action::new_local(move |input: &AssessmentInput| {
        let input = input.clone();
        let csrf = csrf.get_value();
        async move { api::staff_assess(id, &input, &csrf).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => done.set(Some(format!("/enforcement/accidents/{id}#assessment"))),
        Some(Err(error)) => report_failure(&error, ASSESSMENT_FIELDS, problems, i18n),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let mut errors = FieldErrors::new();
        let day = date_problem(&mut errors, "assessed_on", on);
        let input = AssessmentInput {
            assessed_on: day,
            authority: authority.get_untracked(),
            findings: findings.get_untracked(),
            conclusion: conclusion.get_untracked(),
        };
        if let Err(more) = input.validate(published_on, today()) {
            merge(&mut errors, more, &["assessed_on"]);
        }
        if errors.is_empty() {
            problems.set(Vec::new());
            save.dispatch(input);
        } else {
            problems.set(problems_of(&errors, ASSESSMENT_FIELDS, i18n));
        }
    };
    let [f_on, f_authority, f_findings, f_conclusion] = [0, 1, 2, 3].map(|i| ASSESSMENT_FIELDS[i]);
    view! {
        <section aria-labelledby="assessment-form-heading" class="form-section">
            <h2 id="assessment-form-heading">{move || e().assessment}</h2>
            <p class="hint">{move || (e().assessment_due)(&(i18n.t().date)(portal_types::enforcement::assessment_due(published_on)))}</p>
            <super::Problems problems />
            <Saved done />
            <form class="form-panel form-panel--wide" on:submit=submit novalidate=true data-testid="assessment-form">
                <Input field=f_on value=on problems kind="date" />
                <Input field=f_authority value=authority problems />
                <Input field=f_findings value=findings problems long=true />
                <Input field=f_conclusion value=conclusion problems />
                <button type="submit" class="button" data-testid="save-assessment" disabled=move || save.pending().get()>{move || e().save_assessment}</button>
            </form>
        </section>
    }
}
