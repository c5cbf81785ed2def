-- Safety education. The Markdown and TOML files under `content/` are the
-- source: the server writes them here at start (adding, updating, and
-- removing what the files no longer hold) and serves from these tables.
-- `html` is the sanitised rendering of `markdown`; it is what the public
-- sees, so it is stored, and rendered again whenever the source changes.

CREATE TABLE education_articles (
    slug            TEXT PRIMARY KEY,
    topic           TEXT NOT NULL,
    title           TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    summary         TEXT NOT NULL,
    summary_en      TEXT NOT NULL,
    reviewed_on     TEXT NOT NULL,
    -- JSON array of {"law": "安全生产法", "article": 28}.
    provisions      TEXT NOT NULL,
    markdown        TEXT NOT NULL,
    html            TEXT NOT NULL,
    -- JSON array of {"id", "text", "level"}.
    toc             TEXT NOT NULL,
    -- The body's text without markup, for search.
    plain_text      TEXT NOT NULL,
    reading_minutes INTEGER NOT NULL CHECK (reading_minutes > 0),
    loaded_at       TEXT NOT NULL
) STRICT;

CREATE TABLE education_quizzes (
    slug        TEXT PRIMARY KEY,
    topic       TEXT NOT NULL,
    title       TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    summary     TEXT NOT NULL,
    summary_en  TEXT NOT NULL,
    -- JSON array of questions (text, options, multiple, answer, explanation, source).
    questions   TEXT NOT NULL,
    loaded_at   TEXT NOT NULL
) STRICT;
