//! The education content shipped with the server: `content/articles/*.md`
//! (TOML front matter between `+++` lines, then Markdown) and
//! `content/quizzes/*.toml`, embedded at build time and checked here.
//!
//! A file that breaks a rule stops the server at start with a message that
//! names the file and the rule; the unit tests below check every shipped
//! file, so such a file never gets past the test suite.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use include_dir::{Dir, include_dir};
use portal_types::education::{ArticleSummary, Provision, Question, Quiz, QuizSummary, Topic};
use serde::Deserialize;

use super::ArticleRecord;
use super::render::render;

static CONTENT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../content");

/// Why a content file was refused.
#[derive(Debug, thiserror::Error)]
#[error("content/{path}: {reason}")]
pub struct ContentError {
    /// The file, relative to `content/`.
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    topic: String,
    title: String,
    title_en: String,
    summary: String,
    summary_en: String,
    reviewed: String,
    #[serde(default)]
    provisions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizFile {
    slug: String,
    topic: String,
    title: String,
    title_en: String,
    summary: String,
    summary_en: String,
    questions: Vec<QuestionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    text: String,
    options: Vec<String>,
    answer: Vec<u8>,
    #[serde(default)]
    multiple: bool,
    explanation: String,
    source: String,
}

/// The fewest questions a quiz may have.
pub const MIN_QUESTIONS: usize = 8;

/// Every article, parsed, checked and rendered, in file-name order.
pub fn articles(source: &Source) -> Result<Vec<ArticleRecord>, ContentError> {
    let mut records = Vec::new();
    for (path, text) in files(source, "articles", "md")? {
        let fail = |reason: String| ContentError {
            path: path.clone(),
            reason,
        };
        let record = article(&text).map_err(fail)?;
        if records
            .iter()
            .any(|r: &ArticleRecord| r.summary.slug == record.summary.slug)
        {
            return Err(fail(format!(
                "slug {:?} is used twice",
                record.summary.slug
            )));
        }
        records.push(record);
    }
    Ok(records)
}

/// Every quiz, parsed and checked, in file-name order.
pub fn quizzes(source: &Source) -> Result<Vec<Quiz>, ContentError> {
    let mut quizzes: Vec<Quiz> = Vec::new();
    for (path, text) in files(source, "quizzes", "toml")? {
        let fail = |reason: String| ContentError {
            path: path.clone(),
            reason,
        };
        let quiz = quiz(&text).map_err(fail)?;
        if quizzes.iter().any(|q| q.summary.slug == quiz.summary.slug) {
            return Err(fail(format!("slug {:?} is used twice", quiz.summary.slug)));
        }
        quizzes.push(quiz);
    }
    Ok(quizzes)
}

/// Where the content comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// The copy of `content/` built into the server.
    #[default]
    Builtin,
    /// A folder with the same layout (`articles/*.md`, `quizzes/*.toml`),
    /// read at start: for editors previewing changes without a rebuild.
    Folder(PathBuf),
}

