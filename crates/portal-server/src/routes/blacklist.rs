//! The blacklist check: one enterprise by name or code, an enterprise's
//! page, the verification of a printed answer, and batches.
//!
//! An answer never says "not listed" for a text it could not check: a code
//! that does not parse is refused with what is wrong; a name that matches
//! nothing says so, and a code whose check character is wrong is looked up
//! with a warning.

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::Response;
use chrono::Utc;
use portal_store::clock::today_in_china;
use portal_types::ApiErrorBody;
use portal_types::Problem;
use portal_types::blacklist::{
    BatchLine, BatchRequest, BatchResult, CheckResult, EnterpriseProfile, EnterpriseStanding,
    InputKind, LineProblem, ListedPage, ListingStatus, MAX_BATCH_LINES, MAX_MATCHES, ParsedInput,
    Verification, company_form, parse_input,
};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Json, Path, Query, RawBody};
use crate::search::{Closeness, NameIndex};
use crate::spreadsheet::{self, Column, Kind};
use crate::state::AppState;

mod lines;

/// The parameters of a check.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CheckParams {
    /// An enterprise's name (or part of it) or its 18-character Unified
    /// Social Credit Code.
    #[param(
        min_length = 1,
        max_length = 100,
        pattern = "[^\\s\\u0000-\\u001F\\u007F-\\u009F]"
    )]
    pub q: String,
}

fn input_problem(error: &portal_types::blacklist::InputError) -> Problem {
    use portal_types::blacklist::InputError;
    match error {
        InputError::Empty => Problem::Required,
        InputError::TooLong => Problem::TooLong { max: 100 },
        InputError::ControlCharacters => Problem::ControlCharacters,
        InputError::Code(code) => Problem::from(code),
    }
}

fn input_error(error: portal_types::blacklist::InputError) -> ApiError {
    ApiError::field("q", input_problem(&error))
}

/// Whether an enterprise (or the enterprises with a name) is on the
/// blacklist now.
///
/// A name (or part of one) finds up to 20 enterprises, listed ones first,
/// whatever its width or company form (有限公司, 有限责任公司…), current or
/// former. A credit code is checked (GB 32100): a wrong check character is
/// looked up with a warning; a wrong length or letter is refused with what is
/// wrong. The answer for a code carries a verification code.
#[utoipa::path(
    get,
    path = "/api/blacklist/check",
    tag = "blacklist",
    params(CheckParams),
    responses(
        (status = 200, description = "The answer, as of `checked_at`.", body = CheckResult),
        (status = 400, description = "Not a name or a code that can be checked; `fields.q` says why.", body = ApiErrorBody),
    )
)]
pub async fn check(
    State(state): State<AppState>,
    Query(params): Query<CheckParams>,
) -> ApiResult<Json<CheckResult>> {
    let parsed = parse_input(&params.q).map_err(input_error)?;
    let now = Utc::now();
    let today = today_in_china();
    let result = match parsed {
        ParsedInput::Name(core) => {
            let (found, total) =
                state
                    .blacklist
                    .names()
                    .find(&core, company_form(&params.q), MAX_MATCHES);
            let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
            let mut matches = state.store.standings(&ids, today).await?;
            // The enterprise the name resolves to first, then listed ones;
            // otherwise the order of closeness.
            let one = match resolve(&found, total) {
                Resolution::One(id) => Some(id),
                _ => None,
            };
            matches.sort_by_key(|m| {
                (
                    Some(m.enterprise.id) != one,
                    m.status != ListingStatus::Listed,
                )
            });
            let resolved = matches.first().filter(|m| Some(m.enterprise.id) == one);
            let credit_code = resolved.map(|m| m.enterprise.credit_code.clone());
            let status = resolved.map(|m| m.status);
            CheckResult {
                input: params.q.clone(),
                kind: InputKind::Name,
                verification: credit_code
                    .as_deref()
                    .zip(status)
                    .map(|(code, status)| state.blacklist.signer.sign(code, status, now)),
                credit_code,
                expected_check_character: None,
                checked_at: now,
                matches,
                status,
                suggestions: Vec::new(),
            }
        }
        ParsedInput::Code(code) | ParsedInput::CodeWithWrongCheck { code, .. } => {
            let expected = match parse_input(&params.q) {
                Ok(ParsedInput::CodeWithWrongCheck { expected, .. }) => Some(expected),
                _ => None,
            };
            let matches: Vec<_> = state
                .store
                .standing_by_code(code.as_str(), today)
                .await?
                .into_iter()
                .collect();
            // A code that fails its check is answered only when an
            // enterprise has it (some early codes do); otherwise it is a
            // mistyped code, and saying "not listed" could clear a listed
            // enterprise.
            let verdict = expected.is_none() || !matches.is_empty();
            let status = verdict.then(|| {
                matches
                    .first()
                    .map_or(ListingStatus::NotListed, |m| m.status)
            });
            let suggestions = if verdict {
                Vec::new()
            } else {
                one_slip_away(&state, &code, today).await?
            };
            CheckResult {
                input: params.q.clone(),
                kind: InputKind::CreditCode,
                credit_code: Some(code.as_str().to_owned()),
                expected_check_character: expected,
                checked_at: now,
                matches,
                status,
                verification: status
                    .map(|status| state.blacklist.signer.sign(code.as_str(), status, now)),
                suggestions,
            }
        }
    };
    Ok(Json(result))
}

