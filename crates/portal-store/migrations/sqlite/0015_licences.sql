-- Administrative licences (行政许可, issue #17): the safety licences the
-- city issues or supervises. `status` is what an authority last recorded
-- (valid, suspended, revoked, cancelled); expiry is read from
-- `valid_until` and the day, never stored. `search_text` is the holder's
-- name, credit code and licence number folded (portal_types::text::fold)
-- for the public search. The events are the history: they only grow.

CREATE TABLE licences (
    id           INTEGER PRIMARY KEY,
    licence_no   TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    holder_name  TEXT NOT NULL,
    credit_code  TEXT NOT NULL CHECK (length(credit_code) = 18),
    scope        TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    valid_from   TEXT NOT NULL,
    valid_until  TEXT NOT NULL,
    authority    TEXT NOT NULL,
    district     TEXT NOT NULL,
    status       TEXT NOT NULL,
    search_text  TEXT NOT NULL,
    published_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX licences_credit_code ON licences (credit_code);
CREATE INDEX licences_valid_until ON licences (valid_until);

CREATE TABLE licence_events (
    licence_id  INTEGER NOT NULL REFERENCES licences (id),
    seq         INTEGER NOT NULL,
    status      TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    note        TEXT NOT NULL,
    decision_id INTEGER REFERENCES penalty_decisions (id),
    PRIMARY KEY (licence_id, seq)
) STRICT;
CREATE INDEX licence_events_decision ON licence_events (decision_id);
