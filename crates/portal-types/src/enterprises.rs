//! The enterprise directory, as the public sees it.

use serde::{Deserialize, Serialize};

use crate::reference::District;

/// An enterprise in a list: enough to recognise and pick it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseSummary {
    pub id: i64,
    pub name: String,
    pub credit_code: String,
    pub district: District,
}
