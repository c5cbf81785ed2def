//! The typed client of the portal's JSON API: the only module that knows
//! URLs or performs HTTP.

use gloo_net::http::{Method, Request, Response};
use leptos::prelude::{GetValue, StoredValue};
use portal_types::ApiErrorBody;
use portal_types::blacklist::{
    BatchRequest, BatchResult, CheckResult, EnterpriseProfile, ListedPage, Verification,
};
use portal_types::decisions::{DecisionDetail, DecisionPage, DecisionQuery};
use portal_types::education::{
    Article, ArticleList, ArticleQuery, EducationIndex, Provision, Quiz,
};
use portal_types::enforcement::{
    AccidentInput, AccidentPage, AccidentReport, AssessmentInput, Chart, ExposedCase,
    ExposedCaseInput, ExposedCasePage, HazardListing, HazardListingPage, ListingInput, Saved,
    Statistics, StepInput,
};
use portal_types::enterprises::EnterpriseSummary;
use portal_types::reports::{
    NewReport, Receipt, RecentReports, ReportView, StatusQuery, UploadedPhoto,
};
use portal_types::site::{SiteFigures, SiteInfo};
use portal_types::staff::cases::{
    CaseDetail, CaseQueue, DecisionLink, Extension, Reporter, RewardDecision, RewardPaid,
    StatusChange,
};
use portal_types::staff::{
    Account, AccountList, AuditPage, CSRF_HEADER, IssuedPassword, NewAccount, PasswordChange,
    Session, SignIn,
};
use serde::de::DeserializeOwned;

/// Why an API call failed. `Clone`, because resources clone what they hold.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer: offline, DNS, refused, aborted.
    #[error("network error: {0}")]
    Network(String),
    /// The server answered with an error.
    #[error("{status}: {}", body.message)]
    Server {
        /// HTTP status.
        status: u16,
        /// The API's error body.
        body: ApiErrorBody,
        /// `Retry-After`, in seconds, if given.
        retry_after: Option<u64>,
    },
    /// The server answered something this client cannot read.
    #[error("unreadable answer: {0}")]
    Decode(String),
}

impl ApiError {
    /// The seconds to wait, when the server said so (429 and 503).
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            ApiError::Server { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether trying again later may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) => true,
            ApiError::Server { status, .. } => *status >= 500 || *status == 429,
            ApiError::Decode(_) => false,
        }
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()))
    } else {
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.trim().parse().ok());
        let body = response.json::<ApiErrorBody>().await.unwrap_or_else(|_| {
            ApiErrorBody::new(
                portal_types::ErrorCode::Unknown,
                format!("HTTP {status} {}", response.status_text()),
            )
        });
        Err(ApiError::Server {
            status,
            body,
            retry_after,
        })
    }
}

/// Reads an answer the page arrived with (see [`crate::data`]).
fn decode<T: DeserializeOwned>(answer: crate::data::Answer) -> Result<T, ApiError> {
    if (200..300).contains(&answer.status) {
        serde_json::from_str(&answer.body).map_err(|e| ApiError::Decode(e.to_string()))
    } else {
        let body = serde_json::from_str(&answer.body).unwrap_or_else(|_| {
            ApiErrorBody::new(
                portal_types::ErrorCode::Unknown,
                format!("HTTP {}", answer.status),
            )
        });
        Err(ApiError::Server {
            status: answer.status,
            body,
            retry_after: None,
        })
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    if let Some(answer) = crate::data::answer_for(path) {
        return decode(answer);
    }
    if cfg!(not(target_arch = "wasm32")) {
        // Rendering on the server: the server fetches it and renders again.
        crate::data::note_missing(path);
        return Err(ApiError::Network("not fetched yet".to_owned()));
    }
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    read(response).await
}

/// A page only the server renders, as HTML (see
/// [`crate::components::server_page`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Fragment {
    /// The page's HTML, rendered and escaped by the server.
    pub html: String,
    /// The page's own title.
    pub title: String,
    /// The HTTP status of the page (404 and 410 pages are pages too).
    pub status: u16,
}

/// The header that asks the server for a page alone, without the shell.
pub const FRAGMENT_HEADER: &str = "X-Portal-Fragment";
/// The header of a fragment answer that carries the page's title
/// (percent-encoded UTF-8).
pub const TITLE_HEADER: &str = "X-Portal-Title";

