-- Enforcement information beyond penalty decisions (issue 8): typical cases,
-- listed supervision of major hazards, accident investigation reports.
-- Nothing here is ever deleted: changes are new rows or audited updates.

CREATE TABLE exposed_cases (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    industry     TEXT NOT NULL,
    district     TEXT NOT NULL,
    published_on TEXT NOT NULL,
    summary      TEXT NOT NULL,
    body         TEXT NOT NULL,
    lesson       TEXT NOT NULL,
    provisions   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX exposed_cases_published ON exposed_cases (published_on DESC, id DESC);

CREATE TABLE exposed_case_decisions (
    case_id     INTEGER NOT NULL REFERENCES exposed_cases (id),
    position    INTEGER NOT NULL,
    decision_id INTEGER NOT NULL REFERENCES penalty_decisions (id),
    PRIMARY KEY (case_id, position)
) STRICT;
CREATE INDEX exposed_case_decisions_decision ON exposed_case_decisions (decision_id);

CREATE TABLE hazard_listings (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    hazard        TEXT NOT NULL,
    description   TEXT NOT NULL,
    requirements  TEXT NOT NULL,
    authority     TEXT NOT NULL,
    listed_on     TEXT NOT NULL,
    deadline      TEXT NOT NULL,
    -- The latest step's status; the steps below are the history.
    status        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX hazard_listings_listed ON hazard_listings (listed_on DESC, id DESC);
CREATE INDEX hazard_listings_enterprise ON hazard_listings (enterprise_id);

CREATE TABLE hazard_listing_steps (
    listing_id INTEGER NOT NULL REFERENCES hazard_listings (id),
    seq        INTEGER NOT NULL,
    status     TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    note       TEXT NOT NULL,
    PRIMARY KEY (listing_id, seq)
) STRICT;

CREATE TABLE accident_reports (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    occurred_on     TEXT NOT NULL,
    district        TEXT NOT NULL,
    industry        TEXT NOT NULL,
    grade           TEXT NOT NULL,
    deaths          INTEGER NOT NULL,
    injuries        INTEGER NOT NULL,
    direct_loss_fen INTEGER NOT NULL,
    investigated_by TEXT NOT NULL,
    published_on    TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX accident_reports_occurred ON accident_reports (occurred_on DESC, id DESC);

-- Every published version of a report's text, kept for its public history.
CREATE TABLE accident_report_versions (
    report_id  INTEGER NOT NULL REFERENCES accident_reports (id),
    version    INTEGER NOT NULL,
    sections   TEXT NOT NULL, -- JSON of the six chapters
    note       TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (report_id, version)
) STRICT;

CREATE TRIGGER accident_report_versions_kept BEFORE UPDATE ON accident_report_versions
BEGIN SELECT RAISE(ABORT, 'published versions of accident reports are never changed'); END;
CREATE TRIGGER accident_report_versions_not_deleted BEFORE DELETE ON accident_report_versions
BEGIN SELECT RAISE(ABORT, 'published versions of accident reports are never deleted'); END;

CREATE TABLE accident_assessments (
    report_id   INTEGER PRIMARY KEY REFERENCES accident_reports (id),
    assessed_on TEXT NOT NULL,
    authority   TEXT NOT NULL,
    findings    TEXT NOT NULL,
    conclusion  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
