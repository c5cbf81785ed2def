-- Hazard reports. The reporter's identity lives in its own table, read only
-- by staff (a later issue) and never by a public query.

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    -- SHA-256 of the secret query code; the code itself is never stored
    -- (see idempotency_keys for the one exception, purged after a day).
    code_hash       BLOB NOT NULL,
    category        TEXT NOT NULL,
    district        TEXT NOT NULL,
    address         TEXT NOT NULL,
    latitude        REAL,
    longitude       REAL,
    enterprise_id   INTEGER REFERENCES enterprises (id),
    enterprise_name TEXT,
    seen_at         TEXT NOT NULL,
    description     TEXT NOT NULL,
    anonymous       INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    status          TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    received_on     TEXT NOT NULL,
    handle_by       TEXT NOT NULL,
    extended_to     TEXT,
    feedback_by     TEXT,
    reward_yuan     INTEGER,
    source          TEXT NOT NULL DEFAULT 'web'
) STRICT;

CREATE INDEX reports_enterprise ON reports (enterprise_id, received_on);
CREATE INDEX reports_received_on ON reports (received_on);

CREATE TABLE report_reporters (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id),
    name      TEXT NOT NULL,
    phone     TEXT NOT NULL
) STRICT;

CREATE TABLE report_events (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    seq       INTEGER NOT NULL,
    status    TEXT NOT NULL,
    at        TEXT NOT NULL,
    reply     TEXT,
    PRIMARY KEY (report_id, seq)
) STRICT;

-- Photos are uploaded while the report is written, then attached to it;
-- unattached ones are deleted after a day. Bytes are re-encoded JPEG, with
-- no metadata.
CREATE TABLE report_photos (
    token        TEXT PRIMARY KEY,
    report_id    INTEGER REFERENCES reports (id),
    position     INTEGER,
    content_type TEXT NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    bytes        BLOB NOT NULL,
    uploaded_at  TEXT NOT NULL
) STRICT;

CREATE INDEX report_photos_report ON report_photos (report_id);

-- Idempotency-Key of a report submission: the same key and body give the
-- same answer; kept for a day.
CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
