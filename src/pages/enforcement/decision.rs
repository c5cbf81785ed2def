//! `/enforcement/decisions/:id`: one penalty decision at its permanent
//! address, with every disclosure field, ready to print on A4.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_types::decisions::DecisionDetail;

use crate::api::{self, ApiError};
use crate::components::head::Title;
use crate::components::status::{ErrorNotice, Loading};
use crate::data::PageData;
use crate::i18n::{Lang, use_i18n};

/// `/enforcement/decisions/:id`.
#[component]
pub fn DecisionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())));
    let decision = PageData::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => api::decision(id).await,
                None => Err(ApiError::Server {
                    status: 404,
                    body: portal_types::ApiErrorBody::new(
                        portal_types::ErrorCode::NotFound,
                        "bad id",
                    ),
                    retry_after: None,
                }),
            }
        }
    });
    view! {
        <div class="page decision" data-testid="decision-page">
            <nav class="breadcrumbs" aria-label=move || i18n.t().breadcrumbs>
                <ol>
                    <li><A href="/">{move || i18n.t().nav_home}</A></li>
                    <li><A href="/enforcement" exact=true>{move || i18n.t().nav_enforcement}</A></li>
                    <li><A href="/enforcement/decisions" exact=true>{move || i18n.t().decisions().title}</A></li>
                </ol>
            </nav>
            {move || {
                    match decision.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(value) => match value {
                        Ok(decision) => view! { <Decision decision /> }.into_any(),
                        Err(error) if error.status() == Some(410) => view! {
                            {crate::components::head::respond_with(410)}
                            <Unavailable title=|l: Lang| l.strings().decisions().gone_title
                                text=|l: Lang| l.strings().decisions().gone_text test_id="decision-gone" />
                        }.into_any(),
                        Err(error) if error.status() == Some(404) => view! {
                            {crate::components::head::respond_with(404)}
                            <Unavailable title=|l: Lang| l.strings().decisions().missing_title
                                text=|l: Lang| l.strings().decisions().missing_text test_id="decision-missing" />
                        }.into_any(),
                        Err(error) => view! {
                            <h1 class="page__title">{move || i18n.t().decisions().title}</h1>
                            <ErrorNotice error on_retry=move |()| decision.refetch() />
                        }.into_any(),
                    }
                }}}
        </div>
    }
}

/// A decision that is gone or never was: say which, and offer the list.
#[component]
fn Unavailable(
    title: fn(Lang) -> &'static str,
    text: fn(Lang) -> &'static str,
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || title(i18n.lang()) />
        <h1 class="page__title" data-testid=test_id>{move || title(i18n.lang())}</h1>
        <p class="lead">{move || text(i18n.lang())}</p>
        <p><A href="/enforcement/decisions" attr:class="button">{move || i18n.t().decisions().back_to_list}</A></p>
    }
}

