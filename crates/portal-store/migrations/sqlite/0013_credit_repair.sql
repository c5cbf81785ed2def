-- Credit repair (信用修复): an enterprise's online application for early
-- removal of its listing, followed by a reference number and a query code
-- (kept only as a SHA-256 hash), as a hazard report is.
CREATE TABLE repair_applications (
    id                INTEGER PRIMARY KEY,
    reference         TEXT NOT NULL UNIQUE,
    code_hash         BLOB NOT NULL,
    enterprise_id     INTEGER NOT NULL REFERENCES enterprises (id),
    listing_id        INTEGER NOT NULL REFERENCES blacklist_entries (id),
    status            TEXT NOT NULL,
    penalty_fulfilled INTEGER NOT NULL,
    hazards_corrected INTEGER NOT NULL,
    commitment        INTEGER NOT NULL,
    statement         TEXT NOT NULL,
    contact_name      TEXT NOT NULL,
    contact_phone     TEXT NOT NULL,
    received_at       TEXT NOT NULL,
    received_on       TEXT NOT NULL,
    decide_by         TEXT NOT NULL,
    decided_on        TEXT
) STRICT;

-- At most one open application per listing.
CREATE UNIQUE INDEX repair_applications_open ON repair_applications (listing_id)
    WHERE status NOT IN ('refused', 'approved');

-- Each step, with what the applicant was told; never changed.
CREATE TABLE repair_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES repair_applications (id),
    status         TEXT NOT NULL,
    note           TEXT,
    at             TEXT NOT NULL
) STRICT;

CREATE INDEX repair_events_application ON repair_events (application_id);

CREATE TRIGGER repair_events_no_update BEFORE UPDATE ON repair_events
BEGIN SELECT RAISE(ABORT, 'repair events are never changed'); END;
CREATE TRIGGER repair_events_no_delete BEFORE DELETE ON repair_events
BEGIN SELECT RAISE(ABORT, 'repair events are never deleted'); END;

-- Uploaded documents: a PDF as sent, or an image re-encoded as a JPEG
-- without metadata. One not attached within a day is deleted.
CREATE TABLE repair_documents (
    id             INTEGER PRIMARY KEY,
    token          TEXT NOT NULL UNIQUE,
    application_id INTEGER REFERENCES repair_applications (id),
    media_type     TEXT NOT NULL,
    bytes          BLOB NOT NULL,
    uploaded_at    TEXT NOT NULL
) STRICT;

CREATE INDEX repair_documents_application ON repair_documents (application_id);