/// `GET {address}` of a page only the server renders, as a fragment.
pub async fn page_fragment(address: &str) -> Result<Fragment, ApiError> {
    let response = Request::get(address)
        .header("Accept", "text/html")
        .header(FRAGMENT_HEADER, "1")
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    let status = response.status();
    let is_html = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_html || status >= 500 {
        return read::<serde::de::IgnoredAny>(response)
            .await
            .and_then(|_| Err(ApiError::Decode(format!("HTTP {status}: not a page"))));
    }
    let title = response
        .headers()
        .get(TITLE_HEADER)
        .map(|t| percent_decode(&t))
        .unwrap_or_default();
    let html = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    Ok(Fragment {
        html,
        title,
        status,
    })
}

/// Decodes `%E5%AE%89…` (UTF-8); a malformed escape is kept as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `GET /api/site/figures`.
pub async fn site_figures() -> Result<SiteFigures, ApiError> {
    get("/api/site/figures").await
}

/// `GET /api/site`.
pub async fn site_info() -> Result<SiteInfo, ApiError> {
    get("/api/site").await
}

/// Encodes pairs as a query string (`a=1&b=%E5%AE%89`).
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn decision_query_string(query: &DecisionQuery) -> String {
    let pairs = query.to_pairs();
    query_string(pairs.iter().map(|(k, v)| (*k, v.as_str())))
}

/// `GET /api/decisions?…`.
pub async fn search_decisions(query: &DecisionQuery) -> Result<DecisionPage, ApiError> {
    get(&format!("/api/decisions?{}", decision_query_string(query))).await
}

/// `GET /api/decisions/{id}`; a decision past its disclosure deadline is a 410.
pub async fn decision(id: i64) -> Result<DecisionDetail, ApiError> {
    get(&format!("/api/decisions/{id}")).await
}

/// The address of an export of every decision matching `query`.
pub fn decisions_export_url(query: &DecisionQuery, format: &str) -> String {
    let mut query = query.clone();
    query.page = 1;
    format!(
        "/api/decisions/export.{format}?{}",
        decision_query_string(&query)
    )
}

/// The address of the Atom feed of new decisions matching `query`'s
/// words and filters.
pub fn decisions_feed_url(query: &DecisionQuery) -> String {
    let mut query = query.clone();
    query.page = 1;
    query.sort = portal_types::decisions::DecisionSort::default();
    let text = decision_query_string(&query);
    if text.is_empty() {
        "/api/decisions/feed.atom".to_owned()
    } else {
        format!("/api/decisions/feed.atom?{text}")
    }
}

/// The address of the Atom feed of a list of typical cases, listings or
/// accident reports (`list` is the API's list path) with the same filters.
pub fn list_feed_url(list: &str, filters: &str) -> String {
    if filters.is_empty() {
        format!("{list}/feed.atom")
    } else {
        format!("{list}/feed.atom?{filters}")
    }
}

