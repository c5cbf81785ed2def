-- Changes that in-memory indexes are built from (issue #16): written in the
-- transaction of the change itself, so that every instance sharing the
-- database sees it and rebuilds what it holds. `subject` names the index:
-- decisions, enterprises, education. Rows older than a day are purged.
-- Writers hold the write lock (see the store's Dialect::begin_write), so
-- ids are committed in order and a reader never skips one.
CREATE TABLE change_log (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject TEXT NOT NULL,
    at      TIMESTAMPTZ NOT NULL
);
