//! Education content: written from the shipped files at start, read back
//! into the in-memory library.

use chrono::{NaiveDate, Utc};
use portal_types::education::{
    ArticleSummary, Provision, Question, Quiz, QuizSummary, TocEntry, Topic,
};
use sqlx::types::Json;

use super::Store;
use super::StoreError;
use super::records::ArticleRecord;
use crate::Dialect;
use crate::changes::{LogChange, Subject};

/// An article as stored.
#[derive(sqlx::FromRow)]
struct ArticleRow {
    slug: String,
    topic: Topic,
    title: String,
    title_en: String,
    summary: String,
    summary_en: String,
    reviewed_on: NaiveDate,
    provisions: Json<Vec<Provision>>,
    markdown: String,
    html: String,
    toc: Json<Vec<TocEntry>>,
    plain_text: String,
    #[sqlx(try_from = "i64")]
    reading_minutes: u32,
}

/// A quiz as stored.
#[derive(sqlx::FromRow)]
struct QuizRow {
    slug: String,
    topic: Topic,
    title: String,
    title_en: String,
    summary: String,
    summary_en: String,
    questions: Json<Vec<Question>>,
}

impl Store {
    /// Makes the stored content exactly `articles` and `quizzes`, in one
    /// transaction: rows are inserted or updated, and rows whose file is
    /// gone are deleted.
    pub async fn sync_education(
        &self,
        articles: &[ArticleRecord],
        quizzes: &[Quiz],
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let now = Utc::now();
            // Several instances may start at once: one writes at a time.
            let mut tx = pool.begin_write().await?;
            sqlx::query("CREATE TEMP TABLE IF NOT EXISTS kept_slugs (slug TEXT PRIMARY KEY)")
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM kept_slugs")
                .execute(&mut *tx)
                .await?;
            for article in articles {
                let s = &article.summary;
                sqlx::query(
                "INSERT INTO education_articles (slug, topic, title, title_en, summary, summary_en,
                     reviewed_on, provisions, markdown, html, toc, plain_text, reading_minutes, loaded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                 ON CONFLICT (slug) DO UPDATE SET
                     topic = excluded.topic, title = excluded.title, title_en = excluded.title_en,
                     summary = excluded.summary, summary_en = excluded.summary_en,
                     reviewed_on = excluded.reviewed_on, provisions = excluded.provisions,
                     markdown = excluded.markdown, html = excluded.html, toc = excluded.toc,
                     plain_text = excluded.plain_text, reading_minutes = excluded.reading_minutes,
                     loaded_at = excluded.loaded_at
                 WHERE education_articles.markdown IS DISTINCT FROM excluded.markdown OR education_articles.html IS DISTINCT FROM excluded.html
                     OR education_articles.provisions IS DISTINCT FROM excluded.provisions OR education_articles.title IS DISTINCT FROM excluded.title
                     OR education_articles.title_en IS DISTINCT FROM excluded.title_en OR education_articles.summary IS DISTINCT FROM excluded.summary
                     OR education_articles.summary_en IS DISTINCT FROM excluded.summary_en OR education_articles.topic IS DISTINCT FROM excluded.topic
                     OR education_articles.reviewed_on IS DISTINCT FROM excluded.reviewed_on",
            )
            .bind(&s.slug)
            .bind(s.topic)
            .bind(&s.title)
            .bind(&s.title_en)
            .bind(&s.summary)
            .bind(&s.summary_en)
            .bind(s.reviewed_on)
            .bind(Json(&s.provisions))
            .bind(&article.markdown)
            .bind(&article.html)
            .bind(Json(&article.toc))
            .bind(&article.plain_text)
            .bind(i64::from(s.reading_minutes))
            .bind(now)
            .execute(&mut *tx)
            .await?;
                sqlx::query("INSERT INTO kept_slugs (slug) VALUES ($1) ON CONFLICT DO NOTHING")
                    .bind(&s.slug)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "DELETE FROM education_articles WHERE slug NOT IN (SELECT slug FROM kept_slugs)",
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM kept_slugs")
                .execute(&mut *tx)
                .await?;
            for quiz in quizzes {
                let s = &quiz.summary;
                sqlx::query(
                "INSERT INTO education_quizzes (slug, topic, title, title_en, summary, summary_en,
                     questions, loaded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (slug) DO UPDATE SET
                     topic = excluded.topic, title = excluded.title, title_en = excluded.title_en,
                     summary = excluded.summary, summary_en = excluded.summary_en,
                     questions = excluded.questions, loaded_at = excluded.loaded_at
                 WHERE education_quizzes.questions IS DISTINCT FROM excluded.questions OR education_quizzes.title IS DISTINCT FROM excluded.title
                     OR education_quizzes.title_en IS DISTINCT FROM excluded.title_en OR education_quizzes.summary IS DISTINCT FROM excluded.summary
                     OR education_quizzes.summary_en IS DISTINCT FROM excluded.summary_en OR education_quizzes.topic IS DISTINCT FROM excluded.topic",
            )
            .bind(&s.slug)
            .bind(s.topic)
            .bind(&s.title)
            .bind(&s.title_en)
            .bind(&s.summary)
            .bind(&s.summary_en)
            .bind(Json(&quiz.questions))
            .bind(now)
            .execute(&mut *tx)
            .await?;
                sqlx::query("INSERT INTO kept_slugs (slug) VALUES ($1) ON CONFLICT DO NOTHING")
                    .bind(&s.slug)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "DELETE FROM education_quizzes WHERE slug NOT IN (SELECT slug FROM kept_slugs)",
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query("DROP TABLE kept_slugs")
                .execute(&mut *tx)
                .await?;
            tx.commit().await.map_err(StoreError::from)
        })
    }