async fn post_json<B: serde::Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    headers: &[(&str, &str)],
) -> Result<T, ApiError> {
    let text = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
    let mut request = Request::post(path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json");
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request
        .body(text)
        .map_err(|e| ApiError::Decode(e.to_string()))?
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    read(response).await
}

/// `POST /api/reports` with an Idempotency-Key: a retry with the same key
/// and the same report never makes a second one.
pub async fn submit_report(report: &NewReport, idempotency_key: &str) -> Result<Receipt, ApiError> {
    post_json(
        "/api/reports",
        report,
        &[("Idempotency-Key", idempotency_key)],
    )
    .await
}

/// `POST /api/reports/status`.
pub async fn report_status(query: &StatusQuery) -> Result<ReportView, ApiError> {
    post_json("/api/reports/status", query, &[]).await
}

/// `GET /api/reports/recent?enterprise_id=…`.
pub async fn recent_reports(enterprise_id: i64) -> Result<RecentReports, ApiError> {
    get(&format!(
        "/api/reports/recent?enterprise_id={enterprise_id}"
    ))
    .await
}

/// `GET /api/enterprises?q=…`.
pub async fn match_enterprises(text: &str) -> Result<Vec<EnterpriseSummary>, ApiError> {
    get(&format!("/api/enterprises?{}", query_string([("q", text)]))).await
}

/// `DELETE /api/reports/photos/{token}`.
pub async fn delete_photo(token: &str) -> Result<(), ApiError> {
    let response = Request::delete(&format!("/api/reports/photos/{token}"))
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if response.ok() || response.status() == 404 {
        Ok(())
    } else {
        read::<serde::de::IgnoredAny>(response).await.map(|_| ())
    }
}

/// `POST /api/reports/photos`, reporting upload progress (0.0 to 1.0).
pub async fn upload_photo(
    file: &web_sys::File,
    on_progress: impl Fn(f64) + 'static,
) -> Result<UploadedPhoto, ApiError> {
    upload_file("/api/reports/photos", file, on_progress).await
}

/// `POST /api/blacklist/repair/documents`, reporting upload progress.
pub async fn upload_repair_document(
    file: &web_sys::File,
    on_progress: impl Fn(f64) + 'static,
) -> Result<portal_types::blacklist::repair::UploadedDocument, ApiError> {
    upload_file("/api/blacklist/repair/documents", file, on_progress).await
}

/// `POST /api/blacklist/repair`.
pub async fn apply_for_repair(
    application: &portal_types::blacklist::repair::NewRepairApplication,
) -> Result<portal_types::blacklist::repair::RepairReceipt, ApiError> {
    post_json("/api/blacklist/repair", application, &[]).await
}

/// `POST /api/blacklist/repair/status`.
pub async fn repair_status(
    query: &portal_types::blacklist::repair::RepairQuery,
) -> Result<portal_types::blacklist::repair::RepairView, ApiError> {
    post_json("/api/blacklist/repair/status", query, &[]).await
}

/// `POST /api/blacklist/repair/supplement`.
pub async fn supplement_repair(
    supplement: &portal_types::blacklist::repair::RepairSupplement,
) -> Result<portal_types::blacklist::repair::RepairView, ApiError> {
    post_json("/api/blacklist/repair/supplement", supplement, &[]).await
}

/// `GET /api/staff/repairs`.
pub async fn staff_repairs() -> Result<Vec<portal_types::blacklist::repair::RepairSummary>, ApiError>
{
    get("/api/staff/repairs").await
}

/// `GET /api/staff/repairs/{reference}`.
pub async fn staff_repair(
    reference: &str,
) -> Result<portal_types::blacklist::repair::RepairCase, ApiError> {
    get(&format!("/api/staff/repairs/{}", path_segment(reference))).await
}

/// The address of one document of an application.
pub fn staff_repair_document_url(reference: &str, id: i64) -> String {
    format!(
        "/api/staff/repairs/{}/documents/{id}",
        path_segment(reference)
    )
}

/// `POST path` with a file as the body, reporting upload progress (0.0 to
/// 1.0). XMLHttpRequest, because `fetch` reports no upload progress.
async fn upload_file<T: DeserializeOwned>(
    path: &str,
    file: &web_sys::File,
    on_progress: impl Fn(f64) + 'static,
) -> Result<T, ApiError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let xhr = web_sys::XmlHttpRequest::new()
        .map_err(|_| ApiError::Network("no XMLHttpRequest".to_owned()))?;
    xhr.open_with_async("POST", path, true)
        .map_err(|_| ApiError::Network("cannot open the request".to_owned()))?;
    let _ = xhr.set_request_header("Content-Type", &file.type_());
    let _ = xhr.set_request_header("Accept", "application/json");
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                on_progress(event.loaded() / event.total());
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        let resolve_load = resolve.clone();
        let on_load = Closure::once_into_js(move || {
            let _ = resolve_load.call1(&wasm_bindgen::JsValue::NULL, &wasm_bindgen::JsValue::TRUE);
        });
        let on_error = Closure::once_into_js(move || {
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &wasm_bindgen::JsValue::FALSE);
        });
        xhr.set_onload(Some(on_load.unchecked_ref()));
        xhr.set_onerror(Some(on_error.unchecked_ref()));
        xhr.set_onabort(Some(on_error.unchecked_ref()));
    });
    xhr.send_with_opt_blob(Some(file))
        .map_err(|_| ApiError::Network("cannot send the file".to_owned()))?;
    let loaded = wasm_bindgen_futures::JsFuture::from(done)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    drop(progress);
    if !loaded {
        return Err(ApiError::Network("the upload failed".to_owned()));
    }
    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))
    } else {
        let body = serde_json::from_str(&text).unwrap_or_else(|_| {
            ApiErrorBody::new(portal_types::ErrorCode::Unknown, format!("HTTP {status}"))
        });
        let retry_after = xhr
            .get_response_header("Retry-After")
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse().ok());
        Err(ApiError::Server {
            status,
            body,
            retry_after,
        })
    }
}

