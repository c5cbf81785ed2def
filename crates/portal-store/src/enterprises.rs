//! The enterprise directory.

use portal_types::District;
use portal_types::enterprises::EnterpriseSummary;
use sqlx::Row;

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
        let rows = sqlx::query(
            "SELECT id, name, credit_code, district FROM enterprises
             WHERE name LIKE '%' || ?1 || '%' ESCAPE '\\' OR credit_code LIKE ?2 || '%' ESCAPE '\\'
             ORDER BY (name LIKE ?1 || '%' ESCAPE '\\') DESC, length(name), name
             LIMIT ?3",
        )
        .bind(&escaped)
        .bind(escaped.to_ascii_uppercase())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let district: String = row.try_get("district")?;
                Ok(EnterpriseSummary {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    credit_code: row.try_get("credit_code")?,
                    district: District::from_slug(&district)
                        .ok_or_else(|| StoreError::corrupt("unknown district"))?,
                })
            })
            .collect()
    }
}
