-- The foundation: enterprises, penalty decisions, the blacklist, and facts
-- about the site itself. Dates are ISO 8601 text (YYYY-MM-DD, in China
-- Standard Time); instants are RFC 3339 text in UTC; money is integer fen.

CREATE TABLE site_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE enterprises (
    id                   INTEGER PRIMARY KEY,
    credit_code          TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
    name                 TEXT NOT NULL,
    legal_representative TEXT NOT NULL,
    district             TEXT NOT NULL,
    industry             TEXT NOT NULL,
    address              TEXT NOT NULL,
    registered_on        TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE INDEX enterprises_name ON enterprises (name);

-- Names an enterprise was registered under before its current one.
CREATE TABLE enterprise_former_names (
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    name          TEXT NOT NULL,
    used_until    TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, name)
) STRICT;

CREATE TABLE penalty_decisions (
    id                    INTEGER PRIMARY KEY,
    decision_no           TEXT NOT NULL UNIQUE,
    enterprise_id         INTEGER REFERENCES enterprises (id),
    party_name            TEXT NOT NULL,
    credit_code           TEXT,
    legal_representative  TEXT,
    violation_type        TEXT NOT NULL,
    facts                 TEXT NOT NULL,
    violated_provisions   TEXT NOT NULL,
    legal_basis           TEXT NOT NULL,
    -- A bit set of portal_types::PenaltyCategory.
    penalty_categories    INTEGER NOT NULL CHECK (penalty_categories > 0),
    penalty_content       TEXT NOT NULL,
    fine_fen              INTEGER NOT NULL DEFAULT 0 CHECK (fine_fen >= 0),
    confiscated_fen       INTEGER NOT NULL DEFAULT 0 CHECK (confiscated_fen >= 0),
    decided_on            TEXT NOT NULL,
    authority             TEXT NOT NULL,
    disclosure_until      TEXT NOT NULL,
    district              TEXT NOT NULL,
    industry              TEXT NOT NULL,
    revoked_on            TEXT,
    revocation_reason     TEXT,
    version               INTEGER NOT NULL DEFAULT 1,
    published_at          TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK ((revoked_on IS NULL) = (revocation_reason IS NULL))
) STRICT;

CREATE INDEX penalty_decisions_disclosure ON penalty_decisions (disclosure_until);
CREATE INDEX penalty_decisions_decided ON penalty_decisions (decided_on);
CREATE INDEX penalty_decisions_enterprise ON penalty_decisions (enterprise_id);

CREATE TABLE blacklist_entries (
    id                  INTEGER PRIMARY KEY,
    enterprise_id       INTEGER NOT NULL REFERENCES enterprises (id),
    reason              TEXT NOT NULL,
    breach_summary      TEXT NOT NULL,
    authority           TEXT NOT NULL,
    listed_on           TEXT NOT NULL,
    expected_removal_on TEXT NOT NULL,
    measures            TEXT NOT NULL,
    removed_on          TEXT,
    removal_reason      TEXT,
    decision_id         INTEGER REFERENCES penalty_decisions (id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((removed_on IS NULL) = (removal_reason IS NULL))
) STRICT;

CREATE INDEX blacklist_entries_enterprise ON blacklist_entries (enterprise_id);
