//! Safety education: the shipped articles and quizzes, stored in the
//! database at start and served from memory.
//!
//! - [`content`]: reads and checks the files under `content/`.
//! - [`render`]: Markdown to sanitised HTML, with a table of contents.
//! - [`Library`]: what the routes answer from: lists, search, related
//!   articles. Loaded from the database, which holds the content of record.
//!
//! There are a few dozen articles, so search is a scan of their folded text:
//! it finds any run of characters (two-character Chinese words included)
//! in well under a millisecond, with no index to keep in step.

pub mod content;
pub mod render;

use std::collections::HashMap;

use portal_store::Store;
use portal_types::education::{
    Article, ArticleQuery, ArticleSummary, EducationIndex, Provision, Quiz, QuizSummary, Topic,
    TopicSummary,
};
use portal_types::text::fold;

pub use portal_store::records::ArticleRecord;

/// Applies staff edits to the articles read from the files: an edit
/// replaces its article's title, summary and text unless the file was
/// reviewed later than the edit (then the file wins).
pub fn apply_edits(articles: &mut [ArticleRecord], edits: &[portal_store::education::ArticleEdit]) {
    for edit in edits {
        if let Some(article) = articles.iter_mut().find(|a| a.summary.slug == edit.slug)
            && edit.source.reviewed_on >= article.summary.reviewed_on
        {
            *article = edited(article, &edit.source);
        }
    }
}

/// An article with the title, summary and text of `source`, rendered and
/// sanitised as every article is.
pub fn edited(
    record: &ArticleRecord,
    source: &portal_types::staff::articles::ArticleSource,
) -> ArticleRecord {
    let rendered = render::render(&source.markdown);
    ArticleRecord {
        summary: ArticleSummary {
            title: source.title.trim().to_owned(),
            title_en: source.title_en.trim().to_owned(),
            summary: source.summary.trim().to_owned(),
            summary_en: source.summary_en.trim().to_owned(),
            reviewed_on: source.reviewed_on,
            reading_minutes: rendered.reading_minutes,
            ..record.summary.clone()
        },
        markdown: source.markdown.clone(),
        html: rendered.html,
        toc: rendered.toc,
        plain_text: rendered.plain_text,
    }
}

/// The library the routes read, replaced whole when an editor saves.
pub struct Shelf {
    library: std::sync::RwLock<std::sync::Arc<Library>>,
    source: content::Source,
    /// The change number the library was loaded at.
    generation: std::sync::atomic::AtomicI64,
    /// Held while the library is loaded again (one load at a time).
    reloading: tokio::sync::Mutex<()>,
}

impl Shelf {
    /// Loads the library (syncing the files and the staff edits).
    pub async fn load(store: &Store, source: &content::Source) -> anyhow::Result<Self> {
        let generation = store.last_change().await?;
        Ok(Self {
            library: std::sync::RwLock::new(std::sync::Arc::new(
                Library::sync_and_load(store, source).await?,
            )),
            source: source.clone(),
            generation: std::sync::atomic::AtomicI64::new(generation),
            reloading: tokio::sync::Mutex::new(()),
        })
    }

