//! The enterprise directory.

use portal_types::enterprises::EnterpriseSummary;

use super::Store;
use super::StoreError;

impl Store {
    /// Enterprises whose name contains `text`, or whose credit code starts
    /// with it, best first (names starting with the text, then shorter names).
    pub async fn match_enterprises(
        &self,
        text: &str,
        limit: u32,
    ) -> Result<Vec<EnterpriseSummary>, StoreError> {
        let escaped: String = text
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                other => vec![other],
            })
            .collect();
        sqlx::query_as(
            "SELECT id, name, credit_code, district FROM enterprises
             WHERE name LIKE '%' || $1 || '%' ESCAPE '\\' OR credit_code LIKE $2 || '%' ESCAPE '\\'
             ORDER BY (name LIKE $1 || '%' ESCAPE '\\') DESC, length(name), name
             LIMIT $3",
        )
        .bind(&escaped)
        .bind(escaped.to_ascii_uppercase())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)
    }
}