/// The files of one kind, as (path relative to the content root, text),
/// in path order.
fn files(
    source: &Source,
    folder: &str,
    extension: &str,
) -> Result<Vec<(String, String)>, ContentError> {
    let wanted = |path: &Path| path.extension().is_some_and(|e| e == extension);
    let mut files = Vec::new();
    match source {
        Source::Builtin => {
            for file in CONTENT.get_dir(folder).into_iter().flat_map(|d| d.files()) {
                if !wanted(file.path()) {
                    continue;
                }
                let path = file.path().display().to_string();
                let text = file.contents_utf8().ok_or_else(|| ContentError {
                    path: path.clone(),
                    reason: "is not UTF-8".to_owned(),
                })?;
                files.push((path, text.to_owned()));
            }
        }
        Source::Folder(root) => {
            let dir = root.join(folder);
            let fail = |reason: String| ContentError {
                path: folder.to_owned(),
                reason,
            };
            let entries = std::fs::read_dir(&dir)
                .map_err(|e| fail(format!("cannot read {}: {e}", dir.display())))?;
            for entry in entries {
                let entry =
                    entry.map_err(|e| fail(format!("cannot read {}: {e}", dir.display())))?;
                let path = entry.path();
                if !wanted(&path) {
                    continue;
                }
                let name = format!("{folder}/{}", entry.file_name().to_string_lossy());
                let text = std::fs::read_to_string(&path).map_err(|e| ContentError {
                    path: name.clone(),
                    reason: format!("cannot be read as UTF-8 text: {e}"),
                })?;
                files.push((name, text));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Parses one article file.
pub fn article(text: &str) -> Result<ArticleRecord, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("+++\n")
        .ok_or("must start with a line `+++` opening the front matter")?;
    let end = rest
        .find("\n+++\n")
        .ok_or("the front matter must end with a line `+++`")?;
    let front: FrontMatter =
        toml::from_str(&rest[..end]).map_err(|e| format!("front matter: {e}"))?;
    let markdown = rest[end + "\n+++\n".len()..].trim().to_owned();
    let topic = topic(&front.topic)?;
    check_slug(&front.slug)?;
    for (field, value) in [
        ("title", &front.title),
        ("title_en", &front.title_en),
        ("summary", &front.summary),
        ("summary_en", &front.summary_en),
    ] {
        if value.trim().is_empty() {
            return Err(format!("{field} must not be empty"));
        }
    }
    let reviewed_on = NaiveDate::parse_from_str(&front.reviewed, "%Y-%m-%d")
        .map_err(|_| format!("reviewed {:?} must be a date YYYY-MM-DD", front.reviewed))?;
    let provisions = front
        .provisions
        .iter()
        .map(|p| {
            Provision::from_compact(p)
                .ok_or_else(|| format!("provision {p:?} must read LAW:ARTICLE, as 安全生产法:28"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if markdown.is_empty() {
        return Err("the body must not be empty".to_owned());
    }
    let rendered = render(&markdown);
    Ok(ArticleRecord {
        summary: ArticleSummary {
            slug: front.slug,
            topic,
            title: front.title,
            title_en: front.title_en,
            summary: front.summary,
            summary_en: front.summary_en,
            reviewed_on,
            reading_minutes: rendered.reading_minutes,
            provisions,
            excerpt: None,
        },
        markdown,
        html: rendered.html,
        toc: rendered.toc,
        plain_text: rendered.plain_text,
    })
}

/// Whether a source names a legal text: something in 《》.
fn cites_a_law(source: &str) -> bool {
    source
        .split_once('《')
        .and_then(|(_, rest)| rest.split_once('》'))
        .is_some_and(|(name, _)| !name.trim().is_empty())
}

/// Parses one quiz file.
pub fn quiz(text: &str) -> Result<Quiz, String> {
    let file: QuizFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let topic = topic(&file.topic)?;
    check_slug(&file.slug)?;
    if file.questions.len() < MIN_QUESTIONS {
        return Err(format!(
            "a quiz needs at least {MIN_QUESTIONS} questions, this one has {}",
            file.questions.len()
        ));
    }
    let mut questions = Vec::with_capacity(file.questions.len());
    for (index, q) in file.questions.into_iter().enumerate() {
        let number = index + 1;
        if q.options.len() < 2 || q.options.len() > 8 {
            return Err(format!("question {number} needs 2 to 8 options"));
        }
        let mut answer = q.answer.clone();
        answer.sort_unstable();
        answer.dedup();
        if answer.is_empty() || answer.iter().any(|&a| usize::from(a) >= q.options.len()) {
            return Err(format!(
                "question {number}: every answer must be the index (from 0) of an option"
            ));
        }
        if !q.multiple && answer.len() != 1 {
            return Err(format!(
                "question {number} has {} answers: mark it `multiple = true` or give one",
                answer.len()
            ));
        }
        if q.explanation.trim().is_empty() || q.source.trim().is_empty() {
            return Err(format!(
                "question {number} needs an explanation and a source"
            ));
        }
        if !cites_a_law(&q.source) {
            return Err(format!(
                "question {number}: the source must name a law, regulation or rule in 《》, as 《中华人民共和国消防法》第十六条"
            ));
        }
        questions.push(Question {
            text: q.text,
            options: q.options,
            multiple: q.multiple,
            answer,
            explanation: q.explanation,
            source: q.source,
        });
    }
    Ok(Quiz {
        summary: QuizSummary {
            slug: file.slug,
            topic,
            title: file.title,
            title_en: file.title_en,
            summary: file.summary,
            summary_en: file.summary_en,
            question_count: u32::try_from(questions.len()).unwrap_or(u32::MAX),
        },
        questions,
    })
}

fn topic(slug: &str) -> Result<Topic, String> {
    Topic::from_slug(slug).ok_or_else(|| {
        let known: Vec<&str> = Topic::ALL.iter().map(|t| t.slug()).collect();
        format!("topic {slug:?} is not one of {}", known.join(", "))
    })
}

fn check_slug(slug: &str) -> Result<(), String> {
    let good = !slug.is_empty()
        && slug.len() <= 80
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if good {
        Ok(())
    } else {
        Err(format!(
            "slug {slug:?} must be 1 to 80 lower-case ASCII letters, digits and hyphens"
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_shipped_article_and_quiz_is_valid() {
        let articles = articles(&Source::Builtin).unwrap_or_else(|e| panic!("{e}"));
        let quizzes = quizzes(&Source::Builtin).unwrap_or_else(|e| panic!("{e}"));
        assert!(articles.len() >= 30, "{} articles", articles.len());
        assert!(quizzes.len() >= 6, "{} quizzes", quizzes.len());
    }

    #[test]
    fn every_topic_has_an_article() {
        let articles = articles(&Source::Builtin).unwrap_or_else(|e| panic!("{e}"));
        let covered: HashSet<Topic> = articles.iter().map(|a| a.summary.topic).collect();
        for topic in Topic::ALL {
            assert!(covered.contains(topic), "no article about {}", topic.slug());
        }
    }

    #[test]
    fn every_quiz_has_single_and_multiple_choice_questions() {
        for quiz in quizzes(&Source::Builtin).unwrap_or_else(|e| panic!("{e}")) {
            assert!(
                quiz.questions.iter().any(|q| q.multiple),
                "{}",
                quiz.summary.slug
            );
            assert!(
                quiz.questions.iter().any(|q| !q.multiple),
                "{}",
                quiz.summary.slug
            );
        }
    }

    #[test]
    fn every_provision_a_demo_decision_applies_has_an_article() {
        let articles = articles(&Source::Builtin).unwrap_or_else(|e| panic!("{e}"));
        let explained: HashSet<Provision> = articles
            .iter()
            .flat_map(|a| a.summary.provisions.iter().cloned())
            .collect();
        for violation in crate::demo::violations::VIOLATIONS {
            for provision in portal_types::education::provisions_in(violation.violated) {
                assert!(
                    explained.contains(&provision),
                    "no article explains {}",
                    provision.citation()
                );
            }
        }
    }

    #[test]
    fn no_shipped_article_shows_markdown_it_failed_to_render() {
        // CommonMark does not see `**` as emphasis next to Chinese
        // punctuation in some positions (`的**15%**计算`); such text would
        // show its asterisks to readers.
        for article in articles(&Source::Builtin).unwrap_or_else(|e| panic!("{e}")) {
            for leftover in ["**", "__", "](", "[^"] {
                assert!(
                    !article.html.contains(leftover),
                    "{} shows {leftover:?}",
                    article.summary.slug
                );
            }
        }
    }

    const GOOD: &str = "+++\nslug = \"a\"\ntopic = \"laws\"\ntitle = \"标题\"\ntitle_en = \"T\"\n\
        summary = \"摘要\"\nsummary_en = \"S\"\nreviewed = \"2026-11-01\"\nprovisions = [\"安全生产法:28\"]\n+++\n\n## 一\n\n正文";

    #[test]
    fn a_well_formed_article_parses() {
        let record = article(GOOD).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(record.summary.provisions[0].article, 28);
        assert_eq!(record.toc.len(), 1);
    }

    #[test]
    fn an_article_with_an_unknown_topic_is_refused_by_name() {
        let bad = GOOD.replace("\"laws\"", "\"cooking\"");
        let error = article(&bad).err().unwrap_or_default();
        assert!(error.contains("cooking"), "{error}");
    }

    #[test]
    fn an_article_without_front_matter_is_refused() {
        assert!(article("## 只有正文").is_err());
    }

    #[test]
    fn a_quiz_answer_outside_the_options_is_refused() {
        let question = "[[questions]]\ntext = \"?\"\noptions = [\"a\", \"b\"]\nanswer = [2]\nexplanation = \"e\"\nsource = \"s\"\n";
        let text = format!(
            "slug = \"q\"\ntopic = \"laws\"\ntitle = \"t\"\ntitle_en = \"t\"\nsummary = \"s\"\nsummary_en = \"s\"\n{}",
            question.repeat(8)
        );
        let error = quiz(&text).err().unwrap_or_default();
        assert!(error.contains("question 1"), "{error}");
    }

    #[test]
    fn a_quiz_answer_whose_source_names_no_law_is_refused() {
        let question = "[[questions]]\ntext = \"?\"\noptions = [\"a\", \"b\"]\nanswer = [1]\nexplanation = \"e\"\nsource = \"消防安全常识\"\n";
        let text = format!(
            "slug = \"q\"\ntopic = \"laws\"\ntitle = \"t\"\ntitle_en = \"t\"\nsummary = \"s\"\nsummary_en = \"s\"\n{}",
            question.repeat(8)
        );
        let error = quiz(&text).err().unwrap_or_default();
        assert!(error.contains("must name a law"), "{error}");
        let cited = text.replace("消防安全常识", "《中华人民共和国消防法》第十六条");
        assert!(quiz(&cited).is_ok());
    }
}