    /// The change number the library was loaded at.
    pub fn generation(&self) -> i64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The library now.
    pub fn get(&self) -> std::sync::Arc<Library> {
        std::sync::Arc::clone(
            &self
                .library
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// Loads again after an edit (here, or through another instance).
    pub async fn reload(&self, store: &Store) -> anyhow::Result<()> {
        let _turn = self.reloading.lock().await;
        self.load_again(store).await
    }

    /// Loads again unless loaded at change `change` or later; true if it did.
    pub async fn reload_if_behind(&self, store: &Store, change: i64) -> anyhow::Result<bool> {
        let _turn = self.reloading.lock().await;
        if self.generation() >= change {
            return Ok(false);
        }
        self.load_again(store).await?;
        Ok(true)
    }

    async fn load_again(&self, store: &Store) -> anyhow::Result<()> {
        let generation = store.last_change().await?;
        let library = std::sync::Arc::new(Library::sync_and_load(store, &self.source).await?);
        *self
            .library
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = library;
        self.generation
            .store(generation, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }
}

/// How many related articles an article offers.
const RELATED: usize = 3;
/// How many recently reviewed articles the index offers.
const RECENT: usize = 6;
/// Characters of context shown before and after a match.
const EXCERPT_BEFORE: usize = 24;
const EXCERPT_AFTER: usize = 56;

struct Entry {
    record: ArticleRecord,
    /// Folded title (both languages), for ranking.
    title: String,
    /// Folded summary (both languages) and provisions, for ranking.
    summary: String,
    /// Folded body, the same length in characters as `plain_text`.
    body: String,
}

/// Every article and quiz, ready to answer.
pub struct Library {
    entries: Vec<Entry>,
    by_slug: HashMap<String, usize>,
    quizzes: Vec<Quiz>,
}

impl Library {
    /// Writes the content to the database (adding, updating and
    /// removing), then loads the library from it.
    pub async fn sync_and_load(store: &Store, source: &content::Source) -> anyhow::Result<Self> {
        let mut articles = content::articles(source)?;
        let quizzes = content::quizzes(source)?;
        apply_edits(&mut articles, &store.article_edits().await?);
        store.sync_education(&articles, &quizzes).await?;
        let articles = store.education_articles().await?;
        let quizzes = store.education_quizzes().await?;
        tracing::info!(
            articles = articles.len(),
            quizzes = quizzes.len(),
            "education content loaded"
        );
        Ok(Self::new(articles, quizzes))
    }

    /// A library of these articles and quizzes.
    pub fn new(mut articles: Vec<ArticleRecord>, mut quizzes: Vec<Quiz>) -> Self {
        let order = |topic: Topic| Topic::ALL.iter().position(|t| *t == topic);
        articles.sort_by(|a, b| {
            (order(a.summary.topic), &a.summary.slug)
                .cmp(&(order(b.summary.topic), &b.summary.slug))
        });
        quizzes.sort_by(|a, b| {
            (order(a.summary.topic), &a.summary.slug)
                .cmp(&(order(b.summary.topic), &b.summary.slug))
        });
        let entries: Vec<Entry> = articles
            .into_iter()
            .map(|record| {
                let s = &record.summary;
                let citations: Vec<String> = s.provisions.iter().map(Provision::citation).collect();
                Entry {
                    title: fold(&format!("{}\n{}", s.title, s.title_en)),
                    summary: fold(&format!(
                        "{}\n{}\n{}",
                        s.summary,
                        s.summary_en,
                        citations.join(" ")
                    )),
                    body: fold(&record.plain_text),
                    record,
                }
            })
            .collect();
        let by_slug = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.record.summary.slug.clone(), i))
            .collect();
        Self {
            entries,
            by_slug,
            quizzes,
        }
    }

    /// An article's editable source.
    pub fn source(&self, slug: &str) -> Option<portal_types::staff::articles::ArticleSource> {
        let entry = &self.entries[*self.by_slug.get(slug)?];
        let s = &entry.record.summary;
        Some(portal_types::staff::articles::ArticleSource {
            title: s.title.clone(),
            title_en: s.title_en.clone(),
            summary: s.summary.clone(),
            summary_en: s.summary_en.clone(),
            markdown: entry.record.markdown.clone(),
            reviewed_on: s.reviewed_on,
        })
    }

    /// The topics with their counts, every quiz, and the newest reviews.
    pub fn index(&self) -> EducationIndex {
        let topics = Topic::ALL
            .iter()
            .map(|&topic| TopicSummary {
                topic,
                group: topic.group(),
                articles: count(
                    self.entries
                        .iter()
                        .filter(|e| e.record.summary.topic == topic),
                ),
                quizzes: count(self.quizzes.iter().filter(|q| q.summary.topic == topic)),
            })
            .collect();
        let mut recent: Vec<&ArticleSummary> =
            self.entries.iter().map(|e| &e.record.summary).collect();
        recent.sort_by(|a, b| b.reviewed_on.cmp(&a.reviewed_on).then(a.slug.cmp(&b.slug)));
        EducationIndex {
            topics,
            quizzes: self.quiz_summaries(),
            recent: recent.into_iter().take(RECENT).cloned().collect(),
        }
    }

    /// Every quiz, as lists show them.
    pub fn quiz_summaries(&self) -> Vec<QuizSummary> {
        self.quizzes.iter().map(|q| q.summary.clone()).collect()
    }

    /// The articles that pass every filter of `query`: best first when it
    /// has words to find, in topic order otherwise.
    pub fn articles(&self, query: &ArticleQuery) -> Vec<ArticleSummary> {
        let provision = query.provision.as_ref();
        let terms: Vec<String> = query
            .q
            .as_deref()
            .map(|q| {
                fold(q)
                    .split(|c: char| !portal_types::text::is_word_char(c))
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let mut hits: Vec<(u32, &Entry)> = self
            .entries
            .iter()
            .filter(|e| query.topic.is_none_or(|t| e.record.summary.topic == t))
            .filter(|e| {
                provision
                    .as_ref()
                    .is_none_or(|p| e.record.summary.provisions.contains(p))
            })
            .filter_map(|e| score(e, &terms).map(|s| (s, e)))
            .collect();
        if !terms.is_empty() {
            hits.sort_by(|(a, x), (b, y)| {
                b.cmp(a).then(
                    y.record
                        .summary
                        .reviewed_on
                        .cmp(&x.record.summary.reviewed_on),
                )
            });
        }
        hits.into_iter()
            .map(|(_, e)| {
                let mut summary = e.record.summary.clone();
                summary.excerpt = terms.first().and_then(|t| excerpt(e, t));
                summary
            })
            .collect()
    }

    /// One article with its related articles.
    pub fn article(&self, slug: &str) -> Option<Article> {
        let &index = self.by_slug.get(slug)?;
        let entry = &self.entries[index];
        let this = &entry.record.summary;
        let mut related: Vec<(usize, &ArticleSummary)> = self
            .entries
            .iter()
            .map(|e| &e.record.summary)
            .filter(|other| other.slug != this.slug)
            .map(|other| {
                let shared = other
                    .provisions
                    .iter()
                    .filter(|p| this.provisions.contains(p))
                    .count();
                (shared * 2 + usize::from(other.topic == this.topic), other)
            })
            .filter(|(weight, _)| *weight > 0)
            .collect();
        related.sort_by(|(a, x), (b, y)| b.cmp(a).then(y.reviewed_on.cmp(&x.reviewed_on)));
        Some(Article {
            summary: this.clone(),
            html: entry.record.html.clone(),
            toc: entry.record.toc.clone(),
            related: related
                .into_iter()
                .take(RELATED)
                .map(|(_, s)| s.clone())
                .collect(),
        })
    }

    /// One quiz.
    pub fn quiz(&self, slug: &str) -> Option<Quiz> {
        self.quizzes
            .iter()
            .find(|q| q.summary.slug == slug)
            .cloned()
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// `None` when a term is missing; otherwise higher for matches in the title
/// and summary than in the body.
fn score(entry: &Entry, terms: &[String]) -> Option<u32> {
    let mut total = 0u32;
    for term in terms {
        let in_title = entry.title.matches(term.as_str()).count();
        let in_summary = entry.summary.matches(term.as_str()).count();
        let in_body = entry.body.matches(term.as_str()).count();
        if in_title + in_summary + in_body == 0 {
            return None;
        }
        let points = 12 * in_title.min(2) + 4 * in_summary.min(3) + in_body.min(8);
        total += u32::try_from(points).unwrap_or(u32::MAX);
    }
    Some(total)
}

/// The words around the first place `term` occurs in the body.
fn excerpt(entry: &Entry, term: &str) -> Option<String> {
    let byte = entry.body.find(term)?;
    // Folding maps each character to one character, so positions in
    // characters are the same in the folded and the original text.
    let start = entry.body[..byte].chars().count();
    let text: Vec<char> = entry.record.plain_text.chars().collect();
    let from = start.saturating_sub(EXCERPT_BEFORE);
    let to = (start + term.chars().count() + EXCERPT_AFTER).min(text.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(
        text[from..to]
            .iter()
            .map(|&c| if c == '\n' { ' ' } else { c }),
    );
    if to < text.len() {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Library {
        let articles =
            content::articles(&content::Source::Builtin).unwrap_or_else(|e| panic!("{e}"));
        let quizzes = content::quizzes(&content::Source::Builtin).unwrap_or_else(|e| panic!("{e}"));
        Library::new(articles, quizzes)
    }

    fn query(q: &str) -> ArticleQuery {
        ArticleQuery {
            q: Some(q.to_owned()),
            ..ArticleQuery::default()
        }
    }

    #[test]
    fn a_two_character_word_finds_the_articles_that_contain_it() {
        let hits = library().articles(&query("燃气"));
        assert!(!hits.is_empty());
        assert!(hits.iter().any(|a| a.topic == Topic::Gas));
        assert!(hits.iter().all(|a| a.excerpt.is_some()));
    }

    #[test]
    fn a_title_match_ranks_above_a_body_match() {
        let hits = library().articles(&query("电梯"));
        let first = hits.first().map(|a| a.title.as_str()).unwrap_or_default();
        assert!(first.contains("电梯"), "{first}");
    }

    #[test]
    fn every_word_of_a_search_must_match() {
        let library = library();
        let both = library.articles(&query("燃气 报警"));
        let gas = library.articles(&query("燃气"));
        assert!(both.len() <= gas.len());
        assert!(library.articles(&query("燃气 不存在的词语")).is_empty());
    }

    #[test]
    fn a_provision_filter_finds_the_articles_that_explain_it() {
        let hits = library().articles(&ArticleQuery {
            provision: Some(Provision {
                law: "安全生产法".to_owned(),
                article: 28,
            }),
            ..ArticleQuery::default()
        });
        assert!(!hits.is_empty());
        assert!(
            hits.iter()
                .all(|a| a.provisions.iter().any(|p| p.article == 28))
        );
    }

    #[test]
    fn related_articles_exclude_the_article_itself() {
        let library = library();
        let article = library.article("work-safety-law-overview");
        let Some(article) = article else {
            panic!("the overview is missing")
        };
        assert!(!article.related.is_empty());
        assert!(
            article
                .related
                .iter()
                .all(|r| r.slug != article.summary.slug)
        );
    }

    #[test]
    fn the_index_counts_every_article_once() {
        let library = library();
        let index = library.index();
        let total: u32 = index.topics.iter().map(|t| t.articles).sum();
        assert_eq!(total as usize, library.entries.len());
        assert_eq!(index.topics.len(), Topic::ALL.len());
    }
}
