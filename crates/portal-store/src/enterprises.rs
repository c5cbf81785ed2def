//! The enterprise directory.

use portal_types::enterprises::EnterpriseSummary;

use super::Store;
use super::StoreError;
use crate::Dialect;

impl Store {
    /// Enterprises whose name contains `text`, or whose credit code starts
    /// with it, best first (names starting with the text, then shorter names).
    pub async fn match_enterprises(
        &self,
        text: &str,
        limit: u32,
    ) -> Result<Vec<EnterpriseSummary>, StoreError> {
        on_db!(self, |pool| {
            let escaped: String = text
                .chars()
                .flat_map(|c| match c {
                    '%' | '_' | '\\' => vec!['\\', c],
                    other => vec![other],
                })
                .collect();
            // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's
            // ILIKE does the same.
            sqlx::query_as(pool.pick(
                "SELECT id, name, credit_code, district FROM enterprises
             WHERE name LIKE '%' || $1 || '%' ESCAPE '\\' OR credit_code LIKE $2 || '%' ESCAPE '\\'
             ORDER BY (name LIKE $1 || '%' ESCAPE '\\') DESC, length(name), name
             LIMIT $3",
                "SELECT id, name, credit_code, district FROM enterprises
             WHERE name ILIKE '%' || $1 || '%' ESCAPE '\\' OR credit_code LIKE $2 || '%' ESCAPE '\\'
             ORDER BY (name ILIKE $1 || '%' ESCAPE '\\') DESC, length(name), name
             LIMIT $3",
            ))
            .bind(&escaped)
            .bind(escaped.to_ascii_uppercase())
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await
            .map_err(StoreError::from)
        })
    }
}
