//! `/enforcement/accidents`: accident investigation reports (事故调查报告);
//! `/enforcement/accidents/:id[?version=N]`: a report in full, chapter by
//! chapter, its public record of changes and its rectification assessment.

use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};
use portal_types::enforcement::{AccidentGrade, AccidentReport, AccidentSummary, paragraphs};

use super::{Crumbs, RecordPage, api_query, named, page_href, page_in};
use crate::api;
use crate::components::head::Title;
use crate::components::pagination::Pagination;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};

const KEYS: &[&str] = &["grade"];

/// `/enforcement/accidents`.
#[component]
pub fn AccidentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let query = use_query_map();
    let reports = PageData::new(move || {
        let q = query.with(|q| {
            let mut text = api_query(q, KEYS);
            let page = page_in(q);
            if page > 1 {
                text.push_str(&format!("&page={page}"));
            }
            text
        });
        async move { api::accident_reports(&q).await }
    });
    let selected = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    crate::components::head::feed(|| {
        api::list_feed_url(
            "/api/accident-reports",
            &query.with_untracked(|q| api_query(q, KEYS)),
        )
    });
    view! {
        <Title text=move || e().accidents_title />
        <div class="page" data-testid="accidents-page">
            <Crumbs />
            <h1 class="page__title">{move || e().accidents_title}</h1>
            <p class="lead">{move || e().accidents_intro}</p>
            <Form method="get" action="/enforcement/accidents" attr:class="filter-bar" attr:aria-label=move || e().filters>
                <label class="filter-bar__field">
                    <span>{move || e().grade}</span>
                    <select class="input" name="grade">
                        <option value="">{move || e().all_grades}</option>
                        {AccidentGrade::ALL.iter().map(|&grade| view! {
                            <option value=grade.slug() selected=move || selected("grade") == grade.slug()>{move || named(zh(), grade.name_zh(), grade.name_en())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="button">{move || e().filter}</button>
            </Form>
            {move || {
                    match reports.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(page) => {
                            let pages = u32::try_from(page.total.div_ceil(u64::from(page.page_size.max(1)))).unwrap_or(1);
                            let empty = page.items.is_empty();
                            view! {
                                {empty.then(|| view! { <p class="empty">{move || e().no_accidents}</p> })}
                                <ul class="result-list" data-testid="accident-list">
                                    {page.items.into_iter().map(|report| view! { <AccidentItem report /> }).collect_view()}
                                </ul>
                                <Pagination current=page.page pages href=move |n| query.with_untracked(|q| page_href("/enforcement/accidents", q, KEYS, n)) />
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| reports.refetch() /> }.into_any(),
                    }
                }}}
        </div>
    }
}

#[component]
fn AccidentItem(report: AccidentSummary) -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let t = move || i18n.t();
    let zh = move || i18n.lang() == Lang::Zh;
    let AccidentSummary {
        id,
        title,
        occurred_on,
        district,
        grade,
        deaths,
        injuries,
        assessed,
        ..
    } = report;
    view! {
        <li class="result">
            <h2 class="result__title"><A href=format!("/enforcement/accidents/{id}")>{title}</A></h2>
            <p class="result__meta">
                <span>{move || t().occurred_on}"："{move || (t().date)(occurred_on)}</span>
                <span>{move || named(zh(), district.name_zh(), district.name_en())}</span>
                <span>{move || (e().casualties)(deaths, injuries)}</span>
            </p>
            <p class="result__tags">
                <span class="tag">{move || named(zh(), grade.name_zh(), grade.name_en())}</span>
                {assessed.then(|| view! { <span class="tag tag--accepted">{move || e().assessed}</span> })}
            </p>
        </li>
    }
}

/// `/enforcement/accidents/:id`.
#[component]
pub fn AccidentPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())));
    let version =
        Memo::new(move |_| query.with(|q| q.get("version").and_then(|v| v.parse::<i64>().ok())));
    let report = PageData::new(move || {
        let (id, version) = (id.get(), version.get());
        async move {
            match id {
                Some(id) => api::accident_report(id, version).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <RecordPage
            test_id="accident-page"
            list=("/enforcement/accidents", |t| t.enforcement().accidents_title)
            missing=|t| t.enforcement().accident_missing
            record=report
            show=|report| view! { <ReportView report /> }.into_any()
        />
    }
}

#[component]
fn ReportView(report: AccidentReport) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let AccidentReport {
        summary,
        direct_loss_fen,
        investigated_by,
        version,
        latest_version,
        sections,
        history,
        assessment,
    } = report;
    let AccidentSummary {
        id,
        title,
        occurred_on,
        district,
        industry,
        grade,
        deaths,
        injuries,
        published_on,
        assessment_due,
        ..
    } = summary;
    crate::components::head::describe(|| {
        format!(
            "{title}：{occurred_on}发生的{}，死亡{deaths}人、受伤{injuries}人；调查组：{investigated_by}。",
            grade.name_zh()
        )
    });
    let base = format!("/enforcement/accidents/{id}");
    let chapters: Vec<(portal_types::enforcement::Section, Vec<String>)> = sections
        .chapters()
        .into_iter()
        .map(|(section, text)| (section, paragraphs(text)))
        .collect();
    let contents: Vec<portal_types::enforcement::Section> =
        chapters.iter().map(|(s, _)| *s).collect();
    let latest_href = base.clone();
    view! {
        <Title text=title.clone() />
        <h1 class="page__title">{title}</h1>
        {(version != latest_version).then(|| view! {
            <div class="notice notice--warning" data-testid="old-version">
                <p><strong>{move || (e().old_version)(version, latest_version)}</strong></p>
                <p><A href=latest_href.clone()>{move || e().read_latest}</A></p>
            </div>
        })}
        <dl class="fields" data-testid="accident-fields">
            <div class="fields__row"><dt>{move || t().occurred_on}</dt><dd>{move || (t().date)(occurred_on)}</dd></div>
            <div class="fields__row"><dt>{move || e().grade}</dt><dd>{move || named(zh(), grade.name_zh(), grade.name_en())}</dd></div>
            <div class="fields__row"><dt>{move || e().district}</dt><dd>{move || named(zh(), district.name_zh(), district.name_en())}</dd></div>
            <div class="fields__row"><dt>{move || e().industry}</dt><dd>{move || named(zh(), industry.name_zh(), industry.name_en())}</dd></div>
            <div class="fields__row"><dt>{move || e().casualties_label}</dt><dd>{move || (e().casualties)(deaths, injuries)}</dd></div>
            <div class="fields__row"><dt>{move || e().direct_loss}</dt><dd>{move || (t().money)(direct_loss_fen)}</dd></div>
            <div class="fields__row"><dt>{move || e().investigated_by}</dt><dd>{investigated_by}</dd></div>
            <div class="fields__row"><dt>{move || t().published_on}</dt><dd>{move || (t().date)(published_on)}</dd></div>
        </dl>
        <nav class="toc no-print" aria-labelledby="report-contents">
            <h2 class="toc__title" id="report-contents">{move || e().contents}</h2>
            <ol class="toc__list">
                {contents.into_iter().map(|section| view! {
                    <li class="toc__item"><a href=format!("#{}", section.slug())>{move || named(zh(), section.name_zh(), section.name_en())}</a></li>
                }).collect_view()}
                <li class="toc__item"><a href="#assessment">{move || e().assessment}</a></li>
                <li class="toc__item"><a href="#history">{move || e().history}</a></li>
            </ol>
        </nav>
        <div class="prose" data-testid="report-text">
            {chapters.into_iter().map(|(section, paragraphs)| view! {
                <section aria-labelledby=section.slug()>
                    <h2 id=section.slug() tabindex="-1">{move || named(zh(), section.name_zh(), section.name_en())}</h2>
                    {paragraphs.into_iter().map(|p| view! { <p class="paragraph">{p}</p> }).collect_view()}
                </section>
            }).collect_view()}
        </div>
        <section aria-labelledby="assessment" class="assessment" data-testid="assessment">
            <h2 id="assessment" tabindex="-1">{move || e().assessment}</h2>
            {match assessment {
                Some(a) => {
                    let on = a.assessed_on;
                    view! {
                        <dl class="fields">
                            <div class="fields__row"><dt>{move || e().assessed_on}</dt><dd>{move || (t().date)(on)}</dd></div>
                            <div class="fields__row"><dt>{move || e().assessment_by}</dt><dd>{a.authority}</dd></div>
                            <div class="fields__row"><dt>{move || e().conclusion}</dt><dd data-testid="assessment-conclusion">{a.conclusion}</dd></div>
                        </dl>
                        <div class="prose">{a.findings.into_iter().map(|p| view! { <p class="paragraph">{p}</p> }).collect_view()}</div>
                    }.into_any()
                }
                None => view! {
                    <p class="notice" data-testid="assessment-pending">{move || (e().assessment_due)(&(t().date)(assessment_due))}</p>
                }.into_any(),
            }}
        </section>
        <section aria-labelledby="history" data-testid="history">
            <h2 id="history" tabindex="-1">{move || e().history}</h2>
            <ol class="timeline">
                {history.into_iter().map(|change| {
                    let at = change.changed_at.with_timezone(&china()).date_naive();
                    let href = format!("{base}?version={}", change.version);
                    let number = change.version;
                    view! {
                        <li class="timeline__item">
                            <p>
                                {if number == version {
                                    view! { <strong>{move || (e().version)(number)}{move || e().current_version}</strong> }.into_any()
                                } else {
                                    view! { <A href=href>{move || (e().version)(number)}</A> }.into_any()
                                }}
                                " · "{move || (t().date)(at)}
                            </p>
                            <p class="timeline__reply">{change.note}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        <div class="decision__actions no-print">
            <button type="button" class="button" data-action="print">{move || t().print}</button>
        </div>
    }
}

fn china() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC"))
}
