//! Types shared by the portal's browser app and its API server.
//!
//! Everything here is plain data plus the parsers that turn untrusted input
//! into it. The crate depends on serde, chrono and thiserror only (utoipa
//! behind the `openapi` feature, for the server's documentation), so that it
//! compiles unchanged for the browser and the server.
//!
//! - [`enterprises`]: the enterprise directory.
//! - [`error`]: the one JSON error shape every API failure answers with.
//! - [`field_error`]: typed field errors (`{code, params, message}`).
//! - [`blacklist`]: checking enterprises against the work-safety blacklist.
//! - [`credit_code`]: the Unified Social Credit Code (GB 32100-2015) parser.
//! - [`reference`]: districts of Jinan and the industries the policy names.
//! - [`decisions`]: penalty decisions and their search.
//! - [`education`]: safety articles, quizzes and the provisions they explain.
//! - [`enforcement`]: typical cases, listed major hazards, accident reports, statistics.
//! - [`reports`]: hazard reports, receipts, status and the reward rules.
//! - [`site`]: the small read models of the site itself (health, figures).
//! - [`staff`]: staff accounts, roles, sessions and the audit log.
//! - [`text`]: normalising text for matching.
//! - [`time`]: dates and instants on the wire, read without chrono's format parser.

#[macro_use]
mod macros;

pub mod blacklist;
pub mod credit_code;
pub mod decisions;
pub mod education;
pub mod enforcement;
pub mod enterprises;
pub mod error;
pub mod field_error;
pub mod licences;
pub mod money;
pub mod reference;
pub mod reports;
pub mod site;
pub mod staff;
pub mod text;
pub mod time;

/// The media type of an Excel workbook (`.xlsx`): what exports answer and
/// imports accept, on the server and in the app.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub use credit_code::{CreditCode, CreditCodeError};
pub use error::{ApiErrorBody, ErrorCode};
pub use field_error::{FieldError, FieldErrors, Problem};
pub use reference::{District, Industry, PenaltyCategory};