#[component]
fn Decision(decision: DecisionDetail) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let d = move || i18n.t().decisions();
    let zh = move || i18n.lang() == Lang::Zh;
    let DecisionDetail {
        id,
        decision_no,
        party_name,
        credit_code,
        legal_representative,
        violation_type,
        facts,
        violated_provisions,
        legal_basis,
        penalty_categories,
        penalty_content,
        fine_fen,
        confiscated_fen,
        decided_on,
        authority,
        disclosure_until,
        district,
        industry,
        revocation,
        amendments,
        version,
        published_at,
        ..
    } = decision;
    let permalink = format!(
        "{}/enforcement/decisions/{id}",
        crate::components::head::origin()
    );
    crate::components::head::describe(|| {
        format!(
            "{decision_no}：{party_name}，{violation_type}。{authority}于{decided_on}作出行政处罚决定：{penalty_content}"
        )
    });
    // A revocation is kept as a version of its own, but the page says it in
    // the revocation notice, not again as a correction.
    let corrections: Vec<_> = amendments
        .into_iter()
        .filter(|a| !a.changes.iter().any(|c| c.field == "revocation"))
        .collect();
    let title = party_name.clone();
    let learn = portal_types::education::provisions_in(&violated_provisions);
    let published = published_at.with_timezone(&china()).date_naive();
    let categories = move || {
        penalty_categories
            .iter()
            .map(|c| if zh() { c.name_zh() } else { c.name_en() })
            .collect::<Vec<_>>()
            .join(if zh() { "、" } else { ", " })
    };
    // The label of a changed field, by its name in `DecisionDetail`.
    let field = move |name: &str| -> &'static str {
        let s = d();
        match name {
            "party_name" => s.party_name,
            "credit_code" => s.credit_code,
            "legal_representative" => s.legal_representative,
            "violation_type" => s.violation_type,
            "facts" => s.facts,
            "violated_provisions" => s.violated_provisions,
            "legal_basis" => s.legal_basis,
            "penalty_categories" => s.penalty_categories,
            "penalty_content" => s.penalty_content,
            "fine_fen" => s.fine,
            "confiscated_fen" => s.confiscated,
            "decided_on" => t().decided_on,
            "disclosure_until" => s.disclosure_until,
            "authority" => s.authority,
            "district" => s.district,
            "industry" => s.industry,
            "revocation" => s.revocation_reason,
            _ => s.version,
        }
    };
    view! {
        <Title text=title.clone() />
        <header class="decision__header">
            <h1 class="page__title">{title}</h1>
            <p class="decision__number" data-testid="decision-number">{decision_no.clone()}</p>
        </header>
        {revocation.map(|r| {
            let revoked_on = r.revoked_on;
            view! {
                <div class="notice notice--warning" data-testid="revoked-notice">
                    <p><strong>{move || (d().revoked_notice)(&(t().date)(revoked_on))}</strong></p>
                    <p>{move || d().revocation_reason}"："{r.reason.clone()}</p>
                </div>
            }
        })}
        {corrections.last().map(|last| {
            let at = last.amended_at.with_timezone(&china()).date_naive();
            view! {
                <div class="notice" data-testid="amended-notice">
                    <p><strong>{move || (d().amended_notice)(&(t().date)(at), version)}</strong></p>
                    {corrections.iter().map(|a| view! {
                        <p>{move || d().amendment_reason}"："{a.reason.clone()}</p>
                        <table class="changes">
                            <thead><tr><th scope="col"></th><th scope="col">{move || d().before}</th><th scope="col">{move || d().after}</th></tr></thead>
                            <tbody>
                                {a.changes.iter().map(|c| {
                                    let name = c.field.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{move || field(&name)}</th>
                                            <td><del>{c.before.clone()}</del></td>
                                            <td><ins>{c.after.clone()}</ins></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }).collect_view()}
                </div>
            }
        })}
        <dl class="fields" data-testid="decision-fields">
            <div class="fields__row"><dt>{move || d().decision_no}</dt><dd>{decision_no}</dd></div>
            <div class="fields__row"><dt>{move || d().party_name}</dt><dd>{party_name}</dd></div>
            <div class="fields__row"><dt>{move || d().credit_code}</dt><dd class="code">{credit_code.unwrap_or_default()}</dd></div>
            <div class="fields__row"><dt>{move || d().legal_representative}</dt><dd>{legal_representative.unwrap_or_default()}</dd></div>
            <div class="fields__row"><dt>{move || d().violation_type}</dt><dd>{violation_type}</dd></div>
            <div class="fields__row fields__row--long"><dt>{move || d().facts}</dt><dd>{facts}</dd></div>
            <div class="fields__row"><dt>{move || d().violated_provisions}</dt><dd>
                {violated_provisions}
                {(!learn.is_empty()).then(|| view! {
                    <ul class="learn-links no-print" aria-label=move || t().education().learn_heading data-testid="learn-provisions">
                        {learn.into_iter().map(|p| view! {
                            <li><A href=crate::pages::education::provision_href(&p)>{move || (t().education().learn_provision)(&p.citation())}</A></li>
                        }).collect_view()}
                    </ul>
                })}
            </dd></div>
            <div class="fields__row"><dt>{move || d().legal_basis}</dt><dd>{legal_basis}</dd></div>
            <div class="fields__row"><dt>{move || d().penalty_categories}</dt><dd>{categories}</dd></div>
            <div class="fields__row fields__row--long"><dt>{move || d().penalty_content}</dt><dd>{penalty_content}</dd></div>
            <div class="fields__row"><dt>{move || d().fine}</dt><dd>{move || (t().money)(fine_fen)}</dd></div>
            <div class="fields__row"><dt>{move || d().confiscated}</dt><dd>{move || (t().money)(confiscated_fen)}</dd></div>
            <div class="fields__row"><dt>{move || t().decided_on}</dt><dd>{move || (t().date)(decided_on)}</dd></div>
            <div class="fields__row"><dt>{move || i18n.t().decisions().authority}</dt><dd>{authority}</dd></div>
            <div class="fields__row"><dt>{move || d().district}</dt><dd>{move || if zh() { district.name_zh() } else { district.name_en() }}</dd></div>
            <div class="fields__row"><dt>{move || d().industry}</dt><dd>{move || if zh() { industry.name_zh() } else { industry.name_en() }}</dd></div>
            <div class="fields__row"><dt>{move || d().disclosure_until}</dt><dd>{move || (t().date)(disclosure_until)}</dd></div>
            <div class="fields__row"><dt>{move || d().published_at}</dt><dd>{move || (t().date)(published)}</dd></div>
            <div class="fields__row"><dt>{move || d().version}</dt><dd>{version}</dd></div>
        </dl>
        <div class="decision__actions">
            <button type="button" class="button" data-action="print" data-testid="print">{move || t().print}</button>
            <A href=super::decisions::last_list_href() attr:class="button button--secondary" attr:data-testid="back-to-list" attr:data-back-to-list="">{move || d().back_to_list}</A>
        </div>
        <p class="permalink">
            {move || d().permalink}"："<a href=permalink.clone() data-testid="permalink">{permalink.clone()}</a>
        </p>
    }
}

fn china() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC"))
}
