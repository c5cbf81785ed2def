//! `/enforcement/statistics`: every chart as bars, each with a table
//! alternative and a CSV download.
//!
//! Bars are rows of HTML (label, bar, value), the bar an SVG rectangle
//! sized by attributes: it reflows to any width, needs no inline style
//! (the Content-Security-Policy forbids it) and no chart library. The bars
//! are hidden from screen readers, which get the same figures as a table.

use leptos::prelude::*;
use portal_types::enforcement::{Chart, ChartData};
use portal_types::{District, Industry};

use super::{Crumbs, named};
use crate::api;
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, group_digits, use_i18n};

/// `/enforcement/statistics`.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let statistics = PageData::new(api::statistics);
    view! {
        <Title text=move || e().statistics_title />
        <div class="page" data-testid="statistics-page">
            <Crumbs />
            <h1 class="page__title">{move || e().statistics_title}</h1>
            <p class="lead">{move || e().statistics_intro}</p>
            {move || {
                    match statistics.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(statistics) => {
                            let as_of = statistics.as_of;
                            view! {
                                <p class="muted" data-testid="statistics-as-of">{move || (e().statistics_as_of)(&(i18n.t().date)(as_of))}</p>
                                {statistics.charts.into_iter().map(|data| view! { <ChartSection data /> }).collect_view()}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error on_retry=move |()| statistics.refetch() /> }.into_any(),
                    }
                }}}
        </div>
    }
}

/// A row's label in the current language.
fn label(chart: Chart, label: &str, zh: bool) -> String {
    match chart {
        Chart::DecisionsByDistrict | Chart::ListingsByDistrict => District::from_slug(label)
            .map_or_else(
                || label.to_owned(),
                |d| named(zh, d.name_zh(), d.name_en()).to_owned(),
            ),
        Chart::DecisionsByIndustry => Industry::from_slug(label).map_or_else(
            || label.to_owned(),
            |i| named(zh, i.name_zh(), i.name_en()).to_owned(),
        ),
        Chart::DecisionsByMonth | Chart::ReportsByMonth => label.to_owned(),
    }
}

/// A value as read: fines in yuan with digit groups, counts as they are.
fn shown(series: &str, value: i64) -> String {
    let whole = u64::try_from(value.max(0)).unwrap_or_default();
    if series == "fines_fen" {
        group_digits(whole / 100)
    } else {
        group_digits(whole)
    }
}

#[component]
fn ChartSection(data: ChartData) -> impl IntoView {
    let i18n = use_i18n();
    let e = move || i18n.t().enforcement();
    let zh = move || i18n.lang() == Lang::Zh;
    let chart = data.chart;
    let slug = chart.slug();
    let heading = format!("heading-{slug}");
    let labelled_by = heading.clone();
    let table_id = format!("table-{slug}");
    let bars_id = format!("bars-{slug}");
    let data = StoredValue::new(data);
    let label_header = move || match chart {
        Chart::DecisionsByMonth | Chart::ReportsByMonth => e().month,
        Chart::DecisionsByDistrict | Chart::ListingsByDistrict => e().district,
        Chart::DecisionsByIndustry => e().industry,
    };
    view! {
        <section class="chart" aria-labelledby=labelled_by data-testid=format!("chart-{slug}")>
            <div class="chart__head">
                <h2 id=heading class="chart__title">{move || named(zh(), chart.name_zh(), chart.name_en())}</h2>
                <div class="chart__actions">
                    // The label says what a press does (a toggle whose label
                    // changes must not also carry aria-pressed).
                    // Shows the table and hides the bars, or the other way
                    // round (see `server_page`).
                    <button type="button" class="button button--secondary" aria-controls=format!("{bars_id} {table_id}")
                        data-action="toggle" data-other-label=move || e().show_chart data-testid="toggle-table">
                        {move || e().show_table}
                    </button>
                    <a class="button button--secondary" href=api::statistics_export_url(chart, "csv") download data-testid="chart-csv">{move || e().download_csv}</a>
                    <a class="button button--secondary" href=api::statistics_export_url(chart, "xlsx") download data-testid="chart-xlsx">{move || e().download_xlsx}</a>
                </div>
            </div>
            <div id=table_id.clone() hidden>
                {data.with_value(|data| {
                        let series = data.series.clone();
                        view! {
                            <div class="table-scroll">
                                <table class="data-table" data-testid="chart-table">
                                    <caption class="visually-hidden">{named(zh(), chart.name_zh(), chart.name_en())}</caption>
                                    <thead><tr>
                                        <th scope="col">{label_header()}</th>
                                        {series.iter().map(|s| view! { <th scope="col" class="num">{(e().series)(s)}</th> }).collect_view()}
                                    </tr></thead>
                                    <tbody>
                                        {data.rows.iter().map(|row| view! {
                                            <tr>
                                                <th scope="row">{label(chart, &row.label, zh())}</th>
                                                {series.iter().zip(&row.values).map(|(s, v)| view! { <td class="num">{shown(s, *v)}</td> }).collect_view()}
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                    })}
            </div>
            <div id=bars_id.clone()>
                {data.with_value(|data| {
                        view! {
                            <div class="chart__panels">
                                {data.series.iter().enumerate().map(|(index, s)| {
                                    let max = data.rows.iter().filter_map(|r| r.values.get(index)).copied().max().unwrap_or(0).max(1);
                                    let top = data.rows.iter().max_by_key(|r| r.values.get(index).copied().unwrap_or(0));
                                    let summary = top.filter(|r| r.values.get(index).copied().unwrap_or(0) > 0).map(|r| (e().chart_summary)(&label(chart, &r.label, zh()), &shown(s, r.values.get(index).copied().unwrap_or(0)))).unwrap_or_else(|| e().no_data.to_owned());
                                    view! {
                                        <figure class="bars" data-testid="bars">
                                            <figcaption class="bars__caption">{(e().series)(s)}<span class="muted">" · "{summary}</span></figcaption>
                                            <ol class="bars__rows" aria-hidden="true">
                                                {data.rows.iter().map(|row| {
                                                    let value = row.values.get(index).copied().unwrap_or(0);
                                                    // Tenths of a percent of the longest bar.
                                                    let width = (value.max(0) * 1000 / max).to_string();
                                                    view! {
                                                        <li class="bars__row">
                                                            <span class="bars__label">{label(chart, &row.label, zh())}</span>
                                                            <svg class="bars__bar" viewBox="0 0 1000 10" preserveAspectRatio="none" focusable="false">
                                                                <rect class=format!("bars__fill bars__fill--{index}") x="0" y="0" width=width height="10" />
                                                            </svg>
                                                            <span class="bars__value">{shown(s, value)}</span>
                                                        </li>
                                                    }
                                                }).collect_view()}
                                            </ol>
                                        </figure>
                                    }
                                }).collect_view()}
                            </div>
                        }
                    })}
            </div>
        </section>
    }
}