/// What a name comes to.
enum Resolution {
    /// One enterprise: the only one with this full name, or with this core
    /// when none has the full name, or the only one containing it.
    One(i64),
    /// Several enterprises with this very name.
    SameName(Vec<i64>),
    /// Several enterprises contain it, none by its whole name.
    Several(usize),
    /// None.
    Nothing,
}

/// Exact names win: a full name (company form included) over the same
/// core with another form, and either over names that merely contain it.
fn resolve(found: &[(i64, Closeness)], total: usize) -> Resolution {
    for level in [Closeness::FullName, Closeness::Exact] {
        let ids: Vec<i64> = found
            .iter()
            .filter(|(_, closeness)| *closeness == level)
            .map(|(id, _)| *id)
            .collect();
        match ids.as_slice() {
            [] => {}
            [id] => return Resolution::One(*id),
            _ => return Resolution::SameName(ids),
        }
    }
    match found {
        [] => Resolution::Nothing,
        [(id, _)] if total == 1 => Resolution::One(*id),
        _ => Resolution::Several(total),
    }
}

/// The registered enterprises whose codes are one slip away from `code`,
/// listed ones first.
async fn one_slip_away(
    state: &AppState,
    code: &portal_types::CreditCode,
    today: chrono::NaiveDate,
) -> ApiResult<Vec<EnterpriseStanding>> {
    let codes: Vec<String> = code
        .neighbours()
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    let by_code = state.store.enterprise_ids_by_codes(&codes).await?;
    let mut ids: Vec<i64> = by_code.into_values().collect();
    ids.sort_unstable();
    let mut found = state.store.standings(&ids, today).await?;
    found.sort_by_key(|s| s.status != ListingStatus::Listed);
    Ok(found)
}

