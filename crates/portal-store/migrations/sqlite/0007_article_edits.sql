-- Staff edits of education articles. The files in content/ are loaded at
-- every start; an edit replaces its article's title, summary and text as
-- long as it was reviewed no earlier than the file (a newer file wins).
CREATE TABLE education_article_edits (
    slug        TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    summary     TEXT NOT NULL,
    summary_en  TEXT NOT NULL,
    markdown    TEXT NOT NULL,
    reviewed_on TEXT NOT NULL,
    edited_by   TEXT NOT NULL,
    edited_at   TEXT NOT NULL
) STRICT;
