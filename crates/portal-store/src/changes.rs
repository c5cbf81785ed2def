//! The change log: what in-memory indexes are built from, and when it
//! changed. A write that changes such a subject records it in its own
//! transaction (taken with [`crate::Dialect::begin_write`], so that ids are
//! committed in order); every instance sharing the database reads the log
//! and rebuilds what it holds.

use chrono::{DateTime, Utc};

use super::Store;
use super::StoreError;

/// What an instance holds in memory, built from the records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The search index of penalty decisions.
    Decisions,
    /// The index of enterprise names.
    Enterprises,
    /// The education library (articles with their staff edits, quizzes).
    Education,
}

impl Subject {
    /// Every subject.
    pub const ALL: [Subject; 3] = [Subject::Decisions, Subject::Enterprises, Subject::Education];

    /// The name the log keeps.
    pub fn slug(self) -> &'static str {
        match self {
            Subject::Decisions => "decisions",
            Subject::Enterprises => "enterprises",
            Subject::Education => "education",
        }
    }

    fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Recording a change in the transaction that makes it.
pub(crate) trait LogChange {
    async fn log_change(&mut self, subject: Subject) -> Result<(), StoreError>;
}

impl_for_transactions!(LogChange {
    async fn log_change(&mut self, subject: Subject) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO change_log (subject, at) VALUES ($1, $2)")
            .bind(subject.slug())
            .bind(Utc::now())
            .execute(&mut **self)
            .await?;
        Ok(())
    }
});

impl Store {
    /// The number of the last change recorded (0 before any).
    pub async fn last_change(&self) -> Result<i64, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_scalar("SELECT CAST(coalesce(max(id), 0) AS BIGINT) FROM change_log")
                .fetch_one(pool)
                .await
                .map_err(StoreError::from)
        })
    }

    /// The subjects changed after change number `after`, each with the
    /// number of its last change.
    pub async fn changes_after(&self, after: i64) -> Result<Vec<(Subject, i64)>, StoreError> {
        on_db!(self, |pool| {
            let rows: Vec<(String, i64)> = sqlx::query_as(
                "SELECT subject, CAST(max(id) AS BIGINT) FROM change_log WHERE id > $1
                 GROUP BY subject",
            )
            .bind(after)
            .fetch_all(pool)
            .await?;
            rows.into_iter()
                .map(|(slug, id)| {
                    Subject::from_slug(&slug)
                        .map(|s| (s, id))
                        .ok_or_else(|| StoreError::corrupt(format!("change subject {slug:?}")))
                })
                .collect()
        })
    }

    /// Forgets changes recorded before `before` (every instance has read
    /// them long since), keeping the last one, whose number the indexes
    /// built now carry as their generation.
    pub async fn purge_change_log(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        on_db!(self, |pool| {
            let done = sqlx::query(
                "DELETE FROM change_log WHERE at < $1
                 AND id < (SELECT max(id) FROM change_log)",
            )
            .bind(before)
            .execute(pool)
            .await?;
            Ok(done.rows_affected())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subject_reads_back_from_its_slug() {
        for subject in Subject::ALL {
            assert_eq!(Subject::from_slug(subject.slug()), Some(subject));
        }
        assert_eq!(Subject::from_slug("weather"), None);
    }
}
