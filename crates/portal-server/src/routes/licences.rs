//! Administrative licences (行政许可): the public search with facets and a
//! permanent address per licence; the editors' import (CSV or workbook, all
//! or nothing) and status changes (suspension, revocation, cancellation,
//! restoration), each audited by the store.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use portal_store::clock::today_in_china;
use portal_store::enforcement::Write;
use portal_store::staff::Audit;
use portal_types::licences::{
    Licence, LicenceKind, LicencePage, LicenceQuery, LicenceStatus, LicenceStatusChange,
};
use portal_types::staff::licences::{ImportedLicence, ImportedLicences};
use portal_types::{ApiErrorBody, District};
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Json, Path};
use crate::licensing;
use crate::staff::AsEditor;
use crate::state::AppState;

/// The query parameters of a licence search (documentation of
/// [`LicenceQuery`]).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LicenceQueryParams {
    /// Text to find in the holder's name, its credit code or the licence
    /// number (every word, separated by spaces, must be found). No control
    /// characters.
    #[param(max_length = 100, pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$")]
    q: Option<String>,
    /// Kinds of licence (alternatives).
    #[param(inline)]
    kind: Option<Vec<LicenceKind>>,
    /// Statuses today (alternatives); `expired` is any licence past its
    /// last valid day that was not revoked or cancelled.
    #[param(inline)]
    status: Option<Vec<LicenceStatus>>,
    /// Districts (alternatives).
    #[param(inline)]
    district: Option<Vec<District>>,
    /// Page number, from 1 (20 licences a page).
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
}

/// Parses a raw query string into a search, or a 400 naming each bad
/// parameter.
pub fn parse_query(raw: Option<&str>) -> Result<LicenceQuery, ApiError> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    LicenceQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(ApiError::Validation)
}

/// Searches the administrative licences, newest first, with counts by
/// kind, status and district. Statuses are as on today in China: a licence
/// past its last valid day says *expired* by itself.
#[utoipa::path(
    get,
    path = "/api/licences",
    tag = "licences",
    params(LicenceQueryParams),
    responses(
        (status = 200, description = "A page of matching licences, with facet counts.", body = LicencePage),
        (status = 400, description = "A parameter is invalid; `fields` names each.", body = ApiErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<LicencePage>> {
    let query = parse_query(raw.as_deref())?;
    Ok(Json(
        state.store.licence_page(&query, today_in_china()).await?,
    ))
}

/// A licence: holder, kind, scope, validity, issuing authority, its status
/// today and every step of its history.
#[utoipa::path(
    get,
    path = "/api/licences/{id}",
    tag = "licences",
    params(("id" = i64, Path, description = "The licence's number in the portal.")),
    responses(
        (status = 200, description = "The licence.", body = Licence),
        (status = 404, description = "No such licence.", body = ApiErrorBody),
    )
)]
pub async fn licence(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Licence>> {
    state
        .store
        .licence(id, today_in_china())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no licence with this number.".to_owned()))
}

/// Publishes the licences of a file in the portal's licence layout (the
/// header row 许可证编号,许可证类别,行政相对人名称,统一社会信用代码,许可内容,
/// 发证日期,有效期自,有效期至,发证机关,区县). Every row is checked first; if
/// any row is wrong nothing is stored and each bad row is named in
/// `fields` (`rows.3`, `rows.3.有效期至`) with what is wrong.
#[utoipa::path(
    post,
    path = "/api/staff/licences/import",
    tag = "staff",
    request_body(
        description = "CSV in UTF-8 (with or without a byte-order mark) or GB18030 (GBK); or an Excel workbook (.xlsx) whose first sheet has the same header row and columns.",
        content(
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    ),
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Every row published.", body = ImportedLicences),
        (status = 400, description = "Some rows are wrong; nothing was stored.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 413, description = "The file is larger than 5 MB.", body = ApiErrorBody),
        (status = 415, description = "The body is neither text/csv nor an .xlsx workbook.", body = ApiErrorBody),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<ImportedLicences>)> {
    let table = super::publishing::import_table(&headers, &body)?;
    let numbers = crate::publishing::numbers(&table);
    let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let taken: std::collections::HashSet<String> = state
        .store
        .licence_numbers_taken(&refs)
        .await?
        .into_iter()
        .collect();
    let licences = licensing::read_table(table, &|n| taken.contains(n), today_in_china())
        .map_err(ApiError::Validation)?;
    let actor = session.actor();
    let ids = state
        .store
        .import_licences(
            &licences,
            Audit {
                actor: &actor,
                action: "licence.import",
                target: String::new(),
                before: None,
                after: None,
            },
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(ImportedLicences {
            imported: ids.len(),
            published: ids
                .iter()
                .zip(&licences)
                .map(|(&id, l)| ImportedLicence {
                    id,
                    licence_no: l.licence_no.clone(),
                    holder_name: l.holder_name.clone(),
                })
                .collect(),
        }),
    ))
}

/// Records what an authority did to a licence: suspended (暂扣), revoked
/// (吊销), cancelled (注销), or valid again after a suspension — on a day,
/// with a public note and, where a penalty decision did it, that decision.
/// Expiry is never recorded: it comes by itself after the last valid day.
#[utoipa::path(
    post,
    path = "/api/staff/licences/{id}/status",
    tag = "staff",
    params(
        ("id" = i64, Path, description = "The licence's number in the portal."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    request_body = LicenceStatusChange,
    responses(
        (status = 200, description = "Recorded; the licence's new status.", body = LicenceStatus),
        (status = 400, description = "A change the licence cannot take, or a bad field; each named.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such licence.", body = ApiErrorBody),
    )
)]
pub async fn change_status(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(change): Json<LicenceStatusChange>,
) -> ApiResult<Json<LicenceStatus>> {
    let actor = session.actor();
    match state
        .store
        .change_licence_status(
            id,
            &change,
            today_in_china(),
            Audit {
                actor: &actor,
                action: "licence.status",
                target: String::new(),
                before: None,
                after: None,
            },
        )
        .await?
    {
        Write::Done(status) => Ok(Json(status)),
        Write::NotFound => Err(ApiError::NotFound(
            "There is no licence with this number.".to_owned(),
        )),
        Write::Refused(errors) => Err(ApiError::Validation(errors)),
    }
}