/// `GET /api/blacklist/check?q=…`.
pub async fn check_blacklist(text: &str) -> Result<CheckResult, ApiError> {
    get(&format!(
        "/api/blacklist/check?{}",
        query_string([("q", text)])
    ))
    .await
}

/// `GET /api/enterprises/{code}`.
pub async fn enterprise_profile(code: &str) -> Result<EnterpriseProfile, ApiError> {
    let code: String = form_urlencoded::byte_serialize(code.as_bytes()).collect();
    get(&format!("/api/enterprises/{code}")).await
}

/// `GET /api/blacklist/verify?code=…`.
pub async fn verify_check(code: &str) -> Result<Verification, ApiError> {
    get(&format!(
        "/api/blacklist/verify?{}",
        query_string([("code", code)])
    ))
    .await
}

/// `POST /api/blacklist/batch`.
pub async fn check_batch(lines: &[String]) -> Result<BatchResult, ApiError> {
    post_json(
        "/api/blacklist/batch",
        &BatchRequest {
            lines: lines.to_vec(),
        },
        &[],
    )
    .await
}

/// A file an editor imports decisions from: a CSV's text (decoded in the
/// browser from UTF-8 or GBK), or a workbook's bytes.
#[derive(Clone, Debug)]
pub enum ImportFile {
    Csv(String),
    Xlsx(Vec<u8>),
}

/// A batch check's answer as a file to download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchFile {
    Csv,
    Xlsx,
}

/// `POST /api/blacklist/batch.csv` or `.xlsx`, as the address of a
/// downloadable file.
pub async fn check_batch_file_url(lines: &[String], file: BatchFile) -> Result<String, ApiError> {
    let (path, media_type) = match file {
        BatchFile::Csv => ("/api/blacklist/batch.csv", "text/csv;charset=utf-8"),
        BatchFile::Xlsx => ("/api/blacklist/batch.xlsx", portal_types::XLSX_TYPE),
    };
    let body = serde_json::to_string(&BatchRequest {
        lines: lines.to_vec(),
    })
    .map_err(|e| ApiError::Decode(e.to_string()))?;
    let response = Request::post(path)
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|e| ApiError::Decode(e.to_string()))?
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        return read::<serde::de::IgnoredAny>(response)
            .await
            .map(|_| String::new());
    }
    let bytes = response
        .binary()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| ApiError::Decode("cannot make the file".to_owned()))?;
    web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| ApiError::Decode("cannot make the file".to_owned()))
}

/// `GET /api/blacklist/listed?page=…`.
pub async fn listed_enterprises(page: u32) -> Result<ListedPage, ApiError> {
    get(&format!("/api/blacklist/listed?page={page}")).await
}

fn path_segment(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// `GET /api/education`.
pub async fn education_index() -> Result<EducationIndex, ApiError> {
    get("/api/education").await
}

/// `GET /api/education/articles?…`.
pub async fn education_articles(query: &ArticleQuery) -> Result<ArticleList, ApiError> {
    let provision = query.provision.as_ref().map(Provision::compact);
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if let Some(q) = &query.q {
        pairs.push(("q", q));
    }
    if let Some(topic) = query.topic {
        pairs.push(("topic", topic.slug()));
    }
    if let Some(provision) = &provision {
        pairs.push(("provision", provision));
    }
    get(&format!("/api/education/articles?{}", query_string(pairs))).await
}

/// `GET /api/education/articles/{slug}`.
pub async fn education_article(slug: &str) -> Result<Article, ApiError> {
    get(&format!("/api/education/articles/{}", path_segment(slug))).await
}

/// `GET /api/education/quizzes/{slug}`.
pub async fn education_quiz(slug: &str) -> Result<Quiz, ApiError> {
    get(&format!("/api/education/quizzes/{}", path_segment(slug))).await
}

/// Sends `method path` with an optional JSON body and headers; reads the
/// JSON answer.
async fn send_json<B: serde::Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
    headers: &[(&str, &str)],
) -> Result<T, ApiError> {
    read(send(method, path, body, headers).await?).await
}