/// One enterprise: where it stands, every listing, its penalty decisions.
#[utoipa::path(
    get,
    path = "/api/enterprises/{credit_code}",
    tag = "enterprises",
    params(("credit_code" = String, Path, description = "The enterprise's Unified Social Credit Code.")),
    responses(
        (status = 200, description = "The enterprise's page, with a verification code.", body = EnterpriseProfile),
        (status = 404, description = "No enterprise of the directory has this code.", body = ApiErrorBody),
    )
)]
pub async fn profile(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Json<EnterpriseProfile>> {
    let not_found =
        || ApiError::NotFound("No enterprise of the directory has this credit code.".to_owned());
    let code = match parse_input(&code) {
        Ok(ParsedInput::Code(code) | ParsedInput::CodeWithWrongCheck { code, .. }) => code,
        _ => return Err(not_found()),
    };
    let Some(id) = state.store.enterprise_id_by_code(code.as_str()).await? else {
        return Err(not_found());
    };
    let today = today_in_china();
    let now = Utc::now();
    let standing = state
        .store
        .standings(&[id], today)
        .await?
        .pop()
        .ok_or_else(not_found)?;
    let history = state
        .store
        .listings_of(&[id], today)
        .await?
        .remove(&id)
        .unwrap_or_default();
    let decisions = state.store.public_decisions_of(id, today).await?;
    let hazard_listings = state.store.hazard_listings_of(code.as_str(), today).await?;
    let licences = state.store.licences_of(code.as_str(), today).await?;
    let verification = state
        .blacklist
        .signer
        .sign(code.as_str(), standing.status, now);
    Ok(Json(EnterpriseProfile {
        standing,
        history,
        decisions,
        hazard_listings,
        licences,
        checked_at: now,
        verification,
    }))
}

/// The parameters of the list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListedParams {
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<u32>,
    /// Enterprises per page (1–100, 20 if not given).
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u32>,
}

/// The enterprises on the blacklist now, newest listing first.
#[utoipa::path(
    get,
    path = "/api/blacklist/listed",
    tag = "blacklist",
    params(ListedParams),
    responses(
        (status = 200, description = "A page of the list.", body = ListedPage),
        (status = 400, description = "A bad page parameter.", body = ApiErrorBody),
    )
)]
pub async fn listed(
    State(state): State<AppState>,
    Query(params): Query<ListedParams>,
) -> ApiResult<Json<ListedPage>> {
    let page = params.page.unwrap_or(1);
    let page_size = params.page_size.unwrap_or(20);
    if !(1..=1000).contains(&page) {
        return Err(ApiError::field(
            "page",
            Problem::OutOfRange { min: 1, max: 1000 },
        ));
    }
    if !(1..=100).contains(&page_size) {
        return Err(ApiError::field(
            "page_size",
            Problem::OutOfRange { min: 1, max: 100 },
        ));
    }
    let today = today_in_china();
    let (ids, total) = state
        .store
        .listed_enterprises(today, (page - 1) * page_size, page_size)
        .await?;
    let items = state.store.standings(&ids, today).await?;
    Ok(Json(ListedPage {
        total,
        page,
        page_size,
        items,
        as_of: Utc::now(),
    }))
}

/// The parameters of a verification.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerifyParams {
    /// A verification code as printed on a check's result.
    #[param(max_length = 80)]
    pub code: String,
}

/// Whether a verification code was made by this portal, and what the
/// answer it belongs to said.
#[utoipa::path(
    get,
    path = "/api/blacklist/verify",
    tag = "blacklist",
    params(VerifyParams),
    responses(
        (status = 200, description = "Genuine or not, and what it says if it is.", body = Verification),
        (status = 400, description = "No code, or one longer than 80 characters.", body = ApiErrorBody),
    )
)]
pub async fn verify(
    State(state): State<AppState>,
    Query(params): Query<VerifyParams>,
) -> ApiResult<Json<Verification>> {
    if params.code.chars().count() > 80 {
        return Err(ApiError::field("code", Problem::TooLong { max: 80 }));
    }
    let Some(signed) = state.blacklist.signer.verify(&params.code) else {
        return Ok(Json(Verification {
            genuine: false,
            credit_code: None,
            enterprise_name: None,
            status: None,
            checked_at: None,
        }));
    };
    let name = match state
        .store
        .enterprise_id_by_code(&signed.credit_code)
        .await?
    {
        Some(id) => state
            .store
            .standings(&[id], today_in_china())
            .await?
            .pop()
            .map(|s| s.enterprise.name),
        None => None,
    };
    Ok(Json(Verification {
        genuine: true,
        credit_code: Some(signed.credit_code),
        enterprise_name: name,
        status: Some(signed.status),
        checked_at: Some(signed.at),
    }))
}

