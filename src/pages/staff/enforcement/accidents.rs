//! `/staff/enforcement/accidents/…`: the accident report form (each
//! correction a new public version) and the assessment form.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_types::enforcement::{
    AccidentGrade, AccidentInput, AccidentReport, AssessmentInput, Sections,
};
use portal_types::staff::Session;
use portal_types::{District, FieldErrors, Industry, Problem, field_error};

use super::{
    AfterSave, Choice, EditorPage, Field, Input, Saved, date_problem, district_name, grade_name,
    industry_name, merge, problems_of, record_id, report_failure, today,
};
use crate::api;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{Lang, use_i18n};
use crate::pages::enforcement::named;
use crate::pages::staff::{FieldError, FormErrors, StaffErrorSummary, described_by};

const ACCIDENT_FIELDS: &[Field] = &[
    ("title", "accident-title", |t| t.enforcement().title),
    ("occurred_on", "accident-occurred", |t| t.occurred_on),
    ("published_on", "accident-published", |t| t.published_on),
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
            let staff = api::StaffApi::new(&session);
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
                                <AccidentForm id report=report.clone() staff />
                                {report.map(|report| view! { <AssessmentForm report staff /> })}
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
    staff: api::StaffApi,
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
    let problems: FormErrors = RwSignal::new(Vec::new());
    let after = AfterSave::new("accidents", id);
    let done = after.done;
    let save = Action::new_local(move |input: &AccidentInput| {
        let input = input.clone();
        async move { staff.save_accident(id, &input).await }
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
                    <FieldError problems field=id />
                    <textarea id=id class="input textarea" rows="8" aria-describedby=described_by(problems, id, Some("sections-hint"))
                        prop:value=value on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="accident-form-heading">
            <h2 id="accident-form-heading">{move || if id.is_some() { e().edit } else { e().new_accident }}</h2>
            {id.map(|id| view! { <p><A href=format!("/enforcement/accidents/{id}")>{move || e().view_public}</A></p> })}
            <StaffErrorSummary problems />
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
fn AssessmentForm(report: AccidentReport, staff: api::StaffApi) -> impl IntoView {
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
    let problems: FormErrors = RwSignal::new(Vec::new());
    let done = RwSignal::new(None::<String>);
    let save = Action::new_local(move |input: &AssessmentInput| {
        let input = input.clone();
        async move { staff.assess(id, &input).await }
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
            <StaffErrorSummary problems />
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