/// Sends a request whose success answer has no body (204).
async fn send_no_answer<B: serde::Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
    headers: &[(&str, &str)],
) -> Result<(), ApiError> {
    let response = send(method, path, body, headers).await?;
    if response.ok() {
        Ok(())
    } else {
        read::<serde::de::IgnoredAny>(response).await.map(|_| ())
    }
}

async fn send<B: serde::Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
    headers: &[(&str, &str)],
) -> Result<Response, ApiError> {
    let mut request = gloo_net::http::RequestBuilder::new(path)
        .method(method)
        .header("Accept", "application/json");
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let request = match body {
        Some(body) => {
            let text = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
            request
                .header("Content-Type", "application/json")
                .body(text)
        }
        None => request.build(),
    }
    .map_err(|e| ApiError::Decode(e.to_string()))?;
    request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// The staff calls that change something, each sent with the session's
/// CSRF token: a page makes one from the session `StaffGate` gives it and
/// never handles the token itself. `Copy`, so that forms and their actions
/// can each hold it.
#[derive(Clone, Copy)]
pub struct StaffApi {
    csrf: StoredValue<String>,
}

impl StaffApi {
    /// The calls of this session.
    pub fn new(session: &Session) -> Self {
        Self {
            csrf: StoredValue::new(session.csrf_token.clone()),
        }
    }

    /// A call with the session's CSRF token, read when the call is made
    /// (not when its future is first polled), while the page that holds
    /// this value is surely alive. A JSON body or none; a JSON answer.
    fn call<B: serde::Serialize, T: DeserializeOwned>(
        self,
        method: Method,
        path: String,
        body: Option<B>,
    ) -> impl Future<Output = Result<T, ApiError>> {
        let token = self.csrf.get_value();
        async move { send_json(method, &path, body.as_ref(), &[(CSRF_HEADER, &token)]).await }
    }

    /// As [`Self::call`], for an answer without a body (204).
    fn call_no_answer<B: serde::Serialize>(
        self,
        method: Method,
        path: String,
        body: Option<&B>,
    ) -> impl Future<Output = Result<(), ApiError>> {
        let token = self.csrf.get_value();
        async move { send_no_answer(method, &path, body, &[(CSRF_HEADER, &token)]).await }
    }

    /// `POST /api/staff/repairs/{reference}/decision`.
    pub fn decide_repair(
        self,
        reference: &str,
        decision: &portal_types::blacklist::repair::RepairDecision,
    ) -> impl Future<Output = Result<portal_types::blacklist::repair::RepairCase, ApiError>> {
        let path = format!("/api/staff/repairs/{}/decision", path_segment(reference));
        self.call(Method::POST, path, Some(decision))
    }

    /// `DELETE /api/staff/session`: signs out.
    pub fn sign_out(self) -> impl Future<Output = Result<(), ApiError>> {
        self.call_no_answer::<()>(Method::DELETE, "/api/staff/session".to_owned(), None)
    }

    /// `PUT /api/staff/password`.
    pub fn change_password(
        self,
        change: &PasswordChange,
    ) -> impl Future<Output = Result<(), ApiError>> {
        self.call_no_answer(Method::PUT, "/api/staff/password".to_owned(), Some(change))
    }

    /// `POST /api/staff/accounts`.
    pub fn create_account(
        self,
        account: &NewAccount,
    ) -> impl Future<Output = Result<IssuedPassword, ApiError>> {
        self.call(
            Method::POST,
            "/api/staff/accounts".to_owned(),
            Some(account),
        )
    }

    /// `POST /api/staff/accounts/{id}/disable` or `…/enable`.
    pub fn set_disabled(
        self,
        id: i64,
        disabled: bool,
    ) -> impl Future<Output = Result<Account, ApiError>> {
        let action = if disabled { "disable" } else { "enable" };
        let path = format!("/api/staff/accounts/{id}/{action}");
        self.call::<(), _>(Method::POST, path, None)
    }

    /// `POST /api/staff/accounts/{id}/reset-password`.
    pub fn reset_password(self, id: i64) -> impl Future<Output = Result<IssuedPassword, ApiError>> {
        let path = format!("/api/staff/accounts/{id}/reset-password");
        self.call::<(), _>(Method::POST, path, None)
    }

    /// `POST /api/staff/reports/{reference}/status`.
    pub fn case_status(
        self,
        reference: &str,
        change: &StatusChange,
    ) -> impl Future<Output = Result<CaseDetail, ApiError>> {
        let path = format!("/api/staff/reports/{}/status", path_segment(reference));
        self.call(Method::POST, path, Some(change))
    }

    /// `POST /api/staff/reports/{reference}/decision`.
    pub fn case_link(
        self,
        reference: &str,
        link: &DecisionLink,
    ) -> impl Future<Output = Result<CaseDetail, ApiError>> {
        let path = format!("/api/staff/reports/{}/decision", path_segment(reference));
        self.call(Method::POST, path, Some(link))
    }

    /// `POST /api/staff/reports/{reference}/reward`.
    pub fn case_reward(
        self,
        reference: &str,
        decision: &RewardDecision,
    ) -> impl Future<Output = Result<CaseDetail, ApiError>> {
        let path = format!("/api/staff/reports/{}/reward", path_segment(reference));
        self.call(Method::POST, path, Some(decision))
    }

    /// `POST /api/staff/reports/{reference}/paid`.
    pub fn case_paid(
        self,
        reference: &str,
        paid: &RewardPaid,
    ) -> impl Future<Output = Result<CaseDetail, ApiError>> {
        let path = format!("/api/staff/reports/{}/paid", path_segment(reference));
        self.call(Method::POST, path, Some(paid))
    }

    /// `POST /api/staff/reports/{reference}/reporter` (logged).
    pub fn case_reporter(
        self,
        reference: &str,
    ) -> impl Future<Output = Result<Option<Reporter>, ApiError>> {
        let path = format!("/api/staff/reports/{}/reporter", path_segment(reference));
        self.call::<(), _>(Method::POST, path, None)
    }

    /// `POST /api/staff/decisions/import` with a CSV or a workbook in the
    /// disclosure layout.
    pub fn import_decisions(
        self,
        file: ImportFile,
    ) -> impl Future<Output = Result<Imported, ApiError>> {
        let token = self.csrf.get_value();
        async move {
            let (content_type, body): (&str, wasm_bindgen::JsValue) = match file {
                ImportFile::Csv(text) => ("text/csv; charset=utf-8", text.into()),
                ImportFile::Xlsx(bytes) => (
                    portal_types::XLSX_TYPE,
                    js_sys::Uint8Array::from(bytes.as_slice()).into(),
                ),
            };
            let response = Request::post("/api/staff/decisions/import")
                .header("Accept", "application/json")
                .header("Content-Type", content_type)
                .header(CSRF_HEADER, &token)
                .body(body)
                .map_err(|e| ApiError::Decode(e.to_string()))?
                .send()
                .await
                .map_err(|e| ApiError::Network(e.to_string()))?;
            read(response).await
        }
    }

    /// `POST /api/staff/decisions/{id}/revoke`.
    pub fn revoke_decision(
        self,
        id: i64,
        reason: &str,
    ) -> impl Future<Output = Result<i64, ApiError>> {
        let body = serde_json::json!({ "reason": reason });
        self.call(
            Method::POST,
            format!("/api/staff/decisions/{id}/revoke"),
            Some(body),
        )
    }

    /// `POST /api/staff/blacklist`.
    pub fn add_listing(
        self,
        listing: &portal_types::staff::listings::NewListing,
    ) -> impl Future<Output = Result<portal_types::staff::listings::ListingChanged, ApiError>> {
        self.call(
            Method::POST,
            "/api/staff/blacklist".to_owned(),
            Some(listing),
        )
    }

    /// `POST /api/staff/blacklist/remove`.
    pub fn remove_listing(
        self,
        removal: &portal_types::staff::listings::Removal,
    ) -> impl Future<Output = Result<portal_types::staff::listings::ListingChanged, ApiError>> {
        let path = "/api/staff/blacklist/remove".to_owned();
        self.call(Method::POST, path, Some(removal))
    }

    /// `PUT /api/staff/decisions/{id}`: a correction, as a new version.
    pub fn edit_decision(
        self,
        id: i64,
        edit: &portal_types::staff::decisions::DecisionEdit,
    ) -> impl Future<Output = Result<DecisionDetail, ApiError>> {
        self.call(
            Method::PUT,
            format!("/api/staff/decisions/{id}"),
            Some(edit),
        )
    }

    /// `POST /api/staff/reports/{reference}/extend`.
    pub fn case_extend(
        self,
        reference: &str,
        reason: &Extension,
    ) -> impl Future<Output = Result<CaseDetail, ApiError>> {
        let path = format!("/api/staff/reports/{}/extend", path_segment(reference));
        self.call(Method::POST, path, Some(reason))
    }

    /// `POST /api/staff/articles/preview`: the sanitised rendering.
    pub fn article_preview(
        self,
        markdown: &str,
    ) -> impl Future<Output = Result<portal_types::staff::articles::Preview, ApiError>> {
        let request = portal_types::staff::articles::PreviewRequest {
            markdown: markdown.to_owned(),
        };
        self.call(
            Method::POST,
            "/api/staff/articles/preview".to_owned(),
            Some(request),
        )
    }

    /// `PUT /api/staff/articles/{slug}`.
    pub fn article_save(
        self,
        slug: &str,
        source: &portal_types::staff::articles::ArticleSource,
    ) -> impl Future<Output = Result<Article, ApiError>> {
        let path = format!("/api/staff/articles/{}", path_segment(slug));
        self.call(Method::PUT, path, Some(source))
    }

    /// `POST /api/staff/exposed-cases`, or `PUT …/{id}`.
    pub fn save_case(
        self,
        id: Option<i64>,
        input: &ExposedCaseInput,
    ) -> impl Future<Output = Result<Saved, ApiError>> {
        let (method, path) = create_or_update("/api/staff/exposed-cases", id);
        self.call(method, path, Some(input))
    }

    /// `POST /api/staff/hazard-listings`, or `PUT …/{id}`.
    pub fn save_hazard_listing(
        self,
        id: Option<i64>,
        input: &ListingInput,
    ) -> impl Future<Output = Result<Saved, ApiError>> {
        let (method, path) = create_or_update("/api/staff/hazard-listings", id);
        self.call(method, path, Some(input))
    }

    /// `POST /api/staff/hazard-listings/{id}/steps`.
    pub fn listing_step(
        self,
        id: i64,
        step: &StepInput,
    ) -> impl Future<Output = Result<portal_types::enforcement::HazardStatus, ApiError>> {
        let path = format!("/api/staff/hazard-listings/{id}/steps");
        self.call(Method::POST, path, Some(step))
    }

    /// `POST /api/staff/accident-reports`, or `PUT …/{id}` (a new version).
    pub fn save_accident(
        self,
        id: Option<i64>,
        input: &AccidentInput,
    ) -> impl Future<Output = Result<Saved, ApiError>> {
        let (method, path) = create_or_update("/api/staff/accident-reports", id);
        self.call(method, path, Some(input))
    }

    /// `PUT /api/staff/accident-reports/{id}/assessment`.
    pub fn assess(
        self,
        id: i64,
        input: &AssessmentInput,
    ) -> impl Future<Output = Result<(), ApiError>> {
        let path = format!("/api/staff/accident-reports/{id}/assessment");
        self.call_no_answer(Method::PUT, path, Some(input))
    }
}

/// `GET /api/staff/session`: who is signed in (401 when nobody).
pub async fn staff_session() -> Result<Session, ApiError> {
    get("/api/staff/session").await
}

/// `POST /api/staff/session`: signs in; the browser keeps the cookie.
pub async fn staff_sign_in(sign_in: &SignIn) -> Result<Session, ApiError> {
    post_json("/api/staff/session", sign_in, &[]).await
}

/// `GET /api/staff/accounts`.
pub async fn staff_accounts() -> Result<AccountList, ApiError> {
    get("/api/staff/accounts").await
}

/// `GET /api/staff/audit?actor=&action=&page=`.
pub async fn staff_audit(actor: &str, action: &str, page: u32) -> Result<AuditPage, ApiError> {
    let page = page.to_string();
    let mut pairs = vec![("page", page.as_str())];
    if !actor.is_empty() {
        pairs.push(("actor", actor));
    }
    if !action.is_empty() {
        pairs.push(("action", action));
    }
    get(&format!("/api/staff/audit?{}", query_string(pairs))).await
}

/// `GET /api/staff/reports?…` (the query string as the page's address has it).
pub async fn staff_case_queue(query: &str) -> Result<CaseQueue, ApiError> {
    get(&format!("/api/staff/reports?{query}")).await
}

/// `GET /api/staff/reports/{reference}`.
pub async fn staff_case(reference: &str) -> Result<CaseDetail, ApiError> {
    get(&format!("/api/staff/reports/{}", path_segment(reference))).await
}

/// The address of a case's photo.
pub fn staff_case_photo_url(reference: &str, position: u32) -> String {
    format!(
        "/api/staff/reports/{}/photos/{position}",
        path_segment(reference)
    )
}

pub use portal_types::staff::decisions::Imported;

/// `GET /api/staff/articles`.
pub async fn staff_articles() -> Result<ArticleList, ApiError> {
    get("/api/staff/articles").await
}

/// `GET /api/staff/articles/{slug}`.
pub async fn staff_article_source(
    slug: &str,
) -> Result<portal_types::staff::articles::ArticleSource, ApiError> {
    get(&format!("/api/staff/articles/{}", path_segment(slug))).await
}

// --- enforcement records ------------------------------------------------------

/// `GET /api/exposed-cases?…` (the query string as the page's URL has it).
pub async fn exposed_cases(query: &str) -> Result<ExposedCasePage, ApiError> {
    get(&format!("/api/exposed-cases?{query}")).await
}

/// `GET /api/exposed-cases/{id}`.
pub async fn exposed_case(id: i64) -> Result<ExposedCase, ApiError> {
    get(&format!("/api/exposed-cases/{id}")).await
}

/// `GET /api/hazard-listings?…`.
pub async fn hazard_listings(query: &str) -> Result<HazardListingPage, ApiError> {
    get(&format!("/api/hazard-listings?{query}")).await
}

/// `GET /api/licences?…`.
pub async fn licences(query: &str) -> Result<portal_types::licences::LicencePage, ApiError> {
    get(&format!("/api/licences?{query}")).await
}

/// `GET /api/licences/{id}`.
pub async fn licence(id: i64) -> Result<portal_types::licences::Licence, ApiError> {
    get(&format!("/api/licences/{id}")).await
}

/// `GET /api/hazard-listings/{id}`.
pub async fn hazard_listing(id: i64) -> Result<HazardListing, ApiError> {
    get(&format!("/api/hazard-listings/{id}")).await
}

/// `GET /api/accident-reports?…`.
pub async fn accident_reports(query: &str) -> Result<AccidentPage, ApiError> {
    get(&format!("/api/accident-reports?{query}")).await
}

/// `GET /api/accident-reports/{id}` at a version (the latest if None).
pub async fn accident_report(id: i64, version: Option<i64>) -> Result<AccidentReport, ApiError> {
    match version {
        Some(v) => get(&format!("/api/accident-reports/{id}?version={v}")).await,
        None => get(&format!("/api/accident-reports/{id}")).await,
    }
}

/// `GET /api/statistics`.
pub async fn statistics() -> Result<Statistics, ApiError> {
    get("/api/statistics").await
}

/// The address of one chart's table as `csv` or `xlsx`.
pub fn statistics_export_url(chart: Chart, format: &str) -> String {
    format!("/api/statistics/export.{format}?chart={}", chart.slug())
}

fn create_or_update(base: &str, id: Option<i64>) -> (Method, String) {
    match id {
        Some(id) => (Method::PUT, format!("{base}/{id}")),
        None => (Method::POST, base.to_owned()),
    }
}

/// `GET /api/staff/exposed-cases/{id}`: a case's fields, for editing.
pub async fn staff_case_source(id: i64) -> Result<ExposedCaseInput, ApiError> {
    get(&format!("/api/staff/exposed-cases/{id}")).await
}