/// The enterprises a name resolves to: one, or those that share it
/// exactly; none when it resolves to nothing or is only part of names.
fn exact_ids(names: &NameIndex, name: &str) -> Vec<i64> {
    // Held to the rules of a name checked on its own.
    let Ok(ParsedInput::Name(core)) = parse_input(name) else {
        return Vec::new();
    };
    if core.is_empty() {
        return Vec::new();
    }
    let (found, total) = names.find(&core, company_form(name), MAX_MATCHES);
    match resolve(&found, total) {
        Resolution::One(id) => vec![id],
        Resolution::SameName(ids) => ids,
        Resolution::Several(_) | Resolution::Nothing => Vec::new(),
    }
}

/// Checks every line of a batch; a bad line gets its own problem.
///
/// A line may hold a name, a code, or both ([`lines::split`]); with both,
/// the code decides and the name is compared with the enterprise's names.
/// A header row as the first line is skipped.
async fn run_batch(state: &AppState, request: &BatchRequest) -> ApiResult<BatchResult> {
    if request.lines.len() > MAX_BATCH_LINES {
        return Err(ApiError::field(
            "lines",
            Problem::TooMany {
                max: MAX_BATCH_LINES,
            },
        ));
    }
    let today = today_in_china();
    let names = state.blacklist.names();
    let first = request.lines.iter().position(|l| !l.trim().is_empty());
    let header = first.filter(|&i| lines::is_header(&request.lines[i]));
    let mut lines: Vec<BatchLine> = Vec::with_capacity(request.lines.len());
    let mut pending_codes: Vec<(usize, String)> = Vec::new();
    let mut named: Vec<(usize, i64)> = Vec::new();
    let mut mistyped: Vec<(usize, portal_types::CreditCode)> = Vec::new();
    let mut same_names: Vec<(usize, Vec<i64>)> = Vec::new();
    // Lines with a name beside their code: the enterprises the name is.
    let mut beside: Vec<(usize, Vec<i64>)> = Vec::new();
    for (index, input) in request.lines.iter().enumerate() {
        if input.trim().is_empty() || Some(index) == header {
            continue;
        }
        let parts = lines::split(input.trim_start_matches('\u{feff}'));
        let mut line = BatchLine {
            line: index + 1,
            input: input.trim().chars().take(120).collect(),
            problem: None,
            expected_check_character: None,
            enterprise: None,
            status: None,
            suggestions: Vec::new(),
            name: None,
            name_agrees: None,
        };
        let position = lines.len();
        if let (Some(_), Some(name)) = (&parts.code, &parts.name) {
            line.name = Some(name.chars().take(120).collect());
            beside.push((position, exact_ids(&names, name)));
        }
        let text = parts.code.or(parts.name).unwrap_or_default();
        match parse_input(&text) {
            Err(error) => line.problem = Some(LineProblem::from_input(&error)),
            Ok(ParsedInput::Name(core)) => {
                let (found, total) = names.find(&core, company_form(&text), MAX_MATCHES);
                match resolve(&found, total) {
                    Resolution::Nothing => line.problem = Some(LineProblem::NameNotFound),
                    Resolution::One(id) => named.push((position, id)),
                    Resolution::SameName(ids) => {
                        line.problem = Some(LineProblem::SameName {
                            candidates: ids.len(),
                        });
                        same_names.push((position, ids));
                    }
                    Resolution::Several(candidates) => {
                        line.problem = Some(LineProblem::Ambiguous { candidates });
                    }
                }
            }
            Ok(ParsedInput::Code(code)) => pending_codes.push((position, code.as_str().to_owned())),
            Ok(ParsedInput::CodeWithWrongCheck { code, expected }) => {
                line.expected_check_character = Some(expected);
                mistyped.push((position, code));
            }
        }
        lines.push(line);
    }
    let codes: Vec<String> = pending_codes
        .iter()
        .map(|(_, c)| c.clone())
        .chain(mistyped.iter().map(|(_, c)| c.as_str().to_owned()))
        .collect();
    let by_code = state.store.enterprise_ids_by_codes(&codes).await?;
    for (position, code) in &pending_codes {
        match by_code.get(code) {
            Some(id) => named.push((*position, *id)),
            None => lines[*position].status = Some(ListingStatus::NotListed),
        }
    }
    // A code failing its check is judged only when an enterprise has it;
    // the others' neighbours are looked up together, in one query.
    let mut unknown: Vec<(usize, Vec<String>)> = Vec::new();
    for (position, code) in &mistyped {
        match by_code.get(code.as_str()) {
            Some(id) => named.push((*position, *id)),
            None => {
                let line = &mut lines[*position];
                line.problem = line
                    .expected_check_character
                    .map(|expected| LineProblem::InvalidCode { expected });
                let near = code
                    .neighbours()
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .collect();
                unknown.push((*position, near));
            }
        }
    }
    let near_codes: Vec<String> = unknown.iter().flat_map(|(_, near)| near.clone()).collect();
    let near_ids = state.store.enterprise_ids_by_codes(&near_codes).await?;
    let mut suggested: Vec<(usize, Vec<i64>)> = unknown
        .into_iter()
        .map(|(position, near)| {
            let mut ids: Vec<i64> = near
                .iter()
                .filter_map(|c| near_ids.get(c).copied())
                .collect();
            ids.sort_unstable();
            (position, ids)
        })
        .collect();
    suggested.extend(same_names);
    // One standings query for every enterprise the batch names or suggests.
    let mut ids: Vec<i64> = named
        .iter()
        .map(|(_, id)| *id)
        .chain(suggested.iter().flat_map(|(_, ids)| ids.iter().copied()))
        .chain(beside.iter().flat_map(|(_, ids)| ids.iter().copied()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let standings: std::collections::HashMap<i64, _> = state
        .store
        .standings(&ids, today)
        .await?
        .into_iter()
        .map(|s| (s.enterprise.id, s))
        .collect();
    for (position, id) in named {
        if let Some(standing) = standings.get(&id) {
            lines[position].status = Some(standing.status);
            lines[position].enterprise = Some(standing.enterprise.clone());
        }
    }
    for (position, ids) in suggested {
        let line = &mut lines[position];
        line.suggestions = ids
            .iter()
            .filter_map(|id| standings.get(id).cloned())
            .collect();
    }
    // The code decided; the name beside it agrees when it is one of the
    // enterprise's names, and disagrees when it is another enterprise's.
    for (position, name_ids) in beside {
        let line = &mut lines[position];
        let Some(given) = line.name.as_deref() else {
            continue;
        };
        let core = portal_types::blacklist::name_core(given);
        let own = line.enterprise.as_ref().and_then(|e| standings.get(&e.id));
        let agrees = match own {
            Some(standing) => Some(
                name_ids.contains(&standing.enterprise.id)
                    || std::iter::once(&standing.enterprise.name)
                        .chain(&standing.former_names)
                        .any(|n| portal_types::blacklist::name_core(n) == core),
            ),
            None if line.status.is_some() && !name_ids.is_empty() => Some(false),
            None => None,
        };
        line.name_agrees = agrees;
        let others = name_ids
            .iter()
            .filter(|id| own.is_none_or(|s| s.enterprise.id != **id))
            .filter_map(|id| standings.get(id).cloned());
        if agrees == Some(false) {
            line.suggestions = others.collect();
        } else if matches!(line.problem, Some(LineProblem::InvalidCode { .. })) {
            // The name says which of the neighbours was meant, or who.
            let mut meant: Vec<EnterpriseStanding> = others
                .filter(|s| {
                    line.suggestions
                        .iter()
                        .all(|t| t.enterprise.id != s.enterprise.id)
                })
                .collect();
            meant.append(&mut line.suggestions);
            line.suggestions = meant;
        }
    }
    for line in &mut lines {
        if matches!(line.problem, Some(LineProblem::InvalidCode { .. })) {
            // Listed first, as for a single check (the sort is stable).
            line.suggestions
                .sort_by_key(|s| s.status != ListingStatus::Listed);
        }
    }
    let listed = lines
        .iter()
        .filter(|l| l.status == Some(ListingStatus::Listed))
        .count();
    let problems = lines.iter().filter(|l| l.problem.is_some()).count();
    let name_mismatches = lines
        .iter()
        .filter(|l| l.name_agrees == Some(false))
        .count();
    Ok(BatchResult {
        checked_at: Utc::now(),
        lines,
        listed,
        problems,
        name_mismatches,
        header: header.map(|i| request.lines[i].trim().chars().take(120).collect()),
    })
}

fn parse_batch(headers: &HeaderMap, body: &[u8]) -> ApiResult<BatchRequest> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let media = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match media.as_str() {
        "application/json" => serde_json::from_slice(body)
            .map_err(|e| ApiError::BadRequest(format!("The JSON body is not a valid batch: {e}"))),
        "text/plain" | "text/csv" => {
            let text = super::decode_text(content_type, body).ok_or_else(|| {
                ApiError::BadRequest(
                    "The text is neither UTF-8 nor GB18030 (GBK); save the file as UTF-8 and try again."
                        .to_owned(),
                )
            })?;
            Ok(BatchRequest {
                lines: text.lines().map(str::to_owned).collect(),
            })
        }
        _ => Err(ApiError::UnsupportedMediaType(
            "Send the batch as JSON ({\"lines\": [...]}) or as plain text or CSV, one name or code (or both) per line.".to_owned(),
        )),
    }
}

/// Checks up to 1,000 names or codes at once.
///
/// Send JSON (`{"lines": [...]}`) or plain text or CSV (UTF-8, or GB18030/
/// GBK as Excel on Chinese Windows saves it) with one line per enterprise:
/// a name, a code, or both separated by a tab, a comma or spaces — then the
/// code decides and a name that is not the enterprise's is flagged
/// (`name_agrees: false`). A header row as the first line is skipped.
/// Each line is answered on its own; a line that cannot be answered says
/// why, and never fails the batch.
#[utoipa::path(
    post,
    path = "/api/blacklist/batch",
    tag = "blacklist",
    request_body = BatchRequest,
    responses(
        (status = 200, description = "One answer per non-empty line.", body = BatchResult),
        (status = 400, description = "More than 1,000 lines, or a body that cannot be read.", body = ApiErrorBody),
        (status = 413, description = "The body is larger than 256 KB.", body = ApiErrorBody),
        (status = 415, description = "Neither JSON nor plain text.", body = ApiErrorBody),
    )
)]
pub async fn batch(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<Json<BatchResult>> {
    let request = parse_batch(&headers, &body)?;
    Ok(Json(run_batch(&state, &request).await?))
}

/// The columns of a batch check's file, CSV or workbook.
const BATCH_COLUMNS: [Column; 7] = [
    Column::new("行号", Kind::Count, 6.0),
    Column::new("输入", Kind::Code, 36.0),
    Column::new("企业名称", Kind::Text, 32.0),
    Column::new("统一社会信用代码", Kind::Code, 21.0),
    Column::new("状态", Kind::Text, 9.0),
    Column::new("说明", Kind::Text, 50.0),
    Column::new("查询时间", Kind::Text, 20.0),
];

/// A batch's answers as rows of text cells, in [`BATCH_COLUMNS`]' order.
fn batch_rows(result: &BatchResult) -> Vec<Vec<String>> {
    let checked = result
        .checked_at
        .with_timezone(&portal_store::clock::china_time())
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    let mut rows = Vec::with_capacity(result.lines.len());
    for line in &result.lines {
        let status = line.status.map_or("无法判断", status_zh);
        let mut note = line
            .problem
            .as_ref()
            .map(LineProblem::zh)
            .unwrap_or_default();
        if let (Some(expected), None) = (line.expected_check_character, &line.problem) {
            note = format!("校验位应为 {expected}，请核对代码");
        }
        if line.name_agrees == Some(false) {
            let given = line.name.as_deref().unwrap_or_default();
            let owner = line
                .enterprise
                .as_ref()
                .map(|e| format!("，该代码登记的企业为{}", e.name))
                .unwrap_or_default();
            let mismatch = format!("名称“{given}”与代码不符{owner}，以代码为准");
            note = if note.is_empty() {
                mismatch
            } else {
                format!("{note}；{mismatch}")
            };
        }
        if !line.suggestions.is_empty() {
            let meant: Vec<String> = line
                .suggestions
                .iter()
                .map(|s| {
                    format!(
                        "{}（{}，{}）",
                        s.enterprise.name,
                        s.enterprise.credit_code,
                        status_zh(s.status)
                    )
                })
                .collect();
            let lead = if line.name_agrees == Some(false) {
                "该名称对应的企业"
            } else if matches!(line.problem, Some(LineProblem::SameName { .. })) {
                "名称相同的企业"
            } else {
                "可能是"
            };
            note = format!("{note}；{lead}：{}", meant.join("、"));
        }
        rows.push(vec![
            line.line.to_string(),
            line.input.clone(),
            line.enterprise
                .as_ref()
                .map(|e| e.name.clone())
                .unwrap_or_default(),
            line.enterprise
                .as_ref()
                .map(|e| e.credit_code.clone())
                .unwrap_or_default(),
            status.to_owned(),
            note,
            checked.clone(),
        ]);
    }
    rows
}

/// The same as `POST /api/blacklist/batch`, answered as CSV (UTF-8 with a
/// byte-order mark, for Excel; codes kept as text, nothing run as a
/// formula).
#[utoipa::path(
    post,
    path = "/api/blacklist/batch.csv",
    tag = "blacklist",
    request_body = BatchRequest,
    responses(
        (status = 200, description = "One row per non-empty line.", content_type = "text/csv"),
        (status = 400, description = "More than 1,000 lines, or a body that cannot be read.", body = ApiErrorBody),
        (status = 413, description = "The body is larger than 256 KB.", body = ApiErrorBody),
        (status = 415, description = "Neither JSON nor plain text.", body = ApiErrorBody),
    )
)]
pub async fn batch_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<Response> {
    let request = parse_batch(&headers, &body)?;
    let result = run_batch(&state, &request).await?;
    let mut bytes = spreadsheet::BOM.as_bytes().to_vec();
    bytes.extend(spreadsheet::csv_rows(
        std::iter::once(BATCH_COLUMNS.map(|c| c.header.to_owned()).to_vec())
            .chain(batch_rows(&result)),
    ));
    Ok(super::download(
        bytes,
        "text/csv; charset=utf-8",
        "blacklist-check.csv",
    ))
}

/// The same as `POST /api/blacklist/batch`, answered as an Excel workbook.
#[utoipa::path(
    post,
    path = "/api/blacklist/batch.xlsx",
    tag = "blacklist",
    request_body = BatchRequest,
    responses(
        (status = 200, description = "One row per non-empty line.",
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "More than 1,000 lines, or a body that cannot be read.", body = ApiErrorBody),
        (status = 413, description = "The body is larger than 256 KB.", body = ApiErrorBody),
        (status = 415, description = "Neither JSON nor plain text.", body = ApiErrorBody),
    )
)]
pub async fn batch_xlsx(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<Response> {
    let request = parse_batch(&headers, &body)?;
    let result = run_batch(&state, &request).await?;
    let bytes = super::workbook("黑名单查询", BATCH_COLUMNS.to_vec(), batch_rows(&result)).await?;
    Ok(super::download(
        bytes,
        spreadsheet::XLSX_TYPE,
        "blacklist-check.xlsx",
    ))
}

fn status_zh(status: ListingStatus) -> &'static str {
    match status {
        ListingStatus::Listed => "已列入",
        ListingStatus::Removed => "已移出",
        ListingStatus::NotListed => "未列入",
    }
}