    /// Every stored article.
    pub async fn education_articles(&self) -> Result<Vec<ArticleRecord>, StoreError> {
        on_db!(self, |pool| {
            let rows: Vec<ArticleRow> = sqlx::query_as(
                "SELECT slug, topic, title, title_en, summary, summary_en, reviewed_on, provisions,
                    markdown, html, toc, plain_text, reading_minutes
             FROM education_articles ORDER BY slug",
            )
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|row| ArticleRecord {
                    summary: ArticleSummary {
                        slug: row.slug,
                        topic: row.topic,
                        title: row.title,
                        title_en: row.title_en,
                        summary: row.summary,
                        summary_en: row.summary_en,
                        reviewed_on: row.reviewed_on,
                        reading_minutes: row.reading_minutes,
                        provisions: row.provisions.0,
                        excerpt: None,
                    },
                    markdown: row.markdown,
                    html: row.html,
                    toc: row.toc.0,
                    plain_text: row.plain_text,
                })
                .collect())
        })
    }

    /// Every stored quiz.
    pub async fn education_quizzes(&self) -> Result<Vec<Quiz>, StoreError> {
        on_db!(self, |pool| {
            let rows: Vec<QuizRow> = sqlx::query_as(
                "SELECT slug, topic, title, title_en, summary, summary_en, questions
             FROM education_quizzes ORDER BY slug",
            )
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|row| Quiz {
                    summary: QuizSummary {
                        slug: row.slug,
                        topic: row.topic,
                        title: row.title,
                        title_en: row.title_en,
                        summary: row.summary,
                        summary_en: row.summary_en,
                        question_count: u32::try_from(row.questions.len()).unwrap_or(u32::MAX),
                    },
                    questions: row.questions.0,
                })
                .collect())
        })
    }
}

/// A staff edit of an article.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ArticleEdit {
    pub slug: String,
    #[sqlx(flatten)]
    pub source: portal_types::staff::articles::ArticleSource,
}

impl Store {
    /// Every staff edit of an article.
    pub async fn article_edits(&self) -> Result<Vec<ArticleEdit>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT slug, title, title_en, summary, summary_en, markdown, reviewed_on
             FROM education_article_edits",
            )
            .fetch_all(pool)
            .await
            .map_err(StoreError::from)
        })
    }

    /// Stores an edit (replacing an earlier one) with its audit entry.
    pub async fn save_article_edit(
        &self,
        edit: &ArticleEdit,
        before: Option<String>,
        audit: super::staff::Audit<'_>,
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let s = &edit.source;
            sqlx::query(
                "INSERT INTO education_article_edits (slug, title, title_en, summary, summary_en,
                 markdown, reviewed_on, edited_by, edited_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (slug) DO UPDATE SET title = excluded.title, title_en = excluded.title_en,
                 summary = excluded.summary, summary_en = excluded.summary_en,
                 markdown = excluded.markdown, reviewed_on = excluded.reviewed_on,
                 edited_by = excluded.edited_by, edited_at = excluded.edited_at",
            )
            .bind(&edit.slug)
            .bind(&s.title)
            .bind(&s.title_en)
            .bind(&s.summary)
            .bind(&s.summary_en)
            .bind(&s.markdown)
            .bind(s.reviewed_on)
            .bind(&audit.actor.0)
            .bind(Utc::now())
            .execute(&mut *tx)
            .await?;
            super::staff::write_audit(
                &mut tx,
                &super::staff::Audit {
                    before,
                    after: Some(serde_json::to_string(s).unwrap_or_default()),
                    ..audit
                },
            )
            .await?;
            tx.log_change(Subject::Education).await?;
            tx.commit().await.map_err(StoreError::from)
        })
    }
}
