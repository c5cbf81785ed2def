-- Changes that in-memory indexes are built from (issue #16): written in the
-- transaction of the change itself, so that every instance sharing the
-- database sees it and rebuilds what it holds. `subject` names the index:
-- decisions, enterprises, education. Rows older than a day are purged.
CREATE TABLE change_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL,
    at      TEXT NOT NULL
);
